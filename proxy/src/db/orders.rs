//! Orders, shipments and scans. Rows become validated domain types here, at the edge, so a
//! corrupt row is an error the proxy logs, never a half-valid order shown to a shopper.

use super::time::{from_db, from_db_opt, to_db};
use super::{Backend, Db};
use anyhow::Context;
use sqlx::AnyConnection;
use std::collections::HashMap;
use wismo::carrier::Carrier;
use wismo::{Order, OrderNumber, Shipment, ShipmentData, TrackingEvent, TrackingNumber};

/// Stores a new order of `shop` (its validated JSON whole, plus the columns lookups need).
pub async fn insert_order(db: &Db, shop: &str, order: &Order) -> anyhow::Result<()> {
    let mut conn = db
        .pool()
        .acquire()
        .await
        .context("acquiring a connection")?;
    upsert_order(&mut conn, shop, order, None).await
}

/// Stores an order of `shop` or replaces the stored one with the same number; `source_id` names
/// the shop resource it was derived from.
pub(crate) async fn upsert_order(
    conn: &mut AnyConnection,
    shop: &str,
    order: &Order,
    source_id: Option<&str>,
) -> anyhow::Result<()> {
    let data = serde_json::to_string(order).context("serialising an order")?;
    sqlx::query(
        "INSERT INTO orders (shop, number, email, created_at, data, source_id, name_key, phone_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (shop, number) DO UPDATE SET email = excluded.email,
             created_at = excluded.created_at, data = excluded.data,
             source_id = COALESCE(excluded.source_id, orders.source_id),
             name_key = excluded.name_key, phone_key = excluded.phone_key",
    )
    .bind(shop)
    .bind(order.number.as_str())
    .bind(order.customer.email.as_str())
    .bind(to_db(order.created_at))
    .bind(data)
    .bind(source_id)
    .bind(name_key(&order.display_name()))
    .bind(order.customer.phone_key())
    .execute(&mut *conn)
    .await
    .with_context(|| format!("storing order {}", order.number))?;
    crate::outreach::watch::touch(conn, shop, order.number.as_str()).await
}

/// An order name reduced to what identifies it whatever way it is typed: its letters and
/// digits in capitals ("#1234-us" and "1234 US" are both "1234US").
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The number of `shop`'s order whose name, as the shopper sees it, is `name`.
pub async fn order_named(db: &Db, shop: &str, name: &str) -> anyhow::Result<Option<OrderNumber>> {
    let key = name_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    let number: Option<String> = sqlx::query_scalar(
        "SELECT number FROM orders WHERE shop = $1 AND name_key = $2 ORDER BY number LIMIT 1",
    )
    .bind(shop)
    .bind(&key)
    .fetch_optional(db.pool())
    .await
    .context("finding an order by its name")?;
    number
        .map(|n| OrderNumber::parse(&n).with_context(|| format!("stored order number {n:?}")))
        .transpose()
}

/// Stores a parcel of an order of `shop` with its scans, in one transaction.
pub async fn insert_shipment(
    db: &Db,
    shop: &str,
    order_number: &OrderNumber,
    shipment: &Shipment,
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    upsert_shipment(&mut tx, shop, order_number, shipment).await?;
    for e in &shipment.events {
        insert_event(&mut tx, shop, &shipment.tracking_number, e, "carrier", None).await?;
    }
    tx.commit().await.context("committing a shipment")?;
    Ok(())
}

/// Stores a parcel's row (not its scans), replacing what is known about it.
pub(crate) async fn upsert_shipment(
    conn: &mut AnyConnection,
    shop: &str,
    order_number: &OrderNumber,
    shipment: &Shipment,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO shipments (shop, tracking_number, order_number, carrier, estimated_delivery, checked_at, international)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (shop, tracking_number) DO UPDATE SET order_number = excluded.order_number,
             carrier = excluded.carrier, estimated_delivery = excluded.estimated_delivery,
             checked_at = excluded.checked_at, international = excluded.international",
    )
    .bind(shop)
    .bind(shipment.tracking_number.as_str())
    .bind(order_number.as_str())
    .bind(shipment.carrier.slug())
    .bind(shipment.estimated_delivery.map(to_db))
    .bind(to_db(shipment.checked_at))
    .bind(i64::from(shipment.international))
    .execute(&mut *conn)
    .await
    .with_context(|| format!("storing shipment {}", shipment.tracking_number))?;
    crate::outreach::watch::touch(conn, shop, order_number.as_str()).await
}

/// Stores one scan; `source` is `carrier` or `shopify` (whose codes are Shopify's own).
pub(crate) async fn insert_event(
    conn: &mut AnyConnection,
    shop: &str,
    tracking_number: &TrackingNumber,
    e: &TrackingEvent,
    source: &str,
    source_id: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO tracking_events (shop, tracking_number, at, code, description, place, status, source, source_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(shop)
    .bind(tracking_number.as_str())
    .bind(to_db(e.at))
    .bind(&e.code)
    .bind(&e.description)
    .bind(e.place.as_deref())
    .bind(e.status.as_str())
    .bind(source)
    .bind(source_id)
    .execute(&mut *conn)
    .await
    .with_context(|| format!("inserting a scan of {tracking_number}"))?;
    // The order learns of a new scan.
    sqlx::query(
        "INSERT INTO outreach_watch (shop, order_number, check_at, version)
         SELECT shop, order_number, $3, 1 FROM shipments WHERE shop = $1 AND tracking_number = $2
         ON CONFLICT (shop, order_number)
         DO UPDATE SET check_at = excluded.check_at, version = outreach_watch.version + 1",
    )
    .bind(shop)
    .bind(tracking_number.as_str())
    .bind(crate::outreach::watch::ASAP)
    .execute(&mut *conn)
    .await
    .with_context(|| format!("marking the order of {tracking_number} for the monitor"))?;
    Ok(())
}

/// Gives the rows stored before orders had a shop (shop `''`) to `shop`, the one this proxy is
/// configured for; their parcels and scans follow through the cascading keys. Returns how many
/// orders were adopted.
pub async fn adopt_unowned(db: &Db, shop: &str) -> anyhow::Result<u64> {
    let mut tx = db.begin().await?;
    let n = sqlx::query("UPDATE orders SET shop = $1 WHERE shop = ''")
        .bind(shop)
        .execute(&mut *tx)
        .await
        .context("assigning stored orders to the shop")?
        .rows_affected();
    for table in [
        "shopify_orders",
        "shopify_fulfillments",
        "shopify_fulfillment_events",
    ] {
        sqlx::query(&format!("UPDATE {table} SET shop = $1 WHERE shop = ''"))
            .bind(shop)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("assigning {table} to the shop"))?;
    }
    // Conversations kept under "default" before a shop domain was required.
    if shop != crate::state::DEFAULT_SHOP {
        sqlx::query(
            "UPDATE conversations SET shop = $1 WHERE shop = $2 AND NOT EXISTS
                 (SELECT 1 FROM conversations c WHERE c.shop = $1 AND c.email = conversations.email)",
        )
        .bind(shop)
        .bind(crate::state::DEFAULT_SHOP)
        .execute(&mut *tx)
        .await
        .context("assigning stored conversations to the shop")?;
        sqlx::query("UPDATE conversation_messages SET shop = $1 WHERE shop = $2")
            .bind(shop)
            .bind(crate::state::DEFAULT_SHOP)
            .execute(&mut *tx)
            .await
            .context("assigning stored messages to the shop")?;
    }
    // Shopify deliveries stored before the shop was checked: ours are kept, another shop's
    // (a development store sharing the app) are deleted unread, never applied as ours.
    sqlx::query(
        "DELETE FROM webhook_events WHERE provider = 'shopify' AND shop_domain IS NOT NULL
             AND lower(shop_domain) <> lower($1)",
    )
    .bind(shop)
    .execute(&mut *tx)
    .await
    .context("deleting another shop's stored deliveries")?;
    sqlx::query(
        "UPDATE webhook_events SET shop_domain = $1
         WHERE provider = 'shopify' AND (shop_domain IS NULL OR shop_domain <> $1)",
    )
    .bind(shop)
    .execute(&mut *tx)
    .await
    .context("assigning stored deliveries to the shop")?;
    sqlx::query(
        "UPDATE carrier_tracking SET shop = $1 WHERE shop IS NULL AND order_number IS NOT NULL",
    )
    .bind(shop)
    .execute(&mut *tx)
    .await
    .context("assigning cached parcels to the shop")?;
    tx.commit().await.context("committing the shop's rows")?;
    Ok(n)
}

/// How many orders are stored: zero means a fresh database.
pub async fn order_count(db: &Db) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(db.pool())
        .await
        .context("counting orders")
}

/// The order of `shop` with this number, if there is one.
pub async fn load_order(
    db: &Db,
    shop: &str,
    number: &OrderNumber,
) -> anyhow::Result<Option<Order>> {
    let mut conn = db
        .pool()
        .acquire()
        .await
        .context("acquiring a connection")?;
    load_order_in(&mut conn, shop, number).await
}

pub(crate) async fn load_order_in(
    conn: &mut AnyConnection,
    shop: &str,
    number: &OrderNumber,
) -> anyhow::Result<Option<Order>> {
    let data: Option<String> =
        sqlx::query_scalar("SELECT data FROM orders WHERE shop = $1 AND number = $2")
            .bind(shop)
            .bind(number.as_str())
            .fetch_optional(&mut *conn)
            .await
            .with_context(|| format!("loading order {number}"))?;
    data.map(|d| {
        serde_json::from_str(&d).with_context(|| format!("stored order {number} is not valid"))
    })
    .transpose()
}

#[derive(sqlx::FromRow)]
struct ShipmentRow {
    order_number: String,
    tracking_number: String,
    carrier: String,
    estimated_delivery: Option<String>,
    checked_at: String,
    international: i64,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    tracking_number: String,
    at: String,
    code: String,
    description: String,
    place: Option<String>,
    source: String,
}

/// A parcel from its row and its scans, each scan translated afresh by the core so an improved
/// code table applies to old rows too.
fn shipment_of(row: ShipmentRow, events: Vec<EventRow>) -> anyhow::Result<Shipment> {
    let carrier = Carrier::parse(&row.carrier);
    let tracking_number = TrackingNumber::parse(&row.tracking_number)
        .with_context(|| format!("stored tracking number {:?}", row.tracking_number))?;
    let events = events
        .into_iter()
        .map(|e| {
            // Shopify's fulfillment events speak Shopify's statuses, whoever carries the parcel.
            let scheme = if e.source == "shopify" {
                Carrier::Shopify
            } else {
                carrier.clone()
            };
            let at = from_db(&e.at, "scan time")?;
            Ok(TrackingEvent::from_scan(
                &scheme,
                at,
                &e.code,
                &e.description,
                e.place,
            ))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Shipment::new(ShipmentData {
        carrier,
        tracking_number,
        events,
        estimated_delivery: from_db_opt(row.estimated_delivery.as_deref(), "estimate")?,
        checked_at: from_db(&row.checked_at, "checked_at")?,
        international: row.international != 0,
    })
    .with_context(|| format!("stored shipment {} is not valid", row.tracking_number))
}

/// The parcels of an order with their scans.
pub async fn load_shipments(
    db: &Db,
    shop: &str,
    number: &OrderNumber,
) -> anyhow::Result<Vec<Shipment>> {
    let mut all = load_shipments_of(db, shop, &[number.as_str()]).await?;
    Ok(all.remove(number.as_str()).unwrap_or_default())
}

/// Several orders of `shop` in one query, by number; numbers with no order are left out.
pub async fn load_orders_of(
    db: &Db,
    shop: &str,
    numbers: &[&str],
) -> anyhow::Result<HashMap<String, Order>> {
    if numbers.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT number, data FROM orders WHERE shop = $1 AND number IN ({})",
        in_list(db.backend(), 2)
    );
    sqlx::query_as::<_, (String, String)>(&sql)
        .bind(shop)
        .bind(json_list(numbers))
        .fetch_all(db.pool())
        .await
        .context("loading orders")?
        .into_iter()
        .map(|(number, data)| {
            let order = serde_json::from_str(&data)
                .with_context(|| format!("stored order {number} is not valid"))?;
            Ok((number, order))
        })
        .collect()
}

/// A subquery listing the strings of parameter `$param`, bound as a JSON array (see
/// [`json_list`]): one parameter however many values, where sqlx's SQLite driver spends time
/// quadratic in the number of parameters of a statement.
pub(crate) fn in_list(backend: Backend, param: usize) -> String {
    match backend {
        Backend::Sqlite => format!("SELECT value FROM json_each(${param})"),
        Backend::Postgres => format!("SELECT json_array_elements_text(${param}::json)"),
    }
}

/// The JSON array [`in_list`] reads.
pub(crate) fn json_list<S: AsRef<str>>(values: &[S]) -> String {
    let v: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    serde_json::to_string(&v).unwrap_or_else(|_| "[]".to_owned())
}

/// The parcels of several orders of `shop` with their scans, in three queries whatever their
/// number: by order number, each order's parcels in tracking-number order.
pub async fn load_shipments_of(
    db: &Db,
    shop: &str,
    numbers: &[&str],
) -> anyhow::Result<HashMap<String, Vec<Shipment>>> {
    let mut out: HashMap<String, Vec<Shipment>> = HashMap::new();
    if numbers.is_empty() {
        return Ok(out);
    }
    let list = in_list(db.backend(), 2);
    let numbers = json_list(numbers);
    let sql = format!(
        "SELECT order_number, tracking_number, carrier, estimated_delivery, checked_at, international
         FROM shipments WHERE shop = $1 AND order_number IN ({list})
         ORDER BY order_number, tracking_number"
    );
    let rows = sqlx::query_as::<_, ShipmentRow>(&sql)
        .bind(shop)
        .bind(&numbers)
        .fetch_all(db.pool())
        .await
        .context("loading shipments")?;
    if rows.is_empty() {
        return Ok(out);
    }
    // By the parcels' numbers: joined to `shipments`, SQLite would walk every scan of the shop.
    let parcels: Vec<&str> = rows.iter().map(|r| r.tracking_number.as_str()).collect();
    let sql = format!(
        "SELECT tracking_number, at, code, description, place, source FROM tracking_events
         WHERE shop = $1 AND tracking_number IN ({list})
         ORDER BY tracking_number, at, id"
    );
    let scans = sqlx::query_as::<_, EventRow>(&sql)
        .bind(shop)
        .bind(json_list(&parcels))
        .fetch_all(db.pool())
        .await
        .context("loading scans")?;
    let mut events: HashMap<String, Vec<EventRow>> = HashMap::new();
    for e in scans {
        events.entry(e.tracking_number.clone()).or_default().push(e);
    }
    for row in rows {
        let order = row.order_number.clone();
        let scans = events.remove(&row.tracking_number).unwrap_or_default();
        out.entry(order).or_default().push(shipment_of(row, scans)?);
    }
    Ok(out)
}
