//! Webhooks that keep the proxy's copy of the shop current: verified (`signature`), stored raw
//! and deduplicated before they are acknowledged (`store`), then applied by a background worker
//! (`worker`) that turns Shopify's payloads into orders and parcels (`shopify`).
//!
//! Carrier aggregators' webhooks (EasyPost, AfterShip) will sit beside `shopify` and go through
//! the same store and worker under their own `provider` name.

pub mod shopify;
mod signature;
pub mod store;
pub mod worker;

pub use signature::{SecretError, WebhookSecret};
pub use worker::{process_pending, spawn_worker};
