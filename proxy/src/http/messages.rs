//! `POST /api/v1/messages`: one message from the verified shopper, answered by the core exactly
//! as the widget would, continuing the shopper's stored conversation whatever channel it was
//! started on, and storing it again for the next message.

use super::orders::order_context;
use super::shopper::Shopper;
use crate::conversations::{Channel, ConversationStore, Direction, Message, PutError};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use wismo::{Resolution, Scenario};

/// The longest message accepted, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// `{"message": "where is my parcel?", "channel": "chat"}`; the channel defaults to chat.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    pub message: String,
    #[serde(default = "chat")]
    pub channel: Channel,
}

fn chat() -> Channel {
    Channel::Chat
}

pub async fn post(
    State(state): State<AppState>,
    shopper: Shopper,
    body: Result<Json<MessageRequest>, JsonRejection>,
) -> Result<Json<Resolution>, AppError> {
    let received = state.clock.now();
    let Json(req) = body?;
    let text = req.message.trim();
    if text.is_empty() || text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(AppError::BadRequest(format!(
            "message must be 1 to {MAX_MESSAGE_CHARS} characters"
        )));
    }
    let ctx = order_context(&state, &shopper.0)
        .await?
        .ok_or(AppError::Unauthorized)?;
    // Whatever channel the caller names for the conversation, this API is a chat for the
    // numbers: it answers over HTTP, and the channels that cost money record their own turns.
    converse(
        &state,
        ctx,
        text,
        req.channel,
        wismo::outcomes::Channel::Chat,
        received,
    )
    .await
    .map(Json)
}

/// Answers `text` about the verified order in `ctx`, continuing the shopper's stored
/// conversation on any channel, and stores the turn. A message answered at the same time in the
/// same conversation is a `conflict`, to send again. The turn's outcome events (contact,
/// answer, hand-over, confirmation) are stored with it, as happening on `surface`, the contact
/// at `received` (when the request came in, before the order was read).
pub(crate) async fn converse(
    state: &AppState,
    ctx: wismo::OrderContext,
    text: &str,
    channel: Channel,
    surface: wismo::outcomes::Channel,
    received: chrono::DateTime<chrono::Utc>,
) -> Result<Resolution, AppError> {
    let email = ctx.order.customer.email.clone();
    let store = ConversationStore::new(state.db.clone(), state.shop.as_ref());
    let stored = store.get(&email).await?;
    let read_version = stored.as_ref().map(|s| s.version);
    let conversation = stored.map(|s| s.conversation).unwrap_or_default();
    let now = ctx.now;
    let order = ctx.order.number.as_str().to_owned();
    let (resolution, cpu_us) = crate::outcomes::cpu::measured(|| {
        wismo::resolve(&Scenario::with_context(text, ctx).continuing(conversation))
    });
    let events = wismo::outcomes::Event::of_turn(
        (received.min(now), now.max(state.clock.now())),
        Some(&order),
        email.as_str(),
        surface,
        &resolution,
        cpu_us,
    );
    let turn = [
        Message {
            at: now,
            channel,
            direction: Direction::In,
            text: text.to_owned(),
        },
        Message {
            at: now,
            channel,
            direction: Direction::Out,
            text: resolution.reply.clone(),
        },
    ];
    let mut tx = state.db.begin().await?;
    match store
        .put_on(
            &mut tx,
            &email,
            &resolution.conversation,
            read_version,
            &turn,
        )
        .await
    {
        Ok(_) => {
            crate::outcomes::record_on(&mut tx, &state.shop, &events).await?;
            tx.commit().await.map_err(|e| {
                AppError::Internal(anyhow::Error::new(e).context("committing a turn"))
            })?;
            Ok(resolution)
        }
        Err(PutError::Conflict) => Err(AppError::Conflict {
            code: "conversation_changed",
            message:
                "another message in this conversation was answered at the same time; send it again"
                    .into(),
        }),
        Err(PutError::Storage(e)) => Err(AppError::Internal(e)),
    }
}
