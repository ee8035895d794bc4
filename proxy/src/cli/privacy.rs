//! `wismo privacy requests|export --config FILE`: the customer data requests Shopify forwarded
//! (`customers/data_request`), and what the proxy held about each customer when it was asked,
//! for the merchant to hand over.

use crate::config::{Config, DATABASE_ENV};
use crate::db::Db;
use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// One line per request: Shopify's request id, the customer's e-mail, when it arrived.
pub async fn requests(config: &Path, mut out: impl Write) -> anyhow::Result<()> {
    let db = open(config).await?;
    let rows: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT request_id, customer_email, created_at FROM data_requests ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .context("listing data requests")?;
    for (id, email, at) in &rows {
        writeln!(out, "{id}\t{}\t{at}", email.as_deref().unwrap_or(""))
            .context("writing to stdout")?;
    }
    writeln!(out, "{} requests", rows.len()).context("writing to stdout")?;
    db.close().await;
    Ok(())
}

/// The export of request `id` as pretty JSON; an unknown id is an error naming it.
pub async fn export(config: &Path, id: &str, mut out: impl Write) -> anyhow::Result<()> {
    let db = open(config).await?;
    let export: Option<String> =
        sqlx::query_scalar("SELECT export FROM data_requests WHERE request_id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await
            .context("reading a data request")?;
    db.close().await;
    let export = export
        .with_context(|| format!("no data request {id:?} (`wismo privacy requests` lists them)"))?;
    let doc: serde_json::Value =
        serde_json::from_str(&export).context("the stored export is not JSON")?;
    serde_json::to_writer_pretty(&mut out, &doc).context("writing to stdout")?;
    writeln!(out).context("writing to stdout")?;
    Ok(())
}

async fn open(config: &Path) -> anyhow::Result<Db> {
    let config = Config::load(config)?;
    Db::connect(&config.database(std::env::var(DATABASE_ENV).ok())).await
}
