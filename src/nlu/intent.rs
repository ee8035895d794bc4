//! What the shopper wants, from the learned model in `intent_model.bin`.
//!
//! The model is trained by `cargo xtask train-intents` from `src/nlu/examples/*.tsv` (see
//! [`super::train`]); `tests/nlu_train.rs` fails when the committed weights drift from them.

use super::model::Model;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

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
    /// Every intent, in the order of their ids.
    pub const ALL: [Intent; 14] = [
        Self::TrackOrder,
        Self::DeliveryTime,
        Self::ChangeAddress,
        Self::CancelOrder,
        Self::Refund,
        Self::Return,
        Self::NotReceived,
        Self::DamagedItem,
        Self::HumanAgent,
        Self::Greeting,
        Self::Thanks,
        Self::Affirm,
        Self::Deny,
        Self::Other,
    ];

    /// The intents a shop acts on (everything but conversational turns and `other`).
    pub const IN_SCOPE: [Intent; 9] = [
        Self::TrackOrder,
        Self::DeliveryTime,
        Self::ChangeAddress,
        Self::CancelOrder,
        Self::Refund,
        Self::Return,
        Self::NotReceived,
        Self::DamagedItem,
        Self::HumanAgent,
    ];

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

    /// Reads the snake_case name written by [`Intent::as_str`].
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.as_str() == name)
    }

    /// A stable small number for the weights file.
    pub(crate) fn id(self) -> u8 {
        Self::ALL.iter().position(|&i| i == self).unwrap_or(13) as u8
    }

    pub(crate) fn from_id(id: u8) -> Option<Self> {
        Self::ALL.get(usize::from(id)).copied()
    }
}

/// Below this probability the top intent is not trusted and the message counts as `other`.
pub const OTHER_BELOW: f32 = 0.4;

static WEIGHTS: &[u8] = include_bytes!("intent_model.bin");

/// The committed model, parsed once. `None` only while the weights file is being regenerated.
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::from_bytes(WEIGHTS).ok())
        .as_ref()
}

/// Every intent with its calibrated probability, most likely first.
pub fn intent_scores(text: &str) -> Vec<(Intent, f32)> {
    let Some(m) = model() else {
        return vec![(Intent::Other, 1.0)];
    };
    let mut out: Vec<(Intent, f32)> = m
        .classes()
        .iter()
        .copied()
        .zip(m.probabilities(text))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// The most likely intent and its calibrated probability; an unsure guess becomes `other`
/// (keeping its low confidence, so the resolver asks or hands over).
pub fn classify_intent(text: &str) -> (Intent, f32) {
    if !text.chars().any(char::is_alphanumeric) {
        return (Intent::Other, 1.0);
    }
    let (intent, p) = intent_scores(text)[0];
    if p < OTHER_BELOW {
        return (Intent::Other, p);
    }
    (intent, p)
}
