//! Everything about one order, fetched the way a shopper is best served: the shop and the
//! carrier at the same time, each within its own time limit, and a carrier that is slow or down
//! replaced by the last document we had, with the time it was true, so the core can say how old
//! the news is. Only the shop is essential; carrier trouble is logged, never shown as an error.

use super::cache::{self, Cached, Entry};
use super::{Parcel, Tracked};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::time::timeout;
use wismo::carrier::Carrier;
use wismo::{Order, OrderNumber, Shipment, ShipmentData, TrackingNumber};

/// How long an order view waits for each outside system, and how long cached carrier data
/// counts as current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// The shop (Shopify, or the proxy's own tables).
    pub shop: Duration,
    /// Each carrier call; past it, the cached document is used.
    pub carrier: Duration,
    /// Cached carrier data younger than this is used without asking the carrier again
    /// (webhooks keep it current in between).
    pub refresh_after: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            shop: Duration::from_secs(5),
            carrier: Duration::from_secs(2),
            refresh_after: Duration::from_secs(300),
        }
    }
}

/// The carrier's view of one parcel, and since when it is known.
#[derive(Debug, Clone)]
struct View {
    tracked: Tracked,
    checked_at: DateTime<Utc>,
    /// Who carries the parcel as the carrier service reported it, which beats the name the
    /// merchant typed into the shop (a parcel handed from one carrier to another, a typo).
    carrier: Option<Carrier>,
}

impl View {
    fn cached(c: &Cached) -> Self {
        Self {
            tracked: c.tracked.clone(),
            checked_at: c.checked_at,
            carrier: reported(&c.carrier),
        }
    }
}

/// A carrier the service actually named, not a blank or an unrecognised placeholder.
fn reported(c: &Carrier) -> Option<Carrier> {
    match c {
        Carrier::Other(name) if name.trim().is_empty() || name.eq_ignore_ascii_case("unknown") => {
            None
        }
        c => Some(c.clone()),
    }
}

/// The order and its parcels, or `None` when the shop has no such order. Fails only when the
/// shop fails.
pub async fn gather(
    state: &AppState,
    number: &OrderNumber,
) -> anyhow::Result<Option<(Order, Vec<Shipment>)>> {
    gather_noting(state, number, &AtomicBool::new(false)).await
}

/// [`gather`], setting `degraded` when a carrier or the carrier cache failed and older or less
/// data stands in: good enough for one answer, not for one that is kept.
pub async fn gather_noting(
    state: &AppState,
    number: &OrderNumber,
    degraded: &AtomicBool,
) -> anyhow::Result<Option<(Order, Vec<Shipment>)>> {
    let limits = state.timeouts;
    let now = state.clock.now();
    // What we knew about this order's parcels lets the carrier be asked before the shop answers.
    let known = cache::of_order(&state.db, &state.shop, number)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = ?e, order = %number, "cannot read the carrier cache");
            degraded.store(true, Ordering::Relaxed);
            Vec::new()
        });
    let shop = async {
        let fetch = async {
            let Some(order) = state.orders.order(number).await? else {
                return Ok(None);
            };
            let shipments = state.orders.shipments(&order).await?;
            anyhow::Ok(Some((order, shipments)))
        };
        timeout(limits.shop, fetch).await.unwrap_or_else(|_| {
            Err(anyhow::anyhow!(
                "the shop did not answer within {:?}",
                limits.shop
            ))
        })
    };
    let carriers = join_all(known.iter().map(|c| {
        let parcel = Parcel {
            carrier: c.carrier.clone(),
            tracking_number: c.tracking_number.clone(),
            provider_id: c.provider_id.clone(),
        };
        refresh(state, parcel, Some(c), number, now, degraded)
    }));
    let (shop, fresh) = tokio::join!(shop, carriers);
    let Some((order, shop_shipments)) = shop? else {
        return Ok(None);
    };
    let mut views: HashMap<TrackingNumber, View> = known
        .iter()
        .zip(fresh)
        .filter_map(|(c, v)| Some((c.tracking_number.clone(), v?)))
        .collect();

    // Parcels new to this order: whatever a webhook cached already, else the carrier, now.
    let mut new: Vec<&wismo::Fulfillment> = Vec::new();
    for f in &order.fulfillments {
        if !views.contains_key(&f.tracking_number)
            && !new.iter().any(|n| n.tracking_number == f.tracking_number)
        {
            new.push(f);
        }
    }
    let first = join_all(new.iter().map(|f| async {
        let cached = cache::get(&state.db, &f.tracking_number)
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = ?e, parcel = %f.tracking_number, "cannot read the carrier cache");
                degraded.store(true, Ordering::Relaxed);
                None
            });
        let parcel = Parcel {
            // The carrier a webhook reported, when one did, over the name typed into the shop.
            carrier: cached
                .as_ref()
                .and_then(|c| reported(&c.carrier))
                .unwrap_or_else(|| f.carrier.clone()),
            tracking_number: f.tracking_number.clone(),
            provider_id: cached.as_ref().and_then(|c| c.provider_id.clone()),
        };
        refresh(state, parcel, cached.as_ref(), number, now, degraded).await
    }))
    .await;
    for (f, view) in new.iter().zip(first) {
        if let Some(view) = view {
            views.insert(f.tracking_number.clone(), view);
        }
    }
    let shipments = merge(&order, shop_shipments, &views, state.tracking.live());
    Ok(Some((order, shipments)))
}

/// The order's parcels from stored data alone, exactly as [`gather`] builds them when the
/// tracking source is not live: the shop's parcels and scans, and the cached documents carriers
/// pushed (`cached`, any parcels; those of this order's fulfillments are used).
pub fn from_stored(order: &Order, shop: Vec<Shipment>, cached: &[Cached]) -> Vec<Shipment> {
    let views: HashMap<TrackingNumber, View> = order
        .fulfillments
        .iter()
        .filter_map(|f| {
            let c = cached
                .iter()
                .find(|c| c.tracking_number == f.tracking_number)?;
            Some((f.tracking_number.clone(), View::cached(c)))
        })
        .collect();
    merge(order, shop, &views, false)
}

/// Asks the carrier about a parcel within the time limit, caching a fresh answer; on a
/// timeout or an error, the cached view (if any).
async fn refresh(
    state: &AppState,
    parcel: Parcel,
    cached: Option<&Cached>,
    order: &OrderNumber,
    now: DateTime<Utc>,
    degraded: &AtomicBool,
) -> Option<View> {
    let limits = state.timeouts;
    if let Some(c) = cached {
        // The cached document stays the parcel's data until newer data replaces it; its age
        // only decides whether a live carrier service is worth asking again.
        let age = (now - c.checked_at).to_std().unwrap_or_default();
        if age < limits.refresh_after || !state.tracking.live() {
            return Some(View::cached(c));
        }
    }
    let call = async {
        if cached.is_some() {
            state.tracking.fetch(&parcel).await
        } else {
            state.tracking.register(&parcel).await
        }
    };
    let parcel_no = parcel.tracking_number.as_str();
    let answer = match timeout(limits.carrier, call).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(e)) => {
            tracing::warn!(error = ?e, parcel = parcel_no, "carrier failed; using cached data");
            degraded.store(true, Ordering::Relaxed);
            None
        }
        Err(_) => {
            degraded.store(true, Ordering::Relaxed);
            tracing::warn!(
                parcel = parcel_no,
                limit = ?limits.carrier,
                "carrier too slow; using cached data"
            );
            None
        }
    };
    let Some(tracked) = answer else {
        return cached.map(View::cached);
    };
    if let Some(raw) = &tracked.raw {
        let entry = Entry {
            tracking_number: &parcel.tracking_number,
            order: Some((&state.shop, order)),
            carrier: &parcel.carrier,
            raw,
            estimated_delivery: tracked.estimated_delivery,
            checked_at: now,
        };
        match cache::store_in(&state.db, &entry).await {
            Ok(true) => {}
            // A webhook brought a newer document than the one just fetched: keep that one.
            Ok(false) => return cached.map(View::cached),
            Err(e) => tracing::warn!(error = ?e, parcel = parcel_no, "cannot cache carrier data"),
        }
    }
    let checked_at = tracked.as_of.unwrap_or(now);
    Some(View {
        tracked,
        checked_at,
        carrier: cached.and_then(|c| reported(&c.carrier)),
    })
}

/// The order's parcels: the carrier's view where there is one with scans, else the shop's.
fn merge(
    order: &Order,
    shop: Vec<Shipment>,
    views: &HashMap<TrackingNumber, View>,
    live: bool,
) -> Vec<Shipment> {
    let mut out: Vec<Shipment> = Vec::new();
    for f in &order.fulfillments {
        if out.iter().any(|s| s.tracking_number == f.tracking_number) {
            continue;
        }
        let from_shop = shop.iter().find(|s| s.tracking_number == f.tracking_number);
        // Without a live service, pushed documents are all there is of the carrier: when the
        // shop's own scans are newer (a service that stopped pushing, with Shopify's events
        // still coming), they win. A live service's cache stands in for the carrier itself.
        let shop_newest = if live {
            None
        } else {
            from_shop.and_then(|s| s.events.iter().map(|e| e.at).max())
        };
        let from_carrier = views
            .get(&f.tracking_number)
            .filter(|v| !v.tracked.events.is_empty() || from_shop.is_none())
            .filter(|v| {
                let newest = v.tracked.events.iter().map(|e| e.at).max();
                shop_newest.is_none_or(|s| newest.is_some_and(|c| c >= s))
            })
            .and_then(|v| {
                let last = v.tracked.events.iter().map(|e| e.at).max();
                let built = Shipment::new(ShipmentData {
                    carrier: v.carrier.clone().unwrap_or_else(|| f.carrier.clone()),
                    tracking_number: f.tracking_number.clone(),
                    events: v.tracked.events.clone(),
                    estimated_delivery: v
                        .tracked
                        .estimated_delivery
                        .or_else(|| from_shop.and_then(|s| s.estimated_delivery)),
                    // A scan stamped later than our clock (a carrier's clock, a time zone) must
                    // not make the parcel invalid.
                    checked_at: last.map_or(v.checked_at, |l| l.max(v.checked_at)),
                    international: from_shop.is_some_and(|s| s.international),
                });
                built
                    .map_err(|e| tracing::warn!(error = %e, "carrier data does not fit the parcel"))
                    .ok()
            });
        if let Some(s) = from_carrier.or_else(|| from_shop.cloned()) {
            out.push(s);
        }
    }
    // Parcels the shop reports but the order does not list are still the shopper's.
    for s in shop {
        if !out.iter().any(|o| o.tracking_number == s.tracking_number) {
            out.push(s);
        }
    }
    out.sort_by(|a, b| a.tracking_number.as_str().cmp(b.tracking_number.as_str()));
    out
}
