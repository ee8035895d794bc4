//! Reaching shoppers before they worry (issue 10), through the proxy on every configured
//! database: the monitor queues what the core says is due, the outbox sends it once, and the
//! shoppers' answers by SMS, WhatsApp and e-mail continue one conversation; STOP stops.

#![recursion_limit = "256"]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use wismo::outreach::Channel;
use wismo::resolve::{Action, Awaiting};
use wismo::{Email, OrderNumber};
use wismo_proxy::conversations::{ConversationStore, Direction};
use wismo_proxy::outreach::{optout, outbox, watch};
use wismo_proxy::Clock;

fn hours(h: i64) -> chrono::Duration {
    chrono::Duration::hours(h)
}

async fn messages(app: &TestApp) -> Vec<outbox::MessageStatus> {
    let mut all = outbox::recent(&app.db, SHOP, 500).await.unwrap();
    all.reverse();
    all
}

/// Gives a demo order's shopper a phone (without SMS consent), as a shop that stored one would.
async fn give_phone(app: &TestApp, number: &str, phone: &str) {
    let order = app.stored_order(number).await.unwrap();
    let mut data: serde_json::Value = serde_json::to_value(&order).unwrap();
    data["customer"]["phone"] = serde_json::json!(phone);
    let order: wismo::Order = serde_json::from_value(data).unwrap();
    wismo_proxy::db::insert_order(&app.db, SHOP, &order)
        .await
        .unwrap();
}

async fn inbound_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outreach_inbound")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// An inbound SMS as Twilio posts it, signed with `token` for the URL Twilio called.
async fn twilio_sms(app: &TestApp, token: &[u8], sid: &str, from: &str, body: &str) -> Reply {
    let params: Vec<(String, String)> = [
        ("MessageSid", sid),
        ("AccountSid", "AC00000000000000000000000000000000"),
        ("From", from),
        ("To", "+15550001111"),
        ("Body", body),
        ("NumMedia", "0"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let signature = wismo_proxy::outreach::http::twilio_signature(
        token,
        &format!("{PUBLIC_URL}/webhooks/twilio/sms"),
        &params,
    );
    let form: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&params)
        .finish();
    app.send(
        Request::post("/webhooks/twilio/sms")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-twilio-signature", signature)
            .body(Body::from(form))
            .unwrap(),
    )
    .await
}

// See: issue 10
#[tokio::test]
async fn due_notices_go_out_once_on_the_shoppers_channel_and_join_their_conversation() {
    for app in spawn_demos().await {
        let (app, recorder) = app.with_outreach();
        let (checked, sent) = app.run_outreach().await;
        assert_eq!(checked.evaluated, 12, "{}: every demo order", app.backend);
        let all = messages(&app).await;
        let mut kinds: Vec<(&str, &str, &str)> = all
            .iter()
            .map(|m| (m.order_number.as_str(), m.kind.as_str(), m.channel.as_str()))
            .collect();
        kinds.sort_unstable();
        assert_eq!(
            kinds,
            [
                ("1002", "warehouse_late", "email"),
                ("1003", "late_first_scan", "email"),
                ("1008", "exception", "email"),
                ("1009", "scan_gap", "email"),
                ("1010", "exception", "email"),
                ("1011", "delivered_note", "email"),
            ],
            "{}",
            app.backend
        );
        assert_eq!(sent.sent, 6);
        assert!(all.iter().all(|m| m.sent_at.is_some()
            && m.provider.as_deref() == Some("recording")
            && m.provider_id.is_some()));
        // Weather, said plainly, never the carrier's code.
        let weather = all.iter().find(|m| m.order_number == "1008").unwrap();
        assert!(weather.body.contains("bad weather"), "{}", weather.body);
        assert!(!weather.body.contains("X1"), "{}", weather.body);
        // A second pass finds nothing new.
        let (again, resent) = app.run_outreach().await;
        assert_eq!((again.queued, resent.sent), (0, 0));
        assert_eq!(recorder.sent().len(), 6);
        // E-mails carry a working unsubscribe link on the public URL.
        let mail = &recorder.sent()[0];
        assert!(mail
            .unsubscribe_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://wismo.test/outreach/unsubscribe?t=")));
        // The returning parcel's notice offered two answers; the conversation remembers them.
        let store = ConversationStore::new(app.db.clone(), SHOP);
        let diego = Email::parse("diego@example.com").unwrap();
        let conv = store.get(&diego).await.unwrap().expect("a conversation");
        assert_eq!(
            conv.conversation.order,
            Some(OrderNumber::parse("1010").unwrap())
        );
        assert_eq!(conv.conversation.offered.len(), 2);
        let history = store.history(&diego).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].direction, Direction::Out);
        assert!(
            history[0].text.contains("Reply 1 for"),
            "{}",
            history[0].text
        );
        // An order moving normally is looked at again later, not now.
        let next = watch::check_at(&app.db, SHOP, "1004").await.unwrap();
        assert!(next.is_some_and(|t| t > app.clock.now()), "{next:?}");
    }
}

// See: issue 10
#[tokio::test]
async fn any_change_to_an_order_or_its_parcels_marks_it_for_the_monitor() {
    for app in spawn_demos().await {
        let (app, _) = app.with_outreach();
        app.run_outreach().await;
        let asap = wismo_proxy::db::time::from_db(watch::ASAP, "asap").unwrap();
        assert!(watch::check_at(&app.db, SHOP, "1004").await.unwrap() > Some(asap));
        let number = OrderNumber::parse("1004").unwrap();
        let shipments = wismo_proxy::db::load_shipments(&app.db, SHOP, &number)
            .await
            .unwrap();
        wismo_proxy::db::insert_shipment(&app.db, SHOP, &number, &shipments[0])
            .await
            .unwrap();
        assert_eq!(
            watch::check_at(&app.db, SHOP, "1004").await.unwrap(),
            Some(asap),
            "{}",
            app.backend
        );
        let (checked, _) = app.run_outreach().await;
        assert_eq!(checked.evaluated, 1);
    }
}

// See: issue 10
#[tokio::test]
async fn quiet_hours_defer_a_notice_until_morning_and_it_is_decided_afresh_then() {
    for app in spawn_demos().await {
        let (app, _) = app.with_outreach();
        app.run_outreach().await;
        // 23:00 in New York: Marco's parcel has been still for days, but it is night.
        app.clock.advance(hours(4 * 24 + 13));
        let (checked, _) = app.run_outreach().await;
        assert!(checked.evaluated > 0);
        assert!(
            !messages(&app)
                .await
                .iter()
                .any(|m| m.order_number == "1004"),
            "{}: nothing at night",
            app.backend
        );
        let next = watch::check_at(&app.db, SHOP, "1004")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            next.to_rfc3339(),
            "2026-11-24T13:00:00+00:00",
            "08:00 in New York"
        );
        app.clock.advance(hours(9));
        app.run_outreach().await;
        let marco: Vec<_> = messages(&app)
            .await
            .into_iter()
            .filter(|m| m.order_number == "1004")
            .collect();
        assert_eq!(marco.len(), 1, "{}", app.backend);
        assert_eq!(marco[0].channel, "sms", "Marco agreed to SMS");
        assert_eq!(marco[0].recipient, "(614) 555-0104");
        assert!(marco[0].body.ends_with("Reply STOP to opt out."));
    }
}

// See: issue 10
#[tokio::test]
async fn an_sms_answer_to_a_delay_email_continues_the_conversation_into_the_refund() {
    for app in spawn_demos().await {
        let (app, recorder) = app.with_outreach();
        give_phone(&app, "1010", "412-555-0110").await;
        // Diego asked in the chat first.
        let token = app.token("1010", "diego@example.com").await;
        let chat = app
            .post_with(
                "/api/v1/messages",
                &[("authorization", &format!("Bearer {token}"))],
                br#"{"message": "where is my order?"}"#,
            )
            .await;
        assert_eq!(chat.status, StatusCode::OK, "{}", chat.text());
        app.run_outreach().await;
        let before = messages(&app).await.len();
        // Forged: nothing stored, nothing answered.
        let forged = twilio_sms(&app, b"not-the-token", "SM1", "+14125550110", "2").await;
        assert_eq!(forged.status, StatusCode::UNAUTHORIZED, "{}", app.backend);
        assert_eq!(inbound_count(&app).await, 0);
        assert_eq!(messages(&app).await.len(), before);
        // "2" by SMS picks the e-mail's second option: the refund, asked to be confirmed.
        let r = twilio_sms(&app, TWILIO_TOKEN, "SM1", "+14125550110", "2").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert!(r.text().contains("<Response></Response>"));
        app.run_outreach().await;
        let all = messages(&app).await;
        let reply = all.last().unwrap();
        assert_eq!(
            (
                reply.kind.as_str(),
                reply.channel.as_str(),
                reply.recipient.as_str()
            ),
            ("reply", "sms", "+14125550110"),
            "{}",
            app.backend
        );
        assert!(reply.sent_at.is_some());
        assert!(
            reply.body.to_lowercase().contains("refund"),
            "{}",
            reply.body
        );
        let store = ConversationStore::new(app.db.clone(), SHOP);
        let diego = Email::parse("diego@example.com").unwrap();
        let conv = store.get(&diego).await.unwrap().unwrap().conversation;
        assert!(
            matches!(
                conv.awaiting,
                Some(Awaiting::Confirmation {
                    action: Action::Refund { .. }
                })
            ),
            "{:?}",
            conv.awaiting
        );
        let channels: Vec<String> = store
            .history(&diego)
            .await
            .unwrap()
            .iter()
            .map(|m| format!("{}:{:?}", m.channel, m.direction))
            .collect();
        assert_eq!(
            channels,
            ["chat:In", "chat:Out", "email:Out", "sms:In", "sms:Out"],
            "one conversation across chat, e-mail and SMS"
        );
        // "Yes" by SMS carries the refund out through the actions path: audited, keyed.
        let yes = twilio_sms(&app, TWILIO_TOKEN, "SM3", "+14125550110", "yes please").await;
        assert_eq!(yes.status, StatusCode::OK);
        let audit = wismo_proxy::actions::ledger::audit_of(&app.db, "1010")
            .await
            .unwrap();
        let refund = audit
            .iter()
            .find(|e| e.action == "refund")
            .expect("a refund");
        assert_eq!(
            (refund.actor.as_str(), refund.result.as_str()),
            ("shopper:1010 via sms", "done"),
            "{}",
            app.backend
        );
        assert!(refund
            .idempotency_key
            .as_deref()
            .is_some_and(|k| k.starts_with("inbound-sms-SM3-")));
        // Twilio delivering the same message again gets no second answer.
        let before_again = messages(&app).await.len();
        let again = twilio_sms(&app, TWILIO_TOKEN, "SM1", "+14125550110", "2").await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(messages(&app).await.len(), before_again);
        assert_eq!(recorder.sent().last().unwrap().channel, Channel::Sms);
        // A number on no order is told nothing.
        let stranger = twilio_sms(&app, TWILIO_TOKEN, "SM2", "+14125559999", "where is it").await;
        assert_eq!(stranger.status, StatusCode::OK);
        assert_eq!(messages(&app).await.len(), before_again);
    }
}

// See: issue 10
#[tokio::test]
async fn stop_is_honoured_at_once_and_later_notices_take_another_channel() {
    for app in spawn_demos().await {
        let (app, recorder) = app.with_outreach();
        app.run_outreach().await;
        // Marco's stalled-parcel SMS is queued in the morning but not yet sent…
        app.clock.advance(hours(4 * 24 + 22));
        wismo_proxy::outreach::monitor::pass(&app.state)
            .await
            .unwrap();
        let queued = messages(&app).await;
        let sms = queued.iter().find(|m| m.order_number == "1004").unwrap();
        assert_eq!(
            (sms.channel.as_str(), sms.sent_at.as_deref()),
            ("sms", None)
        );
        // …when he texts STOP: it never goes, and he is told he is unsubscribed.
        let r = twilio_sms(&app, TWILIO_TOKEN, "SM9", "+1 614 555 0104", "Stop").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            optout::is_stopped(&app.db, SHOP, Channel::Sms, "6145550104")
                .await
                .unwrap()
        );
        wismo_proxy::outreach::worker::send_pending(&app.state)
            .await
            .unwrap();
        let after = messages(&app).await;
        let notice = after.iter().find(|m| m.id == sms.id).unwrap();
        assert_eq!(notice.sent_at, None, "{}", app.backend);
        assert_eq!(notice.last_error.as_deref(), Some("the shopper opted out"));
        let confirmation = after.iter().find(|m| m.kind == "stopped").unwrap();
        assert!(confirmation.sent_at.is_some());
        assert!(confirmation.body.contains("START"), "{}", confirmation.body);
        // The escalation three days later goes by e-mail instead.
        app.clock.advance(hours(3 * 24 + 2));
        app.run_outreach().await;
        let escalated: Vec<_> = messages(&app)
            .await
            .into_iter()
            .filter(|m| m.order_number == "1004" && m.kind == "scan_gap")
            .collect();
        assert_eq!(escalated.len(), 2, "{}", app.backend);
        assert_eq!(escalated[1].channel, "email");
        assert_eq!(escalated[1].recipient, "marco@example.com");
        let sms_sent = recorder
            .sent()
            .iter()
            .filter(|m| m.channel == Channel::Sms)
            .count();
        assert_eq!(sms_sent, 1, "only the STOP confirmation went by SMS");
        // START lifts it.
        twilio_sms(&app, TWILIO_TOKEN, "SM10", "+16145550104", "START").await;
        assert!(
            !optout::is_stopped(&app.db, SHOP, Channel::Sms, "6145550104")
                .await
                .unwrap()
        );
    }
}

fn meta_signature(body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(WHATSAPP_SECRET).unwrap();
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn whatsapp_payload(id: &str, from: &str, text: &str) -> serde_json::Value {
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
                    "contacts": [{ "profile": { "name": "Marco" }, "wa_id": from }],
                    "messages": [{
                        "from": from, "id": id, "timestamp": "1763564400",
                        "type": "text", "text": { "body": text }
                    }]
                },
                "field": "messages"
            }]
        }]
    })
}

// See: issue 10
#[tokio::test]
async fn whatsapp_verifies_its_subscription_and_signatures_and_answers_in_the_window() {
    for app in spawn_demos().await {
        let (app, recorder) = app.with_outreach();
        let ok = app
            .get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")
            .await;
        assert_eq!(
            (ok.status, ok.text().as_str()),
            (StatusCode::OK, "1158201444")
        );
        let wrong = app
            .get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")
            .await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);

        let body = whatsapp_payload("wamid.HBgL1", "16145550104", "where is my order?").to_string();
        let forged = app
            .post_with(
                "/webhooks/whatsapp",
                &[("x-hub-signature-256", "sha256=00")],
                body.as_bytes(),
            )
            .await;
        assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
        assert_eq!(inbound_count(&app).await, 0);
        let r = app
            .post_with(
                "/webhooks/whatsapp",
                &[("x-hub-signature-256", &meta_signature(body.as_bytes()))],
                body.as_bytes(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        wismo_proxy::outreach::worker::send_pending(&app.state)
            .await
            .unwrap();
        let reply = recorder.sent().pop().expect("an answer");
        assert_eq!(reply.channel, Channel::Whatsapp, "{}", app.backend);
        assert_eq!(reply.to, "+16145550104");
        assert!(reply.text.contains("1004"), "{}", reply.text);
        assert!(
            !reply.needs_template,
            "he wrote a moment ago: free text is allowed"
        );
        // A delivery status carries no message.
        let status = serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "1",
            "changes": [{"field": "messages", "value": {"statuses": [{"id": "wamid.X", "status": "read"}]}}]}]})
        .to_string();
        let r = app
            .post_with(
                "/webhooks/whatsapp",
                &[("x-hub-signature-256", &meta_signature(status.as_bytes()))],
                status.as_bytes(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(inbound_count(&app).await, 1);
    }
}

fn mailgun_form(timestamp: i64, token: &str, key: &[u8], from: &str, text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(format!("{timestamp}{token}").as_bytes());
    let signature = hex::encode(mac.finalize().into_bytes());
    let boundary = "----mailgun1234";
    let fields = [
        ("sender", from.to_owned()),
        ("recipient", "orders@northwind.example".to_owned()),
        ("subject", "Re: Your order #1010".to_owned()),
        ("body-plain", format!("{text}\n\n> quoted notice")),
        ("stripped-text", text.to_owned()),
        ("Message-Id", format!("<{token}@mail.example>")),
        ("timestamp", timestamp.to_string()),
        ("token", token.to_owned()),
        ("signature", signature),
    ];
    let mut body = String::new();
    for (k, v) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    body
}

async fn post_mailgun(app: &TestApp, body: String) -> Reply {
    app.send(
        Request::post("/webhooks/email")
            .header(
                header::CONTENT_TYPE,
                "multipart/form-data; boundary=----mailgun1234",
            )
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

// See: issue 10
#[tokio::test]
async fn an_emailed_answer_is_verified_by_mailgun_signature_and_answered_by_email() {
    for app in spawn_demos().await {
        let (app, recorder) = app.with_outreach();
        app.run_outreach().await;
        let now = app.wall.now().timestamp();
        let forged = mailgun_form(now, "tok1", b"wrong key", "diego@example.com", "1");
        assert_eq!(
            post_mailgun(&app, forged).await.status,
            StatusCode::UNAUTHORIZED
        );
        let stale = mailgun_form(now - 3600, "tok2", MAILGUN_KEY, "diego@example.com", "1");
        assert_eq!(
            post_mailgun(&app, stale).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(inbound_count(&app).await, 0);
        let good = mailgun_form(
            now,
            "tok3",
            MAILGUN_KEY,
            "diego@example.com",
            "a replacement please",
        );
        let r = post_mailgun(&app, good).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        app.run_outreach().await;
        let reply = recorder.sent().pop().unwrap();
        assert_eq!(
            (reply.channel, reply.to.as_str()),
            (Channel::Email, "diego@example.com"),
            "{}",
            app.backend
        );
        assert!(reply.text.contains("#1010"), "{}", reply.text);
        let store = ConversationStore::new(app.db.clone(), SHOP);
        let diego = Email::parse("diego@example.com").unwrap();
        let conv = store.get(&diego).await.unwrap().unwrap().conversation;
        assert!(
            matches!(
                conv.awaiting,
                Some(Awaiting::Confirmation {
                    action: Action::Reship { .. }
                })
            ),
            "{:?}",
            conv.awaiting
        );
    }
}

// See: issue 10
#[tokio::test]
async fn the_unsubscribe_link_asks_first_and_then_stops_email_notices() {
    for app in spawn_demos().await {
        let (app, recorder) = app.with_outreach();
        app.run_outreach().await;
        let mail = recorder
            .sent()
            .into_iter()
            .find(|m| m.to == "chloe@example.com")
            .unwrap();
        let url = mail.unsubscribe_url.unwrap();
        let path = url.strip_prefix(PUBLIC_URL).unwrap();
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("<form method=\"post\""));
        assert!(
            !optout::is_stopped(&app.db, SHOP, Channel::Email, "chloe@example.com")
                .await
                .unwrap()
        );
        let done = app
            .send(
                Request::post(path)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from("List-Unsubscribe=One-Click"))
                    .unwrap(),
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
        assert!(
            optout::is_stopped(&app.db, SHOP, Channel::Email, "chloe@example.com")
                .await
                .unwrap()
        );
        // Chloe's parcel keeps stalling; she gets nothing more.
        app.clock.advance(hours(24 * 5));
        app.run_outreach().await;
        assert_eq!(
            recorder
                .sent()
                .iter()
                .filter(|m| m.to == "chloe@example.com")
                .count(),
            1,
            "{}",
            app.backend
        );
        let bad = app
            .get("/outreach/unsubscribe?t=u.1009.99999999999.forged")
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    }
}

// See: issue 10
#[tokio::test]
async fn two_senders_never_take_the_same_message_and_a_dead_ones_messages_come_back() {
    for app in spawn_demos().await {
        let (app, _) = app.with_outreach();
        wismo_proxy::outreach::monitor::pass(&app.state)
            .await
            .unwrap();
        let now = app.clock.now();
        let lease = chrono::Duration::minutes(5);
        let (a, b) = tokio::join!(
            outbox::claim(&app.db, now, lease, 3),
            outbox::claim(&app.db, now, lease, 3)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut ids: Vec<i64> = a.iter().chain(&b).map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), a.len() + b.len(), "{}: disjoint", app.backend);
        assert_eq!(ids.len(), 6);
        // Nobody settles (the proxy died): within the lease nothing is due…
        assert!(
            outbox::claim(&app.db, now + chrono::Duration::minutes(4), lease, 10)
                .await
                .unwrap()
                .is_empty()
        );
        // …after it every message is claimed again, and only the new claim may settle.
        let again = outbox::claim(&app.db, now + chrono::Duration::minutes(6), lease, 10)
            .await
            .unwrap();
        assert_eq!(again.len(), 6);
        assert!(again.iter().all(|c| c.attempts == 2));
        let first = &a[0];
        let sent = outbox::Outcome::Sent {
            provider: "recording",
            provider_id: None,
        };
        assert!(!outbox::settle(&app.db, (first.id, 1), sent, now)
            .await
            .unwrap());
        assert!(outbox::settle(&app.db, (first.id, 2), sent, now)
            .await
            .unwrap());
    }
}

// See: issue 10
#[tokio::test]
async fn the_demo_clock_moves_and_the_outbox_page_shows_what_went_out_as_text() {
    let (app, _) = spawn_demo().await.with_outreach();
    let r = app
        .send(
            Request::post("/demo/clock")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("hours=24"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.clock.now().to_rfc3339(), "2026-11-20T15:00:00+00:00");
    let page = app.get("/demo/outbox").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("warehouse_late · email · order 1001"),
        "{html}"
    );
    assert!(html.contains("<iframe title=\"E-mail"));
    // The e-mail's HTML sits escaped inside srcdoc: it cannot break out of the frame.
    assert!(html.contains("srcdoc=\"&lt;!doctype html&gt;"));
    let bad = app
        .send(
            Request::post("/demo/clock")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("hours=-5"))
                .unwrap(),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    // Outside the demo neither is on.
    let plain = spawn_demo().await;
    assert_eq!(
        plain.get("/demo/outbox").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

// See: issue 10. Messages to a shopper are personal data like their chats.
#[tokio::test]
async fn outreach_messages_are_exported_and_redacted_with_the_shopper() {
    for app in spawn_demos().await {
        let (app, _) = app.with_outreach();
        app.run_outreach().await;
        let count = |sql: &'static str| {
            let db = app.db.clone();
            async move {
                sqlx::query_scalar::<_, i64>(sql)
                    .fetch_one(db.pool())
                    .await
                    .unwrap()
            }
        };
        let customer = |email: &str| {
            serde_json::json!({"shop_id": 6_000_000_001u64, "shop_domain": SHOP,
                "customer": {"id": 7_000_000_010u64, "email": email, "phone": null}})
        };
        let mut request = customer("chloe@example.com");
        request["orders_requested"] = serde_json::json!([]);
        request["data_request"] = serde_json::json!({"id": 77});
        app.webhook("customers/data_request", "ev-dr", &request)
            .await;
        let mut redact = customer("diego@example.com");
        redact["orders_to_redact"] = serde_json::json!([]);
        app.webhook("customers/redact", "ev-redact", &redact).await;
        app.drain_webhooks().await;
        let export: String =
            sqlx::query_scalar("SELECT export FROM data_requests WHERE request_id = '77'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let export: serde_json::Value = serde_json::from_str(&export).unwrap();
        let sent = export["outreach_messages"].as_array().unwrap();
        assert_eq!(sent.len(), 1, "{}: {export}", app.backend);
        assert_eq!(sent[0]["kind"], "scan_gap");
        assert_eq!(
            count("SELECT COUNT(*) FROM outreach_messages WHERE email = 'diego@example.com'").await,
            0
        );
        assert_eq!(count("SELECT COUNT(*) FROM outreach_messages").await, 5);
        app.webhook(
            "shop/redact",
            "ev-shop",
            &serde_json::json!({"shop_id": 6_000_000_001u64, "shop_domain": SHOP}),
        )
        .await;
        app.drain_webhooks().await;
        for table in [
            "SELECT COUNT(*) FROM outreach_messages",
            "SELECT COUNT(*) FROM outreach_watch",
            "SELECT COUNT(*) FROM outreach_optouts",
            "SELECT COUNT(*) FROM outreach_inbound",
        ] {
            assert_eq!(count(table).await, 0, "{}: {table}", app.backend);
        }
    }
}

// See: issue 10
#[tokio::test]
async fn with_outreach_off_stop_is_still_honoured_but_nothing_is_answered() {
    for app in spawn_demos().await {
        let (mut app, _) = app.with_outreach();
        let mut off = (*app.state.outreach).clone();
        off.enabled = false;
        app.state.outreach = std::sync::Arc::new(off);
        app.router = wismo_proxy::app(app.state.clone());
        let r = twilio_sms(&app, TWILIO_TOKEN, "SM20", "+16145550104", "where is it?").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(messages(&app).await.is_empty(), "{}", app.backend);
        twilio_sms(&app, TWILIO_TOKEN, "SM21", "+16145550104", "STOP").await;
        assert!(
            optout::is_stopped(&app.db, SHOP, Channel::Sms, "6145550104")
                .await
                .unwrap()
        );
        assert!(
            messages(&app).await.is_empty(),
            "no confirmation waits to go out later"
        );
    }
}

// See: issue 10. A change while an order is being looked at is looked at again.
#[tokio::test]
async fn a_change_during_an_evaluation_keeps_the_order_due() {
    for app in spawn_demos().await {
        let (app, _) = app.with_outreach();
        let now = app.clock.now();
        let claimed = watch::claim(&app.db, SHOP, now, chrono::Duration::minutes(5), 100)
            .await
            .unwrap();
        assert_eq!(claimed.len(), 12, "{}", app.backend);
        // Order 1004 changes meanwhile.
        let order = app.stored_order("1004").await.unwrap();
        wismo_proxy::db::insert_order(&app.db, SHOP, &order)
            .await
            .unwrap();
        let later = Some(now + hours(6));
        let settled: Vec<_> = claimed.iter().map(|c| (c.clone(), later)).collect();
        let mut tx = app.db.begin().await.unwrap();
        let done = watch::settle_on(&mut tx, app.db.backend(), &settled)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(done, 11, "{}", app.backend);
        let asap = wismo_proxy::db::time::from_db(watch::ASAP, "asap").unwrap();
        assert_eq!(
            watch::check_at(&app.db, SHOP, "1004").await.unwrap(),
            Some(asap)
        );
        assert_eq!(watch::check_at(&app.db, SHOP, "1005").await.unwrap(), later);
    }
}

// See: issue 10. Configuring a sender later must not find its messages' attempts used up.
#[tokio::test]
async fn a_channel_without_a_sender_keeps_its_messages_without_spending_attempts() {
    for app in spawn_demos().await {
        let (mut app, _) = app.with_outreach();
        let mut none = (*app.state.outreach).clone();
        none.senders = wismo_proxy::outreach::send::Senders::default();
        app.state.outreach = std::sync::Arc::new(none);
        for _ in 0..3 {
            app.run_outreach().await;
            app.wall.advance(hours(2));
        }
        let all = messages(&app).await;
        assert_eq!(all.len(), 6, "{}", app.backend);
        for m in &all {
            assert_eq!(m.sent_at, None);
            assert_eq!(m.attempts, 0, "{}: looks are not attempts", app.backend);
            assert_eq!(
                m.last_error.as_deref(),
                Some("no sender is configured for email")
            );
        }
    }
}
