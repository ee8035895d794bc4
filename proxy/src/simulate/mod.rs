//! `wismo simulate`: a store's worth of orders run through the real proxy and core on a real
//! (temporary SQLite) database, hour by simulated hour: the carriers' scans are written as
//! webhooks would write them, the outreach monitor and sender run as the worker runs them,
//! and shoppers who grow anxious write on a channel of their choice and are answered by the
//! same `converse` the API and the tracking page use. The numbers are the dashboard's own
//! (`outcomes::report`, so `wismo::outcomes::measure`).
//!
//! The same orders (`world.rs`) and the same shoppers' dice are used with and without outreach,
//! so the difference between the runs is outreach's. The assumptions (rates and the shoppers'
//! behaviour) are listed in `proxy/SIMULATE.md`; nothing here is tuned to the aims.

mod messages;
mod shopper;
mod world;

pub use messages::Messages;

use crate::auth::{SessionKey, TrackingLinks};
use crate::clock::Clock;
use crate::db::time::to_db;
use crate::db::Db;
use crate::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use wismo::outcomes::Report;

/// The shop the simulation's rows are kept under.
pub const SHOP: &str = "simulated";
/// Orders are placed over this many days…
pub const PLACING_DAYS: i64 = 28;
/// …and the simulation runs this much longer, so late parcels land (or are given up on).
pub const TAIL_DAYS: i64 = 21;

/// What to simulate.
#[derive(Debug, Clone)]
pub struct Options {
    pub orders: usize,
    pub seed: u64,
    pub messages: Messages,
    /// The first instant: orders are placed from then for [`PLACING_DAYS`].
    pub start: DateTime<Utc>,
}

/// The first instant `wismo simulate` uses: a Monday noon (UTC), so weekends fall where they
/// would.
pub fn default_start() -> DateTime<Utc> {
    world::start()
}

/// How long a run covers in simulated time.
pub fn span() -> Duration {
    Duration::days(PLACING_DAYS + TAIL_DAYS)
}

/// One run's outcome.
#[derive(Debug, Clone)]
pub struct Run {
    pub report: Report,
    /// How long the run took on this machine.
    pub elapsed: std::time::Duration,
}

/// A clock the simulation moves forward, which also runs with real time in between, so the
/// time an answer takes shows in the events as it would in production.
pub struct SimClock(Mutex<(DateTime<Utc>, Instant)>);

impl SimClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new((at, Instant::now())))
    }

    /// Moves the clock to `at` unless it is already past it (it never goes back).
    pub fn set(&self, at: DateTime<Utc>) {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let now = g.0 + Duration::from_std(g.1.elapsed()).unwrap_or_default();
        if at > now {
            *g = (at, Instant::now());
        }
    }
}

impl Clock for SimClock {
    fn now(&self) -> DateTime<Utc> {
        let g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        g.0 + Duration::from_std(g.1.elapsed()).unwrap_or_default()
    }
}

/// A throwaway database file, removed when dropped.
struct TempDb(std::path::PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Runs the simulation once, with or without outreach, into a fresh temporary database.
pub async fn run(opts: &Options, outreach: bool) -> anyhow::Result<Run> {
    let path = std::env::temp_dir().join(format!(
        "wismo-simulate-{}-{}-{}-{}.sqlite",
        std::process::id(),
        opts.seed,
        outreach,
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let _cleanup = TempDb(path.clone());
    let db = Db::open_throwaway(&path).await?;
    run_on(db, opts, outreach, SHOP).await
}

/// Runs the simulation on `db` under `shop` (the demo uses this to give its shop a history).
pub async fn run_on(db: Db, opts: &Options, outreach: bool, shop: &str) -> anyhow::Result<Run> {
    let started = Instant::now();
    let start = opts.start;
    let end = start + span();
    let policy = crate::demo::policy();
    let clock = Arc::new(SimClock::new(start));
    let mut state = AppState::new(
        db.clone(),
        clock.clone(),
        policy.clone(),
        SessionKey::random()?,
    )
    .with_shop(shop);
    if outreach {
        state.outreach = Arc::new(crate::outreach::Outreach {
            enabled: true,
            public_url: Some("https://shop.example".to_owned()),
            senders: crate::outreach::send::Senders::all(Arc::new(
                crate::outreach::send::RecordingSender::default(),
            )),
            ..crate::outreach::Outreach::default()
        });
        state.integrations.tracking_links = Some(
            TrackingLinks::new(&opts.seed.to_le_bytes().repeat(4), 90)
                .context("a simulated tracking-link key")?,
        );
    }

    // The orders, and every scan to come in time order.
    let n = opts.orders.max(1);
    let span = Duration::days(PLACING_DAYS).num_seconds();
    let mut orders = Vec::with_capacity(n);
    let mut shoppers = Vec::with_capacity(n);
    for i in 0..n {
        let mut rng =
            ChaCha8Rng::seed_from_u64(opts.seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let placed = start + Duration::seconds(span * i as i64 / n as i64);
        let o = world::order(i, placed, &policy, &mut rng)?;
        shoppers.push(shopper::Shopper::new(
            &o,
            ChaCha8Rng::seed_from_u64(opts.seed.wrapping_add(1_000_003 * i as u64)),
        ));
        orders.push(o);
    }
    let mut scans: Vec<(DateTime<Utc>, usize, usize)> = orders
        .iter()
        .enumerate()
        .flat_map(|(i, o)| o.scans.iter().enumerate().map(move |(j, s)| (s.at, i, j)))
        .collect();
    scans.sort_unstable();

    let mut placed = 0;
    let mut next_scan = 0;
    let mut t = start;
    let mut last_notice = start - Duration::seconds(1);
    while t < end {
        let hour_end = t + Duration::hours(1);
        clock.set(t);
        // Orders placed this hour, and the scans of the hour, as the webhooks would store them.
        let mut tx = db.begin().await?;
        // Only what has happened by `t`: nothing of the hour ahead is known yet.
        while placed < n && orders[placed].order.created_at < t {
            crate::db::orders_in::upsert_order(&mut tx, shop, &orders[placed].order, None).await?;
            shoppers[placed].active = true;
            placed += 1;
        }
        let mut moved: Vec<&str> = Vec::new();
        while next_scan < scans.len() && scans[next_scan].0 < t {
            let (_, i, j) = scans[next_scan];
            let o = &orders[i];
            if j == 0 {
                // The label: the order is fulfilled, the parcel exists.
                crate::db::orders_in::upsert_order(&mut tx, shop, &o.fulfilled()?, None).await?;
                shoppers[i].shipped(o.label_at);
            }
            let scan = &o.scans[j];
            if j == 0 {
                crate::db::orders_in::upsert_shipment(
                    &mut tx,
                    shop,
                    &o.order.number,
                    &o.shipment_at(t)?,
                )
                .await?;
            }
            crate::db::orders_in::insert_event(
                &mut tx,
                shop,
                &o.tracking_number,
                &o.event(scan),
                "carrier",
                None,
            )
            .await?;
            if o.delivered_at == Some(scan.at) {
                shoppers[i].delivered(scan.at);
            }
            moved.push(o.tracking_number.as_str());
            next_scan += 1;
        }
        // The carrier was asked this hour about the parcels that moved, and every six hours
        // about all still on their way (what a tracking service's polling does).
        let moving: Vec<&str> = if (t - start).num_hours() % 6 == 0 {
            orders[..placed]
                .iter()
                .zip(&shoppers)
                .filter(|(o, s)| s.in_flight(o, t))
                .map(|(o, _)| o.tracking_number.as_str())
                .chain(moved)
                .collect()
        } else {
            moved
        };
        if !moving.is_empty() {
            let sql = format!(
                "UPDATE shipments SET checked_at = $1 WHERE shop = $2 AND tracking_number IN ({})",
                crate::db::orders_in::in_list(db.backend(), 3)
            );
            sqlx::query(&sql)
                .bind(to_db(t))
                .bind(shop)
                .bind(crate::db::orders_in::json_list(&moving))
                .execute(&mut *tx)
                .await
                .context("refreshing parcels")?;
        }
        tx.commit().await.context("committing a simulated hour")?;

        if outreach {
            crate::outreach::monitor::pass(&state).await?;
            loop {
                let p = crate::outreach::worker::send_pending(&state).await?;
                if p.sent + p.failed + p.retrying == 0 {
                    break;
                }
            }
            // What the shoppers were told this hour.
            let sent: Vec<(String, String, String, String)> = sqlx::query_as(
                "SELECT order_number, kind, channel, sent_at FROM outreach_messages
                 WHERE shop = $1 AND sent_at > $2 AND kind NOT IN ('reply', 'stopped')",
            )
            .bind(shop)
            .bind(to_db(last_notice))
            .fetch_all(db.pool())
            .await
            .context("reading the notices sent")?;
            for (number, trigger, channel, sent_at) in sent {
                let at = crate::db::time::from_db(&sent_at, "sent_at")?;
                last_notice = last_notice.max(at);
                if let Some(i) = number
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(100_000))
                {
                    if let Some(s) = shoppers.get_mut(i) {
                        s.told(at, &trigger, &channel);
                    }
                }
            }
        }

        // The shoppers who write this hour, in the order they write.
        let mut writing: Vec<(DateTime<Utc>, usize)> = Vec::new();
        for (i, s) in shoppers.iter_mut().enumerate() {
            if let Some(at) = s.writes(t, &orders[i]) {
                writing.push((at, i));
            }
        }
        writing.sort_unstable();
        for (at, i) in writing {
            clock.set(at);
            shopper::contact(&state, &clock, &orders[i], &mut shoppers[i], &opts.messages).await?;
        }
        t = hour_end;
    }

    // Measured once every contact's week is over.
    clock.set(end + Duration::days(8));
    let report = crate::outcomes::report(&state, start, end).await?;
    Ok(Run {
        report,
        elapsed: started.elapsed(),
    })
}
