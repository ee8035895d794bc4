//! First-cut intent recogniser: weighted cue words with typo tolerance.
//!
//! This is the walking skeleton's recogniser; the learned model of the language-understanding
//! issue replaces it behind the same `classify_intent` signature.

use serde::{Deserialize, Serialize};

/// What the shopper wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    TrackOrder,
    DeliveryTime,
    ChangeAddress,
    CancelOrder,
    Refund,
    Return,
    NotReceived,
    DamagedItem,
    HumanAgent,
    Greeting,
    Thanks,
    Affirm,
    Deny,
    Other,
}

impl Intent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TrackOrder => "track_order",
            Self::DeliveryTime => "delivery_time",
            Self::ChangeAddress => "change_address",
            Self::CancelOrder => "cancel_order",
            Self::Refund => "refund",
            Self::Return => "return",
            Self::NotReceived => "not_received",
            Self::DamagedItem => "damaged_item",
            Self::HumanAgent => "human_agent",
            Self::Greeting => "greeting",
            Self::Thanks => "thanks",
            Self::Affirm => "affirm",
            Self::Deny => "deny",
            Self::Other => "other",
        }
    }
}

/// Cue words per intent with their weight. Multi-word cues match as phrases.
const CUES: &[(Intent, &[(&str, f32)])] = &[
    (
        Intent::TrackOrder,
        &[
            ("where", 1.0),
            ("track", 1.5),
            ("tracking", 1.5),
            ("status", 1.2),
            ("shipped", 1.2),
            ("arrive", 1.0),
            ("package", 0.8),
            ("parcel", 0.8),
            ("order", 0.6),
            ("still waiting", 1.5),
            ("left the warehouse", 1.5),
            ("leave the warehouse", 1.5),
            ("when will", 0.8),
            ("my stuff", 1.0),
            ("delivery", 0.5),
            ("update", 0.6),
            ("hasn't come", 1.0),
            ("not arrived", 1.0),
            ("yet", 0.4),
        ],
    ),
    (
        Intent::DeliveryTime,
        &[
            ("how long", 1.5),
            ("shipping take", 1.5),
            ("ship to", 1.5),
            ("delivery time", 1.5),
            ("do you ship", 2.0),
            ("shipping times", 1.5),
        ],
    ),
    (
        Intent::ChangeAddress,
        &[
            ("change address", 2.5),
            ("change my address", 2.5),
            ("wrong address", 2.5),
            ("shipping address", 1.5),
            ("address", 1.0),
            ("update address", 2.5),
        ],
    ),
    (
        Intent::CancelOrder,
        &[("cancel", 2.5), ("cancellation", 2.5)],
    ),
    (
        Intent::Refund,
        &[("refund", 2.5), ("money back", 2.5), ("reimburse", 2.0)],
    ),
    (
        Intent::Return,
        &[
            ("return", 2.0),
            ("send back", 2.0),
            ("send it back", 2.0),
            ("exchange", 1.5),
        ],
    ),
    (
        Intent::NotReceived,
        &[
            ("says delivered", 3.0),
            ("marked as delivered", 3.0),
            ("shows delivered", 3.0),
            ("never received", 2.5),
            ("didn't receive", 2.5),
            ("not received", 2.0),
            ("can't find", 1.5),
        ],
    ),
    (
        Intent::DamagedItem,
        &[
            ("damaged", 2.5),
            ("broken", 2.5),
            ("smashed", 2.5),
            ("defective", 2.0),
        ],
    ),
    (
        Intent::HumanAgent,
        &[
            ("human", 2.5),
            ("agent", 2.0),
            ("real person", 3.0),
            ("representative", 2.5),
            ("speak to someone", 3.0),
            ("talk to someone", 3.0),
            ("customer service", 1.5),
        ],
    ),
    (
        Intent::Greeting,
        &[
            ("hello", 1.0),
            ("hi", 1.0),
            ("hey", 1.0),
            ("good morning", 1.0),
        ],
    ),
    (
        Intent::Thanks,
        &[("thanks", 1.5), ("thank you", 1.5), ("cheers", 1.0)],
    ),
    (
        Intent::Affirm,
        &[
            ("yes", 1.5),
            ("yeah", 1.5),
            ("yes please", 2.0),
            ("sure", 1.0),
            ("ok", 0.8),
        ],
    ),
    (
        Intent::Deny,
        &[("no", 1.5), ("nope", 1.5), ("no thanks", 2.0)],
    ),
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('’', "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One edit (insert, delete, substitute, or swap of neighbours) apart.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        let swapped = prefix + 1 < la
            && a[prefix] == b[prefix + 1]
            && a[prefix + 1] == b[prefix]
            && a[prefix + 2..] == b[prefix + 2..];
        return swapped || a[prefix + 1..] == b[prefix + 1..];
    }
    let (long, short) = if la > lb { (&a, &b) } else { (&b, &a) };
    long[prefix + 1..] == short[prefix..]
}

fn word_matches(word: &str, cue: &str) -> bool {
    word == cue || (cue.len() >= 5 && word.len() >= 4 && within_one_edit(word, cue))
}

fn phrase_matches(ws: &[String], cue: &str) -> bool {
    let cue_words: Vec<&str> = cue.split(' ').collect();
    ws.windows(cue_words.len())
        .any(|win| win.iter().zip(&cue_words).all(|(w, c)| word_matches(w, c)))
}

/// The most likely intent and a confidence between 0 and 1.
pub fn classify_intent(text: &str) -> (Intent, f32) {
    let ws = words(text);
    if ws.is_empty() {
        return (Intent::Other, 1.0);
    }
    let negated = ws
        .iter()
        .any(|w| matches!(w.as_str(), "don't" | "dont" | "not" | "never"));
    let mut best = (Intent::Other, 0.0f32);
    let mut total = 0.0f32;
    for (intent, cues) in CUES {
        let mut score: f32 = cues
            .iter()
            .filter(|(c, _)| phrase_matches(&ws, c))
            .map(|(_, w)| w)
            .sum();
        // "I don't want to cancel, just tell me where it is" is not a cancellation.
        if negated
            && matches!(
                intent,
                Intent::CancelOrder | Intent::Refund | Intent::Return
            )
        {
            score *= 0.3;
        }
        // Conversational turns only count when the message is short.
        if matches!(
            intent,
            Intent::Greeting | Intent::Thanks | Intent::Affirm | Intent::Deny
        ) && ws.len() > 4
        {
            score *= 0.2;
        }
        total += score;
        if score > best.1 {
            best = (*intent, score);
        }
    }
    if best.1 < 1.0 {
        return (Intent::Other, 0.6);
    }
    // Confidence grows with evidence and with the margin over the rest.
    let share = best.1 / total.max(f32::EPSILON);
    let strength = 1.0 - (-best.1 / 1.5).exp();
    (best.0, (share * strength).clamp(0.05, 0.99))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_questions_in_many_phrasings() {
        for text in [
            "where is my order?",
            "where's my stuff",
            "wher is my oder",
            "did it leave the warehouse",
            "has my package shipped yet",
            "I don't want to cancel, just tell me where it is",
        ] {
            assert_eq!(classify_intent(text).0, Intent::TrackOrder, "{text}");
        }
    }

    #[test]
    fn out_of_scope_messages_are_other() {
        for text in [
            "what's the weather like",
            "I forgot my password",
            "do you have this in blue",
        ] {
            assert_eq!(classify_intent(text).0, Intent::Other, "{text}");
        }
    }

    #[test]
    fn typo_tolerance_is_one_edit() {
        assert!(within_one_edit("oder", "order"));
        assert!(within_one_edit("wehre", "where"));
        assert!(!within_one_edit("odr", "order"));
    }
}
