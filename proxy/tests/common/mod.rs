//! One way to build the app for tests: the demo shop in a fresh database, a clock the test can
//! move, and throwaway static directories; plus small request helpers.

#![allow(dead_code)] // Each test binary uses a different subset of these helpers.

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::sync::Arc;
use tempfile::TempDir;
use tower::ServiceExt;
use wismo_proxy::auth::{RateLimiter, SessionKey};
use wismo_proxy::{app, db, demo, AppState, FixedClock, SqliteOrderSource};

pub struct TestApp {
    pub router: Router,
    pub clock: Arc<FixedClock>,
    /// Holds the database file and static directories until the test ends.
    pub dir: TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The demo shop on a fresh temporary database, at the demo's frozen "now".
pub async fn spawn_demo() -> TestApp {
    spawn_demo_with(false).await
}

/// The demo shop as if behind a reverse proxy that sets `X-Forwarded-For`.
pub async fn spawn_demo_behind_proxy() -> TestApp {
    spawn_demo_with(true).await
}

async fn spawn_demo_with(trust_forwarded_for: bool) -> TestApp {
    let dir = tempfile::tempdir().expect("a temp dir");
    let www = dir.path().join("www");
    let widget = dir.path().join("widget");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>Northwind</title>",
    )
    .unwrap();
    std::fs::write(widget.join("wismo_widget_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(widget.join("wismo_widget.js"), "export default 1;").unwrap();

    let pool = db::open(&dir.path().join("test.sqlite"))
        .await
        .expect("database");
    demo::seed_if_empty(&pool).await.expect("seed");
    let clock = Arc::new(FixedClock::new(demo::now()));
    let state = AppState {
        orders: Arc::new(SqliteOrderSource::new(pool.clone())),
        pool,
        clock: clock.clone(),
        policy: Arc::new(demo::policy()),
        session_key: SessionKey::new(&[7; 32]).unwrap(),
        limiter: Arc::new(RateLimiter::default()),
        trust_forwarded_for,
        www_dir: www,
        widget_dir: widget,
    };
    TestApp {
        router: app(state),
        clock,
        dir,
    }
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn get_with_token(&self, path: &str, token: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn post_raw(&self, path: &str, body: &str) -> Reply {
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_owned()))
                .unwrap(),
        )
        .await
    }

    pub async fn session(&self, order_number: &str, email: &str) -> Reply {
        let body = serde_json::json!({ "order_number": order_number, "email": email });
        self.post_raw("/api/v1/session", &body.to_string()).await
    }

    /// A verification attempt from the client a reverse proxy names in `X-Forwarded-For`.
    pub async fn session_from(
        &self,
        forwarded_for: &str,
        order_number: &str,
        email: &str,
    ) -> Reply {
        let body = serde_json::json!({ "order_number": order_number, "email": email });
        self.send(
            Request::post("/api/v1/session")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-forwarded-for", forwarded_for)
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
    }

    /// A token for an order, asserting verification succeeds.
    pub async fn token(&self, order_number: &str, email: &str) -> String {
        let r = self.session(order_number, email).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()["token"].as_str().expect("a token").to_owned()
    }
}
