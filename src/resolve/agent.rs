//! What a support agent sees: a summary with the evidence, and a suggested reply with the
//! helpdesk macro variables filled in.

use super::situation::{Fact, Situation};
use super::text::headline;
use crate::carrier::Lang;
use crate::domain::{Order, Shipment};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The agent-facing side of a resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentView {
    /// One paragraph: the order, its situation, the evidence and what the shopper asked.
    pub summary: String,
    /// A reply the agent can send as is, in the shopper's language.
    pub suggested_reply: String,
    /// Helpdesk macro variables: Order_Status, Tracking_Number, Expected_Delivery_Date.
    pub macros: BTreeMap<String, String>,
}

pub(super) fn build(
    order: &Order,
    shipments: &[&Shipment],
    situation: &Situation,
    facts: &[Fact],
    asked: &str,
    eta: Option<String>,
    reply: &str,
) -> AgentView {
    let tracking: Vec<&str> = shipments
        .iter()
        .map(|s| s.tracking_number.as_str())
        .collect();
    let mut summary = format!(
        "Order {} ({}), {} parcel(s): {}. Shopper asked: {asked}.",
        order.display_name(),
        order.customer.email,
        shipments.len(),
        situation.kind()
    );
    for f in facts {
        summary.push_str(&format!(
            " [{:?} as of {}] {}.",
            f.source,
            f.as_of.format("%Y-%m-%d %H:%M UTC"),
            f.statement
        ));
    }
    let mut macros = BTreeMap::new();
    macros.insert(
        "Order_Status".to_owned(),
        headline(situation, Lang::En).to_owned(),
    );
    macros.insert("Tracking_Number".to_owned(), tracking.join(", "));
    macros.insert("Expected_Delivery_Date".to_owned(), eta.unwrap_or_default());
    AgentView {
        summary,
        suggested_reply: reply.to_owned(),
        macros,
    }
}
