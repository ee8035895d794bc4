//! The widget's root: owns the conversation's state and turns each message into a reply, using
//! the core in the browser and the proxy only to fetch a verified order.

use crate::api::{ActionError, Api, ApiError, Loaded, MyOrder, Proof};
use crate::chat::{Log, Role};
use crate::events;
use crate::flow::{self, Step};
use crate::launcher::Launcher;
use crate::panel::Panel;
use crate::quick_replies;
use crate::rating::Rating;
use crate::report;
use chrono::{DateTime, Utc};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wismo::carrier::Lang;
use wismo::outcomes::{Channel, Event, What};
use wismo::resolve::{or_list, order_choice, ui_text, Conversation, UiText};
use wismo::{OrderContext, OrderNumber, Policy, Resolution};

const PANEL_ID: &str = "wismo-panel";

/// The storefront's language (`<html lang>`), which the widget speaks until the shopper writes;
/// after that, the language the conversation is held in.
fn page_lang() -> Lang {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .map_or(Lang::En, |l| Lang::from_locale(&l))
}

/// The browser's clock, used only while no order is loaded (then the server's time is used).
fn browser_now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The page's monotonic clock, in ms: how long resolving took and how long ago events happened.
fn perf_now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// The first message: the merchant's greeting when the theme set one, else the core's welcome.
fn welcome(lang: Lang, policy: &Policy, greeting: Option<&str>) -> Log {
    let mut log = Log::default();
    let text = greeting
        .map(str::to_owned)
        .unwrap_or_else(|| ui_text(lang, policy.tone, &UiText::Welcome));
    log.push(Role::Assistant, text, None);
    log
}

/// What the page can do to the widget through `window.wismo` (see `mount::Handle`): each is a
/// signal the app reacts to, so a call made before the app is drawn waits for it.
#[derive(Debug, Clone, Copy)]
pub struct Controls {
    pub open: RwSignal<bool>,
    pub lang: RwSignal<Lang>,
    /// A message to send as if typed (`ask`), taken by the app.
    pub asked: RwSignal<Option<String>>,
    /// An order the page already knows (`identify`), taken by the app.
    pub identified: RwSignal<Option<(OrderNumber, Proof)>>,
}

impl Controls {
    pub fn new() -> Self {
        Self {
            open: RwSignal::new(false),
            lang: RwSignal::new(page_lang()),
            asked: RwSignal::new(None),
            identified: RwSignal::new(None),
        }
    }
}

/// How the loader set the widget up on this page.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Where the proxy is, e.g. `https://wismo.example.com` or `/apps/wismo`.
    pub api_base: String,
    /// Reached through Shopify's app proxy (session token in the query, signed-in customers).
    pub via_app_proxy: bool,
    /// The storefront says a customer is signed in: their orders are offered without asking.
    pub signed_in: bool,
    /// The merchant's own first message, from the theme's settings.
    pub greeting: Option<String>,
}

pub use wismo_ui::TrackingLink;

/// Whether the screen is phone-sized, where the open chat takes the whole viewport.
fn narrow() -> bool {
    window()
        .match_media("(max-width: 480px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

#[component]
pub fn App(
    /// How the loader set the widget up.
    settings: Settings,
    /// What `window.wismo` drives.
    controls: Controls,
) -> impl IntoView {
    let api = StoredValue::new(Api::new(&settings.api_base, settings.via_app_proxy));
    let greeting = StoredValue::new(settings.greeting.clone());
    let Controls {
        open,
        lang,
        asked,
        identified,
    } = controls;
    // Labels everywhere in the widget follow it too (see `labels`).
    provide_context(lang);
    let tracking = TrackingLink(RwSignal::new(None));
    provide_context(tracking);
    let log = RwSignal::new(welcome(
        lang.get_untracked(),
        &Policy::default(),
        greeting.get_value().as_deref(),
    ));
    // A signed-in customer's orders offered to pick from, by the label shown for each.
    let choices = RwSignal::new(Vec::<(String, MyOrder)>::new());
    let busy = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let conversation = RwSignal::new(Conversation::default());
    let order = RwSignal::new(None::<OrderContext>);
    let token = RwSignal::new(None::<String>);
    // The brand's own name and promises, for answers before an order is loaded; the default
    // stands in until (or if) the proxy's answer arrives.
    let policy = RwSignal::new(Policy::default());
    spawn_local(async move {
        if let Ok(p) = api.get_value().shop_policy().await {
            // A formal brand is greeted formally, unless the shopper has already written.
            if p.tone != Policy::default().tone && log.with_untracked(|l| l.messages.len() == 1) {
                log.set(welcome(
                    lang.get_untracked(),
                    &p,
                    greeting.get_value().as_deref(),
                ));
            }
            policy.set(p);
        }
    });
    // What the widget says itself, in the conversation's language and the brand's tone.
    let say =
        move |text: UiText| policy.with_untracked(|p| ui_text(lang.get_untracked(), p.tone, &text));
    // The language follows the shopper's messages once the core has recognised one.
    let follow = move |resolution: &Resolution| {
        if let Some(l) = resolution.conversation.lang {
            lang.set(l);
        }
    };
    // Distinguishes this chat's idempotency keys from every other chat's.
    let chat_id = StoredValue::new(format!("{:x}", (js_sys::Math::random() * 1e15) as u64));
    let offers = RwSignal::new(Vec::<String>::new());
    let launcher_ref = NodeRef::<html::Button>::new();
    let input_ref = NodeRef::<html::Input>::new();

    // Focus follows the panel: into the input when it opens, back to the launcher when it closes.
    // On a phone the panel covers the page, so the page behind it must not scroll.
    let page_overflow = StoredValue::new(None::<String>);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        let body = document().body();
        if is_open && narrow() {
            if let Some(b) = &body {
                let style = b.style();
                page_overflow.set_value(style.get_property_value("overflow").ok());
                let _ = style.set_property("overflow", "hidden");
            }
        } else if let (false, Some(previous), Some(b)) = (is_open, page_overflow.get_value(), &body)
        {
            let style = b.style();
            let _ = if previous.is_empty() {
                style.remove_property("overflow").map(|_| ())
            } else {
                style.set_property("overflow", &previous)
            };
            page_overflow.set_value(None);
        }
        if is_open && was_open != Some(true) {
            events::emit("wismo:open", &serde_json::json!({}));
        } else if !is_open && was_open == Some(true) {
            events::emit("wismo:close", &serde_json::json!({}));
        }
        if is_open {
            request_animation_frame(move || {
                if let Some(input) = input_ref.get_untracked() {
                    let _ = input.focus();
                }
            });
        } else if was_open == Some(true) {
            // After the frame: on a phone the launcher is hidden until the panel's state is drawn.
            request_animation_frame(move || {
                if let Some(button) = launcher_ref.get_untracked() {
                    let _ = button.focus();
                }
            });
        }
        is_open
    });

    // Carries out what the shopper agreed to. The proxy checks again that it is allowed and runs
    // each proposal at most once per key, so a retried request is harmless.
    let execute = move |resolution: &Resolution| {
        let Some(session) = token.get_untracked() else {
            return;
        };
        let runnable: Vec<_> = resolution
            .proposals
            .iter()
            .filter(|p| p.is_executable())
            .cloned()
            .collect();
        let turn = resolution.conversation.turns;
        for proposal in runnable {
            let key = format!("{}-{turn}-{}", chat_id.get_value(), proposal.action.kind());
            let session = session.clone();
            spawn_local(async move {
                match api.get_value().execute(&session, &proposal, &key).await {
                    Ok(()) => {}
                    Err(ActionError::Refused(why)) => log.update(|l| {
                        l.push(
                            Role::Assistant,
                            say(UiText::ActionRefused { why: &why }),
                            None,
                        );
                    }),
                    Err(ActionError::Failed(_)) => log.update(|l| {
                        l.push(Role::Assistant, say(UiText::ActionFailed), None);
                    }),
                }
            });
        }
    };

    // Tells the page's analytics what was answered (`wismo:answered`).
    let announce = move |resolution: &Resolution| {
        events::emit(
            "wismo:answered",
            &serde_json::json!({
                "situation": resolution.situation.as_ref().map(|s| s.kind()),
                "intent": resolution.classification.intent.as_str(),
                "order": resolution.card.as_ref().map(|c| c.order_number.clone())
                    .or_else(|| order.with_untracked(|o| o.as_ref().map(|o| o.order.display_name()))),
                "handoff": resolution.handoff.is_some(),
            }),
        );
    };

    // Reports outcome events for the merchant's numbers once a session exists (with those kept
    // from before); fire and forget, so a failure never touches the chat.
    let tell = move |events: Vec<(f64, What)>| {
        for (at, what) in events {
            report::keep(at, vec![what]);
        }
        let Some(session) = token.get_untracked() else {
            return;
        };
        for batch in report::take(perf_now()) {
            let session = session.clone();
            spawn_local(async move {
                api.get_value().report(&session, &batch).await;
            });
        }
    };

    // An answer was given: the turn's events when the shopper wrote (not when the page or a
    // signed-in customer's visit loaded the order), and the rating's turn once it is verified.
    let answered = move |resolution: &Resolution, typed: bool| {
        let cpu_us = report::spent_us();
        let began = report::started();
        if typed {
            let now = browser_now();
            let answered_at = perf_now();
            let turn = Event::of_turn((now, now), None, "", Channel::Chat, resolution, cpu_us);
            // The contact when the shopper wrote (before any verification), the rest now.
            tell(
                turn.into_iter()
                    .map(|e| match e.what {
                        What::Contact { .. } => (began.unwrap_or(answered_at), e.what),
                        _ => (answered_at, e.what),
                    })
                    .collect(),
            );
        }
        if token.with_untracked(Option::is_some) {
            log.update(|l| l.rating = l.rating.after_answer(resolution.handoff.is_some()));
        }
        announce(resolution);
    };

    // An order has loaded: answer the question asked before it, with the card.
    let arrived = move |loaded: Loaded, question: &str, typed: bool| {
        let ctx = loaded.context;
        token.set(Some(loaded.token));
        tracking.0.set(loaded.tracking_url);
        choices.set(Vec::new());
        let started = perf_now();
        let resolution = conversation.with_untracked(|c| flow::answer(question, ctx.clone(), c));
        report::think(perf_now() - started);
        conversation.set(resolution.conversation.clone());
        follow(&resolution);
        offers.set(quick_replies::labels(&resolution));
        order.set(Some(ctx));
        execute(&resolution);
        answered(&resolution, typed);
        log.update(|l| {
            l.push(Role::Assistant, resolution.reply, resolution.card);
        });
    };

    // Fetches an order (by the shopper's proof, or one of a signed-in customer's) and answers.
    let fetch = move |text: String, number: OrderNumber, proof: Option<Proof>, question: String| {
        busy.set(true);
        let progress = log
            .try_update(|l| l.push_progress(say(UiText::Checking)))
            .unwrap_or(0);
        spawn_local(async move {
            let result = match &proof {
                Some(proof) => api.get_value().load_order(&number, proof).await,
                None => api.get_value().load_my_order(&number).await,
            };
            log.update(|l| l.remove(progress));
            match result {
                Ok(loaded) => arrived(loaded, &question, !text.is_empty()),
                Err(ApiError::VerificationFailed) => {
                    conversation.update(flow::forget_identity);
                    log.update(|l| {
                        l.push(Role::Assistant, say(UiText::VerifyFailed), None);
                    });
                }
                Err(ApiError::RateLimited) => {
                    conversation.update(flow::forget_identity);
                    log.update(|l| {
                        l.push(Role::Assistant, say(UiText::TooManyAttempts), None);
                    });
                }
                Err(ApiError::Network) => {
                    // Put back what they typed so sending again is one key press.
                    if draft.get_untracked().is_empty() {
                        draft.set(text);
                    }
                    log.update(|l| {
                        l.push(Role::Assistant, say(UiText::Offline), None);
                    });
                }
                Err(ApiError::Unexpected) => {
                    log.update(|l| {
                        l.push(Role::Assistant, say(UiText::Broken), None);
                    });
                }
            }
            busy.set(false);
        });
    };

    // A signed-in customer opens the chat: their order is answered at once, or, with several on
    // their way, the chat asks which one ("the boots ordered Monday or the jacket?").
    let offer_mine = move || {
        busy.set(true);
        spawn_local(async move {
            let mine = api.get_value().my_orders().await;
            busy.set(false);
            let Ok(mine) = mine else {
                return;
            };
            let open_ones: Vec<MyOrder> = mine.iter().filter(|o| o.open).cloned().collect();
            let candidates = if open_ones.is_empty() {
                mine.into_iter().take(3).collect()
            } else {
                open_ones
            };
            match candidates.as_slice() {
                [] => {}
                [only] => fetch(
                    String::new(),
                    only.order_number.clone(),
                    None,
                    flow::DEFAULT_QUESTION.to_owned(),
                ),
                several => {
                    let (l, now) = (lang.get_untracked(), browser_now());
                    let (tone, tz) = policy.with_untracked(|p| (p.tone, p.tz()));
                    let labelled: Vec<(String, MyOrder)> = several
                        .iter()
                        .map(|o| {
                            let item = o
                                .items
                                .first()
                                .map_or_else(|| o.order_number.as_str().to_owned(), Clone::clone);
                            (
                                order_choice(l, tone, &item, o.created_at, now, tz),
                                o.clone(),
                            )
                        })
                        .collect();
                    let names: Vec<String> = labelled.iter().map(|(n, _)| n.clone()).collect();
                    let question = say(UiText::WhichOrder {
                        choices: &or_list(l, &names),
                    });
                    offers.set(names.iter().map(|n| quick_replies::capitalise(n)).collect());
                    choices.set(labelled);
                    log.update(|lg| {
                        lg.push(Role::Assistant, question, None);
                    });
                }
            }
        });
    };
    if settings.signed_in && settings.via_app_proxy {
        Effect::new(move |offered: Option<bool>| {
            if offered == Some(true) {
                return true;
            }
            if open.get() && order.with_untracked(Option::is_none) {
                offer_mine();
                return true;
            }
            false
        });
    }

    // Which of the offered orders a message picks: its label, its number or its first item.
    let picked = move |text: &str| -> Option<OrderNumber> {
        let lower = text.to_lowercase();
        choices.with_untracked(|cs| {
            cs.iter()
                .find(|(label, o)| {
                    label.to_lowercase() == lower
                        || lower.contains(o.order_number.as_str())
                        || o.items
                            .first()
                            .is_some_and(|i| !i.is_empty() && lower.contains(&i.to_lowercase()))
                })
                .map(|(_, o)| o.order_number.clone())
        })
    };

    let send = move |text: String| {
        let text = text.trim().to_owned();
        if text.is_empty() || busy.get_untracked() {
            return;
        }
        draft.set(String::new());
        offers.set(Vec::new());
        report::begin(perf_now());
        log.update(|l| {
            l.push(Role::User, text.clone(), None);
        });
        if order.with_untracked(Option::is_none) {
            if let Some(number) = picked(&text) {
                return fetch(text, number, None, flow::DEFAULT_QUESTION.to_owned());
            }
        }
        let started = perf_now();
        let (step, after) = order.with_untracked(|loaded| {
            conversation.with_untracked(|c| {
                policy.with_untracked(|p| flow::next(c, &text, loaded.as_ref(), p, browser_now()))
            })
        });
        report::think(perf_now() - started);
        if let Some(l) = after.lang {
            lang.set(l);
        }
        conversation.set(after);
        match step {
            // The card came with the answer that loaded the order; later answers are words only.
            Step::Reply(resolution) => {
                offers.set(quick_replies::labels(&resolution));
                execute(&resolution);
                answered(&resolution, true);
                log.update(|l| {
                    l.push(Role::Assistant, resolution.reply, None);
                });
            }
            Step::Verify {
                number,
                proof,
                question,
            } => fetch(text, number, Some(proof), question),
        }
    };
    // The page asked (`window.wismo.ask` / `identify`): open and do it once the app can.
    Effect::new(move |_| {
        if let Some(text) = asked.get() {
            asked.set(None);
            open.set(true);
            send(text);
        }
    });
    Effect::new(move |_| {
        if let Some((number, proof)) = identified.get() {
            identified.set(None);
            if busy.get_untracked() {
                return;
            }
            fetch(
                String::new(),
                number,
                Some(proof),
                flow::DEFAULT_QUESTION.to_owned(),
            );
        }
    });
    let on_send = Callback::new(move |()| send(draft.get_untracked()));
    let on_pick = Callback::new(send);
    let on_restart = Callback::new(move |()| {
        policy.with_untracked(|p| {
            log.set(welcome(
                lang.get_untracked(),
                p,
                greeting.get_value().as_deref(),
            ))
        });
        conversation.set(Conversation::default());
        order.set(None);
        token.set(None);
        tracking.0.set(None);
        choices.set(Vec::new());
        offers.set(Vec::new());
        report::clear();
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.focus();
        }
    });
    // A rating is sent like the turns' events; focus leaves the buttons for the input.
    let on_rate = Callback::new(move |score: u8| {
        tell(vec![(perf_now(), What::Rating { score })]);
        log.update(|l| l.rating = Rating::Rated);
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.focus();
        }
    });

    view! {
        <Panel
            id=PANEL_ID
            open=open
            log=log
            busy=busy
            draft=draft
            input_ref=input_ref
            offers=offers
            on_send=on_send
            on_pick=on_pick
            on_restart=on_restart
            on_rate=on_rate
        />
        <Launcher open=open controls=PANEL_ID button_ref=launcher_ref />
    }
}
