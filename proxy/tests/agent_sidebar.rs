//! The agent's sidebar through the router: what `GET /agent/zendesk/customer` gives an agent
//! (situation, facts with their age, raw carrier codes, the conversation on every channel, the
//! actions the policy allows) and `POST /agent/zendesk/actions` (approval above the limit, one
//! run per key, the audit row naming the agent), all behind Zendesk's signed JWT.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{spawn_demos, Reply, TestApp};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use wismo_proxy::auth::ZendeskJwt;
use wismo_proxy::{app, demo};

const SECRET: &[u8] = b"zendesk-shared-secret-of-32-bytes";

async fn spawns() -> Vec<TestApp> {
    let mut apps = spawn_demos().await;
    for t in &mut apps {
        t.state.integrations.zendesk = Some(ZendeskJwt::new(SECRET, None, None, 60).unwrap());
        t.router = app(t.state.clone());
    }
    apps
}

fn jwt(exp_in: i64, secret: &[u8]) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        &json!({"exp": demo::now().timestamp() + exp_in, "sub": "agent-7"}),
        &EncodingKey::from_secret(secret),
    )
    .unwrap()
}

async fn customer(t: &TestApp, email: &str, token: &str) -> Reply {
    t.get_with_token(&format!("/agent/zendesk/customer?email={email}"), token)
        .await
}

async fn act(t: &TestApp, key: &str, body: &Value) -> Reply {
    t.send(
        Request::post("/agent/zendesk/actions")
            .header(
                header::AUTHORIZATION,
                format!("Bearer {}", jwt(300, SECRET)),
            )
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", key)
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn the_sidebar_shows_the_situation_its_evidence_and_the_raw_scans() {
    for t in spawns().await {
        // Chloe wrote in the chat before she reached a person.
        let token = t.token("1009", "chloe@example.com").await;
        let r = t
            .send(
                Request::post("/api/v1/messages")
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(r#"{"message":"where is my parcel?"}"#))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());

        let r = customer(&t, "chloe@example.com", &jwt(300, SECRET)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let c = r.json();
        assert_eq!(c["name"], "Chloe");
        let o = &c["orders"][0];
        assert_eq!(o["name"], "#1009");
        assert_eq!(o["situation"], "stalled");
        assert!(o["sentence"].as_str().unwrap().contains("FedEx"), "{o}");
        let facts = o["facts"].as_array().unwrap();
        assert!(!facts.is_empty());
        assert!(
            facts
                .iter()
                .all(|f| f["age"].as_str().unwrap().ends_with("ago")),
            "{facts:?}"
        );
        // The carrier's own codes and words, which shoppers never see, are there for agents.
        let events = o["parcels"][0]["events"].as_array().unwrap();
        assert!(
            events
                .iter()
                .all(|e| !e["code"].as_str().unwrap().is_empty()),
            "{events:?}"
        );
        assert!(events.iter().any(|e| e["description"]
            .as_str()
            .unwrap()
            .chars()
            .any(char::is_uppercase)));
        let kinds: Vec<&str> = o["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["proposal"]["action"]["type"].as_str().unwrap())
            .collect();
        assert!(
            kinds.contains(&"reship") && kinds.contains(&"refund"),
            "{kinds:?}"
        );
        assert!(kinds.contains(&"open_claim"), "{kinds:?}");
        let reship = &o["actions"][0];
        assert!(
            reship["value"].as_str().unwrap().starts_with('$'),
            "{reship}"
        );
        assert!(!reship["effect"].as_str().unwrap().is_empty());
        // The suggested reply is what the shopper would read.
        assert!(o["agent"]["suggested_reply"]
            .as_str()
            .unwrap()
            .contains("#1009"));
        let lines = c["conversation"].as_array().unwrap();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0]["direction"], "in");
        assert_eq!(lines[0]["channel"], "chat");
    }
}

#[tokio::test]
async fn an_unshipped_order_offers_the_address_change_and_nothing_to_replace() {
    for t in spawns().await {
        let c = customer(&t, "jane@example.com", &jwt(300, SECRET))
            .await
            .json();
        let kinds: Vec<&str> = c["orders"][0]["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["proposal"]["action"]["type"].as_str().unwrap())
            .collect();
        assert!(kinds.contains(&"change_address"), "{kinds:?}");
        assert!(!kinds.contains(&"reship"), "{kinds:?}");
    }
}

#[tokio::test]
async fn a_wrong_or_expired_token_shows_nothing() {
    for t in spawns().await {
        for token in [
            jwt(300, b"another-secret-of-at-least-32-bytes"),
            jwt(-3600, SECRET),
        ] {
            let r = customer(&t, "chloe@example.com", &token).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text());
            assert!(!r.text().contains("1009") && !r.text().contains("Chloe"));
        }
        let r = t
            .send(
                Request::post("/agent/zendesk/actions")
                    .header(
                        header::AUTHORIZATION,
                        format!("Bearer {}", jwt(-3600, SECRET)),
                    )
                    .header("idempotency-key", "k1")
                    .body(Body::from("{}"))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn an_action_above_the_limit_runs_only_once_approved_and_only_once() {
    for mut t in spawns().await {
        // A limit below the order's value: a replacement needs a person's approval.
        let mut policy = wismo::PolicyData::from((*t.state.policy).clone());
        policy.offers.auto_limit_minor = 1000;
        t.state.policy = std::sync::Arc::new(wismo::Policy::new(policy).unwrap());
        t.router = app(t.state.clone());
        let c = customer(&t, "chloe@example.com", &jwt(300, SECRET))
            .await
            .json();
        let reship = c["orders"][0]["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["proposal"]["action"]["type"] == "reship")
            .cloned()
            .unwrap();
        assert_eq!(reship["proposal"]["needs_approval"], true);

        // A proposal the sidebar did not offer (another amount), or one claiming no approval is
        // needed, changes nothing: the offer as the core makes it decides.
        let mut forged = reship["proposal"].clone();
        forged["needs_approval"] = json!(false);
        let r = act(&t, "side-0", &json!({"proposal": forged})).await;
        assert_eq!(r.json()["code"], "needs_approval", "{}", r.text());
        let refund = json!({"action": {"type": "refund", "order": "1009",
            "amount": {"minor": 1, "currency": "USD"}, "store_credit": false},
            "needs_confirmation": false, "needs_approval": false});
        let r = act(&t, "side-x", &json!({"proposal": refund, "approve": true})).await;
        assert_eq!(r.json()["code"], "not_offered", "{}", r.text());

        let unapproved = act(&t, "side-1", &json!({"proposal": reship["proposal"]})).await;
        assert_eq!(
            unapproved.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            unapproved.text()
        );
        assert_eq!(unapproved.json()["code"], "needs_approval");
        assert_eq!(t.deliver_notes().await.delivered, 0, "nothing ran");

        let body = json!({"proposal": reship["proposal"], "approve": true});
        let done = act(&t, "side-2", &body).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
        assert_eq!(done.json()["action"], "reship");
        // A second click sends the same key: answered again, not run again.
        let again = act(&t, "side-2", &body).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.headers["idempotent-replayed"], "true");
        assert_eq!(t.deliver_notes().await.delivered, 1, "one internal note");

        let actors: Vec<(String, String)> = sqlx::query_as(
            "SELECT actor, result FROM audit_log WHERE action = 'reship' ORDER BY id",
        )
        .fetch_all(t.db.pool())
        .await
        .unwrap();
        assert!(
            actors.iter().all(|(a, _)| a == "agent:agent-7 via zendesk"),
            "{actors:?}"
        );
        assert_eq!(
            actors.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>(),
            ["needs_approval", "needs_approval", "done", "replayed"]
        );
    }
}
