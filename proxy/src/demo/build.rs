//! Terse builders for the demo's orders and parcels, so the catalogue in `orders.rs` reads like a
//! table of facts. Everything goes through the core's validated constructors.

use anyhow::Context;
use chrono::{DateTime, Utc};
use wismo::carrier::Carrier;
use wismo::{
    Address, Currency, Customer, Fulfillment, FulfillmentStatus, LineItem, Money, Order, OrderData,
    OrderNumber, Postcode, Shipment, ShipmentData, TrackingEvent, TrackingNumber,
};

/// One demo order with its parcels as the carrier reports them.
pub struct DemoOrder {
    pub order: Order,
    pub shipments: Vec<Shipment>,
}

/// An instant written as RFC 3339 in the catalogue.
pub fn at(s: &str) -> anyhow::Result<DateTime<Utc>> {
    s.parse().with_context(|| format!("demo instant {s:?}"))
}

/// A shopper and where their order goes.
pub struct Shopper {
    pub email: &'static str,
    pub first_name: &'static str,
    pub line1: &'static str,
    pub city: &'static str,
    pub region: &'static str,
    pub postcode: &'static str,
    /// A mobile number the shopper agreed to get SMS updates on.
    pub sms: Option<&'static str>,
}

impl Shopper {
    /// The same shopper, reachable by SMS on `phone`.
    pub fn with_sms(mut self, phone: &'static str) -> Self {
        self.sms = Some(phone);
        self
    }
}

/// A product line: id, title, quantity, unit price in cents.
pub type Item = (&'static str, &'static str, u32, i64);

/// A parcel handed to a carrier: when, by whom, which items, and its scans.
pub struct Parcel {
    pub carrier: Carrier,
    pub tracking_number: &'static str,
    pub fulfilled_at: &'static str,
    pub items: &'static [&'static str],
    /// When the carrier was last asked about it.
    pub checked_at: &'static str,
    pub estimated_delivery: Option<&'static str>,
    /// (when, carrier code, carrier description, facility place or "").
    pub scans: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

/// What the shop knows about an order besides its parcels.
pub struct Spec {
    pub number: &'static str,
    pub created_at: &'static str,
    pub shopper: Shopper,
    pub items: &'static [Item],
    pub status: FulfillmentStatus,
    pub cancelled_at: Option<&'static str>,
    pub parcels: Vec<Parcel>,
}

impl Spec {
    pub fn build(self) -> anyhow::Result<DemoOrder> {
        let usd = Currency::try_from("USD".to_owned())?;
        let line_items = self
            .items
            .iter()
            .map(|&(id, title, quantity, cents)| LineItem {
                id: id.to_owned(),
                title: title.to_owned(),
                quantity,
                price: Money {
                    minor: cents,
                    currency: usd,
                },
                available_from: None,
            })
            .collect();
        let mut fulfillments = Vec::new();
        let mut shipments = Vec::new();
        for (i, p) in self.parcels.iter().enumerate() {
            let tracking_number = TrackingNumber::parse(p.tracking_number)?;
            fulfillments.push(Fulfillment {
                id: format!("{}-F{}", self.number, i + 1),
                created_at: at(p.fulfilled_at)?,
                carrier: p.carrier.clone(),
                tracking_number: tracking_number.clone(),
                line_item_ids: p.items.iter().map(|s| (*s).to_owned()).collect(),
            });
            let events = p
                .scans
                .iter()
                .map(|&(when, code, description, place)| {
                    let place = (!place.is_empty()).then(|| place.to_owned());
                    Ok(TrackingEvent::from_scan(
                        &p.carrier,
                        at(when)?,
                        code,
                        description,
                        place,
                    ))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            shipments.push(Shipment::new(ShipmentData {
                carrier: p.carrier.clone(),
                tracking_number,
                events,
                estimated_delivery: p.estimated_delivery.map(at).transpose()?,
                checked_at: at(p.checked_at)?,
                international: false,
            })?);
        }
        let s = &self.shopper;
        let order = Order::new(OrderData {
            number: OrderNumber::parse(self.number)?,
            name: None,
            created_at: at(self.created_at)?,
            customer: Customer {
                accepts_sms: s.sms.is_some(),
                accepts_whatsapp: false,
                // The shop does not tell us the shopper's time zone; the brand's is used.
                timezone: None,
                email: wismo::Email::parse(s.email)?,
                first_name: s.first_name.to_owned(),
                phone: s.sms.map(str::to_owned),
                locale: "en".to_owned(),
            },
            shipping_address: Address {
                line1: s.line1.to_owned(),
                city: s.city.to_owned(),
                region: s.region.to_owned(),
                postcode: Postcode::parse(s.postcode)?,
                country: "US".to_owned(),
            },
            line_items,
            fulfillment_status: self.status,
            fulfillments,
            cancelled_at: self.cancelled_at.map(at).transpose()?,
            shipping_service: "standard".to_owned(),
        })
        .with_context(|| format!("demo order {}", self.number))?;
        Ok(DemoOrder { order, shipments })
    }
}
