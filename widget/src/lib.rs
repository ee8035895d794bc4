//! The wismo chat widget: Leptos CSR compiled to wasm, mounted in a shadow root by `www/wismo.js`.
//! It understands and answers messages with the core itself and asks the proxy only for data.

mod api;
mod app;
mod chat;
mod composer;
mod events;
mod flow;
mod launcher;
mod message_list;
mod mount;
mod panel;
mod quick_replies;
mod rating;
mod report;
mod style;

// The order card and the labels are shared with the agent sidebar.
use wismo_ui::{labels, order_card};

pub use mount::{mount, Handle};
