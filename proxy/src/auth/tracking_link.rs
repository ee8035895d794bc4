//! Signed, expiring tracking links for e-mails and SMS: `/t/{token}` opens one order's tracking
//! page without typing anything, until the token expires. Signed with a key of its own, so a
//! leaked session key cannot mint links and a session token is never a link.

use super::secret::{SecretTooShort, SharedSecret};
use super::signed::{self, TokenError};
use chrono::{DateTime, Duration, Utc};
use wismo::OrderNumber;

const KIND: &str = "t1";
/// Tracking links are long-lived, so their key must be strong.
pub const MIN_LINK_SECRET_BYTES: usize = 32;
/// How long a link works unless configured otherwise: long enough for a parcel to arrive and
/// for a return window after it.
pub const DEFAULT_LINK_DAYS: i64 = 60;

/// The key and lifetime of tracking links.
#[derive(Debug, Clone)]
pub struct TrackingLinks {
    key: SharedSecret,
    ttl: Duration,
}

impl TrackingLinks {
    pub fn new(secret: &[u8], ttl_days: i64) -> Result<Self, SecretTooShort> {
        Ok(Self {
            key: SharedSecret::new(secret, MIN_LINK_SECRET_BYTES)?,
            ttl: Duration::days(ttl_days.max(1)),
        })
    }

    /// A token for `order` issued at `now`, valid for the configured lifetime.
    pub fn issue(&self, order: &OrderNumber, now: DateTime<Utc>) -> String {
        self.issue_until(order, signed::whole_seconds(now + self.ttl))
    }

    /// A token for `order` that expires at `expires_at`.
    pub fn issue_until(&self, order: &OrderNumber, expires_at: DateTime<Utc>) -> String {
        signed::issue(self.key.bytes(), KIND, order, expires_at)
    }

    /// The order a token grants, if it is ours, unaltered and unexpired.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<OrderNumber, TokenError> {
        signed::open(self.key.bytes(), KIND, token, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::SessionKey;

    fn links(b: u8) -> TrackingLinks {
        TrackingLinks::new(&[b; 32], 60).unwrap()
    }

    fn now() -> DateTime<Utc> {
        "2026-11-19T15:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_link_names_its_order_until_it_expires() {
        let order = OrderNumber::parse("1004").unwrap();
        let token = links(1).issue(&order, now());
        assert_eq!(links(1).verify(&token, now()), Ok(order.clone()));
        assert_eq!(
            links(1).verify(&token, now() + Duration::days(59)),
            Ok(order)
        );
        assert_eq!(
            links(1).verify(&token, now() + Duration::days(60)),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn altered_foreign_and_session_tokens_are_not_links() {
        let order = OrderNumber::parse("1004").unwrap();
        let token = links(1).issue(&order, now());
        assert_eq!(
            links(2).verify(&token, now()),
            Err(TokenError::BadSignature)
        );
        let other = token.replacen(".1004.", ".1005.", 1);
        assert_eq!(
            links(1).verify(&other, now()),
            Err(TokenError::BadSignature)
        );
        // A session token signed with the very same bytes is still not a link.
        let session = SessionKey::new(&[1; 32])
            .unwrap()
            .issue(&order, now() + Duration::minutes(5));
        assert_eq!(links(1).verify(&session, now()), Err(TokenError::Malformed));
    }

    #[test]
    fn short_link_secrets_are_refused() {
        assert!(TrackingLinks::new(b"short", 60).is_err());
    }
}
