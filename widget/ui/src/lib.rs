//! Leptos components shared by every wasm surface that shows an order: the chat widget and the
//! agent sidebar draw the same order card (what the shopper sees) from the core's `OrderCard`,
//! with the same labels in four languages and the same styles.

pub mod labels;
pub mod order_card;

use leptos::prelude::*;

pub use order_card::{OrderCardView, ParcelView};

/// The order card's link to the order's tracking page, once an order is loaded (a context the
/// surface provides; without it the card shows no link).
#[derive(Debug, Clone, Copy)]
pub struct TrackingLink(pub RwSignal<Option<String>>);

/// The order card's styles; a surface adds them to its own (`--accent` is the brand colour).
pub const CARD_CSS: &str = r#"
.card{margin-top:10px;border:1px solid #e2e8f0;border-radius:10px;padding:10px 12px;background:#fff;white-space:normal}
.card.problem{border-color:#f59e0b;background:#fffbeb}
.card h3{margin:0;font-size:13px;color:#475569;font-weight:600}
.card .headline{margin:2px 0 6px;font-size:16px;font-weight:700;color:#0f172a}
.card .eta{margin:0 0 6px;color:#166534;font-weight:600}
.card ul{margin:0 0 8px;padding-left:18px;color:#334155}
.parcel{border-top:1px solid #e2e8f0;padding-top:8px;margin-top:6px}
.parcel .carrier{margin:0;font-weight:600}
.parcel .tn{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;color:#475569;font-weight:400}
.timeline{list-style:none;margin:6px 0 0;padding:0 0 0 12px;border-left:2px solid #cbd5e1}
.timeline li{position:relative;margin:0 0 7px;font-size:13.5px}
.timeline li::before{content:"";position:absolute;left:-18px;top:5px;width:10px;height:10px;border-radius:50%;background:#cbd5e1}
.timeline li:first-child::before{background:var(--accent)}
.more{margin:2px 0 0;border:0;background:none;padding:2px 0;color:var(--accent);font:600 13px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;cursor:pointer;text-decoration:underline}
.more:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.timeline time{display:block;font-size:12px;color:#64748b}
.card .track{display:inline-block;margin-top:8px;color:var(--accent);font-weight:600}
.card .track:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
"#;
