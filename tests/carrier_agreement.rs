//! Agreement with the carriers' and platforms' own classifications: every classified row of
//! ../shared/data/carriers/carrier_codes.tsv, each source taxonomy mapped onto ours below.
//!
//! Some source categories are coarser than ours (DHL's "failure" covers attempts, refusals and
//! returns; karrio's "delivery_failed" covers attempts and exceptions), so a category maps onto a
//! set of our statuses. A row that several sources classify agrees when we match any of them.

// Tests and benches read the shared reference data; only the core itself does no I/O.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use wismo::carrier::{translate, Carrier, UnifiedStatus};
use UnifiedStatus::*;

const CODES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/carriers/carrier_codes.tsv"
);

/// One taxonomy value onto the set of our statuses it can mean.
fn expected(taxonomy: &str, value: &str) -> Option<&'static [UnifiedStatus]> {
    let karrio = |v: &str| -> Option<&'static [UnifiedStatus]> {
        Some(match v {
            "pending" => &[PreTransit],
            "picked_up" | "in_transit" => &[InTransit],
            "out_for_delivery" => &[OutForDelivery],
            "delivered" => &[Delivered],
            "ready_for_pickup" => &[AvailableForPickup],
            "delivery_failed" => &[Exception, DeliveryAttempted, ReturningToSender],
            "on_hold" | "delivery_delayed" => &[Exception],
            "return_to_sender" => &[ReturningToSender, Returned],
            "cancelled" => &[Cancelled],
            "unknown" => &[Unknown],
            _ => return None,
        })
    };
    Some(match taxonomy {
        "karrio" => return karrio(value),
        t if t.starts_with("karrio(") => return karrio(value),
        "dhl_unified_statusCode" => match value {
            "pre-transit" | "pre_transit" => &[PreTransit],
            "transit" => &[InTransit, OutForDelivery, AvailableForPickup],
            "delivered" => &[Delivered],
            "failure" => &[
                Exception,
                DeliveryAttempted,
                ReturningToSender,
                Lost,
                Cancelled,
            ],
            "unknown" => &[Unknown],
            _ => return None,
        },
        // DHL Parcel Germany's event groups; "BV" is any special event, "ZN" any failed delivery.
        "dhl_ttpro_standard_event" => match value.get(..2)? {
            "AA" | "AE" | "EE" | "ES" | "NB" => &[InTransit],
            "AN" => &[PreTransit, Exception],
            "BV" => &[Exception, Lost, ReturningToSender, Cancelled],
            "DD" => &[PreTransit, InTransit, Unknown],
            "GT" => &[Delivered, InTransit, Unknown],
            "LA" => &[InTransit, Exception, AvailableForPickup],
            "PO" => &[OutForDelivery, InTransit],
            "VA" => &[PreTransit],
            "ZF" => &[AvailableForPickup],
            "ZN" => &[DeliveryAttempted, Exception, ReturningToSender],
            "ZO" => &[InTransit, Exception],
            "ZU" => &[Delivered],
            _ => return None,
        },
        "fedex_webhook_category" => match value {
            "Ship" => &[
                PreTransit,
                InTransit,
                AvailableForPickup,
                Cancelled,
                ReturningToSender,
            ],
            "In-Transit" => &[InTransit, OutForDelivery],
            "Delivery" => &[OutForDelivery, Delivered],
            "Exceptions" => &[Exception, DeliveryAttempted],
            "EDD" => &[InTransit, Exception],
            "CDO" => &[InTransit, Exception, ReturningToSender, AvailableForPickup],
            _ => return None,
        },
        "active_shipping" => match value {
            "at_delivery" | "out_for_delivery" => &[OutForDelivery],
            "canceled" => &[Cancelled],
            "delivered" => &[Delivered],
            "exception" => &[Exception, DeliveryAttempted],
            "manifest_pickup" | "order_created" => &[PreTransit],
            "return_to_shipper" => &[ReturningToSender],
            "split_status" => &[InTransit, Unknown],
            _ => &[InTransit],
        },
        "ups_status_type" => match value {
            "M" => &[PreTransit],
            "I" => &[InTransit, OutForDelivery],
            "D" => &[Delivered],
            "P" => &[InTransit],
            "X" => &[Exception, DeliveryAttempted, ReturningToSender],
            _ => return None,
        },
        "usps_codes_group" => match value {
            "attempted_notice_left" => &[DeliveryAttempted, AvailableForPickup],
            "return_to_sender" => &[ReturningToSender],
            _ => return None,
        },
        "usps_statusCategory" if value == "Delivered" => &[Delivered],
        "royalmail_statusCategory" if value == "IN TRANSIT" => &[InTransit],
        "fedex_derivedStatusCode" => match value {
            "IT" => &[InTransit, OutForDelivery],
            "DL" => &[Delivered],
            "DE" => &[Exception, DeliveryAttempted],
            _ => return None,
        },
        "fedex_derivedCode" => match value {
            "DL" => &[Delivered],
            "RL" => &[InTransit],
            _ => return None,
        },
        "aftership" => match value.split('/').next()? {
            "InfoReceived" | "Pending" => &[PreTransit],
            "InTransit" => &[InTransit],
            "OutForDelivery" => &[OutForDelivery],
            "AttemptFail" => &[DeliveryAttempted],
            "Delivered" => &[Delivered],
            "AvailableForPickup" => &[AvailableForPickup],
            "Exception" => &[Exception],
            _ => return None,
        },
        // Hermes' 2x2 block is a code, not a classification: the only reading of it is our own
        // code table, so it would judge that table by itself. Hermes rows count through
        // karrio(hermes), where karrio classifies them.
        _ => return None,
    })
}

/// A karrio incident reason says what went wrong, not the status; it counts only on rows that
/// no status taxonomy classifies.
fn incident(value: &str) -> &'static [UnifiedStatus] {
    match value {
        "consignee_not_home"
        | "consignee_not_available"
        | "delivery_attempted"
        | "delivery_attempt_failed"
        | "consignee_business_closed"
        | "consignee_access_restricted"
        | "consignee_safe_place_unavailable"
        | "signature_required"
        | "no_access_to_delivery_location" => &[DeliveryAttempted, Exception],
        "carrier_parcel_lost" => &[Lost, Exception],
        "retailer_cancelled" | "consignee_cancelled" | "delivery_exception_cancelled" => {
            &[Cancelled, Exception]
        }
        v if v.starts_with("return") => &[ReturningToSender, Exception],
        _ => &[Exception],
    }
}

struct Row {
    carrier: String,
    code: String,
    description: String,
    accepted: Vec<UnifiedStatus>,
}

fn classified_rows() -> Vec<Row> {
    let data = std::fs::read_to_string(CODES).expect("carrier_codes.tsv is readable");
    let mut rows = Vec::new();
    for line in data.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [carrier, code, description, tags, ..] = cols[..] else {
            continue;
        };
        let mut statuses: Vec<UnifiedStatus> = Vec::new();
        let mut incidents: Vec<UnifiedStatus> = Vec::new();
        for tag in tags.split(';').map(str::trim).filter(|t| !t.is_empty()) {
            let Some((taxonomy, value)) = tag.split_once(':') else {
                continue;
            };
            if taxonomy == "karrio_incident_reason" {
                incidents.extend(incident(value));
                continue;
            }
            // karrio(mydhl) lists several statuses for one code, e.g. "in_transit/delivery_failed".
            let values: Vec<&str> = if taxonomy.starts_with("karrio") {
                value.split('/').collect()
            } else {
                vec![value]
            };
            for v in values {
                if let Some(set) = expected(taxonomy, v.trim()) {
                    statuses.extend(set);
                }
            }
        }
        let accepted = if statuses.is_empty() {
            incidents
        } else {
            statuses
        };
        if accepted.is_empty() {
            continue;
        }
        rows.push(Row {
            carrier: carrier.to_owned(),
            code: code.to_owned(),
            description: description.to_owned(),
            accepted,
        });
    }
    rows
}

/// Runs `classify` over every classified row and prints agreement per carrier; returns the
/// overall agreement and the number of rows we left `unknown` where the source did not.
fn agreement(label: &str, classify: impl Fn(&Row) -> UnifiedStatus, rows: &[Row]) -> (f64, usize) {
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut unknown = 0;
    for row in rows {
        let got = classify(row);
        let ok = row.accepted.contains(&got);
        let e = per.entry(row.carrier.as_str()).or_default();
        e.0 += 1;
        if ok {
            e.1 += 1;
        } else {
            if got == Unknown {
                unknown += 1;
            }
            misses.push(format!(
                "  {} | {} | {} -> {} (expected {:?})",
                row.carrier,
                row.code,
                row.description.chars().take(90).collect::<String>(),
                got.as_str(),
                row.accepted.iter().map(|s| s.as_str()).collect::<Vec<_>>()
            ));
        }
    }
    let total: usize = per.values().map(|v| v.0).sum();
    let good: usize = per.values().map(|v| v.1).sum();
    let overall = good as f64 / total as f64;
    println!(
        "== {label}: {good}/{total} = {:.1}%, {unknown} left unknown",
        overall * 100.0
    );
    for (carrier, (n, ok)) in &per {
        println!(
            "  {carrier:<50} {ok:>4}/{n:<4} {:>5.1}%",
            *ok as f64 * 100.0 / *n as f64
        );
    }
    println!("-- disagreements:");
    for m in &misses {
        println!("{m}");
    }
    (overall, unknown)
}

#[test]
fn code_tables_agree_with_the_sources_classifications() {
    let rows = classified_rows();
    assert!(rows.len() > 1500, "only {} classified rows", rows.len());
    let (overall, _) = agreement(
        "code and description",
        |r| translate(&Carrier::parse(&r.carrier), &r.code, &r.description).status,
        &rows,
    );
    assert!(
        overall >= 0.965,
        "agreement fell to {:.1}%",
        overall * 100.0
    );
}

/// Rows whose description says nothing (karrio's code-only maps) cannot be read without the code.
fn has_words(r: &Row) -> bool {
    let d = r.description.to_lowercase();
    !(d.is_empty()
        || d.starts_with("(no description")
        || d.contains("[karrio code comment]")
        || d.starts_with("(pickup; mapping only"))
}

#[test]
fn descriptions_alone_classify_unknown_codes() {
    let rows: Vec<Row> = classified_rows().into_iter().filter(has_words).collect();
    let (overall, _) = agreement(
        "description only",
        |r| translate(&Carrier::parse(&r.carrier), "", &r.description).status,
        &rows,
    );
    assert!(
        overall >= 0.83,
        "text-only agreement fell to {:.1}%",
        overall * 100.0
    );
}

#[test]
fn german_descriptions_alone_classify_unknown_codes() {
    // DHL Parcel Germany's rows carry DHL's German wording after "(DE: ...)"; read only that.
    let rows: Vec<Row> = classified_rows()
        .into_iter()
        .filter_map(|mut r| {
            let start = r.description.find("(DE: ")? + 5;
            let german = r.description[start..].trim_end_matches(')').to_owned();
            r.description = german;
            Some(r)
        })
        .collect();
    assert!(rows.len() > 100);
    let (overall, _) = agreement(
        "German description only",
        |r| translate(&Carrier::parse(&r.carrier), "", &r.description).status,
        &rows,
    );
    assert!(
        overall >= 0.82,
        "German text-only agreement fell to {:.1}%",
        overall * 100.0
    );
}
