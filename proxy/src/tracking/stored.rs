//! The demo's tracking source: the scans already stored in the proxy's own tables, returned with
//! the time they were last checked, so the demo goes through the same path as EasyPost or
//! AfterShip and its stale parcels stay stale.

use super::{Parcel, Tracked, TrackingSource};
use crate::db::{self, Db};
use anyhow::Context;
use async_trait::async_trait;
use wismo::OrderNumber;

/// Scans from the `shipments` and `tracking_events` tables.
#[derive(Debug, Clone)]
pub struct StoredTracking {
    db: Db,
    shop: std::sync::Arc<str>,
}

impl StoredTracking {
    /// The stored scans of `shop`'s parcels.
    pub fn new(db: Db, shop: &str) -> Self {
        Self {
            db,
            shop: shop.into(),
        }
    }
}

#[async_trait]
impl TrackingSource for StoredTracking {
    fn live(&self) -> bool {
        false
    }

    /// Nothing to register with: the stored scans are all there is.
    async fn register(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>> {
        self.fetch(parcel).await
    }

    async fn fetch(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>> {
        let number = parcel.tracking_number.as_str();
        let order: Option<String> = sqlx::query_scalar(
            "SELECT order_number FROM shipments WHERE shop = $1 AND tracking_number = $2",
        )
        .bind(self.shop.as_ref())
        .bind(number)
        .fetch_optional(self.db.pool())
        .await
        .with_context(|| format!("finding the order of parcel {number}"))?;
        let Some(order) = order else {
            return Ok(None);
        };
        let order =
            OrderNumber::parse(&order).with_context(|| format!("stored order number {order:?}"))?;
        let shipment = db::load_shipments(&self.db, &self.shop, &order)
            .await?
            .into_iter()
            .find(|s| s.tracking_number == parcel.tracking_number);
        Ok(shipment.map(|s| Tracked {
            events: s.events.clone(),
            estimated_delivery: s.estimated_delivery,
            as_of: Some(s.checked_at),
            raw: None,
        }))
    }
}
