//! The widget's root: owns the conversation's state and turns each message into a reply, using
//! the core in the browser and the proxy only to fetch a verified order.

use crate::api::{ActionError, Api, ApiError};
use crate::chat::{Log, Role};
use crate::flow::{self, Step};
use crate::launcher::Launcher;
use crate::panel::Panel;
use crate::quick_replies;
use chrono::{DateTime, Utc};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wismo::carrier::Lang;
use wismo::resolve::{ui_text, Conversation, UiText};
use wismo::{Email, OrderContext, OrderNumber, Policy, Resolution};

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

fn welcome(lang: Lang, policy: &Policy) -> Log {
    let mut log = Log::default();
    log.push(
        Role::Assistant,
        ui_text(lang, policy.tone, &UiText::Welcome),
        None,
    );
    log
}

#[component]
pub fn App(
    /// Where the wismo proxy is, e.g. `https://wismo.example.com`.
    api_base: String,
) -> impl IntoView {
    let api = StoredValue::new(Api::new(&api_base));
    let open = RwSignal::new(false);
    let lang = RwSignal::new(page_lang());
    // Labels everywhere in the widget follow it too (see `labels`).
    provide_context(lang);
    let log = RwSignal::new(welcome(lang.get_untracked(), &Policy::default()));
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
                log.set(welcome(lang.get_untracked(), &p));
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
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open {
            request_animation_frame(move || {
                if let Some(input) = input_ref.get_untracked() {
                    let _ = input.focus();
                }
            });
        } else if was_open == Some(true) {
            if let Some(button) = launcher_ref.get_untracked() {
                let _ = button.focus();
            }
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

    let verify = move |text: String, number: OrderNumber, email: Email, question: String| {
        busy.set(true);
        let progress = log
            .try_update(|l| l.push_progress(say(UiText::Checking)))
            .unwrap_or(0);
        spawn_local(async move {
            let result = api.get_value().load_order(&number, &email).await;
            log.update(|l| l.remove(progress));
            match result {
                Ok(loaded) => {
                    let ctx = loaded.context;
                    token.set(Some(loaded.token));
                    let resolution =
                        conversation.with_untracked(|c| flow::answer(&question, ctx.clone(), c));
                    conversation.set(resolution.conversation.clone());
                    follow(&resolution);
                    offers.set(quick_replies::labels(&resolution));
                    order.set(Some(ctx));
                    execute(&resolution);
                    log.update(|l| {
                        l.push(Role::Assistant, resolution.reply, resolution.card);
                    });
                }
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

    let send = move |text: String| {
        let text = text.trim().to_owned();
        if text.is_empty() || busy.get_untracked() {
            return;
        }
        draft.set(String::new());
        offers.set(Vec::new());
        log.update(|l| {
            l.push(Role::User, text.clone(), None);
        });
        let (step, after) = order.with_untracked(|loaded| {
            conversation.with_untracked(|c| {
                policy.with_untracked(|p| flow::next(c, &text, loaded.as_ref(), p, browser_now()))
            })
        });
        if let Some(l) = after.lang {
            lang.set(l);
        }
        conversation.set(after);
        match step {
            // The card came with the answer that loaded the order; later answers are words only.
            Step::Reply(resolution) => {
                offers.set(quick_replies::labels(&resolution));
                execute(&resolution);
                log.update(|l| {
                    l.push(Role::Assistant, resolution.reply, None);
                });
            }
            Step::Verify {
                number,
                email,
                question,
            } => verify(text, number, email, question),
        }
    };
    let on_send = Callback::new(move |()| send(draft.get_untracked()));
    let on_pick = Callback::new(send);
    let on_restart = Callback::new(move |()| {
        policy.with_untracked(|p| log.set(welcome(lang.get_untracked(), p)));
        conversation.set(Conversation::default());
        order.set(None);
        token.set(None);
        offers.set(Vec::new());
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
        />
        <Launcher open=open controls=PANEL_ID button_ref=launcher_ref />
    }
}
