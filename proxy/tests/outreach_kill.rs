//! The real `wismo serve` sending outreach SMS through a fake Twilio while it is killed with
//! SIGKILL at seeded random moments and restarted on the same database (SQLite, and PostgreSQL
//! when `WISMO_TEST_POSTGRES_URL` is set). At the end every notice the monitor queued was
//! accepted by Twilio at least once: nothing is lost. A duplicate is possible only when Twilio
//! accepted a message and the process died before recording it; the test counts and prints them
//! and checks they are no more than the kills. Loopback only; bounded in messages and time.

#![recursion_limit = "256"]

mod common;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wismo::OrderNumber;

/// Orders with a stalled parcel and a shopper who agreed to SMS: one notice each.
const ORDERS: u64 = 80;
const KILLS: usize = 5;
const SEED: u64 = 0x5eed_0010;
const DEADLINE: Duration = Duration::from_secs(150);
const SHOP: &str = "default";

/// What the fake Twilio accepted: `To` → how many times.
#[derive(Clone, Default)]
struct Accepted(Arc<Mutex<HashMap<String, usize>>>);

impl Accepted {
    fn total(&self) -> usize {
        self.0.lock().unwrap().values().sum()
    }
}

async fn twilio(State(accepted): State<Accepted>, body: String) -> axum::response::Response {
    let form: HashMap<String, String> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    // A provider's answer takes a moment, which is when a kill loses our record of it.
    let jitter = body.len() as u64 % 17;
    tokio::time::sleep(Duration::from_millis(3 + jitter)).await;
    let to = form.get("To").cloned().unwrap_or_default();
    *accepted.0.lock().unwrap().entry(to.clone()).or_default() += 1;
    (
        StatusCode::CREATED,
        Json(serde_json::json!({"sid": format!("SM{to}"), "status": "queued"})),
    )
        .into_response()
}

/// The demo's stalled UPS order (1004) copied `ORDERS` times, each with its own number,
/// parcel and phone.
async fn seed(db: &wismo_proxy::Db) {
    wismo_proxy::demo::seed_if_empty(db, "template")
        .await
        .unwrap();
    let number = OrderNumber::parse("1004").unwrap();
    let order = wismo_proxy::db::load_order(db, "template", &number)
        .await
        .unwrap()
        .unwrap();
    let parcel = wismo_proxy::db::load_shipments(db, "template", &number)
        .await
        .unwrap()
        .remove(0);
    for i in 0..ORDERS {
        let n = 5000 + i;
        let tracking = format!("1Z4W96E803{:08}", 10_000_000 + i);
        let mut o = serde_json::to_value(&order).unwrap();
        o["number"] = n.to_string().into();
        o["customer"]["email"] = format!("shopper{n}@example.com").into();
        o["customer"]["phone"] = format!("+1 614 555 {n:04}").into();
        o["customer"]["accepts_sms"] = true.into();
        o["fulfillments"][0]["tracking_number"] = tracking.clone().into();
        let o: wismo::Order = serde_json::from_value(o).unwrap();
        wismo_proxy::db::insert_order(db, SHOP, &o).await.unwrap();
        let mut p = serde_json::to_value(&parcel).unwrap();
        p["tracking_number"] = tracking.into();
        let p: wismo::Shipment = serde_json::from_value(p).unwrap();
        wismo_proxy::db::insert_shipment(db, SHOP, &o.number, &p)
            .await
            .unwrap();
    }
}

#[test]
fn notices_survive_sigkill_while_sending_and_duplicates_are_counted() {
    for backend in common::backends() {
        kill_while_sending(backend);
    }
}

fn kill_while_sending(backend: &str) {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let database = rt.block_on(common::fresh_database_setting(backend, dir.path()));
    let db = rt.block_on(async {
        let db = wismo_proxy::Db::connect(&database).await.unwrap();
        seed(&db).await;
        db
    });
    let accepted = Accepted::default();
    let twilio_url = rt.block_on(common::fake_server::serve(
        Router::new()
            .route("/2010-04-01/Accounts/{account}/Messages.json", post(twilio))
            .with_state(accepted.clone()),
    ));
    let config = dir.path().join("wismo.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase = {database:?}\nsession_secret = \"{}\"\n\
             [policy]\ntimezone = \"UTC\"\nquiet_hours = {{ start = 0, end = 0 }}\noutreach_max_order_age_days = 0\n\
             [outreach]\nenabled = true\nlease_seconds = 1\npublic_url = \"https://wismo.test\"\n\
             [outreach.sms]\naccount_sid = \"AC00000000000000000000000000000001\"\n\
             auth_token = \"twilio-token\"\nfrom = \"+15550001111\"\napi_url = {twilio_url:?}\n",
            "k".repeat(32)
        ),
    )
    .unwrap();

    let mut rng = common::Rng(SEED);
    let mut thresholds: Vec<usize> = (0..KILLS)
        .map(|_| 1 + rng.below(ORDERS - 2) as usize)
        .collect();
    thresholds.sort_unstable();
    let mut server = common::start(&config).child;
    for &threshold in &thresholds {
        while accepted.total() < threshold {
            assert!(started.elapsed() < DEADLINE, "sending stalled");
            std::thread::sleep(Duration::from_micros(200 + rng.below(800)));
        }
        server.kill().unwrap(); // SIGKILL: no shutdown code runs.
        server.wait().unwrap();
        server = common::start(&config).child;
    }
    // Let the last process send everything left.
    let rows = rt.block_on(async {
        loop {
            let rows = wismo_proxy::outreach::outbox::recent(&db, SHOP, 1000)
                .await
                .unwrap();
            if rows.len() == ORDERS as usize && rows.iter().all(|r| r.sent_at.is_some()) {
                break rows;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{} of {ORDERS} notices queued, {} sent",
                rows.len(),
                rows.iter().filter(|r| r.sent_at.is_some()).count()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    server.kill().unwrap();
    server.wait().unwrap();

    let accepted = accepted.0.lock().unwrap().clone();
    for i in 0..ORDERS {
        let to = format!("+1614555{:04}", 5000 + i);
        assert!(
            accepted.contains_key(&to),
            "{backend}: the notice to {to} was lost"
        );
    }
    let total: usize = accepted.values().sum();
    let duplicates = total - accepted.len();
    assert!(rows
        .iter()
        .all(|r| r.kind == "scan_gap" && r.channel == "sms"));
    assert!(
        duplicates <= KILLS,
        "{backend}: {duplicates} duplicates from {KILLS} kills"
    );
    let retried = rows.iter().filter(|r| r.attempts > 1).count();
    // Only the message in flight at each kill is claimed again (a claim covers what its lease
    // can send), and nothing failed on the way.
    assert!(
        retried <= KILLS,
        "{backend}: {retried} messages re-claimed after {KILLS} kills"
    );
    assert!(rows.iter().all(|r| r.last_error.is_none()));
    eprintln!(
        "outreach kill test on {backend}: {ORDERS} notices, {KILLS} SIGKILLs at {thresholds:?} accepted, \
         {total} accepted by Twilio, {} unique, {duplicates} duplicates, {retried} sent on a later attempt, {:.1}s",
        accepted.len(),
        started.elapsed().as_secs_f64()
    );
}
