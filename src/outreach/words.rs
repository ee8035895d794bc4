//! A notice's words: an opening naming the brand and the order, the situation in the same
//! sentences the assistant answers with (the shopper's language, the brand's tone, no carrier
//! jargon), what the shopper may reply, and how to stop messages on SMS and WhatsApp.

use super::{Channel, Notice, ReplyOption, Trigger, Watch};
use crate::carrier::Lang;
use crate::domain::Shipment;
use crate::resolve::i18n::{self, Key};
use crate::resolve::situation::{self, Situation};
use crate::resolve::text::situation_sentence;
use crate::resolve::Choice;
use chrono::{DateTime, Utc};

fn lang(w: &Watch<'_>) -> Lang {
    Lang::from_locale(&w.order.customer.locale)
}

fn carrier_of(s: Option<&Shipment>) -> &str {
    s.map_or("", |s| s.carrier.display_name())
}

/// The situation of a parcel (or, with `None`, of the order before it shipped) as the
/// assistant would say it.
pub fn situation(w: &Watch<'_>, s: Option<&Shipment>) -> String {
    let mut facts = Vec::new();
    let sit = match s {
        Some(s) => situation::parcel(s, &w.order.shipping_service, w.policy, w.now, &mut facts),
        None => situation::unshipped(w.order, w.policy, w.now, &mut facts),
    };
    sentence(w, &sit, s)
}

/// A parcel with no scan since `last`, said as stalled whatever the raw hour count.
pub fn stalled(w: &Watch<'_>, s: &Shipment, last: DateTime<Utc>) -> String {
    let sit = Situation::Stalled {
        last_scan: last,
        hours: (w.now - last).num_hours(),
    };
    sentence(w, &sit, Some(s))
}

/// The check-back the delivered-not-found conversation promised.
pub fn follow_up(w: &Watch<'_>, s: &Shipment) -> String {
    i18n::say(
        lang(w),
        w.policy.tone,
        Key::OutreachFollowUp,
        &[
            ("order", &w.order.display_name()),
            ("carrier", s.carrier.display_name()),
        ],
    )
}

/// What an ETA slip adds to the situation: later than the day the shop gave, and sorry.
pub fn eta_later(w: &Watch<'_>, promised: chrono::NaiveDate) -> String {
    let lang = lang(w);
    let today = w.now.with_timezone(&w.policy.tz()).date_naive();
    i18n::say(
        lang,
        w.policy.tone,
        Key::OutreachEtaLater,
        &[("date", &i18n::date(lang, promised, today))],
    )
}

fn sentence(w: &Watch<'_>, sit: &Situation, s: Option<&Shipment>) -> String {
    situation_sentence(sit, carrier_of(s), w.order, w.policy, w.now, lang(w))
}

/// The whole message.
pub fn notice(
    w: &Watch<'_>,
    trigger: Trigger,
    key: String,
    body: &str,
    choices: &[Choice],
    channel: Channel,
    send_at: DateTime<Utc>,
) -> Notice {
    let lang = lang(w);
    let tone = w.policy.tone;
    let mut parts = vec![
        i18n::say(
            lang,
            tone,
            Key::OutreachIntro,
            &[
                ("order", &w.order.display_name()),
                ("brand", &w.policy.brand_name),
            ],
        ),
        body.to_owned(),
    ];
    let replies: Vec<ReplyOption> = choices
        .iter()
        .zip(1u8..)
        .map(|(&choice, number)| ReplyOption { number, choice })
        .collect();
    if !replies.is_empty() {
        let options: Vec<String> = replies
            .iter()
            .map(|r| {
                i18n::say(
                    lang,
                    tone,
                    Key::OutreachOption,
                    &[
                        ("n", &r.number.to_string()),
                        ("choice", i18n::choice(lang, r.choice)),
                    ],
                )
            })
            .collect();
        parts.push(i18n::say(
            lang,
            tone,
            Key::OutreachReply,
            &[("options", &i18n::or_list(lang, &options))],
        ));
    }
    if channel != Channel::Email {
        parts.push(i18n::say(lang, tone, Key::OutreachStop, &[]));
    }
    let subject = i18n::say(
        lang,
        tone,
        Key::OutreachSubject,
        &[
            ("order", &w.order.display_name()),
            ("brand", &w.policy.brand_name),
        ],
    );
    Notice {
        trigger,
        key,
        channel,
        lang,
        subject,
        text: parts.join(" "),
        replies,
        send_at,
    }
}
