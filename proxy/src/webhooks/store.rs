//! The `webhook_events` table: every verified delivery, raw, committed before it is acknowledged;
//! deduplicated by provider, topic and event id.

use crate::db::time::to_db;
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Utc};

/// A verified delivery about to be stored.
#[derive(Debug, Clone)]
pub struct Incoming<'a> {
    /// `shopify`, later `easypost`, `aftership`.
    pub provider: &'a str,
    pub topic: &'a str,
    /// The provider's id for the event, the same on every retry of it.
    pub event_id: &'a str,
    pub shop_domain: Option<&'a str>,
    pub triggered_at: Option<DateTime<Utc>>,
    pub received_at: DateTime<Utc>,
    pub body: &'a [u8],
}

/// Stores a delivery; returns its row id, or `None` when the same event was stored before.
pub async fn store(db: &Db, e: &Incoming<'_>) -> anyhow::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO webhook_events (provider, topic, event_id, shop_domain, triggered_at, received_at, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (provider, topic, event_id) DO NOTHING
         RETURNING id",
    )
    .bind(e.provider)
    .bind(e.topic)
    .bind(e.event_id)
    .bind(e.shop_domain)
    .bind(e.triggered_at.map(to_db))
    .bind(to_db(e.received_at))
    .bind(e.body.to_vec())
    .fetch_optional(db.pool())
    .await
    .with_context(|| format!("storing {} webhook {}", e.provider, e.event_id))
}

/// Marks an event as one that can never be applied, with the reason; it is kept for inspection.
pub async fn mark_failed(db: &Db, id: i64, error: &str, now: DateTime<Utc>) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE webhook_events SET failed_at = $1, error = $2, attempts = attempts + 1 WHERE id = $3",
    )
    .bind(to_db(now))
    .bind(error)
    .bind(id)
    .execute(db.pool())
    .await
    .with_context(|| format!("marking webhook event {id} failed"))?;
    Ok(())
}

/// How one stored event stands, for operators and tests.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EventStatus {
    pub id: i64,
    pub provider: String,
    pub topic: String,
    pub event_id: String,
    pub processed_at: Option<String>,
    pub process_count: i64,
    pub failed_at: Option<String>,
    pub attempts: i64,
    pub error: Option<String>,
}

/// Every stored event, oldest first.
pub async fn all(db: &Db) -> anyhow::Result<Vec<EventStatus>> {
    sqlx::query_as(
        "SELECT id, provider, topic, event_id, processed_at, process_count, failed_at, attempts, error
         FROM webhook_events ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .context("listing webhook events")
}
