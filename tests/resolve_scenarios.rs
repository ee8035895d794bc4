//! Scenario table for the resolver: an order, its scans, the time and a message, and what the
//! answer must be. Replies are snapshots, so wording changes are reviewed.

use chrono::{DateTime, Duration, Utc};
use expect_test::{expect, Expect};
use serde_json::json;
use wismo::{resolve, Scenario};

const NOW: &str = "2026-11-19T15:00:00Z";

fn now() -> DateTime<Utc> {
    NOW.parse().unwrap()
}

fn hours_ago(h: i64) -> String {
    (now() - Duration::hours(h)).to_rfc3339()
}

/// A carrier scan: hours before NOW, code, description, place.
type Scan<'a> = (i64, &'a str, &'a str, &'a str);
/// A parcel: carrier, tracking number, scans.
type Parcel<'a> = (&'a str, &'a str, &'a [Scan<'a>]);

/// An order placed `placed_h` hours before NOW, with the given fulfilment state and parcels.
/// Each parcel is (carrier, tracking number, scans as (hours ago, code, description, place)).
fn scenario(
    message: &str,
    placed_h: i64,
    status: &str,
    parcels: &[Parcel],
) -> Scenario {
    let fulfillments: Vec<_> = parcels
        .iter()
        .enumerate()
        .map(|(i, (carrier, tn, _))| {
            json!({"id": format!("f{i}"), "created_at": hours_ago(placed_h - 1), "carrier": carrier,
                   "tracking_number": tn, "line_item_ids": [format!("li{i}")]})
        })
        .collect();
    let line_items: Vec<_> = (0..parcels.len().max(1))
        .map(|i| {
            json!({"id": format!("li{i}"), "title": format!("Item {i}"), "quantity": 1,
                        "price": {"minor": 2500, "currency": "USD"}})
        })
        .collect();
    let shipments: Vec<_> = parcels
        .iter()
        .map(|(carrier, tn, scans)| {
            let c = wismo::carrier::Carrier::parse(carrier);
            let events: Vec<_> = scans
                .iter()
                .map(|(h, code, desc, place)| {
                    let place = (!place.is_empty()).then(|| place.to_string());
                    wismo::TrackingEvent::from_scan(&c, now() - Duration::hours(*h), code, desc, place)
                })
                .collect();
            json!({"carrier": carrier, "tracking_number": tn, "events": events, "checked_at": hours_ago(1)})
        })
        .collect();
    serde_json::from_value(json!({
        "now": NOW,
        "message": message,
        "policy": {"brand_name": "Northwind", "timezone": "America/New_York", "processing_days": 2, "cutoff_hour": 14},
        "order": {
            "number": "1001", "created_at": hours_ago(placed_h),
            "customer": {"email": "sam@example.com", "first_name": "Sam"},
            "shipping_address": {"postcode": "10001", "country": "US"},
            "line_items": line_items, "fulfillment_status": status, "fulfillments": fulfillments
        },
        "shipments": shipments
    }))
    .expect("scenario builds")
}

fn check(s: Scenario, kind: &str, reply: Expect) {
    let r = resolve(&s);
    assert_eq!(r.situation.as_ref().map(|s| s.kind()), Some(kind), "{r:#?}");
    reply.assert_eq(&r.reply);
}

#[test]
fn unfulfilled_within_processing_time_says_when_it_ships() {
    check(
        scenario("where is my order", 20, "unfulfilled", &[]),
        "processing",
        expect!["Your order #1001 is being prepared and should leave our warehouse by Friday 20 November. You'll get a tracking link by e-mail as soon as it ships."],
    );
}

#[test]
fn unfulfilled_past_processing_time_is_late_in_the_warehouse() {
    check(
        scenario("where is my order", 24 * 6, "unfulfilled", &[]),
        "late_in_warehouse",
        expect!["I'm sorry: your order #1001 should have left our warehouse by Monday 16 November and it hasn't yet (3 business days late). I've flagged it to the team so it ships as soon as possible."],
    );
}

#[test]
fn label_only_for_two_days_means_waiting_for_pickup() {
    check(
        scenario("has it shipped?", 60, "fulfilled", &[("USPS", "9400111899223197428490", &[(50, "GX", "Shipping Label Created, USPS Awaiting Item", "")])]),
        "awaiting_carrier_pickup",
        expect!["Your order #1001 is packed and labelled, but USPS hasn't collected it yet: the label was created 2 days ago (50 hours) and there's no pickup scan since. It's most likely still on our dock waiting for the carrier. I'm sorry for the wait; I've flagged it so the team can chase the pickup."],
    );
}

#[test]
fn in_transit_says_where_and_when_without_carrier_jargon() {
    let s = scenario(
        "where is my package",
        72,
        "fulfilled",
        &[(
            "UPS",
            "1Z999AA10123456784",
            &[
                (48, "M/MP", "BILLING INFORMATION RECEIVED", ""),
                (30, "I/DP", "DEPARTURE SCAN", "Louisville, KY"),
                (5, "I/AR", "ARRIVAL SCAN", "Secaucus, NJ"),
            ],
        )],
    );
    let r = resolve(&s);
    assert!(!r.reply.contains("ARRIVAL SCAN") && !r.reply.contains("I/AR"));
    let card = serde_json::to_string(&r.card).unwrap();
    assert!(
        !card.contains("ARRIVAL SCAN") && !card.contains("DEPARTURE SCAN"),
        "{card}"
    );
    check(
        s,
        "in_transit",
        expect!["Your order #1001 is on its way with UPS. The latest scan was 5 hours ago in Secaucus, NJ. It should arrive between Monday 23 November and Wednesday 25 November."],
    );
}

#[test]
fn delivered_with_a_drop_off_note_says_where_to_look() {
    check(
        scenario("it says delivered but I can't find it", 96, "fulfilled", &[("FedEx", "123456789012", &[(40, "PU", "Picked up", "Memphis, TN"), (3, "DL", "Left at front door. Signature Service not requested.", "Brooklyn, NY")])]),
        "delivered",
        expect!["FedEx delivered your order #1001 on Thursday 19 November and says it was left at the front door. Please check there first."],
    );
}

#[test]
fn no_scan_for_five_days_is_stalled_and_handed_over() {
    let s = scenario(
        "where is my order??",
        24 * 8,
        "fulfilled",
        &[(
            "UPS",
            "1Z999AA10123456784",
            &[
                (24 * 7, "I/DP", "DEPARTURE SCAN", "Chicago, IL"),
                (24 * 5, "I/AR", "ARRIVAL SCAN", "Denver, CO"),
            ],
        )],
    );
    let r = resolve(&s);
    assert!(r.handoff.is_some());
    check(
        s,
        "stalled",
        expect!["I'm sorry: UPS hasn't scanned your order #1001 for 5 days (last scan Saturday 14 November). That's longer than it should be, so I'm handing this to our team to chase the carrier and arrange a replacement or refund if needed."],
    );
}

#[test]
fn weather_exception_gives_the_reason_in_plain_words() {
    check(
        scenario("where is it", 96, "fulfilled", &[("UPS", "1Z999AA10123456784", &[(40, "I/DP", "DEPARTURE SCAN", "Louisville, KY"), (6, "X/WE", "SEVERE WEATHER CONDITIONS HAVE DELAYED DELIVERY", "Buffalo, NY")])]),
        "exception",
        expect!["I'm sorry: your order #1001 is held up with UPS since Thursday 19 November because bad weather is slowing deliveries. We're watching it and will update you as soon as it moves."],
    );
}

#[test]
fn split_shipment_describes_each_parcel_and_heads_with_the_worse_one() {
    check(
        scenario(
            "where are my things",
            96,
            "fulfilled",
            &[
                ("UPS", "1Z999AA10123456784", &[(30, "I/DP", "DEPARTURE SCAN", "Louisville, KY"), (2, "I/OF", "OUT FOR DELIVERY", "Brooklyn, NY")]),
                ("USPS", "9400111899223197428490", &[(50, "GX", "Shipping Label Created, USPS Awaiting Item", "")]),
            ],
        ),
        "awaiting_carrier_pickup",
        expect!["Your order #1001 was sent in 2 parcels. Parcel 1: Good news: your order #1001 is out for delivery today with UPS in Brooklyn, NY (updated 2 hours ago). Parcel 2: Your order #1001 is packed and labelled, but USPS hasn't collected it yet: the label was created 2 days ago (50 hours) and there's no pickup scan since. It's most likely still on our dock waiting for the carrier. I'm sorry for the wait; I've flagged it so the team can chase the pickup."],
    );
}

#[test]
fn without_an_order_a_tracking_question_asks_who_you_are() {
    let s: Scenario =
        serde_json::from_value(json!({"now": NOW, "message": "where is my order"})).unwrap();
    let r = resolve(&s);
    assert_eq!(r.need, Some(wismo::resolve::Need::Identity));
    expect!["I can check that for you. What's your order number and the e-mail address you used to order? For example: #1001 jane@example.com"].assert_eq(&r.reply);
}

#[test]
fn asking_for_a_person_always_hands_over() {
    let s = scenario("I want to talk to a real person", 20, "unfulfilled", &[]);
    let r = resolve(&s);
    let h = r.handoff.expect("handoff");
    assert!(h.summary.contains("#1001"), "{}", h.summary);
}
