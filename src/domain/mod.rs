//! Domain types: validated on construction, so code that holds one can trust it.

mod ids;
mod order;
mod policy;
mod shipment;

pub use ids::{Email, IdError, OrderNumber, Postcode, TrackingNumber};
pub use order::{
    phone_digits, same_phone, Address, Currency, Customer, Fulfillment, FulfillmentStatus,
    LineItem, Money, Order, OrderData, OrderError, PHONE_MATCH_DIGITS,
};
pub use policy::{Offers, Policy, PolicyData, PolicyError, Product, QuietHours, Tone, TransitDays};
pub use shipment::{Shipment, ShipmentData, ShipmentError, TrackingEvent};
