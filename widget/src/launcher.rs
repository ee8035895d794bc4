//! The round "Chat with us" button that opens and closes the chat panel.

use crate::labels;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Launcher(
    /// Whether the chat panel is open; the button toggles it.
    open: RwSignal<bool>,
    /// The id of the panel this button controls.
    controls: &'static str,
    /// Lets the app return focus here when the panel closes.
    button_ref: NodeRef<html::Button>,
) -> impl IntoView {
    let t = labels::current();
    view! {
        <button
            type="button"
            class="launcher"
            data-testid="wismo-launcher"
            node_ref=button_ref
            aria-controls=controls
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"></path>
            </svg>
            <span>{move || t().launcher}</span>
        </button>
    }
}
