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

pub fn usps(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    expect_root(&doc, &["TrackResponse", "TrackInfo"])?;
    let mut scans = Vec::new();
    for info in all(doc.root_element(), "TrackInfo") {
        // USPS puts the newest event in TrackSummary and the older ones in TrackDetail.
        for e in info.children().filter(|n| {
            n.is_element() && matches!(n.tag_name().name(), "TrackSummary" | "TrackDetail")
        }) {
            if text(e, &["Event"]).is_empty() && e.text().is_some_and(|t| !t.trim().is_empty()) {
                // The older API version writes the event as one sentence; keep it as the text.
                scans.push(Scan {
                    description: e.text().unwrap_or("").trim().to_owned(),
                    ..Scan::default()
                });
                continue;
            }
            scans.push(Scan {
                local_time: time::date_time(text(e, &["EventDate"]), text(e, &["EventTime"])),
                utc_offset: None,
                code: text(e, &["EventCode"]).to_owned(),
                description: text(e, &["Event"]).to_owned(),
                place: place(&[
                    text(e, &["EventCity"]),
                    text(e, &["EventState"]),
                    text(e, &["EventCountry"]),
                ]),
            });
        }
    }
    Ok(scans)
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
