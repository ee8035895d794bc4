//! The agent sidebar: beside a ticket, the requester's orders with their reconciled situation,
//! the evidence and its freshness, the carrier's raw scans, the conversation on every channel,
//! a suggested reply inserted with one click, and the actions the policy allows (those above the
//! value limit wait for the agent's approval). It reaches the proxy only through the helpdesk's
//! `host` (Zendesk's ZAFClient in `www/zendesk/assets/sidebar.js`, or the demo's stand-in), which
//! signs each request with the app's JWT, so no secret ever reaches this code.

mod api;
mod view;

use api::Host;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// The sidebar's styles (light DOM: the sidebar owns its iframe).
const CSS: &str = r#"
:root{--accent:#1f73b7}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#2f3941;background:#fff}
#wismo-agent{padding:8px}
h1{font-size:15px;margin:0 0 2px}h2{font-size:14px;margin:0}h3{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#68737d;margin:10px 0 4px}
.who{margin:0 0 8px;color:#68737d;overflow-wrap:anywhere}
.handoff{border-left:4px solid #cc3340;background:#fff0f1;padding:6px 8px;margin:0 0 8px}
.order{border:1px solid #d8dcde;border-radius:6px;padding:8px;margin:0 0 10px}
.order.problem{border-color:#f79a3e}
.badge{display:inline-block;font-size:11px;font-weight:600;border-radius:4px;padding:1px 6px;background:#edf7ff;color:#144a75;margin-left:4px}
.order.problem .badge{background:#fff0e0;color:#7a3d0c}
.sentence{margin:4px 0}
.facts{margin:0;padding-left:16px;color:#49545c}
.facts .age{color:#68737d}
details{margin:6px 0}summary{cursor:pointer;font-weight:600;color:#1f73b7}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{text-align:left;padding:2px 4px;border-bottom:1px solid #e9ebed;vertical-align:top}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.reply{white-space:pre-wrap;background:#f8f9f9;border:1px solid #e9ebed;border-radius:4px;padding:6px;margin:0 0 6px}
button{font:inherit;font-weight:600;border:1px solid #1f73b7;background:#1f73b7;color:#fff;border-radius:4px;padding:5px 10px;cursor:pointer;min-height:32px}
button.secondary{background:#fff;color:#1f73b7}
button:disabled{opacity:.55;cursor:default}
button:focus-visible,summary:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.action{border-top:1px solid #e9ebed;padding:6px 0}
.action p{margin:2px 0}.value{font-weight:600}
.action label{display:block;margin:4px 0}
.action input[type=text]{width:100%;font:inherit;padding:4px 6px;border:1px solid #87929d;border-radius:4px}
.result{margin:4px 0 0;font-weight:600}.result.done{color:#038153}.result.failed{color:#cc3340}
.conversation{list-style:none;margin:0;padding:0}.conversation li{margin:4px 0;padding:4px 6px;border-radius:4px;background:#f8f9f9}
.conversation li.in{background:#edf7ff}.conversation .meta{display:block;font-size:11px;color:#68737d}
.status{color:#68737d}
"#;

/// Draws the sidebar into `root` and loads the ticket requester's orders through `host`, which
/// has `requester()`, `request(path, method, body, idempotencyKey)` and `insertReply(text)`.
#[wasm_bindgen]
pub fn mount(root: HtmlElement, host: JsValue) -> Result<(), JsValue> {
    // The core's time zones follow the browser's rules (it carries no database of its own).
    wismo_zone::install();
    let host: Host = host.unchecked_into();
    let document = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("wismo: the root has no document"))?;
    let style = document.create_element("style")?;
    style.set_text_content(Some(&format!("{CSS}{}", wismo_ui::CARD_CSS)));
    document
        .head()
        .ok_or_else(|| JsValue::from_str("wismo: the page has no head"))?
        .append_child(&style)?;
    let started = now_ms();
    leptos::mount::mount_to(root, move || {
        view! { <view::Sidebar host=api::Api::new(host) started=started /> }
    })
    .forget();
    Ok(())
}

/// Milliseconds since the page started, for the first-render measure the tests report.
pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
