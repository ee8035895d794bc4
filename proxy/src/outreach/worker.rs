//! The background worker: a monitor pass (orders whose data changed or whose check came) and a
//! send pass (queued messages), whenever something wakes it and every few seconds.
//!
//! Retries follow the helpdesk notes' policy: 30 s doubling to an hour, or the provider's
//! `Retry-After`; after `MAX_ATTEMPTS` a message is given up on. A permanent refusal gives it
//! up at once; Twilio's "this number unsubscribed" also records the opt-out.

use super::outbox::{self, Claimed, Outcome};
use super::send::{Outgoing, SendError};
use super::{monitor, optout};
use crate::db::time::to_db;
use crate::helpdesk::worker::{retry_delay, MAX_ATTEMPTS};
use crate::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use wismo::carrier::Lang;
use wismo::outreach::Channel;
use wismo::OrderNumber;

/// The most messages one claim takes.
/// The most messages one claim takes.
const BATCH: i64 = 50;
const POLL: std::time::Duration = std::time::Duration::from_secs(5);
/// How long an unsubscribe link works.
const UNSUBSCRIBE_DAYS: i64 = 365;

/// What one send pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// Runs monitor and send passes until the process ends.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(e) = monitor::pass(&state).await {
                tracing::error!(error = ?e, "outreach monitor pass failed");
            }
            match send_pending(&state).await {
                Ok(p) if p.sent + p.retrying + p.failed > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = ?e, "outreach send pass failed"),
            }
            tokio::select! {
                () = state.outreach_jobs.notified() => {},
                () = tokio::time::sleep(POLL) => {},
            }
        }
    })
}

/// The time the sender goes by: the later of the shop's clock and the real one, so the demo's
/// frozen afternoon (moved forward by hand) and real leases both work.
fn now(state: &AppState) -> DateTime<Utc> {
    state.clock.now().max(state.wall.now())
}

/// Tries every message due now, once; an error means the database failed, not a provider.
pub async fn send_pending(state: &AppState) -> anyhow::Result<Pass> {
    let mut pass = Pass::default();
    // Messages of one claim go one after another; each may take a provider's whole request
    // limit (20 s), and all must be done within the lease, or another proxy takes them again.
    let per_claim = (state.outreach.lease.num_seconds() / 25).clamp(1, BATCH);
    let claimed = outbox::claim(&state.db, now(state), state.outreach.lease, per_claim).await?;
    for c in claimed {
        send_one(state, &c, &mut pass).await?;
    }
    Ok(pass)
}

async fn send_one(state: &AppState, c: &Claimed, pass: &mut Pass) -> anyhow::Result<()> {
    let token = (c.id, c.attempts);
    let channel = match outbox::parse_channel(&c.channel) {
        Ok(ch) => ch,
        Err(e) => {
            pass.failed += 1;
            outbox::settle(
                &state.db,
                token,
                Outcome::Failed(&format!("{e:#}")),
                state.clock.now(),
            )
            .await?;
            return Ok(());
        }
    };
    // An opt-out after the message was queued still stops it; the STOP confirmation goes.
    if c.kind != "stopped" && optout::is_stopped(&state.db, &c.shop, channel, &c.recipient).await? {
        pass.failed += 1;
        outbox::settle(
            &state.db,
            token,
            Outcome::Failed("the shopper opted out"),
            state.clock.now(),
        )
        .await?;
        return Ok(());
    }
    let Some(sender) = state.outreach.senders.for_channel(channel).cloned() else {
        // Kept for when a sender is configured, looked at again in an hour; this was no attempt.
        pass.retrying += 1;
        let at = now(state) + Duration::hours(1);
        let error = format!("no sender is configured for {}", c.channel);
        outbox::settle(
            &state.db,
            token,
            Outcome::Postpone { at, error: &error },
            state.clock.now(),
        )
        .await?;
        return Ok(());
    };
    let message = outgoing(state, c, channel).await?;
    let result = sender.send(&message).await;
    // Sent and failed are stamped on the shop's clock (the demo's, moved by hand, so its
    // minimum gap counts in its own time); retries are scheduled on the later of both clocks.
    let at = state.clock.now();
    let retry_from = now(state);
    let recorded = match &result {
        Ok(accepted) => {
            tracing::info!(id = c.id, order = %c.order_number, channel = %c.channel,
                sender = sender.name(), "outreach message sent");
            pass.sent += 1;
            let outcome = Outcome::Sent {
                provider: sender.name(),
                provider_id: accepted.provider_id.as_deref(),
            };
            let recorded = outbox::settle(&state.db, token, outcome, at).await?;
            // A notice counts for the outcomes once; answers count as the turn they answer.
            if recorded && !matches!(c.kind.as_str(), "reply" | "stopped") {
                let event = wismo::outcomes::Event {
                    at,
                    order: Some(c.order_number.clone()),
                    shopper: c.email.clone(),
                    channel: channel.into(),
                    what: wismo::outcomes::What::Outreach {
                        trigger: c.kind.clone(),
                    },
                };
                crate::outcomes::record_or_log(&state.db, &c.shop, &[event]).await;
            }
            recorded
        }
        Err(SendError::Transient {
            message,
            retry_after,
        }) if c.attempts < MAX_ATTEMPTS => {
            let wait = retry_delay(c.attempts, *retry_after);
            tracing::warn!(id = c.id, attempt = c.attempts, ?wait, error = %message,
                "outreach message not sent; will retry");
            pass.retrying += 1;
            let retry_at = retry_from + Duration::from_std(wait)?;
            let outcome = Outcome::Retry {
                at: retry_at,
                error: message,
            };
            outbox::settle(&state.db, token, outcome, at).await?
        }
        Err(e) => {
            if matches!(e, SendError::OptedOut(_)) {
                optout::stop(&state.db, &c.shop, channel, &c.recipient, at).await?;
            }
            let error = match e {
                SendError::Transient { message, .. } => {
                    format!("gave up after {} attempts: {message}", c.attempts)
                }
                SendError::Permanent(m) | SendError::OptedOut(m) => m.clone(),
            };
            tracing::error!(id = c.id, attempt = c.attempts, %error, "outreach message given up");
            pass.failed += 1;
            outbox::settle(&state.db, token, Outcome::Failed(&error), at).await?
        }
    };
    if !recorded {
        tracing::warn!(
            id = c.id,
            "a later claim of this outreach message settles it"
        );
    }
    Ok(())
}

/// The message as the sender gets it.
async fn outgoing(state: &AppState, c: &Claimed, channel: Channel) -> anyhow::Result<Outgoing> {
    let lang = Lang::from_locale(&c.lang);
    let (footer, words) = wismo::outreach::unsubscribe_line(lang, &state.policy);
    let unsubscribe_url = match (channel, &state.outreach.public_url) {
        (Channel::Email, Some(base)) => OrderNumber::parse(&c.order_number).ok().map(|n| {
            let token = state
                .session_key
                .issue_unsubscribe(&n, now(state) + Duration::days(UNSUBSCRIBE_DAYS));
            format!(
                "{}/outreach/unsubscribe?t={}",
                base.trim_end_matches('/'),
                form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>()
            )
        }),
        _ => None,
    };
    let needs_template = channel == Channel::Whatsapp
        && !wrote_within_a_day(state, &c.recipient, now(state)).await?;
    Ok(Outgoing {
        id: c.id,
        channel,
        to: c.recipient.clone(),
        lang: lang.code().to_owned(),
        subject: c.subject.clone(),
        text: c.body.clone(),
        footer: unsubscribe_url.as_ref().map(|_| footer),
        unsubscribe_words: words,
        unsubscribe_url,
        brand: state.policy.brand_name.clone(),
        needs_template,
    })
}

/// Whether the shopper wrote on WhatsApp in the last 24 hours: inside that window free text
/// may be sent; outside it only a template.
async fn wrote_within_a_day(
    state: &AppState,
    recipient: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(addr) = optout::address(Channel::Whatsapp, recipient) else {
        return Ok(false);
    };
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outreach_inbound
         WHERE channel = 'whatsapp' AND shop = $1 AND sender = $2 AND received_at > $3",
    )
    .bind(state.shop.as_ref())
    .bind(addr)
    .bind(to_db(now - Duration::hours(24)))
    .fetch_one(state.db.pool())
    .await
    .context("reading the WhatsApp window")?;
    Ok(n > 0)
}
