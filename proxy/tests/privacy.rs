//! Shopify's `orders/delete` and mandatory compliance webhooks (issue 14), through the router on
//! every configured database, with bodies in the shapes Shopify documents; and the retention of
//! raw deliveries.

#![recursion_limit = "256"]

mod common;

use axum::http::StatusCode;
use common::shopify::{email, fulfillment, order, order_id};
use common::{spawn_demos, TestApp, SHOP};
use serde_json::{json, Value};
use wismo_proxy::webhooks::shopify::privacy::REDACTED_BODY;
use wismo_proxy::webhooks::store;

/// Order 2001 with its UPS parcel, and a chat message from its shopper.
async fn shop_with_order_and_chat(app: &TestApp) {
    app.webhook(
        "orders/create",
        "ev-1",
        &order(2001, "2026-11-17T09:12:05-05:00"),
    )
    .await;
    let f = fulfillment(2001, 9_100_000_001, "2026-11-18T10:00:00-05:00", "success");
    app.webhook("fulfillments/create", "ev-2", &f).await;
    assert_eq!(app.drain_webhooks().await, 2);
    let token = app.token("2001", &email(2001)).await;
    let auth = format!("Bearer {token}");
    let r = app
        .post_with(
            "/api/v1/messages",
            &[("authorization", auth.as_str())],
            json!({"message": "where is my jacket?"})
                .to_string()
                .as_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// The compliance payload Shopify sends, for the customer of order 2001.
fn compliance(orders_key: &str) -> Value {
    let mut v = json!({
        "shop_id": 6_000_000_001u64,
        "shop_domain": SHOP,
        "customer": {"id": 7_000_002_001u64, "email": email(2001), "phone": "555-625-1199"},
    });
    v[orders_key] = json!([order_id(2001)]);
    v
}

// See: issue 14.
#[tokio::test]
async fn a_deleted_order_is_removed_and_no_late_webhook_brings_it_back() {
    for app in spawn_demos().await {
        shop_with_order_and_chat(&app).await;
        let r = app
            .webhook("orders/delete", "ev-del", &json!({"id": order_id(2001)}))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        app.drain_webhooks().await;
        assert!(app.stored_order("2001").await.is_none(), "{}", app.backend);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM shipments WHERE order_number = '2001'"
            )
            .await,
            0
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM shopify_orders").await, 0);
        // An update sent before the deletion but delivered after it changes nothing.
        app.webhook(
            "orders/updated",
            "ev-late",
            &order(2001, "2026-11-17T10:00:00-05:00"),
        )
        .await;
        app.drain_webhooks().await;
        assert!(app.stored_order("2001").await.is_none(), "{}", app.backend);
        let events = store::all(&app.db).await.unwrap();
        let late = events.iter().find(|e| e.event_id == "ev-late").unwrap();
        assert!(
            late.error.as_deref().unwrap().contains("deleted"),
            "{late:?}"
        );
        // Re-applying every stored delivery brings nothing back either.
        sqlx::query("UPDATE webhook_events SET processed_at = NULL")
            .execute(app.db.pool())
            .await
            .unwrap();
        app.drain_webhooks().await;
        assert!(app.stored_order("2001").await.is_none(), "{}", app.backend);
    }
}

// See: issue 14.
#[tokio::test]
async fn a_redacted_customer_leaves_nothing_behind_in_orders_chats_or_raw_deliveries() {
    for app in spawn_demos().await {
        shop_with_order_and_chat(&app).await;
        let shopper = email(2001);
        // Another shopper whose address contains this one's must keep everything.
        let mut other = order(2002, "2026-11-17T09:12:05-05:00");
        other["email"] = format!("jo{shopper}").into();
        other["contact_email"] = format!("jo{shopper}").into();
        other["customer"]["email"] = format!("jo{shopper}").into();
        other["customer"]["id"] = 7_000_009_999u64.into();
        app.webhook("orders/create", "ev-other", &other).await;
        let mut request = compliance("orders_requested");
        request["data_request"] = json!({"id": 4242});
        app.webhook("customers/data_request", "ev-dr", &request)
            .await;
        app.drain_webhooks().await;
        assert!(count(&app, "SELECT COUNT(*) FROM conversation_messages").await > 0);
        assert!(
            count(
                &app,
                "SELECT COUNT(*) FROM outcome_events WHERE order_number = '2001'"
            )
            .await
                > 0
        );
        let r = app
            .webhook(
                "customers/redact",
                "ev-redact",
                &compliance("orders_to_redact"),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        app.drain_webhooks().await;
        assert!(app.stored_order("2001").await.is_none(), "{}", app.backend);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM conversation_messages").await,
            0
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM conversations").await, 0);
        // Nor what the numbers were made of.
        let sql = format!(
            "SELECT COUNT(*) FROM outcome_events WHERE order_number = '2001' OR shopper = '{shopper}'"
        );
        assert_eq!(count(&app, &sql).await, 0, "{}", app.backend);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM shopify_fulfillments").await,
            0
        );
        // No stored delivery still carries the shopper's e-mail or the order.
        let bodies: Vec<(String, Vec<u8>)> =
            sqlx::query_as("SELECT topic, body FROM webhook_events")
                .fetch_all(app.db.pool())
                .await
                .unwrap();
        for (topic, body) in &bodies {
            let text = String::from_utf8_lossy(body);
            assert!(
                !text.contains(&format!("\"{shopper}\"")),
                "{}: {topic}: {text}",
                app.backend
            );
            assert!(
                !text.contains(&order_id(2001).to_string()),
                "{topic}: {text}"
            );
        }
        assert!(bodies.iter().any(|(_, b)| b == REDACTED_BODY));
        // The data request's export went with the rest; the other shopper kept theirs.
        assert_eq!(count(&app, "SELECT COUNT(*) FROM data_requests").await, 0);
        assert!(app.stored_order("2002").await.is_some());
        let kept: Vec<u8> =
            sqlx::query_scalar("SELECT body FROM webhook_events WHERE event_id = 'ev-other'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_ne!(kept, REDACTED_BODY, "{}", app.backend);
        // The demo's other shoppers are untouched.
        assert!(app.stored_order("1004").await.is_some());
    }
}

// See: issue 14.
#[tokio::test]
async fn a_data_request_stores_what_is_held_about_the_customer_for_the_merchant() {
    for app in spawn_demos().await {
        shop_with_order_and_chat(&app).await;
        let mut request = compliance("orders_requested");
        request["data_request"] = json!({"id": 9999});
        app.webhook("customers/data_request", "ev-dr", &request)
            .await;
        app.drain_webhooks().await;
        let export: String =
            sqlx::query_scalar("SELECT export FROM data_requests WHERE request_id = '9999'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let export: Value = serde_json::from_str(&export).unwrap();
        assert_eq!(export["customer"]["email"], email(2001), "{}", app.backend);
        assert_eq!(export["orders"][0]["order_number"], "2001");
        assert_eq!(
            export["orders"][0]["parcels"][0]["tracking_number"],
            "1Z999AA10123456784"
        );
        assert_eq!(
            export["orders"][0]["order"]["customer"]["email"],
            email(2001)
        );
        let said: Vec<&str> = export["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap())
            .collect();
        assert!(said.contains(&"where is my jacket?"), "{said:?}");
        // A data request changes nothing.
        assert!(app.stored_order("2001").await.is_some());
    }
}

// See: issue 14. The merchant reads the export with `wismo privacy`.
#[tokio::test]
async fn wismo_privacy_lists_requests_and_prints_an_export() {
    let app = common::spawn_demo().await;
    shop_with_order_and_chat(&app).await;
    let mut request = compliance("orders_requested");
    request["data_request"] = json!({"id": 9999});
    app.webhook("customers/data_request", "ev-dr", &request)
        .await;
    app.drain_webhooks().await;
    let run = |args: &[&str]| app.run_wismo(args);
    let listed = run(&["privacy", "requests"]);
    assert!(listed.status.success(), "{listed:?}");
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(
        listed.starts_with(&format!("9999\t{}\t", email(2001))),
        "{listed}"
    );
    assert!(listed.ends_with("1 requests\n"), "{listed}");
    let out = run(&["privacy", "export", "9999"]);
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["orders"][0]["order_number"], "2001");
    let missing = run(&["privacy", "export", "1234"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no data request \"1234\""));
}

// See: issue 14.
#[tokio::test]
async fn shop_redact_removes_everything_the_shop_left() {
    for app in spawn_demos().await {
        shop_with_order_and_chat(&app).await;
        let r = app
            .webhook(
                "shop/redact",
                "ev-shop",
                &json!({"shop_id": 6_000_000_001u64, "shop_domain": SHOP}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        app.drain_webhooks().await;
        for table in [
            "orders",
            "shipments",
            "tracking_events",
            "conversations",
            "conversation_messages",
            "shopify_orders",
            "webhook_events",
            "carrier_tracking",
            "outcome_events",
        ] {
            assert_eq!(
                count(&app, &format!("SELECT COUNT(*) FROM {table}")).await,
                0,
                "{}: {table}",
                app.backend
            );
        }
    }
}

// See: issue 14. Raw bodies are kept for the retention, then deleted; pending ones stay.
#[tokio::test]
async fn raw_deliveries_past_the_retention_are_deleted_once_settled() {
    for app in spawn_demos().await {
        app.webhook(
            "orders/create",
            "ev-1",
            &order(2001, "2026-11-17T09:12:05-05:00"),
        )
        .await;
        app.drain_webhooks().await;
        app.webhook(
            "orders/updated",
            "ev-2",
            &order(2001, "2026-11-17T10:00:00-05:00"),
        )
        .await;
        let now = wismo_proxy::demo::now();
        // Not yet 30 days old: nothing goes.
        assert_eq!(
            store::expire(&app.db, now - chrono::Duration::days(30))
                .await
                .unwrap(),
            0
        );
        // Past it: the applied one goes, the pending one stays until it is applied.
        let gone = store::expire(&app.db, now + chrono::Duration::seconds(1))
            .await
            .unwrap();
        assert_eq!(gone, 1, "{}", app.backend);
        let left = store::all(&app.db).await.unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].event_id, "ev-2");
        // The order derived from the deleted delivery stays.
        assert!(app.stored_order("2001").await.is_some());
    }
}
