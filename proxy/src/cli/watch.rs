//! `wismo watch`: the proactive notices due for one order, from the same scenario JSON
//! `wismo resolve` reads (without `message`), plus what was already sent; how the core's outreach
//! decisions are inspected from the outside.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::io::{Read, Write};
use wismo::outreach::{self, Channel, Sent};
use wismo::{Order, Policy, Shipment};

/// Why the input could not be watched.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// Standard input or output failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The input is not a valid watch document.
    #[error("invalid watch JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// What `wismo watch` reads: a scenario's `now`, `policy`, `order` and `shipments`, and
/// optionally `sent` (`[{"key", "at"}]`), `opted_out` (channels the shopper said STOP on) and
/// `follow_up_at` (when the delivered-not-found conversation promised to check back). A
/// scenario's `message` and `conversation` may be present and are ignored.
#[derive(Debug, Deserialize)]
struct Input {
    now: DateTime<Utc>,
    #[serde(default)]
    policy: Policy,
    order: Order,
    #[serde(default)]
    shipments: Vec<Shipment>,
    #[serde(default)]
    sent: Vec<Sent>,
    #[serde(default)]
    opted_out: Vec<Channel>,
    #[serde(default)]
    follow_up_at: Option<DateTime<Utc>>,
}

/// Reads a watch document from `input` and writes `{"due": [...], "next_check_at": ...}` as
/// pretty JSON to `output`.
pub fn watch(mut input: impl Read, mut output: impl Write) -> Result<(), WatchError> {
    let mut text = String::new();
    input.read_to_string(&mut text)?;
    let i: Input = serde_json::from_str(&text)?;
    let due = outreach::due(&outreach::Watch {
        order: &i.order,
        shipments: &i.shipments,
        policy: &i.policy,
        sent: &i.sent,
        opted_out: &i.opted_out,
        follow_up_at: i.follow_up_at,
        now: i.now,
    });
    serde_json::to_writer_pretty(&mut output, &due).map_err(std::io::Error::from)?;
    output.write_all(b"\n")?;
    output.flush()?;
    Ok(())
}
