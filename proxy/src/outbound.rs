//! The one way the proxy builds HTTP clients for outside systems (Shopify, EasyPost, AfterShip):
//! rustls, no native TLS, a connect and a whole-request timeout, and error messages that carry the
//! status and a short piece of the body but never a credential.

use anyhow::Context;
use std::time::Duration;

/// The most of an error body kept in a message.
const SNIPPET: usize = 300;

/// A client with these timeouts; `request` bounds a whole call, body included.
pub fn client(connect: Duration, request: Duration) -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(connect)
        .timeout(request)
        .user_agent(concat!("wismo/", env!("CARGO_PKG_VERSION")))
        .build()
        .context("building an HTTP client")
}

/// Reads a response whose status must be a success as JSON; otherwise an error naming `what`,
/// the status and the start of the body.
pub async fn json(what: &str, res: reqwest::Response) -> anyhow::Result<serde_json::Value> {
    let status = res.status();
    let text = res
        .text()
        .await
        .with_context(|| format!("reading the {what} response"))?;
    if !status.is_success() {
        anyhow::bail!("{what} answered {status}: {}", snippet(&text));
    }
    serde_json::from_str(&text)
        .with_context(|| format!("{what} answered with invalid JSON: {}", snippet(&text)))
}

/// `base` with `segments` appended, each percent-encoded, so an id from a response can never
/// change the path it is put in.
pub fn url(base: &str, segments: &[&str]) -> anyhow::Result<reqwest::Url> {
    let mut url =
        reqwest::Url::parse(base).with_context(|| format!("invalid base URL {base:?}"))?;
    url.path_segments_mut()
        .map_err(|()| anyhow::anyhow!("base URL {base:?} cannot have a path"))?
        .pop_if_empty()
        .extend(segments);
    Ok(url)
}

/// Text made safe inside HTML elements and double-quoted attributes: what helpdesk notes and
/// outreach e-mails put in HTML is always shown as the text it is. The core's, which the
/// tracking page's markup uses too.
pub use wismo::track::escape;

/// The start of a body, cut on a character boundary.
pub fn snippet(text: &str) -> &str {
    match text.char_indices().nth(SNIPPET) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}
