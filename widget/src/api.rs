//! Every network call the widget makes, in one place: verify the shopper, then fetch their order.

use gloo_net::http::{Request, Response};
use serde::{Deserialize, Serialize};
use wismo::{Email, OrderContext, OrderNumber};

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

    /// Verifies the shopper with order number and e-mail, then loads that order.
    pub async fn load_order(
        &self,
        number: &OrderNumber,
        email: &Email,
    ) -> Result<OrderContext, ApiError> {
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
        json(check(response)?).await
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
