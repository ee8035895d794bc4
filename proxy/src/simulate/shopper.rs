//! A simulated shopper: grows anxious the longer they hear nothing and the later their order
//! is, much less when they were told first; writes on a channel of their choice in words from
//! the message set; reads the answer; says thanks, takes an offered remedy, asks for a person
//! or leaves unhappy; sometimes rates. Every figure is in `proxy/SIMULATE.md`.

use super::world::{Fate, SimOrder};
use super::{Messages, SimClock};
use crate::conversations::Channel as ConvChannel;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use wismo::nlu::Intent;
use wismo::outcomes::{Channel, Event, What};

/// The most contacts one shopper makes about one order.
const MAX_CONTACTS: u32 = 4;

pub struct Shopper {
    rng: ChaCha8Rng,
    pub active: bool,
    /// How quickly this shopper worries (0.5 to 2, log-uniform).
    patience: f64,
    /// Signed in to the store (the widget knows them; no order number and e-mail to type).
    signed_in: bool,
    has_phone: bool,
    /// The last time they heard anything: the order, the shipping confirmation, a notice, an
    /// answer.
    last_news: DateTime<Utc>,
    /// When they expect the parcel: the shop's promise, moved when they are told of a delay.
    expect_by: DateTime<Utc>,
    /// Told first, by a notice or an answer, in a way that answers them.
    explained: bool,
    /// Unhappy with an answer: worries three times as fast until then.
    boost_until: Option<DateTime<Utc>>,
    /// The last notice: when, on which channel, for which trigger.
    notice: Option<(DateTime<Utc>, String, String)>,
    /// Has a tracking link (every notice carries one).
    has_link: bool,
    shipped: bool,
    delivered_at: Option<DateTime<Utc>>,
    /// Told where the parcel was left (the delivered notice).
    told_drop_off: bool,
    contacts: u32,
}

impl Shopper {
    pub fn new(o: &SimOrder, mut rng: ChaCha8Rng) -> Self {
        let patience = (rng.random_range(-0.7f64..0.7)).exp();
        let signed_in = rng.random_bool(0.35);
        Self {
            rng,
            active: false,
            patience,
            signed_in,
            has_phone: o.order.customer.phone.is_some(),
            last_news: o.order.created_at,
            expect_by: o.promised,
            explained: false,
            boost_until: None,
            notice: None,
            has_link: false,
            shipped: false,
            delivered_at: None,
            told_drop_off: false,
            contacts: 0,
        }
    }

    /// Whether the parcel is with the carrier and not delivered yet at `t`.
    pub fn in_flight(&self, o: &SimOrder, t: DateTime<Utc>) -> bool {
        self.shipped && o.delivered_at.is_none_or(|d| d > t)
    }

    /// The shop's shipping confirmation.
    pub fn shipped(&mut self, at: DateTime<Utc>) {
        self.shipped = true;
        self.last_news = self.last_news.max(at);
    }

    /// The carrier's (or the shop's) "delivered" message.
    pub fn delivered(&mut self, at: DateTime<Utc>) {
        self.delivered_at = Some(at);
        self.last_news = self.last_news.max(at);
    }

    /// A notice from wismo.
    pub fn told(&mut self, at: DateTime<Utc>, trigger: &str, channel: &str) {
        self.notice = Some((at, channel.to_owned(), trigger.to_owned()));
        self.has_link = true;
        self.last_news = self.last_news.max(at);
        if trigger == "delivered_note" {
            self.told_drop_off = true;
        } else {
            self.explained = true;
            self.expect_by = self.expect_by.max(at + Duration::days(2));
        }
    }

    /// Whether this shopper writes in the hour from `t`, and when.
    pub fn writes(&mut self, t: DateTime<Utc>, o: &SimOrder) -> Option<DateTime<Utc>> {
        if !self.active || self.contacts >= MAX_CONTACTS {
            return None;
        }
        let hazard = match self.delivered_at {
            Some(d) if o.fate == Fate::NotFound => {
                let after = (t - d).num_minutes() as f64 / 60.0;
                if !(2.0..30.0).contains(&after) || self.contacts > 0 {
                    return None;
                }
                if self.told_drop_off {
                    0.06
                } else {
                    0.12
                }
            }
            Some(_) => return None,
            None => {
                let silent = ((t - self.last_news).num_minutes() as f64 / 1440.0).clamp(0.0, 10.0);
                let late = (t - self.expect_by).num_minutes() as f64 / 1440.0;
                let mut h = 0.000_08 + 0.000_12 * silent;
                if late > 0.0 {
                    h += 0.004 * (1.0 + late.min(7.0));
                }
                if o.fate == Fate::WantsChange && self.contacts == 0 && !self.shipped {
                    h += 0.03;
                }
                if self.explained {
                    h *= 0.25;
                }
                if self.boost_until.is_some_and(|b| t < b) {
                    h *= 3.0;
                }
                h * self.patience
            }
        };
        let u: f64 = self.rng.random();
        (u < hazard).then(|| t + Duration::seconds(self.rng.random_range(0..3600)))
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }
}

/// One contact, answered by the real `converse`; the shopper's follow-ups in the same contact.
pub async fn contact(
    state: &AppState,
    clock: &SimClock,
    o: &SimOrder,
    s: &mut Shopper,
    messages: &Messages,
) -> anyhow::Result<()> {
    s.contacts += 1;
    let now = state.clock.now();
    // Where they write: back on the notice's channel, on the tracking page its link opens,
    // or where they usually would.
    let recent_notice = s
        .notice
        .as_ref()
        .filter(|(at, _, _)| now - *at < Duration::hours(72))
        .map(|(_, ch, _)| ch.clone());
    let channel = match recent_notice {
        Some(ch) if s.chance(0.5) => match ch.as_str() {
            "sms" => Channel::Sms,
            "whatsapp" => Channel::Whatsapp,
            _ => Channel::Email,
        },
        _ if s.has_link && s.chance(0.3) => Channel::Page,
        _ => {
            let u: f64 = s.rng.random();
            if u < 0.55 {
                Channel::Chat
            } else if u < 0.85 || !s.has_phone {
                Channel::Email
            } else {
                Channel::Sms
            }
        }
    };
    // What they mean.
    let intent = if s.delivered_at.is_some() {
        if s.chance(0.85) {
            Intent::NotReceived
        } else {
            Intent::HumanAgent
        }
    } else if o.fate == Fate::WantsChange && s.contacts == 1 && !s.shipped {
        Intent::ChangeAddress
    } else {
        let u: f64 = s.rng.random();
        if !s.shipped && u < 0.05 {
            Intent::CancelOrder
        } else if u < 0.83 {
            Intent::TrackOrder
        } else if u < 0.92 {
            Intent::DeliveryTime
        } else if u < 0.95 {
            Intent::HumanAgent
        } else {
            Intent::Other
        }
    };
    let pick = s.rng.random_range(0..usize::MAX);
    let text = messages.text(intent, pick).to_owned();
    // A shopper the chat does not know types their order number and e-mail first.
    let verify = if channel == Channel::Chat && !s.signed_in {
        Duration::seconds(s.rng.random_range(20..90))
    } else {
        Duration::zero()
    };
    clock.set(now + verify);
    let Some(first) = say(state, o, &text, channel).await? else {
        return Ok(());
    };
    if verify > Duration::zero() {
        // The message before verification, as the widget reports it.
        let event = Event {
            at: now,
            order: Some(o.order.number.as_str().to_owned()),
            shopper: o.order.customer.email.as_str().to_owned(),
            channel,
            what: What::Contact {
                intent: first.classification.intent.as_str().to_owned(),
            },
        };
        crate::outcomes::record(&state.db, &state.shop, &[event]).await?;
    }
    s.last_news = state.clock.now();
    if first.handoff.is_some() {
        return Ok(());
    }
    let understood = last_understood(intent, &first);
    let mut last = first;
    // An offered remedy, taken by sending its label.
    if let Some(&choice) = last.offers.first() {
        if s.chance(0.5) {
            let lang = last.conversation.lang.unwrap_or(wismo::carrier::Lang::En);
            let label = wismo::resolve::choice_label(lang, choice).to_owned();
            clock.set(state.clock.now() + Duration::seconds(s.rng.random_range(10..40)));
            match say(state, o, &label, channel).await? {
                Some(r) => last = r,
                None => return Ok(()),
            }
            if last.handoff.is_some() {
                return Ok(());
            }
        }
    }
    let problem = last.situation.as_ref().is_some_and(|x| x.is_problem());
    let satisfied_odds = match (understood, intent, problem) {
        (false, _, _) => 0.35,
        (true, Intent::Other, _) => 0.3,
        (true, _, true) => 0.7,
        (true, _, false) => 0.92,
    };
    let can_rate = matches!(channel, Channel::Chat | Channel::Page)
        || (channel == Channel::Email && s.has_link);
    if s.chance(satisfied_odds) {
        s.explained = true;
        if problem {
            s.expect_by = s.expect_by.max(state.clock.now() + Duration::days(2));
        }
        if s.chance(0.45) {
            let pick = s.rng.random_range(0..usize::MAX);
            let thanks = messages.text(Intent::Thanks, pick).to_owned();
            clock.set(state.clock.now() + Duration::seconds(s.rng.random_range(5..30)));
            say(state, o, &thanks, channel).await?;
        }
        if can_rate && s.chance(0.2) {
            let u: f64 = s.rng.random();
            let score = if u < 0.6 {
                5
            } else if u < 0.9 {
                4
            } else {
                3
            };
            rate(state, o, channel, score).await?;
        }
    } else if s.chance(0.4) {
        let pick = s.rng.random_range(0..usize::MAX);
        let ask = messages.text(Intent::HumanAgent, pick).to_owned();
        clock.set(state.clock.now() + Duration::seconds(s.rng.random_range(10..60)));
        say(state, o, &ask, channel).await?;
    } else {
        s.boost_until = Some(state.clock.now() + Duration::days(3));
        if can_rate && s.chance(0.25) {
            let score = s.rng.random_range(1..=3);
            rate(state, o, channel, score).await?;
        }
    }
    Ok(())
}

/// Whether the first answer is about what the shopper meant: the core read their intent ("where
/// is it" and "when will it come" are answered alike).
fn last_understood(meant: Intent, r: &wismo::Resolution) -> bool {
    let read = r.classification.intent;
    read == meant
        || matches!(
            (meant, read),
            (
                Intent::TrackOrder | Intent::DeliveryTime,
                Intent::TrackOrder | Intent::DeliveryTime
            )
        )
}

/// Sends `text` about the order on `channel` through `converse`; `None` when the conversation
/// changed meanwhile (never in a run, which is sequential).
async fn say(
    state: &AppState,
    o: &SimOrder,
    text: &str,
    channel: Channel,
) -> anyhow::Result<Option<wismo::Resolution>> {
    let received = state.clock.now();
    let Some(ctx) = crate::http::order_context(state, &o.order.number)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    else {
        anyhow::bail!("simulated order {} is missing", o.order.number);
    };
    let conv = match channel {
        Channel::Email => ConvChannel::Email,
        Channel::Sms => ConvChannel::Sms,
        Channel::Whatsapp => ConvChannel::Whatsapp,
        Channel::Chat | Channel::Page => ConvChannel::Chat,
    };
    match crate::http::converse(state, ctx, text, conv, channel, received).await {
        Ok(r) => {
            // What the answer says is being done, done as the widget does it: through the
            // actions path, once per turn.
            let shopper = crate::http::Shopper(o.order.number.clone());
            for (i, p) in r.proposals.iter().filter(|p| p.is_executable()).enumerate() {
                let key = format!("sim-{}-{}", received.timestamp_micros(), i);
                if let Err(e) =
                    crate::http::actions::execute_for(state, &shopper, channel.as_str(), key, p)
                        .await
                {
                    tracing::warn!(error = %e, "a simulated action failed");
                }
            }
            Ok(Some(r))
        }
        Err(AppError::Conflict { .. }) => Ok(None),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

async fn rate(state: &AppState, o: &SimOrder, channel: Channel, score: u8) -> anyhow::Result<()> {
    let event = Event {
        at: state.clock.now(),
        order: Some(o.order.number.as_str().to_owned()),
        shopper: o.order.customer.email.as_str().to_owned(),
        channel,
        what: What::Rating { score },
    };
    crate::outcomes::record(&state.db, &state.shop, &[event]).await
}
