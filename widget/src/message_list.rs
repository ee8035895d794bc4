//! The message log: a polite live region that keeps the newest message in view.

use crate::chat::{Log, Message};
use crate::labels;
use crate::order_card::OrderCardView;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Where to scroll the log after a message arrives: to the bottom, unless the newest message is
/// taller than the log (an order card), then to its top so the answer is read first.
fn scroll_target(log: &HtmlElement) -> i32 {
    let newest = log
        .last_element_child()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    match newest {
        Some(m) if m.offset_height() > log.client_height() => m.offset_top() - 8,
        _ => log.scroll_height(),
    }
}

#[component]
pub fn MessageList(
    /// The conversation so far.
    log: RwSignal<Log>,
    /// True while an order is being fetched; marks the log busy for assistive technology.
    busy: RwSignal<bool>,
) -> impl IntoView {
    let t = labels::current();
    let list_ref = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        log.track();
        request_animation_frame(move || {
            if let Some(el) = list_ref.get_untracked() {
                el.set_scroll_top(scroll_target(&el));
            }
        });
    });
    view! {
        <div
            class="log"
            role="log"
            aria-live="polite"
            aria-label=move || t().conversation
            aria-busy=move || busy.get().to_string()
            node_ref=list_ref
        >
            <For each=move || log.get().messages key=|m| m.id let:message>
                <MessageView message=message />
            </For>
        </div>
    }
}

#[component]
pub fn MessageView(
    /// The message to show; its text is always rendered as text, never as HTML.
    message: Message,
) -> impl IntoView {
    let class = if message.progress {
        "msg progress"
    } else {
        "msg"
    };
    view! {
        <div class=class data-testid="wismo-message" data-role=message.role.as_str()>
            {message.text}
            {message.card.map(|card| view! { <OrderCardView card=card /> })}
        </div>
    }
}
