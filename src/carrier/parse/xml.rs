//! The XML formats: UPS, FedEx, USPS Web Tools, DHL Express XML Services and Canada Post.
//! Elements are matched by local name, so namespace prefixes (`req:`, `v7:`) do not matter.

use super::{join, place, time, ParseError, Scan};
use roxmltree::{Document, Node};

fn document(input: &str) -> Result<Document<'_>, ParseError> {
    // Some responses arrive with a byte-order mark or a blank before the XML declaration.
    let input = input.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    Document::parse(input).map_err(|e| ParseError::Xml(e.to_string()))
}

/// Every element below `node` (or `node` itself) with this local name, in document order.
fn all<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// The text of the element at `path` (local names, child by child) below `node`; "" if absent.
fn text<'a>(node: Node<'a, '_>, path: &[&str]) -> &'a str {
    let mut current = node;
    for step in path {
        match current
            .children()
            .find(|c| c.is_element() && c.tag_name().name() == *step)
        {
            Some(next) => current = next,
            None => return "",
        }
    }
    current.text().unwrap_or("").trim()
}

/// Fails when the root element is not one this format uses: a document of another carrier
/// should be an error, not an empty list.
fn expect_root(doc: &Document<'_>, roots: &[&str]) -> Result<(), ParseError> {
    let root = doc.root_element().tag_name().name();
    if roots.contains(&root)
        || roots
            .iter()
            .any(|r| all(doc.root_element(), r).next().is_some())
    {
        Ok(())
    } else {
        Err(ParseError::Missing("tracking response element"))
    }
}

pub fn ups(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    expect_root(&doc, &["TrackResponse"])?;
    Ok(all(doc.root_element(), "Activity")
        .map(|a| {
            let kind = text(a, &["Status", "StatusType", "Code"]);
            let activity = text(a, &["Status", "StatusCode", "Code"]);
            let code = if activity.is_empty() {
                kind.to_owned()
            } else {
                format!("{kind}/{activity}")
            };
            let address = |f: &str| text(a, &["ActivityLocation", "Address", f]);
            Scan {
                local_time: time::date_time(text(a, &["Date"]), text(a, &["Time"])),
                utc_offset: None,
                code,
                // Where UPS left the parcel ("PORCH", "FRONT DESK") sits beside the status.
                description: join(&[
                    text(a, &["Status", "StatusType", "Description"]),
                    text(a, &["ActivityLocation", "Description"]),
                ]),
                place: place(&[
                    address("City"),
                    address("StateProvinceCode"),
                    address("CountryCode"),
                ]),
            }
        })
        .collect())
}

pub fn fedex(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    expect_root(&doc, &["TrackReply", "TrackDetails"])?;
    Ok(all(doc.root_element(), "Events")
        .map(|e| {
            let (local_time, utc_offset) = time::iso(text(e, &["Timestamp"]));
            Scan {
                local_time,
                utc_offset,
                code: text(e, &["EventType"]).to_owned(),
                description: join(&[
                    text(e, &["EventDescription"]),
                    text(e, &["StatusExceptionDescription"]),
                ]),
                place: place(&[
                    text(e, &["Address", "City"]),
                    text(e, &["Address", "StateOrProvinceCode"]),
                    text(e, &["Address", "CountryCode"]),
                ]),
            }
        })
        .collect())
}

/// USPS Web Tools: the newest event in `TrackSummary` and the older ones in `TrackDetail`,
/// newest first. The summary is also an event; it is the summary as well, so that a summary
/// written as one undated sentence ("Your item was delivered at 8:10 am on ...") still decides.
pub fn usps(input: &str) -> Result<(Vec<Scan>, Option<Scan>), ParseError> {
    let doc = document(input)?;
    expect_root(&doc, &["TrackResponse", "TrackInfo"])?;
    let mut scans = Vec::new();
    let mut summary = None;
    for info in all(doc.root_element(), "TrackInfo") {
        for e in info.children().filter(|n| {
            n.is_element() && matches!(n.tag_name().name(), "TrackSummary" | "TrackDetail")
        }) {
            let scan = if text(e, &["Event"]).is_empty()
                && e.text().is_some_and(|t| !t.trim().is_empty())
            {
                // The older API version writes the event as one sentence; keep it as the text.
                Scan {
                    description: e.text().unwrap_or("").trim().to_owned(),
                    ..Scan::default()
                }
            } else {
                Scan {
                    local_time: time::date_time(text(e, &["EventDate"]), text(e, &["EventTime"])),
                    utc_offset: None,
                    code: text(e, &["EventCode"]).to_owned(),
                    description: text(e, &["Event"]).to_owned(),
                    place: place(&[
                        text(e, &["EventCity"]),
                        text(e, &["EventState"]),
                        text(e, &["EventCountry"]),
                    ]),
                }
            };
            if summary.is_none() && e.tag_name().name() == "TrackSummary" {
                summary = Some(Scan {
                    local_time: scan.local_time,
                    utc_offset: scan.utc_offset,
                    code: scan.code.clone(),
                    description: scan.description.clone(),
                    place: scan.place.clone(),
                });
            }
            scans.push(scan);
        }
    }
    // Oldest first, so that undated sentences keep their true order too.
    scans.reverse();
    Ok((scans, summary))
}

pub fn dhl_express(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    expect_root(&doc, &["TrackingResponse", "AWBInfo"])?;
    Ok(all(doc.root_element(), "ShipmentEvent")
        .map(|e| Scan {
            local_time: time::date_time(text(e, &["Date"]), text(e, &["Time"])),
            utc_offset: None,
            code: text(e, &["ServiceEvent", "EventCode"]).to_owned(),
            description: text(e, &["ServiceEvent", "Description"]).to_owned(),
            place: place(&[text(e, &["ServiceArea", "Description"])]),
        })
        .collect())
}

pub fn canada_post(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    expect_root(&doc, &["tracking-detail", "occurrence"])?;
    Ok(all(doc.root_element(), "occurrence")
        .map(|o| Scan {
            local_time: time::date_time(text(o, &["event-date"]), text(o, &["event-time"])),
            utc_offset: time::zone(text(o, &["event-time-zone"])),
            code: text(o, &["event-identifier"]).to_owned(),
            description: join(&[
                text(o, &["event-description"]),
                text(o, &["event-retail-name"]),
            ]),
            place: place(&[text(o, &["event-site"]), text(o, &["event-province"])]),
        })
        .collect())
}

/// The value of attribute `name` on `node`, trimmed; "" if absent.
fn attr<'a>(node: Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name).unwrap_or("").trim()
}

/// The first element below `node` whose local name is one of `names`; the SOAP body's content.
fn first_of<'a, 'i>(node: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    node.descendants()
        .find(|n| n.is_element() && names.contains(&n.tag_name().name()))
}

/// DPD's ParcelLifeCycleService `getTrackingData`: every `statusInfo` the parcel has reached
/// (DPD lists the steps still ahead too, marked `statusHasBeenReached` false). The step DPD
/// marks as current is the summary; a shipment DPD knows of but has not scanned is pre-transit.
pub fn dpd(input: &str) -> Result<(Vec<Scan>, Option<Scan>), ParseError> {
    let doc = document(input)?;
    let result = first_of(
        doc.root_element(),
        &["trackingresult", "getTrackingDataResponse"],
    )
    .ok_or(ParseError::Missing("trackingresult"))?;
    // Every text DPD writes sits in a `content` element, sometimes two deep.
    let content = |n: Node<'_, '_>, name: &str| -> String {
        n.children()
            .find(|c| c.is_element() && c.tag_name().name() == name)
            .and_then(|c| {
                c.descendants()
                    .filter(|d| d.is_element() && d.tag_name().name() == "content")
                    .filter_map(|d| d.text())
                    .map(str::trim)
                    .find(|t| !t.is_empty())
                    .or_else(|| c.text().map(str::trim))
            })
            .unwrap_or("")
            .to_owned()
    };
    let mut scans = Vec::new();
    let mut summary = None;
    for info in all(result, "statusInfo") {
        let reached = text(info, &["statusHasBeenReached"]) == "true";
        let current = text(info, &["isCurrentStatus"]) == "true";
        let scan = Scan {
            local_time: time::day_first(&content(info, "date")),
            utc_offset: None,
            code: text(info, &["status"]).to_owned(),
            // The description says where the parcel is; DPD's heading ("label") runs a step
            // ahead in some replies, so it stands in only when there is no description.
            description: match content(info, "description") {
                d if d.is_empty() => content(info, "label"),
                d => d,
            },
            place: place(&[&content(info, "location")]),
        };
        if reached {
            scans.push(scan);
        } else if current {
            summary = Some(scan);
        }
    }
    // Data received, nothing scanned: DPD still marks its first step as current.
    if scans.is_empty() && all(result, "shipmentInfo").next().is_some() {
        summary = Some(Scan {
            code: "SHIPMENT".into(),
            description: "shipment information received".into(),
            ..Scan::default()
        });
    } else if !scans.is_empty() {
        summary = None;
    }
    Ok((scans, summary))
}

/// DHL Parcel Germany (Sendungsverfolgung `d-get-piece-detail`, `d-get-piece-events`,
/// `get-status-for-public-user`): `data` elements named by their `name` attribute, every field an
/// attribute. The code is DHL's ICE and RIC pair (`DLVRD/OTHER`); times are German wall clock.
/// The piece's own status is the summary. Code 100 ("no data found") is an empty answer.
pub fn dhl_parcel_de(input: &str) -> Result<(Vec<Scan>, Option<Scan>), ParseError> {
    let doc = document(input)?;
    let named = |n: &Node<'_, '_>, prefix: &str| {
        n.is_element() && n.tag_name().name() == "data" && attr(*n, "name").starts_with(prefix)
    };
    let root = doc.root_element();
    if !root.descendants().any(|n| named(&n, "piece-")) {
        return Err(ParseError::Missing("piece-shipment data"));
    }
    let code = |n: Node<'_, '_>| {
        let (ice, ric) = (attr(n, "ice"), attr(n, "ric"));
        match (ice.is_empty(), ric.is_empty()) {
            (false, false) => format!("{ice}/{ric}"),
            (false, true) => ice.to_owned(),
            _ => attr(n, "standard-event-code").to_owned(),
        }
    };
    let german = |at: &str| {
        let local = time::day_first(at);
        let offset = local.and_then(|l| {
            super::zones::guess("DE", "").and_then(|tz| super::zones::offset_at(tz, l))
        });
        (local, offset)
    };
    let scans = root
        .descendants()
        .filter(|n| named(n, "piece-event") && !named(n, "piece-event-list"))
        .map(|e| {
            let (local_time, utc_offset) = german(attr(e, "event-timestamp"));
            Scan {
                local_time,
                utc_offset,
                code: code(e),
                description: join(&[attr(e, "event-status"), attr(e, "event-text")]),
                place: place(&[attr(e, "event-location"), attr(e, "event-country")]),
            }
        })
        .collect();
    let summary = root
        .descendants()
        .find(|n| {
            n.is_element() && matches!(attr(*n, "name"), "piece-shipment" | "piece-status-public")
        })
        .filter(|p| !matches!(attr(*p, "piece-status"), "100") && !attr(*p, "ice").is_empty())
        .map(|p| {
            let at = match attr(p, "status-timestamp") {
                "" => attr(p, "last-event-timestamp"),
                t => t,
            };
            let (local_time, utc_offset) = german(at);
            Scan {
                local_time,
                utc_offset,
                code: code(p),
                description: join(&[attr(p, "status"), attr(p, "short-status")]),
                place: None,
            }
        });
    Ok((scans, summary))
}
