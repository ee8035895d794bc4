//! Storage on SQLite (the default) or PostgreSQL (when the database is a `postgres://` URL),
//! through sqlx's `Any` driver so every query is written once and runs on both.
//!
//! To keep the queries honest on both, the schema uses only what both databases read the same
//! way through `Any`: TEXT, 64-bit integers (flags are 0/1) and bytes. Times are RFC 3339 text
//! in UTC with a fixed width ([`time::to_db`]), so they also sort and compare correctly as text.
//! Placeholders are `$1`, `$2`, … which SQLite accepts too. Only the migrations differ (types
//! such as BYTEA or identity columns), one directory per database with the same versions.

mod conn;
mod customers;
mod orders;
pub mod time;

/// The order queries that run inside a caller's transaction.
pub(crate) mod orders_in {
    pub(crate) use super::customers::set_customer_id_in;
    pub(crate) use super::orders::{
        in_list, insert_event, json_list, load_order_in, upsert_order, upsert_shipment,
    };
}

pub use conn::{Backend, Db};
pub use customers::{orders_of_customer, orders_with_email, set_customer_id};
pub use orders::{
    adopt_unowned, insert_order, insert_shipment, load_order, load_orders_of, load_shipments,
    load_shipments_of, name_key, order_count, order_named,
};
