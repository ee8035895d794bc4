//! The committed intent weights must equal a fresh training run on the committed examples, so
//! they can never drift. With `WISMO_TRAIN=1` this test writes the fresh weights instead (the
//! same thing `cargo xtask train-intents` does).

// Tests may read files: the no-I/O rule in clippy.toml is for the core, not for its tests.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use wismo::nlu::train::{parse_examples, train, Example, TrainConfig};

fn nlu_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/nlu")
}

fn examples() -> Vec<Example> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(nlu_dir().join("examples"))
        .expect("examples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("readable example file");
            parse_examples(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect()
}

#[test]
fn committed_weights_equal_a_fresh_training_run() {
    let examples = examples();
    assert!(examples.len() > 1000, "only {} examples", examples.len());
    let fresh = train(&examples, &TrainConfig::default()).to_bytes();
    let path = nlu_dir().join("intent_model.bin");
    if std::env::var_os("WISMO_TRAIN").is_some() {
        std::fs::write(&path, &fresh).expect("weights written");
        eprintln!(
            "wrote {} ({} bytes, {} examples)",
            path.display(),
            fresh.len(),
            examples.len()
        );
        return;
    }
    let committed = std::fs::read(&path).expect("committed weights");
    assert!(
        committed == fresh,
        "src/nlu/intent_model.bin is stale: run `cargo xtask train-intents` \
         (or WISMO_TRAIN=1 cargo test -p wismo --test nlu_train)"
    );
}
