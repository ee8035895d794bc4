//! Resolution: from a message, an order, its parcels, the policy, the conversation so far and
//! `now`, decide what is true and what to do. Pure and deterministic, so every channel gives the
//! same answer.

mod action;
mod agent;
mod card;
mod conversation;
pub(crate) mod deadline;
mod flow;
#[cfg(test)]
mod formal;
pub(crate) mod i18n;
pub(crate) mod situation;
pub(crate) mod text;

pub use action::{Action, Choice, Proposal};
pub use agent::{AgentAction, AgentView};
pub(crate) use card::eta_text;
pub use card::{OrderCard, ParcelCard, TimelineEntry};
pub use conversation::{Awaiting, Conversation};
pub use deadline::{DeadlineAnswer, Verdict};
pub use flow::agent_actions;
pub(crate) use flow::page as flow_page;
pub use situation::{Eta, EtaSource, Fact, Situation, Source};

use crate::context::Scenario;
use crate::domain::Product;
use crate::nlu::Classification;
use serde::{Deserialize, Serialize};

/// The situation of one parcel of the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParcelSituation {
    pub tracking_number: String,
    pub situation: Situation,
    /// The carrier data is older than the policy trusts.
    pub stale: bool,
}

/// What the resolver needs before it can answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// The shopper must identify the order: order number and e-mail.
    Identity,
    /// The shopper gave an order number and an e-mail (in `conversation`): verify them, load the
    /// order and resolve `conversation.pending_question` against it.
    Verify,
}

/// Handing the conversation to a person, with what they need to pick it up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    pub reason: String,
    pub summary: String,
}

/// What to show after the answer: products when all is well, an apology when it is not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Upsell {
    Products {
        intro: String,
        products: Vec<Product>,
    },
    Apology {
        text: String,
        goodwill_code: Option<String>,
    },
}

/// The answer to one message: what is true, on what evidence, what to say and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    pub classification: Classification,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need: Option<Need>,
    /// The order's overall situation: the worst of its parcels, or the warehouse's state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub situation: Option<Situation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parcels: Vec<ParcelSituation>,
    pub facts: Vec<Fact>,
    pub reply: String,
    /// Choices offered to the shopper in the reply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<Choice>,
    /// Actions for the proxy; only those with `is_executable()` may run now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handoff: Option<Handoff>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<OrderCard>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<AgentView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upsell: Option<Upsell>,
    /// The conversation after this turn: pass it back with the next message.
    pub conversation: Conversation,
}

/// A choice as the shopper reads it in `lang` ("a refund", "un reembolso"); sending the label
/// back as a message picks that choice, so it can label a quick-reply button. Labels carry no
/// register, so they are the same in the friendly and the formal tone.
pub fn choice_label(lang: crate::carrier::Lang, choice: Choice) -> &'static str {
    i18n::choice(lang, choice)
}

/// What a chat surface says on its own while it talks to the proxy, in the shopper's language
/// and the brand's tone (the resolver writes every other sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiText<'a> {
    /// The first message: what the assistant can do.
    Welcome,
    /// While an order is being fetched.
    Checking,
    /// The order number and e-mail did not match an order (or the order does not exist).
    VerifyFailed,
    /// Verification is rate limited for now.
    TooManyAttempts,
    /// The proxy could not be reached; the shopper's text was kept.
    Offline,
    /// An agreed action failed for a reason that may pass.
    ActionFailed,
    /// The shop refused an agreed action; `why` is its reason.
    ActionRefused { why: &'a str },
    /// The proxy failed unexpectedly.
    Broken,
    /// A signed-in shopper has several orders on their way: which one? `choices` are
    /// [`order_choice`]s joined with [`or_list`].
    WhichOrder { choices: &'a str },
}

/// How to tell one of the shopper's orders from the others: "the Trail Boots ordered Monday
/// 16 November", by its first item and the day it was placed in the brand's time zone.
pub fn order_choice(
    lang: crate::carrier::Lang,
    tone: crate::domain::Tone,
    first_item: &str,
    placed: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    tz: crate::Zone,
) -> String {
    let today = now.with_timezone(&tz).date_naive();
    let date = i18n::date(lang, placed.with_timezone(&tz).date_naive(), today);
    i18n::say(
        lang,
        tone,
        i18n::Key::OrderedOn,
        &[("item", first_item), ("date", &date)],
    )
}

/// "3 hours ago", "hace 3 horas", "il y a 3 heures", "vor 3 Stunden".
pub fn ago(
    lang: crate::carrier::Lang,
    then: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    i18n::ago(lang, then, now)
}

/// Choices joined with the language's "or": "a, b or c".
pub fn or_list(lang: crate::carrier::Lang, items: &[String]) -> String {
    i18n::or_list(lang, items)
}

/// The sentence for `text` in `lang` and `tone`.
pub fn ui_text(lang: crate::carrier::Lang, tone: crate::domain::Tone, text: &UiText) -> String {
    use i18n::Key;
    let (key, slots): (Key, Vec<(&str, &str)>) = match text {
        UiText::Welcome => (Key::Welcome, vec![]),
        UiText::Checking => (Key::Checking, vec![]),
        UiText::VerifyFailed => (Key::VerifyFailed, vec![]),
        UiText::TooManyAttempts => (Key::TooManyAttempts, vec![]),
        UiText::Offline => (Key::Offline, vec![]),
        UiText::ActionFailed => (Key::ActionFailed, vec![]),
        UiText::ActionRefused { why } => (Key::ActionRefused, vec![("why", why)]),
        UiText::Broken => (Key::Broken, vec![]),
        UiText::WhichOrder { choices } => (Key::WhichOrder, vec![("choices", choices)]),
    };
    i18n::say(lang, tone, key, &slots)
}

/// Resolves one message. Without an order it gathers the shopper's identity when the message is
/// about an order, and says what it can help with otherwise.
pub fn resolve(s: &Scenario) -> Resolution {
    flow::run(s)
}

#[cfg(test)]
mod ui_tests {
    use super::{ui_text, UiText};
    use crate::carrier::Lang;
    use crate::domain::Tone;

    #[test]
    fn the_widgets_own_sentences_exist_in_every_language_and_tone() {
        let all = [
            UiText::Welcome,
            UiText::Checking,
            UiText::VerifyFailed,
            UiText::TooManyAttempts,
            UiText::Offline,
            UiText::ActionFailed,
            UiText::ActionRefused { why: "<b>why</b>" },
            UiText::Broken,
        ];
        for text in &all {
            let english = ui_text(Lang::En, Tone::Friendly, text);
            for lang in Lang::ALL {
                for tone in [Tone::Friendly, Tone::Formal] {
                    let said = ui_text(lang, tone, text);
                    assert!(!said.contains('{'), "{text:?} {lang:?} {tone:?}: {said}");
                    if lang != Lang::En {
                        assert_ne!(said, english, "{text:?} is untranslated in {lang:?}");
                    }
                }
            }
        }
        // The shop's reason is passed through as it is; the widget renders it as text.
        assert!(ui_text(
            Lang::Es,
            Tone::Formal,
            &UiText::ActionRefused { why: "<b>why</b>" }
        )
        .ends_with("<b>why</b>"));
    }
}
