//! Who may call the helpdesk endpoints: the Zendesk app with a current JWT, the Gorgias
//! integration with its shared secret. Failures are one `unauthorized` and count against the
//! client's rate limit (then `rate_limited`); a right credential is never refused, since the
//! callers share their helpdesk's servers' addresses. An integration that is not configured is
//! `not_configured`.

use crate::auth::{AgentClaims, Attempt, ClientIp};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

fn authorization(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
}

/// Counts a wrong credential (a bad signature, token or secret) against the client and answers
/// `unauthorized`, or `rate_limited` once the client has failed too often.
pub(crate) async fn wrong_credential(parts: &mut Parts, state: &AppState) -> AppError {
    let Ok(client) = ClientIp::from_request_parts(parts, state).await;
    Attempt::wrong_credential(&state.limiter, vec![client.key()], AppError::Unauthorized).await
}

/// A request from the Zendesk sidebar app, with the claims of its token.
pub struct ZendeskAgent(pub AgentClaims);

impl FromRequestParts<AppState> for ZendeskAgent {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let jwt = state
            .integrations
            .zendesk
            .as_ref()
            .ok_or(AppError::NotConfigured("zendesk"))?;
        let token = authorization(parts)
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or_default();
        match jwt.verify(token, state.clock.now()) {
            Ok(claims) => Ok(Self(claims)),
            Err(e) => {
                tracing::debug!(error = %e, "zendesk token refused");
                Err(wrong_credential(parts, state).await)
            }
        }
    }
}

/// A request from the Gorgias HTTP integration.
pub struct GorgiasCaller;

impl FromRequestParts<AppState> for GorgiasCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let secret = state
            .integrations
            .gorgias
            .as_ref()
            .ok_or(AppError::NotConfigured("gorgias"))?;
        if secret.authorizes(authorization(parts)) {
            Ok(Self)
        } else {
            Err(wrong_credential(parts, state).await)
        }
    }
}
