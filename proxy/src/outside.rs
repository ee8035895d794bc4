//! The outside systems a configured proxy talks to, plugged into its state: the Shopify Admin API
//! as the order source and the hands for actions, EasyPost or AfterShip as the tracking source,
//! their webhook secrets, the time limits an order view keeps to, and the helpdesk (Zendesk or
//! Gorgias) internal notes go to. Secrets come from the file
//! or (better) the environment, and their `Debug` output is redacted, so no log shows them.

use crate::config::Config;
use crate::helpdesk;
use crate::outbound;
use crate::shopify::{AdminApi, ShopifyActions, ShopifyOrders, API_VERSION};
use crate::state::AppState;
use crate::tracking::{aftership, easypost, AfterShipTracking, EasyPostTracking, Timeouts};
use crate::webhooks::WebhookSecret;
use anyhow::Context;
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Overrides `shopify.admin_token`.
pub const SHOPIFY_ADMIN_TOKEN_ENV: &str = "WISMO_SHOPIFY_ADMIN_TOKEN";
/// Overrides `easypost.api_key`.
pub const EASYPOST_API_KEY_ENV: &str = "WISMO_EASYPOST_API_KEY";
/// Overrides `easypost.webhook_secret`.
pub const EASYPOST_WEBHOOK_SECRET_ENV: &str = "WISMO_EASYPOST_WEBHOOK_SECRET";
/// Overrides `aftership.api_key`.
pub const AFTERSHIP_API_KEY_ENV: &str = "WISMO_AFTERSHIP_API_KEY";
/// Overrides `aftership.webhook_secret`.
pub const AFTERSHIP_WEBHOOK_SECRET_ENV: &str = "WISMO_AFTERSHIP_WEBHOOK_SECRET";

/// A credential from the configuration: read like a string, printed as `"…"`.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"…\"")
    }
}

/// Which service answers for carrier scans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrackingProvider {
    /// The scans already in the proxy's tables (the demo, webhook-synced shops).
    #[default]
    Stored,
    Easypost,
    Aftership,
}

/// `[tracking]`: who answers for carrier scans, and the time limits of an order view.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackingConfig {
    #[serde(default)]
    pub provider: TrackingProvider,
    /// How long one carrier call may take before cached data is shown instead.
    #[serde(default = "default_carrier_ms")]
    pub carrier_timeout_ms: u64,
    /// How long the shop may take to answer for an order.
    #[serde(default = "default_shop_ms")]
    pub shop_timeout_ms: u64,
    /// Cached carrier data younger than this is shown without asking the carrier again.
    #[serde(default = "default_refresh_secs")]
    pub refresh_after_secs: u64,
}

impl Default for TrackingConfig {
    fn default() -> Self {
        Self {
            provider: TrackingProvider::default(),
            carrier_timeout_ms: default_carrier_ms(),
            shop_timeout_ms: default_shop_ms(),
            refresh_after_secs: default_refresh_secs(),
        }
    }
}

fn default_carrier_ms() -> u64 {
    2_000
}
fn default_shop_ms() -> u64 {
    5_000
}
fn default_refresh_secs() -> u64 {
    300
}

/// `[webhooks]`: how long raw deliveries are kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhooksConfig {
    /// Days a raw delivery body is kept after it was applied (or given up on); then the row is
    /// deleted. Orders and parcels derived from it stay.
    #[serde(default = "default_retention_days")]
    pub retention_days: u32,
}

impl Default for WebhooksConfig {
    fn default() -> Self {
        Self {
            retention_days: default_retention_days(),
        }
    }
}

fn default_retention_days() -> u32 {
    30
}

/// `[easypost]` or `[aftership]`: an aggregator account.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregatorConfig {
    #[serde(default)]
    pub api_key: Option<Secret>,
    #[serde(default)]
    pub webhook_secret: Option<Secret>,
    /// The API's base URL; the production one when unset.
    #[serde(default)]
    pub base_url: Option<String>,
}

/// How many times a throttled (or, for reads, failed) Shopify call is retried by default.
const DEFAULT_RETRIES: u32 = 3;

/// The environment's value if set and non-empty, else the file's.
fn pick(env: &dyn Fn(&str) -> Option<String>, name: &str, file: Option<&Secret>) -> Option<String> {
    env(name).filter(|s| !s.is_empty()).or_else(|| {
        file.map(|s| s.expose().to_owned())
            .filter(|s| !s.is_empty())
    })
}

fn webhook_secret(value: Option<String>, what: &str) -> anyhow::Result<Option<WebhookSecret>> {
    value
        .map(|s| WebhookSecret::new(s.as_bytes()).with_context(|| what.to_owned()))
        .transpose()
}

/// Plugs the configured outside systems into `state`; `env` reads the environment.
pub fn plug_in(
    config: &Config,
    state: &mut AppState,
    env: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        config.webhooks.retention_days > 0,
        "webhooks.retention_days must be at least 1"
    );
    state.webhook_retention = chrono::Duration::days(i64::from(config.webhooks.retention_days));
    let t = &config.tracking;
    state.timeouts = Timeouts {
        shop: Duration::from_millis(t.shop_timeout_ms),
        carrier: Duration::from_millis(t.carrier_timeout_ms),
        refresh_after: Duration::from_secs(t.refresh_after_secs),
    };
    // Each call is bounded by the order view's limit; the client's own limit only guards
    // callers without one (registrations, actions, helpdesk notes).
    let http = outbound::client(Duration::from_secs(5), Duration::from_secs(30))?;

    let shopify = &config.shopify;
    if let Some(token) = pick(env, SHOPIFY_ADMIN_TOKEN_ENV, shopify.admin_token.as_ref()) {
        let base = match (&shopify.admin_url, &shopify.shop_domain) {
            (Some(url), _) => url.clone(),
            (None, Some(domain)) => format!("https://{domain}"),
            (None, None) => anyhow::bail!("shopify.admin_token needs shopify.shop_domain"),
        };
        let version = shopify.api_version.as_deref().unwrap_or(API_VERSION);
        let retries = shopify.max_retries.unwrap_or(DEFAULT_RETRIES);
        let api = AdminApi::new(http.clone(), &base, version, &token, retries)?;
        let shop = Arc::new(ShopifyOrders::new(api));
        state.orders = shop.clone();
        state.actions = Arc::new(ShopifyActions::new(shop));
        tracing::info!(%base, version, "orders come from the Shopify Admin API");
    }

    let ep = &config.easypost;
    let ast = &config.aftership;
    // EasyPost signs with the NFKD form of the secret (see `WebhookSecret::nfkd`).
    state.carrier_webhook_secrets.easypost =
        pick(env, EASYPOST_WEBHOOK_SECRET_ENV, ep.webhook_secret.as_ref())
            .map(|s| WebhookSecret::nfkd(&s).context("easypost.webhook_secret"))
            .transpose()?;
    state.carrier_webhook_secrets.aftership = webhook_secret(
        pick(
            env,
            AFTERSHIP_WEBHOOK_SECRET_ENV,
            ast.webhook_secret.as_ref(),
        ),
        "aftership.webhook_secret",
    )?;
    if let Some(desk) = helpdesk::from_config(&config.zendesk, &config.gorgias, &http, env)? {
        state.helpdesk = Some(desk);
    }

    match t.provider {
        TrackingProvider::Stored => {}
        TrackingProvider::Easypost => {
            let key = pick(env, EASYPOST_API_KEY_ENV, ep.api_key.as_ref())
                .context("tracking.provider = \"easypost\" needs easypost.api_key")?;
            let base = ep.base_url.as_deref().unwrap_or(easypost::BASE_URL);
            state.tracking = Arc::new(EasyPostTracking::new(http.clone(), base, &key));
        }
        TrackingProvider::Aftership => {
            let key = pick(env, AFTERSHIP_API_KEY_ENV, ast.api_key.as_ref())
                .context("tracking.provider = \"aftership\" needs aftership.api_key")?;
            let base = ast.base_url.as_deref().unwrap_or(aftership::BASE_URL);
            state.tracking = Arc::new(AfterShipTracking::new(http.clone(), base, &key));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::SessionKey;
    use crate::clock::SystemClock;
    use crate::db::Db;
    use std::path::Path;

    async fn state() -> AppState {
        let db = Db::open_in_memory().await.unwrap();
        AppState::new(
            db,
            Arc::new(SystemClock),
            wismo::Policy::default(),
            SessionKey::new(&[7; 32]).unwrap(),
        )
    }

    #[tokio::test]
    async fn the_environment_supplies_keys_and_secrets_and_the_file_sets_the_limits() {
        let config = Config::parse(
            "[tracking]\nprovider = \"easypost\"\ncarrier_timeout_ms = 750\n\
             [easypost]\napi_key = \"from-file\"\n[aftership]\nwebhook_secret = \"as-file\"\n\
             [shopify]\nshop_domain = \"acme.myshopify.com\"\n",
            Path::new("x.toml"),
        )
        .unwrap();
        let env = |name: &str| {
            (name == EASYPOST_WEBHOOK_SECRET_ENV || name == SHOPIFY_ADMIN_TOKEN_ENV)
                .then(|| "from-env".to_owned())
        };
        let mut s = state().await;
        plug_in(&config, &mut s, &env).unwrap();
        assert_eq!(s.timeouts.carrier, Duration::from_millis(750));
        assert_eq!(s.timeouts.shop, Duration::from_secs(5));
        let ep = s.carrier_webhook_secrets.easypost.clone().unwrap();
        assert!(ep.verify_hex(
            b"x",
            &WebhookSecret::new(b"from-env").unwrap().sign_hex(b"x")
        ));
        let af = s.carrier_webhook_secrets.aftership.clone().unwrap();
        assert!(af.verify(b"x", &WebhookSecret::new(b"as-file").unwrap().sign(b"x")));
    }

    #[tokio::test]
    async fn a_provider_without_its_key_and_a_token_without_a_shop_are_refused() {
        let no_key =
            Config::parse("[tracking]\nprovider = \"aftership\"\n", Path::new("x")).unwrap();
        let err = plug_in(&no_key, &mut state().await, &|_| None).unwrap_err();
        assert!(err.to_string().contains("aftership.api_key"), "{err}");
        let no_shop =
            Config::parse("[shopify]\nadmin_token = \"shpat_x\"\n", Path::new("x")).unwrap();
        let err = plug_in(&no_shop, &mut state().await, &|_| None).unwrap_err();
        assert!(err.to_string().contains("shop_domain"), "{err}");
    }

    #[test]
    fn secrets_are_redacted_when_a_config_is_printed() {
        let c = Config::parse(
            "[shopify]\nadmin_token = \"shpat_very_secret\"\n[easypost]\napi_key = \"EZAK_very_secret\"\n",
            Path::new("x"),
        )
        .unwrap();
        let printed = format!("{c:?}");
        assert!(!printed.contains("very_secret"), "{printed}");
        assert!(Config::parse("[tracking]\nprovider = \"pigeon\"\n", Path::new("x")).is_err());
    }
}
