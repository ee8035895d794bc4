//! One turn of the conversation: understand the message, reconcile the order, decide what to say,
//! what to offer and what to propose, and update the conversation.

use super::action::{Action, Choice, Proposal};
use super::conversation::{pick_choice, pick_parcel, Awaiting, Conversation};
use super::deadline::{DeadlineAnswer, Verdict};
use super::i18n::{self, say, Key};
use super::situation::{self, Fact, Situation, Source};
use super::{agent, card, deadline, text, Handoff, Need, ParcelSituation, Resolution, Upsell};
use crate::carrier::{ExceptionReason, Lang, UnifiedStatus};
use crate::context::Scenario;
use crate::domain::{FulfillmentStatus, Order, Policy, Shipment, Tone};
use crate::nlu::{classify_at, Classification, Intent};
use chrono::{DateTime, Duration, Utc};

/// Everything one turn decides, gathered before the Resolution is assembled.
struct Turn {
    lang: Lang,
    /// The brand's tone, for every template this turn says.
    tone: Tone,
    reply: Vec<String>,
    offers: Vec<Choice>,
    proposals: Vec<Proposal>,
    handoff: Option<String>,
    need: Option<Need>,
    /// The shopper's question was answered (for upsell manners).
    resolved: bool,
    deadline: Option<DeadlineAnswer>,
}

impl Turn {
    /// A turn with nothing said or decided yet.
    fn new(lang: Lang, tone: Tone) -> Self {
        Self {
            lang,
            tone,
            reply: Vec::new(),
            offers: Vec::new(),
            proposals: Vec::new(),
            handoff: None,
            need: None,
            resolved: false,
            deadline: None,
        }
    }

    /// A template in this turn's language and tone, with its slots filled.
    fn words(&self, key: Key, slots: &[(&str, &str)]) -> String {
        say(self.lang, self.tone, key, slots)
    }

    fn say(&mut self, key: Key, slots: &[(&str, &str)]) {
        let sentence = self.words(key, slots);
        self.reply.push(sentence);
    }

    /// Proposes an action that moves neither money nor goods (a note, a follow-up, a claim, a
    /// hand-over): the proxy may run it at once, with no yes from the shopper.
    fn run_now(&mut self, action: Action) {
        debug_assert!(!action.moves_money_or_goods());
        self.proposals.push(Proposal {
            action,
            needs_confirmation: false,
            needs_approval: false,
        });
    }
}

pub fn run(s: &Scenario) -> Resolution {
    // Dates in the message ("by Saturday") are the shopper's dates: read them in their time zone.
    let tz = s
        .order
        .as_ref()
        .and_then(Order::shopper_tz)
        .unwrap_or_else(|| s.policy.tz());
    let classification = classify_at(&s.message, s.now, tz);
    let mut conv = s.conversation.clone();
    conv.turns += 1;
    let lang = language(&classification, &conv, s.order.as_ref(), &s.message);
    conv.lang = Some(lang);
    let mut turn = Turn::new(lang, s.policy.tone);
    match &s.order {
        None => {
            without_order(&classification, &s.message, &s.policy, &mut conv, &mut turn);
            finish(classification, conv, turn, None, s)
        }
        Some(order) => {
            let view = reconcile(order, &s.shipments, &s.policy, s.now);
            with_order(&classification, s, order, &view, &mut conv, &mut turn);
            finish(classification, conv, turn, Some(view), s)
        }
    }
}

/// The language to answer in: what the shopper writes in, else what the conversation was in,
/// else the customer's locale.
fn language(c: &Classification, conv: &Conversation, order: Option<&Order>, message: &str) -> Lang {
    let short = message.split_whitespace().count() < 3;
    // "4 Avenue Montaigne, 75008 Paris" is an address, not French: the conversation's
    // language holds when the message is mostly an address.
    let address = c
        .entities
        .address
        .as_ref()
        .is_some_and(|a| a.text.len() * 2 >= message.trim().len());
    if c.language_known && !short && !address {
        return c.language;
    }
    conv.lang
        .or_else(|| c.language_known.then_some(c.language))
        .or_else(|| order.map(|o| Lang::from_locale(&o.customer.locale)))
        .unwrap_or_default()
}

fn about_an_order(intent: Intent) -> bool {
    !matches!(
        intent,
        Intent::Other
            | Intent::Greeting
            | Intent::Thanks
            | Intent::Affirm
            | Intent::Deny
            | Intent::HumanAgent
            | Intent::DeliveryTime
    )
}

fn without_order(
    c: &Classification,
    message: &str,
    policy: &Policy,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    if let Some(n) = c.entities.order_numbers.first() {
        conv.given_order_number = Some(n.clone());
    }
    if let Some(e) = c.entities.emails.first() {
        conv.given_email = Some(e.clone());
        conv.given_postcode = None;
    } else if let Some(p) = c.entities.postcodes.first() {
        // A postcode proves the order as well as an e-mail (the proxy accepts either).
        conv.given_postcode = Some(p.postcode.clone());
    }
    let gave_ids = !c.entities.order_numbers.is_empty()
        || !c.entities.emails.is_empty()
        || !c.entities.postcodes.is_empty();
    if about_an_order(c.intent) && conv.pending_question.is_none() {
        conv.pending_question = Some(message.to_owned());
    }
    match c.intent {
        Intent::HumanAgent => {
            turn.say(Key::HandoffAskedAnon, &[]);
            turn.handoff = Some("shopper asked for a person".to_owned());
        }
        Intent::Greeting if !gave_ids => turn.say(Key::Greeting, &[("brand", &policy.brand_name)]),
        Intent::Thanks if !gave_ids => turn.say(Key::Thanks, &[]),
        Intent::DeliveryTime if !gave_ids => {
            turn.reply.push(text::delivery_time_info(policy, turn.lang));
            turn.resolved = true;
        }
        i if about_an_order(i) || gave_ids => match (
            &conv.given_order_number,
            conv.given_email.is_some() || conv.given_postcode.is_some(),
        ) {
            (Some(n), true) => {
                turn.say(Key::Verifying, &[("order", &n.to_string())]);
                turn.need = Some(Need::Verify);
            }
            (Some(n), false) => {
                turn.say(Key::AskEmail, &[("order", &n.to_string())]);
                turn.need = Some(Need::Identity);
            }
            (None, true) => {
                turn.say(Key::AskOrderNumber, &[]);
                turn.need = Some(Need::Identity);
            }
            (None, false) => {
                turn.say(Key::AskIdentity, &[]);
                turn.need = Some(Need::Identity);
            }
        },
        _ => not_understood(conv, turn),
    }
}

fn not_understood(conv: &mut Conversation, turn: &mut Turn) {
    conv.unhelped += 1;
    turn.say(Key::NotUnderstood, &[]);
}

/// The order's parcels and their situations, and the order's overall situation.
pub(super) struct View<'a> {
    parcels: Vec<(&'a Shipment, Situation)>,
    stale: Vec<bool>,
    overall: Situation,
    facts: Vec<Fact>,
    /// Fulfilments whose carrier has sent no data at all.
    silent: Vec<(String, String)>,
}

fn reconcile<'a>(
    order: &Order,
    shipments: &'a [Shipment],
    policy: &Policy,
    now: DateTime<Utc>,
) -> View<'a> {
    let mut facts = Vec::new();
    let mut parcels = Vec::new();
    let mut silent = Vec::new();
    // A cancelled order's parcels are still shown: one that left before the cancellation is
    // still on its way, and the agent needs to see it (to intercept or to expect a return).
    for f in &order.fulfillments {
        match shipments
            .iter()
            .find(|s| s.tracking_number == f.tracking_number)
        {
            Some(s) => parcels.push((
                s,
                situation::parcel(s, &order.shipping_service, policy, now, &mut facts),
            )),
            None => {
                facts.push(Fact {
                    source: Source::Shop,
                    statement: format!(
                        "fulfilled {} with {} {}, no carrier data yet",
                        f.created_at.format("%Y-%m-%d %H:%M UTC"),
                        f.carrier,
                        f.tracking_number
                    ),
                    as_of: now,
                });
                silent.push((
                    f.carrier.display_name().to_owned(),
                    f.tracking_number.as_str().to_owned(),
                ));
            }
        }
    }
    let overall = match parcels.iter().max_by_key(|(_, s)| s.severity()) {
        // The shop's cancellation is the order's situation, whatever its parcels are doing.
        _ if order.cancelled_at.is_some() => situation::unshipped(order, policy, now, &mut facts),
        Some((_, s)) => s.clone(),
        None if !order.fulfillments.is_empty() && order.cancelled_at.is_none() => {
            let since = order
                .fulfillments
                .iter()
                .map(|f| f.created_at)
                .min()
                .unwrap_or(order.created_at);
            let hours = (now - since).num_hours();
            if hours >= i64::from(policy.pickup_grace_hours) {
                Situation::AwaitingCarrierPickup { since, hours }
            } else {
                Situation::LabelCreated { since }
            }
        }
        None => situation::unshipped(order, policy, now, &mut facts),
    };
    let stale = parcels
        .iter()
        .map(|(s, _)| situation::is_stale(s, policy, now))
        .collect();
    View {
        parcels,
        stale,
        overall,
        facts,
        silent,
    }
}

fn with_order(
    c: &Classification,
    s: &Scenario,
    order: &Order,
    view: &View,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    let policy = &s.policy;
    let number = order.display_name();
    conv.order = Some(order.number.clone());
    conv.pending_question = None;
    conv.given_order_number = None;
    conv.given_email = None;
    conv.given_postcode = None;

    // After "what is the new address?", what follows is the address, whatever numbers are in
    // it: a house number or a postcode is not another order.
    if matches!(conv.awaiting, Some(Awaiting::NewAddress)) {
        conv.awaiting = None;
        let other_order = c.entities.order_numbers.iter().any(|n| *n != order.number);
        let by_shape = s.message.chars().any(|ch| ch.is_ascii_digit())
            && s.message.trim().len() >= 8
            && !other_order
            && matches!(c.intent, Intent::Other | Intent::ChangeAddress);
        // An address found in a message that is mostly that address is the answer whatever the
        // intent reads; one inside a longer message only when the shopper is giving an address
        // (and never one meant for another order: "5 Elm St for #1021" is refused below).
        let mostly_address = c
            .entities
            .address
            .as_ref()
            .is_some_and(|a| a.text.len() * 2 >= s.message.trim().len());
        let giving = matches!(
            c.intent,
            Intent::Other | Intent::ChangeAddress | Intent::Affirm
        );
        let declined = matches!(
            c.intent,
            Intent::Deny | Intent::HumanAgent | Intent::CancelOrder
        );
        let found = c.entities.address.is_some() && (mostly_address || giving);
        if (found || by_shape) && !declined && !other_order {
            let new_address: String = s.message.trim().chars().take(300).collect();
            let action = Action::ChangeAddress {
                order: order.number.clone(),
                new_address: new_address.clone(),
            };
            turn.say(
                Key::ConfirmAddress,
                &[("order", &number), ("address", &new_address)],
            );
            return ask_confirmation(action, order, policy, conv, turn);
        }
    }

    // A shopper verified for one order learns nothing about another, whatever they type.
    if c.entities.order_numbers.iter().any(|n| *n != order.number) {
        turn.say(Key::OtherOrder, &[("order", &number)]);
        return;
    }

    if let Some(awaiting) = conv.awaiting.take() {
        match awaiting {
            Awaiting::Confirmation { action } => match c.intent {
                Intent::Affirm => return confirm(action, order, policy, conv, turn),
                Intent::Deny => {
                    conv.offered.clear();
                    return turn.say(Key::Declined, &[]);
                }
                _ => {}
            },
            // Handled above, before any other order number could be refused.
            Awaiting::NewAddress => {}
        }
    }

    if !conv.offered.is_empty() {
        let picked = pick_choice(&s.message, &conv.offered).or_else(|| {
            (c.intent == Intent::Affirm && conv.offered.len() == 1).then(|| conv.offered[0])
        });
        if let Some(choice) = picked {
            conv.offered.clear();
            return chosen(choice, order, view, policy, s.now, conv, turn);
        }
        if c.intent == Intent::Deny {
            conv.offered.clear();
            return turn.say(Key::Declined, &[]);
        }
        conv.offered.clear();
    }

    // "And the other package?": answer about one parcel of a split order.
    let tracking: Vec<String> = view
        .parcels
        .iter()
        .map(|(p, _)| p.tracking_number.as_str().to_owned())
        .collect();
    if matches!(
        c.intent,
        Intent::TrackOrder | Intent::Other | Intent::NotReceived
    ) {
        let carriers: Vec<&str> = view
            .parcels
            .iter()
            .map(|(p, _)| p.carrier.display_name())
            .collect();
        if let Some(i) = pick_parcel(&s.message, &tracking, &carriers, conv.parcel.as_deref()) {
            conv.parcel = Some(tracking[i].clone());
            let (p, sit) = &view.parcels[i];
            let sentence = text::situation_sentence(
                sit,
                p.carrier.display_name(),
                order,
                policy,
                s.now,
                turn.lang,
            );
            // Say which parcel this is: "Parcel 2, Wool Beanie: on its way with USPS…".
            let label = turn.words(
                Key::Parcel,
                &[
                    ("n", &(i + 1).to_string()),
                    ("items", &parcel_items(order, p)),
                ],
            );
            let sentence = about_parcel(&sentence, turn.lang, &number);
            turn.reply.push(format!("{label} {sentence}"));
            turn.resolved = !sit.is_problem();
            return;
        }
    }

    match c.intent {
        Intent::HumanAgent => {
            turn.say(Key::HandoffAsked, &[]);
            turn.handoff = Some("shopper asked for a person".to_owned());
        }
        Intent::Greeting => turn.say(Key::Greeting, &[("brand", &policy.brand_name)]),
        Intent::Thanks | Intent::Affirm => {
            turn.say(Key::Thanks, &[]);
            turn.resolved = !view.overall.is_problem();
        }
        Intent::Deny => turn.say(Key::Declined, &[]),
        Intent::CancelOrder => cancel(order, view, policy, s.now, conv, turn),
        Intent::ChangeAddress => change_address(order, view, policy, s.now, conv, turn),
        Intent::Return => {
            turn.say(Key::ReturnInfo, &[("order", &number)]);
            turn.handoff = Some("shopper asked to return items".to_owned());
        }
        Intent::DamagedItem => {
            turn.say(Key::DamagedInfo, &[("order", &number)]);
            turn.handoff = Some("shopper reports a damaged item".to_owned());
        }
        Intent::Refund if !needs_remedy(&view.overall) => {
            turn.say(Key::RefundInfo, &[("order", &number)]);
            turn.handoff = Some("shopper asked for a refund".to_owned());
        }
        Intent::NotReceived => not_received(order, view, policy, s.now, conv, turn),
        Intent::Other
            if c.confidence >= Classification::CONFIDENT && c.entities.order_numbers.is_empty() =>
        {
            not_understood(conv, turn)
        }
        _ => {
            status(order, view, policy, s.now, turn);
            turn.resolved = !view.overall.is_problem();
            if let Some(d) = &c.entities.deadline {
                answer_deadline(d.latest(), order, view, policy, s.now, conv, turn);
            }
            if turn.offers.is_empty() {
                remedies(order, view, policy, conv, turn);
            }
        }
    }
}

/// "Will it arrive by Saturday?": yes, at risk or no, with what can be done when it is not a yes.
fn answer_deadline(
    by: chrono::NaiveDate,
    order: &Order,
    view: &View,
    policy: &Policy,
    now: DateTime<Utc>,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    let a = deadline::answer(by, &view.overall, order, policy, now);
    let lang = turn.lang;
    let today = now.with_timezone(&policy.tz()).date_naive();
    let when = i18n::date(lang, by, today);
    let (first, last) = a
        .expected
        .as_ref()
        .map(|e| {
            (
                i18n::date(lang, e.earliest, today),
                i18n::date(lang, e.latest, today),
            )
        })
        .unwrap_or_default();
    match a.verdict {
        Verdict::Yes => turn.say(Key::DeadlineYes, &[("deadline", &when), ("date", &last)]),
        Verdict::AtRisk => turn.say(
            Key::DeadlineAtRisk,
            &[("deadline", &when), ("date", &first), ("date2", &last)],
        ),
        Verdict::No => turn.say(Key::DeadlineNo, &[("deadline", &when), ("date", &first)]),
        Verdict::Unsure => turn.say(Key::DeadlineUnsure, &[("deadline", &when)]),
    }
    // A parcel that needs a remedy gets the remedies offered instead.
    if a.verdict != Verdict::Yes && !needs_remedy(&view.overall) && !a.options.is_empty() {
        offer(a.options.clone(), conv, turn);
    }
    turn.deadline = Some(a);
}

/// Says where the order is: one sentence for one parcel, one per parcel for a split order.
fn status(order: &Order, view: &View, policy: &Policy, now: DateTime<Utc>, turn: &mut Turn) {
    let lang = turn.lang;
    let number = order.display_name();
    let split = view.parcels.len() + view.silent.len() > 1;
    let overall = || text::situation_sentence(&view.overall, "", order, policy, now, lang);
    // A cancelled order speaks of its parcels only when one was moving before the cancellation
    // (a label printed and never collected did not ship); then the cancellation comes first.
    let moved_before = |c: DateTime<Utc>| {
        view.parcels.iter().any(|(p, _)| {
            p.events.iter().any(|e| {
                e.at <= c
                    && !matches!(
                        e.status,
                        UnifiedStatus::PreTransit
                            | UnifiedStatus::Unknown
                            | UnifiedStatus::Cancelled
                    )
            })
        })
    };
    let shipped = match order.cancelled_at {
        Some(c) => moved_before(c),
        None => !view.parcels.is_empty() || !view.silent.is_empty(),
    };
    if order.cancelled_at.is_some() {
        turn.reply.push(overall());
        if !shipped {
            return;
        }
        turn.say(Key::ShippedBeforeCancel, &[]);
    }
    if split {
        turn.say(
            Key::SplitIntro,
            &[
                ("order", &number),
                (
                    "count",
                    &(view.parcels.len() + view.silent.len()).to_string(),
                ),
            ],
        );
    }
    for (i, (p, sit)) in view.parcels.iter().enumerate() {
        let sentence =
            text::situation_sentence(sit, p.carrier.display_name(), order, policy, now, lang);
        if split {
            let parcel = turn.words(
                Key::Parcel,
                &[
                    ("n", &(i + 1).to_string()),
                    ("items", &parcel_items(order, p)),
                ],
            );
            let sentence = about_parcel(&sentence, lang, &number);
            turn.reply.push(format!("{parcel} {sentence}"));
        } else {
            turn.reply.push(sentence);
        }
    }
    for (carrier, tracking) in &view.silent {
        turn.say(
            Key::NoCarrierData,
            &[
                ("order", &number),
                ("carrier", carrier),
                ("tracking", tracking),
            ],
        );
    }
    if !shipped {
        turn.reply.push(overall());
    }
    for ((p, _), stale) in view.parcels.iter().zip(&view.stale) {
        if *stale {
            turn.say(
                Key::Stale,
                &[
                    ("carrier", p.carrier.display_name()),
                    ("ago", &i18n::ago(lang, p.checked_at, now)),
                    ("ago_bare", &i18n::duration(lang, p.checked_at, now)),
                ],
            );
        }
    }
    // "I've flagged it to the team" must be true: the proxy leaves the note.
    if matches!(
        view.overall,
        Situation::AwaitingCarrierPickup { .. } | Situation::LateInWarehouse { .. }
    ) {
        turn.run_now(Action::Flag {
            order: order.number.clone(),
            reason: view.overall.kind().to_owned(),
        });
    }
}

/// The actions the policy allows an agent for the order in `ctx` now (see `agent::actions`).
pub fn agent_actions(ctx: &crate::OrderContext) -> Vec<agent::AgentAction> {
    let view = reconcile(&ctx.order, &ctx.shipments, &ctx.policy, ctx.now);
    let parcels: Vec<(&Shipment, Situation)> = view
        .parcels
        .iter()
        .map(|(s, sit)| (*s, sit.clone()))
        .collect();
    agent::actions(&ctx.order, &parcels, &ctx.policy)
}

/// What a tracking page shows for an order, decided by the same code as a chat answer: the
/// status sentences, what the shopper can do about a problem, the answer to "will it arrive by
/// …?", the card and the products or the apology.
pub(crate) struct PageParts {
    pub overall: Situation,
    /// The status in plain words with its freshness, as the chat would say it.
    pub status: String,
    /// What the shopper may choose about a problem (replacement, refund, wait…).
    pub offers: Vec<Choice>,
    /// Said when a problem has no remedy the policy allows: a person will look at it.
    pub no_remedy: Option<String>,
    pub deadline: Option<(DeadlineAnswer, String)>,
    pub card: card::OrderCard,
    pub upsell: Option<Upsell>,
    /// What the status sentences promise was done ("I've flagged it to the team"): the proxy
    /// runs these, once per order and situation, so the page never says it falsely.
    pub run_now: Vec<Proposal>,
}

pub(crate) fn page(
    ctx: &crate::OrderContext,
    lang: Lang,
    by: Option<chrono::NaiveDate>,
) -> PageParts {
    let (order, policy, now) = (&ctx.order, &ctx.policy, ctx.now);
    let view = reconcile(order, &ctx.shipments, policy, now);
    let fresh = || Turn::new(lang, policy.tone);
    let mut said = fresh();
    status(order, &view, policy, now, &mut said);
    let mut conv = Conversation::default();
    let mut remedy = fresh();
    remedies(order, &view, policy, &mut conv, &mut remedy);
    let no_remedy =
        (remedy.offers.is_empty() && remedy.handoff.is_some()).then(|| remedy.reply.join(" "));
    let deadline = by.map(|by| {
        let mut asked = fresh();
        answer_deadline(by, order, &view, policy, now, &mut conv, &mut asked);
        let answer = asked
            .deadline
            .take()
            .expect("answer_deadline always answers");
        (answer, asked.reply.join(" "))
    });
    let upsell = if view.overall.is_problem() || needs_remedy(&view.overall) {
        Some(Upsell::Apology {
            text: said.words(Key::Apology, &[]),
            goodwill_code: policy.goodwill_code.clone(),
        })
    } else if !policy.upsell.is_empty() {
        Some(Upsell::Products {
            intro: said.words(Key::Upsell, &[]),
            products: policy.upsell.clone(),
        })
    } else {
        None
    };
    PageParts {
        card: card::build(order, &view.parcels, &view.overall, policy, lang, now),
        overall: view.overall.clone(),
        status: said.reply.join(" "),
        offers: remedy.offers,
        no_remedy,
        deadline,
        upsell,
        run_now: said.proposals,
    }
}

/// The titles of the items in a parcel, joined: "Trail Boots, Wool Beanie".
fn parcel_items(order: &Order, parcel: &Shipment) -> String {
    order
        .fulfillments
        .iter()
        .find(|f| f.tracking_number == parcel.tracking_number)
        .map(|f| {
            order
                .items_in(f)
                .iter()
                .map(|li| li.title.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// A parcel's sentence inside a split answer, without the order it belongs to: "Parcel 2, Trail
/// Boots: on its way with UPS…" rather than "Your order #1011 is on its way…" in every line.
fn about_parcel(sentence: &str, lang: Lang, number: &str) -> String {
    // (at the start, dropped with its verb), (at the start, replaced), (inside, replaced)
    type Swaps = &'static [(&'static str, &'static str)];
    let (drop, start, inside): (&[&str], Swaps, Swaps) = match lang {
        Lang::En => (
            &["Your order {n} is ", "Your order {n} was "],
            &[("Your order {n}", "It")],
            &[("your order {n} is", "it is"), ("your order {n}", "it")],
        ),
        Lang::Es => (
            &["Tu pedido {n} ", "Su pedido {n} "],
            &[],
            &[
                ("tu pedido {n}", "el paquete"),
                ("su pedido {n}", "el paquete"),
            ],
        ),
        Lang::Fr => (
            &["Votre commande {n} est ", "Votre commande {n} a été "],
            &[("Votre commande {n}", "Ce colis")],
            &[("votre commande {n}", "ce colis")],
        ),
        Lang::De => (
            &["Ihre Bestellung {n} ist "],
            &[("Ihre Bestellung {n}", "Dieses Paket")],
            &[("Ihre Bestellung {n}", "dieses Paket")],
        ),
    };
    let with = |p: &str| p.replace("{n}", number);
    for p in drop {
        if let Some(rest) = sentence.strip_prefix(with(p).as_str()) {
            return rest.to_owned();
        }
    }
    let mut out = sentence.to_owned();
    for (from, to) in start {
        if let Some(rest) = out.strip_prefix(with(from).as_str()) {
            out = format!("{to}{rest}");
        }
    }
    for (from, to) in inside {
        out = out.replace(with(from).as_str(), to);
    }
    out
}

/// Whether the situation calls for a remedy (replacement, refund) rather than patience.
fn needs_remedy(s: &Situation) -> bool {
    matches!(
        s,
        Situation::Stalled { .. }
            | Situation::Lost { .. }
            | Situation::ReturningToSender { .. }
            | Situation::Exception {
                reason: Some(ExceptionReason::Damaged | ExceptionReason::Lost),
                ..
            }
    )
}

/// Offers what the policy allows when the order needs a remedy; hands over when it allows nothing.
fn remedies(order: &Order, view: &View, policy: &Policy, conv: &mut Conversation, turn: &mut Turn) {
    if !needs_remedy(&view.overall) {
        return;
    }
    let mut offers = Vec::new();
    if policy.offers.reship {
        offers.push(Choice::Reship);
    }
    if policy.offers.refund {
        offers.push(Choice::Refund);
    } else if policy.offers.store_credit {
        offers.push(Choice::StoreCredit);
    }
    if offers.is_empty() {
        turn.say(Key::HandoffProblem, &[]);
        turn.handoff = Some(format!(
            "order is {} and policy allows no automatic remedy",
            view.overall.kind()
        ));
        return;
    }
    if matches!(view.overall, Situation::Stalled { .. }) {
        offers.push(Choice::Wait);
    }
    offer(offers, conv, turn);
    let _ = order;
}

fn offer(offers: Vec<Choice>, conv: &mut Conversation, turn: &mut Turn) {
    if offers == [Choice::TalkToPerson] {
        turn.say(Key::OfferPerson, &[]);
    } else {
        let names: Vec<String> = offers
            .iter()
            .map(|c| i18n::choice(turn.lang, *c).to_owned())
            .collect();
        turn.say(
            Key::OfferChoices,
            &[("choices", &i18n::or_list(turn.lang, &names))],
        );
    }
    conv.offered = offers.clone();
    turn.offers = offers;
}

fn over_limit(order: &Order, policy: &Policy) -> bool {
    let limit = policy.offers.auto_limit_minor;
    limit > 0 && order.total().is_some_and(|t| t.minor > limit)
}

/// Proposes an action that needs the shopper's yes, and remembers it.
fn ask_confirmation(
    action: Action,
    order: &Order,
    policy: &Policy,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    turn.proposals.push(Proposal {
        needs_confirmation: true,
        needs_approval: action.moves_money_or_goods() && over_limit(order, policy),
        action: action.clone(),
    });
    conv.awaiting = Some(Awaiting::Confirmation { action });
}

/// The shopper said yes to exactly this action: it may run now, or after a person approves.
fn confirm(
    action: Action,
    order: &Order,
    policy: &Policy,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    conv.offered.clear();
    let needs_approval = action.moves_money_or_goods() && over_limit(order, policy);
    if needs_approval {
        turn.say(Key::NeedsApproval, &[]);
        turn.handoff = Some(format!(
            "{} above the automatic limit needs approval",
            action.kind()
        ));
    } else {
        turn.say(Key::Confirmed, &[]);
    }
    turn.proposals.push(Proposal {
        action,
        needs_confirmation: false,
        needs_approval,
    });
}

fn chosen(
    choice: Choice,
    order: &Order,
    view: &View,
    policy: &Policy,
    now: DateTime<Utc>,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    let number = order.display_name();
    let tracking = view
        .parcels
        .first()
        .map(|(p, _)| p.tracking_number.as_str().to_owned())
        .unwrap_or_default();
    let carrier = view
        .parcels
        .first()
        .map_or("", |(p, _)| p.carrier.display_name());
    let total = order.total();
    match choice {
        Choice::Reship | Choice::ExpeditedReship => {
            let expedited = choice == Choice::ExpeditedReship;
            turn.say(
                if expedited {
                    Key::ConfirmExpeditedReship
                } else {
                    Key::ConfirmReship
                },
                &[("order", &number)],
            );
            ask_confirmation(
                Action::Reship {
                    order: order.number.clone(),
                    expedited,
                },
                order,
                policy,
                conv,
                turn,
            );
        }
        Choice::Refund | Choice::StoreCredit => {
            let Some(amount) = total else {
                turn.handoff = Some("refund requested for an order without a total".to_owned());
                return turn.say(Key::HandoffProblem, &[]);
            };
            let store_credit = choice == Choice::StoreCredit;
            let money = i18n::money(turn.lang, amount.minor, &String::from(amount.currency));
            turn.say(
                if store_credit {
                    Key::ConfirmStoreCredit
                } else {
                    Key::ConfirmRefund
                },
                &[("order", &number), ("amount", &money)],
            );
            ask_confirmation(
                Action::Refund {
                    order: order.number.clone(),
                    amount,
                    store_credit,
                },
                order,
                policy,
                conv,
                turn,
            );
        }
        Choice::CarrierRedirect => {
            turn.say(
                Key::ConfirmRedirect,
                &[("carrier", carrier), ("tracking", &tracking)],
            );
            ask_confirmation(
                Action::CarrierRedirect {
                    order: order.number.clone(),
                    tracking_number: tracking,
                },
                order,
                policy,
                conv,
                turn,
            );
        }
        Choice::Wait => {
            turn.say(Key::WaitChosen, &[]);
            turn.run_now(Action::ScheduleFollowUp {
                order: order.number.clone(),
                at: now + Duration::hours(24),
                reason: view.overall.kind().to_owned(),
            });
        }
        Choice::OpenClaim => {
            turn.say(Key::ClaimOpened, &[("carrier", carrier)]);
            turn.run_now(Action::OpenClaim {
                order: order.number.clone(),
                tracking_number: tracking,
            });
        }
        Choice::TalkToPerson => {
            turn.say(Key::HandoffAsked, &[]);
            turn.handoff = Some("shopper chose to talk to a person".to_owned());
        }
    }
}

fn cancel(
    order: &Order,
    view: &View,
    policy: &Policy,
    now: DateTime<Utc>,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    let number = order.display_name();
    if order.cancelled_at.is_some() {
        return status(order, view, policy, now, turn);
    }
    let in_window = now - order.created_at <= Duration::hours(i64::from(policy.cancel_hours));
    if order.fulfillment_status == FulfillmentStatus::Unfulfilled && in_window {
        turn.say(Key::ConfirmCancel, &[("order", &number)]);
        ask_confirmation(
            Action::Cancel {
                order: order.number.clone(),
            },
            order,
            policy,
            conv,
            turn,
        );
    } else if order.fulfillment_status == FulfillmentStatus::Unfulfilled {
        // Past the self-service window but not shipped: a person can still try.
        turn.say(Key::CancelNeedsPerson, &[("order", &number)]);
        turn.handoff = Some(
            "cancellation requested after the self-service window, before fulfilment".to_owned(),
        );
    } else {
        turn.say(Key::CancelTooLate, &[("order", &number)]);
        status(order, view, policy, now, turn);
    }
}

fn change_address(
    order: &Order,
    view: &View,
    policy: &Policy,
    now: DateTime<Utc>,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    let number = order.display_name();
    let in_window =
        now - order.created_at <= Duration::hours(i64::from(policy.address_change_hours));
    let before_pick =
        order.fulfillment_status == FulfillmentStatus::Unfulfilled && order.cancelled_at.is_none();
    if before_pick && in_window {
        turn.say(Key::AskNewAddress, &[("order", &number)]);
        conv.awaiting = Some(Awaiting::NewAddress);
        return;
    }
    turn.say(Key::AddressTooLate, &[("order", &number)]);
    let redirectable = view.parcels.iter().any(|(_, s)| {
        matches!(
            s,
            Situation::InTransit { .. }
                | Situation::Exception { .. }
                | Situation::LabelCreated { .. }
                | Situation::AwaitingCarrierPickup { .. }
        )
    });
    if redirectable && policy.offers.carrier_redirect {
        let carrier = view
            .parcels
            .first()
            .map_or("", |(p, _)| p.carrier.display_name());
        turn.say(Key::AddressRedirect, &[("carrier", carrier)]);
        offer(
            vec![Choice::CarrierRedirect, Choice::TalkToPerson],
            conv,
            turn,
        );
    } else {
        turn.say(Key::HandoffProblem, &[]);
        turn.handoff = Some("address change requested after the order was picked".to_owned());
    }
}

fn not_received(
    order: &Order,
    view: &View,
    policy: &Policy,
    now: DateTime<Utc>,
    conv: &mut Conversation,
    turn: &mut Turn,
) {
    let Situation::Delivered { at, .. } = view.overall else {
        status(order, view, policy, now, turn);
        turn.resolved = !view.overall.is_problem();
        return remedies(order, view, policy, conv, turn);
    };
    status(order, view, policy, now, turn);
    let wait = Duration::hours(i64::from(policy.delivered_wait_hours));
    let claim_window = Duration::days(i64::from(policy.offers.claim_window_days));
    if now - at < wait {
        let check_at = at + wait;
        let tz = policy.tz();
        let day = i18n::date(
            turn.lang,
            check_at.with_timezone(&tz).date_naive(),
            now.with_timezone(&tz).date_naive(),
        );
        turn.say(
            Key::WaitForDelivered,
            &[
                ("hours", &policy.delivered_wait_hours.to_string()),
                ("date", &day),
            ],
        );
        turn.run_now(Action::ScheduleFollowUp {
            order: order.number.clone(),
            at: check_at,
            reason: "delivered_not_found".to_owned(),
        });
    } else if now - at <= claim_window {
        let (carrier, tracking) = view
            .parcels
            .iter()
            .find(|(_, s)| matches!(s, Situation::Delivered { .. }))
            .map(|(p, _)| {
                (
                    p.carrier.display_name(),
                    p.tracking_number.as_str().to_owned(),
                )
            })
            .unwrap_or_default();
        turn.say(Key::ClaimOpened, &[("carrier", carrier)]);
        turn.run_now(Action::OpenClaim {
            order: order.number.clone(),
            tracking_number: tracking,
        });
        let mut offers = Vec::new();
        if policy.offers.reship {
            offers.push(Choice::Reship);
        }
        if policy.offers.refund {
            offers.push(Choice::Refund);
        }
        if offers.is_empty() {
            turn.say(Key::HandoffProblem, &[]);
            turn.handoff = Some("delivered but not found, past the waiting period".to_owned());
        } else {
            offer(offers, conv, turn);
        }
    } else {
        turn.say(Key::HandoffProblem, &[]);
        turn.handoff = Some("delivered but not found, reported after the claim window".to_owned());
    }
}

fn finish(
    classification: Classification,
    mut conv: Conversation,
    mut turn: Turn,
    view: Option<View>,
    s: &Scenario,
) -> Resolution {
    let policy = &s.policy;
    if turn.handoff.is_none() && conv.unhelped >= policy.max_unhelped_turns && !conv.handed_over {
        turn.reply.clear();
        turn.say(Key::HandoffLimit, &[]);
        turn.handoff = Some(format!(
            "assistant could not help {} times in a row",
            conv.unhelped
        ));
    }
    if turn
        .reply
        .iter()
        .all(|r| !r.contains(&turn.words(Key::NotUnderstood, &[])))
    {
        conv.unhelped = 0;
    }
    let reply = turn.reply.join(" ");
    let Some(view) = view else {
        let handoff = turn.handoff.map(|reason| Handoff {
            summary: format!("No order identified yet. Last message: {:?}", s.message),
            reason,
        });
        conv.handed_over |= handoff.is_some();
        return Resolution {
            classification,
            need: turn.need,
            situation: None,
            parcels: Vec::new(),
            facts: Vec::new(),
            reply,
            offers: turn.offers,
            proposals: turn.proposals,
            deadline: turn.deadline,
            handoff,
            card: None,
            agent: None,
            upsell: None,
            conversation: conv,
        };
    };
    let order = s.order.as_ref().expect("a view exists only with an order");
    let overall = view.overall.clone();
    if !conv.told.iter().any(|t| t == overall.kind()) {
        conv.told.push(overall.kind().to_owned());
    }
    let card = card::build(order, &view.parcels, &overall, policy, turn.lang, s.now);
    let today = s.now.with_timezone(&policy.tz()).date_naive();
    let eta_text = deadline::expected(&overall, order, policy, s.now)
        .map(|e| i18n::date(Lang::En, e.latest, today));
    let shipments: Vec<&Shipment> = view.parcels.iter().map(|(p, _)| *p).collect();
    let agent = agent::build(
        order,
        &shipments,
        &overall,
        &view.facts,
        classification.intent.as_str(),
        eta_text,
        &reply,
    );
    let handoff = turn.handoff.take().map(|reason| Handoff {
        reason,
        summary: agent.summary.clone(),
    });
    conv.handed_over |= handoff.is_some();
    if let Some(h) = &handoff {
        turn.run_now(Action::Handoff {
            reason: h.reason.clone(),
            summary: h.summary.clone(),
        });
    }
    let upsell = if overall.is_problem() || needs_remedy(&overall) {
        Some(Upsell::Apology {
            text: turn.words(Key::Apology, &[]),
            goodwill_code: policy.goodwill_code.clone(),
        })
    } else if turn.resolved
        && handoff.is_none()
        && turn.offers.is_empty()
        && !policy.upsell.is_empty()
    {
        Some(Upsell::Products {
            intro: turn.words(Key::Upsell, &[]),
            products: policy.upsell.clone(),
        })
    } else {
        None
    };
    Resolution {
        classification,
        need: None,
        situation: Some(overall),
        parcels: view
            .parcels
            .iter()
            .zip(&view.stale)
            .map(|((p, sit), stale)| ParcelSituation {
                tracking_number: p.tracking_number.as_str().to_owned(),
                situation: sit.clone(),
                stale: *stale,
            })
            .collect(),
        facts: view.facts,
        reply,
        offers: turn.offers,
        proposals: turn.proposals,
        deadline: turn.deadline,
        handoff,
        card: Some(card),
        agent: Some(agent),
        upsell,
        conversation: conv,
    }
}
