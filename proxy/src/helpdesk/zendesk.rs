//! Zendesk Support as a helpdesk for notes. The shopper's most recent unsolved ticket is found
//! with the Search API (`type:ticket requester:EMAIL status<solved`, newest first) and the note
//! added to it as a private comment (`PUT /api/v2/tickets/{id}.json`). A shopper with no unsolved
//! ticket gets a new one, created already solved with the note as its private first comment, so
//! the team has the record on the shopper's profile without a ticket waiting in a queue; with no
//! public comment and no unsolved ticket, Zendesk's default notification triggers have nothing to
//! send. The ticket is tagged `wismo` for custom triggers to leave alone.
//!
//! Authentication is an API token: Basic `{email}/token:{token}`. Ticket creation carries an
//! `Idempotency-Key` naming the note, so a retry after a lost answer does not open a second one.
//! Search results can lag a new ticket by minutes, which only matters to one opened moments ago.

use super::api::BasicApi;
use super::reply::send;
use super::{Delivered, Helpdesk, Note, NoteError};
use async_trait::async_trait;
use serde_json::{json, Value};
use wismo::Email;

/// `https://{subdomain}.zendesk.com` for a subdomain.
pub fn base_url(subdomain: &str) -> String {
    format!("https://{subdomain}.zendesk.com")
}

/// One Zendesk account, signed in as an agent with an API token. The token never appears in
/// `Debug` output, logs or errors.
#[derive(Debug, Clone)]
pub struct ZendeskNotes {
    api: BasicApi,
}

impl ZendeskNotes {
    /// The account at `base` (`https://acme.zendesk.com`), as the agent `api_email`.
    pub fn new(
        http: reqwest::Client,
        base: &str,
        api_email: &str,
        api_token: &str,
    ) -> anyhow::Result<Self> {
        let user = format!("{api_email}/token");
        Ok(Self {
            api: BasicApi::new(http, base, &["api", "v2"], user, api_token)?,
        })
    }

    /// The id of the requester's newest ticket that is not solved or closed.
    async fn open_ticket(&self, email: &Email) -> Result<Option<String>, NoteError> {
        let query = format!("type:ticket requester:{} status<solved", email.as_str());
        let req = self
            .api
            .request(reqwest::Method::GET, &["api", "v2", "search.json"])?
            .query(&[
                ("query", query.as_str()),
                ("sort_by", "created_at"),
                ("sort_order", "desc"),
            ]);
        let doc = send("zendesk search", req).await?;
        let results = doc["results"]
            .as_array()
            .ok_or_else(|| NoteError::transient("zendesk search answered without results"))?;
        // The query asks for unsolved tickets only; the filter guards against a looser search.
        Ok(results
            .iter()
            .filter(|r| r["result_type"].as_str().is_none_or(|t| t == "ticket"))
            .filter(|r| !matches!(r["status"].as_str(), Some("solved" | "closed")))
            .find_map(|r| id_of(&r["id"])))
    }

    async fn comment(&self, ticket: &str, note: &Note) -> Result<(), NoteError> {
        let body = json!({"ticket": {"comment": {"body": note.body, "public": false}}});
        let path = format!("{ticket}.json");
        let req = self
            .api
            .request(reqwest::Method::PUT, &["api", "v2", "tickets", &path])?
            .json(&body);
        send("zendesk ticket update", req).await.map(drop)
    }

    async fn open_solved(&self, note: &Note) -> Result<Option<String>, NoteError> {
        let email = note.email.as_str();
        let body = json!({"ticket": {
            "subject": note.subject(),
            "comment": {"body": note.body, "public": false},
            // A requester Zendesk does not know yet is created; it needs a name, and the e-mail
            // is the only one we can vouch for (an existing user keeps theirs).
            "requester": {"email": email, "name": email},
            "status": "solved",
            "tags": ["wismo"],
        }});
        let req = self
            .api
            .request(reqwest::Method::POST, &["api", "v2", "tickets.json"])?
            .header("Idempotency-Key", note.key())
            .json(&body);
        let doc = send("zendesk ticket creation", req).await?;
        Ok(id_of(&doc["ticket"]["id"]))
    }
}

/// A Zendesk id (a JSON number) as text.
fn id_of(v: &Value) -> Option<String> {
    v.as_u64()
        .map(|n| n.to_string())
        .or_else(|| v.as_str().map(str::to_owned))
}

#[async_trait]
impl Helpdesk for ZendeskNotes {
    fn name(&self) -> &'static str {
        "zendesk"
    }

    async fn internal_note(&self, note: &Note) -> Result<Delivered, NoteError> {
        let known = match &note.ticket {
            Some(t) => Some(t.clone()),
            None => self.open_ticket(&note.email).await?,
        };
        match known {
            Some(ticket) => {
                self.comment(&ticket, note).await?;
                Ok(Delivered {
                    ticket: Some(ticket),
                    created: false,
                })
            }
            None => Ok(Delivered {
                ticket: self.open_solved(note).await?,
                created: true,
            }),
        }
    }
}
