//! The storefront (`www/`) at `/` and the built widget at `/widget/`, with headers that keep a
//! rebuilt widget from being served stale.

use crate::state::AppState;
use axum::http::{header, HeaderValue};
use axum::Router;
use std::path::Path;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Static routes. File names are not content-hashed yet, so browsers must revalidate
/// (`no-cache` still lets them reuse a copy after a cheap 304).
pub fn routes(www_dir: &Path, widget_dir: &Path) -> Router<AppState> {
    let revalidate = || {
        SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        )
    };
    Router::new()
        .nest_service(
            "/widget",
            tower::ServiceBuilder::new()
                .layer(revalidate())
                // `cargo xtask widget` writes a `.gz` twin of each file: the 1.5 MB module goes out
                // as about 450 KB to every browser that accepts gzip.
                .service(ServeDir::new(widget_dir).precompressed_gzip()),
        )
        .fallback_service(
            tower::ServiceBuilder::new()
                .layer(revalidate())
                .service(ServeDir::new(www_dir)),
        )
}
