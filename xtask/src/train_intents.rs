//! `cargo xtask train-intents`: reads the intent examples (src/nlu/examples/*.tsv, in file-name
//! order), trains the model with the committed configuration and writes src/nlu/intent_model.bin.
//! The training itself is `wismo::nlu::train`, pure and deterministic; this is only its I/O.
//! `tests/nlu_train.rs` fails whenever the committed weights differ from this command's output.

use std::path::{Path, PathBuf};
use wismo::nlu::eval::{evaluate_with, parse_any, EvalRow};
use wismo::nlu::train::{parse_examples, train, Example, TrainConfig};
use wismo::nlu::{Intent, OTHER_BELOW};

/// Trains from `<root>/src/nlu/examples` and writes `<root>/src/nlu/intent_model.bin`; returns a
/// one-line summary for the terminal.
pub fn train_intents(root: &Path) -> Result<String, String> {
    let (examples, files) = read_examples(root)?;
    let model = train(&examples, &TrainConfig::default());
    let bytes = model.to_bytes();
    let out = root.join("src/nlu/intent_model.bin");
    std::fs::write(&out, &bytes).map_err(|e| format!("writing {}: {e}", out.display()))?;
    Ok(format!(
        "trained on {} examples from {files} files; wrote {} ({} bytes, temperature {:.2})",
        examples.len(),
        out.display(),
        bytes.len(),
        model.temperature()
    ))
}

/// Trains `n` models (the committed seed and `n - 1` others) and prints how each scores on the dev set and the held-out
/// sets, then the mean and the spread (max - min). Writes nothing.
pub fn spread(root: &Path, n: u64) -> crate::run::Result {
    let (examples, _) = read_examples(root)?;
    let mut sets: Vec<(String, Vec<EvalRow>)> = Vec::new();
    let dev = root.join("../shared/data/intents/dev.tsv");
    let text =
        std::fs::read_to_string(&dev).map_err(|e| format!("reading {}: {e}", dev.display()))?;
    sets.push((
        "dev".into(),
        parse_any(&text, "dev").map_err(|e| format!("dev.tsv: {e}"))?,
    ));
    for set in ["heldout", "heldout2"] {
        for lang in ["es", "fr", "de"] {
            let path = root.join(format!("tests/nlu/{set}_{lang}.tsv"));
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("reading {}: {e}", path.display()))?;
            let name = format!("{set}_{lang}");
            sets.push((
                name.clone(),
                parse_any(&text, &name).map_err(|e| format!("{name}: {e}"))?,
            ));
        }
    }
    let columns: Vec<String> = std::iter::once("dev macro-F1".to_owned())
        .chain(std::iter::once("dev other".to_owned()))
        .chain(sets[1..].iter().map(|(name, _)| name.clone()))
        .collect();
    println!("| seed | {} |", columns.join(" | "));
    println!("|---|{}", "---|".repeat(columns.len()));
    let mut all: Vec<Vec<f64>> = Vec::new();
    for k in 1..=n {
        // The committed seed first, then others two apart (the generator ignores the low bit).
        let seed = TrainConfig::default().seed + 2 * (k - 1);
        let model = train(
            &examples,
            &TrainConfig {
                seed,
                ..TrainConfig::default()
            },
        );
        let predict = |text: &str| {
            if !text.chars().any(char::is_alphanumeric) {
                return Intent::Other;
            }
            let p = model.probabilities(text);
            let (best, &score) = p
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .unwrap_or((0, &0.0));
            if score < OTHER_BELOW {
                Intent::Other
            } else {
                model.classes()[best]
            }
        };
        let mut row = Vec::new();
        for (i, (_, rows)) in sets.iter().enumerate() {
            let report = evaluate_with(rows, predict);
            if i == 0 {
                row.push(report.macro_f1());
                row.push(report.other_recall());
            } else {
                row.push(report.accuracy());
            }
        }
        println!(
            "| {seed} | {} |",
            row.iter()
                .map(|v| format!("{v:.3}"))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        all.push(row);
    }
    let stat = |f: &dyn Fn(&[f64]) -> f64| {
        (0..columns.len())
            .map(|c| {
                let col: Vec<f64> = all.iter().map(|r| r[c]).collect();
                format!("{:.3}", f(&col))
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    println!(
        "| mean | {} |",
        stat(&|c| c.iter().sum::<f64>() / c.len() as f64)
    );
    println!(
        "| spread | {} |",
        stat(&|c| c.iter().cloned().fold(f64::MIN, f64::max)
            - c.iter().cloned().fold(f64::MAX, f64::min))
    );
    Ok(())
}

/// Every example file, in file-name order, parsed; and how many files there were.
fn read_examples(root: &Path) -> Result<(Vec<Example>, usize), String> {
    let dir = root.join("src/nlu/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut examples: Vec<Example> = Vec::new();
    for f in &files {
        let text =
            std::fs::read_to_string(f).map_err(|e| format!("reading {}: {e}", f.display()))?;
        examples.extend(parse_examples(&text).map_err(|e| format!("{}: {e}", f.display()))?);
    }
    Ok((examples, files.len()))
}
