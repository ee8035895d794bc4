//! Outcomes: what happened between shoppers and wismo, as events, and the merchant's numbers
//! measured from them: true resolution, first-contact resolution, time to resolution, hand-overs,
//! WISMO contacts per 100 orders, cost per conversation and CSAT.
//!
//! The proxy stores the events (every channel's contacts and answers, outreach sent, actions,
//! ratings, delivered scans); [`measure`] is the only place the numbers are computed, so the
//! dashboard, its JSON and Prometheus metrics, and `wismo simulate` all report the same thing.
//!
//! The unit is a **contact**: a shopper's messages about one order on one channel, with no
//! pause longer than [`SESSION_GAP`]. A contact is **truly resolved** when (PRODUCT.md's
//! definition) no person took it over, the shopper did not come back about the same order on
//! any channel within [`RECONTACT_WINDOW`] of its last message, and the outcome was confirmed:
//! the shopper's yes or thanks, a rating of 4 or 5, or a delivered scan within that window after
//! we had told them of a delay. A contact whose window is still open and that has not been
//! followed by another is *pending*: it counts in neither the numerator nor the denominator of
//! the resolution rates until its window closes. Answering without a person is never reported
//! as resolution. The time to resolution runs from a contact's first message to its last
//! answer that was not to a thank-you or a greeting.

mod report;

pub use report::{measure, ChannelRow, DayRow, Handed, Kpis, Report, SituationRow, TriggerRow};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The longest pause inside one contact.
pub const SESSION_GAP: Duration = Duration::minutes(30);
/// How long after a contact another one about the same order counts as a re-contact.
pub const RECONTACT_WINDOW: Duration = Duration::days(7);

/// Where an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The chat widget on the storefront.
    Chat,
    /// The branded tracking page (its chat, its rating form).
    Page,
    Email,
    Sms,
    Whatsapp,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Self::Chat,
        Self::Page,
        Self::Email,
        Self::Sms,
        Self::Whatsapp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Chat => "chat",
            Self::Page => "page",
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Whatsapp => "whatsapp",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl From<crate::outreach::Channel> for Channel {
    fn from(c: crate::outreach::Channel) -> Self {
        match c {
            crate::outreach::Channel::Email => Self::Email,
            crate::outreach::Channel::Sms => Self::Sms,
            crate::outreach::Channel::Whatsapp => Self::Whatsapp,
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum What {
    /// A message from the shopper, with the intent the core read in it.
    Contact { intent: String },
    /// wismo's answer: the order's situation then, whether it was a problem (a delay, a
    /// hold, a loss: telling it is a delay notice), and the CPU time the answer took.
    Answer {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        situation: Option<String>,
        #[serde(default)]
        problem: bool,
        #[serde(default)]
        cpu_us: u64,
    },
    /// The conversation reached a person.
    Handover { reason: String },
    /// The shopper said yes or thanks to an answer.
    Confirmed,
    /// A one-tap rating, 1 to 5.
    Rating { score: u8 },
    /// A proactive notice was sent, for this trigger.
    Outreach { trigger: String },
    /// An action was carried out (`ok`) or refused by the shop.
    Action { action: String, ok: bool },
    /// The carrier scanned the order's parcel delivered.
    Delivered,
}

impl What {
    /// The name of the kind, as stored beside the event.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Contact { .. } => "contact",
            Self::Answer { .. } => "answer",
            Self::Handover { .. } => "handover",
            Self::Confirmed => "confirmed",
            Self::Rating { .. } => "rating",
            Self::Outreach { .. } => "outreach",
            Self::Action { .. } => "action",
            Self::Delivered => "delivered",
        }
    }

    /// Whether a browser may report this event about the shopper's own order (the widget
    /// answers there, so only it knows), and its words are from the core's vocabulary: an
    /// intent the core has, a situation it names, a short snake_case reason, a score of 1 to 5.
    /// Outreach, actions and delivered scans are recorded by the proxy alone.
    pub fn from_browser_ok(&self) -> bool {
        match self {
            Self::Contact { intent } => crate::nlu::Intent::parse(intent).is_some(),
            Self::Answer {
                situation, cpu_us, ..
            } => {
                situation
                    .as_deref()
                    .is_none_or(|s| crate::resolve::Situation::KINDS.contains(&s))
                    && *cpu_us <= 10_000_000
            }
            Self::Handover { reason } => is_word(reason),
            Self::Confirmed => true,
            Self::Rating { score } => (1..=5).contains(score),
            Self::Outreach { .. } | Self::Action { .. } | Self::Delivered => false,
        }
    }
}

/// A short snake_case word: what reasons and triggers are made of.
fn is_word(s: &str) -> bool {
    (1..=40).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// One thing that happened, about one order (when known) and one shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub at: DateTime<Utc>,
    /// The order number, when the event is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// Who: the shopper's e-mail address or phone number, used when no order is known.
    pub shopper: String,
    pub channel: Channel,
    #[serde(flatten)]
    pub what: What,
}

impl Event {
    /// The events one answered turn makes: the contact (when the message came in), the answer
    /// (when it was ready), a hand-over when the answer hands over, and a confirmation when the
    /// shopper said yes or thanks.
    pub fn of_turn(
        (received, at): (DateTime<Utc>, DateTime<Utc>),
        order: Option<&str>,
        shopper: &str,
        channel: Channel,
        resolution: &crate::Resolution,
        cpu_us: u64,
    ) -> Vec<Event> {
        let event = |what| Event {
            at,
            order: order.map(str::to_owned),
            shopper: shopper.to_owned(),
            channel,
            what,
        };
        let intent = resolution.classification.intent;
        let mut out = vec![
            Event {
                at: received,
                ..event(What::Contact {
                    intent: intent.as_str().to_owned(),
                })
            },
            event(What::Answer {
                situation: resolution.situation.as_ref().map(|s| s.kind().to_owned()),
                problem: resolution
                    .situation
                    .as_ref()
                    .is_some_and(|s| s.is_problem()),
                cpu_us,
            }),
        ];
        if let Some(h) = &resolution.handoff {
            out.push(event(What::Handover {
                reason: h.reason.clone(),
            }));
        }
        if matches!(
            intent,
            crate::nlu::Intent::Thanks | crate::nlu::Intent::Affirm
        ) && resolution.handoff.is_none()
        {
            out.push(event(What::Confirmed));
        }
        out
    }
}

/// What each thing costs the merchant, in US dollars.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Prices {
    /// One CPU core for an hour.
    pub cpu_usd_per_hour: f64,
    /// One e-mail sent.
    pub email_usd: f64,
    /// One SMS segment sent.
    pub sms_usd: f64,
    /// One WhatsApp message sent.
    pub whatsapp_usd: f64,
}

impl Default for Prices {
    /// Public list prices at the end of 2026's first half: a cloud vCPU-hour on demand
    /// (about $0.04), Amazon SES ($0.10 per 1,000 e-mails), a US SMS through Twilio with
    /// carrier fees (about $0.0083), a WhatsApp utility template in the US ($0.004).
    fn default() -> Self {
        Self {
            cpu_usd_per_hour: 0.04,
            email_usd: 0.0001,
            sms_usd: 0.0083,
            whatsapp_usd: 0.004,
        }
    }
}

impl Prices {
    /// The price of one message on `channel`; chat and the tracking page cost nothing per
    /// message.
    pub fn message(&self, channel: Channel) -> f64 {
        match channel {
            Channel::Chat | Channel::Page => 0.0,
            Channel::Email => self.email_usd,
            Channel::Sms => self.sms_usd,
            Channel::Whatsapp => self.whatsapp_usd,
        }
    }

    /// The price of `cpu_us` microseconds of CPU.
    pub fn cpu(&self, cpu_us: u64) -> f64 {
        cpu_us as f64 / 3_600_000_000.0 * self.cpu_usd_per_hour
    }
}

#[cfg(test)]
mod tests;
