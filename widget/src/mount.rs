//! Mounting into the page: an open shadow root on the host element keeps the page's CSS out of
//! the widget and the widget's CSS out of the page. `mount` returns the [`Handle`] behind
//! `window.wismo`, the theme's JavaScript API.

use crate::api::Proof;
use crate::app::{App, Controls, Settings};
use crate::events;
use crate::style::CSS;
use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};
use wismo::carrier::Lang;
use wismo::{Email, OrderNumber, Postcode};

/// What the loader read from its script tag.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Options {
    /// The proxy's origin, or the app proxy's path on the shop's domain.
    api_base: String,
    shop: String,
    via_app_proxy: bool,
    signed_in: bool,
    greeting: Option<String>,
    /// The storefront's language, when the theme knows it better than `<html lang>`.
    locale: Option<String>,
}

/// Mounts the widget into `host` with the loader's `options` (`apiBase`, `shop`,
/// `viaAppProxy`, `signedIn`, `greeting`, `locale`) and returns the page's handle on it.
#[wasm_bindgen]
pub fn mount(host: Element, options: JsValue) -> Result<Handle, JsValue> {
    // The core's time zones follow the browser's rules (it carries no database of its own).
    wismo_zone::install();
    let options: Options = serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsValue::from_str(&format!("wismo: bad mount options: {e}")))?;
    let document = host
        .owner_document()
        .ok_or_else(|| JsValue::from_str("wismo: host element has no document"))?;
    // The loader has usually drawn the launcher in the host's shadow root already: take it over.
    let root = match host.shadow_root() {
        Some(root) => {
            root.set_inner_html("");
            root
        }
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let style = document.create_element("style")?;
    style.set_text_content(Some(&format!("{CSS}{}", wismo_ui::CARD_CSS)));
    root.append_child(&style)?;
    let container: HtmlElement = document.create_element("div")?.dyn_into()?;
    container.set_attribute("data-shop", &options.shop)?;
    root.append_child(&container)?;
    let controls = Controls::new();
    if let Some(locale) = options.locale.as_deref().filter(|l| !l.is_empty()) {
        controls.lang.set(Lang::from_locale(locale));
    }
    let settings = Settings {
        api_base: options.api_base,
        via_app_proxy: options.via_app_proxy,
        signed_in: options.signed_in,
        greeting: options.greeting.filter(|g| !g.trim().is_empty()),
    };
    leptos::mount::mount_to(
        container,
        move || view! { <App settings=settings controls=controls /> },
    )
    .forget();
    events::emit("wismo:ready", &serde_json::json!({}));
    Ok(Handle { controls })
}

/// `window.wismo`: what a theme can do with the widget. Bad arguments are refused with an
/// error that says what to pass (the loader logs it to the console).
#[wasm_bindgen]
pub struct Handle {
    controls: Controls,
}

/// `identify({orderNumber, email})` or `identify({orderNumber, postcode})`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Identity {
    order_number: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    postcode: Option<String>,
}

fn refuse(what: &str) -> JsValue {
    js_sys::Error::new(&format!("wismo: {what}")).into()
}

#[wasm_bindgen]
impl Handle {
    /// Opens the chat.
    pub fn open(&self) {
        self.controls.open.set(true);
    }

    /// Closes the chat (focus returns to the launcher).
    pub fn close(&self) {
        self.controls.open.set(false);
    }

    /// Speaks `lang` (`en`, `es`, `fr` or `de`, or a locale such as `fr-CA`) until the shopper
    /// writes in another.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, lang: JsValue) -> Result<(), JsValue> {
        let tag = lang
            .as_string()
            .ok_or_else(|| refuse("setLocale(lang) takes a string such as \"fr\""))?;
        let ours = ["en", "es", "fr", "de"]
            .iter()
            .any(|l| tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(l)));
        if !ours {
            return Err(refuse(&format!(
                "setLocale: {tag:?} is not one of en, es, fr, de"
            )));
        }
        self.controls.lang.set(Lang::from_locale(&tag));
        Ok(())
    }

    /// Opens the chat and sends `text` as if the shopper typed it.
    pub fn ask(&self, text: JsValue) -> Result<(), JsValue> {
        let text = text
            .as_string()
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| refuse("ask(text) takes a non-empty string"))?;
        self.controls.asked.set(Some(text));
        Ok(())
    }

    /// For a page that already knows the order (Shopify's order status page): verifies
    /// `{orderNumber, email}` or `{orderNumber, postcode}` and loads that order, so the chat
    /// answers about it without asking.
    pub fn identify(&self, identity: JsValue) -> Result<(), JsValue> {
        const SHAPE: &str =
            "identify() takes {orderNumber: \"1001\", email: \"…\"} or {orderNumber, postcode}";
        let id: Identity = serde_wasm_bindgen::from_value(identity)
            .map_err(|e| refuse(&format!("{SHAPE}: {e}")))?;
        let number = OrderNumber::parse(&id.order_number).map_err(|_| {
            refuse(&format!(
                "identify: orderNumber {:?} is not an order number",
                id.order_number
            ))
        })?;
        let proof = match (id.email, id.postcode) {
            (Some(e), None) => Proof::Email(
                Email::parse(&e)
                    .map_err(|_| refuse(&format!("identify: {e:?} is not an e-mail address")))?,
            ),
            (None, Some(p)) => Proof::Postcode(
                Postcode::parse(&p)
                    .map_err(|_| refuse(&format!("identify: {p:?} is not a postcode")))?,
            ),
            _ => return Err(refuse(SHAPE)),
        };
        self.controls.identified.set(Some((number, proof)));
        Ok(())
    }
}
