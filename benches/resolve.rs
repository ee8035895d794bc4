//! The whole resolve path, message in and Resolution out: understanding, reconciliation, wording,
//! the card and the agent view, for a few typical orders.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::json;
use wismo::{resolve, Scenario};

fn scenario(message: &str, status: &str, scans: serde_json::Value) -> Scenario {
    let carrier = "UPS";
    let c = wismo::carrier::Carrier::parse(carrier);
    let events: Vec<_> = scans
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            wismo::TrackingEvent::from_scan(
                &c,
                s[0].as_str().unwrap().parse().unwrap(),
                s[1].as_str().unwrap(),
                s[2].as_str().unwrap(),
                s[3].as_str().map(str::to_owned),
            )
        })
        .collect();
    let fulfilled = status == "fulfilled";
    serde_json::from_value(json!({
        "now": "2026-11-19T15:00:00Z",
        "message": message,
        "policy": {"brand_name": "Northwind", "timezone": "America/New_York"},
        "order": {
            "number": "1001", "created_at": "2026-11-14T12:00:00Z",
            "customer": {"email": "sam@example.com"},
            "shipping_address": {"postcode": "10001", "country": "US"},
            "line_items": [{"id": "a", "title": "Boots", "quantity": 1, "price": {"minor": 12000, "currency": "USD"}}],
            "fulfillment_status": status,
            "fulfillments": if fulfilled { json!([{"id": "f", "created_at": "2026-11-15T12:00:00Z", "carrier": carrier,
                                                    "tracking_number": "1Z999AA10123456784", "line_item_ids": ["a"]}]) } else { json!([]) }
        },
        "shipments": if fulfilled { json!([{"carrier": carrier, "tracking_number": "1Z999AA10123456784", "events": events,
                                            "checked_at": "2026-11-19T14:00:00Z"}]) } else { json!([]) }
    }))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let in_transit = scenario(
        "where is my order? I need it by Saturday",
        "fulfilled",
        json!([
            [
                "2026-11-16T10:00:00Z",
                "I/DP",
                "DEPARTURE SCAN",
                "Louisville, KY"
            ],
            [
                "2026-11-19T09:00:00Z",
                "I/AR",
                "ARRIVAL SCAN",
                "Secaucus, NJ"
            ]
        ]),
    );
    let stalled = scenario(
        "wher is my oder??",
        "fulfilled",
        json!([
            [
                "2026-11-12T10:00:00Z",
                "I/DP",
                "DEPARTURE SCAN",
                "Chicago, IL"
            ],
            ["2026-11-14T09:00:00Z", "I/AR", "ARRIVAL SCAN", "Denver, CO"]
        ]),
    );
    let late = scenario("¿dónde está mi pedido?", "unfulfilled", json!([]));
    wismo::nlu::classify("warm up");
    let mut g = c.benchmark_group("resolve");
    for (name, s) in [
        ("in_transit_with_deadline", &in_transit),
        ("stalled_with_offers", &stalled),
        ("late_in_warehouse_es", &late),
    ] {
        g.bench_function(name, |b| b.iter(|| black_box(resolve(black_box(s)))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
