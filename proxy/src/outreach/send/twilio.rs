//! SMS through Twilio's Messages API: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`
//! with HTTP basic auth (the account SID and auth token), a form of `To`, `From` (or
//! `MessagingServiceSid`) and `Body`; Twilio answers 201 with the message's `sid`. A refusal
//! names a Twilio error code; 21610 means the number replied STOP to this sender.

use super::{e164, Accepted, Outgoing, SendError, Sender};
use crate::outside::Secret;
use async_trait::async_trait;

/// Twilio's error code for a recipient who unsubscribed from this sender.
const UNSUBSCRIBED: &str = "21610";

#[derive(Debug, Clone)]
pub struct TwilioSender {
    http: reqwest::Client,
    base: String,
    account_sid: String,
    auth_token: Secret,
    /// A `+` number, or a Messaging Service SID (`MG…`).
    from: String,
    default_country_code: String,
}

impl TwilioSender {
    pub fn new(
        http: reqwest::Client,
        base: &str,
        account_sid: &str,
        auth_token: Secret,
        from: &str,
        default_country_code: &str,
    ) -> Self {
        Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            account_sid: account_sid.to_owned(),
            auth_token,
            from: from.to_owned(),
            default_country_code: default_country_code.to_owned(),
        }
    }
}

#[async_trait]
impl Sender for TwilioSender {
    fn name(&self) -> &'static str {
        "twilio"
    }

    async fn send(&self, m: &Outgoing) -> Result<Accepted, SendError> {
        let to = e164(&m.to, &self.default_country_code)
            .ok_or_else(|| SendError::Permanent(format!("{:?} is not a phone number", m.to)))?;
        let url = crate::outbound::url(
            &self.base,
            &["2010-04-01", "Accounts", &self.account_sid, "Messages.json"],
        )
        .map_err(|e| SendError::Permanent(format!("{e:#}")))?;
        let from_key = if self.from.starts_with("MG") {
            "MessagingServiceSid"
        } else {
            "From"
        };
        let req = self
            .http
            .post(url)
            .basic_auth(&self.account_sid, Some(self.auth_token.expose()))
            .form(&[
                ("To", to.as_str()),
                (from_key, &self.from),
                ("Body", &m.text),
            ]);
        let answer = crate::helpdesk::reply::send("twilio message", req)
            .await
            .map_err(|e| match SendError::from(e) {
                SendError::Permanent(msg) if msg.contains(UNSUBSCRIBED) => SendError::OptedOut(msg),
                other => other,
            })?;
        Ok(Accepted {
            provider_id: answer["sid"].as_str().map(str::to_owned),
        })
    }
}
