//! What a real shop's webhooks hit (issue 14), through the router on every configured database:
//! payloads in the shapes Shopify, EasyPost and AfterShip document, with the quirks of real data.

#![recursion_limit = "256"]

mod common;

use axum::http::StatusCode;
use common::shopify::{fulfillment, order};
use common::{spawn_demos, TestApp};
use serde_json::Value;
use wismo::OrderNumber;
use wismo_proxy::webhooks::store;

async fn shipments(app: &TestApp, number: &str) -> Vec<wismo::Shipment> {
    let o = app.stored_order(number).await.expect("the order");
    app.state.orders.shipments(&o).await.unwrap()
}

/// A fulfillment of order `number` whose tracking number is `tracking`, carried by `company`.
fn fulfillment_with(number: u64, tracking: &str, company: &str) -> Value {
    let mut f = fulfillment(
        number,
        9_100_000_001,
        "2026-11-18T10:00:00-05:00",
        "success",
    );
    f["tracking_company"] = company.into();
    f["tracking_number"] = tracking.into();
    f["tracking_numbers"] = serde_json::json!([tracking]);
    f["tracking_url"] = Value::Null;
    f["tracking_urls"] = serde_json::json!([]);
    f
}

// See: issue 14. A tracking number of a shape the core does not know sank the fulfillment, and
// with it every later update of the order: a cancelled order stayed "delivered".
#[tokio::test]
async fn a_tracking_number_of_an_unknown_shape_is_kept_and_later_updates_still_apply() {
    for app in spawn_demos().await {
        app.webhook(
            "orders/create",
            "ev-1",
            &order(2001, "2026-11-17T09:12:05-05:00"),
        )
        .await;
        let f = fulfillment_with(2001, "4912-3456-7890", "Japan Post");
        let r = app.webhook("fulfillments/create", "ev-2", &f).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(app.drain_webhooks().await, 2);
        let parcels = shipments(&app, "2001").await;
        assert_eq!(parcels.len(), 1, "{}", app.backend);
        assert_eq!(parcels[0].tracking_number.as_str(), "491234567890");
        assert!(store::failed(&app.db).await.unwrap().is_empty());

        // The order is cancelled later; the update embeds the same fulfillment.
        let mut cancelled = order(2001, "2026-11-18T12:00:00-05:00");
        cancelled["cancelled_at"] = "2026-11-18T12:00:00-05:00".into();
        cancelled["cancel_reason"] = "customer".into();
        cancelled["fulfillments"] = serde_json::json!([f]);
        app.webhook("orders/cancelled", "ev-3", &cancelled).await;
        assert_eq!(app.drain_webhooks().await, 1);
        let o = app.stored_order("2001").await.unwrap();
        assert!(o.cancelled_at.is_some(), "{}", app.backend);
        assert!(store::failed(&app.db).await.unwrap().is_empty());
    }
}

// See: issue 14. Something that is no tracking number at all is left out, not fatal.
#[tokio::test]
async fn a_fulfillment_whose_tracking_number_is_not_one_still_ships_the_order() {
    for app in spawn_demos().await {
        app.webhook(
            "orders/create",
            "ev-1",
            &order(2001, "2026-11-17T09:12:05-05:00"),
        )
        .await;
        let f = fulfillment_with(2001, "N/A", "Other");
        app.webhook("fulfillments/create", "ev-2", &f).await;
        app.drain_webhooks().await;
        assert!(store::failed(&app.db).await.unwrap().is_empty());
        let o = app.stored_order("2001").await.unwrap();
        assert!(o.fulfillments.is_empty());
        assert_eq!(o.fulfillment_status, wismo::FulfillmentStatus::InProgress);
    }
}

async fn metrics_text(app: &TestApp) -> String {
    let r = app.get("/metrics").await;
    assert_eq!(r.status, StatusCode::OK);
    r.text()
}

// See: issue 14. A failure was only a log line; now it is counted, listed and can be retried.
#[tokio::test]
async fn a_webhook_that_cannot_be_applied_is_counted_listed_and_can_be_queued_again() {
    for app in spawn_demos().await {
        let mut no_items = order(2001, "2026-11-17T09:12:05-05:00");
        no_items["line_items"] = serde_json::json!([]);
        app.webhook("orders/create", "ev-1", &no_items).await;
        app.drain_webhooks().await;
        let failed = store::failed(&app.db).await.unwrap();
        assert_eq!(failed.len(), 1, "{}", app.backend);
        assert_eq!(failed[0].topic, "orders/create");
        assert!(failed[0]
            .error
            .as_deref()
            .unwrap()
            .contains("no line items"));
        let text = metrics_text(&app).await;
        assert!(
            text.contains(r#"wismo_webhooks_failed{provider="shopify"} 1"#),
            "{text}"
        );

        assert_eq!(store::retry_failed(&app.db, &[]).await.unwrap(), 1);
        assert!(store::failed(&app.db).await.unwrap().is_empty());
        // Still unreadable by this version: applied again, failed again, nothing lost.
        assert_eq!(app.drain_webhooks().await, 1);
        let again = store::failed(&app.db).await.unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].process_count, 2);
        // Retrying an id that is not failed queues nothing.
        assert_eq!(store::retry_failed(&app.db, &[999]).await.unwrap(), 0);
        assert_eq!(
            store::retry_failed(&app.db, &[again[0].id]).await.unwrap(),
            1
        );
    }
}

// See: issue 14. The operator's commands, against a database `wismo serve` would use.
#[tokio::test]
async fn wismo_webhooks_lists_failed_deliveries_and_queues_them_again() {
    let app = common::spawn_demo().await;
    let mut no_items = order(2001, "2026-11-17T09:12:05-05:00");
    no_items["line_items"] = serde_json::json!([]);
    app.webhook("orders/create", "ev-1", &no_items).await;
    app.drain_webhooks().await;
    let run = |args: &[&str]| {
        let out = app.run_wismo(args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let listed = run(&["webhooks", "failed"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(
        lines[0].contains("\tshopify\torders/create\tev-1\t"),
        "{listed}"
    );
    assert!(lines[0].ends_with("order has no line items"), "{listed}");
    assert_eq!(lines[1], "1 failed");
    let retried = run(&["webhooks", "retry", "--apply"]);
    assert_eq!(retried, "1 queued again\n1 applied, 1 still failed\n");
}

/// EasyPost's published webhook body shape: an Event around the Tracker.
fn easypost_event(tracking_code: &str, updated_at: &str, est_delivery: &str) -> Value {
    serde_json::json!({
        "object": "Event",
        "id": "evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "mode": "production",
        "description": "tracker.updated",
        "previous_attributes": {"status": "pre_transit"},
        "created_at": updated_at,
        "updated_at": updated_at,
        "pending_urls": [],
        "completed_urls": [],
        "user_id": "user_0123456789abcdef",
        "status": "pending",
        "result": {
            "object": "Tracker",
            "id": "trk_0123456789abcdef0123456789abcdef",
            "mode": "production",
            "tracking_code": tracking_code,
            "status": "in_transit",
            "status_detail": "arrived_at_facility",
            "carrier": "FedEx",
            "created_at": "2026-11-17T16:10:00Z",
            "updated_at": updated_at,
            "signed_by": null,
            "weight": 614.4,
            "est_delivery_date": est_delivery,
            "shipment_id": null,
            "public_url": "https://track.easypost.com/djE6dHJrXzAxMjM",
            "fees": [],
            "carrier_detail": null,
            "tracking_details": [
                {
                    "object": "TrackingDetail",
                    "message": "Shipment information sent to FedEx",
                    "description": "",
                    "status": "pre_transit",
                    "status_detail": "label_created",
                    "datetime": "2026-11-17T16:05:00Z",
                    "source": "FedEx",
                    "carrier_code": "OC",
                    "tracking_location": {"object": "TrackingLocation", "city": null, "state": null, "country": null, "zip": null}
                },
                {
                    "object": "TrackingDetail",
                    "message": "Arrived at FedEx location",
                    "description": "",
                    "status": "in_transit",
                    "status_detail": "arrived_at_facility",
                    "datetime": "2026-11-19T14:00:00Z",
                    "source": "FedEx",
                    "carrier_code": "AR",
                    "tracking_location": {"object": "TrackingLocation", "city": "EDISON TWP", "state": "NJ", "country": "US", "zip": "08817"}
                }
            ]
        }
    })
}

/// Posts `body` to the EasyPost webhook signed as EasyPost does, under the raw key bytes `key`.
async fn post_easypost(app: &TestApp, key: &[u8], body: &str) -> common::Reply {
    let sig = wismo_proxy::webhooks::WebhookSecret::new(key)
        .unwrap()
        .sign_hex(body.as_bytes());
    app.post_with(
        "/webhooks/easypost",
        &[("x-hmac-signature", &format!("hmac-sha256-hex={sig}"))],
        body.as_bytes(),
    )
    .await
}

// See: issue 14. EasyPost's libraries sign with the NFKD form of the secret; a secret with an
// accent, configured as the merchant typed it, must accept EasyPost's own signature.
#[tokio::test]
async fn an_easypost_signature_made_with_a_non_ascii_secret_is_accepted() {
    for mut app in spawn_demos().await {
        let config = wismo_proxy::config::Config::parse(
            "[easypost]\nwebhook_secret = \"s\u{e9}cret-\u{e4}pfel\"\n",
            std::path::Path::new("wismo.toml"),
        )
        .unwrap();
        wismo_proxy::outside::plug_in(&config, &mut app.state, &|_| None).unwrap();
        app.router = wismo_proxy::app(app.state.clone());
        let body = easypost_event(
            "1Z4W96E80310428511",
            "2026-11-19T13:12:00Z",
            "2026-11-20T00:00:00Z",
        )
        .to_string();
        // What EasyPost's client library computes: HMAC-SHA256 keyed by the NFKD bytes.
        let r = post_easypost(&app, "se\u{301}cret-a\u{308}pfel".as_bytes(), &body).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
        // A signature keyed by the composed bytes is not EasyPost's and is refused.
        let r = post_easypost(&app, "s\u{e9}cret-\u{e4}pfel".as_bytes(), &body).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
}

/// A Shopify delivery signed with the app's secret (shared by every shop that installed it),
/// about `shop`.
async fn webhook_from(
    app: &TestApp,
    shop: Option<&str>,
    topic: &str,
    id: &str,
    body: &Value,
) -> common::Reply {
    let body = body.to_string();
    let sig = wismo_proxy::webhooks::WebhookSecret::new(common::WEBHOOK_SECRET)
        .unwrap()
        .sign(body.as_bytes());
    let mut headers = vec![
        ("x-shopify-topic", topic),
        ("x-shopify-event-id", id),
        ("x-shopify-hmac-sha256", sig.as_str()),
        ("x-shopify-api-version", "2026-10"),
    ];
    if let Some(shop) = shop {
        headers.push(("x-shopify-shop-domain", shop));
    }
    app.post_with("/webhooks/shopify", &headers, body.as_bytes())
        .await
}

// See: issue 14. A development store sharing the app sent its own #2001, which replaced this
// shop's: the rightful buyer was refused and the other store's buyer got a session.
#[tokio::test]
async fn another_shops_webhook_is_acknowledged_ignored_and_counted() {
    for app in spawn_demos().await {
        let ours = order(2001, "2026-11-17T09:12:05-05:00");
        app.webhook("orders/create", "ev-1", &ours).await;
        app.drain_webhooks().await;

        let mut theirs = order(2001, "2026-11-18T09:12:05-05:00");
        theirs["id"] = 9_990_000_001u64.into();
        theirs["email"] = "someone@dev-store.example".into();
        theirs["contact_email"] = "someone@dev-store.example".into();
        theirs["customer"]["email"] = "someone@dev-store.example".into();
        for (shop, id) in [
            (Some("northwind-dev.myshopify.com"), "ev-dev"),
            (None, "ev-nodomain"),
        ] {
            let r = webhook_from(&app, shop, "orders/updated", id, &theirs).await;
            assert_eq!(r.status, StatusCode::OK, "{}", app.backend);
            assert_eq!(r.json()["status"], "ignored");
        }
        // The domain is compared without regard to case, as DNS names are.
        let r = webhook_from(
            &app,
            Some("Northwind.MyShopify.com"),
            "orders/updated",
            "ev-case",
            &order(2001, "2026-11-17T09:30:00-05:00"),
        )
        .await;
        assert_eq!(r.json()["status"], "stored");
        assert_eq!(app.drain_webhooks().await, 1);
        // Nothing of the other shop was stored, and our order is untouched.
        assert_eq!(
            store::all(&app.db).await.unwrap().len(),
            2,
            "{}",
            app.backend
        );
        let o = app.stored_order("2001").await.unwrap();
        assert_eq!(o.customer.email.as_str(), common::shopify::email(2001));
        assert_eq!(
            app.session("2001", &common::shopify::email(2001))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            app.session("2001", "someone@dev-store.example")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let text = metrics_text(&app).await;
        assert!(
            text.contains("wismo_webhooks_foreign_shop_total 2"),
            "{text}"
        );
    }
}

// See: issue 14. Orders are keyed by Shopify's id: another order claiming a number that one of
// the shop's orders holds is an error to look at, never a replacement.
#[tokio::test]
async fn a_different_shopify_order_with_the_same_number_never_replaces_the_first() {
    for app in spawn_demos().await {
        app.webhook(
            "orders/create",
            "ev-1",
            &order(2001, "2026-11-17T09:12:05-05:00"),
        )
        .await;
        let mut other = order(2001, "2026-11-18T09:12:05-05:00");
        other["id"] = 9_990_000_001u64.into();
        other["email"] = "someone@else.example".into();
        app.webhook("orders/create", "ev-2", &other).await;
        app.drain_webhooks().await;
        let o = app.stored_order("2001").await.unwrap();
        assert_eq!(
            o.customer.email.as_str(),
            common::shopify::email(2001),
            "{}",
            app.backend
        );
        let failed = store::failed(&app.db).await.unwrap();
        assert_eq!(failed.len(), 1);
        assert!(
            failed[0]
                .error
                .as_deref()
                .unwrap()
                .contains("already belongs to Shopify order"),
            "{:?}",
            failed[0].error
        );
    }
}

// See: issue 14. Storage keeps each shop's orders apart, so one database can hold several.
#[tokio::test]
async fn two_shops_in_one_database_keep_their_own_order_with_the_same_number() {
    for app in spawn_demos().await {
        let other_shop = app.state.clone().with_shop("other.myshopify.com");
        wismo_proxy::demo::seed_if_empty(&app.db, "other.myshopify.com")
            .await
            .unwrap();
        // The demo is seeded already, so nothing more was written: add one order by hand.
        let ours = app.stored_order("1004").await.unwrap();
        let mut data = wismo::OrderData::from(ours.clone());
        data.customer.email = wismo::Email::parse("other@shop.example").unwrap();
        let theirs = wismo::Order::new(data).unwrap();
        wismo_proxy::db::insert_order(&app.db, "other.myshopify.com", &theirs)
            .await
            .unwrap();
        let n = OrderNumber::parse("1004").unwrap();
        let seen = other_shop.orders.order(&n).await.unwrap().unwrap();
        assert_eq!(
            seen.customer.email.as_str(),
            "other@shop.example",
            "{}",
            app.backend
        );
        assert_eq!(app.stored_order("1004").await.unwrap(), ours);
        // The other shop's order has no parcels; ours keeps its own.
        assert!(other_shop.orders.shipments(&seen).await.unwrap().is_empty());
        assert!(!shipments(&app, "1004").await.is_empty());
    }
}

// See: issue 14. Orders stored before orders had a shop belong to the configured shop after
// the upgrade, with their parcels and scans.
#[tokio::test]
async fn orders_stored_before_shops_are_adopted_by_the_configured_shop() {
    for app in spawn_demos().await {
        let ours = app.stored_order("1004").await.unwrap();
        let parcels = shipments(&app, "1004").await;
        // Move the demo's rows back to "no shop", as the migration leaves older rows.
        sqlx::query("UPDATE orders SET shop = '' WHERE shop = $1")
            .bind(common::SHOP)
            .execute(app.db.pool())
            .await
            .unwrap();
        assert!(app.stored_order("1004").await.is_none(), "{}", app.backend);
        // Deliveries stored before the shop was checked: one from a development store, one
        // from ours in another case, one that named no shop.
        for (id, domain) in [
            ("old-dev", Some("northwind-dev.myshopify.com")),
            ("old-ours", Some("Northwind.myshopify.com")),
            ("old-none", None),
        ] {
            wismo_proxy::webhooks::store::store(
                &app.db,
                &wismo_proxy::webhooks::store::Incoming {
                    provider: "shopify",
                    topic: "orders/updated",
                    event_id: id,
                    shop_domain: domain,
                    triggered_at: None,
                    received_at: wismo_proxy::demo::now(),
                    body: b"{}",
                },
            )
            .await
            .unwrap();
        }
        let adopted = wismo_proxy::db::adopt_unowned(&app.db, common::SHOP)
            .await
            .unwrap();
        assert_eq!(adopted, 12, "{}", app.backend);
        let kept: Vec<String> = store::all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event_id)
            .collect();
        assert_eq!(kept, ["old-ours", "old-none"], "{}", app.backend);
        let domains: Vec<Option<String>> =
            sqlx::query_scalar("SELECT shop_domain FROM webhook_events ORDER BY id")
                .fetch_all(app.db.pool())
                .await
                .unwrap();
        assert!(domains.iter().all(|d| d.as_deref() == Some(common::SHOP)));
        assert_eq!(app.stored_order("1004").await.unwrap(), ours);
        assert_eq!(shipments(&app, "1004").await, parcels);
    }
}

// See: issue 14. A body over the limit was answered with axum's plain-text 413.
#[tokio::test]
async fn a_body_over_the_limit_gets_the_json_error() {
    let app = common::spawn_demo().await;
    let big = vec![b' '; 3 * 1024 * 1024];
    for path in [
        "/webhooks/shopify",
        "/webhooks/easypost",
        "/webhooks/aftership",
    ] {
        let r = app.post_with(path, &[], &big).await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{path}");
        assert_eq!(r.json()["code"], "payload_too_large", "{path}");
    }
}

// See: issue 14. One fulfillment covering every item is a fulfilled order, even while the
// order's own `fulfillment_status` still lags behind.
#[tokio::test]
async fn one_fulfillment_covering_every_item_makes_the_order_fulfilled() {
    for app in spawn_demos().await {
        app.webhook(
            "orders/create",
            "ev-1",
            &order(2001, "2026-11-17T09:12:05-05:00"),
        )
        .await;
        let f = fulfillment(2001, 9_100_000_001, "2026-11-18T10:00:00-05:00", "success");
        app.webhook("fulfillments/create", "ev-2", &f).await;
        app.drain_webhooks().await;
        let o = app.stored_order("2001").await.unwrap();
        assert_eq!(
            o.fulfillment_status,
            wismo::FulfillmentStatus::Fulfilled,
            "{}",
            app.backend
        );
        // Shipping one of the two items is partial.
        let mut half = fulfillment(2002, 9_100_000_002, "2026-11-18T10:00:00-05:00", "success");
        half["line_items"] = serde_json::json!([half["line_items"][0].clone()]);
        app.webhook(
            "orders/create",
            "ev-3",
            &order(2002, "2026-11-17T09:12:05-05:00"),
        )
        .await;
        app.webhook("fulfillments/create", "ev-4", &half).await;
        app.drain_webhooks().await;
        let o = app.stored_order("2002").await.unwrap();
        assert_eq!(
            o.fulfillment_status,
            wismo::FulfillmentStatus::PartiallyFulfilled
        );
    }
}

async fn order_view(app: &TestApp, number: &str, email: &str) -> Value {
    let token = app.token(number, email).await;
    let r = app
        .get_with_token(&format!("/api/v1/orders/{number}"), &token)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

/// Pushes EasyPost's sample tracker for demo order 1004's parcel (carried by FedEx per EasyPost,
/// last scanned in EDISON TWP, NJ, estimated Friday 20 November as EasyPost writes dates) and
/// applies it.
async fn push_easypost_sample(app: &mut TestApp) {
    app.state.carrier_webhook_secrets.easypost =
        Some(wismo_proxy::webhooks::WebhookSecret::new(b"ep-secret").unwrap());
    app.router = wismo_proxy::app(app.state.clone());
    let body = easypost_event(
        "1Z4W96E80310428511",
        "2026-11-19T13:12:00Z",
        "2026-11-20T00:00:00Z",
    )
    .to_string();
    let r = post_easypost(app, b"ep-secret", &body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(app.drain_webhooks().await, 1);
}

// See: issue 14. The merchant typed "UPS" into the shop; the aggregator tracks it with FedEx.
#[tokio::test]
async fn the_carrier_the_aggregator_reports_names_the_parcel() {
    for mut app in spawn_demos().await {
        push_easypost_sample(&mut app).await;
        let view = order_view(&app, "1004", "marco@example.com").await;
        let parcel = &view["shipments"][0];
        assert_eq!(parcel["tracking_number"], "1Z4W96E80310428511");
        assert_eq!(parcel["carrier"], "fedex", "{}", app.backend);
    }
}

// See: issue 14. A document without `updated_at` cannot show it is newer, so it must not
// replace one that has one.
#[tokio::test]
async fn a_carrier_document_without_updated_at_never_replaces_a_dated_one() {
    use wismo_proxy::tracking::cache::{self, Entry};
    use wismo_proxy::tracking::RawDocument;
    for app in spawn_demos().await {
        let number = wismo::TrackingNumber::parse("1Z4W96E80310428511").unwrap();
        let carrier = wismo::carrier::Carrier::Ups;
        let doc = |updated_at: Option<&str>, body: &str| RawDocument {
            provider: "easypost",
            format: wismo::carrier::parse::Format::Easypost,
            body: body.to_owned(),
            provider_id: None,
            updated_at: updated_at.map(|t| t.parse().unwrap()),
        };
        let entry = |raw, at: &str| Entry {
            tracking_number: &number,
            order: None,
            carrier: &carrier,
            raw,
            estimated_delivery: None,
            checked_at: at.parse().unwrap(),
        };
        let dated = doc(Some("2026-11-19T13:00:00Z"), r#"{"tracking_details":[]}"#);
        let undated = doc(None, r#"{"tracking_details":[{}]}"#);
        assert!(
            cache::store_in(&app.db, &entry(&dated, "2026-11-19T13:00:00Z"))
                .await
                .unwrap()
        );
        assert!(
            !cache::store_in(&app.db, &entry(&undated, "2026-11-19T14:00:00Z"))
                .await
                .unwrap(),
            "{}",
            app.backend
        );
        let kept = cache::get(&app.db, &number).await.unwrap().unwrap();
        assert_eq!(kept.checked_at.to_rfc3339(), "2026-11-19T13:00:00+00:00");
    }
}

async fn say(app: &TestApp, number: &str, email: &str, message: &str) -> String {
    let token = app.token(number, email).await;
    let auth = format!("Bearer {token}");
    let r = app
        .post_with(
            "/api/v1/messages",
            &[("authorization", auth.as_str())],
            serde_json::json!({ "message": message })
                .to_string()
                .as_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["reply"].as_str().unwrap_or_default().to_owned()
}

// See: issue 14. EasyPost's `est_delivery_date` (midnight UTC) is a local calendar date: read as
// an instant, a shop in New York told its shoppers one day early. Its places are shouted.
#[tokio::test]
async fn easyposts_delivery_date_is_the_date_it_names_and_its_places_read_normally() {
    for mut app in spawn_demos().await {
        push_easypost_sample(&mut app).await;
        let view = order_view(&app, "1004", "marco@example.com").await;
        assert_eq!(
            view["shipments"][0]["estimated_delivery"], "2026-11-20T12:00:00Z",
            "{}",
            app.backend
        );
        let reply = say(&app, "1004", "marco@example.com", "where is my order?").await;
        assert!(reply.contains("Friday 20 November"), "{reply}");
        assert!(!reply.contains("Thursday 19 November"), "{reply}");
        assert!(reply.contains("Edison, NJ"), "{reply}");
        assert!(!reply.contains("EDISON"), "{reply}");
    }
}

// See: issue 14. AfterShip's `checkpoint_time` without an offset is the wall clock at the
// checkpoint; read as UTC, an Ohio scan at 9:00 moved five hours early.
#[tokio::test]
async fn an_aftership_checkpoint_time_without_offset_is_local_to_the_checkpoint() {
    for mut app in spawn_demos().await {
        app.state.carrier_webhook_secrets.aftership =
            Some(wismo_proxy::webhooks::WebhookSecret::new(b"as-secret").unwrap());
        app.router = wismo_proxy::app(app.state.clone());
        let checkpoint = |at: &str, tag: &str, subtag: &str, message: &str| {
            serde_json::json!({
                "slug": "ups", "city": "Columbus", "created_at": "2026-11-18T14:05:00+00:00",
                "location": "Columbus, OH, USA", "country_name": "USA", "country_iso3": "USA",
                "state": "OH", "zip": "43215", "message": message, "tag": tag, "subtag": subtag,
                "subtag_message": "", "checkpoint_time": at
            })
        };
        let body = serde_json::json!({
            "event": "tracking_update",
            "event_id": "7c1a0f52-1c4e-4d0c-9d43-2b0e4b4f5e10",
            "is_tracking_first_tag": false,
            "ts": 1_795_525_920,
            "msg": {
                "id": "5b74f4958776db0e00b6f5ed",
                "tracking_number": "1Z4W96E80310428511",
                "slug": "ups",
                "tag": "InTransit",
                "subtag": "InTransit_001",
                "updated_at": "2026-11-19T13:12:00+00:00",
                "expected_delivery": "2026-11-20",
                "checkpoints": [
                    checkpoint("2026-11-17T11:05:00", "InfoReceived", "InfoReceived_001", "Shipper created a label"),
                    checkpoint("2026-11-19T09:30:00", "InTransit", "InTransit_001", "Arrived at facility"),
                ]
            }
        })
        .to_string();
        let sig = wismo_proxy::webhooks::WebhookSecret::new(b"as-secret")
            .unwrap()
            .sign(body.as_bytes());
        let r = app
            .post_with(
                "/webhooks/aftership",
                &[("aftership-hmac-sha256", sig.as_str())],
                body.as_bytes(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        app.drain_webhooks().await;
        let view = order_view(&app, "1004", "marco@example.com").await;
        let at: Vec<&str> = view["shipments"][0]["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["at"].as_str().unwrap())
            .collect();
        // 9:30 in Columbus, Ohio (UTC−5 in November) is 14:30 UTC.
        assert_eq!(
            at,
            ["2026-11-17T16:05:00Z", "2026-11-19T14:30:00Z"],
            "{}",
            app.backend
        );
    }
}

// See: issue 14. Shoppers see the order's `name` (the shop's prefix or suffix around the number),
// verify with it, and read it in the replies.
#[tokio::test]
async fn an_order_named_with_a_prefix_and_suffix_is_verified_and_named_as_the_shopper_sees_it() {
    for app in spawn_demos().await {
        let mut named = order(2001, "2026-11-17T09:12:05-05:00");
        named["name"] = "NW2001-US".into();
        app.webhook("orders/create", "ev-1", &named).await;
        // An order whose e-mail differs from its customer's: the order's own e-mail verifies.
        let mut other = order(2002, "2026-11-17T09:12:05-05:00");
        other["name"] = "#2002-EU".into();
        other["email"] = "orders@river.example".into();
        other["contact_email"] = "orders@river.example".into();
        app.webhook("orders/create", "ev-2", &other).await;
        app.drain_webhooks().await;
        for given in [
            "NW2001-US",
            "nw2001-us",
            "#NW2001-US",
            "NW2001 US",
            "2001",
            "#2001",
        ] {
            let r = app.session(given, &common::shopify::email(2001)).await;
            assert_eq!(
                r.status,
                StatusCode::OK,
                "{}: {given}: {}",
                app.backend,
                r.text()
            );
            assert_eq!(r.json()["order_number"], "2001");
        }
        let r = app.session("#2002-EU", "orders@river.example").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        // A name verifies only with its own order's e-mail, and counts as a guess otherwise.
        let r = app.session("NW2001-US", "orders@river.example").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let reply = say(
            &app,
            "2001",
            &common::shopify::email(2001),
            "where is my order?",
        )
        .await;
        assert!(reply.contains("NW2001-US"), "{reply}");
        assert!(!reply.contains("#2001"), "{reply}");
        let view = order_view(&app, "2001", &common::shopify::email(2001)).await;
        assert_eq!(view["order"]["name"], "NW2001-US");
    }
}

// See: issue 14. Shopify's test orders can be created already cancelled; tracking numbers
// outside the US mix letters, digits and dashes.
#[tokio::test]
async fn a_test_order_created_cancelled_and_a_lettered_dashed_tracking_number_are_applied() {
    for app in spawn_demos().await {
        let mut cancelled = order(2001, "2026-11-17T09:12:05-05:00");
        cancelled["test"] = true.into();
        cancelled["cancelled_at"] = "2026-11-17T09:12:00-05:00".into();
        cancelled["cancel_reason"] = "other".into();
        cancelled["financial_status"] = "voided".into();
        app.webhook("orders/create", "ev-1", &cancelled).await;
        app.webhook(
            "orders/create",
            "ev-2",
            &order(2002, "2026-11-17T09:12:05-05:00"),
        )
        .await;
        let mut f = fulfillment_with(2002, "JD-0140-0001-2345-6789", "Yodel");
        f["id"] = 9_100_000_002u64.into();
        app.webhook("fulfillments/create", "ev-3", &f).await;
        app.drain_webhooks().await;
        assert!(
            store::failed(&app.db).await.unwrap().is_empty(),
            "{}",
            app.backend
        );
        let o = app.stored_order("2001").await.unwrap();
        assert!(o.cancelled_at.is_some());
        let reply = say(
            &app,
            "2001",
            &common::shopify::email(2001),
            "where is my order?",
        )
        .await;
        assert!(reply.contains("was cancelled"), "{reply}");
        let parcels = shipments(&app, "2002").await;
        assert_eq!(parcels[0].tracking_number.as_str(), "JD0140000123456789");
    }
}
