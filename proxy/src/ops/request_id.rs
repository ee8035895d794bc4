//! Every request gets an id (the caller's `X-Request-Id` if it sent a sane one, else a fresh
//! UUID), returned in the response and carried by the request's tracing span, so one line in a
//! support ticket finds every log line of that request.

use axum::http::HeaderValue;
use axum::http::{HeaderName, Request};
use axum::Router;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Span;

/// The header that carries the id both ways.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Paths whose last segment is a credential, which must not reach the logs.
const SECRET_TAILS: [&str; 2] = ["/api/v1/track/", "/t/"];

/// Wraps `router` so each request runs in a span `request{id, method, path}`, ends with one
/// `finished processing request` line at INFO (status and latency: the access log), and answers
/// with its id.
pub fn observe<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    let header = HeaderName::from_static(REQUEST_ID_HEADER);
    router
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(span)
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(header.clone()))
        .layer(SetRequestIdLayer::new(header, RandomUuid))
}

/// A random (version 4) UUID per request from the thread's random generator: tower-http's
/// `MakeRequestUuid` asks the kernel for every one, a system call on every request.
#[derive(Debug, Clone, Copy)]
struct RandomUuid;

impl MakeRequestId for RandomUuid {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let id = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        HeaderValue::from_str(id.hyphenated().encode_lower(&mut text))
            .ok()
            .map(RequestId::new)
    }
}

fn span<B>(req: &Request<B>) -> Span {
    let id = req
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 128)
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        id = %id,
        method = %req.method(),
        path = %loggable_path(req.uri().path()),
    )
}

/// The path with a tracking-link token cut off wherever it sits (`/t/…`, `/apps/wismo/t/…`,
/// `/apps/wismo/api/v1/track/…`); the query (e-mails, signatures, session tokens) is never logged.
fn loggable_path(path: &str) -> String {
    let cut = SECRET_TAILS
        .iter()
        .filter_map(|tail| {
            let at = if path.starts_with(tail) {
                Some(0)
            } else {
                path.find(&format!("/{}", &tail[1..]))
                    .filter(|_| tail.starts_with('/'))
            };
            at.map(|i| i + tail.len())
        })
        .min();
    match cut {
        Some(end) => format!("{}…", &path[..end]),
        None => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_version_4_uuids_and_differ() {
        let req = Request::new(());
        let a = RandomUuid.make_request_id(&req).unwrap();
        let b = RandomUuid.make_request_id(&req).unwrap();
        let a = a.header_value().to_str().unwrap();
        assert_ne!(a, b.header_value().to_str().unwrap());
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12],
            "{a}"
        );
        assert!(parts[2].starts_with('4'), "{a}");
        assert!("89ab".contains(&parts[3][..1]), "{a}");
        assert!(a
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    fn tracking_tokens_never_reach_the_log() {
        assert_eq!(
            loggable_path("/api/v1/track/t1.1001.99.sig"),
            "/api/v1/track/…"
        );
        assert_eq!(loggable_path("/t/t1.1001.99.sig"), "/t/…");
        assert_eq!(loggable_path("/api/v1/orders/1001"), "/api/v1/orders/1001");
        assert_eq!(
            loggable_path("/apps/wismo/t/t1.1001.99.sig/messages"),
            "/apps/wismo/t/…"
        );
        assert_eq!(
            loggable_path("/apps/wismo/api/v1/track/t1.1001.99.sig"),
            "/apps/wismo/api/v1/track/…"
        );
        assert_eq!(loggable_path("/t/t1.1/messages"), "/t/…");
    }
}
