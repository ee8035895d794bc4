//! The monitor: looks at each watched order when its data changed or its `next_check_at` came,
//! asks the core what is due, and queues what is due now in the outbox. A notice the core
//! defers (quiet hours, the minimum gap) is not queued: the order is looked at again then, and
//! the core decides afresh, so a parcel that moved overnight gets no stale "stalled" message.

use super::outbox::{self, NewMessage};
use super::{optout, watch};
use crate::conversations::{Channel as ConvChannel, ConversationStore, Direction, Message};
use crate::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use wismo::outreach::{self, Channel, Notice};
use wismo::{Order, OrderNumber};

/// How many orders one claim takes.
const BATCH: i64 = 500;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    /// Orders looked at.
    pub evaluated: usize,
    /// Notices queued.
    pub queued: usize,
}

/// Everything the core needs about one order.
struct Input {
    order: Order,
    shipments: Vec<wismo::Shipment>,
    sent: Vec<outreach::Sent>,
    opted_out: Vec<Channel>,
    follow_up_at: Option<DateTime<Utc>>,
}

/// Looks at every order due at the state's clock, in batches, until none is left. With the
/// proxy's own tables as the order source and no live carrier service, a batch is read in a
/// handful of queries; otherwise each order is gathered as a shopper's view would be.
pub async fn pass(state: &AppState) -> anyhow::Result<Pass> {
    let batched = state.orders.is_stored() && !state.tracking.live();
    let mut total = Pass::default();
    loop {
        let now = state.clock.now();
        // Read one by one, an order may wait on the shop and a carrier for seconds: a claim
        // takes no more than its lease can cover.
        let limit = if batched {
            BATCH
        } else {
            (state.outreach.lease.num_seconds() / 10).clamp(1, 50)
        };
        let claimed =
            watch::claim(&state.db, &state.shop, now, state.outreach.lease, limit).await?;
        if claimed.is_empty() {
            return Ok(total);
        }
        let inputs = if batched {
            match load_batch(state, &claimed).await {
                Ok(inputs) => inputs,
                // One unreadable row must not hold the batch up: read them one by one.
                Err(e) => {
                    tracing::warn!(error = ?e, "reading a batch failed; reading its orders one by one");
                    load_each(state, &claimed).await
                }
            }
        } else {
            load_each(state, &claimed).await
        };
        let mut settled = Vec::with_capacity(claimed.len());
        let mut notices: Vec<(Order, Notice)> = Vec::new();
        for (c, input) in claimed.iter().zip(inputs) {
            let next = match input {
                Ok(Some(input)) => {
                    total.evaluated += 1;
                    let (due, next) = decide(state, &input, now);
                    notices.extend(due.into_iter().map(|n| (input.order.clone(), n)));
                    next
                }
                // The order is gone: nothing to watch.
                Ok(None) => None,
                Err(e) => {
                    tracing::error!(order = %c.order_number, error = ?e,
                        "outreach evaluation failed; will retry when its lease ends");
                    continue;
                }
            };
            settled.push((c.clone(), next));
        }
        // The batch's notices, their conversations and its schedule in one transaction: one
        // commit per batch, and a failure leaves the whole batch to its lease.
        let mut tx = state.db.begin().await?;
        let mut queued = 0;
        for (order, notice) in &notices {
            if queue(state, &mut tx, order, notice, now).await? {
                queued += 1;
            }
        }
        watch::settle_on(&mut tx, state.db.backend(), &settled).await?;
        tx.commit().await.context("committing a monitor batch")?;
        total.queued += queued;
        if queued > 0 {
            state.outreach_jobs.notify_one();
        }
    }
}

/// Asks the core: the notices due now, and when to look again.
fn decide(state: &AppState, i: &Input, now: DateTime<Utc>) -> (Vec<Notice>, Option<DateTime<Utc>>) {
    let due = outreach::due(&outreach::Watch {
        order: &i.order,
        shipments: &i.shipments,
        policy: &state.policy,
        sent: &i.sent,
        opted_out: &i.opted_out,
        follow_up_at: i.follow_up_at,
        now,
    });
    let now_due = due.due.into_iter().filter(|n| n.send_at <= now).collect();
    (now_due, due.next_check_at)
}

/// Each order as a shopper's view gathers it (the shop and the carrier, with their caches).
async fn load_each(
    state: &AppState,
    claimed: &[watch::Claimed],
) -> Vec<anyhow::Result<Option<Input>>> {
    let mut out = Vec::with_capacity(claimed.len());
    for c in claimed {
        out.push(load_one(state, &c.order_number).await);
    }
    out
}

async fn load_one(state: &AppState, number: &str) -> anyhow::Result<Option<Input>> {
    let number =
        OrderNumber::parse(number).with_context(|| format!("watched order number {number:?}"))?;
    let Some((order, shipments)) = crate::tracking::gather(state, &number).await? else {
        return Ok(None);
    };
    let sent = outbox::sent_for(&state.db, &state.shop, number.as_str()).await?;
    let opted_out = optout::channels_of(&state.db, &state.shop, &order.customer).await?;
    let follow_up_at = follow_ups(state, &[number.as_str()])
        .await?
        .remove(number.as_str());
    Ok(Some(Input {
        order,
        shipments,
        sent,
        opted_out,
        follow_up_at,
    }))
}

/// A whole batch from the proxy's tables in seven queries.
async fn load_batch(
    state: &AppState,
    claimed: &[watch::Claimed],
) -> anyhow::Result<Vec<anyhow::Result<Option<Input>>>> {
    let numbers: Vec<&str> = claimed.iter().map(|c| c.order_number.as_str()).collect();
    let db = &state.db;
    let mut orders = crate::db::load_orders_of(db, &state.shop, &numbers).await?;
    let mut shipments = crate::db::load_shipments_of(db, &state.shop, &numbers).await?;
    let parcels: Vec<&str> = orders
        .values()
        .flat_map(|o| o.fulfillments.iter().map(|f| f.tracking_number.as_str()))
        .collect();
    let cached = crate::tracking::cache::of_parcels(db, &parcels).await?;
    let mut sent = outbox::sent_of(db, &state.shop, &numbers).await?;
    let opted = optout::of_customers(db, &state.shop, orders.values().map(|o| &o.customer)).await?;
    let mut follow = follow_ups(state, &numbers).await?;
    Ok(numbers
        .iter()
        .map(|n| {
            let Some(order) = orders.remove(*n) else {
                return Ok(None);
            };
            let from_shop = shipments.remove(*n).unwrap_or_default();
            let shipments = crate::tracking::from_stored(&order, from_shop, &cached);
            let opted_out = optout::channels_in(&opted, &order.customer);
            Ok(Some(Input {
                sent: sent.remove(*n).unwrap_or_default(),
                follow_up_at: follow.remove(*n),
                opted_out,
                shipments,
                order,
            }))
        })
        .collect())
}

/// Where a notice on `channel` goes for this shopper.
fn recipient(order: &Order, channel: Channel) -> Option<String> {
    match channel {
        Channel::Email => Some(order.customer.email.as_str().to_owned()),
        Channel::Sms | Channel::Whatsapp => order.customer.phone.clone(),
    }
}

/// The notice's words and, when tracking links and the public URL are configured, the line
/// that links the order's tracking page (signed for the link's lifetime).
fn with_tracking_link(
    state: &AppState,
    order: &Order,
    notice: &Notice,
    now: DateTime<Utc>,
) -> String {
    let (Some(links), Some(base)) = (
        state.integrations.tracking_links.as_ref(),
        state.outreach.public_url.as_deref(),
    ) else {
        return notice.text.clone();
    };
    format!(
        "{}\n\n{} {}/t/{}",
        notice.text,
        wismo::track::label(notice.lang, wismo::track::Label::TrackLink),
        base.trim_end_matches('/'),
        links.issue(&order.number, now)
    )
}

/// Queues a notice and writes it into the shopper's conversation (so a reply on any channel
/// continues from it), inside the batch's transaction; returns whether it was new.
async fn queue(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    order: &Order,
    notice: &Notice,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(to) = recipient(order, notice.channel) else {
        return Ok(false);
    };
    let body = with_tracking_link(state, order, notice, now);
    let id = outbox::enqueue(
        &mut *tx,
        &NewMessage {
            shop: &state.shop,
            order_number: order.number.as_str(),
            kind: notice.trigger.as_str(),
            dedupe_key: &notice.key,
            channel: notice.channel,
            recipient: &to,
            email: order.customer.email.as_str(),
            lang: notice.lang.code(),
            subject: &notice.subject,
            body: &body,
            replies: &notice.replies,
        },
        now,
    )
    .await?;
    let Some(id) = id else { return Ok(false) };
    tracing::info!(id, order = %order.number, trigger = notice.trigger.as_str(),
        channel = outbox::channel_str(notice.channel), "outreach notice queued");
    let store = ConversationStore::new(state.db.clone(), state.shop.as_ref());
    let email = &order.customer.email;
    let stored = store.get_on(&mut *tx, email).await?;
    let version = stored.as_ref().map(|s| s.version);
    let mut conversation = stored.map(|s| s.conversation).unwrap_or_default();
    outreach::remember(&mut conversation, &order.number, notice);
    let message = Message {
        at: now,
        channel: conv_channel(notice.channel),
        direction: Direction::Out,
        text: notice.text.clone(),
    };
    match store
        .put_on(&mut *tx, email, &conversation, version, &[message])
        .await
    {
        Ok(_) => Ok(true),
        // A chat turn committed between the read and the write (PostgreSQL): the batch is
        // rolled back and claimed again after its lease.
        Err(crate::conversations::PutError::Conflict) => {
            anyhow::bail!(
                "the conversation of order {} changed meanwhile",
                order.number
            )
        }
        Err(crate::conversations::PutError::Storage(e)) => Err(e),
    }
}

pub fn conv_channel(c: Channel) -> ConvChannel {
    match c {
        Channel::Email => ConvChannel::Email,
        Channel::Sms => ConvChannel::Sms,
        Channel::Whatsapp => ConvChannel::Whatsapp,
    }
}

/// When the delivered-not-found conversation promised to check back, per order: the latest
/// follow-up the shopper's conversation scheduled and the proxy carried out.
async fn follow_ups(
    state: &AppState,
    numbers: &[&str],
) -> anyhow::Result<HashMap<String, DateTime<Utc>>> {
    let mut out = HashMap::new();
    if numbers.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT order_number, detail FROM audit_log
         WHERE action = 'schedule_follow_up' AND result = 'done' AND order_number IN ({})
         ORDER BY id",
        crate::db::orders_in::in_list(state.db.backend(), 1)
    );
    let rows = sqlx::query_as::<_, (String, String)>(&sql)
        .bind(crate::db::orders_in::json_list(numbers))
        .fetch_all(state.db.pool())
        .await
        .context("reading scheduled follow-ups")?;
    // Oldest first, so the latest of each order stays.
    for (number, detail) in rows {
        let proposal = serde_json::from_str::<wismo::resolve::Proposal>(&detail).ok();
        if let Some(wismo::resolve::Action::ScheduleFollowUp { at, .. }) =
            proposal.map(|p| p.action)
        {
            out.insert(number, at);
        }
    }
    Ok(out)
}
