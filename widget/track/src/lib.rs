//! The tracking page's wasm. The proxy sends the whole page, rendered by the native core; this
//! takes it over with the same core (`wismo::track`): the deadline question is answered in place
//! without a round trip, chat messages and the remedies' buttons are sent without a reload, and
//! the page is redrawn (same markup, so nothing shifts) when the carrier's data changes. Without
//! it every form still posts to the page and works.

use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Element, HtmlElement, HtmlFormElement, HtmlInputElement, SubmitEvent};
use wismo::carrier::Lang;
use wismo::track::{self, ChatLine, Label};
use wismo::OrderContext;

/// How often the page asks for new scans while it is visible.
const REFRESH_MS: i32 = 60_000;

/// What the page knows between events.
struct Page {
    base: String,
    token: String,
    lang: Lang,
    ctx: Option<OrderContext>,
    /// The date last asked about, so a redraw keeps the answer.
    by: Option<chrono::NaiveDate>,
}

type Shared = Rc<RefCell<Page>>;

#[derive(Serialize)]
struct Ask<'a> {
    message: &'a str,
    key: &'a str,
}

#[derive(Deserialize)]
struct Answered {
    lines: Vec<ChatLine>,
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn main_element() -> Option<HtmlElement> {
    document()?
        .get_element_by_id("wismo-track")?
        .dyn_into()
        .ok()
}

#[wasm_bindgen(start)]
pub fn start() {
    // The core's time zones follow the browser's rules (it carries no database of its own).
    wismo_zone::install();
    let Some(main) = main_element() else {
        return;
    };
    let data = |k: &str| main.get_attribute(k).unwrap_or_default();
    let token = data("data-token");
    if token.is_empty() {
        return;
    }
    let page: Shared = Rc::new(RefCell::new(Page {
        base: data("data-base"),
        token,
        lang: Lang::from_locale(&data("data-lang")),
        ctx: None,
        by: None,
    }));
    main.set_attribute("data-enhanced", "loading").ok();
    listen_for_forms(&main, page.clone());
    spawn_local(refresh(page.clone(), false));
    // Every minute while the page is seen, and at once when the shopper comes back to it (or
    // back online): a shopper returning to the tab sees the newest scans.
    let tick = Closure::<dyn FnMut()>::new(move || {
        let hidden = document().is_some_and(|d| d.hidden());
        if !hidden {
            spawn_local(refresh(page.clone(), true));
        }
    });
    if let Some(w) = web_sys::window() {
        let f = tick.as_ref().unchecked_ref();
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(f, REFRESH_MS);
        let _ = w.add_event_listener_with_callback("online", f);
        if let Some(d) = document() {
            let _ = d.add_event_listener_with_callback("visibilitychange", f);
        }
    }
    tick.forget();
}

/// One listener for every form on the page (they are redrawn, the listener stays).
fn listen_for_forms(main: &HtmlElement, page: Shared) {
    let on_submit = Closure::<dyn FnMut(SubmitEvent)>::new(move |ev: SubmitEvent| {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let class = form.class_name();
        if class.contains("deadline") {
            ev.prevent_default();
            deadline(&form, &page);
        } else if class.contains("ask-form") || class.contains("choices") {
            // A choice's button carries its words as the submitter's value.
            let message = if class.contains("choices") {
                ev.submitter()
                    .and_then(|s| s.get_attribute("value"))
                    .unwrap_or_default()
            } else {
                input(&form, "message")
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            if message.trim().is_empty() {
                return;
            }
            ev.prevent_default();
            // A key of its own per message: the server answers a repeated key once.
            let key = format!(
                "{:012x}{:012x}",
                (js_sys::Math::random() * 2f64.powi(48)) as u64,
                (js_sys::Math::random() * 2f64.powi(48)) as u64
            );
            spawn_local(send(page.clone(), form, message, key));
        }
    });
    let _ = main.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
}

fn input(form: &HtmlFormElement, name: &str) -> Option<HtmlInputElement> {
    form.query_selector(&format!("input[name={name}]"))
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// "Will it arrive by …?": answered by the core in the page, no round trip.
fn deadline(form: &HtmlFormElement, page: &Shared) {
    let Some(value) = input(form, "by").map(|i| i.value()) else {
        return;
    };
    let Ok(by) = chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d") else {
        return;
    };
    let mut p = page.borrow_mut();
    p.by = Some(by);
    let Some(ctx) = &p.ctx else {
        // Not loaded yet: let the form go to the server after all.
        drop(p);
        let _ = form.submit();
        return;
    };
    let answer = track::page(ctx, p.lang, Some(by))
        .deadline
        .map(|d| d.text)
        .unwrap_or_default();
    if let Some(out) = document().and_then(|d| d.get_element_by_id("wismo-deadline")) {
        out.set_text_content(Some(&answer));
    }
    // The address keeps its language and says the date asked about, for a reload or a share.
    if let Some(w) = web_sys::window() {
        let lang = p.lang.code();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(
                &JsValue::NULL,
                "",
                Some(&format!("?lang={lang}&by={by}")),
            );
        }
    }
}

/// Sends a chat message (or a chosen remedy) and shows both lines when the answer comes.
async fn send(page: Shared, form: HtmlFormElement, message: String, key: String) {
    let (url, lang) = {
        let p = page.borrow();
        (format!("{}/t/{}/messages", p.base, p.token), p.lang)
    };
    let body = Ask {
        message: &message,
        key: &key,
    };
    set_busy(&form, true);
    let sent = match Request::post(&url).json(&body) {
        Ok(req) => req.send().await.ok(),
        Err(_) => None,
    };
    set_busy(&form, false);
    let Some(res) = sent else {
        // No answer at all: the plain form may still get through (it carries its own key).
        if let Some(doc) = document() {
            if let Ok(field) = doc.create_element("input") {
                let _ = field.set_attribute("type", "hidden");
                let _ = field.set_attribute("name", "message");
                let _ = field.set_attribute("value", &message);
                let _ = form.append_child(&field);
            }
        }
        let _ = form.submit();
        return;
    };
    let Some(answered) = (if res.ok() {
        res.json::<Answered>().await.ok()
    } else {
        None
    }) else {
        announce(track::label(lang, Label::NotSent));
        return;
    };
    if let Some(input) = input(&form, "message") {
        input.set_value("");
        let _ = input.focus();
    }
    let lines = {
        let p = page.borrow();
        p.ctx.as_ref().map(|ctx| {
            let mut view = track::page(ctx, lang, None);
            view.chat = answered.lines;
            track::chat_html(&view)
        })
    };
    if let (Some(lines), Some(list)) = (lines, query(".messages")) {
        let _ = list.insert_adjacent_html("beforeend", &lines);
    }
    // What the shopper chose may have changed what the page should say.
    refresh(page, true).await;
}

fn set_busy(form: &HtmlFormElement, busy: bool) {
    let _ = form.set_attribute("aria-busy", if busy { "true" } else { "false" });
    if let Ok(buttons) = form.query_selector_all("button") {
        for i in 0..buttons.length() {
            if let Some(b) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = if busy {
                    b.set_attribute("disabled", "")
                } else {
                    b.remove_attribute("disabled")
                };
            }
        }
    }
}

fn query(selector: &str) -> Option<Element> {
    main_element()?.query_selector(selector).ok().flatten()
}

/// Fetches the order again and, when it changed (and `redraw`), draws the page anew with the
/// same markup the proxy sent, keeping the conversation and what is being typed.
async fn refresh(page: Shared, redraw: bool) {
    let url = {
        let p = page.borrow();
        format!("{}/api/v1/track/{}", p.base, p.token)
    };
    let Ok(res) = Request::get(&url).send().await else {
        return;
    };
    if !res.ok() {
        return;
    }
    let Ok(ctx) = res.json::<OrderContext>().await else {
        return;
    };
    let mut p = page.borrow_mut();
    let changed = p
        .ctx
        .as_ref()
        .is_some_and(|old| old.order != ctx.order || old.shipments != ctx.shipments);
    let (lang, by) = (p.lang, p.by);
    p.ctx = Some(ctx);
    let Some(main) = main_element() else {
        return;
    };
    let _ = main.set_attribute("data-enhanced", "ready");
    if !(redraw && changed) {
        return;
    }
    let Some(ctx) = &p.ctx else {
        return;
    };
    let view = track::page(ctx, lang, by);
    let chat = query(".messages")
        .map(|m| m.inner_html())
        .unwrap_or_default();
    let typed = query("#wismo-message")
        .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default();
    let key = query("input[name=key]")
        .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default();
    main.set_inner_html(&track::main_html(&view, &key));
    if let Some(m) = query(".messages") {
        m.set_inner_html(&chat);
    }
    if let Some(i) = query("#wismo-message").and_then(|i| i.dyn_into::<HtmlInputElement>().ok()) {
        i.set_value(&typed);
    }
    announce(track::label(lang, Label::Refreshed));
}

/// Says something to screen readers without moving focus.
fn announce(text: &str) {
    let Some(doc) = document() else {
        return;
    };
    let region = doc.get_element_by_id("wismo-announce").or_else(|| {
        let el = doc.create_element("p").ok()?;
        el.set_id("wismo-announce");
        el.set_attribute("role", "status").ok()?;
        el.set_attribute("class", "sr").ok()?;
        doc.body()?.append_child(&el).ok()?;
        Some(el)
    });
    if let Some(r) = region {
        r.set_text_content(Some(text));
    }
}
