//! Session tokens: `v1.<order number>.<expiry unix seconds>.<HMAC-SHA256>`, short-lived and
//! valid for exactly one order, so a leaked token exposes one order for half an hour at most.

use super::signed;
use chrono::{DateTime, Duration, Utc};
use std::fmt;
use std::sync::Arc;
use wismo::OrderNumber;

pub use super::signed::TokenError;

/// How long a verified shopper may read their order before verifying again.
pub const SESSION_MINUTES: i64 = 30;

const KIND: &str = "v1";
const MIN_KEY_BYTES: usize = 32;

/// Why a signing key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Shorter keys make forging tokens by brute force plausible.
    #[error("session secret must be at least {MIN_KEY_BYTES} bytes, got {0}")]
    TooShort(usize),
    /// The operating system could not provide random bytes.
    #[error("no randomness available for a session key")]
    NoRandomness,
}

/// The secret that signs session tokens. Its bytes never appear in logs.
#[derive(Clone)]
pub struct SessionKey(Arc<[u8]>);

impl fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionKey(..)")
    }
}

/// The kind of an e-mail's unsubscribe grant.
const UNSUBSCRIBE_KIND: &str = "u";

impl SessionKey {
    /// A key from configured bytes; at least 32 of them.
    pub fn new(bytes: &[u8]) -> Result<Self, KeyError> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(KeyError::TooShort(bytes.len()));
        }
        Ok(Self(Arc::from(bytes)))
    }

    /// A fresh random key: tokens die with the process, which suits the demo.
    pub fn random() -> Result<Self, KeyError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| KeyError::NoRandomness)?;
        Self::new(&bytes)
    }

    /// Signs a token naming `order` that expires at `expires_at` (whole seconds).
    pub fn issue(&self, order: &OrderNumber, expires_at: DateTime<Utc>) -> String {
        signed::issue(&self.0, KIND, order, expires_at)
    }

    /// Checks a token's signature and expiry and returns the order it names.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<OrderNumber, TokenError> {
        signed::open(&self.0, KIND, token, now)
    }

    /// Signs an unsubscribe link's grant for the e-mail notices of `order` until `expires_at`;
    /// of another kind than a session token, so neither passes for the other.
    pub fn issue_unsubscribe(&self, order: &OrderNumber, expires_at: DateTime<Utc>) -> String {
        signed::issue(&self.0, UNSUBSCRIBE_KIND, order, expires_at)
    }

    /// Checks an unsubscribe grant and returns the order it names.
    pub fn verify_unsubscribe(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<OrderNumber, TokenError> {
        signed::open(&self.0, UNSUBSCRIBE_KIND, token, now)
    }

    /// When a token issued now should expire.
    pub fn expiry_from(now: DateTime<Utc>) -> DateTime<Utc> {
        signed::whole_seconds(now + Duration::minutes(SESSION_MINUTES))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> SessionKey {
        SessionKey::new(&[b; 32]).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_token_names_its_order_until_it_expires() {
        let now = at("2026-11-19T15:00:00Z");
        let order = OrderNumber::parse("1001").unwrap();
        let token = key(1).issue(&order, SessionKey::expiry_from(now));
        assert_eq!(key(1).verify(&token, now), Ok(order));
        assert_eq!(
            key(1).verify(&token, now + Duration::minutes(30)),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn tampered_or_foreign_tokens_are_refused() {
        let now = at("2026-11-19T15:00:00Z");
        let order = OrderNumber::parse("1001").unwrap();
        let token = key(1).issue(&order, SessionKey::expiry_from(now));
        assert_eq!(key(2).verify(&token, now), Err(TokenError::BadSignature));
        let other = token.replacen(".1001.", ".1002.", 1);
        assert_eq!(key(1).verify(&other, now), Err(TokenError::BadSignature));
        assert_eq!(key(1).verify("v1.1001", now), Err(TokenError::Malformed));
        assert_eq!(key(1).verify("", now), Err(TokenError::Malformed));
    }

    #[test]
    fn short_secrets_are_refused() {
        assert_eq!(
            SessionKey::new(b"too short").unwrap_err(),
            KeyError::TooShort(9)
        );
    }
}
