//! `wismo simulate` as a script runs it: the stable interface, the JSON it prints, the same
//! numbers for the same seed, clear errors for bad arguments, and the shared labelled messages
//! read as shoppers' words.

use serde_json::Value;
use std::process::{Command, Output};

fn simulate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wismo"))
        .arg("simulate")
        .args(args)
        .output()
        .expect("wismo runs")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

const KEYS: [&str; 7] = [
    "true_resolution",
    "first_contact_resolution",
    "wismo_contacts_per_100_orders",
    "median_ttr_ms",
    "cost_per_conversation_usd",
    "csat",
    "handover_rate",
];

// See: issue 13
#[test]
fn one_json_object_with_both_runs_the_same_for_the_same_seed() {
    let first = json(&simulate(&["--orders", "300", "--seed", "7", "--json"]));
    for run in ["with_outreach", "without_outreach"] {
        for key in KEYS {
            assert!(first[run].get(key).is_some(), "{run}.{key} in {first}");
        }
        assert_eq!(first[run]["orders"], 300);
        assert!(first[run]["contacts"].as_u64().unwrap() > 0, "{first}");
    }
    assert!(first["with_outreach"]["outreach_sent"].as_u64().unwrap() > 0);
    assert_eq!(first["without_outreach"]["outreach_sent"], 0);
    // Rates are fractions; costs and times are there once anyone wrote.
    let tr = first["without_outreach"]["true_resolution"]
        .as_f64()
        .unwrap();
    assert!((0.0..=1.0).contains(&tr));
    assert!(
        first["without_outreach"]["cost_per_conversation_usd"]
            .as_f64()
            .unwrap()
            > 0.0
    );

    // The same seed draws the same store and the same shoppers.
    let again = json(&simulate(&[
        "--orders",
        "300",
        "--seed",
        "7",
        "--no-outreach",
        "--json",
    ]));
    assert!(again.get("with_outreach").is_none(), "{again}");
    for key in [
        "contacts",
        "wismo_contacts",
        "settled",
        "ratings",
        "actions_done",
    ] {
        assert_eq!(
            again["without_outreach"][key], first["without_outreach"][key],
            "{key}"
        );
    }
    // Another seed, another store.
    let other = json(&simulate(&[
        "--orders",
        "300",
        "--seed",
        "8",
        "--no-outreach",
        "--json",
    ]));
    assert_ne!(other["without_outreach"], first["without_outreach"]);
}

#[test]
fn the_table_names_every_number_and_the_change_outreach_makes() {
    let out = simulate(&["--orders", "150", "--seed", "2"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    for row in [
        "True resolution",
        "First-contact resolution",
        "WISMO contacts per 100 orders",
        "Median time to resolution",
        "Cost per conversation (USD)",
        "CSAT (ratings of 4 or 5)",
        "Hand-over rate",
        "with outreach",
        "without outreach",
        "WISMO contacts with outreach:",
    ] {
        assert!(table.contains(row), "{row} in\n{table}");
    }
    // Progress goes to stderr, so stdout stays the table.
    assert!(String::from_utf8_lossy(&out.stderr).contains("done in"));
}

#[test]
fn the_shared_labelled_messages_are_read_as_shoppers_words() {
    let dev = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/intents/dev.tsv"
    );
    let out = simulate(&[
        "--orders",
        "150",
        "--seed",
        "4",
        "--no-outreach",
        "--json",
        "--messages",
        dev,
    ]);
    let doc = json(&out);
    assert!(doc["without_outreach"]["contacts"].as_u64().unwrap() > 0);
    // It has no "thanks" texts: those come from the built-in set, and it says so.
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("thanks"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let no_columns = dir.path().join("words.tsv");
    std::fs::write(&no_columns, "message\tlabel\nwhere is it\ttrack_order\n").unwrap();
    let unknown = dir.path().join("unknown.tsv");
    std::fs::write(&unknown, "text\tintent\nwhere is it\tteleport\n").unwrap();
    for (args, says) in [
        (vec!["--orders", "0"], "--orders must be 1 to"),
        (vec!["--messages", "/nonexistent/file.tsv"], "cannot read"),
        (
            vec!["--messages", no_columns.to_str().unwrap()],
            "`text` and an `intent`",
        ),
        (vec!["--messages", unknown.to_str().unwrap()], "line 2"),
    ] {
        let out = simulate(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}
