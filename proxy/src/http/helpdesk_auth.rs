//! Who may call the helpdesk endpoints: the Zendesk app with a current JWT, the Gorgias
//! integration with its shared secret. Failures are one `unauthorized` and count against the
//! client's rate limit; an integration that is not configured is `not_configured`.

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
        let Ok(client) = ClientIp::from_request_parts(parts, state).await;
        let attempt = Attempt::start(&state.limiter, vec![client.key()])?;
        let token = authorization(parts)
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or_default();
        match jwt.verify(token, state.clock.now()) {
            Ok(claims) => Ok(Self(claims)),
            Err(e) => {
                tracing::debug!(error = %e, "zendesk token refused");
                Err(attempt.failed(AppError::Unauthorized))
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
        let Ok(client) = ClientIp::from_request_parts(parts, state).await;
        let attempt = Attempt::start(&state.limiter, vec![client.key()])?;
        if secret.authorizes(authorization(parts)) {
            Ok(Self)
        } else {
            Err(attempt.failed(AppError::Unauthorized))
        }
    }
}
