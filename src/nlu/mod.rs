//! Language understanding: what the shopper wants (intent) and what they told us (entities).

mod entities;
mod intent;

pub use entities::{extract, Entities};
pub use intent::{classify_intent, Intent};

use crate::carrier::Lang;
use serde::{Deserialize, Serialize};

/// Everything understood from one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub intent: Intent,
    /// 0 to 1; below [`Classification::CONFIDENT`] the resolver asks or hands over.
    pub confidence: f32,
    pub language: Lang,
    pub entities: Entities,
}

impl Classification {
    /// The confidence at or above which an intent is acted on without asking.
    pub const CONFIDENT: f32 = 0.5;
}

/// Classifies a message and extracts its entities.
pub fn classify(text: &str) -> Classification {
    let (intent, confidence) = classify_intent(text);
    Classification {
        intent,
        confidence,
        language: Lang::En,
        entities: extract(text),
    }
}
