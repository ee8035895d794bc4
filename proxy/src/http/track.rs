//! `GET /api/v1/track/{token}`: the order a signed tracking link (from an e-mail or SMS) grants,
//! as the core's `OrderContext`. A forged, altered or expired link, or one for an order that no
//! longer exists, is the same `unauthorized`; failures count against the client's rate limit
//! (then `rate_limited`). A valid link is never refused: links are unguessable, and shoppers may
//! share an address.

use super::order_context;
use crate::auth::{Attempt, ClientIp};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use wismo::OrderContext;

pub async fn get(
    State(state): State<AppState>,
    Path(token): Path<String>,
    client: ClientIp,
) -> Result<Json<OrderContext>, AppError> {
    let links = state
        .integrations
        .tracking_links
        .as_ref()
        .ok_or(AppError::NotConfigured("tracking links"))?;
    let wrong = || async {
        Attempt::wrong_credential(&state.limiter, vec![client.key()], AppError::Unauthorized).await
    };
    let number = match links.verify(&token, state.clock.now()) {
        Ok(n) => n,
        Err(e) => {
            tracing::debug!(error = %e, "tracking link refused");
            return Err(wrong().await);
        }
    };
    match order_context(&state, &number).await? {
        Some(ctx) => Ok(Json(ctx)),
        None => Err(wrong().await),
    }
}
