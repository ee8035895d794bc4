//! Outreach's HTTP surface: the providers' inbound webhooks (Twilio SMS, WhatsApp, Mailgun
//! e-mail), each refused with nothing stored unless its signature verifies (in constant time);
//! the one-click unsubscribe link; and, in the demo only, the clock control and the outbox page.

use super::inbound::{self, Inbound};
use super::{monitor, optout, outbox, worker};
use crate::error::AppError;
use crate::outbound::escape;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use wismo::outreach::Channel;

/// The routes, merged into the proxy's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/webhooks/twilio/sms", post(twilio_sms))
        .route("/webhooks/whatsapp", get(whatsapp_verify).post(whatsapp))
        .route("/webhooks/email", post(mailgun))
        .route(
            "/outreach/unsubscribe",
            get(unsubscribe_page).post(unsubscribe),
        )
        .route("/demo/clock", post(demo_clock))
        .route("/demo/outbox", get(demo_outbox))
}

/// A webhook whose signature is missing or wrong: 401 `invalid_signature`, nothing stored.
fn forbidden(what: &str) -> Response {
    tracing::warn!("{what}: signature missing or wrong; refused");
    AppError::InvalidSignature.into_response()
}

/// 503 `not_configured`, as every integration without its secret answers.
fn not_configured(what: &'static str) -> Response {
    AppError::NotConfigured(what).into_response()
}

/// Twilio's signature: the HMAC-SHA1, under the auth token, of the URL it called followed by
/// every POST parameter's name and value, sorted by name.
fn twilio_mac(token: &[u8], url: &str, params: &[(String, String)]) -> Hmac<sha1::Sha1> {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(token).expect("HMAC takes any key length");
    mac.update(url.as_bytes());
    for (k, v) in sorted {
        mac.update(k.as_bytes());
        mac.update(v.as_bytes());
    }
    mac
}

/// The `X-Twilio-Signature` Twilio would send (base64): for tests and replaying tools.
pub fn twilio_signature(token: &[u8], url: &str, params: &[(String, String)]) -> String {
    let mac = twilio_mac(token, url, params);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn twilio_verified(token: &[u8], url: &str, params: &[(String, String)], header: &str) -> bool {
    let Ok(given) = base64::engine::general_purpose::STANDARD.decode(header.trim()) else {
        return false;
    };
    twilio_mac(token, url, params).verify_slice(&given).is_ok()
}

/// The URL the provider called, as it saw it: the configured public origin, the path and query.
fn public_url(state: &AppState, uri: &Uri) -> Option<String> {
    let base = state.outreach.public_url.as_deref()?;
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    Some(format!("{base}{path}"))
}

async fn twilio_sms(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let Some(token) = state.outreach.twilio_token.clone() else {
        return Ok(not_configured("twilio sms webhooks"));
    };
    let params: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let signature = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Some(url) = public_url(&state, &uri) else {
        tracing::error!("outreach.public_url is needed to verify Twilio's signatures");
        return Ok(forbidden("twilio"));
    };
    if !twilio_verified(&token, &url, &params, signature) {
        return Ok(forbidden("twilio"));
    }
    let field = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (sid, from) = (field("MessageSid"), field("From"));
    if sid.is_empty() || from.is_empty() {
        return Err(AppError::BadRequest(
            "a Twilio message needs MessageSid and From".into(),
        ));
    }
    let handled = inbound::handle(
        &state,
        &Inbound {
            channel: Channel::Sms,
            provider_id: sid,
            from,
            text: field("Body"),
        },
    )
    .await?;
    tracing::info!(?handled, "inbound sms");
    // The answer goes out through the outbox; the TwiML says nothing more.
    Ok((
        [(header::CONTENT_TYPE, "text/xml")],
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>",
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
struct HubChallenge {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// Meta's subscription check: echo `hub.challenge` when the verify token is ours.
async fn whatsapp_verify(State(state): State<AppState>, Query(q): Query<HubChallenge>) -> Response {
    let Some(expected) = state.outreach.whatsapp_verify_token.clone() else {
        return not_configured("whatsapp webhooks");
    };
    let given = q.verify_token.unwrap_or_default();
    let same = subtle::ConstantTimeEq::ct_eq(given.as_bytes(), expected.as_bytes()).into();
    match (q.mode.as_deref(), same, q.challenge) {
        (Some("subscribe"), true, Some(challenge)) => challenge.into_response(),
        _ => (StatusCode::FORBIDDEN, "verification failed\n").into_response(),
    }
}

/// The text of one WhatsApp message: typed text, or the label of a tapped button.
fn whatsapp_text(m: &Value) -> Option<String> {
    match m["type"].as_str()? {
        "text" => m["text"]["body"].as_str(),
        "button" => m["button"]["text"].as_str(),
        "interactive" => m["interactive"]["button_reply"]["title"]
            .as_str()
            .or_else(|| m["interactive"]["list_reply"]["title"].as_str()),
        _ => None,
    }
    .map(str::to_owned)
}

async fn whatsapp(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let Some(secret) = state.outreach.whatsapp_secret.clone() else {
        return Ok(not_configured("whatsapp webhooks"));
    };
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("sha256="))
        .unwrap_or_default();
    if !secret.verify_hex(&body, signature) {
        return Ok(forbidden("whatsapp"));
    }
    let doc: Value = serde_json::from_slice(&body)
        .map_err(|e| AppError::BadRequest(format!("WhatsApp payload is not JSON: {e}")))?;
    let mut handled = Vec::new();
    for entry in doc["entry"].as_array().into_iter().flatten() {
        for change in entry["changes"].as_array().into_iter().flatten() {
            // Delivery statuses and other fields carry no message from the shopper.
            for m in change["value"]["messages"].as_array().into_iter().flatten() {
                let (Some(id), Some(from)) = (m["id"].as_str(), m["from"].as_str()) else {
                    continue;
                };
                let Some(text) = whatsapp_text(m) else {
                    continue;
                };
                handled.push(
                    inbound::handle(
                        &state,
                        &Inbound {
                            channel: Channel::Whatsapp,
                            provider_id: id.to_owned(),
                            from: format!("+{}", from.trim_start_matches('+')),
                            text,
                        },
                    )
                    .await?,
                );
            }
        }
    }
    tracing::info!(?handled, "inbound whatsapp");
    Ok(StatusCode::OK.into_response())
}

/// Mailgun's inbound route, posted as a form: verified by the hex HMAC-SHA256 of `timestamp`
/// followed by `token` under the webhook signing key, and refused when the timestamp is more
/// than 15 minutes away (a replayed post).
async fn mailgun(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let Some(key) = state.outreach.mailgun_key.clone() else {
        return Ok(not_configured("inbound e-mail"));
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let fields: HashMap<String, String> = if content_type.starts_with("multipart/form-data") {
        multipart_fields(content_type, &body)?
    } else {
        form_urlencoded::parse(&body).into_owned().collect()
    };
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or_default();
    let (timestamp, token, signature) = (get("timestamp"), get("token"), get("signature"));
    let fresh = timestamp
        .parse::<i64>()
        .is_ok_and(|t| (state.wall.now().timestamp() - t).abs() <= 15 * 60);
    if !fresh || !key.verify_hex(format!("{timestamp}{token}").as_bytes(), signature) {
        return Ok(forbidden("email"));
    }
    let from = if get("sender").is_empty() {
        get("from")
    } else {
        get("sender")
    };
    let text = if get("stripped-text").trim().is_empty() {
        get("body-plain")
    } else {
        get("stripped-text")
    };
    let id = if get("Message-Id").is_empty() {
        token
    } else {
        get("Message-Id")
    };
    if from.is_empty() || text.trim().is_empty() {
        return Err(AppError::BadRequest(
            "an inbound e-mail needs a sender and a body".into(),
        ));
    }
    let handled = inbound::handle(
        &state,
        &Inbound {
            channel: Channel::Email,
            provider_id: id.to_owned(),
            from: from.to_owned(),
            text: text.to_owned(),
        },
    )
    .await?;
    tracing::info!(?handled, "inbound e-mail");
    Ok(StatusCode::OK.into_response())
}

/// The text fields of a `multipart/form-data` body (attachments are skipped).
fn multipart_fields(content_type: &str, body: &[u8]) -> Result<HashMap<String, String>, AppError> {
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
        .ok_or_else(|| AppError::BadRequest("multipart body without a boundary".into()))?;
    let text = String::from_utf8_lossy(body);
    let delimiter = format!("--{boundary}");
    let mut out = HashMap::new();
    for part in text.split(delimiter.as_str()).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        if head.to_ascii_lowercase().contains("filename=") {
            continue;
        }
        let name = head
            .split(';')
            .find_map(|p| p.trim().strip_prefix("name="))
            .map(|n| n.trim_matches('"').to_owned());
        if let Some(name) = name {
            out.insert(name, value.strip_suffix("\r\n").unwrap_or(value).to_owned());
        }
    }
    Ok(out)
}

#[derive(Debug, Deserialize)]
struct UnsubscribeQuery {
    t: Option<String>,
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{t}</title></head><body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem\">\
         <main><h1>{t}</h1>{body}</main></body></html>",
        t = escape(title)
    ))
}

/// The link's page: a button, never an unsubscribe on GET (mail scanners follow links).
async fn unsubscribe_page(
    State(state): State<AppState>,
    Query(q): Query<UnsubscribeQuery>,
) -> Response {
    let token = q.t.unwrap_or_default();
    if state
        .session_key
        .verify_unsubscribe(&token, state.wall.now().max(state.clock.now()))
        .is_err()
    {
        return (
            StatusCode::BAD_REQUEST,
            page(
                "Link not valid",
                "<p>This unsubscribe link is not valid or has expired.</p>",
            ),
        )
            .into_response();
    }
    let action = format!(
        "/outreach/unsubscribe?t={}",
        form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>()
    );
    page(
        &format!("Stop e-mails from {}", state.policy.brand_name),
        &format!(
            "<p>You will get no more shipping updates by e-mail.</p>\
             <form method=\"post\" action=\"{}\"><button type=\"submit\">Unsubscribe</button></form>",
            escape(&action)
        ),
    )
    .into_response()
}

/// One click (RFC 8058) or the page's button: stops e-mail notices to the order's shopper.
async fn unsubscribe(
    State(state): State<AppState>,
    Query(q): Query<UnsubscribeQuery>,
) -> Result<Response, AppError> {
    let now = state.wall.now().max(state.clock.now());
    let Ok(number) = state
        .session_key
        .verify_unsubscribe(q.t.as_deref().unwrap_or_default(), now)
    else {
        return Ok((
            StatusCode::BAD_REQUEST,
            page(
                "Link not valid",
                "<p>This unsubscribe link is not valid or has expired.</p>",
            ),
        )
            .into_response());
    };
    if let Some(order) = crate::db::load_order(&state.db, &state.shop, &number).await? {
        optout::stop(
            &state.db,
            &state.shop,
            Channel::Email,
            order.customer.email.as_str(),
            now,
        )
        .await?;
        tracing::info!(order = %number, "shopper unsubscribed from e-mail notices");
    }
    Ok(page(
        "Unsubscribed",
        "<p>Done: you will get no more shipping updates by e-mail.</p>",
    )
    .into_response())
}

#[derive(Debug, Deserialize)]
struct ClockForm {
    hours: i64,
}

/// Demo only: moves the shop's clock forward, runs the monitor and the sender at once, and
/// shows the outbox.
async fn demo_clock(
    State(state): State<AppState>,
    axum::Form(form): axum::Form<ClockForm>,
) -> Result<Response, AppError> {
    let Some(clock) = state.demo_clock.clone() else {
        return Ok(not_configured("the demo clock"));
    };
    if !(1..=24 * 14).contains(&form.hours) {
        return Err(AppError::BadRequest("hours must be 1 to 336".into()));
    }
    clock.advance(chrono::Duration::hours(form.hours));
    let checked = monitor::pass(&state).await?;
    let sent = worker::send_pending(&state).await?;
    tracing::info!(hours = form.hours, ?checked, ?sent, "demo clock moved");
    Ok(Redirect::to("/demo/outbox").into_response())
}

/// Demo only: every message that went out, e-mails rendered, SMS and WhatsApp as text.
async fn demo_outbox(State(state): State<AppState>) -> Result<Response, AppError> {
    if state.demo_clock.is_none() {
        return Ok(not_configured("the demo outbox"));
    }
    let messages = outbox::recent(&state.db, &state.shop, 200).await?;
    let now = state.clock.now();
    let mut body = format!(
        "<p>The demo shop's time: <time datetime=\"{iso}\">{shown}</time></p>\
         <form method=\"post\" action=\"/demo/clock\" aria-label=\"Move the shop's clock forward\">\
         <button name=\"hours\" value=\"6\">+6 hours</button> \
         <button name=\"hours\" value=\"24\">+1 day</button> \
         <button name=\"hours\" value=\"72\">+3 days</button></form>\
         <p>{n} message(s), newest first.</p><ol reversed>",
        iso = now.to_rfc3339(),
        shown = now.format("%A %e %B %Y, %H:%M UTC"),
        n = messages.len()
    );
    for m in &messages {
        let status = match (&m.sent_at, &m.failed_at) {
            (Some(at), _) => format!("sent {at}"),
            (_, Some(_)) => format!(
                "not sent: {}",
                m.last_error.as_deref().unwrap_or("given up")
            ),
            _ => "queued".to_owned(),
        };
        body.push_str(&format!(
            "<li><article aria-label=\"{channel} to {to}\"><h2>{kind} · {channel} · order {order}</h2>\
             <p>To {to} · {status}</p>",
            kind = escape(&m.kind),
            channel = escape(&m.channel),
            order = escape(&m.order_number),
            to = escape(&m.recipient),
            status = escape(&status),
        ));
        if m.channel == "email" {
            let rendered = super::email::html(&super::send::Outgoing {
                id: m.id,
                channel: Channel::Email,
                to: m.recipient.clone(),
                lang: m.lang.clone(),
                subject: m.subject.clone(),
                text: m.body.clone(),
                unsubscribe_url: None,
                footer: None,
                unsubscribe_words: String::new(),
                brand: state.policy.brand_name.clone(),
                needs_template: false,
            });
            body.push_str(&format!(
                "<p><strong>Subject:</strong> {}</p>\
                 <iframe title=\"E-mail {}\" sandbox srcdoc=\"{}\" style=\"width:100%;height:16rem;border:1px solid #ccc\"></iframe>",
                escape(&m.subject),
                m.id,
                escape(&rendered)
            ));
        } else {
            body.push_str(&format!(
                "<pre style=\"white-space:pre-wrap\">{}</pre>",
                escape(&m.body)
            ));
        }
        body.push_str("</article></li>");
    }
    body.push_str("</ol>");
    Ok(page("Demo outbox", &body).into_response())
}
