//! The app proxy's door: every request under `/apps/wismo` (the loader, the widget's files, the
//! API, the tracking page) must carry Shopify's fresh signature. A shopper's session token
//! arrives as the `session` query parameter, because Shopify's app proxy does not pass cookies
//! (and the `Authorization` header is not promised to pass): the query string is what reaches
//! us, signed along with the rest.

use crate::auth::ProxyRequest;
use crate::error::AppError;
use crate::http::wrong_credential;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A request Shopify signed, with what it says about the shop and the logged-in customer.
#[derive(Debug, Clone)]
pub struct Proxied {
    pub request: ProxyRequest,
}

impl Proxied {
    /// The logged-in customer; `unauthorized` when nobody is logged in.
    pub fn customer(&self) -> Result<&str, AppError> {
        self.request
            .customer_id
            .as_deref()
            .ok_or(AppError::Unauthorized)
    }

    /// Where the storefront reaches us (`/apps/wismo`, as Shopify says in `path_prefix`), for
    /// links in pages we render; only a plain path is trusted.
    pub fn prefix(&self) -> String {
        self.request
            .param("path_prefix")
            .filter(|p| {
                p.starts_with('/')
                    && !p.starts_with("//")
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
            })
            .unwrap_or("/apps/wismo")
            .trim_end_matches('/')
            .to_owned()
    }
}

/// The name of the query parameter that carries a session token through the app proxy.
pub const SESSION_PARAM: &str = "session";

/// Middleware: verifies the signature, remembers the verified request for the handlers, and
/// turns a `session` parameter into the `Authorization` header the shopper API reads.
pub async fn verify(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(proxy) = state.integrations.app_proxy.as_ref() else {
        return AppError::NotConfigured("the app proxy").into_response();
    };
    let (mut parts, body) = request.into_parts();
    let verified = proxy.verify(parts.uri.query().unwrap_or_default(), state.clock.now());
    let proxied = match verified {
        Ok(request) => Proxied { request },
        Err(e) => {
            tracing::debug!(error = %e, "app proxy request refused");
            return wrong_credential(&mut parts, &state).await.into_response();
        }
    };
    if let Some(token) = proxied.request.param(SESSION_PARAM) {
        if let Ok(value) = HeaderValue::from_str(&format!("Bearer {token}")) {
            parts.headers.insert(header::AUTHORIZATION, value);
        }
    }
    parts.extensions.insert(proxied);
    next.run(Request::from_parts(parts, body)).await
}
