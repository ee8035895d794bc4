//! The `webhook_events` table: every verified delivery, raw, committed before it is acknowledged;
//! deduplicated by provider, topic and event id.

use crate::db::time::to_db;
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

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

/// The id of a delivery (or a request in it) that carries none: a hash of its body, the same on
/// every retry.
pub fn body_id(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("sha256:{}", hex::encode(Sha256::digest(body)))
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
    let mut conn = db
        .pool()
        .acquire()
        .await
        .context("acquiring a connection")?;
    mark_failed_in(&mut conn, id, error, now).await
}

/// [`mark_failed`] inside the caller's transaction.
pub async fn mark_failed_in(
    conn: &mut AnyConnection,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE webhook_events SET failed_at = $1, error = $2, attempts = attempts + 1 WHERE id = $3",
    )
    .bind(to_db(now))
    .bind(error)
    .bind(id)
    .execute(&mut *conn)
    .await
    .with_context(|| format!("marking webhook event {id} failed"))?;
    Ok(())
}

/// The events that could not be applied, oldest first: for `wismo webhooks failed`.
pub async fn failed(db: &Db) -> anyhow::Result<Vec<EventStatus>> {
    sqlx::query_as(
        "SELECT id, provider, topic, event_id, processed_at, process_count, failed_at, attempts, error
         FROM webhook_events WHERE failed_at IS NOT NULL ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .context("listing failed webhook events")
}

/// How many events could not be applied, per provider: for `/metrics`.
pub async fn failed_counts(db: &Db) -> anyhow::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT provider, COUNT(*) FROM webhook_events WHERE failed_at IS NOT NULL
         GROUP BY provider ORDER BY provider",
    )
    .fetch_all(db.pool())
    .await
    .context("counting failed webhook events")
}

/// Puts failed events back in the queue, so the worker applies them again (after an upgrade
/// that can read them): the ones named, or every failed one when `ids` is empty. Returns how
/// many were queued again. Their stored body is applied like a new delivery: versions keep only
/// the newest data, so an old event re-applied never rolls an order back.
pub async fn retry_failed(db: &Db, ids: &[i64]) -> anyhow::Result<u64> {
    let mut requeued = 0;
    let reset = "UPDATE webhook_events SET failed_at = NULL, processed_at = NULL, attempts = 0,
                 error = NULL WHERE failed_at IS NOT NULL";
    if ids.is_empty() {
        requeued += sqlx::query(reset)
            .execute(db.pool())
            .await
            .context("queueing failed webhook events again")?
            .rows_affected();
    }
    for id in ids {
        requeued += sqlx::query(&format!("{reset} AND id = $1"))
            .bind(id)
            .execute(db.pool())
            .await
            .with_context(|| format!("queueing webhook event {id} again"))?
            .rows_affected();
    }
    Ok(requeued)
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

/// Deletes the deliveries received before `before` that are settled (applied, ignored or given
/// up on), raw bodies and all; returns how many. Pending ones are kept until they are applied.
pub async fn expire(db: &Db, before: DateTime<Utc>) -> anyhow::Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM webhook_events WHERE received_at < $1
             AND (processed_at IS NOT NULL OR failed_at IS NOT NULL)",
    )
    .bind(to_db(before))
    .execute(db.pool())
    .await
    .context("deleting expired webhook deliveries")?
    .rows_affected())
}
