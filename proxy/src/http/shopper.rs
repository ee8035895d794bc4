//! The verified shopper behind a request: a valid, unexpired session token in
//! `Authorization: Bearer`, naming the one order its holder proved they own.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use wismo::OrderNumber;

/// The order a request's session token grants. Extracting it fails with `unauthorized`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shopper(pub OrderNumber);

impl Shopper {
    /// Whether `raw` names the granted order. Another order and a malformed number are the same
    /// "no", so callers answer both exactly like a nonexistent order.
    pub fn owns(&self, raw: &str) -> bool {
        OrderNumber::parse(raw).is_ok_and(|n| n == self.0)
    }

    /// How the audit log names this shopper.
    pub fn actor(&self) -> String {
        format!("shopper:{}", self.0.as_str())
    }
}

impl FromRequestParts<AppState> for Shopper {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let granted = state
            .session_key
            .verify(token, state.clock.now())
            .map_err(|e| {
                tracing::debug!(error = %e, "session token refused");
                AppError::Unauthorized
            })?;
        Ok(Self(granted))
    }
}
