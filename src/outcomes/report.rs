//! The numbers: events grouped into contacts, and contacts measured.

use super::{Channel, Event, Prices, What, RECONTACT_WINDOW, SESSION_GAP};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The intents that make a contact a WISMO contact: where is it, when will it come, it says
/// delivered but is not here.
const WISMO_INTENTS: [&str; 3] = ["track_order", "delivery_time", "not_received"];
/// How many hand-overs the report lists (the newest).
const HANDED_LISTED: usize = 50;

/// The headline numbers of a period. Rates are fractions (0.83, not 83); `None` when there is
/// nothing to divide by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// Contacts started in the period.
    pub contacts: u64,
    /// Of them, those whose outcome is known (window closed, or already followed by another).
    pub settled: u64,
    /// Of the settled: resolved without a person, no re-contact within 7 days, confirmed.
    pub true_resolution: Option<f64>,
    /// Of the settled contacts that were not themselves a re-contact: no person, no re-contact.
    pub first_contact_resolution: Option<f64>,
    /// From the contact's first message to its last answer, for contacts no person took over.
    pub median_ttr_ms: Option<u64>,
    pub p90_ttr_ms: Option<u64>,
    /// Contacts that reached a person.
    pub handover_rate: Option<f64>,
    /// Contacts asking where an order is, when it comes, or why "delivered" is not here.
    pub wismo_contacts: u64,
    /// Orders placed in the period (given by the caller, who counts them).
    pub orders: u64,
    pub wismo_contacts_per_100_orders: Option<f64>,
    /// CPU of every answer plus the price of every answer sent by e-mail, SMS or WhatsApp,
    /// divided by the contacts.
    pub cost_per_conversation_usd: Option<f64>,
    /// Proactive notices sent in the period, and what they cost.
    pub outreach_sent: u64,
    pub outreach_cost_usd: f64,
    /// Ratings given in the period: the share of 4 and 5, and the mean.
    pub ratings: u64,
    pub csat: Option<f64>,
    pub mean_rating: Option<f64>,
    /// Actions carried out, and refused by the shop.
    pub actions_done: u64,
    pub actions_failed: u64,
}

/// One day of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayRow {
    pub day: NaiveDate,
    pub contacts: u64,
    pub settled: u64,
    pub truly_resolved: u64,
    pub handovers: u64,
    pub outreach_sent: u64,
}

/// Contacts by the situation of the order when answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SituationRow {
    pub situation: String,
    pub contacts: u64,
    pub settled: u64,
    pub truly_resolved: u64,
    pub handovers: u64,
}

/// Contacts by channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelRow {
    pub channel: Channel,
    pub contacts: u64,
    pub settled: u64,
    pub truly_resolved: u64,
    pub handovers: u64,
}

/// Notices by trigger: how many were sent, and how many were followed by a contact about the
/// same order within 7 days (the notice did not answer the worry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriggerRow {
    pub trigger: String,
    pub sent: u64,
    pub followed_by_contact: u64,
}

/// A contact that reached a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handed {
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    pub channel: Channel,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<String>,
}

/// Everything the dashboard shows for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub kpis: Kpis,
    pub by_day: Vec<DayRow>,
    pub by_situation: Vec<SituationRow>,
    pub by_channel: Vec<ChannelRow>,
    pub by_trigger: Vec<TriggerRow>,
    /// Hand-overs by reason, most frequent first.
    pub handover_reasons: Vec<(String, u64)>,
    /// The newest hand-overs of the period, newest first.
    pub handed: Vec<Handed>,
}

/// One contact, built from its events.
#[derive(Debug)]
struct Contact {
    key: String,
    order: Option<String>,
    channel: Channel,
    start: DateTime<Utc>,
    /// The last message or answer.
    last: DateTime<Utc>,
    last_answer: Option<DateTime<Utc>>,
    intents: Vec<String>,
    situation: Option<String>,
    /// An answer told the shopper of a problem: a delay notice.
    told_problem: bool,
    cpu_us: u64,
    paid_answers: u64,
    handover: Option<String>,
    confirmed: bool,
    rating: Option<u8>,
}

/// How a contact ended.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    settled: bool,
    truly_resolved: bool,
    first: bool,
    first_resolved: bool,
}

/// Measures the contacts started in `[from, to)`, as known at `now`.
///
/// `events` should reach from `RECONTACT_WINDOW` (or more) before `from`, so a contact can be
/// told from a re-contact and a notice found before it, to `now`; they need not be sorted.
/// `orders` is the number of orders placed in the period.
pub fn measure(
    events: &[Event],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    orders: u64,
    prices: &Prices,
) -> Report {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by_key(|e| e.at);

    let mut contacts: Vec<Contact> = Vec::new();
    // The index of each key's newest contact.
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut notices: HashMap<&str, Vec<&Event>> = HashMap::new();
    let mut delivered: HashMap<&str, Vec<DateTime<Utc>>> = HashMap::new();
    let mut kpis_outreach = (0u64, 0.0f64);
    let mut actions = (0u64, 0u64);
    // One rating counts per contact (the last given), or per key and day when no contact is
    // near: a shopper who taps again, or a link opened many times, weighs once.
    let mut ratings: HashMap<(String, Option<usize>, Option<NaiveDate>), u8> = HashMap::new();
    let in_period = |at: DateTime<Utc>| at >= from && at < to;

    for e in sorted {
        let key = match &e.order {
            Some(o) => format!("order:{o}"),
            None => format!("shopper:{}", e.shopper),
        };
        match &e.what {
            What::Contact { intent } => {
                let current = open.get(&key).map(|&i| &mut contacts[i]);
                match current {
                    Some(c) if c.channel == e.channel && e.at - c.last <= SESSION_GAP => {
                        c.last = e.at;
                        c.intents.push(intent.clone());
                    }
                    // A thank-you later or elsewhere confirms the contact it thanks; it is not
                    // a contact of its own, nor a return about the order.
                    Some(c) if intent == "thanks" && e.at - c.last <= RECONTACT_WINDOW => {
                        c.confirmed = true;
                    }
                    _ => {
                        open.insert(key.clone(), contacts.len());
                        contacts.push(Contact {
                            key,
                            order: e.order.clone(),
                            channel: e.channel,
                            start: e.at,
                            last: e.at,
                            last_answer: None,
                            intents: vec![intent.clone()],
                            situation: None,
                            told_problem: false,
                            cpu_us: 0,
                            paid_answers: 0,
                            handover: None,
                            confirmed: false,
                            rating: None,
                        });
                    }
                }
            }
            What::Answer {
                situation,
                problem,
                cpu_us,
            } => {
                if let Some(c) = open.get(&key).map(|&i| &mut contacts[i]) {
                    if e.at - c.last <= SESSION_GAP {
                        c.last = e.at;
                        // The answer to a thank-you resolves nothing: the one before did.
                        let courtesy = c
                            .intents
                            .last()
                            .is_some_and(|i| matches!(i.as_str(), "thanks" | "greeting"));
                        if !courtesy || c.last_answer.is_none() {
                            c.last_answer = Some(e.at);
                        }
                        if situation.is_some() {
                            c.situation.clone_from(situation);
                        }
                        c.told_problem |= problem;
                        c.cpu_us += cpu_us;
                        if prices.message(e.channel) > 0.0 {
                            c.paid_answers += 1;
                        }
                    }
                }
            }
            What::Handover { reason } => {
                if let Some(c) = open.get(&key).map(|&i| &mut contacts[i]) {
                    if e.at - c.last <= SESSION_GAP && c.handover.is_none() {
                        c.handover = Some(reason.clone());
                    }
                }
            }
            What::Confirmed => {
                if let Some(c) = open.get(&key).map(|&i| &mut contacts[i]) {
                    if e.at - c.last <= RECONTACT_WINDOW {
                        c.confirmed = true;
                    }
                }
            }
            What::Rating { score } => {
                let near = open
                    .get(&key)
                    .copied()
                    .filter(|&i| e.at - contacts[i].last <= RECONTACT_WINDOW);
                if let Some(i) = near {
                    contacts[i].rating = Some(*score);
                }
                if in_period(e.at) {
                    let day = near.is_none().then(|| e.at.date_naive());
                    ratings.insert((key.clone(), near, day), *score);
                }
            }
            What::Outreach { .. } => {
                if let Some(o) = &e.order {
                    notices.entry(o).or_default().push(e);
                }
                if in_period(e.at) {
                    kpis_outreach.0 += 1;
                    kpis_outreach.1 += prices.message(e.channel);
                }
            }
            What::Action { ok, .. } => {
                if in_period(e.at) {
                    if *ok {
                        actions.0 += 1;
                    } else {
                        actions.1 += 1;
                    }
                }
            }
            What::Delivered => {
                if let Some(o) = &e.order {
                    delivered.entry(o).or_default().push(e.at);
                }
            }
        }
    }

    // Each key's contacts in order, to find re-contacts.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in contacts.iter().enumerate() {
        by_key.entry(&c.key).or_default().push(i);
    }
    let mut outcomes: Vec<Option<Outcome>> = vec![None; contacts.len()];
    for list in by_key.values() {
        for (n, &i) in list.iter().enumerate() {
            let c = &contacts[i];
            if !in_period(c.start) {
                continue;
            }
            let next = list.get(n + 1).map(|&j| contacts[j].start);
            let recontact = next.is_some_and(|s| s - c.last <= RECONTACT_WINDOW);
            let first = n == 0 || c.start - contacts[list[n - 1]].last > RECONTACT_WINDOW;
            let settled = recontact || now - c.last >= RECONTACT_WINDOW;
            let confirmed = c.confirmed
                || c.rating.is_some_and(|r| r >= 4)
                || delivered_after_delay(c, &notices, &delivered);
            let no_person = c.handover.is_none();
            outcomes[i] = Some(Outcome {
                settled,
                truly_resolved: settled && no_person && !recontact && confirmed,
                first,
                first_resolved: settled && first && no_person && !recontact,
            });
        }
    }

    let mut k = Kpis {
        contacts: 0,
        settled: 0,
        true_resolution: None,
        first_contact_resolution: None,
        median_ttr_ms: None,
        p90_ttr_ms: None,
        handover_rate: None,
        wismo_contacts: 0,
        orders,
        wismo_contacts_per_100_orders: None,
        cost_per_conversation_usd: None,
        outreach_sent: kpis_outreach.0,
        outreach_cost_usd: kpis_outreach.1,
        ratings: ratings.len() as u64,
        csat: None,
        mean_rating: None,
        actions_done: actions.0,
        actions_failed: actions.1,
    };
    let (mut truly, mut firsts, mut firsts_resolved, mut handovers) = (0u64, 0u64, 0u64, 0u64);
    let mut ttr: Vec<u64> = Vec::new();
    let mut cost = 0.0;
    let mut days: BTreeMap<NaiveDate, DayRow> = BTreeMap::new();
    let mut situations: BTreeMap<String, SituationRow> = BTreeMap::new();
    let mut channels: BTreeMap<Channel, ChannelRow> = BTreeMap::new();
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    let mut handed: Vec<Handed> = Vec::new();
    // Every day of the period, so a quiet day shows as zero (at most ten years of them).
    if to > from {
        let last = (to - chrono::Duration::nanoseconds(1)).date_naive();
        let mut day = from.date_naive();
        while day <= last && days.len() < 3660 {
            days.insert(day, DayRow::empty(day));
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
    }
    for (c, o) in contacts.iter().zip(&outcomes) {
        let Some(o) = o else { continue };
        k.contacts += 1;
        let settled = u64::from(o.settled);
        let resolved = u64::from(o.truly_resolved);
        let handed_over = u64::from(c.handover.is_some());
        k.settled += settled;
        truly += resolved;
        handovers += handed_over;
        if o.settled && o.first {
            firsts += 1;
            firsts_resolved += u64::from(o.first_resolved);
        }
        if c.intents
            .iter()
            .any(|i| WISMO_INTENTS.contains(&i.as_str()))
        {
            k.wismo_contacts += 1;
        }
        if c.handover.is_none() {
            if let Some(answered) = c.last_answer {
                ttr.push((answered - c.start).num_milliseconds().max(0) as u64);
            }
        }
        cost += prices.cpu(c.cpu_us) + c.paid_answers as f64 * prices.message(c.channel);
        let d = days
            .entry(c.start.date_naive())
            .or_insert_with(|| DayRow::empty(c.start.date_naive()));
        d.contacts += 1;
        d.settled += settled;
        d.truly_resolved += resolved;
        d.handovers += handed_over;
        let situation = c.situation.clone().unwrap_or_else(|| "unknown".to_owned());
        let s = situations
            .entry(situation.clone())
            .or_insert_with(|| SituationRow {
                situation,
                contacts: 0,
                settled: 0,
                truly_resolved: 0,
                handovers: 0,
            });
        s.contacts += 1;
        s.settled += settled;
        s.truly_resolved += resolved;
        s.handovers += handed_over;
        let ch = channels.entry(c.channel).or_insert(ChannelRow {
            channel: c.channel,
            contacts: 0,
            settled: 0,
            truly_resolved: 0,
            handovers: 0,
        });
        ch.contacts += 1;
        ch.settled += settled;
        ch.truly_resolved += resolved;
        ch.handovers += handed_over;
        if let Some(reason) = &c.handover {
            *reasons.entry(reason.clone()).or_default() += 1;
            handed.push(Handed {
                at: c.start,
                order: c.order.clone(),
                channel: c.channel,
                reason: reason.clone(),
                situation: c.situation.clone(),
            });
        }
    }

    // Notices: sent in the period, and whether a contact about the order followed.
    let mut triggers: BTreeMap<String, TriggerRow> = BTreeMap::new();
    for (order, list) in &notices {
        let starts: Vec<DateTime<Utc>> = by_key
            .get(format!("order:{order}").as_str())
            .map(|l| l.iter().map(|&i| contacts[i].start).collect())
            .unwrap_or_default();
        for n in list.iter().filter(|n| in_period(n.at)) {
            let What::Outreach { trigger } = &n.what else {
                continue;
            };
            let row = triggers.entry(trigger.clone()).or_insert(TriggerRow {
                trigger: trigger.clone(),
                sent: 0,
                followed_by_contact: 0,
            });
            row.sent += 1;
            if starts
                .iter()
                .any(|&s| s > n.at && s - n.at <= RECONTACT_WINDOW)
            {
                row.followed_by_contact += 1;
            }
            if let Some(d) = days.get_mut(&n.at.date_naive()) {
                d.outreach_sent += 1;
            }
        }
    }

    let rate = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
    k.true_resolution = rate(truly, k.settled);
    k.first_contact_resolution = rate(firsts_resolved, firsts);
    k.handover_rate = rate(handovers, k.contacts);
    k.wismo_contacts_per_100_orders = rate(k.wismo_contacts * 100, orders);
    k.cost_per_conversation_usd = (k.contacts > 0).then(|| cost / k.contacts as f64);
    ttr.sort_unstable();
    k.median_ttr_ms = percentile(&ttr, 50);
    k.p90_ttr_ms = percentile(&ttr, 90);
    let scores: Vec<u8> = ratings.values().copied().collect();
    k.csat = rate(
        scores.iter().filter(|&&r| r >= 4).count() as u64,
        scores.len() as u64,
    );
    k.mean_rating = (!scores.is_empty())
        .then(|| scores.iter().map(|&r| f64::from(r)).sum::<f64>() / scores.len() as f64);

    let mut handover_reasons: Vec<(String, u64)> = reasons.into_iter().collect();
    handover_reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    handed.sort_by_key(|h| std::cmp::Reverse(h.at));
    handed.truncate(HANDED_LISTED);
    let mut by_situation: Vec<SituationRow> = situations.into_values().collect();
    by_situation.sort_by(|a, b| {
        b.contacts
            .cmp(&a.contacts)
            .then_with(|| a.situation.cmp(&b.situation))
    });
    let mut by_trigger: Vec<TriggerRow> = triggers.into_values().collect();
    by_trigger.sort_by(|a, b| b.sent.cmp(&a.sent).then_with(|| a.trigger.cmp(&b.trigger)));

    Report {
        from,
        to,
        now,
        kpis: k,
        by_day: days.into_values().collect(),
        by_situation,
        by_channel: channels.into_values().collect(),
        by_trigger,
        handover_reasons,
        handed,
    }
}

impl DayRow {
    fn empty(day: NaiveDate) -> Self {
        Self {
            day,
            contacts: 0,
            settled: 0,
            truly_resolved: 0,
            handovers: 0,
            outreach_sent: 0,
        }
    }
}

/// Whether the order was scanned delivered within the contact's window, after the shopper had
/// been told of a delay: in this contact's answer, or by a notice before the delivery.
fn delivered_after_delay(
    c: &Contact,
    notices: &HashMap<&str, Vec<&Event>>,
    delivered: &HashMap<&str, Vec<DateTime<Utc>>>,
) -> bool {
    let Some(order) = c.order.as_deref() else {
        return false;
    };
    let Some(scans) = delivered.get(order) else {
        return false;
    };
    scans
        .iter()
        .filter(|&&d| d >= c.start && d - c.last <= RECONTACT_WINDOW)
        .any(|&d| {
            c.told_problem
                || notices.get(order).is_some_and(|list| {
                    list.iter().any(|n| {
                        n.at <= d
                            && d - n.at <= RECONTACT_WINDOW * 4
                            && matches!(&n.what, What::Outreach { trigger } if is_delay(trigger))
                    })
                })
        })
}

/// The notices that tell of a delay (rather than a delivery).
fn is_delay(trigger: &str) -> bool {
    matches!(
        trigger,
        "late_first_scan" | "scan_gap" | "exception" | "eta_slip" | "warehouse_late"
    )
}

/// The `p`th percentile of sorted values (nearest rank).
fn percentile(sorted: &[u64], p: usize) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}
