//! `wismo serve`'s TOML configuration: where to listen, where the data lives, the signing secret
//! and the brand's policy. Every key is documented in CONFIG.md.

use crate::auth::{KeyError, SessionKey};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use wismo::Policy;

/// The environment variable that supplies (and overrides) `session_secret`.
pub const SECRET_ENV: &str = "WISMO_SESSION_SECRET";

/// The configuration file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    #[serde(default = "default_database")]
    pub database: PathBuf,
    #[serde(default)]
    pub session_secret: Option<String>,
    #[serde(default = "default_www")]
    pub www_dir: PathBuf,
    #[serde(default = "default_widget")]
    pub widget_dir: PathBuf,
    #[serde(default)]
    pub trust_forwarded_for: bool,
    #[serde(default)]
    pub policy: Policy,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8080))
}

fn default_database() -> PathBuf {
    PathBuf::from(".wismo/wismo.sqlite")
}

fn default_www() -> PathBuf {
    PathBuf::from("www")
}

fn default_widget() -> PathBuf {
    PathBuf::from("target/widget")
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown or invalid keys.
    #[error("invalid config file {path}: {source}")]
    Parse {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    /// Neither the file nor the environment gives a session secret.
    #[error("no session secret: set session_secret in the config file or {SECRET_ENV} in the environment")]
    NoSecret,
    /// The secret is too short to sign tokens safely.
    #[error("{0}")]
    WeakSecret(#[from] KeyError),
}

impl Config {
    /// Parses a configuration from TOML text.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_owned(),
            source: Box::new(e),
        })
    }

    /// Reads and parses the file at `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// The signing key: the environment's secret if set, else the file's; at least 32 bytes.
    pub fn session_key(&self, env_secret: Option<String>) -> Result<SessionKey, ConfigError> {
        let secret = env_secret
            .filter(|s| !s.is_empty())
            .or_else(|| self.session_secret.clone())
            .ok_or(ConfigError::NoSecret)?;
        Ok(SessionKey::new(secret.as_bytes())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_config_gets_defaults_and_a_policy() {
        let c = Config::parse(
            "session_secret = \"0123456789abcdef0123456789abcdef\"\n[policy]\nbrand_name = \"Acme\"\ntimezone = \"Europe/Berlin\"\n",
            Path::new("x.toml"),
        )
        .unwrap();
        assert_eq!(c.listen.port(), 8080);
        assert_eq!(c.policy.brand_name, "Acme");
        assert!(c.session_key(None).is_ok());
    }

    #[test]
    fn short_or_missing_secrets_are_refused() {
        let c = Config::parse("session_secret = \"short\"", Path::new("x.toml")).unwrap();
        assert!(matches!(
            c.session_key(None),
            Err(ConfigError::WeakSecret(_))
        ));
        let c = Config::parse("", Path::new("x.toml")).unwrap();
        assert!(matches!(c.session_key(None), Err(ConfigError::NoSecret)));
        assert!(c.session_key(Some("x".repeat(32))).is_ok());
    }

    #[test]
    fn the_example_config_in_the_docs_is_valid() {
        let text = include_str!("../wismo.example.toml");
        let c = Config::parse(text, Path::new("wismo.example.toml")).unwrap();
        assert_eq!(c.policy.timezone, "America/New_York");
        assert!(c.session_key(None).is_ok());
    }

    #[test]
    fn unknown_keys_and_bad_policies_are_errors() {
        assert!(Config::parse("lisen = \"1.2.3.4:1\"", Path::new("x.toml")).is_err());
        let err = Config::parse("[policy]\ncutoff_hour = 30", Path::new("x.toml")).unwrap_err();
        assert!(err.to_string().contains("cutoff_hour"), "{err}");
    }
}
