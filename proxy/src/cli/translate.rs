//! `wismo translate`: carrier scans in, unified statuses and plain sentences out, one line each.
//! A bad line becomes an error line so the output stays aligned with the input.

use serde::Serialize;
use std::io::{self, BufRead, Write};
use wismo::carrier::{self, Carrier, DeliveryLocation, ExceptionReason, Lang, UnifiedStatus};

#[derive(Serialize)]
struct Translated {
    status: UnifiedStatus,
    reason: Option<ExceptionReason>,
    location: Option<DeliveryLocation>,
    text: String,
}

#[derive(Serialize)]
struct Malformed {
    line: usize,
    error: &'static str,
}

/// Translates `carrier<TAB>code<TAB>description` lines; never stops at a bad line.
pub fn translate(input: impl BufRead, mut output: impl Write, lang: Lang) -> io::Result<()> {
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        match translate_line(line.trim_end_matches(['\r', '\n']), lang) {
            Ok(t) => serde_json::to_writer(&mut output, &t)?,
            Err(error) => serde_json::to_writer(&mut output, &Malformed { line: i + 1, error })?,
        }
        output.write_all(b"\n")?;
    }
    output.flush()
}

fn translate_line(line: &str, lang: Lang) -> Result<Translated, &'static str> {
    let mut fields = line.splitn(3, '\t');
    let (Some(carrier), Some(code), Some(description)) =
        (fields.next(), fields.next(), fields.next())
    else {
        return Err("expected three tab-separated fields: carrier, code, description");
    };
    if carrier.trim().is_empty() {
        return Err("the carrier field is empty");
    }
    if code.trim().is_empty() && description.trim().is_empty() {
        return Err("both code and description are empty");
    }
    let t = carrier::translate(&Carrier::parse(carrier), code.trim(), description.trim());
    Ok(Translated {
        status: t.status,
        reason: t.reason,
        location: t.location,
        text: carrier::describe(&t, None, lang),
    })
}
