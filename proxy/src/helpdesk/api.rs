//! A helpdesk's REST API as both clients use it: a base URL and HTTP Basic credentials, with the
//! secret kept out of `Debug` output, logs and errors.

use super::NoteError;
use crate::outbound;
use std::fmt;

/// One account's API, signed in with Basic `user:secret`.
#[derive(Clone)]
pub struct BasicApi {
    http: reqwest::Client,
    base: String,
    user: String,
    secret: String,
}

impl fmt::Debug for BasicApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicApi")
            .field("base", &self.base)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl BasicApi {
    /// The API at `base`; fails early if `base` cannot carry `probe`, a path the client uses.
    pub fn new(
        http: reqwest::Client,
        base: &str,
        probe: &[&str],
        user: String,
        secret: &str,
    ) -> anyhow::Result<Self> {
        outbound::url(base, probe)?;
        Ok(Self {
            http,
            base: base.to_owned(),
            user,
            secret: secret.to_owned(),
        })
    }

    /// A signed request for `path` (segments, each escaped) below the base, asking for JSON.
    pub fn request(
        &self,
        method: reqwest::Method,
        path: &[&str],
    ) -> Result<reqwest::RequestBuilder, NoteError> {
        let url =
            outbound::url(&self.base, path).map_err(|e| NoteError::Permanent(format!("{e:#}")))?;
        Ok(self
            .http
            .request(method, url)
            .basic_auth(&self.user, Some(&self.secret))
            .header(reqwest::header::ACCEPT, "application/json"))
    }
}
