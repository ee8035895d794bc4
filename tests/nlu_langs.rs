//! Measures the intent model in Spanish, French and German on held-out messages written for the
//! purpose (`tests/nlu/heldout_{es,fr,de}.tsv`), which are never used for training, and fails
//! when a language gets worse than it is today or a held-out message leaks into the examples.
//! `WISMO_MISSES=1` also lists every wrongly classified message.

// Tests may read files: the no-I/O rule in clippy.toml is for the core, not for its tests.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use wismo::carrier::Lang;
use wismo::nlu::eval::{evaluate, EvalRow, Report};
use wismo::nlu::train::parse_examples;
use wismo::nlu::{classify, detect_language};

/// The least each language must score: today's numbers (printed by this test) minus about one or
/// two messages. Accuracy / macro-F1 / other recall / language share today: es 0.878 / 0.923 /
/// 0.958 / 0.983, fr 0.861 / 0.890 / 0.917 / 0.991, de 0.800 / 0.811 / 0.917 / 1.000 (these
/// sets guided issue 15's examples, so they are optimistic; the second sets below are not).
/// The indirect address-change families (moved, old address, missing flat number) moved those to
/// es 0.861 / 0.893 / 0.958, fr 0.843 / 0.893 / 0.875, de 0.800 / 0.797 / 0.958: French `other`
/// lost one message of 24 (a payment question now read as tracking), so its floor is 0.87.
/// Before issue 15: es 0.826 / 0.768 / 0.958, fr 0.800 / 0.799 / 0.958, de 0.713 / 0.674 / 0.958;
/// before the first Spanish, French and German work: es 0.696 / 0.647 / 0.667 / 0.948, fr 0.652 /
/// 0.647 / 0.708 / 0.957, de 0.591 / 0.565 / 0.667 / 0.913.
struct Floors {
    accuracy: f64,
    macro_f1: f64,
    other_recall: f64,
    /// Share of the messages detected as the set's language.
    language: f64,
}

const SETS: [(Lang, Floors); 3] = [
    (
        Lang::Es,
        Floors {
            accuracy: 0.85,
            macro_f1: 0.89,
            other_recall: 0.91,
            language: 0.97,
        },
    ),
    (
        Lang::Fr,
        Floors {
            accuracy: 0.83,
            macro_f1: 0.87,
            other_recall: 0.87,
            language: 0.98,
        },
    ),
    (
        Lang::De,
        Floors {
            accuracy: 0.78,
            macro_f1: 0.79,
            other_recall: 0.91,
            language: 0.99,
        },
    ),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn heldout_path(lang: Lang) -> PathBuf {
    root().join(format!("tests/nlu/heldout_{}.tsv", lang.code()))
}

/// The held-out messages of a language, written like the training examples.
fn heldout(lang: Lang) -> Vec<EvalRow> {
    let path = heldout_path(lang);
    let tsv = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    wismo::nlu::eval::parse_labelled(&tsv, lang.code())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lowercase letters and digits only, common accents folded, so that a copy differing only in
/// case, accents or punctuation is still caught.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if c.is_whitespace() && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// Every training example's text.
fn training_texts() -> Vec<String> {
    texts_in(&root().join("src/nlu/examples"))
}

fn texts_in(dir: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).expect("examples folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "tsv") {
            let tsv = std::fs::read_to_string(&path).expect("readable example file");
            let examples =
                parse_examples(&tsv).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            texts.extend(examples.iter().map(|e| normalise(&e.text)));
        }
    }
    texts
}

/// The second held-out sets (issue 15), written from scenario cards before any tuning for them.
fn heldout2(lang: Lang) -> Vec<EvalRow> {
    let path = root().join(format!("tests/nlu/heldout2_{}.tsv", lang.code()));
    let tsv = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    wismo::nlu::eval::parse_labelled(&tsv, lang.code())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn heldout_messages_are_not_training_examples() {
    let training = training_texts();
    let mut leaked = Vec::new();
    for (lang, _) in &SETS {
        let second = heldout2(*lang);
        assert!(
            second.len() >= 200,
            "{}: {} rows",
            lang.code(),
            second.len()
        );
        for row in heldout(*lang).into_iter().chain(second) {
            if training.contains(&normalise(&row.text)) {
                leaked.push(format!("{}: {}", lang.code(), row.text));
            }
        }
    }
    assert!(
        leaked.is_empty(),
        "held-out messages found among the training examples:\n{}",
        leaked.join("\n")
    );
}

/// Prints the report of one language and returns it with its share of rows detected as `lang`.
fn measure(lang: Lang, rows: &[EvalRow]) -> (Report, f64) {
    let report = evaluate(rows);
    let detected = rows
        .iter()
        .filter(|r| detect_language(&r.text) == Some(lang))
        .count();
    let share = detected as f64 / rows.len() as f64;
    println!("== {} ==\n{report}", lang.code());
    println!(
        "language detected as {}: {share:.3} ({detected}/{})",
        lang.code(),
        rows.len()
    );
    for r in rows {
        let got = detect_language(&r.text);
        if got != Some(lang) {
            println!("  detected {:?}: {}", got.map(Lang::code), r.text);
        }
    }
    if std::env::var_os("WISMO_MISSES").is_some() {
        for r in rows {
            let got = classify(&r.text);
            if !r.accepted.contains(&got.intent) {
                println!(
                    "MISS\t{}\t{}\t{:.2}\t{}",
                    r.accepted[0].as_str(),
                    got.intent.as_str(),
                    got.confidence,
                    r.text
                );
            }
        }
    }
    println!();
    (report, share)
}

#[test]
fn spanish_french_and_german_do_not_regress() {
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for (lang, floors) in &SETS {
        let rows = heldout(*lang);
        assert!(
            rows.len() >= 80,
            "{}: only {} rows",
            lang.code(),
            rows.len()
        );
        let (report, share) = measure(*lang, &rows);
        let code = lang.code();
        summary.push(format!(
            "{code}: {} rows, accuracy {:.3}, macro-F1 {:.3}, other recall {:.3}, language {share:.3}",
            rows.len(),
            report.accuracy(),
            report.macro_f1(),
            report.other_recall(),
        ));
        for (what, got, floor) in [
            ("accuracy", report.accuracy(), floors.accuracy),
            ("macro-F1", report.macro_f1(), floors.macro_f1),
            ("other recall", report.other_recall(), floors.other_recall),
            ("language share", share, floors.language),
        ] {
            if got < floor {
                failures.push(format!("{code}: {what} {got:.3} is below {floor:.3}"));
            }
        }
    }
    println!("{}", summary.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The second held-out sets (issue 15), written from scenario cards before any tuning and never
/// looked at while tuning: the honest figures. Floors are today's numbers minus a message or two:
/// es 0.838 / 0.845, fr 0.822 / 0.816, de 0.792 / 0.807 (accuracy / macro-F1); before issue 15's
/// work es 0.721 / 0.701, fr 0.678 / 0.678, de 0.657 / 0.656. The aim is 0.90 accuracy.
#[test]
fn the_second_held_out_sets_do_not_regress() {
    let floors = [(Lang::Es, 0.82), (Lang::Fr, 0.80), (Lang::De, 0.78)];
    let mut failures = Vec::new();
    for (lang, floor) in floors {
        let rows = heldout2(lang);
        let (report, _) = measure(lang, &rows);
        if report.accuracy() < floor {
            failures.push(format!(
                "{}: accuracy {:.3} is below {floor:.3}",
                lang.code(),
                report.accuracy()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
