//! The `outreach_watch` table: which orders the monitor looks at, and when.
//!
//! Every write to an order, its parcels or their scans *touches* the order: its `check_at`
//! becomes [`ASAP`] and its `version` goes up, in the writer's own transaction. A monitor
//! *claims* a batch of rows whose `check_at` has come, moving it ahead by a lease (on PostgreSQL
//! with `FOR UPDATE SKIP LOCKED`, so two proxies take different rows); after evaluating an
//! order it *settles* the row with the core's `next_check_at`, but only if the version is still
//! the one it claimed: a touch during the evaluation keeps its ASAP mark. A monitor that dies
//! leaves its rows to be claimed again when the lease ends.

use crate::db::time::{from_db, to_db};
use crate::db::{Backend, Db};
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

/// "Look at it as soon as possible": the epoch, earlier than any real check.
pub const ASAP: &str = "1970-01-01T00:00:00.000000Z";

/// Marks `shop`'s order for evaluation, inside the caller's transaction.
pub async fn touch(conn: &mut AnyConnection, shop: &str, order: &str) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO outreach_watch (shop, order_number, check_at, version) VALUES ($1, $2, $3, 1)
         ON CONFLICT (shop, order_number)
         DO UPDATE SET check_at = excluded.check_at, version = outreach_watch.version + 1",
    )
    .bind(shop)
    .bind(order)
    .bind(ASAP)
    .execute(&mut *conn)
    .await
    .with_context(|| format!("marking order {order} for the outreach monitor"))?;
    Ok(())
}

/// Marks the order a cached carrier document belongs to, if it is known.
pub async fn touch_parcel(conn: &mut AnyConnection, tracking_number: &str) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO outreach_watch (shop, order_number, check_at, version)
         SELECT t.shop, t.order_number, $2, 1 FROM carrier_tracking t
         JOIN orders o ON o.shop = t.shop AND o.number = t.order_number
         WHERE t.tracking_number = $1
         ON CONFLICT (shop, order_number)
         DO UPDATE SET check_at = excluded.check_at, version = outreach_watch.version + 1",
    )
    .bind(tracking_number)
    .bind(ASAP)
    .execute(&mut *conn)
    .await
    .with_context(|| format!("marking the order of parcel {tracking_number} for the monitor"))?;
    Ok(())
}

/// An order taken for one evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub shop: String,
    pub order_number: String,
    /// The claim's token: the row's version when it was claimed.
    pub version: i64,
}

/// Claims up to `limit` of `shop`'s orders due at `now`, holding each until `now + lease`.
pub async fn claim(
    db: &Db,
    shop: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> anyhow::Result<Vec<Claimed>> {
    let lock = db.skip_locked();
    let rows: Vec<(String, String, i64)> = sqlx::query_as(&format!(
        "UPDATE outreach_watch SET check_at = $1
         WHERE (shop, order_number) IN (
             SELECT shop, order_number FROM outreach_watch
             WHERE shop = $2 AND check_at <= $3
             ORDER BY check_at LIMIT $4 {lock})
         RETURNING shop, order_number, version"
    ))
    .bind(to_db(now + lease))
    .bind(shop)
    .bind(to_db(now))
    .bind(limit)
    .fetch_all(db.pool())
    .await
    .context("claiming orders for the outreach monitor")?;
    Ok(rows
        .into_iter()
        .map(|(shop, order_number, version)| Claimed {
            shop,
            order_number,
            version,
        })
        .collect())
}

/// Records when to look at each claimed order again (`None`: only when its data changes),
/// unless it was touched since the claim, inside the caller's transaction and in one statement:
/// the orders, versions and times go as one JSON parameter (a commit per order would cost a
/// disk flush each). Returns how many were recorded.
pub async fn settle_on(
    tx: &mut AnyConnection,
    backend: Backend,
    settled: &[(Claimed, Option<DateTime<Utc>>)],
) -> anyhow::Result<usize> {
    let Some((first, _)) = settled.first() else {
        return Ok(0);
    };
    let rows: Vec<serde_json::Value> = settled
        .iter()
        .map(|(c, next)| {
            serde_json::json!({"n": c.order_number, "v": c.version, "at": next.map(to_db)})
        })
        .collect();
    let sql = match backend {
        // Materialised first, so SQLite walks the list and looks each order up by its key
        // (joined the other way round, it walks every watched order of the shop per entry).
        Backend::Sqlite => {
            "WITH j AS MATERIALIZED (
                 SELECT json_extract(value, '$.n') AS n, json_extract(value, '$.v') AS v,
                        json_extract(value, '$.at') AS at
                 FROM json_each($2))
             UPDATE outreach_watch SET check_at = j.at FROM j
             WHERE outreach_watch.shop = $1 AND outreach_watch.order_number = j.n
               AND outreach_watch.version = j.v"
        }
        Backend::Postgres => {
            "UPDATE outreach_watch SET check_at = j.at
             FROM json_to_recordset($2::json) AS j(n TEXT, v BIGINT, at TEXT)
             WHERE outreach_watch.shop = $1 AND outreach_watch.order_number = j.n
               AND outreach_watch.version = j.v"
        }
    };
    let done = sqlx::query(sql)
        .bind(&first.shop)
        .bind(serde_json::Value::Array(rows).to_string())
        .execute(&mut *tx)
        .await
        .context("scheduling orders for the monitor")?
        .rows_affected();
    Ok(usize::try_from(done).unwrap_or(usize::MAX))
}

/// When the monitor will next look at an order (`None`: not watched, or only on new data).
pub async fn check_at(db: &Db, shop: &str, order: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
    let at: Option<Option<String>> = sqlx::query_scalar(
        "SELECT check_at FROM outreach_watch WHERE shop = $1 AND order_number = $2",
    )
    .bind(shop)
    .bind(order)
    .fetch_optional(db.pool())
    .await
    .context("reading the monitor's schedule")?;
    at.flatten().map(|s| from_db(&s, "check_at")).transpose()
}

/// How many of `shop`'s orders are due for evaluation at `now`.
pub async fn due_count(db: &Db, shop: &str, now: DateTime<Utc>) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM outreach_watch WHERE shop = $1 AND check_at <= $2")
        .bind(shop)
        .bind(to_db(now))
        .fetch_one(db.pool())
        .await
        .context("counting orders due for the monitor")
}
