//! From the `[zendesk]` and `[gorgias]` settings to the helpdesk internal notes go to: at most
//! one, with every credential it needs, or a start-up error that names the keys at fault.

use super::{gorgias, zendesk, GorgiasNotes, Helpdesk, ZendeskNotes};
use crate::auth::{GorgiasConfig, ZendeskConfig};
use crate::outside::Secret;
use std::sync::Arc;
use wismo::Email;

/// Overrides `zendesk.api_token`.
pub const ZENDESK_API_TOKEN_ENV: &str = "WISMO_ZENDESK_API_TOKEN";
/// Overrides `gorgias.api_key`.
pub const GORGIAS_API_KEY_ENV: &str = "WISMO_GORGIAS_API_KEY";

/// One helpdesk's API settings as written, before they are checked.
struct Account<'a> {
    /// `zendesk` or `gorgias`.
    section: &'static str,
    /// The key naming the account (`subdomain`, `domain`) and its value.
    name_key: &'static str,
    name: Option<&'a str>,
    api_url: Option<&'a str>,
    api_email: Option<&'a str>,
    /// The key of the credential (`api_token`, `api_key`), its variable and its value.
    secret_key: &'static str,
    secret_env: &'static str,
    secret: Option<String>,
}

/// Where an account's API is, as configured.
#[derive(Clone, Copy)]
enum Target<'a> {
    Url(&'a str),
    Name(&'a str),
}

/// A checked account: where its API is, and who signs in.
struct Checked {
    base: String,
    api_email: String,
    secret: String,
}

impl Account<'_> {
    fn wanted(&self) -> bool {
        self.name.is_some()
            || self.api_url.is_some()
            || self.api_email.is_some()
            || self.secret.is_some()
    }

    /// The account, or an error naming what is missing or malformed.
    fn check(self, base_of: fn(&str) -> String) -> anyhow::Result<Checked> {
        let s = self.section;
        // An explicit API URL wins over the account name.
        let target = self
            .api_url
            .map(Target::Url)
            .or(self.name.map(Target::Name));
        let (Some(target), Some(api_email), Some(secret)) =
            (target, self.api_email, self.secret.clone())
        else {
            let mut missing = Vec::new();
            if target.is_none() {
                missing.push(format!("{s}.{}", self.name_key));
            }
            if self.api_email.is_none() {
                missing.push(format!("{s}.api_email"));
            }
            if self.secret.is_none() {
                missing.push(format!("{s}.{} (or {})", self.secret_key, self.secret_env));
            }
            anyhow::bail!(
                "internal notes to {s} need {s}.{}, {s}.api_email and {s}.{}; missing: {}",
                self.name_key,
                self.secret_key,
                missing.join(", ")
            );
        };
        if Email::parse(api_email).is_err() {
            anyhow::bail!("{s}.api_email {api_email:?} is not an e-mail address");
        }
        let base = match target {
            Target::Url(url) => url.trim_end_matches('/').to_owned(),
            Target::Name(name) => {
                let label = !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
                if !label {
                    anyhow::bail!(
                        "{s}.{} must be the account's name alone (\"acme\" for acme.{s}.com), not {name:?}",
                        self.name_key
                    );
                }
                base_of(name)
            }
        };
        Ok(Checked {
            base,
            api_email: api_email.to_owned(),
            secret,
        })
    }
}

/// The environment's value if set and non-empty, else the file's.
fn pick(env: &dyn Fn(&str) -> Option<String>, var: &str, file: Option<&Secret>) -> Option<String> {
    env(var).filter(|s| !s.is_empty()).or_else(|| {
        file.map(|s| s.expose().to_owned())
            .filter(|s| !s.is_empty())
    })
}

/// The helpdesk the settings configure for internal notes, if any; `env` reads the
/// environment. A helpdesk half configured, or both configured, is an error.
pub fn from_config(
    zendesk: &ZendeskConfig,
    gorgias: &GorgiasConfig,
    http: &reqwest::Client,
    env: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<Arc<dyn Helpdesk>>> {
    let z = Account {
        section: "zendesk",
        name_key: "subdomain",
        name: zendesk.subdomain.as_deref(),
        api_url: zendesk.api_url.as_deref(),
        api_email: zendesk.api_email.as_deref(),
        secret_key: "api_token",
        secret_env: ZENDESK_API_TOKEN_ENV,
        secret: pick(env, ZENDESK_API_TOKEN_ENV, zendesk.api_token.as_ref()),
    };
    let g = Account {
        section: "gorgias",
        name_key: "domain",
        name: gorgias.domain.as_deref(),
        api_url: gorgias.api_url.as_deref(),
        api_email: gorgias.api_email.as_deref(),
        secret_key: "api_key",
        secret_env: GORGIAS_API_KEY_ENV,
        secret: pick(env, GORGIAS_API_KEY_ENV, gorgias.api_key.as_ref()),
    };
    match (z.wanted(), g.wanted()) {
        (true, true) => anyhow::bail!(
            "internal notes go to one helpdesk, but both zendesk (zendesk.subdomain, \
             zendesk.api_email, zendesk.api_token) and gorgias (gorgias.domain, \
             gorgias.api_email, gorgias.api_key) are configured for them: remove one"
        ),
        (true, false) => {
            let c = z.check(zendesk::base_url)?;
            let client = ZendeskNotes::new(http.clone(), &c.base, &c.api_email, &c.secret)?;
            tracing::info!(base = %c.base, "internal notes go to Zendesk");
            Ok(Some(Arc::new(client)))
        }
        (false, true) => {
            let c = g.check(gorgias::base_url)?;
            let client = GorgiasNotes::new(http.clone(), &c.base, &c.api_email, &c.secret)?;
            tracing::info!(base = %c.base, "internal notes go to Gorgias");
            Ok(Some(Arc::new(client)))
        }
        (false, false) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http() -> reqwest::Client {
        crate::outbound::client(
            std::time::Duration::from_secs(1),
            std::time::Duration::from_secs(1),
        )
        .unwrap()
    }

    fn zendesk(toml: &str) -> ZendeskConfig {
        toml::from_str(toml).unwrap()
    }

    fn gorgias(toml: &str) -> GorgiasConfig {
        toml::from_str(toml).unwrap()
    }

    fn error(z: &str, g: &str, env: &dyn Fn(&str) -> Option<String>) -> String {
        match from_config(&zendesk(z), &gorgias(g), &http(), env) {
            Ok(_) => panic!("{z} / {g} was accepted"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn nothing_configured_means_no_notes_and_a_jwt_secret_alone_is_not_a_helpdesk() {
        let none = |_: &str| None;
        let z = zendesk(&format!("jwt_secret = \"{}\"", "z".repeat(32)));
        let g = gorgias(&format!("secret = \"{}\"", "g".repeat(24)));
        assert!(from_config(&z, &g, &http(), &none).unwrap().is_none());
    }

    #[test]
    fn a_complete_account_is_plugged_in_with_its_token_from_the_environment() {
        let env = |k: &str| (k == ZENDESK_API_TOKEN_ENV).then(|| "from-env".to_owned());
        let z = zendesk("subdomain = \"acme\"\napi_email = \"agent@acme.example\"");
        let h = from_config(&z, &GorgiasConfig::default(), &http(), &env).unwrap();
        assert_eq!(h.unwrap().name(), "zendesk");
        let g = gorgias(
            "api_url = \"http://127.0.0.1:9/api\"\napi_email = \"a@acme.example\"\napi_key = \"k\"",
        );
        let h = from_config(&ZendeskConfig::default(), &g, &http(), &|_| None).unwrap();
        assert_eq!(h.unwrap().name(), "gorgias");
    }

    #[test]
    fn half_configured_accounts_name_what_is_missing() {
        let none = |_: &str| None;
        let e = error("subdomain = \"acme\"\napi_token = \"t\"", "", &none);
        assert!(e.contains("missing: zendesk.api_email"), "{e}");
        let e = error(
            "subdomain = \"acme\"\napi_email = \"a@acme.example\"",
            "",
            &none,
        );
        assert!(
            e.contains("missing: zendesk.api_token (or WISMO_ZENDESK_API_TOKEN)"),
            "{e}"
        );
        let env = |k: &str| (k == GORGIAS_API_KEY_ENV).then(|| "k".to_owned());
        let e = error("", "", &env);
        assert!(
            e.contains("missing: gorgias.domain, gorgias.api_email"),
            "{e}"
        );
        let e = error(
            "subdomain = \"acme.zendesk.com\"\napi_email = \"a@acme.example\"\napi_token = \"t\"",
            "",
            &none,
        );
        assert!(
            e.contains("zendesk.subdomain must be the account's name alone"),
            "{e}"
        );
        let e = error(
            "subdomain = \"acme\"\napi_email = \"agent\"\napi_token = \"t\"",
            "",
            &none,
        );
        assert!(
            e.contains("zendesk.api_email \"agent\" is not an e-mail"),
            "{e}"
        );
    }

    #[test]
    fn both_helpdesks_configured_for_notes_is_an_error_naming_both() {
        let e = error(
            "subdomain = \"acme\"\napi_email = \"a@acme.example\"\napi_token = \"t\"",
            "domain = \"acme\"\napi_email = \"a@acme.example\"\napi_key = \"k\"",
            &|_| None,
        );
        assert!(e.contains("zendesk") && e.contains("gorgias"), "{e}");
        assert!(e.contains("remove one"), "{e}");
    }

    #[test]
    fn credentials_never_reach_debug_output() {
        let z = zendesk("subdomain = \"acme\"\napi_email = \"a@acme.example\"\napi_token = \"zd_very_secret\"\njwt_secret = \"jwt_very_secret\"");
        let g = gorgias("api_key = \"gg_very_secret\"\nsecret = \"shared_very_secret\"");
        let printed = format!("{z:?} {g:?}");
        assert!(!printed.contains("very_secret"), "{printed}");
        let client = ZendeskNotes::new(
            http(),
            "https://acme.zendesk.com",
            "a@acme.example",
            "zd_very_secret",
        )
        .unwrap();
        let client2 = GorgiasNotes::new(
            http(),
            "https://acme.gorgias.com/api",
            "a@acme.example",
            "gg_very_secret",
        )
        .unwrap();
        let printed = format!("{client:?} {client2:?}");
        assert!(!printed.contains("very_secret"), "{printed}");
    }
}
