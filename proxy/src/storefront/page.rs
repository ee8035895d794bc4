//! `/t/{token}`: the branded tracking page a signed link opens (also `/apps/wismo/t/{token}`
//! through the app proxy). The proxy renders the whole page with the native core, so it works
//! without JavaScript: the deadline question and the chat are plain forms that post back here.
//! The page's wasm (`widget/track`) then takes over the same markup: it answers without a reload
//! and redraws the page when new scans arrive. A wrong, altered or expired link gets one plain
//! page that says only that the link is not valid and how to look the order up.

use super::gate::Proxied;
use crate::actions::ledger::{self, Reservation};
use crate::auth::{Attempt, ClientIp};
use crate::conversations::{Channel, ConversationStore, Direction};
use crate::error::AppError;
use crate::http::{converse, order_context, Shopper};
use crate::state::AppState;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use wismo::carrier::Lang;
use wismo::track::{self, escape, label, ChatLine, Label, TrackPage};
use wismo::{OrderContext, OrderNumber};

/// How many of the latest messages the page shows.
pub const CHAT_LINES: usize = 20;

/// `?lang=fr&by=2026-12-10`: both optional.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub by: Option<String>,
}

/// What the page's forms send: a chat message (or a choice's label) and the form's key.
#[derive(Debug, Deserialize)]
pub struct Ask {
    pub message: String,
    #[serde(default)]
    pub key: Option<String>,
}

/// What the page's wasm gets back for a message: the two new lines and the core's answer (none
/// when the same form was answered before and this is its answer again).
#[derive(Debug, Serialize, Deserialize)]
pub struct Answered {
    pub lines: Vec<ChatLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<wismo::Resolution>,
}

/// The order a link grants, or the one refusal every failure gets (counted per client).
async fn open(state: &AppState, token: &str, client: &ClientIp) -> Result<OrderContext, AppError> {
    let links = state
        .integrations
        .tracking_links
        .as_ref()
        .ok_or(AppError::NotConfigured("tracking links"))?;
    let wrong = || async {
        Attempt::wrong_credential(&state.limiter, vec![client.key()], AppError::Unauthorized).await
    };
    let number: OrderNumber = match links.verify(token, state.clock.now()) {
        Ok(n) => n,
        Err(e) => {
            tracing::debug!(error = %e, "tracking link refused");
            return Err(wrong().await);
        }
    };
    match order_context(state, &number).await? {
        Some(ctx) => Ok(ctx),
        None => Err(wrong().await),
    }
}

/// The page's language: asked for, else the browser's first of ours, else the order's.
fn language(q: &PageQuery, headers: &HeaderMap, order_locale: Option<&str>) -> Lang {
    let ours = |tag: &str| {
        let tag = tag.trim();
        ["en", "es", "fr", "de"]
            .iter()
            .any(|l| tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(l)))
            .then(|| Lang::from_locale(tag))
    };
    if let Some(l) = q.lang.as_deref().and_then(ours) {
        return l;
    }
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').find_map(|t| ours(t.split(';').next()?)));
    browser
        .or_else(|| order_locale.and_then(ours))
        .unwrap_or(Lang::En)
}

/// Where the page's own URLs start: `/apps/wismo` through the app proxy, the root directly.
fn prefix(proxied: Option<&Extension<Proxied>>) -> String {
    proxied.map(|Extension(p)| p.prefix()).unwrap_or_default()
}

/// A fresh key for the page's forms.
fn form_key() -> String {
    let mut bytes = [0u8; 12];
    if getrandom::fill(&mut bytes).is_err() {
        return String::new();
    }
    hex::encode(bytes)
}

async fn chat_lines(state: &AppState, ctx: &OrderContext) -> Result<Vec<ChatLine>, AppError> {
    let store = ConversationStore::new(state.db.clone(), state.shop.as_ref());
    let email = &ctx.order.customer.email;
    // The conversation is the customer's, across orders: a link to this order (perhaps
    // forwarded to someone else) shows it only while it is about this order.
    let about_this = store.get(email).await?.is_none_or(|s| {
        s.conversation
            .order
            .as_ref()
            .is_none_or(|o| *o == ctx.order.number)
    });
    if !about_this {
        return Ok(Vec::new());
    }
    let history = store.history(email).await?;
    let skip = history.len().saturating_sub(CHAT_LINES);
    Ok(history
        .into_iter()
        .skip(skip)
        .map(|m| ChatLine {
            shopper: m.direction == Direction::In,
            channel: m.channel.as_str().to_owned(),
            text: m.text,
        })
        .collect())
}

/// `GET /t/{token}`: the page.
pub async fn get(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
    client: ClientIp,
    proxied: Option<Extension<Proxied>>,
) -> Response {
    let prefix = prefix(proxied.as_ref());
    let ctx = match open(&state, &token, &client).await {
        Ok(ctx) => ctx,
        Err(e) => return invalid(&state, &q, &headers, e),
    };
    let lang = language(&q, &headers, Some(&ctx.order.customer.locale));
    let by =
        q.by.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    let mut page = track::page(&ctx, lang, by);
    // "I've flagged it to the team" must be true here too: once per order and situation, however
    // often the page is opened (the key makes every later view a replay).
    let shopper = Shopper(ctx.order.number.clone());
    for p in page.run_now.iter().filter(|p| p.is_executable()) {
        let key = format!("tracking-page-{}-{}", p.action.kind(), page.situation);
        match crate::http::actions::execute_for(&state, &shopper, "tracking page", key, p).await {
            Ok(res) if res.status().is_success() => {}
            Ok(res) => tracing::warn!(action = p.action.kind(), status = %res.status(),
                "the tracking page's flag was refused"),
            Err(e) => tracing::error!(action = p.action.kind(), error = %e,
                "the tracking page's flag failed"),
        }
    }
    match chat_lines(&state, &ctx).await {
        Ok(lines) => page.chat = lines,
        Err(e) => tracing::warn!(error = %e, "the tracking page shows no conversation"),
    }
    html(StatusCode::OK, document(&state, &page, &prefix, &token))
}

/// `POST /t/{token}` (a form): answers the message in the shopper's conversation, carries out
/// what needs no further yes, and goes back to the page's chat (so a reload sends nothing).
pub async fn post(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
    client: ClientIp,
    proxied: Option<Extension<Proxied>>,
    form: Result<Form<Ask>, FormRejection>,
) -> Response {
    let prefix = prefix(proxied.as_ref());
    let ctx = match open(&state, &token, &client).await {
        Ok(ctx) => ctx,
        Err(e) => return invalid(&state, &q, &headers, e),
    };
    let Ok(Form(ask)) = form else {
        return AppError::BadRequest("send a message field".into()).into_response();
    };
    if let Err(e) = answer(&state, ctx, &ask).await {
        return e.into_response();
    }
    let mut to = format!("{prefix}/t/{token}");
    if let Some(l) = q
        .lang
        .as_deref()
        .filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        to.push_str("?lang=");
        to.push_str(l);
    }
    to.push_str("#wismo-chat");
    Redirect::to(&to).into_response()
}

/// `POST /t/{token}/messages` (JSON `{"message": …, "key": …}`): the same, for the page's wasm.
pub async fn message(
    State(state): State<AppState>,
    Path(token): Path<String>,
    client: ClientIp,
    body: Result<Json<Ask>, JsonRejection>,
) -> Result<Json<Answered>, AppError> {
    let ctx = open(&state, &token, &client).await?;
    let Json(ask) = body?;
    answer(&state, ctx, &ask).await.map(Json)
}

async fn answer(state: &AppState, ctx: OrderContext, ask: &Ask) -> Result<Answered, AppError> {
    let text = ask.message.trim();
    if text.is_empty() || text.chars().count() > crate::http::MAX_MESSAGE_CHARS {
        return Err(AppError::BadRequest(format!(
            "message must be 1 to {} characters",
            crate::http::MAX_MESSAGE_CHARS
        )));
    }
    let received = ctx.now;
    let shopper = Shopper(ctx.order.number.clone());
    // Each form the page draws (and each message its wasm sends) has its own key: the same key
    // again (a double click, a resent form) gets the first answer again and nothing runs twice.
    let key = ask
        .key
        .as_deref()
        .filter(|k| !k.is_empty() && k.len() <= 64 && k.bytes().all(|b| b.is_ascii_hexdigit()))
        .map_or_else(form_key, str::to_owned);
    let scope = format!("track-form:{}", shopper.0.as_str());
    let hash = hex::encode(sha2::Sha256::digest(text.as_bytes()));
    match ledger::reserve(&state.db, &scope, &key, &hash, state.wall.now()).await? {
        Reservation::New => {}
        Reservation::Replay { body, .. } => {
            return serde_json::from_str(&body).map_err(|e| AppError::Internal(e.into()));
        }
        Reservation::Conflict | Reservation::InProgress { .. } => {
            return Err(AppError::Conflict {
                code: "form_already_sent",
                message: "this form was already sent with another message; reload the page".into(),
            });
        }
    }
    let resolution = match converse(
        state,
        ctx,
        text,
        Channel::Chat,
        wismo::outcomes::Channel::Page,
        received,
    )
    .await
    {
        Ok(r) => r,
        Err(e) => {
            ledger::release(&state.db, &scope, &key).await?;
            return Err(e);
        }
    };
    for (i, p) in resolution
        .proposals
        .iter()
        .filter(|p| p.is_executable())
        .enumerate()
    {
        let key = format!("track-{key}-{i}");
        match crate::http::actions::execute_for(state, &shopper, "tracking page", key, p).await {
            Ok(res) if res.status().is_success() => {}
            Ok(res) => tracing::warn!(action = p.action.kind(), status = %res.status(),
                "action from the tracking page refused"),
            Err(e) => tracing::error!(action = p.action.kind(), error = %e,
                "action from the tracking page failed"),
        }
    }
    let answered = Answered {
        lines: vec![
            ChatLine {
                shopper: true,
                channel: Channel::Chat.as_str().to_owned(),
                text: text.to_owned(),
            },
            ChatLine {
                shopper: false,
                channel: Channel::Chat.as_str().to_owned(),
                text: resolution.reply.clone(),
            },
        ],
        resolution: None,
    };
    let body = serde_json::to_string(&answered).map_err(anyhow::Error::from)?;
    ledger::complete(&state.db, &scope, &key, 200, &body).await?;
    Ok(Answered {
        resolution: Some(resolution),
        ..answered
    })
}

/// The one page every refused link gets: no detail about why. Not configured stays an error.
fn invalid(state: &AppState, q: &PageQuery, headers: &HeaderMap, e: AppError) -> Response {
    let status = match e {
        AppError::Unauthorized => StatusCode::NOT_FOUND,
        AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        other => return other.into_response(),
    };
    let lang = language(q, headers, None);
    let brand = escape(&state.policy.brand_name);
    let body = format!(
        "<main id=\"wismo-track\"><h1>{}</h1><p>{}</p><p><a class=\"button\" href=\"{}\">{}</a></p></main>",
        label(lang, Label::InvalidTitle),
        label(lang, Label::InvalidText),
        escape(&state.storefront.contact_url),
        label(lang, Label::LookUp),
    );
    html(
        status,
        shell(
            state,
            lang,
            label(lang, Label::InvalidTitle),
            &brand,
            &body,
            None,
        ),
    )
}

fn html(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The token is in the address: no product link, logo or carrier page may see it.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' https:; style-src 'self' 'unsafe-inline'; \
             script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    res
}

/// The whole document for a verified order.
fn document(state: &AppState, page: &TrackPage, prefix: &str, token: &str) -> String {
    let title = format!(
        "{} · {}",
        track::fill(label(page.lang, Label::Order), &[("order", &page.order)]),
        page.brand
    );
    let main = format!(
        "<main id=\"wismo-track\" data-base=\"{}\" data-token=\"{}\" data-lang=\"{}\">{}</main>",
        escape(prefix),
        escape(token),
        page.lang.code(),
        track::main_html(page, &form_key()),
    );
    let script = format!(
        "<script type=\"module\" src=\"{}/track.js\"></script>",
        escape(prefix)
    );
    let main = format!("{main}{}", rating_form(page.lang, prefix, token, None));
    shell(
        state,
        page.lang,
        &title,
        &escape(&page.brand),
        &main,
        Some(&script),
    )
}

/// The one-tap rating: five buttons, each sending its score (outside `main`, which the page's
/// wasm redraws). `only` shows just that score's button, labelled to send it (the page an
/// e-mail's rating link opens: a link scanner that follows it rates nothing).
fn rating_form(lang: Lang, prefix: &str, token: &str, only: Option<u8>) -> String {
    let action = format!("{}/t/{}/rating", escape(prefix), escape(token));
    let mut buttons = String::new();
    for n in 1..=5u8 {
        if only.is_some_and(|o| o != n) {
            continue;
        }
        let name = track::fill(label(lang, Label::RateScore), &[("n", &n.to_string())]);
        let text = match only {
            Some(_) => track::fill(label(lang, Label::RateSend), &[("n", &n.to_string())]),
            None => format!(
                "<span aria-hidden=\"true\">{}</span><span class=\"sr\">{name}</span>",
                n
            ),
        };
        buttons.push_str(&format!(
            "<button type=\"submit\" name=\"score\" value=\"{n}\" title=\"{name}\">{text}</button>"
        ));
    }
    let via = if only.is_some() {
        "<input type=\"hidden\" name=\"via\" value=\"email\">"
    } else {
        ""
    };
    format!(
        "<aside class=\"rate\" aria-labelledby=\"wismo-rate\"><form method=\"post\" action=\"{action}\">\
         <h2 id=\"wismo-rate\">{}</h2>{via}<div class=\"choices\">{buttons}</div></form></aside>",
        label(lang, Label::RateQuestion)
    )
}

/// `?lang=fr` and the rating form's fields.
#[derive(Debug, Deserialize)]
pub struct Rating {
    pub score: u8,
    /// `email` when sent from an e-mail's rating link; else the page.
    #[serde(default)]
    pub via: Option<String>,
}

/// `POST /t/{token}/rating`: records a one-tap rating (1 to 5) for the link's order and thanks.
pub async fn rate(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
    client: ClientIp,
    form: Result<Form<Rating>, FormRejection>,
) -> Response {
    let ctx = match open(&state, &token, &client).await {
        Ok(ctx) => ctx,
        Err(e) => return invalid(&state, &q, &headers, e),
    };
    let Ok(Form(rating)) = form else {
        return AppError::BadRequest("send a score from 1 to 5".into()).into_response();
    };
    let what = wismo::outcomes::What::Rating {
        score: rating.score,
    };
    if !what.from_browser_ok() {
        return AppError::BadRequest("send a score from 1 to 5".into()).into_response();
    }
    let channel = match rating.via.as_deref() {
        Some("email") => wismo::outcomes::Channel::Email,
        _ => wismo::outcomes::Channel::Page,
    };
    let event = wismo::outcomes::Event {
        at: ctx.now,
        order: Some(ctx.order.number.as_str().to_owned()),
        shopper: ctx.order.customer.email.as_str().to_owned(),
        channel,
        what,
    };
    let since = ctx.now - chrono::Duration::hours(2);
    let order = ctx.order.number.as_str();
    let recorded = async {
        let recent = crate::outcomes::recent_ratings(&state.db, &state.shop, order, since).await?;
        if recent < crate::outcomes::MAX_RATINGS {
            crate::outcomes::record(&state.db, &state.shop, &[event]).await?;
        }
        anyhow::Ok(())
    };
    if let Err(e) = recorded.await {
        return AppError::Internal(e).into_response();
    }
    let lang = language(&q, &headers, Some(&ctx.order.customer.locale));
    let body = format!(
        "<main id=\"wismo-track\"><h1>{}</h1><p role=\"status\">{}</p></main>",
        label(lang, Label::RateQuestion),
        label(lang, Label::RateThanks)
    );
    html(
        StatusCode::OK,
        shell(
            &state,
            lang,
            label(lang, Label::RateThanks),
            &escape(&state.policy.brand_name),
            &body,
            None,
        ),
    )
}

/// `GET /t/{token}/rate/{score}`: where an e-mail's rating link lands: one button that sends
/// that score (a GET changes nothing, so mail scanners that open links cast no ratings).
pub async fn rate_from_email(
    State(state): State<AppState>,
    Path((token, score)): Path<(String, u8)>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
    client: ClientIp,
    proxied: Option<Extension<Proxied>>,
) -> Response {
    let prefix = prefix(proxied.as_ref());
    let ctx = match open(&state, &token, &client).await {
        Ok(ctx) => ctx,
        Err(e) => return invalid(&state, &q, &headers, e),
    };
    if !(1..=5).contains(&score) {
        return AppError::BadRequest("a score is 1 to 5".into()).into_response();
    }
    let lang = language(&q, &headers, Some(&ctx.order.customer.locale));
    let body = format!(
        "<main id=\"wismo-track\">{}</main>",
        rating_form(lang, &prefix, &token, Some(score))
    );
    html(
        StatusCode::OK,
        shell(
            &state,
            lang,
            label(lang, Label::RateQuestion),
            &escape(&state.policy.brand_name),
            &body,
            None,
        ),
    )
}

/// The frame around a page: the brand's header and footer and the page's styles.
fn shell(
    state: &AppState,
    lang: Lang,
    title: &str,
    brand: &str,
    main: &str,
    script: Option<&str>,
) -> String {
    let theme = &state.storefront.theme;
    let logo = match &theme.logo_url {
        Some(url) => format!(
            "<img class=\"logo\" src=\"{}\" alt=\"{brand}\" width=\"160\" height=\"32\">",
            escape(url)
        ),
        None => format!("<span class=\"name\">{brand}</span>"),
    };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\
         <meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex\"><title>{title}</title>\
         <style>:root{{--accent:{accent}}}{CSS}</style>\
         <noscript><meta http-equiv=\"refresh\" content=\"600\"></noscript></head>\
         <body><header class=\"brand\">{logo}</header>{main}\
         <footer><p>{footer}</p></footer>{script}</body></html>",
        lang = lang.code(),
        title = escape(title),
        accent = theme.accent,
        footer = track::fill(label(lang, Label::Footer), &[("brand", brand)]),
        script = script.unwrap_or_default(),
    )
}

/// Mobile first: one column that widens to a comfortable measure; fixed sizes for the logo so
/// nothing moves when it loads.
const CSS: &str = "*{box-sizing:border-box}\
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1c1917;background:#f5f5f4}\
header.brand,main,footer{max-width:40rem;margin:0 auto;padding:0 16px}\
header.brand{display:flex;align-items:center;height:64px;padding-top:env(safe-area-inset-top)}\
.logo{width:160px;height:32px;object-fit:contain;object-position:left center}\
.name{font-weight:700;font-size:1.125rem}\
h1{font-size:1.5rem;margin:8px 0 0}h2{font-size:1.125rem;margin:0 0 4px}h3{font-size:1rem;margin:16px 0 4px}\
.hello{margin:0 0 16px;color:#57534e}\
section{background:#fff;border-radius:12px;padding:16px;margin:0 0 16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}\
.status{border-left:6px solid var(--accent)}.status.problem{border-left-color:#b45309}\
.eta strong{display:block;font-size:1.125rem}.eta span,.checked,.meta{color:#57534e;font-size:.875rem}\
.tn{font-family:ui-monospace,monospace;overflow-wrap:anywhere}\
.timeline{list-style:none;margin:0;padding:0}.timeline li{padding:8px 0 8px 16px;border-left:2px solid #d6d3d1;position:relative}\
.timeline li::before{content:'';position:absolute;left:-6px;top:14px;width:10px;height:10px;border-radius:50%;background:#a8a29e}\
.timeline li:first-child::before{background:var(--accent)}\
.timeline time{display:block;font-size:.8125rem;color:#57534e}\
form.deadline{background:#fff;border-radius:12px;padding:16px;margin:0 0 16px}\
label{display:block;font-weight:600;margin:0 0 6px}.row{display:flex;gap:8px}\
input{flex:1;min-width:0;font:inherit;padding:10px 12px;border:1px solid #a8a29e;border-radius:8px;min-height:44px}\
button,.button{font:inherit;font-weight:600;min-height:44px;padding:10px 16px;border:0;border-radius:8px;background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}\
.choices{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}.choices button{background:#fff;color:var(--accent);border:2px solid var(--accent)}\
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}\
.answer:empty{display:none}.answer{margin:12px 0 0;padding:12px;background:#f5f5f4;border-radius:8px}\
.apology{background:#fffbeb}.code{font-weight:700}\
.products ul{list-style:none;padding:0;margin:0;display:grid;gap:8px}.products a{color:var(--accent);font-weight:600}.price{color:#57534e}\
.messages{list-style:none;padding:0;margin:0 0 12px}.messages li{margin:8px 0;padding:8px 12px;border-radius:12px;background:#f5f5f4}\
.messages li.in{background:#e7e5e4;margin-left:15%}.messages li.out{margin-right:15%}.who{display:block;font-size:.75rem;color:#57534e}\
footer{color:#57534e;font-size:.875rem;padding-bottom:calc(24px + env(safe-area-inset-bottom))}\
aside.rate{max-width:40rem;margin:0 auto 16px;padding:0 16px}aside.rate form{background:#fff;border-radius:12px;padding:16px}\
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
@media (prefers-reduced-motion:reduce){*{transition:none!important}}";
