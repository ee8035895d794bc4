//! Shopify REST webhook payloads shaped like the real ones (orders, fulfillments, fulfillment
//! events), with the fields Shopify sends whether or not the proxy reads them.

#![allow(dead_code)] // Each test binary uses a different subset of these builders.

use serde_json::{json, Value};

/// The Shopify id of test order `number` (2001 → 5550000001).
pub fn order_id(number: u64) -> u64 {
    5_550_000_000 + number - 2000
}

/// The e-mail of test order `number`.
pub fn email(number: u64) -> String {
    format!("shopper{number}@example.com")
}

/// An `orders/*` payload for order `number` as of `updated_at`.
pub fn order(number: u64, updated_at: &str) -> Value {
    let id = order_id(number);
    json!({
        "id": id,
        "admin_graphql_api_id": format!("gid://shopify/Order/{id}"),
        "app_id": 580111,
        "browser_ip": "198.51.100.23",
        "buyer_accepts_marketing": false,
        "cancel_reason": null,
        "cancelled_at": null,
        "confirmed": true,
        "contact_email": email(number),
        "created_at": "2026-11-17T09:12:00-05:00",
        "currency": "USD",
        "customer_locale": "en-US",
        "email": email(number),
        "financial_status": "paid",
        "fulfillment_status": null,
        "name": format!("#{number}"),
        "note": null,
        "number": number - 1000,
        "order_number": number,
        "phone": null,
        "processed_at": "2026-11-17T09:12:00-05:00",
        "subtotal_price": "158.00",
        "tags": "",
        "test": false,
        "total_price": "158.00",
        "updated_at": updated_at,
        "customer": {
            "id": 7_000_000_000u64 + number,
            "email": email(number),
            "first_name": "River",
            "last_name": "Stone",
            "state": "enabled",
            "verified_email": true
        },
        "line_items": [
            {
                "id": 13_000_000_001u64,
                "admin_graphql_api_id": "gid://shopify/LineItem/13000000001",
                "fulfillable_quantity": 1,
                "fulfillment_service": "manual",
                "fulfillment_status": null,
                "gift_card": false,
                "name": "Trail Runner Jacket - M",
                "price": "129.00",
                "product_id": 8_800_000_001u64,
                "quantity": 1,
                "requires_shipping": true,
                "sku": "TRJ-M",
                "title": "Trail Runner Jacket",
                "variant_id": 4_400_000_001u64,
                "variant_title": "M",
                "vendor": "Northwind"
            },
            {
                "id": 13_000_000_002u64,
                "admin_graphql_api_id": "gid://shopify/LineItem/13000000002",
                "fulfillable_quantity": 1,
                "fulfillment_service": "manual",
                "fulfillment_status": null,
                "gift_card": false,
                "name": "Merino Wool Beanie",
                "price": "29.00",
                "product_id": 8_800_000_002u64,
                "quantity": 1,
                "requires_shipping": true,
                "sku": "MWB",
                "title": "Merino Wool Beanie",
                "variant_id": 4_400_000_002u64,
                "variant_title": null,
                "vendor": "Northwind"
            }
        ],
        "shipping_address": {
            "first_name": "River",
            "last_name": "Stone",
            "address1": "44 Pine Road",
            "address2": "",
            "city": "Boulder",
            "province": "Colorado",
            "province_code": "CO",
            "zip": "80302",
            "country": "United States",
            "country_code": "US",
            "phone": null,
            "company": null,
            "latitude": 40.01,
            "longitude": -105.27,
            "name": "River Stone"
        },
        "shipping_lines": [
            { "id": 4_100_000_001u64, "title": "Standard Shipping", "code": "Standard", "price": "0.00", "source": "shopify" }
        ],
        "fulfillments": [],
        "refunds": []
    })
}

/// A fulfillment of both line items of order `number`, sent with UPS.
pub fn fulfillment(number: u64, fulfillment_id: u64, updated_at: &str, status: &str) -> Value {
    json!({
        "id": fulfillment_id,
        "admin_graphql_api_id": format!("gid://shopify/Fulfillment/{fulfillment_id}"),
        "created_at": "2026-11-18T10:00:00-05:00",
        "location_id": 6_600_000_001u64,
        "name": format!("#{number}.1"),
        "order_id": order_id(number),
        "origin_address": {},
        "receipt": {},
        "service": "manual",
        "shipment_status": null,
        "status": status,
        "tracking_company": "UPS",
        "tracking_number": "1Z999AA10123456784",
        "tracking_numbers": ["1Z999AA10123456784"],
        "tracking_url": "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z999AA10123456784",
        "tracking_urls": ["https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z999AA10123456784"],
        "updated_at": updated_at,
        "line_items": [
            { "id": 13_000_000_001u64, "quantity": 1, "title": "Trail Runner Jacket", "fulfillment_status": "fulfilled" },
            { "id": 13_000_000_002u64, "quantity": 1, "title": "Merino Wool Beanie", "fulfillment_status": "fulfilled" }
        ]
    })
}

/// A tracking update Shopify recorded for a fulfillment of order `number`.
pub fn fulfillment_event(
    number: u64,
    fulfillment_id: u64,
    event_id: u64,
    status: &str,
    happened_at: &str,
    message: &str,
) -> Value {
    json!({
        "id": event_id,
        "fulfillment_id": fulfillment_id,
        "status": status,
        "message": message,
        "happened_at": happened_at,
        "city": "Denver",
        "province": "Colorado",
        "country": "United States",
        "zip": null,
        "address1": null,
        "latitude": null,
        "longitude": null,
        "shop_id": 6_000_000_001u64,
        "created_at": happened_at,
        "updated_at": happened_at,
        "estimated_delivery_at": "2026-11-21T17:00:00-05:00",
        "order_id": order_id(number),
        "admin_graphql_api_id": format!("gid://shopify/FulfillmentEvent/{event_id}")
    })
}
