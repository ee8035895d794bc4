//! `POST /webhooks/easypost` and `POST /webhooks/aftership`: the signature checked over the raw
//! body (EasyPost: `X-Hmac-Signature: hmac-sha256-hex=<hex>`; AfterShip: `aftership-hmac-sha256:
//! <base64>`), the delivery stored once per event id and committed, and only then a 200; the
//! webhook worker caches the tracker afterwards.

use super::webhooks::{check, header, Ack};
use crate::error::AppError;
use crate::state::AppState;
use crate::webhooks::store::{self, body_id, Incoming};
use crate::webhooks::WebhookSecret;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::Value;

/// How one aggregator labels its deliveries.
struct Scheme {
    provider: &'static str,
    /// The JSON key holding the event's kind (the stored topic).
    topic_key: &'static str,
    /// The JSON key holding the event's id, the same on every retry.
    id_key: &'static str,
}

pub async fn easypost(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Ack>, AppError> {
    let body = body?;
    let secret = state
        .carrier_webhook_secrets
        .easypost
        .as_ref()
        .ok_or(AppError::NotConfigured("easypost webhooks"))?;
    let signature = header(&headers, "x-hmac-signature")
        .and_then(|v| v.strip_prefix("hmac-sha256-hex="))
        .ok_or(AppError::InvalidSignature)?;
    check(secret.verify_hex(&body, signature), "easypost")?;
    let scheme = Scheme {
        provider: "easypost",
        topic_key: "description",
        id_key: "id",
    };
    accept(&state, &scheme, &body).await
}

pub async fn aftership(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Ack>, AppError> {
    let body = body?;
    let secret = state
        .carrier_webhook_secrets
        .aftership
        .as_ref()
        .ok_or(AppError::NotConfigured("aftership webhooks"))?;
    let signature = header(&headers, "aftership-hmac-sha256").ok_or(AppError::InvalidSignature)?;
    check(secret.verify(&body, signature), "aftership")?;
    let scheme = Scheme {
        provider: "aftership",
        topic_key: "event",
        id_key: "event_id",
    };
    accept(&state, &scheme, &body).await
}

/// Stores a verified delivery, deduplicated; a signed body that is not JSON is kept as failed.
async fn accept(state: &AppState, scheme: &Scheme, body: &[u8]) -> Result<Json<Ack>, AppError> {
    let doc: Result<Value, _> = serde_json::from_slice(body);
    let field = |k: &str| {
        doc.as_ref()
            .ok()
            .and_then(|d| d.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let topic = field(scheme.topic_key).unwrap_or_default();
    let event_id = field(scheme.id_key).unwrap_or_else(|| body_id(body));
    let now = state.clock.now();
    let stored = store::store(
        &state.db,
        &Incoming {
            provider: scheme.provider,
            topic: &topic,
            event_id: &event_id,
            shop_domain: None,
            triggered_at: None,
            received_at: now,
            body,
        },
    )
    .await?;
    let Some(id) = stored else {
        tracing::info!(provider = scheme.provider, %event_id, "duplicate carrier webhook");
        return Ok(Json(Ack {
            status: "duplicate",
        }));
    };
    if let Err(e) = doc {
        let problem = format!("the body is not JSON: {e}");
        store::mark_failed(&state.db, id, &problem, now).await?;
        return Err(AppError::BadRequest(problem));
    }
    state.jobs.notify_one();
    Ok(Json(Ack { status: "stored" }))
}

/// The header value a provider would send for `body`: for tests and replaying tools.
pub fn easypost_signature(secret: &WebhookSecret, body: &[u8]) -> String {
    format!("hmac-sha256-hex={}", secret.sign_hex(body))
}
