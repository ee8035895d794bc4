//! Who carries a message to the shopper: e-mail over SMTP, SMS through Twilio's Messages API,
//! WhatsApp through Meta's Cloud API, or (in the demo and tests) a recorder that keeps them.
//! Each is plugged in from the config; a channel with no sender keeps its messages queued.

mod recording;
mod smtp;
mod twilio;
mod whatsapp;

pub use recording::RecordingSender;
pub use smtp::SmtpSender;
pub use twilio::TwilioSender;
pub use whatsapp::WhatsappSender;

use crate::helpdesk::NoteError;
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use wismo::outreach::Channel;

/// One message on its way out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The outbox row: the same on every attempt, so providers that deduplicate can.
    pub id: i64,
    pub channel: Channel,
    /// An e-mail address, or a phone number as the shop wrote it.
    pub to: String,
    /// Two-letter language code.
    pub lang: String,
    pub subject: String,
    /// Plain text, with whatever the shop or shopper typed in it: never HTML.
    pub text: String,
    /// Where one click unsubscribes (e-mail only), and the line that introduces it.
    pub unsubscribe_url: Option<String>,
    pub footer: Option<String>,
    pub unsubscribe_words: String,
    /// The brand, for the e-mail's heading.
    pub brand: String,
    /// WhatsApp only: the shopper has not written in the last 24 hours, so only an approved
    /// template may open the conversation.
    pub needs_template: bool,
}

/// What the provider said when it took a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The provider's id for it (Twilio's `SM…`, WhatsApp's `wamid.…`, the e-mail's Message-ID).
    pub provider_id: Option<String>,
}

/// Why a provider did not take a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Not now (unreachable, rate limited, overloaded): tried again later.
    #[error("{message}")]
    Transient {
        message: String,
        retry_after: Option<Duration>,
    },
    /// Never (bad credentials, an invalid number, a refused address): kept with the reason.
    #[error("{0}")]
    Permanent(String),
    /// The recipient opted out at the provider (Twilio's 21610): recorded as an opt-out too.
    #[error("{0}")]
    OptedOut(String),
}

impl From<NoteError> for SendError {
    fn from(e: NoteError) -> Self {
        match e {
            NoteError::Transient {
                message,
                retry_after,
            } => Self::Transient {
                message,
                retry_after,
            },
            NoteError::Permanent(m) => Self::Permanent(m),
        }
    }
}

/// A way to reach shoppers on one channel.
#[async_trait]
pub trait Sender: Send + Sync {
    /// How the outbox names it (`smtp`, `twilio`, `whatsapp`, `recording`).
    fn name(&self) -> &'static str;
    async fn send(&self, message: &Outgoing) -> Result<Accepted, SendError>;
}

/// The sender of each channel, where one is configured.
#[derive(Clone, Default)]
pub struct Senders {
    pub email: Option<Arc<dyn Sender>>,
    pub sms: Option<Arc<dyn Sender>>,
    pub whatsapp: Option<Arc<dyn Sender>>,
}

impl Senders {
    /// One sender for every channel (the demo's and tests' recorder).
    pub fn all(sender: Arc<dyn Sender>) -> Self {
        Self {
            email: Some(sender.clone()),
            sms: Some(sender.clone()),
            whatsapp: Some(sender),
        }
    }

    pub fn for_channel(&self, channel: Channel) -> Option<&Arc<dyn Sender>> {
        match channel {
            Channel::Email => self.email.as_ref(),
            Channel::Sms => self.sms.as_ref(),
            Channel::Whatsapp => self.whatsapp.as_ref(),
        }
    }

    pub fn any(&self) -> bool {
        self.email.is_some() || self.sms.is_some() || self.whatsapp.is_some()
    }
}

impl std::fmt::Debug for Senders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = |s: &Option<Arc<dyn Sender>>| s.as_ref().map(|s| s.name());
        f.debug_struct("Senders")
            .field("email", &name(&self.email))
            .field("sms", &name(&self.sms))
            .field("whatsapp", &name(&self.whatsapp))
            .finish()
    }
}

/// A phone number as the providers want it, `+` and digits ("+14155550134"): the number as
/// written when it has a `+` or `00` in front, else the national number (its trunk 0 dropped)
/// behind `default_country_code`. `None` when it has too few digits to be a phone.
pub fn e164(raw: &str, default_country_code: &str) -> Option<String> {
    let digits = wismo::phone_digits(raw)?;
    let t = raw.trim_start();
    if t.starts_with('+') || t.starts_with("00") {
        return Some(format!("+{digits}"));
    }
    let national = digits.strip_prefix('0').unwrap_or(&digits);
    let cc: String = default_country_code
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if cc.is_empty() || (national.starts_with(&cc) && digits.len() > 10) {
        return Some(format!("+{digits}"));
    }
    Some(format!("+{cc}{national}"))
}

#[cfg(test)]
mod tests {
    use super::e164;

    #[test]
    fn phones_become_e164_with_the_shops_country_code_when_they_lack_one() {
        assert_eq!(
            e164("+1 (415) 555-0134", "44").as_deref(),
            Some("+14155550134")
        );
        assert_eq!(e164("(415) 555-0134", "1").as_deref(), Some("+14155550134"));
        assert_eq!(e164("14155550134", "1").as_deref(), Some("+14155550134"));
        assert_eq!(
            e164("06 12 34 56 78", "33").as_deref(),
            Some("+33612345678")
        );
        assert_eq!(
            e164("0049 170 1234567", "1").as_deref(),
            Some("+491701234567")
        );
        assert_eq!(e164("n/a", "1"), None);
    }
}
