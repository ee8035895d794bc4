//! The sidebar's only way out: the helpdesk's host object (ZAFClient behind it), which signs
//! every request to the proxy with the app's JWT. Here its answers become typed data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wismo::resolve::{AgentAction, AgentView, Proposal};
use wismo::OrderCard;

#[wasm_bindgen]
extern "C" {
    /// `{requester(), request(path, method, body, idempotencyKey), insertReply(text)}`.
    #[derive(Clone)]
    pub type Host;

    #[wasm_bindgen(method, catch)]
    async fn requester(this: &Host) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch)]
    async fn request(
        this: &Host,
        path: &str,
        method: &str,
        body: Option<String>,
        idempotency_key: Option<String>,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = insertReply)]
    async fn insert_reply(this: &Host, text: &str) -> Result<JsValue, JsValue>;
}

/// The ticket's requester.
#[derive(Debug, Clone, Deserialize)]
pub struct Requester {
    pub email: Option<String>,
}

#[derive(Deserialize)]
struct Answer {
    status: u16,
    #[serde(default)]
    body: String,
}

/// Everything the proxy tells an agent about a customer (`GET /agent/zendesk/customer`).
#[derive(Debug, Clone, Deserialize)]
pub struct Customer {
    pub email: String,
    #[serde(default)]
    pub name: Option<String>,
    pub orders: Vec<Order>,
    #[serde(default)]
    pub conversation: Vec<Line>,
    #[serde(default)]
    pub handoff: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Order {
    pub name: String,
    pub headline: String,
    pub problem: bool,
    pub sentence: String,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub parcels: Vec<RawParcel>,
    #[serde(default)]
    pub agent: Option<AgentView>,
    #[serde(default)]
    pub card: Option<OrderCard>,
    #[serde(default)]
    pub actions: Vec<AgentAction>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Fact {
    pub source: String,
    pub statement: String,
    pub age: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RawParcel {
    pub carrier: String,
    pub tracking_number: String,
    pub events: Vec<RawEvent>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RawEvent {
    pub at: DateTime<Utc>,
    pub code: String,
    pub description: String,
    #[serde(default)]
    pub place: Option<String>,
    pub status: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Line {
    pub at: DateTime<Utc>,
    pub channel: String,
    pub direction: String,
    pub text: String,
}

#[derive(Serialize)]
struct RunRequest<'a> {
    proposal: &'a Proposal,
    approve: bool,
}

#[derive(Deserialize)]
struct Executed {
    detail: String,
}

#[derive(Deserialize)]
struct ErrorBody {
    message: String,
}

/// Why a call failed, in words for the agent.
pub type Failure = String;

#[derive(Clone)]
pub struct Api {
    host: Host,
}

impl Api {
    pub fn new(host: Host) -> Self {
        Self { host }
    }

    pub async fn requester(&self) -> Result<Requester, Failure> {
        let v = self
            .host
            .requester()
            .await
            .map_err(|e| format!("the helpdesk did not say who the requester is: {e:?}"))?;
        serde_wasm_bindgen::from_value(v).map_err(|e| format!("unexpected requester: {e}"))
    }

    async fn call(
        &self,
        path: &str,
        method: &str,
        body: Option<String>,
        key: Option<String>,
    ) -> Result<Answer, Failure> {
        let v = self
            .host
            .request(path, method, body, key)
            .await
            .map_err(|_| "wismo could not be reached; try again in a moment".to_owned())?;
        serde_wasm_bindgen::from_value(v).map_err(|e| format!("unexpected answer: {e}"))
    }

    /// The customer's orders, conversation and hand-over.
    pub async fn customer(&self, email: &str) -> Result<Customer, Failure> {
        let path = format!(
            "/agent/zendesk/customer?email={}",
            String::from(js_sys::encode_uri_component(email))
        );
        let a = self.call(&path, "GET", None, None).await?;
        match a.status {
            200 => serde_json::from_str(&a.body).map_err(|e| format!("unexpected answer: {e}")),
            401 | 403 => {
                Err("wismo refused this app's token: check the app's shared secret".into())
            }
            _ => Err(message(&a)),
        }
    }

    /// Runs an action; `key` makes a second click harmless. Ok is the shop's own words.
    pub async fn run(
        &self,
        proposal: &Proposal,
        approve: bool,
        key: &str,
    ) -> Result<String, Failure> {
        let body =
            serde_json::to_string(&RunRequest { proposal, approve }).map_err(|e| e.to_string())?;
        let a = self
            .call(
                "/agent/zendesk/actions",
                "POST",
                Some(body),
                Some(key.to_owned()),
            )
            .await?;
        match a.status {
            200..=299 => serde_json::from_str::<Executed>(&a.body)
                .map(|e| e.detail)
                .map_err(|e| format!("unexpected answer: {e}")),
            _ => Err(message(&a)),
        }
    }

    pub async fn insert_reply(&self, text: &str) -> Result<(), Failure> {
        self.host
            .insert_reply(text)
            .await
            .map(|_| ())
            .map_err(|_| "the reply could not be inserted".to_owned())
    }
}

fn message(a: &Answer) -> Failure {
    serde_json::from_str::<ErrorBody>(&a.body)
        .map(|b| b.message)
        .unwrap_or_else(|_| format!("wismo answered {}", a.status))
}
