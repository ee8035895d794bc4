//! The actions ledger: idempotency keys (one answer per key, replayed for the same request) and
//! the audit log (one row per attempt, whatever became of it).

use crate::db::time::to_db;
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};

/// How long a request holds its key. Longer than [`EXECUTION_LIMIT`], so a request still running
/// always holds its key; a key whose holder died (the proxy was killed mid-action) is free again
/// once its lease runs out.
pub const LEASE: Duration = Duration::seconds(120);
/// How long executing an action may take before the proxy gives up waiting for the shop.
pub const EXECUTION_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// What a request with an idempotency key should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reservation {
    /// The key is new and now held for this request: execute, then `complete` or `release`.
    New,
    /// The same request was answered before: send this status and body again.
    Replay { status: u16, body: String },
    /// The key was used for a different request.
    Conflict,
    /// The first request with this key is still executing, or died while executing less than a
    /// lease ago: try again after `retry_after`.
    InProgress { retry_after: Duration },
}

/// Claims `key` within `scope` for a request whose canonical body hashes to `request_hash`, at
/// `now` on the wall clock. A key held by a request that never finished is taken over once its
/// lease has run out: the new holder re-checks the order before doing anything, as every request
/// does, so an action the dead one completed in the shop is refused rather than repeated where
/// the shop's state shows it (a cancelled order, a fulfilled one).
pub async fn reserve(
    db: &Db,
    scope: &str,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Reservation> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, request_hash, created_at, held_until)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (scope, key) DO NOTHING",
    )
    .bind(scope)
    .bind(key)
    .bind(request_hash)
    .bind(to_db(now))
    .bind(to_db(now + LEASE))
    .execute(db.pool())
    .await
    .context("reserving an idempotency key")?
    .rows_affected();
    if inserted == 1 {
        return Ok(Reservation::New);
    }
    type Row = (String, Option<i64>, Option<String>, Option<String>);
    let (hash, status, body, held_until): Row = sqlx::query_as(
        "SELECT request_hash, status, response, held_until FROM idempotency_keys
         WHERE scope = $1 AND key = $2",
    )
    .bind(scope)
    .bind(key)
    .fetch_one(db.pool())
    .await
    .context("reading an idempotency key")?;
    if hash != request_hash {
        return Ok(Reservation::Conflict);
    }
    if let (Some(status), Some(body)) = (status, body) {
        return Ok(Reservation::Replay {
            status: u16::try_from(status).context("stored status out of range")?,
            body,
        });
    }
    let held_until = crate::db::time::from_db_opt(held_until.as_deref(), "key lease")?;
    if let Some(until) = held_until.filter(|until| *until > now) {
        return Ok(Reservation::InProgress {
            retry_after: until - now,
        });
    }
    // The holder died. Take the key over, unless another request just did.
    let taken = sqlx::query(
        "UPDATE idempotency_keys SET held_until = $1
         WHERE scope = $2 AND key = $3 AND status IS NULL
           AND (held_until IS NULL OR held_until <= $4)",
    )
    .bind(to_db(now + LEASE))
    .bind(scope)
    .bind(key)
    .bind(to_db(now))
    .execute(db.pool())
    .await
    .context("taking over an idempotency key")?
    .rows_affected();
    Ok(if taken == 1 {
        tracing::warn!(
            scope,
            key,
            "took over an idempotency key whose holder never finished"
        );
        Reservation::New
    } else {
        Reservation::InProgress { retry_after: LEASE }
    })
}

/// Stores the answer for a held key.
pub async fn complete(
    db: &Db,
    scope: &str,
    key: &str,
    status: u16,
    body: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE idempotency_keys SET status = $1, response = $2 WHERE scope = $3 AND key = $4",
    )
    .bind(i64::from(status))
    .bind(body)
    .bind(scope)
    .bind(key)
    .execute(db.pool())
    .await
    .context("storing an idempotent answer")?;
    Ok(())
}

/// Frees a held key after a failure that left nothing done, so the client may retry with it.
pub async fn release(db: &Db, scope: &str, key: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status IS NULL")
        .bind(scope)
        .bind(key)
        .execute(db.pool())
        .await
        .context("releasing an idempotency key")?;
    Ok(())
}

/// One attempt to execute an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// Who asked, e.g. `shopper:1001` (a session for that order).
    pub actor: String,
    pub order_number: Option<String>,
    /// The action's kind, or `unknown` when the request could not be read.
    pub action: String,
    /// The action as JSON, or the reason it could not be read.
    pub detail: String,
    pub idempotency_key: Option<String>,
    /// `done`, `replayed`, `error`, or the refusal's code.
    pub result: String,
    pub message: String,
}

/// Appends an attempt to the audit log.
pub async fn audit(db: &Db, e: &AuditEntry) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, order_number, action, detail, idempotency_key, result, message)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(to_db(e.at))
    .bind(&e.actor)
    .bind(e.order_number.as_deref())
    .bind(&e.action)
    .bind(&e.detail)
    .bind(e.idempotency_key.as_deref())
    .bind(&e.result)
    .bind(&e.message)
    .execute(db.pool())
    .await
    .context("writing the audit log")?;
    Ok(())
}

/// The audit rows of an order, oldest first: for agents, and for tests.
pub async fn audit_of(db: &Db, order_number: &str) -> anyhow::Result<Vec<AuditEntry>> {
    type Row = (
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
        String,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT at, actor, order_number, action, detail, idempotency_key, result, message
         FROM audit_log WHERE order_number = $1 ORDER BY id",
    )
    .bind(order_number)
    .fetch_all(db.pool())
    .await
    .context("reading the audit log")?;
    rows.into_iter()
        .map(
            |(at, actor, order_number, action, detail, idempotency_key, result, message)| {
                Ok(AuditEntry {
                    at: crate::db::time::from_db(&at, "audit time")?,
                    actor,
                    order_number,
                    action,
                    detail,
                    idempotency_key,
                    result,
                    message,
                })
            },
        )
        .collect()
}
