//! `POST /api/v1/messages` through the router, on every configured database: the core answers
//! with the shopper's stored conversation, which carries over from one channel to another.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::http::StatusCode;
use common::{spawn_demos, Reply, TestApp};
use serde_json::{json, Value};
use wismo::Email;
use wismo_proxy::conversations::{Channel, ConversationStore};

async fn say(app: &TestApp, token: &str, body: &Value) -> Reply {
    let auth = format!("Bearer {token}");
    app.post_with(
        "/api/v1/messages",
        &[("authorization", auth.as_str())],
        body.to_string().as_bytes(),
    )
    .await
}

#[tokio::test]
async fn a_message_is_resolved_against_the_shoppers_order_and_the_conversation_stored() {
    for app in spawn_demos().await {
        let token = app.token("1004", "marco@example.com").await;
        let r = say(&app, &token, &json!({"message": "where is my order?"})).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", app.backend, r.text());
        let res: wismo::Resolution = serde_json::from_slice(&r.body).expect("a Resolution");
        assert_eq!(res.situation.unwrap().kind(), "in_transit");
        assert!(!res.reply.is_empty());
        let store = ConversationStore::new(app.db.clone(), common::SHOP);
        let stored = store
            .get(&Email::parse("marco@example.com").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.conversation, res.conversation, "{}", app.backend);
        assert_eq!(stored.channel, Channel::Chat);
        assert_eq!(stored.version, 1);
    }
}

#[tokio::test]
async fn a_conversation_started_in_chat_continues_by_email() {
    for app in spawn_demos().await {
        let token = app.token("1001", "jane@example.com").await;
        let first = say(
            &app,
            &token,
            &json!({"message": "can I cancel my order?", "channel": "chat"}),
        )
        .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text());
        let first: wismo::Resolution = serde_json::from_slice(&first.body).unwrap();
        let second = say(
            &app,
            &token,
            &json!({"message": "yes please", "channel": "email"}),
        )
        .await;
        assert_eq!(second.status, StatusCode::OK, "{}", second.text());
        let second: wismo::Resolution = serde_json::from_slice(&second.body).unwrap();
        assert_eq!(
            second.conversation.turns,
            first.conversation.turns + 1,
            "{}",
            app.backend
        );
        // The "yes" answered the question asked in chat: the cancel is now confirmed.
        assert!(
            second
                .proposals
                .iter()
                .any(|p| p.action.kind() == "cancel" && p.is_executable()),
            "{}: {:?} after {:?}",
            app.backend,
            second.proposals,
            first.proposals
        );
        let store = ConversationStore::new(app.db.clone(), common::SHOP);
        let email = Email::parse("jane@example.com").unwrap();
        let history: Vec<(Channel, String)> = store
            .history(&email)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.channel, m.text))
            .collect();
        assert_eq!(history.len(), 4);
        assert_eq!(
            history[0],
            (Channel::Chat, "can I cancel my order?".to_owned())
        );
        assert_eq!(history[2], (Channel::Email, "yes please".to_owned()));
        assert_eq!(
            store.get(&email).await.unwrap().unwrap().channel,
            Channel::Email
        );
    }
}

#[tokio::test]
async fn a_stale_version_cannot_overwrite_a_newer_conversation() {
    for app in spawn_demos().await {
        let token = app.token("1004", "marco@example.com").await;
        say(&app, &token, &json!({"message": "where is my order?"})).await;
        let store = ConversationStore::new(app.db.clone(), common::SHOP);
        let email = Email::parse("marco@example.com").unwrap();
        let read = store.get(&email).await.unwrap().unwrap();
        let turn = [wismo_proxy::conversations::Message {
            at: wismo_proxy::demo::now(),
            channel: Channel::Sms,
            direction: wismo_proxy::conversations::Direction::In,
            text: "hi".into(),
        }];
        assert_eq!(
            store
                .put(&email, &read.conversation, Some(read.version), &turn)
                .await
                .unwrap(),
            2
        );
        let again = store
            .put(&email, &read.conversation, Some(read.version), &turn)
            .await;
        assert!(
            matches!(again, Err(wismo_proxy::conversations::PutError::Conflict)),
            "{}",
            app.backend
        );
        let fresh = store.put(&email, &read.conversation, None, &turn).await;
        assert!(matches!(
            fresh,
            Err(wismo_proxy::conversations::PutError::Conflict)
        ));
    }
}

#[tokio::test]
async fn empty_long_or_malformed_messages_are_bad_requests() {
    for app in spawn_demos().await {
        let token = app.token("1004", "marco@example.com").await;
        for body in [
            json!({"message": "   "}),
            json!({"message": "x".repeat(2001)}),
            json!({"message": "hi", "channel": "pigeon"}),
            json!({"message": "hi", "order": "1002"}),
            json!({"text": "hi"}),
        ] {
            let r = say(&app, &token, &body).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}: {body}", app.backend);
            assert_eq!(r.json()["code"], "bad_request");
        }
    }
}

#[tokio::test]
async fn without_a_valid_session_nothing_is_answered_or_stored() {
    for app in spawn_demos().await {
        let r = app
            .post_with(
                "/api/v1/messages",
                &[],
                json!({"message": "where is my order?"})
                    .to_string()
                    .as_bytes(),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let r = say(
            &app,
            "v1.1004.9999999999.forged",
            &json!({"message": "where is my order?"}),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", app.backend);
        let store = ConversationStore::new(app.db.clone(), common::SHOP);
        assert!(store
            .get(&Email::parse("marco@example.com").unwrap())
            .await
            .unwrap()
            .is_none());
    }
}
