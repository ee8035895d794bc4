//! The shop's view of an order: what was bought, by whom, and what the warehouse did with it.

use super::ids::{Email, OrderNumber, Postcode, TrackingNumber};
use crate::carrier::Carrier;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who placed the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub email: Email,
    #[serde(default)]
    pub first_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Whether the shopper agreed to be messaged by SMS (proactive notices go by SMS only then).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accepts_sms: bool,
    /// Whether the shopper agreed to be messaged on WhatsApp.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accepts_whatsapp: bool,
    /// Preferred language as a two-letter code, e.g. "en".
    #[serde(default = "default_locale")]
    pub locale: String,
    /// The shopper's IANA time zone when the shop knows it; "Saturday" in a message means their
    /// Saturday. The brand's time zone is used otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// The shortest phone number two messages can be matched on: a national number without its
/// country code has at least this many digits in most numbering plans.
pub const PHONE_MATCH_DIGITS: usize = 9;

/// A phone number's digits, whatever it was written with ("+1 (415) 555-0134" is
/// "14155550134"); `None` when too few remain to tell shoppers apart.
pub fn phone_digits(raw: &str) -> Option<String> {
    let d: String = raw.chars().filter(char::is_ascii_digit).collect();
    let d = d.strip_prefix("00").map(str::to_owned).unwrap_or(d);
    (d.len() >= PHONE_MATCH_DIGITS && d.len() <= 15).then_some(d)
}

/// Whether two written phone numbers are the same line: equal digits, or one the other with a
/// country code in front ("415 555 0134" and "+1 415 555 0134"). Numbers with too few digits
/// never match.
pub fn same_phone(a: &str, b: &str) -> bool {
    let (Some(a), Some(b)) = (phone_digits(a), phone_digits(b)) else {
        return false;
    };
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // A national number may start with a trunk 0 the international form drops.
    let short = short
        .strip_prefix('0')
        .filter(|s| s.len() >= PHONE_MATCH_DIGITS)
        .unwrap_or(&short);
    long.ends_with(short) && (long.len() - short.len() <= 3)
}

impl Customer {
    /// The last digits of the shopper's phone, as stored for finding them by an inbound
    /// message (then confirmed with [`same_phone`]).
    pub fn phone_key(&self) -> Option<String> {
        let d = phone_digits(self.phone.as_deref()?)?;
        Some(d[d.len() - PHONE_MATCH_DIGITS..].to_owned())
    }
}

#[cfg(test)]
mod phone_tests {
    use super::*;

    #[test]
    fn phones_match_with_or_without_country_code_and_punctuation() {
        assert!(same_phone("+1 (415) 555-0134", "4155550134"));
        assert!(same_phone("14155550134", "+14155550134"));
        assert!(same_phone("+33 6 12 34 56 78", "06 12 34 56 78"));
        assert!(same_phone("0049 170 1234567", "+491701234567"));
        assert!(!same_phone("+1 415 555 0134", "+44 415 555 0134"));
        assert!(!same_phone("555-0134", "555-0134"));
        assert!(!same_phone("+14155550134", "+14155550135"));
        assert_eq!(phone_digits("call me"), None);
    }
}

fn default_locale() -> String {
    "en".to_owned()
}

/// Where the order is going.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub line1: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub region: String,
    pub postcode: Postcode,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// An amount of money in minor units (cents), so arithmetic is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

/// ISO 4217 currency code, three uppercase letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl TryFrom<String> for Currency {
    type Error = OrderError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let b = s.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_uppercase) {
            return Err(OrderError::Currency(s));
        }
        Ok(Self([b[0], b[1], b[2]]))
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.0.iter().map(|&b| b as char).collect()
    }
}

/// One product line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    pub id: String,
    pub title: String,
    pub quantity: u32,
    pub price: Money,
    /// Pre-order or backorder: ships when stock arrives, not within processing time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_from: Option<DateTime<Utc>>,
}

/// The warehouse's progress, as the shop records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FulfillmentStatus {
    Unfulfilled,
    /// Picked and packed: too late to change the address in the warehouse.
    InProgress,
    PartiallyFulfilled,
    Fulfilled,
}

/// One parcel the shop handed (or will hand) to a carrier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fulfillment {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub carrier: Carrier,
    pub tracking_number: TrackingNumber,
    /// Ids of the line items in this parcel.
    #[serde(default)]
    pub line_item_ids: Vec<String>,
}

/// The fields of an [`Order`] before validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderData {
    pub number: OrderNumber,
    /// The order's name as the shop shows it to the shopper, with the shop's prefix or suffix
    /// ("NW1234", "#1234-US"); `#` and the number when the shop has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub customer: Customer,
    pub shipping_address: Address,
    pub line_items: Vec<LineItem>,
    pub fulfillment_status: FulfillmentStatus,
    #[serde(default)]
    pub fulfillments: Vec<Fulfillment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Shipping service as sold, e.g. "standard" or "express"; keys the policy's transit times.
    #[serde(default = "default_service")]
    pub shipping_service: String,
}

fn default_service() -> String {
    "standard".to_owned()
}

/// Why an order was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    /// An order must contain at least one line item.
    #[error("order has no line items")]
    NoLineItems,
    /// A line item has quantity zero.
    #[error("line item {0} has quantity 0")]
    ZeroQuantity(String),
    /// A fulfillment names a line item the order does not have.
    #[error("fulfillment {fulfillment} names unknown line item {line_item}")]
    UnknownLineItem {
        fulfillment: String,
        line_item: String,
    },
    /// Cancelled before it was created.
    #[error("order was cancelled before it was created")]
    CancelledBeforeCreated,
    /// A currency code that is not three uppercase letters.
    #[error("currency {0:?} is not an ISO 4217 code")]
    Currency(String),
    /// The customer's time zone is not an IANA name.
    #[error("customer time zone {0:?} is not an IANA name such as \"America/Chicago\"")]
    TimeZone(String),
    /// The order's name is empty, longer than 40 characters or has control characters.
    #[error("order name {0:?} must be 1 to 40 printable characters")]
    Name(String),
    /// A fulfilled order has no fulfillments to show for it.
    #[error("order is marked {0:?} but has no fulfillments")]
    FulfilledWithoutParcels(FulfillmentStatus),
}

/// An order, validated: it has items, its parcels name real items, and its dates make sense.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "OrderData", into = "OrderData")]
pub struct Order(OrderData);

impl Order {
    /// The shopper's time zone, if the shop knows it.
    pub fn shopper_tz(&self) -> Option<crate::Zone> {
        self.0
            .customer
            .timezone
            .as_deref()
            .and_then(|t| t.parse().ok())
    }

    pub fn new(data: OrderData) -> Result<Self, OrderError> {
        if data.line_items.is_empty() {
            return Err(OrderError::NoLineItems);
        }
        if let Some(li) = data.line_items.iter().find(|li| li.quantity == 0) {
            return Err(OrderError::ZeroQuantity(li.id.clone()));
        }
        for f in &data.fulfillments {
            for id in &f.line_item_ids {
                if !data.line_items.iter().any(|li| &li.id == id) {
                    return Err(OrderError::UnknownLineItem {
                        fulfillment: f.id.clone(),
                        line_item: id.clone(),
                    });
                }
            }
        }
        if matches!(
            data.fulfillment_status,
            FulfillmentStatus::Fulfilled | FulfillmentStatus::PartiallyFulfilled
        ) && data.fulfillments.is_empty()
        {
            return Err(OrderError::FulfilledWithoutParcels(data.fulfillment_status));
        }
        if let Some(tz) = &data.customer.timezone {
            if tz.parse::<crate::Zone>().is_err() {
                return Err(OrderError::TimeZone(tz.clone()));
            }
        }
        if let Some(name) = &data.name {
            if name.trim().is_empty()
                || name.chars().count() > 40
                || name.chars().any(char::is_control)
            {
                return Err(OrderError::Name(name.clone()));
            }
        }
        if data.cancelled_at.is_some_and(|c| c < data.created_at) {
            return Err(OrderError::CancelledBeforeCreated);
        }
        Ok(Self(data))
    }

    /// How the shopper knows the order: its name as the shop shows it ("NW1234", "#1234-US"),
    /// else `#` and its number.
    pub fn display_name(&self) -> String {
        self.0
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map_or_else(|| self.0.number.to_string(), str::to_owned)
    }

    /// The order total in its currency.
    pub fn total(&self) -> Option<Money> {
        let first = self.0.line_items.first()?;
        let minor = self
            .0
            .line_items
            .iter()
            .map(|li| li.price.minor * i64::from(li.quantity))
            .sum();
        Some(Money {
            minor,
            currency: first.price.currency,
        })
    }

    /// The items in a given parcel, by title.
    pub fn items_in(&self, fulfillment: &Fulfillment) -> Vec<&LineItem> {
        self.0
            .line_items
            .iter()
            .filter(|li| fulfillment.line_item_ids.contains(&li.id))
            .collect()
    }
}

impl std::ops::Deref for Order {
    type Target = OrderData;
    fn deref(&self) -> &OrderData {
        &self.0
    }
}

impl TryFrom<OrderData> for Order {
    type Error = OrderError;
    fn try_from(d: OrderData) -> Result<Self, Self::Error> {
        Self::new(d)
    }
}

impl From<Order> for OrderData {
    fn from(o: Order) -> Self {
        o.0
    }
}
