//! The Zendesk sidebar app's requests: ZAF's `client.request` signs a JWT (HS256) with the
//! shared secret from the app's secure settings and sends it as `Authorization: Bearer`. We
//! accept only HS256, require `exp`, and check `iss` and `aud` when they are configured. Expiry
//! is judged by the app clock, like every other token here.

use super::secret::{SecretTooShort, SharedSecret};
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;

/// HS256 keys shorter than the hash invite brute force.
pub const MIN_JWT_SECRET_BYTES: usize = 32;
/// Clock skew allowed between Zendesk's browser tab and us.
pub const DEFAULT_LEEWAY_SECONDS: i64 = 60;

/// Why a JWT was refused. Handlers answer all of these with the same `unauthorized`.
#[derive(Debug, thiserror::Error)]
pub enum JwtError {
    /// Bad shape, wrong algorithm, wrong signature, missing `exp`, wrong `iss` or `aud`.
    #[error("invalid agent token: {0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    /// Past `exp` (or before `nbf`), beyond the leeway.
    #[error("agent token has expired or is not valid yet")]
    Expired,
}

/// The claims we read; others are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct AgentClaims {
    pub exp: i64,
    #[serde(default)]
    pub nbf: Option<i64>,
    /// Who the agent is, when the app says so (for the log).
    #[serde(default)]
    pub sub: Option<String>,
}

/// Verifies the Zendesk app's tokens.
#[derive(Clone)]
pub struct ZendeskJwt {
    // Shared: the state (and so this) is cloned for every request.
    key: Arc<DecodingKey>,
    validation: Arc<Validation>,
    leeway: i64,
}

impl fmt::Debug for ZendeskJwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZendeskJwt")
            .field("iss", &self.validation.iss)
            .field("aud", &self.validation.aud)
            .finish_non_exhaustive()
    }
}

impl ZendeskJwt {
    pub fn new(
        secret: &[u8],
        issuer: Option<&str>,
        audience: Option<&str>,
        leeway_seconds: i64,
    ) -> Result<Self, SecretTooShort> {
        let secret = SharedSecret::new(secret, MIN_JWT_SECRET_BYTES)?;
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is checked against the app clock below, not the system's.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.set_required_spec_claims(&["exp"]);
        if let Some(iss) = issuer {
            validation.set_issuer(&[iss]);
            validation.required_spec_claims.insert("iss".to_owned());
        }
        match audience {
            Some(aud) => {
                validation.set_audience(&[aud]);
                validation.required_spec_claims.insert("aud".to_owned());
            }
            None => validation.validate_aud = false,
        }
        Ok(Self {
            key: Arc::new(DecodingKey::from_secret(secret.bytes())),
            validation: Arc::new(validation),
            leeway: leeway_seconds.max(0),
        })
    }

    /// The claims of a valid, current token.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AgentClaims, JwtError> {
        let claims =
            jsonwebtoken::decode::<AgentClaims>(token, &self.key, &self.validation)?.claims;
        let now = now.timestamp();
        if now > claims.exp.saturating_add(self.leeway)
            || claims
                .nbf
                .is_some_and(|nbf| now < nbf.saturating_sub(self.leeway))
        {
            return Err(JwtError::Expired);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{encode, EncodingKey, Header};
    use serde_json::json;

    const SECRET: &[u8] = b"zendesk-shared-secret-of-32-bytes!!";

    fn now() -> DateTime<Utc> {
        "2026-11-19T15:00:00Z".parse().unwrap()
    }

    fn token(alg: Algorithm, secret: &[u8], claims: serde_json::Value) -> String {
        encode(
            &Header::new(alg),
            &claims,
            &EncodingKey::from_secret(secret),
        )
        .unwrap()
    }

    fn jwt() -> ZendeskJwt {
        ZendeskJwt::new(SECRET, Some("acme.zendesk.com"), Some("wismo"), 60).unwrap()
    }

    #[test]
    fn a_current_token_with_the_configured_issuer_and_audience_passes() {
        let exp = now().timestamp() + 300;
        let t = token(
            Algorithm::HS256,
            SECRET,
            json!({"exp": exp, "iss": "acme.zendesk.com", "aud": "wismo", "sub": "agent 7"}),
        );
        let claims = jwt().verify(&t, now()).unwrap();
        assert_eq!(claims.sub.as_deref(), Some("agent 7"));
    }

    #[test]
    fn expired_foreign_and_misaddressed_tokens_fail() {
        let ok = json!({"iss": "acme.zendesk.com", "aud": "wismo"});
        let with = |extra: serde_json::Value| {
            let mut c = ok.clone();
            c.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            c
        };
        let exp = now().timestamp() + 300;
        let cases = [
            token(
                Algorithm::HS256,
                SECRET,
                with(json!({"exp": now().timestamp() - 61})),
            ),
            token(
                Algorithm::HS256,
                b"another-secret-another-secret-!!!",
                with(json!({"exp": exp})),
            ),
            token(Algorithm::HS512, SECRET, with(json!({"exp": exp}))),
            token(Algorithm::HS256, SECRET, ok.clone()),
            token(
                Algorithm::HS256,
                SECRET,
                with(json!({"exp": exp, "iss": "evil.zendesk.com"})),
            ),
            token(
                Algorithm::HS256,
                SECRET,
                with(json!({"exp": exp, "aud": "other"})),
            ),
            token(
                Algorithm::HS256,
                SECRET,
                json!({"exp": exp, "iss": "acme.zendesk.com"}),
            ),
            token(
                Algorithm::HS256,
                SECRET,
                with(json!({"exp": exp, "nbf": exp})),
            ),
            "not.a.jwt".to_owned(),
        ];
        for (i, t) in cases.iter().enumerate() {
            assert!(jwt().verify(t, now()).is_err(), "case {i} passed");
        }
    }

    #[test]
    fn without_configured_issuer_and_audience_only_the_signature_and_expiry_count() {
        let open = ZendeskJwt::new(SECRET, None, None, 0).unwrap();
        let t = token(
            Algorithm::HS256,
            SECRET,
            json!({"exp": now().timestamp() + 1, "aud": "anything"}),
        );
        assert!(open.verify(&t, now()).is_ok());
    }
}
