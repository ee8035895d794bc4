//! One monitor decision (`outreach::due`) for typical parcels: the common case, a parcel moving
//! normally with nothing due, and one stalled for days with a notice to word. The proxy's
//! monitor makes one such call per open shipment per pass (issue 10's 1,000,000-shipment target).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::json;
use wismo::outreach::{due, Watch};
use wismo::{Order, Policy, Shipment};

fn case(last_scan: &str) -> (Order, Vec<Shipment>, Policy) {
    let order: Order = serde_json::from_value(json!({
        "number": "1001", "created_at": "2026-11-10T12:00:00Z",
        "customer": {"email": "sam@example.com"},
        "shipping_address": {"postcode": "10001", "country": "US"},
        "line_items": [{"id": "a", "title": "Boots", "quantity": 1, "price": {"minor": 12000, "currency": "USD"}}],
        "fulfillment_status": "fulfilled",
        "fulfillments": [{"id": "f", "created_at": "2026-11-11T12:00:00Z", "carrier": "ups",
                          "tracking_number": "1Z999AA10123456784", "line_item_ids": ["a"]}]
    }))
    .unwrap();
    let shipment: Shipment = serde_json::from_value(json!({
        "carrier": "ups", "tracking_number": "1Z999AA10123456784",
        "events": [
            {"at": "2026-11-11T14:00:00Z", "status": "pre_transit"},
            {"at": last_scan, "status": "in_transit", "place": "Louisville, KY"}
        ],
        "checked_at": "2026-11-19T14:00:00Z"
    }))
    .unwrap();
    let policy: Policy =
        serde_json::from_value(json!({"brand_name": "Northwind", "timezone": "America/New_York"}))
            .unwrap();
    (order, vec![shipment], policy)
}

fn bench(c: &mut Criterion) {
    let now = "2026-11-19T15:00:00Z".parse().unwrap();
    for (name, last_scan) in [
        ("nothing due (moving)", "2026-11-19T09:00:00Z"),
        ("scan gap notice (stalled 6 days)", "2026-11-13T09:00:00Z"),
    ] {
        let (order, shipments, policy) = case(last_scan);
        c.bench_function(&format!("outreach::due, {name}"), |b| {
            b.iter(|| {
                due(black_box(&Watch {
                    order: &order,
                    shipments: &shipments,
                    policy: &policy,
                    sent: &[],
                    opted_out: &[],
                    follow_up_at: None,
                    now,
                }))
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
