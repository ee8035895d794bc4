//! Outcomes: the events every channel records (`outcome_events`), read back for a period and
//! measured by the core's `wismo::outcomes::measure`, for the merchant's dashboard at
//! `/admin/` (`admin.rs`), its JSON and Prometheus metrics, and `wismo simulate`.
//!
//! What is recorded where: a chat or tracking-page turn answered here, and an e-mail, SMS or
//! WhatsApp message answered by `outreach::inbound`, record their contact, answer, hand-over
//! and confirmation in the same transaction as the conversation; the widget, which answers in
//! the browser, reports its own through `POST /api/v1/events` (about the session's order only);
//! the outreach worker records each notice it sent, the actions path each action's outcome,
//! the rating endpoints each rating. Delivered scans are read from `tracking_events`.

pub mod admin;
pub mod config;
pub mod cpu;

pub use config::OutcomesConfig;

use crate::db::time::{from_db, to_db};
use crate::db::Db;
use crate::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;
use wismo::outcomes::{Channel, Event, Report, What, RECONTACT_WINDOW};

/// Stores `events` on the caller's connection or transaction.
pub async fn record_on(
    conn: &mut AnyConnection,
    shop: &str,
    events: &[Event],
) -> anyhow::Result<()> {
    for e in events {
        let detail = serde_json::to_string(&e.what).context("serialising an outcome event")?;
        sqlx::query(
            "INSERT INTO outcome_events (shop, at, order_number, shopper, channel, kind, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(shop)
        .bind(to_db(e.at))
        .bind(e.order.as_deref())
        .bind(&e.shopper)
        .bind(e.channel.as_str())
        .bind(e.what.kind())
        .bind(detail)
        .execute(&mut *conn)
        .await
        .context("storing an outcome event")?;
    }
    Ok(())
}

/// Stores `events` in one transaction.
pub async fn record(db: &Db, shop: &str, events: &[Event]) -> anyhow::Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    record_on(&mut tx, shop, events).await?;
    tx.commit().await.context("committing outcome events")
}

/// Stores `events`, logging rather than failing when storage does: for paths where the
/// shopper's answer or the message sent matters more than its measurement.
pub async fn record_or_log(db: &Db, shop: &str, events: &[Event]) {
    if let Err(e) = record(db, shop, events).await {
        tracing::error!(error = ?e, "outcome events not recorded");
    }
}

/// How many events the browser has reported about one order in the last hour.
pub async fn recent_browser_events(
    db: &Db,
    shop: &str,
    order: &str,
    since: DateTime<Utc>,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outcome_events
         WHERE shop = $1 AND order_number = $2 AND at >= $3 AND channel IN ('chat', 'page')
           AND kind IN ('contact', 'answer', 'handover', 'confirmed', 'rating')",
    )
    .bind(shop)
    .bind(order)
    .bind(to_db(since))
    .fetch_one(db.pool())
    .await
    .context("counting an order's recent events")
}

/// How many ratings were recorded about one order since `since`.
pub async fn recent_ratings(
    db: &Db,
    shop: &str,
    order: &str,
    since: DateTime<Utc>,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outcome_events
         WHERE shop = $1 AND order_number = $2 AND at >= $3 AND kind = 'rating'",
    )
    .bind(shop)
    .bind(order)
    .bind(to_db(since))
    .fetch_one(db.pool())
    .await
    .context("counting an order's recent ratings")
}

/// The most ratings recorded about one order in two hours from the tracking page and e-mail
/// links (a link can be forwarded; the numbers count one per contact anyway).
pub const MAX_RATINGS: i64 = 10;

/// The events from `from` to `until`, with the delivered scans of the time as events.
pub async fn load(
    db: &Db,
    shop: &str,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> anyhow::Result<Vec<Event>> {
    let rows: Vec<(String, Option<String>, String, String, String)> = sqlx::query_as(
        "SELECT at, order_number, shopper, channel, detail FROM outcome_events
         WHERE shop = $1 AND at >= $2 AND at <= $3 ORDER BY id",
    )
    .bind(shop)
    .bind(to_db(from))
    .bind(to_db(until))
    .fetch_all(db.pool())
    .await
    .context("loading outcome events")?;
    let mut events = Vec::with_capacity(rows.len());
    for (at, order, shopper, channel, detail) in rows {
        let what: What = match serde_json::from_str(&detail) {
            Ok(w) => w,
            Err(e) => {
                tracing::error!(error = %e, "an unreadable outcome event is left out");
                continue;
            }
        };
        let Some(channel) = Channel::parse(&channel) else {
            tracing::error!(
                channel,
                "an outcome event on an unknown channel is left out"
            );
            continue;
        };
        events.push(Event {
            at: from_db(&at, "outcome event time")?,
            order,
            shopper,
            channel,
            what,
        });
    }
    let delivered: Vec<(String, String)> = sqlx::query_as(
        "SELECT s.order_number, MIN(e.at) FROM tracking_events e
         JOIN shipments s ON s.shop = e.shop AND s.tracking_number = e.tracking_number
         WHERE e.shop = $1 AND e.status = 'delivered' AND e.at >= $2 AND e.at <= $3
         GROUP BY s.order_number, s.tracking_number",
    )
    .bind(shop)
    .bind(to_db(from))
    .bind(to_db(until))
    .fetch_all(db.pool())
    .await
    .context("loading delivered scans")?;
    for (order, at) in delivered {
        events.push(Event {
            at: from_db(&at, "delivered scan time")?,
            order: Some(order),
            shopper: String::new(),
            // A scan has no channel; the shopper sees it on the tracking page.
            channel: Channel::Page,
            what: What::Delivered,
        });
    }
    Ok(events)
}

/// Orders placed in `[from, to)`.
pub async fn orders_placed(
    db: &Db,
    shop: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orders WHERE shop = $1 AND created_at >= $2 AND created_at < $3",
    )
    .bind(shop)
    .bind(to_db(from))
    .bind(to_db(to))
    .fetch_one(db.pool())
    .await
    .context("counting orders placed")?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The report for contacts started in `[from, to)`, as known now.
pub async fn report(
    state: &AppState,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> anyhow::Result<Report> {
    let now = state.clock.now();
    let orders = orders_placed(&state.db, &state.shop, from, to).await?;
    // A contact's history reaches back a window (was it a re-contact?) and notices further.
    let events = load(
        &state.db,
        &state.shop,
        from - RECONTACT_WINDOW * 4,
        now.max(to) + Duration::seconds(1),
    )
    .await?;
    Ok(wismo::outcomes::measure(
        &events,
        from,
        to,
        now,
        orders,
        &state.outcomes.prices,
    ))
}
