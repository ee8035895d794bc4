//! `POST /webhooks/shopify`: verify the signature over the raw body, store the delivery (once per
//! event id) and commit, and only then answer 200; the worker applies it afterwards. A correctly
//! signed delivery is never dropped: even a malformed one is kept, with the reason it failed.

use crate::error::AppError;
use crate::state::AppState;
use crate::webhooks::store::{self, body_id, Incoming};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The answer Shopify gets (it reads only the status).
#[derive(Debug, Serialize)]
pub struct Ack {
    /// `stored`, `duplicate` for an event already stored, or `ignored` for another shop's.
    pub status: &'static str,
}

pub(super) fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// The event's id: `X-Shopify-Event-Id`, else the older `X-Shopify-Webhook-Id`, else a hash of
/// the body, so that even an unlabelled delivery is deduplicated against its own retries.
fn event_id(headers: &HeaderMap, body: &[u8]) -> String {
    header(headers, "x-shopify-event-id")
        .or_else(|| header(headers, "x-shopify-webhook-id"))
        .map(str::to_owned)
        .unwrap_or_else(|| body_id(body))
}

/// `Ok` for a valid signature; otherwise logs the provider and answers `invalid_signature`.
pub(super) fn check(valid: bool, provider: &str) -> Result<(), AppError> {
    if valid {
        Ok(())
    } else {
        tracing::warn!(provider, "webhook with an invalid signature");
        Err(AppError::InvalidSignature)
    }
}

pub async fn shopify(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Ack>, AppError> {
    let body = body?;
    let secret = state
        .shopify_webhook_secret
        .as_ref()
        .ok_or(AppError::NotConfigured("shopify webhooks"))?;
    let signature = header(&headers, "x-shopify-hmac-sha256").ok_or(AppError::InvalidSignature)?;
    check(secret.verify(&body, signature), "shopify")?;
    let now = state.clock.now();
    let topic = header(&headers, "x-shopify-topic").unwrap_or("");
    // Apps are shared between shops (a development store installs the same app): a delivery
    // about another shop is answered 200, so Shopify stops resending it, and dropped unread.
    let domain = header(&headers, "x-shopify-shop-domain");
    if !domain.is_some_and(|d| d.eq_ignore_ascii_case(&state.shop)) {
        tracing::warn!(
            shop = domain.unwrap_or("(none)"),
            %topic,
            "webhook from a shop this proxy does not serve; ignored"
        );
        state.metrics.count_foreign_webhook();
        return Ok(Json(Ack { status: "ignored" }));
    }
    let event_id = event_id(&headers, &body);
    let triggered_at =
        header(&headers, "x-shopify-triggered-at").and_then(|t| t.parse::<DateTime<Utc>>().ok());
    let stored = store::store(
        &state.db,
        &Incoming {
            provider: "shopify",
            topic,
            event_id: &event_id,
            shop_domain: Some(&state.shop),
            triggered_at,
            received_at: now,
            body: &body,
        },
    )
    .await?;
    let Some(id) = stored else {
        tracing::info!(%topic, %event_id, "duplicate shopify webhook");
        return Ok(Json(Ack {
            status: "duplicate",
        }));
    };
    // Stored and committed; now say what is wrong with it, if anything, and keep it as failed.
    let problem = if topic.is_empty() {
        Some("X-Shopify-Topic is missing".to_owned())
    } else {
        serde_json::from_slice::<serde::de::IgnoredAny>(&body)
            .err()
            .map(|e| format!("the body is not JSON: {e}"))
    };
    if let Some(problem) = problem {
        store::mark_failed(&state.db, id, &problem, now).await?;
        return Err(AppError::BadRequest(problem));
    }
    state.jobs.notify_one();
    Ok(Json(Ack { status: "stored" }))
}
