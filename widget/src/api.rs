//! Every network call the widget makes, in one place: verify the shopper, fetch their order, and
//! ask the proxy to carry out what the shopper agreed to.

use gloo_net::http::{Request, Response};
use serde::{Deserialize, Serialize};
use wismo::resolve::Proposal;
use wismo::{Email, OrderContext, OrderNumber, Policy};

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

/// Where the proxy is, e.g. `https://wismo.example.com` (no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    base: String,
}

#[derive(Serialize)]
struct SessionRequest<'a> {
    order_number: &'a str,
    email: &'a str,
}

#[derive(Deserialize)]
struct Session {
    token: String,
}

impl Api {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
        }
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

    /// Verifies the shopper with order number and e-mail, then loads that order.
    pub async fn load_order(
        &self,
        number: &OrderNumber,
        email: &Email,
    ) -> Result<Loaded, ApiError> {
        let body = SessionRequest {
            order_number: number.as_str(),
            email: email.as_str(),
        };
        let response = Request::post(&format!("{}/api/v1/session", self.base))
            .json(&body)
            .map_err(|_| ApiError::Unexpected)?
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let session: Session = json(check(response)?).await?;
        let response = Request::get(&format!("{}/api/v1/orders/{}", self.base, number.as_str()))
            .header("Authorization", &format!("Bearer {}", session.token))
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let context = json(check(response)?).await?;
        Ok(Loaded {
            context,
            token: session.token,
        })
    }

    /// Asks the proxy to execute a proposal the shopper agreed to. The proxy re-checks that it is
    /// allowed; `key` makes a retry harmless (the same key never executes twice).
    pub async fn execute(
        &self,
        token: &str,
        proposal: &Proposal,
        key: &str,
    ) -> Result<(), ActionError> {
        let response = Request::post(&format!("{}/api/v1/actions", self.base))
            .header("Authorization", &format!("Bearer {token}"))
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
