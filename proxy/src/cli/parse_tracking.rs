//! `wismo parse-tracking --format F FILE`: a raw carrier or aggregator response in, the unified
//! events out as JSON, each with its plain sentence, plus the parcel's current status.

use anyhow::Context;
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use wismo::carrier::parse::{self, Format, ParsedEvent};
use wismo::carrier::{describe, Lang, Translation, UnifiedStatus};

#[derive(Serialize)]
struct Event<'a> {
    /// The moment in UTC, when the carrier gives a time.
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(flatten)]
    parsed: &'a ParsedEvent,
    /// What a shopper reads for this event.
    text: String,
}

#[derive(Serialize)]
struct Output<'a> {
    format: &'static str,
    status: UnifiedStatus,
    /// The carrier's own summary, when the response gives one apart from the events.
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<Event<'a>>,
    events: Vec<Event<'a>>,
}

/// Why parsing failed, kept apart from I/O so the binary can exit with status 2 on bad input.
#[derive(Debug, thiserror::Error)]
pub enum ParseTrackingError {
    /// The document or the format name is not one we read.
    #[error(transparent)]
    Input(#[from] parse::ParseError),
    /// Reading the file or writing the output failed.
    #[error(transparent)]
    Io(#[from] anyhow::Error),
}

/// Parses `path` as `format` ("auto" guesses it) and writes the events as pretty JSON.
pub fn parse_tracking(
    format: &str,
    lang: Lang,
    path: &Path,
    mut output: impl Write,
) -> Result<(), ParseTrackingError> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let tracking = if format.eq_ignore_ascii_case("auto") {
        parse::read_any(&text)?
    } else {
        let f: Format = format.parse()?;
        parse::read(f, &text)?
    };
    let event = |e| event(e, lang);
    let out = Output {
        format: tracking.format.as_str(),
        status: tracking.status(),
        summary: tracking.summary.as_ref().map(event),
        events: tracking.events.iter().map(event).collect(),
    };
    serde_json::to_writer_pretty(&mut output, &out).context("writing the events")?;
    writeln!(output).context("writing the events")?;
    Ok(())
}

fn event(e: &ParsedEvent, lang: Lang) -> Event<'_> {
    Event {
        at: e.at(),
        parsed: e,
        text: describe(
            &Translation {
                status: e.status,
                reason: e.reason,
                location: e.location,
                step: e.step,
            },
            e.place.as_deref(),
            lang,
        ),
    }
}
