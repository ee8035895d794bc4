//! The order proxy as a library, so tests drive the same router and commands the `wismo` binary runs.
//!
//! Only this crate knows SQL, HTTP and secrets; the core (`wismo`) stays pure. Shop data becomes
//! the core's validated domain types at this crate's edge (see `db`).

pub mod actions;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod conversations;
pub mod db;
pub mod demo;
pub mod error;
pub mod helpdesk;
pub mod http;
pub mod ops;
pub mod outbound;
pub mod outcomes;
pub mod outreach;
pub mod outside;
pub mod server;
pub mod shopify;
pub mod simulate;
pub mod source;
pub mod state;
pub mod storefront;
pub mod tracking;
pub mod webhooks;

pub use clock::{Clock, FixedClock, SystemClock};
pub use db::Db;
pub use error::AppError;
pub use http::app;
pub use source::{DbOrderSource, OrderSource};
pub use state::AppState;
