//! A GraphQL `Order` (the `WismoOrder` fragment) as the core's validated `Order` and the
//! `Shipment`s Shopify itself knows: each tracked fulfillment with its events, whose
//! `FulfillmentEventStatus` codes the core translates as `Carrier::Shopify`.

use crate::webhooks::shopify::{minor_units, service_named};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use wismo::carrier::Carrier;
use wismo::{
    Address, Currency, Customer, Email, Fulfillment, FulfillmentStatus, LineItem, Money, Order,
    OrderData, OrderNumber, Postcode, Shipment, ShipmentData, TrackingEvent, TrackingNumber,
};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GqlOrder {
    pub id: String,
    pub name: String,
    email: Option<String>,
    phone: Option<String>,
    created_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    customer_locale: Option<String>,
    pub display_fulfillment_status: String,
    customer: Option<GqlCustomer>,
    shipping_address: Option<GqlAddress>,
    shipping_line: Option<GqlShippingLine>,
    line_items: Nodes<GqlLineItem>,
    #[serde(default)]
    fulfillments: Vec<GqlFulfillment>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Nodes<T> {
    pub nodes: Vec<T>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GqlCustomer {
    first_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GqlAddress {
    address1: Option<String>,
    address2: Option<String>,
    city: Option<String>,
    province: Option<String>,
    province_code: Option<String>,
    zip: Option<String>,
    country_code_v2: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct GqlShippingLine {
    title: Option<String>,
    code: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GqlLineItem {
    id: String,
    title: Option<String>,
    quantity: u32,
    original_unit_price_set: MoneyBag,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MoneyBag {
    pub shop_money: GqlMoney,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GqlMoney {
    pub amount: String,
    pub currency_code: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GqlFulfillment {
    id: String,
    status: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    estimated_delivery_at: Option<DateTime<Utc>>,
    #[serde(default)]
    tracking_info: Vec<GqlTracking>,
    fulfillment_line_items: Nodes<GqlFulfillmentLineItem>,
    events: Nodes<GqlEvent>,
}

#[derive(Debug, Clone, Deserialize)]
struct GqlTracking {
    company: Option<String>,
    number: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GqlFulfillmentLineItem {
    line_item: GqlId,
}

#[derive(Debug, Clone, Deserialize)]
struct GqlId {
    id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GqlEvent {
    status: String,
    message: Option<String>,
    happened_at: DateTime<Utc>,
    city: Option<String>,
    province: Option<String>,
    estimated_delivery_at: Option<DateTime<Utc>>,
}

/// `gid://shopify/LineItem/13000000001` → `13000000001`, the id webhooks use for the same item.
pub fn legacy_id(gid: &str) -> &str {
    gid.rsplit('/').next().unwrap_or(gid)
}

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl GqlOrder {
    /// The order number shoppers see: the digits of `name` (`#1001` → `1001`).
    pub fn number(&self) -> Result<OrderNumber, String> {
        let digits: String = self.name.chars().filter(char::is_ascii_digit).collect();
        OrderNumber::parse(&digits).map_err(|e| format!("order {}: {e}", self.name))
    }

    /// Who the parcel is addressed to, as `MailingAddressInput` keys: kept when the address changes.
    pub fn recipient(&self) -> Vec<(&'static str, &str)> {
        let Some(a) = &self.shipping_address else {
            return Vec::new();
        };
        [
            ("firstName", &a.first_name),
            ("lastName", &a.last_name),
            ("phone", &a.phone),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, present(v)?)))
        .collect()
    }

    /// The address the order was placed with, or its customer's.
    pub fn email(&self) -> Option<&str> {
        present(&self.email).or_else(|| self.customer.as_ref().and_then(|c| present(&c.email)))
    }

    /// The core's order and the parcels as Shopify tracks them.
    pub fn to_core(&self) -> Result<(Order, Vec<Shipment>), String> {
        let who = &self.name;
        let code = self.line_items.nodes.first().map_or("USD", |li| {
            li.original_unit_price_set.shop_money.currency_code.as_str()
        });
        let currency = Currency::try_from(code.to_owned()).map_err(|e| e.to_string())?;
        let line_items = self
            .line_items
            .nodes
            .iter()
            .map(|li| {
                let price = &li.original_unit_price_set.shop_money;
                let minor = minor_units(&price.amount, &price.currency_code).ok_or_else(|| {
                    format!("order {who}: price {:?} is not an amount", price.amount)
                })?;
                Ok(LineItem {
                    id: legacy_id(&li.id).to_owned(),
                    title: li.title.clone().unwrap_or_default(),
                    quantity: li.quantity,
                    price: Money { minor, currency },
                    available_from: None,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;

        let mut parcels = Vec::new();
        let mut shipments = Vec::new();
        let mut untracked = false;
        let active = self
            .fulfillments
            .iter()
            .filter(|f| !matches!(f.status.as_str(), "CANCELLED" | "ERROR" | "FAILURE"));
        for f in active {
            // As with webhooks: something that is no tracking number at all ("N/A") is left
            // out, and the parcel counts as shipped without tracking; it never sinks the order.
            let numbers: Vec<(TrackingNumber, Option<&str>)> = f
                .tracking_info
                .iter()
                .filter_map(|t| Some((present(&t.number)?, present(&t.company))))
                .filter_map(|(raw, company)| match TrackingNumber::parse(raw) {
                    Ok(n) => Some((n, company)),
                    Err(e) => {
                        tracing::warn!(fulfillment = %f.id, number = raw, error = %e, "tracking number left out");
                        None
                    }
                })
                .collect();
            untracked |= numbers.is_empty();
            for (i, (tracking_number, company)) in numbers.iter().enumerate() {
                let carrier = Carrier::parse(company.unwrap_or_default());
                let fid = legacy_id(&f.id);
                parcels.push(Fulfillment {
                    id: if numbers.len() == 1 {
                        fid.to_owned()
                    } else {
                        format!("{fid}-{}", i + 1)
                    },
                    created_at: f.created_at,
                    carrier: carrier.clone(),
                    tracking_number: tracking_number.clone(),
                    line_item_ids: f
                        .fulfillment_line_items
                        .nodes
                        .iter()
                        .map(|n| legacy_id(&n.line_item.id).to_owned())
                        .filter(|id| line_items.iter().any(|li| &li.id == id))
                        .collect(),
                });
                let events: Vec<TrackingEvent> = f
                    .events
                    .nodes
                    .iter()
                    .map(|e| {
                        let place = [present(&e.city), present(&e.province)]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", ");
                        TrackingEvent::from_scan(
                            &Carrier::Shopify,
                            e.happened_at,
                            &e.status,
                            e.message.as_deref().unwrap_or_default(),
                            (!place.is_empty()).then_some(place),
                        )
                    })
                    .collect();
                let checked_at = events
                    .iter()
                    .map(|e| e.at)
                    .chain([f.updated_at])
                    .max()
                    .unwrap_or(f.updated_at);
                let estimated_delivery = f.estimated_delivery_at.or_else(|| {
                    f.events
                        .nodes
                        .iter()
                        .rev()
                        .find_map(|e| e.estimated_delivery_at)
                });
                shipments.push(
                    Shipment::new(ShipmentData {
                        carrier,
                        tracking_number: tracking_number.clone(),
                        events,
                        estimated_delivery,
                        checked_at,
                        international: false,
                    })
                    .map_err(|e| format!("fulfillment {}: {e}", f.id))?,
                );
            }
        }

        let stated = match self.display_fulfillment_status.as_str() {
            "FULFILLED" => FulfillmentStatus::Fulfilled,
            "PARTIALLY_FULFILLED" => FulfillmentStatus::PartiallyFulfilled,
            "IN_PROGRESS" | "PENDING_FULFILLMENT" => FulfillmentStatus::InProgress,
            _ => FulfillmentStatus::Unfulfilled,
        };
        // As with webhooks: parcels, or fulfillments without tracking, mean the warehouse has it.
        let fulfillment_status = match (stated, parcels.is_empty()) {
            (FulfillmentStatus::Unfulfilled, false) => FulfillmentStatus::PartiallyFulfilled,
            (FulfillmentStatus::Unfulfilled, true) if untracked => FulfillmentStatus::InProgress,
            (FulfillmentStatus::Fulfilled | FulfillmentStatus::PartiallyFulfilled, true) => {
                FulfillmentStatus::InProgress
            }
            (s, _) => s,
        };
        let order = Order::new(OrderData {
            number: self.number()?,
            name: Some(self.name.trim().to_owned()).filter(|n| !n.is_empty()),
            created_at: self.created_at,
            customer: self.customer()?,
            shipping_address: self.address()?,
            line_items,
            fulfillment_status,
            fulfillments: parcels,
            cancelled_at: self.cancelled_at,
            shipping_service: service_named(
                &self
                    .shipping_line
                    .as_ref()
                    .map(|l| {
                        format!(
                            "{} {}",
                            l.title.as_deref().unwrap_or_default(),
                            l.code.as_deref().unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
            ),
        })
        .map_err(|e| format!("order {who}: {e}"))?;
        Ok((order, shipments))
    }

    fn customer(&self) -> Result<Customer, String> {
        let c = self.customer.as_ref();
        let email = present(&self.email)
            .or_else(|| c.and_then(|c| present(&c.email)))
            .ok_or_else(|| format!("order {} has no e-mail address", self.name))?;
        let email = Email::parse(email).map_err(|e| format!("order {}: {e}", self.name))?;
        let ship = self.shipping_address.as_ref();
        Ok(Customer {
            accepts_sms: false,
            accepts_whatsapp: false,
            // The shop does not tell us the shopper's time zone; the brand's is used.
            timezone: None,
            email,
            first_name: c
                .and_then(|c| present(&c.first_name))
                .or_else(|| ship.and_then(|a| present(&a.first_name)))
                .unwrap_or_default()
                .to_owned(),
            phone: present(&self.phone)
                .or_else(|| c.and_then(|c| present(&c.phone)))
                .or_else(|| ship.and_then(|a| present(&a.phone)))
                .map(str::to_owned),
            locale: self
                .customer_locale
                .as_deref()
                .and_then(|l| l.split(['-', '_']).next())
                .filter(|l| l.len() == 2)
                .unwrap_or("en")
                .to_ascii_lowercase(),
        })
    }

    fn address(&self) -> Result<Address, String> {
        let a = self
            .shipping_address
            .as_ref()
            .ok_or_else(|| format!("order {} has no shipping address", self.name))?;
        let postcode = Postcode::parse(a.zip.as_deref().unwrap_or_default())
            .map_err(|e| format!("order {}: shipping address: {e}", self.name))?;
        let line1 = [present(&a.address1), present(&a.address2)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        Ok(Address {
            line1,
            city: a.city.clone().unwrap_or_default(),
            region: present(&a.province_code)
                .or_else(|| present(&a.province))
                .unwrap_or_default()
                .to_owned(),
            postcode,
            country: a.country_code_v2.clone().unwrap_or_default(),
        })
    }
}
