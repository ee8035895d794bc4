//! A helpdesk that keeps notes in memory: for tests, and to see in a demo what a real helpdesk
//! would be told.

use super::{Delivered, Helpdesk, Note, NoteError};
use async_trait::async_trait;
use std::sync::Mutex;
use wismo::OrderNumber;

/// Keeps every note it is given, in delivery order.
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
    fn name(&self) -> &'static str {
        "recording"
    }

    async fn internal_note(&self, note: &Note) -> Result<Delivered, NoteError> {
        let mut notes = self.notes.lock().unwrap_or_else(|e| e.into_inner());
        notes.push((note.order.clone(), note.body.clone()));
        Ok(Delivered {
            ticket: Some(format!("recorded-{}", notes.len())),
            created: false,
        })
    }
}
