//! One way to build the app for tests: the demo shop in a fresh database (SQLite always, and
//! PostgreSQL too when `WISMO_TEST_POSTGRES_URL` is set: see tests/postgres.sh), a clock the test
//! can move, and throwaway static directories; plus small request helpers.

#![allow(dead_code)] // Each test binary uses a different subset of these helpers.

pub mod fake_server;
pub mod helpdesks;
pub mod shopify;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::sync::Arc;
use tempfile::TempDir;
use tower::ServiceExt;
use wismo_proxy::auth::SessionKey;
use wismo_proxy::helpdesk::{self, Helpdesk, RecordingHelpdesk};
use wismo_proxy::webhooks::WebhookSecret;
use wismo_proxy::{app, demo, AppState, Db, FixedClock};

/// The shop test apps serve: the demo's orders are seeded under it and its webhooks are applied.
pub const SHOP: &str = "northwind.myshopify.com";

/// The Shopify client secret test apps verify webhooks with.
pub const WEBHOOK_SECRET: &[u8] = b"shpss_test_client_secret";

/// splitmix64: a seeded sequence with no dependency, for the kill tests' random moments.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Where test apps say they are reachable (Twilio signs this URL).
pub const PUBLIC_URL: &str = "https://wismo.test";
/// The outreach providers' secrets test apps verify inbound webhooks with.
pub const TWILIO_TOKEN: &[u8] = b"twilio-auth-token-test";
pub const WHATSAPP_SECRET: &[u8] = b"meta-app-secret-test";
pub const MAILGUN_KEY: &[u8] = b"key-mailgun-signing-test";

pub struct TestApp {
    pub router: Router,
    pub clock: Arc<FixedClock>,
    /// The state's wall clock (idempotency-key leases), held still until a test moves it.
    pub wall: Arc<FixedClock>,
    pub db: Db,
    pub state: AppState,
    /// The helpdesk notes go to unless a test plugs in another with [`TestApp::with_helpdesk`].
    pub helpdesk: Arc<RecordingHelpdesk>,
    /// `sqlite` or `postgres`, for assertion messages.
    pub backend: &'static str,
    /// Holds the database file and static directories until the test ends.
    pub dir: TempDir,
}

/// A real `wismo serve` process and the address it printed.
pub struct Server {
    pub child: std::process::Child,
    pub addr: String,
}

/// Starts `wismo serve --config CONFIG` with no secrets or database from the environment,
/// logging only warnings (to nowhere), and waits for its address line.
pub fn start(config: &std::path::Path) -> Server {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["serve", "--config"])
        .arg(config)
        .env_remove("WISMO_SESSION_SECRET")
        .env_remove("WISMO_SHOPIFY_CLIENT_SECRET")
        .env_remove("WISMO_TWILIO_AUTH_TOKEN")
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("wismo starts");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address line");
    let addr = line
        .strip_prefix("wismo serving at http://")
        .and_then(|rest| rest.strip_suffix("/\n"))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Server { child, addr }
}

/// The PostgreSQL server tests also run against, if any.
fn postgres_url() -> Option<String> {
    std::env::var("WISMO_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// The kinds of database every storage test runs on: SQLite always, PostgreSQL when
/// `WISMO_TEST_POSTGRES_URL` is set.
pub fn backends() -> Vec<&'static str> {
    let mut out = vec!["sqlite"];
    if postgres_url().is_some() {
        out.push("postgres");
    }
    out
}

/// A fresh, empty, migrated database of that kind; a PostgreSQL one is a new database of its own.
pub async fn fresh_db(backend: &str, dir: &std::path::Path) -> Db {
    match backend {
        "postgres" => fresh_postgres(&postgres_url().expect("WISMO_TEST_POSTGRES_URL")).await,
        _ => Db::open(&dir.join("test.sqlite"))
            .await
            .expect("a SQLite database"),
    }
}

/// Creates a database with a unique `wismo_t_` name next to the one `url` names.
pub async fn fresh_postgres(url: &str) -> Db {
    Db::connect(&fresh_postgres_url(url).await)
        .await
        .expect("the fresh PostgreSQL database")
}

/// The URL of a new, empty database with a unique `wismo_t_` name next to the one `url` names.
pub async fn fresh_postgres_url(url: &str) -> String {
    use sqlx::{Connection, Executor};
    use std::sync::atomic::{AtomicU32, Ordering};
    static SEQ: AtomicU32 = AtomicU32::new(0);
    sqlx::any::install_default_drivers();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!(
        "wismo_t_{}_{}_{nanos}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = sqlx::AnyConnection::connect(url)
        .await
        .expect("WISMO_TEST_POSTGRES_URL accepts connections");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("the test role may create databases");
    admin.close().await.ok();
    let (base, query) = url.split_once('?').map_or((url, ""), |(b, q)| (b, q));
    let (server, _) = base.rsplit_once('/').expect("a database URL with a path");
    let sep = if query.is_empty() { "" } else { "?" };
    format!("{server}/{name}{sep}{query}")
}

/// The `database` setting and a connection opener for a fresh database of that kind, for tests
/// that run `wismo serve` as a process.
pub async fn fresh_database_setting(backend: &str, dir: &std::path::Path) -> String {
    match backend {
        "postgres" => fresh_postgres_url(&postgres_url().expect("WISMO_TEST_POSTGRES_URL")).await,
        _ => dir
            .join("wismo.sqlite")
            .to_str()
            .expect("a UTF-8 path")
            .to_owned(),
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The demo shop on a fresh temporary SQLite database, at the demo's frozen "now".
pub async fn spawn_demo() -> TestApp {
    spawn_demos_with(false).await.remove(0)
}

/// The demo shop on each configured database (see [`fresh_dbs`]).
pub async fn spawn_demos() -> Vec<TestApp> {
    spawn_demos_with(false).await
}

/// The demo shop as if behind a reverse proxy that sets `X-Forwarded-For`.
pub async fn spawn_demo_behind_proxy() -> TestApp {
    spawn_demos_with(true).await.remove(0)
}

/// The demo shop on a fresh database of that kind (`sqlite` or `postgres`).
pub async fn spawn_demo_on(backend: &'static str) -> TestApp {
    spawn_one(false, backend).await
}

/// The same on each configured database.
pub async fn spawn_demos_behind_proxy() -> Vec<TestApp> {
    spawn_demos_with(true).await
}

async fn spawn_demos_with(trust_forwarded_for: bool) -> Vec<TestApp> {
    let mut apps = Vec::new();
    for backend in backends() {
        apps.push(spawn_one(trust_forwarded_for, backend).await);
    }
    apps
}

async fn spawn_one(trust_forwarded_for: bool, backend: &'static str) -> TestApp {
    let dir = tempfile::tempdir().expect("a temp dir");
    let www = dir.path().join("www");
    let widget = dir.path().join("widget");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>Northwind</title>",
    )
    .unwrap();
    std::fs::write(widget.join("wismo_widget_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(widget.join("wismo_widget.js"), "export default 1;").unwrap();
    // What `cargo xtask widget` writes beside each file; the bytes only need to be told apart.
    std::fs::write(widget.join("wismo_widget_bg.wasm.gz"), b"gzip twin").unwrap();

    let db = fresh_db(backend, dir.path()).await;
    demo::seed_if_empty(&db, SHOP).await.expect("seed");
    let clock = Arc::new(FixedClock::new(demo::now()));
    let wall = Arc::new(FixedClock::new(demo::now()));
    let helpdesk = Arc::new(RecordingHelpdesk::default());
    let mut state = AppState::new(
        db.clone(),
        clock.clone(),
        demo::policy(),
        SessionKey::new(&[7; 32]).unwrap(),
    )
    .with_shop(SHOP);
    state.wall = wall.clone();
    state.trust_forwarded_for = trust_forwarded_for;
    state.www_dir = www;
    state.widget_dir = widget;
    state.helpdesk = Some(helpdesk.clone());
    state.shopify_webhook_secret = Some(WebhookSecret::new(WEBHOOK_SECRET).unwrap());
    TestApp {
        router: app(state.clone()),
        clock,
        wall,
        db,
        state,
        helpdesk,
        backend,
        dir,
    }
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn get_with_token(&self, path: &str, token: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// A POST with a JSON body and extra headers.
    pub async fn post_with(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut req = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::from(body.to_vec())).unwrap())
            .await
    }

    /// A Shopify webhook delivery, signed with [`WEBHOOK_SECRET`].
    pub async fn webhook(&self, topic: &str, event_id: &str, body: &serde_json::Value) -> Reply {
        let body = body.to_string();
        let sig = WebhookSecret::new(WEBHOOK_SECRET)
            .unwrap()
            .sign(body.as_bytes());
        self.post_with(
            "/webhooks/shopify",
            &[
                ("x-shopify-topic", topic),
                ("x-shopify-event-id", event_id),
                ("x-shopify-hmac-sha256", &sig),
                ("x-shopify-shop-domain", SHOP),
            ],
            body.as_bytes(),
        )
        .await
    }

    /// The same app with notes going to `desk` instead of the recording helpdesk.
    pub fn with_helpdesk(mut self, desk: Arc<dyn Helpdesk>) -> Self {
        self.state.helpdesk = Some(desk);
        self.router = app(self.state.clone());
        self
    }

    /// The same app with outreach on, every channel's messages kept by the returned recorder,
    /// and the demo-only clock control and outbox page turned on.
    pub fn with_outreach(mut self) -> (Self, Arc<wismo_proxy::outreach::send::RecordingSender>) {
        let recorder = Arc::new(wismo_proxy::outreach::send::RecordingSender::default());
        self.state.outreach = Arc::new(wismo_proxy::outreach::Outreach {
            enabled: true,
            public_url: Some(PUBLIC_URL.to_owned()),
            senders: wismo_proxy::outreach::send::Senders::all(recorder.clone()),
            twilio_token: Some(Arc::from(TWILIO_TOKEN)),
            whatsapp_secret: Some(WebhookSecret::new(WHATSAPP_SECRET).unwrap()),
            whatsapp_verify_token: Some(Arc::from("verify-me")),
            mailgun_key: Some(WebhookSecret::new(MAILGUN_KEY).unwrap()),
            ..wismo_proxy::outreach::Outreach::default()
        });
        self.state.demo_clock = Some(self.clock.clone());
        self.router = app(self.state.clone());
        (self, recorder)
    }

    /// A monitor pass and a send pass, as the outreach worker runs them.
    pub async fn run_outreach(
        &self,
    ) -> (
        wismo_proxy::outreach::monitor::Pass,
        wismo_proxy::outreach::worker::Pass,
    ) {
        let checked = wismo_proxy::outreach::monitor::pass(&self.state)
            .await
            .expect("the monitor runs");
        let sent = wismo_proxy::outreach::worker::send_pending(&self.state)
            .await
            .expect("the sender runs");
        (checked, sent)
    }

    /// One pass of the helpdesk note worker at the test clock's now, as the server's background
    /// task would run it.
    pub async fn deliver_notes(&self) -> helpdesk::Pass {
        let desk = self
            .state
            .helpdesk
            .clone()
            .expect("a helpdesk is plugged in");
        helpdesk::deliver_pending(&self.db, desk.as_ref(), self.wall.as_ref())
            .await
            .expect("the note worker runs")
    }

    /// Runs the `wismo` binary with `args` and `--config` naming a file whose `database` is this
    /// app's SQLite database, as an operator would against a running shop's database.
    pub fn run_wismo(&self, args: &[&str]) -> std::process::Output {
        let config = self.dir.path().join("wismo.toml");
        let db = self.dir.path().join("test.sqlite");
        std::fs::write(&config, format!("database = {:?}\n", db.to_str().unwrap())).unwrap();
        std::process::Command::new(env!("CARGO_BIN_EXE_wismo"))
            .args(args)
            .arg("--config")
            .arg(&config)
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    }

    /// The order with this number as the app's order source has it now.
    pub async fn stored_order(&self, number: &str) -> Option<wismo::Order> {
        self.state
            .orders
            .order(&wismo::OrderNumber::parse(number).unwrap())
            .await
            .unwrap()
    }

    /// Runs the webhook worker until nothing is pending, as the server's background task would.
    pub async fn drain_webhooks(&self) -> usize {
        wismo_proxy::webhooks::process_pending(&self.db, demo::now())
            .await
            .expect("the worker runs")
    }

    pub async fn post_raw(&self, path: &str, body: &str) -> Reply {
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_owned()))
                .unwrap(),
        )
        .await
    }

    pub async fn session(&self, order_number: &str, email: &str) -> Reply {
        let body = serde_json::json!({ "order_number": order_number, "email": email });
        self.post_raw("/api/v1/session", &body.to_string()).await
    }

    /// A verification attempt from the client a reverse proxy names in `X-Forwarded-For`.
    pub async fn session_from(
        &self,
        forwarded_for: &str,
        order_number: &str,
        email: &str,
    ) -> Reply {
        let body = serde_json::json!({ "order_number": order_number, "email": email });
        self.send(
            Request::post("/api/v1/session")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-forwarded-for", forwarded_for)
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
    }

    /// A token for an order, asserting verification succeeds.
    pub async fn token(&self, order_number: &str, email: &str) -> String {
        let r = self.session(order_number, email).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()["token"].as_str().expect("a token").to_owned()
    }
}
