//! Actions as typed proposals: the core decides what should happen, the proxy does it.
//!
//! Anything that moves money or goods carries `needs_confirmation` until the shopper has said
//! yes to exactly that proposal in the conversation; the core never assumes consent.

use crate::domain::{Money, OrderNumber};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Something the proxy can execute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    /// Change the shipping address before the warehouse picks the order.
    ChangeAddress {
        order: OrderNumber,
        new_address: String,
    },
    /// Cancel an order that has not been fulfilled.
    Cancel { order: OrderNumber },
    /// Send the items again, optionally by the fastest service.
    Reship { order: OrderNumber, expedited: bool },
    /// Refund the order, to the payment method or as store credit.
    Refund {
        order: OrderNumber,
        amount: Money,
        store_credit: bool,
    },
    /// Open a missing-parcel claim with the carrier.
    OpenClaim {
        order: OrderNumber,
        tracking_number: String,
    },
    /// Look at the order again later and tell the shopper what changed.
    ScheduleFollowUp {
        order: OrderNumber,
        at: DateTime<Utc>,
        reason: String,
    },
    /// Ask the carrier to deliver a parcel in transit somewhere else.
    CarrierRedirect {
        order: OrderNumber,
        tracking_number: String,
    },
    /// Leave the team an internal note to chase something (a late pickup, a late order).
    Flag { order: OrderNumber, reason: String },
    /// Pass the conversation to a person with a summary.
    Handoff { reason: String, summary: String },
}

impl Action {
    /// Whether executing this moves money or goods (and so needs the shopper's yes).
    pub fn moves_money_or_goods(&self) -> bool {
        matches!(
            self,
            Self::ChangeAddress { .. }
                | Self::Cancel { .. }
                | Self::Reship { .. }
                | Self::Refund { .. }
                | Self::CarrierRedirect { .. }
        )
    }

    /// A stable snake_case name.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::ChangeAddress { .. } => "change_address",
            Self::Cancel { .. } => "cancel",
            Self::Reship { .. } => "reship",
            Self::Refund { .. } => "refund",
            Self::OpenClaim { .. } => "open_claim",
            Self::ScheduleFollowUp { .. } => "schedule_follow_up",
            Self::CarrierRedirect { .. } => "carrier_redirect",
            Self::Flag { .. } => "flag",
            Self::Handoff { .. } => "handoff",
        }
    }
}

/// An action the resolver proposes, with what must happen before the proxy may execute it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub action: Action,
    /// The shopper has not yet said yes to this exact action.
    pub needs_confirmation: bool,
    /// Above the policy's value limit: a person must approve it.
    pub needs_approval: bool,
}

impl Proposal {
    /// Whether the proxy may execute this now.
    pub fn is_executable(&self) -> bool {
        !self.needs_confirmation && !self.needs_approval
    }
}

/// A choice offered to the shopper when something went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Reship,
    ExpeditedReship,
    Refund,
    StoreCredit,
    Wait,
    CarrierRedirect,
    OpenClaim,
    TalkToPerson,
}

impl Choice {
    pub const ALL: [Choice; 8] = [
        Self::Reship,
        Self::ExpeditedReship,
        Self::Refund,
        Self::StoreCredit,
        Self::Wait,
        Self::CarrierRedirect,
        Self::OpenClaim,
        Self::TalkToPerson,
    ];
}
