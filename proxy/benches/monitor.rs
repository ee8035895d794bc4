//! One outreach monitor pass over many synthetic shipments (issue 10: 1,000,000, aim under 5 s
//! in one process), and the same pass shared by several processes on one PostgreSQL.
//!
//! ```sh
//! cargo bench -p wismo-proxy --bench monitor                          # 1,000,000 on SQLite
//! cargo bench -p wismo-proxy --bench monitor -- --orders 100000
//! cargo bench -p wismo-proxy --bench monitor -- --postgres postgres://… --processes 2
//! ```
//!
//! Each order has one UPS parcel; by its number it is moving normally (70%), delivered (15%),
//! stalled for four days (10%) or unfulfilled past its processing time (5%), so about one in
//! six has a notice due. Every order is due for a look, as after the upgrade that added outreach:
//! the worst pass there is. The baseline, run on the same data in the same run, is the least any
//! design must do: read every order's row and parse it. A measurement, not a test: the machine is
//! shared, so compare the ratio, not the seconds, between runs.

use chrono::{DateTime, Duration, Utc};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;
use wismo_proxy::auth::SessionKey;
use wismo_proxy::outreach::{monitor, Outreach};
use wismo_proxy::{AppState, Db, FixedClock};

const SHOP: &str = "bench";
const CHUNK: usize = 100;

fn now() -> DateTime<Utc> {
    "2026-11-19T15:00:00Z".parse().unwrap()
}

fn ts(t: DateTime<Utc>) -> String {
    wismo_proxy::db::time::to_db(t)
}

struct Args {
    orders: usize,
    postgres: Option<String>,
    processes: usize,
    worker: Option<String>,
}

fn args() -> Args {
    let mut a = Args {
        orders: 1_000_000,
        postgres: None,
        processes: 1,
        worker: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--orders" => a.orders = it.next().and_then(|v| v.parse().ok()).expect("--orders N"),
            "--postgres" => a.postgres = it.next(),
            "--processes" => {
                a.processes = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--processes N");
            }
            "--worker" => a.worker = it.next(),
            // `cargo bench` passes `--bench`; anything else is a mistake worth hearing about.
            "--bench" => {}
            other => panic!("unknown argument {other:?}; see the header of benches/monitor.rs"),
        }
    }
    a
}

/// An order as the core writes it, with the placeholders the seeder fills in.
fn template(shipped: bool) -> String {
    let fulfillments = if shipped {
        serde_json::json!([{"id": "f1", "created_at": "2026-11-12T15:00:00Z", "carrier": "ups",
            "tracking_number": "1Z4W96E80310428511", "line_item_ids": ["li1"]}])
    } else {
        serde_json::json!([])
    };
    let order: wismo::Order = serde_json::from_value(serde_json::json!({
        "number": "1004",
        "created_at": "2026-11-11T15:00:00Z",
        "customer": {"email": "marco@example.com", "first_name": "Marco", "locale": "en"},
        "shipping_address": {"line1": "215 High Street", "city": "Columbus", "region": "OH",
            "postcode": "43215", "country": "US"},
        "line_items": [{"id": "li1", "title": "Trail daypack", "quantity": 1,
            "price": {"minor": 6400, "currency": "USD"}}],
        "fulfillment_status": if shipped { "fulfilled" } else { "unfulfilled" },
        "fulfillments": fulfillments,
        "shipping_service": "standard"
    }))
    .unwrap();
    serde_json::to_string(&order)
        .unwrap()
        .replace("1004", "{N}")
        .replace("marco@example.com", "{E}")
        .replace("1Z4W96E80310428511", "{T}")
        .replace("2026-11-11T15:00:00Z", "{C}")
}

fn placeholders(first: usize, rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let cells: Vec<String> = (0..cols)
                .map(|c| format!("${}", first + r * cols + c))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `n` orders of the mix above, with their parcels, scans and watch rows, in bulk.
async fn seed(db: &Db, n: usize) {
    let shipped = template(true);
    let unshipped = template(false);
    let now = now();
    for start in (0..n).step_by(CHUNK) {
        let end = (start + CHUNK).min(n);
        let mut orders = Vec::new();
        let mut parcels = Vec::new();
        let mut scans = Vec::new();
        for i in start..end {
            let number = (100_000 + i).to_string();
            let tracking = format!("1ZBENCH{:011}", i);
            let kind = i % 100;
            let created = if kind >= 95 {
                now - Duration::days(6)
            } else {
                now - Duration::days(8)
            };
            let email = format!("shopper{i}@example.com");
            let data = if kind >= 95 { &unshipped } else { &shipped }
                .replace("{N}", &number)
                .replace("{E}", &email)
                .replace("{T}", &tracking)
                .replace(
                    "{C}",
                    &created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                );
            orders.push((number.clone(), email, ts(created), data));
            if kind < 95 {
                let last = match kind {
                    0..=69 => now - Duration::hours(6),
                    70..=84 => now - Duration::hours(20),
                    _ => now - Duration::days(4),
                };
                let picked = now - Duration::days(7);
                parcels.push((tracking.clone(), number.clone()));
                scans.push((
                    tracking.clone(),
                    ts(picked - Duration::hours(3)),
                    "MP",
                    "Shipper created a label, UPS has not received the package yet.",
                    "",
                    "pre_transit",
                ));
                scans.push((
                    tracking.clone(),
                    ts(picked),
                    "OR",
                    "Origin Scan",
                    "Edison, NJ, US",
                    "in_transit",
                ));
                let (code, text, place, status) = if (70..85).contains(&kind) {
                    ("KB", "Delivered", "Columbus, OH, US", "delivered")
                } else {
                    (
                        "AR",
                        "Arrived at Facility",
                        "Columbus, OH, US",
                        "in_transit",
                    )
                };
                scans.push((tracking, ts(last), code, text, place, status));
            }
        }
        let mut tx = db.begin().await.unwrap();
        let sql = format!(
            "INSERT INTO orders (shop, number, email, created_at, data, name_key) VALUES {}",
            placeholders(1, orders.len(), 6)
        );
        let mut q = sqlx::query(&sql);
        for (number, email, created, data) in &orders {
            q = q
                .bind(SHOP)
                .bind(number)
                .bind(email)
                .bind(created)
                .bind(data)
                .bind(number);
        }
        q.execute(&mut *tx).await.unwrap();
        let sql = format!(
            "INSERT INTO outreach_watch (shop, order_number, check_at, version) VALUES {}",
            placeholders(1, orders.len(), 4)
        );
        let mut q = sqlx::query(&sql);
        for (number, ..) in &orders {
            q = q
                .bind(SHOP)
                .bind(number)
                .bind(wismo_proxy::outreach::watch::ASAP)
                .bind(1_i64);
        }
        q.execute(&mut *tx).await.unwrap();
        if !parcels.is_empty() {
            let sql = format!(
                "INSERT INTO shipments (shop, tracking_number, order_number, carrier, checked_at, international) VALUES {}",
                placeholders(1, parcels.len(), 6)
            );
            let mut q = sqlx::query(&sql);
            for (tracking, number) in &parcels {
                q = q
                    .bind(SHOP)
                    .bind(tracking)
                    .bind(number)
                    .bind("ups")
                    .bind(ts(now))
                    .bind(0_i64);
            }
            q.execute(&mut *tx).await.unwrap();
            let sql = format!(
                "INSERT INTO tracking_events (shop, tracking_number, at, code, description, place, status) VALUES {}",
                placeholders(1, scans.len(), 7)
            );
            let mut q = sqlx::query(&sql);
            for (tracking, at, code, text, place, status) in &scans {
                let place = (!place.is_empty()).then_some(*place);
                q = q
                    .bind(SHOP)
                    .bind(tracking)
                    .bind(at)
                    .bind(*code)
                    .bind(*text)
                    .bind(place)
                    .bind(*status);
            }
            q.execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
}

fn state(db: Db) -> AppState {
    let policy: wismo::Policy = serde_json::from_value(serde_json::json!({
        "brand_name": "Northwind", "timezone": "America/New_York"}))
    .unwrap();
    let mut s = AppState::new(
        db,
        Arc::new(FixedClock::new(now())),
        policy,
        SessionKey::random().unwrap(),
    )
    .with_shop(SHOP);
    s.outreach = Arc::new(Outreach {
        enabled: true,
        ..Outreach::default()
    });
    s
}

/// The floor: every order's row read and parsed.
async fn baseline(db: &Db) -> (usize, f64) {
    use futures_util::TryStreamExt;
    let started = Instant::now();
    let mut rows = sqlx::query_scalar::<_, String>("SELECT data FROM orders WHERE shop = $1")
        .bind(SHOP)
        .fetch(db.pool());
    let mut n = 0;
    while let Some(data) = rows.try_next().await.unwrap() {
        let order: wismo::Order = serde_json::from_str(&data).unwrap();
        std::hint::black_box(order);
        n += 1;
    }
    (n, started.elapsed().as_secs_f64())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().map(str::to_owned))
        .unwrap_or_default();
    format!(
        "{} cores ({cpu}); {}; load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        mem.split_whitespace().collect::<Vec<_>>().join(" "),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )
}

async fn fresh_postgres(url: &str) -> String {
    use sqlx::{Connection, Executor};
    let name = format!("wismo_bench_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(url).await.unwrap();
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
        .await
        .unwrap();
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

#[tokio::main]
async fn main() {
    let a = args();
    if let Some(database) = a.worker {
        // A child of `--processes`: one pass, its counts and time on stdout.
        let db = Db::connect(&database).await.unwrap();
        let started = Instant::now();
        let pass = monitor::pass(&state(db)).await.unwrap();
        println!(
            "{} {} {:.3}",
            pass.evaluated,
            pass.queued,
            started.elapsed().as_secs_f64()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (database, backend) = match &a.postgres {
        Some(url) => (fresh_postgres(url).await, "PostgreSQL"),
        None => (
            dir.path().join("bench.sqlite").to_str().unwrap().to_owned(),
            "SQLite (WAL, synchronous=FULL)",
        ),
    };
    let db = Db::connect(&database).await.unwrap();
    println!("machine: {}", machine());
    println!("database: {backend}; orders: {}", a.orders);
    let started = Instant::now();
    seed(&db, a.orders).await;
    println!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    let (n, floor) = baseline(&db).await;
    assert_eq!(n, a.orders);
    println!();
    println!("| run | orders | notices queued | seconds | orders/s | ratio to baseline |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| baseline: read and parse every order | {n} | | {floor:.2} | {:.0} | 1.00 |",
        n as f64 / floor
    );
    let started = Instant::now();
    let (evaluated, queued) = if a.processes <= 1 {
        let pass = monitor::pass(&state(db.clone())).await.unwrap();
        (pass.evaluated, pass.queued)
    } else {
        let exe = std::env::current_exe().unwrap();
        let children: Vec<_> = (0..a.processes)
            .map(|_| {
                Command::new(&exe)
                    .args(["--worker", &database])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut totals = (0, 0);
        for (i, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            let parts: Vec<&str> = line.split(' ').collect();
            println!(
                "| process {} | {} | {} | {} | | |",
                i + 1,
                parts[0],
                parts[1],
                parts[2]
            );
            totals.0 += parts[0].parse::<usize>().unwrap();
            totals.1 += parts[1].parse::<usize>().unwrap();
        }
        totals
    };
    let secs = started.elapsed().as_secs_f64();
    println!(
        "| monitor pass, {} process{} | {evaluated} | {queued} | {secs:.2} | {:.0} | {:.2} |",
        a.processes,
        if a.processes == 1 { "" } else { "es" },
        evaluated as f64 / secs,
        secs / floor
    );
    let stored = wismo_proxy::outreach::outbox::pending_count(&db)
        .await
        .unwrap();
    assert_eq!(evaluated, a.orders, "every order looked at exactly once");
    assert_eq!(stored as usize, queued, "every queued notice stored once");
    if a.postgres.is_some() {
        db.close().await;
    }
}
