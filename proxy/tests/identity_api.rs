//! The other ways to prove who is asking, through the router: order number plus postcode,
//! Shopify's app proxy with a logged-in customer, signed tracking links, and the Zendesk and
//! Gorgias helpdesk integrations. Each: the happy path, bad input, a wrong or stale signature,
//! another shopper's order looking exactly like a missing one, and the rate limit.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Duration;
use common::{spawn_demos, Reply, TestApp};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use wismo_proxy::auth::{
    AppProxy, GorgiasSecret, Integrations, SharedSecret, TrackingLinks, ZendeskJwt,
};
use wismo_proxy::{app, demo};

const APP_SECRET: &[u8] = b"shpss_app_proxy_secret";
const LINK_SECRET: &[u8] = b"tracking-link-secret-of-32-bytes!";
const ZENDESK_SECRET: &[u8] = b"zendesk-shared-secret-of-32-bytes";
const GORGIAS_SECRET: &str = "gorgias-secret-0123456789";

/// The demo with every integration configured, on every configured database.
async fn spawns() -> Vec<TestApp> {
    let mut apps = spawn_demos().await;
    for t in &mut apps {
        t.state.integrations = integrations();
        t.router = app(t.state.clone());
    }
    apps
}

/// App proxy, tracking links, Zendesk and Gorgias, each with its test secret.
fn integrations() -> Integrations {
    Integrations {
        app_proxy: Some(AppProxy::new(
            SharedSecret::new(APP_SECRET, 1).unwrap(),
            300,
            Some("northwind.myshopify.com".into()),
        )),
        tracking_links: Some(TrackingLinks::new(LINK_SECRET, 60).unwrap()),
        zendesk: Some(
            ZendeskJwt::new(
                ZENDESK_SECRET,
                Some("northwind.zendesk.com"),
                Some("wismo"),
                60,
            )
            .unwrap(),
        ),
        gorgias: Some(GorgiasSecret::new(GORGIAS_SECRET.as_bytes()).unwrap()),
    }
}

fn assert_same(a: &Reply, b: &Reply) {
    assert_eq!(a.status, b.status);
    assert_eq!(a.body, b.body);
}

// ---------------------------------------------------------------- order number + postcode

async fn postcode_session(t: &TestApp, number: &str, postcode: &str) -> Reply {
    let body = json!({"order_number": number, "postcode": postcode});
    t.post_raw("/api/v1/session", &body.to_string()).await
}

#[tokio::test]
async fn a_shopper_can_verify_with_the_postcode_instead_of_the_email() {
    for t in spawns().await {
        let r = postcode_session(&t, "#1004", "43215").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let token = r.json()["token"].as_str().unwrap().to_owned();
        let r = t.get_with_token("/api/v1/orders/1004", &token).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        // Spacing and case do not matter, as for any postcode.
        let r = postcode_session(&t, "1004", " 432 15 ").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

#[tokio::test]
async fn a_wrong_postcode_looks_exactly_like_a_missing_order() {
    for t in spawns().await {
        let wrong = postcode_session(&t, "1004", "05401").await;
        let missing = postcode_session(&t, "9999", "43215").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.json()["code"], "verification_failed");
        assert_same(&wrong, &missing);
    }
}

#[tokio::test]
async fn email_and_postcode_together_or_neither_or_a_bad_postcode_are_bad_requests() {
    for t in spawns().await {
        for body in [
            json!({"order_number": "1004", "email": "marco@example.com", "postcode": "43215"}),
            json!({"order_number": "1004"}),
            json!({"order_number": "1004", "postcode": "!"}),
        ] {
            let r = t.post_raw("/api/v1/session", &body.to_string()).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text());
            assert_eq!(r.json()["code"], "bad_request");
        }
    }
}

#[tokio::test]
async fn guessing_postcodes_is_rate_limited_per_order() {
    for t in spawns().await {
        for i in 0..10 {
            let r = postcode_session(&t, "1004", &format!("1000{i}")).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = postcode_session(&t, "1004", "43215").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
        assert_eq!(r.json()["code"], "rate_limited");
    }
}

// ---------------------------------------------------------------- Shopify app proxy

/// A path with the query Shopify's app proxy would forward, signed with `secret`.
fn proxied_with(path: &str, extra: &str, customer: &str, at: i64, secret: &[u8]) -> String {
    let mut q = format!(
        "shop=northwind.myshopify.com&logged_in_customer_id={customer}&path_prefix=%2Fapps%2Fwismo&timestamp={at}"
    );
    if !extra.is_empty() {
        q = format!("{extra}&{q}");
    }
    let sig = AppProxy::new(SharedSecret::new(secret, 1).unwrap(), 300, None).sign(&q);
    format!("{path}?{q}&signature={sig}")
}

fn proxied(path: &str, extra: &str, customer: &str) -> String {
    proxied_with(path, extra, customer, demo::now().timestamp(), APP_SECRET)
}

#[tokio::test]
async fn a_logged_in_customer_sees_their_orders_and_opens_one_without_typing() {
    for t in spawns().await {
        let r = t.get(&proxied("/apps/wismo/orders", "", "7004")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.headers["cache-control"], "no-store");
        let orders = r.json()["orders"].as_array().unwrap().clone();
        assert_eq!(orders.len(), 1);
        assert_eq!(orders[0]["order_number"], "1004");
        assert_eq!(orders[0]["situation"], "in_transit");
        assert!(orders[0]["headline"]
            .as_str()
            .is_some_and(|h| !h.is_empty()));

        let r = t
            .get(&proxied(
                "/apps/wismo/session",
                "order_number=%231004",
                "7004",
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let token = r.json()["token"].as_str().unwrap().to_owned();
        let r = t.get_with_token("/api/v1/orders/1004", &token).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

#[tokio::test]
async fn an_order_synced_by_webhook_reaches_its_logged_in_customer_on_every_database() {
    for mut t in spawn_demos().await {
        t.state.integrations = integrations();
        t.router = app(t.state.clone());
        let r = t
            .webhook(
                "orders/create",
                "ev-1",
                &common::shopify::order(2001, "2026-11-18T16:30:00Z"),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", t.backend, r.text());
        t.drain_webhooks().await;
        // The payload's customer.id (see common/shopify.rs) is the storefront login.
        let customer = (7_000_000_000u64 + 2001).to_string();
        let r = t.get(&proxied("/apps/wismo/orders", "", &customer)).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", t.backend, r.text());
        assert_eq!(
            r.json()["orders"][0]["order_number"],
            "2001",
            "{}",
            t.backend
        );
        let r = t
            .get(&proxied(
                "/apps/wismo/session",
                "order_number=2001",
                &customer,
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", t.backend, r.text());
    }
}

#[tokio::test]
async fn another_customers_order_through_the_app_proxy_looks_like_a_missing_one() {
    for t in spawns().await {
        let other = t
            .get(&proxied("/apps/wismo/session", "order_number=1001", "7004"))
            .await;
        let missing = t
            .get(&proxied("/apps/wismo/session", "order_number=9999", "7004"))
            .await;
        assert_eq!(other.status, StatusCode::UNAUTHORIZED, "{}", other.text());
        assert_eq!(other.json()["code"], "verification_failed");
        assert_same(&other, &missing);
    }
}

#[tokio::test]
async fn wrong_stale_and_missing_signatures_get_one_answer() {
    for t in spawns().await {
        let now = demo::now().timestamp();
        let good = proxied("/apps/wismo/orders", "", "7004");
        let cases = [
            proxied_with("/apps/wismo/orders", "", "7004", now, b"another secret"),
            proxied_with("/apps/wismo/orders", "", "7004", now - 301, APP_SECRET),
            proxied_with("/apps/wismo/orders", "", "7004", now + 301, APP_SECRET),
            // A customer id swapped after signing.
            good.replace("logged_in_customer_id=7004", "logged_in_customer_id=7001"),
            good.split("&signature=").next().unwrap().to_owned(),
            "/apps/wismo/orders".to_owned(),
        ];
        let first = t.get(&cases[0]).await;
        assert_eq!(first.status, StatusCode::UNAUTHORIZED, "{}", first.text());
        assert_eq!(first.json()["code"], "unauthorized");
        for (i, c) in cases.iter().enumerate().skip(1) {
            let r = t.get(c).await;
            assert_eq!((i, r.status), (i, first.status));
            assert_eq!(r.body, first.body, "case {i}");
        }
    }
}

#[tokio::test]
async fn nobody_logged_in_and_bad_order_numbers_are_refused() {
    for t in spawns().await {
        let r = t.get(&proxied("/apps/wismo/orders", "", "")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text());
        let r = t
            .get(&proxied("/apps/wismo/session", "order_number=abc", "7004"))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        let r = t.get(&proxied("/apps/wismo/session", "", "7004")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    }
}

#[tokio::test]
async fn guessing_through_the_app_proxy_is_rate_limited() {
    for t in spawns().await {
        for n in 0..10 {
            let r = t
                .get(&proxied(
                    "/apps/wismo/session",
                    &format!("order_number=900{n}"),
                    "7004",
                ))
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = t
            .get(&proxied("/apps/wismo/session", "order_number=1004", "7004"))
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
    }
}

#[tokio::test]
async fn forged_app_proxy_requests_are_rate_limited_but_shopifys_still_pass() {
    for t in spawns().await {
        let now = demo::now().timestamp();
        let forged = proxied_with("/apps/wismo/orders", "", "7004", now, b"forged");
        for _ in 0..10 {
            assert_eq!(t.get(&forged).await.status, StatusCode::UNAUTHORIZED);
        }
        assert_eq!(t.get(&forged).await.status, StatusCode::TOO_MANY_REQUESTS);
        let r = t.get(&proxied("/apps/wismo/orders", "", "7004")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

#[tokio::test]
async fn one_customers_guessing_does_not_lock_out_the_others_behind_shopify() {
    for t in spawns().await {
        for n in 0..11 {
            t.get(&proxied(
                "/apps/wismo/session",
                &format!("order_number=900{n}"),
                "7004",
            ))
            .await;
        }
        let r = t
            .get(&proxied("/apps/wismo/session", "order_number=1001", "7001"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

#[tokio::test]
async fn an_unconfigured_integration_says_so() {
    for t in spawn_demos().await {
        let r = t.get(&proxied("/apps/wismo/orders", "", "7004")).await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(r.json()["code"], "not_configured");
        for path in [
            "/api/v1/track/t1.1004.1.x",
            "/agent/zendesk/customer?email=marco@example.com",
            "/gorgias/customer?email=marco@example.com",
        ] {
            let r = t.get(path).await;
            assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        }
    }
}

// ---------------------------------------------------------------- tracking links

fn link(number: &str, t: &TestApp) -> String {
    let links = t.state.integrations.tracking_links.as_ref().unwrap();
    let n = wismo::OrderNumber::parse(number).unwrap();
    links.issue(&n, demo::now())
}

#[tokio::test]
async fn a_tracking_link_opens_its_order_until_it_expires() {
    for t in spawns().await {
        let token = link("1004", &t);
        let r = t.get(&format!("/api/v1/track/{token}")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let ctx: wismo::OrderContext = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(ctx.order.number.as_str(), "1004");

        t.clock.advance(Duration::days(60));
        let r = t.get(&format!("/api/v1/track/{token}")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text());
        assert_eq!(r.json()["code"], "unauthorized");
    }
}

#[tokio::test]
async fn altered_foreign_and_session_tokens_are_not_tracking_links() {
    for t in spawns().await {
        let good = link("1004", &t);
        let session = t.token("1004", "marco@example.com").await;
        let foreign = TrackingLinks::new(b"another-secret-another-secret-32b", 60)
            .unwrap()
            .issue(&wismo::OrderNumber::parse("1004").unwrap(), demo::now());
        let missing = link("9999", &t);
        let altered = good.replacen(".1004.", ".1001.", 1);
        let first = t.get(&format!("/api/v1/track/{altered}")).await;
        assert_eq!(first.status, StatusCode::UNAUTHORIZED);
        for token in [foreign, session, missing, "garbage".to_owned()] {
            let r = t.get(&format!("/api/v1/track/{token}")).await;
            assert_same(&r, &first);
        }
    }
}

#[tokio::test]
async fn guessing_tracking_links_is_rate_limited() {
    for t in spawns().await {
        for i in 0..10 {
            let r = t
                .get(&format!("/api/v1/track/t1.1004.9999999999.guess{i}"))
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = t.get("/api/v1/track/t1.1004.9999999999.guess10").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
        assert_eq!(r.json()["code"], "rate_limited");
        // A real link is unguessable, so it still works: shoppers behind one address stay served.
        let r = t.get(&format!("/api/v1/track/{}", link("1004", &t))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

// ---------------------------------------------------------------- Zendesk

fn jwt(claims: Value, secret: &[u8]) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .unwrap()
}

fn agent_jwt() -> String {
    jwt(
        json!({"exp": demo::now().timestamp() + 300, "iss": "northwind.zendesk.com", "aud": "wismo", "sub": "agent-7"}),
        ZENDESK_SECRET,
    )
}

async fn zendesk(t: &TestApp, email: &str, token: &str) -> Reply {
    t.get_with_token(&format!("/agent/zendesk/customer?email={email}"), token)
        .await
}

#[tokio::test]
async fn a_zendesk_agent_sees_the_customers_orders_as_the_core_resolves_them() {
    for t in spawns().await {
        let r = zendesk(&t, "Marco@Example.com", &agent_jwt()).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let body = r.json();
        assert_eq!(body["email"], "marco@example.com");
        let order = &body["orders"][0];
        assert_eq!(order["order_number"], "1004");
        assert_eq!(order["situation"], "in_transit");
        assert!(order["agent"]["summary"].as_str().unwrap().contains("1004"));
        assert!(order["agent"]["suggested_reply"].is_string());
        assert_eq!(order["card"]["order_number"], "#1004");

        let r = zendesk(&t, "nobody@example.com", &agent_jwt()).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["orders"], json!([]));
        let r = zendesk(&t, "not-an-email", &agent_jwt()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let r = t
            .get_with_token("/agent/zendesk/customer", &agent_jwt())
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn expired_forged_and_misaddressed_zendesk_tokens_get_one_answer() {
    for t in spawns().await {
        let exp = demo::now().timestamp() + 300;
        let ok = json!({"iss": "northwind.zendesk.com", "aud": "wismo"});
        let with = |k: &str, v: Value| {
            let mut c = ok.clone();
            c[k] = v;
            c["exp"] = c.get("exp").cloned().unwrap_or(json!(exp));
            c
        };
        let tokens = [
            jwt(
                with("exp", json!(demo::now().timestamp() - 61)),
                ZENDESK_SECRET,
            ),
            jwt(with("iss", json!("evil.zendesk.com")), ZENDESK_SECRET),
            jwt(with("aud", json!("someone-else")), ZENDESK_SECRET),
            jwt(
                with("sub", json!("x")),
                b"another-secret-another-secret-32b",
            ),
            "not-a-jwt".to_owned(),
        ];
        let first = zendesk(&t, "marco@example.com", &tokens[0]).await;
        assert_eq!(first.status, StatusCode::UNAUTHORIZED, "{}", first.text());
        for tok in &tokens[1..] {
            assert_same(&zendesk(&t, "marco@example.com", tok).await, &first);
        }
        let r = t
            .get("/agent/zendesk/customer?email=marco@example.com")
            .await;
        assert_same(&r, &first);
    }
}

#[tokio::test]
async fn guessing_zendesk_tokens_is_rate_limited() {
    for t in spawns().await {
        for i in 0..10 {
            let r = zendesk(&t, "marco@example.com", &format!("guess{i}")).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = zendesk(&t, "marco@example.com", "guess10").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        // Agents share Zendesk's proxy addresses: a right token is never locked out by wrong ones.
        let r = zendesk(&t, "marco@example.com", &agent_jwt()).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

// ---------------------------------------------------------------- Gorgias

async fn gorgias(t: &TestApp, email: &str, authorization: Option<&str>) -> Reply {
    let mut req = Request::get(format!("/gorgias/customer?email={email}"));
    if let Some(a) = authorization {
        req = req.header(header::AUTHORIZATION, a);
    }
    t.send(req.body(Body::empty()).unwrap()).await
}

fn bearer() -> String {
    format!("Bearer {GORGIAS_SECRET}")
}

#[tokio::test]
async fn gorgias_gets_flat_display_ready_fields_per_order() {
    for t in spawns().await {
        let r = gorgias(&t, "hannah@example.com", Some(&bearer())).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let body = r.json();
        assert_eq!(body["order_count"], 1);
        let o = &body["orders"][0];
        assert_eq!(o["name"], "#1011");
        assert_eq!(o["situation"], "in_transit");
        let tracking = o["tracking_numbers"].as_str().unwrap();
        assert!(
            tracking.contains("9400111899223776204580") && tracking.contains("1Z4W96E80310431196")
        );
        assert!(o["carriers"].as_str().unwrap().contains(", "));
        for field in ["status", "summary", "suggested_reply", "eta"] {
            assert!(o[field].is_string(), "{field}: {o}");
        }
        let r = gorgias(&t, "bad-email", Some(&bearer())).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn the_gorgias_widget_template_names_only_fields_the_endpoint_returns() {
    for t in spawns().await {
        let body = gorgias(&t, "hannah@example.com", Some(&bearer()))
            .await
            .json();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../www/gorgias/widget-template.json"
        );
        let template: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut checked = 0;
        check_paths(&template["template"], &body, &mut checked);
        assert!(checked >= 8, "only {checked} paths checked");
    }
}

/// Walks a widget template: each `path` is looked up in the data it applies to; a `list`'s
/// children apply to its first element.
fn check_paths(widget: &Value, data: &Value, checked: &mut usize) {
    let here = match widget["path"].as_str() {
        Some(p) if !p.is_empty() => {
            let v = &data[p];
            assert!(!v.is_null(), "template path {p:?} is not in {data}");
            *checked += 1;
            v
        }
        _ => data,
    };
    let child_data = if widget["type"] == "list" {
        &here[0]
    } else {
        here
    };
    for child in widget["widgets"].as_array().into_iter().flatten() {
        check_paths(child, child_data, checked);
    }
}

#[tokio::test]
async fn wrong_or_missing_gorgias_secrets_get_one_answer_and_are_rate_limited() {
    for t in spawns().await {
        let first = gorgias(&t, "hannah@example.com", None).await;
        assert_eq!(first.status, StatusCode::UNAUTHORIZED);
        for a in ["Bearer wrong", "Basic Z29yZ2lhcw==", GORGIAS_SECRET] {
            assert_same(&gorgias(&t, "hannah@example.com", Some(a)).await, &first);
        }
        for _ in 0..6 {
            gorgias(&t, "hannah@example.com", Some("Bearer wrong")).await;
        }
        let r = gorgias(&t, "hannah@example.com", Some("Bearer wrong")).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        // Gorgias calls from a few servers: a right secret is never locked out by wrong ones.
        let r = gorgias(&t, "hannah@example.com", Some(&bearer())).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}
