//! The branded tracking page: what it says about one order, decided by the resolver's own code
//! (`resolve::flow::page`), and its markup (`html`), rendered the same by the proxy (the page
//! works without JavaScript) and by the page's wasm when new scans arrive.

mod html;
mod labels;

pub use crate::resolve::i18n::fill;
pub use html::{chat_html, escape, main_html};
pub use labels::{label, Label};

use crate::carrier::Lang;
use crate::context::OrderContext;
use crate::resolve::deadline::{self, Verdict};
use crate::resolve::{i18n, OrderCard, Upsell};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The answer to the page's "will it arrive by …?" question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineReply {
    pub date: NaiveDate,
    pub verdict: Verdict,
    /// The core's sentence, as the chat would answer it.
    pub text: String,
}

/// Everything the tracking page shows, in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackPage {
    pub lang: Lang,
    pub brand: String,
    /// The order as the shop names it, e.g. "#1001".
    pub order: String,
    /// The shopper's first name, for the greeting.
    pub first_name: String,
    /// The situation's kind, e.g. `in_transit`.
    pub situation: String,
    pub headline: String,
    /// Something is going wrong with the delivery.
    pub problem: bool,
    /// The situation in plain words with its freshness, as the chat says it.
    pub status: String,
    /// The expected delivery day or window, when one can be given honestly.
    pub eta: Option<String>,
    /// How fresh the carrier's data is ("2 hours ago"), when there is any.
    pub checked: Option<String>,
    /// The card: items and one section per parcel with its plain-language timeline.
    pub card: OrderCard,
    /// What the shopper can choose about a problem, as chat quick replies ("a refund").
    pub actions: Vec<String>,
    /// Said instead when the policy allows no remedy: a person will look at it.
    pub no_remedy: Option<String>,
    /// The answer to "will it arrive by …?" when the page was asked.
    pub deadline: Option<DeadlineReply>,
    /// Products when all is well, the apology (and goodwill code) when not: never both.
    pub upsell: Option<Upsell>,
    /// The brand's "today", the earliest date the deadline input offers.
    pub today: NaiveDate,
    /// The shopper's conversation so far on every channel, oldest first (the proxy fills it in
    /// from storage; empty until they write).
    #[serde(default)]
    pub chat: Vec<ChatLine>,
    /// What the status says was done (a flag to the team): the proxy runs these, once per order
    /// and situation, when it serves the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub run_now: Vec<crate::resolve::Proposal>,
}

/// One message of the conversation shown under the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatLine {
    /// Written by the shopper (else by the brand's assistant).
    pub shopper: bool,
    /// `chat`, `email`, `sms` or `whatsapp`.
    pub channel: String,
    pub text: String,
}

/// The page for a verified order in `lang`, answering "will it arrive by `by`?" when asked.
pub fn page(ctx: &OrderContext, lang: Lang, by: Option<NaiveDate>) -> TrackPage {
    let parts = crate::resolve::flow_page(ctx, lang, by);
    let policy = &ctx.policy;
    let today = ctx.now.with_timezone(&policy.tz()).date_naive();
    let eta = crate::resolve::eta_text(
        deadline::expected(&parts.overall, &ctx.order, policy, ctx.now)
            .filter(|_| !parts.overall.is_problem())
            .as_ref(),
        lang,
        today,
    );
    // The oldest check is the honest freshness of the whole page.
    let checked = ctx
        .shipments
        .iter()
        .map(|s| s.checked_at)
        .min()
        .map(|t| i18n::ago(lang, t, ctx.now));
    TrackPage {
        lang,
        brand: policy.brand_name.clone(),
        order: ctx.order.display_name(),
        first_name: ctx.order.customer.first_name.clone(),
        situation: parts.overall.kind().to_owned(),
        headline: parts.card.headline.clone(),
        problem: parts.card.problem,
        status: parts.status,
        eta,
        checked,
        actions: parts
            .offers
            .iter()
            .map(|c| crate::resolve::choice_label(lang, *c).to_owned())
            .collect(),
        no_remedy: parts.no_remedy,
        deadline: parts.deadline.map(|(a, text)| DeadlineReply {
            date: a.deadline,
            verdict: a.verdict,
            text,
        }),
        upsell: parts.upsell,
        card: parts.card,
        today,
        chat: Vec::new(),
        run_now: parts.run_now,
    }
}

/// The brand's look: a logo and an accent colour, checked so neither can inject markup or CSS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// An `https://` (or site-relative `/…`) image URL.
    pub logo_url: Option<String>,
    /// `#rgb` or `#rrggbb`.
    pub accent: String,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            logo_url: None,
            accent: "#1d4ed8".to_owned(),
        }
    }
}

/// Why a theme was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    #[error("accent must be a hex colour such as \"#1d4ed8\", not {0:?}")]
    Accent(String),
    #[error("logo_url must start with https:// or /, not {0:?}")]
    Logo(String),
}

impl Theme {
    pub fn new(logo_url: Option<String>, accent: Option<String>) -> Result<Self, ThemeError> {
        let accent = accent.unwrap_or_else(|| Self::default().accent);
        let hex = accent.strip_prefix('#').unwrap_or("");
        if !matches!(hex.len(), 3 | 6) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ThemeError::Accent(accent));
        }
        if let Some(url) = &logo_url {
            let ok = (url.starts_with("https://")
                || (url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\")))
                && !url.chars().any(|c| c.is_whitespace() || c.is_control());
            if !ok {
                return Err(ThemeError::Logo(url.clone()));
            }
        }
        Ok(Self { logo_url, accent })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_takes_hex_colours_and_web_logos_only() {
        assert!(Theme::new(
            Some("https://cdn.example/logo.svg".into()),
            Some("#0a7".into())
        )
        .is_ok());
        assert!(Theme::new(Some("/logo.png".into()), None).is_ok());
        for accent in ["red", "#12345", "#1d4ed8;background:url(x)", "1d4ed8"] {
            assert_eq!(
                Theme::new(None, Some(accent.into())),
                Err(ThemeError::Accent(accent.into()))
            );
        }
        for logo in [
            "javascript:alert(1)",
            "//evil.example/x.png",
            "https://x/a b.png",
        ] {
            assert_eq!(
                Theme::new(Some(logo.into()), None),
                Err(ThemeError::Logo(logo.into()))
            );
        }
    }
}
