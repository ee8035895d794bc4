//! `wismo classify`: the core's message understanding as a line-oriented filter, for scripts and
//! for checking the classifier against real messages in bulk.

use std::io::{self, BufRead, Write};

/// Writes one classification JSON line per input line, in order.
pub fn classify(input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let c = wismo::nlu::classify(line.trim_end_matches('\r'));
        serde_json::to_writer(&mut output, &c)?;
        output.write_all(b"\n")?;
    }
    output.flush()
}
