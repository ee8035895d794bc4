//! Actions carried out on the proxy's own tables: the demo shop (and any shop whose orders live
//! only here). Address changes and cancellations change the stored order; the remedies that
//! would move money or goods in a real shop are acknowledged with a reference.

use super::{ActionError, ActionOutcome, OrderActions};
use crate::clock::Clock;
use crate::db::{self, Db};
use anyhow::Context;
use async_trait::async_trait;
use std::sync::Arc;
use wismo::resolve::Action;
use wismo::{Address, FulfillmentStatus, Order, OrderData, Postcode};

/// The demo shop's hands.
#[derive(Clone)]
pub struct DbOrderActions {
    db: Db,
    shop: Arc<str>,
    clock: Arc<dyn Clock>,
}

impl DbOrderActions {
    /// Changes `shop`'s orders in `db`.
    pub fn new(db: Db, shop: &str, clock: Arc<dyn Clock>) -> Self {
        Self {
            db,
            shop: shop.into(),
            clock,
        }
    }

    /// Loads the order, lets `change` edit it and stores it, in one transaction; the order must
    /// still be unfulfilled when it is read there.
    async fn edit(
        &self,
        order: &Order,
        change: impl FnOnce(&mut OrderData),
    ) -> Result<(), ActionError> {
        let mut tx = self.db.begin().await?;
        let current = db::orders_in::load_order_in(&mut tx, &self.shop, &order.number)
            .await?
            .ok_or_else(|| ActionError::Rejected(format!("order {} is gone", order.number)))?;
        if current.fulfillment_status != FulfillmentStatus::Unfulfilled
            || current.cancelled_at.is_some()
        {
            return Err(ActionError::Rejected(format!(
                "order {} can no longer be changed",
                order.number
            )));
        }
        let mut data = OrderData::from(current);
        change(&mut data);
        let updated = Order::new(data).context("the edited order is not valid")?;
        db::orders_in::upsert_order(&mut tx, &self.shop, &updated, None).await?;
        tx.commit().await.context("committing an order change")?;
        Ok(())
    }
}

/// The address a shopper typed for `order`, or the refusal that says how to write it.
pub fn new_address(order: &Order, text: &str) -> Result<Address, ActionError> {
    parse_address(text, &order.shipping_address.country).ok_or_else(|| {
        ActionError::Rejected(
            "the new address needs a street, a city, and a region with a postcode, separated by commas".into(),
        )
    })
}

/// Reads "12 New Street, Springfield, IL 62704" (street, city, region and postcode); the
/// country stays the order's own.
pub fn parse_address(text: &str, country: &str) -> Option<Address> {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 3 {
        return None;
    }
    let (last, rest) = parts.split_last()?;
    let (city, street) = rest.split_last()?;
    let (region, postcode) = last.rsplit_once(' ')?;
    let postcode = Postcode::parse(postcode).ok()?;
    Some(Address {
        line1: street.join(", "),
        city: (*city).to_owned(),
        region: region.trim().to_owned(),
        postcode,
        country: country.to_owned(),
    })
}

#[async_trait]
impl OrderActions for DbOrderActions {
    async fn execute(&self, order: &Order, action: &Action) -> Result<ActionOutcome, ActionError> {
        let done =
            |detail: String, reference: Option<String>| Ok(ActionOutcome { detail, reference });
        match action {
            Action::ChangeAddress {
                new_address: text, ..
            } => {
                let address = new_address(order, text)?;
                let shown = format!(
                    "{}, {}, {} {}",
                    address.line1,
                    address.city,
                    address.region,
                    address.postcode.as_str()
                );
                self.edit(order, |d| d.shipping_address = address).await?;
                done(
                    format!(
                        "shipping address of order {} changed to {shown}",
                        order.number
                    ),
                    None,
                )
            }
            Action::Cancel { .. } => {
                let now = self.clock.now();
                self.edit(order, |d| d.cancelled_at = Some(now)).await?;
                done(format!("order {} cancelled", order.number), None)
            }
            Action::Refund {
                amount,
                store_credit,
                ..
            } => {
                let what = if *store_credit {
                    "store credit"
                } else {
                    "refund"
                };
                done(
                    format!(
                        "{what} of {} {} (minor units) for order {}",
                        amount.minor,
                        String::from(amount.currency),
                        order.number
                    ),
                    Some(format!("demo-refund-{}", order.number.as_str())),
                )
            }
            Action::Reship { expedited, .. } => done(
                format!(
                    "{} replacement for order {}",
                    if *expedited { "expedited" } else { "standard" },
                    order.number
                ),
                Some(format!("demo-reship-{}", order.number.as_str())),
            ),
            Action::OpenClaim {
                tracking_number, ..
            } => done(
                format!("claim opened for parcel {tracking_number}"),
                Some(format!("demo-claim-{tracking_number}")),
            ),
            Action::CarrierRedirect {
                tracking_number, ..
            } => done(
                format!("redirect requested for parcel {tracking_number}"),
                Some(format!("demo-redirect-{tracking_number}")),
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

#[cfg(test)]
mod tests {
    use super::parse_address;

    #[test]
    fn an_address_is_street_city_and_region_with_postcode() {
        let a = parse_address("12 New Street, Apt 4, Springfield, IL 62704", "US").unwrap();
        assert_eq!(a.line1, "12 New Street, Apt 4");
        assert_eq!(a.city, "Springfield");
        assert_eq!(a.region, "IL");
        assert_eq!(a.postcode.as_str(), "62704");
        assert!(parse_address("somewhere nice", "US").is_none());
        assert!(parse_address("1 Road, Town, IL", "US").is_none());
    }
}
