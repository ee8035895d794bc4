//! Finding a customer's orders: by the shop's customer id (a storefront login) or by e-mail
//! (a helpdesk ticket). Newest first.

use super::Db;
use anyhow::Context;
use sqlx::AnyConnection;
use wismo::{Email, OrderNumber};

/// Records which shop customer placed an order (`None` for a guest checkout).
pub async fn set_customer_id(
    db: &Db,
    shop: &str,
    number: &OrderNumber,
    customer_id: Option<&str>,
) -> anyhow::Result<()> {
    let mut conn = db
        .pool()
        .acquire()
        .await
        .context("acquiring a connection")?;
    set_customer_id_in(&mut conn, shop, number, customer_id).await
}

pub(crate) async fn set_customer_id_in(
    conn: &mut AnyConnection,
    shop: &str,
    number: &OrderNumber,
    customer_id: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE orders SET customer_id = $1 WHERE shop = $2 AND number = $3")
        .bind(customer_id)
        .bind(shop)
        .bind(number.as_str())
        .execute(&mut *conn)
        .await
        .with_context(|| format!("storing the customer of order {number}"))?;
    Ok(())
}

/// The orders of the shop customer with this id.
pub async fn orders_of_customer(
    db: &Db,
    shop: &str,
    customer_id: &str,
) -> anyhow::Result<Vec<OrderNumber>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT number FROM orders WHERE shop = $1 AND customer_id = $2
         ORDER BY created_at DESC, number DESC",
    )
    .bind(shop)
    .bind(customer_id)
    .fetch_all(db.pool())
    .await
    .context("loading a customer's orders")?;
    numbers(rows)
}

/// The orders placed with this e-mail address.
pub async fn orders_with_email(
    db: &Db,
    shop: &str,
    email: &Email,
) -> anyhow::Result<Vec<OrderNumber>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT number FROM orders WHERE shop = $1 AND email = $2
         ORDER BY created_at DESC, number DESC",
    )
    .bind(shop)
    .bind(email.as_str())
    .fetch_all(db.pool())
    .await
    .context("loading the orders of an e-mail address")?;
    numbers(rows)
}

fn numbers(rows: Vec<String>) -> anyhow::Result<Vec<OrderNumber>> {
    rows.iter()
        .map(|n| OrderNumber::parse(n).with_context(|| format!("stored order number {n:?}")))
        .collect()
}
