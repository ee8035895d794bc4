//! `wismo resolve`: one scenario in, its resolution out; how the core's answers are inspected and
//! snapshot-tested from the outside.

use std::io::{Read, Write};

/// Why a scenario could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// Standard input or output failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The input is not a valid `wismo::Scenario`.
    #[error("invalid scenario JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Reads a scenario from `input` and writes its resolution as pretty JSON to `output`.
pub fn resolve(mut input: impl Read, mut output: impl Write) -> Result<(), ResolveError> {
    let mut text = String::new();
    input.read_to_string(&mut text)?;
    let scenario: wismo::Scenario = serde_json::from_str(&text)?;
    let resolution = wismo::resolve(&scenario);
    serde_json::to_writer_pretty(&mut output, &resolution).map_err(std::io::Error::from)?;
    output.write_all(b"\n")?;
    output.flush()?;
    Ok(())
}
