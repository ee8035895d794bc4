//! Routes for callers other than the widget: Shopify's app proxy (`/apps/wismo`), the Zendesk
//! app (`/agent/zendesk`) and the Gorgias integration (`/gorgias`). Nothing here may be cached.

use super::{app_proxy, helpdesk};
use crate::state::AppState;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/apps/wismo/orders", get(app_proxy::orders))
        .route("/apps/wismo/session", get(app_proxy::session))
        .route("/agent/zendesk/customer", get(helpdesk::zendesk))
        .route("/gorgias/customer", get(helpdesk::gorgias))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
