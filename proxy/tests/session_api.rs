//! Verification and order access through the router: who may read which order, and how failures look.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::http::StatusCode;
use chrono::Duration;
use common::{spawn_demos, spawn_demos_behind_proxy};

#[tokio::test]
async fn a_shopper_with_number_and_email_can_read_their_order() {
    for app in spawn_demos().await {
        let r = app.session("#1004", "Marco@Example.com").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let body = r.json();
        assert_eq!(body["order_number"], "1004");
        assert_eq!(body["expires_at"], "2026-11-19T15:30:00Z");
        let token = body["token"].as_str().unwrap();

        let r = app.get_with_token("/api/v1/orders/1004", token).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.headers["cache-control"], "no-store");
        let ctx: wismo::OrderContext = serde_json::from_slice(&r.body).expect("an OrderContext");
        assert_eq!(ctx.now, wismo_proxy::demo::now());
        assert_eq!(ctx.order.number.as_str(), "1004");
        assert_eq!(ctx.policy.brand_name, "Northwind Supply Co.");
        assert_eq!(ctx.shipments.len(), 1);
        assert_eq!(ctx.shipments[0].events.len(), 6);
    }
}

#[tokio::test]
async fn the_order_number_may_be_given_with_or_without_a_hash() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let r = app.get_with_token("/api/v1/orders/%231001", &token).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

#[tokio::test]
async fn a_wrong_email_and_a_nonexistent_order_get_byte_identical_answers() {
    for app in spawn_demos().await {
        let wrong_email = app.session("1001", "omar@example.com").await;
        let no_order = app.session("9999", "jane@example.com").await;
        assert_eq!(wrong_email.status, StatusCode::UNAUTHORIZED);
        assert_eq!(no_order.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong_email.body, no_order.body);
        assert_eq!(
            wrong_email.json(),
            serde_json::json!({
                "code": "verification_failed",
                "message": "We couldn't find an order with those details."
            })
        );
        let mut a = wrong_email.headers.clone();
        let mut b = no_order.headers.clone();
        // The date and the request id differ per response, and say nothing about the order.
        for h in ["date", "x-request-id"] {
            a.remove(h);
            b.remove(h);
        }
        assert_eq!(a, b);
    }
}

#[tokio::test]
async fn a_token_for_one_order_cannot_read_another() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let other = app.get_with_token("/api/v1/orders/1002", &token).await;
        let missing = app.get_with_token("/api/v1/orders/9999", &token).await;
        assert_eq!(other.status, StatusCode::UNAUTHORIZED);
        assert_eq!(other.json()["code"], "unauthorized");
        assert_eq!(other.body, missing.body);
    }
}

#[tokio::test]
async fn missing_forged_and_expired_tokens_are_unauthorized() {
    for app in spawn_demos().await {
        let r = app.get("/api/v1/orders/1001").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.json()["code"], "unauthorized");

        let token = app.token("1001", "jane@example.com").await;
        let forged = token.replacen(".1001.", ".1002.", 1);
        let r = app.get_with_token("/api/v1/orders/1002", &forged).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);

        app.clock.advance(Duration::minutes(29));
        let r = app.get_with_token("/api/v1/orders/1001", &token).await;
        assert_eq!(r.status, StatusCode::OK);
        app.clock.advance(Duration::minutes(1));
        let r = app.get_with_token("/api/v1/orders/1001", &token).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.json()["code"], "unauthorized");
    }
}

#[tokio::test]
async fn malformed_bodies_and_invalid_fields_are_bad_requests() {
    for app in spawn_demos().await {
        for body in [
            "{not json",
            r#"{"order_number": "1001"}"#,
            r#"{"order_number": 1001, "email": "jane@example.com"}"#,
        ] {
            let r = app.post_raw("/api/v1/session", body).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(r.json()["code"], "bad_request", "{body}");
            assert!(!r.json()["message"].as_str().unwrap().is_empty());
        }
        let r = app.session("1001", "jane-at-example.com").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["message"], "email is not a valid e-mail address");
        // Nothing that could be an order's number or name is a bad request...
        for given in ["###", &"N".repeat(41)] {
            let r = app.session(given, "jane@example.com").await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{given}");
            assert!(r.json()["message"]
                .as_str()
                .unwrap()
                .contains("order_number"));
        }
        // ...while a name no order has is the same refusal as a wrong e-mail (see: issue 14).
        let r = app.session("ten-oh-one", "jane@example.com").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.json()["code"], "verification_failed");
        // A number sent as a JSON number says what to send instead.
        let r = app
            .post_raw(
                "/api/v1/session",
                r#"{"order_number": 1001, "email": "jane@example.com"}"#,
            )
            .await;
        let message = r.json()["message"].as_str().unwrap().to_owned();
        assert!(
            message.starts_with("order_number must be a string"),
            "{message}"
        );
        assert!(!message.contains("deserialize"), "{message}");
    }
}

#[tokio::test]
async fn guessing_is_rate_limited_per_order_even_with_the_right_email_afterwards() {
    for app in spawn_demos().await {
        for i in 0..10 {
            let r = app.session("1001", &format!("guess{i}@example.com")).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        let r = app.session("1001", "jane@example.com").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.json()["code"], "rate_limited");
        assert!(r.headers.contains_key("retry-after"));
    }
}

#[tokio::test]
async fn guessing_is_rate_limited_per_client_across_order_numbers() {
    for app in spawn_demos().await {
        for n in 2001..2011 {
            let r = app.session(&n.to_string(), "jane@example.com").await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "order {n}");
        }
        let r = app.session("1001", "jane@example.com").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_rightmost_forwarded_address_is_the_limited_client() {
    for app in spawn_demos_behind_proxy().await {
        for n in 2001..2011 {
            let r = app
                .session_from("198.51.100.7, 10.0.0.1", &n.to_string(), "x@example.com")
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "order {n}");
        }
        let r = app
            .session_from("198.51.100.8, 10.0.0.1", "1001", "jane@example.com")
            .await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "the rightmost entry is the client"
        );
        let r = app
            .session_from("10.0.0.2", "1001", "jane@example.com")
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

#[tokio::test]
async fn unknown_api_paths_answer_with_a_json_not_found() {
    for app in spawn_demos().await {
        let r = app.get("/api/v1/nope").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.json()["code"], "not_found");
    }
}

#[tokio::test]
async fn proxies_sharing_a_database_share_the_count_of_guesses() {
    for app in spawn_demos().await {
        // A second proxy on the same database: nothing in memory shared with the first.
        let other = wismo_proxy::app(wismo_proxy::AppState::new(
            app.db.clone(),
            app.clock.clone(),
            wismo_proxy::demo::policy(),
            wismo_proxy::auth::SessionKey::new(&[7; 32]).unwrap(),
        ));
        let session_via = |router: axum::Router, email: String| async move {
            let body = serde_json::json!({ "order_number": "1001", "email": email });
            let req = axum::http::Request::post("/api/v1/session")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(body.to_string()))
                .unwrap();
            tower::ServiceExt::oneshot(router, req)
                .await
                .unwrap()
                .status()
        };
        for i in 0..10 {
            let r = if i % 2 == 0 {
                app.session("1001", &format!("guess{i}@example.com"))
                    .await
                    .status
            } else {
                session_via(other.clone(), format!("guess{i}@example.com")).await
            };
            assert_eq!(r, StatusCode::UNAUTHORIZED, "{}: attempt {i}", app.backend);
        }
        for router in [app.router.clone(), other.clone()] {
            assert_eq!(
                session_via(router, "jane@example.com".into()).await,
                StatusCode::TOO_MANY_REQUESTS,
                "{}",
                app.backend
            );
        }
    }
}
