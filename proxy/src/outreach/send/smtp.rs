//! E-mail over SMTP with `lettre`: a plain-text and an HTML part (the same words; the HTML is
//! built from escaped text, so nothing a shop or shopper typed can become markup), a one-click
//! `List-Unsubscribe` (RFC 8058), and the outbox id in the Message-ID so a retried message is
//! recognisable as the same one.

use super::{Accepted, Outgoing, SendError, Sender};
use async_trait::async_trait;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The domain of our Message-IDs.
    domain: String,
}

impl std::fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSender")
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl SmtpSender {
    /// `url` as lettre reads it: `smtps://user:pass@host:465`,
    /// `smtp://user:pass@host:587?tls=required`, or `smtp://host:25` (no TLS: local relays and
    /// tests only).
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("outreach.email.smtp_url is not a valid SMTP URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("outreach.email.from {from:?} is not an address: {e}"))?;
        let domain = from.email.domain().to_owned();
        Ok(Self {
            transport,
            from,
            domain,
        })
    }

    /// The message as it goes on the wire.
    pub fn message(&self, m: &Outgoing) -> Result<Message, SendError> {
        let to: Mailbox =
            m.to.parse()
                .map_err(|e| SendError::Permanent(format!("{:?} is not an address: {e}", m.to)))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(format!("<wismo-{}@{}>", m.id, self.domain)));
        if let Some(url) = &m.unsubscribe_url {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                plain(m),
                crate::outreach::email::html(m),
            ))
            .map_err(|e| SendError::Permanent(format!("building the e-mail: {e}")))
    }
}

fn plain(m: &Outgoing) -> String {
    match &m.unsubscribe_url {
        Some(url) => format!(
            "{}\n\n--\n{}\n{url}\n",
            m.text,
            m.footer.as_deref().unwrap_or_default()
        ),
        None => format!("{}\n", m.text),
    }
}

#[async_trait]
impl Sender for SmtpSender {
    fn name(&self) -> &'static str {
        "smtp"
    }

    async fn send(&self, m: &Outgoing) -> Result<Accepted, SendError> {
        let message = self.message(m)?;
        let id = message.headers().get_raw("Message-ID").map(str::to_owned);
        match self.transport.send(message).await {
            Ok(_) => Ok(Accepted { provider_id: id }),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(format!("smtp: {e}"))),
            Err(e) => Err(SendError::Transient {
                message: format!("smtp: {e}"),
                retry_after: None,
            }),
        }
    }
}
