//! `cargo xtask train-intents`: reads the intent examples (src/nlu/examples/*.tsv, in file-name
//! order), trains the model with the committed configuration and writes src/nlu/intent_model.bin.
//! The training itself is `wismo::nlu::train`, pure and deterministic; this is only its I/O.
//! `tests/nlu_train.rs` fails whenever the committed weights differ from this command's output.

use std::path::{Path, PathBuf};
use wismo::nlu::train::{parse_examples, train, Example, TrainConfig};

/// Trains from `<root>/src/nlu/examples` and writes `<root>/src/nlu/intent_model.bin`; returns a
/// one-line summary for the terminal.
pub fn train_intents(root: &Path) -> Result<String, String> {
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
    let model = train(&examples, &TrainConfig::default());
    let bytes = model.to_bytes();
    let out = root.join("src/nlu/intent_model.bin");
    std::fs::write(&out, &bytes).map_err(|e| format!("writing {}: {e}", out.display()))?;
    Ok(format!(
        "trained on {} examples from {} files; wrote {} ({} bytes, temperature {:.2})",
        examples.len(),
        files.len(),
        out.display(),
        bytes.len(),
        model.temperature()
    ))
}
