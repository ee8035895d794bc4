//! The real `wismo serve` under SIGKILL: several threads send signed Shopify webhooks while the
//! process is killed at seeded random moments and restarted on the same database (SQLite, and
//! PostgreSQL when `WISMO_TEST_POSTGRES_URL` is set); unacknowledged
//! events are sent again. At the end every acknowledged event is stored exactly once, every event
//! sent is stored and applied exactly once, and each order holds its newest version.
//! Loopback only; bounded in events, kills and time.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use common::shopify::order;
use common::start;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wismo_proxy::webhooks::WebhookSecret;

const ORDERS: u64 = 30;
const VERSIONS: u64 = 6;
const SENDERS: usize = 4;
const KILLS: usize = 6;
const SEED: u64 = 0x5eed_0006;
const DEADLINE: Duration = Duration::from_secs(120);
const SECRET: &str = "kill-restart-webhook-secret";

struct Event {
    id: String,
    topic: &'static str,
    body: String,
    signature: String,
}

/// Version `v` of order `n`: updated a minute later each time, with its own street number.
fn events() -> Vec<Event> {
    let key = WebhookSecret::new(SECRET.as_bytes()).unwrap();
    let mut out = Vec::new();
    for n in 2001..2001 + ORDERS {
        for v in 0..VERSIONS {
            let mut body = order(n, &format!("2026-11-17T10:{:02}:00-05:00", v));
            body["shipping_address"]["address1"] = format!("{} Pine Road", v + 1).into();
            let body = body.to_string();
            out.push(Event {
                id: format!("ev-{n}-{v}"),
                topic: if v == 0 {
                    "orders/create"
                } else {
                    "orders/updated"
                },
                signature: key.sign(body.as_bytes()),
                body,
            });
        }
    }
    out
}

/// Posts one event; `Some(status)` for a full HTTP answer, `None` if the connection failed.
fn post(addr: &str, e: &Event) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    s.set_write_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "POST /webhooks/shopify HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n\
         X-Shopify-Shop-Domain: northwind.myshopify.com\r\nX-Shopify-Topic: {}\r\nX-Shopify-Event-Id: {}\r\nX-Shopify-Hmac-Sha256: {}\r\nContent-Length: {}\r\n\r\n{}",
        e.topic,
        e.id,
        e.signature,
        e.body.len(),
        e.body
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let status = out.get(9..12)?.parse().ok()?;
    let body = out.split_once("\r\n\r\n")?.1.to_owned();
    Some((status, body))
}

#[derive(Default)]
struct Tally {
    attempts: AtomicUsize,
    stored: AtomicUsize,
    duplicates: AtomicUsize,
    failed_connections: AtomicUsize,
}

#[test]
fn acknowledged_webhooks_survive_sigkill_and_every_event_is_applied_exactly_once() {
    for backend in common::backends() {
        kill_and_restart(backend);
    }
}

fn kill_and_restart(backend: &str) {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let database = rt.block_on(common::fresh_database_setting(backend, dir.path()));
    let open = || async {
        if backend == "postgres" {
            wismo_proxy::Db::connect(&database).await.unwrap()
        } else {
            wismo_proxy::Db::open(std::path::Path::new(&database))
                .await
                .unwrap()
        }
    };
    let config = dir.path().join("wismo.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase = {database:?}\nsession_secret = \"{}\"\n[shopify]\nshop_domain = \"northwind.myshopify.com\"\nclient_secret = \"{SECRET}\"\n",
            "k".repeat(32)
        ),
    )
    .unwrap();

    let events = Arc::new(events());
    let total = events.len();
    let acked: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let addr: Arc<Mutex<Option<String>>> = Arc::default();
    let tally = Arc::new(Tally::default());
    let stop = Arc::new(AtomicBool::new(false));

    let mut server = start(&config);
    *addr.lock().unwrap() = Some(server.addr.clone());

    // Events of one order are spread over all senders, so its versions race each other.
    let senders: Vec<_> = (0..SENDERS)
        .map(|s| {
            let (events, acked, addr, tally, stop) = (
                events.clone(),
                acked.clone(),
                addr.clone(),
                tally.clone(),
                stop.clone(),
            );
            std::thread::spawn(move || {
                let mut mine: Vec<usize> = (s..events.len()).step_by(SENDERS).collect();
                while !mine.is_empty() && !stop.load(Ordering::Relaxed) {
                    let Some(target) = addr.lock().unwrap().clone() else {
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    };
                    let i = mine[0];
                    tally.attempts.fetch_add(1, Ordering::Relaxed);
                    match post(&target, &events[i]) {
                        Some((200, body)) => {
                            if body.contains("duplicate") {
                                tally.duplicates.fetch_add(1, Ordering::Relaxed);
                            } else {
                                tally.stored.fetch_add(1, Ordering::Relaxed);
                            }
                            *acked
                                .lock()
                                .unwrap()
                                .entry(events[i].id.clone())
                                .or_default() += 1;
                            mine.remove(0);
                        }
                        Some((status, body)) => panic!("unexpected answer {status}: {body}"),
                        // Not acknowledged: send it again, to whichever process is up next.
                        None => {
                            tally.failed_connections.fetch_add(1, Ordering::Relaxed);
                            std::thread::sleep(Duration::from_millis(5));
                        }
                    }
                }
            })
        })
        .collect();

    // Kill when the number of acknowledged events crosses seeded random thresholds, so every
    // kill lands while webhooks are in flight.
    let mut rng = common::Rng(SEED);
    let mut thresholds: Vec<usize> = (0..KILLS)
        .map(|_| 1 + rng.below(total as u64 - 2) as usize)
        .collect();
    thresholds.sort_unstable();
    let mut kills = 0;
    for threshold in thresholds {
        while acked.lock().unwrap().len() < threshold {
            assert!(started.elapsed() < DEADLINE, "senders stalled");
            std::thread::sleep(Duration::from_micros(200 + rng.below(800)));
        }
        server.child.kill().unwrap(); // SIGKILL: no shutdown code runs.
        server.child.wait().unwrap();
        *addr.lock().unwrap() = None;
        kills += 1;
        server = start(&config);
        *addr.lock().unwrap() = Some(server.addr.clone());
    }
    for s in senders {
        s.join().unwrap();
    }
    stop.store(true, Ordering::Relaxed);

    // Let the last process apply everything, then look at the database it wrote.
    let rows = rt.block_on(async {
        let db = open().await;
        loop {
            let rows = wismo_proxy::webhooks::store::all(&db).await.unwrap();
            if rows.len() == total && rows.iter().all(|r| r.processed_at.is_some()) {
                break rows;
            }
            assert!(started.elapsed() < DEADLINE, "events left unprocessed");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    let acked = acked.lock().unwrap().clone();
    let mut stored: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        *stored.entry(r.event_id.as_str()).or_default() += 1;
        assert_eq!(
            r.process_count, 1,
            "{} applied {} times",
            r.event_id, r.process_count
        );
        assert!(
            r.failed_at.is_none() && r.error.is_none(),
            "{}: {:?}",
            r.event_id,
            r.error
        );
    }
    for e in events.iter() {
        assert!(acked.contains_key(&e.id), "{} was never acknowledged", e.id);
        assert_eq!(stored.get(e.id.as_str()), Some(&1), "{} stored once", e.id);
    }
    assert_eq!(rows.len(), total);

    // Each order ends at its newest version, whatever order the versions were applied in.
    let db = rt.block_on(open());
    for n in 2001..2001 + ORDERS {
        let o = rt
            .block_on(wismo_proxy::db::load_order(
                &db,
                "northwind.myshopify.com",
                &wismo::OrderNumber::parse(&n.to_string()).unwrap(),
            ))
            .unwrap()
            .unwrap();
        assert_eq!(
            o.shipping_address.line1,
            format!("{VERSIONS} Pine Road"),
            "order {n}"
        );
    }

    eprintln!(
        "kill-and-restart on {backend}: {total} events, {} requests, {} stored on first ack, {} acknowledged as duplicates \
         (stored before a kill, resent), {} connections lost, {kills} SIGKILLs, {} rows, {:.1}s",
        tally.attempts.load(Ordering::Relaxed),
        tally.stored.load(Ordering::Relaxed),
        tally.duplicates.load(Ordering::Relaxed),
        tally.failed_connections.load(Ordering::Relaxed),
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(kills, KILLS);
}
