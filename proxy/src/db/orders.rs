//! Orders, shipments and scans in SQLite. Rows become validated domain types here, at the edge,
//! so a corrupt row is an error the proxy logs, never a half-valid order shown to a shopper.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;
use wismo::carrier::Carrier;
use wismo::{Order, OrderNumber, Shipment, ShipmentData, TrackingEvent, TrackingNumber};

/// Stores an order (its validated JSON whole, plus the columns lookups need).
pub async fn insert_order(pool: &SqlitePool, order: &Order) -> anyhow::Result<()> {
    let data = serde_json::to_string(order).context("serialising an order")?;
    sqlx::query("INSERT INTO orders (number, email, created_at, data) VALUES (?, ?, ?, ?)")
        .bind(order.number.as_str())
        .bind(order.customer.email.as_str())
        .bind(order.created_at)
        .bind(data)
        .execute(pool)
        .await
        .with_context(|| format!("inserting order {}", order.number))?;
    Ok(())
}

/// Stores a parcel of an order with its scans, in one transaction.
pub async fn insert_shipment(
    pool: &SqlitePool,
    order_number: &OrderNumber,
    shipment: &Shipment,
) -> anyhow::Result<()> {
    let mut tx = pool.begin().await.context("starting a transaction")?;
    sqlx::query(
        "INSERT INTO shipments (tracking_number, order_number, carrier, estimated_delivery, checked_at, international)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(shipment.tracking_number.as_str())
    .bind(order_number.as_str())
    .bind(shipment.carrier.slug())
    .bind(shipment.estimated_delivery)
    .bind(shipment.checked_at)
    .bind(shipment.international)
    .execute(&mut *tx)
    .await
    .with_context(|| format!("inserting shipment {}", shipment.tracking_number))?;
    for e in &shipment.events {
        sqlx::query(
            "INSERT INTO tracking_events (tracking_number, at, code, description, place, status)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(shipment.tracking_number.as_str())
        .bind(e.at)
        .bind(&e.code)
        .bind(&e.description)
        .bind(e.place.as_deref())
        .bind(e.status.as_str())
        .execute(&mut *tx)
        .await
        .with_context(|| format!("inserting a scan of {}", shipment.tracking_number))?;
    }
    tx.commit().await.context("committing a shipment")?;
    Ok(())
}

/// How many orders are stored: zero means a fresh database.
pub async fn order_count(pool: &SqlitePool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(pool)
        .await
        .context("counting orders")
}

/// The order with this number, if there is one.
pub async fn load_order(pool: &SqlitePool, number: &OrderNumber) -> anyhow::Result<Option<Order>> {
    let data: Option<String> = sqlx::query_scalar("SELECT data FROM orders WHERE number = ?")
        .bind(number.as_str())
        .fetch_optional(pool)
        .await
        .with_context(|| format!("loading order {number}"))?;
    data.map(|d| {
        serde_json::from_str(&d).with_context(|| format!("stored order {number} is not valid"))
    })
    .transpose()
}

#[derive(sqlx::FromRow)]
struct ShipmentRow {
    tracking_number: String,
    carrier: String,
    estimated_delivery: Option<DateTime<Utc>>,
    checked_at: DateTime<Utc>,
    international: bool,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: DateTime<Utc>,
    code: String,
    description: String,
    place: Option<String>,
}

/// The parcels of an order with their scans, each scan translated afresh by the core so an
/// improved code table applies to old rows too.
pub async fn load_shipments(
    pool: &SqlitePool,
    number: &OrderNumber,
) -> anyhow::Result<Vec<Shipment>> {
    let rows: Vec<ShipmentRow> = sqlx::query_as(
        "SELECT tracking_number, carrier, estimated_delivery, checked_at, international
         FROM shipments WHERE order_number = ? ORDER BY tracking_number",
    )
    .bind(number.as_str())
    .fetch_all(pool)
    .await
    .with_context(|| format!("loading shipments of order {number}"))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let events: Vec<EventRow> = sqlx::query_as(
            "SELECT at, code, description, place FROM tracking_events
             WHERE tracking_number = ? ORDER BY at, id",
        )
        .bind(&row.tracking_number)
        .fetch_all(pool)
        .await
        .with_context(|| format!("loading scans of {}", row.tracking_number))?;
        let carrier = Carrier::parse(&row.carrier);
        let tracking_number = TrackingNumber::parse(&row.tracking_number)
            .with_context(|| format!("stored tracking number {:?}", row.tracking_number))?;
        let events = events
            .into_iter()
            .map(|e| TrackingEvent::from_scan(&carrier, e.at, &e.code, &e.description, e.place))
            .collect();
        let shipment = Shipment::new(ShipmentData {
            carrier,
            tracking_number,
            events,
            estimated_delivery: row.estimated_delivery,
            checked_at: row.checked_at,
            international: row.international,
        })
        .with_context(|| format!("stored shipment {} is not valid", row.tracking_number))?;
        out.push(shipment);
    }
    Ok(out)
}
