//! The Shopify app configuration and theme app extension in `www/shopify` follow Shopify's
//! documented layout, schema and limits, so `shopify app deploy` accepts them:
//!
//! - app configuration: <https://shopify.dev/docs/apps/build/cli-for-apps/app-configuration>
//! - app proxies: <https://shopify.dev/docs/apps/build/online-store/app-proxies>
//! - theme app extensions (file structure, block schema, limits):
//!   <https://shopify.dev/docs/apps/build/online-store/theme-app-extensions/configuration>
//! - input settings: <https://shopify.dev/docs/storefronts/themes/architecture/settings/input-settings>
//! - locale files: <https://shopify.dev/docs/storefronts/themes/architecture/locales>
//!
//! Each test collects every problem it finds, naming the file and key, before it fails.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const SHOPIFY_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/shopify");
const EXTENSION_DIR: &str = "extensions/wismo-chat";
/// The app embed block that renders the loader.
const EMBED_BLOCK: &str = "blocks/wismo-chat.liquid";
/// Where the proxy's app proxy routes live (proxy/CONFIG.md) and the webhook endpoint.
const PROXY_PATH: &str = "/apps/wismo";
const WEBHOOK_URI: &str = "/webhooks/shopify";

/// Subpath prefixes Shopify offers for an app proxy.
const PROXY_PREFIXES: [&str; 4] = ["apps", "a", "community", "tools"];
/// Values of an app or app embed block's `target`.
const BLOCK_TARGETS: [&str; 4] = ["section", "head", "compliance_head", "body"];
const EMBED_TARGETS: [&str; 3] = ["head", "compliance_head", "body"];
/// Attributes an app block or app embed block schema supports.
const BLOCK_ATTRIBUTES: [&str; 11] = [
    "name",
    "target",
    "javascript",
    "stylesheet",
    "enabled_on",
    "disabled_on",
    "class",
    "tag",
    "settings",
    "default",
    "available_if",
];
/// Basic and specialized input setting types usable in an app block. `color_scheme` is not
/// supported in app blocks; `color_scheme_group` and `color_palette` only in `settings_schema.json`.
const INPUT_TYPES: [&str; 30] = [
    "checkbox",
    "number",
    "radio",
    "range",
    "select",
    "text",
    "textarea",
    "article",
    "article_list",
    "blog",
    "collection",
    "collection_list",
    "color",
    "color_background",
    "font_picker",
    "html",
    "image_picker",
    "inline_richtext",
    "link_list",
    "liquid",
    "metaobject",
    "metaobject_list",
    "page",
    "product",
    "product_list",
    "richtext",
    "text_alignment",
    "url",
    "video",
    "video_url",
];
/// Sidebar settings: informational, with `content` instead of `id` and `label`.
const SIDEBAR_TYPES: [&str; 2] = ["header", "paragraph"];

/// Files allowed in each extension directory, by extension (Shopify CLI's deploy validation).
const DIRECTORIES: [(&str, &[&str]); 4] = [
    (
        "assets",
        &["jpg", "jpeg", "json", "js", "css", "png", "svg", "wasm"],
    ),
    ("blocks", &["liquid"]),
    ("snippets", &["liquid"]),
    ("locales", &["json"]),
];
/// Files allowed at the extension's root.
const ROOT_FILES: [&str; 2] = ["shopify.extension.toml", "package.json"];

// Enforced limits ("KB" and "MB" read as powers of 1000, the stricter reading).
const MAX_EXTENSION_BYTES: u64 = 10_000_000;
const MAX_LIQUID_BYTES: u64 = 100_000;
const MAX_BLOCKS: usize = 30;
const MAX_LOCALE_FILES: usize = 100;
const MAX_LOCALE_FILE_BYTES: u64 = 15_000;
/// Block names should stay under this many characters to fit the theme editor's sidebar.
const BLOCK_NAME_LIMIT: usize = 25;

fn read(rel: &str) -> String {
    let path = Path::new(SHOPIFY_DIR).join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read www/shopify/{rel}: {e}"))
}

fn read_toml(rel: &str) -> toml::Table {
    read(rel)
        .parse()
        .unwrap_or_else(|e| panic!("www/shopify/{rel} is not valid TOML: {e}"))
}

fn extension_file(rel: &str) -> String {
    format!("{EXTENSION_DIR}/{rel}")
}

fn report(what: &str, errors: &[String]) {
    assert!(errors.is_empty(), "{what}:\n  {}", errors.join("\n  "));
}

/// Every file under `dir`, recursively, relative to it with `/` separators.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {dir:?}: {e}"));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under the root");
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn extension_files(dir: &str) -> Vec<String> {
    let root = Path::new(SHOPIFY_DIR).join(EXTENSION_DIR);
    files_under(&root)
        .into_iter()
        .filter(|f| f.starts_with(&format!("{dir}/")))
        .collect()
}

fn file_size(rel: &str) -> u64 {
    let path: PathBuf = [SHOPIFY_DIR, EXTENSION_DIR, rel].iter().collect();
    fs::metadata(&path)
        .unwrap_or_else(|e| panic!("cannot stat {path:?}: {e}"))
        .len()
}

/// The byte range of the Liquid tag `{% name %}` (with or without `-` whitespace control)
/// at or after `from`.
fn find_tag(src: &str, name: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(offset) = src[at..].find("{%") {
        let start = at + offset;
        let end = start + src[start..].find("%}")? + 2;
        if src[start + 2..end - 2].trim_matches('-').trim() == name {
            return Some((start, end));
        }
        at = end;
    }
    None
}

/// Splits a block file into its Liquid markup and the JSON inside `{% schema %}…{% endschema %}`.
fn split_schema(src: &str) -> Result<(String, &str), &'static str> {
    let (open_start, open_end) = find_tag(src, "schema", 0).ok_or("has no {% schema %} tag")?;
    let (close_start, close_end) =
        find_tag(src, "endschema", open_end).ok_or("never closes {% schema %}")?;
    if find_tag(src, "schema", close_end).is_some() {
        return Err("has more than one {% schema %} tag");
    }
    let markup = format!("{}{}", &src[..open_start], &src[close_end..]);
    Ok((markup, &src[open_end..close_start]))
}

/// A block's Liquid markup and parsed schema, panicking with the file name if either is missing.
fn block(rel: &str) -> (String, Value) {
    let src = read(&extension_file(rel));
    let (markup, json) = split_schema(&src).unwrap_or_else(|e| panic!("{rel} {e}"));
    let schema = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("{rel}: the {{% schema %}} is not valid JSON: {e}"));
    (markup, schema)
}

/// Every locale file, parsed, by file name.
fn locales() -> BTreeMap<String, Value> {
    extension_files("locales")
        .into_iter()
        .filter(|f| f.ends_with(".json"))
        .map(|f| {
            let json = serde_json::from_str(&read(&extension_file(&f)))
                .unwrap_or_else(|e| panic!("{f} is not valid JSON: {e}"));
            (f.trim_start_matches("locales/").to_string(), json)
        })
        .collect()
}

fn is_schema_locale(name: &str) -> bool {
    name.ends_with(".schema.json")
}

/// Looks up a dotted translation key such as `blocks.wismo_chat.name`.
fn lookup<'a>(json: &'a Value, key: &str) -> Option<&'a str> {
    key.split('.')
        .try_fold(json, |node, part| node.get(part))
        .and_then(Value::as_str)
}

/// The keys of every translation string in a locale file; anything but objects and strings is
/// reported.
fn leaf_keys(json: &Value, prefix: &str, out: &mut BTreeSet<String>, errors: &mut Vec<String>) {
    match json {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                leaf_keys(value, &path, out, errors);
            }
        }
        Value::String(_) => {
            out.insert(prefix.to_string());
        }
        other => errors.push(format!("{prefix}: {other} is not a string or an object")),
    }
}

/// Every `t:` reference in a schema, without the `t:`.
fn schema_translation_keys(json: &Value, out: &mut BTreeSet<String>) {
    match json {
        Value::String(s) => {
            if let Some(key) = s.strip_prefix("t:") {
                out.insert(key.to_string());
            }
        }
        Value::Array(items) => items.iter().for_each(|v| schema_translation_keys(v, out)),
        Value::Object(map) => map.values().for_each(|v| schema_translation_keys(v, out)),
        _ => {}
    }
}

/// Every storefront translation key used as `'key' | t` in Liquid markup.
fn storefront_translation_keys(markup: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (pipe, _) in markup.match_indices('|') {
        let filter = markup[pipe + 1..].trim_start();
        let is_t = filter.starts_with('t')
            && !filter[1..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
        let input = markup[..pipe].trim_end();
        let Some(quote) = input.chars().last().filter(|c| *c == '\'' || *c == '"') else {
            continue;
        };
        let quoted = &input[..input.len() - 1];
        if let (true, Some(open)) = (is_t, quoted.rfind(quote)) {
            keys.insert(quoted[open + 1..].to_string());
        }
    }
    keys
}

/// The end of the Liquid output or tag starting at `at`, or `at` if none starts there.
fn skip_liquid(src: &str, at: usize) -> usize {
    let close = match src.get(at..at + 2) {
        Some("{{") => "}}",
        Some("{%") => "%}",
        _ => return at,
    };
    src[at..].find(close).map_or(src.len(), |end| at + end + 2)
}

/// The opening `<script …>` tags in Liquid markup (quotes and Liquid may contain `>`).
fn script_tags(markup: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    for (start, _) in markup.match_indices("<script") {
        let (mut at, mut quoted) = (start, false);
        while at < markup.len() {
            let next = skip_liquid(markup, at);
            if next > at {
                at = next;
                continue;
            }
            match markup.as_bytes()[at] {
                b'"' => quoted = !quoted,
                b'>' if !quoted => break,
                _ => {}
            }
            at += 1;
        }
        tags.push(&markup[start..(at + 1).min(markup.len())]);
    }
    tags
}

/// The value of `name="…"` in an HTML tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let mut at = start;
    while at < tag.len() && tag.as_bytes()[at] != b'"' {
        at = skip_liquid(tag, at).max(at + 1);
    }
    Some(&tag[start..at])
}

/// Whether an HTML tag has the valueless attribute `name`.
fn has_flag(tag: &str, name: &str) -> bool {
    tag.match_indices(name).any(|(at, _)| {
        let before = tag[..at].chars().last();
        let after = tag[at + name.len()..].chars().next();
        before.is_some_and(char::is_whitespace)
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '=')
    })
}

/// Whether an attribute value is one Liquid output whose last filter is `escape`.
fn is_escaped_output(value: &str) -> bool {
    let Some(inner) = value
        .trim()
        .strip_prefix("{{")
        .and_then(|v| v.strip_suffix("}}"))
    else {
        return false;
    };
    let inner = inner.trim_matches('-');
    !inner.contains("}}") && inner.rsplit('|').next().map(str::trim) == Some("escape")
}

fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|hex| {
        [3, 6, 8].contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
}

fn is_setting_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_id_char)
}

fn str_list<'a>(table: &'a toml::Table, key: &str) -> Vec<&'a str> {
    table
        .get(key)
        .and_then(toml::Value::as_array)
        .map(|items| items.iter().filter_map(toml::Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn the_app_configuration_has_the_documented_keys_and_a_valid_app_proxy() {
    let file = "shopify.app.toml";
    let app = read_toml(file);
    let mut errors = Vec::new();

    for key in ["name", "client_id", "application_url"] {
        match app.get(key).and_then(toml::Value::as_str) {
            Some(value) if !value.trim().is_empty() => {}
            _ => errors.push(format!("{file}: `{key}` must be a non-empty string")),
        }
    }
    let url = app.get("application_url").and_then(toml::Value::as_str);
    if !url.is_some_and(|u| u.starts_with("https://")) {
        errors.push(format!("{file}: `application_url` must be an https URL"));
    }
    if !app.get("embedded").is_some_and(toml::Value::is_bool) {
        errors.push(format!(
            "{file}: `embedded` is required and must be a boolean"
        ));
    }

    let scopes = app
        .get("access_scopes")
        .and_then(|s| s.get("scopes"))
        .and_then(toml::Value::as_str);
    match scopes {
        None => errors.push(format!("{file}: `access_scopes.scopes` must be a string")),
        Some(scopes) => {
            let scopes: BTreeSet<_> = scopes.split(',').map(str::trim).collect();
            // The proxy's reads and actions, the webhooks' data, and the app proxy itself.
            for needed in [
                "read_orders",
                "write_orders",
                "read_customers",
                "read_fulfillments",
                "write_app_proxy",
            ] {
                if !scopes.contains(needed) {
                    errors.push(format!("{file}: `access_scopes.scopes` lacks {needed}"));
                }
            }
        }
    }

    match app.get("app_proxy").and_then(toml::Value::as_table) {
        None => errors.push(format!("{file}: the `[app_proxy]` table is missing")),
        Some(proxy) => {
            for key in ["url", "subpath", "prefix"] {
                if !proxy.get(key).is_some_and(toml::Value::is_str) {
                    errors.push(format!("{file}: `app_proxy.{key}` must be a string"));
                }
            }
            let get = |key: &str| proxy.get(key).and_then(toml::Value::as_str).unwrap_or("");
            if !PROXY_PREFIXES.contains(&get("prefix")) {
                errors.push(format!(
                    "{file}: `app_proxy.prefix` {:?} is not one of {PROXY_PREFIXES:?}",
                    get("prefix")
                ));
            }
            let subpath = get("subpath");
            if subpath.is_empty() || subpath.contains('/') {
                errors.push(format!(
                    "{file}: `app_proxy.subpath` {subpath:?} must be one path segment"
                ));
            }
            // The proxy's routes are under /apps/wismo; a relative url is joined to
            // application_url.
            let target = get("url");
            let path = target
                .strip_prefix("https://")
                .map_or(target, |rest| rest.find('/').map_or("", |i| &rest[i..]));
            if path.trim_end_matches('/') != PROXY_PATH {
                errors.push(format!(
                    "{file}: `app_proxy.url` {target:?} must be https://HOST{PROXY_PATH}"
                ));
            }
        }
    }

    let webhooks = app.get("webhooks").and_then(toml::Value::as_table);
    let version = webhooks
        .and_then(|w| w.get("api_version"))
        .and_then(toml::Value::as_str)
        .unwrap_or("");
    let quarterly = version.len() == 7
        && version[..4].chars().all(|c| c.is_ascii_digit())
        && ["-01", "-04", "-07", "-10"].contains(&&version[4..]);
    if !quarterly {
        errors.push(format!(
            "{file}: `webhooks.api_version` {version:?} is not a YYYY-MM release (01, 04, 07, 10)"
        ));
    }
    let subscriptions = webhooks
        .and_then(|w| w.get("subscriptions"))
        .and_then(toml::Value::as_array)
        .map(|s| {
            s.iter()
                .filter_map(toml::Value::as_table)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    if subscriptions.is_empty() {
        errors.push(format!("{file}: no `[[webhooks.subscriptions]]`"));
    }
    let compliance = ["customers/data_request", "customers/redact", "shop/redact"];
    let (mut topics, mut compliance_topics) = (BTreeSet::new(), BTreeSet::new());
    for (i, sub) in subscriptions.iter().enumerate() {
        let uri = sub.get("uri").and_then(toml::Value::as_str);
        if uri != Some(WEBHOOK_URI) {
            errors.push(format!(
                "{file}: webhooks.subscriptions[{i}].uri is {uri:?}, not {WEBHOOK_URI:?}"
            ));
        }
        if str_list(sub, "topics").is_empty() && str_list(sub, "compliance_topics").is_empty() {
            errors.push(format!(
                "{file}: webhooks.subscriptions[{i}] has no topics or compliance_topics"
            ));
        }
        topics.extend(str_list(sub, "topics"));
        compliance_topics.extend(str_list(sub, "compliance_topics"));
    }
    for topic in [
        "orders/create",
        "orders/updated",
        "orders/fulfilled",
        "fulfillments/create",
        "fulfillments/update",
    ] {
        if !topics.contains(topic) {
            errors.push(format!("{file}: no webhook subscription to {topic}"));
        }
    }
    for topic in compliance {
        if !compliance_topics.contains(topic) {
            errors.push(format!(
                "{file}: {topic} is missing from `compliance_topics`"
            ));
        }
        if topics.contains(topic) {
            errors.push(format!(
                "{file}: {topic} belongs in `compliance_topics`, not `topics`"
            ));
        }
    }
    for topic in &compliance_topics {
        if !compliance.contains(topic) {
            errors.push(format!("{file}: {topic} is not a compliance topic"));
        }
    }

    report(
        "shopify.app.toml does not match Shopify's app configuration",
        &errors,
    );
}

#[test]
fn the_extension_is_a_theme_extension() {
    let file = extension_file("shopify.extension.toml");
    let extension = read_toml(&file);
    let mut errors = Vec::new();
    match extension.get("name").and_then(toml::Value::as_str) {
        Some(name) if !name.trim().is_empty() => {}
        _ => errors.push(format!("{file}: `name` must be a non-empty string")),
    }
    let kind = extension.get("type").and_then(toml::Value::as_str);
    if kind != Some("theme") {
        errors.push(format!("{file}: `type` is {kind:?}, not \"theme\""));
    }
    if extension.get("handle").is_some_and(|h| !h.is_str()) {
        errors.push(format!("{file}: `handle` must be a string"));
    }
    report("the extension's configuration is wrong", &errors);
}

#[test]
fn extension_files_sit_in_documented_directories_within_the_size_limits() {
    let root = Path::new(SHOPIFY_DIR).join(EXTENSION_DIR);
    let mut errors = Vec::new();
    let (mut total, mut liquid, mut blocks, mut locale_files) = (0, 0, 0, 0);

    for rel in files_under(&root) {
        let size = file_size(&rel);
        total += size;
        let (dir, name) = match rel.split_once('/') {
            None if ROOT_FILES.contains(&rel.as_str()) => continue,
            None => {
                errors.push(format!(
                    "{EXTENSION_DIR}/{rel}: only {ROOT_FILES:?} may sit at the extension's root"
                ));
                continue;
            }
            Some(parts) => parts,
        };
        let Some((_, extensions)) = DIRECTORIES.iter().find(|(d, _)| *d == dir) else {
            errors.push(format!(
                "{EXTENSION_DIR}/{rel}: {dir}/ is not one of assets/, blocks/, snippets/, locales/"
            ));
            continue;
        };
        let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
        if name.contains('/') || !extensions.contains(&extension) {
            errors.push(format!(
                "{EXTENSION_DIR}/{rel}: {dir}/ holds only files directly inside it ending in {extensions:?}"
            ));
        }
        if matches!(dir, "blocks" | "snippets") {
            liquid += size;
        }
        if dir == "blocks" {
            blocks += 1;
        }
        if dir == "locales" {
            locale_files += 1;
            if size > MAX_LOCALE_FILE_BYTES {
                errors.push(format!(
                    "{EXTENSION_DIR}/{rel}: {size} bytes, over the {MAX_LOCALE_FILE_BYTES}-byte locale file limit"
                ));
            }
        }
    }

    if total > MAX_EXTENSION_BYTES {
        errors.push(format!(
            "{EXTENSION_DIR}: {total} bytes in all, over {MAX_EXTENSION_BYTES}"
        ));
    }
    if liquid > MAX_LIQUID_BYTES {
        errors.push(format!(
            "{EXTENSION_DIR}: {liquid} bytes of Liquid, over {MAX_LIQUID_BYTES}"
        ));
    }
    if blocks == 0 || blocks > MAX_BLOCKS {
        errors.push(format!(
            "{EXTENSION_DIR}/blocks: {blocks} blocks, not 1 to {MAX_BLOCKS}"
        ));
    }
    if locale_files > MAX_LOCALE_FILES {
        errors.push(format!(
            "{EXTENSION_DIR}/locales: {locale_files} files, over {MAX_LOCALE_FILES}"
        ));
    }
    report("the extension breaks Shopify's file rules", &errors);
}

/// Checks one entry of a block's `settings`, adding its id to `ids`.
fn check_setting(at: &str, setting: &Value, ids: &mut BTreeSet<String>, errors: &mut Vec<String>) {
    let kind = setting["type"].as_str().unwrap_or("");
    if SIDEBAR_TYPES.contains(&kind) {
        if !setting["content"].is_string() {
            errors.push(format!("{at}: a {kind} setting needs `content`"));
        }
        return;
    }
    if !INPUT_TYPES.contains(&kind) {
        errors.push(format!(
            "{at}: `type` {kind:?} is not an input setting type an app block supports"
        ));
    }
    match setting["id"].as_str() {
        Some(id) if is_setting_id(id) => {
            if !ids.insert(id.to_string()) {
                errors.push(format!("{at}: `id` {id:?} is used twice"));
            }
        }
        id => errors.push(format!("{at}: `id` {id:?} must match ^[a-z0-9_]+$")),
    }
    if setting["label"].as_str().is_none_or(str::is_empty) {
        errors.push(format!("{at}: `label` is required"));
    }
    if !(setting["info"].is_null() || setting["info"].is_string()) {
        errors.push(format!("{at}: `info` must be a string"));
    }

    let default = &setting["default"];
    match kind {
        "select" | "radio" => {
            let options = setting["options"].as_array().cloned().unwrap_or_default();
            if options.is_empty() {
                errors.push(format!("{at}: a {kind} setting needs `options`"));
            }
            let mut values = BTreeSet::new();
            for (i, option) in options.iter().enumerate() {
                let value = option["value"].as_str();
                if value.is_none() || !option["label"].is_string() {
                    errors.push(format!(
                        "{at}: options[{i}] needs a string `value` and `label`"
                    ));
                }
                if let Some(value) = value {
                    if !values.insert(value) {
                        errors.push(format!("{at}: option value {value:?} is repeated"));
                    }
                }
            }
            if !default.is_null() && !default.as_str().is_some_and(|d| values.contains(d)) {
                errors.push(format!(
                    "{at}: `default` {default} is not one of its option values"
                ));
            }
        }
        "color" if !default.is_null() && !default.as_str().is_some_and(is_hex_colour) => {
            errors.push(format!("{at}: `default` {default} is not a hex colour"));
        }
        "url"
            if !default.is_null()
                && !matches!(default.as_str(), Some("/collections" | "/collections/all")) =>
        {
            errors.push(format!(
                "{at}: a url `default` can only be \"/collections\" or \"/collections/all\""
            ));
        }
        "checkbox" if !default.is_null() && !default.is_boolean() => {
            errors.push(format!("{at}: `default` must be a boolean"));
        }
        "number" if !default.is_null() && !default.is_number() => {
            errors.push(format!("{at}: `default` must be a number"));
        }
        "range" => {
            let (min, max) = (setting["min"].as_f64(), setting["max"].as_f64());
            match (min, max, default.as_f64()) {
                (Some(min), Some(max), Some(d)) if min < max && (min..=max).contains(&d) => {}
                _ => errors.push(format!(
                    "{at}: a range needs numeric `min` < `max` and a `default` between them"
                )),
            }
        }
        "text" | "textarea" if !default.is_null() && !default.is_string() => {
            errors.push(format!("{at}: `default` must be a string"));
        }
        _ => {}
    }
}

#[test]
fn block_schemas_follow_the_documented_schema_and_every_translation_resolves() {
    let app_name = read_toml("shopify.app.toml")
        .get("name")
        .and_then(toml::Value::as_str)
        .unwrap_or_default()
        .to_lowercase();
    let locales = locales();
    let schema_locales: Vec<_> = locales
        .iter()
        .filter(|(name, _)| is_schema_locale(name))
        .collect();
    let assets = extension_files("assets");
    let mut errors = Vec::new();
    assert!(
        !schema_locales.is_empty(),
        "{EXTENSION_DIR}/locales has no *.schema.json file"
    );

    for rel in extension_files("blocks") {
        let (_, schema) = block(&rel);
        let Some(attributes) = schema.as_object() else {
            errors.push(format!("{rel}: the schema must be a JSON object"));
            continue;
        };
        for key in attributes.keys() {
            if !BLOCK_ATTRIBUTES.contains(&key.as_str()) {
                errors.push(format!("{rel}: `{key}` is not a block schema attribute"));
            }
        }

        let target = schema["target"].as_str().unwrap_or("");
        if !BLOCK_TARGETS.contains(&target) {
            errors.push(format!(
                "{rel}: `target` {target:?} is not one of {BLOCK_TARGETS:?}"
            ));
        }
        if rel == EMBED_BLOCK && target != "body" {
            errors.push(format!(
                "{rel}: the chat is an app embed before </body>: `target` must be \"body\" (embeds take {EMBED_TARGETS:?})"
            ));
        }
        if attributes.contains_key("enabled_on") && attributes.contains_key("disabled_on") {
            errors.push(format!(
                "{rel}: use only one of `enabled_on` and `disabled_on`"
            ));
        }
        for key in ["javascript", "stylesheet"] {
            if let Some(file) = attributes.get(key) {
                let asset = file.as_str().map(|f| format!("assets/{f}"));
                if !asset.is_some_and(|a| assets.contains(&a)) {
                    errors.push(format!("{rel}: `{key}` {file} is not a file in assets/"));
                }
            }
        }

        // The name, as every schema locale shows it, must be short and leave out the app's name.
        match schema["name"].as_str() {
            None => errors.push(format!("{rel}: `name` is required")),
            Some(name) => {
                let shown: Vec<(&str, Option<&str>)> = match name.strip_prefix("t:") {
                    Some(key) => schema_locales
                        .iter()
                        .map(|(file, json)| (file.as_str(), lookup(json, key)))
                        .collect(),
                    None => vec![("the schema", Some(name))],
                };
                for (file, name) in shown {
                    let Some(name) = name else { continue };
                    if name.chars().count() >= BLOCK_NAME_LIMIT {
                        errors.push(format!(
                            "{rel}: `name` in {file} ({name:?}) is not under {BLOCK_NAME_LIMIT} characters"
                        ));
                    }
                    if !app_name.is_empty() && name.to_lowercase().contains(&app_name) {
                        errors.push(format!(
                            "{rel}: `name` in {file} ({name:?}) repeats the app's name"
                        ));
                    }
                }
            }
        }

        let settings = match &schema["settings"] {
            Value::Null => Vec::new(),
            Value::Array(settings) => settings.clone(),
            _ => {
                errors.push(format!("{rel}: `settings` must be an array"));
                Vec::new()
            }
        };
        let mut ids = BTreeSet::new();
        for (i, setting) in settings.iter().enumerate() {
            let id = setting["id"].as_str().unwrap_or("?");
            check_setting(
                &format!("{rel}: settings[{i}] ({id})"),
                setting,
                &mut ids,
                &mut errors,
            );
        }

        let mut keys = BTreeSet::new();
        schema_translation_keys(&schema, &mut keys);
        for key in &keys {
            for (file, json) in &schema_locales {
                if lookup(json, key).is_none() {
                    errors.push(format!("{rel}: t:{key} has no string in locales/{file}"));
                }
            }
        }
    }
    report("a block schema breaks Shopify's rules", &errors);
}

#[test]
fn locale_files_are_strict_json_with_the_same_keys_in_every_language() {
    let locales = locales();
    let mut errors = Vec::new();

    for language in ["en", "es", "fr", "de"] {
        for kind in ["json", "schema.json"] {
            let names = [
                format!("{language}.{kind}"),
                format!("{language}.default.{kind}"),
            ];
            if !locales.keys().any(|f| names.contains(f)) {
                errors.push(format!("locales/{language}.{kind} is missing"));
            }
        }
    }

    // One default file per kind; every other file of that kind has exactly its keys.
    for schema in [false, true] {
        let files: Vec<_> = locales
            .iter()
            .filter(|(name, _)| is_schema_locale(name) == schema)
            .collect();
        let suffix = if schema {
            ".default.schema.json"
        } else {
            ".default.json"
        };
        let defaults: Vec<_> = files.iter().filter(|(n, _)| n.ends_with(suffix)).collect();
        let [(default_name, default_json)] = defaults[..] else {
            errors.push(format!(
                "locales/ needs exactly one *{suffix} file, has {}",
                defaults.len()
            ));
            continue;
        };
        let mut expected = BTreeSet::new();
        leaf_keys(default_json, "", &mut expected, &mut errors);
        for (name, json) in &files {
            let tag = name.split('.').next().unwrap_or("");
            let well_named = tag.len() >= 2
                && tag
                    .split('-')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
            if !well_named {
                errors.push(format!("locales/{name}: not named after a language tag"));
            }
            let mut keys = BTreeSet::new();
            let mut shape_errors = Vec::new();
            leaf_keys(json, "", &mut keys, &mut shape_errors);
            errors.extend(
                shape_errors
                    .into_iter()
                    .map(|e| format!("locales/{name}: {e}")),
            );
            for key in expected.difference(&keys) {
                errors.push(format!(
                    "locales/{name}: `{key}` is missing ({default_name} has it)"
                ));
            }
            for key in keys.difference(&expected) {
                errors.push(format!("locales/{name}: `{key}` is not in {default_name}"));
            }
        }
    }

    // Storefront strings the blocks' Liquid translates exist in every storefront locale.
    for rel in extension_files("blocks") {
        let (markup, _) = block(&rel);
        for key in storefront_translation_keys(&markup) {
            for (name, json) in locales.iter().filter(|(n, _)| !is_schema_locale(n)) {
                if lookup(json, &key).is_none() {
                    errors.push(format!(
                        "{rel}: '{key}' | t has no string in locales/{name}"
                    ));
                }
            }
        }
    }
    report("the locale files are inconsistent", &errors);
}

#[test]
fn the_app_embed_renders_one_escaped_loader_script_under_the_app_proxy() {
    let app = read_toml("shopify.app.toml");
    let proxy = app.get("app_proxy").and_then(toml::Value::as_table);
    let proxy_value = |key: &str| {
        proxy
            .and_then(|p| p.get(key))
            .and_then(toml::Value::as_str)
            .unwrap_or("?")
    };
    let loader_dir = format!("/{}/{}/", proxy_value("prefix"), proxy_value("subpath"));
    let (markup, schema) = block(EMBED_BLOCK);
    let rel = EMBED_BLOCK;
    let mut errors = Vec::new();

    for object in [
        "content_for_header",
        "content_for_index",
        "content_for_layout",
    ] {
        if markup.contains(object) {
            errors.push(format!("{rel}: theme app extensions cannot use `{object}`"));
        }
    }

    let tags = script_tags(&markup);
    let [tag] = tags[..] else {
        report(
            "the embed must render exactly one script",
            &[format!("{rel}: renders {} <script> tags", tags.len())],
        );
        return;
    };
    let src = attribute(tag, "src");
    if src != Some("/apps/wismo/wismo.js") {
        errors.push(format!(
            "{rel}: the script's src is {src:?}, not \"/apps/wismo/wismo.js\""
        ));
    }
    if !src.is_some_and(|s| s.starts_with(&loader_dir)) {
        errors.push(format!(
            "{rel}: the script's src {src:?} is not under the app proxy path {loader_dir} of shopify.app.toml"
        ));
    }
    for flag in ["defer", "data-app-proxy"] {
        if !has_flag(tag, flag) {
            errors.push(format!("{rel}: the script lacks `{flag}`"));
        }
    }
    for name in [
        "data-shop",
        "data-accent",
        "data-position",
        "data-greeting",
        "data-fallback-url",
        "data-locale",
    ] {
        match attribute(tag, name) {
            None => errors.push(format!("{rel}: the script lacks `{name}`")),
            Some(value) if !is_escaped_output(value) => errors.push(format!(
                "{rel}: `{name}` is {value:?}, not one Liquid output ending in `| escape`"
            )),
            Some(_) => {}
        }
    }
    for (name, object) in [
        ("data-shop", "shop.permanent_domain"),
        ("data-locale", "request.locale.iso_code"),
    ] {
        if !attribute(tag, name).is_some_and(|v| v.contains(object)) {
            errors.push(format!("{rel}: `{name}` must come from `{object}`"));
        }
    }
    if !tag.contains("{% if customer %}data-customer{% endif %}") {
        errors.push(format!(
            "{rel}: `data-customer` must be set exactly when a customer is logged in"
        ));
    }

    // Every setting is read by the markup, and the markup reads no setting the schema lacks.
    let ids: BTreeSet<&str> = schema["settings"]
        .as_array()
        .map(|s| s.iter().filter_map(|s| s["id"].as_str()).collect())
        .unwrap_or_default();
    let used: BTreeSet<&str> = markup
        .match_indices("block.settings.")
        .map(|(at, prefix)| {
            let rest = &markup[at + prefix.len()..];
            let end = rest.find(|c| !is_id_char(c)).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect();
    for id in ids.difference(&used) {
        errors.push(format!("{rel}: setting `{id}` is never read"));
    }
    for id in used.difference(&ids) {
        errors.push(format!("{rel}: block.settings.{id} is not in the schema"));
    }
    report("the app embed's loader script is wrong", &errors);
}

#[test]
fn the_schema_extraction_finds_exactly_one_schema() {
    let src = "a{%- schema -%}{\"x\":1}{% endschema %}b";
    let (markup, json) = split_schema(src).expect("one schema");
    assert_eq!((markup.as_str(), json), ("ab", "{\"x\":1}"));
    assert!(split_schema("{% schema %}{}").is_err());
    assert!(split_schema("{% schema %}{}{% endschema %}{% schema %}{}{% endschema %}").is_err());
    assert!(split_schema("no schema").is_err());
    assert!(is_escaped_output("{{ block.settings.accent | escape }}"));
    assert!(!is_escaped_output("{{ block.settings.accent }}"));
    assert!(!is_escaped_output("{{ a | escape }}{{ b }}"));
    assert_eq!(
        storefront_translation_keys("{{ 'a.b' | t }} {{ x | times: 2 }} {{ \"c\" | t | escape }}"),
        BTreeSet::from(["a.b".to_string(), "c".to_string()])
    );
}
