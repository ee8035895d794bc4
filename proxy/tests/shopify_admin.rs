//! The Shopify Admin GraphQL order source and actions against a fake Shopify that speaks the
//! real request and response shapes: orders with fulfillments, tracking and events; a THROTTLED
//! answer followed by success; `userErrors` from a mutation; and a server error.

#![recursion_limit = "256"]

mod common;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use common::fake_server::{client, serve};
use common::spawn_demo;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wismo::carrier::{Carrier, UnifiedStatus};
use wismo::resolve::Action;
use wismo::{Email, FulfillmentStatus, Money, OrderNumber};
use wismo_proxy::actions::{ActionError, OrderActions};
use wismo_proxy::shopify::{AdminApi, ShopifyActions, ShopifyOrders};
use wismo_proxy::OrderSource;

const TOKEN: &str = "shpat_test_admin_token";
const EMAIL: &str = "river@example.com";

/// What the fake shop holds, how it misbehaves, and what it was sent.
#[derive(Default)]
struct Shop {
    orders: Vec<Value>,
    /// How many of the next requests are answered THROTTLED.
    throttle: u32,
    /// Answer every request 503.
    down: bool,
    /// Refuse `orderUpdate` with a user error.
    refuse_update: bool,
    /// (operation name, variables) of every request that got an answer.
    seen: Vec<(String, Value)>,
}

type Shared = Arc<Mutex<Shop>>;

fn cost(available: f64) -> Value {
    json!({"cost": {"requestedQueryCost": 52, "actualQueryCost": 12,
        "throttleStatus": {"maximumAvailable": 2000.0, "currentlyAvailable": available, "restoreRate": 1000.0}}})
}

/// A GraphQL `Order` as Shopify returns it for the `WismoOrder` fragment.
fn order(number: u32, status: &str, fulfillments: Vec<Value>) -> Value {
    json!({
        "id": format!("gid://shopify/Order/{}", 5_550_000_000u64 + u64::from(number)),
        "name": format!("#{number}"),
        "email": EMAIL,
        "phone": null,
        "createdAt": "2026-11-16T14:00:00Z",
        "cancelledAt": null,
        "customerLocale": "en-US",
        "displayFulfillmentStatus": status,
        "customer": {"firstName": "River", "email": EMAIL, "phone": null},
        "shippingAddress": {"address1": "12 Elm Street", "address2": null, "city": "Springfield",
            "province": "Illinois", "provinceCode": "IL", "zip": "62704", "countryCodeV2": "US",
            "firstName": "River", "lastName": "Stone", "phone": "+15555550100"},
        "shippingLine": {"title": "Standard Shipping", "code": "STANDARD"},
        "lineItems": {"nodes": [{
            "id": "gid://shopify/LineItem/13000000001",
            "title": "Trail Daypack",
            "quantity": 1,
            "originalUnitPriceSet": {"shopMoney": {"amount": "79.0", "currencyCode": "USD"}}
        }]},
        "fulfillments": fulfillments
    })
}

fn shipped() -> Value {
    json!({
        "id": "gid://shopify/Fulfillment/4400000001",
        "status": "SUCCESS",
        "createdAt": "2026-11-17T15:00:00Z",
        "updatedAt": "2026-11-18T20:00:00Z",
        "estimatedDeliveryAt": "2026-11-20T22:00:00Z",
        "trackingInfo": [{"company": "UPS", "number": "1Z4W96E80310428599", "url": "https://www.ups.com/track?tracknum=1Z4W96E80310428599"}],
        "fulfillmentLineItems": {"nodes": [{"lineItem": {"id": "gid://shopify/LineItem/13000000001"}}]},
        "events": {"nodes": [
            {"id": "gid://shopify/FulfillmentEvent/1", "status": "LABEL_PRINTED", "message": "Label printed",
             "happenedAt": "2026-11-17T15:05:00Z", "city": null, "province": null, "country": null, "estimatedDeliveryAt": null},
            {"id": "gid://shopify/FulfillmentEvent/2", "status": "IN_TRANSIT", "message": "Departed facility",
             "happenedAt": "2026-11-18T19:40:00Z", "city": "Chicago", "province": "Illinois", "country": "US", "estimatedDeliveryAt": "2026-11-20T22:00:00Z"}
        ]}
    })
}

async fn graphql(
    State(shop): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    if headers
        .get("x-shopify-access-token")
        .and_then(|v| v.to_str().ok())
        != Some(TOKEN)
    {
        return (
            StatusCode::UNAUTHORIZED,
            Json(
                json!({"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}),
            ),
        );
    }
    let mut shop = shop.lock().unwrap();
    if shop.down {
        shop.seen.push(("down".into(), Value::Null));
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"errors": "Service Unavailable"})),
        );
    }
    if shop.throttle > 0 {
        shop.throttle -= 1;
        shop.seen.push(("throttled".into(), Value::Null));
        return (
            StatusCode::OK,
            Json(json!({
                "errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}],
                "extensions": cost(2.0)
            })),
        );
    }
    let query = body["query"].as_str().unwrap_or_default();
    let vars = body["variables"].clone();
    let op = [
        "WismoOrders",
        "WismoTransactions",
        "WismoOrderUpdate",
        "WismoOrderCancel",
        "WismoRefundCreate",
    ]
    .into_iter()
    .find(|op| query.contains(op))
    .unwrap_or("unknown");
    shop.seen.push((op.to_owned(), vars.clone()));
    let data = match op {
        "WismoOrders" => {
            let q = vars["query"].as_str().unwrap_or_default();
            let nodes: Vec<Value> = shop
                .orders
                .iter()
                .filter(|o| {
                    // Shopify's search ignores case and takes the value quoted or not.
                    q.strip_prefix("name:").is_some_and(|n| {
                        o["name"]
                            .as_str()
                            .is_some_and(|name| name.eq_ignore_ascii_case(n.trim_matches('"')))
                    }) || q
                        .strip_prefix("email:")
                        .is_some_and(|e| e.trim_matches('"') == o["email"])
                })
                .cloned()
                .collect();
            json!({"orders": {"nodes": nodes}})
        }
        "WismoTransactions" => json!({"order": {"transactions": [
            {"id": "gid://shopify/OrderTransaction/1", "kind": "AUTHORIZATION", "status": "SUCCESS", "gateway": "shopify_payments",
             "amountSet": {"shopMoney": {"amount": "79.0", "currencyCode": "USD"}}},
            {"id": "gid://shopify/OrderTransaction/2", "kind": "CAPTURE", "status": "SUCCESS", "gateway": "shopify_payments",
             "amountSet": {"shopMoney": {"amount": "79.0", "currencyCode": "USD"}}}
        ]}}),
        "WismoOrderUpdate" if shop.refuse_update => json!({"orderUpdate": {"order": null,
            "userErrors": [{"field": ["shippingAddress", "zip"], "message": "Shipping address zip is invalid for Illinois"}]}}),
        "WismoOrderUpdate" => {
            json!({"orderUpdate": {"order": {"id": vars["input"]["id"], "displayFulfillmentStatus": "UNFULFILLED"}, "userErrors": []}})
        }
        "WismoOrderCancel" => {
            json!({"orderCancel": {"job": {"id": "gid://shopify/Job/8f3c", "done": false}, "orderCancelUserErrors": []}})
        }
        "WismoRefundCreate" => {
            json!({"refundCreate": {"refund": {"id": "gid://shopify/Refund/9901",
            "totalRefundedSet": {"shopMoney": {"amount": vars["input"]["transactions"][0]["amount"], "currencyCode": "USD"}}}, "userErrors": []}})
        }
        _ => {
            return (
                StatusCode::OK,
                Json(json!({"errors": [{"message": "unknown query"}]})),
            )
        }
    };
    (
        StatusCode::OK,
        Json(json!({"data": data, "extensions": cost(1900.0)})),
    )
}

async fn fake_shop(shop: Shared) -> String {
    serve(
        Router::new()
            .route("/admin/api/2025-01/graphql.json", post(graphql))
            .with_state(shop),
    )
    .await
}

async fn source(shop: &Shared) -> Arc<ShopifyOrders> {
    let base = fake_shop(shop.clone()).await;
    let api = AdminApi::new(client(), &base, "2025-01", TOKEN, 3).unwrap();
    Arc::new(ShopifyOrders::new(api))
}

fn number(n: &str) -> OrderNumber {
    OrderNumber::parse(n).unwrap()
}

fn ops(shop: &Shared) -> Vec<String> {
    shop.lock()
        .unwrap()
        .seen
        .iter()
        .map(|s| s.0.clone())
        .collect()
}

#[tokio::test]
async fn a_throttled_query_is_retried_after_the_wait_and_the_order_read_with_its_parcels() {
    let shop: Shared = Arc::new(Mutex::new(Shop {
        orders: vec![order(2001, "FULFILLED", vec![shipped()])],
        throttle: 1,
        ..Shop::default()
    }));
    let orders = source(&shop).await;
    let started = Instant::now();
    let o = orders.order(&number("2001")).await.unwrap().expect("found");
    // 50 points short at 1000 a second: a 50 ms wait, not a guess.
    assert!(
        started.elapsed() >= Duration::from_millis(50),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(ops(&shop), ["throttled", "WismoOrders"]);
    assert_eq!(shop.lock().unwrap().seen[1].1["query"], "name:#2001");
    assert_eq!(o.fulfillment_status, FulfillmentStatus::Fulfilled);
    assert_eq!(o.customer.email.as_str(), EMAIL);
    assert_eq!(o.shipping_address.region, "IL");
    assert_eq!(o.line_items[0].id, "13000000001");
    assert_eq!(o.line_items[0].price.minor, 7900);
    assert_eq!(o.fulfillments[0].carrier, Carrier::Ups);
    assert_eq!(o.fulfillments[0].line_item_ids, ["13000000001"]);

    let parcels = orders.shipments(&o).await.unwrap();
    assert_eq!(parcels.len(), 1);
    // Shopify's FulfillmentEventStatus codes, through the core's Shopify table.
    let statuses: Vec<UnifiedStatus> = parcels[0].events.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [UnifiedStatus::PreTransit, UnifiedStatus::InTransit]
    );
    assert_eq!(
        parcels[0].events[1].place.as_deref(),
        Some("Chicago, Illinois")
    );
    assert_eq!(
        parcels[0].estimated_delivery,
        Some("2026-11-20T22:00:00Z".parse().unwrap())
    );
    // The parcels came with the order: no second query.
    assert_eq!(ops(&shop).len(), 2);

    let by_email = orders
        .orders_with_email(&Email::parse(EMAIL).unwrap())
        .await
        .unwrap();
    assert_eq!(by_email, [number("2001")]);
    assert!(orders.order(&number("2002")).await.unwrap().is_none());
}

#[tokio::test]
async fn throttling_that_never_ends_and_a_down_shop_are_errors_after_bounded_retries() {
    let shop: Shared = Arc::new(Mutex::new(Shop {
        throttle: 100,
        ..Shop::default()
    }));
    let orders = source(&shop).await;
    let err = orders.order(&number("2001")).await.unwrap_err();
    assert!(format!("{err:#}").contains("throttling"), "{err:#}");
    assert_eq!(ops(&shop).len(), 4, "one try and three retries");

    let shop: Shared = Arc::new(Mutex::new(Shop {
        down: true,
        ..Shop::default()
    }));
    let orders = source(&shop).await;
    let err = format!("{:#}", orders.order(&number("2001")).await.unwrap_err());
    assert!(err.contains("503"), "{err}");
    assert!(
        !err.contains(TOKEN),
        "the token must never reach an error: {err}"
    );
    assert_eq!(ops(&shop).len(), 4);
}

#[tokio::test]
async fn mutations_are_not_repeated_after_a_server_error() {
    let shop: Shared = Arc::new(Mutex::new(Shop {
        orders: vec![order(2003, "UNFULFILLED", vec![])],
        ..Shop::default()
    }));
    let orders = source(&shop).await;
    let o = orders.order(&number("2003")).await.unwrap().unwrap();
    let actions = ShopifyActions::new(orders.clone());
    shop.lock().unwrap().down = true;
    let cancel = Action::Cancel {
        order: number("2003"),
    };
    let err = actions.execute(&o, &cancel).await.unwrap_err();
    assert!(matches!(err, ActionError::Failed(_)), "{err}");
}

#[tokio::test]
async fn a_mutation_user_error_becomes_a_refusal_with_shopifys_words() {
    let shop: Shared = Arc::new(Mutex::new(Shop {
        orders: vec![order(2003, "UNFULFILLED", vec![])],
        refuse_update: true,
        ..Shop::default()
    }));
    let orders = source(&shop).await;
    let o = orders.order(&number("2003")).await.unwrap().unwrap();
    let actions = ShopifyActions::new(orders.clone());
    let change = Action::ChangeAddress {
        order: number("2003"),
        new_address: "48 Oak Avenue, Springfield, IL 62701".into(),
    };
    let err = actions.execute(&o, &change).await.unwrap_err();
    match err {
        ActionError::Rejected(m) => assert!(m.contains("zip is invalid"), "{m}"),
        other => panic!("expected a refusal, got {other}"),
    }
    let seen = shop.lock().unwrap().seen.clone();
    let update = &seen.iter().find(|s| s.0 == "WismoOrderUpdate").unwrap().1;
    assert_eq!(update["input"]["id"], "gid://shopify/Order/5550002003");
    let address = &update["input"]["shippingAddress"];
    assert_eq!(address["address1"], "48 Oak Avenue");
    assert_eq!(address["zip"], "62701");
    assert_eq!(address["provinceCode"], "IL");
    assert_eq!(address["countryCode"], "US");
    // The recipient stays who it was.
    assert_eq!(address["lastName"], "Stone");

    shop.lock().unwrap().refuse_update = false;
    let done = actions.execute(&o, &change).await.unwrap();
    assert!(done.detail.contains("48 Oak Avenue"), "{}", done.detail);
}

#[tokio::test]
async fn cancel_and_refund_run_in_shopify_and_a_fulfilled_order_is_refused_before_any_mutation() {
    let shop: Shared = Arc::new(Mutex::new(Shop {
        orders: vec![
            order(2003, "UNFULFILLED", vec![]),
            order(2001, "FULFILLED", vec![shipped()]),
        ],
        ..Shop::default()
    }));
    let orders = source(&shop).await;
    let actions = ShopifyActions::new(orders.clone());

    let open = orders.order(&number("2003")).await.unwrap().unwrap();
    let cancelled = actions
        .execute(
            &open,
            &Action::Cancel {
                order: number("2003"),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        cancelled.reference.as_deref(),
        Some("gid://shopify/Job/8f3c")
    );
    let seen = shop.lock().unwrap().seen.clone();
    let vars = &seen.iter().find(|s| s.0 == "WismoOrderCancel").unwrap().1;
    assert_eq!(vars["orderId"], "gid://shopify/Order/5550002003");
    assert_eq!(vars["reason"], "CUSTOMER");
    assert_eq!(vars["refund"], true);
    assert_eq!(vars["restock"], true);

    // The warehouse has order 2001: Shopify's own status refuses it, with no mutation sent.
    let shipped_order = orders.order(&number("2001")).await.unwrap().unwrap();
    let before = ops(&shop).len();
    let err = actions
        .execute(
            &shipped_order,
            &Action::Cancel {
                order: number("2001"),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, ActionError::Rejected(_)), "{err}");
    assert!(ops(&shop)[before..].iter().all(|op| op == "WismoOrders"));

    let refund = Action::Refund {
        order: number("2001"),
        amount: Money {
            minor: 1950,
            currency: "USD".to_owned().try_into().unwrap(),
        },
        store_credit: false,
    };
    let refunded = actions.execute(&shipped_order, &refund).await.unwrap();
    assert_eq!(
        refunded.reference.as_deref(),
        Some("gid://shopify/Refund/9901")
    );
    let seen = shop.lock().unwrap().seen.clone();
    let input = &seen.iter().find(|s| s.0 == "WismoRefundCreate").unwrap().1["input"];
    let t = &input["transactions"][0];
    assert_eq!(t["amount"], "19.50");
    assert_eq!(t["kind"], "REFUND");
    assert_eq!(t["parentId"], "gid://shopify/OrderTransaction/2");
    assert_eq!(t["gateway"], "shopify_payments");
}

#[tokio::test]
async fn a_shopper_verifies_and_reads_an_order_served_live_from_shopify() {
    let shop: Shared = Arc::new(Mutex::new(Shop {
        orders: vec![order(2001, "FULFILLED", vec![shipped()])],
        ..Shop::default()
    }));
    let orders = source(&shop).await;
    let mut app = spawn_demo().await;
    app.state.orders = orders.clone();
    app.state.actions = Arc::new(ShopifyActions::new(orders));
    app.router = wismo_proxy::app(app.state.clone());

    let wrong = app.session("2001", "someone@example.com").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let token = app.token("2001", EMAIL).await;
    let r = app.get_with_token("/api/v1/orders/2001", &token).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let view = r.json();
    assert_eq!(view["order"]["number"], "2001");
    let parcel = &view["shipments"][0];
    assert_eq!(parcel["tracking_number"], "1Z4W96E80310428599");
    assert_eq!(parcel["events"][1]["status"], "in_transit");
    // Known as of Shopify's last word on the fulfillment.
    assert_eq!(parcel["checked_at"], "2026-11-18T20:00:00Z");
}

// See: issue 14. A shop with a prefix and suffix ("NW2001-US") has no order named "#2001": the
// shopper's name for it finds it, and the order read right after is that one.
#[tokio::test]
async fn an_order_is_found_by_the_name_the_shopper_sees() {
    let mut named = order(2001, "FULFILLED", vec![shipped()]);
    named["name"] = "NW2001-US".into();
    let shop: Shared = Arc::new(Mutex::new(Shop {
        orders: vec![named],
        ..Shop::default()
    }));
    let orders = source(&shop).await;
    assert_eq!(
        orders.order_named("nw2001-us").await.unwrap(),
        Some(number("2001"))
    );
    assert_eq!(orders.order_named("NW9999").await.unwrap(), None);
    let o = orders.order(&number("2001")).await.unwrap().expect("found");
    assert_eq!(o.display_name(), "NW2001-US");
    assert_eq!(
        shop.lock().unwrap().seen[0].1["query"],
        "name:\"nw2001-us\""
    );
}
