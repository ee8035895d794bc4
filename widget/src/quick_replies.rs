//! Quick replies: the choices the assistant just offered (a replacement, a refund, a person...),
//! one tap each, sent as the words the core recognises for that choice.

use leptos::prelude::*;
use wismo::resolve::Choice;

/// The button's text, which is also the message sent: each contains a word the core's choice
/// picker knows, so tapping is the same as typing it.
// FIXME: English only; the core's localised choice names (`i18n::choice`) are not public yet.
pub fn label(choice: Choice) -> &'static str {
    match choice {
        Choice::Reship => "Send a replacement",
        Choice::ExpeditedReship => "Express replacement",
        Choice::Refund => "Refund me",
        Choice::StoreCredit => "Store credit",
        Choice::Wait => "I'll wait",
        Choice::CarrierRedirect => "Redirect the parcel",
        Choice::OpenClaim => "Open a claim",
        Choice::TalkToPerson => "Talk to a person",
    }
}

#[component]
pub fn QuickReplies(
    /// The choices offered in the latest answer; empty hides the row.
    offers: RwSignal<Vec<Choice>>,
    /// True while an order is being fetched; the buttons wait too.
    busy: RwSignal<bool>,
    /// Sends the chosen reply as the shopper's message.
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <div
            class="quick"
            role="group"
            aria-label="Suggested replies"
            hidden=move || offers.with(Vec::is_empty)
        >
            <For each=move || offers.get() key=|c| label(*c) let:choice>
                <button
                    type="button"
                    data-testid="wismo-quick-reply"
                    disabled=move || busy.get()
                    on:click=move |_| on_pick.run(label(choice).to_owned())
                >
                    {label(choice)}
                </button>
            </For>
        </div>
    }
}
