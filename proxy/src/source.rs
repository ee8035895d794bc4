//! Where orders come from: the shop. The demo and webhook-synced shops read the proxy's own
//! tables; a Shopify client will implement the same trait, so handlers never know which shop they
//! talk to.

use crate::db::Db;
use async_trait::async_trait;
use wismo::{Order, OrderNumber, Shipment};

/// A shop's orders and the carrier data for their parcels.
#[async_trait]
pub trait OrderSource: Send + Sync + 'static {
    /// The order with this number, or `None` when the shop has no such order.
    async fn order(&self, number: &OrderNumber) -> anyhow::Result<Option<Order>>;

    /// The parcels of an order with their latest known scans.
    async fn shipments(&self, order: &Order) -> anyhow::Result<Vec<Shipment>>;
}

/// Orders and scans kept in the proxy's own database: the demo shop, and any shop synced into it
/// by webhooks.
#[derive(Debug, Clone)]
pub struct DbOrderSource {
    db: Db,
}

impl DbOrderSource {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

#[async_trait]
impl OrderSource for DbOrderSource {
    async fn order(&self, number: &OrderNumber) -> anyhow::Result<Option<Order>> {
        crate::db::load_order(&self.db, number).await
    }

    async fn shipments(&self, order: &Order) -> anyhow::Result<Vec<Shipment>> {
        crate::db::load_shipments(&self.db, &order.number).await
    }
}
