//! One verification attempt under the rate limiter: refused up front when any of its keys (the
//! client, the order number, the customer) has failed too often, and counted against all of
//! them when it fails.

use super::rate_limit::RateLimiter;
use crate::error::AppError;
use std::time::Instant;

/// An attempt in progress; call [`Attempt::failed`] if verification fails.
#[derive(Debug)]
pub struct Attempt<'a> {
    limiter: &'a RateLimiter,
    keys: Vec<String>,
    at: Instant,
}

impl<'a> Attempt<'a> {
    /// Starts an attempt keyed by e.g. `ip:…`, `order:…`; `rate_limited` if any key is used up.
    pub fn start(limiter: &'a RateLimiter, keys: Vec<String>) -> Result<Self, AppError> {
        let at = Instant::now();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        if limiter.is_limited(&refs, at) {
            tracing::warn!(keys = ?keys, "verification rate limited");
            return Err(AppError::RateLimited);
        }
        Ok(Self { limiter, keys, at })
    }

    /// Counts the failure against every key and returns `err` for the caller to answer with.
    pub fn failed(self, err: AppError) -> AppError {
        let refs: Vec<&str> = self.keys.iter().map(String::as_str).collect();
        self.limiter.record_failure(&refs, self.at);
        tracing::info!(keys = ?self.keys, "verification failed");
        err
    }
}
