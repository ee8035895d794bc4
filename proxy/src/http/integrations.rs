//! Routes for the helpdesks: the Zendesk app (`/agent/zendesk`) and the Gorgias integration
//! (`/gorgias`). Nothing here may be cached. Shopify's app proxy lives in `storefront`.

use super::helpdesk;
use crate::state::AppState;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/zendesk/customer", get(helpdesk::zendesk))
        .route(
            "/agent/zendesk/actions",
            axum::routing::post(helpdesk::zendesk_action),
        )
        .route("/gorgias/customer", get(helpdesk::gorgias))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
