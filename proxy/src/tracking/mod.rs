//! Where carrier scans come from: a tracking source (EasyPost, AfterShip, or the demo's stored
//! scans) behind one trait, a cache of the last document each parcel had (`cache`), and the
//! concurrent, time-limited gathering of an order's parcels that degrades to that cache (`gather`).

pub mod aftership;
pub mod cache;
pub mod easypost;
mod gather;
pub mod ready;
mod stored;

pub use aftership::AfterShip as AfterShipTracking;
pub use easypost::EasyPost as EasyPostTracking;
pub use gather::{from_stored, gather, gather_noting, Timeouts};
pub use stored::StoredTracking;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wismo::carrier::parse::Format;
use wismo::carrier::Carrier;
use wismo::{TrackingEvent, TrackingNumber};

/// A parcel to ask about: who carries it and its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parcel {
    pub carrier: Carrier,
    pub tracking_number: TrackingNumber,
    /// The aggregator's id for its tracker, when a previous answer gave one.
    pub provider_id: Option<String>,
}

/// The raw document an aggregator answered with, kept in the cache and parsed again on read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDocument {
    /// `easypost` or `aftership`.
    pub provider: &'static str,
    pub format: Format,
    pub body: String,
    pub provider_id: Option<String>,
    /// The aggregator's own `updated_at` for the document.
    pub updated_at: Option<DateTime<Utc>>,
}

/// What a tracking source knows about a parcel.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracked {
    /// Scans, translated by the core; raw codes stay on the events for agents.
    pub events: Vec<TrackingEvent>,
    pub estimated_delivery: Option<DateTime<Utc>>,
    /// When this was true: `None` for a live answer (true now), or the time stored scans were
    /// last checked.
    pub as_of: Option<DateTime<Utc>>,
    /// The document to cache; `None` for a source that is its own store (the demo).
    pub raw: Option<RawDocument>,
}

/// A carrier-tracking service. Implementations make network calls; the caller bounds them with a
/// timeout and falls back to the cache, so an implementation never needs its own fallback.
#[async_trait]
pub trait TrackingSource: Send + Sync + 'static {
    /// Whether the source asks a carrier service over the network. The stored source is not
    /// live: it only reads back what the shop and webhooks wrote, so a carrier document pushed
    /// by webhook must never be replaced by it, however old that document is.
    fn live(&self) -> bool {
        true
    }

    /// Asks the service to watch the parcel (and push webhooks about it), returning what it
    /// knows already. Registering a parcel twice is harmless.
    async fn register(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>>;

    /// What the service knows about a parcel now; `None` when it does not know the parcel.
    async fn fetch(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>>;
}

/// Reads an aggregator's document with the core's parser into a [`Tracked`].
pub fn read_document(
    raw: RawDocument,
    estimated_delivery: Option<DateTime<Utc>>,
) -> anyhow::Result<Tracked> {
    let events = wismo::carrier::parse::parse(raw.format, &raw.body)
        .map_err(|e| anyhow::anyhow!("{} tracker: {e}", raw.provider))?
        .iter()
        .filter_map(wismo::carrier::parse::ParsedEvent::to_tracking_event)
        .collect();
    Ok(Tracked {
        events,
        estimated_delivery,
        as_of: None,
        raw: Some(raw),
    })
}

/// An RFC 3339 time, or a bare date (a calendar date: see [`calendar_date`]).
pub(crate) fn loose_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    calendar_date(s)
}

/// A calendar date ("2026-11-20", or EasyPost's `est_delivery_date`, which is a local date
/// written as midnight UTC: "2026-11-20T00:00:00Z"), carried as noon UTC of that date. Noon UTC
/// falls on the same date in every time zone from UTC−11 to UTC+11, so the shopper's and the
/// brand's calendars both read the date the carrier meant; midnight UTC read as an instant told
/// US shoppers a day early.
pub(crate) fn calendar_date(s: &str) -> Option<DateTime<Utc>> {
    let date = chrono::NaiveDate::parse_from_str(s.trim().get(..10)?, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(12, 0, 0)?.and_utc())
}
