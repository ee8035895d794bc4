//! Verification attempts under the rate limiter. Guessable proofs (an e-mail or postcode for an
//! order number) are refused up front once any of their keys (the client, the order number, the
//! customer) has failed too often, right or wrong. Unguessable credentials (a helpdesk's JWT or
//! secret) are only counted when wrong: their callers share a few server addresses (Zendesk's and
//! Gorgias' proxies), so refusing right ones would let anyone lock a shop's agents out.

use super::rate_limit::RateLimiter;
use crate::error::AppError;

/// An attempt in progress; call [`Attempt::failed`] if verification fails.
#[derive(Debug)]
pub struct Attempt<'a> {
    limiter: &'a RateLimiter,
    keys: Vec<String>,
}

fn refs(keys: &[String]) -> Vec<&str> {
    keys.iter().map(String::as_str).collect()
}

impl<'a> Attempt<'a> {
    /// Starts an attempt keyed by e.g. `ip:…`, `order:…`; `rate_limited` if any key is used up.
    pub async fn start(limiter: &'a RateLimiter, keys: Vec<String>) -> Result<Self, AppError> {
        if limiter.is_limited(&refs(&keys)).await? {
            tracing::warn!(keys = ?keys, "verification rate limited");
            return Err(AppError::RateLimited);
        }
        Ok(Self { limiter, keys })
    }

    /// Counts a failed unguessable credential against `keys`: `err`, or `rate_limited` once the
    /// keys have failed too often (so guessing gets slower answers, never a right one sooner).
    pub async fn wrong_credential(
        limiter: &RateLimiter,
        keys: Vec<String>,
        err: AppError,
    ) -> AppError {
        match limiter.is_limited(&refs(&keys)).await {
            Ok(true) => {
                tracing::warn!(keys = ?keys, "wrong credential, rate limited");
                return AppError::RateLimited;
            }
            Ok(false) => {}
            Err(e) => return AppError::Internal(e),
        }
        if let Err(e) = limiter.record_failure(&refs(&keys)).await {
            return AppError::Internal(e);
        }
        tracing::info!(keys = ?keys, "wrong credential");
        err
    }

    /// Counts the failure against every key and returns `err` for the caller to answer with.
    pub async fn failed(self, err: AppError) -> AppError {
        if let Err(e) = self.limiter.record_failure(&refs(&self.keys)).await {
            return AppError::Internal(e);
        }
        tracing::info!(keys = ?self.keys, "verification failed");
        err
    }
}
