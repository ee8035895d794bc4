//! Quick replies: the choices the assistant just offered (a replacement, a refund, a person...),
//! one tap each, sent as the words the core recognises for that choice.

use crate::labels;
use leptos::prelude::*;
use wismo::resolve::{choice_label, Resolution};

/// The buttons for the choices a resolution offers, in the conversation's language. Each label is
/// the core's own wording for its choice, which the core's choice picker recognises, so tapping
/// a button is the same as typing its text.
pub fn labels(resolution: &Resolution) -> Vec<String> {
    let lang = resolution.conversation.lang.unwrap_or_default();
    resolution
        .offers
        .iter()
        .map(|c| capitalise(choice_label(lang, *c)))
        .collect()
}

pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[component]
pub fn QuickReplies(
    /// The labels of the choices offered in the latest answer; empty hides the row.
    offers: RwSignal<Vec<String>>,
    /// True while an order is being fetched; the buttons wait too.
    busy: RwSignal<bool>,
    /// Sends the chosen reply as the shopper's message.
    on_pick: Callback<String>,
) -> impl IntoView {
    let t = labels::current();
    view! {
        <div
            class="quick"
            role="group"
            aria-label=move || t().suggested
            hidden=move || offers.with(Vec::is_empty)
        >
            <For each=move || offers.get() key=|label| label.clone() let:label>
                <button
                    type="button"
                    data-testid="wismo-quick-reply"
                    disabled=move || busy.get()
                    on:click={
                        let sent = label.clone();
                        move |_| on_pick.run(sent.clone())
                    }
                >
                    {label.clone()}
                </button>
            </For>
        </div>
    }
}
