//! The configuration of the optional verifications: `[app_proxy]`, `[tracking_links]`,
//! `[zendesk]` and `[gorgias]` in `wismo.toml`, each secret overridable from the environment.
//! The last two also hold the helpdesk API credentials internal notes are written with (read by
//! `helpdesk::from_config`). Documented in CONFIG.md.

use super::{
    AppProxy, GorgiasSecret, Integrations, SecretTooShort, SharedSecret, TrackingLinks, ZendeskJwt,
    DEFAULT_LEEWAY_SECONDS, DEFAULT_LINK_DAYS, DEFAULT_MAX_AGE_SECONDS,
};
use crate::outside::Secret;
use serde::Deserialize;

/// Overrides `app_proxy.secret` (and the `shopify.client_secret` it defaults to).
pub const APP_PROXY_SECRET_ENV: &str = "WISMO_APP_PROXY_SECRET";
/// Overrides `tracking_links.secret`.
pub const TRACKING_LINK_SECRET_ENV: &str = "WISMO_TRACKING_LINK_SECRET";
/// Overrides `zendesk.jwt_secret`.
pub const ZENDESK_SECRET_ENV: &str = "WISMO_ZENDESK_JWT_SECRET";
/// Overrides `gorgias.secret`.
pub const GORGIAS_SECRET_ENV: &str = "WISMO_GORGIAS_SECRET";

/// `[app_proxy]`: Shopify's app proxy at `/apps/wismo`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppProxyConfig {
    /// The app's client secret; `shopify.client_secret` when unset.
    #[serde(default)]
    pub secret: Option<Secret>,
    /// Requests signed longer ago than this are refused.
    #[serde(default = "default_max_age")]
    pub max_age_seconds: i64,
}

impl Default for AppProxyConfig {
    fn default() -> Self {
        Self {
            secret: None,
            max_age_seconds: DEFAULT_MAX_AGE_SECONDS,
        }
    }
}

fn default_max_age() -> i64 {
    DEFAULT_MAX_AGE_SECONDS
}

/// `[tracking_links]`: signed links for e-mails and SMS.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackingLinksConfig {
    #[serde(default)]
    pub secret: Option<Secret>,
    #[serde(default = "default_link_days")]
    pub ttl_days: i64,
}

impl Default for TrackingLinksConfig {
    fn default() -> Self {
        Self {
            secret: None,
            ttl_days: DEFAULT_LINK_DAYS,
        }
    }
}

fn default_link_days() -> i64 {
    DEFAULT_LINK_DAYS
}

/// `[zendesk]`: the Zendesk sidebar app's JWTs, and the Support API account internal notes are
/// written with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZendeskConfig {
    #[serde(default)]
    pub jwt_secret: Option<Secret>,
    /// Required `iss` claim, when set.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Required `aud` claim, when set.
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default = "default_leeway")]
    pub leeway_seconds: i64,
    /// `acme` in `acme.zendesk.com`: the account internal notes go to.
    #[serde(default)]
    pub subdomain: Option<String>,
    /// The agent whose API token writes the notes.
    #[serde(default)]
    pub api_email: Option<String>,
    #[serde(default)]
    pub api_token: Option<Secret>,
    /// The API's base URL; `https://{subdomain}.zendesk.com` when unset.
    #[serde(default)]
    pub api_url: Option<String>,
}

impl Default for ZendeskConfig {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            issuer: None,
            audience: None,
            leeway_seconds: DEFAULT_LEEWAY_SECONDS,
            subdomain: None,
            api_email: None,
            api_token: None,
            api_url: None,
        }
    }
}

fn default_leeway() -> i64 {
    DEFAULT_LEEWAY_SECONDS
}

/// `[gorgias]`: the Gorgias HTTP integration, and the REST API account internal notes are
/// written with.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GorgiasConfig {
    #[serde(default)]
    pub secret: Option<Secret>,
    /// `acme` in `acme.gorgias.com`: the account internal notes go to.
    #[serde(default)]
    pub domain: Option<String>,
    /// The user whose API key writes the notes; also their sender.
    #[serde(default)]
    pub api_email: Option<String>,
    #[serde(default)]
    pub api_key: Option<Secret>,
    /// The API's base URL; `https://{domain}.gorgias.com/api` when unset.
    #[serde(default)]
    pub api_url: Option<String>,
}

/// A configured secret that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {source}")]
pub struct SettingsError {
    /// The config key (or its environment variable) at fault.
    pub key: &'static str,
    pub source: SecretTooShort,
}

/// The four sections as read from the file.
#[derive(Debug, Clone, Copy)]
pub struct Sections<'a> {
    pub app_proxy: &'a AppProxyConfig,
    pub tracking_links: &'a TrackingLinksConfig,
    pub zendesk: &'a ZendeskConfig,
    pub gorgias: &'a GorgiasConfig,
    /// `shopify.client_secret`, which the app proxy is signed with unless told otherwise.
    pub shopify_client_secret: Option<&'a str>,
    /// `shopify.shop_domain`: when set, app proxy requests for other shops are refused.
    pub shop_domain: Option<&'a str>,
}

/// The environment's value if set and non-empty, else the file's.
fn pick(env: &impl Fn(&str) -> Option<String>, var: &str, file: Option<&str>) -> Option<String> {
    env(var)
        .filter(|s| !s.is_empty())
        .or_else(|| file.map(str::to_owned))
        .filter(|s| !s.is_empty())
}

fn wrap<T>(key: &'static str, r: Result<T, SecretTooShort>) -> Result<T, SettingsError> {
    r.map_err(|source| SettingsError { key, source })
}

impl Sections<'_> {
    /// The verifications these settings switch on; `env` reads environment variables.
    pub fn integrations(
        &self,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Integrations, SettingsError> {
        let proxy_file = self
            .app_proxy
            .secret
            .as_ref()
            .map(Secret::expose)
            .or(self.shopify_client_secret);
        let app_proxy = pick(&env, APP_PROXY_SECRET_ENV, proxy_file)
            .map(|s| {
                let secret = wrap("app_proxy.secret", SharedSecret::new(s.as_bytes(), 1))?;
                Ok(AppProxy::new(
                    secret,
                    self.app_proxy.max_age_seconds,
                    self.shop_domain.map(str::to_owned),
                ))
            })
            .transpose()?;
        let tracking_links = pick(
            &env,
            TRACKING_LINK_SECRET_ENV,
            self.tracking_links.secret.as_ref().map(Secret::expose),
        )
        .map(|s| {
            wrap(
                "tracking_links.secret",
                TrackingLinks::new(s.as_bytes(), self.tracking_links.ttl_days),
            )
        })
        .transpose()?;
        let z = self.zendesk;
        let zendesk_file = z.jwt_secret.as_ref().map(Secret::expose);
        let zendesk = pick(&env, ZENDESK_SECRET_ENV, zendesk_file)
            .map(|s| {
                wrap(
                    "zendesk.jwt_secret",
                    ZendeskJwt::new(
                        s.as_bytes(),
                        z.issuer.as_deref(),
                        z.audience.as_deref(),
                        z.leeway_seconds,
                    ),
                )
            })
            .transpose()?;
        let gorgias_file = self.gorgias.secret.as_ref().map(Secret::expose);
        let gorgias = pick(&env, GORGIAS_SECRET_ENV, gorgias_file)
            .map(|s| wrap("gorgias.secret", GorgiasSecret::new(s.as_bytes())))
            .transpose()?;
        Ok(Integrations {
            app_proxy,
            tracking_links,
            zendesk,
            gorgias,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections<'a>(
        ap: &'a AppProxyConfig,
        tl: &'a TrackingLinksConfig,
        z: &'a ZendeskConfig,
        g: &'a GorgiasConfig,
        shopify: Option<&'a str>,
    ) -> Sections<'a> {
        Sections {
            app_proxy: ap,
            tracking_links: tl,
            zendesk: z,
            gorgias: g,
            shopify_client_secret: shopify,
            shop_domain: None,
        }
    }

    #[test]
    fn nothing_configured_switches_nothing_on() {
        let (ap, tl, z, g) = Default::default();
        let i = sections(&ap, &tl, &z, &g, None)
            .integrations(|_| None)
            .unwrap();
        assert!(i.app_proxy.is_none() && i.tracking_links.is_none());
        assert!(i.zendesk.is_none() && i.gorgias.is_none());
    }

    #[test]
    fn the_app_proxy_defaults_to_the_shopify_secret_and_the_environment_wins() {
        let (ap, tl, z, g) = Default::default();
        let s = sections(&ap, &tl, &z, &g, Some("shpss_x"));
        assert!(s.integrations(|_| None).unwrap().app_proxy.is_some());
        let env = |k: &str| match k {
            TRACKING_LINK_SECRET_ENV => Some("t".repeat(32)),
            ZENDESK_SECRET_ENV => Some("z".repeat(32)),
            GORGIAS_SECRET_ENV => Some("g".repeat(24)),
            _ => None,
        };
        let i = s.integrations(env).unwrap();
        assert!(i.tracking_links.is_some() && i.zendesk.is_some() && i.gorgias.is_some());
    }

    #[test]
    fn weak_secrets_name_their_key() {
        let (ap, z, g) = Default::default();
        let tl = TrackingLinksConfig {
            secret: Some("short".into()),
            ttl_days: 60,
        };
        let err = sections(&ap, &tl, &z, &g, None)
            .integrations(|_| None)
            .unwrap_err();
        assert_eq!(err.key, "tracking_links.secret");
        assert!(err.to_string().contains("at least 32 bytes"), "{err}");
    }
}
