//! The one-tap rating, asked once per conversation below the messages after the first answer
//! about a verified order that no person had to take over. Its words are the tracking page's
//! (the core's `track` labels), in the conversation's language.

use crate::chat::Log;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wismo::carrier::Lang;
use wismo::track::{fill, label, Label};

/// Where the conversation's rating is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rating {
    /// Not asked yet.
    #[default]
    Unasked,
    /// The question and its five buttons are shown.
    Asking,
    /// Rated: the thanks is shown.
    Rated,
    /// Not asked in this conversation: a person took it over.
    Never,
}

impl Rating {
    /// After an answer about a verified order: ask once, unless it was handed over.
    pub fn after_answer(self, handed_over: bool) -> Self {
        match (self, handed_over) {
            (Self::Unasked, false) => Self::Asking,
            (Self::Unasked | Self::Asking, true) => Self::Never,
            (other, _) => other,
        }
    }
}

/// The five buttons' markup, named "{n} of 5" by `name`: the core's own words, never the
/// shopper's, and free of markup in every language (tested), so no escaping is needed. Plain
/// markup and one click handler on the group cost the widget far less than five components.
fn buttons(name: &str) -> String {
    (1..=5)
        .map(|n| {
            let n = n.to_string();
            format!(
                r#"<button type="button" value="{n}" aria-label="{}">{n}</button>"#,
                fill(name, &[("n", &n)])
            )
        })
        .collect()
}

#[component]
pub fn RatingRow(
    /// The conversation, whose rating says whether to ask, thank or show nothing.
    log: RwSignal<Log>,
    /// Sends the score the shopper chose, 1 to 5.
    on_rate: Callback<u8>,
) -> impl IntoView {
    let lang = use_context::<RwSignal<Lang>>();
    let say = move |which| label(lang.map_or(Lang::En, |l| l.get()), which);
    let asking = move || log.with(|l| l.rating) == Rating::Asking;
    // One element is the question while asking and the thanks after, so the thanks is announced
    // by a status region that already exists; with neither, the row is hidden by the style
    // (`.rate:has(p:empty)`).
    view! {
        <div class="rate">
            <p id="wismo-rate-q" role="status">
                {move || match log.with(|l| l.rating) {
                    Rating::Asking => say(Label::RateQuestion),
                    Rating::Rated => say(Label::RateThanks),
                    Rating::Unasked | Rating::Never => "",
                }}
            </p>
            <div
                role="group"
                aria-labelledby="wismo-rate-q"
                hidden=move || !asking()
                inner_html=move || buttons(say(Label::RateScore))
                on:click=move |ev| {
                    let score = ev
                        .target()
                        .and_then(|t| t.unchecked_into::<web_sys::Element>().get_attribute("value"))
                        .and_then(|v| v.parse().ok());
                    if let Some(score) = score {
                        on_rate.run(score);
                    }
                }
            ></div>
        </div>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn five_buttons_named_in_every_language_without_markup() {
        for lang in Lang::ALL {
            let name = label(lang, Label::RateScore);
            assert!(!name.contains(['<', '>', '&', '"']), "{lang:?}: {name}");
            let html = buttons(name);
            assert_eq!(html.matches(r#"<button type="button" value="#).count(), 5);
            assert!(html.contains(&format!(r#"aria-label="{}">5<"#, fill(name, &[("n", "5")]))));
        }
        assert!(buttons(label(Lang::En, Label::RateScore))
            .ends_with(r#"<button type="button" value="5" aria-label="5 of 5">5</button>"#));
    }

    #[wasm_bindgen_test]
    fn asked_once_and_never_after_a_hand_over() {
        use Rating::*;
        assert_eq!(Unasked.after_answer(false), Asking);
        assert_eq!(Asking.after_answer(false), Asking);
        assert_eq!(Rated.after_answer(false), Rated);
        assert_eq!(Rated.after_answer(true), Rated);
        assert_eq!(Unasked.after_answer(true), Never);
        assert_eq!(Asking.after_answer(true), Never);
        assert_eq!(Never.after_answer(false), Never);
    }
}
