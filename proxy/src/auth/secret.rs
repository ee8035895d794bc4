//! A configured shared secret (app proxy, tracking links, Zendesk, Gorgias): its bytes stay out of
//! logs, a too-short one is refused at start-up, and presented copies are compared in constant time.

use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// Why a configured secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("secret must be at least {min} bytes, got {got}")]
pub struct SecretTooShort {
    pub min: usize,
    pub got: usize,
}

/// A secret shared with another system. Cheap to clone.
#[derive(Clone)]
pub struct SharedSecret(Arc<[u8]>);

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedSecret(..)")
    }
}

impl SharedSecret {
    /// A secret of at least `min` bytes (and never empty, whatever `min` says).
    pub fn new(bytes: &[u8], min: usize) -> Result<Self, SecretTooShort> {
        let min = min.max(1);
        if bytes.len() < min {
            return Err(SecretTooShort {
                min,
                got: bytes.len(),
            });
        }
        Ok(Self(Arc::from(bytes)))
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether `presented` is this secret. Both sides are hashed first, so neither the
    /// comparison's time nor a length mismatch tells a guesser anything.
    pub fn matches(&self, presented: &[u8]) -> bool {
        let ours = Sha256::digest(&self.0);
        let theirs = Sha256::digest(presented);
        ours.ct_eq(&theirs).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_secret_matches() {
        let s = SharedSecret::new(b"0123456789abcdef", 16).unwrap();
        assert!(s.matches(b"0123456789abcdef"));
        assert!(!s.matches(b"0123456789abcdeF"));
        assert!(!s.matches(b"0123456789abcdef0"));
        assert!(!s.matches(b""));
    }

    #[test]
    fn short_and_empty_secrets_are_refused() {
        assert_eq!(
            SharedSecret::new(b"short", 16).unwrap_err(),
            SecretTooShort { min: 16, got: 5 }
        );
        assert!(SharedSecret::new(b"", 0).is_err());
    }
}
