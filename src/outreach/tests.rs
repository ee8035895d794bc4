//! Cases for every trigger and rule: one order, one parcel, a clock; see: issue 10.

use super::*;
use crate::domain::Shipment;
use serde_json::{json, Value};

/// Thursday 19 November 2026, 15:00 UTC (10:00 in New York).
const NOW: &str = "2026-11-19T15:00:00Z";

fn now() -> DateTime<Utc> {
    NOW.parse().unwrap()
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn policy(extra: Value) -> Policy {
    let mut p = json!({"brand_name": "Northwind", "timezone": "America/New_York",
        "holidays": ["2026-11-26"]});
    for (k, v) in extra.as_object().unwrap() {
        p[k] = v.clone();
    }
    serde_json::from_value(p).unwrap()
}

/// Order 1001, placed `placed`, shipped with UPS when `shipped`, to a shopper speaking `locale`.
fn order(placed: &str, shipped: bool, locale: &str, customer: Value) -> Order {
    let mut c = json!({"email": "jo@example.com", "first_name": "Jo", "locale": locale});
    for (k, v) in customer.as_object().unwrap() {
        c[k] = v.clone();
    }
    let fulfillments = if shipped {
        json!([{"id": "f1", "created_at": placed, "carrier": "ups",
                 "tracking_number": "1Z999AA10123456784", "line_item_ids": ["li1"]}])
    } else {
        json!([])
    };
    serde_json::from_value(json!({
        "number": "1001",
        "created_at": placed,
        "customer": c,
        "shipping_address": {"line1": "1 Main St", "city": "Columbus", "region": "OH",
                              "postcode": "43215", "country": "US"},
        "line_items": [{"id": "li1", "title": "Trail boots", "quantity": 1,
                        "price": {"minor": 4500, "currency": "USD"}}],
        "fulfillment_status": if shipped { "fulfilled" } else { "unfulfilled" },
        "fulfillments": fulfillments,
    }))
    .unwrap()
}

/// The UPS parcel with events `(at, status, reason, location)`.
fn parcel(events: &[(&str, &str, Option<&str>, Option<&str>)], estimate: Option<&str>) -> Shipment {
    let events: Vec<Value> = events
        .iter()
        .map(|(at, status, reason, location)| {
            json!({"at": at, "code": "X", "description": "RAW CARRIER TEXT", "place": "LOUISVILLE, KY",
                   "status": status, "reason": reason, "location": location})
        })
        .collect();
    // Checked when the clock says, or at the last scan when a case's clock is later.
    let checked = events
        .iter()
        .filter_map(|e| e["at"].as_str())
        .map(t)
        .chain([now()])
        .max();
    serde_json::from_value(json!({
        "carrier": "ups",
        "tracking_number": "1Z999AA10123456784",
        "events": events,
        "estimated_delivery": estimate,
        "checked_at": checked,
    }))
    .unwrap()
}

struct Case {
    order: Order,
    shipments: Vec<Shipment>,
    policy: Policy,
    sent: Vec<Sent>,
    opted_out: Vec<Channel>,
    follow_up_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
}

impl Case {
    fn new(order: Order, shipments: Vec<Shipment>) -> Self {
        Self {
            order,
            shipments,
            policy: policy(json!({})),
            sent: Vec::new(),
            opted_out: Vec::new(),
            follow_up_at: None,
            now: now(),
        }
    }

    fn due(&self) -> Due {
        due(&Watch {
            order: &self.order,
            shipments: &self.shipments,
            policy: &self.policy,
            sent: &self.sent,
            opted_out: &self.opted_out,
            follow_up_at: self.follow_up_at,
            now: self.now,
        })
    }

    fn one(&self) -> Notice {
        let d = self.due();
        assert_eq!(d.due.len(), 1, "{d:#?}");
        d.due.into_iter().next().unwrap()
    }
}

fn shipped(events: &[(&str, &str, Option<&str>, Option<&str>)]) -> Case {
    Case::new(
        order("2026-11-12T14:00:00Z", true, "en", json!({})),
        vec![parcel(events, None)],
    )
}

#[test]
fn a_label_nobody_collected_is_a_late_first_scan_and_says_where_it_is() {
    let c = shipped(&[("2026-11-17T13:00:00Z", "pre_transit", None, None)]);
    let n = c.one();
    assert_eq!(n.trigger, Trigger::LateFirstScan);
    assert_eq!(n.key, "late_first_scan:1Z999AA10123456784");
    assert_eq!(n.channel, Channel::Email);
    assert_eq!(n.send_at, now());
    assert!(
        n.text
            .starts_with("An update on your order #1001 from Northwind:"),
        "{}",
        n.text
    );
    assert!(!n.text.contains("RAW CARRIER TEXT"), "{}", n.text);
    // Within the grace, nothing yet, and a look when the grace runs out.
    let fresh = shipped(&[("2026-11-19T13:00:00Z", "pre_transit", None, None)]);
    let d = fresh.due();
    assert!(d.due.is_empty());
    assert_eq!(d.next_check_at, Some(t("2026-11-20T13:00:00Z")));
}

#[test]
fn no_scan_for_the_stall_time_is_a_scan_gap_and_a_longer_one_escalates_with_remedies() {
    let c = shipped(&[("2026-11-17T12:00:00Z", "in_transit", None, None)]);
    let n = c.one();
    assert_eq!(n.trigger, Trigger::ScanGap);
    assert_eq!(n.key, "scan_gap:1Z999AA10123456784:1");
    assert!(n.replies.is_empty());
    let mut later = shipped(&[("2026-11-13T12:00:00Z", "in_transit", None, None)]);
    later.sent = vec![Sent {
        key: "scan_gap:1Z999AA10123456784:1".into(),
        at: t("2026-11-16T15:00:00Z"),
    }];
    let n = later.one();
    assert_eq!(n.key, "scan_gap:1Z999AA10123456784:2");
    assert_eq!(
        n.replies,
        [
            ReplyOption {
                number: 1,
                choice: Choice::Reship
            },
            ReplyOption {
                number: 2,
                choice: Choice::Refund
            }
        ]
    );
    assert!(
        n.text
            .contains("Reply 1 for a replacement sent now or 2 for a refund"),
        "{}",
        n.text
    );
}

#[test]
fn a_parcel_scanned_on_friday_evening_is_not_stalled_on_sunday() {
    let mut c = shipped(&[("2026-11-13T22:00:00Z", "in_transit", None, None)]);
    c.now = t("2026-11-15T20:00:00Z");
    let d = c.due();
    assert!(d.due.is_empty(), "{d:#?}");
    // The 48 business hours run out on Tuesday evening, New York time.
    assert_eq!(d.next_check_at, Some(t("2026-11-17T22:00:00Z")));
}

#[test]
fn a_holiday_does_not_count_toward_a_scan_gap() {
    // Scanned Wednesday 25 November; Thanksgiving (26th) is a holiday, then the weekend.
    let mut c = shipped(&[("2026-11-25T15:00:00Z", "in_transit", None, None)]);
    c.now = t("2026-11-29T15:00:00Z");
    assert!(c.due().due.is_empty());
    c.now = t("2026-12-01T12:00:00Z");
    assert_eq!(c.one().trigger, Trigger::ScanGap);
}

#[test]
fn carrier_exceptions_are_told_by_reason_with_what_the_shopper_can_do() {
    for (reason, key, replies) in [
        ("weather", "weather", vec![]),
        ("customs_hold", "customs_hold", vec![]),
        (
            "address_problem",
            "address_problem",
            vec![Choice::CarrierRedirect, Choice::TalkToPerson],
        ),
        ("damaged", "damaged", vec![Choice::Reship, Choice::Refund]),
    ] {
        let c = shipped(&[("2026-11-19T09:00:00Z", "exception", Some(reason), None)]);
        let n = c.one();
        assert_eq!(n.trigger, Trigger::Exception, "{reason}");
        assert_eq!(n.key, format!("exception:1Z999AA10123456784:{key}"));
        let got: Vec<Choice> = n.replies.iter().map(|r| r.choice).collect();
        assert_eq!(got, replies, "{reason}");
    }
    let c = shipped(&[("2026-11-19T09:00:00Z", "delivery_attempted", None, None)]);
    assert_eq!(
        c.one().key,
        "exception:1Z999AA10123456784:recipient_unavailable"
    );
    let c = shipped(&[("2026-11-19T09:00:00Z", "returning_to_sender", None, None)]);
    assert_eq!(c.one().key, "exception:1Z999AA10123456784:returning");
}

#[test]
fn a_carrier_date_past_the_promise_is_an_eta_slip_and_a_new_date_is_a_new_notice() {
    let mut c = shipped(&[("2026-11-19T09:00:00Z", "in_transit", None, None)]);
    // Handed over Thursday 19th; standard promises at most 5 business days: Thursday 26th is
    // Thanksgiving, so Friday 27th. The carrier now says Tuesday 1 December.
    c.shipments = vec![parcel(
        &[("2026-11-19T09:00:00Z", "in_transit", None, None)],
        Some("2026-12-01T12:00:00Z"),
    )];
    c.policy = policy(json!({"transit_days": {"standard": {"min": 3, "max": 5}}}));
    let n = c.one();
    assert_eq!(n.trigger, Trigger::EtaSlip);
    assert_eq!(n.key, "eta_slip:1Z999AA10123456784:2026-12-01");
    assert!(
        n.text.ends_with(
            "That's later than Friday 27 November, the day we told you to expect it. I'm sorry for the wait."
        ),
        "{}",
        n.text
    );
    c.shipments = vec![parcel(
        &[("2026-11-19T09:00:00Z", "in_transit", None, None)],
        Some("2026-11-25T12:00:00Z"),
    )];
    assert!(c.due().due.is_empty());
}

#[test]
fn a_fresh_delivery_with_a_drop_off_note_says_where_to_look() {
    let c = shipped(&[("2026-11-19T13:00:00Z", "delivered", None, Some("side_door"))]);
    let n = c.one();
    assert_eq!(n.trigger, Trigger::DeliveredNote);
    let stale = shipped(&[("2026-11-17T13:00:00Z", "delivered", None, Some("side_door"))]);
    assert!(stale.due().due.is_empty());
}

#[test]
fn the_promised_follow_up_comes_when_it_was_promised_with_the_remedies() {
    let mut c = shipped(&[("2026-11-16T13:00:00Z", "delivered", None, None)]);
    c.follow_up_at = Some(t("2026-11-20T14:00:00Z"));
    let d = c.due();
    assert!(d.due.is_empty());
    assert_eq!(d.next_check_at, Some(t("2026-11-20T14:00:00Z")));
    c.now = t("2026-11-20T15:00:00Z");
    let n = c.one();
    assert_eq!(n.trigger, Trigger::DeliveredFollowUp);
    assert!(n.text.contains("As promised"), "{}", n.text);
    assert_eq!(n.replies.len(), 2);
}

#[test]
fn an_order_late_in_the_warehouse_gets_an_apology_and_a_new_date() {
    let c = Case::new(
        order("2026-11-12T14:00:00Z", false, "en", json!({})),
        Vec::new(),
    );
    let n = c.one();
    assert_eq!(n.trigger, Trigger::WarehouseLate);
    assert_eq!(n.key, "warehouse_late:1001");
    let on_time = Case::new(
        order("2026-11-19T13:00:00Z", false, "en", json!({})),
        Vec::new(),
    );
    let d = on_time.due();
    assert!(d.due.is_empty());
    assert!(d.next_check_at.is_some());
}

#[test]
fn nothing_is_sent_twice_nor_for_a_cancelled_order() {
    let mut c = shipped(&[("2026-11-19T09:00:00Z", "exception", Some("weather"), None)]);
    c.sent = vec![Sent {
        key: "exception:1Z999AA10123456784:weather".into(),
        at: t("2026-11-19T10:00:00Z"),
    }];
    assert!(c.due().due.is_empty());
    let mut cancelled = shipped(&[("2026-11-19T09:00:00Z", "exception", Some("weather"), None)]);
    let mut data = crate::domain::OrderData::from(cancelled.order.clone());
    data.cancelled_at = Some(t("2026-11-18T09:00:00Z"));
    cancelled.order = Order::new(data).unwrap();
    assert_eq!(
        cancelled.due(),
        Due {
            due: Vec::new(),
            next_check_at: None
        }
    );
}

#[test]
fn orders_older_than_the_policys_limit_get_nothing_so_turning_outreach_on_is_quiet() {
    let mut c = shipped(&[("2026-11-19T09:00:00Z", "exception", Some("weather"), None)]);
    c.now = t("2027-02-01T15:00:00Z");
    assert!(
        c.due().due.is_empty(),
        "placed in November, 60 days ago by February"
    );
    c.policy = policy(json!({"outreach_max_order_age_days": 0}));
    assert_eq!(c.one().trigger, Trigger::Exception, "0: no limit");
}

#[test]
fn a_new_problem_within_the_minimum_gap_waits_for_it() {
    let mut c = shipped(&[("2026-11-19T09:00:00Z", "exception", Some("weather"), None)]);
    c.sent = vec![Sent {
        key: "late_first_scan:1Z999AA10123456784".into(),
        at: t("2026-11-19T14:00:00Z"),
    }];
    let n = c.one();
    assert_eq!(n.send_at, t("2026-11-20T14:00:00Z"));
    assert_eq!(c.due().next_check_at, Some(t("2026-11-20T14:00:00Z")));
    // A gap that ends in the night waits for the morning too (08:00 in New York).
    c.sent[0].at = t("2026-11-19T12:00:00Z");
    assert_eq!(c.one().send_at, t("2026-11-20T13:00:00Z"));
}

#[test]
fn quiet_hours_in_the_shoppers_time_zone_defer_a_notice() {
    let mut c = shipped(&[("2026-11-19T09:00:00Z", "exception", Some("weather"), None)]);
    // 03:00 in New York: quiet until 08:00 (13:00 UTC).
    c.now = t("2026-11-20T08:00:00Z");
    assert_eq!(c.one().send_at, t("2026-11-20T13:00:00Z"));
    // A shopper in Los Angeles is quiet until 08:00 there (16:00 UTC).
    c.order = order(
        "2026-11-12T14:00:00Z",
        true,
        "en",
        json!({"timezone": "America/Los_Angeles"}),
    );
    assert_eq!(c.one().send_at, t("2026-11-20T16:00:00Z"));
}

#[test]
fn sms_and_whatsapp_need_consent_and_stop_is_honoured() {
    let weather = [("2026-11-19T09:00:00Z", "exception", Some("weather"), None)];
    let mut c = shipped(&weather);
    c.order = order(
        "2026-11-12T14:00:00Z",
        true,
        "en",
        json!({"phone": "+15555550100"}),
    );
    assert_eq!(
        c.one().channel,
        Channel::Email,
        "a phone alone is no consent"
    );
    c.order = order(
        "2026-11-12T14:00:00Z",
        true,
        "en",
        json!({"phone": "+15555550100", "accepts_sms": true}),
    );
    let n = c.one();
    assert_eq!(n.channel, Channel::Sms);
    assert!(n.text.ends_with("Reply STOP to opt out."), "{}", n.text);
    c.opted_out = vec![Channel::Sms];
    assert_eq!(c.one().channel, Channel::Email);
    c.opted_out = vec![Channel::Sms, Channel::Email];
    assert!(c.due().due.is_empty());
}

#[test]
fn notices_speak_the_shoppers_language_and_the_brands_tone() {
    let weather = [("2026-11-19T09:00:00Z", "exception", Some("weather"), None)];
    for (locale, opening) in [
        ("es", "Novedades de Northwind sobre tu pedido #1001:"),
        (
            "fr",
            "Des nouvelles de Northwind sur votre commande #1001 :",
        ),
        ("de", "Neuigkeiten von Northwind zu Ihrer Bestellung #1001:"),
    ] {
        let mut c = shipped(&weather);
        c.order = order("2026-11-12T14:00:00Z", true, locale, json!({}));
        let n = c.one();
        assert!(n.text.starts_with(opening), "{locale}: {}", n.text);
        assert!(!n.text.contains("RAW CARRIER TEXT"));
    }
    let mut formal = shipped(&weather);
    formal.order = order("2026-11-12T14:00:00Z", true, "es", json!({}));
    formal.policy = policy(json!({"tone": "formal"}));
    assert!(formal
        .one()
        .text
        .starts_with("Novedades de Northwind sobre su pedido #1001:"));
}
