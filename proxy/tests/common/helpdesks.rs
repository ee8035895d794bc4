//! Fake Zendesk Support and Gorgias REST APIs, served over real sockets: the endpoints internal
//! notes use, with the real request and response shapes, Basic authentication checked, every
//! request recorded, and scripted failures (a 503, a 429 with `Retry-After`) served first.

#![allow(dead_code)] // Each test binary uses a different subset of these helpers.

use super::fake_server::{client, serve};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wismo_proxy::helpdesk::{GorgiasNotes, ZendeskNotes};

/// The agent both fakes know, and their credentials.
pub const AGENT: &str = "agent@northwind.example";
pub const ZENDESK_TOKEN: &str = "zd_test_api_token";
pub const GORGIAS_KEY: &str = "gg_test_api_key";

/// One request as the fake received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: &'static str,
    pub path: String,
    pub query: HashMap<String, String>,
    pub authorization: Option<String>,
    pub idempotency_key: Option<String>,
    pub body: Value,
    /// The status the fake answered.
    pub status: u16,
}

/// An answer served instead of the real one.
#[derive(Debug, Clone)]
pub struct Fault {
    pub status: u16,
    pub retry_after: Option<u64>,
}

impl Fault {
    pub fn status(status: u16) -> Self {
        Self {
            status,
            retry_after: None,
        }
    }

    pub fn rate_limited(seconds: u64) -> Self {
        Self {
            status: 429,
            retry_after: Some(seconds),
        }
    }
}

/// What every fake does before it answers: record the request, serve a scripted fault, check
/// the credentials. `Err` is the answer to send instead of the real one.
struct Gate<'a> {
    faults: &'a mut VecDeque<Fault>,
    seen: &'a mut Vec<Seen>,
    expected_auth: String,
}

impl Gate<'_> {
    fn pass(
        self,
        method: &'static str,
        path: String,
        query: HashMap<String, String>,
        headers: &HeaderMap,
        body: &Bytes,
        unauthorized: Value,
    ) -> Result<usize, Box<Response>> {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let body = if body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(body).unwrap_or_else(|_| json!({"unparsed": true}))
        };
        let mut seen = Seen {
            method,
            path,
            query,
            authorization: header("authorization"),
            idempotency_key: header("idempotency-key"),
            body,
            status: 200,
        };
        if let Some(fault) = self.faults.pop_front() {
            seen.status = fault.status;
            self.seen.push(seen);
            let status = StatusCode::from_u16(fault.status).unwrap();
            let mut res =
                (status, Json(json!({"error": status.canonical_reason()}))).into_response();
            if let Some(secs) = fault.retry_after {
                res.headers_mut()
                    .insert("retry-after", HeaderValue::from(secs));
            }
            return Err(Box::new(res));
        }
        if seen.authorization.as_deref() != Some(self.expected_auth.as_str()) {
            seen.status = 401;
            self.seen.push(seen);
            return Err(Box::new(
                (StatusCode::UNAUTHORIZED, Json(unauthorized)).into_response(),
            ));
        }
        self.seen.push(seen);
        Ok(self.seen.len() - 1)
    }
}

fn basic(user: &str, password: &str) -> String {
    let raw = format!("{user}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

// ---------------------------------------------------------------------------------------------
// Zendesk Support

/// A Zendesk ticket as the fake keeps it.
#[derive(Debug, Clone)]
pub struct ZendeskTicket {
    pub id: u64,
    pub requester: String,
    pub status: String,
    pub subject: String,
    /// (body, public) of every comment, the first one included.
    pub comments: Vec<(String, bool)>,
    pub tags: Vec<String>,
}

impl ZendeskTicket {
    pub fn new(id: u64, requester: &str, status: &str) -> Self {
        Self {
            id,
            requester: requester.to_owned(),
            status: status.to_owned(),
            subject: format!("Where is my order? ({id})"),
            comments: vec![("Hi, where is my parcel?".to_owned(), true)],
            tags: vec![],
        }
    }

    fn json(&self) -> Value {
        let at = format!("2026-11-{:02}T10:00:00Z", 1 + self.id % 18);
        json!({
            "url": format!("https://northwind.zendesk.com/api/v2/tickets/{}.json", self.id),
            "id": self.id,
            "external_id": null,
            "via": {"channel": "email", "source": {"from": {}, "to": {}, "rel": null}},
            "created_at": at,
            "updated_at": at,
            "type": null,
            "subject": self.subject,
            "raw_subject": self.subject,
            "description": self.comments.first().map(|c| c.0.clone()),
            "priority": null,
            "status": self.status,
            "recipient": "support@northwind.example",
            "requester_id": requester_id(&self.requester),
            "submitter_id": requester_id(&self.requester),
            "assignee_id": null,
            "organization_id": null,
            "group_id": 360_000_000_001u64,
            "tags": self.tags,
            "is_public": self.comments.iter().any(|c| c.1),
        })
    }
}

fn requester_id(email: &str) -> u64 {
    9_000_000_000 + email.bytes().map(u64::from).sum::<u64>()
}

#[derive(Default)]
pub struct ZendeskState {
    pub tickets: Vec<ZendeskTicket>,
    pub faults: VecDeque<Fault>,
    pub seen: Vec<Seen>,
    /// How long each answer takes, to make racing workers overlap.
    pub delay: Duration,
    /// Idempotency keys of created tickets, as Zendesk keeps them.
    keys: HashMap<String, u64>,
}

type ZShared = Arc<Mutex<ZendeskState>>;

/// A fake Zendesk account at `url`.
pub struct FakeZendesk {
    pub url: String,
    pub state: ZShared,
}

impl FakeZendesk {
    pub async fn start(tickets: Vec<ZendeskTicket>) -> Self {
        let state = Arc::new(Mutex::new(ZendeskState {
            tickets,
            ..ZendeskState::default()
        }));
        let router = Router::new()
            .route("/api/v2/search.json", get(zendesk_search))
            .route("/api/v2/tickets.json", post(zendesk_create))
            .route("/api/v2/tickets/{file}", put(zendesk_update))
            .with_state(state.clone());
        Self {
            url: serve(router).await,
            state,
        }
    }

    /// A client signed in as [`AGENT`] with the right token.
    pub fn client(&self) -> ZendeskNotes {
        self.client_with_token(ZENDESK_TOKEN)
    }

    pub fn client_with_token(&self, token: &str) -> ZendeskNotes {
        ZendeskNotes::new(client(), &self.url, AGENT, token).unwrap()
    }

    pub fn fail_next(&self, fault: Fault) {
        self.state.lock().unwrap().faults.push_back(fault);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    pub fn tickets(&self) -> Vec<ZendeskTicket> {
        self.state.lock().unwrap().tickets.clone()
    }

    pub fn expected_auth() -> String {
        basic(&format!("{AGENT}/token"), ZENDESK_TOKEN)
    }
}

fn zendesk_unauthorized() -> Value {
    json!({"error": "Couldn't authenticate you"})
}

async fn delay(state: &ZShared) {
    let d = state.lock().unwrap().delay;
    if !d.is_zero() {
        tokio::time::sleep(d).await;
    }
}

/// A fake helpdesk's state as the gate sees it.
trait Gated {
    /// The scripted faults and the log of requests.
    fn gate(&mut self) -> (&mut VecDeque<Fault>, &mut Vec<Seen>);
    /// The `Authorization` header the fake accepts.
    fn expected_auth() -> String;
    /// The body it answers a wrong credential with.
    fn unauthorized() -> Value;
}

impl Gated for ZendeskState {
    fn gate(&mut self) -> (&mut VecDeque<Fault>, &mut Vec<Seen>) {
        (&mut self.faults, &mut self.seen)
    }
    fn expected_auth() -> String {
        FakeZendesk::expected_auth()
    }
    fn unauthorized() -> Value {
        zendesk_unauthorized()
    }
}

impl Gated for GorgiasState {
    fn gate(&mut self) -> (&mut VecDeque<Fault>, &mut Vec<Seen>) {
        (&mut self.faults, &mut self.seen)
    }
    fn expected_auth() -> String {
        FakeGorgias::expected_auth()
    }
    fn unauthorized() -> Value {
        gorgias_unauthorized()
    }
}

/// Records and gates a request to a fake helpdesk, then answers it with `handle`.
fn answer<S: Gated>(
    state: &Mutex<S>,
    method: &'static str,
    path: String,
    query: HashMap<String, String>,
    headers: &HeaderMap,
    body: &Bytes,
    handle: impl FnOnce(&mut S) -> (StatusCode, Value),
) -> Response {
    let mut guard = state.lock().unwrap();
    let s = &mut *guard;
    let (faults, seen) = s.gate();
    let gate = Gate {
        faults,
        seen,
        expected_auth: S::expected_auth(),
    };
    let i = match gate.pass(method, path, query, headers, body, S::unauthorized()) {
        Ok(i) => i,
        Err(res) => return *res,
    };
    let (status, answer) = handle(s);
    s.gate().1[i].status = status.as_u16();
    (status, Json(answer)).into_response()
}

/// `GET /api/v2/search.json`: only the query the client sends is understood; anything else is
/// a 400, so a client that drifts from it fails loudly.
async fn zendesk_search(
    State(state): State<ZShared>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    delay(&state).await;
    let q = query.get("query").cloned().unwrap_or_default();
    let newest_first = query.get("sort_by").map(String::as_str) == Some("created_at")
        && query.get("sort_order").map(String::as_str) == Some("desc");
    let path = "/api/v2/search.json".to_owned();
    answer(&state, "GET", path, query, &headers, &Bytes::new(), |s| {
        let mut requester = None;
        let mut unsolved = false;
        let mut is_ticket = false;
        for term in q.split_whitespace() {
            match term.split_once(':') {
                Some(("type", "ticket")) => is_ticket = true,
                Some(("requester", who)) => requester = Some(who.to_owned()),
                _ if term == "status<solved" => unsolved = true,
                _ => {
                    let answer = json!({"error": "unsupported query term", "description": term});
                    return (StatusCode::BAD_REQUEST, answer);
                }
            }
        }
        let (Some(requester), true) = (requester, is_ticket) else {
            return (
                StatusCode::BAD_REQUEST,
                json!({"error": "unsupported query"}),
            );
        };
        let mut found: Vec<&ZendeskTicket> = s
            .tickets
            .iter()
            .filter(|t| t.requester == requester)
            .filter(|t| !unsolved || !matches!(t.status.as_str(), "solved" | "closed"))
            .collect();
        // Relevance order (here: oldest first) unless asked for newest first.
        if newest_first {
            found.sort_by_key(|t| std::cmp::Reverse(t.id));
        } else {
            found.sort_by_key(|t| t.id);
        }
        let results: Vec<Value> = found
            .iter()
            .map(|t| {
                let mut v = t.json();
                v["result_type"] = "ticket".into();
                v
            })
            .collect();
        let count = results.len();
        let answer = json!({"results": results, "facets": null, "next_page": null,
            "previous_page": null, "count": count});
        (StatusCode::OK, answer)
    })
}

/// `PUT /api/v2/tickets/{id}.json` with `{"ticket": {"comment": {...}}}`.
async fn zendesk_update(
    State(state): State<ZShared>,
    Path(file): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    delay(&state).await;
    let doc: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let id: Option<u64> = file.strip_suffix(".json").and_then(|n| n.parse().ok());
    let path = format!("/api/v2/tickets/{file}");
    answer(&state, "PUT", path, HashMap::new(), &headers, &body, |s| {
        let Some(ticket) = s.tickets.iter_mut().find(|t| Some(t.id) == id) else {
            let answer = json!({"error": "RecordNotFound", "description": "Not found"});
            return (StatusCode::NOT_FOUND, answer);
        };
        if ticket.status == "closed" {
            let answer = json!({"error": "RecordInvalid", "description": "Record validation errors",
                "details": {"status": [{"description": "Status: closed prevents ticket update"}]}});
            return (StatusCode::UNPROCESSABLE_ENTITY, answer);
        }
        let comment = &doc["ticket"]["comment"];
        let Some(text) = comment["body"].as_str() else {
            return (StatusCode::BAD_REQUEST, json!({"error": "no comment"}));
        };
        // Zendesk's default: a comment is public unless it says otherwise.
        let public = comment["public"].as_bool().unwrap_or(true);
        ticket.comments.push((text.to_owned(), public));
        let answer = json!({"ticket": ticket.json(), "audit": {"id": 7_000 + ticket.comments.len(),
            "ticket_id": ticket.id, "events": [{"type": "Comment", "body": text, "public": public}]}});
        (StatusCode::OK, answer)
    })
}

/// `POST /api/v2/tickets.json`, deduplicated by `Idempotency-Key` as Zendesk does.
async fn zendesk_create(State(state): State<ZShared>, headers: HeaderMap, body: Bytes) -> Response {
    delay(&state).await;
    let doc: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let path = "/api/v2/tickets.json".to_owned();
    answer(&state, "POST", path, HashMap::new(), &headers, &body, |s| {
        if let Some(id) = key.as_ref().and_then(|k| s.keys.get(k)) {
            let ticket = s.tickets.iter().find(|t| t.id == *id).unwrap();
            return (StatusCode::CREATED, json!({"ticket": ticket.json()}));
        }
        let t = &doc["ticket"];
        let (Some(text), Some(requester)) = (
            t["comment"]["body"].as_str(),
            t["requester"]["email"].as_str(),
        ) else {
            let answer =
                json!({"error": "RecordInvalid", "description": "Record validation errors"});
            return (StatusCode::UNPROCESSABLE_ENTITY, answer);
        };
        let id = 500 + s.tickets.len() as u64;
        let ticket = ZendeskTicket {
            id,
            requester: requester.to_owned(),
            status: t["status"].as_str().unwrap_or("new").to_owned(),
            subject: t["subject"].as_str().unwrap_or_default().to_owned(),
            comments: vec![(
                text.to_owned(),
                t["comment"]["public"].as_bool().unwrap_or(true),
            )],
            tags: t["tags"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        };
        let answer = json!({"ticket": ticket.json(), "audit": {"id": 8_000 + id, "ticket_id": id}});
        s.tickets.push(ticket);
        if let Some(k) = key {
            s.keys.insert(k, id);
        }
        (StatusCode::CREATED, answer)
    })
}

// ---------------------------------------------------------------------------------------------
// Gorgias

/// A Gorgias ticket as the fake keeps it.
#[derive(Debug, Clone)]
pub struct GorgiasTicket {
    pub id: u64,
    pub customer_id: u64,
    pub status: String,
    pub subject: String,
    pub trashed: bool,
    /// The request bodies of messages posted to it (and, for a created ticket, its messages).
    pub messages: Vec<Value>,
    /// The whole creation request, for tickets the client created.
    pub created_with: Option<Value>,
}

impl GorgiasTicket {
    pub fn new(id: u64, customer_id: u64, status: &str) -> Self {
        Self {
            id,
            customer_id,
            status: status.to_owned(),
            subject: format!("Order question ({id})"),
            trashed: false,
            messages: vec![],
            created_with: None,
        }
    }

    fn json(&self, customers: &[(u64, String)]) -> Value {
        let email = customers
            .iter()
            .find(|c| c.0 == self.customer_id)
            .map(|c| c.1.clone());
        let at = format!("2026-11-{:02}T10:00:00.000000+00:00", 1 + self.id % 18);
        json!({
            "id": self.id,
            "uri": format!("/api/tickets/{}/", self.id),
            "external_id": null,
            "language": "en",
            "status": self.status,
            "priority": "normal",
            "channel": "email",
            "via": "email",
            "from_agent": false,
            "customer": {"id": self.customer_id, "email": email, "name": "Jane", "firstname": "Jane", "lastname": ""},
            "assignee_user": null,
            "assignee_team": null,
            "subject": self.subject,
            "excerpt": "Where is my order?",
            "integrations": [],
            "meta": null,
            "tags": [],
            "messages_count": self.messages.len() + 1,
            "is_unread": false,
            "spam": false,
            "created_datetime": at,
            "opened_datetime": at,
            "last_received_message_datetime": at,
            "last_message_datetime": at,
            "updated_datetime": at,
            "closed_datetime": if self.status == "closed" { Value::from(at.clone()) } else { Value::Null },
            "snooze_datetime": null,
            "trashed_datetime": if self.trashed { Value::from(at) } else { Value::Null },
        })
    }
}

#[derive(Default)]
pub struct GorgiasState {
    /// (id, e-mail).
    pub customers: Vec<(u64, String)>,
    pub tickets: Vec<GorgiasTicket>,
    pub faults: VecDeque<Fault>,
    pub seen: Vec<Seen>,
}

type GShared = Arc<Mutex<GorgiasState>>;

/// A fake Gorgias account whose API is at `url` + `/api`.
pub struct FakeGorgias {
    pub url: String,
    pub state: GShared,
}

impl FakeGorgias {
    pub async fn start(customers: Vec<(u64, &str)>, tickets: Vec<GorgiasTicket>) -> Self {
        let state = Arc::new(Mutex::new(GorgiasState {
            customers: customers
                .into_iter()
                .map(|(id, e)| (id, e.to_owned()))
                .collect(),
            tickets,
            ..GorgiasState::default()
        }));
        let router = Router::new()
            .route("/api/customers", get(gorgias_customers))
            .route("/api/tickets", get(gorgias_tickets).post(gorgias_create))
            .route("/api/tickets/{id}/messages", post(gorgias_message))
            .with_state(state.clone());
        Self {
            url: serve(router).await,
            state,
        }
    }

    pub fn api_url(&self) -> String {
        format!("{}/api", self.url)
    }

    pub fn client(&self) -> GorgiasNotes {
        GorgiasNotes::new(client(), &self.api_url(), AGENT, GORGIAS_KEY).unwrap()
    }

    pub fn fail_next(&self, fault: Fault) {
        self.state.lock().unwrap().faults.push_back(fault);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    pub fn tickets(&self) -> Vec<GorgiasTicket> {
        self.state.lock().unwrap().tickets.clone()
    }

    pub fn expected_auth() -> String {
        basic(AGENT, GORGIAS_KEY)
    }
}

fn gorgias_unauthorized() -> Value {
    json!({"error": {"msg": "Unauthorized"}})
}

fn list(uri: String, data: Vec<Value>) -> (StatusCode, Value) {
    let answer = json!({"object": "list", "uri": uri, "data": data,
        "meta": {"prev_cursor": null, "next_cursor": null}});
    (StatusCode::OK, answer)
}

/// `GET /api/customers?email=…`.
async fn gorgias_customers(
    State(state): State<GShared>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let email = query.get("email").cloned();
    let path = "/api/customers".to_owned();
    answer(&state, "GET", path, query, &headers, &Bytes::new(), |s| {
        let data = s
            .customers
            .iter()
            .filter(|c| email.as_deref().is_none_or(|e| e == c.1))
            .map(|c| {
                json!({"id": c.0, "email": c.1, "name": "Jane", "firstname": "Jane", "lastname": "",
                "external_id": null, "language": "en", "timezone": "UTC",
                "channels": [{"type": "email", "address": c.1}],
                "created_datetime": "2026-10-01T10:00:00.000000+00:00",
                "updated_datetime": "2026-10-01T10:00:00.000000+00:00"})
            })
            .collect();
        list(
            format!("/api/customers?email={}", email.unwrap_or_default()),
            data,
        )
    })
}

/// `GET /api/tickets?customer_id=…&order_by=…`: newest first only when asked.
async fn gorgias_tickets(
    State(state): State<GShared>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let customer: Option<u64> = query.get("customer_id").and_then(|c| c.parse().ok());
    let newest_first = query.get("order_by").map(String::as_str) == Some("created_datetime:desc");
    let limit: usize = query
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(30);
    let path = "/api/tickets".to_owned();
    answer(&state, "GET", path, query, &headers, &Bytes::new(), |s| {
        let mut found: Vec<&GorgiasTicket> = s
            .tickets
            .iter()
            .filter(|t| customer.is_none_or(|c| c == t.customer_id))
            .collect();
        if newest_first {
            found.sort_by_key(|t| std::cmp::Reverse(t.id));
        } else {
            found.sort_by_key(|t| t.id);
        }
        let data = found
            .iter()
            .take(limit)
            .map(|t| t.json(&s.customers))
            .collect();
        list("/api/tickets".into(), data)
    })
}

/// Why Gorgias would refuse a message body, if it would: the fields it requires are missing.
fn message_problem(m: &Value) -> Option<&'static str> {
    if m["channel"].as_str().is_none() {
        return Some("channel is required");
    }
    if m["via"].as_str().is_none() {
        return Some("via is required");
    }
    if m["from_agent"].as_bool().is_none() {
        return Some("from_agent is required");
    }
    if m["body_text"].as_str().is_none() && m["body_html"].as_str().is_none() {
        return Some("a body is required");
    }
    None
}

fn invalid(reason: &str) -> (StatusCode, Value) {
    let answer = json!({"error": {"msg": "Validation error", "data": {"_schema": [reason]}}});
    (StatusCode::BAD_REQUEST, answer)
}

/// `POST /api/tickets/{id}/messages`.
async fn gorgias_message(
    State(state): State<GShared>,
    Path(id): Path<u64>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let m: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let path = format!("/api/tickets/{id}/messages");
    answer(&state, "POST", path, HashMap::new(), &headers, &body, |s| {
        if let Some(problem) = message_problem(&m) {
            return invalid(problem);
        }
        let Some(ticket) = s.tickets.iter_mut().find(|t| t.id == id) else {
            return (
                StatusCode::NOT_FOUND,
                json!({"error": {"msg": "Resource not found"}}),
            );
        };
        ticket.messages.push(m.clone());
        let message_id = 70_000 + ticket.messages.len() as u64;
        let mut answer = m;
        answer["id"] = message_id.into();
        answer["ticket_id"] = id.into();
        answer["uri"] = format!("/api/tickets/{id}/messages/{message_id}/").into();
        answer["public"] = (answer["channel"] != "internal-note").into();
        answer["created_datetime"] = "2026-11-19T15:00:01.000000+00:00".into();
        (StatusCode::CREATED, answer)
    })
}

/// `POST /api/tickets`: the customer is found or created by e-mail.
async fn gorgias_create(State(state): State<GShared>, headers: HeaderMap, body: Bytes) -> Response {
    let doc: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let path = "/api/tickets".to_owned();
    answer(&state, "POST", path, HashMap::new(), &headers, &body, |s| {
        let messages = doc["messages"].as_array().cloned().unwrap_or_default();
        if messages.is_empty() {
            return invalid("messages: length must be between 1 and 500");
        }
        if let Some(problem) = messages.iter().find_map(message_problem) {
            return invalid(problem);
        }
        let Some(email) = doc["customer"]["email"].as_str() else {
            return invalid("customer is required");
        };
        let customer_id = match s.customers.iter().find(|c| c.1 == email) {
            Some(c) => c.0,
            None => {
                let id = 600 + s.customers.len() as u64;
                s.customers.push((id, email.to_owned()));
                id
            }
        };
        let id = 9_500 + s.tickets.len() as u64;
        let ticket = GorgiasTicket {
            id,
            customer_id,
            status: doc["status"].as_str().unwrap_or("open").to_owned(),
            subject: doc["subject"].as_str().unwrap_or_default().to_owned(),
            trashed: false,
            messages,
            created_with: Some(doc.clone()),
        };
        let answer = ticket.json(&s.customers);
        s.tickets.push(ticket);
        (StatusCode::CREATED, answer)
    })
}
