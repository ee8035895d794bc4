//! Carrier tracking through EasyPost and AfterShip, against fake servers that speak their
//! request and response shapes: registering and reading trackers, a slow or failing carrier
//! degrading to cached data with its age, and their signed webhooks stored once and applied.

#![recursion_limit = "256"]

mod common;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use common::fake_server::{client, serve};
use common::{spawn_demo, spawn_demos, TestApp};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wismo::carrier::parse::Format;
use wismo::carrier::Carrier;
use wismo::{OrderNumber, TrackingNumber};
use wismo_proxy::tracking::cache::{self, Entry};
use wismo_proxy::tracking::{AfterShipTracking, EasyPostTracking, RawDocument, Timeouts};
use wismo_proxy::webhooks::carriers::CarrierSecrets;
use wismo_proxy::webhooks::WebhookSecret;

/// Demo order 1004: one UPS parcel, shopper marco@example.com.
const ORDER: &str = "1004";
const EMAIL: &str = "marco@example.com";
const PARCEL: &str = "1Z4W96E80310428511";
const EASYPOST_KEY: &str = "EZAK_test_key";
const AFTERSHIP_KEY: &str = "asat_test_key";
const EASYPOST_SECRET: &[u8] = b"easypost-webhook-secret";
const AFTERSHIP_SECRET: &[u8] = b"aftership-webhook-secret";

/// An EasyPost Tracker object with these (status, status_detail, datetime, message) details.
fn easypost_tracker(updated_at: &str, details: &[(&str, &str, &str, &str)]) -> Value {
    json!({
        "id": "trk_c8e0edb5bb284caa934a0d3db23a148z",
        "object": "Tracker",
        "mode": "test",
        "tracking_code": PARCEL,
        "status": details.last().map_or("unknown", |d| d.0),
        "signed_by": null,
        "weight": null,
        "est_delivery_date": "2026-11-20T00:00:00Z",
        "shipment_id": null,
        "carrier": "UPS",
        "created_at": "2026-11-17T16:10:00Z",
        "updated_at": updated_at,
        "public_url": "https://track.easypost.com/djE6dHJrXzEyMw",
        "tracking_details": details.iter().map(|(status, detail, at, message)| json!({
            "object": "TrackingDetail",
            "message": message,
            "description": "",
            "status": status,
            "status_detail": detail,
            "datetime": at,
            "source": "UPS",
            "carrier_code": "",
            "tracking_location": {"object": "TrackingLocation", "city": "COLUMBUS", "state": "OH", "country": "US", "zip": null}
        })).collect::<Vec<_>>(),
        "carrier_detail": null,
        "fees": []
    })
}

const EASYPOST_DETAILS: &[(&str, &str, &str, &str)] = &[
    (
        "pre_transit",
        "label_created",
        "2026-11-17T16:05:00Z",
        "Shipping label created",
    ),
    (
        "in_transit",
        "arrived_at_facility",
        "2026-11-18T09:00:00Z",
        "Arrived at Facility",
    ),
    (
        "out_for_delivery",
        "out_for_delivery",
        "2026-11-19T13:10:00Z",
        "Out For Delivery Today",
    ),
];

/// What a fake aggregator saw, and how it should behave.
#[derive(Default)]
struct Fake {
    /// (method and path, credential header) of each request.
    calls: Vec<(String, String)>,
    delay: Duration,
    fail: bool,
    /// AfterShip: answer creation with "already exists".
    exists: bool,
}

type Shared = Arc<Mutex<Fake>>;

async fn behave(fake: &Shared, call: String, credential: String) -> Result<(), StatusCode> {
    let (delay, fail) = {
        let mut f = fake.lock().unwrap();
        f.calls.push((call, credential));
        (f.delay, f.fail)
    };
    tokio::time::sleep(delay).await;
    if fail {
        return Err(StatusCode::BAD_GATEWAY);
    }
    Ok(())
}

fn basic_auth(headers: &HeaderMap) -> String {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn fake_easypost(fake: Shared) -> String {
    let router = Router::new()
        .route(
            "/v2/trackers",
            post(
                |State(f): State<Shared>, headers: HeaderMap, Json(body): Json<Value>| async move {
                    behave(
                        &f,
                        format!("POST /v2/trackers {body}"),
                        basic_auth(&headers),
                    )
                    .await?;
                    Ok::<_, StatusCode>(Json(easypost_tracker(
                        "2026-11-19T13:12:00Z",
                        EASYPOST_DETAILS,
                    )))
                },
            ),
        )
        .route(
            "/v2/trackers/{id}",
            get(
                |State(f): State<Shared>, headers: HeaderMap, Path(id): Path<String>| async move {
                    behave(&f, format!("GET /v2/trackers/{id}"), basic_auth(&headers)).await?;
                    Ok::<_, StatusCode>(Json(easypost_tracker(
                        "2026-11-19T13:12:00Z",
                        EASYPOST_DETAILS,
                    )))
                },
            ),
        )
        .with_state(fake);
    serve(router).await
}

/// An AfterShip tracking with these (tag, subtag, checkpoint_time, message) checkpoints.
fn aftership_tracking(updated_at: &str, checkpoints: &[(&str, &str, &str, &str)]) -> Value {
    json!({
        "id": "5b74f4958776db0e00b6f5ed",
        "created_at": "2026-11-17T16:10:00+00:00",
        "updated_at": updated_at,
        "tracking_number": PARCEL,
        "slug": "ups",
        "active": true,
        "tag": checkpoints.last().map_or("Pending", |c| c.0),
        "subtag": checkpoints.last().map_or("Pending_001", |c| c.1),
        "courier_estimated_delivery_date": {"estimated_delivery_date": "2026-11-20", "estimated_delivery_date_min": null, "estimated_delivery_date_max": null},
        "checkpoints": checkpoints.iter().map(|(tag, subtag, at, message)| json!({
            "slug": "ups",
            "city": "Columbus",
            "created_at": at,
            "location": "Columbus, OH, US",
            "country_name": "USA",
            "message": message,
            "country_iso3": "USA",
            "tag": tag,
            "subtag": subtag,
            "subtag_message": "",
            "checkpoint_time": at,
            "state": "OH",
            "zip": null
        })).collect::<Vec<_>>()
    })
}

const AFTERSHIP_CHECKPOINTS: &[(&str, &str, &str, &str)] = &[
    (
        "InfoReceived",
        "InfoReceived_001",
        "2026-11-17T16:05:00+00:00",
        "Shipper created a label",
    ),
    (
        "InTransit",
        "InTransit_001",
        "2026-11-18T09:00:00+00:00",
        "Arrived at facility",
    ),
    (
        "OutForDelivery",
        "OutForDelivery_001",
        "2026-11-19T13:10:00+00:00",
        "Out for delivery",
    ),
];

async fn fake_aftership(fake: Shared) -> String {
    let key = |h: &HeaderMap| {
        h.get("as-api-key")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let router = Router::new()
        .route(
            "/tracking/2024-10/trackings",
            post(
                move |State(f): State<Shared>, headers: HeaderMap, Json(body): Json<Value>| async move {
                    behave(&f, format!("POST /trackings {body}"), key(&headers)).await?;
                    if f.lock().unwrap().exists {
                        return Ok::<_, StatusCode>((
                            StatusCode::BAD_REQUEST,
                            Json(json!({"meta": {"code": 4003, "message": "Tracking already exists.", "type": "BadRequest"}, "data": {}})),
                        ));
                    }
                    Ok((
                        StatusCode::CREATED,
                        Json(json!({"meta": {"code": 200}, "data": aftership_tracking("2026-11-19T13:12:00+00:00", AFTERSHIP_CHECKPOINTS)})),
                    ))
                },
            )
            .get(
                move |State(f): State<Shared>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>| async move {
                    let numbers = q.get("tracking_numbers").cloned().unwrap_or_default();
                    behave(&f, format!("GET /trackings?tracking_numbers={numbers}"), key(&headers)).await?;
                    let found: Vec<Value> = if numbers == PARCEL {
                        vec![aftership_tracking("2026-11-19T13:12:00+00:00", AFTERSHIP_CHECKPOINTS)]
                    } else {
                        vec![]
                    };
                    Ok::<_, StatusCode>(Json(json!({"meta": {"code": 200}, "data": {"pagination": {"total": found.len()}, "trackings": found}})))
                },
            ),
        )
        .with_state(fake);
    format!("{}/tracking/2024-10", serve(router).await)
}

/// The demo app with `tracking` plugged in and short time limits.
/// EasyPost at the fake whose address is `base`.
fn plug_easypost(app: &mut TestApp, base: &str) {
    plug(
        app,
        Arc::new(EasyPostTracking::new(
            client(),
            &format!("{base}/v2"),
            EASYPOST_KEY,
        )),
    );
}

fn plug(app: &mut TestApp, tracking: Arc<dyn wismo_proxy::tracking::TrackingSource>) {
    app.state.tracking = tracking;
    app.state.timeouts = Timeouts {
        shop: Duration::from_secs(5),
        carrier: Duration::from_millis(300),
        refresh_after: Duration::from_secs(300),
    };
    app.state.carrier_webhook_secrets = CarrierSecrets {
        easypost: Some(WebhookSecret::new(EASYPOST_SECRET).unwrap()),
        aftership: Some(WebhookSecret::new(AFTERSHIP_SECRET).unwrap()),
    };
    app.router = wismo_proxy::app(app.state.clone());
}

async fn order_view(app: &TestApp) -> Value {
    let token = app.token(ORDER, EMAIL).await;
    let r = app
        .get_with_token(&format!("/api/v1/orders/{ORDER}"), &token)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

fn parcel(view: &Value) -> &Value {
    view["shipments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["tracking_number"] == PARCEL)
        .expect("the UPS parcel")
}

fn statuses(parcel: &Value) -> Vec<&str> {
    parcel["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn an_easypost_tracker_is_registered_read_and_cached_for_the_next_view() {
    for mut app in spawn_demos().await {
        let fake: Shared = Arc::default();
        let base = fake_easypost(fake.clone()).await;
        plug_easypost(&mut app, &base);
        let view = order_view(&app).await;
        let p = parcel(&view);
        assert_eq!(
            statuses(p),
            ["pre_transit", "in_transit", "out_for_delivery"],
            "{}",
            app.backend
        );
        assert_eq!(p["carrier"], "ups");
        // Fresh from the carrier: as old as the clock's now.
        assert_eq!(p["checked_at"], "2026-11-19T15:00:00Z");
        {
            let f = fake.lock().unwrap();
            assert_eq!(f.calls.len(), 1);
            assert!(f.calls[0].0.contains(r#""carrier":"UPS""#), "{:?}", f.calls);
            assert!(f.calls[0].0.contains(PARCEL));
            // HTTP basic auth with the key as the user name.
            assert!(f.calls[0].1.starts_with("Basic "), "{:?}", f.calls);
        }
        let cached = cache::get(&app.db, &TrackingNumber::parse(PARCEL).unwrap())
            .await
            .unwrap()
            .expect("cached");
        assert_eq!(cached.order_number.as_deref(), Some(ORDER));
        assert_eq!(
            cached.provider_id.as_deref(),
            Some("trk_c8e0edb5bb284caa934a0d3db23a148z")
        );

        // Within refresh_after the cache answers and the carrier is not asked again.
        let again = order_view(&app).await;
        assert_eq!(statuses(parcel(&again)).len(), 3);
        assert_eq!(fake.lock().unwrap().calls.len(), 1);

        // Past it, the tracker is read again by its id, not created again.
        app.clock.advance(chrono::Duration::minutes(10));
        order_view(&app).await;
        let f = fake.lock().unwrap();
        assert_eq!(f.calls.len(), 2);
        assert_eq!(
            f.calls[1].0,
            "GET /v2/trackers/trk_c8e0edb5bb284caa934a0d3db23a148z"
        );
    }
}

/// Caches an old document for the parcel, as if the carrier was last heard from two days ago.
async fn cache_old_document(app: &TestApp) {
    let body = easypost_tracker(
        "2026-11-17T17:00:00Z",
        &[(
            "in_transit",
            "arrived_at_facility",
            "2026-11-17T17:00:00Z",
            "Origin Scan",
        )],
    );
    let raw = RawDocument {
        provider: "easypost",
        format: Format::Easypost,
        body: body.to_string(),
        provider_id: Some("trk_c8e0edb5bb284caa934a0d3db23a148z".into()),
        updated_at: Some("2026-11-17T17:00:00Z".parse().unwrap()),
    };
    cache::store_in(
        &app.db,
        &Entry {
            tracking_number: &TrackingNumber::parse(PARCEL).unwrap(),
            order: Some((common::SHOP, &OrderNumber::parse(ORDER).unwrap())),
            carrier: &Carrier::Ups,
            raw: &raw,
            estimated_delivery: None,
            checked_at: "2026-11-17T17:05:00Z".parse().unwrap(),
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_slow_carrier_degrades_to_the_cached_data_with_its_old_age() {
    for mut app in spawn_demos().await {
        let fake: Shared = Arc::new(Mutex::new(Fake {
            delay: Duration::from_secs(5),
            ..Fake::default()
        }));
        let base = fake_easypost(fake.clone()).await;
        plug_easypost(&mut app, &base);
        cache_old_document(&app).await;
        let started = Instant::now();
        let view = order_view(&app).await;
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
        let p = parcel(&view);
        assert_eq!(statuses(p), ["in_transit"], "{}", app.backend);
        // The age of what is shown is the cache's, so the core can say it is two days old.
        assert_eq!(p["checked_at"], "2026-11-17T17:05:00Z");
        assert_eq!(fake.lock().unwrap().calls.len(), 1);
    }
}

#[tokio::test]
async fn a_failing_carrier_degrades_to_the_cached_data_and_never_to_an_error() {
    for mut app in spawn_demos().await {
        let fake: Shared = Arc::new(Mutex::new(Fake {
            fail: true,
            ..Fake::default()
        }));
        let base = fake_easypost(fake.clone()).await;
        plug_easypost(&mut app, &base);
        cache_old_document(&app).await;
        let view = order_view(&app).await;
        assert_eq!(parcel(&view)["checked_at"], "2026-11-17T17:05:00Z");

        // With nothing cached, the shop's own view of the parcel is shown instead.
        let mut other = common::spawn_demo_on(app.backend).await;
        plug_easypost(&mut other, &base);
        let view = order_view(&other).await;
        assert_eq!(parcel(&view)["checked_at"], "2026-11-19T14:30:00Z");
    }
}

#[tokio::test]
async fn an_aftership_tracking_that_exists_already_is_found_by_its_number() {
    for mut app in spawn_demos().await {
        let fake: Shared = Arc::new(Mutex::new(Fake {
            exists: true,
            ..Fake::default()
        }));
        let base = fake_aftership(fake.clone()).await;
        plug(
            &mut app,
            Arc::new(AfterShipTracking::new(client(), &base, AFTERSHIP_KEY)),
        );
        let view = order_view(&app).await;
        let p = parcel(&view);
        assert_eq!(
            statuses(p),
            ["pre_transit", "in_transit", "out_for_delivery"]
        );
        // A calendar date travels as noon UTC of that date (see: issue 14).
        assert_eq!(p["estimated_delivery"], "2026-11-20T12:00:00Z");
        let f = fake.lock().unwrap();
        assert_eq!(f.calls.len(), 2, "{:?}", f.calls);
        assert!(f.calls[0].0.contains(r#""slug":"ups""#));
        assert_eq!(
            f.calls[1].0,
            format!("GET /trackings?tracking_numbers={PARCEL}")
        );
        assert!(f.calls.iter().all(|c| c.1 == AFTERSHIP_KEY));
    }
}

async fn easypost_hook(app: &TestApp, body: &Value, signature: Option<&str>) -> common::Reply {
    let body = body.to_string();
    let good = wismo_proxy::http::easypost_signature(
        &WebhookSecret::new(EASYPOST_SECRET).unwrap(),
        body.as_bytes(),
    );
    app.post_with(
        "/webhooks/easypost",
        &[("x-hmac-signature", signature.unwrap_or(&good))],
        body.as_bytes(),
    )
    .await
}

fn easypost_event(id: &str, updated_at: &str, details: &[(&str, &str, &str, &str)]) -> Value {
    json!({
        "object": "Event",
        "id": id,
        "mode": "test",
        "description": "tracker.updated",
        "previous_attributes": {"status": "in_transit"},
        "created_at": updated_at,
        "updated_at": updated_at,
        "pending_urls": [],
        "completed_urls": [],
        "result": easypost_tracker(updated_at, details)
    })
}

#[tokio::test]
async fn easypost_webhooks_are_verified_stored_once_and_never_roll_a_parcel_back() {
    for mut app in spawn_demos().await {
        // A carrier that is never reachable: the pushed data must be enough.
        plug(
            &mut app,
            Arc::new(EasyPostTracking::new(
                client(),
                "http://127.0.0.1:9/v2",
                EASYPOST_KEY,
            )),
        );
        let newer = easypost_event("evt_2", "2026-11-19T13:12:00Z", EASYPOST_DETAILS);
        let bad = easypost_hook(&app, &newer, Some("hmac-sha256-hex=00ff")).await;
        assert_eq!(bad.status, StatusCode::UNAUTHORIZED, "{}", app.backend);
        assert_eq!(bad.json()["code"], "invalid_signature");
        let unprefixed = easypost_hook(&app, &newer, Some("deadbeef")).await;
        assert_eq!(unprefixed.status, StatusCode::UNAUTHORIZED);
        assert!(wismo_proxy::webhooks::store::all(&app.db)
            .await
            .unwrap()
            .is_empty());

        let ok = easypost_hook(&app, &newer, None).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
        assert_eq!(ok.json()["status"], "stored");
        let replay = easypost_hook(&app, &newer, None).await;
        assert_eq!(replay.json()["status"], "duplicate");
        // An older update arriving late is stored, but must not replace the newer one.
        let older = easypost_event("evt_1", "2026-11-18T09:05:00Z", &EASYPOST_DETAILS[..2]);
        assert_eq!(
            easypost_hook(&app, &older, None).await.status,
            StatusCode::OK
        );
        assert_eq!(app.drain_webhooks().await, 2);
        let events = wismo_proxy::webhooks::store::all(&app.db).await.unwrap();
        assert_eq!(events.len(), 2);
        assert!(events
            .iter()
            .all(|e| e.provider == "easypost" && e.process_count == 1));

        let view = order_view(&app).await;
        let p = parcel(&view);
        assert_eq!(
            statuses(p),
            ["pre_transit", "in_transit", "out_for_delivery"],
            "{}",
            app.backend
        );
        assert_eq!(p["checked_at"], "2026-11-19T15:00:00Z");
    }
}

#[tokio::test]
async fn aftership_webhooks_are_verified_and_deduplicated() {
    for mut app in spawn_demos().await {
        plug(
            &mut app,
            Arc::new(AfterShipTracking::new(
                client(),
                "http://127.0.0.1:9/tracking/2024-10",
                AFTERSHIP_KEY,
            )),
        );
        let body = json!({
            "event": "tracking_update",
            "event_id": "e3c3a3f5-5e3b-4a7b-9a8e-2f1f7d2c9b10",
            "is_tracking_first_tag": false,
            "msg": aftership_tracking("2026-11-19T13:12:00+00:00", AFTERSHIP_CHECKPOINTS),
            "ts": 1_795_525_920
        })
        .to_string();
        let secret = WebhookSecret::new(AFTERSHIP_SECRET).unwrap();
        let wrong = WebhookSecret::new(b"someone else")
            .unwrap()
            .sign(body.as_bytes());
        let r = app
            .post_with(
                "/webhooks/aftership",
                &[("aftership-hmac-sha256", &wrong)],
                body.as_bytes(),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let r = app
            .post_with("/webhooks/aftership", &[], body.as_bytes())
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);

        let sig = secret.sign(body.as_bytes());
        let headers = [("aftership-hmac-sha256", sig.as_str())];
        let first = app
            .post_with("/webhooks/aftership", &headers, body.as_bytes())
            .await;
        assert_eq!(first.json()["status"], "stored", "{}", first.text());
        let again = app
            .post_with("/webhooks/aftership", &headers, body.as_bytes())
            .await;
        assert_eq!(again.json()["status"], "duplicate");
        assert_eq!(app.drain_webhooks().await, 1);
        let view = order_view(&app).await;
        assert_eq!(
            statuses(parcel(&view)),
            ["pre_transit", "in_transit", "out_for_delivery"]
        );
    }
}

#[tokio::test]
async fn carrier_webhooks_without_a_configured_secret_are_refused() {
    let app = spawn_demo().await;
    for path in ["/webhooks/easypost", "/webhooks/aftership"] {
        let r = app.post_with(path, &[], b"{}").await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(r.json()["code"], "not_configured");
    }
}

// See: issue 14. With `provider = "stored"` a pushed carrier document must outlive
// `refresh_after`: falling back to the shop's own scans made moving parcels look stalled.
#[tokio::test]
async fn scans_pushed_by_webhook_stay_the_parcels_data_after_the_refresh_window() {
    for mut app in spawn_demos().await {
        let stored = wismo_proxy::tracking::StoredTracking::new(app.db.clone(), common::SHOP);
        plug(&mut app, Arc::new(stored));
        // Out for delivery at 13:10, newer than the demo's own last scan (11:40).
        let pushed = easypost_event("evt_9", "2026-11-19T13:12:00Z", EASYPOST_DETAILS);
        assert_eq!(
            easypost_hook(&app, &pushed, None).await.status,
            StatusCode::OK
        );
        assert_eq!(app.drain_webhooks().await, 1);
        let pushed_statuses = ["pre_transit", "in_transit", "out_for_delivery"];
        assert_eq!(statuses(parcel(&order_view(&app).await)), pushed_statuses);
        for hours in [1, 30] {
            app.clock.advance(chrono::Duration::hours(hours));
            let view = order_view(&app).await;
            let p = parcel(&view);
            assert_eq!(
                statuses(p),
                pushed_statuses,
                "{} after {hours} h",
                app.backend
            );
            // Its age is still the age of the pushed document, not the time of this view.
            assert_eq!(p["checked_at"], "2026-11-19T15:00:00Z", "{}", app.backend);
        }
    }
}

// See: issue 14 (review). With the stored source, a pushed document must not hide newer scans
// the shop recorded after the service stopped pushing.
#[tokio::test]
async fn with_the_stored_source_newer_shop_scans_win_over_an_old_pushed_document() {
    for mut app in spawn_demos().await {
        let stored = wismo_proxy::tracking::StoredTracking::new(app.db.clone(), common::SHOP);
        plug(&mut app, Arc::new(stored));
        // Only the label scan (17 November); the demo's own scans go on to 19 November.
        let pushed = easypost_event("evt_8", "2026-11-17T16:06:00Z", &EASYPOST_DETAILS[..1]);
        assert_eq!(
            easypost_hook(&app, &pushed, None).await.status,
            StatusCode::OK
        );
        app.drain_webhooks().await;
        let view = order_view(&app).await;
        // The demo's own scans: the label, then its moves up to 19 November.
        let s = statuses(parcel(&view));
        assert!(s.len() > 1, "{}: {s:?}", app.backend);
        assert_eq!(s.last(), Some(&"in_transit"), "{}: {s:?}", app.backend);
    }
}
