//! The one format of our own signed, expiring grants of one order:
//! `<kind>.<order number>.<expiry unix seconds>.<base64url HMAC-SHA256>`. Session tokens and
//! tracking links differ only in their `kind` (which also keeps one from passing for the other)
//! and in their key.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use wismo::OrderNumber;

type HmacSha256 = Hmac<Sha256>;

/// Why a token was refused. Handlers collapse all of these into one `unauthorized` answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not of the form `<kind>.<number>.<expiry>.<signature>`, or of another kind.
    #[error("token is malformed")]
    Malformed,
    /// The signature does not match: forged, altered or signed with another key.
    #[error("token signature is invalid")]
    BadSignature,
    /// The token's time is up.
    #[error("token has expired")]
    Expired,
}

fn mac(key: &[u8], payload: &str) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC-SHA256 accepts keys of any length");
    mac.update(payload.as_bytes());
    mac
}

/// Signs a grant of `order` until `expires_at` (whole seconds).
pub(crate) fn issue(
    key: &[u8],
    kind: &str,
    order: &OrderNumber,
    expires_at: DateTime<Utc>,
) -> String {
    let payload = format!("{kind}.{}.{}", order.as_str(), expires_at.timestamp());
    let sig = URL_SAFE_NO_PAD.encode(mac(key, &payload).finalize().into_bytes());
    format!("{payload}.{sig}")
}

/// Checks a grant's kind, signature and expiry, and returns the order it names.
pub(crate) fn open(
    key: &[u8],
    kind: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<OrderNumber, TokenError> {
    let (payload, sig) = token.rsplit_once('.').ok_or(TokenError::Malformed)?;
    let mut parts = payload.split('.');
    let (Some(k), Some(number), Some(expiry), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    if k != kind {
        return Err(TokenError::Malformed);
    }
    let sig = URL_SAFE_NO_PAD
        .decode(sig)
        .map_err(|_| TokenError::Malformed)?;
    // `verify_slice` compares in constant time.
    mac(key, payload)
        .verify_slice(&sig)
        .map_err(|_| TokenError::BadSignature)?;
    let expiry: i64 = expiry.parse().map_err(|_| TokenError::Malformed)?;
    if now.timestamp() >= expiry {
        return Err(TokenError::Expired);
    }
    OrderNumber::parse(number).map_err(|_| TokenError::Malformed)
}

/// `t` rounded down to whole seconds, as tokens carry it.
pub(crate) fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}
