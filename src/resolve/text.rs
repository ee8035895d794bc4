//! Shopper-facing wording for situations: short, specific, honest, never raw carrier text.

use super::situation::{EtaSource, Situation};
use crate::carrier::{location_phrase, reason_phrase};
use crate::domain::{Order, Policy};
use chrono::{DateTime, NaiveDate, Utc};

/// A two-to-four word label for the card.
pub fn headline(s: &Situation) -> &'static str {
    match s {
        Situation::Processing { .. } => "Being prepared",
        Situation::LateInWarehouse { .. } => "Delayed in our warehouse",
        Situation::AwaitingStock { .. } => "Waiting for stock",
        Situation::LabelCreated { .. } => "Label created",
        Situation::AwaitingCarrierPickup { .. } => "Waiting for carrier pickup",
        Situation::InTransit { .. } => "In transit",
        Situation::OutForDelivery { .. } => "Out for delivery",
        Situation::DeliveryAttempted { .. } => "Delivery attempted",
        Situation::AvailableForPickup { .. } => "Ready for pickup",
        Situation::Delivered { .. } => "Delivered",
        Situation::Exception { .. } => "Delayed",
        Situation::Stalled { .. } => "No recent updates",
        Situation::ReturningToSender { .. } => "Returning to us",
        Situation::Lost { .. } => "Lost by the carrier",
        Situation::Cancelled { .. } => "Cancelled",
    }
}

/// "Tuesday 24 November" or "Tuesday 24 – Thursday 26 November".
pub fn date_range(a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        a.format("%A %-d %B").to_string()
    } else {
        format!("{} – {}", a.format("%A %-d %B"), b.format("%A %-d %B"))
    }
}

/// "3 hours ago", "2 days ago", "just now".
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let mins = (now - then).num_minutes().max(0);
    match mins {
        0..=1 => "just now".to_owned(),
        2..=59 => format!("{mins} minutes ago"),
        60..=119 => "an hour ago".to_owned(),
        120..=2879 => format!("{} hours ago", mins / 60),
        _ => format!("{} days ago", mins / 1440),
    }
}

fn at_place(place: &Option<String>) -> String {
    place
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!(" in {}", p.trim()))
        .unwrap_or_default()
}

/// The sentence(s) about one situation, with the carrier's name and the data's freshness.
pub fn situation_sentence(
    s: &Situation,
    carrier: &str,
    order: &Order,
    policy: &Policy,
    now: DateTime<Utc>,
) -> String {
    let tz = policy.tz();
    let day = |t: &DateTime<Utc>| t.with_timezone(&tz).format("%A %-d %B").to_string();
    match s {
        Situation::Processing { ship_by } => format!(
            "Your order {} is being prepared and should leave our warehouse by {}. You'll get a tracking link by e-mail as soon as it ships.",
            order.number,
            ship_by.format("%A %-d %B")
        ),
        Situation::LateInWarehouse { ship_by, business_days_late } => format!(
            "I'm sorry: your order {} should have left our warehouse by {} and it hasn't yet ({} business day{} late). I've flagged it to the team so it ships as soon as possible.",
            order.number,
            ship_by.format("%A %-d %B"),
            business_days_late,
            if *business_days_late == 1 { "" } else { "s" }
        ),
        Situation::AwaitingStock { available_from } => format!(
            "Your order {} includes an item on pre-order; it ships when stock arrives, expected {}.",
            order.number,
            day(available_from)
        ),
        Situation::LabelCreated { since } => format!(
            "Your order {} is packed and the {carrier} label was created {}. {carrier} should pick it up within a day; tracking updates start then.",
            order.number,
            ago(*since, now)
        ),
        Situation::AwaitingCarrierPickup { since, hours } => format!(
            "Your order {} is packed and labelled, but {carrier} hasn't collected it yet: the label was created {} ({hours} hours) and there's no pickup scan since. It's most likely still on our dock waiting for the carrier. I'm sorry for the wait; I've flagged it so the team can chase the pickup.",
            order.number,
            ago(*since, now)
        ),
        Situation::InTransit { last_scan, place, eta } => {
            let mut s = format!("Your order {} is on its way with {carrier}. The latest scan was {}{}.", order.number, ago(*last_scan, now), at_place(place));
            if let Some(e) = eta {
                let when = date_range(e.earliest, e.latest);
                match e.source {
                    EtaSource::Carrier => s.push_str(&format!(" {carrier} expects to deliver it on {when}.")),
                    EtaSource::Policy if e.earliest == e.latest => s.push_str(&format!(" It should arrive on {when}.")),
                    EtaSource::Policy => s.push_str(&format!(
                        " It should arrive between {} and {}.",
                        e.earliest.format("%A %-d %B"),
                        e.latest.format("%A %-d %B")
                    )),
                }
            }
            s
        }
        Situation::OutForDelivery { last_scan, place } => format!(
            "Good news: your order {} is out for delivery today with {carrier}{} (updated {}).",
            order.number,
            at_place(place),
            ago(*last_scan, now)
        ),
        Situation::DeliveryAttempted { at } => format!(
            "{carrier} tried to deliver your order {} on {} but couldn't. They usually try again the next business day or leave a note saying where to collect it.",
            order.number,
            day(at)
        ),
        Situation::AvailableForPickup { since, place } => format!(
            "Your order {} is waiting for you at a {carrier} pickup point{} since {}. Bring an ID and your tracking number.",
            order.number,
            at_place(place),
            day(since)
        ),
        Situation::Delivered { at, location, .. } => match location {
            Some(l) => format!(
                "{carrier} delivered your order {} on {} and says it was {}. Please check there first.",
                order.number,
                day(at),
                location_phrase(*l)
            ),
            None => format!(
                "{carrier} delivered your order {} on {}. If you can't find it, check around the entrance and with neighbours; parcels marked delivered usually turn up within {} hours. If it hasn't by then, tell me and we'll open a claim.",
                order.number,
                day(at),
                policy.delivered_wait_hours
            ),
        },
        Situation::Exception { at, reason } => format!(
            "I'm sorry: your order {} is held up with {carrier} since {}{}. We're watching it and will update you as soon as it moves.",
            order.number,
            day(at),
            reason.map(|r| format!(" because {}", reason_phrase(r))).unwrap_or_default()
        ),
        Situation::Stalled { last_scan, hours } => format!(
            "I'm sorry: {carrier} hasn't scanned your order {} for {} days (last scan {}). That's longer than it should be, so I'm handing this to our team to chase the carrier and arrange a replacement or refund if needed.",
            order.number,
            hours / 24,
            day(last_scan)
        ),
        Situation::ReturningToSender { at } => format!(
            "I'm sorry: {carrier} started returning your order {} to us on {}. Our team will contact you to resend it or refund you.",
            order.number,
            day(at)
        ),
        Situation::Lost { .. } => format!(
            "I'm sorry: {carrier} has reported your order {} as lost. Our team will send a replacement or a refund.",
            order.number
        ),
        Situation::Cancelled { at } => format!(
            "Your order {} was cancelled on {}. If you were charged, the refund goes back to your original payment method.",
            order.number,
            day(at)
        ),
    }
}
