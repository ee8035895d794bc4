//! WhatsApp through Meta's Cloud API: `POST /{version}/{phone-number-id}/messages` with the
//! system user's bearer token. Inside the 24-hour window after the shopper last wrote, free
//! text; outside it only an approved template may be sent, so the notice goes as the body
//! parameter of the template named in the config. WhatsApp answers with `messages[0].id`.

use super::{e164, Accepted, Outgoing, SendError, Sender};
use crate::outside::Secret;
use async_trait::async_trait;
use serde_json::json;

#[derive(Debug, Clone)]
pub struct WhatsappSender {
    http: reqwest::Client,
    base: String,
    api_version: String,
    phone_number_id: String,
    access_token: Secret,
    /// An approved template with one body parameter, `{{1}}`, that carries the notice.
    template: String,
    default_country_code: String,
}

impl WhatsappSender {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        http: reqwest::Client,
        base: &str,
        api_version: &str,
        phone_number_id: &str,
        access_token: Secret,
        template: &str,
        default_country_code: &str,
    ) -> Self {
        Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            api_version: api_version.to_owned(),
            phone_number_id: phone_number_id.to_owned(),
            access_token,
            template: template.to_owned(),
            default_country_code: default_country_code.to_owned(),
        }
    }

    /// The request body for `m`.
    pub fn body(&self, m: &Outgoing, to: &str) -> serde_json::Value {
        if m.needs_template {
            // Template parameters may not hold line breaks, tabs or runs of spaces.
            let text = m.text.split_whitespace().collect::<Vec<_>>().join(" ");
            json!({
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "template",
                "template": {
                    "name": self.template,
                    "language": { "code": m.lang },
                    "components": [{
                        "type": "body",
                        "parameters": [{ "type": "text", "text": text }]
                    }]
                }
            })
        } else {
            json!({
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "text",
                "text": { "preview_url": false, "body": m.text }
            })
        }
    }
}

#[async_trait]
impl Sender for WhatsappSender {
    fn name(&self) -> &'static str {
        "whatsapp"
    }

    async fn send(&self, m: &Outgoing) -> Result<Accepted, SendError> {
        let to = e164(&m.to, &self.default_country_code)
            .ok_or_else(|| SendError::Permanent(format!("{:?} is not a phone number", m.to)))?;
        let to = to.trim_start_matches('+');
        let url = crate::outbound::url(
            &self.base,
            &[&self.api_version, &self.phone_number_id, "messages"],
        )
        .map_err(|e| SendError::Permanent(format!("{e:#}")))?;
        let req = self
            .http
            .post(url)
            .bearer_auth(self.access_token.expose())
            .json(&self.body(m, to));
        let answer = crate::helpdesk::reply::send("whatsapp message", req).await?;
        Ok(Accepted {
            provider_id: answer["messages"][0]["id"].as_str().map(str::to_owned),
        })
    }
}
