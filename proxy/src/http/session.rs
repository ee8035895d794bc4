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
    /// The order's tracking page, relative to the proxy (or the app proxy's prefix), when
    /// tracking links are configured: the widget's order card links to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_path: Option<String>,
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

/// What the shopper may type as `order_number`: the number, or the name the shop showed them.
const ORDER_REF: &str = "order_number must be a string with the order's number or its name as the \
     shop shows it, e.g. \"#1001\", \"1001\" or \"NW1001\"";

/// The request, read so that a wrong type says what to send instead of how serde failed.
fn read(body: serde_json::Value) -> Result<SessionRequest, AppError> {
    match body.get("order_number") {
        Some(serde_json::Value::String(_)) => {}
        Some(serde_json::Value::Number(_)) => {
            return Err(AppError::BadRequest(format!(
                "{ORDER_REF}; a JSON number loses a name's prefix and suffix, so send it as text"
            )))
        }
        _ => return Err(AppError::BadRequest(ORDER_REF.into())),
    }
    for key in ["email", "postcode"] {
        if body
            .get(key)
            .is_some_and(|v| !v.is_string() && !v.is_null())
        {
            return Err(AppError::BadRequest(format!("{key} must be a string")));
        }
    }
    serde_json::from_value(body).map_err(|e| AppError::BadRequest(e.to_string()))
}

/// The order the shopper means: by its number ("#1001", "1001"), else by its name as the shop
/// shows it ("NW1001", "#1001-US"). `Err` with the text to count guesses under when nothing
/// matches, so a name and a number of one order share one limit.
async fn order_meant(
    state: &AppState,
    given: &str,
) -> Result<Result<OrderNumber, String>, AppError> {
    if let Ok(n) = OrderNumber::parse(given) {
        return Ok(Ok(n));
    }
    let key = crate::db::name_key(given);
    if key.is_empty() || given.chars().count() > 40 {
        return Err(AppError::BadRequest(ORDER_REF.into()));
    }
    Ok(state.orders.order_named(given).await?.ok_or(key))
}

pub async fn create(
    State(state): State<AppState>,
    client: ClientIp,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Json<SessionResponse>, AppError> {
    let Json(body) = body?;
    let req = read(body)?;
    let meant = order_meant(&state, req.order_number.trim()).await?;
    let proof = Proof::parse(&req)?;
    let limit_key = match &meant {
        Ok(number) => format!("order:{}", number.as_str()),
        Err(name) => format!("order:{name}"),
    };
    let attempt = Attempt::start(&state.limiter, vec![client.key(), limit_key]).await?;
    let Ok(number) = meant else {
        // No such order: the same refusal, through the same lookup and comparison, as a wrong
        // e-mail, so the answer's timing does not tell which names exist.
        let placeholder = OrderNumber::parse("0").expect("0 is an order number");
        let _ = state.orders.order(&placeholder).await;
        proof.matches(None);
        return Err(attempt.failed(AppError::VerificationFailed).await);
    };
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
        tracking_path: state
            .integrations
            .tracking_links
            .as_ref()
            .map(|l| format!("/t/{}", l.issue(&number, state.clock.now()))),
        order_number: number,
    }
}
