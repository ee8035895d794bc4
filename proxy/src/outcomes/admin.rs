//! The merchant's dashboard at `/admin/`: the outcome numbers of a period with their trends and
//! breakdowns as server-rendered SVG (no script), the contacts that reached a person and why,
//! and the same report as JSON (`/admin/api/report`) and Prometheus metrics (`/admin/metrics`).
//!
//! Everything here is behind `outcomes.admin_token`: without one configured the routes answer
//! 404. A script sends it as `Authorization: Bearer …`; a browser signs in once with a form and
//! gets an HttpOnly, SameSite=Strict cookie holding a MAC of the token (never the token), so
//! no other site can make the browser read or post anything here. Wrong tokens count against
//! the client's address in the guessing limiter.

use crate::auth::{Attempt, ClientIp};
use crate::error::AppError;
use crate::outbound::escape;
use crate::state::AppState;
use axum::extract::{Form, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fmt::Write;
use subtle::ConstantTimeEq;
use wismo::outcomes::Report;

/// The cookie a signed-in browser carries.
const COOKIE: &str = "wismo_admin";
/// How long a browser stays signed in.
const COOKIE_HOURS: i64 = 12;
/// The longest period one report covers.
const MAX_DAYS: i64 = 400;
/// What the dashboard's own responses allow: its inline styles, forms to itself, nothing else.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(dashboard))
        .route("/admin/login", post(login))
        .route("/admin/logout", post(logout))
        .route("/admin/api/report", get(report_json))
        .route("/admin/metrics", get(metrics))
}

/// A request that proved it holds the admin token.
pub struct Admin;

/// Why a request is not an admin's.
pub enum Refused {
    /// No token is configured: the dashboard does not exist.
    Off,
    /// No credential, or a wrong one.
    Unauthorized,
    Other(AppError),
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Self::Off => AppError::NotFound.into_response(),
            Self::Unauthorized => AppError::Unauthorized.into_response(),
            Self::Other(e) => e.into_response(),
        }
    }
}

/// The cookie value for `token` issued at `iat` (Unix seconds): `iat.MAC`, so the cookie is
/// useless anywhere else and stops working after [`COOKIE_HOURS`] whatever the browser keeps.
fn cookie_value(token: &str, iat: i64) -> String {
    format!("{iat}.{}", cookie_mac(token, iat))
}

fn cookie_mac(token: &str, iat: i64) -> String {
    let mut mac = <Hmac<Sha256>>::new_from_slice(token.as_bytes()).expect("HMAC takes any key");
    mac.update(format!("wismo admin session v2:{iat}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether a cookie was issued for `token` within the last [`COOKIE_HOURS`]; `None` when it is
/// expired or not of our shape (a stale cookie is no guess), `Some(false)` when its MAC is wrong.
fn cookie_ok(value: &str, token: &str, now: DateTime<Utc>) -> Option<bool> {
    let (iat, mac) = value.split_once('.')?;
    let iat: i64 = iat.parse().ok()?;
    let age = now.timestamp() - iat;
    if !(-60..=COOKIE_HOURS * 3600).contains(&age) {
        return None;
    }
    Some(same(mac, &cookie_mac(token, iat)))
}

/// `Set-Cookie` for a fresh sign-in; `Secure` unless it is the demo on plain `http://`.
fn set_cookie(state: &AppState, token: &str) -> Option<HeaderValue> {
    let secure = if state.demo_clock.is_some() {
        ""
    } else {
        "; Secure"
    };
    HeaderValue::from_str(&format!(
        "{COOKIE}={}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        cookie_value(token, state.wall.now().timestamp()),
        COOKIE_HOURS * 3600
    ))
    .ok()
}

/// Compares two secrets in constant time (their digests, so the length leaks nothing either).
fn same(a: &str, b: &str) -> bool {
    Sha256::digest(a.as_bytes())
        .ct_eq(&Sha256::digest(b.as_bytes()))
        .into()
}

fn cookie_from(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refused> {
        let Some(token) = state.outcomes.admin_token.as_ref().map(|t| t.expose()) else {
            return Err(Refused::Off);
        };
        let ip = ClientIp::from_request_parts(parts, state)
            .await
            .map_err(|_| Refused::Unauthorized)?;
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let cookie = cookie_from(&parts.headers);
        if bearer.is_none() && cookie.is_none() {
            return Err(Refused::Unauthorized);
        }
        let key = format!("admin:{}", ip.key());
        // Once a client has guessed too often, even the right token waits.
        match state.limiter.is_limited(&[key.as_str()]).await {
            Ok(true) => return Err(Refused::Other(AppError::RateLimited)),
            Ok(false) => {}
            Err(e) => return Err(Refused::Other(AppError::Internal(e))),
        }
        let ok = match (bearer, cookie) {
            (Some(b), _) => same(b.trim(), token),
            (None, Some(c)) => match cookie_ok(c, token, state.wall.now()) {
                Some(ok) => ok,
                // Expired or not ours: sign in again, no guess counted.
                None => return Err(Refused::Unauthorized),
            },
            (None, None) => false,
        };
        if ok {
            return Ok(Admin);
        }
        let err =
            Attempt::wrong_credential(&state.limiter, vec![key], AppError::Unauthorized).await;
        Err(match err {
            AppError::Unauthorized => Refused::Unauthorized,
            other => Refused::Other(other),
        })
    }
}

/// `?days=30` (the last N days to now) or `?from=2026-11-01&to=2026-11-30` (whole UTC days).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    days: Option<i64>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Period {
    fn bounds(&self, now: DateTime<Utc>) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
        let bad = |m: &str| Err(AppError::BadRequest(m.to_owned()));
        match (self.days, self.from, self.to) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                bad("give either days or from and to, not both")
            }
            (None, Some(f), Some(t)) => {
                if t < f {
                    return bad("to must not be before from");
                }
                if (t - f).num_days() >= MAX_DAYS {
                    return bad("a period is at most 400 days");
                }
                let start = f.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
                let end = t
                    .succ_opt()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc());
                match (start, end) {
                    (Some(s), Some(e)) => Ok((s, e)),
                    _ => bad("from or to is out of range"),
                }
            }
            (None, Some(_), None) | (None, None, Some(_)) => bad("give both from and to"),
            (days, None, None) => {
                let days = days.unwrap_or(30);
                if !(1..=MAX_DAYS).contains(&days) {
                    return bad("days must be 1 to 400");
                }
                Ok((now - Duration::days(days), now + Duration::seconds(1)))
            }
        }
    }
}

async fn report_for(state: &AppState, period: &Period) -> Result<Report, AppError> {
    let (from, to) = period.bounds(state.clock.now())?;
    super::report(state, from, to)
        .await
        .map_err(AppError::Internal)
}

async fn report_json(
    State(state): State<AppState>,
    _: Admin,
    Query(period): Query<Period>,
) -> Result<Json<Report>, AppError> {
    report_for(&state, &period).await.map(Json)
}

/// The last 30 days as Prometheus gauges.
async fn metrics(State(state): State<AppState>, _: Admin) -> Result<Response, AppError> {
    let r = report_for(&state, &Period::default()).await?;
    let k = &r.kpis;
    let mut out = String::new();
    let mut gauge = |name: &str, help: &str, value: Option<f64>| {
        let _ = writeln!(out, "# HELP wismo_{name} {help}");
        let _ = writeln!(out, "# TYPE wismo_{name} gauge");
        let _ = writeln!(
            out,
            "wismo_{name}{{period=\"30d\"}} {}",
            value.map_or_else(|| "NaN".to_owned(), |v| v.to_string())
        );
    };
    gauge(
        "true_resolution_ratio",
        "Settled contacts resolved without a person, not re-contacted within 7 days, confirmed.",
        k.true_resolution,
    );
    gauge(
        "first_contact_resolution_ratio",
        "Settled first contacts resolved without a person and not re-contacted within 7 days.",
        k.first_contact_resolution,
    );
    gauge(
        "time_to_resolution_median_seconds",
        "Median time from a contact's first message to its last answer, without a person.",
        k.median_ttr_ms.map(|v| v as f64 / 1000.0),
    );
    gauge(
        "time_to_resolution_p90_seconds",
        "90th percentile time to resolution.",
        k.p90_ttr_ms.map(|v| v as f64 / 1000.0),
    );
    gauge(
        "handover_ratio",
        "Contacts that reached a person.",
        k.handover_rate,
    );
    gauge(
        "wismo_contacts_per_100_orders",
        "Where-is-my-order contacts per 100 orders placed.",
        k.wismo_contacts_per_100_orders,
    );
    gauge(
        "cost_per_conversation_usd",
        "CPU and reply messages per contact, in US dollars.",
        k.cost_per_conversation_usd,
    );
    gauge(
        "csat_ratio",
        "Share of one-tap ratings that were 4 or 5.",
        k.csat,
    );
    gauge("contacts", "Contacts started.", Some(k.contacts as f64));
    gauge(
        "outreach_sent",
        "Proactive notices sent.",
        Some(k.outreach_sent as f64),
    );
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        out,
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    token: String,
}

async fn login(
    State(state): State<AppState>,
    client: ClientIp,
    Form(form): Form<LoginForm>,
) -> Response {
    let Some(token) = state.outcomes.admin_token.as_ref().map(|t| t.expose()) else {
        return AppError::NotFound.into_response();
    };
    let keys = vec![format!("admin:{}", client.key())];
    match state.limiter.is_limited(&[keys[0].as_str()]).await {
        Ok(true) => {
            return page(
                StatusCode::TOO_MANY_REQUESTS,
                &login_page(Some(
                    "Too many wrong tokens. Wait a few minutes and try again.",
                )),
            )
        }
        Ok(false) => {}
        Err(e) => return AppError::Internal(e).into_response(),
    }
    if !same(form.token.trim(), token) {
        let err = Attempt::wrong_credential(&state.limiter, keys, AppError::Unauthorized).await;
        let status = match err {
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            _ => StatusCode::UNAUTHORIZED,
        };
        return page(status, &login_page(Some("That token is not right.")));
    }
    let mut res = Redirect::to("/admin/").into_response();
    if let Some(v) = set_cookie(&state, token) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

async fn logout() -> Response {
    let mut res = Redirect::to("/admin/").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("wismo_admin=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    res
}

/// Sets the demo's browser signed in (`/demo/admin`, demo only: its token is public).
pub fn demo_sign_in(state: &AppState, token: &str) -> Response {
    let mut res = Redirect::to("/admin/").into_response();
    if let Some(v) = set_cookie(state, token) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

async fn dashboard(
    State(state): State<AppState>,
    admin: Result<Admin, Refused>,
    Query(period): Query<Period>,
) -> Response {
    match admin {
        Ok(Admin) => {}
        Err(Refused::Unauthorized) => {
            return page(StatusCode::UNAUTHORIZED, &login_page(None));
        }
        Err(other) => return other.into_response(),
    }
    let report = match report_for(&state, &period).await {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    page(StatusCode::OK, &render(&report, &period))
}

fn page(status: StatusCode, html: &str) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
        ],
        html.to_owned(),
    )
        .into_response()
}

const STYLE: &str = "
:root{font-family:system-ui,sans-serif;color:#1c2430;background:#f6f7f9}
body{margin:0 auto;max-width:72rem;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
.note{color:#4a5566;font-size:.9rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.75rem;
 list-style:none;padding:0;margin:1rem 0}
.tiles li{background:#fff;border:1px solid #d5dae1;border-radius:.5rem;padding:.75rem}
.tiles .v{display:block;font-size:1.6rem;font-weight:650}
.tiles .k{display:block;font-weight:600}.tiles .d{display:block;font-size:.85rem;color:#4a5566}
table{border-collapse:collapse;background:#fff;width:100%;margin:.5rem 0}
th,td{border:1px solid #d5dae1;padding:.35rem .5rem;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
figure{margin:0;background:#fff;border:1px solid #d5dae1;border-radius:.5rem;padding:.75rem}
figcaption{font-weight:600;margin-bottom:.5rem}
.row{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap}
button,select,input{font:inherit;padding:.35rem .6rem}
:focus-visible{outline:3px solid #1a56db;outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
details{margin:.5rem 0}
";

fn login_page(error: Option<&str>) -> String {
    let error = error.map_or_else(String::new, |e| {
        format!("<p role=\"alert\" class=\"note\">{}</p>", escape(e))
    });
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>Sign in · wismo outcomes</title><style>{STYLE}</style></head><body><main>\
         <h1>wismo outcomes</h1><p class=\"note\">Enter the admin token from the proxy's \
         configuration (<code>outcomes.admin_token</code>).</p>{error}\
         <form method=\"post\" action=\"/admin/login\" class=\"row\">\
         <label>Admin token <input type=\"password\" name=\"token\" required \
         autocomplete=\"current-password\" autofocus></label>\
         <button type=\"submit\">Sign in</button></form></main></body></html>"
    )
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

fn ms(v: Option<u64>) -> String {
    match v {
        None => "–".to_owned(),
        Some(v) if v < 1000 => format!("{v} ms"),
        Some(v) if v < 120_000 => format!("{:.1} s", v as f64 / 1000.0),
        Some(v) => format!("{:.1} min", v as f64 / 60_000.0),
    }
}

fn usd(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("${v:.5}"))
}

fn ratio(n: u64, d: u64) -> String {
    pct((d > 0).then(|| n as f64 / d as f64))
}

/// The dashboard page for one report.
pub fn render(r: &Report, period: &Period) -> String {
    let k = &r.kpis;
    let mut h = String::with_capacity(32 * 1024);
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>Outcomes · wismo</title><style>{STYLE}</style></head><body>\
         <header class=\"row\" style=\"justify-content:space-between\"><div><h1>Outcomes</h1>\
         <p class=\"note\">Contacts started {} to {} (UTC), as known at {}.</p></div>\
         <form method=\"post\" action=\"/admin/logout\"><button type=\"submit\">Sign out</button></form>\
         </header><main>",
        r.from.format("%Y-%m-%d %H:%M"),
        r.to.format("%Y-%m-%d %H:%M"),
        r.now.format("%Y-%m-%d %H:%M"),
    );
    // The period.
    let chosen = period.days.unwrap_or(30);
    let _ = write!(
        h,
        "<form method=\"get\" action=\"/admin/\" class=\"row\" aria-label=\"Choose the period\">\
         <label for=\"period\">Period</label> <select id=\"period\" name=\"days\">"
    );
    for d in [7, 14, 30, 90, 365] {
        let sel = if d == chosen && period.from.is_none() {
            " selected"
        } else {
            ""
        };
        let _ = write!(h, "<option value=\"{d}\"{sel}>Last {d} days</option>");
    }
    h.push_str("</select><button type=\"submit\">Show</button></form>");

    // The headline numbers.
    let pending = k.contacts - k.settled;
    h.push_str(
        "<h2 id=\"kpis\">Headline numbers</h2><ul class=\"tiles\" aria-labelledby=\"kpis\">",
    );
    let tiles: [(&str, String, String); 8] = [
        (
            "True resolution",
            pct(k.true_resolution),
            format!(
                "No person, no return within 7 days, confirmed; of {} settled contacts",
                k.settled
            ),
        ),
        (
            "First-contact resolution",
            pct(k.first_contact_resolution),
            "First contacts answered without a person and not repeated within 7 days".to_owned(),
        ),
        (
            "Time to resolution",
            ms(k.median_ttr_ms),
            format!("Median; 90th percentile {}", ms(k.p90_ttr_ms)),
        ),
        (
            "Hand-over rate",
            pct(k.handover_rate),
            format!("Of {} contacts", k.contacts),
        ),
        (
            "WISMO contacts per 100 orders",
            k.wismo_contacts_per_100_orders
                .map_or_else(|| "–".to_owned(), |v| format!("{v:.1}")),
            format!("{} contacts, {} orders placed", k.wismo_contacts, k.orders),
        ),
        (
            "Cost per conversation",
            usd(k.cost_per_conversation_usd),
            "CPU time and reply messages".to_owned(),
        ),
        (
            "CSAT",
            pct(k.csat),
            format!(
                "Ratings of 4 or 5; {} ratings, mean {}",
                k.ratings,
                k.mean_rating
                    .map_or_else(|| "–".to_owned(), |m| format!("{m:.2}"))
            ),
        ),
        (
            "Notices sent",
            k.outreach_sent.to_string(),
            format!("Costing ${:.4}", k.outreach_cost_usd),
        ),
    ];
    for (name, value, detail) in tiles {
        let _ = write!(
            h,
            "<li><span class=\"k\">{}</span><span class=\"v\">{}</span><span class=\"d\">{}</span></li>",
            escape(name),
            escape(&value),
            escape(&detail)
        );
    }
    h.push_str("</ul>");
    let _ = write!(
        h,
        "<p class=\"note\">{pending} contacts are still inside their 7-day window and count in \
         neither resolution rate yet. Answering without a person is not counted as resolution: \
         the shopper must not come back and the outcome must be confirmed (their yes, a rating \
         of 4 or 5, or the delivery after a delay we told them of).</p>"
    );

    // Trend.
    h.push_str("<h2>Trend</h2>");
    let days: Vec<(String, [u64; 3])> = r
        .by_day
        .iter()
        .map(|d| {
            (
                d.day.format("%m-%d").to_string(),
                [
                    d.truly_resolved,
                    d.contacts - d.truly_resolved - d.handovers.min(d.contacts - d.truly_resolved),
                    d.handovers.min(d.contacts - d.truly_resolved),
                ],
            )
        })
        .collect();
    h.push_str(&stacked_bars(
        "trend",
        "Contacts per day",
        "Each day's contacts: truly resolved, not (yet) resolved, handed to a person.",
        &["Truly resolved", "Other", "Handed over"],
        &days,
    ));
    let notices: Vec<(String, [u64; 3])> = r
        .by_day
        .iter()
        .map(|d| (d.day.format("%m-%d").to_string(), [d.outreach_sent, 0, 0]))
        .collect();
    h.push_str(&stacked_bars(
        "notices",
        "Notices sent per day",
        "Proactive messages sent each day.",
        &["Notices", "", ""],
        &notices,
    ));
    h.push_str("<details><summary>The trend as a table</summary><table><caption>By day</caption>\
        <thead><tr><th scope=\"col\">Day</th><th scope=\"col\" class=\"n\">Contacts</th>\
        <th scope=\"col\" class=\"n\">Settled</th><th scope=\"col\" class=\"n\">Truly resolved</th>\
        <th scope=\"col\" class=\"n\">Handed over</th><th scope=\"col\" class=\"n\">Notices</th></tr></thead><tbody>");
    for d in &r.by_day {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            d.day, d.contacts, d.settled, d.truly_resolved, d.handovers, d.outreach_sent
        );
    }
    h.push_str("</tbody></table></details>");

    // Breakdowns: a chart each, with its table.
    h.push_str("<h2>By situation</h2>");
    let rows: Vec<(String, u64, u64)> = r
        .by_situation
        .iter()
        .map(|s| (s.situation.replace('_', " "), s.contacts, s.truly_resolved))
        .collect();
    h.push_str(&hbars(
        "situations",
        "Contacts by situation",
        "Contacts by the order's situation when answered; the darker part was truly resolved.",
        &rows,
    ));
    h.push_str("<table><caption>Contacts by the order's situation when answered</caption>\
        <thead><tr><th scope=\"col\">Situation</th><th scope=\"col\" class=\"n\">Contacts</th>\
        <th scope=\"col\" class=\"n\">True resolution</th><th scope=\"col\" class=\"n\">Handed over</th></tr></thead><tbody>");
    for s in &r.by_situation {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&s.situation.replace('_', " ")),
            s.contacts,
            ratio(s.truly_resolved, s.settled),
            s.handovers
        );
    }
    h.push_str("</tbody></table>");
    h.push_str("<h2>By channel</h2>");
    let rows: Vec<(String, u64, u64)> = r
        .by_channel
        .iter()
        .map(|c| (c.channel.as_str().to_owned(), c.contacts, c.truly_resolved))
        .collect();
    h.push_str(&hbars(
        "channels",
        "Contacts by channel",
        "Contacts by channel; the darker part was truly resolved.",
        &rows,
    ));
    h.push_str("<table><caption>Contacts by channel</caption>\
        <thead><tr><th scope=\"col\">Channel</th><th scope=\"col\" class=\"n\">Contacts</th>\
        <th scope=\"col\" class=\"n\">True resolution</th><th scope=\"col\" class=\"n\">Handed over</th></tr></thead><tbody>");
    for c in &r.by_channel {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            c.channel.as_str(),
            c.contacts,
            ratio(c.truly_resolved, c.settled),
            c.handovers
        );
    }
    h.push_str("</tbody></table>");
    h.push_str("<h2>By trigger</h2>");
    let rows: Vec<(String, u64, u64)> = r
        .by_trigger
        .iter()
        .map(|t| {
            (
                t.trigger.replace('_', " "),
                t.sent,
                t.sent - t.followed_by_contact.min(t.sent),
            )
        })
        .collect();
    h.push_str(&hbars(
        "triggers",
        "Notices by trigger",
        "Notices sent by trigger; the darker part was not followed by a contact within 7 days.",
        &rows,
    ));
    h.push_str(
        "<table><caption>Proactive notices by trigger</caption>\
        <thead><tr><th scope=\"col\">Trigger</th><th scope=\"col\" class=\"n\">Sent</th>\
        <th scope=\"col\" class=\"n\">Followed by a contact within 7 days</th></tr></thead><tbody>",
    );
    for t in &r.by_trigger {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&t.trigger.replace('_', " ")),
            t.sent,
            ratio(t.followed_by_contact, t.sent)
        );
    }
    h.push_str("</tbody></table>");

    // People.
    h.push_str("<h2>Reached a person</h2><table><caption>Hand-overs by reason</caption>\
        <thead><tr><th scope=\"col\">Reason</th><th scope=\"col\" class=\"n\">Contacts</th></tr></thead><tbody>");
    for (reason, n) in &r.handover_reasons {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{n}</td></tr>",
            escape(&reason.replace('_', " "))
        );
    }
    h.push_str("</tbody></table><table><caption>The newest hand-overs</caption>\
        <thead><tr><th scope=\"col\">Started</th><th scope=\"col\">Order</th><th scope=\"col\">Channel</th>\
        <th scope=\"col\">Reason</th><th scope=\"col\">Situation</th></tr></thead><tbody>");
    for x in &r.handed {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            x.at.format("%Y-%m-%d %H:%M"),
            escape(x.order.as_deref().map_or("–", |o| o)),
            x.channel.as_str(),
            escape(&x.reason.replace('_', " ")),
            escape(&x.situation.as_deref().unwrap_or("–").replace('_', " "))
        );
    }
    h.push_str(
        "</tbody></table><p class=\"note\">The same numbers: <a href=\"/admin/api/report\">JSON</a> \
         and Prometheus metrics at <code>/admin/metrics</code> (with the token as a bearer).</p>\
         </main></body></html>",
    );
    h
}

/// Horizontal bars, one per row: the whole (light) and the part (dark), as SVG with a name and a
/// description; the numbers are in the table beside it.
fn hbars(id: &str, title: &str, desc: &str, rows: &[(String, u64, u64)]) -> String {
    let (w, row_h, label_w) = (720.0_f64, 22.0_f64, 190.0_f64);
    let h = (rows.len().max(1) as f64) * row_h + 4.0;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let mut s = format!(
        "<figure><figcaption id=\"{id}-t\">{}</figcaption>\
         <svg viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\
         <desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(desc)
    );
    for (i, (label, whole, part)) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 2.0;
        let full = *whole as f64 / max * (w - label_w - 50.0);
        let dark = (*part).min(*whole) as f64 / max * (w - label_w - 50.0);
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"12\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y:.1}\" width=\"{full:.1}\" height=\"16\" fill=\"#9aa5b4\"><title>{}: {whole}</title></rect>\
             <rect x=\"{label_w}\" y=\"{y:.1}\" width=\"{dark:.1}\" height=\"16\" fill=\"#1f7a4d\"><title>{}: {part}</title></rect>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{whole}</text>",
            y + 13.0,
            escape(label),
            escape(label),
            escape(label),
            label_w + full + 6.0,
            y + 13.0,
        );
    }
    s.push_str("</svg></figure>");
    s
}

/// A bar chart of up to three stacked series per label, as SVG with a text alternative.
fn stacked_bars(
    id: &str,
    title: &str,
    desc: &str,
    series: &[&str; 3],
    rows: &[(String, [u64; 3])],
) -> String {
    const COLOURS: [&str; 3] = ["#1f7a4d", "#9aa5b4", "#c2410c"];
    let (w, h, pad_l, pad_b) = (720.0_f64, 200.0_f64, 36.0_f64, 22.0_f64);
    let max = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = rows.len().max(1) as f64;
    let slot = (w - pad_l) / n;
    let bar = (slot * 0.8).max(1.0);
    let mut s = format!(
        "<figure><figcaption id=\"{id}-t\">{}</figcaption>\
         <svg viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\
         <desc id=\"{id}-d\">{}</desc>\
         <line x1=\"{pad_l}\" y1=\"{}\" x2=\"{w}\" y2=\"{}\" stroke=\"#9aa5b4\"/>\
         <text x=\"0\" y=\"12\" font-size=\"11\">{}</text><text x=\"0\" y=\"{}\" font-size=\"11\">0</text>",
        escape(title),
        escape(desc),
        h - pad_b,
        h - pad_b,
        max as u64,
        h - pad_b
    );
    let label_every = (rows.len() / 10).max(1);
    for (i, (label, values)) in rows.iter().enumerate() {
        let x = pad_l + i as f64 * slot + (slot - bar) / 2.0;
        let mut y = h - pad_b;
        for (j, v) in values.iter().enumerate() {
            if *v == 0 {
                continue;
            }
            let bh = *v as f64 / max * (h - pad_b - 6.0);
            y -= bh;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"{}\"><title>{}: {} {v}</title></rect>",
                COLOURS[j],
                escape(label),
                escape(series[j])
            );
        }
        if i % label_every == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                h - 6.0,
                escape(label)
            );
        }
    }
    s.push_str("</svg><p class=\"note\">");
    for (j, name) in series.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
        let _ = write!(
            s,
            "<span style=\"color:{}\" aria-hidden=\"true\">■</span> {} ",
            COLOURS[j],
            escape(name)
        );
    }
    s.push_str("</p></figure>");
    s
}
