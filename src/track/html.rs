//! The tracking page's markup. Plain string building with every piece of data escaped: the proxy
//! sends it as the page (no JavaScript needed) and the page's wasm renders the same markup when
//! new scans arrive, so the two can never disagree and nothing shifts when the wasm takes over.

use super::labels::{label, Label};
use super::TrackPage;
use crate::resolve::{i18n, Upsell};
use std::fmt::Write;

/// `text` made safe for HTML text and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link target we will put in an `href`: absolute http(s) or site-relative. Anything else
/// (`javascript:`, `data:`) is shown as text only.
fn safe_href(url: &str) -> Option<String> {
    // `/\host` is `//host` to a browser: another site.
    let ok = url.starts_with("https://")
        || url.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\"));
    ok.then(|| escape(url))
}

fn words(page: &TrackPage, l: Label, slots: &[(&str, &str)]) -> String {
    let escaped: Vec<(&str, String)> = slots.iter().map(|(k, v)| (*k, escape(v))).collect();
    let refs: Vec<(&str, &str)> = escaped.iter().map(|(k, v)| (*k, v.as_str())).collect();
    i18n::fill(label(page.lang, l), &refs)
}

/// The page's main content (everything between the brand's header and footer). Its forms post
/// back to the page itself, so they work without JavaScript; `form_key` makes a form sent twice
/// (a double click, a reload) count once.
pub fn main_html(page: &TrackPage, form_key: &str) -> String {
    let mut h = String::with_capacity(4096);
    let key = format!(
        "<input type=\"hidden\" name=\"key\" value=\"{}\">",
        escape(form_key)
    );
    let tone = if page.problem { "problem" } else { "ok" };
    let _ = write!(
        h,
        "<h1>{}</h1><p class=\"hello\">{}</p>",
        words(page, Label::Order, &[("order", &page.order)]),
        words(page, Label::Hello, &[("name", &page.first_name)]),
    );
    let _ = write!(
        h,
        "<section class=\"status {tone}\" aria-labelledby=\"wismo-status\" data-situation=\"{}\">\
         <h2 id=\"wismo-status\">{}</h2><p>{}</p>",
        escape(&page.situation),
        escape(&page.headline),
        escape(&page.status),
    );
    if let Some(eta) = &page.eta {
        let _ = write!(
            h,
            "<p class=\"eta\"><span>{}</span> <strong>{}</strong></p>",
            words(page, Label::Expected, &[]),
            escape(eta)
        );
    }
    if let Some(ago) = &page.checked {
        let _ = write!(
            h,
            "<p class=\"checked\">{}</p>",
            words(page, Label::Checked, &[("ago", ago)])
        );
    }
    h.push_str("</section>");

    if !page.actions.is_empty() || page.no_remedy.is_some() {
        let _ = write!(
            h,
            "<section class=\"actions\" aria-labelledby=\"wismo-actions\"><h2 id=\"wismo-actions\">{}</h2>",
            words(page, Label::WhatYouCanDo, &[])
        );
        if let Some(text) = &page.no_remedy {
            let _ = write!(h, "<p>{}</p>", escape(text));
        }
        if !page.actions.is_empty() {
            // Each choice is sent as a chat message, which is how the chat picks it.
            let _ = write!(h, "<form method=\"post\" class=\"choices\">{key}");
            for a in &page.actions {
                let _ = write!(
                    h,
                    "<button type=\"submit\" name=\"message\" value=\"{0}\">{0}</button>",
                    escape(a)
                );
            }
            h.push_str("</form>");
        }
        h.push_str("</section>");
    }

    let (value, answer) = match &page.deadline {
        Some(d) => (d.date.to_string(), escape(&d.text)),
        None => (String::new(), String::new()),
    };
    let _ = write!(
        h,
        "<form class=\"deadline\" method=\"get\" action=\"\"><label for=\"wismo-by\">{}</label>\
         <div class=\"row\"><input type=\"date\" id=\"wismo-by\" name=\"by\" min=\"{}\" value=\"{value}\" required>\
         <button type=\"submit\">{}</button></div>\
         <p id=\"wismo-deadline\" class=\"answer\" role=\"status\" aria-live=\"polite\">{answer}</p></form>",
        words(page, Label::ArriveBy, &[]),
        page.today,
        words(page, Label::Check, &[]),
    );

    let count = page.card.parcels.len();
    for (i, p) in page.card.parcels.iter().enumerate() {
        let title = if count > 1 {
            words(
                page,
                Label::Parcel,
                &[("n", &(i + 1).to_string()), ("count", &count.to_string())],
            )
        } else {
            escape(&p.carrier)
        };
        let _ = write!(
            h,
            "<section class=\"parcel\" aria-labelledby=\"wismo-parcel-{i}\" data-situation=\"{}\">\
             <h2 id=\"wismo-parcel-{i}\">{title}</h2><p class=\"headline\">{}</p>\
             <p class=\"meta\">{} · {} <span class=\"tn\">{}</span></p>",
            escape(&p.situation),
            escape(&p.headline),
            escape(&p.carrier),
            words(page, Label::Tracking, &[]),
            escape(&p.tracking_number),
        );
        if let Some(eta) = &p.eta {
            let _ = write!(
                h,
                "<p class=\"eta\"><span>{}</span> <strong>{}</strong></p>",
                words(page, Label::Expected, &[]),
                escape(eta)
            );
        }
        if !p.items.is_empty() {
            h.push_str("<ul class=\"items\">");
            for item in &p.items {
                let _ = write!(h, "<li>{}</li>", escape(item));
            }
            h.push_str("</ul>");
        }
        let _ = write!(h, "<h3>{}</h3>", words(page, Label::Timeline, &[]));
        if p.timeline.is_empty() {
            let _ = write!(h, "<p>{}</p>", words(page, Label::NoScans, &[]));
        } else {
            h.push_str("<ol class=\"timeline\">");
            for e in &p.timeline {
                let _ = write!(
                    h,
                    "<li><time datetime=\"{}\">{}</time> <span>{}</span></li>",
                    e.at.to_rfc3339(),
                    escape(&e.when),
                    escape(&e.text)
                );
            }
            h.push_str("</ol>");
        }
        h.push_str("</section>");
    }
    if count == 0 && !page.card.items.is_empty() {
        let _ = write!(
            h,
            "<section class=\"parcel\" aria-labelledby=\"wismo-items\"><h2 id=\"wismo-items\">{}</h2><ul class=\"items\">",
            words(page, Label::Items, &[])
        );
        for item in &page.card.items {
            let _ = write!(h, "<li>{}</li>", escape(item));
        }
        h.push_str("</ul></section>");
    }

    match &page.upsell {
        Some(Upsell::Apology {
            text,
            goodwill_code,
        }) => {
            let _ = write!(h, "<section class=\"apology\"><p>{}</p>", escape(text));
            if let Some(code) = goodwill_code {
                let _ = write!(
                    h,
                    "<p class=\"code\">{}</p>",
                    words(page, Label::GoodwillCode, &[("code", code)])
                );
            }
            h.push_str("</section>");
        }
        Some(Upsell::Products { intro, products }) => {
            let _ = write!(
                h,
                "<section class=\"products\" aria-labelledby=\"wismo-products\"><h2 id=\"wismo-products\">{}</h2><ul>",
                escape(intro)
            );
            for p in products {
                let title = escape(&p.title);
                let price = p
                    .price
                    .as_deref()
                    .map(|x| format!(" <span class=\"price\">{}</span>", escape(x)))
                    .unwrap_or_default();
                match safe_href(&p.url) {
                    Some(href) => {
                        let _ = write!(h, "<li><a href=\"{href}\">{title}</a>{price}</li>");
                    }
                    None => {
                        let _ = write!(h, "<li>{title}{price}</li>");
                    }
                }
            }
            h.push_str("</ul></section>");
        }
        None => {}
    }

    let _ = write!(
        h,
        "<section id=\"wismo-chat\" class=\"chat\" aria-labelledby=\"wismo-chat-h\"><h2 id=\"wismo-chat-h\">{}</h2>\
         <ol class=\"messages\" aria-live=\"polite\">{}</ol>\
         <form method=\"post\" class=\"ask-form\">{key}<label for=\"wismo-message\">{}</label>\
         <div class=\"row\"><input id=\"wismo-message\" name=\"message\" maxlength=\"2000\" autocomplete=\"off\" required>\
         <button type=\"submit\">{}</button></div></form></section>",
        words(page, Label::Chat, &[]),
        chat_html(page),
        words(page, Label::YourMessage, &[]),
        words(page, Label::Send, &[]),
    );
    h
}

/// The conversation's messages as list items, for the chat section (and for the page's wasm to
/// append to it).
pub fn chat_html(page: &TrackPage) -> String {
    let mut h = String::new();
    for line in &page.chat {
        let who = if line.shopper {
            let via = match line.channel.as_str() {
                "email" => Some(Label::ViaEmail),
                "sms" => Some(Label::ViaSms),
                "whatsapp" => Some(Label::ViaWhatsapp),
                _ => None,
            };
            match via {
                Some(v) => format!("{} {}", words(page, Label::You, &[]), words(page, v, &[])),
                None => words(page, Label::You, &[]),
            }
        } else {
            escape(&page.brand)
        };
        let _ = write!(
            h,
            "<li class=\"{}\"><span class=\"who\">{who}</span> <span class=\"text\">{}</span></li>",
            if line.shopper { "in" } else { "out" },
            escape(&line.text)
        );
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')">&"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;"
        );
    }

    #[test]
    fn only_web_links_become_hrefs() {
        assert_eq!(
            safe_href("https://shop.example/socks?a=1&b=2").as_deref(),
            Some("https://shop.example/socks?a=1&amp;b=2")
        );
        assert_eq!(
            safe_href("/products/socks").as_deref(),
            Some("/products/socks")
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "//evil.example",
            "/\\evil.example",
            " https://x",
        ] {
            assert_eq!(safe_href(bad), None, "{bad}");
        }
    }
}
