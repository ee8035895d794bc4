//! Fake outside systems (Shopify, EasyPost, AfterShip) run as real HTTP servers on 127.0.0.1
//! with a port the OS picks, so the proxy's clients are tested over real sockets.

#![allow(dead_code)] // Each test binary uses a different subset of these helpers.

use axum::Router;
use std::time::Duration;

/// Serves `router` in the background; returns its base URL (`http://127.0.0.1:PORT`).
pub async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a local port");
    let addr = listener.local_addr().expect("the bound address");
    tokio::spawn(async move {
        axum::serve(listener, router)
            .await
            .expect("the fake server runs");
    });
    format!("http://{addr}")
}

/// An HTTP client like the proxy's, with short limits for tests.
pub fn client() -> reqwest::Client {
    wismo_proxy::outbound::client(Duration::from_secs(2), Duration::from_secs(10))
        .expect("an HTTP client")
}
