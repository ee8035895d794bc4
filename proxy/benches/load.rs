//! `cargo bench -p wismo-proxy --bench load`: three real `wismo serve` processes sharing one
//! PostgreSQL (`WISMO_TEST_POSTGRES_URL`, see tests/postgres.sh) under load. 200 shoppers, spread
//! over the three, each verify their order, look it up and send five chat messages, while signed
//! Shopify `orders/updated` webhooks stream in to whichever proxy is up; once 40% of the
//! shoppers' requests are done, the third proxy is killed with SIGKILL. It prints the machine,
//! throughput, p50 and p99 per request kind, and checks what must hold: no acknowledged
//! webhook lost or applied twice, no error for a shopper on a surviving proxy, and no answer that
//! names another shopper's order. Exits 1 when any of those fails. A measurement, not a CI test:
//! the numbers go in proxy/BENCH.md.

#![recursion_limit = "256"]

#[allow(unused_imports)]
#[path = "../tests/common/mod.rs"]
mod common;

use common::shopify::{email, order};
use common::{start, Server};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wismo_proxy::webhooks::WebhookSecret;

const PROXIES: usize = 3;
const SHOPPERS: u64 = 200;
const MESSAGES: [&str; 5] = [
    "where is my order?",
    "when will it arrive?",
    "will it be here by Friday?",
    "and which carrier has it?",
    "thanks!",
];
/// Order updates streamed per order while the shoppers work.
const UPDATES: u64 = 3;
const FIRST: u64 = 7001;
const SECRET: &str = "load-test-webhook-secret";
const SHOP_DOMAIN: &str = "northwind.myshopify.com";
const KILL_AT: f64 = 0.4;
/// Time between two streamed webhooks.
const PACE: Duration = Duration::from_millis(2);
const DEADLINE: Duration = Duration::from_secs(600);

/// What one kind of request measured.
#[derive(Default)]
struct Kind {
    latencies: Vec<Duration>,
    errors: usize,
}

#[derive(Default)]
struct Results {
    session: Kind,
    lookup: Kind,
    message: Kind,
    webhook: Kind,
    /// Shopper requests that failed on the proxy that was killed (expected).
    on_killed: usize,
    /// Answers naming an order that is not the shopper's.
    cross_order: Vec<String>,
    /// Questions about a neighbour's order that were refused, as they must be.
    refused: usize,
}

impl Kind {
    fn record(&mut self, took: Duration, ok: bool) {
        if ok {
            self.latencies.push(took);
        } else {
            self.errors += 1;
        }
    }

    fn percentile(&self, p: f64) -> Duration {
        let mut v = self.latencies.clone();
        v.sort_unstable();
        if v.is_empty() {
            return Duration::ZERO;
        }
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }
}

/// Order numbers ("#7012") an answer names, other than the shopper's own.
fn other_orders(body: &str, own: u64) -> Vec<u64> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    for (i, _) in body.match_indices('#') {
        let digits: String = b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .map(|&c| c as char)
            .collect();
        if let Ok(n) = digits.parse::<u64>() {
            if (FIRST..FIRST + SHOPPERS).contains(&n) && n != own {
                out.push(n);
            }
        }
    }
    out
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!(
        "{cpus} CPUs ({model}), load average {}, commit {commit}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )
}

fn main() {
    let Some(url) = std::env::var("WISMO_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!(
            "load: set WISMO_TEST_POSTGRES_URL to a PostgreSQL server the test may create \
             databases on, e.g. WISMO_TEST_POSTGRES_URL=$(bash tests/postgres.sh)"
        );
        std::process::exit(2);
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let code = rt.block_on(async {
        tokio::time::timeout(DEADLINE, run(&url))
            .await
            .unwrap_or_else(|_| {
                eprintln!("load: did not finish within {DEADLINE:?}");
                1
            })
    });
    std::process::exit(code);
}

async fn run(url: &str) -> i32 {
    let started = Instant::now();
    let before = machine();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let database = common::fresh_postgres_url(url).await;
    let config = dir.path().join("wismo.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase = {database:?}\nsession_secret = \"{}\"\n\
             [shopify]\nshop_domain = \"{SHOP_DOMAIN}\"\nclient_secret = \"{SECRET}\"\n",
            "k".repeat(32)
        ),
    )
    .expect("the config file");
    let servers: Vec<Server> = (0..PROXIES).map(|_| start(&config)).collect();
    let addrs: Vec<String> = servers.iter().map(|s| s.addr.clone()).collect();
    let alive: Arc<Vec<AtomicBool>> =
        Arc::new((0..PROXIES).map(|_| AtomicBool::new(true)).collect());
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(64)
        .build()
        .expect("an HTTP client");
    let key = WebhookSecret::new(SECRET.as_bytes()).expect("the webhook key");
    let results = Arc::new(Mutex::new(Results::default()));
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();

    // Sends one event until some live proxy acknowledges it, as Shopify retries.
    let send = {
        let (http, addrs, alive, results, acked) = (
            http.clone(),
            addrs.clone(),
            alive.clone(),
            results.clone(),
            acked.clone(),
        );
        move |id: String, topic: &'static str, body: String, first: usize| {
            let (http, addrs, alive, results, acked) = (
                http.clone(),
                addrs.clone(),
                alive.clone(),
                results.clone(),
                acked.clone(),
            );
            let signature = key.sign(body.as_bytes());
            async move {
                let mut target = first;
                loop {
                    if !alive[target].load(Ordering::Relaxed) {
                        target = (target + 1) % PROXIES;
                        continue;
                    }
                    let t = Instant::now();
                    let answer = http
                        .post(format!("http://{}/webhooks/shopify", addrs[target]))
                        .header("content-type", "application/json")
                        .header("x-shopify-shop-domain", SHOP_DOMAIN)
                        .header("x-shopify-topic", topic)
                        .header("x-shopify-event-id", &id)
                        .header("x-shopify-hmac-sha256", &signature)
                        .body(body.clone())
                        .send()
                        .await;
                    let ok = answer.as_ref().is_ok_and(|r| r.status().is_success());
                    results.lock().unwrap().webhook.record(t.elapsed(), ok);
                    if ok {
                        acked.lock().unwrap().push(id);
                        return;
                    }
                    target = (target + 1) % PROXIES;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    };

    // The shop's orders arrive first, as orders/create.
    let creates = (0..SHOPPERS).map(|i| {
        let n = FIRST + i;
        send(
            format!("create-{n}"),
            "orders/create",
            order(n, "2026-11-17T10:00:00-05:00").to_string(),
            i as usize % PROXIES,
        )
    });
    futures_util::future::join_all(creates).await;
    let db = wismo_proxy::Db::connect(&database)
        .await
        .expect("the database");
    wait_applied(&db, SHOPPERS as usize, started).await;
    let seeded = started.elapsed();

    let total_requests = SHOPPERS as usize * (3 + MESSAGES.len());
    let done = Arc::new(AtomicUsize::new(0));
    let load_started = Instant::now();

    // The webhook stream: UPDATES versions of every order, one event every PACE, so that it
    // spans the shoppers' requests and the kill lands while webhooks are in flight.
    let stream = {
        let send = send.clone();
        tokio::spawn(async move {
            let mut sending = Vec::new();
            for v in 1..=UPDATES {
                for i in 0..SHOPPERS {
                    let n = FIRST + i;
                    let mut body = order(n, &format!("2026-11-17T10:{:02}:00-05:00", v));
                    body["shipping_address"]["address1"] = format!("{v} Pine Road").into();
                    sending.push(tokio::spawn(send(
                        format!("update-{n}-{v}"),
                        "orders/updated",
                        body.to_string(),
                        (i + v) as usize % PROXIES,
                    )));
                    tokio::time::sleep(PACE).await;
                }
            }
            for s in sending {
                s.await.expect("a webhook sender");
            }
        })
    };

    // The shoppers.
    let shoppers: Vec<_> = (0..SHOPPERS)
        .map(|i| {
            let (http, addrs, alive, results, done) = (
                http.clone(),
                addrs.clone(),
                alive.clone(),
                results.clone(),
                done.clone(),
            );
            tokio::spawn(async move {
                let n = FIRST + i;
                let p = i as usize % PROXIES;
                let base = format!("http://{}", addrs[p]);
                let fail =
                    |results: &Mutex<Results>, kind: fn(&mut Results) -> &mut Kind, t: Instant| {
                        let mut r = results.lock().unwrap();
                        if alive[p].load(Ordering::Relaxed) {
                            kind(&mut r).record(t.elapsed(), false);
                        } else {
                            r.on_killed += 1;
                        }
                    };
                let t = Instant::now();
                let session = http
                    .post(format!("{base}/api/v1/session"))
                    .json(&serde_json::json!({"order_number": n.to_string(), "email": email(n)}))
                    .send()
                    .await;
                done.fetch_add(1, Ordering::Relaxed);
                let token = match session {
                    Ok(r) if r.status().is_success() => {
                        let v: serde_json::Value = r.json().await.unwrap_or_default();
                        results.lock().unwrap().session.record(t.elapsed(), true);
                        v["token"].as_str().unwrap_or_default().to_owned()
                    }
                    _ => {
                        fail(&results, |r| &mut r.session, t);
                        done.fetch_add(2 + MESSAGES.len(), Ordering::Relaxed);
                        return;
                    }
                };
                let t = Instant::now();
                let lookup = http
                    .get(format!("{base}/api/v1/orders/{n}"))
                    .bearer_auth(&token)
                    .send()
                    .await;
                done.fetch_add(1, Ordering::Relaxed);
                match lookup {
                    Ok(r) if r.status().is_success() => {
                        let body = r.text().await.unwrap_or_default();
                        let mut res = results.lock().unwrap();
                        res.lookup.record(t.elapsed(), true);
                        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                        if v["order"]["number"].as_str() != Some(n.to_string().as_str()) {
                            res.cross_order
                                .push(format!("lookup of {n} answered {}", v["order"]["number"]));
                        }
                    }
                    _ => fail(&results, |r| &mut r.lookup, t),
                }
                // One more message asks about a neighbour's order: the answer must refuse it.
                let other = FIRST + (i + 1) % SHOPPERS;
                let probe = format!("and what about order #{other}?");
                for message in MESSAGES
                    .iter()
                    .copied()
                    .chain(std::iter::once(probe.as_str()))
                {
                    let t = Instant::now();
                    let answer = http
                        .post(format!("{base}/api/v1/messages"))
                        .bearer_auth(&token)
                        .json(&serde_json::json!({"message": message}))
                        .send()
                        .await;
                    done.fetch_add(1, Ordering::Relaxed);
                    match answer {
                        Ok(r) if r.status().is_success() => {
                            let body = r.text().await.unwrap_or_default();
                            let mut res = results.lock().unwrap();
                            res.message.record(t.elapsed(), true);
                            for other in other_orders(&body, n) {
                                res.cross_order
                                    .push(format!("{n}'s message {message:?} named #{other}"));
                            }
                            // The question about a neighbour's order gets the refusal, not news.
                            if message == probe {
                                if body.contains("only discuss order") {
                                    res.refused += 1;
                                } else {
                                    res.cross_order.push(format!(
                                        "{n}'s question about #{other} was not refused"
                                    ));
                                }
                            }
                        }
                        _ => fail(&results, |r| &mut r.message, t),
                    }
                }
            })
        })
        .collect();

    // Kill the third proxy once KILL_AT of the shoppers' requests are done.
    let mut servers = servers;
    while (done.load(Ordering::Relaxed) as f64) < KILL_AT * total_requests as f64 {
        if started.elapsed() > DEADLINE {
            eprintln!("load: the shoppers stalled");
            return 1;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    alive[PROXIES - 1].store(false, Ordering::Relaxed);
    let killed_at = done.load(Ordering::Relaxed);
    servers[PROXIES - 1].child.kill().expect("SIGKILL");
    servers[PROXIES - 1].child.wait().ok();

    for s in shoppers {
        s.await.expect("a shopper task");
    }
    let shoppers_took = load_started.elapsed();
    stream.await.expect("the webhook stream");
    let load_took = load_started.elapsed();
    let sent = (SHOPPERS * (1 + UPDATES)) as usize;
    wait_applied(&db, sent, started).await;
    for s in servers.iter_mut().take(PROXIES - 1) {
        s.child.kill().ok();
        s.child.wait().ok();
    }

    // Every acknowledged event stored once and applied once; none lost.
    let rows = wismo_proxy::webhooks::store::all(&db)
        .await
        .expect("the events");
    let acked = acked.lock().unwrap().clone();
    let mut lost = 0;
    let mut twice = 0;
    for id in &acked {
        let stored: Vec<_> = rows.iter().filter(|r| &r.event_id == id).collect();
        match stored.as_slice() {
            [] => lost += 1,
            [one] if one.process_count == 1 && one.error.is_none() => {}
            _ => twice += 1,
        }
    }
    // Each order ends at its newest version, whichever proxy applied which.
    let mut stale = Vec::new();
    for i in 0..SHOPPERS {
        let n = FIRST + i;
        let number = wismo::OrderNumber::parse(&n.to_string()).expect("an order number");
        match wismo_proxy::db::load_order(&db, SHOP_DOMAIN, &number).await {
            Ok(Some(o)) if o.shipping_address.line1 == format!("{UPDATES} Pine Road") => {}
            other => stale.push(format!(
                "order {n}: {:?}",
                other.map(|o| o.map(|o| o.shipping_address.line1.clone()))
            )),
        }
    }
    let r = results.lock().unwrap();
    let shopper_errors = r.session.errors + r.lookup.errors + r.message.errors;
    let served = r.session.latencies.len() + r.lookup.latencies.len() + r.message.latencies.len();
    println!("wismo load test: {PROXIES} proxies on one PostgreSQL, {SHOPPERS} shoppers");
    println!("machine: {before}");
    println!(
        "seeded {SHOPPERS} orders by webhook in {:.1} s; load phase {:.1} s; proxy {} killed after {killed_at} of {total_requests} shopper requests",
        seeded.as_secs_f64(),
        load_took.as_secs_f64(),
        PROXIES
    );
    println!();
    println!("| request | served | errors on surviving proxies | p50 | p99 |");
    println!("|---|---|---|---|---|");
    for (name, k) in [
        ("verify (POST /api/v1/session)", &r.session),
        ("look up (GET /api/v1/orders/{n})", &r.lookup),
        ("message (POST /api/v1/messages)", &r.message),
        ("Shopify webhook (each attempt)", &r.webhook),
    ] {
        println!(
            "| {name} | {} | {} | {:.1} ms | {:.1} ms |",
            k.latencies.len(),
            k.errors,
            k.percentile(0.5).as_secs_f64() * 1e3,
            k.percentile(0.99).as_secs_f64() * 1e3
        );
    }
    println!();
    println!(
        "shopper throughput: {served} requests served in {:.2} s, {:.0} requests/s; {} requests failed on the killed proxy",
        shoppers_took.as_secs_f64(),
        served as f64 / shoppers_took.as_secs_f64(),
        r.on_killed
    );
    println!(
        "webhooks: {sent} events, {} acknowledged, {} attempts refused or cut off by the kill, {lost} lost, {twice} stored twice or failed",
        acked.len(),
        r.webhook.errors
    );
    println!(
        "orders not at their newest version: {}; answers about another shopper's order: {} ({} questions about a neighbour's order refused)",
        stale.len(),
        r.cross_order.len(),
        r.refused
    );
    for s in stale.iter().take(5) {
        println!("  {s}");
    }
    for c in r.cross_order.iter().take(5) {
        println!("  {c}");
    }
    // The kill must have landed while shoppers were using that proxy, or it proved nothing.
    let overlapped = r.on_killed > 0;
    if !overlapped {
        println!("the kill did not overlap any shopper's request: rerun");
    }
    let ok = lost == 0
        && twice == 0
        && stale.is_empty()
        && shopper_errors == 0
        && r.cross_order.is_empty()
        && overlapped;
    println!("{}", if ok { "PASS" } else { "FAIL" });
    i32::from(!ok)
}

/// Waits until `n` webhook events are stored and every one is applied.
async fn wait_applied(db: &wismo_proxy::Db, n: usize, started: Instant) {
    loop {
        let rows = wismo_proxy::webhooks::store::all(db)
            .await
            .expect("the events");
        if rows.len() >= n && rows.iter().all(|r| r.processed_at.is_some()) {
            return;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "{} of {n} events applied",
            rows.iter().filter(|r| r.processed_at.is_some()).count()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
