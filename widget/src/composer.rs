//! The message input and send button; Enter sends because they sit in one form.

use crate::labels;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Composer(
    /// The text being typed; cleared on send and restored when sending failed.
    draft: RwSignal<String>,
    /// True while an order is being fetched; sending waits until it is done.
    busy: RwSignal<bool>,
    /// The input element, so the panel can focus it when it opens.
    input_ref: NodeRef<html::Input>,
    /// Sends the draft.
    on_send: Callback<()>,
) -> impl IntoView {
    let t = labels::current();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_send.run(());
    };
    view! {
        <form class="composer" on:submit=on_submit>
            <label class="sr" for="wismo-input">
                {move || t().message}
            </label>
            <input
                id="wismo-input"
                type="text"
                data-testid="wismo-input"
                autocomplete="off"
                enterkeyhint="send"
                placeholder=move || t().placeholder
                node_ref=input_ref
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
            />
            <button type="submit" class="send" data-testid="wismo-send" disabled=move || busy.get()>
                {move || t().send}
            </button>
        </form>
    }
}
