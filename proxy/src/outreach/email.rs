//! The HTML part of a notice e-mail: the brand, the notice's words and the unsubscribe link,
//! every piece escaped, so an order note or a carrier's place name shows as text, never markup.

use super::send::Outgoing;
use crate::outbound::escape;
use std::fmt::Write;

/// The whole HTML document.
pub fn html(m: &Outgoing) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
         <body style=\"margin:0;padding:24px;background:#f6f6f4;font-family:system-ui,sans-serif;color:#1d1d1b\">\
         <div style=\"max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px\">\
         <p style=\"margin:0 0 16px;font-weight:600\">{brand}</p>\
         {text}",
        lang = escape(&m.lang),
        subject = escape(&m.subject),
        brand = escape(&m.brand),
        text = paragraphs(&m.text),
    );
    if let Some(link) = tracking_link(&m.text) {
        out.push_str(&rating_row(&m.lang, link));
    }
    if let Some(url) = &m.unsubscribe_url {
        let _ = write!(
            out,
            "<p style=\"margin:24px 0 0;font-size:12px;color:#6b6b66\">{footer} \
             <a href=\"{url}\" style=\"color:#6b6b66\">{words}</a></p>",
            footer = escape(m.footer.as_deref().unwrap_or_default()),
            words = escape(&m.unsubscribe_words),
            url = escape(url),
        );
    }
    out.push_str("</div></body></html>");
    out
}

/// The tracking link the monitor appended to the text, if any.
fn tracking_link(text: &str) -> Option<&str> {
    text.split_whitespace()
        .find(|w| (w.starts_with("https://") || w.starts_with("http://")) && w.contains("/t/t1."))
}

/// The one-tap rating: five links, each opening the tracking page's button for that score.
fn rating_row(lang: &str, link: &str) -> String {
    use wismo::track::{fill, label, Label};
    let lang = wismo::carrier::Lang::from_locale(lang);
    let mut out = format!(
        "<p style=\"margin:16px 0 8px;font-weight:600\">{}</p><p style=\"margin:0\">",
        escape(label(lang, Label::RateQuestion))
    );
    for n in 1..=5 {
        let name = fill(label(lang, Label::RateScore), &[("n", &n.to_string())]);
        let _ = write!(
            out,
            "<a href=\"{url}/rate/{n}\" title=\"{name}\" aria-label=\"{name}\" \
             style=\"display:inline-block;min-width:36px;padding:8px 0;margin:0 4px 0 0;text-align:center;\
             border:1px solid #1d4ed8;border-radius:6px;color:#1d4ed8;text-decoration:none\">{n}</a>",
            url = escape(link.trim_end_matches(['.', ','])),
            name = escape(&name),
        );
    }
    out.push_str("</p>");
    out
}

/// The text's paragraphs, escaped, with web addresses (the tracking link) made links.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for p in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let words: Vec<String> = p
            .split(' ')
            .map(|w| {
                let e = escape(w);
                // Only the tracking link the monitor appended is a link; a web address that
                // came from a carrier or a shopper stays text.
                if (w.starts_with("https://") || w.starts_with("http://")) && w.contains("/t/t1.") {
                    format!("<a href=\"{e}\" style=\"color:#1d4ed8\">{e}</a>")
                } else {
                    e
                }
            })
            .collect();
        let _ = write!(
            out,
            "<p style=\"margin:0 0 12px;line-height:1.5\">{}</p>",
            words.join(" ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wismo::outreach::Channel;

    #[test]
    fn whatever_was_typed_shows_as_text() {
        let m = Outgoing {
            id: 1,
            channel: Channel::Email,
            to: "a@example.com".into(),
            lang: "en".into(),
            subject: "<b>hi</b>".into(),
            text: "Left at <script>alert(1)</script> & \"porch\"".into(),
            unsubscribe_url: Some("https://shop.example/u?t=a\"b".into()),
            footer: Some("Bye".into()),
            unsubscribe_words: "Unsubscribe".into(),
            brand: "Acme & <Co>".into(),
            needs_template: false,
        };
        let h = html(&m);
        assert!(!h.contains("<script>"));
        assert!(h.contains("Left at &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;porch&quot;"));
        assert!(h.contains("Acme &amp; &lt;Co&gt;"));
        assert!(h.contains("href=\"https://shop.example/u?t=a&quot;b\""));
    }

    #[test]
    fn the_tracking_link_is_a_link_and_nothing_else_is() {
        let h = paragraphs(
            "Late, see https://carrier.example/x.\n\nTrack your order: https://wismo.example/t/t1.1.2.x \
             javascript:alert(1) <a href=x>",
        );
        assert!(
            h.contains("<a href=\"https://wismo.example/t/t1.1.2.x\""),
            "{h}"
        );
        assert_eq!(h.matches("<a ").count(), 1, "{h}");
        assert_eq!(h.matches("<p ").count(), 2, "{h}");
    }

    #[test]
    fn a_notice_with_a_tracking_link_offers_the_one_tap_rating_in_its_language() {
        let m = Outgoing {
            id: 1,
            channel: Channel::Email,
            to: "a@example.com".into(),
            lang: "fr".into(),
            subject: "Colis".into(),
            text: "En route.\n\nSuivre : https://wismo.example/t/t1.1.2.x".into(),
            unsubscribe_url: None,
            footer: None,
            unsubscribe_words: "Désabonner".into(),
            brand: "Acme".into(),
            needs_template: false,
        };
        let h = html(&m);
        for n in 1..=5 {
            assert!(
                h.contains(&format!(
                    "href=\"https://wismo.example/t/t1.1.2.x/rate/{n}\""
                )),
                "{h}"
            );
        }
        assert!(h.contains("aria-label=\"5 sur 5\""), "{h}");
        // No tracking link, no rating: there is nowhere to send it.
        let plain = html(&Outgoing {
            text: "En route.".into(),
            ..m
        });
        assert!(!plain.contains("/rate/"), "{plain}");
    }
}
