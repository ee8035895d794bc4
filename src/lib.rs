//! wismo's core: understands a shopper's message about an order and resolves it against the
//! shop's and the carrier's data under the brand's policy.
//!
//! Everything here is pure: time (`now`) and data come in as arguments, nothing reads a clock,
//! a file or the network, and the same code runs natively in the proxy and as wasm in the browser.

pub mod carrier;
pub mod context;
pub mod domain;
pub mod nlu;
pub mod outcomes;
pub mod outreach;
pub mod resolve;
pub mod track;
pub mod zone;

pub use context::{OrderContext, Scenario};
pub use domain::*;
pub use resolve::{resolve, OrderCard, Resolution};
pub use zone::Zone;
