//! Verification attempts under the rate limiter. Guessable proofs (an e-mail or postcode for an
//! order number) are refused up front once any of their keys (the client, the order number, the
//! customer) has failed too often, right or wrong. Unguessable credentials (a helpdesk's JWT or
//! secret) are only counted when wrong: their callers share a few server addresses (Zendesk's and
//! Gorgias' proxies), so refusing right ones would let anyone lock a shop's agents out.

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

    /// Counts a failed unguessable credential against `keys`: `err`, or `rate_limited` once the
    /// keys have failed too often (so guessing gets slower answers, never a right one sooner).
    pub fn wrong_credential(limiter: &RateLimiter, keys: Vec<String>, err: AppError) -> AppError {
        let at = Instant::now();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        if limiter.is_limited(&refs, at) {
            tracing::warn!(keys = ?keys, "wrong credential, rate limited");
            return AppError::RateLimited;
        }
        limiter.record_failure(&refs, at);
        tracing::info!(keys = ?keys, "wrong credential");
        err
    }

    /// Counts the failure against every key and returns `err` for the caller to answer with.
    pub fn failed(self, err: AppError) -> AppError {
        let refs: Vec<&str> = self.keys.iter().map(String::as_str).collect();
        self.limiter.record_failure(&refs, self.at);
        tracing::info!(keys = ?self.keys, "verification failed");
        err
    }
}
