//! The helpdesk sidebars: `GET /agent/zendesk/customer?email=…` for the Zendesk app (the core's
//! agent view, situation and card per order) and `GET /gorgias/customer?email=…` for a Gorgias
//! HTTP integration (flat fields a widget template can show; see `www/gorgias/`). Agents see
//! every order of the e-mail they ask about: the caller is the shop's own helpdesk.

use super::agent::{resolve_all, Resolved};
use super::helpdesk_auth::{GorgiasCaller, ZendeskAgent};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use wismo::resolve::AgentView;
use wismo::{Email, OrderCard, OrderNumber};

#[derive(Debug, Deserialize)]
pub struct CustomerQuery {
    email: String,
}

async fn customer_orders(
    state: &AppState,
    query: Result<Query<CustomerQuery>, QueryRejection>,
) -> Result<(Email, Vec<Resolved>), AppError> {
    let Query(q) = query.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let email = Email::parse(&q.email)
        .map_err(|_| AppError::BadRequest("email is not a valid e-mail address".into()))?;
    let numbers = state.orders.orders_with_email(&email).await?;
    Ok((email, resolve_all(state, &numbers).await?))
}

/// One order as the Zendesk app shows it.
#[derive(Debug, Serialize)]
pub struct AgentOrder {
    pub order_number: OrderNumber,
    pub created_at: DateTime<Utc>,
    pub situation: &'static str,
    pub agent: Option<AgentView>,
    pub card: Option<OrderCard>,
}

#[derive(Debug, Serialize)]
pub struct AgentCustomer {
    pub email: Email,
    pub orders: Vec<AgentOrder>,
}

/// `GET /agent/zendesk/customer?email=…` with `Authorization: Bearer <JWT>`.
pub async fn zendesk(
    State(state): State<AppState>,
    ZendeskAgent(claims): ZendeskAgent,
    query: Result<Query<CustomerQuery>, QueryRejection>,
) -> Result<Json<AgentCustomer>, AppError> {
    let (email, resolved) = customer_orders(&state, query).await?;
    tracing::info!(
        agent = claims.sub.as_deref().unwrap_or("-"),
        orders = resolved.len(),
        "zendesk customer lookup"
    );
    let orders = resolved
        .into_iter()
        .map(|r| AgentOrder {
            situation: r.situation(),
            order_number: r.ctx.order.number.clone(),
            created_at: r.ctx.order.created_at,
            agent: r.resolution.agent,
            card: r.resolution.card,
        })
        .collect();
    Ok(Json(AgentCustomer { email, orders }))
}

/// One order as a Gorgias widget shows it: display-ready strings only.
#[derive(Debug, Serialize)]
pub struct GorgiasOrder {
    /// `#1004`, as the shop names it.
    pub name: String,
    pub order_number: OrderNumber,
    pub created_at: DateTime<Utc>,
    /// The core's one-line status, e.g. "On its way".
    pub status: String,
    /// The situation kind, e.g. `in_transit`.
    pub situation: &'static str,
    pub problem: bool,
    /// Carriers of the parcels, comma-separated.
    pub carriers: String,
    /// Tracking numbers, comma-separated.
    pub tracking_numbers: String,
    /// Expected delivery, or empty when unknown.
    pub eta: String,
    /// The order, its situation and the evidence in one paragraph.
    pub summary: String,
    /// A reply the agent can send as is.
    pub suggested_reply: String,
}

#[derive(Debug, Serialize)]
pub struct GorgiasCustomer {
    pub email: Email,
    pub order_count: usize,
    pub orders: Vec<GorgiasOrder>,
}

fn macro_value(agent: Option<&AgentView>, name: &str) -> String {
    agent
        .and_then(|a| a.macros.get(name))
        .cloned()
        .unwrap_or_default()
}

/// `GET /gorgias/customer?email=…` with `Authorization: Bearer <secret>`.
pub async fn gorgias(
    State(state): State<AppState>,
    _caller: GorgiasCaller,
    query: Result<Query<CustomerQuery>, QueryRejection>,
) -> Result<Json<GorgiasCustomer>, AppError> {
    let (email, resolved) = customer_orders(&state, query).await?;
    let orders: Vec<GorgiasOrder> = resolved
        .into_iter()
        .map(|r| {
            let agent = r.resolution.agent.as_ref();
            let carriers = r.resolution.card.as_ref().map_or_else(String::new, |c| {
                c.parcels
                    .iter()
                    .map(|p| p.carrier.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            GorgiasOrder {
                name: r.ctx.order.display_name(),
                order_number: r.ctx.order.number.clone(),
                created_at: r.ctx.order.created_at,
                status: r.headline(),
                situation: r.situation(),
                problem: r.problem(),
                carriers,
                tracking_numbers: macro_value(agent, "Tracking_Number"),
                eta: macro_value(agent, "Expected_Delivery_Date"),
                summary: agent.map(|a| a.summary.clone()).unwrap_or_default(),
                suggested_reply: agent.map(|a| a.suggested_reply.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(Json(GorgiasCustomer {
        email,
        order_count: orders.len(),
        orders,
    }))
}
