//! The `carrier_tracking` table: each parcel's latest aggregator document and when it was true.
//! Documents are parsed again on every read; an older document (by the aggregator's own
//! `updated_at`) never replaces a newer one, whichever order pulls and pushes arrive in. A
//! document without an `updated_at` cannot show that it is newer, so it never replaces one that
//! has one; between two documents without, the later one heard replaces the earlier.

use super::{RawDocument, Tracked};
use crate::db::time::{from_db, from_db_opt, to_db};
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use wismo::carrier::parse::Format;
use wismo::carrier::Carrier;
use wismo::{OrderNumber, TrackingNumber};

/// A cached parcel, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached {
    pub tracking_number: TrackingNumber,
    pub order_number: Option<String>,
    pub carrier: Carrier,
    pub provider_id: Option<String>,
    /// The document's scans, with `as_of` set to when we last heard from the carrier.
    pub tracked: Tracked,
    pub checked_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct Row {
    tracking_number: String,
    order_number: Option<String>,
    carrier: String,
    provider: String,
    format: String,
    provider_id: Option<String>,
    body: String,
    estimated_delivery: Option<String>,
    source_updated_at: Option<String>,
    checked_at: String,
}

const COLUMNS: &str = "tracking_number, order_number, carrier, provider, format, provider_id, body,
    estimated_delivery, source_updated_at, checked_at";

fn provider_name(p: &str) -> &'static str {
    match p {
        "easypost" => "easypost",
        "aftership" => "aftership",
        _ => "unknown",
    }
}

impl Row {
    fn into_cached(self) -> anyhow::Result<Cached> {
        let format: Format = self
            .format
            .parse()
            .with_context(|| format!("cached parcel {}", self.tracking_number))?;
        let checked_at = from_db(&self.checked_at, "checked_at")?;
        let raw = RawDocument {
            provider: provider_name(&self.provider),
            format,
            body: self.body,
            provider_id: self.provider_id.clone(),
            updated_at: from_db_opt(self.source_updated_at.as_deref(), "source_updated_at")?,
        };
        let mut tracked = super::read_document(
            raw,
            from_db_opt(self.estimated_delivery.as_deref(), "estimated_delivery")?,
        )
        .with_context(|| format!("cached parcel {}", self.tracking_number))?;
        tracked.as_of = Some(checked_at);
        Ok(Cached {
            tracking_number: TrackingNumber::parse(&self.tracking_number)
                .with_context(|| format!("cached tracking number {:?}", self.tracking_number))?,
            order_number: self.order_number,
            carrier: Carrier::parse(&self.carrier),
            provider_id: self.provider_id,
            tracked,
            checked_at,
        })
    }
}

/// Every cached parcel of `shop`'s order. A row that no longer parses is logged and skipped: a
/// stale cache must never stop an order from being shown.
pub async fn of_order(db: &Db, shop: &str, order: &OrderNumber) -> anyhow::Result<Vec<Cached>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM carrier_tracking WHERE shop = $1 AND order_number = $2
         ORDER BY tracking_number"
    ))
    .bind(shop)
    .bind(order.as_str())
    .fetch_all(db.pool())
    .await
    .with_context(|| format!("loading cached parcels of order {order}"))?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            r.into_cached()
                .map_err(|e| tracing::warn!(error = ?e, "unreadable cached parcel"))
                .ok()
        })
        .collect())
}

/// The cached parcels with these numbers, in one query; unreadable rows are logged and skipped.
pub async fn of_parcels(db: &Db, numbers: &[&str]) -> anyhow::Result<Vec<Cached>> {
    if numbers.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM carrier_tracking WHERE tracking_number IN ({})",
        crate::db::orders_in::in_list(db.backend(), 1)
    );
    Ok(sqlx::query_as::<_, Row>(&sql)
        .bind(crate::db::orders_in::json_list(numbers))
        .fetch_all(db.pool())
        .await
        .context("loading cached parcels")?
        .into_iter()
        .filter_map(|r| {
            r.into_cached()
                .map_err(|e| tracing::warn!(error = ?e, "unreadable cached parcel"))
                .ok()
        })
        .collect())
}

/// The cached parcel with this number, if any.
pub async fn get(db: &Db, number: &TrackingNumber) -> anyhow::Result<Option<Cached>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM carrier_tracking WHERE tracking_number = $1"
    ))
    .bind(number.as_str())
    .fetch_optional(db.pool())
    .await
    .with_context(|| format!("loading cached parcel {number}"))?;
    row.map(Row::into_cached).transpose()
}

/// A document to cache for a parcel.
#[derive(Debug)]
pub struct Entry<'a> {
    pub tracking_number: &'a TrackingNumber,
    /// The shop and order the parcel belongs to; `None` keeps the ones already recorded (a
    /// carrier's webhook does not know them).
    pub order: Option<(&'a str, &'a OrderNumber)>,
    pub carrier: &'a Carrier,
    pub raw: &'a RawDocument,
    pub estimated_delivery: Option<DateTime<Utc>>,
    pub checked_at: DateTime<Utc>,
}

/// Stores a document unless the cached one is newer; returns whether it was stored.
pub async fn store(conn: &mut AnyConnection, e: &Entry<'_>) -> anyhow::Result<bool> {
    let stored = sqlx::query(
        "INSERT INTO carrier_tracking (tracking_number, order_number, carrier, provider, format,
             provider_id, body, estimated_delivery, source_updated_at, checked_at, shop)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (tracking_number) DO UPDATE SET
             order_number = COALESCE(excluded.order_number, carrier_tracking.order_number),
             shop = COALESCE(excluded.shop, carrier_tracking.shop),
             carrier = excluded.carrier, provider = excluded.provider, format = excluded.format,
             provider_id = COALESCE(excluded.provider_id, carrier_tracking.provider_id),
             body = excluded.body, estimated_delivery = excluded.estimated_delivery,
             source_updated_at = excluded.source_updated_at, checked_at = excluded.checked_at
         WHERE excluded.source_updated_at >= carrier_tracking.source_updated_at
            OR (carrier_tracking.source_updated_at IS NULL
                AND excluded.checked_at >= carrier_tracking.checked_at)",
    )
    .bind(e.tracking_number.as_str())
    .bind(e.order.map(|(_, n)| n.as_str()))
    .bind(e.carrier.slug())
    .bind(e.raw.provider)
    .bind(e.raw.format.as_str())
    .bind(e.raw.provider_id.as_deref())
    .bind(&e.raw.body)
    .bind(e.estimated_delivery.map(to_db))
    .bind(e.raw.updated_at.map(to_db))
    .bind(to_db(e.checked_at))
    .bind(e.order.map(|(shop, _)| shop))
    .execute(&mut *conn)
    .await
    .with_context(|| format!("caching parcel {}", e.tracking_number))?
    .rows_affected();
    if stored > 0 {
        crate::outreach::watch::touch_parcel(conn, e.tracking_number.as_str()).await?;
    }
    Ok(stored > 0)
}

/// [`store`] on a connection from the pool.
pub async fn store_in(db: &Db, e: &Entry<'_>) -> anyhow::Result<bool> {
    let mut conn = db
        .pool()
        .acquire()
        .await
        .context("acquiring a connection")?;
    store(&mut conn, e).await
}
