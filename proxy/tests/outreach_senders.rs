//! The outreach senders against fakes that speak the providers' documented request and
//! response shapes over real sockets: Twilio's Messages API, WhatsApp's Cloud API and SMTP.

#![recursion_limit = "256"]
mod common;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use common::fake_server;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use wismo::outreach::Channel;
use wismo_proxy::outreach::send::{
    Outgoing, SendError, Sender, SmtpSender, TwilioSender, WhatsappSender,
};

fn outgoing(channel: Channel, to: &str) -> Outgoing {
    Outgoing {
        id: 42,
        channel,
        to: to.to_owned(),
        lang: "es".to_owned(),
        subject: "Tu pedido #1004 de Northwind: novedades".to_owned(),
        text: "Novedades de Northwind sobre tu pedido #1004: UPS no lo ha escaneado desde el jueves.\nResponde STOP para darte de baja.".to_owned(),
        unsubscribe_url: None,
        footer: None,
        unsubscribe_words: "Darse de baja".to_owned(),
        brand: "Northwind".to_owned(),
        needs_template: false,
    }
}

#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<(HeaderMap, String)>>>);

async fn twilio_fake(
    State(seen): State<Seen>,
    Path(account): Path<String>,
    headers: HeaderMap,
    body: String,
) -> axum::response::Response {
    seen.0.lock().unwrap().push((headers.clone(), body.clone()));
    let form: std::collections::HashMap<String, String> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    match form.get("To").map(String::as_str) {
        // Twilio's documented refusal for a number that replied STOP to this sender.
        Some("+16145550199") => (
            StatusCode::BAD_REQUEST,
            Json(
                json!({"code": 21610, "message": "Attempt to send to unsubscribed recipient",
                "more_info": "https://www.twilio.com/docs/errors/21610", "status": 400}),
            ),
        )
            .into_response(),
        Some("+16145550198") => (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "7")],
            Json(json!({"code": 20429, "message": "Too Many Requests", "status": 429})),
        )
            .into_response(),
        _ => (
            StatusCode::CREATED,
            Json(
                json!({"sid": "SM3f1b2c", "account_sid": account, "status": "queued",
                "to": form["To"], "body": form["Body"]}),
            ),
        )
            .into_response(),
    }
}

// See: issue 10
#[tokio::test]
async fn twilio_gets_a_form_with_basic_auth_and_its_refusals_are_told_apart() {
    let seen = Seen::default();
    let base = fake_server::serve(
        Router::new()
            .route(
                "/2010-04-01/Accounts/{account}/Messages.json",
                post(twilio_fake),
            )
            .with_state(seen.clone()),
    )
    .await;
    let sender = TwilioSender::new(
        fake_server::client(),
        &base,
        "AC0123",
        "token-secret".into(),
        "+15550001111",
        "1",
    );
    let ok = sender
        .send(&outgoing(Channel::Sms, "(614) 555-0104"))
        .await
        .unwrap();
    assert_eq!(ok.provider_id.as_deref(), Some("SM3f1b2c"));
    let (headers, body) = seen.0.lock().unwrap()[0].clone();
    let auth = headers["authorization"].to_str().unwrap();
    assert_eq!(
        auth,
        format!(
            "Basic {}",
            base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                "AC0123:token-secret"
            )
        )
    );
    let form: std::collections::HashMap<String, String> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    assert_eq!(form["To"], "+16145550104");
    assert_eq!(form["From"], "+15550001111");
    assert!(form["Body"].starts_with("Novedades de Northwind"));

    let stopped = sender
        .send(&outgoing(Channel::Sms, "+1 614 555 0199"))
        .await
        .unwrap_err();
    assert!(
        matches!(stopped, SendError::OptedOut(ref m) if m.contains("21610")),
        "{stopped:?}"
    );
    let busy = sender
        .send(&outgoing(Channel::Sms, "+1 614 555 0198"))
        .await
        .unwrap_err();
    assert!(
        matches!(busy, SendError::Transient { retry_after: Some(d), .. } if d.as_secs() == 7),
        "{busy:?}"
    );
    let not_a_phone = sender
        .send(&outgoing(Channel::Sms, "call me"))
        .await
        .unwrap_err();
    assert!(matches!(not_a_phone, SendError::Permanent(_)));
}

async fn graph_fake(
    State(seen): State<Seen>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> axum::response::Response {
    seen.0.lock().unwrap().push((headers, body.to_string()));
    if body["to"] == "16145550199" {
        // Meta's error shape: a number that is not on WhatsApp.
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": {"message": "(#131026) Message undeliverable", "type": "OAuthException",
                "code": 131026, "fbtrace_id": "AbC"}})),
        )
            .into_response();
    }
    Json(json!({"messaging_product": "whatsapp",
        "contacts": [{"input": body["to"], "wa_id": body["to"]}],
        "messages": [{"id": "wamid.HBgLMTYxNDU1NTAxMDQVAgARGBI"}]}))
    .into_response()
}

// See: issue 10
#[tokio::test]
async fn whatsapp_sends_free_text_inside_the_window_and_a_template_outside_it() {
    let seen = Seen::default();
    let base = fake_server::serve(
        Router::new()
            .route("/v21.0/106540352242922/messages", post(graph_fake))
            .with_state(seen.clone()),
    )
    .await;
    let sender = WhatsappSender::new(
        fake_server::client(),
        &base,
        "v21.0",
        "106540352242922",
        "EAAG-token".into(),
        "order_update",
        "1",
    );
    let mut m = outgoing(Channel::Whatsapp, "(614) 555-0104");
    let ok = sender.send(&m).await.unwrap();
    assert_eq!(
        ok.provider_id.as_deref(),
        Some("wamid.HBgLMTYxNDU1NTAxMDQVAgARGBI")
    );
    m.needs_template = true;
    sender.send(&m).await.unwrap();
    let seen = seen.0.lock().unwrap().clone();
    assert_eq!(seen[0].0["authorization"], "Bearer EAAG-token");
    let text: Value = serde_json::from_str(&seen[0].1).unwrap();
    assert_eq!(text["to"], "16145550104");
    assert_eq!(text["type"], "text");
    assert_eq!(text["messaging_product"], "whatsapp");
    let template: Value = serde_json::from_str(&seen[1].1).unwrap();
    assert_eq!(template["type"], "template");
    assert_eq!(template["template"]["name"], "order_update");
    assert_eq!(template["template"]["language"]["code"], "es");
    let param = template["template"]["components"][0]["parameters"][0]["text"]
        .as_str()
        .unwrap();
    assert!(
        !param.contains('\n'),
        "template parameters cannot hold line breaks"
    );
    let refused = sender
        .send(&outgoing(Channel::Whatsapp, "+1 614 555 0199"))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, SendError::Permanent(ref e) if e.contains("131026")),
        "{refused:?}"
    );
}

/// A minimal SMTP server: greets, accepts one message per connection and keeps its DATA;
/// answers `550` to a recipient at `refused.example`.
async fn smtp_fake() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let kept = mails.clone();
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake.smtp ESMTP\r\n").await.unwrap();
                let mut data = None::<String>;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            kept.lock().unwrap().push(std::mem::take(body));
                            data = None;
                            write
                                .write_all(b"250 2.0.0 queued as 4F2A\r\n")
                                .await
                                .unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") {
                        b"250-fake.smtp\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT") && upper.contains("REFUSED.EXAMPLE") {
                        b"550 5.1.1 no such user\r\n"
                    } else if upper.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (format!("smtp://127.0.0.1:{port}"), mails)
}

// See: issue 10
#[tokio::test]
async fn email_goes_over_smtp_with_text_and_html_parts_and_one_click_unsubscribe() {
    let (url, mails) = smtp_fake().await;
    let sender = SmtpSender::new(&url, "Northwind <orders@northwind.example>").unwrap();
    let mut m = outgoing(Channel::Email, "sofia@example.com");
    m.text = "Left at <the back door> & safe".to_owned();
    m.unsubscribe_url = Some("https://wismo.test/outreach/unsubscribe?t=u.1004.1.sig".into());
    m.footer = Some("Recibes esto porque compraste en Northwind.".into());
    let ok = sender.send(&m).await.unwrap();
    assert_eq!(
        ok.provider_id.as_deref(),
        Some("<wismo-42@northwind.example>")
    );
    let mail = mails.lock().unwrap()[0].clone();
    assert!(
        mail.contains("From: Northwind <orders@northwind.example>"),
        "{mail}"
    );
    assert!(mail.contains("To: sofia@example.com"));
    assert!(
        mail.contains("List-Unsubscribe: <https://wismo.test/outreach/unsubscribe?t=u.1004.1.sig>")
    );
    assert!(mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    assert!(mail.contains("multipart/alternative"));
    assert!(mail.contains("Content-Type: text/plain; charset=utf-8"));
    assert!(mail.contains("Content-Type: text/html; charset=utf-8"));
    assert!(
        mail.contains("Left at <the back door> & safe"),
        "plain part as typed"
    );
    // The HTML part is quoted-printable: undo its soft breaks and `=3D`.
    let html = mail.replace("=\n", "").replace("=3D", "=");
    assert!(
        html.contains("Left at &lt;the back door&gt; &amp; safe"),
        "html part escaped: {mail}"
    );
    assert!(html.contains("<html lang=\"es\">"));
    assert!(html.contains(">Darse de baja</a>"));

    let refused = sender
        .send(&outgoing(Channel::Email, "nobody@refused.example"))
        .await
        .unwrap_err();
    assert!(matches!(refused, SendError::Permanent(_)), "{refused:?}");
    let down = SmtpSender::new("smtp://127.0.0.1:9", "orders@northwind.example").unwrap();
    let unreachable = down
        .send(&outgoing(Channel::Email, "sofia@example.com"))
        .await
        .unwrap_err();
    assert!(
        matches!(unreachable, SendError::Transient { .. }),
        "{unreachable:?}"
    );
}
