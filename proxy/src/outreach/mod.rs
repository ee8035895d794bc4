//! Proactive outreach, the proxy's side (issue 10): the core decides what is due
//! (`wismo::outreach::due`); this module watches orders, keeps the durable outbox, sends on
//! e-mail, SMS and WhatsApp, and takes the shoppers' answers on all three.
//!
//! - [`watch`]: which orders to look at, and when (touched by every data change);
//! - [`monitor`]: asks the core and queues what is due now;
//! - [`outbox`]: the messages, claimed with a lease so nothing is lost and proxies share work;
//! - [`send`]: SMTP (`lettre`), Twilio and the WhatsApp Cloud API, or a recorder;
//! - [`worker`]: runs monitor and send passes in the background;
//! - [`inbound`] and [`http`]: the providers' webhooks, STOP, and answers in one conversation;
//! - [`optout`]: who said STOP or unsubscribed.

pub mod email;
pub mod http;
pub mod inbound;
pub mod monitor;
pub mod optout;
pub mod outbox;
pub mod send;
pub mod watch;
pub mod worker;

use crate::outside::Secret;
use crate::webhooks::WebhookSecret;
use send::Senders;
use serde::Deserialize;
use std::sync::Arc;

/// The environment variables that override the config's outreach secrets.
pub const SMTP_URL_ENV: &str = "WISMO_SMTP_URL";
pub const MAILGUN_KEY_ENV: &str = "WISMO_MAILGUN_SIGNING_KEY";
pub const TWILIO_TOKEN_ENV: &str = "WISMO_TWILIO_AUTH_TOKEN";
pub const WHATSAPP_TOKEN_ENV: &str = "WISMO_WHATSAPP_ACCESS_TOKEN";
pub const WHATSAPP_SECRET_ENV: &str = "WISMO_WHATSAPP_APP_SECRET";
pub const WHATSAPP_VERIFY_ENV: &str = "WISMO_WHATSAPP_VERIFY_TOKEN";

/// `[outreach]` in `wismo.toml` (documented in CONFIG.md). Without the section, the same
/// defaults as an empty one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutreachConfig {
    /// Run the monitor and send notices. Off unless set: a merchant turns outreach on.
    #[serde(default)]
    pub enabled: bool,
    /// The proxy's public origin (`https://wismo.example.com`): unsubscribe links are built on
    /// it, and Twilio signs the URL it called, which behind a load balancer only this knows.
    #[serde(default)]
    pub public_url: Option<String>,
    /// The calling code for phone numbers the shop stored without one (`1`, `44`, `49`…).
    #[serde(default = "default_country_code")]
    pub default_country_code: String,
    /// How long an order being evaluated or a message being sent is left to the proxy that
    /// claimed it; after a crash, another proxy (or the restarted one) takes it after this.
    #[serde(default = "default_lease_seconds")]
    pub lease_seconds: u32,
    #[serde(default)]
    pub email: EmailConfig,
    #[serde(default)]
    pub sms: SmsConfig,
    #[serde(default)]
    pub whatsapp: WhatsappConfig,
}

fn default_country_code() -> String {
    "1".to_owned()
}

fn default_lease_seconds() -> u32 {
    300
}

impl Default for OutreachConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            public_url: None,
            default_country_code: default_country_code(),
            lease_seconds: default_lease_seconds(),
            email: EmailConfig::default(),
            sms: SmsConfig::default(),
            whatsapp: WhatsappConfig::default(),
        }
    }
}

impl Default for SmsConfig {
    fn default() -> Self {
        Self {
            account_sid: None,
            auth_token: None,
            from: None,
            api_url: twilio_url(),
        }
    }
}

impl Default for WhatsappConfig {
    fn default() -> Self {
        Self {
            phone_number_id: None,
            access_token: None,
            app_secret: None,
            verify_token: None,
            template: whatsapp_template(),
            api_url: graph_url(),
            api_version: graph_version(),
        }
    }
}

/// What the running proxy knows about outreach.
#[derive(Clone)]
pub struct Outreach {
    /// Whether the monitor runs.
    pub enabled: bool,
    /// How long a claimed order or message is left to its proxy.
    pub lease: chrono::Duration,
    pub public_url: Option<String>,
    pub senders: Senders,
    /// Verifies inbound SMS (Twilio's auth token).
    pub twilio_token: Option<Arc<[u8]>>,
    /// Verifies inbound WhatsApp messages (the Meta app secret).
    pub whatsapp_secret: Option<WebhookSecret>,
    pub whatsapp_verify_token: Option<Arc<str>>,
    /// Verifies inbound e-mail (Mailgun's signing key).
    pub mailgun_key: Option<WebhookSecret>,
}

impl Default for Outreach {
    fn default() -> Self {
        Self {
            enabled: false,
            lease: chrono::Duration::seconds(i64::from(default_lease_seconds())),
            public_url: None,
            senders: Senders::default(),
            twilio_token: None,
            whatsapp_secret: None,
            whatsapp_verify_token: None,
            mailgun_key: None,
        }
    }
}

impl std::fmt::Debug for Outreach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outreach")
            .field("enabled", &self.enabled)
            .field("public_url", &self.public_url)
            .field("senders", &self.senders)
            .finish_non_exhaustive()
    }
}

impl Outreach {
    /// Everything `[outreach]` configures, secrets overridden by `env`.
    pub fn from_config(
        c: &OutreachConfig,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Self> {
        let secret = |name: &str, file: &Option<Secret>| {
            env(name)
                .filter(|s| !s.is_empty())
                .or_else(|| file.as_ref().map(|s| s.expose().to_owned()))
        };
        let http = crate::outbound::client(
            std::time::Duration::from_secs(5),
            std::time::Duration::from_secs(20),
        )?;
        let mut senders = Senders::default();
        if let Some(url) = secret(SMTP_URL_ENV, &c.email.smtp_url) {
            let from = c.email.from.as_deref().ok_or_else(|| {
                anyhow::anyhow!("outreach.email.from is required with outreach.email.smtp_url")
            })?;
            senders.email = Some(Arc::new(send::SmtpSender::new(&url, from)?));
        }
        let twilio_token = secret(TWILIO_TOKEN_ENV, &c.sms.auth_token);
        if let (Some(sid), Some(token)) = (&c.sms.account_sid, &twilio_token) {
            let from = c.sms.from.as_deref().ok_or_else(|| {
                anyhow::anyhow!("outreach.sms.from is required with outreach.sms.account_sid")
            })?;
            senders.sms = Some(Arc::new(send::TwilioSender::new(
                http.clone(),
                &c.sms.api_url,
                sid,
                Secret::from(token.as_str()),
                from,
                &c.default_country_code,
            )));
        }
        if let (Some(id), Some(token)) = (
            &c.whatsapp.phone_number_id,
            secret(WHATSAPP_TOKEN_ENV, &c.whatsapp.access_token),
        ) {
            senders.whatsapp = Some(Arc::new(send::WhatsappSender::new(
                http,
                &c.whatsapp.api_url,
                &c.whatsapp.api_version,
                id,
                Secret::from(token.as_str()),
                &c.whatsapp.template,
                &c.default_country_code,
            )));
        }
        let key = |s: Option<String>| -> anyhow::Result<Option<WebhookSecret>> {
            s.map(|s| WebhookSecret::new(s.as_bytes()).map_err(anyhow::Error::from))
                .transpose()
        };
        // E-mails carry an unsubscribe link, and Twilio signs the public URL it called.
        anyhow::ensure!(
            c.public_url.is_some() || (senders.email.is_none() && twilio_token.is_none()),
            "outreach.public_url is required with outreach.email.smtp_url (unsubscribe links) \
             and with outreach.sms.auth_token (Twilio signs the URL it calls), e.g. \
             public_url = \"https://wismo.example.com\""
        );
        if c.enabled && !senders.any() {
            tracing::warn!("outreach is enabled but no sender is configured: notices stay queued");
        }
        anyhow::ensure!(
            c.lease_seconds >= 1,
            "outreach.lease_seconds must be at least 1"
        );
        Ok(Self {
            enabled: c.enabled,
            lease: chrono::Duration::seconds(i64::from(c.lease_seconds)),
            public_url: c
                .public_url
                .as_deref()
                .map(|u| u.trim_end_matches('/').to_owned()),
            senders,
            twilio_token: twilio_token.map(|t| Arc::from(t.as_bytes())),
            whatsapp_secret: key(secret(WHATSAPP_SECRET_ENV, &c.whatsapp.app_secret))?,
            whatsapp_verify_token: secret(WHATSAPP_VERIFY_ENV, &c.whatsapp.verify_token)
                .map(Arc::from),
            mailgun_key: key(secret(MAILGUN_KEY_ENV, &c.email.inbound_signing_key))?,
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// `smtps://user:pass@host:465` or `smtp://user:pass@host:587?tls=required`.
    #[serde(default)]
    pub smtp_url: Option<Secret>,
    /// `Brand <orders@brand.example>`.
    #[serde(default)]
    pub from: Option<String>,
    /// Mailgun's HTTP webhook signing key, for inbound e-mail at `/webhooks/email`.
    #[serde(default)]
    pub inbound_signing_key: Option<Secret>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    #[serde(default)]
    pub account_sid: Option<String>,
    /// Signs requests to Twilio and verifies `X-Twilio-Signature` on inbound SMS.
    #[serde(default)]
    pub auth_token: Option<Secret>,
    /// The sending number (`+15550001111`) or a Messaging Service SID (`MG…`).
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default = "twilio_url")]
    pub api_url: String,
}

fn twilio_url() -> String {
    "https://api.twilio.com".to_owned()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatsappConfig {
    #[serde(default)]
    pub phone_number_id: Option<String>,
    #[serde(default)]
    pub access_token: Option<Secret>,
    /// The Meta app's secret: verifies `X-Hub-Signature-256` on inbound messages.
    #[serde(default)]
    pub app_secret: Option<Secret>,
    /// What the webhook's GET verification must present as `hub.verify_token`.
    #[serde(default)]
    pub verify_token: Option<Secret>,
    /// An approved template with one body parameter, for notices outside the 24-hour window.
    #[serde(default = "whatsapp_template")]
    pub template: String,
    #[serde(default = "graph_url")]
    pub api_url: String,
    #[serde(default = "graph_version")]
    pub api_version: String,
}

fn whatsapp_template() -> String {
    "order_update".to_owned()
}

fn graph_url() -> String {
    "https://graph.facebook.com".to_owned()
}

fn graph_version() -> String {
    "v21.0".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_section_has_the_same_defaults_as_an_empty_one() {
        let empty: OutreachConfig = toml::from_str("").unwrap();
        let missing = OutreachConfig::default();
        assert_eq!(format!("{empty:?}"), format!("{missing:?}"));
        assert_eq!(missing.lease_seconds, 300);
        assert_eq!(missing.sms.api_url, "https://api.twilio.com");
        assert_eq!(missing.whatsapp.api_version, "v21.0");
    }

    // lettre's connection pool lives on the Tokio runtime.
    #[tokio::test]
    async fn email_and_twilio_need_the_public_url_and_secrets_come_from_the_environment() {
        let c: OutreachConfig = toml::from_str(
            "enabled = true\n[email]\nsmtp_url = \"smtp://127.0.0.1:2525\"\nfrom = \"a@b.example\"\n",
        )
        .unwrap();
        let err = Outreach::from_config(&c, &|_| None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("outreach.public_url is required"), "{err}");
        let mut c = c;
        c.public_url = Some("https://wismo.test/".into());
        let o = Outreach::from_config(&c, &|_| None).unwrap();
        assert_eq!(o.public_url.as_deref(), Some("https://wismo.test"));
        assert_eq!(o.senders.email.as_ref().map(|s| s.name()), Some("smtp"));
        assert!(o.senders.sms.is_none());
        // Twilio's token from the environment alone verifies inbound SMS.
        let env = |k: &str| (k == TWILIO_TOKEN_ENV).then(|| "from-env".to_owned());
        let o = Outreach::from_config(&c, &env).unwrap();
        assert_eq!(o.twilio_token.as_deref(), Some(&b"from-env"[..]));
        assert!(
            !format!("{o:?}").contains("from-env"),
            "secrets stay out of logs"
        );
    }
}
