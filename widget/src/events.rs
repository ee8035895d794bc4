//! DOM events the merchant's page (or its analytics) can listen to on `window`: `wismo:ready`
//! when the widget is drawn, `wismo:open` and `wismo:close`, and `wismo:answered` with what was
//! answered (`situation`, `intent`, `order`, `handoff`) in `event.detail`.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit};

/// Dispatches `name` on `window` with `detail`; a page without listeners costs nothing.
pub fn emit(name: &str, detail: &impl Serialize) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Plain objects (not Maps), as a listener expects of `event.detail`.
    let detail = detail
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}
