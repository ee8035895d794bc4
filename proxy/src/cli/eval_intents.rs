//! `wismo eval-intents FILE.tsv`: measures the intent model on a labelled file and prints
//! per-intent precision, recall and F1, macro-F1, recall of `other`, a confusion table and
//! accuracy per source.

use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Reads the TSV, evaluates and writes the report. Either a header then
/// `text<TAB>expected[<TAB>source]` rows, or `intent<TAB>text` lines with `#` comments as the
/// training examples and the held-out sets are written (their source is the file's name).
pub fn eval_intents(path: &Path, mut output: impl Write) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let source = path
        .file_stem()
        .map_or_else(|| "-".to_owned(), |s| s.to_string_lossy().into_owned());
    let rows = wismo::nlu::eval::parse_any(&text, &source)
        .with_context(|| format!("parsing {}", path.display()))?;
    let report = wismo::nlu::eval::evaluate(&rows);
    writeln!(output, "{report}")?;
    output.flush()?;
    Ok(())
}
