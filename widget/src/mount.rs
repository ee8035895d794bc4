//! Mounting into the page: an open shadow root on the host element keeps the page's CSS out of
//! the widget and the widget's CSS out of the page.

use crate::app::App;
use crate::style::CSS;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};

/// Mounts the widget into `host`. `api_base` is the proxy's origin (the loader derives it from
/// its own script URL) and `shop` the shop's domain, kept on the container for debugging.
#[wasm_bindgen]
pub fn mount(host: Element, api_base: String, shop: String) -> Result<(), JsValue> {
    let document = host
        .owner_document()
        .ok_or_else(|| JsValue::from_str("wismo: host element has no document"))?;
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let style = document.create_element("style")?;
    style.set_text_content(Some(CSS));
    root.append_child(&style)?;
    let container: HtmlElement = document.create_element("div")?.dyn_into()?;
    container.set_attribute("data-shop", &shop)?;
    root.append_child(&container)?;
    leptos::mount::mount_to(container, move || view! { <App api_base=api_base /> }).forget();
    Ok(())
}
