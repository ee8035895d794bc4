//! `POST /api/v1/actions`: execute one of the resolver's proposals for the verified shopper's
//! order. The proxy decides for itself whether it may (the proposal must be executable, and the
//! stored order and the policy must allow it), runs it at most once per `Idempotency-Key`, and
//! writes an audit row for every attempt. A done action queues an internal note for the helpdesk.

use super::shopper::Shopper;
use crate::actions::ledger::{self, AuditEntry, Reservation};
use crate::actions::{self, ActionError, Refusal};
use crate::error::AppError;
use crate::helpdesk::outbox;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use sha2::{Digest, Sha256};
use wismo::resolve::{Action, Proposal};
use wismo::OrderNumber;

/// The answer to an executed action.
#[derive(Debug, Serialize)]
pub struct Executed {
    pub status: &'static str,
    pub action: &'static str,
    pub order_number: OrderNumber,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, AppError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::BadRequest(
            "an Idempotency-Key header of 1 to 255 visible ASCII characters is required".into(),
        ));
    }
    Ok(key.to_owned())
}

/// The order an action names (a handoff names none: it is about the shopper's order).
fn named_order(action: &Action) -> Option<&OrderNumber> {
    match action {
        Action::ChangeAddress { order, .. }
        | Action::Cancel { order }
        | Action::Reship { order, .. }
        | Action::Refund { order, .. }
        | Action::OpenClaim { order, .. }
        | Action::ScheduleFollowUp { order, .. }
        | Action::CarrierRedirect { order, .. }
        | Action::Flag { order, .. } => Some(order),
        Action::Handoff { .. } => None,
    }
}

fn refused(r: &Refusal) -> AppError {
    AppError::Refused {
        code: r.code(),
        message: r.to_string(),
    }
}

pub async fn execute(
    State(state): State<AppState>,
    shopper: Shopper,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let entry = AuditEntry {
        at: state.clock.now(),
        actor: shopper.actor(),
        order_number: Some(shopper.0.as_str().to_owned()),
        action: "unknown".into(),
        detail: String::from_utf8_lossy(&body).chars().take(2000).collect(),
        idempotency_key: None,
        result: String::new(),
        message: String::new(),
    };
    let parsed = idempotency_key(&headers).and_then(|key| {
        let value: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|e| AppError::BadRequest(format!("the body is not JSON: {e}")))?;
        let proposal: Proposal = serde_json::from_value(value)
            .map_err(|e| AppError::BadRequest(format!("the body is not a proposal: {e}")))?;
        // The proposal as the core writes it: field order, spacing and `#1001` versus `1001`
        // do not make two requests different.
        let canonical = serde_json::to_string(&proposal).map_err(anyhow::Error::from)?;
        Ok((key, canonical, proposal))
    });
    let (key, canonical, proposal) = match parsed {
        Ok(p) => p,
        Err(e) => return finish(&state, entry, Err(e)).await,
    };
    run(&state, &shopper, entry, key, canonical, &proposal, false).await
}

/// The same action, an address change's typed address aside (the agent types it).
fn same_action(offered: &Action, asked: &Action) -> bool {
    match (offered, asked) {
        (
            Action::ChangeAddress { order: a, .. },
            Action::ChangeAddress {
                order: b,
                new_address,
            },
        ) => a == b && !new_address.trim().is_empty(),
        _ => offered == asked,
    }
}

/// Executes a proposal for a helpdesk agent (the Zendesk sidebar): the agent acts on the
/// customer's request, so no further yes is needed, and approves what is above the policy's
/// value limit by sending `approve`. The key, eligibility, audit row (actor `agent:<who>`) and
/// internal note are the shopper path's; the order is the one the proposal names.
pub(crate) async fn execute_by_agent(
    state: &AppState,
    agent: &str,
    headers: &HeaderMap,
    mut proposal: Proposal,
    approve: bool,
) -> Result<Response, AppError> {
    let key = idempotency_key(headers)?;
    let order = named_order(&proposal.action)
        .cloned()
        .ok_or_else(|| AppError::BadRequest("the proposal must name an order".into()))?;
    let canonical = serde_json::to_string(&proposal).map_err(anyhow::Error::from)?;
    let who: String = agent
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect();
    let entry = AuditEntry {
        at: state.clock.now(),
        actor: format!("agent:{who} via zendesk"),
        order_number: Some(order.as_str().to_owned()),
        action: proposal.action.kind().to_owned(),
        detail: canonical.clone(),
        idempotency_key: Some(key.clone()),
        result: String::new(),
        message: String::new(),
    };
    // Only what the sidebar offered for this order, as the core offers it now: a client cannot
    // build its own proposal (another amount, another parcel) or its own approval rule.
    let ctx = super::order_context(state, &order)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let offered = wismo::resolve::agent_actions(&ctx)
        .into_iter()
        .find(|a| same_action(&a.proposal.action, &proposal.action));
    let Some(offered) = offered else {
        let e = AppError::Refused {
            code: "not_offered",
            message: "this action is not one the policy offers for this order now".into(),
        };
        return finish(state, entry, Err(e)).await;
    };
    proposal.needs_approval = offered.proposal.needs_approval;
    if proposal.needs_approval && !approve {
        let e = AppError::Refused {
            code: "needs_approval",
            message: "this action is above the policy's limit: approve it to run it".into(),
        };
        return finish(state, entry, Err(e)).await;
    }
    proposal.needs_confirmation = false;
    proposal.needs_approval = false;
    let shopper = Shopper(order);
    run(state, &shopper, entry, key, canonical, &proposal, approve).await
}

/// Executes a proposal on the verified shopper's behalf from another channel (an SMS, WhatsApp
/// or e-mail answer that confirmed it), exactly as `POST /api/v1/actions` would: eligibility,
/// the idempotency key (`key`, derived from the inbound message so a redelivery runs nothing
/// twice), the audit row (its actor names the channel) and the helpdesk note.
pub(crate) async fn execute_for(
    state: &AppState,
    shopper: &Shopper,
    channel: &str,
    key: String,
    proposal: &Proposal,
) -> Result<Response, AppError> {
    let canonical = serde_json::to_string(proposal).map_err(anyhow::Error::from)?;
    let entry = AuditEntry {
        at: state.clock.now(),
        actor: format!("{} via {channel}", shopper.actor()),
        order_number: Some(shopper.0.as_str().to_owned()),
        action: proposal.action.kind().to_owned(),
        detail: canonical.clone(),
        idempotency_key: Some(key.clone()),
        result: String::new(),
        message: String::new(),
    };
    run(state, shopper, entry, key, canonical, proposal, false).await
}

/// Everything after the request is read: the order check, the key, the execution, the audit.
async fn run(
    state: &AppState,
    shopper: &Shopper,
    mut entry: AuditEntry,
    key: String,
    canonical: String,
    proposal: &Proposal,
    approved: bool,
) -> Result<Response, AppError> {
    entry.idempotency_key = Some(key.clone());
    entry.action = proposal.action.kind().to_owned();
    entry.detail.clone_from(&canonical);
    if named_order(&proposal.action).is_some_and(|o| *o != shopper.0) {
        // Another shopper's order: the same answer as an order that does not exist.
        return finish(state, entry, Err(AppError::Unauthorized)).await;
    }

    // Keys are per order; the hash covers the canonical proposal.
    let hash = hex::encode(Sha256::digest(canonical.as_bytes()));
    let scope = format!("order:{}", shopper.0.as_str());
    match ledger::reserve(&state.db, &scope, &key, &hash, state.wall.now()).await? {
        Reservation::New => {}
        Reservation::Replay { status, body } => {
            entry.result = "replayed".into();
            entry.message = format!("answered {status} again");
            ledger::audit(&state.db, &entry).await?;
            let status = StatusCode::from_u16(status).map_err(anyhow::Error::from)?;
            let mut res = (
                status,
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response();
            res.headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            return Ok(res);
        }
        Reservation::Conflict => {
            let e = AppError::Conflict {
                code: "idempotency_key_reused",
                message: "this Idempotency-Key was already used for a different request".into(),
            };
            return finish(state, entry, Err(e)).await;
        }
        Reservation::InProgress { retry_after } => {
            let e = AppError::Conflict {
                code: "idempotency_key_in_progress",
                message: "a request with this Idempotency-Key is still being executed".into(),
            };
            let mut res = finish(state, entry, Err(e)).await.into_response();
            let seconds = retry_after.num_seconds().max(1).to_string();
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                HeaderValue::from_str(&seconds).map_err(anyhow::Error::from)?,
            );
            return Ok(res);
        }
    }

    let outcome = perform(state, shopper, proposal, approved).await;
    if !matches!(outcome, Err(AppError::Internal(_))) {
        let via = |c: &str| entry.actor.ends_with(&format!(" via {c}"));
        let channel = if via("email") {
            wismo::outcomes::Channel::Email
        } else if via("sms") {
            wismo::outcomes::Channel::Sms
        } else if via("whatsapp") {
            wismo::outcomes::Channel::Whatsapp
        } else {
            wismo::outcomes::Channel::Chat
        };
        let event = wismo::outcomes::Event {
            at: state.clock.now(),
            order: Some(shopper.0.as_str().to_owned()),
            shopper: String::new(),
            channel,
            what: wismo::outcomes::What::Action {
                action: proposal.action.kind().to_owned(),
                ok: outcome.is_ok(),
            },
        };
        crate::outcomes::record_or_log(&state.db, &state.shop, &[event]).await;
    }
    match &outcome {
        Err(AppError::Internal(_)) => ledger::release(&state.db, &scope, &key).await?,
        Ok(done) => {
            let body = serde_json::to_string(done).map_err(anyhow::Error::from)?;
            ledger::complete(&state.db, &scope, &key, 200, &body).await?;
        }
        Err(e) => {
            ledger::complete(
                &state.db,
                &scope,
                &key,
                e.status().as_u16(),
                &e.body().to_string(),
            )
            .await?;
        }
    }
    finish(state, entry, outcome).await
}

/// Checks and executes an accepted proposal.
async fn perform(
    state: &AppState,
    shopper: &Shopper,
    proposal: &Proposal,
    approved: bool,
) -> Result<Executed, AppError> {
    let order = state
        .orders
        .order(&shopper.0)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if approved {
        actions::check_approved(proposal, &order, &state.policy)
    } else {
        actions::check(proposal, &order, &state.policy)
    }
    .map_err(|r| refused(&r))?;
    // Bounded well inside the key's lease, so a request still waiting always holds its key.
    let limit = state.action_timeout.min(ledger::EXECUTION_LIMIT);
    let executed = tokio::time::timeout(limit, state.actions.execute(&order, &proposal.action))
        .await
        .map_err(|_| anyhow::anyhow!("the shop did not answer within {limit:?}"))?;
    let outcome = match executed {
        Ok(o) => o,
        Err(ActionError::Rejected(why)) => return Err(refused(&Refusal::RejectedByShop(why))),
        Err(ActionError::Failed(e)) => return Err(AppError::Internal(e)),
    };
    if state.helpdesk.is_some() {
        let note = format!("wismo: {} ({})", outcome.detail, proposal.action.kind());
        let now = state.wall.now();
        let email = &order.customer.email;
        match outbox::enqueue(&state.db, &order.number, email, &note, None, now).await {
            Ok(_) => state.note_jobs.notify_one(),
            // The action is done; a note that cannot be queued must not turn it into an error
            // or a retry. The audit log still has the action.
            Err(e) => {
                tracing::error!(error = ?e, order = %order.number, "helpdesk note not queued")
            }
        }
    }
    Ok(Executed {
        status: "done",
        action: proposal.action.kind(),
        order_number: order.number.clone(),
        detail: outcome.detail,
        reference: outcome.reference,
    })
}

/// Writes the audit row for an attempt and turns its result into the response.
async fn finish(
    state: &AppState,
    mut entry: AuditEntry,
    outcome: Result<Executed, AppError>,
) -> Result<Response, AppError> {
    match &outcome {
        Ok(done) => {
            entry.result = "done".into();
            entry.message.clone_from(&done.detail);
        }
        Err(AppError::Internal(e)) => {
            entry.result = "error".into();
            entry.message = format!("{e:#}");
        }
        Err(e) => {
            entry.result = e.code().into();
            entry.message = e.to_string();
        }
    }
    ledger::audit(&state.db, &entry).await?;
    outcome.map(|done| Json(done).into_response())
}
