//! Shopify's webhooks applied to the proxy's tables: each payload is kept as the latest version
//! of its resource (`versions`), then the order it belongs to is derived again from those
//! versions (`convert`) and written where the resolver reads orders and parcels.

mod convert;
pub mod payload;
pub mod privacy;
mod versions;

pub use convert::{decimal_amount, derive, minor_units, service_named, Derived};

use sqlx::AnyConnection;

/// The topics the proxy applies; others are stored and marked ignored.
pub const TOPICS: &[&str] = &[
    "orders/create",
    "orders/updated",
    "orders/cancelled",
    "orders/fulfilled",
    "orders/partially_fulfilled",
    "orders/paid",
    "orders/edited",
    "fulfillments/create",
    "fulfillments/update",
    "fulfillment_events/create",
];

/// What applying an event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The event's data is now reflected in the orders and parcels (or was already newer there).
    Applied,
    /// Nothing to do for this topic; the note says why.
    Ignored(String),
    /// The payload was kept as the resource's latest version, but the order cannot be derived
    /// from the versions stored so far; the reason says why. A later event about the same order
    /// derives it again from the newer versions, so this one failing never blocks those.
    Unusable(String),
}

/// Why an event was not applied.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// The payload can never be applied (malformed JSON, an order the core rejects).
    #[error("{0}")]
    Invalid(String),
    /// Storage failed; applying it again later may work.
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

fn parse<T: serde::de::DeserializeOwned>(topic: &str, body: &[u8]) -> Result<T, ApplyError> {
    serde_json::from_slice(body).map_err(|e| ApplyError::Invalid(format!("{topic} payload: {e}")))
}

/// Applies one event of `shop` inside the caller's transaction. `triggered_ms` orders deliveries
/// whose payloads carry the same `updated_at`.
pub async fn apply(
    conn: &mut AnyConnection,
    shop: &str,
    topic: &str,
    body: &[u8],
    triggered_ms: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Applied, ApplyError> {
    if privacy::TOPICS.contains(&topic) {
        return privacy::apply(conn, shop, topic, body, now).await;
    }
    let order_id = match topic {
        t if t.starts_with("orders/") && TOPICS.contains(&t) => {
            let raw: serde_json::Value = parse(topic, body)?;
            let order: payload::Order = serde_json::from_value(raw.clone())
                .map_err(|e| ApplyError::Invalid(format!("{topic} payload: {e}")))?;
            if let Some(gone) = forgotten(conn, shop, &order.id).await? {
                return Ok(gone);
            }
            versions::store_order(conn, shop, &order, &raw, triggered_ms).await?;
            for f in &order.fulfillments {
                let typed: payload::Fulfillment = serde_json::from_value(f.clone())
                    .map_err(|e| ApplyError::Invalid(format!("{topic} fulfillment: {e}")))?;
                versions::store_fulfillment(conn, shop, &typed, f, triggered_ms).await?;
            }
            order.id
        }
        "fulfillments/create" | "fulfillments/update" => {
            let raw: serde_json::Value = parse(topic, body)?;
            let f: payload::Fulfillment = serde_json::from_value(raw.clone())
                .map_err(|e| ApplyError::Invalid(format!("{topic} payload: {e}")))?;
            if let Some(gone) = forgotten(conn, shop, &f.order_id).await? {
                return Ok(gone);
            }
            versions::store_fulfillment(conn, shop, &f, &raw, triggered_ms).await?;
            f.order_id
        }
        "fulfillment_events/create" => {
            let raw: serde_json::Value = parse(topic, body)?;
            let e: payload::FulfillmentEvent = serde_json::from_value(raw.clone())
                .map_err(|e| ApplyError::Invalid(format!("{topic} payload: {e}")))?;
            if let Some(gone) = forgotten(conn, shop, &e.order_id).await? {
                return Ok(gone);
            }
            versions::store_event(conn, shop, &e, &raw).await?;
            e.order_id
        }
        other => return Ok(Applied::Ignored(format!("topic {other} is not handled"))),
    };
    match versions::rebuild(conn, shop, &order_id).await {
        Ok(()) => Ok(Applied::Applied),
        Err(ApplyError::Invalid(reason)) => Ok(Applied::Unusable(reason)),
        Err(e) => Err(e),
    }
}

/// `Ignored` when the order was deleted or redacted: nothing about it is stored again.
async fn forgotten(
    conn: &mut AnyConnection,
    shop: &str,
    order_id: &str,
) -> Result<Option<Applied>, ApplyError> {
    Ok(privacy::is_forgotten(conn, shop, order_id)
        .await?
        .then(|| Applied::Ignored(format!("order {order_id} was deleted or redacted"))))
}
