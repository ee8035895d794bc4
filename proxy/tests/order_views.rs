//! The order lookup's stored, ready answer (issue 12): a lookup is served from the order's
//! view, the view says exactly what building the context afresh says, and every kind of write
//! to what it shows (the order, its parcels, their scans, a carrier's document, a deletion)
//! forgets it in the same transaction, also while lookups race the writes. On PostgreSQL no view
//! is kept, and lookups still see every write.

#![recursion_limit = "256"]

mod common;

use common::{spawn_demo, spawn_demos, TestApp, SHOP};
use serde_json::Value;
use wismo::OrderNumber;

/// Demo order 1004: one UPS parcel, shopper marco@example.com.
const ORDER: &str = "1004";
const EMAIL: &str = "marco@example.com";
const PARCEL: &str = "1Z4W96E80310428511";

/// A new scan of the order's parcel, "OUT FOR DELIVERY TODAY" (bind the shop as `$1`).
const NEW_SCAN: &str = "INSERT INTO tracking_events
    (shop, tracking_number, at, code, description, place, status, source)
    VALUES ($1, '1Z4W96E80310428511', '2026-11-19T12:00:00Z', 'OT', 'OUT FOR DELIVERY TODAY',
            'Columbus, OH', 'out_for_delivery', 'carrier')";
const NEW_SCAN_WORDS: &str = "OUT FOR DELIVERY TODAY";

async fn token(app: &TestApp) -> String {
    let reply = app.session(ORDER, EMAIL).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()["token"].as_str().unwrap().to_owned()
}

async fn lookup(app: &TestApp, token: &str) -> Value {
    let reply = app
        .get_with_token(&format!("/api/v1/orders/{ORDER}"), token)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.headers["content-type"], "application/json",
        "the view is sent as JSON"
    );
    reply.json()
}

/// The stored body of the order's view, if there is one.
async fn view(app: &TestApp) -> Option<String> {
    sqlx::query_scalar::<_, Option<String>>(
        "SELECT body FROM order_views WHERE shop = $1 AND number = $2",
    )
    .bind(SHOP)
    .bind(ORDER)
    .fetch_optional(app.db.pool())
    .await
    .unwrap()
    .flatten()
}

async fn run(app: &TestApp, sql: &str) {
    sqlx::query(sql)
        .bind(SHOP)
        .execute(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// The scan descriptions the lookup shows for the parcel.
fn scans(ctx: &Value) -> Vec<String> {
    ctx["shipments"][0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["description"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_lookup_is_one_stored_view_that_says_what_a_fresh_build_says() {
    let app = spawn_demo().await;
    let token = token(&app).await;
    assert_eq!(
        view(&app).await,
        None,
        "{}: no view before a lookup",
        app.backend
    );
    // The very first lookup names the order's parcels for the triggers; the next stores it.
    let first = lookup(&app, &token).await;
    assert_eq!(view(&app).await, None, "{}", app.backend);
    let second = lookup(&app, &token).await;
    assert!(view(&app).await.is_some(), "{}: stored", app.backend);
    assert_eq!(first, second, "{}", app.backend);
    let second = lookup(&app, &token).await;
    assert_eq!(first, second, "{}: served from the view", app.backend);
    let fresh = wismo_proxy::http::order_context(&app.state, &OrderNumber::parse(ORDER).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        second,
        serde_json::to_value(&fresh).unwrap(),
        "{}",
        app.backend
    );
    // It is still the core's OrderContext, clock and policy included.
    let ctx: wismo::OrderContext = serde_json::from_value(second).unwrap();
    assert_eq!(ctx.now, wismo_proxy::demo::now());
    assert_eq!(ctx, fresh);
}

#[tokio::test]
async fn every_write_to_what_a_view_shows_forgets_it() {
    let writes: &[(&str, &str)] = &[
        (
            "a new scan",
            NEW_SCAN,
        ),
        (
            "a changed scan",
            "UPDATE tracking_events SET description = 'ARRIVED AT FACILITY (CORRECTED)'
             WHERE shop = $1 AND tracking_number = '1Z4W96E80310428511' AND description = 'ARRIVAL SCAN'",
        ),
        (
            "a changed parcel",
            "UPDATE shipments SET estimated_delivery = '2026-11-25T22:00:00Z'
             WHERE shop = $1 AND tracking_number = '1Z4W96E80310428511'",
        ),
        (
            "a changed order",
            "UPDATE orders SET created_at = created_at WHERE shop = $1 AND number = '1004'",
        ),
        (
            // Pushed by a carrier service before any order named it: no shop, no order.
            "a carrier's document about its parcel",
            "INSERT INTO carrier_tracking (tracking_number, order_number, carrier, provider, format, body, checked_at, shop)
             SELECT '1Z4W96E80310428511', NULL, 'ups', 'easypost', 'easypost', '{}', '2026-11-19T13:00:00Z', NULL
             WHERE $1 <> ''",
        ),
    ];
    let app = spawn_demo().await;
    let token = token(&app).await;
    for (what, sql) in writes {
        lookup(&app, &token).await;
        let before = lookup(&app, &token).await;
        assert!(
            view(&app).await.is_some(),
            "{}: {what}: stored",
            app.backend
        );
        run(&app, sql).await;
        assert_eq!(
            view(&app).await,
            None,
            "{}: {what} forgets the view",
            app.backend
        );
        let after = lookup(&app, &token).await;
        if *what == "a new scan" {
            assert!(scans(&after).contains(&NEW_SCAN_WORDS.to_owned()));
            assert_ne!(before, after);
        }
        if *what == "a changed scan" {
            assert!(scans(&after).contains(&"ARRIVED AT FACILITY (CORRECTED)".to_owned()));
        }
        if *what == "a changed parcel" {
            assert_eq!(
                after["shipments"][0]["estimated_delivery"], "2026-11-25T22:00:00Z",
                "{}",
                app.backend
            );
        }
    }
    // The document above is no real EasyPost tracker: while it cannot be read, answers are
    // degraded and never kept (see the test below), so it goes (a write too).
    run(
        &app,
        "DELETE FROM carrier_tracking WHERE tracking_number = '1Z4W96E80310428511' AND $1 <> ''",
    )
    .await;
    // A deleted order (a privacy request) leaves neither its view nor its parcels' list.
    lookup(&app, &token).await;
    lookup(&app, &token).await;
    assert!(view(&app).await.is_some(), "{}", app.backend);
    run(
        &app,
        "DELETE FROM orders WHERE shop = $1 AND number = '1004'",
    )
    .await;
    assert_eq!(view(&app).await, None, "{}", app.backend);
    let left: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM order_view_parcels WHERE shop = $1 AND number = '1004'",
    )
    .bind(SHOP)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(left, 0, "{}", app.backend);
    let reply = app
        .get_with_token(&format!("/api/v1/orders/{ORDER}"), &token)
        .await;
    assert_eq!(
        reply.status, 401,
        "{}: a deleted order is not found",
        app.backend
    );
    assert_eq!(view(&app).await, None, "{}", app.backend);
}

/// The steps of a lookup that misses, with a scan written between reading the order and storing
/// the view: the view read before the scan is not stored, and the next lookup shows the scan.
#[tokio::test]
async fn a_view_read_before_a_write_is_not_stored_after_it() {
    use wismo_proxy::tracking::ready::{Built, Claim};
    let app = spawn_demo().await;
    let token = token(&app).await;
    let number = OrderNumber::parse(ORDER).unwrap();
    // A first claim stores nothing: the triggers did not watch the order's parcel yet.
    let claim = Claim::take(&app.state, &number).await.unwrap();
    let built = Built::read(&app.state, &number).await.unwrap().unwrap();
    assert!(
        !claim.store(&app.state, &built).await.unwrap(),
        "{}",
        app.backend
    );
    run(&app, "DELETE FROM order_views WHERE shop = $1").await;
    // Without a write in between, the claim stores the view.
    let claim = Claim::take(&app.state, &number).await.unwrap();
    let built = Built::read(&app.state, &number).await.unwrap().unwrap();
    assert!(
        claim.store(&app.state, &built).await.unwrap(),
        "{}",
        app.backend
    );
    assert_eq!(view(&app).await.as_deref(), Some(built.body.as_str()));
    // A second reader of the same claim finds the view stored already.
    assert!(
        !claim.store(&app.state, &built).await.unwrap(),
        "{}",
        app.backend
    );

    run(&app, "DELETE FROM order_views WHERE shop = $1").await;
    let claim = Claim::take(&app.state, &number).await.unwrap();
    let built = Built::read(&app.state, &number).await.unwrap().unwrap();
    run(&app, NEW_SCAN).await;
    assert!(
        !claim.store(&app.state, &built).await.unwrap(),
        "{}: a view older than a write must not be stored",
        app.backend
    );
    assert_eq!(view(&app).await, None, "{}", app.backend);
    let now = lookup(&app, &token).await;
    assert!(scans(&now).contains(&NEW_SCAN_WORDS.to_owned()));
}

/// Lookups racing scans as they arrive: whatever the interleaving, once a scan is written and
/// the lookups around it are done, the next lookup shows it (a view built from older data was
/// never stored over the write).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_view_built_while_a_scan_arrives_never_hides_it() {
    let app = spawn_demo().await;
    let token = token(&app).await;
    for round in 0..50u64 {
        let description = format!("RACE SCAN {round}");
        // Landing anywhere within the lookups' reads: a few milliseconds, varied per round.
        let delay = std::time::Duration::from_micros((round * 397 % 40) * 100);
        let insert = async {
            tokio::time::sleep(delay).await;
            sqlx::query(
                "INSERT INTO tracking_events (shop, tracking_number, at, code, description, place, status, source)
                 VALUES ($1, $2, $3, 'I', $4, 'Columbus, OH', 'in_transit', 'carrier')",
            )
            .bind(SHOP)
            .bind(PARCEL)
            .bind(format!("2026-11-19T0{}:{:02}:00Z", round / 10, round % 60))
            .bind(&description)
            .execute(app.db.pool())
            .await
            .unwrap();
        };
        // No view at the start, so the lookups build one while the scan is written.
        run(&app, "DELETE FROM order_views WHERE shop = $1").await;
        let lookups = futures_util::future::join_all((0..6).map(|_| lookup(&app, &token)));
        tokio::join!(insert, lookups);
        let now = lookup(&app, &token).await;
        assert!(
            scans(&now).contains(&description),
            "{}: round {round}: the scan is missing from {:?}",
            app.backend,
            scans(&now)
        );
    }
}

/// On PostgreSQL a writer's transaction can outlast a reader's claim, so no view is kept there:
/// every lookup reads the tables, and a write is seen at once.
#[tokio::test]
async fn on_postgresql_every_lookup_reads_the_tables() {
    for app in spawn_demos().await {
        if app.backend != "postgres" {
            continue;
        }
        let token = token(&app).await;
        lookup(&app, &token).await;
        lookup(&app, &token).await;
        assert_eq!(view(&app).await, None);
        run(&app, NEW_SCAN).await;
        assert!(scans(&lookup(&app, &token).await).contains(&NEW_SCAN_WORDS.to_owned()));
    }
}

/// When the carrier cache cannot be read, the lookup still answers from the shop's scans, but
/// that answer is not kept: the next lookup tries again.
#[tokio::test]
async fn an_answer_built_while_the_carrier_cache_fails_is_not_kept() {
    let app = spawn_demo().await;
    let token = token(&app).await;
    lookup(&app, &token).await;
    run(&app, "DELETE FROM order_views WHERE shop = $1").await;
    sqlx::query("ALTER TABLE carrier_tracking RENAME TO carrier_tracking_gone")
        .execute(app.db.pool())
        .await
        .unwrap();
    for _ in 0..2 {
        let ctx = lookup(&app, &token).await;
        assert!(!scans(&ctx).is_empty(), "the shop's scans still answer");
        assert_eq!(view(&app).await, None, "a degraded answer is never kept");
    }
    sqlx::query("ALTER TABLE carrier_tracking_gone RENAME TO carrier_tracking")
        .execute(app.db.pool())
        .await
        .unwrap();
    lookup(&app, &token).await;
    assert!(
        view(&app).await.is_some(),
        "kept again once the cache reads"
    );
}
