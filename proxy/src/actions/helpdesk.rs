//! The helpdesk (Gorgias, Zendesk) as the proxy sees it: somewhere to leave the team an internal
//! note about what was done for a shopper. Real clients come later; this one records notes.

use async_trait::async_trait;
use std::sync::Mutex;
use wismo::OrderNumber;

/// A helpdesk that takes internal notes on an order's ticket.
#[async_trait]
pub trait Helpdesk: Send + Sync + 'static {
    async fn internal_note(&self, order: &OrderNumber, note: &str) -> anyhow::Result<()>;
}

/// Keeps notes in memory: for tests, and to see in the demo what a helpdesk would be told.
#[derive(Debug, Default)]
pub struct RecordingHelpdesk {
    notes: Mutex<Vec<(OrderNumber, String)>>,
}

impl RecordingHelpdesk {
    /// The notes so far, oldest first.
    pub fn notes(&self) -> Vec<(OrderNumber, String)> {
        self.notes.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[async_trait]
impl Helpdesk for RecordingHelpdesk {
    async fn internal_note(&self, order: &OrderNumber, note: &str) -> anyhow::Result<()> {
        self.notes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((order.clone(), note.to_owned()));
        Ok(())
    }
}
