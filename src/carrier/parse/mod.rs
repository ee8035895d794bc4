//! Raw tracking responses (carrier APIs, tracking platforms, Shopify) into one list of events,
//! each already translated into the unified vocabulary. Pure functions over a string: the
//! proxy fetches, these read. Malformed input is a [`ParseError`], never a panic.

mod json;
mod time;
mod xml;
mod zones;

use super::{translate, Carrier, DeliveryLocation, ExceptionReason, Step, UnifiedStatus};
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
    /// DPD ParcelLifeCycleService SOAP XML (`getTrackingDataResponse`, `statusInfo`).
    DpdXml,
    /// DHL Parcel Germany tracking XML (`data name="piece-shipment"`, `piece-event`).
    DhlParcelDeXml,
    /// Australia Post Track Items JSON (`tracking_results[].trackable_items[].events[]`).
    AustraliapostJson,
    /// Hermes Germany shipment information JSON (`shipmentinfo[].status[]`).
    HermesJson,
    /// DHL Express MyDHL API JSON (`shipments[].events[]` with `typeCode`, or the older
    /// `trackShipmentRequestResponse`).
    MydhlJson,
}

impl Format {
    pub const ALL: [Format; 18] = [
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
        Self::DpdXml,
        Self::DhlParcelDeXml,
        Self::AustraliapostJson,
        Self::HermesJson,
        Self::MydhlJson,
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
            Self::DpdXml => "dpd-xml",
            Self::DhlParcelDeXml => "dhl-parcel-de-xml",
            Self::AustraliapostJson => "australiapost-json",
            Self::HermesJson => "hermes-json",
            Self::MydhlJson => "mydhl-json",
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
            Self::DhlExpressXml | Self::DhlUnifiedJson | Self::DhlParcelDeXml | Self::MydhlJson => {
                Carrier::Dhl
            }
            Self::DpdXml => Carrier::Dpd,
            Self::AustraliapostJson => Carrier::AustraliaPost,
            Self::HermesJson => Carrier::HermesDe,
            Self::CanadapostXml => Carrier::CanadaPost,
            Self::RoyalmailJson => Carrier::RoyalMail,
        }
    }

    /// Recognises the format from the document's structure: the XML root element (inside a
    /// SOAP body or a wrapper) or the JSON keys that hold the events. `None` when nothing we
    /// read matches: a document in another format is an error, never a guess.
    pub fn guess(input: &str) -> Option<Format> {
        let head = input.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
        if head.starts_with('<') {
            Self::guess_xml(head)
        } else if head.starts_with('{') || head.starts_with('[') {
            Self::guess_json(head)
        } else {
            None
        }
    }

    fn guess_xml(input: &str) -> Option<Format> {
        let doc = roxmltree::Document::parse(input).ok()?;
        let root = doc.root_element();
        let name = |n: &roxmltree::Node<'_, '_>| n.tag_name().name().to_owned();
        let has_child = |n: &roxmltree::Node<'_, '_>, child: &str| {
            n.children()
                .any(|c| c.is_element() && c.tag_name().name() == child)
        };
        let piece_data = |n: &roxmltree::Node<'_, '_>| {
            n.descendants().any(|d| {
                d.is_element()
                    && d.tag_name().name() == "data"
                    && d.attribute("name").is_some_and(|a| a.starts_with("piece-"))
            })
        };
        // The root, or the response inside a SOAP envelope's body or a wrapper element.
        let candidates = std::iter::once(root).chain(
            root.children()
                .filter(|c| c.is_element())
                .flat_map(|c| std::iter::once(c).chain(c.children().filter(|g| g.is_element()))),
        );
        for node in candidates {
            let found = match name(&node).as_str() {
                "TrackReply" => Some(Self::FedexXml),
                "TrackResponse" if has_child(&node, "TrackInfo") => Some(Self::UspsXml),
                "TrackResponse" if has_child(&node, "Shipment") => Some(Self::UpsXml),
                "TrackingResponse" if has_child(&node, "AWBInfo") => Some(Self::DhlExpressXml),
                "tracking-detail" => Some(Self::CanadapostXml),
                "getTrackingDataResponse" => Some(Self::DpdXml),
                "data" if piece_data(&node) => Some(Self::DhlParcelDeXml),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }

    fn guess_json(input: &str) -> Option<Format> {
        let has = |s: &str| input.contains(s);
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
        } else if has("\"tracking_results\"") {
            Self::AustraliapostJson
        } else if has("\"shipmentinfo\"") {
            Self::HermesJson
        } else if has("\"trackShipmentRequestResponse\"")
            || (has("\"shipments\"") && (has("\"typeCode\"") || has("\"shipmentTrackingNumber\"")))
        {
            Self::MydhlJson
        } else if has("\"fulfillment_events\"") || has("\"happenedAt\"") || has("\"happened_at\"") {
            Self::Shopify
        } else if has("\"shipments\"") && has("\"statusCode\"") {
            Self::DhlUnifiedJson
        } else {
            return None;
        })
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
            "dpd" => "dpd-xml",
            "dhl-parcel-de" | "dhl-paket" | "dhl-de" => "dhl-parcel-de-xml",
            "australia-post-json" | "australiapost" | "auspost" => "australiapost-json",
            "hermes" | "hermes-de" => "hermes-json",
            "mydhl" => "mydhl-json",
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
    /// What happened, for a parcel in transit (see [`Step`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Step>,
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

/// A raw response read: its events, oldest first, and the carrier's own summary of where the
/// parcel stands when the response gives one apart from the events (USPS's `TrackSummary`,
/// Australia Post's `status`, DPD's current step, DHL Parcel Germany's piece status).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tracking {
    pub format: Format,
    pub events: Vec<ParsedEvent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<ParsedEvent>,
}

impl Tracking {
    /// Where the parcel stands: the events' settled status (see [`current_status`]), unless
    /// they say nothing, or the carrier's summary says the journey is over and the events do not
    /// (a summary that says delivered above a detail that only says out for delivery).
    pub fn status(&self) -> UnifiedStatus {
        let from_events = current_status(&self.events);
        match self.summary.as_ref().map(|s| s.status) {
            Some(summary) if summary != UnifiedStatus::Unknown => {
                if from_events == UnifiedStatus::Unknown
                    || (summary.is_final() && !from_events.is_final())
                {
                    summary
                } else {
                    from_events
                }
            }
            _ => from_events,
        }
    }
}

/// Reads a raw response in the given format into events, oldest first.
pub fn parse(format: Format, input: &str) -> Result<Vec<ParsedEvent>, ParseError> {
    Ok(read(format, input)?.events)
}

/// Reads a raw response in the given format: its events, oldest first, without exact repeats,
/// and the carrier's summary when there is one.
pub fn read(format: Format, input: &str) -> Result<Tracking, ParseError> {
    let none = |scans: Vec<Scan>| (scans, None);
    let (scans, summary) = match format {
        Format::UpsXml => none(xml::ups(input)?),
        Format::FedexXml => none(xml::fedex(input)?),
        Format::UspsXml => xml::usps(input)?,
        Format::DhlExpressXml => none(xml::dhl_express(input)?),
        Format::CanadapostXml => none(xml::canada_post(input)?),
        Format::DpdXml => xml::dpd(input)?,
        Format::DhlParcelDeXml => xml::dhl_parcel_de(input)?,
        Format::Easypost => none(json::easypost(input)?),
        Format::Aftership => none(json::aftership(input)?),
        Format::Shopify => none(json::shopify(input)?),
        Format::UpsJson => none(json::ups(input)?),
        Format::FedexJson => none(json::fedex(input)?),
        Format::UspsJson => none(json::usps(input)?),
        Format::DhlUnifiedJson => none(json::dhl_unified(input)?),
        Format::RoyalmailJson => none(json::royal_mail(input)?),
        Format::AustraliapostJson => json::australia_post(input)?,
        Format::HermesJson => none(json::hermes(input)?),
        Format::MydhlJson => none(json::mydhl(input)?),
    };
    let carrier = format.carrier();
    let translate_scan = |s: Scan| {
        // Carriers pad their words with newlines and tabs; one space is enough.
        let description = s
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let t = translate(&carrier, &s.code, &description);
        ParsedEvent {
            local_time: s.local_time,
            utc_offset: s.utc_offset,
            code: s.code,
            description,
            place: s.place.filter(|p| !p.trim().is_empty()),
            status: t.status,
            reason: t.reason,
            location: t.location,
            step: t.step,
        }
    };
    let mut events: Vec<ParsedEvent> = scans.into_iter().map(translate_scan).collect();
    // Carriers list newest first, mostly; put every dated list in time order.
    if events.iter().all(|e| e.at().is_some()) {
        events.sort_by_key(ParsedEvent::at);
    } else if is_newest_first(&events) {
        events.reverse();
    }
    // The same scan twice (a carrier's retry, two pieces of one shipment) is one event.
    let mut seen: Vec<ParsedEvent> = Vec::with_capacity(events.len());
    for e in events {
        if !seen.iter().any(|s| {
            s.local_time == e.local_time
                && s.utc_offset == e.utc_offset
                && s.code == e.code
                && s.description == e.description
                && s.place == e.place
        }) {
            seen.push(e);
        }
    }
    Ok(Tracking {
        format,
        events: seen,
        summary: summary.map(translate_scan),
    })
}

fn is_newest_first(events: &[ParsedEvent]) -> bool {
    let times: Vec<_> = events.iter().filter_map(ParsedEvent::at).collect();
    times.len() >= 2 && times.first() > times.last()
}

/// Where the parcel stands after these events (oldest first): see [`super::settled`]. A scan
/// dated after a delivery (a late facility scan, a refund notice) does not undo it.
pub fn current_status(events: &[ParsedEvent]) -> UnifiedStatus {
    super::settled(events.iter().map(|e| e.status))
        .map_or(UnifiedStatus::Unknown, |i| events[i].status)
}

/// Guesses the format and reads the response.
pub fn parse_any(input: &str) -> Result<(Format, Vec<ParsedEvent>), ParseError> {
    let tracking = read_any(input)?;
    Ok((tracking.format, tracking.events))
}

/// Recognises the format and reads the response; an unrecognised document is an error.
pub fn read_any(input: &str) -> Result<Tracking, ParseError> {
    let format = Format::guess(input).ok_or(ParseError::Unrecognised)?;
    read(format, input)
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
