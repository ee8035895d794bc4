//! The helpdesk sidebars: `GET /agent/zendesk/customer?email=…` for the Zendesk app (the core's
//! agent view, situation and card per order) and `GET /gorgias/customer?email=…` for a Gorgias
//! HTTP integration (flat fields a widget template can show; see `www/gorgias/`). Agents see
//! every order of the e-mail they ask about: the caller is the shop's own helpdesk.

use super::agent::{resolve_all, Resolved};
use super::helpdesk_auth::{GorgiasCaller, ZendeskAgent};
use crate::conversations::{ConversationStore, Direction};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use wismo::resolve::{AgentAction, AgentView};
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

/// One order as the agent sidebar shows it.
#[derive(Debug, Serialize)]
pub struct AgentOrder {
    pub order_number: OrderNumber,
    /// `#1004`, as the shop names it.
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub situation: &'static str,
    /// The core's one-line status, e.g. "In transit".
    pub headline: String,
    pub problem: bool,
    /// The situation in the sentences the shopper gets (also the suggested reply's start).
    pub sentence: String,
    /// What the situation rests on, each with its source and how fresh it is.
    pub facts: Vec<FactView>,
    /// Each parcel's scans with the carrier's own codes and words (agents may see them).
    pub parcels: Vec<RawParcel>,
    pub agent: Option<AgentView>,
    pub card: Option<OrderCard>,
    /// The actions the policy allows now; `needs_approval` ones wait for the agent's approval.
    pub actions: Vec<AgentAction>,
}

/// A fact behind a situation: "shop: fulfilled …" with its age.
#[derive(Debug, Serialize)]
pub struct FactView {
    pub source: String,
    pub statement: String,
    pub as_of: DateTime<Utc>,
    /// "30 hours ago".
    pub age: String,
}

/// A parcel as the carrier reported it.
#[derive(Debug, Serialize)]
pub struct RawParcel {
    pub carrier: String,
    pub tracking_number: String,
    /// Newest first.
    pub events: Vec<RawEvent>,
}

#[derive(Debug, Serialize)]
pub struct RawEvent {
    pub at: DateTime<Utc>,
    pub code: String,
    pub description: String,
    pub place: Option<String>,
    pub status: String,
}

/// One message of the customer's conversation, on any channel.
#[derive(Debug, Serialize)]
pub struct ConversationLine {
    pub at: DateTime<Utc>,
    pub channel: &'static str,
    /// `in` (the customer) or `out` (the assistant or an outreach notice).
    pub direction: &'static str,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct AgentCustomer {
    pub email: Email,
    /// The customer's first name on their newest order.
    pub name: Option<String>,
    pub orders: Vec<AgentOrder>,
    /// The conversation so far across chat, e-mail, SMS and WhatsApp, oldest first.
    pub conversation: Vec<ConversationLine>,
    /// Why the assistant handed the conversation to a person, when it did.
    pub handoff: Option<String>,
}

/// The most conversation lines the sidebar gets.
pub const CONVERSATION_LINES: usize = 50;

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
    let name = resolved
        .first()
        .map(|r| r.ctx.order.customer.first_name.clone());
    let orders: Vec<AgentOrder> = resolved
        .into_iter()
        .map(|r| agent_order(&state, r))
        .collect();
    let store = ConversationStore::new(state.db.clone(), state.shop.as_ref());
    let history = store.history(&email).await?;
    let skip = history.len().saturating_sub(CONVERSATION_LINES);
    let conversation = history
        .into_iter()
        .skip(skip)
        .map(|m| ConversationLine {
            at: m.at,
            channel: m.channel.as_str(),
            direction: match m.direction {
                Direction::In => "in",
                Direction::Out => "out",
            },
            text: m.text,
        })
        .collect();
    let handoff = store
        .get(&email)
        .await?
        .filter(|c| c.conversation.handed_over)
        .map(|_| {
            orders
                .first()
                .and_then(|o| o.agent.as_ref())
                .map_or_else(String::new, |a| a.summary.clone())
        });
    Ok(Json(AgentCustomer {
        email,
        name,
        orders,
        conversation,
        handoff,
    }))
}

fn agent_order(state: &AppState, r: Resolved) -> AgentOrder {
    let now = r.ctx.now;
    let facts = r
        .resolution
        .facts
        .iter()
        .map(|f| FactView {
            source: format!("{:?}", f.source).to_lowercase(),
            statement: f.statement.clone(),
            as_of: f.as_of,
            age: wismo::resolve::ago(wismo::carrier::Lang::En, f.as_of, now),
        })
        .collect();
    let parcels = r
        .ctx
        .shipments
        .iter()
        .map(|s| RawParcel {
            carrier: s.carrier.display_name().to_owned(),
            tracking_number: s.tracking_number.as_str().to_owned(),
            events: s
                .events
                .iter()
                .rev()
                .map(|e| RawEvent {
                    at: e.at,
                    code: e.code.clone(),
                    description: e.description.clone(),
                    place: e.place.clone(),
                    status: serde_json::to_value(e.status)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    // Only what the proxy would execute once the agent approves: the shopper path's check,
    // without the automatic value limit (a person decides above it).
    let actions = wismo::resolve::agent_actions(&r.ctx)
        .into_iter()
        .filter(|a| {
            let mut approved = a.proposal.clone();
            approved.needs_approval = false;
            crate::actions::check_approved(&approved, &r.ctx.order, &state.policy).is_ok()
        })
        .collect();
    AgentOrder {
        situation: r.situation(),
        headline: r.headline(),
        problem: r.problem(),
        name: r.ctx.order.display_name(),
        sentence: r.resolution.reply.clone(),
        order_number: r.ctx.order.number.clone(),
        created_at: r.ctx.order.created_at,
        facts,
        parcels,
        agent: r.resolution.agent,
        card: r.resolution.card,
        actions,
    }
}

/// `POST /agent/zendesk/actions` with `Authorization: Bearer <JWT>` and an `Idempotency-Key`:
/// `{"proposal": {...}, "approve": true}`. The agent acts for the customer who asked a person,
/// so no further yes is needed; an action the core marks `needs_approval` runs only with
/// `approve`. Eligibility, the key, the audit row and the internal note are the shopper path's.
pub async fn zendesk_action(
    State(state): State<AppState>,
    ZendeskAgent(claims): ZendeskAgent,
    headers: axum::http::HeaderMap,
    body: Result<Json<AgentRequest>, JsonRejection>,
) -> Result<axum::response::Response, AppError> {
    let Json(req) = body?;
    let agent = claims.sub.unwrap_or_else(|| "zendesk".to_owned());
    crate::http::actions::execute_by_agent(&state, &agent, &headers, req.proposal, req.approve)
        .await
}

/// What the sidebar sends to run an action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentRequest {
    pub proposal: wismo::resolve::Proposal,
    /// The agent approves an action above the policy's value limit.
    #[serde(default)]
    pub approve: bool,
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
    /// The situation in the sentences the shopper gets.
    pub sentence: String,
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
                sentence: r.resolution.reply.clone(),
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
