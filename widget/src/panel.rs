//! The chat panel: a non-modal dialog with a header, the message log and the composer.

use crate::chat::Log;
use crate::composer::Composer;
use crate::labels;
use crate::message_list::MessageList;
use crate::quick_replies::QuickReplies;
use crate::rating::RatingRow;
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Panel(
    /// The element id the launcher's `aria-controls` points at.
    id: &'static str,
    /// Whether the panel is shown; Escape and the close button clear it.
    open: RwSignal<bool>,
    /// The conversation so far.
    log: RwSignal<Log>,
    /// True while an order is being fetched.
    busy: RwSignal<bool>,
    /// The text being typed.
    draft: RwSignal<String>,
    /// The message input, focused when the panel opens.
    input_ref: NodeRef<html::Input>,
    /// The choices offered in the latest answer, shown as quick replies.
    offers: RwSignal<Vec<String>>,
    /// Sends the draft.
    on_send: Callback<()>,
    /// Sends a quick reply.
    on_pick: Callback<String>,
    /// Forgets the conversation and the verified order, to ask about another one.
    on_restart: Callback<()>,
    /// Sends a rating.
    on_rate: Callback<u8>,
) -> impl IntoView {
    let started = move || log.with(|l| l.messages.len() > 1);
    let t = labels::current();
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            open.set(false);
        }
    };
    view! {
        <div
            id=id
            class="panel"
            role="dialog"
            aria-label=move || t().dialog
            hidden=move || !open.get()
            on:keydown=on_keydown
        >
            <div class="head">
                <div>
                    <h2>{move || t().title}</h2>
                    <p>{move || t().subtitle}</p>
                </div>
                <button
                    type="button"
                    class="restart"
                    data-testid="wismo-restart"
                    hidden=move || !started()
                    disabled=move || busy.get()
                    on:click=move |_| on_restart.run(())
                >
                    {move || t().new_chat}
                </button>
                <button
                    type="button"
                    class="close"
                    aria-label=move || t().close
                    on:click=move |_| open.set(false)
                >
                    "×"
                </button>
            </div>
            <MessageList log=log busy=busy />
            <RatingRow log=log on_rate=on_rate />
            <QuickReplies offers=offers busy=busy on_pick=on_pick />
            <Composer draft=draft busy=busy input_ref=input_ref on_send=on_send />
        </div>
    }
}
