//! What a shopper's answer to a notice means: STOP and START on any channel, and the numbered
//! replies a notice offered ("reply 2 for a refund"), which the conversation then continues from
//! whatever channel the answer arrives on.

use super::Notice;
use crate::carrier::Lang;
use crate::domain::{OrderNumber, Policy};
use crate::resolve::i18n::{self, Key};
use crate::resolve::Conversation;

/// A whole message that changes what the shopper is sent rather than asking something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    /// Send nothing more on this channel.
    Stop,
    /// Send again (after a STOP).
    Start,
}

/// Words that, as the whole message, opt out. "Cancel" is left out on purpose: to a shop's
/// assistant it more often means "cancel my order" than "stop texting me".
const STOP: &[&str] = &[
    "stop",
    "stopall",
    "unsubscribe",
    "end",
    "quit",
    "optout",
    "opt out",
    "baja",
    "darme de baja",
    "arret",
    "arrêt",
    "désabonner",
    "desabonner",
    "stopp",
    "abmelden",
];

const START: &[&str] = &["start", "unstop", "subscribe", "alta", "anmelden"];

/// Whether `text` as a whole is an opt-out or opt-in keyword, in any case and with any
/// punctuation around it ("STOP", "stop.", " Unsubscribe!"); a sentence that merely contains
/// the word ("don't stop the delivery") is not.
pub fn keyword(text: &str) -> Option<Keyword> {
    let cleaned: String = text
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if STOP.contains(&cleaned.as_str()) {
        Some(Keyword::Stop)
    } else if START.contains(&cleaned.as_str()) {
        Some(Keyword::Start)
    } else {
        None
    }
}

/// Sets the conversation up so the shopper's answer to `notice` about `order` is understood on
/// any channel: the order it is about, its language, and the offered replies in their numbered
/// order ("2" picks the second). A person who took the conversation over keeps it.
pub fn remember(conv: &mut Conversation, order: &OrderNumber, notice: &Notice) {
    if conv.order.as_ref() != Some(order) {
        conv.parcel = None;
        conv.told.clear();
    }
    conv.order = Some(order.clone());
    conv.lang = Some(notice.lang);
    conv.awaiting = None;
    conv.pending_question = None;
    let mut replies = notice.replies.clone();
    replies.sort_by_key(|r| r.number);
    conv.offered = replies.into_iter().map(|r| r.choice).collect();
}

/// The line before an e-mail's unsubscribe link, and the link's words.
pub fn unsubscribe_line(lang: Lang, policy: &Policy) -> (String, String) {
    let line = i18n::say(
        lang,
        policy.tone,
        Key::OutreachUnsubscribe,
        &[("brand", &policy.brand_name)],
    );
    (
        line,
        i18n::say(lang, policy.tone, Key::OutreachUnsubscribeLink, &[]),
    )
}

/// The answer to STOP.
pub fn stopped(lang: Lang, policy: &Policy) -> String {
    i18n::say(
        lang,
        policy.tone,
        Key::OutreachStopped,
        &[("brand", &policy.brand_name)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outreach::{Channel, ReplyOption, Trigger};
    use crate::resolve::Choice;
    use chrono::{TimeZone, Utc};

    #[test]
    fn only_a_whole_keyword_stops_or_starts() {
        for stop in [
            "STOP",
            "stop.",
            " Unsubscribe! ",
            "Stopp",
            "arrêt",
            "opt  out",
        ] {
            assert_eq!(keyword(stop), Some(Keyword::Stop), "{stop}");
        }
        for start in ["START", "unstop"] {
            assert_eq!(keyword(start), Some(Keyword::Start), "{start}");
        }
        for other in [
            "don't stop the delivery",
            "cancel",
            "where is my order",
            "2",
            "",
        ] {
            assert_eq!(keyword(other), None, "{other}");
        }
    }

    #[test]
    fn a_numbered_reply_continues_from_the_notice() {
        let notice = Notice {
            trigger: Trigger::Exception,
            key: "exception:damaged:1Z".into(),
            channel: Channel::Email,
            lang: Lang::Es,
            subject: String::new(),
            text: String::new(),
            replies: vec![
                ReplyOption {
                    number: 2,
                    choice: Choice::Refund,
                },
                ReplyOption {
                    number: 1,
                    choice: Choice::Reship,
                },
            ],
            send_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        };
        let mut conv = Conversation {
            parcel: Some("OTHER".into()),
            told: vec!["stalled".into()],
            ..Conversation::default()
        };
        let order = OrderNumber::parse("1001").unwrap();
        remember(&mut conv, &order, &notice);
        assert_eq!(conv.order, Some(order));
        assert_eq!(conv.lang, Some(Lang::Es));
        assert_eq!(conv.offered, vec![Choice::Reship, Choice::Refund]);
        assert_eq!(conv.parcel, None);
        assert!(conv.told.is_empty());
    }
}
