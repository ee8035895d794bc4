//! The order card: what the widget and tracking page draw, computed here so every surface agrees.

use super::i18n;
use super::situation::{Eta, Situation};
use super::text::headline;
use crate::carrier::{describe_in_tone, Lang, Translation};
use crate::domain::{Order, Policy, Shipment};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One line of a parcel's timeline, already in plain language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    /// Local time in the brand's zone, ready to show, e.g. "Tue 24 Nov, 14:05".
    pub when: String,
    pub text: String,
}

/// One parcel on the card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParcelCard {
    pub carrier: String,
    pub tracking_number: String,
    pub situation: String,
    pub headline: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eta: Option<String>,
    pub items: Vec<String>,
    /// Newest first.
    pub timeline: Vec<TimelineEntry>,
}

/// Everything the order card shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderCard {
    pub order_number: String,
    pub situation: String,
    pub headline: String,
    pub problem: bool,
    pub items: Vec<String>,
    pub parcels: Vec<ParcelCard>,
}

/// An expected delivery as shoppers read it: one day, or "earliest – latest".
pub(crate) fn eta_text(eta: Option<&Eta>, lang: Lang, today: NaiveDate) -> Option<String> {
    eta.map(|e| {
        if e.earliest == e.latest {
            i18n::date(lang, e.earliest, today)
        } else {
            format!(
                "{} – {}",
                i18n::date(lang, e.earliest, today),
                i18n::date(lang, e.latest, today)
            )
        }
    })
}

pub(super) fn build(
    order: &Order,
    shipments: &[(&Shipment, Situation)],
    overall: &Situation,
    policy: &Policy,
    lang: Lang,
    now: DateTime<Utc>,
) -> OrderCard {
    let tz = policy.tz();
    let today = now.with_timezone(&tz).date_naive();
    let parcels = shipments
        .iter()
        .map(|(s, sit)| {
            let items = order
                .fulfillments
                .iter()
                .find(|f| f.tracking_number == s.tracking_number)
                .map(|f| {
                    order
                        .items_in(f)
                        .iter()
                        .map(|li| format!("{} × {}", li.quantity, li.title))
                        .collect()
                })
                .unwrap_or_default();
            let eta = match sit {
                Situation::InTransit { eta, .. } => eta_text(eta.as_ref(), lang, today),
                _ => None,
            };
            ParcelCard {
                carrier: s.carrier.display_name().to_owned(),
                tracking_number: s.tracking_number.as_str().to_owned(),
                situation: sit.kind().to_owned(),
                headline: headline(sit, lang).to_owned(),
                eta,
                items,
                timeline: s
                    .events
                    .iter()
                    .rev()
                    .map(|e| TimelineEntry {
                        at: e.at,
                        when: e
                            .at
                            .with_timezone(&tz)
                            .format("%a %-d %b, %H:%M")
                            .to_string(),
                        text: describe_in_tone(
                            &Translation {
                                status: e.status,
                                reason: e.reason,
                                location: e.location,
                                step: crate::carrier::step(e.status, &e.description),
                            },
                            e.place.as_deref(),
                            lang,
                            policy.tone,
                        ),
                    })
                    .collect(),
            }
        })
        .collect();
    OrderCard {
        order_number: order.display_name(),
        situation: overall.kind().to_owned(),
        headline: headline(overall, lang).to_owned(),
        problem: overall.is_problem(),
        items: order
            .line_items
            .iter()
            .map(|li| format!("{} × {}", li.quantity, li.title))
            .collect(),
        parcels,
    }
}
