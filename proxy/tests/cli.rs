//! The stdin/stdout tools, run as the built `wismo` binary the way scripts run them.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wismo binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn classify_answers_each_line_with_intent_confidence_language_and_entities() {
    let out = run(
        &["classify"],
        "where is my order #1020?\nmy email is Jane@Example.com\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    for l in &lines {
        for key in ["intent", "confidence", "language", "entities"] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
    }
    assert_eq!(lines[0]["intent"], "track_order");
    assert_eq!(lines[0]["entities"]["order_numbers"][0], "1020");
    assert_eq!(lines[1]["entities"]["emails"][0], "jane@example.com");
}

#[test]
fn translate_keeps_line_order_and_reports_malformed_lines_without_stopping() {
    let input = "FedEx\tDL\tLeft at front door. Signature Service not requested.\n\
                 not a scan\n\
                 UPS\tI/AR\tARRIVAL SCAN\n";
    let out = run(&["translate"], input);
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["status"], "delivered");
    assert_eq!(lines[0]["location"], "front_door");
    assert_eq!(lines[0]["reason"], serde_json::Value::Null);
    assert!(!lines[0]["text"].as_str().unwrap().contains("Signature"));
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("tab"));
    assert_eq!(lines[2]["status"], "in_transit");
}

#[test]
fn translate_accepts_a_language() {
    let out = run(&["translate", "--lang", "fr"], "USPS\t01\tDelivered\n");
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines[0]["status"], "delivered");
    assert!(!lines[0]["text"].as_str().unwrap().is_empty());
}

#[test]
fn resolve_prints_the_resolution_of_a_scenario() {
    let scenario = serde_json::json!({
        "now": "2026-11-19T15:00:00Z",
        "message": "where is my order?",
    });
    let out = run(&["resolve"], &scenario.to_string());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\n  "), "pretty-printed");
    let r: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["need"], "identity");
    assert!(!r["reply"].as_str().unwrap().is_empty());
}

#[test]
fn resolve_rejects_invalid_json_with_exit_code_2() {
    let out = run(&["resolve"], "{\"now\": ");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("invalid scenario JSON"), "{err}");
}

#[test]
fn every_subcommand_is_documented_in_help() {
    let out = run(&["--help"], "");
    let help = String::from_utf8(out.stdout).unwrap();
    for cmd in [
        "demo",
        "serve",
        "classify",
        "translate",
        "resolve",
        "eval-intents",
        "parse-tracking",
        "tracking-link",
        "watch",
        "webhooks",
        "privacy",
    ] {
        assert!(help.contains(cmd), "{cmd} missing from --help");
    }
}

#[test]
fn eval_intents_reports_scores_for_a_labelled_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.tsv");
    std::fs::write(
        &path,
        "text\texpected\tsource\nwhere is my parcel\ttrack_order\tmine\nI want a refund\trefund\tmine\nwhat's the weather\tother\tmine\n",
    )
    .unwrap();
    let out = run(&["eval-intents", path.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    for needle in ["track_order", "refund", "macro", "other"] {
        assert!(report.contains(needle), "{needle} missing from:\n{report}");
    }
}

#[test]
fn eval_intents_reads_the_held_out_sets_as_they_are_written() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/nlu/heldout_de.tsv");
    let out = run(&["eval-intents", path], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("heldout_de"),
        "accuracy per file:\n{report}"
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(
        &bad,
        "# a comment\ntrack_order\twhere is it\nshipping_cost\thow much\n",
    )
    .unwrap();
    let out = run(&["eval-intents", bad.to_str().unwrap()], "");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 3") && err.contains("shipping_cost"),
        "{err}"
    );
}

#[test]
fn eval_intents_on_a_missing_file_fails_with_its_name() {
    let out = run(&["eval-intents", "no/such/file.tsv"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.tsv"));
}

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/data/carriers/fixtures"
);

#[test]
fn parse_tracking_turns_a_raw_carrier_response_into_plain_events() {
    let file = format!("{FIXTURES}/ups_delivered_porch.xml");
    let out = run(&["parse-tracking", "--format", "ups-xml", &file], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "ups-xml");
    assert_eq!(doc["status"], "delivered");
    let events = doc["events"].as_array().unwrap();
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e["text"].as_str().is_some_and(|t| !t.is_empty())));
}

#[test]
fn parse_tracking_guesses_the_format_and_rejects_garbage_with_status_2() {
    let file = format!("{FIXTURES}/easypost_usps_pre_transit_label_created.json");
    let out = run(&["parse-tracking", &file], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "easypost");

    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.xml");
    std::fs::write(&junk, "<not really").unwrap();
    let out = run(
        &[
            "parse-tracking",
            "--format",
            "ups-xml",
            junk.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("malformed xml"));
}

/// An order shipped with UPS whose last scan is a weather hold, as `wismo watch` reads it.
fn watch_input(customer: serde_json::Value, sent: serde_json::Value) -> String {
    serde_json::json!({
        "now": "2026-11-19T15:00:00Z",
        "policy": {"brand_name": "Northwind", "timezone": "America/New_York"},
        "order": {
            "number": "1001",
            "created_at": "2026-11-12T14:00:00Z",
            "customer": customer,
            "shipping_address": {"line1": "1 Main St", "city": "Columbus", "region": "OH",
                                  "postcode": "43215", "country": "US"},
            "line_items": [{"id": "li1", "title": "Trail boots", "quantity": 1,
                            "price": {"minor": 4500, "currency": "USD"}}],
            "fulfillment_status": "fulfilled",
            "fulfillments": [{"id": "f1", "created_at": "2026-11-13T14:00:00Z", "carrier": "ups",
                              "tracking_number": "1Z999AA10123456784", "line_item_ids": ["li1"]}]
        },
        "shipments": [{
            "carrier": "ups",
            "tracking_number": "1Z999AA10123456784",
            "events": [{"at": "2026-11-19T09:00:00Z", "code": "X", "description": "SEVERE WEATHER CONDITIONS",
                        "status": "exception", "reason": "weather"}],
            "checked_at": "2026-11-19T15:00:00Z"
        }],
        "sent": sent
    })
    .to_string()
}

// See: issue 10.
#[test]
fn watch_prints_the_notices_due_with_their_channel_and_send_time() {
    let out = run(
        &["watch"],
        &watch_input(
            serde_json::json!({"email": "jo@example.com", "locale": "es", "phone": "+15555550100", "accepts_sms": true}),
            serde_json::json!([]),
        ),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = &v["due"][0];
    assert_eq!(n["trigger"], "exception");
    assert_eq!(n["key"], "exception:1Z999AA10123456784:weather");
    assert_eq!(n["channel"], "sms");
    assert_eq!(n["send_at"], "2026-11-19T15:00:00Z");
    let text = n["text"].as_str().unwrap();
    assert!(
        text.starts_with("Novedades de Northwind sobre tu pedido #1001:"),
        "{text}"
    );
    assert!(!text.contains("SEVERE WEATHER"), "{text}");
    // Already sent: nothing due.
    let out = run(
        &["watch"],
        &watch_input(
            serde_json::json!({"email": "jo@example.com"}),
            serde_json::json!([{"key": "exception:1Z999AA10123456784:weather", "at": "2026-11-19T10:00:00Z"}]),
        ),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["due"], serde_json::json!([]));
}

#[test]
fn watch_rejects_invalid_input_with_exit_code_2() {
    for bad in ["{\"now\": ", "{\"now\": \"2026-11-19T15:00:00Z\"}"] {
        let out = run(&["watch"], bad);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("invalid watch JSON"), "{err}");
    }
}

#[test]
fn parse_tracking_reads_the_new_carriers_and_refuses_unknown_formats_with_status_2() {
    for (file, format, status) in [
        ("hermes_de_tracking.json", "hermes-json", "delivered"),
        (
            "dpd_plc_label_created_no_scans.xml",
            "dpd-xml",
            "pre_transit",
        ),
        (
            "dhl_parcel_de_public_status_warenpost_delivered_de.xml",
            "dhl-parcel-de-xml",
            "delivered",
        ),
        (
            "australiapost_delivered_invalid_id_doc_example.json",
            "australiapost-json",
            "delivered",
        ),
        (
            "mydhl_rest_legacy_refused_nothome_onhold_delivered_signatory.json",
            "mydhl-json",
            "delivered",
        ),
    ] {
        let out = run(
            &[
                "parse-tracking",
                "--lang",
                "de",
                &format!("{FIXTURES}/{file}"),
            ],
            "",
        );
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["format"], format, "{file}");
        assert_eq!(doc["status"], status, "{file}");
    }
    // Landmark's reply is well-formed XML with a TrackResponse root: still not a format we read.
    let out = run(
        &[
            "parse-tracking",
            &format!("{FIXTURES}/landmark_delivery_failed.xml"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot tell which format"));
}
