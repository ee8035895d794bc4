//! `POST /api/v1/actions` through the router, on every configured database: executing proposals
//! only when they are executable and eligible, idempotency keys, the audit log and the helpdesk.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::http::StatusCode;
use common::{spawn_demos, Reply, TestApp};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;
use wismo::resolve::Action;
use wismo::Order;
use wismo_proxy::actions::{ledger, ActionError, ActionOutcome, OrderActions};

async fn act(app: &TestApp, token: &str, key: Option<&str>, body: &Value) -> Reply {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("authorization", auth.as_str())];
    if let Some(k) = key {
        headers.push(("idempotency-key", k));
    }
    app.post_with("/api/v1/actions", &headers, body.to_string().as_bytes())
        .await
}

fn proposal(action: Value) -> Value {
    json!({ "action": action, "needs_confirmation": false, "needs_approval": false })
}

async fn audit_results(app: &TestApp, order: &str) -> Vec<String> {
    ledger::audit_of(&app.db, order)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.result)
        .collect()
}

async fn order_json(app: &TestApp, number: &str, email: &str) -> Value {
    let token = app.token(number, email).await;
    app.get_with_token(&format!("/api/v1/orders/{number}"), &token)
        .await
        .json()["order"]
        .clone()
}

#[tokio::test]
async fn a_confirmed_cancel_of_an_unfulfilled_order_is_executed_audited_and_noted() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let r = act(
            &app,
            &token,
            Some("k-1"),
            &proposal(json!({"type": "cancel", "order": "1001"})),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
        assert_eq!(r.json()["status"], "done");
        assert_eq!(r.json()["action"], "cancel");
        assert_eq!(
            order_json(&app, "1001", "jane@example.com").await["cancelled_at"],
            "2026-11-19T15:00:00Z"
        );
        assert_eq!(audit_results(&app, "1001").await, ["done"]);
        let audit = ledger::audit_of(&app.db, "1001").await.unwrap();
        assert_eq!(audit[0].actor, "shopper:1001");
        assert_eq!(audit[0].idempotency_key.as_deref(), Some("k-1"));
        // The note is queued with the action and delivered by the worker.
        assert!(app.helpdesk.notes().is_empty());
        assert_eq!(app.deliver_notes().await.delivered, 1, "{}", app.backend);
        let notes = app.helpdesk.notes();
        assert_eq!(notes.len(), 1, "{}", app.backend);
        assert!(notes[0].1.contains("cancelled"), "{:?}", notes[0]);
    }
}

#[tokio::test]
async fn an_address_change_before_fulfilment_updates_the_stored_order() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let body = proposal(json!({"type": "change_address", "order": "1001",
            "new_address": "12 New Street, Springfield, IL 62704"}));
        let r = act(&app, &token, Some("addr-1"), &body).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
        let address = &order_json(&app, "1001", "jane@example.com").await["shipping_address"];
        assert_eq!(address["line1"], "12 New Street");
        assert_eq!(address["postcode"], "62704");
        // An address the shop cannot read is refused by the shop, and says what it needs.
        let vague =
            proposal(json!({"type": "change_address", "order": "1001", "new_address": "my hotel"}));
        let r = act(&app, &token, Some("addr-2"), &vague).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "rejected_by_shop");
    }
}

#[tokio::test]
async fn proposals_still_needing_a_yes_or_a_person_are_refused() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let mut unconfirmed = proposal(json!({"type": "cancel", "order": "1001"}));
        unconfirmed["needs_confirmation"] = true.into();
        let r = act(&app, &token, Some("k-1"), &unconfirmed).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.backend
        );
        assert_eq!(r.json()["code"], "needs_confirmation");
        let mut unapproved = proposal(json!({"type": "cancel", "order": "1001"}));
        unapproved["needs_approval"] = true.into();
        let r = act(&app, &token, Some("k-2"), &unapproved).await;
        assert_eq!(r.json()["code"], "needs_approval");
        assert!(order_json(&app, "1001", "jane@example.com").await["cancelled_at"].is_null());
        assert_eq!(
            audit_results(&app, "1001").await,
            ["needs_confirmation", "needs_approval"]
        );
        assert_eq!(app.deliver_notes().await.delivered, 0);
        assert!(app.helpdesk.notes().is_empty());
    }
}

#[tokio::test]
async fn eligibility_is_rechecked_from_the_stored_order_whatever_the_client_says() {
    for app in spawn_demos().await {
        // 1004 is with UPS: too late to change the address or cancel, even "confirmed".
        let token = app.token("1004", "marco@example.com").await;
        for (key, action) in [
            (
                "a",
                json!({"type": "change_address", "order": "1004", "new_address": "1 Elm St, Columbus, OH 43004"}),
            ),
            ("b", json!({"type": "cancel", "order": "1004"})),
        ] {
            let r = act(&app, &token, Some(key), &proposal(action)).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                app.backend
            );
            assert_eq!(r.json()["code"], "not_eligible");
            assert!(r.json()["message"]
                .as_str()
                .unwrap()
                .contains("already being fulfilled"));
        }
        // 1012 was cancelled already.
        let token = app.token("1012", "ethan@example.com").await;
        let r = act(
            &app,
            &token,
            Some("c"),
            &proposal(json!({"type": "cancel", "order": "1012"})),
        )
        .await;
        assert_eq!(r.json()["code"], "not_eligible");
        assert_eq!(
            audit_results(&app, "1004").await,
            ["not_eligible", "not_eligible"]
        );
    }
}

#[tokio::test]
async fn refunds_above_the_automatic_limit_are_refused_with_their_own_code() {
    for app in spawn_demos().await {
        // 1002 is worth $228.00; the demo policy grants up to $200.00 without a person.
        let token = app.token("1002", "omar@example.com").await;
        let refund = |minor: i64| {
            proposal(json!({"type": "refund", "order": "1002",
                "amount": {"minor": minor, "currency": "USD"}, "store_credit": false}))
        };
        let r = act(&app, &token, Some("r-1"), &refund(22800)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.backend
        );
        assert_eq!(r.json()["code"], "over_auto_limit");
        let r = act(&app, &token, Some("r-2"), &refund(22801)).await;
        assert_eq!(
            r.json()["code"],
            "invalid_action",
            "more than the order is worth"
        );
        let r = act(&app, &token, Some("r-3"), &refund(3900)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["reference"], "demo-refund-1002");
        let eur = proposal(json!({"type": "refund", "order": "1002",
            "amount": {"minor": 100, "currency": "EUR"}, "store_credit": false}));
        assert_eq!(
            act(&app, &token, Some("r-4"), &eur).await.json()["code"],
            "invalid_action"
        );
    }
}

#[tokio::test]
async fn the_same_key_and_body_replay_the_stored_answer_without_executing_again() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let body = proposal(json!({"type": "cancel", "order": "1001"}));
        let first = act(&app, &token, Some("once"), &body).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text());
        // The same request with its fields in another order is the same request.
        let reordered = json!({"needs_approval": false, "needs_confirmation": false,
            "action": {"order": "#1001", "type": "cancel"}});
        for again in [&body, &body, &reordered] {
            let r = act(&app, &token, Some("once"), again).await;
            assert_eq!(r.status, first.status, "{}", app.backend);
            assert_eq!(r.body, first.body);
            assert_eq!(r.headers["idempotent-replayed"], "true");
        }
        app.deliver_notes().await;
        assert_eq!(app.helpdesk.notes().len(), 1, "executed once");
        assert_eq!(
            audit_results(&app, "1001").await,
            ["done", "replayed", "replayed", "replayed"]
        );
        // A refusal is replayed too: the same key never gets a different answer.
        let mut unconfirmed = proposal(json!({"type": "flag", "order": "1001", "reason": "x"}));
        unconfirmed["needs_confirmation"] = true.into();
        let a = act(&app, &token, Some("refused"), &unconfirmed).await;
        let b = act(&app, &token, Some("refused"), &unconfirmed).await;
        assert_eq!((a.status, &a.body), (b.status, &b.body));
    }
}

#[tokio::test]
async fn the_same_key_with_another_body_is_a_conflict() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let flag =
            |reason: &str| proposal(json!({"type": "flag", "order": "1001", "reason": reason}));
        assert_eq!(
            act(&app, &token, Some("k"), &flag("late")).await.status,
            StatusCode::OK
        );
        let r = act(&app, &token, Some("k"), &flag("later")).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", app.backend);
        assert_eq!(r.json()["code"], "idempotency_key_reused");
        assert_eq!(
            audit_results(&app, "1001").await,
            ["done", "idempotency_key_reused"]
        );
    }
}

#[tokio::test]
async fn another_shoppers_order_is_indistinguishable_from_a_nonexistent_one() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let other = act(
            &app,
            &token,
            Some("x1"),
            &proposal(json!({"type": "cancel", "order": "1002"})),
        )
        .await;
        let missing = act(
            &app,
            &token,
            Some("x2"),
            &proposal(json!({"type": "cancel", "order": "9999"})),
        )
        .await;
        let no_token = app
            .post_with(
                "/api/v1/actions",
                &[("idempotency-key", "x3")],
                proposal(json!({"type": "cancel", "order": "1002"}))
                    .to_string()
                    .as_bytes(),
            )
            .await;
        for r in [&other, &missing, &no_token] {
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", app.backend);
            assert_eq!(r.body, other.body);
        }
        assert!(order_json(&app, "1002", "omar@example.com").await["cancelled_at"].is_null());
        // The attempt on 1002 is audited under the shopper who made it.
        assert_eq!(
            audit_results(&app, "1001").await,
            ["unauthorized", "unauthorized"]
        );
    }
}

#[tokio::test]
async fn a_missing_key_or_a_body_that_is_not_a_proposal_is_a_bad_request() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let cancel = proposal(json!({"type": "cancel", "order": "1001"}));
        let r = act(&app, &token, None, &cancel).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", app.backend);
        assert!(r.json()["message"]
            .as_str()
            .unwrap()
            .contains("Idempotency-Key"));
        for bad in [
            json!({"action": {"type": "teleport"}}),
            json!([1, 2]),
            json!({"action": {"type": "cancel", "order": "ten"}}),
        ] {
            let r = act(&app, &token, Some("k"), &bad).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
            assert_eq!(r.json()["code"], "bad_request");
        }
        assert_eq!(
            audit_results(&app, "1001").await.len(),
            4,
            "every attempt is audited"
        );
    }
}

/// A shop that never answers: the request executing an action against it hangs until dropped.
struct Hanging;

#[async_trait::async_trait]
impl OrderActions for Hanging {
    async fn execute(&self, _: &Order, _: &Action) -> Result<ActionOutcome, ActionError> {
        std::future::pending().await
    }
}

/// The app with `Hanging` as its shop, sharing the database, clocks and helpdesk.
fn hanging(app: &TestApp, timeout: Duration) -> axum::Router {
    let mut state = app.state.clone();
    state.actions = Arc::new(Hanging);
    state.action_timeout = timeout;
    wismo_proxy::app(state)
}

/// An actions request for a router other than the test app's own.
fn action_request(token: &str, key: &str, body: &Value) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post("/api/v1/actions")
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .header("idempotency-key", key)
        .body(axum::body::Body::from(body.to_string()))
        .unwrap()
}

async fn held_keys(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM idempotency_keys WHERE status IS NULL")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_key_left_held_by_a_request_that_died_is_taken_over_once_its_lease_runs_out() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let body = proposal(json!({"type": "cancel", "order": "1001"}));
        // The first request reaches the shop and dies there, as if the proxy were killed.
        let router = hanging(&app, Duration::from_secs(3600));
        let dying = tokio::spawn(router.oneshot(action_request(&token, "crash", &body)));
        while held_keys(&app).await == 0 {
            tokio::task::yield_now().await;
        }
        dying.abort();
        assert!(dying.await.unwrap_err().is_cancelled());

        // Within the lease, a retry is told to wait, and for how long.
        app.wall.advance(chrono::Duration::seconds(30));
        let r = act(&app, &token, Some("crash"), &body).await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "{}: {}",
            app.backend,
            r.text()
        );
        assert_eq!(r.json()["code"], "idempotency_key_in_progress");
        assert_eq!(r.headers["retry-after"], "90");
        assert_eq!(app.deliver_notes().await.delivered, 0, "nothing was done");

        // After it, the retry takes the key over and executes, once.
        app.wall.advance(ledger::LEASE);
        let r = act(&app, &token, Some("crash"), &body).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
        assert_eq!(r.json()["status"], "done");
        let again = act(&app, &token, Some("crash"), &body).await;
        assert_eq!((again.status, &again.body), (r.status, &r.body));
        app.deliver_notes().await;
        assert_eq!(app.helpdesk.notes().len(), 1, "{}", app.backend);
        assert_eq!(
            audit_results(&app, "1001").await,
            ["idempotency_key_in_progress", "done", "replayed"]
        );
    }
}

#[tokio::test]
async fn a_shop_that_does_not_answer_in_time_frees_the_key_for_a_retry() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let body = proposal(json!({"type": "cancel", "order": "1001"}));
        let router = hanging(&app, Duration::from_millis(50));
        let r = router
            .oneshot(action_request(&token, "slow", &body))
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::INTERNAL_SERVER_ERROR,
            "{}",
            app.backend
        );
        assert_eq!(held_keys(&app).await, 0, "the key is released");
        let audit = ledger::audit_of(&app.db, "1001").await.unwrap();
        assert_eq!(audit[0].result, "error");
        assert!(
            audit[0].message.contains("did not answer"),
            "{:?}",
            audit[0]
        );
        // The same key works at once against a shop that answers.
        let r = act(&app, &token, Some("slow"), &body).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
    }
}
