//! Operations through the router: readiness, Prometheus metrics, request ids and the OpenAPI
//! document, which must describe every route the router has (and only those).

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{spawn_demo, spawn_demos};
use serde_json::Value;
use std::collections::BTreeSet;

#[tokio::test]
async fn readiness_follows_the_database() {
    for t in spawn_demos().await {
        let r = t.get("/readyz").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["status"], "ready");
        assert_eq!(t.get("/healthz").await.text(), "ok");

        t.db.close().await;
        let r = t.get("/readyz").await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
        let body = r.json();
        assert_eq!(body["status"], "not_ready");
        assert!(
            body["reason"].as_str().unwrap().contains("database"),
            "{body}"
        );
        // Liveness does not depend on the database.
        assert_eq!(t.get("/healthz").await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn metrics_count_requests_by_route_status_and_rate_limit_rejections() {
    let t = spawn_demo().await;
    let token = t.token("1004", "marco@example.com").await;
    for _ in 0..3 {
        t.get_with_token("/api/v1/orders/1004", &token).await;
    }
    for _ in 0..11 {
        t.session("1001", "wrong@example.com").await;
    }
    let r = t.get("/metrics").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = r.text();
    for line in [
        r#"wismo_http_requests_total{method="GET",route="/api/v1/orders/{number}",status="200"} 3"#,
        r#"wismo_http_requests_total{method="POST",route="/api/v1/session",status="401"} 10"#,
        r#"wismo_http_requests_total{method="POST",route="/api/v1/session",status="429"} 1"#,
        "wismo_rate_limit_rejections_total 1",
        "wismo_webhook_queue_depth 0",
        "wismo_helpdesk_notes_pending 0",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(text.contains(r#"wismo_http_request_duration_seconds_bucket{method="GET",route="/api/v1/orders/{number}",status="200",le="+Inf"} 3"#), "{text}");
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_a_callers_id_is_kept() {
    let t = spawn_demo().await;
    let a = t.get("/healthz").await;
    let b = t.get("/api/v1/nothing").await;
    let id_a = a.headers["x-request-id"].to_str().unwrap().to_owned();
    let id_b = b.headers["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(id_a.len(), 36, "a UUID: {id_a}");
    assert_ne!(id_a, id_b);
    let r = t
        .send(
            Request::get("/healthz")
                .header("x-request-id", "ticket-4711")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.headers["x-request-id"], "ticket-4711");
}

fn openapi() -> Value {
    serde_json::from_str(wismo_proxy::ops::OPENAPI_JSON).expect("openapi.json is JSON")
}

#[tokio::test]
async fn the_openapi_document_is_served() {
    let t = spawn_demo().await;
    let r = t.get("/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), openapi());
    assert_eq!(r.json()["openapi"], "3.1.0");
}

/// `(method, path)` of every `.route("PATH", METHOD(...))` in the HTTP sources, paths relative
/// to wherever their router is nested.
fn routes_in_source() -> BTreeSet<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/http");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // Outreach, outcomes and the storefront keep their routes beside the rest of their rooms.
    files.push(concat!(env!("CARGO_MANIFEST_DIR"), "/src/outreach/http.rs").into());
    files.push(concat!(env!("CARGO_MANIFEST_DIR"), "/src/outcomes/admin.rs").into());
    for room in ["mod.rs", "standin.rs"] {
        files.push(format!("{}/src/storefront/{room}", env!("CARGO_MANIFEST_DIR")).into());
    }
    let mut out = BTreeSet::new();
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        for chunk in text.split(".route(").skip(1) {
            let Some(rest) = chunk.trim_start().strip_prefix('"') else {
                continue;
            };
            let (path, after) = rest.split_once('"').unwrap();
            let call = after.trim_start_matches([',', ' ', '\n']);
            // The handler expression ends at the route call's closing parenthesis.
            let mut depth = 1;
            let end = call
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(call.len(), |(i, _)| i);
            for m in ["get", "post", "put", "patch", "delete"] {
                let called = call[..end].match_indices(&format!("{m}(")).any(|(i, _)| {
                    i == 0 || call[..i].ends_with('.') || call[..i].ends_with("routing::")
                });
                if called {
                    out.insert((m.to_owned(), path.to_owned()));
                }
            }
        }
    }
    out
}

fn documented() -> BTreeSet<(String, String)> {
    let doc = openapi();
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.clone(), path.clone()));
        }
    }
    out
}

#[test]
fn every_route_in_the_router_is_in_the_openapi_document() {
    let source = routes_in_source();
    assert!(
        source.len() >= 14,
        "the scan found too few routes: {source:?}"
    );
    let doc = documented();
    for (method, path) in &source {
        assert!(
            doc.iter()
                .any(|(m, p)| m == method && p.ends_with(path.as_str())),
            "{} {path} is routed in src/http but not described in proxy/openapi.json",
            method.to_uppercase()
        );
    }
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let mut t = spawn_demo().await;
    // The dashboard exists only with an admin token (without one it answers 404 on purpose).
    t.state.outcomes = std::sync::Arc::new(wismo_proxy::outcomes::OutcomesConfig {
        admin_token: Some("an-admin-token-for-the-tests-0123".into()),
        ..Default::default()
    });
    t.router = wismo_proxy::app(t.state.clone());
    for (method, path) in documented() {
        let concrete = path.replace("{number}", "1004").replace("{token}", "x");
        let req = Request::builder()
            .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
            .uri(&concrete)
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let r = t.send(req).await;
        assert!(
            r.status != StatusCode::NOT_FOUND && r.status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path} is documented but answers {}",
            r.status
        );
    }
}
