//! Webhooks that keep the proxy's copy of the shop current: verified (`signature`), stored raw
//! and deduplicated before they are acknowledged (`store`), then applied by a background worker
//! (`worker`) that turns Shopify's payloads into orders and parcels (`shopify`), and carrier
//! aggregators' (EasyPost, AfterShip) trackers into cached carrier data (`carriers`), each under
//! its own `provider` name in the same store.

pub mod carriers;
pub mod shopify;
mod signature;
pub mod store;
pub mod worker;

pub use signature::{SecretError, WebhookSecret};
pub use worker::{process_pending, spawn_worker};
