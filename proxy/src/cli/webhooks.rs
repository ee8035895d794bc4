//! `wismo webhooks failed|retry --config FILE`: the operator's view of deliveries that were
//! stored but could not be applied (a payload an older version could not read), and the way to
//! apply them again after an upgrade. The running server's worker picks retried events up within
//! seconds; `retry --apply` also applies them at once from this command.

use crate::config::{Config, DATABASE_ENV};
use crate::db::Db;
use crate::webhooks::{process_pending, store};
use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Writes one line per failed delivery: id, provider, topic, event id, when it failed, and why.
pub async fn failed(config: &Path, mut out: impl Write) -> anyhow::Result<()> {
    let db = open(config).await?;
    let events = store::failed(&db).await?;
    for e in &events {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            e.id,
            e.provider,
            e.topic,
            e.event_id,
            e.failed_at.as_deref().unwrap_or(""),
            e.error.as_deref().unwrap_or("").replace(['\n', '\t'], " ")
        )
        .context("writing to stdout")?;
    }
    writeln!(out, "{} failed", events.len()).context("writing to stdout")?;
    db.close().await;
    Ok(())
}

/// Queues the named failed deliveries (all of them when `ids` is empty) to be applied again and,
/// with `apply_now`, applies the queue before returning.
pub async fn retry(
    config: &Path,
    ids: &[i64],
    apply_now: bool,
    now: chrono::DateTime<chrono::Utc>,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let db = open(config).await?;
    let queued = store::retry_failed(&db, ids).await?;
    writeln!(out, "{queued} queued again").context("writing to stdout")?;
    if apply_now {
        let mut applied = 0;
        loop {
            let n = process_pending(&db, now).await?;
            if n == 0 {
                break;
            }
            applied += n;
        }
        let still = store::failed(&db).await?.len();
        writeln!(out, "{applied} applied, {still} still failed").context("writing to stdout")?;
    }
    db.close().await;
    Ok(())
}

async fn open(config: &Path) -> anyhow::Result<Db> {
    let config = Config::load(config)?;
    Db::connect(&config.database(std::env::var(DATABASE_ENV).ok())).await
}
