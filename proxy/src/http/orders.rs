//! `GET /api/v1/orders/{number}`: the verified shopper's order with its parcels, the policy and
//! the server's time, as the core's `OrderContext`, so the widget resolves exactly what we would.

use super::shopper::Shopper;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use wismo::{OrderContext, OrderNumber};

pub async fn get(
    State(state): State<AppState>,
    Path(number): Path<String>,
    shopper: Shopper,
) -> Result<Json<OrderContext>, AppError> {
    // Another shopper's order and a nonexistent one get the same answer as a bad token.
    if !shopper.owns(&number) {
        return Err(AppError::Unauthorized);
    }
    order_context(&state, &shopper.0)
        .await?
        .map(Json)
        .ok_or(AppError::Unauthorized)
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
