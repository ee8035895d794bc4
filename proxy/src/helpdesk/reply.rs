//! Reading a helpdesk's answer: its JSON on success, else a `NoteError` that says whether trying
//! again can help. Messages carry the status and the start of the body, never a credential nor
//! the request's URL (whose query may name the shopper).

use super::NoteError;
use crate::outbound;
use reqwest::header::RETRY_AFTER;
use reqwest::{RequestBuilder, StatusCode};
use serde_json::Value;
use std::error::Error;
use std::time::Duration;

/// Sends `req` and reads the answer; `what` names the call in messages (`zendesk search`).
/// A success whose body is not JSON reads as `null`: the write happened all the same.
pub(crate) async fn send(what: &str, req: RequestBuilder) -> Result<Value, NoteError> {
    let res = req.send().await.map_err(|e| {
        // A request that could not even be built is a configuration fault, not an outage.
        let permanent = e.is_builder();
        let message = format!("{what}: {}", chain(&e.without_url()));
        if permanent {
            NoteError::Permanent(message)
        } else {
            NoteError::transient(message)
        }
    })?;
    let status = res.status();
    let retry_after = retry_after(res.headers());
    let text = res.text().await.map_err(|e| {
        NoteError::transient(format!(
            "reading the {what} answer: {}",
            chain(&e.without_url())
        ))
    })?;
    if status.is_success() {
        return Ok(serde_json::from_str(&text).unwrap_or(Value::Null));
    }
    let message = format!("{what} answered {status}: {}", outbound::snippet(&text));
    Err(if is_transient(status) {
        NoteError::Transient {
            message,
            retry_after,
        }
    } else {
        NoteError::Permanent(message)
    })
}

/// Rate limits, timeouts, edit conflicts (Zendesk answers 409 when two updates of a ticket
/// cross) and server errors pass; any other refusal (401, 403, 404, 422…) will not.
fn is_transient(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::REQUEST_TIMEOUT | StatusCode::CONFLICT
    ) || status.is_server_error()
}

/// `Retry-After` in seconds, as Zendesk and Gorgias send it; the HTTP-date form is not used by
/// either and falls back to the worker's own back-off.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    value.parse::<u64>().ok().map(Duration::from_secs)
}

/// An error with its causes (`error sending request: connection refused`).
fn chain(e: &dyn Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outages_and_rate_limits_pass_and_refusals_do_not() {
        for (code, transient) in [
            (429, true),
            (408, true),
            (409, true),
            (500, true),
            (502, true),
            (503, true),
            (400, false),
            (401, false),
            (403, false),
            (404, false),
            (422, false),
        ] {
            let status = StatusCode::from_u16(code).unwrap();
            assert_eq!(is_transient(status), transient, "{code}");
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let mut h = reqwest::header::HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, "120".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(120)));
        h.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2026 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), None);
    }
}
