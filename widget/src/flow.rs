//! The conversation's logic, free of the DOM: each message goes through the core's resolver in
//! the browser (no round trip to think); the proxy is asked only to verify and load an order.

use crate::api::Proof;
use chrono::{DateTime, Utc};
use wismo::resolve::{Conversation, Need};
use wismo::{resolve, OrderContext, OrderNumber, Policy, Resolution, Scenario};

/// The question answered when the shopper identifies an order without saying what they want.
pub const DEFAULT_QUESTION: &str = "where is my order";

/// What to do with a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Show this answer.
    Reply(Box<Resolution>),
    /// Verify the shopper and load the order, then answer `question` against it.
    Verify {
        number: OrderNumber,
        proof: Proof,
        question: String,
    },
}

/// Resolves `message` and returns what to do with the conversation after it. `loaded` is the
/// verified order, if any; `now` is only used while there is none (with one, the server's time
/// in the context is, so the widget and the proxy reason about the same instant).
pub fn next(
    conversation: &Conversation,
    message: &str,
    loaded: Option<&OrderContext>,
    policy: &Policy,
    now: DateTime<Utc>,
) -> (Step, Conversation) {
    let scenario = match loaded {
        Some(ctx) => Scenario::with_context(message, ctx.clone()),
        // Before an order loads, the brand's public policy answers (the default until it arrives).
        None => Scenario::anonymous(now, message, policy.clone()),
    }
    .continuing(conversation.clone());
    let resolution = resolve(&scenario);
    let conversation = resolution.conversation.clone();
    let proof = match (&conversation.given_email, &conversation.given_postcode) {
        (Some(e), _) => Some(Proof::Email(e.clone())),
        (None, Some(p)) => Some(Proof::Postcode(p.clone())),
        (None, None) => None,
    };
    match (
        resolution.need,
        conversation.given_order_number.clone(),
        proof,
    ) {
        (Some(Need::Verify), Some(number), Some(proof)) => {
            let question = conversation
                .pending_question
                .clone()
                .unwrap_or_else(|| DEFAULT_QUESTION.to_owned());
            (
                Step::Verify {
                    number,
                    proof,
                    question,
                },
                conversation,
            )
        }
        _ => (Step::Reply(Box::new(resolution)), conversation),
    }
}

/// Answers the question asked before verification, against the order that has just loaded.
pub fn answer(question: &str, ctx: OrderContext, conversation: &Conversation) -> Resolution {
    resolve(&Scenario::with_context(question, ctx).continuing(conversation.clone()))
}

/// Forgets the order number and e-mail after a failed verification, so the next attempt starts
/// afresh; the question stays, to be answered once a match is found.
pub fn forget_identity(conversation: &mut Conversation) {
    conversation.given_order_number = None;
    conversation.given_email = None;
    conversation.given_postcode = None;
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Plays messages through a fresh conversation with no order loaded and describes the last
    /// step: `say: <reply>` or `fetch <number> <email>: <question>`.
    fn last_step(messages: &[&str]) -> String {
        let now = DateTime::from_timestamp(1_763_564_400, 0).expect("a valid time");
        let mut conversation = Conversation::default();
        let mut last = None;
        for m in messages {
            let (step, after) = next(&conversation, m, None, &Policy::default(), now);
            conversation = after;
            last = Some(step);
        }
        match last.expect("at least one message") {
            Step::Reply(r) => format!("say: {}", r.reply),
            Step::Verify {
                number,
                proof,
                question,
            } => {
                let proof = match proof {
                    Proof::Email(e) => e.as_str().to_owned(),
                    Proof::Postcode(p) => p.as_str().to_owned(),
                };
                format!("fetch {} {proof}: {question}", number.as_str())
            }
        }
    }

    #[wasm_bindgen_test]
    fn asking_where_an_order_is_asks_who_you_are() {
        let step = last_step(&["where is my order"]);
        assert!(step.starts_with("say: "), "{step}");
        assert!(step.contains("order number"), "{step}");
    }

    #[wasm_bindgen_test]
    fn number_and_email_after_a_question_fetch_and_answer_that_question() {
        assert_eq!(
            last_step(&["has my order shipped?", "#1004 marco@example.com"]),
            "fetch 1004 marco@example.com: has my order shipped?"
        );
    }

    #[wasm_bindgen_test]
    fn number_and_email_in_one_message_are_verified_at_once() {
        // Which question is then answered (the message itself or DEFAULT_QUESTION) depends on how
        // the core's intent model reads a bare number and address; both get the order's status.
        let step = last_step(&["1004, marco@example.com"]);
        assert!(step.starts_with("fetch 1004 marco@example.com: "), "{step}");
    }

    #[wasm_bindgen_test]
    fn a_postcode_proves_the_order_like_an_email() {
        assert_eq!(
            last_step(&["where is my order", "#1004, zip code 43215"]),
            "fetch 1004 43215: where is my order"
        );
    }

    #[wasm_bindgen_test]
    fn an_order_number_alone_asks_for_the_email() {
        let step = last_step(&["where is my order", "#1004"]);
        assert!(
            step.contains("e-mail address you used for order #1004 (or the postcode it ships to)?"),
            "{step}"
        );
    }

    #[wasm_bindgen_test]
    fn an_email_alone_asks_for_the_order_number() {
        let step = last_step(&["where is my order", "marco@example.com"]);
        assert!(step.contains("What's the order number?"), "{step}");
    }

    #[wasm_bindgen_test]
    fn halves_given_in_two_messages_are_put_together() {
        assert_eq!(
            last_step(&["where is my order", "marco@example.com", "it's 1004"]),
            "fetch 1004 marco@example.com: where is my order"
        );
    }
}
