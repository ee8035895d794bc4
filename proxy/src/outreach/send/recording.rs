//! The demo's and tests' sender: takes every message and keeps it in memory, so the demo's
//! outbox page and tests see exactly what would have gone out.

use super::{Accepted, Outgoing, SendError, Sender};
use async_trait::async_trait;
use std::sync::Mutex;

/// Accepts everything, under ids `rec-1`, `rec-2`…
#[derive(Debug, Default)]
pub struct RecordingSender {
    sent: Mutex<Vec<Outgoing>>,
}

impl RecordingSender {
    /// Every message taken so far, oldest first.
    pub fn sent(&self) -> Vec<Outgoing> {
        self.sent.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[async_trait]
impl Sender for RecordingSender {
    fn name(&self) -> &'static str {
        "recording"
    }

    async fn send(&self, message: &Outgoing) -> Result<Accepted, SendError> {
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        sent.push(message.clone());
        Ok(Accepted {
            provider_id: Some(format!("rec-{}", sent.len())),
        })
    }
}
