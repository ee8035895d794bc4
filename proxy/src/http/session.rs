//! `POST /api/v1/session`: a shopper proves they own an order (its number plus the e-mail it was
//! placed with, or the postcode it ships to) and gets a short-lived token for that one order.
//! Every failure looks the same from outside.

use crate::auth::{Attempt, ClientIp, SessionKey};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use wismo::{Email, Order, OrderNumber, Postcode};

/// What the shopper types: `{"order_number": "#1001", "email": "jane@example.com"}` or
/// `{"order_number": "1001", "postcode": "10001"}`; exactly one of `email` and `postcode`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SessionRequest {
    pub order_number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

/// A token for `Authorization: Bearer` on the order's endpoint, until `expires_at`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionResponse {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub order_number: OrderNumber,
}

/// The second factor the shopper gave, parsed.
enum Proof {
    Email(Email),
    Postcode(Postcode),
}

impl Proof {
    fn parse(req: &SessionRequest) -> Result<Self, AppError> {
        match (req.email.as_deref(), req.postcode.as_deref()) {
            (Some(e), None) => Email::parse(e)
                .map(Self::Email)
                .map_err(|_| AppError::BadRequest("email is not a valid e-mail address".into())),
            (None, Some(p)) => Postcode::parse(p)
                .map(Self::Postcode)
                .map_err(|_| AppError::BadRequest("postcode is not a valid postcode".into())),
            _ => Err(AppError::BadRequest(
                "give either email or postcode with the order_number".into(),
            )),
        }
    }

    /// Whether the order carries this proof, compared in constant time; a missing order is
    /// compared against a placeholder so both failures take the same path.
    fn matches(&self, order: Option<&Order>) -> bool {
        let (stored, given) = match self {
            Self::Email(e) => (order.map(|o| o.customer.email.as_str()), e.as_str()),
            Self::Postcode(p) => (
                order.map(|o| o.shipping_address.postcode.as_str()),
                p.as_str(),
            ),
        };
        let same: bool = stored
            .unwrap_or("\u{0}no-such-order")
            .as_bytes()
            .ct_eq(given.as_bytes())
            .into();
        same && order.is_some()
    }
}

pub async fn create(
    State(state): State<AppState>,
    client: ClientIp,
    body: Result<Json<SessionRequest>, JsonRejection>,
) -> Result<Json<SessionResponse>, AppError> {
    let Json(req) = body?;
    let number = OrderNumber::parse(&req.order_number).map_err(|_| {
        AppError::BadRequest("order_number must be 1 to 12 digits, optionally after '#'".into())
    })?;
    let proof = Proof::parse(&req)?;
    let attempt = Attempt::start(
        &state.limiter,
        vec![client.key(), format!("order:{}", number.as_str())],
    )
    .await?;
    let order = state.orders.order(&number).await?;
    if !proof.matches(order.as_ref()) {
        return Err(attempt.failed(AppError::VerificationFailed).await);
    }
    Ok(Json(issue(&state, number)))
}

/// A session for an order whose owner has been verified some way.
pub fn issue(state: &AppState, number: OrderNumber) -> SessionResponse {
    let expires_at = SessionKey::expiry_from(state.clock.now());
    SessionResponse {
        token: state.session_key.issue(&number, expires_at),
        expires_at,
        order_number: number,
    }
}
