//! Where orders come from: the shop. The demo reads its own SQLite tables; a Shopify client will
//! implement the same trait, so handlers never know which shop they talk to.

use async_trait::async_trait;
use sqlx::SqlitePool;
use wismo::{Order, OrderNumber, Shipment};

/// A shop's orders and the carrier data for their parcels.
#[async_trait]
pub trait OrderSource: Send + Sync + 'static {
    /// The order with this number, or `None` when the shop has no such order.
    async fn order(&self, number: &OrderNumber) -> anyhow::Result<Option<Order>>;

    /// The parcels of an order with their latest known scans.
    async fn shipments(&self, order: &Order) -> anyhow::Result<Vec<Shipment>>;
}

/// Orders and scans kept in the proxy's own database: the demo shop, and any shop synced into it.
#[derive(Debug, Clone)]
pub struct SqliteOrderSource {
    pool: SqlitePool,
}

impl SqliteOrderSource {
    pub fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }
}

#[async_trait]
impl OrderSource for SqliteOrderSource {
    async fn order(&self, number: &OrderNumber) -> anyhow::Result<Option<Order>> {
        crate::db::load_order(&self.pool, number).await
    }

    async fn shipments(&self, order: &Order) -> anyhow::Result<Vec<Shipment>> {
        crate::db::load_shipments(&self.pool, &order.number).await
    }
}
