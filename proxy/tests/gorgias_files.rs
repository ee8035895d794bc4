//! `www/gorgias/macros.json` holds Gorgias macros as the REST API's `POST /api/macros` takes
//! them (the Macro object: <https://developers.gorgias.com/reference/the-macro-object>), and
//! every variable they read from the HTTP integration
//! (`{{ticket.customer.integrations[ID].orders[N].field}}`, see
//! <https://docs.gorgias.com/macros/macro-variables>) names a field `GET /gorgias/customer`
//! returns. (`proxy/tests/identity_api.rs` checks the widget template's paths against a live
//! answer.)
//!
//! Each test collects every problem it finds, naming the macro and key, before it fails.

use serde_json::Value;
use std::collections::BTreeSet;

const MACROS: &str = include_str!("../../www/gorgias/macros.json");
const README: &str = include_str!("../../www/gorgias/README.md");

/// The placeholder the README tells the merchant to replace with the integration's id.
const PLACEHOLDER: &str = "WISMO_INTEGRATION_ID";
const INTEGRATION_PREFIX: &str = "ticket.customer.integrations[";
/// The fields of each order in `GET /gorgias/customer`'s answer (`GorgiasOrder`).
const ORDER_FIELDS: [&str; 12] = [
    "name",
    "order_number",
    "created_at",
    "status",
    "situation",
    "problem",
    "carriers",
    "tracking_numbers",
    "eta",
    "summary",
    "suggested_reply",
    "sentence",
];
/// The answer's top-level fields.
const TOP_FIELDS: [&str; 3] = ["email", "order_count", "orders"];
/// Intents the Macro object accepts.
const INTENTS: [&str; 24] = [
    "discount/request",
    "exchange/request",
    "exchange/status",
    "feedback",
    "order/damaged",
    "order/cancel",
    "order/change",
    "order/wrong",
    "other/no_reply",
    "other/question",
    "other/thanks",
    "product/recommendation",
    "product/question",
    "refund/request",
    "refund/status",
    "return/request",
    "return/status",
    "shipping/change",
    "shipping/delivery-issue",
    "shipping/policy",
    "shipping/status",
    "stock/request",
    "subscription/cancel",
    "subscription/change",
];

fn macros() -> Vec<Value> {
    let doc: Value = serde_json::from_str(MACROS)
        .unwrap_or_else(|e| panic!("www/gorgias/macros.json is not valid JSON: {e}"));
    doc.as_array()
        .unwrap_or_else(|| panic!("www/gorgias/macros.json must be an array of Macro objects"))
        .clone()
}

/// Whether `v` is a string with something in it.
fn filled(v: &Value) -> bool {
    v.as_str().is_some_and(|s| !s.trim().is_empty())
}

fn report(what: &str, errors: &[String]) {
    assert!(errors.is_empty(), "{what}:\n  {}", errors.join("\n  "));
}

/// Every string in `v`, with its JSON pointer.
fn strings<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((at, s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                strings(item, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// The expressions inside `{{ … }}` in `text`, trimmed, with any `|filter` removed.
fn variables(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            break;
        };
        let expr = after[..close].trim();
        out.push(expr.split('|').next().unwrap_or("").trim());
        rest = &after[close + 2..];
    }
    out
}

/// Checks one `ticket.customer.integrations[…]…` variable: the id is the placeholder (or a
/// number), and the path is a returned field. Returns the order field it reads, if any.
fn check_integration_variable(var: &str, errors: &mut Vec<String>, at: &str) -> Option<String> {
    let inside = &var[INTEGRATION_PREFIX.len()..];
    let Some(close) = inside.find(']') else {
        errors.push(format!("{at}: `{var}` does not close `integrations[`"));
        return None;
    };
    let id = &inside[..close];
    let numeric = !id.is_empty() && id.chars().all(|c| c.is_ascii_digit());
    if id != PLACEHOLDER && !numeric {
        errors.push(format!(
            "{at}: `{var}` names integration `{id}`, not the placeholder {PLACEHOLDER}"
        ));
    }
    let path = inside[close + 1..].strip_prefix('.').unwrap_or("");
    if let Some(order) = path.strip_prefix("orders[") {
        let Some(end) = order.find(']') else {
            errors.push(format!("{at}: `{var}` does not close `orders[`"));
            return None;
        };
        let index = &order[..end];
        if index.parse::<i64>().is_err() {
            errors.push(format!(
                "{at}: `{var}` indexes orders with `{index}`, not a number"
            ));
        }
        let field = order[end + 1..].strip_prefix('.').unwrap_or("");
        if !ORDER_FIELDS.contains(&field) {
            errors.push(format!(
                "{at}: `{var}` reads order field `{field}`, which /gorgias/customer does not return \
                 (it returns {ORDER_FIELDS:?})"
            ));
        }
        Some(field.to_owned())
    } else {
        if !TOP_FIELDS.contains(&path) {
            errors.push(format!(
                "{at}: `{var}` reads `{path}`, which /gorgias/customer does not return"
            ));
        }
        None
    }
}

#[test]
fn every_macro_has_the_documented_shape() {
    let list = macros();
    let mut errors = Vec::new();
    if list.is_empty() {
        errors.push("macros.json holds no macro".to_owned());
    }
    let mut names = BTreeSet::new();
    for (i, m) in list.iter().enumerate() {
        let name = m["name"].as_str().unwrap_or("");
        let at = format!("macros.json /{i} ({name:?})");
        if name.trim().is_empty() {
            errors.push(format!("{at}: `name` must be a non-empty string"));
        } else if !names.insert(name) {
            errors.push(format!("{at}: `name` is used twice"));
        }
        if let Some(intent) = m.get("intent").filter(|v| !v.is_null()) {
            if !intent.as_str().is_some_and(|s| INTENTS.contains(&s)) {
                errors.push(format!(
                    "{at}: `intent` {intent} is not one of the documented intents"
                ));
            }
        }
        if let Some(lang) = m.get("language").filter(|v| !v.is_null()) {
            let ok = lang
                .as_str()
                .is_some_and(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_lowercase()));
            if !ok {
                errors.push(format!("{at}: `language` {lang} is not an ISO 639-1 code"));
            }
        }
        for readonly in ["id", "usage", "uri", "created_datetime", "updated_datetime"] {
            if m.get(readonly).is_some() {
                errors.push(format!("{at}: `{readonly}` is set by Gorgias, not sent"));
            }
        }
        let Some(actions) = m["actions"].as_array().filter(|a| !a.is_empty()) else {
            errors.push(format!("{at}: `actions` must be a non-empty array"));
            continue;
        };
        for (j, a) in actions.iter().enumerate() {
            let aat = format!("{at} /actions/{j}");
            for key in ["name", "title", "type"] {
                if !filled(&a[key]) {
                    errors.push(format!("{aat}: `{key}` must be a non-empty string"));
                }
            }
            if a["type"] != "user" {
                errors.push(format!("{aat}: `type` must be \"user\", not {}", a["type"]));
            }
            if !a["arguments"].is_object() {
                errors.push(format!("{aat}: `arguments` must be an object"));
            }
            match a["name"].as_str() {
                Some("setResponseText") => {
                    for key in ["body_text", "body_html"] {
                        if !filled(&a["arguments"][key]) {
                            errors.push(format!(
                                "{aat}: setResponseText needs `arguments.{key}` as a string"
                            ));
                        }
                    }
                }
                Some("addTags") if !filled(&a["arguments"]["tags"]) => {
                    errors.push(format!("{aat}: addTags needs `arguments.tags` as a string"));
                }
                _ => {}
            }
        }
        if !actions.iter().any(|a| a["name"] == "setResponseText") {
            errors.push(format!(
                "{at}: has no setResponseText action, so it writes no reply"
            ));
        }
    }
    report("www/gorgias/macros.json", &errors);
}

#[test]
fn every_order_field_the_macros_read_is_one_the_endpoint_returns() {
    let mut errors = Vec::new();
    let mut read_by: Vec<(String, BTreeSet<String>)> = Vec::new();
    for (i, m) in macros().iter().enumerate() {
        let name = m["name"].as_str().unwrap_or("").to_owned();
        let mut fields = BTreeSet::new();
        let mut texts = Vec::new();
        strings(m, format!("/{i}"), &mut texts);
        for (pointer, text) in texts {
            let at = format!("macros.json {pointer} ({name:?})");
            if text.contains("integrations.") {
                errors.push(format!(
                    "{at}: reads `integrations.<type>`; HTTP integration data is `integrations[ID]`"
                ));
            }
            for var in variables(text) {
                if var.starts_with(INTEGRATION_PREFIX) {
                    if let Some(field) = check_integration_variable(var, &mut errors, &at) {
                        fields.insert(field);
                    }
                } else if var.contains("orders[") {
                    errors.push(format!(
                        "{at}: `{var}` reads orders but not from the integration"
                    ));
                }
            }
        }
        read_by.push((name, fields));
    }
    // The macros the README promises, with the fields they must use.
    for (name, needed) in [
        (
            "Order status (wismo)",
            &["status", "eta", "tracking_numbers"][..],
        ),
        ("Send the suggested reply (wismo)", &["suggested_reply"][..]),
    ] {
        match read_by.iter().find(|(n, _)| n == name) {
            None => errors.push(format!("macros.json: no macro named {name:?}")),
            Some((_, fields)) => {
                for f in needed {
                    if !fields.contains(*f) {
                        errors.push(format!("macros.json: {name:?} does not insert `{f}`"));
                    }
                }
            }
        }
        if !README.contains(name) {
            errors.push(format!("www/gorgias/README.md does not mention {name:?}"));
        }
    }
    if !README.contains(PLACEHOLDER) {
        errors.push(format!(
            "www/gorgias/README.md does not explain how to replace {PLACEHOLDER}"
        ));
    }
    report("www/gorgias/macros.json variables", &errors);
}
