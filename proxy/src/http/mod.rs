//! The HTTP surface: one router for the API, webhooks, the health check and the static files,
//! built from an [`AppState`] so tests drive it in-process exactly as the server runs it.

pub(crate) mod actions;
mod agent;
mod app_proxy;
mod carrier_webhooks;
mod events;
mod helpdesk;
mod helpdesk_auth;
mod integrations;
mod messages;
mod ops;
pub(crate) mod orders;
mod session;
mod shop;
pub(crate) mod shopper;
mod static_files;
mod track;
mod webhooks;

use crate::error::AppError;
use crate::state::AppState;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use actions::Executed;
pub(crate) use app_proxy::{orders as app_proxy_orders, session as app_proxy_session};
pub use carrier_webhooks::easypost_signature;
pub(crate) use helpdesk_auth::wrong_credential;
pub(crate) use messages::converse;
pub use messages::{MessageRequest, MAX_MESSAGE_CHARS};
pub use orders::order_context;
pub use session::{SessionRequest, SessionResponse};
pub use shopper::Shopper;

/// The shopper API, served at `/api/v1` and, behind the app proxy's signature, at
/// `/apps/wismo/api/v1`.
fn api() -> Router<AppState> {
    Router::new()
        .route("/shop", get(shop::get))
        .route("/session", post(session::create))
        .route("/orders/{number}", get(orders::get))
        .route("/actions", post(actions::execute))
        .route("/messages", post(messages::post))
        .route("/events", post(events::post))
        .route("/track/{token}", get(track::get))
        .fallback(|| async { AppError::NotFound })
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// The whole proxy as a router.
///
/// A storefront on another origin reaches it through Shopify's app proxy (`/apps/wismo/…` on
/// the shop's own domain), or, for shops not on Shopify, directly from the origins listed in
/// `storefront.cors_origins`.
pub fn app(state: AppState) -> Router {
    let webhooks = Router::new()
        .route("/shopify", post(webhooks::shopify))
        .route("/easypost", post(carrier_webhooks::easypost))
        .route("/aftership", post(carrier_webhooks::aftership))
        .fallback(|| async { AppError::NotFound });
    let router = Router::new()
        .nest("/api/v1", api())
        .merge(crate::storefront::routes(&state, api()))
        .nest("/webhooks", webhooks)
        .route("/healthz", get(healthz))
        .merge(integrations::routes())
        .merge(crate::outreach::http::routes())
        .merge(ops::routes())
        .merge(crate::outcomes::admin::routes())
        .merge(static_files::routes(&state.www_dir, &state.widget_dir))
        .layer(cors(&state))
        // Only routed requests are counted, by their route pattern (never a raw path).
        // The metrics alone, not the whole state: this runs for every request.
        .route_layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            crate::ops::track,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ));
    crate::ops::observe(router).with_state(state)
}

/// Cross-origin access for the storefronts the config lists: reading the API and loading the
/// widget's module and wasm. No credentials (the session token is sent explicitly), so a
/// listed origin gets nothing a page could not already get by asking.
fn cors(state: &AppState) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let origins = state.storefront.cors_origins.clone();
    if origins.is_empty() {
        return CorsLayer::new();
    }
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            axum::http::HeaderName::from_static("idempotency-key"),
        ])
        .max_age(std::time::Duration::from_secs(600))
}

async fn healthz() -> &'static str {
    "ok"
}
