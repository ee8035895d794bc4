//! Every network call the widget makes, in one place: verify the shopper, fetch their order,
//! ask the proxy to carry out what the shopper agreed to, and report the chat's outcomes.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::{Deserialize, Serialize};
use wismo::resolve::Proposal;
use wismo::{Email, OrderContext, OrderNumber, Policy, Postcode};

/// Why talking to the proxy failed, in the terms the conversation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiError {
    /// The order number and e-mail do not match an order; which part was wrong is not told.
    VerificationFailed,
    /// Too many attempts: the proxy asks us to wait.
    RateLimited,
    /// The request never got an answer (offline, DNS, CORS, server down).
    Network,
    /// The proxy answered with something we did not expect.
    Unexpected,
}

/// A verified shopper's order and the short-lived token that proves it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub context: OrderContext,
    pub token: String,
    /// The order's tracking page, a full URL, when the proxy mints tracking links.
    pub tracking_url: Option<String>,
}

/// What proves the shopper owns an order, besides its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proof {
    Email(Email),
    Postcode(Postcode),
}

/// One of a signed-in customer's orders, as the storefront lists them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MyOrder {
    pub order_number: OrderNumber,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Still on its way: worth asking about.
    pub open: bool,
    #[serde(default)]
    pub items: Vec<String>,
}

/// Why the proxy would not carry out an action, in its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionError {
    /// The proxy refused (not eligible any more, above the limit...): its message.
    Refused(String),
    /// Anything else: network, session expired, unexpected answer.
    Failed(ApiError),
}

#[derive(Deserialize)]
struct ErrorBody {
    message: String,
}

/// Where the proxy is, e.g. `https://wismo.example.com`, or `/apps/wismo` on a Shopify
/// storefront (no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    base: String,
    /// Behind Shopify's app proxy, which passes neither cookies nor (promisedly) the
    /// `Authorization` header: the session token rides in the query, which it signs and passes.
    via_app_proxy: bool,
}

#[derive(Serialize)]
struct SessionRequest<'a> {
    order_number: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    postcode: Option<&'a str>,
}

#[derive(Deserialize)]
struct Session {
    token: String,
    #[serde(default)]
    tracking_path: Option<String>,
}

#[derive(Deserialize)]
struct MyOrders {
    orders: Vec<MyOrder>,
}

impl Api {
    pub fn new(base: &str, via_app_proxy: bool) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
            via_app_proxy,
        }
    }

    /// A URL for `path` carrying `token` the way this storefront can.
    fn url(&self, path: &str, token: Option<&str>) -> String {
        match token {
            Some(t) if self.via_app_proxy => {
                let sep = if path.contains('?') { '&' } else { '?' };
                format!("{}{path}{sep}session={}", self.base, encode(t))
            }
            _ => format!("{}{path}", self.base),
        }
    }

    fn authorised(&self, request: RequestBuilder, token: &str) -> RequestBuilder {
        if self.via_app_proxy {
            request
        } else {
            request.header("Authorization", &format!("Bearer {token}"))
        }
    }

    /// A signed-in customer's orders, newest first (through the app proxy only).
    pub async fn my_orders(&self) -> Result<Vec<MyOrder>, ApiError> {
        let response = Request::get(&self.url("/orders", None))
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        json::<MyOrders>(check(response)?).await.map(|o| o.orders)
    }

    /// A session for one of the signed-in customer's orders, then that order.
    pub async fn load_my_order(&self, number: &OrderNumber) -> Result<Loaded, ApiError> {
        let path = format!("/session?order_number={}", number.as_str());
        let response = Request::get(&self.url(&path, None))
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let session: Session = json(check(response)?).await?;
        self.load(number, session).await
    }

    async fn load(&self, number: &OrderNumber, session: Session) -> Result<Loaded, ApiError> {
        let path = format!("/api/v1/orders/{}", number.as_str());
        let response = self
            .authorised(
                Request::get(&self.url(&path, Some(&session.token))),
                &session.token,
            )
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let context = json(check(response)?).await?;
        Ok(Loaded {
            context,
            tracking_url: session.tracking_path.map(|p| format!("{}{p}", self.base)),
            token: session.token,
        })
    }

    /// The brand's public policy (name, processing and transit times).
    pub async fn shop_policy(&self) -> Result<Policy, ApiError> {
        #[derive(Deserialize)]
        struct Shop {
            policy: Policy,
        }
        let response = Request::get(&format!("{}/api/v1/shop", self.base))
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        json::<Shop>(check(response)?).await.map(|s| s.policy)
    }

    /// Verifies the shopper with order number and e-mail or postcode, then loads that order.
    pub async fn load_order(
        &self,
        number: &OrderNumber,
        proof: &Proof,
    ) -> Result<Loaded, ApiError> {
        let body = SessionRequest {
            order_number: number.as_str(),
            email: match proof {
                Proof::Email(e) => Some(e.as_str()),
                Proof::Postcode(_) => None,
            },
            postcode: match proof {
                Proof::Postcode(p) => Some(p.as_str()),
                Proof::Email(_) => None,
            },
        };
        let response = Request::post(&format!("{}/api/v1/session", self.base))
            .json(&body)
            .map_err(|_| ApiError::Unexpected)?
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let session: Session = json(check(response)?).await?;
        self.load(number, session).await
    }

    /// Asks the proxy to execute a proposal the shopper agreed to. The proxy re-checks that it is
    /// allowed; `key` makes a retry harmless (the same key never executes twice).
    pub async fn execute(
        &self,
        token: &str,
        proposal: &Proposal,
        key: &str,
    ) -> Result<(), ActionError> {
        let response = self
            .authorised(
                Request::post(&self.url("/api/v1/actions", Some(token))),
                token,
            )
            .header("Idempotency-Key", key)
            .json(proposal)
            .map_err(|_| ActionError::Failed(ApiError::Unexpected))?
            .send()
            .await
            .map_err(|_| ActionError::Failed(ApiError::Network))?;
        match response.status() {
            200..=299 => Ok(()),
            409 | 422 => Err(ActionError::Refused(
                json::<ErrorBody>(response)
                    .await
                    .map(|b| b.message)
                    .map_err(ActionError::Failed)?,
            )),
            _ => Err(ActionError::Failed(
                check(response).err().unwrap_or(ApiError::Unexpected),
            )),
        }
    }

    /// Reports what happened in the chat (`POST /api/v1/events`) about the session's order.
    /// Fire and forget: whatever the answer, the chat goes on.
    pub async fn report(&self, token: &str, batch: &crate::report::Batch) {
        if let Ok(request) = self
            .authorised(
                Request::post(&self.url("/api/v1/events", Some(token))),
                token,
            )
            .json(batch)
        {
            let _ = request.send().await;
        }
    }
}

fn check(response: Response) -> Result<Response, ApiError> {
    match response.status() {
        200..=299 => Ok(response),
        401 | 403 | 404 => Err(ApiError::VerificationFailed),
        429 => Err(ApiError::RateLimited),
        _ => Err(ApiError::Unexpected),
    }
}

async fn json<T: for<'de> Deserialize<'de>>(response: Response) -> Result<T, ApiError> {
    response.json().await.map_err(|_| ApiError::Unexpected)
}

/// `text` escaped for a query string value.
fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}
