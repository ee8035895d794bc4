//! The `outreach_messages` table: every message to a shopper, written before it is sent.
//!
//! A message is queued once per (shop, order, dedupe key): the monitor queueing a notice twice
//! (two proxies, or a retry after a crash) stores one row. A sender *claims* due messages with
//! a lease (on PostgreSQL `FOR UPDATE SKIP LOCKED`), and the attempt number is the claim's
//! token, so only the latest claim records an outcome. A proxy killed mid-send leaves the
//! message to be claimed again when the lease ends: nothing is lost, and a duplicate is
//! possible only if the provider accepted it before the kill and our record of it was not yet
//! written.

use crate::db::time::{from_db, to_db};
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use wismo::outreach::{Channel, ReplyOption};

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub shop: &'a str,
    pub order_number: &'a str,
    /// The core's trigger name, or `reply` / `stopped` for answers to the shopper.
    pub kind: &'a str,
    pub dedupe_key: &'a str,
    pub channel: Channel,
    pub recipient: &'a str,
    /// The shopper's e-mail: the key of their conversation.
    pub email: &'a str,
    pub lang: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub replies: &'a [ReplyOption],
}

/// Queues a message to go at `now`; returns its id, or `None` when one with the same key is
/// already queued or sent.
pub async fn enqueue(
    conn: &mut sqlx::AnyConnection,
    m: &NewMessage<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<i64>> {
    let replies = serde_json::to_string(m.replies).context("serialising reply options")?;
    sqlx::query_scalar(
        "INSERT INTO outreach_messages (shop, order_number, kind, dedupe_key, channel, recipient,
             email, lang, subject, body, replies, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
         ON CONFLICT (shop, order_number, dedupe_key) DO NOTHING
         RETURNING id",
    )
    .bind(m.shop)
    .bind(m.order_number)
    .bind(m.kind)
    .bind(m.dedupe_key)
    .bind(channel_str(m.channel))
    .bind(m.recipient)
    .bind(m.email)
    .bind(m.lang)
    .bind(m.subject)
    .bind(m.body)
    .bind(replies)
    .bind(to_db(now))
    .fetch_optional(&mut *conn)
    .await
    .with_context(|| format!("queueing {} for order {}", m.kind, m.order_number))
}

pub fn channel_str(c: Channel) -> &'static str {
    match c {
        Channel::Email => "email",
        Channel::Sms => "sms",
        Channel::Whatsapp => "whatsapp",
    }
}

pub fn parse_channel(s: &str) -> anyhow::Result<Channel> {
    Ok(match s {
        "email" => Channel::Email,
        "sms" => Channel::Sms,
        "whatsapp" => Channel::Whatsapp,
        other => anyhow::bail!("stored channel {other:?} is unknown"),
    })
}

/// The notices already queued or sent for an order (not answers to the shopper), as the core's
/// `sent` list: a queued one counts from when it was queued.
pub async fn sent_for(
    db: &Db,
    shop: &str,
    order: &str,
) -> anyhow::Result<Vec<wismo::outreach::Sent>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT dedupe_key, COALESCE(sent_at, created_at) FROM outreach_messages
         WHERE shop = $1 AND order_number = $2 AND kind NOT IN ('reply', 'stopped')
         ORDER BY id",
    )
    .bind(shop)
    .bind(order)
    .fetch_all(db.pool())
    .await
    .with_context(|| format!("reading what order {order} was sent"))?;
    rows.into_iter()
        .map(|(key, at)| {
            Ok(wismo::outreach::Sent {
                key,
                at: from_db(&at, "sent_at")?,
            })
        })
        .collect()
}

/// [`sent_for`] for several orders in one query, by order number.
pub async fn sent_of(
    db: &Db,
    shop: &str,
    orders: &[&str],
) -> anyhow::Result<std::collections::HashMap<String, Vec<wismo::outreach::Sent>>> {
    let mut out: std::collections::HashMap<String, Vec<wismo::outreach::Sent>> =
        std::collections::HashMap::new();
    if orders.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT order_number, dedupe_key, COALESCE(sent_at, created_at) FROM outreach_messages
         WHERE shop = $1 AND order_number IN ({}) AND kind NOT IN ('reply', 'stopped')
         ORDER BY id",
        crate::db::orders_in::in_list(db.backend(), 2)
    );
    for (order, key, at) in sqlx::query_as::<_, (String, String, String)>(&sql)
        .bind(shop)
        .bind(crate::db::orders_in::json_list(orders))
        .fetch_all(db.pool())
        .await
        .context("reading what orders were sent")?
    {
        out.entry(order).or_default().push(wismo::outreach::Sent {
            key,
            at: from_db(&at, "sent_at")?,
        });
    }
    Ok(out)
}

/// A message taken for one send attempt.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub shop: String,
    pub order_number: String,
    pub kind: String,
    pub channel: String,
    pub recipient: String,
    pub email: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub replies: String,
    /// Which attempt this is (1 for the first); also the claim's token.
    pub attempts: i64,
}

/// Claims up to `limit` messages due at `now`, holding each until `now + lease`.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> anyhow::Result<Vec<Claimed>> {
    let lock = db.skip_locked();
    let mut rows: Vec<Claimed> = sqlx::query_as(&format!(
        "UPDATE outreach_messages SET attempts = attempts + 1, next_attempt_at = $1
         WHERE id IN (
             SELECT id FROM outreach_messages
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2
             ORDER BY id LIMIT $3 {lock})
         RETURNING id, shop, order_number, kind, channel, recipient, email, lang, subject, body,
                   replies, attempts"
    ))
    .bind(to_db(now + lease))
    .bind(to_db(now))
    .bind(limit)
    .fetch_all(db.pool())
    .await
    .context("claiming outreach messages")?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// What became of a send attempt.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The provider accepted it, under this id.
    Sent {
        provider: &'a str,
        provider_id: Option<&'a str>,
    },
    /// Not this time: try again at `at`.
    Retry { at: DateTime<Utc>, error: &'a str },
    /// Not tried (no sender for its channel): look again at `at`, without counting an attempt.
    Postpone { at: DateTime<Utc>, error: &'a str },
    /// Never: keep the message with the reason.
    Failed(&'a str),
}

/// Records the outcome of attempt `attempt` of message `id`, unless a later claim superseded
/// it; returns whether it was recorded.
pub async fn settle(
    db: &Db,
    (id, attempt): (i64, i64),
    outcome: Outcome<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let query = match outcome {
        Outcome::Sent {
            provider,
            provider_id,
        } => sqlx::query(
            "UPDATE outreach_messages SET sent_at = $3, provider = $4, provider_id = $5,
                 last_error = NULL
             WHERE id = $1 AND attempts = $2 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(id)
        .bind(attempt)
        .bind(to_db(now))
        .bind(provider)
        .bind(provider_id),
        Outcome::Retry { at, error } => sqlx::query(
            "UPDATE outreach_messages SET next_attempt_at = $3, last_error = $4
             WHERE id = $1 AND attempts = $2 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(id)
        .bind(attempt)
        .bind(to_db(at))
        .bind(error),
        Outcome::Postpone { at, error } => sqlx::query(
            "UPDATE outreach_messages SET next_attempt_at = $3, last_error = $4,
                 attempts = attempts - 1
             WHERE id = $1 AND attempts = $2 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(id)
        .bind(attempt)
        .bind(to_db(at))
        .bind(error),
        Outcome::Failed(error) => sqlx::query(
            "UPDATE outreach_messages SET failed_at = $3, last_error = $4
             WHERE id = $1 AND attempts = $2 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(id)
        .bind(attempt)
        .bind(to_db(now))
        .bind(error),
    };
    let done = query
        .execute(db.pool())
        .await
        .with_context(|| format!("recording an attempt at outreach message {id}"))?
        .rows_affected();
    Ok(done == 1)
}

/// One message as stored, for the demo's outbox page, operators and tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct MessageStatus {
    pub id: i64,
    pub order_number: String,
    pub kind: String,
    pub dedupe_key: String,
    pub channel: String,
    pub recipient: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub attempts: i64,
    pub sent_at: Option<String>,
    pub provider: Option<String>,
    pub provider_id: Option<String>,
    pub failed_at: Option<String>,
    pub last_error: Option<String>,
}

/// Every message of `shop`, newest first, at most `limit`.
pub async fn recent(db: &Db, shop: &str, limit: i64) -> anyhow::Result<Vec<MessageStatus>> {
    sqlx::query_as(
        "SELECT id, order_number, kind, dedupe_key, channel, recipient, lang, subject, body,
                created_at, attempts, sent_at, provider, provider_id, failed_at, last_error
         FROM outreach_messages WHERE shop = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(shop)
    .bind(limit)
    .fetch_all(db.pool())
    .await
    .context("listing outreach messages")
}

/// How many messages wait to be sent (not sent, not given up on).
pub async fn pending_count(db: &Db) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outreach_messages WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(db.pool())
    .await
    .context("counting pending outreach messages")
}
