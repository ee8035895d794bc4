//! The demo's stand-in for Shopify's app proxy: `/demo/as/{customer}/apps/wismo/…` does to a
//! request what Shopify does on a shop's domain (drops cookies and the `Authorization` header,
//! adds `shop`, `logged_in_customer_id`, `path_prefix` and `timestamp`, signs the query with
//! the app's secret) and hands it to the same `/apps/wismo` routes a real shop reaches. So the
//! demo plays a logged-in storefront customer (`customer` is a storefront customer id, or
//! `guest`) through the real signature check. Served only by `wismo demo`.

use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get};
use axum::Router;
use tower::ServiceExt;

/// The shop the stand-in signs for.
pub const DEMO_SHOP_DOMAIN: &str = "northwind-demo.myshopify.com";

/// The query Shopify would forward for `query` from `customer` at `timestamp`, signed.
pub fn signed_query(
    state: &AppState,
    query: Option<&str>,
    customer: Option<&str>,
    prefix: &str,
) -> Option<String> {
    let proxy = state.integrations.app_proxy.as_ref()?;
    let mut q = form_urlencoded::Serializer::new(query.unwrap_or_default().to_owned());
    q.append_pair("shop", DEMO_SHOP_DOMAIN);
    q.append_pair("logged_in_customer_id", customer.unwrap_or_default());
    q.append_pair("path_prefix", prefix);
    q.append_pair("timestamp", &state.clock.now().timestamp().to_string());
    let unsigned = q.finish();
    let signature = proxy.sign(&unsigned);
    Some(format!("{unsigned}&signature={signature}"))
}

pub fn routes(inner: Router<AppState>) -> Router<AppState> {
    Router::new()
        .route("/demo/track/{number}", get(track_link))
        .route("/demo/agent-token", get(agent_token))
        .route("/demo/admin", get(admin_sign_in))
        .route(
            "/demo/as/{customer}/apps/wismo/{*rest}",
            any(
                move |State(state): State<AppState>,
                      Path((customer, rest)): Path<(String, String)>,
                      request: Request| {
                    let inner = inner.clone().with_state(state.clone());
                    async move { forward(state, inner, customer, rest, request).await }
                },
            ),
        )
}

/// `/demo/agent-token`: what Zendesk's ZAF client does for the sidebar's requests, signing a
/// short-lived agent JWT with the app's shared secret (the demo's public one).
async fn agent_token(State(state): State<AppState>) -> Response {
    if state.demo_clock.is_none() {
        return AppError::NotConfigured("the demo").into_response();
    }
    let token = crate::demo::zendesk_token(state.clock.now());
    (
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({ "token": token })),
    )
        .into_response()
}

/// `/demo/track/{number}`: the demo storefront's links to each order's tracking page, minted
/// on the demo's key (what `wismo tracking-link --demo` prints).
async fn track_link(State(state): State<AppState>, Path(number): Path<String>) -> Response {
    if state.demo_clock.is_none() {
        return AppError::NotConfigured("the demo").into_response();
    }
    let (Some(links), Ok(n)) = (
        state.integrations.tracking_links.as_ref(),
        wismo::OrderNumber::parse(&number),
    ) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    Redirect::to(&format!("/t/{}", links.issue(&n, state.clock.now()))).into_response()
}

async fn forward(
    state: AppState,
    inner: Router,
    customer: String,
    rest: String,
    request: Request,
) -> Response {
    if state.demo_clock.is_none() {
        return AppError::NotConfigured("the demo").into_response();
    }
    let customer = (customer != "guest" && customer.bytes().all(|b| b.is_ascii_digit()))
        .then_some(customer.as_str());
    let prefix = format!("/demo/as/{}/apps/wismo", customer.unwrap_or("guest"));
    let (mut parts, body) = request.into_parts();
    let Some(query) = signed_query(&state, parts.uri.query(), customer, &prefix) else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "the demo's app proxy is off",
        )
            .into_response();
    };
    let Ok(uri) = format!("/{rest}?{query}").parse::<Uri>() else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    // A new request, as Shopify makes one: only the method, the headers (less the ones its app
    // proxy does not pass on, so nothing here may depend on them), the body and who connected.
    parts.headers.remove(header::COOKIE);
    parts.headers.remove(header::AUTHORIZATION);
    let mut forwarded = Request::new(Body::new(body));
    *forwarded.method_mut() = parts.method;
    *forwarded.uri_mut() = uri;
    *forwarded.headers_mut() = parts.headers;
    if let Some(peer) = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
    {
        forwarded.extensions_mut().insert(*peer);
    }
    match inner.oneshot(forwarded).await {
        Ok(res) => res,
        Err(never) => match never {},
    }
}

/// `/demo/admin`: signs the browser in to the outcomes dashboard on the demo's public token.
async fn admin_sign_in(State(state): State<AppState>) -> Response {
    if state.demo_clock.is_none() {
        return AppError::NotConfigured("the demo").into_response();
    }
    match state.outcomes.admin_token.as_ref() {
        Some(token) => crate::outcomes::admin::demo_sign_in(&state, token.expose()),
        None => AppError::NotFound.into_response(),
    }
}
