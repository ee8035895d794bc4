//! The resolver's scenario table: every case in `tests/scenarios/*.toml` is an order, its scans,
//! a policy, a time and one or more messages, with what each answer must be. All replies are
//! also snapshotted in `tests/scenarios/replies.txt`, so wording changes are reviewed.

// Tests read their tables from disk; the core itself never does.
#![allow(clippy::disallowed_methods)]

use chrono::{DateTime, Duration, Utc};
use expect_test::expect_file;
use serde::Deserialize;
use serde_json::{json, Value};
use std::fmt::Write;
use wismo::{resolve, Resolution, Scenario};

const DEFAULT_NOW: &str = "2026-11-19T15:00:00Z";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    now: Option<String>,
    /// Hours before now the order was placed.
    placed: i64,
    #[serde(default = "unfulfilled")]
    status: String,
    #[serde(default)]
    locale: Option<String>,
    /// The shopper's IANA time zone, when the shop knows it.
    #[serde(default)]
    shopper_timezone: Option<String>,
    /// Price of each line item in cents.
    #[serde(default = "price")]
    price: i64,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    cancelled: Option<i64>,
    /// Hours from now until a pre-ordered item is available.
    #[serde(default)]
    preorder_in: Option<i64>,
    #[serde(default)]
    policy: toml::Table,
    #[serde(default)]
    parcel: Vec<Parcel>,
    /// Fulfilments whose carrier has sent nothing: tracking numbers.
    #[serde(default)]
    silent: Vec<String>,
    /// The shopper has not identified an order yet.
    #[serde(default)]
    no_order: bool,
    turn: Vec<Turn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Parcel {
    carrier: String,
    tracking: String,
    /// (hours ago, code, description, place)
    #[serde(default)]
    scans: Vec<(i64, String, String, String)>,
    /// Hours ago the carrier was last asked.
    #[serde(default = "one")]
    checked: i64,
    /// Days from now of the carrier's estimate.
    #[serde(default)]
    eta_in_days: Option<i64>,
    #[serde(default)]
    international: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Turn {
    say: String,
    #[serde(default)]
    situation: Option<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    not_contains: Vec<String>,
    #[serde(default)]
    offers: Option<Vec<String>>,
    /// Kinds of the proposals, with "?" appended when awaiting the shopper's yes.
    #[serde(default)]
    proposals: Option<Vec<String>>,
    #[serde(default)]
    handoff: Option<bool>,
    /// How many parcels the order card shows.
    #[serde(default)]
    card_parcels: Option<usize>,
    #[serde(default)]
    need: Option<String>,
    #[serde(default)]
    upsell: Option<String>,
    #[serde(default)]
    deadline: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

fn unfulfilled() -> String {
    "unfulfilled".to_owned()
}
fn price() -> i64 {
    4500
}
fn one() -> i64 {
    1
}

fn at(now: DateTime<Utc>, hours_ago: i64) -> String {
    (now - Duration::hours(hours_ago)).to_rfc3339()
}

fn toml_to_json(t: &toml::Table) -> Value {
    serde_json::to_value(t).expect("policy table converts to JSON")
}

fn scenario(case: &Case, message: &str) -> Value {
    let now: DateTime<Utc> = case.now.as_deref().unwrap_or(DEFAULT_NOW).parse().unwrap();
    let mut policy = json!({"brand_name": "Northwind", "timezone": "America/New_York"});
    for (k, v) in toml_to_json(&case.policy).as_object().unwrap() {
        policy[k] = v.clone();
    }
    let all_tracking: Vec<&str> = case
        .parcel
        .iter()
        .map(|p| p.tracking.as_str())
        .chain(case.silent.iter().map(String::as_str))
        .collect();
    let items: Vec<Value> = (0..all_tracking.len().max(1))
        .map(|i| {
            let mut li = json!({"id": format!("li{i}"), "title": format!("Item {}", i + 1), "quantity": 1,
                                "price": {"minor": case.price, "currency": "USD"}});
            if let Some(h) = case.preorder_in {
                li["available_from"] = json!((now + Duration::hours(h)).to_rfc3339());
            }
            li
        })
        .collect();
    let fulfillments: Vec<Value> = all_tracking
        .iter()
        .enumerate()
        .map(|(i, tn)| {
            let carrier = case.parcel.get(i).map_or("UPS", |p| p.carrier.as_str());
            json!({"id": format!("f{i}"), "created_at": at(now, (case.placed - 2).max(0)), "carrier": carrier,
                   "tracking_number": tn, "line_item_ids": [format!("li{i}")]})
        })
        .collect();
    let shipments: Vec<Value> = case
        .parcel
        .iter()
        .map(|p| {
            let c = wismo::carrier::Carrier::parse(&p.carrier);
            let events: Vec<_> = p
                .scans
                .iter()
                .map(|(h, code, desc, place)| {
                    let place = (!place.is_empty()).then(|| place.clone());
                    wismo::TrackingEvent::from_scan(&c, now - Duration::hours(*h), code, desc, place)
                })
                .collect();
            let mut s = json!({"carrier": p.carrier, "tracking_number": p.tracking, "events": events,
                               "checked_at": at(now, p.checked), "international": p.international});
            if let Some(d) = p.eta_in_days {
                s["estimated_delivery"] = json!((now + Duration::days(d)).to_rfc3339());
            }
            s
        })
        .collect();
    let mut order = json!({
        "number": "1001", "created_at": at(now, case.placed),
        "customer": {"email": "sam@example.com", "first_name": "Sam", "locale": case.locale.as_deref().unwrap_or("en")},
        "shipping_address": {"postcode": "10001", "country": "US"},
        "line_items": items, "fulfillment_status": case.status, "fulfillments": fulfillments,
        "shipping_service": case.service.as_deref().unwrap_or("standard"),
    });
    if let Some(tz) = &case.shopper_timezone {
        order["customer"]["timezone"] = json!(tz);
    }
    if let Some(h) = case.cancelled {
        order["cancelled_at"] = json!(at(now, h));
    }
    if case.no_order {
        return json!({"now": now.to_rfc3339(), "message": message, "policy": policy});
    }
    json!({"now": now.to_rfc3339(), "message": message, "policy": policy, "order": order, "shipments": shipments})
}

fn check_turn(case: &Case, i: usize, turn: &Turn, r: &Resolution) -> Vec<String> {
    let mut errors = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            errors.push(format!(
                "{} turn {} ({:?}): {what}",
                case.name,
                i + 1,
                turn.say
            ));
        }
    };
    if let Some(s) = &turn.situation {
        let got = r.situation.as_ref().map(|s| s.kind());
        expect(
            got == Some(s.as_str()),
            format!("situation {s}, got {got:?}"),
        );
    }
    for c in &turn.contains {
        expect(
            r.reply.contains(c.as_str()),
            format!("reply should contain {c:?}: {}", r.reply),
        );
    }
    for c in &turn.not_contains {
        expect(
            !r.reply.contains(c.as_str()),
            format!("reply must not contain {c:?}: {}", r.reply),
        );
    }
    if let Some(o) = &turn.offers {
        let got: Vec<String> = r
            .offers
            .iter()
            .map(|c| {
                serde_json::to_value(c)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        expect(&got == o, format!("offers {o:?}, got {got:?}"));
    }
    if let Some(p) = &turn.proposals {
        let got: Vec<String> = r
            .proposals
            .iter()
            .map(|p| {
                format!(
                    "{}{}",
                    p.action.kind(),
                    if p.needs_confirmation {
                        "?"
                    } else if p.needs_approval {
                        "!"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        expect(&got == p, format!("proposals {p:?}, got {got:?}"));
    }
    if let Some(h) = turn.handoff {
        expect(
            r.handoff.is_some() == h,
            format!("handoff {h}, got {:?}", r.handoff),
        );
    }
    if let Some(n) = turn.card_parcels {
        let got = r.card.as_ref().map_or(0, |c| c.parcels.len());
        expect(got == n, format!("{n} parcels on the card, got {got}"));
    }
    if let Some(n) = &turn.need {
        let got = r.need.map(|n| {
            serde_json::to_value(n)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        });
        expect(
            got.as_deref() == Some(n.as_str()),
            format!("need {n}, got {got:?}"),
        );
    }
    if let Some(u) = &turn.upsell {
        let got = match &r.upsell {
            None => "none",
            Some(wismo::resolve::Upsell::Products { .. }) => "products",
            Some(wismo::resolve::Upsell::Apology { .. }) => "apology",
        };
        expect(got == u, format!("upsell {u}, got {got}"));
    }
    if let Some(d) = &turn.deadline {
        let got = r.deadline.as_ref().map(|d| {
            serde_json::to_value(d.verdict)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        });
        expect(
            got.as_deref() == Some(d.as_str()),
            format!("deadline {d}, got {got:?}"),
        );
    }
    if let Some(l) = &turn.language {
        let got = serde_json::to_value(r.conversation.lang).unwrap();
        expect(
            got.as_str() == Some(l.as_str()),
            format!("language {l}, got {got}"),
        );
    }
    // Whatever the case, raw carrier text never reaches the shopper.
    for p in &case.parcel {
        for (_, code, desc, _) in &p.scans {
            expect(
                !r.reply.contains(desc.as_str()),
                format!("reply leaks carrier text {desc:?}"),
            );
            // Purely numeric codes ("01") collide with order numbers and dates, so only codes with
            // letters are checked; the carrier-language tests check every code against every text.
            let lettered = code.chars().any(|c| c.is_ascii_alphabetic())
                && code.chars().any(|c| c.is_ascii_digit() || c == '/');
            if code.len() >= 2 && lettered {
                expect(
                    !r.reply.contains(code.as_str()),
                    format!("reply leaks carrier code {code:?}"),
                );
            }
        }
    }
    errors
}

#[test]
fn every_scenario_in_the_table_resolves_as_expected() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut errors = Vec::new();
    let mut snapshot = String::new();
    let mut cases = 0;
    for path in files {
        let file: File = toml::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            cases += 1;
            writeln!(snapshot, "## {}", case.name).unwrap();
            let mut conversation = wismo::resolve::Conversation::default();
            for (i, turn) in case.turn.iter().enumerate() {
                let s: Scenario = serde_json::from_value(scenario(case, &turn.say))
                    .unwrap_or_else(|e| panic!("{}: {e}", case.name));
                let r = resolve(&s.continuing(conversation.clone()));
                errors.extend(check_turn(case, i, turn, &r));
                writeln!(snapshot, "> {}\n{}\n", turn.say, r.reply).unwrap();
                conversation = r.conversation;
            }
        }
    }
    assert!(
        cases >= 60,
        "the table should hold at least 60 cases, has {cases}"
    );
    expect_file!["scenarios/replies.txt"].assert_eq(&snapshot);
    assert!(
        errors.is_empty(),
        "{} failures:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
