//! `/apps/wismo/...`: requests Shopify forwards from the shop's storefront through its app proxy.
//! Only a correctly signed, fresh request is served, and only its `logged_in_customer_id` is
//! trusted: a logged-in customer lists their orders and gets a session for one of them without
//! typing anything. Any signature failure is the same `unauthorized` (counted against the
//! caller's address); a session for someone else's order is the same `verification_failed` as
//! one for a missing order, and is rate limited per order and per customer.

use super::agent::resolve_all;
use super::session::{issue, SessionResponse};
use crate::auth::Attempt;
use crate::error::AppError;
use crate::state::AppState;
use crate::storefront::gate::Proxied;
use axum::extract::State;
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde::Serialize;
use wismo::OrderNumber;

/// One of the customer's orders in the storefront's list.
#[derive(Debug, Serialize)]
pub struct OrderSummary {
    pub order_number: OrderNumber,
    pub created_at: DateTime<Utc>,
    /// The core's situation kind, e.g. `in_transit`.
    pub situation: &'static str,
    /// The core's one-line status in the shopper's language.
    pub headline: String,
    /// Something is going wrong with the delivery.
    pub problem: bool,
    /// Still on its way (not delivered, returned or cancelled): worth asking about.
    pub open: bool,
    /// What was ordered, by title, for telling orders apart ("the boots or the jacket?").
    pub items: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct OrderList {
    pub orders: Vec<OrderSummary>,
}

/// `GET /apps/wismo/orders`: the logged-in customer's orders, newest first.
pub async fn orders(
    State(state): State<AppState>,
    Extension(proxied): Extension<Proxied>,
) -> Result<Json<OrderList>, AppError> {
    let customer = proxied.customer()?;
    let numbers = state.orders.orders_of_customer(customer).await?;
    let orders = resolve_all(&state, &numbers)
        .await?
        .into_iter()
        .map(|r| OrderSummary {
            situation: r.situation(),
            headline: r.headline(),
            problem: r.problem(),
            open: r.open(),
            items: r
                .ctx
                .order
                .line_items
                .iter()
                .map(|li| li.title.clone())
                .collect(),
            order_number: r.ctx.order.number.clone(),
            created_at: r.ctx.order.created_at,
        })
        .collect();
    Ok(Json(OrderList { orders }))
}

/// `GET /apps/wismo/session?order_number=1001`: a session for one of the logged-in customer's
/// orders, as `POST /api/v1/session` would give after typing the e-mail.
pub async fn session(
    State(state): State<AppState>,
    Extension(proxied): Extension<Proxied>,
) -> Result<Json<SessionResponse>, AppError> {
    let raw = proxied
        .request
        .param("order_number")
        .ok_or_else(|| AppError::BadRequest("order_number is required".into()))?;
    let number = OrderNumber::parse(raw).map_err(|_| {
        AppError::BadRequest("order_number must be 1 to 12 digits, optionally after '#'".into())
    })?;
    let customer = proxied.customer()?;
    // Not keyed by address: verified requests all come from Shopify's servers, and one
    // customer's guessing must not lock out the shop's others.
    let attempt = Attempt::start(
        &state.limiter,
        vec![
            format!("order:{}", number.as_str()),
            format!("customer:{customer}"),
        ],
    )
    .await?;
    let theirs = state.orders.orders_of_customer(customer).await?;
    if !theirs.contains(&number) {
        return Err(attempt.failed(AppError::VerificationFailed).await);
    }
    Ok(Json(issue(&state, number)))
}
