//! Outcomes through the router, on every configured database: what each channel records, what
//! the widget may report, the one-tap ratings, and the dashboard, its JSON and its metrics
//! behind the admin token.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Duration;
use common::{spawn_demos, Reply, TestApp};
use serde_json::{json, Value};
use std::sync::Arc;
use wismo::OrderNumber;
use wismo_proxy::auth::TrackingLinks;
use wismo_proxy::outcomes::OutcomesConfig;
use wismo_proxy::Clock;

const TOKEN: &str = "an-admin-token-for-the-tests-0123";

fn with_admin(mut app: TestApp) -> TestApp {
    app.state.outcomes = Arc::new(OutcomesConfig {
        admin_token: Some(TOKEN.into()),
        ..OutcomesConfig::default()
    });
    app.state.integrations.tracking_links =
        Some(TrackingLinks::new(&[9; 32], 60).expect("a long enough key"));
    app.router = wismo_proxy::app(app.state.clone());
    app
}

async fn report(app: &TestApp, query: &str) -> Value {
    let r = app
        .get_with_token(&format!("/admin/api/report{query}"), TOKEN)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
    r.json()
}

async fn kinds(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT kind, channel, COALESCE(order_number, '') FROM outcome_events ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

async fn say(app: &TestApp, token: &str, message: &str) -> Reply {
    let auth = format!("Bearer {token}");
    app.post_with(
        "/api/v1/messages",
        &[("authorization", auth.as_str())],
        json!({ "message": message }).to_string().as_bytes(),
    )
    .await
}

async fn events(app: &TestApp, token: &str, body: &Value) -> Reply {
    let auth = format!("Bearer {token}");
    app.post_with(
        "/api/v1/events",
        &[("authorization", auth.as_str())],
        body.to_string().as_bytes(),
    )
    .await
}

fn form(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

// See: issue 13
#[tokio::test]
async fn every_answered_turn_records_its_contact_answer_and_hand_over_with_the_conversation() {
    for app in spawn_demos().await {
        let app = with_admin(app);
        let token = app.token("1004", "marco@example.com").await;
        assert_eq!(
            say(&app, &token, "where is my order?").await.status,
            StatusCode::OK
        );
        assert_eq!(say(&app, &token, "thanks!").await.status, StatusCode::OK);
        assert_eq!(
            say(&app, &token, "I want to talk to a person").await.status,
            StatusCode::OK
        );
        let got = kinds(&app).await;
        let names: Vec<&str> = got.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "contact",
                "answer",
                "contact",
                "answer",
                "confirmed",
                "contact",
                "answer",
                "handover"
            ],
            "{}",
            app.backend
        );
        assert!(got.iter().all(|(_, c, o)| c == "chat" && o == "1004"));
        // The answer's CPU time was measured.
        let detail: String =
            sqlx::query_scalar("SELECT detail FROM outcome_events WHERE kind = 'answer' LIMIT 1")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let detail: Value = serde_json::from_str(&detail).unwrap();
        assert_eq!(detail["situation"], "in_transit");
        assert!(detail["cpu_us"].as_u64().unwrap() > 0, "{detail}");

        // One contact (three messages within minutes), handed over: no resolution, and the
        // week is not over yet, so it is pending.
        let r = report(&app, "?days=7").await;
        let k = &r["kpis"];
        assert_eq!(k["contacts"], 1, "{}: {r}", app.backend);
        assert_eq!(k["handover_rate"], 1.0);
        assert_eq!(k["settled"], 0);
        assert_eq!(k["true_resolution"], Value::Null);
        assert_eq!(r["handed"][0]["order"], "1004");
        // A week later it is settled, and still not a resolution.
        app.clock.advance(Duration::days(8));
        let r = report(&app, "?days=30").await;
        assert_eq!(r["kpis"]["settled"], 1);
        assert_eq!(r["kpis"]["true_resolution"], 0.0);
    }
}

#[tokio::test]
async fn the_widget_reports_only_its_own_orders_events_in_the_cores_words() {
    for app in spawn_demos().await {
        let app = with_admin(app);
        let token = app.token("1004", "marco@example.com").await;
        let ok = events(
            &app,
            &token,
            &json!({"events": [
                {"kind": "contact", "intent": "track_order", "ago_ms": 4000},
                {"kind": "answer", "situation": "in_transit", "cpu_us": 90, "ago_ms": 3900},
                {"kind": "rating", "score": 5}
            ]}),
        )
        .await;
        assert_eq!(
            ok.status,
            StatusCode::ACCEPTED,
            "{}: {}",
            app.backend,
            ok.text()
        );
        assert_eq!(ok.json()["recorded"], 3);
        // Always about the session's order, whatever the body says.
        let hijack = events(
            &app,
            &token,
            &json!({"events": [{"kind": "contact", "intent": "track_order", "order": "1001"}]}),
        )
        .await;
        assert_eq!(hijack.status, StatusCode::ACCEPTED, "{}", hijack.text());
        assert!(kinds(&app).await.iter().all(|(_, _, o)| o == "1004"));

        for (body, why) in [
            (
                json!({"events": [{"kind": "contact", "intent": "<img src=x>"}]}),
                "an intent the core has not",
            ),
            (
                json!({"events": [{"kind": "rating", "score": 9}]}),
                "a score past 5",
            ),
            (
                json!({"events": [{"kind": "outreach", "trigger": "scan_gap"}]}),
                "what only the proxy records",
            ),
            (json!({"events": [{"kind": "delivered"}]}), "a delivery"),
            (json!({"events": []}), "nothing"),
            (
                json!({"events": [{"kind": "confirmed", "ago_ms": 86_400_000}]}),
                "a day ago",
            ),
            (
                json!({"surface": "sms", "events": [{"kind": "confirmed"}]}),
                "another surface",
            ),
            (
                json!({"events": [{"kind": "confirmed"}], "extra": 1}),
                "an unknown field",
            ),
        ] {
            let r = events(&app, &token, &body).await;
            assert_eq!(
                r.status,
                StatusCode::BAD_REQUEST,
                "{}: {why}: {}",
                app.backend,
                r.text()
            );
        }
        let many: Vec<Value> = (0..21).map(|_| json!({"kind": "confirmed"})).collect();
        let r = events(&app, &token, &json!({ "events": many })).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        // No session, no events.
        let r = app
            .post_with(
                "/api/v1/events",
                &[],
                json!({"events": [{"kind": "confirmed"}]})
                    .to_string()
                    .as_bytes(),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        // A flood is refused past the hourly cap.
        let twenty: Vec<Value> = (0..20).map(|_| json!({"kind": "confirmed"})).collect();
        let mut last = StatusCode::ACCEPTED;
        for _ in 0..7 {
            last = events(&app, &token, &json!({ "events": twenty }))
                .await
                .status;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "{}", app.backend);

        let r = report(&app, "?days=7").await;
        assert_eq!(r["kpis"]["ratings"], 1, "{r}");
        assert_eq!(r["kpis"]["csat"], 1.0);
        assert_eq!(r["kpis"]["median_ttr_ms"], 100);
    }
}

#[tokio::test]
async fn the_tracking_page_and_its_email_link_take_a_one_tap_rating() {
    for app in spawn_demos().await {
        let app = with_admin(app);
        let links = app.state.integrations.tracking_links.as_ref().unwrap();
        let token = links.issue(&OrderNumber::parse("1004").unwrap(), app.clock.now());
        let page = app.get(&format!("/t/{token}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains("How did we do?"), "{html}");
        for n in 1..=5 {
            assert!(
                html.contains(&format!("name=\"score\" value=\"{n}\"")),
                "{html}"
            );
            assert!(html.contains(&format!("{n} of 5")));
        }
        // The e-mail's link shows one button and records nothing by itself.
        let landing = app.get(&format!("/t/{token}/rate/4")).await;
        assert_eq!(landing.status, StatusCode::OK);
        assert!(landing.text().contains("Send my rating: 4 of 5"));
        assert!(landing.text().contains("name=\"via\" value=\"email\""));
        assert!(kinds(&app).await.is_empty(), "{}", app.backend);

        let r = app
            .send(form(&format!("/t/{token}/rating"), "score=4&via=email"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert!(r.text().contains("Thank you for your rating."));
        let r = app
            .send(form(&format!("/t/{token}/rating"), "score=2"))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            kinds(&app).await,
            [
                ("rating".into(), "email".into(), "1004".into()),
                ("rating".into(), "page".into(), "1004".into())
            ]
        );
        let r = app
            .send(form(&format!("/t/{token}/rating"), "score=0"))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        // A wrong link rates nothing and says nothing.
        let r = app
            .send(form("/t/t1.1004.1.forged/rating", "score=5"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(kinds(&app).await.len(), 2);
        // Two taps the same day about the same order, no contact near: one rating, the last.
        let k = &report(&app, "?days=7").await["kpis"];
        assert_eq!(
            (k["ratings"].as_u64(), k["csat"].as_f64()),
            (Some(1), Some(0.0))
        );
        // A forwarded link tapped again and again records at most ten in two hours.
        for _ in 0..12 {
            let r = app
                .send(form(&format!("/t/{token}/rating"), "score=5"))
                .await;
            assert_eq!(r.status, StatusCode::OK);
        }
        assert_eq!(kinds(&app).await.len(), 10, "{}", app.backend);
    }
}

#[tokio::test]
async fn notices_sent_and_actions_carried_out_are_recorded() {
    for app in spawn_demos().await {
        let (app, _) = with_admin(app).with_outreach();
        let (_, sent) = app.run_outreach().await;
        assert_eq!(sent.sent, 6);
        let outreach: Vec<(String, String, String)> = kinds(&app)
            .await
            .into_iter()
            .filter(|(k, _, _)| k == "outreach")
            .collect();
        assert_eq!(outreach.len(), 6, "{}", app.backend);
        let r = report(&app, "?days=7").await;
        assert_eq!(r["kpis"]["outreach_sent"], 6);
        let triggers: Vec<&str> = r["by_trigger"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["trigger"].as_str().unwrap())
            .collect();
        assert!(triggers.contains(&"exception"), "{triggers:?}");
        assert!(r["kpis"]["outreach_cost_usd"].as_f64().unwrap() > 0.0);
        // A second pass sends nothing more and records nothing more.
        app.run_outreach().await;
        assert_eq!(
            kinds(&app)
                .await
                .iter()
                .filter(|(k, _, _)| k == "outreach")
                .count(),
            6
        );

        // An action carried out, and one the policy refuses (a second cancel), each recorded.
        let token = app.token("1001", "jane@example.com").await;
        let body = json!({"action": {"type": "cancel", "order": "1001"},
            "needs_confirmation": false, "needs_approval": false});
        for key in ["k1", "k2"] {
            app.post_with(
                "/api/v1/actions",
                &[
                    ("authorization", &format!("Bearer {token}")),
                    ("idempotency-key", key),
                ],
                body.to_string().as_bytes(),
            )
            .await;
        }
        let k = &report(&app, "?days=7").await["kpis"];
        assert_eq!(
            (k["actions_done"].as_u64(), k["actions_failed"].as_u64()),
            (Some(1), Some(1)),
            "{}: {k}",
            app.backend
        );
    }
}

#[tokio::test]
async fn the_dashboard_is_behind_the_admin_token() {
    for app in spawn_demos().await {
        // No token configured: there is no dashboard.
        assert_eq!(app.get("/admin/").await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get_with_token("/admin/api/report", TOKEN).await.status,
            StatusCode::NOT_FOUND
        );
        let app = with_admin(app);
        let page = app.get("/admin/").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(page.text().contains("Admin token"));
        assert_eq!(
            app.get_with_token("/admin/api/report", "wrong")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.get_with_token("/admin/metrics", "wrong").await.status,
            StatusCode::UNAUTHORIZED
        );
        let wrong = app.send(form("/admin/login", "token=nope")).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.headers.get(header::SET_COOKIE).is_none());
        let right = app
            .send(form("/admin/login", &format!("token={TOKEN}")))
            .await;
        assert_eq!(right.status, StatusCode::SEE_OTHER);
        let cookie = right.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        assert!(cookie.contains("Secure"), "{cookie}");
        assert!(!cookie.contains(TOKEN), "the cookie never holds the token");
        let pair = cookie.split(';').next().unwrap();
        let page = app
            .send(
                Request::get("/admin/?days=7")
                    .header(header::COOKIE, pair)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        let html = page.text();
        for heading in [
            "True resolution",
            "First-contact resolution",
            "CSAT",
            "Reached a person",
        ] {
            assert!(html.contains(heading), "{heading}");
        }
        assert!(html.contains("<svg"), "charts");
        assert!(page.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("default-src 'none'"));
        // A forged cookie is refused.
        let forged = app
            .send(
                Request::get("/admin/")
                    .header(header::COOKIE, "wismo_admin=00ff")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
        // So is a real one past its twelve hours, whatever the browser kept.
        let value = pair.split_once('=').unwrap().1;
        let (iat, mac) = value.split_once('.').unwrap();
        let old = format!(
            "wismo_admin={}.{mac}",
            iat.parse::<i64>().unwrap() - 13 * 3600
        );
        let stale = app
            .send(
                Request::get("/admin/")
                    .header(header::COOKIE, old)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(stale.status, StatusCode::UNAUTHORIZED);
        // Periods are checked.
        for bad in [
            "?days=0",
            "?days=9999",
            "?from=2026-11-05&to=2026-11-01",
            "?from=2026-11-01",
            "?days=7&from=2026-11-01&to=2026-11-02",
            "?week=1",
        ] {
            let r = app
                .get_with_token(&format!("/admin/api/report{bad}"), TOKEN)
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text());
        }
        let r = report(&app, "?from=2026-11-01&to=2026-11-30").await;
        assert_eq!(r["by_day"].as_array().unwrap().len(), 30);
        let metrics = app.get_with_token("/admin/metrics", TOKEN).await;
        assert_eq!(metrics.status, StatusCode::OK);
        let text = metrics.text();
        assert!(
            text.contains("# TYPE wismo_true_resolution_ratio gauge"),
            "{text}"
        );
        assert!(text.contains("wismo_contacts{period=\"30d\"} 0"), "{text}");
        // Guessing the token: past the limit even the right one waits.
        for _ in 0..11 {
            app.get_with_token("/admin/api/report", "a-wrong-guess")
                .await;
        }
        assert_eq!(
            app.get_with_token("/admin/api/report", TOKEN).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
}
