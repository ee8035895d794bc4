//! A shopper's message arriving by SMS, WhatsApp or e-mail, after its webhook's signature was
//! checked: found by the phone or e-mail on their orders (no order number needed), STOP and
//! START honoured at once, anything else answered by the core on the same channel, continuing
//! the one stored conversation whatever channel it started on.

use super::outbox::{self, NewMessage};
use super::{monitor, optout};
use crate::conversations::{ConversationStore, Direction, Message, PutError};
use crate::db::time::to_db;
use crate::state::AppState;
use anyhow::Context;
use wismo::outreach::{self, Channel, Keyword};
use wismo::{Email, Order, OrderNumber, Scenario};

/// The longest inbound message answered, in characters; longer ones are cut.
const MAX_CHARS: usize = 2000;

/// A verified inbound message.
#[derive(Debug, Clone)]
pub struct Inbound {
    pub channel: Channel,
    /// The provider's id for it, so a webhook delivered twice is answered once.
    pub provider_id: String,
    /// A phone number or an e-mail address.
    pub from: String,
    pub text: String,
}

/// What became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    /// Seen before: nothing done again.
    Duplicate,
    /// No order has this phone or e-mail: nothing is said to a stranger.
    UnknownSender,
    /// STOP: no more messages on this channel; a confirmation is queued.
    Stopped,
    /// START: messages allowed again.
    Started,
    /// Outreach is off: only STOP and START are honoured.
    Disabled,
    /// Answered; the answer is queued as this outbox message.
    Answered { order: String, reply: String },
}

/// Handles one inbound message. If handling fails, the message is forgotten again, so the
/// provider's redelivery (it retries on a 5xx) is handled rather than taken for a duplicate.
pub async fn handle(state: &AppState, m: &Inbound) -> anyhow::Result<Handled> {
    let result = handle_once(state, m).await;
    if result.is_err() {
        let forgot =
            sqlx::query("DELETE FROM outreach_inbound WHERE channel = $1 AND provider_id = $2")
                .bind(outbox::channel_str(m.channel))
                .bind(&m.provider_id)
                .execute(state.db.pool())
                .await;
        if let Err(e) = forgot {
            tracing::error!(error = ?e, "an inbound message that failed stays marked as seen");
        }
    }
    result
}

async fn handle_once(state: &AppState, m: &Inbound) -> anyhow::Result<Handled> {
    let now = state.clock.now();
    let sender = optout::address(m.channel, &m.from).unwrap_or_else(|| m.from.clone());
    let fresh: Option<String> = sqlx::query_scalar(
        "INSERT INTO outreach_inbound (channel, provider_id, shop, sender, received_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel, provider_id) DO NOTHING
         RETURNING provider_id",
    )
    .bind(outbox::channel_str(m.channel))
    .bind(&m.provider_id)
    .bind(state.shop.as_ref())
    .bind(&sender)
    .bind(to_db(now))
    .fetch_optional(state.db.pool())
    .await
    .context("recording an inbound message")?;
    if fresh.is_none() {
        return Ok(Handled::Duplicate);
    }
    let orders = orders_of(state, m).await?;
    match outreach::keyword(&m.text) {
        // Honoured whoever sends it; confirmed only to a known shopper.
        Some(Keyword::Stop) => {
            optout::stop(&state.db, &state.shop, m.channel, &m.from, now).await?;
            if let Some(newest) = orders.first().filter(|_| state.outreach.enabled) {
                let lang = wismo::carrier::Lang::from_locale(&newest.customer.locale);
                let text = outreach::stopped(lang, &state.policy);
                enqueue(state, m, newest, "stopped", &text, lang.code()).await?;
            }
            return Ok(Handled::Stopped);
        }
        Some(Keyword::Start) => {
            optout::start(&state.db, &state.shop, m.channel, &m.from).await?;
            return Ok(Handled::Started);
        }
        None => {}
    }
    if !state.outreach.enabled {
        // Nothing would carry the answer; the provider's own auto-reply (if any) stands.
        tracing::info!("inbound message not answered: outreach is off");
        return Ok(Handled::Disabled);
    }
    if orders.is_empty() {
        tracing::info!(
            channel = outbox::channel_str(m.channel),
            "inbound message from an unknown sender ignored"
        );
        return Ok(Handled::UnknownSender);
    }
    answer(state, m, &orders).await
}

/// The shopper's orders, newest first: by e-mail address, or by phone (the stored last digits,
/// then the whole number compared).
async fn orders_of(state: &AppState, m: &Inbound) -> anyhow::Result<Vec<Order>> {
    let numbers: Vec<OrderNumber> = match m.channel {
        Channel::Email => match Email::parse(m.from.trim()) {
            Ok(email) => crate::db::orders_with_email(&state.db, &state.shop, &email).await?,
            Err(_) => Vec::new(),
        },
        Channel::Sms | Channel::Whatsapp => {
            let Some(key) = optout::address(m.channel, &m.from) else {
                return Ok(Vec::new());
            };
            let rows: Vec<String> = sqlx::query_scalar(
                "SELECT number FROM orders WHERE shop = $1 AND phone_key = $2
                 ORDER BY created_at DESC, number DESC",
            )
            .bind(state.shop.as_ref())
            .bind(key)
            .fetch_all(state.db.pool())
            .await
            .context("finding orders by phone")?;
            rows.iter()
                .filter_map(|n| OrderNumber::parse(n).ok())
                .collect()
        }
    };
    let mut out = Vec::new();
    for n in numbers.iter().take(20) {
        if let Some(order) = crate::db::load_order(&state.db, &state.shop, n).await? {
            let same = match m.channel {
                Channel::Email => true,
                _ => order
                    .customer
                    .phone
                    .as_deref()
                    .is_some_and(|p| wismo::same_phone(p, &m.from)),
            };
            if same {
                out.push(order);
            }
        }
    }
    Ok(out)
}

/// Answers with the core, about the order the conversation is on when it is one of theirs,
/// else their newest.
async fn answer(state: &AppState, m: &Inbound, orders: &[Order]) -> anyhow::Result<Handled> {
    let email = orders[0].customer.email.clone();
    let store = ConversationStore::new(state.db.clone(), state.shop.as_ref());
    let text: String = m.text.trim().chars().take(MAX_CHARS).collect();
    // When the message came in, for the time to resolution.
    let received = state.clock.now();
    for _ in 0..5 {
        let stored = store.get(&email).await?;
        let version = stored.as_ref().map(|s| s.version);
        let conversation = stored.map(|s| s.conversation).unwrap_or_default();
        let order = conversation
            .order
            .as_ref()
            .and_then(|n| orders.iter().find(|o| &o.number == n))
            .unwrap_or(&orders[0]);
        let Some(ctx) = crate::http::orders::order_context(state, &order.number)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        else {
            anyhow::bail!("order {} vanished while answering", order.number);
        };
        let now = ctx.now;
        let (resolution, cpu_us) = crate::outcomes::cpu::measured(|| {
            wismo::resolve(&Scenario::with_context(text.clone(), ctx).continuing(conversation))
        });
        let events = wismo::outcomes::Event::of_turn(
            (received.min(now), now.max(state.clock.now())),
            Some(order.number.as_str()),
            email.as_str(),
            m.channel.into(),
            &resolution,
            cpu_us,
        );
        let channel = monitor::conv_channel(m.channel);
        let turn = [
            Message {
                at: now,
                channel,
                direction: Direction::In,
                text: text.clone(),
            },
            Message {
                at: now,
                channel,
                direction: Direction::Out,
                text: resolution.reply.clone(),
            },
        ];
        let mut tx = state.db.begin().await?;
        match store
            .put_on(&mut tx, &email, &resolution.conversation, version, &turn)
            .await
        {
            Ok(_) => {
                crate::outcomes::record_on(&mut tx, &state.shop, &events).await?;
                tx.commit().await.context("committing an inbound turn")?;
                carry_out(state, m, order, &resolution).await;
                let lang = resolution
                    .conversation
                    .lang
                    .unwrap_or_else(|| wismo::carrier::Lang::from_locale(&order.customer.locale));
                enqueue(state, m, order, "reply", &resolution.reply, lang.code()).await?;
                return Ok(Handled::Answered {
                    order: order.number.as_str().to_owned(),
                    reply: resolution.reply,
                });
            }
            Err(PutError::Conflict) => continue,
            Err(PutError::Storage(e)) => return Err(e),
        }
    }
    anyhow::bail!("the conversation kept changing while an inbound message was answered")
}

/// Does what the answer says is being done, as the widget would after a chat turn: the
/// proposals that need no further yes (a confirmed refund, a scheduled check) go through the
/// actions endpoint's own path, keyed by the inbound message so a redelivery runs nothing
/// twice; a hand-over becomes a note for the team when a helpdesk is configured. Failures are
/// logged (and audited by the actions path); the shopper's answer is sent either way.
async fn carry_out(state: &AppState, m: &Inbound, order: &Order, r: &wismo::Resolution) {
    let shopper = crate::http::shopper::Shopper(order.number.clone());
    let channel = outbox::channel_str(m.channel);
    for (i, p) in r
        .proposals
        .iter()
        .filter(|p| !p.needs_confirmation && !p.needs_approval)
        .enumerate()
    {
        let key = format!("inbound-{channel}-{}-{i}", m.provider_id);
        let key: String = key
            .chars()
            .filter(char::is_ascii_graphic)
            .take(255)
            .collect();
        match crate::http::actions::execute_for(state, &shopper, channel, key, p).await {
            Ok(res) if res.status().is_success() => {
                tracing::info!(order = %order.number, action = p.action.kind(), channel, "action carried out from an inbound answer");
            }
            Ok(res) => tracing::warn!(order = %order.number, action = p.action.kind(),
                status = %res.status(), "action from an inbound answer refused"),
            Err(e) => tracing::error!(order = %order.number, action = p.action.kind(),
                error = %e, "action from an inbound answer failed"),
        }
    }
    if let (Some(h), Some(_)) = (&r.handoff, &state.helpdesk) {
        let note = format!(
            "wismo: the shopper asked by {channel} for a person ({}). {}",
            h.reason, h.summary
        );
        match crate::helpdesk::outbox::enqueue(
            &state.db,
            &order.number,
            &order.customer.email,
            &note,
            None,
            state.wall.now(),
        )
        .await
        {
            Ok(_) => state.note_jobs.notify_one(),
            Err(e) => tracing::error!(error = ?e, "hand-over note not queued"),
        }
    }
}

/// Queues an answer to the sender on the channel it came on.
async fn enqueue(
    state: &AppState,
    m: &Inbound,
    order: &Order,
    kind: &str,
    text: &str,
    lang: &str,
) -> anyhow::Result<()> {
    let key = format!(
        "{kind}:{}:{}",
        outbox::channel_str(m.channel),
        m.provider_id
    );
    let subject = match m.channel {
        Channel::Email => format!("Re: {}", order.display_name()),
        _ => String::new(),
    };
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .context("acquiring a connection")?;
    outbox::enqueue(
        &mut conn,
        &NewMessage {
            shop: &state.shop,
            order_number: order.number.as_str(),
            kind,
            dedupe_key: &key,
            channel: m.channel,
            recipient: m.from.trim(),
            email: order.customer.email.as_str(),
            lang,
            subject: &subject,
            body: text,
            replies: &[],
        },
        state.clock.now(),
    )
    .await?;
    state.outreach_jobs.notify_one();
    Ok(())
}
