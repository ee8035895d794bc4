//! Internal notes about executed actions, from the actions endpoint through the outbox to fake
//! Zendesk and Gorgias APIs that speak the real shapes, on every configured database: the note on
//! the shopper's open ticket or on a ticket opened for it, private and escaped; retries after a
//! 503 and a 429's `Retry-After`; a 401 given up on; a helpdesk that is down or a worker that
//! dies delaying a note but never losing or doubling it; and the configuration that plugs a
//! helpdesk in.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::http::StatusCode;
use chrono::Duration;
use common::helpdesks::{
    FakeGorgias, FakeZendesk, Fault, GorgiasTicket, ZendeskTicket, AGENT, ZENDESK_TOKEN,
};
use common::{spawn_demos, Reply, TestApp};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;
use wismo_proxy::config::Config;
use wismo_proxy::db::time::to_db;
use wismo_proxy::helpdesk::outbox::{self, NoteStatus};
use wismo_proxy::helpdesk::{self, worker, ZendeskNotes, ZENDESK_API_TOKEN_ENV};
use wismo_proxy::{demo, Db};

const JANE: &str = "jane@example.com";
const HOSTILE: &str = "<img src=x onerror=alert(1)>, Springfield, IL 62704";

/// Executes `action` on order 1001 as its shopper, with a fresh idempotency key.
async fn act(app: &TestApp, key: &str, action: Value) -> Reply {
    let token = app.token("1001", JANE).await;
    let body = json!({"action": action, "needs_confirmation": false, "needs_approval": false});
    let auth = format!("Bearer {token}");
    app.post_with(
        "/api/v1/actions",
        &[("authorization", &auth), ("idempotency-key", key)],
        body.to_string().as_bytes(),
    )
    .await
}

async fn cancel(app: &TestApp) -> Reply {
    let r = act(app, "cancel-1", json!({"type": "cancel", "order": "1001"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
    r
}

async fn notes(app: &TestApp) -> Vec<NoteStatus> {
    outbox::all(&app.db).await.unwrap()
}

async fn only_note(app: &TestApp) -> NoteStatus {
    let mut all = notes(app).await;
    assert_eq!(all.len(), 1, "{}: {all:?}", app.backend);
    all.remove(0)
}

fn seconds(n: i64) -> Duration {
    Duration::seconds(n)
}

#[tokio::test]
async fn zendesk_gets_a_private_comment_on_the_shoppers_newest_unsolved_ticket() {
    for app in spawn_demos().await {
        let fake = FakeZendesk::start(vec![
            ZendeskTicket::new(101, JANE, "open"),
            ZendeskTicket::new(102, JANE, "pending"),
            ZendeskTicket::new(103, JANE, "solved"),
            ZendeskTicket::new(104, "omar@example.com", "open"),
        ])
        .await;
        let app = app.with_helpdesk(Arc::new(fake.client()));
        cancel(&app).await;
        assert!(fake.seen().is_empty(), "the action only queues the note");
        let pass = app.deliver_notes().await;
        assert_eq!(pass.delivered, 1, "{}: {:?}", app.backend, fake.seen());

        let seen = fake.seen();
        assert_eq!(seen.len(), 2, "{seen:?}");
        let search = &seen[0];
        assert_eq!(
            (search.method, search.path.as_str()),
            ("GET", "/api/v2/search.json")
        );
        assert_eq!(
            search.query["query"],
            "type:ticket requester:jane@example.com status<solved"
        );
        assert_eq!(search.query["sort_by"], "created_at");
        assert_eq!(search.query["sort_order"], "desc");
        let update = &seen[1];
        assert_eq!(
            (update.method, update.path.as_str()),
            ("PUT", "/api/v2/tickets/102.json")
        );
        for s in &seen {
            assert_eq!(
                s.authorization.as_deref(),
                Some(FakeZendesk::expected_auth().as_str())
            );
        }
        let comment = &update.body["ticket"]["comment"];
        assert_eq!(comment["public"], false);
        assert!(
            comment["body"]
                .as_str()
                .unwrap()
                .contains("order #1001 cancelled"),
            "{comment}"
        );
        let tickets = fake.tickets();
        assert_eq!(tickets[1].comments.len(), 2);
        assert!(!tickets[1].comments[1].1, "the comment is private");
        assert_eq!(
            tickets[0].comments.len(),
            1,
            "the older ticket is untouched"
        );

        let note = only_note(&app).await;
        assert_eq!(note.ticket.as_deref(), Some("102"));
        assert_eq!(note.helpdesk.as_deref(), Some("zendesk"));
        assert_eq!(note.attempts, 1);
        assert_eq!(note.email, JANE);
        assert_eq!(note.order_number, "1001");
        assert!(note.delivered_at.is_some() && note.failed_at.is_none());
    }
}

#[tokio::test]
async fn zendesk_opens_a_solved_ticket_with_the_private_note_when_nothing_is_open() {
    for app in spawn_demos().await {
        // Only a solved ticket: nothing for an agent to work on, so a new ticket holds the note.
        let fake = FakeZendesk::start(vec![ZendeskTicket::new(103, JANE, "solved")]).await;
        let app = app.with_helpdesk(Arc::new(fake.client()));
        cancel(&app).await;
        assert_eq!(app.deliver_notes().await.delivered, 1, "{}", app.backend);

        let seen = fake.seen();
        let create = seen.last().unwrap();
        assert_eq!(
            (create.method, create.path.as_str()),
            ("POST", "/api/v2/tickets.json")
        );
        let ticket = &create.body["ticket"];
        assert_eq!(ticket["status"], "solved");
        assert_eq!(ticket["requester"]["email"], JANE);
        assert_eq!(ticket["comment"]["public"], false);
        assert_eq!(ticket["subject"], "Order #1001: done by wismo");
        assert_eq!(ticket["tags"], json!(["wismo"]));
        let note = only_note(&app).await;
        let key = create.idempotency_key.as_deref().unwrap();
        assert!(
            key.starts_with(&format!("wismo-note-{}-", note.id)),
            "{key}"
        );

        let created = fake.tickets().pop().unwrap();
        assert_eq!(created.status, "solved");
        assert!(!created.comments[0].1, "the first comment is private");
        assert_eq!(note.ticket, Some(created.id.to_string()));
    }
}

#[tokio::test]
async fn gorgias_gets_an_escaped_internal_note_on_the_customers_open_ticket() {
    for app in spawn_demos().await {
        let fake = FakeGorgias::start(
            vec![(501, JANE), (502, "omar@example.com")],
            vec![
                GorgiasTicket::new(9001, 501, "open"),
                GorgiasTicket::new(9002, 501, "closed"),
                GorgiasTicket::new(9003, 502, "open"),
            ],
        )
        .await;
        let app = app.with_helpdesk(Arc::new(fake.client()));
        let r = act(
            &app,
            "addr-1",
            json!({"type": "change_address", "order": "1001", "new_address": HOSTILE}),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
        assert_eq!(app.deliver_notes().await.delivered, 1, "{:?}", fake.seen());

        let seen = fake.seen();
        let paths: Vec<_> = seen.iter().map(|s| (s.method, s.path.as_str())).collect();
        assert_eq!(
            paths,
            [
                ("GET", "/api/customers"),
                ("GET", "/api/tickets"),
                ("POST", "/api/tickets/9001/messages")
            ]
        );
        assert_eq!(seen[0].query["email"], JANE);
        assert_eq!(seen[1].query["customer_id"], "501");
        assert_eq!(seen[1].query["order_by"], "created_datetime:desc");
        for s in &seen {
            assert_eq!(
                s.authorization.as_deref(),
                Some(FakeGorgias::expected_auth().as_str())
            );
        }
        let m = &seen[2].body;
        assert_eq!(m["channel"], "internal-note");
        assert_eq!(m["via"], "api");
        assert_eq!(m["from_agent"], true);
        assert_eq!(m["sender"]["email"], AGENT);
        let text = m["body_text"].as_str().unwrap();
        assert!(
            text.contains("<img src=x onerror=alert(1)>"),
            "text stays as typed: {text}"
        );
        let html = m["body_html"].as_str().unwrap();
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(!html.contains("<img"), "shopper text became markup: {html}");
        assert_eq!(fake.tickets()[0].messages.len(), 1);

        let note = only_note(&app).await;
        assert_eq!(note.ticket.as_deref(), Some("9001"));
        assert_eq!(note.helpdesk.as_deref(), Some("gorgias"));
    }
}

#[tokio::test]
async fn gorgias_opens_a_closed_ticket_for_a_customer_it_does_not_know() {
    for app in spawn_demos().await {
        let fake = FakeGorgias::start(vec![], vec![]).await;
        let app = app.with_helpdesk(Arc::new(fake.client()));
        let r = act(
            &app,
            "addr-1",
            json!({"type": "change_address", "order": "1001", "new_address": HOSTILE}),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(app.deliver_notes().await.delivered, 1, "{:?}", fake.seen());

        let seen = fake.seen();
        let paths: Vec<_> = seen.iter().map(|s| (s.method, s.path.as_str())).collect();
        assert_eq!(paths, [("GET", "/api/customers"), ("POST", "/api/tickets")]);
        let created = fake.tickets().pop().unwrap();
        assert_eq!(created.status, "closed");
        let body = created.created_with.unwrap();
        assert_eq!(body["customer"]["email"], JANE);
        assert_eq!(body["subject"], "Order #1001: done by wismo");
        let message = &body["messages"][0];
        assert_eq!(message["channel"], "internal-note");
        assert_eq!(message["from_agent"], true);
        assert!(!message["body_html"].as_str().unwrap().contains("<img"));
        assert_eq!(
            only_note(&app).await.ticket,
            Some(created.id.to_string()),
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn a_503_is_retried_after_the_back_off_and_the_note_delivered_once() {
    for app in spawn_demos().await {
        let fake = FakeZendesk::start(vec![ZendeskTicket::new(101, JANE, "open")]).await;
        fake.fail_next(Fault::status(503));
        let app = app.with_helpdesk(Arc::new(fake.client()));
        cancel(&app).await;

        let pass = app.deliver_notes().await;
        assert_eq!((pass.delivered, pass.retrying), (0, 1), "{}", app.backend);
        let note = only_note(&app).await;
        assert_eq!(note.attempts, 1);
        assert!(
            note.last_error.as_deref().unwrap().contains("503"),
            "{note:?}"
        );
        assert_eq!(note.next_attempt_at, to_db(demo::now() + seconds(30)));
        // Not due before the back-off ends.
        app.wall.advance(seconds(29));
        assert_eq!(app.deliver_notes().await, helpdesk::Pass::default());

        app.wall.advance(seconds(1));
        assert_eq!(app.deliver_notes().await.delivered, 1);
        app.wall.advance(seconds(3600));
        assert_eq!(app.deliver_notes().await, helpdesk::Pass::default());
        let comments = &fake.tickets()[0].comments;
        assert_eq!(comments.len(), 2, "delivered exactly once: {comments:?}");
        let note = only_note(&app).await;
        assert_eq!(note.attempts, 2);
        assert!(note.delivered_at.is_some());
    }
}

#[tokio::test]
async fn a_429_is_retried_no_sooner_than_its_retry_after() {
    for app in spawn_demos().await {
        let fake = FakeGorgias::start(
            vec![(501, JANE)],
            vec![GorgiasTicket::new(9001, 501, "open")],
        )
        .await;
        fake.fail_next(Fault::rate_limited(120));
        let app = app.with_helpdesk(Arc::new(fake.client()));
        cancel(&app).await;

        assert_eq!(app.deliver_notes().await.retrying, 1, "{}", app.backend);
        let note = only_note(&app).await;
        assert_eq!(note.next_attempt_at, to_db(demo::now() + seconds(120)));
        assert!(note.last_error.as_deref().unwrap().contains("429"));
        // The worker's own first wait (30 s) has passed; the helpdesk's has not.
        app.wall.advance(seconds(60));
        assert_eq!(app.deliver_notes().await, helpdesk::Pass::default());
        assert_eq!(fake.seen().len(), 1);
        app.wall.advance(seconds(60));
        assert_eq!(app.deliver_notes().await.delivered, 1);
        assert_eq!(fake.tickets()[0].messages.len(), 1);
    }
}

#[tokio::test]
async fn a_401_gives_the_note_up_at_once_and_keeps_the_reason() {
    for app in spawn_demos().await {
        let fake = FakeZendesk::start(vec![ZendeskTicket::new(101, JANE, "open")]).await;
        let app = app.with_helpdesk(Arc::new(fake.client_with_token("revoked")));
        cancel(&app).await;

        let pass = app.deliver_notes().await;
        assert_eq!((pass.failed, pass.retrying), (1, 0), "{}", app.backend);
        let note = only_note(&app).await;
        assert!(note.failed_at.is_some() && note.delivered_at.is_none());
        let error = note.last_error.unwrap();
        assert!(error.contains("401"), "{error}");
        assert!(
            !error.contains("revoked"),
            "no credential in the error: {error}"
        );
        // Given up: never tried again, however long one waits.
        for _ in 0..3 {
            app.wall.advance(seconds(6 * 3600));
            assert_eq!(app.deliver_notes().await, helpdesk::Pass::default());
        }
        assert_eq!(fake.seen().len(), 1);
        assert_eq!(outbox::pending_count(&app.db).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn transient_failures_are_given_up_after_the_last_attempt() {
    for app in spawn_demos().await {
        let fake = FakeZendesk::start(vec![]).await;
        for _ in 0..worker::MAX_ATTEMPTS + 2 {
            fake.fail_next(Fault::status(502));
        }
        let app = app.with_helpdesk(Arc::new(fake.client()));
        cancel(&app).await;
        for _ in 0..worker::MAX_ATTEMPTS + 2 {
            app.deliver_notes().await;
            app.wall.advance(seconds(3600));
        }
        let note = only_note(&app).await;
        assert_eq!(note.attempts, worker::MAX_ATTEMPTS, "{}", app.backend);
        assert!(note.failed_at.is_some());
        let error = note.last_error.unwrap();
        assert!(error.starts_with("gave up after 10 attempts: "), "{error}");
        assert_eq!(fake.seen().len(), worker::MAX_ATTEMPTS as usize);
    }
}

/// A port nothing listens on: a helpdesk that is down.
async fn closed_port_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

#[tokio::test]
async fn a_helpdesk_down_during_the_action_delays_the_note_but_never_fails_the_action() {
    for app in spawn_demos().await {
        let down = ZendeskNotes::new(
            common::fake_server::client(),
            &closed_port_url().await,
            AGENT,
            ZENDESK_TOKEN,
        )
        .unwrap();
        let app = app.with_helpdesk(Arc::new(down));
        let r = cancel(&app).await;
        assert_eq!(r.json()["status"], "done");
        assert_eq!(app.deliver_notes().await.retrying, 1, "{}", app.backend);
        let error = only_note(&app).await.last_error.unwrap();
        assert!(error.starts_with("zendesk search: "), "{error}");
        assert!(
            !error.contains("jane"),
            "no shopper e-mail from the URL: {error}"
        );

        // The helpdesk is back (reached through a fresh client, as after a restart).
        let fake = FakeZendesk::start(vec![ZendeskTicket::new(101, JANE, "open")]).await;
        let app = app.with_helpdesk(Arc::new(fake.client()));
        app.wall.advance(seconds(30));
        assert_eq!(app.deliver_notes().await.delivered, 1);
        assert_eq!(fake.tickets()[0].comments.len(), 2);
    }
}

#[tokio::test]
async fn a_note_whose_worker_died_mid_delivery_is_delivered_after_the_restart_once() {
    for app in spawn_demos().await {
        let fake = FakeZendesk::start(vec![ZendeskTicket::new(101, JANE, "open")]).await;
        let app = app.with_helpdesk(Arc::new(fake.client()));
        cancel(&app).await;
        // A worker claims the note and the process dies before it hears back.
        let id = only_note(&app).await.id;
        let lease = Duration::from_std(worker::LEASE).unwrap();
        let claimed = outbox::claim(&app.db, id, demo::now(), lease)
            .await
            .unwrap();
        assert!(claimed.is_some());

        // After the restart, from the database on disk when it is a file.
        let db = match app.backend {
            "sqlite" => Db::open(&app.dir.path().join("test.sqlite")).await.unwrap(),
            _ => app.db.clone(),
        };
        let desk = fake.client();
        let pass = |db: &Db| {
            let db = db.clone();
            let desk = desk.clone();
            let clock = app.wall.clone();
            async move {
                helpdesk::deliver_pending(&db, &desk, clock.as_ref())
                    .await
                    .unwrap()
            }
        };
        assert_eq!(pass(&db).await, helpdesk::Pass::default(), "leased");
        app.wall.advance(lease + seconds(1));
        assert_eq!(pass(&db).await.delivered, 1, "{}", app.backend);
        assert_eq!(pass(&db).await, helpdesk::Pass::default());
        assert_eq!(fake.tickets()[0].comments.len(), 2);
        let note = only_note(&app).await;
        assert_eq!(note.attempts, 2);
        // The dead worker's late answer cannot settle the note a second time.
        let stale = outbox::settle(
            &app.db,
            (id, 1),
            outbox::Outcome::Failed("late"),
            demo::now(),
        )
        .await
        .unwrap();
        assert!(!stale);
        assert!(only_note(&app).await.failed_at.is_none());
    }
}

#[tokio::test]
async fn two_workers_on_one_database_deliver_each_note_once() {
    for app in spawn_demos().await {
        let fake = FakeZendesk::start(vec![ZendeskTicket::new(101, JANE, "open")]).await;
        // Slow answers make the two workers' passes overlap.
        fake.state.lock().unwrap().delay = std::time::Duration::from_millis(30);
        let app = app.with_helpdesk(Arc::new(fake.client()));
        for i in 0..4 {
            let r = act(
                &app,
                &format!("flag-{i}"),
                json!({"type": "flag", "order": "1001", "reason": format!("reason {i}")}),
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        }
        // Two proxies: two clients, two connection pools when the database is a file.
        let other_db = match app.backend {
            "sqlite" => Db::open(&app.dir.path().join("test.sqlite")).await.unwrap(),
            _ => app.db.clone(),
        };
        let (a, b) = (fake.client(), fake.client());
        let (one, two) = tokio::join!(
            helpdesk::deliver_pending(&app.db, &a, app.wall.as_ref()),
            helpdesk::deliver_pending(&other_db, &b, app.wall.as_ref()),
        );
        let (one, two) = (one.unwrap(), two.unwrap());
        assert_eq!(
            one.delivered + two.delivered,
            4,
            "{}: {one:?} {two:?}",
            app.backend
        );
        assert_eq!(app.deliver_notes().await, helpdesk::Pass::default());
        let comments = &fake.tickets()[0].comments;
        assert_eq!(comments.len(), 5, "{comments:?}");
        for i in 0..4 {
            let wanted = format!("reason {i}");
            let n = comments.iter().filter(|c| c.0.contains(&wanted)).count();
            assert_eq!(n, 1, "note {i} delivered {n} times");
        }
    }
}

#[tokio::test]
async fn a_note_that_cannot_be_queued_leaves_the_action_done() {
    for app in spawn_demos().await {
        sqlx::query("DROP TABLE helpdesk_notes")
            .execute(app.db.pool())
            .await
            .unwrap();
        let r = cancel(&app).await;
        assert_eq!(r.json()["status"], "done", "{}", app.backend);
        let audit = wismo_proxy::actions::ledger::audit_of(&app.db, "1001")
            .await
            .unwrap();
        assert_eq!(audit.last().unwrap().result, "done");
    }
}

#[tokio::test]
async fn the_server_runs_the_note_worker_beside_the_app() {
    for app in spawn_demos().await {
        let fake = FakeZendesk::start(vec![ZendeskTicket::new(101, JANE, "open")]).await;
        let app = app.with_helpdesk(Arc::new(fake.client()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(wismo_proxy::server::serve(listener, app.state.clone()));

        let http = common::fake_server::client();
        let session: Value = http
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"order_number": "1001", "email": JANE}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = session["token"].as_str().expect("a session token");
        let res = http
            .post(format!("{base}/api/v1/actions"))
            .bearer_auth(token)
            .header("idempotency-key", "served-1")
            .json(&json!({"action": {"type": "cancel", "order": "1001"},
                "needs_confirmation": false, "needs_approval": false}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::OK, "{}", app.backend);

        // A bounded wait for the background task: the outcome is asserted, not the time.
        let delivered = tokio::time::timeout(std::time::Duration::from_secs(20), async {
            while only_note(&app).await.delivered_at.is_none() {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        })
        .await;
        server.abort();
        assert!(
            delivered.is_ok(),
            "{}: {:?}",
            app.backend,
            notes(&app).await
        );
        assert_eq!(fake.tickets()[0].comments.len(), 2);
    }
}

#[tokio::test]
async fn the_config_plugs_in_zendesk_with_its_token_from_the_environment() {
    let fake = FakeZendesk::start(vec![ZendeskTicket::new(101, JANE, "open")]).await;
    let config = Config::parse(
        &format!(
            "[zendesk]\napi_url = \"{}\"\napi_email = \"{AGENT}\"\napi_token = \"wrong-in-file\"\n",
            fake.url
        ),
        Path::new("x.toml"),
    )
    .unwrap();
    for app in spawn_demos().await {
        let mut state = app.state.clone();
        state.helpdesk = None;
        let env = |name: &str| (name == ZENDESK_API_TOKEN_ENV).then(|| ZENDESK_TOKEN.to_owned());
        wismo_proxy::outside::plug_in(&config, &mut state, &env).unwrap();
        let desk = state.helpdesk.clone().expect("zendesk is plugged in");
        assert_eq!(desk.name(), "zendesk");
        let app = app.with_helpdesk(desk);
        cancel(&app).await;
        assert_eq!(app.deliver_notes().await.delivered, 1, "{:?}", fake.seen());
    }
    let both = Config::parse(
        "[zendesk]\nsubdomain = \"acme\"\napi_email = \"a@acme.example\"\napi_token = \"t\"\n\
         [gorgias]\ndomain = \"acme\"\napi_email = \"a@acme.example\"\napi_key = \"k\"\n",
        Path::new("x.toml"),
    )
    .unwrap();
    let mut state = spawn_demos().await.remove(0).state;
    let err = wismo_proxy::outside::plug_in(&both, &mut state, &|_| None).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("zendesk") && message.contains("gorgias"),
        "{message}"
    );
}

#[tokio::test]
async fn a_note_queued_with_its_ticket_goes_straight_to_that_ticket() {
    for app in spawn_demos().await {
        let fake = FakeZendesk::start(vec![
            ZendeskTicket::new(101, JANE, "open"),
            ZendeskTicket::new(102, JANE, "open"),
        ])
        .await;
        let app = app.with_helpdesk(Arc::new(fake.client()));
        let order = wismo::OrderNumber::parse("1001").unwrap();
        let email = wismo::Email::parse(JANE).unwrap();
        outbox::enqueue(
            &app.db,
            &order,
            &email,
            "asked from ticket 101",
            Some("101"),
            demo::now(),
        )
        .await
        .unwrap();
        assert_eq!(app.deliver_notes().await.delivered, 1, "{}", app.backend);
        let seen = fake.seen();
        assert_eq!(seen.len(), 1, "no search: {seen:?}");
        assert_eq!(seen[0].path, "/api/v2/tickets/101.json");
        assert_eq!(only_note(&app).await.ticket.as_deref(), Some("101"));
    }
}
