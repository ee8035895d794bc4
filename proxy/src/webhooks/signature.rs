//! Webhook signatures: the HMAC-SHA256 of the raw body under a shared secret, sent as base64
//! (Shopify, AfterShip) or hex (EasyPost), compared in constant time.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

type HmacSha256 = Hmac<Sha256>;

/// Why a webhook secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// An empty secret would let anyone sign.
    #[error("the webhook secret is empty")]
    Empty,
}

/// The shared secret webhooks are signed with. Its bytes never appear in logs.
#[derive(Clone)]
pub struct WebhookSecret(Arc<[u8]>);

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(..)")
    }
}

impl WebhookSecret {
    pub fn new(bytes: &[u8]) -> Result<Self, SecretError> {
        if bytes.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(Self(Arc::from(bytes)))
    }

    /// The key EasyPost signs with: its client libraries normalise the webhook secret to Unicode
    /// NFKD before using its UTF-8 bytes as the HMAC key, so a secret such as "sécret" must be
    /// normalised the same way or every genuine delivery is refused.
    pub fn nfkd(secret: &str) -> Result<Self, SecretError> {
        let normalised: String = secret.nfkd().collect();
        Self::new(normalised.as_bytes())
    }

    fn mac(&self, body: &[u8]) -> HmacSha256 {
        let mut mac =
            HmacSha256::new_from_slice(&self.0).expect("HMAC-SHA256 accepts keys of any length");
        mac.update(body);
        mac
    }

    /// The header value Shopify would send for `body`: for tests and for replaying tools.
    pub fn sign(&self, body: &[u8]) -> String {
        STANDARD.encode(self.mac(body).finalize().into_bytes())
    }

    /// The hex form, as EasyPost sends it after `hmac-sha256-hex=`.
    pub fn sign_hex(&self, body: &[u8]) -> String {
        hex::encode(self.mac(body).finalize().into_bytes())
    }

    /// Whether `signature` (hex, either case) is the signature of `body`, compared in constant
    /// time.
    pub fn verify_hex(&self, body: &[u8], signature: &str) -> bool {
        let Ok(sig) = hex::decode(signature.trim()) else {
            return false;
        };
        self.mac(body).verify_slice(&sig).is_ok()
    }

    /// Whether `header` (base64) is the signature of `body`. The comparison takes the same time
    /// however many bytes match.
    pub fn verify(&self, body: &[u8], header: &str) -> bool {
        let Ok(sig) = STANDARD.decode(header.trim()) else {
            return false;
        };
        self.mac(body).verify_slice(&sig).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_its_own_body_under_its_own_secret() {
        let key = WebhookSecret::new(b"hush").unwrap();
        let sig = key.sign(b"{\"id\":1}");
        assert!(key.verify(b"{\"id\":1}", &sig));
        assert!(!key.verify(b"{\"id\":2}", &sig));
        assert!(!WebhookSecret::new(b"other")
            .unwrap()
            .verify(b"{\"id\":1}", &sig));
        assert!(!key.verify(b"{\"id\":1}", "not base64!"));
        assert!(!key.verify(b"{\"id\":1}", ""));
        let hex = key.sign_hex(b"{\"id\":1}");
        assert_eq!(hex.len(), 64);
        assert!(key.verify_hex(b"{\"id\":1}", &hex));
        assert!(key.verify_hex(b"{\"id\":1}", &hex.to_uppercase()));
        assert!(!key.verify_hex(b"{\"id\":2}", &hex));
        assert!(!key.verify_hex(b"{\"id\":1}", "zz"));
        assert!(!key.verify_hex(b"{\"id\":1}", "é1"));
        assert_eq!(WebhookSecret::new(b"").unwrap_err(), SecretError::Empty);
    }

    // See: issue 14. EasyPost's libraries key the HMAC with the NFKD form of the secret.
    #[test]
    fn an_easypost_secret_is_normalised_to_nfkd_before_signing() {
        // "é" as one code point (U+00E9) and as "e" plus a combining acute accent (U+0301).
        let composed = WebhookSecret::nfkd("s\u{e9}cret").unwrap();
        let decomposed = WebhookSecret::new("se\u{301}cret".as_bytes()).unwrap();
        let body = br#"{"object":"Event"}"#;
        assert_eq!(composed.sign_hex(body), decomposed.sign_hex(body));
        assert_ne!(
            composed.sign_hex(body),
            WebhookSecret::new("s\u{e9}cret".as_bytes())
                .unwrap()
                .sign_hex(body)
        );
        // Compatibility forms fold too: the "ﬁ" ligature is "fi".
        assert_eq!(
            WebhookSecret::nfkd("\u{fb01}x").unwrap().sign_hex(body),
            WebhookSecret::new(b"fix").unwrap().sign_hex(body)
        );
    }
}
