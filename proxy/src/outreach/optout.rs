//! STOP and unsubscribe, by channel and address: a phone's digits (the last nine, as orders
//! are found by them) for SMS and WhatsApp, the e-mail address for e-mail. Honoured by the
//! monitor (nothing new is queued) and by the sender (nothing queued before goes out).

use crate::db::time::to_db;
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use wismo::outreach::Channel;
use wismo::Customer;

/// The address an opt-out on `channel` is kept under.
pub fn address(channel: Channel, raw: &str) -> Option<String> {
    match channel {
        Channel::Email => Some(raw.trim().to_lowercase()),
        Channel::Sms | Channel::Whatsapp => {
            let d = wismo::phone_digits(raw)?;
            Some(d[d.len() - wismo::PHONE_MATCH_DIGITS..].to_owned())
        }
    }
}

/// Records that `raw` on `channel` wants nothing more.
pub async fn stop(
    db: &Db,
    shop: &str,
    channel: Channel,
    raw: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(addr) = address(channel, raw) else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO outreach_optouts (shop, channel, address, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (shop, channel, address) DO NOTHING",
    )
    .bind(shop)
    .bind(super::outbox::channel_str(channel))
    .bind(addr)
    .bind(to_db(now))
    .execute(db.pool())
    .await
    .context("recording an opt-out")?;
    Ok(())
}

/// Lifts an opt-out (START).
pub async fn start(db: &Db, shop: &str, channel: Channel, raw: &str) -> anyhow::Result<()> {
    let Some(addr) = address(channel, raw) else {
        return Ok(());
    };
    sqlx::query("DELETE FROM outreach_optouts WHERE shop = $1 AND channel = $2 AND address = $3")
        .bind(shop)
        .bind(super::outbox::channel_str(channel))
        .bind(addr)
        .execute(db.pool())
        .await
        .context("lifting an opt-out")?;
    Ok(())
}

/// Whether `raw` on `channel` opted out.
pub async fn is_stopped(db: &Db, shop: &str, channel: Channel, raw: &str) -> anyhow::Result<bool> {
    let Some(addr) = address(channel, raw) else {
        return Ok(false);
    };
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outreach_optouts WHERE shop = $1 AND channel = $2 AND address = $3",
    )
    .bind(shop)
    .bind(super::outbox::channel_str(channel))
    .bind(addr)
    .fetch_one(db.pool())
    .await
    .context("reading opt-outs")?;
    Ok(n > 0)
}

/// Every opt-out among these shoppers' addresses, in one query, as (channel, address).
pub async fn of_customers<'a>(
    db: &Db,
    shop: &str,
    customers: impl Iterator<Item = &'a Customer>,
) -> anyhow::Result<HashSet<(String, String)>> {
    let mut addresses: Vec<String> = Vec::new();
    for c in customers {
        addresses.extend(address(Channel::Email, c.email.as_str()));
        if let Some(phone) = c.phone.as_deref() {
            addresses.extend(address(Channel::Sms, phone));
        }
    }
    addresses.sort_unstable();
    addresses.dedup();
    if addresses.is_empty() {
        return Ok(HashSet::new());
    }
    let sql = format!(
        "SELECT channel, address FROM outreach_optouts WHERE shop = $1 AND address IN ({})",
        crate::db::orders_in::in_list(db.backend(), 2)
    );
    Ok(sqlx::query_as::<_, (String, String)>(&sql)
        .bind(shop)
        .bind(crate::db::orders_in::json_list(&addresses))
        .fetch_all(db.pool())
        .await
        .context("reading opt-outs")?
        .into_iter()
        .collect())
}

/// The channels this shopper opted out of, from what [`of_customers`] read.
pub fn channels_in(opted: &HashSet<(String, String)>, c: &Customer) -> Vec<Channel> {
    let stopped = |ch: Channel, raw: &str| {
        address(ch, raw)
            .is_some_and(|a| opted.contains(&(super::outbox::channel_str(ch).to_owned(), a)))
    };
    let mut out = Vec::new();
    if stopped(Channel::Email, c.email.as_str()) {
        out.push(Channel::Email);
    }
    if let Some(phone) = c.phone.as_deref() {
        for ch in [Channel::Sms, Channel::Whatsapp] {
            if stopped(ch, phone) {
                out.push(ch);
            }
        }
    }
    out
}

/// The channels this shopper opted out of.
pub async fn channels_of(db: &Db, shop: &str, c: &Customer) -> anyhow::Result<Vec<Channel>> {
    let mut out = Vec::new();
    if is_stopped(db, shop, Channel::Email, c.email.as_str()).await? {
        out.push(Channel::Email);
    }
    if let Some(phone) = &c.phone {
        for ch in [Channel::Sms, Channel::Whatsapp] {
            if is_stopped(db, shop, ch, phone).await? {
                out.push(ch);
            }
        }
    }
    Ok(out)
}
