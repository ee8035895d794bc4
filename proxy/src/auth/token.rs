//! Session tokens: `v1.<order number>.<expiry unix seconds>.<HMAC-SHA256>`, short-lived and
//! valid for exactly one order, so a leaked token exposes one order for half an hour at most.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;
use std::sync::Arc;
use wismo::OrderNumber;

/// How long a verified shopper may read their order before verifying again.
pub const SESSION_MINUTES: i64 = 30;

const VERSION: &str = "v1";
const MIN_KEY_BYTES: usize = 32;

type HmacSha256 = Hmac<Sha256>;

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

/// Why a token was refused. Handlers collapse all of these into one `unauthorized` answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not of the form `v1.<number>.<expiry>.<signature>`.
    #[error("token is malformed")]
    Malformed,
    /// The signature does not match: forged or signed with another key.
    #[error("token signature is invalid")]
    BadSignature,
    /// The token's time is up.
    #[error("token has expired")]
    Expired,
}

/// The secret that signs session tokens. Its bytes never appear in logs.
#[derive(Clone)]
pub struct SessionKey(Arc<[u8]>);

impl fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionKey(..)")
    }
}

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

    fn mac(&self, payload: &str) -> HmacSha256 {
        let mut mac =
            HmacSha256::new_from_slice(&self.0).expect("HMAC-SHA256 accepts keys of any length");
        mac.update(payload.as_bytes());
        mac
    }

    /// Signs a token naming `order` that expires at `expires_at` (whole seconds).
    pub fn issue(&self, order: &OrderNumber, expires_at: DateTime<Utc>) -> String {
        let payload = format!("{VERSION}.{}.{}", order.as_str(), expires_at.timestamp());
        let sig = URL_SAFE_NO_PAD.encode(self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{sig}")
    }

    /// Checks a token's signature and expiry and returns the order it names.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<OrderNumber, TokenError> {
        let (payload, sig) = token.rsplit_once('.').ok_or(TokenError::Malformed)?;
        let mut parts = payload.split('.');
        let (Some(VERSION), Some(number), Some(expiry), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let sig = URL_SAFE_NO_PAD
            .decode(sig)
            .map_err(|_| TokenError::Malformed)?;
        // `verify_slice` compares in constant time.
        self.mac(payload)
            .verify_slice(&sig)
            .map_err(|_| TokenError::BadSignature)?;
        let expiry: i64 = expiry.parse().map_err(|_| TokenError::Malformed)?;
        if now.timestamp() >= expiry {
            return Err(TokenError::Expired);
        }
        OrderNumber::parse(number).map_err(|_| TokenError::Malformed)
    }

    /// When a token issued now should expire.
    pub fn expiry_from(now: DateTime<Utc>) -> DateTime<Utc> {
        let exp = now + Duration::minutes(SESSION_MINUTES);
        DateTime::from_timestamp(exp.timestamp(), 0).unwrap_or(exp)
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
