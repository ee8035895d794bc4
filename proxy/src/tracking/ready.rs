//! The order lookup's ready answer (issue 12): the JSON of an order and its parcels, scans
//! already translated, stored per order so that a lookup is one read of one row and no work.
//!
//! Correctness rests on the database, not on every writer remembering: triggers (migration
//! `20261204000100_order_views`) delete an order's view in the same transaction as any write to
//! the order, its parcels, their scans or a carrier's document about one of its parcels. A
//! reader that misses builds the view the usual way ([`super::gather`]) and stores it only if no
//! write happened since it claimed the view (see [`Claim`]), so a view is never older than the
//! data.
//!
//! Views are kept only where they can be complete and safe (see `kept`): orders in the proxy's
//! own tables, carrier data that arrives by webhook (a live carrier service is asked again when
//! its data ages, which a stored answer cannot do), and SQLite.

use super::gather;
use crate::db::Db;
use crate::state::AppState;
use anyhow::Context;
use serde::Serialize;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use wismo::{Order, OrderNumber, Policy, Shipment};

/// The stored part of an order's answer: everything but the clock and the policy.
#[derive(Serialize)]
struct Stored<'a> {
    order: &'a Order,
    shipments: &'a [Shipment],
}

/// The order and its parcels as the stored part of an answer.
fn stored_json(order: &Order, shipments: &[Shipment]) -> serde_json::Result<String> {
    serde_json::to_string(&Stored { order, shipments })
}

/// The whole answer of `GET /api/v1/orders/{number}` (the core's `OrderContext`) as JSON, from
/// the order's stored view when it has one; `None` when the shop has no such order.
pub async fn context_json(
    state: &AppState,
    number: &OrderNumber,
) -> anyhow::Result<Option<String>> {
    let body = if kept(state) {
        match read(&state.db, &state.shop, number).await? {
            Some(body) => Some(body),
            None => build(state, number).await?,
        }
    } else {
        gather(state, number)
            .await?
            .map(|(order, shipments)| stored_json(&order, &shipments))
            .transpose()?
    };
    let Some(body) = body else {
        return Ok(None);
    };
    Ok(Some(with_clock_and_policy(state, &body)?))
}

/// Whether this state's lookups use stored views: orders in the proxy's own tables, carrier data
/// pushed to it, and SQLite. On PostgreSQL a writer's trigger can run before a reader claims the
/// view and commit after the reader stored what it read, which SQLite rules out (a claim is a
/// write, and waits for the writer to commit); there the view is built on every lookup, as
/// before, until the triggers hold the claim's row instead of deleting it.
fn kept(state: &AppState) -> bool {
    state.orders.is_stored()
        && !state.tracking.live()
        && state.db.backend() == crate::db::Backend::Sqlite
}

/// `{"now":…,"policy":…,` followed by the stored object's fields: the `OrderContext` the
/// widget reads.
fn with_clock_and_policy(state: &AppState, body: &str) -> anyhow::Result<String> {
    let fields = body
        .strip_prefix('{')
        .context("a stored order view is not a JSON object")?;
    let now = serde_json::to_string(&state.clock.now())?;
    let policy = policy_json(&state.policy)?;
    let mut out = String::with_capacity(body.len() + policy.len() + now.len() + 20);
    out.push_str("{\"now\":");
    out.push_str(&now);
    out.push_str(",\"policy\":");
    out.push_str(&policy);
    out.push(',');
    out.push_str(fields);
    Ok(out)
}

/// The policy as JSON, serialised once per policy (it changes only when the state is rebuilt).
fn policy_json(policy: &Arc<Policy>) -> anyhow::Result<Arc<str>> {
    // A weak reference keeps the policy's allocation, so its address is not reused while cached.
    static CACHE: Mutex<Option<(Weak<Policy>, Arc<str>)>> = Mutex::new(None);
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((cached, json)) = cache.as_ref() {
        if std::ptr::eq(cached.as_ptr(), Arc::as_ptr(policy)) {
            return Ok(json.clone());
        }
    }
    let json: Arc<str> = serde_json::to_string(policy.as_ref())?.into();
    *cache = Some((Arc::downgrade(policy), json.clone()));
    Ok(json)
}

/// The stored view of the order, if one was built by this build of the proxy. A view of
/// another build is deleted: it is as good as none.
async fn read(db: &Db, shop: &str, number: &OrderNumber) -> anyhow::Result<Option<String>> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT build, body FROM order_views WHERE shop = $1 AND number = $2")
            .bind(shop)
            .bind(number.as_str())
            .fetch_optional(db.pool())
            .await
            .with_context(|| format!("reading the stored view of order {number}"))?;
    match row {
        Some((Some(build), body)) if build == build_tag() => Ok(body),
        Some(_) => {
            sqlx::query("DELETE FROM order_views WHERE shop = $1 AND number = $2 AND build <> $3")
                .bind(shop)
                .bind(number.as_str())
                .bind(build_tag())
                .execute(db.pool())
                .await
                .context("clearing an order view of another build")?;
            Ok(None)
        }
        None => Ok(None),
    }
}

/// Builds the order's view from the tables, stores it when nothing changed meanwhile, and
/// returns it either way.
async fn build(state: &AppState, number: &OrderNumber) -> anyhow::Result<Option<String>> {
    let claim = Claim::take(state, number).await?;
    // Read after the claim, so whatever the view holds is at least as new as the claim.
    let Some(built) = Built::read(state, number).await? else {
        // No such order (any more): leave no claim behind.
        sqlx::query("DELETE FROM order_views WHERE shop = $1 AND number = $2 AND body IS NULL")
            .bind(state.shop.as_ref())
            .bind(number.as_str())
            .execute(state.db.pool())
            .await
            .context("dropping the claim on a missing order's view")?;
        return Ok(None);
    };
    claim.store(state, &built).await?;
    Ok(Some(built.body))
}

/// A reader's claim on an order's view: the view's row, made (or found) before the reader reads
/// the order, which any write to what the view shows deletes. The steps of a miss are public so
/// that tests can put a write between them.
#[derive(Debug)]
pub struct Claim {
    number: OrderNumber,
    token: i64,
    /// The parcels whose carriers' documents reach this view (see `order_view_parcels`).
    parcels: Vec<String>,
}

/// An order's view as read from the tables.
#[derive(Debug)]
pub struct Built {
    pub body: String,
    parcels: Vec<String>,
    /// A carrier or the carrier cache failed and older or less data stood in: answer with it,
    /// never keep it.
    degraded: bool,
}

impl Claim {
    /// Claims the order's view and reads which parcels the triggers already watch for it.
    pub async fn take(state: &AppState, number: &OrderNumber) -> anyhow::Result<Self> {
        let (db, shop) = (&state.db, state.shop.as_ref());
        // Random, so a row deleted and claimed again is never mistaken for this one.
        let mine: i64 = rand::random::<i64>() & i64::MAX;
        sqlx::query(
            "INSERT INTO order_views (shop, number, token, build) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING",
        )
        .bind(shop)
        .bind(number.as_str())
        .bind(mine)
        .bind(build_tag())
        .execute(db.pool())
        .await
        .context("claiming an order view")?;
        // Another reader's claim, made just before, serves as well as this one.
        let token: Option<i64> =
            sqlx::query_scalar("SELECT token FROM order_views WHERE shop = $1 AND number = $2")
                .bind(shop)
                .bind(number.as_str())
                .fetch_optional(db.pool())
                .await
                .context("reading an order view's claim")?;
        let parcels: Vec<String> = sqlx::query_scalar(
            "SELECT tracking_number FROM order_view_parcels WHERE shop = $1 AND number = $2",
        )
        .bind(shop)
        .bind(number.as_str())
        .fetch_all(db.pool())
        .await
        .context("reading the parcels of an order view")?;
        Ok(Self {
            number: number.clone(),
            // A write deleted the row already: a token no row has, so nothing is stored.
            token: token.unwrap_or(-1),
            parcels,
        })
    }

    /// Stores the view if the claim still stands (no write deleted it since), no other reader
    /// stored one already, and it shows no parcel the claim did not name. Returns whether it did.
    pub async fn store(&self, state: &AppState, built: &Built) -> anyhow::Result<bool> {
        if built.degraded {
            return Ok(false);
        }
        // A carrier's document about a parcel the triggers did not watch when the claim was
        // made would not have deleted it: name the parcel for the next reader, store nothing.
        let unwatched: Vec<&String> = built
            .parcels
            .iter()
            .filter(|p| !self.parcels.contains(p))
            .collect();
        if !unwatched.is_empty() {
            for parcel in unwatched {
                // Only while the claim stands: an order deleted meanwhile leaves no parcel behind.
                sqlx::query(
                    "INSERT INTO order_view_parcels (tracking_number, shop, number)
                     SELECT $1, $2, $3 WHERE EXISTS
                         (SELECT 1 FROM order_views WHERE shop = $2 AND number = $3 AND token = $4)
                     ON CONFLICT DO NOTHING",
                )
                .bind(parcel)
                .bind(state.shop.as_ref())
                .bind(self.number.as_str())
                .bind(self.token)
                .execute(state.db.pool())
                .await
                .context("recording the parcels of an order view")?;
            }
            return Ok(false);
        }
        let stored = sqlx::query(
            "UPDATE order_views SET body = $1
             WHERE shop = $2 AND number = $3 AND token = $4 AND build = $5 AND body IS NULL",
        )
        .bind(&built.body)
        .bind(state.shop.as_ref())
        .bind(self.number.as_str())
        .bind(self.token)
        .bind(build_tag())
        .execute(state.db.pool())
        .await
        .with_context(|| format!("storing the view of order {}", self.number))?;
        Ok(stored.rows_affected() == 1)
    }
}

impl Built {
    /// The order's view from the tables (as [`gather`] reads them); `None` when the shop has no
    /// such order.
    pub async fn read(state: &AppState, number: &OrderNumber) -> anyhow::Result<Option<Self>> {
        let degraded = std::sync::atomic::AtomicBool::new(false);
        let Some((order, shipments)) = super::gather_noting(state, number, &degraded).await? else {
            return Ok(None);
        };
        Ok(Some(Self {
            degraded: degraded.into_inner(),
            body: stored_json(&order, &shipments)?,
            parcels: parcels_of(&order, &shipments),
        }))
    }
}

/// Every parcel a view of this order shows or looked for: the order's fulfillments and the
/// shop's parcels.
fn parcels_of(order: &Order, shipments: &[Shipment]) -> Vec<String> {
    let mut out: Vec<String> = order
        .fulfillments
        .iter()
        .map(|f| f.tracking_number.as_str().to_owned())
        .chain(
            shipments
                .iter()
                .map(|s| s.tracking_number.as_str().to_owned()),
        )
        .collect();
    out.sort();
    out.dedup();
    out
}

/// This build of the proxy: its version and a hash of its own executable, so proxies running
/// the same build (on any machine) share views, and a build whose code tables translate scans
/// differently never serves another's. A process that cannot read its executable uses a tag of
/// its own.
pub fn build_tag() -> &'static str {
    static TAG: OnceLock<String> = OnceLock::new();
    TAG.get_or_init(|| {
        let hash = executable_hash().unwrap_or_else(|e| {
            tracing::warn!(error = ?e, "cannot hash the executable; order views are this process's own");
            rand::random::<u64>()
        });
        format!("{}+{hash:016x}", env!("CARGO_PKG_VERSION"))
    })
}

fn executable_hash() -> anyhow::Result<u64> {
    use std::hash::Hasher;
    use std::io::Read;
    let path = std::env::current_exe()?;
    let mut file = std::fs::File::open(&path)?;
    let mut hasher = std::hash::DefaultHasher::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.write(&buf[..n]);
    }
    Ok(hasher.finish())
}
