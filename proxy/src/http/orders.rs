//! `GET /api/v1/orders/{number}`: the verified shopper's order with its parcels, the policy and
//! the server's time, as the core's `OrderContext`, so the widget resolves exactly what we would.

use super::shopper::Shopper;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use wismo::{OrderContext, OrderNumber};

pub async fn get(
    State(state): State<AppState>,
    Path(number): Path<String>,
    shopper: Shopper,
) -> Result<Response, AppError> {
    // Another shopper's order and a nonexistent one get the same answer as a bad token.
    if !shopper.owns(&number) {
        return Err(AppError::Unauthorized);
    }
    // The order's stored, ready answer: one read (see tracking::ready).
    let json = crate::tracking::ready::context_json(&state, &shopper.0)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// Everything the core needs to resolve a question about this order, as of the app's clock.
pub async fn order_context(
    state: &AppState,
    number: &OrderNumber,
) -> Result<Option<OrderContext>, AppError> {
    // The shop and the carrier concurrently; a slow carrier degrades to its cached data.
    let Some((order, shipments)) = crate::tracking::gather(state, number).await? else {
        return Ok(None);
    };
    Ok(Some(OrderContext {
        now: state.clock.now(),
        policy: (*state.policy).clone(),
        order,
        shipments,
    }))
}
