//! What the resolver needs to know, in one serialisable bundle: the shape the proxy returns for an
//! order and the shape `wismo resolve` reads.

use crate::domain::{Order, Policy, Shipment};
use crate::resolve::Conversation;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One verified shopper's order with its parcels, the brand's policy and the server's time.
///
/// The proxy returns this from `GET /api/v1/orders/{number}`; `now` comes from the server so the
/// widget and the proxy reason about the same instant (and the demo's fixed clock holds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderContext {
    pub now: DateTime<Utc>,
    pub policy: Policy,
    pub order: Order,
    #[serde(default)]
    pub shipments: Vec<Shipment>,
}

/// A question to resolve: a message, the time, the policy and (once the shopper is verified) their order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub now: DateTime<Utc>,
    pub message: String,
    #[serde(default)]
    pub policy: Policy,
    #[serde(default)]
    pub order: Option<Order>,
    #[serde(default)]
    pub shipments: Vec<Shipment>,
    /// The conversation so far, as the previous Resolution returned it.
    #[serde(default)]
    pub conversation: Conversation,
}

impl Scenario {
    /// A scenario for a message before the shopper has identified an order.
    pub fn anonymous(now: DateTime<Utc>, message: impl Into<String>, policy: Policy) -> Self {
        Self {
            now,
            message: message.into(),
            policy,
            order: None,
            shipments: Vec::new(),
            conversation: Conversation::default(),
        }
    }

    /// The same scenario continuing an earlier conversation.
    pub fn continuing(mut self, conversation: Conversation) -> Self {
        self.conversation = conversation;
        self
    }

    /// A scenario for a message about a verified order.
    pub fn with_context(message: impl Into<String>, ctx: OrderContext) -> Self {
        Self {
            now: ctx.now,
            message: message.into(),
            policy: ctx.policy,
            order: Some(ctx.order),
            shipments: ctx.shipments,
            conversation: Conversation::default(),
        }
    }
}
