//! The Zendesk sidebar app in `www/zendesk` follows Zendesk's documented requirements for a
//! ZAF v2 app package, so `zcli apps:validate` and the private app upload accept it:
//!
//! - manifest: <https://developer.zendesk.com/documentation/apps/app-developer-guide/manifest/>
//! - required files, setting types and their translations:
//!   <https://developer.zendesk.com/apps/docs/apps-v2/setup>
//! - listing content in `translations/en.json`:
//!   <https://developer.zendesk.com/documentation/apps/publish-your-app-or-theme/create_content/>
//! - icons: <https://developer.zendesk.com/documentation/apps/publish-your-app-or-theme/create_assets>
//! - ZAF SDK and client: <https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/>
//! - secure settings and JWTs:
//!   <https://developer.zendesk.com/documentation/apps/getting-started/making-api-requests-from-a-zendesk-app/>
//!
//! Each test collects every problem it finds, naming the file and key, before it fails.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const ZENDESK_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/zendesk");
/// The SDK URL the ZAF client API documents (2.0: patch releases arrive without a change here).
const ZAF_SDK: &str = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js";
/// Setting types the setup guide documents for `parameters[].type`.
const PARAMETER_TYPES: [&str; 8] = [
    "text",
    "password",
    "checkbox",
    "url",
    "number",
    "multiline",
    "hidden",
    "oauth",
];
/// Keys every translation file's `app` object holds for the listing and the install page.
const APP_KEYS: [&str; 4] = [
    "name",
    "short_description",
    "long_description",
    "installation_instructions",
];
/// Listing limits from "Create content": the name at most 40 characters, the short description
/// at most 80.
const NAME_LIMIT: usize = 40;
const SHORT_DESCRIPTION_LIMIT: usize = 80;
/// Icons ("Create brand assets"): file, width and height.
const ICONS: [(&str, u32, u32); 2] = [
    ("assets/logo.png", 320, 320),
    ("assets/logo-small.png", 128, 128),
];
/// The settings `sidebar.js` reads, and the one whose value must stay on Zendesk's servers.
const PROXY_URL: &str = "proxy_url";
const JWT_SECRET: &str = "jwt_secret";

fn path(rel: &str) -> std::path::PathBuf {
    Path::new(ZENDESK_DIR).join(rel)
}

fn read(rel: &str) -> String {
    fs::read_to_string(path(rel)).unwrap_or_else(|e| panic!("cannot read www/zendesk/{rel}: {e}"))
}

fn read_json(rel: &str) -> Value {
    serde_json::from_str(&read(rel))
        .unwrap_or_else(|e| panic!("www/zendesk/{rel} is not valid JSON: {e}"))
}

fn report(what: &str, errors: &[String]) {
    assert!(errors.is_empty(), "{what}:\n  {}", errors.join("\n  "));
}

/// A non-empty string at `pointer`, or a problem naming the file and key.
fn string_at<'a>(doc: &'a Value, file: &str, pointer: &str, errors: &mut Vec<String>) -> &'a str {
    match doc.pointer(pointer).and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => s,
        _ => {
            errors.push(format!("{file}: `{pointer}` must be a non-empty string"));
            ""
        }
    }
}

fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

/// A bare host as `domainWhitelist` takes it: no scheme, path or port.
fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn manifest() -> Value {
    read_json("manifest.json")
}

fn parameters(manifest: &Value) -> Vec<Value> {
    manifest["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn the_manifest_has_the_documented_required_keys() {
    let m = manifest();
    let f = "manifest.json";
    let mut errors = Vec::new();
    string_at(&m, f, "/name", &mut errors);
    string_at(&m, f, "/author/name", &mut errors);
    let email = string_at(&m, f, "/author/email", &mut errors);
    if !email.is_empty() && !email.contains('@') {
        errors.push(format!(
            "{f}: `/author/email` {email:?} is not an e-mail address"
        ));
    }
    if let Some(url) = m.pointer("/author/url") {
        if !url.as_str().is_some_and(|u| u.starts_with("https://")) {
            errors.push(format!(
                "{f}: `/author/url` must be an https URL, not {url}"
            ));
        }
    }
    let locale = string_at(&m, f, "/defaultLocale", &mut errors);
    if !locale.is_empty() && !path(&format!("translations/{locale}.json")).is_file() {
        errors.push(format!(
            "{f}: `/defaultLocale` is {locale:?} but translations/{locale}.json is missing"
        ));
    }
    if m["frameworkVersion"] != "2.0" {
        errors.push(format!(
            "{f}: `/frameworkVersion` must be \"2.0\", not {}",
            m["frameworkVersion"]
        ));
    }
    let version = string_at(&m, f, "/version", &mut errors);
    if !version.is_empty() && !is_semver(version) {
        errors.push(format!(
            "{f}: `/version` {version:?} is not MAJOR.MINOR.PATCH"
        ));
    }
    if m["private"] != true {
        errors.push(format!(
            "{f}: `/private` must be true (a private app), not {}",
            m["private"]
        ));
    }
    let sidebar = &m["location"]["support"]["ticket_sidebar"];
    match sidebar["url"].as_str() {
        Some(url) if !url.contains("://") => {
            if !path(url).is_file() {
                errors.push(format!(
                    "{f}: `/location/support/ticket_sidebar/url` is {url:?}, which is not a file under www/zendesk/"
                ));
            }
        }
        other => errors.push(format!(
            "{f}: `/location/support/ticket_sidebar/url` must be a path to a file in the app, not {other:?}"
        )),
    }
    if sidebar["flexible"] != true {
        errors.push(format!(
            "{f}: `/location/support/ticket_sidebar/flexible` must be true (the sidebar is responsive)"
        ));
    }
    report("www/zendesk/manifest.json", &errors);
}

#[test]
fn every_parameter_is_typed_and_the_secret_is_secure_and_whitelisted() {
    let m = manifest();
    let f = "manifest.json";
    let params = parameters(&m);
    let mut errors = Vec::new();
    let mut names = BTreeSet::new();
    if params.is_empty() {
        errors.push(format!("{f}: `/parameters` must list the app's settings"));
    }
    for (i, p) in params.iter().enumerate() {
        let name = string_at(p, f, "/name", &mut errors);
        let key = format!("/parameters/{i} ({name})");
        if !name.is_empty() && !names.insert(name.to_owned()) {
            errors.push(format!("{f}: `{key}/name` is declared twice"));
        }
        match p["type"].as_str() {
            Some(t) if PARAMETER_TYPES.contains(&t) => {}
            other => errors.push(format!(
                "{f}: `{key}/type` is {other:?}, not one of {PARAMETER_TYPES:?}"
            )),
        }
        for flag in ["secure", "required"] {
            if !p[flag].is_null() && !p[flag].is_boolean() {
                errors.push(format!("{f}: `{key}/{flag}` must be a boolean"));
            }
        }
    }
    let find = |name: &str| params.iter().find(|p| p["name"] == name);
    match find(JWT_SECRET) {
        Some(p) => {
            if p["secure"] != true {
                errors.push(format!(
                    "{f}: parameter `{JWT_SECRET}` must have `secure: true`"
                ));
            }
            if p["required"] != true {
                errors.push(format!(
                    "{f}: parameter `{JWT_SECRET}` must have `required: true`"
                ));
            }
            if !p["default"].is_null() {
                errors.push(format!(
                    "{f}: parameter `{JWT_SECRET}` must have no default"
                ));
            }
        }
        None => errors.push(format!("{f}: no parameter `{JWT_SECRET}`")),
    }
    match find(PROXY_URL) {
        Some(p) => {
            if p["type"] != "url" || p["required"] != true {
                errors.push(format!(
                    "{f}: parameter `{PROXY_URL}` must be a required `url`"
                ));
            }
            if p["secure"] == true {
                errors.push(format!(
                    "{f}: parameter `{PROXY_URL}` must not be secure: sidebar.js reads it with client.metadata()"
                ));
            }
        }
        None => errors.push(format!("{f}: no parameter `{PROXY_URL}`")),
    }
    // Secure settings are substituted only in requests to the whitelisted domains.
    if params.iter().any(|p| p["secure"] == true) {
        match m["domainWhitelist"].as_array() {
            Some(hosts) if !hosts.is_empty() => {
                for h in hosts {
                    if !h.as_str().is_some_and(is_host) {
                        errors.push(format!(
                            "{f}: `/domainWhitelist` entry {h} must be a bare host (no scheme, path or port)"
                        ));
                    }
                }
            }
            _ => errors.push(format!(
                "{f}: `/domainWhitelist` must name the proxy's host, since a parameter is secure"
            )),
        }
    }
    report("www/zendesk/manifest.json parameters", &errors);
}

#[test]
fn every_translation_file_has_the_listing_and_a_label_for_every_parameter() {
    let params: Vec<String> = parameters(&manifest())
        .iter()
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect();
    let dir = path("translations");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list www/zendesk/translations: {e}"))
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    let mut errors = Vec::new();
    for required in ["en.json", "es.json", "fr.json", "de.json"] {
        if !files.iter().any(|f| f == required) {
            errors.push(format!("translations/{required} is missing"));
        }
    }
    for file in &files {
        let rel = format!("translations/{file}");
        if !file.ends_with(".json") {
            errors.push(format!("{rel}: only .json files belong in translations/"));
            continue;
        }
        let doc: Value = match serde_json::from_str(&read(&rel)) {
            Ok(v) => v,
            Err(e) => {
                errors.push(format!("{rel} is not valid JSON: {e}"));
                continue;
            }
        };
        for key in APP_KEYS {
            string_at(&doc, &rel, &format!("/app/{key}"), &mut errors);
        }
        let name = doc
            .pointer("/app/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        if name.chars().count() > NAME_LIMIT {
            errors.push(format!(
                "{rel}: `/app/name` is longer than {NAME_LIMIT} characters"
            ));
        }
        let short = doc
            .pointer("/app/short_description")
            .and_then(Value::as_str)
            .unwrap_or("");
        if short.chars().count() > SHORT_DESCRIPTION_LIMIT {
            errors.push(format!(
                "{rel}: `/app/short_description` is longer than {SHORT_DESCRIPTION_LIMIT} characters"
            ));
        }
        for p in &params {
            string_at(
                &doc,
                &rel,
                &format!("/app/parameters/{p}/label"),
                &mut errors,
            );
            if let Some(help) = doc.pointer(&format!("/app/parameters/{p}/helpText")) {
                if !help.is_string() {
                    errors.push(format!(
                        "{rel}: `/app/parameters/{p}/helpText` must be a string"
                    ));
                }
            }
        }
    }
    report("www/zendesk/translations", &errors);
}

/// Every `<script …>…</script>` in `html`: its opening tag and its content.
fn scripts(html: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find("<script") {
        let start = at + offset;
        let Some(tag_len) = html[start..].find('>') else {
            break;
        };
        let tag_end = start + tag_len + 1;
        let Some(close) = html[tag_end..].find("</script>") else {
            out.push((&html[start..tag_end], &html[tag_end..]));
            break;
        };
        out.push((&html[start..tag_end], &html[tag_end..tag_end + close]));
        at = tag_end + close + "</script>".len();
    }
    out
}

/// Whether an attribute like ` onload=` or ` onclick=` appears.
fn has_inline_handler(html: &str) -> bool {
    html.match_indices(" on").any(|(i, _)| {
        let rest = &html[i + 3..];
        let name_len = rest.chars().take_while(char::is_ascii_lowercase).count();
        name_len > 0 && rest[name_len..].starts_with('=')
    })
}

#[test]
fn the_iframe_loads_the_zaf_sdk_and_the_bridge_with_no_inline_script() {
    let rel = "assets/iframe.html";
    let html = read(rel);
    let mut errors = Vec::new();
    let tags = scripts(&html);
    for (tag, content) in &tags {
        if !content.trim().is_empty() {
            errors.push(format!(
                "{rel}: inline script in {tag} (keep scripts in files, for CSP)"
            ));
        }
        if !tag.contains("src=") {
            errors.push(format!("{rel}: {tag} has no src"));
        }
    }
    let sdk = tags
        .iter()
        .position(|(t, _)| t.contains(&format!("src=\"{ZAF_SDK}\"")));
    let bridge = tags
        .iter()
        .position(|(t, _)| t.contains("src=\"sidebar.js\"") && t.contains("type=\"module\""));
    match (sdk, bridge) {
        (None, _) => errors.push(format!("{rel}: does not load the ZAF SDK from {ZAF_SDK}")),
        (_, None) => errors.push(format!(
            "{rel}: does not load sidebar.js as <script type=\"module\" src=\"sidebar.js\">"
        )),
        (Some(s), Some(b)) if s > b => errors.push(format!(
            "{rel}: the ZAF SDK must come before sidebar.js, which uses ZAFClient"
        )),
        _ => {}
    }
    if tags
        .iter()
        .any(|(t, _)| t.contains("sidebar.js") && t.contains("async"))
    {
        errors.push(format!(
            "{rel}: sidebar.js must not be async (it needs the SDK first)"
        ));
    }
    if !path("assets/sidebar.js").is_file() {
        errors.push("assets/sidebar.js is missing".to_owned());
    }
    for needle in [
        "<!doctype html>",
        "<html lang=",
        "<title>",
        "<main id=\"wismo-agent\"",
        "aria-live=\"polite\"",
    ] {
        if !html
            .to_ascii_lowercase()
            .contains(&needle.to_ascii_lowercase())
        {
            errors.push(format!("{rel}: has no `{needle}`"));
        }
    }
    if html.contains(" style=") || html.contains("<style") || has_inline_handler(&html) {
        errors.push(format!(
            "{rel}: inline styles or event handlers (keep it CSP-friendly)"
        ));
    }
    report("www/zendesk/assets/iframe.html", &errors);
}

/// The contents of every `"…"`, `'…'` and `` `…` `` literal in `js` (escapes kept as written).
fn string_literals(js: &str) -> Vec<&str> {
    let bytes = js.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            q @ (b'"' | b'\'' | b'`') => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != q {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                out.push(&js[start..i.min(js.len())]);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a literal looks like key material: long, no spaces, base64 or hex characters only.
fn looks_like_a_secret(s: &str) -> bool {
    s.len() >= 24
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '_' | '-'))
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

#[test]
fn the_bridge_uses_only_the_zaf_client_and_holds_no_secret() {
    let rel = "assets/sidebar.js";
    let js = read(rel);
    let mut errors = Vec::new();
    for (needle, why) in [
        ("ZAFClient.init(", "the client comes from ZAFClient.init()"),
        (
            "\"ticket.comment.appendText\"",
            "replies go in through the documented action",
        ),
        (
            "\"ticket.requester.email\"",
            "the requester comes from the ticket",
        ),
        ("\"currentUser.id\"", "the token's sub is the agent"),
        ("client.metadata()", "proxy_url is read from the settings"),
        ("settings?.proxy_url", "proxy_url is read from the settings"),
        (
            "secure: true",
            "secure settings are substituted only in secure requests",
        ),
        (
            "secret_key: \"{{setting.jwt_secret}}\"",
            "the secret is referenced by placeholder",
        ),
        ("algorithm: \"HS256\"", "the proxy accepts HS256 only"),
        (
            "Bearer {{jwt.token}}",
            "the signed token goes in the Authorization header",
        ),
        (
            "httpCompleteResponse: true",
            "the status reaches the agent UI",
        ),
        ("\"Idempotency-Key\"", "actions carry their idempotency key"),
        ("\"resize\"", "the sidebar follows its content's height"),
        (
            "from \"./wismo_agent.js\"",
            "the agent UI is imported beside it",
        ),
    ] {
        if !js.contains(needle) {
            errors.push(format!("{rel}: has no `{needle}` ({why})"));
        }
    }
    for banned in [
        "fetch(",
        "XMLHttpRequest",
        "localStorage",
        "eval(",
        "new Function",
    ] {
        if js.contains(banned) {
            errors.push(format!(
                "{rel}: uses `{banned}`; it must go through the ZAF client only"
            ));
        }
    }
    let secret_keys = js.matches("secret_key:").count();
    let placeholders = js.matches("secret_key: \"{{setting.jwt_secret}}\"").count();
    if secret_keys != placeholders {
        errors.push(format!(
            "{rel}: a `secret_key` is not the {{{{setting.jwt_secret}}}} placeholder"
        ));
    }
    for lit in string_literals(&js) {
        if looks_like_a_secret(lit) {
            errors.push(format!("{rel}: the literal {lit:?} looks like a secret"));
        }
    }
    report("www/zendesk/assets/sidebar.js", &errors);
}

/// A PNG's width, height and colour type, from its signature and IHDR chunk.
fn png_header(bytes: &[u8]) -> Option<(u32, u32, u8)> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    if bytes.len() < 33 || bytes[..8] != SIGNATURE || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("four bytes"));
    Some((be(16), be(20), bytes[25]))
}

#[test]
fn the_logos_are_pngs_of_the_documented_sizes() {
    let mut errors = Vec::new();
    for (rel, width, height) in ICONS {
        let bytes = match fs::read(path(rel)) {
            Ok(b) => b,
            Err(e) => {
                errors.push(format!("{rel}: cannot read: {e}"));
                continue;
            }
        };
        match png_header(&bytes) {
            None => errors.push(format!("{rel}: not a PNG (no signature and IHDR)")),
            Some((w, h, colour)) => {
                if (w, h) != (width, height) {
                    errors.push(format!("{rel}: is {w}x{h}, must be {width}x{height}"));
                }
                // The small icon is documented as PNG-24 with transparency: RGBA.
                if rel.ends_with("logo-small.png") && colour != 6 {
                    errors.push(format!(
                        "{rel}: colour type {colour}, must be 6 (RGBA, with transparency)"
                    ));
                }
            }
        }
    }
    report("www/zendesk/assets logos", &errors);
}

#[test]
fn the_package_holds_the_documented_required_files() {
    let errors: Vec<String> = [
        "manifest.json",
        "translations/en.json",
        "assets/logo.png",
        "assets/logo-small.png",
    ]
    .iter()
    .filter(|rel| !path(rel).is_file())
    .map(|rel| format!("www/zendesk/{rel} is missing"))
    .collect();
    report("www/zendesk", &errors);
}
