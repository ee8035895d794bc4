//! Orders read live from the shop's Admin GraphQL API: by order name (`#1001`) or by the
//! customer's e-mail. The parcels come with the order in the same query, so they are remembered
//! for a few seconds for the `shipments` call that follows `order`.

use super::client::AdminApi;
use super::order::GqlOrder;
use super::queries;
use crate::source::OrderSource;
use anyhow::Context;
use async_trait::async_trait;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wismo::{Email, Order, OrderNumber, Shipment};

/// How long what one call found (an order's parcels, an order found by name) is kept for the next.
const MEMO_FOR: Duration = Duration::from_secs(30);
/// Past this many remembered orders, the memo starts over.
const MEMO_MAX: usize = 1024;

/// What one call found for an order, kept for the call that follows it: taken once, within
/// [`MEMO_FOR`], and started over past [`MEMO_MAX`] entries.
#[derive(Debug)]
struct Memo<V>(Mutex<HashMap<OrderNumber, (Instant, V)>>);

impl<V> Memo<V> {
    fn new() -> Self {
        Self(Mutex::new(HashMap::new()))
    }

    fn put(&self, number: &OrderNumber, value: V) {
        let mut memo = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if memo.len() >= MEMO_MAX {
            memo.clear();
        }
        memo.insert(number.clone(), (Instant::now(), value));
    }

    fn take(&self, number: &OrderNumber) -> Option<V> {
        let mut memo = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (at, value) = memo.remove(number)?;
        (at.elapsed() < MEMO_FOR).then_some(value)
    }
}

/// A Shopify shop as an order source.
#[derive(Debug)]
pub struct ShopifyOrders {
    api: AdminApi,
    /// The parcels that came with an order, for the `shipments` call that follows.
    shipments: Memo<Vec<Shipment>>,
    /// Orders just found by their name ("NW1001"), for the `order` call that follows: a shop
    /// with a prefix or suffix has no order named `#1001` to search for.
    named: Memo<GqlOrder>,
}

impl ShopifyOrders {
    pub fn new(api: AdminApi) -> Self {
        Self {
            api,
            shipments: Memo::new(),
            named: Memo::new(),
        }
    }

    /// The shop's Admin API, for mutations.
    pub fn api(&self) -> &AdminApi {
        &self.api
    }

    /// The orders matching a search, as Shopify returns them.
    pub async fn search(&self, query: &str, first: u32) -> anyhow::Result<Vec<GqlOrder>> {
        let data = self
            .api
            .query(
                &queries::orders(),
                json!({ "query": query, "first": first }),
            )
            .await?;
        serde_json::from_value(data["orders"]["nodes"].clone()).context("reading Shopify orders")
    }

    /// The Shopify order whose name is exactly `#number` (or that was just found by its name);
    /// Shopify's search is looser than that.
    pub async fn find(&self, number: &OrderNumber) -> anyhow::Result<Option<GqlOrder>> {
        if let Some(order) = self.named.take(number) {
            return Ok(Some(order));
        }
        let found = self
            .search(&format!("name:#{}", number.as_str()), 5)
            .await?;
        Ok(found
            .into_iter()
            .find(|o| o.number().is_ok_and(|n| &n == number)))
    }
}

#[async_trait]
impl OrderSource for ShopifyOrders {
    async fn order(&self, number: &OrderNumber) -> anyhow::Result<Option<Order>> {
        let Some(found) = self.find(number).await? else {
            return Ok(None);
        };
        let (order, shipments) = found
            .to_core()
            .map_err(|e| anyhow::anyhow!("Shopify order {}: {e}", found.name))?;
        self.shipments.put(number, shipments);
        Ok(Some(order))
    }

    async fn order_named(&self, name: &str) -> anyhow::Result<Option<OrderNumber>> {
        let key = crate::db::name_key(name);
        let given = name.trim().replace(['"', '\\'], "");
        // As typed, then with the '#' most shops' names start with.
        for query in [format!("name:\"{given}\""), format!("name:\"#{given}\"")] {
            let found = self.search(&query, 5).await?;
            if let Some(o) = found
                .into_iter()
                .find(|o| crate::db::name_key(&o.name) == key)
            {
                let number = o.number().map_err(|e| anyhow::anyhow!(e))?;
                self.named.put(&number, o);
                return Ok(Some(number));
            }
        }
        Ok(None)
    }

    async fn shipments(&self, order: &Order) -> anyhow::Result<Vec<Shipment>> {
        if let Some(shipments) = self.shipments.take(&order.number) {
            return Ok(shipments);
        }
        let Some(found) = self.find(&order.number).await? else {
            return Ok(Vec::new());
        };
        let (_, shipments) = found
            .to_core()
            .map_err(|e| anyhow::anyhow!("Shopify order {}: {e}", found.name))?;
        Ok(shipments)
    }

    async fn orders_of_customer(&self, customer_id: &str) -> anyhow::Result<Vec<OrderNumber>> {
        let id: String = super::order::legacy_id(customer_id)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if id.is_empty() {
            return Ok(Vec::new());
        }
        let found = self.search(&format!("customer_id:{id}"), 50).await?;
        Ok(found.iter().filter_map(|o| o.number().ok()).collect())
    }

    async fn orders_with_email(&self, email: &Email) -> anyhow::Result<Vec<OrderNumber>> {
        // Quoted, because an address has characters Shopify's search syntax reads otherwise.
        let query = format!("email:\"{}\"", email.as_str().replace('"', ""));
        let found = self.search(&query, 50).await?;
        Ok(found
            .iter()
            .filter(|o| {
                o.email()
                    .is_some_and(|e| e.eq_ignore_ascii_case(email.as_str()))
            })
            .filter_map(|o| o.number().ok())
            .collect())
    }
}
