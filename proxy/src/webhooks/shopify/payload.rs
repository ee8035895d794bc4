//! The parts of Shopify's REST webhook payloads (orders, fulfillments, fulfillment events) the
//! proxy reads. Everything else in a payload is ignored; fields Shopify sends as `null` are
//! optional here.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

/// Shopify ids arrive as JSON numbers (64-bit) in REST payloads, sometimes as strings.
pub(crate) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(u64),
        Text(String),
    }
    Ok(match Id::deserialize(d)? {
        Id::Number(n) => n.to_string(),
        Id::Text(s) => s,
    })
}

/// An optional id, as [`id`] reads it; `null` is none.
pub(crate) fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    struct Wrapped(#[serde(deserialize_with = "id")] String);
    Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(s)| s))
}

/// `orders/create`, `orders/updated`, `orders/cancelled` (and the other `orders/*` topics).
#[derive(Debug, Clone, Deserialize)]
pub struct Order {
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// The number shoppers see, without the shop's prefix: `1001` for `#1001`.
    pub order_number: Option<u64>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub contact_email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub currency: Option<String>,
    pub customer_locale: Option<String>,
    /// `null` (nothing shipped), `partial`, `fulfilled` or `restocked`.
    pub fulfillment_status: Option<String>,
    #[serde(default)]
    pub line_items: Vec<LineItem>,
    pub shipping_address: Option<Address>,
    pub customer: Option<Customer>,
    #[serde(default)]
    pub shipping_lines: Vec<ShippingLine>,
    /// Kept as JSON: each is stored and versioned like a `fulfillments/*` payload.
    #[serde(default)]
    pub fulfillments: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LineItem {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    pub quantity: u32,
    /// A decimal string in the order's currency, e.g. `"199.00"`.
    pub price: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Address {
    pub first_name: Option<String>,
    pub address1: Option<String>,
    pub address2: Option<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub province_code: Option<String>,
    pub zip: Option<String>,
    pub country_code: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Customer {
    /// The shop's customer id, which app proxy requests name as `logged_in_customer_id`.
    #[serde(default, deserialize_with = "opt_id")]
    pub id: Option<String>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShippingLine {
    pub title: Option<String>,
    pub code: Option<String>,
}

/// `fulfillments/create`, `fulfillments/update`, and each entry of an order's `fulfillments`.
#[derive(Debug, Clone, Deserialize)]
pub struct Fulfillment {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(deserialize_with = "id")]
    pub order_id: String,
    /// `pending`, `open`, `success`, `cancelled`, `error` or `failure`.
    pub status: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub tracking_company: Option<String>,
    pub tracking_number: Option<String>,
    #[serde(default)]
    pub tracking_numbers: Vec<String>,
    #[serde(default)]
    pub line_items: Vec<FulfillmentLineItem>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FulfillmentLineItem {
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// How many of the line item this fulfillment ships; the whole line when absent.
    #[serde(default)]
    pub quantity: Option<u32>,
}

/// `fulfillment_events/create`: one tracking update Shopify recorded for a fulfillment.
#[derive(Debug, Clone, Deserialize)]
pub struct FulfillmentEvent {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(deserialize_with = "id")]
    pub fulfillment_id: String,
    #[serde(deserialize_with = "id")]
    pub order_id: String,
    /// Shopify's status, e.g. `in_transit`, `out_for_delivery`, `delivered`, `failure`.
    pub status: String,
    pub message: Option<String>,
    pub happened_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub country: Option<String>,
    pub estimated_delivery_at: Option<DateTime<Utc>>,
}

impl Fulfillment {
    /// Whether the parcel is (or is about to be) on its way; cancelled and failed ones are not.
    pub fn is_active(&self) -> bool {
        !matches!(
            self.status.as_deref(),
            Some("cancelled" | "error" | "failure")
        )
    }

    /// Every tracking number, without blanks or repeats.
    pub fn all_tracking_numbers(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in self
            .tracking_numbers
            .iter()
            .chain(self.tracking_number.iter())
        {
            let t = t.trim();
            if !t.is_empty() && !out.iter().any(|o| o == t) {
                out.push(t.to_owned());
            }
        }
        out
    }
}
