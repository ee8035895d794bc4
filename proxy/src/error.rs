//! The one error type handlers return: a stable machine-readable `code` for clients, a human
//! `message`, and opaque 500s whose detail goes to the log instead of the response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// The message for every failed verification, whatever the cause, so wrong guesses learn nothing.
pub const VERIFICATION_FAILED: &str = "We couldn't find an order with those details.";

/// Everything an API call can fail with. Each variant maps to one HTTP status and one `code`.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request body or a parameter is malformed; the message says what to fix.
    #[error("{0}")]
    BadRequest(String),
    /// The order number and e-mail do not match an order (or the order does not exist).
    #[error("verification failed")]
    VerificationFailed,
    /// No valid session token for the requested order.
    #[error("unauthorized")]
    Unauthorized,
    /// Too many failed attempts from this client or for this order.
    #[error("rate limited")]
    RateLimited,
    /// No such API route.
    #[error("not found")]
    NotFound,
    /// A webhook's signature does not match its body under the configured secret.
    #[error("invalid webhook signature")]
    InvalidSignature,
    /// The feature needs configuration this proxy does not have (e.g. a webhook secret).
    #[error("{0} is not configured")]
    NotConfigured(&'static str),
    /// The request clashes with an earlier one (an idempotency key reused for another request,
    /// or a conversation updated in between); `code` says which.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// The action may not be executed now; `code` is the refusal's (see `actions::Refusal`).
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    /// The request body is larger than this endpoint accepts.
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// Anything else: logged in full, shown to the client as an opaque 500.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: &'a str,
}

impl AppError {
    /// The stable `code` clients switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "bad_request",
            Self::VerificationFailed => "verification_failed",
            Self::Unauthorized => "unauthorized",
            Self::RateLimited => "rate_limited",
            Self::NotFound => "not_found",
            Self::InvalidSignature => "invalid_signature",
            Self::NotConfigured(_) => "not_configured",
            Self::PayloadTooLarge => "payload_too_large",
            Self::Conflict { code, .. } | Self::Refused { code, .. } => code,
            Self::Internal(_) => "internal",
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::VerificationFailed | Self::Unauthorized | Self::InvalidSignature => {
                StatusCode::UNAUTHORIZED
            }
            Self::NotConfigured(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Refused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl AppError {
    /// The JSON body clients see (`code` and `message`); an internal error's detail is logged
    /// here and never returned.
    pub fn body(&self) -> serde_json::Value {
        let message = match self {
            Self::BadRequest(m)
            | Self::Conflict { message: m, .. }
            | Self::Refused { message: m, .. } => m.as_str(),
            Self::VerificationFailed => VERIFICATION_FAILED,
            Self::Unauthorized => "Please verify your order again.",
            Self::RateLimited => "Too many attempts. Please wait a few minutes and try again.",
            Self::NotFound => "There is no such API endpoint.",
            Self::InvalidSignature => "The webhook signature is not valid.",
            Self::NotConfigured(_) => "This endpoint is not configured on this server.",
            Self::PayloadTooLarge => "The request body is larger than this endpoint accepts.",
            Self::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                "Something went wrong on our side. Please try again."
            }
        };
        serde_json::to_value(ErrorBody {
            code: self.code(),
            message,
        })
        .unwrap_or_default()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = (self.status(), Json(self.body())).into_response();
        if matches!(self, Self::Unauthorized) {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        if matches!(self, Self::RateLimited) {
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("600"),
            );
        }
        res
    }
}

/// Turns axum's JSON extraction errors into our `bad_request`, with a message a developer can act on.
impl From<axum::extract::rejection::JsonRejection> for AppError {
    fn from(r: axum::extract::rejection::JsonRejection) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::PayloadTooLarge;
        }
        Self::BadRequest(r.body_text())
    }
}

/// A raw body that could not be read: too large (413 as JSON, not axum's plain text), or cut off.
impl From<axum::extract::rejection::BytesRejection> for AppError {
    fn from(r: axum::extract::rejection::BytesRejection) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::PayloadTooLarge;
        }
        Self::BadRequest(r.body_text())
    }
}
