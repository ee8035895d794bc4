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

/// An action an agent may take on an order from the helpdesk sidebar: the proposal to send to
/// the proxy, what it will do and what it is worth, in plain English for the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentAction {
    /// Ready to execute once the agent clicks (the shopper asked a person, so no further yes
    /// is needed); `needs_approval` when it is above the policy's value limit, until the agent
    /// approves it in the sidebar.
    pub proposal: super::Proposal,
    /// "Send a replacement".
    pub label: String,
    /// What it will do: "Ships 1 × Canvas Daypack, 2 × Merino Wool Beanie to the shopper again.".
    pub effect: String,
    /// What it is worth, "$129.00", when it moves money or goods of a known value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The agent must type a new address first (an address change).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_address: bool,
}

/// The actions the policy allows an agent for `order` now, given its parcels' situations.
/// The proxy re-checks each when it is executed, as it does for shoppers.
pub fn actions(
    order: &Order,
    parcels: &[(&Shipment, Situation)],
    policy: &crate::domain::Policy,
) -> Vec<AgentAction> {
    use super::action::{Action, Proposal};
    let offers = &policy.offers;
    let total = order.total();
    let value = total
        .as_ref()
        .map(|m| super::i18n::money(Lang::En, m.minor, &String::from(m.currency)));
    let over = |minor: i64| offers.auto_limit_minor > 0 && minor > offers.auto_limit_minor;
    let total_over = total.as_ref().is_some_and(|m| over(m.minor));
    let items: Vec<String> = order
        .line_items
        .iter()
        .map(|li| format!("{} × {}", li.quantity, li.title))
        .collect();
    let items = items.join(", ");
    let number = order.number.clone();
    let name = order.display_name();
    let proposal = |action: Action, needs_approval: bool| Proposal {
        action,
        needs_confirmation: false,
        needs_approval,
    };
    let shipped = order.cancelled_at.is_none() && !order.fulfillments.is_empty();
    let unshipped = order.cancelled_at.is_none() && order.fulfillments.is_empty();
    let mut out = Vec::new();
    if shipped && offers.reship {
        out.push(AgentAction {
            proposal: proposal(
                Action::Reship {
                    order: number.clone(),
                    expedited: false,
                },
                total_over,
            ),
            label: "Send a replacement".into(),
            effect: format!("Ships {items} to the shopper again, at no charge."),
            value: value.clone(),
            needs_address: false,
        });
    }
    if shipped && offers.expedited_reship {
        out.push(AgentAction {
            proposal: proposal(
                Action::Reship {
                    order: number.clone(),
                    expedited: true,
                },
                total_over,
            ),
            label: "Send a replacement, expedited".into(),
            effect: format!("Ships {items} again by the fastest service, at no charge."),
            value: value.clone(),
            needs_address: false,
        });
    }
    if let Some(t) = &total {
        if order.cancelled_at.is_none() && (offers.refund || offers.store_credit) {
            let store_credit = !offers.refund;
            out.push(AgentAction {
                proposal: proposal(
                    Action::Refund {
                        order: number.clone(),
                        amount: *t,
                        store_credit,
                    },
                    total_over,
                ),
                label: if store_credit {
                    "Give store credit".into()
                } else {
                    "Refund the order".into()
                },
                effect: if store_credit {
                    format!("Credits the full value of {name} to the shopper's account.")
                } else {
                    format!("Refunds the full value of {name} to the original payment method.")
                },
                value: value.clone(),
                needs_address: false,
            });
        }
    }
    if unshipped {
        out.push(AgentAction {
            proposal: proposal(
                Action::ChangeAddress {
                    order: number.clone(),
                    new_address: String::new(),
                },
                false,
            ),
            label: "Change the address".into(),
            effect: format!("Ships {name} to the address you type, before the warehouse picks it."),
            value: None,
            needs_address: true,
        });
    }
    for (s, sit) in parcels {
        let tn = s.tracking_number.as_str().to_owned();
        let carrier = s.carrier.display_name();
        let moving = matches!(
            sit,
            Situation::InTransit { .. } | Situation::Exception { .. } | Situation::Stalled { .. }
        );
        if moving && offers.carrier_redirect {
            out.push(AgentAction {
                proposal: proposal(
                    Action::CarrierRedirect {
                        order: number.clone(),
                        tracking_number: tn.clone(),
                    },
                    false,
                ),
                label: format!("Ask {carrier} to redirect {tn}"),
                effect: format!(
                    "Asks {carrier} to deliver parcel {tn} elsewhere; the carrier decides and may charge a fee."
                ),
                value: None,
                needs_address: false,
            });
        }
        let claimable = matches!(
            sit,
            Situation::Delivered { .. } | Situation::Lost { .. } | Situation::Stalled { .. }
        );
        if claimable {
            out.push(AgentAction {
                proposal: proposal(
                    Action::OpenClaim {
                        order: number.clone(),
                        tracking_number: tn.clone(),
                    },
                    false,
                ),
                label: format!("Open a claim with {carrier}"),
                effect: format!("Files a missing-parcel claim with {carrier} for {tn}."),
                value: None,
                needs_address: false,
            });
        }
    }
    out
}
