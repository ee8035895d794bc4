//! "Will it arrive by Saturday?": yes, at risk or no, from the situation and its estimate.

use super::action::Choice;
use super::situation::{Eta, EtaSource, Situation};
use crate::domain::{Order, Policy};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The answer to a deadline question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The whole expected window is on or before the deadline.
    Yes,
    /// The window straddles the deadline.
    AtRisk,
    /// Even the earliest expected day is after the deadline.
    No,
    /// No estimate we can stand behind.
    Unsure,
}

/// A deadline question answered, with the estimate it rests on and what could help.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineAnswer {
    pub deadline: NaiveDate,
    pub verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Eta>,
    /// What the policy allows to improve the odds, when the answer is not a plain yes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
}

/// The expected delivery window of an order in a situation, if one can be given honestly.
pub fn expected(s: &Situation, order: &Order, policy: &Policy, now: DateTime<Utc>) -> Option<Eta> {
    let today = now.with_timezone(&policy.tz()).date_naive();
    let t = policy.transit(&order.shipping_service);
    match s {
        Situation::Delivered { at, .. } => {
            let d = at.with_timezone(&policy.tz()).date_naive();
            Some(Eta {
                earliest: d,
                latest: d,
                source: EtaSource::Carrier,
            })
        }
        Situation::OutForDelivery { .. } => Some(Eta {
            earliest: today,
            latest: today,
            source: EtaSource::Carrier,
        }),
        Situation::InTransit {
            eta: Some(e),
            late: false,
            ..
        } => Some(e.clone()),
        Situation::Processing { ship_by } => {
            let start = (*ship_by).max(today);
            Some(Eta {
                earliest: policy.add_business_days(start, t.min),
                latest: policy.add_business_days(start, t.max),
                source: EtaSource::Policy,
            })
        }
        Situation::LabelCreated { .. } => Some(Eta {
            earliest: policy.add_business_days(today, t.min),
            latest: policy.add_business_days(today, t.max + 1),
            source: EtaSource::Policy,
        }),
        _ => None,
    }
}

/// Answers whether the order arrives by `deadline` (inclusive, in the brand's time zone).
pub fn answer(
    deadline: NaiveDate,
    s: &Situation,
    order: &Order,
    policy: &Policy,
    now: DateTime<Utc>,
) -> DeadlineAnswer {
    let expected = expected(s, order, policy, now);
    let verdict = match &expected {
        Some(e) if e.latest <= deadline => Verdict::Yes,
        Some(e) if e.earliest > deadline => Verdict::No,
        Some(_) => Verdict::AtRisk,
        None => Verdict::Unsure,
    };
    let mut options = Vec::new();
    if verdict != Verdict::Yes
        && !matches!(s, Situation::Delivered { .. } | Situation::Cancelled { .. })
    {
        let shipped = !matches!(
            s,
            Situation::Processing { .. }
                | Situation::LateInWarehouse { .. }
                | Situation::AwaitingStock { .. }
        );
        if policy.offers.expedited_reship && (shipped || matches!(s, Situation::Stalled { .. })) {
            options.push(Choice::ExpeditedReship);
        }
        if policy.offers.carrier_redirect
            && matches!(s, Situation::InTransit { .. } | Situation::Exception { .. })
        {
            options.push(Choice::CarrierRedirect);
        }
        options.push(Choice::TalkToPerson);
    }
    DeadlineAnswer {
        deadline,
        verdict,
        expected,
        options,
    }
}
