//! Gorgias as a helpdesk for notes. The customer is found by e-mail (`GET /api/customers`), their
//! newest open ticket among the latest page (`GET /api/tickets?customer_id=…`, newest first), and
//! the note posted to it as an internal note (`POST /api/tickets/{id}/messages` with `channel:
//! "internal-note"`). A customer with no open ticket (or unknown to Gorgias) gets a new ticket,
//! created closed with the note as its only message, so nobody's queue grows.
//!
//! Authentication is Basic with the account's e-mail and a REST API key. The note goes as text
//! and as HTML escaped from that text: it carries what the shopper typed (an address), which
//! must never become markup in an agent's browser.

use super::api::BasicApi;
use super::reply::send;
use super::{Delivered, Helpdesk, Note, NoteError};
use async_trait::async_trait;
use serde_json::{json, Value};
use wismo::Email;

/// How many of a customer's newest tickets are looked through for an open one.
const TICKETS_PAGE: &str = "30";

/// `https://{domain}.gorgias.com/api` for an account's domain.
pub fn base_url(domain: &str) -> String {
    format!("https://{domain}.gorgias.com/api")
}

/// One Gorgias account, signed in as the user owning the API key. The key never appears in
/// `Debug` output, logs or errors.
#[derive(Debug, Clone)]
pub struct GorgiasNotes {
    api: BasicApi,
    /// The API user, who signs the notes.
    api_email: String,
}

impl GorgiasNotes {
    /// The account at `base` (`https://acme.gorgias.com/api`), as the user `api_email`.
    pub fn new(
        http: reqwest::Client,
        base: &str,
        api_email: &str,
        api_key: &str,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            api: BasicApi::new(http, base, &["tickets"], api_email.to_owned(), api_key)?,
            api_email: api_email.to_owned(),
        })
    }

    async fn customer(&self, email: &Email) -> Result<Option<u64>, NoteError> {
        let req = self
            .api
            .request(reqwest::Method::GET, &["customers"])?
            .query(&[("email", email.as_str()), ("limit", "1")]);
        let doc = send("gorgias customer lookup", req).await?;
        let data = doc["data"]
            .as_array()
            .ok_or_else(|| NoteError::transient("gorgias customer lookup answered without data"))?;
        Ok(data.iter().find_map(|c| c["id"].as_u64()))
    }

    /// The id of the customer's newest open ticket that is not in the trash.
    async fn open_ticket(&self, customer: u64) -> Result<Option<String>, NoteError> {
        let customer = customer.to_string();
        let req = self
            .api
            .request(reqwest::Method::GET, &["tickets"])?
            .query(&[
                ("customer_id", customer.as_str()),
                ("order_by", "created_datetime:desc"),
                ("limit", TICKETS_PAGE),
            ]);
        let doc = send("gorgias ticket lookup", req).await?;
        let data = doc["data"]
            .as_array()
            .ok_or_else(|| NoteError::transient("gorgias ticket lookup answered without data"))?;
        Ok(data
            .iter()
            .filter(|t| t["status"] == "open" && t["trashed_datetime"].is_null())
            .find_map(|t| t["id"].as_u64().map(|id| id.to_string())))
    }

    /// The internal note as a ticket message.
    fn message(&self, note: &Note) -> Value {
        json!({
            "channel": "internal-note",
            "via": "api",
            "from_agent": true,
            "sender": {"email": self.api_email},
            "body_text": note.body,
            "body_html": html(&note.body),
            "external_id": note.key(),
        })
    }

    async fn post(&self, ticket: &str, note: &Note) -> Result<(), NoteError> {
        let req = self
            .api
            .request(reqwest::Method::POST, &["tickets", ticket, "messages"])?
            .json(&self.message(note));
        send("gorgias message", req).await.map(drop)
    }

    async fn open_closed(&self, note: &Note) -> Result<Option<String>, NoteError> {
        let body = json!({
            "customer": {"email": note.email.as_str()},
            "channel": "api",
            "via": "api",
            "from_agent": true,
            "status": "closed",
            "subject": note.subject(),
            "external_id": note.key(),
            "tags": [{"name": "wismo"}],
            "messages": [self.message(note)],
        });
        let req = self
            .api
            .request(reqwest::Method::POST, &["tickets"])?
            .json(&body);
        let doc = send("gorgias ticket creation", req).await?;
        Ok(doc["id"].as_u64().map(|id| id.to_string()))
    }
}

/// `text` as HTML that shows exactly that text: every character markup could start with is
/// escaped, and line breaks become `<br>`.
pub fn html(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| crate::outbound::escape(&line.replace('\r', "")))
        .collect();
    format!("<p>{}</p>", lines.join("<br>"))
}

#[async_trait]
impl Helpdesk for GorgiasNotes {
    fn name(&self) -> &'static str {
        "gorgias"
    }

    async fn internal_note(&self, note: &Note) -> Result<Delivered, NoteError> {
        let known = match &note.ticket {
            Some(t) => Some(t.clone()),
            None => match self.customer(&note.email).await? {
                Some(customer) => self.open_ticket(customer).await?,
                None => None,
            },
        };
        match known {
            Some(ticket) => {
                self.post(&ticket, note).await?;
                Ok(Delivered {
                    ticket: Some(ticket),
                    created: false,
                })
            }
            None => Ok(Delivered {
                ticket: self.open_closed(note).await?,
                created: true,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::html;

    #[test]
    fn shopper_text_never_becomes_markup() {
        assert_eq!(
            html("<img src=x onerror=alert(1)>, \"Springfield\" & 'IL'\nline 2"),
            "<p>&lt;img src=x onerror=alert(1)&gt;, &quot;Springfield&quot; &amp; &#39;IL&#39;<br>line 2</p>"
        );
        assert_eq!(html("plain"), "<p>plain</p>");
    }
}
