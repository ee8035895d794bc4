//! `POST /api/v1/session`: a shopper proves they own an order (number plus e-mail) and gets a
//! short-lived token for that one order. Every failure looks the same from outside.

use crate::auth::{ClientIp, SessionKey};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Instant;
use subtle::ConstantTimeEq;
use wismo::{Email, OrderNumber};

/// What the shopper types: `{"order_number": "#1001", "email": "jane@example.com"}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRequest {
    pub order_number: String,
    pub email: String,
}

/// A token for `Authorization: Bearer` on the order's endpoint, until `expires_at`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionResponse {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub order_number: OrderNumber,
}

pub async fn create(
    State(state): State<AppState>,
    client: ClientIp,
    body: Result<Json<SessionRequest>, JsonRejection>,
) -> Result<Json<SessionResponse>, AppError> {
    let Json(req) = body?;
    let number = OrderNumber::parse(&req.order_number).map_err(|_| {
        AppError::BadRequest("order_number must be 1 to 12 digits, optionally after '#'".into())
    })?;
    let email = Email::parse(&req.email)
        .map_err(|_| AppError::BadRequest("email is not a valid e-mail address".into()))?;

    let ip_key = client.key();
    let order_key = format!("order:{}", number.as_str());
    let keys = [ip_key.as_str(), order_key.as_str()];
    let started = Instant::now();
    if state.limiter.is_limited(&keys, started) {
        tracing::warn!(client = %ip_key, order = %number, "verification rate limited");
        return Err(AppError::RateLimited);
    }

    let order = state.orders.order(&number).await?;
    // A missing order is compared against a placeholder so both failures take the same path.
    let stored = order
        .as_ref()
        .map_or("\u{0}no-such-order", |o| o.customer.email.as_str());
    let matches: bool = stored.as_bytes().ct_eq(email.as_str().as_bytes()).into();
    if !(matches && order.is_some()) {
        state.limiter.record_failure(&keys, started);
        tracing::info!(client = %ip_key, order = %number, "verification failed");
        return Err(AppError::VerificationFailed);
    }

    let expires_at = SessionKey::expiry_from(state.clock.now());
    Ok(Json(SessionResponse {
        token: state.session_key.issue(&number, expires_at),
        expires_at,
        order_number: number,
    }))
}
