//! The background worker: applies stored webhook events oldest first. Claiming an event (setting
//! `processed_at`) and applying it happen in one transaction, so a crash leaves the event either
//! applied and marked or untouched, and two workers (two proxies on one PostgreSQL) never both
//! apply it: the second one's claim finds it taken.

use super::carriers;
use super::shopify::{self, ApplyError};
use super::store;
use crate::clock::Clock;
use crate::db::time::{from_db, from_db_opt, to_db};
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Transient failures (the database was busy or down) are retried this many times.
const MAX_ATTEMPTS: i64 = 5;
/// How many events one pass reads.
const BATCH: i64 = 100;
/// How often the worker looks for events when nobody wakes it (retries, other proxies' events).
const POLL: Duration = Duration::from_secs(5);

/// How often settled deliveries past their retention are deleted.
const EXPIRE_EVERY: Duration = Duration::from_secs(3600);

/// Runs the worker until the process ends: a pass whenever `wake` fires, and every few seconds;
/// and, every hour, deletes the raw deliveries settled longer than `retention` ago.
pub fn spawn_worker(
    db: Db,
    clock: Arc<dyn Clock>,
    wake: Arc<Notify>,
    retention: chrono::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut expired_at: Option<tokio::time::Instant> = None;
        loop {
            if expired_at.is_none_or(|t| t.elapsed() >= EXPIRE_EVERY) {
                expired_at = Some(tokio::time::Instant::now());
                match store::expire(&db, clock.now() - retention).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(deleted = n, "raw webhook deliveries past retention"),
                    Err(e) => tracing::error!(error = ?e, "cannot delete expired deliveries"),
                }
            }
            match process_pending(&db, clock.now()).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = ?e, "webhook worker pass failed"),
            }
            tokio::select! {
                () = wake.notified() => {},
                () = tokio::time::sleep(POLL) => {},
            }
        }
    })
}

/// Applies every pending event once; returns how many were applied or given up on.
pub async fn process_pending(db: &Db, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM webhook_events
         WHERE processed_at IS NULL AND failed_at IS NULL AND attempts < $1
         ORDER BY id LIMIT $2",
    )
    .bind(MAX_ATTEMPTS)
    .bind(BATCH)
    .fetch_all(db.pool())
    .await
    .context("listing pending webhook events")?;
    let mut done = 0;
    for id in ids {
        if process_one(db, id, now).await? {
            done += 1;
        }
    }
    Ok(done)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    provider: String,
    shop_domain: Option<String>,
    topic: String,
    body: Vec<u8>,
    triggered_at: Option<String>,
    received_at: String,
}

/// Applies one event; returns whether it is now settled (applied, ignored or failed for good).
async fn process_one(db: &Db, id: i64, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    let claimed = sqlx::query(
        "UPDATE webhook_events SET processed_at = $1, process_count = process_count + 1
         WHERE id = $2 AND processed_at IS NULL AND failed_at IS NULL",
    )
    .bind(to_db(now))
    .bind(id)
    .execute(&mut *tx)
    .await
    .with_context(|| format!("claiming webhook event {id}"))?
    .rows_affected();
    if claimed == 0 {
        return Ok(false);
    }
    let row: EventRow = sqlx::query_as(
        "SELECT provider, shop_domain, topic, body, triggered_at, received_at
         FROM webhook_events WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await
    .with_context(|| format!("reading webhook event {id}"))?;
    // Deliveries without X-Shopify-Triggered-At order by arrival among same-second updates.
    let triggered = from_db_opt(row.triggered_at.as_deref(), "triggered_at")?
        .or(from_db_opt(Some(&row.received_at), "received_at")?)
        .map_or(0, |t| t.timestamp_millis());
    let result = match row.provider.as_str() {
        "shopify" => {
            let shop = row.shop_domain.as_deref().unwrap_or_default();
            shopify::apply(&mut tx, shop, &row.topic, &row.body, triggered, now).await
        }
        p if carriers::PROVIDERS.contains(&p) => {
            let received = from_db(&row.received_at, "received_at")?;
            carriers::apply(&mut tx, p, &row.body, received).await
        }
        other => Ok(shopify::Applied::Ignored(format!(
            "no handler for provider {other}"
        ))),
    };
    match result {
        Ok(applied) => {
            match &applied {
                shopify::Applied::Applied => {}
                shopify::Applied::Ignored(note) => {
                    sqlx::query("UPDATE webhook_events SET error = $1 WHERE id = $2")
                        .bind(format!("ignored: {note}"))
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .context("noting an ignored webhook")?;
                }
                // Its data is kept (committed below); the event is listed as failed so an
                // operator sees it and can apply it again after an upgrade.
                shopify::Applied::Unusable(reason) => {
                    tracing::warn!(id, topic = %row.topic, %reason, "webhook stored but cannot be applied");
                    store::mark_failed_in(&mut tx, id, reason, now).await?;
                }
            }
            tx.commit().await.context("committing a webhook event")?;
            tracing::debug!(id, topic = %row.topic, "webhook applied");
            Ok(true)
        }
        Err(ApplyError::Invalid(reason)) => {
            tx.rollback()
                .await
                .context("rolling back a webhook event")?;
            tracing::warn!(id, topic = %row.topic, %reason, "webhook cannot be applied");
            store::mark_failed(db, id, &reason, now).await?;
            Ok(true)
        }
        Err(ApplyError::Storage(e)) => {
            tx.rollback()
                .await
                .context("rolling back a webhook event")?;
            tracing::error!(id, error = ?e, "webhook failed; will retry");
            let message = format!("{e:#}");
            sqlx::query(
                "UPDATE webhook_events SET attempts = attempts + 1, error = $1,
                     failed_at = CASE WHEN attempts + 1 >= $2 THEN $3 ELSE NULL END
                 WHERE id = $4",
            )
            .bind(message)
            .bind(MAX_ATTEMPTS)
            .bind(to_db(now))
            .bind(id)
            .execute(db.pool())
            .await
            .context("recording a failed webhook attempt")?;
            Ok(false)
        }
    }
}
