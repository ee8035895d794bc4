//! Shopify's privacy webhooks applied: `orders/delete` and the mandatory compliance topics
//! (`customers/redact`, `customers/data_request`, `shop/redact`). Deleted and redacted orders
//! leave a tombstone so no late or re-applied webhook brings them back; redaction removes the
//! customer's data from orders, parcels, conversations, notes, audit details and the raw
//! deliveries; a data request stores what the proxy holds about the customer for the merchant
//! (`wismo privacy export`).
//!
//! Tables without a shop column (audit log, idempotency keys, helpdesk notes) belong to the one
//! shop this proxy serves: the webhook handler stores no other shop's deliveries.

use super::{parse, payload, Applied, ApplyError};
use crate::db::time::to_db;
use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::AnyConnection;

/// The topics this module applies.
pub const TOPICS: &[&str] = &[
    "orders/delete",
    "customers/redact",
    "customers/data_request",
    "shop/redact",
];

/// What a redacted raw delivery's body becomes.
pub const REDACTED_BODY: &[u8] = br#"{"redacted":true}"#;

#[derive(Deserialize)]
struct Deleted {
    #[serde(deserialize_with = "payload::id")]
    id: String,
}

/// The customer a compliance webhook is about.
#[derive(Debug, Default, Deserialize)]
struct Customer {
    #[serde(default, deserialize_with = "payload::opt_id")]
    id: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl Customer {
    fn email(&self) -> Option<String> {
        self.email
            .as_deref()
            .map(|e| e.trim().to_ascii_lowercase())
            .filter(|e| !e.is_empty())
    }
}

#[derive(Deserialize)]
struct Compliance {
    #[serde(default)]
    customer: Customer,
    /// `orders_to_redact` (customers/redact) or `orders_requested` (customers/data_request).
    #[serde(default, alias = "orders_to_redact", alias = "orders_requested")]
    orders: Vec<Value>,
    data_request: Option<RequestId>,
}

#[derive(Deserialize)]
struct RequestId {
    #[serde(deserialize_with = "payload::id")]
    id: String,
}

/// Applies one privacy delivery of `shop` inside the caller's transaction.
pub async fn apply(
    conn: &mut AnyConnection,
    shop: &str,
    topic: &str,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Applied, ApplyError> {
    match topic {
        "orders/delete" => {
            let d: Deleted = parse(topic, body)?;
            forget_order(conn, shop, &d.id, Records::Keep, now).await?;
        }
        "customers/redact" => {
            let c: Compliance = parse(topic, body)?;
            let mut orders = orders_of(conn, shop, &c).await?;
            // Shopify versions of orders never derived (an order the core refused) count too.
            for id in versions_of(conn, shop, &c).await? {
                if !orders
                    .iter()
                    .any(|o| o.source_id.as_deref() == Some(id.as_str()))
                {
                    orders.push(Held {
                        number: String::new(),
                        source_id: Some(id),
                    });
                }
            }
            // What to find the rest by, read before the orders go: every e-mail the orders were
            // placed with, and every parcel's tracking number.
            let mut emails: Vec<String> = c.customer.email().into_iter().collect();
            let mut parcels: Vec<String> = Vec::new();
            for o in orders.iter().filter(|o| !o.number.is_empty()) {
                let (email, tracking) = contacts_of(conn, shop, &o.number).await?;
                emails.extend(email.filter(|e| !emails.contains(e)));
                parcels.extend(tracking);
            }
            for id in orders.iter().filter_map(|o| o.source_id.as_deref()) {
                forget_order(conn, shop, id, Records::Redact, now).await?;
            }
            // Orders the proxy holds without a Shopify id (none in a live shop) go the same way.
            for o in orders.iter().filter(|o| o.source_id.is_none()) {
                forget_number(conn, shop, &o.number, Records::Redact).await?;
            }
            for tracking in &parcels {
                sqlx::query("DELETE FROM carrier_tracking WHERE tracking_number = $1")
                    .bind(tracking)
                    .execute(&mut *conn)
                    .await
                    .context("deleting a redacted parcel's carrier document")?;
            }
            for email in &emails {
                forget_shopper(conn, shop, email).await?;
            }
            // Their SMS and WhatsApp messages, by the phone Shopify names.
            if let Some(phone) = c.customer.phone.as_deref() {
                let sender = crate::outreach::optout::address(wismo::outreach::Channel::Sms, phone);
                sqlx::query(
                    "DELETE FROM outreach_inbound WHERE shop = $1 AND sender = $2
                     AND channel IN ('sms', 'whatsapp')",
                )
                .bind(shop)
                .bind(sender)
                .execute(&mut *conn)
                .await
                .context("deleting a shopper's inbound messages")?;
            }
            let ids: Vec<String> = orders.iter().filter_map(|o| o.source_id.clone()).collect();
            redact_raw(conn, shop, &ids, &emails, now).await?;
        }
        "customers/data_request" => {
            let c: Compliance = parse(topic, body)?;
            let request = c
                .data_request
                .as_ref()
                .map_or_else(|| crate::webhooks::store::body_id(body), |r| r.id.clone());
            let export = export(conn, shop, &c).await?;
            sqlx::query(
                "INSERT INTO data_requests (shop, request_id, customer_email, created_at, export)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (shop, request_id) DO NOTHING",
            )
            .bind(shop)
            .bind(&request)
            .bind(c.customer.email())
            .bind(to_db(now))
            .bind(export.to_string())
            .execute(&mut *conn)
            .await
            .context("storing a data request's export")?;
        }
        "shop/redact" => forget_shop(conn, shop).await?,
        other => return Ok(Applied::Ignored(format!("topic {other} is not handled"))),
    }
    Ok(Applied::Applied)
}

/// A Shopify id as a payload writes it: a JSON number or a string.
fn id_text(v: &Value) -> Option<String> {
    v.as_u64()
        .map(|n| n.to_string())
        .or_else(|| v.as_str().map(str::to_owned))
}

/// Whether the audit log and idempotency records of a forgotten order keep their details: an
/// order the merchant deleted keeps its history; a redacted customer's does not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Records {
    Keep,
    Redact,
}

/// An order the proxy holds for a customer.
struct Held {
    number: String,
    source_id: Option<String>,
}

/// Whether `id` (a Shopify order id) was deleted or redacted in `shop`.
pub async fn is_forgotten(conn: &mut AnyConnection, shop: &str, id: &str) -> anyhow::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM shopify_deleted_orders WHERE shop = $1 AND id = $2",
    )
    .bind(shop)
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .context("looking for a deleted order")?;
    Ok(n > 0)
}

/// Removes the Shopify order `id` of `shop` and everything derived from it, and leaves a
/// tombstone.
async fn forget_order(
    conn: &mut AnyConnection,
    shop: &str,
    id: &str,
    records: Records,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO shopify_deleted_orders (shop, id, deleted_at) VALUES ($1, $2, $3)
         ON CONFLICT (shop, id) DO NOTHING",
    )
    .bind(shop)
    .bind(id)
    .bind(to_db(now))
    .execute(&mut *conn)
    .await
    .context("recording a deleted order")?;
    for (table, column) in [
        ("shopify_orders", "id"),
        ("shopify_fulfillments", "order_id"),
        ("shopify_fulfillment_events", "order_id"),
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1"))
            .bind(id)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("deleting an order's {table}"))?;
    }
    let number: Option<String> =
        sqlx::query_scalar("SELECT number FROM orders WHERE shop = $1 AND source_id = $2")
            .bind(shop)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .context("finding a deleted order's number")?;
    if let Some(number) = number {
        forget_number(conn, shop, &number, records).await?;
    }
    Ok(())
}

/// Removes the order numbered `number` of `shop` (its parcels and scans cascade) and its cached
/// carrier documents.
async fn forget_number(
    conn: &mut AnyConnection,
    shop: &str,
    number: &str,
    records: Records,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM carrier_tracking WHERE shop = $1 AND order_number = $2")
        .bind(shop)
        .bind(number)
        .execute(&mut *conn)
        .await
        .context("deleting an order's carrier documents")?;
    sqlx::query("DELETE FROM orders WHERE shop = $1 AND number = $2")
        .bind(shop)
        .bind(number)
        .execute(&mut *conn)
        .await
        .context("deleting an order")?;
    if records == Records::Redact {
        sqlx::query(
            "UPDATE audit_log SET detail = '[redacted]', message = '[redacted]'
             WHERE order_number = $1",
        )
        .bind(number)
        .execute(&mut *conn)
        .await
        .context("redacting an order's audit log")?;
        sqlx::query("DELETE FROM helpdesk_notes WHERE order_number = $1")
            .bind(number)
            .execute(&mut *conn)
            .await
            .context("deleting an order's helpdesk notes")?;
        sqlx::query("DELETE FROM outreach_messages WHERE shop = $1 AND order_number = $2")
            .bind(shop)
            .bind(number)
            .execute(&mut *conn)
            .await
            .context("deleting an order's outreach messages")?;
        sqlx::query("DELETE FROM outcome_events WHERE shop = $1 AND order_number = $2")
            .bind(shop)
            .bind(number)
            .execute(&mut *conn)
            .await
            .context("deleting an order's outcome events")?;
        sqlx::query("DELETE FROM idempotency_keys WHERE scope = $1")
            .bind(format!("order:{number}"))
            .execute(&mut *conn)
            .await
            .context("deleting an order's stored answers")?;
    }
    Ok(())
}

/// The e-mail an order of `shop` was placed with and its parcels' tracking numbers.
async fn contacts_of(
    conn: &mut AnyConnection,
    shop: &str,
    number: &str,
) -> anyhow::Result<(Option<String>, Vec<String>)> {
    let email: Option<String> =
        sqlx::query_scalar("SELECT email FROM orders WHERE shop = $1 AND number = $2")
            .bind(shop)
            .bind(number)
            .fetch_optional(&mut *conn)
            .await
            .context("reading a redacted order's e-mail")?;
    let tracking: Vec<String> = sqlx::query_scalar(
        "SELECT tracking_number FROM shipments WHERE shop = $1 AND order_number = $2",
    )
    .bind(shop)
    .bind(number)
    .fetch_all(&mut *conn)
    .await
    .context("reading a redacted order's parcels")?;
    Ok((email, tracking))
}

/// The Shopify ids of `shop`'s stored order versions placed by the customer (by e-mail or
/// customer id), including orders that were never derived.
async fn versions_of(
    conn: &mut AnyConnection,
    shop: &str,
    c: &Compliance,
) -> anyhow::Result<Vec<String>> {
    let email = c.customer.email();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, payload FROM shopify_orders WHERE shop = $1")
            .bind(shop)
            .fetch_all(&mut *conn)
            .await
            .context("reading stored order versions")?;
    Ok(rows
        .into_iter()
        .filter(|(_, payload)| {
            let doc: Value = serde_json::from_str(payload).unwrap_or(Value::Null);
            let text_is = |v: &Value| {
                email
                    .as_deref()
                    .is_some_and(|e| v.as_str().is_some_and(|s| s.trim().eq_ignore_ascii_case(e)))
            };
            let id_is = |v: &Value| c.customer.id.is_some() && id_text(v) == c.customer.id;
            text_is(&doc["email"])
                || text_is(&doc["contact_email"])
                || text_is(&doc["customer"]["email"])
                || id_is(&doc["customer"]["id"])
        })
        .map(|(id, _)| id)
        .collect())
}

/// The shopper's conversations, the notes about them and the data requests made for them.
async fn forget_shopper(conn: &mut AnyConnection, shop: &str, email: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM data_requests WHERE shop = $1 AND customer_email = $2")
        .bind(shop)
        .bind(email)
        .execute(&mut *conn)
        .await
        .context("deleting a shopper's data request exports")?;
    for table in ["conversations", "conversation_messages"] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE shop = $1 AND email = $2"
        ))
        .bind(shop)
        .bind(email)
        .execute(&mut *conn)
        .await
        .with_context(|| format!("deleting a shopper's {table}"))?;
    }
    sqlx::query("DELETE FROM helpdesk_notes WHERE email = $1")
        .bind(email)
        .execute(&mut *conn)
        .await
        .context("deleting a shopper's helpdesk notes")?;
    // Messages to and from them. Their opt-outs stay: a suppression list is what keeps a
    // shopper who said STOP from being messaged again.
    sqlx::query("DELETE FROM outreach_messages WHERE shop = $1 AND email = $2")
        .bind(shop)
        .bind(email)
        .execute(&mut *conn)
        .await
        .context("deleting a shopper's outreach messages")?;
    sqlx::query("DELETE FROM outcome_events WHERE shop = $1 AND shopper = $2")
        .bind(shop)
        .bind(email)
        .execute(&mut *conn)
        .await
        .context("deleting a shopper's outcome events")?;
    sqlx::query("DELETE FROM outreach_inbound WHERE shop = $1 AND sender = $2")
        .bind(shop)
        .bind(email)
        .execute(&mut *conn)
        .await
        .context("deleting a shopper's inbound e-mails")?;
    Ok(())
}

/// Blanks the raw deliveries of `shop` that are about one of the orders `ids` or carry one of
/// the `emails` as a JSON string (so `ann@example.com` never matches `joann@example.com`).
/// Deliveries still waiting to be applied are left to the worker, which ignores forgotten
/// orders; the retention deletes them later.
async fn redact_raw(
    conn: &mut AnyConnection,
    shop: &str,
    ids: &[String],
    emails: &[String],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let rows: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT id, body FROM webhook_events
         WHERE provider = 'shopify' AND shop_domain = $1 AND redacted_at IS NULL
           AND (processed_at IS NOT NULL OR failed_at IS NOT NULL)",
    )
    .bind(shop)
    .fetch_all(&mut *conn)
    .await
    .context("reading raw deliveries to redact")?;
    let quoted: Vec<String> = emails.iter().map(|e| format!("\"{e}\"")).collect();
    for (row, body) in rows {
        let doc: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let about = |key: &str| id_text(&doc[key]).is_some_and(|id| ids.contains(&id));
        let text = String::from_utf8_lossy(&body).to_ascii_lowercase();
        let mentions = quoted.iter().any(|q| text.contains(q.as_str()));
        if about("id") || about("order_id") || mentions {
            sqlx::query("UPDATE webhook_events SET body = $1, redacted_at = $2 WHERE id = $3")
                .bind(REDACTED_BODY.to_vec())
                .bind(to_db(now))
                .bind(row)
                .execute(&mut *conn)
                .await
                .context("redacting a raw delivery")?;
        }
    }
    Ok(())
}

/// The orders of `shop` that a compliance request is about: those it names, and any placed with
/// the customer's e-mail or id.
async fn orders_of(
    conn: &mut AnyConnection,
    shop: &str,
    c: &Compliance,
) -> anyhow::Result<Vec<Held>> {
    let mut held: Vec<Held> = Vec::new();
    let mut lookups: Vec<(&str, String)> = c
        .orders
        .iter()
        .filter_map(id_text)
        .map(|id| ("source_id", id))
        .collect();
    if let Some(email) = c.customer.email() {
        lookups.push(("email", email));
    }
    if let Some(id) = &c.customer.id {
        lookups.push(("customer_id", id.clone()));
    }
    for (column, value) in lookups {
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(&format!(
            "SELECT number, source_id FROM orders WHERE shop = $1 AND {column} = $2"
        ))
        .bind(shop)
        .bind(&value)
        .fetch_all(&mut *conn)
        .await
        .context("finding a customer's orders")?;
        for (number, source_id) in rows {
            if !held.iter().any(|h| h.number == number) {
                held.push(Held { number, source_id });
            }
        }
        // An order named by id that the proxy never stored still gets its tombstone.
        if column == "source_id" && !held.iter().any(|h| h.source_id.as_deref() == Some(&value)) {
            held.push(Held {
                number: String::new(),
                source_id: Some(value),
            });
        }
    }
    Ok(held)
}

/// Everything the proxy holds about the customer, as one JSON document.
async fn export(conn: &mut AnyConnection, shop: &str, c: &Compliance) -> anyhow::Result<Value> {
    let orders = orders_of(conn, shop, c).await?;
    let mut out_orders = Vec::new();
    for o in orders.iter().filter(|o| !o.number.is_empty()) {
        let data: Option<String> =
            sqlx::query_scalar("SELECT data FROM orders WHERE shop = $1 AND number = $2")
                .bind(shop)
                .bind(&o.number)
                .fetch_optional(&mut *conn)
                .await
                .context("reading an order to export")?;
        let parcels: Vec<(String, String)> = sqlx::query_as(
            "SELECT tracking_number, carrier FROM shipments WHERE shop = $1 AND order_number = $2
             ORDER BY tracking_number",
        )
        .bind(shop)
        .bind(&o.number)
        .fetch_all(&mut *conn)
        .await
        .context("reading an order's parcels to export")?;
        let actions: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT at, action, detail, result FROM audit_log WHERE order_number = $1 ORDER BY id",
        )
        .bind(&o.number)
        .fetch_all(&mut *conn)
        .await
        .context("reading an order's actions to export")?;
        let outcomes: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT at, channel, detail FROM outcome_events
             WHERE shop = $1 AND order_number = $2 ORDER BY id",
        )
        .bind(shop)
        .bind(&o.number)
        .fetch_all(&mut *conn)
        .await
        .context("reading an order's outcome events to export")?;
        out_orders.push(json!({
            "order_number": o.number,
            "shopify_order_id": o.source_id,
            "order": data.and_then(|d| serde_json::from_str::<Value>(&d).ok()),
            "parcels": parcels.iter().map(|(t, c)| json!({"tracking_number": t, "carrier": c})).collect::<Vec<_>>(),
            "actions": actions.iter().map(|(at, a, d, r)| json!({"at": at, "action": a, "detail": d, "result": r})).collect::<Vec<_>>(),
            "outcome_events": outcomes.iter().map(|(at, ch, d)| json!({"at": at, "channel": ch, "event": serde_json::from_str::<Value>(d).ok()})).collect::<Vec<_>>(),
        }));
    }
    let mut messages = Vec::new();
    let mut notes = Vec::new();
    let mut outreach = Vec::new();
    if let Some(email) = c.customer.email() {
        let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT created_at, channel, kind, body, sent_at FROM outreach_messages
             WHERE shop = $1 AND email = $2 ORDER BY id",
        )
        .bind(shop)
        .bind(&email)
        .fetch_all(&mut *conn)
        .await
        .context("reading a shopper's outreach messages to export")?;
        outreach = rows
            .iter()
            .map(|(at, ch, kind, body, sent)| {
                json!({"created_at": at, "channel": ch, "kind": kind, "text": body, "sent_at": sent})
            })
            .collect();
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT at, channel, direction, text FROM conversation_messages
             WHERE shop = $1 AND email = $2 ORDER BY id",
        )
        .bind(shop)
        .bind(&email)
        .fetch_all(&mut *conn)
        .await
        .context("reading a shopper's messages to export")?;
        messages = rows
            .iter()
            .map(|(at, ch, dir, text)| json!({"at": at, "channel": ch, "direction": dir, "text": text}))
            .collect();
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT created_at, body FROM helpdesk_notes WHERE email = $1 ORDER BY id",
        )
        .bind(&email)
        .fetch_all(&mut *conn)
        .await
        .context("reading a shopper's helpdesk notes to export")?;
        notes = rows
            .iter()
            .map(|(at, body)| json!({"created_at": at, "body": body}))
            .collect();
    }
    Ok(json!({
        "shop": shop,
        "customer": {"id": c.customer.id, "email": c.customer.email(), "phone": c.customer.phone},
        "orders": out_orders,
        "messages": messages,
        "helpdesk_notes": notes,
        "outreach_messages": outreach,
    }))
}

/// Removes everything the proxy holds for `shop` (Shopify sends this 48 hours after the app is
/// uninstalled).
async fn forget_shop(conn: &mut AnyConnection, shop: &str) -> anyhow::Result<()> {
    for table in [
        "orders",
        "shopify_orders",
        "shopify_fulfillments",
        "shopify_fulfillment_events",
        "conversations",
        "conversation_messages",
        "data_requests",
        "shopify_deleted_orders",
        "outreach_messages",
        "outreach_inbound",
        "outreach_optouts",
        "outcome_events",
        // Deleting the orders deleted their views already; claims on no order go too.
        "order_views",
        "order_view_parcels",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE shop = $1"))
            .bind(shop)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("deleting the shop's {table}"))?;
    }
    // The tables below belong to the one shop this proxy serves.
    for table in [
        "carrier_tracking",
        "helpdesk_notes",
        "audit_log",
        "idempotency_keys",
        "auth_failures",
    ] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *conn)
            .await
            .with_context(|| format!("deleting the shop's {table}"))?;
    }
    sqlx::query("DELETE FROM webhook_events WHERE provider <> 'shopify' OR shop_domain = $1")
        .bind(shop)
        .execute(&mut *conn)
        .await
        .context("deleting the shop's raw deliveries")?;
    Ok(())
}
