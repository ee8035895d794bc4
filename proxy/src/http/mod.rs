//! The HTTP surface: one router for the API, webhooks, the health check and the static files,
//! built from an [`AppState`] so tests drive it in-process exactly as the server runs it.

pub(crate) mod actions;
mod agent;
mod app_proxy;
mod carrier_webhooks;
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
pub use carrier_webhooks::easypost_signature;
pub use messages::{MessageRequest, MAX_MESSAGE_CHARS};
pub use orders::order_context;
pub use session::{SessionRequest, SessionResponse};
pub use shopper::Shopper;

/// The whole proxy as a router.
///
/// CORS is off on purpose: the demo storefront is served from this origin. A storefront on
/// another origin (a Shopify shop) will reach the API through Shopify's app proxy instead.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/shop", get(shop::get))
        .route("/session", post(session::create))
        .route("/orders/{number}", get(orders::get))
        .route("/actions", post(actions::execute))
        .route("/messages", post(messages::post))
        .route("/track/{token}", get(track::get))
        .fallback(|| async { AppError::NotFound })
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let webhooks = Router::new()
        .route("/shopify", post(webhooks::shopify))
        .route("/easypost", post(carrier_webhooks::easypost))
        .route("/aftership", post(carrier_webhooks::aftership))
        .fallback(|| async { AppError::NotFound });
    let router = Router::new()
        .nest("/api/v1", api)
        .nest("/webhooks", webhooks)
        .route("/healthz", get(healthz))
        .merge(integrations::routes())
        .merge(crate::outreach::http::routes())
        .merge(ops::routes())
        .merge(static_files::routes(&state.www_dir, &state.widget_dir))
        // Only routed requests are counted, by their route pattern (never a raw path).
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
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

async fn healthz() -> &'static str {
    "ok"
}
