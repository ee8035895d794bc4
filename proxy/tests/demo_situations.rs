//! The demo shop's promise: each seeded order resolves, through the core, to the situation DEMO.md
//! says it shows. This table is the "what to try in the demo" list.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use common::spawn_demos;
use wismo::carrier::DeliveryLocation;
use wismo::resolve::Situation;
use wismo::{OrderNumber, Scenario};
use wismo_proxy::{db, demo, Db, DbOrderSource, OrderSource};

/// (order number, e-mail, situation kind); keep in step with DEMO.md.
const DEMO_ORDERS: &[(&str, &str, &str)] = &[
    ("1001", "jane@example.com", "processing"),
    ("1002", "omar@example.com", "late_in_warehouse"),
    ("1003", "priya@example.com", "awaiting_carrier_pickup"),
    ("1004", "marco@example.com", "in_transit"),
    ("1005", "sofia@example.com", "out_for_delivery"),
    ("1006", "liam@example.com", "delivered"),
    ("1007", "amara@example.com", "delivered"),
    ("1008", "noah@example.com", "exception"),
    ("1009", "chloe@example.com", "stalled"),
    ("1010", "diego@example.com", "returning_to_sender"),
    ("1011", "hannah@example.com", "in_transit"),
    ("1012", "ethan@example.com", "cancelled"),
];

async fn resolve_demo_order(source: &DbOrderSource, number: &str) -> wismo::Resolution {
    let number = OrderNumber::parse(number).unwrap();
    let order = source.order(&number).await.unwrap().expect("seeded");
    let shipments = source.shipments(&order).await.unwrap();
    let ctx = wismo::OrderContext {
        now: demo::now(),
        policy: demo::policy(),
        order,
        shipments,
    };
    wismo::resolve(&Scenario::with_context("where is my order", ctx))
}

async fn demo_source(backend: &str) -> (DbOrderSource, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = common::fresh_db(backend, dir.path()).await;
    assert!(demo::seed_if_empty(&db, demo::SHOP).await.unwrap());
    (DbOrderSource::new(db, demo::SHOP), dir)
}

#[tokio::test]
async fn every_demo_order_resolves_to_the_situation_it_demonstrates() {
    for backend in common::backends() {
        every_demo_order_resolves_on(backend).await;
    }
}

async fn every_demo_order_resolves_on(backend: &str) {
    let (source, _dir) = demo_source(backend).await;
    let mut got = Vec::new();
    for (number, email, _) in DEMO_ORDERS {
        let r = resolve_demo_order(&source, number).await;
        let order = source
            .order(&OrderNumber::parse(number).unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(order.customer.email.as_str(), *email);
        let kind = r.situation.as_ref().map_or("none", |s| s.kind());
        got.push((*number, *email, kind));
    }
    assert_eq!(got, DEMO_ORDERS);
}

#[tokio::test]
async fn the_demo_shows_the_details_each_situation_is_about() {
    let (source, _dir) = demo_source("sqlite").await;
    // A FedEx drop-off note becomes where to look.
    let r = resolve_demo_order(&source, "1006").await;
    assert!(matches!(
        r.situation,
        Some(Situation::Delivered {
            location: Some(DeliveryLocation::FrontDoor),
            ..
        })
    ));
    // A plain "Delivered" scan has no location.
    let r = resolve_demo_order(&source, "1007").await;
    assert!(matches!(
        r.situation,
        Some(Situation::Delivered { location: None, .. })
    ));
    // The storm shows up as weather, not a generic problem.
    let r = resolve_demo_order(&source, "1008").await;
    assert!(matches!(
        r.situation,
        Some(Situation::Exception {
            reason: Some(wismo::carrier::ExceptionReason::Weather),
            ..
        })
    ));
    // Two parcels from two carriers, one delivered to the mailbox.
    let r = resolve_demo_order(&source, "1011").await;
    assert_eq!(r.parcels.len(), 2);
    let kinds: Vec<_> = r.parcels.iter().map(|p| p.situation.kind()).collect();
    assert!(
        kinds.contains(&"delivered") && kinds.contains(&"in_transit"),
        "{kinds:?}"
    );
    // Nothing in the demo is stale: every parcel was checked within the policy's window.
    for (number, _, _) in DEMO_ORDERS {
        let r = resolve_demo_order(&source, number).await;
        assert!(r.parcels.iter().all(|p| !p.stale), "{number}");
    }
}

#[tokio::test]
async fn seeding_twice_leaves_the_demo_shop_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    let first = Db::open(&path).await.unwrap();
    assert!(demo::seed_if_empty(&first, demo::SHOP).await.unwrap());
    first.close().await;
    let again = Db::open(&path).await.unwrap();
    assert!(!demo::seed_if_empty(&again, demo::SHOP).await.unwrap());
    assert_eq!(db::order_count(&again).await.unwrap(), 12);
}

#[tokio::test]
async fn the_api_returns_the_same_context_the_table_was_checked_against() {
    for app in spawn_demos().await {
        let token = app.token("1009", "chloe@example.com").await;
        let r = app.get_with_token("/api/v1/orders/1009", &token).await;
        let ctx: wismo::OrderContext = serde_json::from_slice(&r.body).unwrap();
        let res = wismo::resolve(&Scenario::with_context("where is my order?", ctx));
        assert_eq!(res.situation.unwrap().kind(), "stalled");
    }
}
