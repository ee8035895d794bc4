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
use wismo::outreach::{self, Channel, Notice};
use wismo::{Order, OrderNumber};

/// How many orders one claim takes.
const BATCH: i64 = 200;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    /// Orders looked at.
    pub evaluated: usize,
    /// Notices queued.
    pub queued: usize,
}

/// Looks at every order due at the state's clock, in batches, until none is left.
pub async fn pass(state: &AppState) -> anyhow::Result<Pass> {
    let mut total = Pass::default();
    loop {
        let now = state.clock.now();
        let claimed =
            watch::claim(&state.db, &state.shop, now, state.outreach.lease, BATCH).await?;
        if claimed.is_empty() {
            return Ok(total);
        }
        for c in &claimed {
            match evaluate(state, c, now).await {
                Ok(queued) => {
                    total.evaluated += 1;
                    total.queued += queued;
                }
                // One unreadable order must not stop the others; its lease brings it back.
                Err(e) => tracing::error!(order = %c.order_number, error = ?e,
                    "outreach evaluation failed; will retry when its lease ends"),
            }
        }
    }
}

/// Evaluates one claimed order; returns how many notices it queued.
async fn evaluate(
    state: &AppState,
    c: &watch::Claimed,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let number = OrderNumber::parse(&c.order_number)
        .with_context(|| format!("watched order number {:?}", c.order_number))?;
    let Some((order, shipments)) = crate::tracking::gather(state, &number).await? else {
        watch::settle(&state.db, c, None).await?;
        return Ok(0);
    };
    let sent = outbox::sent_for(&state.db, &state.shop, number.as_str()).await?;
    let opted_out = optout::channels_of(&state.db, &state.shop, &order.customer).await?;
    let follow_up_at = follow_up_at(state, &number).await?;
    let due = outreach::due(&outreach::Watch {
        order: &order,
        shipments: &shipments,
        policy: &state.policy,
        sent: &sent,
        opted_out: &opted_out,
        follow_up_at,
        now,
    });
    let mut queued = 0;
    for notice in due.due.iter().filter(|n| n.send_at <= now) {
        if queue(state, &order, notice, now).await? {
            queued += 1;
        }
    }
    watch::settle(&state.db, c, due.next_check_at).await?;
    if queued > 0 {
        state.outreach_jobs.notify_one();
    }
    Ok(queued)
}

/// Where a notice on `channel` goes for this shopper.
fn recipient(order: &Order, channel: Channel) -> Option<String> {
    match channel {
        Channel::Email => Some(order.customer.email.as_str().to_owned()),
        Channel::Sms | Channel::Whatsapp => order.customer.phone.clone(),
    }
}

/// Queues a notice and writes it into the shopper's conversation (so a reply on any channel
/// continues from it); returns whether it was new.
async fn queue(
    state: &AppState,
    order: &Order,
    notice: &Notice,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(to) = recipient(order, notice.channel) else {
        return Ok(false);
    };
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .context("acquiring a connection")?;
    let id = outbox::enqueue(
        &mut conn,
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
            body: &notice.text,
            replies: &notice.replies,
        },
        now,
    )
    .await?;
    drop(conn);
    let Some(id) = id else { return Ok(false) };
    tracing::info!(id, order = %order.number, trigger = notice.trigger.as_str(),
        channel = outbox::channel_str(notice.channel), "outreach notice queued");
    remember(state, order, notice, now).await?;
    Ok(true)
}

/// Writes the notice into the shopper's conversation, retrying when a chat turn races it.
async fn remember(
    state: &AppState,
    order: &Order,
    notice: &Notice,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let store = ConversationStore::new(state.db.clone(), state.shop.as_ref());
    let email = &order.customer.email;
    for _ in 0..5 {
        let stored = store.get(email).await?;
        let version = stored.as_ref().map(|s| s.version);
        let mut conversation = stored.map(|s| s.conversation).unwrap_or_default();
        outreach::remember(&mut conversation, &order.number, notice);
        let message = Message {
            at: now,
            channel: conv_channel(notice.channel),
            direction: Direction::Out,
            text: notice.text.clone(),
        };
        match store.put(email, &conversation, version, &[message]).await {
            Ok(_) => return Ok(()),
            Err(crate::conversations::PutError::Conflict) => continue,
            Err(crate::conversations::PutError::Storage(e)) => return Err(e),
        }
    }
    anyhow::bail!("the conversation kept changing while a notice was recorded in it")
}

pub fn conv_channel(c: Channel) -> ConvChannel {
    match c {
        Channel::Email => ConvChannel::Email,
        Channel::Sms => ConvChannel::Sms,
        Channel::Whatsapp => ConvChannel::Whatsapp,
    }
}

/// When the delivered-not-found conversation promised to check back on this order: the latest
/// follow-up the shopper's conversation scheduled and the proxy carried out.
async fn follow_up_at(
    state: &AppState,
    number: &OrderNumber,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let detail: Option<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log
         WHERE order_number = $1 AND action = 'schedule_follow_up' AND result = 'done'
         ORDER BY id DESC LIMIT 1",
    )
    .bind(number.as_str())
    .fetch_optional(state.db.pool())
    .await
    .context("reading the scheduled follow-up")?;
    Ok(detail
        .and_then(|d| serde_json::from_str::<wismo::resolve::Proposal>(&d).ok())
        .and_then(|p| match p.action {
            wismo::resolve::Action::ScheduleFollowUp { at, .. } => Some(at),
            _ => None,
        }))
}
