//! Telling the team what was done for a shopper: an internal note on the shopper's ticket in the
//! shop's helpdesk. An executed action writes its note to an outbox table (`outbox`); a background
//! worker (`worker`) hands each note to the configured helpdesk (`zendesk`, `gorgias`, or the
//! in-memory `recording` one), retrying while the helpdesk is away, so a note is delayed by an
//! outage or a crash but never lost.

mod api;
mod configured;
mod gorgias;
pub mod outbox;
mod recording;
pub(crate) mod reply;
pub mod worker;
mod zendesk;

pub use configured::{from_config, GORGIAS_API_KEY_ENV, ZENDESK_API_TOKEN_ENV};
pub use gorgias::GorgiasNotes;
pub use recording::RecordingHelpdesk;
pub use worker::{deliver_pending, spawn_worker, Pass};
pub use zendesk::ZendeskNotes;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;
use wismo::{Email, OrderNumber};

/// A note on its way to the helpdesk, as the outbox holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The outbox row: the same on every attempt to deliver this note.
    pub id: i64,
    pub order: OrderNumber,
    /// The shopper, whose ticket the note goes on.
    pub email: Email,
    /// Plain text, with whatever the shopper typed in it (an address): never HTML.
    pub body: String,
    /// The ticket to put it on, when known; otherwise the helpdesk finds or opens one.
    pub ticket: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Note {
    /// A key that names this note and no other, for helpdesks that deduplicate writes by one.
    pub fn key(&self) -> String {
        format!(
            "wismo-note-{}-{}",
            self.id,
            self.created_at.timestamp_micros()
        )
    }

    /// The subject of a ticket opened for the note.
    pub fn subject(&self) -> String {
        format!("Order {}: done by wismo", self.order)
    }
}

/// Where a delivered note went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    /// The helpdesk's id for the ticket the note is on, when it said.
    pub ticket: Option<String>,
    /// Whether the ticket was opened for this note (the shopper had none open).
    pub created: bool,
}

/// Why a helpdesk did not take a note.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// The helpdesk could not take it now (unreachable, overloaded, rate limited); it is tried
    /// again later, not before `retry_after` when the helpdesk named a time.
    #[error("{message}")]
    Transient {
        message: String,
        retry_after: Option<Duration>,
    },
    /// The helpdesk refused it (credentials, permissions, an unknown or invalid ticket): trying
    /// again cannot help, so the note is kept with this reason and not retried.
    #[error("{0}")]
    Permanent(String),
}

impl NoteError {
    pub fn transient(message: impl Into<String>) -> Self {
        Self::Transient {
            message: message.into(),
            retry_after: None,
        }
    }
}

/// A helpdesk that takes internal notes on a shopper's ticket.
#[async_trait]
pub trait Helpdesk: Send + Sync + 'static {
    /// `zendesk`, `gorgias`, `recording`: kept with each note it took.
    fn name(&self) -> &'static str;

    /// Puts `note` on the shopper's ticket as an internal note (one the shopper never sees),
    /// opening a ticket for it when the shopper has none open.
    async fn internal_note(&self, note: &Note) -> Result<Delivered, NoteError>;
}
