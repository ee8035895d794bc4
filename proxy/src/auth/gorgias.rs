//! The Gorgias HTTP integration's requests carry the shared secret the merchant pasted into the
//! integration's headers as `Authorization: Bearer <secret>`; it is compared in constant time.

use super::secret::{SecretTooShort, SharedSecret};

/// Long enough that guessing it over HTTP is hopeless.
pub const MIN_GORGIAS_SECRET_BYTES: usize = 24;

/// The Gorgias integration's shared secret.
#[derive(Debug, Clone)]
pub struct GorgiasSecret(SharedSecret);

impl GorgiasSecret {
    pub fn new(secret: &[u8]) -> Result<Self, SecretTooShort> {
        Ok(Self(SharedSecret::new(secret, MIN_GORGIAS_SECRET_BYTES)?))
    }

    /// Whether an `Authorization` header value is `Bearer <our secret>`.
    pub fn authorizes(&self, authorization: Option<&str>) -> bool {
        let presented = authorization
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or_default();
        // Compare even when nothing was presented, so a missing header costs the same time.
        self.0.matches(presented.as_bytes()) && !presented.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bearer_secret_authorizes() {
        let s = GorgiasSecret::new(b"gorgias-secret-0123456789").unwrap();
        assert!(s.authorizes(Some("Bearer gorgias-secret-0123456789")));
        assert!(!s.authorizes(Some("Bearer gorgias-secret-012345678")));
        assert!(!s.authorizes(Some("gorgias-secret-0123456789")));
        assert!(!s.authorizes(Some("Basic Z29yZ2lhcw==")));
        assert!(!s.authorizes(None));
        assert!(GorgiasSecret::new(b"short").is_err());
    }
}
