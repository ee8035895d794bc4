//! Where shoppers meet wismo outside the proxy's own demo page: a shop's storefront on another
//! origin (through Shopify's app proxy, or directly with a CORS allow-list) and the branded
//! tracking page that every shipping message links to. What the page says is decided by the
//! core (`wismo::track`); this room verifies who is asking, reads the order and renders.

pub mod gate;
pub mod page;
pub mod standin;

use crate::state::AppState;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;
use wismo::track::{Theme, ThemeError};

/// `[storefront]` in the config file: the brand's look on the tracking page and the origins
/// allowed to call the API directly.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorefrontConfig {
    /// An `https://` or site-relative image URL shown at the top of the tracking page.
    #[serde(default)]
    pub logo_url: Option<String>,
    /// The brand's accent colour, `#rgb` or `#rrggbb`.
    #[serde(default)]
    pub accent: Option<String>,
    /// Where shoppers get help when the chat cannot run (`/pages/contact` on Shopify).
    #[serde(default)]
    pub contact_url: Option<String>,
    /// Storefront origins (e.g. `https://shop.example.com`) whose pages may call the API and load
    /// the widget directly, for shops not on Shopify. Empty: same origin or app proxy only.
    #[serde(default)]
    pub cors_origins: Vec<String>,
}

/// Why `[storefront]` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StorefrontError {
    #[error("storefront.{0}")]
    Theme(#[from] ThemeError),
    #[error("storefront.cors_origins: {0:?} is not an origin like \"https://shop.example.com\" (scheme and host, no path)")]
    Origin(String),
    #[error("storefront.contact_url must start with https://, http:// or /, not {0:?}")]
    Contact(String),
}

/// The storefront settings in force.
#[derive(Debug, Clone)]
pub struct Storefront {
    pub theme: Theme,
    pub contact_url: String,
    pub cors_origins: Vec<HeaderValue>,
}

impl Default for Storefront {
    fn default() -> Self {
        Self {
            theme: Theme::default(),
            contact_url: DEFAULT_CONTACT.to_owned(),
            cors_origins: Vec::new(),
        }
    }
}

/// Shopify's contact page, which every theme has.
pub const DEFAULT_CONTACT: &str = "/pages/contact";

impl Storefront {
    pub fn from_config(c: &StorefrontConfig) -> Result<Self, StorefrontError> {
        let theme = Theme::new(c.logo_url.clone(), c.accent.clone())?;
        let contact_url = c
            .contact_url
            .clone()
            .unwrap_or_else(|| DEFAULT_CONTACT.to_owned());
        let web = contact_url.starts_with("https://")
            || contact_url.starts_with("http://")
            || (contact_url.starts_with('/')
                && !contact_url.starts_with("//")
                && !contact_url.starts_with("/\\"));
        if !web {
            return Err(StorefrontError::Contact(contact_url));
        }
        let cors_origins = c
            .cors_origins
            .iter()
            .map(|o| {
                let origin = o.trim_end_matches('/');
                let rest = origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"));
                match rest {
                    Some(host)
                        if !host.is_empty() && !host.contains(['/', '?', '#', '@', ' ', '*']) =>
                    {
                        HeaderValue::from_str(origin)
                            .map_err(|_| StorefrontError::Origin(o.clone()))
                    }
                    _ => Err(StorefrontError::Origin(o.clone())),
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            theme,
            contact_url,
            cors_origins,
        })
    }
}

/// `/t/{token}`, and everything a storefront needs under `/apps/wismo` behind the app proxy's
/// signature check.
pub fn routes(state: &AppState, api: Router<AppState>) -> Router<AppState> {
    // Answers about a shopper are never cached, by the browser or by Shopify.
    let personal = Router::new()
        .route("/orders", get(crate::http::app_proxy_orders))
        .route("/session", get(crate::http::app_proxy_session))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let proxied = Router::new()
        .merge(personal)
        .route("/t/{token}", get(page::get).post(page::post))
        .route("/t/{token}/messages", axum::routing::post(page::message))
        .route("/t/{token}/rating", axum::routing::post(page::rate))
        .route("/t/{token}/rate/{score}", get(page::rate_from_email))
        .nest("/api/v1", api)
        // Only what a storefront loads: the loader, the tracking page's starter, the widget.
        .route_service(
            "/wismo.js",
            tower_http::services::ServeFile::new(state.www_dir.join("wismo.js")),
        )
        .route_service(
            "/track.js",
            tower_http::services::ServeFile::new(state.www_dir.join("track.js")),
        )
        .nest_service(
            "/widget",
            tower_http::services::ServeDir::new(&state.widget_dir).precompressed_gzip(),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            gate::verify,
        ));
    let mut routes = Router::new()
        .route("/t/{token}", get(page::get).post(page::post))
        .route("/t/{token}/messages", axum::routing::post(page::message))
        .route("/t/{token}/rating", axum::routing::post(page::rate))
        .route("/t/{token}/rate/{score}", get(page::rate_from_email))
        .nest("/apps/wismo", proxied.clone());
    // The demo's stand-ins answer 503 `not_configured` outside `wismo demo`.
    routes = routes.merge(standin::routes(proxied));
    if state.demo_clock.is_some() {
        routes = routes.nest_service(
            // The Zendesk app's files as its package holds them side by side: the bridge from
            // www/zendesk/assets and the sidebar's build from target/widget/agent.
            "/demo/zendesk",
            tower_http::services::ServeDir::new(state.widget_dir.join("agent")).fallback(
                tower_http::services::ServeDir::new(state.www_dir.join("zendesk/assets")),
            ),
        );
    }
    routes
}
