//! Resolution: from a message, an order, its parcels, the policy and `now`, decide what is true
//! and what to say. Pure and deterministic, so every channel gives the same answer.

mod card;
mod situation;
mod text;

pub use card::{OrderCard, ParcelCard, TimelineEntry};
pub use situation::{Eta, EtaSource, Fact, Situation, Source};

use crate::carrier::Lang;
use crate::context::Scenario;
use crate::domain::{Order, Policy, Shipment};
use crate::nlu::{classify, Classification, Intent};
use chrono::{DateTime, Utc};
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
}

/// Handing the conversation to a person, with what they need to pick it up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    pub reason: String,
    pub summary: String,
}

/// The answer to one message: what is true, on what evidence, and what to say.
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handoff: Option<Handoff>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<OrderCard>,
}

const ASK_IDENTITY: &str = "I can check that for you. What's your order number and the e-mail address you used to order? For example: #1001 jane@example.com";

/// Resolves one message. Without an order it asks for identification when the message is about
/// an order, and says what it can help with otherwise.
pub fn resolve(s: &Scenario) -> Resolution {
    let classification = classify(&s.message);
    match &s.order {
        None => without_order(classification, &s.policy),
        Some(order) => with_order(classification, order, &s.shipments, &s.policy, s.now),
    }
}

fn about_an_order(intent: Intent) -> bool {
    !matches!(
        intent,
        Intent::Other
            | Intent::Greeting
            | Intent::Thanks
            | Intent::Affirm
            | Intent::Deny
            | Intent::HumanAgent
            | Intent::DeliveryTime
    )
}

fn without_order(classification: Classification, policy: &Policy) -> Resolution {
    let intent = classification.intent;
    let has_ids = !classification.entities.order_numbers.is_empty()
        || !classification.entities.emails.is_empty();
    let (need, reply, handoff) = match intent {
        Intent::HumanAgent => (
            None,
            "Of course. I'm passing you to a person on our team; they'll reply here as soon as they can.".to_owned(),
            Some(Handoff { reason: "shopper asked for a person".to_owned(), summary: "Shopper asked for a person before identifying an order.".to_owned() }),
        ),
        Intent::Greeting => (None, format!("Hi! I'm {}'s assistant. I can tell you where your order is: just ask.", policy.brand_name), None),
        Intent::Thanks => (None, "You're welcome! Anything else I can help with?".to_owned(), None),
        Intent::DeliveryTime => {
            let t = policy.transit("standard");
            (None, format!("Orders leave our warehouse within {} business day(s); standard delivery then takes {} to {} business days.", policy.processing_days, t.min, t.max), None)
        }
        i if about_an_order(i) || has_ids => (Some(Need::Identity), ASK_IDENTITY.to_owned(), None),
        _ => (None, "I'm not sure I understood. I can help with where your order is, delivery times, and problems with a delivery, or I can pass you to a person.".to_owned(), None),
    };
    Resolution {
        classification,
        need,
        situation: None,
        parcels: Vec::new(),
        facts: Vec::new(),
        reply,
        handoff,
        card: None,
    }
}

fn with_order(
    classification: Classification,
    order: &Order,
    shipments: &[Shipment],
    policy: &Policy,
    now: DateTime<Utc>,
) -> Resolution {
    let lang = Lang::from_locale(&order.customer.locale);
    let mut facts = Vec::new();
    let mut parcels: Vec<(&Shipment, Situation)> = Vec::new();
    if order.cancelled_at.is_none() {
        for f in &order.fulfillments {
            if let Some(s) = shipments
                .iter()
                .find(|s| s.tracking_number == f.tracking_number)
            {
                parcels.push((
                    s,
                    situation::parcel(s, &order.shipping_service, policy, now, &mut facts),
                ));
            } else {
                facts.push(Fact {
                    source: Source::Shop,
                    statement: format!(
                        "fulfilled {} with {} {}, no carrier data yet",
                        f.created_at.format("%Y-%m-%d %H:%M UTC"),
                        f.carrier,
                        f.tracking_number
                    ),
                    as_of: now,
                });
            }
        }
    }
    let overall = if parcels.is_empty() {
        situation::unshipped(order, policy, now, &mut facts)
    } else {
        parcels
            .iter()
            .max_by_key(|(_, s)| s.severity())
            .map(|(_, s)| s.clone())
            .unwrap_or(Situation::Processing {
                ship_by: policy.ship_by(order.created_at),
            })
    };
    let stale: Vec<bool> = parcels
        .iter()
        .map(|(s, _)| situation::is_stale(s, policy, now))
        .collect();

    let mut reply = String::new();
    if parcels.len() > 1 {
        reply.push_str(&format!(
            "Your order {} was sent in {} parcels. ",
            order.number,
            parcels.len()
        ));
        for (i, (s, sit)) in parcels.iter().enumerate() {
            if i > 0 {
                reply.push(' ');
            }
            reply.push_str(&format!(
                "Parcel {}: {}",
                i + 1,
                text::situation_sentence(sit, s.carrier.display_name(), order, policy, now)
            ));
        }
    } else {
        let carrier = parcels
            .first()
            .map_or("the carrier", |(s, _)| s.carrier.display_name());
        reply.push_str(&text::situation_sentence(
            &overall, carrier, order, policy, now,
        ));
    }
    for ((s, _), st) in parcels.iter().zip(&stale) {
        if *st {
            reply.push_str(&format!(
                " Note: {} last updated this parcel {}, so there may be newer scans.",
                s.carrier.display_name(),
                text::ago(s.checked_at, now)
            ));
        }
    }

    let mut handoff = None;
    match classification.intent {
        Intent::HumanAgent => {
            reply = "Of course. I'm passing you to a person on our team with your order details, so you won't have to repeat yourself.".to_owned();
            handoff = Some(Handoff {
                reason: "shopper asked for a person".to_owned(),
                summary: String::new(),
            });
        }
        Intent::ChangeAddress
        | Intent::CancelOrder
        | Intent::Refund
        | Intent::Return
        | Intent::DamagedItem => {
            reply.push_str(" I've passed your request to our team, who will take it from here.");
            handoff = Some(Handoff {
                reason: format!("shopper asked: {}", classification.intent.as_str()),
                summary: String::new(),
            });
        }
        _ => {}
    }
    if matches!(
        overall,
        Situation::Stalled { .. } | Situation::Lost { .. } | Situation::ReturningToSender { .. }
    ) && handoff.is_none()
    {
        handoff = Some(Handoff {
            reason: format!("order is {}", overall.kind()),
            summary: String::new(),
        });
    }
    if let Some(h) = &mut handoff {
        h.summary = format!(
            "Order {} ({}): {}. Facts: {}",
            order.number,
            order.customer.email,
            overall.kind(),
            facts
                .iter()
                .map(|f| f.statement.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    let card = card::build(order, &parcels, &overall, policy, lang);
    Resolution {
        classification,
        need: None,
        situation: Some(overall),
        parcels: parcels
            .iter()
            .zip(stale)
            .map(|((s, sit), stale)| ParcelSituation {
                tracking_number: s.tracking_number.as_str().to_owned(),
                situation: sit.clone(),
                stale,
            })
            .collect(),
        facts,
        reply,
        handoff,
        card: Some(card),
    }
}
