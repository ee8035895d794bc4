//! The latest version of each Shopify resource, and the orders and parcels derived from them.
//! A version replaces the stored one only if it is newer (`updated_at`, then the delivery's
//! trigger time), so a late, older webhook never overwrites a newer state.

use super::{convert, payload, ApplyError};
use crate::db::orders_in::{insert_event, set_customer_id_in, upsert_order, upsert_shipment};
use crate::db::time::from_db;
use anyhow::Context;
use sqlx::AnyConnection;
use wismo::Shipment;

pub async fn store_order(
    conn: &mut AnyConnection,
    shop: &str,
    o: &payload::Order,
    raw: &serde_json::Value,
    triggered_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO shopify_orders (id, updated_ms, triggered_ms, payload, shop)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET updated_ms = excluded.updated_ms,
             triggered_ms = excluded.triggered_ms, payload = excluded.payload
         WHERE excluded.updated_ms > shopify_orders.updated_ms
            OR (excluded.updated_ms = shopify_orders.updated_ms
                AND excluded.triggered_ms > shopify_orders.triggered_ms)",
    )
    .bind(&o.id)
    .bind(o.updated_at.timestamp_millis())
    .bind(triggered_ms)
    .bind(raw.to_string())
    .bind(shop)
    .execute(&mut *conn)
    .await
    .with_context(|| format!("storing Shopify order {}", o.id))?;
    Ok(())
}

pub async fn store_fulfillment(
    conn: &mut AnyConnection,
    shop: &str,
    f: &payload::Fulfillment,
    raw: &serde_json::Value,
    triggered_ms: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO shopify_fulfillments (id, order_id, updated_ms, triggered_ms, payload, shop)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET order_id = excluded.order_id,
             updated_ms = excluded.updated_ms, triggered_ms = excluded.triggered_ms,
             payload = excluded.payload
         WHERE excluded.updated_ms > shopify_fulfillments.updated_ms
            OR (excluded.updated_ms = shopify_fulfillments.updated_ms
                AND excluded.triggered_ms > shopify_fulfillments.triggered_ms)",
    )
    .bind(&f.id)
    .bind(&f.order_id)
    .bind(f.updated_at.timestamp_millis())
    .bind(triggered_ms)
    .bind(raw.to_string())
    .bind(shop)
    .execute(&mut *conn)
    .await
    .with_context(|| format!("storing Shopify fulfillment {}", f.id))?;
    Ok(())
}

/// Fulfillment events never change once recorded; a repeat is ignored.
pub async fn store_event(
    conn: &mut AnyConnection,
    shop: &str,
    e: &payload::FulfillmentEvent,
    raw: &serde_json::Value,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO shopify_fulfillment_events (id, fulfillment_id, order_id, payload, shop)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&e.id)
    .bind(&e.fulfillment_id)
    .bind(&e.order_id)
    .bind(raw.to_string())
    .bind(shop)
    .execute(&mut *conn)
    .await
    .with_context(|| format!("storing Shopify fulfillment event {}", e.id))?;
    Ok(())
}

fn parse_stored<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, ApplyError> {
    serde_json::from_str(text).map_err(|e| ApplyError::Invalid(format!("stored {what}: {e}")))
}

/// Derives the order with Shopify id `order_id` from its stored versions and writes it, its
/// parcels and their Shopify scans under `shop`. Does nothing until the order itself has arrived.
pub async fn rebuild(
    conn: &mut AnyConnection,
    shop: &str,
    order_id: &str,
) -> Result<(), ApplyError> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT payload FROM shopify_orders WHERE id = $1")
            .bind(order_id)
            .fetch_optional(&mut *conn)
            .await
            .context("loading a Shopify order")?;
    let Some(stored) = stored else {
        return Ok(());
    };
    let order: payload::Order = parse_stored(&stored, "order")?;
    let fulfillments: Vec<String> = sqlx::query_scalar(
        "SELECT payload FROM shopify_fulfillments WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await
    .context("loading Shopify fulfillments")?;
    let fulfillments = fulfillments
        .iter()
        .map(|f| parse_stored(f, "fulfillment"))
        .collect::<Result<Vec<payload::Fulfillment>, _>>()?;
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT payload FROM shopify_fulfillment_events WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await
    .context("loading Shopify fulfillment events")?;
    let events = events
        .iter()
        .map(|e| parse_stored(e, "fulfillment event"))
        .collect::<Result<Vec<payload::FulfillmentEvent>, _>>()?;

    let derived = convert::derive(&order, &fulfillments, &events).map_err(ApplyError::Invalid)?;
    for note in &derived.notes {
        tracing::warn!(order = order_id, %note, "part of a Shopify order left out");
    }
    // The order is this Shopify order: a number already taken by another one of the shop's
    // orders is an error to look at, never a reason to replace that order.
    let holder: Option<Option<String>> =
        sqlx::query_scalar("SELECT source_id FROM orders WHERE shop = $1 AND number = $2")
            .bind(shop)
            .bind(derived.order.number.as_str())
            .fetch_optional(&mut *conn)
            .await
            .context("finding who holds an order number")?;
    if let Some(Some(other)) = holder.filter(|h| h.as_deref() != Some(order_id)) {
        return Err(ApplyError::Invalid(format!(
            "order number {} already belongs to Shopify order {other}, not {order_id}",
            derived.order.number
        )));
    }
    upsert_order(conn, shop, &derived.order, Some(order_id)).await?;
    let customer_id = order.customer.as_ref().and_then(|c| c.id.as_deref());
    set_customer_id_in(conn, shop, &derived.order.number, customer_id).await?;
    write_parcels(conn, shop, &derived).await?;
    Ok(())
}

async fn write_parcels(
    conn: &mut AnyConnection,
    shop: &str,
    derived: &convert::Derived,
) -> anyhow::Result<()> {
    let number = &derived.order.number;
    let existing: Vec<String> = sqlx::query_scalar(
        "SELECT tracking_number FROM shipments WHERE shop = $1 AND order_number = $2",
    )
    .bind(shop)
    .bind(number.as_str())
    .fetch_all(&mut *conn)
    .await
    .context("listing an order's parcels")?;
    // A parcel the shop no longer lists (its fulfillment was cancelled) is no longer the order's.
    for gone in existing.iter().filter(|t| {
        !derived
            .shipments
            .iter()
            .any(|(s, _)| s.tracking_number.as_str() == t.as_str())
    }) {
        sqlx::query("DELETE FROM shipments WHERE shop = $1 AND tracking_number = $2")
            .bind(shop)
            .bind(gone)
            .execute(&mut *conn)
            .await
            .context("removing a cancelled parcel")?;
    }
    for (shipment, event_ids) in &derived.shipments {
        let tn = &shipment.tracking_number;
        // A carrier may have told us about this parcel more recently than Shopify did.
        let known: Option<String> = sqlx::query_scalar(
            "SELECT checked_at FROM shipments WHERE shop = $1 AND tracking_number = $2",
        )
        .bind(shop)
        .bind(tn.as_str())
        .fetch_optional(&mut *conn)
        .await
        .context("reading a parcel's freshness")?;
        let mut data = wismo::ShipmentData::from(shipment.clone());
        if let Some(known) = known {
            data.checked_at = data.checked_at.max(from_db(&known, "checked_at")?);
        }
        let events = std::mem::take(&mut data.events);
        let row = Shipment::new(data).context("a parcel with a later check time")?;
        upsert_shipment(conn, shop, number, &row).await?;
        sqlx::query(
            "DELETE FROM tracking_events
             WHERE shop = $1 AND tracking_number = $2 AND source = 'shopify'",
        )
        .bind(shop)
        .bind(tn.as_str())
        .execute(&mut *conn)
        .await
        .context("clearing a parcel's Shopify scans")?;
        for (event, id) in events.iter().zip(event_ids) {
            // One fulfillment may carry several parcels, each with its copy of the event.
            let source_id = format!("{id}/{}", tn.as_str());
            insert_event(conn, shop, tn, event, "shopify", Some(&source_id)).await?;
        }
    }
    Ok(())
}
