//! `wismo eval-intents FILE.tsv`: measures the intent model on a labelled file and prints
//! per-intent precision, recall and F1, macro-F1, recall of `other`, a confusion table and
//! accuracy per source.

use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Reads the TSV (header, then `text<TAB>expected[<TAB>source]`), evaluates and writes the report.
pub fn eval_intents(path: &Path, mut output: impl Write) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let rows = wismo::nlu::eval::parse_tsv(&text)
        .with_context(|| format!("parsing {}", path.display()))?;
    let report = wismo::nlu::eval::evaluate(&rows);
    writeln!(output, "{report}")?;
    output.flush()?;
    Ok(())
}
