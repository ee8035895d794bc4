//! The proxy's own checks before anything is executed, made from the stored order and the policy
//! rather than from anything the client sent: a proposal that says "no confirmation needed" for
//! a fulfilled order's address change is still refused.

use wismo::resolve::{Action, Proposal};
use wismo::{FulfillmentStatus, Order, Policy};

/// Why a proposal may not be executed. Each variant is one stable `code` for clients.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The shopper has not said yes to this exact action yet.
    #[error("the shopper has not confirmed this action yet")]
    NeedsConfirmation,
    /// Above the policy's value limit: a person must approve it.
    #[error("a person must approve this action")]
    NeedsApproval,
    /// The order's state no longer allows it; the message says why.
    #[error("{0}")]
    NotEligible(String),
    /// The amount is above what the policy lets the assistant grant without a person.
    #[error(
        "{amount} is above the automatic limit of {limit} (minor units); a person must approve it"
    )]
    OverAutoLimit { amount: i64, limit: i64 },
    /// The brand's policy does not offer this remedy.
    #[error("the shop's policy does not offer {0}")]
    NotOffered(&'static str),
    /// The action is inconsistent with the order (unknown parcel, wrong currency, bad amount).
    #[error("{0}")]
    Invalid(String),
    /// The shop itself refused when asked to carry it out.
    #[error("{0}")]
    RejectedByShop(String),
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Self::NeedsConfirmation => "needs_confirmation",
            Self::NeedsApproval => "needs_approval",
            Self::NotEligible(_) => "not_eligible",
            Self::OverAutoLimit { .. } => "over_auto_limit",
            Self::NotOffered(_) => "not_offered",
            Self::Invalid(_) => "invalid_action",
            Self::RejectedByShop(_) => "rejected_by_shop",
        }
    }
}

fn before_fulfilment(order: &Order, what: &str) -> Result<(), Refusal> {
    if order.cancelled_at.is_some() {
        return Err(Refusal::NotEligible(format!(
            "order {} is cancelled, so {what} is no longer possible",
            order.number
        )));
    }
    if order.fulfillment_status != FulfillmentStatus::Unfulfilled || !order.fulfillments.is_empty()
    {
        return Err(Refusal::NotEligible(format!(
            "order {} is already being fulfilled, so {what} is no longer possible",
            order.number
        )));
    }
    Ok(())
}

fn within_limit(policy: &Policy, amount: i64) -> Result<(), Refusal> {
    let limit = policy.offers.auto_limit_minor;
    if limit > 0 && amount > limit {
        return Err(Refusal::OverAutoLimit { amount, limit });
    }
    Ok(())
}

fn own_parcel(order: &Order, tracking_number: &str) -> Result<(), Refusal> {
    let wanted: String = tracking_number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if order
        .fulfillments
        .iter()
        .any(|f| f.tracking_number.as_str() == wanted)
    {
        Ok(())
    } else {
        Err(Refusal::Invalid(format!(
            "order {} has no parcel {tracking_number}",
            order.number
        )))
    }
}

/// Whether `proposal` may be executed now for `order` under `policy`, automatically (within the
/// policy's value limit).
pub fn check(proposal: &Proposal, order: &Order, policy: &Policy) -> Result<(), Refusal> {
    check_as(proposal, order, policy, false)
}

/// The same check for an action a person approved: the automatic value limit does not apply.
pub fn check_approved(proposal: &Proposal, order: &Order, policy: &Policy) -> Result<(), Refusal> {
    check_as(proposal, order, policy, true)
}

fn check_as(
    proposal: &Proposal,
    order: &Order,
    policy: &Policy,
    approved: bool,
) -> Result<(), Refusal> {
    let within_limit = |policy: &Policy, amount: i64| {
        if approved {
            Ok(())
        } else {
            within_limit(policy, amount)
        }
    };
    if proposal.needs_confirmation {
        return Err(Refusal::NeedsConfirmation);
    }
    if proposal.needs_approval {
        return Err(Refusal::NeedsApproval);
    }
    let offers = &policy.offers;
    match &proposal.action {
        Action::ChangeAddress { .. } => before_fulfilment(order, "changing the address"),
        Action::Cancel { .. } => before_fulfilment(order, "cancelling it"),
        Action::Refund {
            amount,
            store_credit,
            ..
        } => {
            if *store_credit && !offers.store_credit {
                return Err(Refusal::NotOffered("store credit"));
            }
            if !*store_credit && !offers.refund {
                return Err(Refusal::NotOffered("refunds"));
            }
            let total = order
                .total()
                .ok_or_else(|| Refusal::Invalid("the order has no value".into()))?;
            if amount.currency != total.currency {
                return Err(Refusal::Invalid(format!(
                    "the refund is in {} but the order is in {}",
                    String::from(amount.currency),
                    String::from(total.currency)
                )));
            }
            if amount.minor <= 0 || amount.minor > total.minor {
                return Err(Refusal::Invalid(format!(
                    "a refund must be more than 0 and at most the order total ({})",
                    total.minor
                )));
            }
            within_limit(policy, amount.minor)
        }
        Action::Reship { expedited, .. } => {
            if *expedited && !offers.expedited_reship {
                return Err(Refusal::NotOffered("expedited replacements"));
            }
            if !*expedited && !offers.reship {
                return Err(Refusal::NotOffered("replacements"));
            }
            if order.cancelled_at.is_some() || order.fulfillments.is_empty() {
                return Err(Refusal::NotEligible(format!(
                    "order {} has not shipped, so there is nothing to replace",
                    order.number
                )));
            }
            within_limit(policy, order.total().map_or(0, |m| m.minor))
        }
        Action::CarrierRedirect {
            tracking_number, ..
        } => {
            if !offers.carrier_redirect {
                return Err(Refusal::NotOffered("carrier redirects"));
            }
            own_parcel(order, tracking_number)
        }
        Action::OpenClaim {
            tracking_number, ..
        } => own_parcel(order, tracking_number),
        Action::ScheduleFollowUp { .. } | Action::Flag { .. } | Action::Handoff { .. } => Ok(()),
    }
}
