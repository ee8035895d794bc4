//! The storefront room through the router: the branded tracking page rendered without
//! JavaScript (situation, freshness, ETA, timeline in plain words, products or the apology,
//! the deadline question, the chat), refused links, every route under the app proxy with good,
//! missing, wrong and stale signatures, the session token carried in the query, the direct
//! origin's CORS allow-list, and the demo's app proxy stand-in.

// The realistic Shopify payloads in common/shopify.rs nest deeper than json!'s default allows.
#![recursion_limit = "256"]

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use chrono::Duration;
use common::{spawn_demos, Reply, TestApp, SHOP};
use std::net::SocketAddr;
use std::sync::Arc;
use wismo::OrderNumber;
use wismo_proxy::auth::{AppProxy, SharedSecret, TrackingLinks};
use wismo_proxy::clock::Clock;
use wismo_proxy::storefront::{Storefront, StorefrontConfig};
use wismo_proxy::{app, db, demo};

const APP_SECRET: &[u8] = b"shpss_app_proxy_secret";
const LINK_SECRET: &[u8] = b"tracking-link-secret-of-32-bytes!";

/// The demo with tracking links and the app proxy configured, on every configured database.
async fn spawns() -> Vec<TestApp> {
    let mut apps = spawn_demos().await;
    for t in &mut apps {
        configure(t, StorefrontConfig::default());
    }
    apps
}

fn configure(t: &mut TestApp, storefront: StorefrontConfig) {
    t.state.integrations.app_proxy = Some(AppProxy::new(
        SharedSecret::new(APP_SECRET, 1).unwrap(),
        300,
        Some("northwind.myshopify.com".into()),
    ));
    t.state.integrations.tracking_links = Some(TrackingLinks::new(LINK_SECRET, 60).unwrap());
    t.state.storefront = Arc::new(Storefront::from_config(&storefront).unwrap());
    std::fs::write(t.state.www_dir.join("wismo.js"), "/* loader */").unwrap();
    t.router = app(t.state.clone());
}

fn link(t: &TestApp, number: &str) -> String {
    let links = t.state.integrations.tracking_links.as_ref().unwrap();
    format!(
        "/t/{}",
        links.issue(&OrderNumber::parse(number).unwrap(), t.clock.now())
    )
}

/// The page's text with tags dropped, for reading what a person sees.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let body = html.split("<body>").nth(1).unwrap_or(html);
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn page(t: &TestApp, path: &str) -> Reply {
    let r = t.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text());
    assert_eq!(
        r.headers[header::CONTENT_TYPE],
        "text/html; charset=utf-8",
        "{path}"
    );
    r
}

/// The raw carrier codes and descriptions stored for an order: none may reach the page.
async fn raw_scans(t: &TestApp, number: &str) -> Vec<String> {
    let n = OrderNumber::parse(number).unwrap();
    db::load_shipments(&t.db, SHOP, &n)
        .await
        .unwrap()
        .iter()
        .flat_map(|s| s.events.iter())
        .flat_map(|e| [e.code.clone(), e.description.clone()])
        .filter(|s| s.len() > 3)
        .collect()
}

#[tokio::test]
async fn the_tracking_page_says_where_the_order_is_without_javascript() {
    for t in spawns().await {
        let r = page(&t, &link(&t, "1004")).await;
        let html = r.text();
        let text = visible(&html);
        for want in [
            "Order #1004",
            "Hi Marco,",
            "In transit",
            "on its way with UPS",
            "Expected delivery Friday 20 November",
            "Checked with the carrier 30 minutes ago",
            "What has happened so far",
            "Your parcel arrived at a carrier facility in Columbus, OH.",
            "1 × Canvas Daypack",
            "Will it arrive by…?",
            "Questions about this order? Chat with us",
            "Tracking by Northwind Supply Co.",
        ] {
            assert!(
                text.contains(want),
                "{}: missing {want:?} in {text}",
                t.backend
            );
        }
        for raw in raw_scans(&t, "1004").await {
            assert!(
                !text.contains(&raw),
                "raw carrier text {raw:?} shown: {text}"
            );
        }
        // All is well: the merchant's products, and no apology.
        assert!(html.contains("class=\"products\""), "{text}");
        assert!(text.contains("Merino Wool Socks"));
        assert!(!html.contains("class=\"apology\""));
        // The token is in the address: it must not leak to the links on the page.
        assert_eq!(r.headers[header::REFERRER_POLICY], "no-referrer");
        assert_eq!(r.headers[header::CACHE_CONTROL], "no-store");
        assert!(r.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'"));
        assert!(html.contains("<html lang=\"en\">"));
    }
}

#[tokio::test]
async fn a_stalled_order_gets_the_apology_and_the_code_instead_of_products() {
    for t in spawns().await {
        let html = page(&t, &link(&t, "1009")).await.text();
        let text = visible(&html);
        assert!(html.contains("class=\"status problem\""), "{text}");
        assert!(html.contains("class=\"apology\""), "{text}");
        assert!(text.contains("Your code for next time: SORRY15"), "{text}");
        assert!(!html.contains("class=\"products\""), "never both: {text}");
        // What the shopper can do, as buttons that send the choice in the conversation.
        assert!(text.contains("What you can do"), "{text}");
        assert!(
            html.contains("name=\"message\" value=\"a replacement sent now\""),
            "{html}"
        );
        for raw in raw_scans(&t, "1009").await {
            assert!(!text.contains(&raw), "raw carrier text {raw:?} shown");
        }
    }
}

#[tokio::test]
async fn a_delivered_order_shows_products_and_the_drop_off_note() {
    for t in spawns().await {
        let html = page(&t, &link(&t, "1006")).await.text();
        let text = visible(&html);
        assert!(text.contains("Delivered"), "{text}");
        assert!(text.contains("front door"), "{text}");
        assert!(html.contains("class=\"products\""));
        assert!(!html.contains("class=\"apology\""));
    }
}

#[tokio::test]
async fn several_parcels_get_a_section_each() {
    for t in spawns().await {
        let text = visible(&page(&t, &link(&t, "1011")).await.text());
        assert!(text.contains("Parcel 1 of 2"), "{text}");
        assert!(text.contains("Parcel 2 of 2"), "{text}");
        assert!(text.contains("USPS") && text.contains("UPS"));
    }
}

#[tokio::test]
async fn the_deadline_question_is_answered_by_the_core_as_a_plain_form() {
    for t in spawns().await {
        let base = link(&t, "1004");
        let text = visible(&page(&t, &format!("{base}?by=2026-11-21")).await.text());
        assert!(
            text.contains("Saturday 21 November") && text.contains("Friday 20 November"),
            "{text}"
        );
        let early = visible(&page(&t, &format!("{base}?by=2026-11-19")).await.text());
        assert_ne!(
            early, text,
            "a day before the estimate is not the same answer"
        );
        // A date that is not a date is no question, not an error page.
        page(&t, &format!("{base}?by=soon")).await;
    }
}

#[tokio::test]
async fn the_page_speaks_the_shoppers_language() {
    for t in spawns().await {
        let base = link(&t, "1004");
        let fr = page(&t, &format!("{base}?lang=fr")).await.text();
        assert!(fr.contains("<html lang=\"fr\">"));
        assert!(visible(&fr).contains("Commande #1004"), "{}", visible(&fr));
        let r = t
            .send(
                Request::get(&base)
                    .header(header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9,en;q=0.5")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(visible(&r.text()).contains("Bestellung #1004"));
    }
}

#[tokio::test]
async fn the_chat_on_the_page_continues_the_conversation_without_javascript() {
    for t in spawns().await {
        let base = link(&t, "1009");
        let r = t
            .send(
                Request::post(&base)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from("key=abc123&message=is+it+lost%3F"))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert!(r.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .ends_with("#wismo-chat"));
        // The same form sent again (a double click, a reload that resends): answered once.
        let again = t
            .send(
                Request::post(&base)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from("key=abc123&message=is+it+lost%3F"))
                    .unwrap(),
            )
            .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        let text = visible(&page(&t, &base).await.text());
        assert!(text.contains("You is it lost?"), "{text}");
        assert_eq!(text.matches("You is it lost?").count(), 1, "{text}");
        assert!(text.contains("Northwind Supply Co."), "{text}");
        // The page's wasm gets the same answer as JSON.
        let r = t
            .post_raw(
                &format!("{base}/messages"),
                r#"{"message":"a replacement","key":"def456"}"#,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let lines = r.json()["lines"].as_array().unwrap().clone();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["shopper"], true);
        assert!(!lines[1]["text"].as_str().unwrap().is_empty());
        // An empty message is a clear error, not a stored turn.
        let r = t
            .post_raw(&format!("{base}/messages"), r#"{"message":"  "}"#)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn a_wrong_altered_or_expired_link_gets_one_plain_page() {
    for t in spawns().await {
        let good = link(&t, "1004");
        let altered = good.replace("1004", "1005");
        let expired = {
            let links = t.state.integrations.tracking_links.as_ref().unwrap();
            let past = t.clock.now() - Duration::days(1);
            format!(
                "/t/{}",
                links.issue_until(&OrderNumber::parse("1004").unwrap(), past)
            )
        };
        let other_key = format!(
            "/t/{}",
            TrackingLinks::new(&[9; 32], 60)
                .unwrap()
                .issue(&OrderNumber::parse("1004").unwrap(), t.clock.now())
        );
        let mut bodies = Vec::new();
        for path in [altered, expired, other_key, "/t/nonsense".to_owned()] {
            let r = t.get(&path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
            let text = visible(&r.text());
            assert!(text.contains("This tracking link is not valid"), "{text}");
            assert!(text.contains("Look up an order"), "{text}");
            assert!(!text.contains("1004") && !text.contains("Marco"), "{text}");
            bodies.push(text);
        }
        assert!(
            bodies.windows(2).all(|w| w[0] == w[1]),
            "no detail about why"
        );
    }
}

#[tokio::test]
async fn a_hostile_customer_name_and_product_title_render_as_text() {
    for t in spawns().await {
        let n = OrderNumber::parse("1004").unwrap();
        let order = db::load_order(&t.db, SHOP, &n).await.unwrap().unwrap();
        let mut data = wismo::OrderData::from(order);
        data.customer.first_name = "<img src=x onerror=alert(1)>".into();
        data.line_items[0].title = "\"><script>alert('t')</script>".into();
        db::insert_order(&t.db, SHOP, &wismo::Order::new(data).unwrap())
            .await
            .unwrap();
        let html = page(&t, &link(&t, "1004")).await.text();
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("Hi &lt;img src=x onerror=alert(1)&gt;,"));
        assert!(html.contains("&quot;&gt;&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"));
    }
}

// ---------------------------------------------------------------- everything through the app proxy

fn signed(path: &str, extra: &str, customer: &str, at: i64, secret: &[u8]) -> String {
    let mut q = format!(
        "shop=northwind.myshopify.com&logged_in_customer_id={customer}&path_prefix=%2Fapps%2Fwismo&timestamp={at}"
    );
    if !extra.is_empty() {
        q = format!("{extra}&{q}");
    }
    let sig = AppProxy::new(SharedSecret::new(secret, 1).unwrap(), 300, None).sign(&q);
    format!("{path}?{q}&signature={sig}")
}

#[tokio::test]
async fn every_proxied_route_needs_a_fresh_signature() {
    for t in spawns().await {
        let now = demo::now().timestamp();
        let token_path = link(&t, "1004");
        let routes: Vec<(Method, String, &str)> = vec![
            (Method::GET, "/apps/wismo/wismo.js".into(), ""),
            (Method::GET, "/apps/wismo/widget/wismo_widget.js".into(), ""),
            (Method::GET, "/apps/wismo/api/v1/shop".into(), ""),
            (Method::GET, "/apps/wismo/orders".into(), ""),
            (
                Method::GET,
                "/apps/wismo/session".into(),
                "order_number=1004",
            ),
            (Method::GET, format!("/apps/wismo{token_path}"), ""),
            (
                Method::POST,
                "/apps/wismo/api/v1/session".into(),
                r#"{"order_number":"1004","email":"marco@example.com"}"#,
            ),
        ];
        for (method, path, extra) in routes {
            let (query, body) = if method == Method::GET {
                (extra, String::new())
            } else {
                ("", extra.to_owned())
            };
            // Shopify connects from its servers and names the shopper in X-Forwarded-For; a
            // forger connects from wherever it is.
            let shopify = |uri: String| {
                let mut r = Request::builder()
                    .method(method.clone())
                    .uri(uri)
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("x-forwarded-for", "198.51.100.7")
                    .body(Body::from(body.clone()))
                    .unwrap();
                r.extensions_mut()
                    .insert(ConnectInfo(SocketAddr::from(([23, 227, 38, 1], 443))));
                r
            };
            let forger = |uri: String| {
                let mut r = Request::builder()
                    .method(method.clone())
                    .uri(uri)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.clone()))
                    .unwrap();
                r.extensions_mut()
                    .insert(ConnectInfo(SocketAddr::from(([203, 0, 113, 9], 5555))));
                r
            };
            let good = t
                .send(shopify(signed(&path, query, "7004", now, APP_SECRET)))
                .await;
            assert!(
                good.status.is_success(),
                "{path}: {} {}",
                good.status,
                good.text()
            );
            let unsigned = if query.is_empty() {
                path.clone()
            } else {
                format!("{path}?{query}")
            };
            let wrong = signed(&path, query, "7004", now, b"not the app secret");
            let stale = signed(&path, query, "7004", now - 301, APP_SECRET);
            // Another customer in an otherwise good query: the signature no longer matches.
            let tampered = signed(&path, query, "7004", now, APP_SECRET)
                .replace("logged_in_customer_id=7004", "logged_in_customer_id=7001");
            for bad in [unsigned, wrong, stale, tampered] {
                let r = t.send(forger(bad.clone())).await;
                // Refused; after a few, every refusal from this client is the rate limit's.
                let code = r.json()["code"].as_str().unwrap_or_default().to_owned();
                assert!(
                    (r.status, code.as_str()) == (StatusCode::UNAUTHORIZED, "unauthorized")
                        || (r.status, code.as_str())
                            == (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
                    "{bad}: {} {}",
                    r.status,
                    r.text()
                );
            }
            // Shopify's own requests still pass while forgeries are being limited.
            let again = t
                .send(shopify(signed(&path, query, "7004", now, APP_SECRET)))
                .await;
            assert!(again.status.is_success(), "{path}: {}", again.status);
        }
    }
}

#[tokio::test]
async fn the_session_token_rides_in_the_query_through_the_app_proxy() {
    for t in spawns().await {
        let now = demo::now().timestamp();
        let r = t
            .get(&signed(
                "/apps/wismo/session",
                "order_number=1004",
                "7004",
                now,
                APP_SECRET,
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let session = r.json();
        let token = session["token"].as_str().unwrap().to_owned();
        // The session also names the order's tracking page, for the widget's order card.
        let tracking = session["tracking_path"].as_str().unwrap();
        assert!(tracking.starts_with("/t/t1.1004."), "{tracking}");
        let extra = format!("session={token}");
        let r = t
            .get(&signed(
                "/apps/wismo/api/v1/orders/1004",
                &extra,
                "",
                now,
                APP_SECRET,
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["order"]["number"], "1004");
        // Without it, the proxied API is as closed as the direct one.
        let r = t
            .get(&signed(
                "/apps/wismo/api/v1/orders/1004",
                "",
                "",
                now,
                APP_SECRET,
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        // The tracking page through the proxy links its own assets under the prefix.
        let html = t
            .get(&signed(
                &format!("/apps/wismo{tracking}"),
                "",
                "",
                now,
                APP_SECRET,
            ))
            .await
            .text();
        assert!(html.contains("src=\"/apps/wismo/track.js\""));
    }
}

#[tokio::test]
async fn the_logged_in_customers_orders_say_what_is_in_them() {
    for t in spawns().await {
        let now = demo::now().timestamp();
        // Hannah (1011, customer 7011) has one order; its items tell it apart from others.
        let r = t
            .get(&signed("/apps/wismo/orders", "", "7011", now, APP_SECRET))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let orders = r.json()["orders"].as_array().unwrap().clone();
        assert!(!orders.is_empty());
        for o in &orders {
            assert!(o["items"].as_array().is_some_and(|i| !i.is_empty()), "{o}");
            assert!(o["open"].is_boolean(), "{o}");
        }
    }
}

// ---------------------------------------------------------------- a direct origin

#[tokio::test]
async fn only_listed_origins_may_call_the_api_directly() {
    for mut t in spawn_demos().await {
        configure(
            &mut t,
            StorefrontConfig {
                cors_origins: vec!["https://shop.example.com".into()],
                ..StorefrontConfig::default()
            },
        );
        let preflight = |origin: &str| {
            Request::builder()
                .method(Method::OPTIONS)
                .uri("/api/v1/orders/1004")
                .header(header::ORIGIN, origin)
                .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                .body(Body::empty())
                .unwrap()
        };
        let ok = t.send(preflight("https://shop.example.com")).await;
        assert_eq!(
            ok.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "https://shop.example.com"
        );
        let other = t.send(preflight("https://evil.example")).await;
        assert!(other
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none());
        let wasm = t
            .send(
                Request::get("/widget/wismo_widget_bg.wasm")
                    .header(header::ORIGIN, "https://shop.example.com")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(
            wasm.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "https://shop.example.com"
        );
        assert!(wasm
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS)
            .is_none());
    }
}

#[test]
fn a_bad_storefront_setting_is_a_clear_error() {
    for (config, says) in [
        (
            StorefrontConfig {
                cors_origins: vec!["https://shop.example.com/path".into()],
                ..StorefrontConfig::default()
            },
            "cors_origins",
        ),
        (
            StorefrontConfig {
                cors_origins: vec!["*".into()],
                ..StorefrontConfig::default()
            },
            "cors_origins",
        ),
        (
            StorefrontConfig {
                accent: Some("red;}".into()),
                ..StorefrontConfig::default()
            },
            "accent",
        ),
        (
            StorefrontConfig {
                contact_url: Some("javascript:alert(1)".into()),
                ..StorefrontConfig::default()
            },
            "contact_url",
        ),
    ] {
        let e = Storefront::from_config(&config).unwrap_err().to_string();
        assert!(e.contains(says), "{e}");
    }
}

#[tokio::test]
async fn the_demo_stand_in_signs_requests_the_way_shopify_does() {
    for mut t in spawn_demos().await {
        t.state.demo_clock = Some(t.clock.clone());
        t.state.integrations.app_proxy = Some(demo::app_proxy());
        t.router = app(t.state.clone());
        let r = t.get("/demo/as/7004/apps/wismo/orders").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let orders = r.json()["orders"].as_array().unwrap().clone();
        assert!(
            orders.iter().any(|o| o["order_number"] == "1004"),
            "{orders:?}"
        );
        // A guest is nobody's customer; an Authorization header does not pass the stand-in.
        let r = t.get("/demo/as/guest/apps/wismo/orders").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        // A customer id typed into the address beside Shopify's own is never believed.
        let r = t
            .get("/demo/as/guest/apps/wismo/orders?logged_in_customer_id=7004")
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text());
        let token = t.token("1004", "marco@example.com").await;
        let r = t
            .get_with_token("/demo/as/guest/apps/wismo/api/v1/orders/1004", &token)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text());
        let r = t
            .get(&format!(
                "/demo/as/guest/apps/wismo/api/v1/orders/1004?session={token}"
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
}

#[tokio::test]
async fn every_outreach_message_links_the_orders_tracking_page() {
    for t in spawns().await {
        let (t, recorder) = t.with_outreach();
        let (_, sent) = t.run_outreach().await;
        assert!(sent.sent > 0, "the demo's first notices go out");
        for m in recorder.sent() {
            let url = m
                .text
                .split_whitespace()
                .find(|w| w.starts_with(&format!("{}/t/", common::PUBLIC_URL)))
                .unwrap_or_else(|| panic!("no tracking link in {:?}", m.text));
            // The link opens that order's page.
            let path = url.trim_start_matches(common::PUBLIC_URL);
            let text = visible(&page(&t, path).await.text());
            assert!(text.contains("Order #"), "{text}");
        }
    }
}

#[tokio::test]
async fn what_the_page_says_was_flagged_is_flagged_once_however_often_it_is_opened() {
    for t in spawns().await {
        // 1003: "I've flagged it so the team can chase the pickup."
        for _ in 0..3 {
            let text = visible(&page(&t, &link(&t, "1003")).await.text());
            assert!(text.contains("flagged"), "{text}");
        }
        assert_eq!(t.deliver_notes().await.delivered, 1, "{}", t.backend);
        let notes = t.helpdesk.notes();
        assert_eq!(notes.len(), 1);
        assert!(format!("{:?}", notes[0]).contains("1003"), "{:?}", notes[0]);
        // A page with nothing to flag leaves no note.
        page(&t, &link(&t, "1004")).await;
        assert_eq!(t.deliver_notes().await.delivered, 0);
    }
}
