//! The conversation as the widget shows it: who said what, and the order card when there is one.

use crate::rating::Rating;
use wismo::OrderCard;

/// Who wrote a message; also its `data-role` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Assistant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Assistant => "assistant",
        }
    }
}

/// One message in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Stable key for the list; increases with every message.
    pub id: u32,
    pub role: Role,
    pub text: String,
    pub card: Option<OrderCard>,
    /// A placeholder shown while something is being fetched, removed when it arrives.
    pub progress: bool,
}

/// The messages so far, appended to and never reordered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Log {
    next_id: u32,
    pub messages: Vec<Message>,
    /// The one-tap rating, asked once per conversation.
    pub rating: Rating,
}

impl Log {
    /// Appends a message and returns its id.
    pub fn push(&mut self, role: Role, text: impl Into<String>, card: Option<OrderCard>) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        self.messages.push(Message {
            id,
            role,
            text: text.into(),
            card,
            progress: false,
        });
        id
    }

    /// Appends an assistant placeholder such as "Checking your order…" and returns its id.
    pub fn push_progress(&mut self, text: impl Into<String>) -> u32 {
        let id = self.push(Role::Assistant, text, None);
        if let Some(m) = self.messages.last_mut() {
            m.progress = true;
        }
        id
    }

    pub fn remove(&mut self, id: u32) {
        self.messages.retain(|m| m.id != id);
    }
}
