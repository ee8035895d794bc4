//! Shopper and agent verification: signed session tokens naming one order, the other ways to
//! prove who is asking (Shopify's app proxy, tracking links, the Zendesk and Gorgias apps), and
//! the limiter that makes guessing order numbers, e-mails and postcodes slow.

mod app_proxy;
mod attempt;
mod client_ip;
mod gorgias;
mod rate_limit;
mod secret;
mod settings;
mod signed;
mod token;
mod tracking_link;
mod zendesk;

pub use app_proxy::{AppProxy, ProxyError, ProxyRequest, DEFAULT_MAX_AGE_SECONDS};
pub use attempt::Attempt;
pub use client_ip::ClientIp;
pub use gorgias::{GorgiasSecret, MIN_GORGIAS_SECRET_BYTES};
pub use rate_limit::RateLimiter;
pub use secret::{SecretTooShort, SharedSecret};
pub use settings::{
    AppProxyConfig, GorgiasConfig, Sections, SettingsError, TrackingLinksConfig, ZendeskConfig,
    APP_PROXY_SECRET_ENV, GORGIAS_SECRET_ENV, TRACKING_LINK_SECRET_ENV, ZENDESK_SECRET_ENV,
};
pub use token::{KeyError, SessionKey, TokenError, SESSION_MINUTES};
pub use tracking_link::{TrackingLinks, DEFAULT_LINK_DAYS, MIN_LINK_SECRET_BYTES};
pub use zendesk::{
    AgentClaims, JwtError, ZendeskJwt, DEFAULT_LEEWAY_SECONDS, MIN_JWT_SECRET_BYTES,
};

/// The ways to verify a caller besides order number and e-mail or postcode. Each is off (its
/// endpoints answer 503 `not_configured`) until its secret is configured.
#[derive(Debug, Clone, Default)]
pub struct Integrations {
    /// Shopify's app proxy, signed with the app's client secret.
    pub app_proxy: Option<AppProxy>,
    /// Signed links in e-mails and SMS.
    pub tracking_links: Option<TrackingLinks>,
    /// The Zendesk sidebar app's JWTs.
    pub zendesk: Option<ZendeskJwt>,
    /// The Gorgias HTTP integration's shared secret.
    pub gorgias: Option<GorgiasSecret>,
}
