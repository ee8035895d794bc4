//! Carrying the resolver's proposals out in Shopify: `orderUpdate` for a new shipping address,
//! `orderCancel`, and `refundCreate` against the order's payment. Each re-reads the order first,
//! because only Shopify knows whether the warehouse picked it a moment ago, and a mutation's
//! `userErrors` become a refusal the shopper is told about, never a silent failure.

use super::order::GqlOrder;
use super::queries;
use super::source::ShopifyOrders;
use crate::actions::{new_address, ActionError, ActionOutcome, OrderActions};
use crate::webhooks::shopify::decimal_amount;
use anyhow::Context;
use async_trait::async_trait;
use serde_json::{json, Value};
use std::sync::Arc;
use wismo::resolve::Action;
use wismo::Order;

/// A Shopify shop's hands.
#[derive(Debug, Clone)]
pub struct ShopifyActions {
    shop: Arc<ShopifyOrders>,
}

impl ShopifyActions {
    pub fn new(shop: Arc<ShopifyOrders>) -> Self {
        Self { shop }
    }

    /// The order as Shopify has it now, refused unless it is still untouched by the warehouse.
    async fn unfulfilled(&self, order: &Order, what: &str) -> Result<GqlOrder, ActionError> {
        let current = self
            .shop
            .find(&order.number)
            .await?
            .ok_or_else(|| ActionError::Rejected(format!("order {} is gone", order.number)))?;
        if current.cancelled_at.is_some() {
            return Err(ActionError::Rejected(format!(
                "order {} is cancelled, so {what} is no longer possible",
                order.number
            )));
        }
        if current.display_fulfillment_status != "UNFULFILLED" {
            return Err(ActionError::Rejected(format!(
                "order {} is already being fulfilled, so {what} is no longer possible",
                order.number
            )));
        }
        Ok(current)
    }

    async fn mutate(
        &self,
        document: &str,
        variables: Value,
        payload: &str,
    ) -> Result<Value, ActionError> {
        let data = self.shop.api().mutate(document, variables).await?;
        let result = data[payload].clone();
        let errors = ["userErrors", "orderCancelUserErrors"]
            .iter()
            .filter_map(|k| result[k].as_array())
            .flatten()
            .filter_map(|e| e["message"].as_str())
            .collect::<Vec<_>>();
        if !errors.is_empty() {
            return Err(ActionError::Rejected(format!(
                "Shopify refused: {}",
                errors.join("; ")
            )));
        }
        if result.is_null() {
            return Err(ActionError::Failed(anyhow::anyhow!(
                "Shopify answered {payload} without a result"
            )));
        }
        Ok(result)
    }

    /// The payment a refund goes back to: the order's successful sale or capture.
    async fn parent_payment(&self, order_id: &str) -> Result<Value, ActionError> {
        let data = self
            .shop
            .api()
            .query(queries::TRANSACTIONS, json!({ "id": order_id }))
            .await?;
        let transactions = data["order"]["transactions"]
            .as_array()
            .context("Shopify answered without transactions")?;
        transactions
            .iter()
            .find(|t| {
                t["status"].as_str() == Some("SUCCESS")
                    && matches!(t["kind"].as_str(), Some("SALE" | "CAPTURE"))
            })
            .cloned()
            .ok_or_else(|| ActionError::Rejected("the order has no payment to refund".into()))
    }
}

#[async_trait]
impl OrderActions for ShopifyActions {
    async fn execute(&self, order: &Order, action: &Action) -> Result<ActionOutcome, ActionError> {
        let done =
            |detail: String, reference: Option<String>| Ok(ActionOutcome { detail, reference });
        match action {
            Action::ChangeAddress {
                new_address: text, ..
            } => {
                let address = new_address(order, text)?;
                let current = self.unfulfilled(order, "changing the address").await?;
                let mut input = json!({
                    "address1": address.line1,
                    "city": address.city,
                    "provinceCode": address.region,
                    "zip": address.postcode.as_str(),
                    "countryCode": address.country,
                });
                // The name and phone stay as they were; only where it goes changes.
                for (key, value) in current.recipient() {
                    input[key] = json!(value);
                }
                self.mutate(
                    queries::ORDER_UPDATE,
                    json!({ "input": { "id": current.id, "shippingAddress": input } }),
                    "orderUpdate",
                )
                .await?;
                done(
                    format!(
                        "shipping address of order {} changed in Shopify to {}, {}, {} {}",
                        order.number,
                        address.line1,
                        address.city,
                        address.region,
                        address.postcode.as_str()
                    ),
                    None,
                )
            }
            Action::Cancel { .. } => {
                let current = self.unfulfilled(order, "cancelling it").await?;
                let result = self
                    .mutate(
                        queries::ORDER_CANCEL,
                        json!({
                            "orderId": current.id,
                            "reason": "CUSTOMER",
                            "refund": true,
                            "restock": true,
                            "notifyCustomer": true,
                            "staffNote": "Cancelled by wismo at the shopper's request",
                        }),
                        "orderCancel",
                    )
                    .await?;
                done(
                    format!(
                        "order {} cancelled in Shopify (refunded, restocked)",
                        order.number
                    ),
                    result["job"]["id"].as_str().map(str::to_owned),
                )
            }
            Action::Refund {
                amount,
                store_credit,
                ..
            } => {
                if *store_credit {
                    return Err(ActionError::Rejected(
                        "store credit is issued by the team in Shopify, not automatically".into(),
                    ));
                }
                let current = self.shop.find(&order.number).await?.ok_or_else(|| {
                    ActionError::Rejected(format!("order {} is gone", order.number))
                })?;
                let parent = self.parent_payment(&current.id).await?;
                let currency = String::from(amount.currency);
                let result = self
                    .mutate(
                        queries::REFUND_CREATE,
                        json!({ "input": {
                            "orderId": current.id,
                            "note": "Refunded by wismo under the shop's policy",
                            "notify": true,
                            "transactions": [{
                                "orderId": current.id,
                                "parentId": parent["id"],
                                "gateway": parent["gateway"],
                                "kind": "REFUND",
                                "amount": decimal_amount(amount.minor, &currency),
                            }],
                        }}),
                        "refundCreate",
                    )
                    .await?;
                done(
                    format!(
                        "refund of {} {currency} for order {} created in Shopify",
                        decimal_amount(amount.minor, &currency),
                        order.number
                    ),
                    result["refund"]["id"].as_str().map(str::to_owned),
                )
            }
            // The rest happen outside Shopify: the team acts on the helpdesk note.
            Action::Reship { expedited, .. } => done(
                format!(
                    "{} replacement for order {} requested from the team",
                    if *expedited { "expedited" } else { "standard" },
                    order.number
                ),
                None,
            ),
            Action::OpenClaim {
                tracking_number, ..
            } => done(
                format!("claim for parcel {tracking_number} requested from the team"),
                None,
            ),
            Action::CarrierRedirect {
                tracking_number, ..
            } => done(
                format!("redirect of parcel {tracking_number} requested from the team"),
                None,
            ),
            Action::ScheduleFollowUp { at, reason, .. } => done(
                format!("follow-up scheduled for {} ({reason})", at.to_rfc3339()),
                None,
            ),
            Action::Flag { reason, .. } => done(format!("flagged for the team: {reason}"), None),
            Action::Handoff { reason, .. } => done(format!("handed to a person: {reason}"), None),
        }
    }
}
