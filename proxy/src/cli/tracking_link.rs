//! `wismo tracking-link --config FILE ORDER`: mints a signed tracking link for an order with the
//! configured `tracking_links` secret, for e-mail and SMS templates and for trying the endpoint.

use crate::config::Config;
use anyhow::Context;
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::Path;
use wismo::OrderNumber;

/// Writes the token and, on a second line, when it expires (RFC 3339). The link is
/// `https://YOUR-HOST/t/<token>`.
pub fn tracking_link(
    config: &Path,
    order: &str,
    now: DateTime<Utc>,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let config = Config::load(config)?;
    let links = config
        .integrations(|k| std::env::var(k).ok())?
        .tracking_links
        .context("tracking_links.secret is not configured (nor WISMO_TRACKING_LINK_SECRET)")?;
    let number = OrderNumber::parse(order).with_context(|| format!("order number {order:?}"))?;
    let token = links.issue(&number, now);
    let expires = token
        .split('.')
        .nth(2)
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .context("reading the expiry back from the token")?;
    writeln!(out, "{token}").context("writing the token")?;
    writeln!(out, "{}", expires.to_rfc3339()).context("writing the expiry")?;
    Ok(())
}

/// `wismo tracking-link --demo ORDER`: the path of the order's tracking page on a running
/// `wismo demo` (signed with the demo's public key at the demo's "now"), then its expiry.
pub fn demo_tracking_link(order: &str, mut out: impl Write) -> anyhow::Result<()> {
    let links = crate::demo::tracking_links();
    let number = OrderNumber::parse(order).with_context(|| format!("order number {order:?}"))?;
    let now = crate::demo::now();
    let token = links.issue(&number, now);
    writeln!(out, "/t/{token}").context("writing the path")?;
    let expires = now + chrono::Duration::days(crate::auth::DEFAULT_LINK_DAYS);
    writeln!(out, "{}", expires.to_rfc3339()).context("writing the expiry")?;
    Ok(())
}
