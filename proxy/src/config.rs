//! `wismo serve`'s TOML configuration: where to listen, where the data lives, the signing secrets
//! and the brand's policy. Every key is documented in CONFIG.md.

use crate::auth::{
    AppProxyConfig, GorgiasConfig, Integrations, KeyError, Sections, SessionKey, SettingsError,
    TrackingLinksConfig, ZendeskConfig,
};
use crate::outside::{AggregatorConfig, Secret, TrackingConfig, WebhooksConfig};
use crate::webhooks::{SecretError, WebhookSecret};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use wismo::Policy;

/// The environment variable that supplies (and overrides) `session_secret`.
pub const SECRET_ENV: &str = "WISMO_SESSION_SECRET";
/// The environment variable that overrides `database` (a PostgreSQL URL, usually).
pub const DATABASE_ENV: &str = "DATABASE_URL";
/// The environment variable that supplies (and overrides) `shopify.client_secret`.
pub const SHOPIFY_SECRET_ENV: &str = "WISMO_SHOPIFY_CLIENT_SECRET";

/// The configuration file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// A SQLite file path, or a `postgres://` URL.
    #[serde(default = "default_database")]
    pub database: String,
    #[serde(default)]
    pub session_secret: Option<Secret>,
    #[serde(default = "default_www")]
    pub www_dir: PathBuf,
    #[serde(default = "default_widget")]
    pub widget_dir: PathBuf,
    #[serde(default)]
    pub trust_forwarded_for: bool,
    #[serde(default)]
    pub policy: Policy,
    #[serde(default)]
    pub shopify: ShopifyConfig,
    #[serde(default)]
    pub app_proxy: AppProxyConfig,
    #[serde(default)]
    pub tracking_links: TrackingLinksConfig,
    #[serde(default)]
    pub zendesk: ZendeskConfig,
    #[serde(default)]
    pub gorgias: GorgiasConfig,
    #[serde(default)]
    pub tracking: TrackingConfig,
    #[serde(default)]
    pub easypost: AggregatorConfig,
    #[serde(default)]
    pub aftership: AggregatorConfig,
    #[serde(default)]
    pub webhooks: WebhooksConfig,
    #[serde(default)]
    pub outreach: crate::outreach::OutreachConfig,
    #[serde(default)]
    pub storefront: crate::storefront::StorefrontConfig,
    #[serde(default)]
    pub outcomes: crate::outcomes::OutcomesConfig,
}

/// `[shopify]`: the shop and the app's credentials.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShopifyConfig {
    /// `example.myshopify.com`; also names the shop in per-shopper data.
    #[serde(default)]
    pub shop_domain: Option<String>,
    /// The app's client secret, which signs webhooks.
    #[serde(default)]
    pub client_secret: Option<Secret>,
    /// The Admin API access token; with it, orders are read and changed live in Shopify.
    #[serde(default)]
    pub admin_token: Option<Secret>,
    /// The Admin API version; `shopify::API_VERSION` when unset.
    #[serde(default)]
    pub api_version: Option<String>,
    /// Where the Admin API is; `https://{shop_domain}` when unset.
    #[serde(default)]
    pub admin_url: Option<String>,
    /// How many times a throttled (or, for reads, failed) Admin API call is retried.
    #[serde(default)]
    pub max_retries: Option<u32>,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8080))
}

fn default_database() -> String {
    ".wismo/wismo.sqlite".to_owned()
}

fn default_www() -> PathBuf {
    PathBuf::from("www")
}

fn default_widget() -> PathBuf {
    PathBuf::from("target/widget")
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown or invalid keys.
    #[error("invalid config file {path}: {source}")]
    Parse {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    /// Neither the file nor the environment gives a session secret.
    #[error("no session secret: set session_secret in the config file or {SECRET_ENV} in the environment")]
    NoSecret,
    /// The secret is too short to sign tokens safely.
    #[error("{0}")]
    WeakSecret(#[from] KeyError),
    /// The Shopify client secret is unusable.
    #[error("shopify.client_secret: {0}")]
    ShopifySecret(#[from] SecretError),
    /// An app proxy, tracking-link, Zendesk or Gorgias secret is unusable.
    #[error("{0}")]
    Integration(#[from] SettingsError),
}

impl Config {
    /// Parses a configuration from TOML text.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_owned(),
            source: Box::new(e),
        })
    }

    /// Reads and parses the file at `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Where the data lives: `DATABASE_URL` if set, else the file's `database`.
    pub fn database(&self, env_url: Option<String>) -> String {
        env_url
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| self.database.clone())
    }

    /// The Shopify webhook secret: the environment's if set, else the file's; none means
    /// webhooks are refused.
    pub fn shopify_secret(
        &self,
        env_secret: Option<String>,
    ) -> Result<Option<WebhookSecret>, ConfigError> {
        env_secret
            .filter(|s| !s.is_empty())
            .or_else(|| self.shopify.client_secret.as_ref().map(own))
            .map(|s| WebhookSecret::new(s.as_bytes()).map_err(ConfigError::from))
            .transpose()
    }

    /// The name per-shopper data is kept under: the Shopify domain as Shopify writes it in
    /// `X-Shopify-Shop-Domain` (lowercase, no scheme, no slash), or `default`.
    pub fn shop(&self) -> String {
        self.shopify
            .shop_domain
            .as_deref()
            .map(normalise_domain)
            .unwrap_or_else(|| "default".to_owned())
    }

    /// The app proxy, tracking-link, Zendesk and Gorgias verifications the file and the
    /// environment (read through `env`) switch on.
    pub fn integrations(
        &self,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Integrations, ConfigError> {
        // The app proxy is signed with the app's client secret unless told otherwise.
        let shopify_secret = env(SHOPIFY_SECRET_ENV)
            .filter(|s| !s.is_empty())
            .or_else(|| self.shopify.client_secret.as_ref().map(own));
        let sections = Sections {
            app_proxy: &self.app_proxy,
            tracking_links: &self.tracking_links,
            zendesk: &self.zendesk,
            gorgias: &self.gorgias,
            shopify_client_secret: shopify_secret.as_deref(),
            shop_domain: self.shopify.shop_domain.as_deref(),
        };
        Ok(sections.integrations(env)?)
    }

    /// The signing key: the environment's secret if set, else the file's; at least 32 bytes.
    pub fn session_key(&self, env_secret: Option<String>) -> Result<SessionKey, ConfigError> {
        let secret = env_secret
            .filter(|s| !s.is_empty())
            .or_else(|| self.session_secret.as_ref().map(own))
            .ok_or(ConfigError::NoSecret)?;
        Ok(SessionKey::new(secret.as_bytes())?)
    }
}

/// "https://Acme.myshopify.com/" is "acme.myshopify.com".
pub fn normalise_domain(d: &str) -> String {
    let d = d.trim().to_ascii_lowercase();
    let d = d
        .strip_prefix("https://")
        .or_else(|| d.strip_prefix("http://"))
        .unwrap_or(&d);
    d.trim_end_matches('/').to_owned()
}

fn own(s: &Secret) -> String {
    s.expose().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_config_gets_defaults_and_a_policy() {
        let c = Config::parse(
            "session_secret = \"0123456789abcdef0123456789abcdef\"\n[policy]\nbrand_name = \"Acme\"\ntimezone = \"Europe/Berlin\"\n",
            Path::new("x.toml"),
        )
        .unwrap();
        assert_eq!(c.listen.port(), 8080);
        assert_eq!(c.policy.brand_name, "Acme");
        assert!(c.session_key(None).is_ok());
        assert!(crate::storefront::Storefront::from_config(&c.storefront).is_ok());
    }

    #[test]
    fn short_or_missing_secrets_are_refused() {
        let c = Config::parse("session_secret = \"short\"", Path::new("x.toml")).unwrap();
        assert!(matches!(
            c.session_key(None),
            Err(ConfigError::WeakSecret(_))
        ));
        let c = Config::parse("", Path::new("x.toml")).unwrap();
        assert!(matches!(c.session_key(None), Err(ConfigError::NoSecret)));
        assert!(c.session_key(Some("x".repeat(32))).is_ok());
    }

    #[test]
    fn the_example_config_in_the_docs_is_valid() {
        let text = include_str!("../wismo.example.toml");
        let c = Config::parse(text, Path::new("wismo.example.toml")).unwrap();
        assert_eq!(c.policy.timezone, "America/New_York");
        assert!(c.session_key(None).is_ok());
    }

    #[test]
    fn the_environment_overrides_the_database_and_the_shopify_secret() {
        let c = Config::parse(
            "database = \"shop.sqlite\"\n[shopify]\nshop_domain = \"acme.myshopify.com\"\nclient_secret = \"file\"\n",
            Path::new("x.toml"),
        )
        .unwrap();
        assert_eq!(c.database(None), "shop.sqlite");
        assert_eq!(
            c.database(Some("postgres://db/wismo".into())),
            "postgres://db/wismo"
        );
        assert_eq!(c.shop(), "acme.myshopify.com");
        let from_file = c.shopify_secret(None).unwrap().unwrap();
        assert!(from_file.verify(b"x", &WebhookSecret::new(b"file").unwrap().sign(b"x")));
        let from_env = c.shopify_secret(Some("env".into())).unwrap().unwrap();
        assert!(from_env.verify(b"x", &WebhookSecret::new(b"env").unwrap().sign(b"x")));
        let none = Config::parse("", Path::new("x.toml")).unwrap();
        assert!(none.shopify_secret(None).unwrap().is_none());
        assert_eq!(none.shop(), "default");
        // See: issue 14 (review). The domain as Shopify writes it in webhooks.
        for written in [
            "https://Acme.MyShopify.com/",
            " acme.myshopify.com",
            "http://acme.myshopify.com",
        ] {
            assert_eq!(normalise_domain(written), "acme.myshopify.com", "{written}");
        }
    }

    #[test]
    fn every_documented_policy_key_is_read() {
        let c = Config::parse(
            "[policy]\nbrand_name = \"Acme\"\ntone = \"formal\"\naddress_change_hours = 12\n\
             cancel_hours = 6\nmax_unhelped_turns = 3\ngoodwill_code = \"SORRY10\"\n\
             [policy.offers]\nreship = false\nexpedited_reship = true\nrefund = false\n\
             store_credit = false\ncarrier_redirect = false\nauto_limit_minor = 0\n\
             claim_window_days = 14\n\
             [policy.quiet_hours]\nstart = 22\nend = 7\n\
             [[policy.upsell]]\ntitle = \"Socks\"\nurl = \"https://acme.test/socks\"\nprice = \"$9.00\"\n",
            Path::new("x.toml"),
        )
        .unwrap();
        let p = &c.policy;
        assert_eq!(p.tone, wismo::Tone::Formal);
        assert_eq!((p.address_change_hours, p.cancel_hours), (12, 6));
        assert_eq!(p.max_unhelped_turns, 3);
        assert_eq!(p.goodwill_code.as_deref(), Some("SORRY10"));
        assert!(!p.offers.reship && p.offers.expedited_reship && !p.offers.refund);
        assert!(!p.offers.store_credit && !p.offers.carrier_redirect);
        assert_eq!(
            (p.offers.auto_limit_minor, p.offers.claim_window_days),
            (0, 14)
        );
        assert_eq!((p.quiet_hours.start, p.quiet_hours.end), (22, 7));
        assert_eq!(p.upsell[0].price.as_deref(), Some("$9.00"));
    }

    #[test]
    fn no_secret_shows_in_the_configs_debug_output() {
        let secrets = [
            "session-secret-0123456789abcdef0123",
            "shpss_client_secret_value",
            "shpat_admin_token_value",
            "app-proxy-secret-value",
            "tracking-link-secret-0123456789abcdef",
            "zendesk-jwt-secret-0123456789abcdef",
            "zendesk-api-token-value",
            "gorgias-secret-value",
            "gorgias-api-key-value",
            "easypost-key-value",
            "easypost-hook-value",
            "aftership-key-value",
            "aftership-hook-value",
        ];
        let text = format!(
            "session_secret = \"{}\"\n\
             [shopify]\nshop_domain = \"acme.myshopify.com\"\nclient_secret = \"{}\"\nadmin_token = \"{}\"\n\
             [app_proxy]\nsecret = \"{}\"\n\
             [tracking_links]\nsecret = \"{}\"\n\
             [zendesk]\njwt_secret = \"{}\"\nsubdomain = \"acme\"\napi_email = \"a@acme.com\"\napi_token = \"{}\"\n\
             [gorgias]\nsecret = \"{}\"\napi_key = \"{}\"\n\
             [easypost]\napi_key = \"{}\"\nwebhook_secret = \"{}\"\n\
             [aftership]\napi_key = \"{}\"\nwebhook_secret = \"{}\"\n",
            secrets[0], secrets[1], secrets[2], secrets[3], secrets[4], secrets[5], secrets[6],
            secrets[7], secrets[8], secrets[9], secrets[10], secrets[11], secrets[12],
        );
        let c = Config::parse(&text, Path::new("x.toml")).unwrap();
        let shown = format!("{c:?}");
        for s in secrets {
            assert!(!shown.contains(s), "{s} shows in {shown}");
        }
        assert!(shown.contains("acme.myshopify.com"));
    }

    #[test]
    fn unknown_keys_and_bad_policies_are_errors() {
        assert!(Config::parse("lisen = \"1.2.3.4:1\"", Path::new("x.toml")).is_err());
        let err = Config::parse("[policy]\ncutoff_hour = 30", Path::new("x.toml")).unwrap_err();
        assert!(err.to_string().contains("cutoff_hour"), "{err}");
    }
}
