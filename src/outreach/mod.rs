//! Proactive outreach: which notices are due for an order now. A pure function of the order, its
//! parcels, the policy, what was already sent and `now`; the proxy stores, schedules and delivers
//! what it returns (see issue 10's monitor and outbox).
//!
//! One notice per problem per parcel (its dedupe `key`), a new key for a real escalation (a scan
//! gap twice as long, a new delivery date), at most one message per order within the policy's
//! minimum gap, deferred (never dropped) by quiet hours in the shopper's time zone, nothing for
//! cancelled orders, SMS and WhatsApp only with the shopper's consent, nothing on a channel the
//! shopper opted out of.

mod gap;
mod reply;
mod words;

pub use reply::{keyword, remember, stopped, unsubscribe_line, Keyword};

use crate::carrier::{ExceptionReason, Lang, UnifiedStatus};
use crate::domain::{FulfillmentStatus, Order, Policy, Shipment};
use crate::resolve::situation;
use crate::resolve::Choice;
use chrono::{DateTime, Duration, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// Why a notice is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A label exists but the carrier has not picked the parcel up after the policy's grace.
    LateFirstScan,
    /// No new scan for the policy's stall time, counted in business hours.
    ScanGap,
    /// The carrier reports a problem (weather, customs, address, nobody home, damage, return).
    Exception,
    /// The carrier's delivery date is later than the date the shop promised.
    EtaSlip,
    /// Delivered, with where the carrier left it.
    DeliveredNote,
    /// The check the delivered-not-found conversation promised.
    DeliveredFollowUp,
    /// Not shipped and past the processing time.
    WarehouseLate,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LateFirstScan => "late_first_scan",
            Self::ScanGap => "scan_gap",
            Self::Exception => "exception",
            Self::EtaSlip => "eta_slip",
            Self::DeliveredNote => "delivered_note",
            Self::DeliveredFollowUp => "delivered_follow_up",
            Self::WarehouseLate => "warehouse_late",
        }
    }

    /// Which notice goes first when several are due and only one may be sent.
    fn urgency(self) -> u8 {
        match self {
            Self::Exception => 6,
            Self::DeliveredFollowUp => 5,
            Self::ScanGap => 4,
            Self::LateFirstScan => 3,
            Self::WarehouseLate => 2,
            Self::EtaSlip => 1,
            Self::DeliveredNote => 0,
        }
    }
}

/// Where a notice goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    Whatsapp,
}

/// A notice already sent: its dedupe key and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub key: String,
    pub at: DateTime<Utc>,
}

/// An answer the shopper can give by replying with its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyOption {
    pub number: u8,
    pub choice: Choice,
}

/// A message due to be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub trigger: Trigger,
    /// One per problem per parcel: a notice whose key was sent is not sent again.
    pub key: String,
    pub channel: Channel,
    /// The language the notice is written in.
    pub lang: Lang,
    /// An e-mail's subject line.
    pub subject: String,
    /// In the shopper's language and the brand's tone; never a raw carrier code or text.
    pub text: String,
    /// What the shopper may reply, where the policy allows it.
    pub replies: Vec<ReplyOption>,
    /// Now, or later when quiet hours or the minimum gap defer it.
    pub send_at: DateTime<Utc>,
}

/// What the watcher concluded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub due: Vec<Notice>,
    /// When something may become due without new data (a grace or a gap running out); `None`
    /// when nothing will.
    pub next_check_at: Option<DateTime<Utc>>,
}

/// Everything the decision needs.
#[derive(Debug, Clone, Copy)]
pub struct Watch<'a> {
    pub order: &'a Order,
    pub shipments: &'a [Shipment],
    pub policy: &'a Policy,
    pub sent: &'a [Sent],
    /// Channels the shopper said STOP or unsubscribe on.
    pub opted_out: &'a [Channel],
    /// When the delivered-not-found conversation promised to check back, if it did.
    pub follow_up_at: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

/// A problem found before the rules decide whether and when to say it.
struct Found {
    trigger: Trigger,
    key: String,
    text: String,
    replies: Vec<Choice>,
}

/// The notices due now and when to look again.
pub fn due(w: &Watch<'_>) -> Due {
    let max_age = i64::from(w.policy.outreach_max_order_age_days);
    let too_old = max_age > 0 && w.now - w.order.created_at > Duration::days(max_age);
    if w.order.cancelled_at.is_some() || too_old {
        return Due {
            due: Vec::new(),
            next_check_at: None,
        };
    }
    let mut checks: Vec<DateTime<Utc>> = Vec::new();
    let mut found = problems(w, &mut checks);
    found.retain(|f| !w.sent.iter().any(|s| s.key == f.key));
    let Some(channel) = channel(w) else {
        return Due {
            due: Vec::new(),
            next_check_at: None,
        };
    };
    // One message per order at a time: the most urgent problem; the others wait their turn.
    found.sort_by_key(|f| std::cmp::Reverse(f.trigger.urgency()));
    let mut due = Vec::new();
    if let Some(f) = found.into_iter().next() {
        let send_at = send_time(w);
        let notice = words::notice(w, f.trigger, f.key, &f.text, &f.replies, channel, send_at);
        if send_at > w.now {
            checks.push(send_at);
        }
        due.push(notice);
    }
    let next_check_at = checks.into_iter().filter(|t| *t > w.now).min();
    Due { due, next_check_at }
}

/// The channel the shopper is reached on: WhatsApp or SMS when they agreed to it and have a
/// phone, else e-mail; never one they opted out of.
fn channel(w: &Watch<'_>) -> Option<Channel> {
    let c = &w.order.customer;
    let phone = c.phone.as_deref().is_some_and(|p| !p.trim().is_empty());
    [
        (Channel::Whatsapp, phone && c.accepts_whatsapp),
        (Channel::Sms, phone && c.accepts_sms),
        (Channel::Email, true),
    ]
    .into_iter()
    .find(|(ch, ok)| *ok && !w.opted_out.contains(ch))
    .map(|(ch, _)| ch)
}

/// Now, unless the minimum gap since the last message or the shopper's quiet hours defer it.
fn send_time(w: &Watch<'_>) -> DateTime<Utc> {
    let gap = Duration::hours(i64::from(w.policy.outreach_min_gap_hours));
    let mut at = w.now;
    if let Some(last) = w.sent.iter().map(|s| s.at).max() {
        at = at.max(last + gap);
    }
    let tz = w.order.shopper_tz().unwrap_or_else(|| w.policy.tz());
    // Step to the first hour outside the quiet hours (at most a day away).
    for _ in 0..24 {
        let local = at.with_timezone(&tz);
        if !w.policy.is_quiet_hour(local.hour()) {
            break;
        }
        let next_hour = at + Duration::minutes(60 - i64::from(local.minute()));
        at = next_hour
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(next_hour);
    }
    at
}

/// Every problem the order has now, with the times at which new ones could appear.
fn problems(w: &Watch<'_>, checks: &mut Vec<DateTime<Utc>>) -> Vec<Found> {
    let mut out = Vec::new();
    let o = w.order;
    let policy = w.policy;
    if o.fulfillments.is_empty() && o.fulfillment_status == FulfillmentStatus::Unfulfilled {
        let ship_by = policy.ship_by(o.created_at);
        let deadline = policy.end_of_local_day(ship_by);
        if w.now >= deadline {
            out.push(Found {
                trigger: Trigger::WarehouseLate,
                key: key(Trigger::WarehouseLate, o.number.as_str()),
                text: words::situation(w, None),
                replies: Vec::new(),
            });
        } else {
            checks.push(deadline);
        }
    }
    for s in w.shipments {
        parcel(w, s, &mut out, checks);
    }
    if let Some(at) = w.follow_up_at {
        let delivered = w.shipments.iter().find(|s| {
            s.latest()
                .is_some_and(|e| e.status == UnifiedStatus::Delivered)
        });
        if let Some(s) = delivered {
            if w.now >= at {
                out.push(Found {
                    trigger: Trigger::DeliveredFollowUp,
                    key: key(Trigger::DeliveredFollowUp, s.tracking_number.as_str()),
                    text: words::follow_up(w, s),
                    replies: remedies(policy),
                });
            } else {
                checks.push(at);
            }
        }
    }
    out
}

fn parcel(w: &Watch<'_>, s: &Shipment, out: &mut Vec<Found>, checks: &mut Vec<DateTime<Utc>>) {
    let policy = w.policy;
    let tn = s.tracking_number.as_str();
    let Some(latest) = s.latest() else {
        return;
    };
    let sentence = || words::situation(w, Some(s));
    match latest.status {
        UnifiedStatus::PreTransit | UnifiedStatus::Unknown => {
            let since = s.events.first().map_or(latest.at, |e| e.at);
            let grace = i64::from(policy.pickup_grace_hours);
            if gap::business_hours(policy, since, w.now) >= grace {
                out.push(Found {
                    trigger: Trigger::LateFirstScan,
                    key: key(Trigger::LateFirstScan, tn),
                    text: sentence(),
                    replies: Vec::new(),
                });
            } else {
                checks.push(gap::after_business_hours(policy, since, grace));
            }
        }
        UnifiedStatus::InTransit => {
            let last = s.last_scan().map_or(latest.at, |e| e.at);
            let stall = i64::from(if s.international {
                policy.stall_hours_international
            } else {
                policy.stall_hours
            })
            .max(1);
            let hours = gap::business_hours(policy, last, w.now);
            let level = (hours / stall).min(3);
            if level >= 1 {
                out.push(Found {
                    trigger: Trigger::ScanGap,
                    key: key(Trigger::ScanGap, format!("{tn}:{level}")),
                    text: words::stalled(w, s, last),
                    // A first gap is news; a long one gets the remedies the policy allows.
                    replies: if level >= 2 {
                        remedies(policy)
                    } else {
                        Vec::new()
                    },
                });
            }
            if level < 3 {
                checks.push(gap::after_business_hours(policy, last, stall * (level + 1)));
            }
            if let Some((estimate, promised)) = eta_slip(w, s) {
                out.push(Found {
                    trigger: Trigger::EtaSlip,
                    key: key(
                        Trigger::EtaSlip,
                        format!("{tn}:{}", estimate.format("%Y-%m-%d")),
                    ),
                    text: format!("{} {}", sentence(), words::eta_later(w, promised)),
                    replies: Vec::new(),
                });
            }
        }
        UnifiedStatus::Exception
        | UnifiedStatus::DeliveryAttempted
        | UnifiedStatus::ReturningToSender
        | UnifiedStatus::Returned
        | UnifiedStatus::Lost => {
            let (reason, replies) = match latest.status {
                UnifiedStatus::DeliveryAttempted => ("recipient_unavailable", Vec::new()),
                UnifiedStatus::ReturningToSender | UnifiedStatus::Returned => {
                    ("returning", remedies(policy))
                }
                UnifiedStatus::Lost => ("lost", remedies(policy)),
                _ => match latest.reason {
                    // Ask the shopper to check the address, and offer to have it changed.
                    Some(ExceptionReason::AddressProblem) if policy.offers.carrier_redirect => (
                        "address_problem",
                        vec![Choice::CarrierRedirect, Choice::TalkToPerson],
                    ),
                    Some(r @ (ExceptionReason::Damaged | ExceptionReason::Lost)) => {
                        (reason_key(r), remedies(policy))
                    }
                    Some(r) => (reason_key(r), Vec::new()),
                    None => ("other", Vec::new()),
                },
            };
            out.push(Found {
                trigger: Trigger::Exception,
                key: key(Trigger::Exception, format!("{tn}:{reason}")),
                text: sentence(),
                replies,
            });
        }
        UnifiedStatus::Delivered => {
            // Only fresh news: a drop-off note a day later helps nobody find the parcel.
            let fresh = w.now - latest.at < Duration::hours(24);
            if latest.location.is_some() && fresh {
                out.push(Found {
                    trigger: Trigger::DeliveredNote,
                    key: key(Trigger::DeliveredNote, tn),
                    text: sentence(),
                    replies: Vec::new(),
                });
            }
        }
        UnifiedStatus::OutForDelivery
        | UnifiedStatus::AvailableForPickup
        | UnifiedStatus::Cancelled => {}
    }
}

/// A dedupe key: the trigger's name and what the problem is about (`scan_gap:1Z…:2`).
fn key(trigger: Trigger, about: impl std::fmt::Display) -> String {
    format!("{}:{about}", trigger.as_str())
}

/// The carrier's delivery date and the date the shop promised (the last day of the service's
/// transit time after the parcel was handed over), when the first is later.
fn eta_slip(w: &Watch<'_>, s: &Shipment) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let estimate = s
        .estimated_delivery?
        .with_timezone(&w.policy.tz())
        .date_naive();
    let promised = situation::promised(s, &w.order.shipping_service, w.policy)?.latest;
    (estimate > promised).then_some((estimate, promised))
}

/// The reason's name in a dedupe key: a new reason is a new problem.
fn reason_key(r: ExceptionReason) -> &'static str {
    match r {
        ExceptionReason::Weather => "weather",
        ExceptionReason::AddressProblem => "address_problem",
        ExceptionReason::RecipientUnavailable => "recipient_unavailable",
        ExceptionReason::Refused => "refused",
        ExceptionReason::Damaged => "damaged",
        ExceptionReason::CustomsHold => "customs_hold",
        ExceptionReason::DutiesUnpaid => "duties_unpaid",
        ExceptionReason::HeldByCarrier => "held_by_carrier",
        ExceptionReason::MissortedOrDelayed => "missorted_or_delayed",
        ExceptionReason::Security => "security",
        ExceptionReason::Lost => "lost",
    }
}

/// The remedies the policy allows for a parcel gone wrong, in the order they are offered.
fn remedies(policy: &Policy) -> Vec<Choice> {
    let mut out = Vec::new();
    if policy.offers.reship {
        out.push(Choice::Reship);
    }
    if policy.offers.refund {
        out.push(Choice::Refund);
    }
    out
}

#[cfg(test)]
mod tests;
