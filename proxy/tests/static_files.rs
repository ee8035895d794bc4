//! The health check and the static files: the storefront at `/`, the widget at `/widget/`.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::http::StatusCode;
use common::spawn_demos;

#[tokio::test]
async fn healthz_says_ok() {
    for app in spawn_demos().await {
        let r = app.get("/healthz").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.text(), "ok");
    }
}

#[tokio::test]
async fn the_storefront_index_is_served_at_the_root_with_safe_headers() {
    for app in spawn_demos().await {
        let r = app.get("/").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.text().contains("<title>Northwind</title>"));
        assert!(r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(r.headers["x-content-type-options"], "nosniff");
        assert_eq!(r.headers["cache-control"], "no-cache");
    }
}

#[tokio::test]
async fn the_widget_wasm_is_served_as_application_wasm() {
    for app in spawn_demos().await {
        let r = app.get("/widget/wismo_widget_bg.wasm").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.headers["content-type"], "application/wasm");
        let r = app.get("/widget/wismo_widget.js").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.headers["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript"));
    }
}

#[tokio::test]
async fn the_widget_goes_out_precompressed_to_browsers_that_accept_gzip() {
    for app in spawn_demos().await {
        let req = axum::http::Request::get("/widget/wismo_widget_bg.wasm")
            .header("accept-encoding", "gzip, br")
            .body(axum::body::Body::empty())
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.headers["content-encoding"], "gzip");
        assert_eq!(r.headers["content-type"], "application/wasm");
        assert_eq!(r.text(), "gzip twin");
        // Without gzip the plain file is served.
        let r = app.get("/widget/wismo_widget_bg.wasm").await;
        assert!(r.headers.get("content-encoding").is_none());
    }
}

#[tokio::test]
async fn a_missing_static_file_is_a_404() {
    for app in spawn_demos().await {
        assert_eq!(app.get("/nope.html").await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get("/widget/nope.js").await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn the_brands_public_policy_is_served_without_a_session() {
    for app in spawn_demos().await {
        let r = app.get("/api/v1/shop").await;
        assert_eq!(r.status, StatusCode::OK);
        let body: serde_json::Value = serde_json::from_str(&r.text()).unwrap();
        assert_eq!(body["policy"]["brand_name"], "Northwind Supply Co.");
        assert_eq!(body["policy"]["timezone"], "America/New_York");
        assert_eq!(r.headers["cache-control"], "no-store");
    }
}
