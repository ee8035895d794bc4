//! Language understanding: what the shopper wants (intent) and what they told us (entities).

mod address;
mod entities;
pub mod eval;
mod features;
mod intent;
mod lang;
pub mod model;
mod text;
pub mod train;
mod when;

pub use address::StreetAddress;
pub use entities::{extract, extract_at, Entities, FoundPostcode, Phone, Place, Urgency};
pub use intent::{classify_intent, intent_scores, Intent, OTHER_BELOW};
pub use lang::detect as detect_language;
pub use when::{DateMention, Relation};

use crate::carrier::Lang;
use crate::Zone as Tz;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything understood from one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub intent: Intent,
    /// Calibrated probability, 0 to 1; below [`Classification::CONFIDENT`] the resolver asks or
    /// hands over.
    pub confidence: f32,
    /// The language to answer in: the detected one, else English.
    pub language: Lang,
    /// False when the message is in none of the four languages (or too short to tell).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub language_known: bool,
    pub entities: Entities,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Classification {
    /// The confidence at or above which an intent is acted on without asking.
    pub const CONFIDENT: f32 = 0.5;
}

/// In a language we do not serve, only an intent the model is this sure of is kept.
const FOREIGN_CONFIDENT: f32 = 0.9;

/// Classifies a message and extracts its entities (without dates, which need a clock).
pub fn classify(text: &str) -> Classification {
    classify_with(text, extract(text))
}

/// Classifies a message and extracts its entities, resolving dates ("by Friday", "next week")
/// against `now` in the shopper's time zone.
pub fn classify_at(text: &str, now: DateTime<Utc>, tz: Tz) -> Classification {
    classify_with(text, extract_at(text, now, tz))
}

fn classify_with(text: &str, entities: Entities) -> Classification {
    let (intent, confidence) = classify_intent(text);
    let detected = lang::detect(text);
    let words = text::words(&text::fold(text))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let (intent, confidence) = if detected.is_none() && words >= 3 && confidence < FOREIGN_CONFIDENT
    {
        (Intent::Other, confidence)
    } else {
        (intent, confidence)
    };
    Classification {
        intent,
        confidence,
        language: detected.unwrap_or_default(),
        language_known: detected.is_some(),
        entities,
    }
}
