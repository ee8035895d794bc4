//! Raw tracking responses (carrier APIs, tracking platforms, Shopify) into one list of events,
//! each already translated into the unified vocabulary. Pure functions over a string: the
//! proxy fetches, these read. Malformed input is a [`ParseError`], never a panic.

mod json;
mod time;
mod xml;
mod zones;

use super::{translate, Carrier, DeliveryLocation, ExceptionReason, UnifiedStatus};
use crate::TrackingEvent;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A raw response format we can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// EasyPost Tracker JSON (`tracking_details`).
    Easypost,
    /// AfterShip tracking JSON (`checkpoints` with tag and subtag).
    Aftership,
    /// Shopify fulfillment events, REST (`fulfillment_events`) or GraphQL (`events`).
    Shopify,
    /// UPS Tracking XML (`TrackResponse/Shipment/Package/Activity`).
    UpsXml,
    /// UPS Track API JSON (`trackResponse.shipment[].package[].activity[]`).
    UpsJson,
    /// FedEx Track SOAP XML (`TrackReply ... Events`).
    FedexXml,
    /// FedEx Track API JSON (`output.completeTrackResults[].trackResults[].scanEvents[]`).
    FedexJson,
    /// USPS Web Tools TrackResponse XML (`TrackSummary`, `TrackDetail`).
    UspsXml,
    /// USPS Tracking v3 JSON (`trackingEvents`).
    UspsJson,
    /// DHL Express XML Services TrackingResponse (`ShipmentEvent`).
    DhlExpressXml,
    /// DHL Shipment Tracking Unified API JSON (`shipments[].events[]`).
    DhlUnifiedJson,
    /// Canada Post tracking-detail XML (`occurrence`).
    CanadapostXml,
    /// Royal Mail Tracking API JSON (`mailPieces.events`).
    RoyalmailJson,
}

impl Format {
    pub const ALL: [Format; 13] = [
        Self::Easypost,
        Self::Aftership,
        Self::Shopify,
        Self::UpsXml,
        Self::UpsJson,
        Self::FedexXml,
        Self::FedexJson,
        Self::UspsXml,
        Self::UspsJson,
        Self::DhlExpressXml,
        Self::DhlUnifiedJson,
        Self::CanadapostXml,
        Self::RoyalmailJson,
    ];

    /// The name used on the command line, e.g. `ups-xml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Easypost => "easypost",
            Self::Aftership => "aftership",
            Self::Shopify => "shopify",
            Self::UpsXml => "ups-xml",
            Self::UpsJson => "ups-json",
            Self::FedexXml => "fedex-xml",
            Self::FedexJson => "fedex-json",
            Self::UspsXml => "usps-xml",
            Self::UspsJson => "usps-json",
            Self::DhlExpressXml => "dhl-express-xml",
            Self::DhlUnifiedJson => "dhl-unified-json",
            Self::CanadapostXml => "canadapost-xml",
            Self::RoyalmailJson => "royalmail-json",
        }
    }

    /// Whose vocabulary the codes in this format are written in.
    pub fn carrier(self) -> Carrier {
        match self {
            Self::Easypost => Carrier::EasyPost,
            Self::Aftership => Carrier::AfterShip,
            Self::Shopify => Carrier::Shopify,
            Self::UpsXml | Self::UpsJson => Carrier::Ups,
            Self::FedexXml | Self::FedexJson => Carrier::Fedex,
            Self::UspsXml | Self::UspsJson => Carrier::Usps,
            Self::DhlExpressXml | Self::DhlUnifiedJson => Carrier::Dhl,
            Self::CanadapostXml => Carrier::CanadaPost,
            Self::RoyalmailJson => Carrier::RoyalMail,
        }
    }

    /// Guesses the format from the document itself; `None` when nothing we know matches.
    pub fn guess(input: &str) -> Option<Format> {
        let head = input.trim_start().trim_start_matches('\u{feff}');
        let has = |s: &str| input.contains(s);
        if head.starts_with('<') {
            Some(
                if has("canadapost") || has("<occurrence") || has("<tracking-detail") {
                    Self::CanadapostXml
                } else if has("ShipmentEvent") || has("www.dhl.com") || has("<AWBInfo") {
                    Self::DhlExpressXml
                } else if has("TrackReply") || has("fedex.com") {
                    Self::FedexXml
                } else if has("<TrackInfo") || has("<TrackSummary") || has("<TrackDetail") {
                    Self::UspsXml
                } else if has("<TrackResponse") && has("<Activity") {
                    Self::UpsXml
                } else {
                    return None;
                },
            )
        } else if head.starts_with('{') || head.starts_with('[') {
            Some(if has("\"trackResponse\"") {
                Self::UpsJson
            } else if has("\"completeTrackResults\"") || has("\"scanEvents\"") {
                Self::FedexJson
            } else if has("\"trackingEvents\"") {
                Self::UspsJson
            } else if has("\"tracking_details\"") {
                Self::Easypost
            } else if has("\"checkpoints\"") {
                Self::Aftership
            } else if has("\"mailPieces\"") {
                Self::RoyalmailJson
            } else if has("\"fulfillment_events\"")
                || has("\"happenedAt\"")
                || has("\"happened_at\"")
            {
                Self::Shopify
            } else if has("\"shipments\"") && has("\"statusCode\"") {
                Self::DhlUnifiedJson
            } else {
                return None;
            })
        } else {
            None
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = ParseError;
    /// Accepts the command-line names, case-insensitively, with `_` for `-` and a few aliases
    /// ("dhl-xml", "canada-post-xml", "royal-mail-json").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        let alias = match key.as_str() {
            "dhl-xml" | "dhl-express" => "dhl-express-xml",
            "dhl-json" | "dhl-unified" => "dhl-unified-json",
            "canada-post-xml" | "canadapost" => "canadapost-xml",
            "royal-mail-json" | "royalmail" => "royalmail-json",
            "ups" => "ups-xml",
            "usps" => "usps-xml",
            "fedex" => "fedex-json",
            other => other,
        };
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == alias)
            .ok_or_else(|| ParseError::UnknownFormat(s.trim().to_owned()))
    }
}

/// Why a response could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The format name is not one we read.
    #[error("unknown format {0:?}")]
    UnknownFormat(String),
    /// The document is not in any format we can recognise.
    #[error("cannot tell which format this document is in")]
    Unrecognised,
    /// The document is not well-formed XML.
    #[error("malformed xml: {0}")]
    Xml(String),
    /// The document is not well-formed JSON.
    #[error("malformed json: {0}")]
    Json(String),
    /// The document is well-formed but lacks the part that holds the events.
    #[error("no {0} in the document")]
    Missing(&'static str),
}

/// One scan read from a raw response, with its translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedEvent {
    /// The wall-clock time the carrier gives, at the facility.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_time: Option<NaiveDateTime>,
    /// The facility's offset from UTC in seconds, when the carrier says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utc_offset: Option<i32>,
    /// The carrier's code as we look it up (UPS `D/FS`, EasyPost `in_transit/arrived_at_facility`).
    pub code: String,
    /// The carrier's own words; for agents and audits, never for shoppers.
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub status: UnifiedStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<ExceptionReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<DeliveryLocation>,
}

impl ParsedEvent {
    /// The moment in UTC; a time without an offset is taken as UTC.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        let local = self.local_time?;
        let offset = FixedOffset::east_opt(self.utc_offset.unwrap_or(0))?;
        offset
            .from_local_datetime(&local)
            .single()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The domain event the resolver works with; `None` when the scan has no time.
    pub fn to_tracking_event(&self) -> Option<TrackingEvent> {
        Some(TrackingEvent {
            at: self.at()?,
            code: self.code.clone(),
            description: self.description.clone(),
            place: self.place.clone(),
            status: self.status,
            reason: self.reason,
            location: self.location,
        })
    }
}

/// A scan as a parser finds it, before translation.
#[derive(Debug, Default)]
struct Scan {
    local_time: Option<NaiveDateTime>,
    utc_offset: Option<i32>,
    code: String,
    description: String,
    place: Option<String>,
}

/// Reads a raw response in the given format into events, oldest first.
pub fn parse(format: Format, input: &str) -> Result<Vec<ParsedEvent>, ParseError> {
    let scans = match format {
        Format::UpsXml => xml::ups(input)?,
        Format::FedexXml => xml::fedex(input)?,
        Format::UspsXml => xml::usps(input)?,
        Format::DhlExpressXml => xml::dhl_express(input)?,
        Format::CanadapostXml => xml::canada_post(input)?,
        Format::Easypost => json::easypost(input)?,
        Format::Aftership => json::aftership(input)?,
        Format::Shopify => json::shopify(input)?,
        Format::UpsJson => json::ups(input)?,
        Format::FedexJson => json::fedex(input)?,
        Format::UspsJson => json::usps(input)?,
        Format::DhlUnifiedJson => json::dhl_unified(input)?,
        Format::RoyalmailJson => json::royal_mail(input)?,
    };
    let carrier = format.carrier();
    let mut events: Vec<ParsedEvent> = scans
        .into_iter()
        .map(|s| {
            let t = translate(&carrier, &s.code, &s.description);
            ParsedEvent {
                local_time: s.local_time,
                utc_offset: s.utc_offset,
                code: s.code,
                description: s.description,
                place: s.place.filter(|p| !p.trim().is_empty()),
                status: t.status,
                reason: t.reason,
                location: t.location,
            }
        })
        .collect();
    // Carriers list newest first, mostly; put every dated list in time order.
    if events.iter().all(|e| e.at().is_some()) {
        events.sort_by_key(ParsedEvent::at);
    } else if is_newest_first(&events) {
        events.reverse();
    }
    Ok(events)
}

fn is_newest_first(events: &[ParsedEvent]) -> bool {
    let times: Vec<_> = events.iter().filter_map(ParsedEvent::at).collect();
    times.len() >= 2 && times.first() > times.last()
}

/// Where the parcel stands after these events (oldest first): the newest status that says
/// something, except that a journey's end (delivered, returned, lost, cancelled) is not undone by
/// later paperwork such as a refund notice or a signature record.
pub fn current_status(events: &[ParsedEvent]) -> UnifiedStatus {
    let mut current = UnifiedStatus::Unknown;
    for e in events {
        let after_end = current.is_final()
            && matches!(e.status, UnifiedStatus::Exception | UnifiedStatus::Unknown);
        if e.status != UnifiedStatus::Unknown && !after_end {
            current = e.status;
        }
    }
    current
}

/// Guesses the format and reads the response.
pub fn parse_any(input: &str) -> Result<(Format, Vec<ParsedEvent>), ParseError> {
    let format = Format::guess(input).ok_or(ParseError::Unrecognised)?;
    Ok((format, parse(format, input)?))
}

/// Joins the non-empty parts of a description, skipping repeats.
fn join(parts: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(p)) {
            out.push(p);
        }
    }
    out.join(". ")
}

/// "City, ST, CC" from whichever parts are there.
fn place(parts: &[&str]) -> Option<String> {
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_name_reads_back() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert_eq!("UPS_XML".parse::<Format>(), Ok(Format::UpsXml));
        assert!("pigeon".parse::<Format>().is_err());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for f in Format::ALL {
            assert!(parse(f, "<<<{{{").is_err(), "{f}");
            assert!(parse(f, "").is_err(), "{f}");
        }
        assert_eq!(parse_any("hello"), Err(ParseError::Unrecognised));
    }
}
