//! The shop itself, read and changed live through Shopify's Admin GraphQL API: a client that
//! honours the cost limit (`client`, `throttle`), the documents it sends (`queries`), GraphQL
//! orders as the core's types (`order`), and the order source and actions built on them.

mod actions;
mod client;
pub mod order;
mod queries;
mod source;
pub mod throttle;

pub use actions::ShopifyActions;
pub use client::{AdminApi, API_VERSION};
pub use source::ShopifyOrders;
