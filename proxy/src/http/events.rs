//! `POST /api/v1/events`: what happened in the widget's chat, which answers in the browser so
//! only it knows: the contact, the answer, a hand-over, the shopper's yes, a one-tap rating.
//! Only about the session's own order, only in the core's words (`What::from_browser_ok`),
//! at most [`MAX_PER_REQUEST`] at a time and [`MAX_PER_HOUR`] per order within any two hours
//! (an event may be dated up to an hour back, so the count looks two hours back), so a shopper
//! can neither write about another order nor flood the numbers.

use super::shopper::Shopper;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Duration;
use serde::{Deserialize, Serialize};
use wismo::outcomes::{Channel, Event, What};

/// The most events one request may carry.
pub const MAX_PER_REQUEST: usize = 20;
/// The most events the browser may report about one order in an hour.
pub const MAX_PER_HOUR: i64 = 120;
/// How far back an event may be dated (`ago_ms`): a chat's first messages before the shopper
/// was verified.
const MAX_AGO_MS: u64 = 60 * 60 * 1000;

/// One event as the widget reports it: what happened and how long ago.
#[derive(Debug, Deserialize)]
pub struct BrowserEvent {
    #[serde(flatten)]
    pub what: What,
    /// Milliseconds before this request (at most an hour); 0 when omitted.
    #[serde(default)]
    pub ago_ms: u64,
}

/// `{"surface": "chat", "events": [{"kind": "contact", "intent": "track_order", "ago_ms": 900}, …]}`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsRequest {
    /// `chat` (the widget, the default) or `page` (the tracking page's wasm).
    #[serde(default)]
    pub surface: Option<String>,
    pub events: Vec<BrowserEvent>,
}

#[derive(Debug, Serialize)]
pub struct EventsRecorded {
    pub recorded: usize,
}

pub async fn post(
    State(state): State<AppState>,
    shopper: Shopper,
    body: Result<Json<EventsRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<EventsRecorded>), AppError> {
    let Json(req) = body?;
    let channel = match req.surface.as_deref() {
        None | Some("chat") => Channel::Chat,
        Some("page") => Channel::Page,
        Some(_) => return Err(AppError::BadRequest("surface must be chat or page".into())),
    };
    if req.events.is_empty() || req.events.len() > MAX_PER_REQUEST {
        return Err(AppError::BadRequest(format!(
            "send 1 to {MAX_PER_REQUEST} events"
        )));
    }
    if let Some(bad) = req.events.iter().position(|e| !e.what.from_browser_ok()) {
        return Err(AppError::BadRequest(format!(
            "event {bad} is not one a browser may report (contact, answer, handover, \
             confirmed or rating, in the core's words)"
        )));
    }
    if req.events.iter().any(|e| e.ago_ms > MAX_AGO_MS) {
        return Err(AppError::BadRequest("ago_ms is at most an hour".into()));
    }
    let now = state.clock.now();
    let order = shopper.0.as_str();
    let recent = crate::outcomes::recent_browser_events(
        &state.db,
        &state.shop,
        order,
        now - Duration::hours(2),
    )
    .await?;
    if recent + req.events.len() as i64 > MAX_PER_HOUR {
        return Err(AppError::RateLimited);
    }
    let events: Vec<Event> = req
        .events
        .into_iter()
        .map(|e| Event {
            at: now - Duration::milliseconds(i64::try_from(e.ago_ms).unwrap_or(0)),
            order: Some(order.to_owned()),
            shopper: String::new(),
            channel,
            what: e.what,
        })
        .collect();
    crate::outcomes::record(&state.db, &state.shop, &events).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(EventsRecorded {
            recorded: events.len(),
        }),
    ))
}
