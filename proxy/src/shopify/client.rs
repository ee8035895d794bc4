//! The Admin GraphQL endpoint of one shop: `POST /admin/api/{version}/graphql.json` with the
//! app's access token in `X-Shopify-Access-Token`. Throttled requests (HTTP 200 with `THROTTLED`,
//! or a 429) are retried after the wait the cost figures call for; server errors are retried for
//! queries only, since a mutation that failed halfway may have happened. Both are bounded.

use super::throttle;
use crate::outbound;
use anyhow::Context;
use serde_json::{json, Value};
use std::fmt;
use std::time::Duration;

/// The API version whose shapes this client reads and writes.
pub const API_VERSION: &str = "2025-01";

/// One shop's Admin API. The token never appears in `Debug` output, logs or errors.
#[derive(Clone)]
pub struct AdminApi {
    http: reqwest::Client,
    endpoint: reqwest::Url,
    token: String,
    max_retries: u32,
}

impl fmt::Debug for AdminApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdminApi")
            .field("endpoint", &self.endpoint.as_str())
            .field("max_retries", &self.max_retries)
            .finish()
    }
}

/// Whether a failed request may be sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    /// A read: safe to repeat after a server error.
    Query,
    /// A write: repeated only when Shopify said it did not run it (throttled).
    Mutation,
}

impl AdminApi {
    /// The API of the shop at `base` (`https://example.myshopify.com`), at `version`.
    pub fn new(
        http: reqwest::Client,
        base: &str,
        version: &str,
        token: &str,
        max_retries: u32,
    ) -> anyhow::Result<Self> {
        let endpoint = outbound::url(base, &["admin", "api", version, "graphql.json"])?;
        Ok(Self {
            http,
            endpoint,
            token: token.to_owned(),
            max_retries,
        })
    }

    /// Runs a query and returns its `data`.
    pub async fn query(&self, document: &str, variables: Value) -> anyhow::Result<Value> {
        self.call(document, variables, Retry::Query).await
    }

    /// Runs a mutation and returns its `data`; the caller reads the payload's `userErrors`.
    pub async fn mutate(&self, document: &str, variables: Value) -> anyhow::Result<Value> {
        self.call(document, variables, Retry::Mutation).await
    }

    async fn call(&self, document: &str, variables: Value, retry: Retry) -> anyhow::Result<Value> {
        let body = json!({ "query": document, "variables": variables });
        let mut attempt = 0;
        loop {
            let res = self
                .http
                .post(self.endpoint.clone())
                .header("X-Shopify-Access-Token", &self.token)
                .json(&body)
                .send()
                .await
                .context("calling the Shopify Admin API")?;
            let status = res.status();
            let text = res
                .text()
                .await
                .context("reading the Shopify Admin API response")?;
            let can_retry = attempt < self.max_retries;
            if status.is_server_error() && retry == Retry::Query && can_retry {
                let wait = Duration::from_millis(200 << attempt.min(4));
                tracing::warn!(%status, ?wait, "shopify server error; retrying");
                tokio::time::sleep(wait).await;
                attempt += 1;
                continue;
            }
            let doc: Option<Value> = serde_json::from_str(&text).ok();
            let throttled = status == reqwest::StatusCode::TOO_MANY_REQUESTS
                || (status.is_success() && doc.as_ref().is_some_and(throttle::is_throttled));
            if throttled {
                if !can_retry {
                    anyhow::bail!(
                        "Shopify is still throttling after {} retries",
                        self.max_retries
                    );
                }
                let wait = throttle::wait(doc.as_ref().and_then(throttle::cost), attempt);
                tracing::info!(?wait, attempt, "shopify throttled the request; waiting");
                tokio::time::sleep(wait).await;
                attempt += 1;
                continue;
            }
            if !status.is_success() {
                anyhow::bail!(
                    "the Shopify Admin API answered {status}: {}",
                    outbound::snippet(&text)
                );
            }
            let doc = doc.with_context(|| {
                format!(
                    "the Shopify Admin API answered with invalid JSON: {}",
                    outbound::snippet(&text)
                )
            })?;
            if let Some(errors) = doc["errors"].as_array().filter(|e| !e.is_empty()) {
                let messages: Vec<&str> = errors
                    .iter()
                    .map(|e| e["message"].as_str().unwrap_or("unknown error"))
                    .collect();
                anyhow::bail!("Shopify GraphQL errors: {}", messages.join("; "));
            }
            return Ok(doc["data"].clone());
        }
    }
}
