//! Where orders come from: the shop. The demo and webhook-synced shops read the proxy's own
//! tables; a Shopify client will implement the same trait, so handlers never know which shop they
//! talk to.

use crate::db::Db;
use async_trait::async_trait;
use wismo::{Email, Order, OrderNumber, Shipment};

/// A shop's orders and the carrier data for their parcels.
#[async_trait]
pub trait OrderSource: Send + Sync + 'static {
    /// The order with this number, or `None` when the shop has no such order.
    async fn order(&self, number: &OrderNumber) -> anyhow::Result<Option<Order>>;

    /// The number of the order whose name, as the shop shows it to shoppers, is `name`
    /// ("NW1234", "#1234-US"); `None` when there is none or the source cannot look names up.
    async fn order_named(&self, name: &str) -> anyhow::Result<Option<OrderNumber>> {
        let _ = name;
        Ok(None)
    }

    /// The parcels of an order with their latest known scans.
    async fn shipments(&self, order: &Order) -> anyhow::Result<Vec<Shipment>>;

    /// The orders of the shop customer with this id (a storefront login), newest first.
    async fn orders_of_customer(&self, customer_id: &str) -> anyhow::Result<Vec<OrderNumber>> {
        let _ = customer_id;
        anyhow::bail!("this order source cannot look orders up by customer")
    }

    /// The orders placed with this e-mail address (a helpdesk ticket's requester), newest first.
    async fn orders_with_email(&self, email: &Email) -> anyhow::Result<Vec<OrderNumber>> {
        let _ = email;
        anyhow::bail!("this order source cannot look orders up by e-mail")
    }

    /// Whether the orders are the proxy's own tables for the state's shop, so bulk work (the
    /// outreach monitor) may read many at once straight from them.
    fn is_stored(&self) -> bool {
        false
    }
}

/// Orders and scans kept in the proxy's own database for one shop: the demo shop, or a shop
/// synced into it by webhooks.
#[derive(Debug, Clone)]
pub struct DbOrderSource {
    db: Db,
    shop: std::sync::Arc<str>,
}

impl DbOrderSource {
    pub fn new(db: Db, shop: &str) -> Self {
        Self {
            db,
            shop: shop.into(),
        }
    }
}

#[async_trait]
impl OrderSource for DbOrderSource {
    async fn order(&self, number: &OrderNumber) -> anyhow::Result<Option<Order>> {
        crate::db::load_order(&self.db, &self.shop, number).await
    }

    async fn order_named(&self, name: &str) -> anyhow::Result<Option<OrderNumber>> {
        crate::db::order_named(&self.db, &self.shop, name).await
    }

    async fn shipments(&self, order: &Order) -> anyhow::Result<Vec<Shipment>> {
        crate::db::load_shipments(&self.db, &self.shop, &order.number).await
    }

    async fn orders_of_customer(&self, customer_id: &str) -> anyhow::Result<Vec<OrderNumber>> {
        crate::db::orders_of_customer(&self.db, &self.shop, customer_id).await
    }

    async fn orders_with_email(&self, email: &Email) -> anyhow::Result<Vec<OrderNumber>> {
        crate::db::orders_with_email(&self.db, &self.shop, email).await
    }

    fn is_stored(&self) -> bool {
        true
    }
}
