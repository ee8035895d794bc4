//! The JSON formats: EasyPost, AfterShip, Shopify, UPS, FedEx, USPS v3, DHL unified and
//! Royal Mail. Each finds its list of events by key wherever the wrapper puts it (a webhook
//! envelope, a list of trackers, a GraphQL connection).

use super::{join, place, time, ParseError, Scan};
use serde_json::Value;

fn document(input: &str) -> Result<Value, ParseError> {
    serde_json::from_str(input).map_err(|e| ParseError::Json(e.to_string()))
}

/// The string at `path` below `v`; numbers are written out, anything else is "".
fn s<'a>(v: &'a Value, path: &[&str]) -> std::borrow::Cow<'a, str> {
    let mut cur = v;
    for step in path {
        match cur.get(step) {
            Some(next) => cur = next,
            None => return "".into(),
        }
    }
    match cur {
        Value::String(t) => t.trim().into(),
        Value::Number(n) => n.to_string().into(),
        _ => "".into(),
    }
}

/// Every value stored under `key`, anywhere in the document, depth first; an array found under
/// `key` is not searched further. The depth is bounded so that a hostile document cannot
/// exhaust the stack.
fn under<'a>(v: &'a Value, key: &str, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if k == key {
                    out.push(child);
                    if child.is_array() {
                        continue;
                    }
                }
                under(child, key, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for child in items {
                under(child, key, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The events under `key`, flattened across every tracker or package in the document.
fn events<'a>(doc: &'a Value, key: &'static str) -> Result<Vec<&'a Value>, ParseError> {
    let mut found = Vec::new();
    under(doc, key, &mut found, 0);
    let arrays: Vec<&Vec<Value>> = found.into_iter().filter_map(Value::as_array).collect();
    if arrays.is_empty() {
        return Err(ParseError::Missing(key));
    }
    Ok(arrays.into_iter().flatten().collect())
}

fn scan(at: &str, code: String, description: String, place: Option<String>) -> Scan {
    let (local_time, utc_offset) = time::iso(at);
    Scan {
        local_time,
        utc_offset,
        code,
        description,
        place,
    }
}

fn status_and_detail(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (false, false) => format!("{a}/{b}"),
        (false, true) => a.to_owned(),
        _ => b.to_owned(),
    }
}

pub fn easypost(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    Ok(events(&doc, "tracking_details")?
        .into_iter()
        .map(|e| {
            let loc = |f: &str| s(e, &["tracking_location", f]);
            scan(
                &s(e, &["datetime"]),
                status_and_detail(&s(e, &["status"]), &s(e, &["status_detail"])),
                join(&[&s(e, &["message"]), &s(e, &["description"])]),
                place(&[&loc("city"), &loc("state"), &loc("country")]),
            )
        })
        .collect())
}

pub fn aftership(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    Ok(events(&doc, "checkpoints")?
        .into_iter()
        .map(|e| {
            let city = s(e, &["city"]);
            let location = s(e, &["location"]);
            let mut found = scan(
                &s(e, &["checkpoint_time"]),
                status_and_detail(&s(e, &["tag"]), &s(e, &["subtag"])),
                s(e, &["message"]).into_owned(),
                if city.is_empty() {
                    place(&[&location, &s(e, &["country_name"])])
                } else {
                    place(&[&city, &s(e, &["state"]), &s(e, &["country_name"])])
                },
            );
            // A time without an offset is the wall clock at the checkpoint (older API versions
            // name the country `country_iso3`, newer ones `country_region`).
            if found.utc_offset.is_none() {
                let country = s(e, &["country_iso3"]);
                let country = if country.is_empty() {
                    s(e, &["country_region"])
                } else {
                    country
                };
                found.utc_offset = found.local_time.and_then(|local| {
                    super::zones::guess(&country, &s(e, &["state"]))
                        .and_then(|tz| super::zones::offset_at(tz, local))
                });
            }
            found
        })
        .collect())
}

pub fn shopify(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    // REST: {"fulfillment_events": [...]}; GraphQL: {"events": {"edges": [{"node": ...}]}} or
    // {"events": {"nodes": [...]}}; or a bare list of events.
    let list: Vec<&Value> = if let Ok(rest) = events(&doc, "fulfillment_events") {
        rest
    } else if let Ok(edges) = events(&doc, "edges") {
        edges
            .into_iter()
            .map(|e| e.get("node").unwrap_or(e))
            .collect()
    } else if let Ok(nodes) = events(&doc, "nodes") {
        nodes
    } else if let Value::Array(items) = &doc {
        items.iter().collect()
    } else {
        return Err(ParseError::Missing("fulfillment events"));
    };
    Ok(list
        .into_iter()
        .filter(|e| e.is_object())
        .map(|e| {
            let pick = |a: &str, b: &str| {
                let x = s(e, &[a]);
                if x.is_empty() {
                    s(e, &[b]).into_owned()
                } else {
                    x.into_owned()
                }
            };
            scan(
                &pick("happened_at", "happenedAt"),
                s(e, &["status"]).into_owned(),
                s(e, &["message"]).into_owned(),
                place(&[&s(e, &["city"]), &s(e, &["province"]), &s(e, &["country"])]),
            )
        })
        .collect())
}

pub fn ups(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    if doc.get("trackResponse").is_none() {
        return Err(ParseError::Missing("trackResponse"));
    }
    Ok(events(&doc, "activity")?
        .into_iter()
        .map(|a| {
            let kind = s(a, &["status", "type"]);
            let code = s(a, &["status", "code"]);
            let addr = |f: &str| s(a, &["location", "address", f]);
            let local_time = time::date_time(&s(a, &["date"]), &s(a, &["time"]));
            Scan {
                local_time,
                utc_offset: None,
                code: status_and_detail(&kind, &code),
                description: s(a, &["status", "description"]).into_owned(),
                place: place(&[&addr("city"), &addr("stateProvince"), &addr("countryCode")]),
            }
        })
        .collect())
}

pub fn fedex(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    if doc.get("output").is_none() {
        return Err(ParseError::Missing("output"));
    }
    // A proof-of-delivery or not-found reply carries no scans: no events, not an error.
    let list = events(&doc, "scanEvents").unwrap_or_default();
    Ok(list
        .into_iter()
        .map(|e| {
            let loc = |f: &str| s(e, &["scanLocation", f]);
            scan(
                &s(e, &["date"]),
                s(e, &["eventType"]).into_owned(),
                join(&[
                    &s(e, &["eventDescription"]),
                    &s(e, &["exceptionDescription"]),
                ]),
                place(&[
                    &loc("city"),
                    &loc("stateOrProvinceCode"),
                    &loc("countryCode"),
                ]),
            )
        })
        .collect())
}

pub fn usps(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    Ok(events(&doc, "trackingEvents")?
        .into_iter()
        .map(|e| {
            let gmt = s(e, &["GMTTimestamp"]);
            let local = s(e, &["eventTimestamp"]);
            let mut out = scan(
                if local.is_empty() { &gmt } else { &local },
                s(e, &["eventCode"]).into_owned(),
                s(e, &["eventType"]).into_owned(),
                place(&[
                    &s(e, &["eventCity"]),
                    &s(e, &["eventState"]),
                    &s(e, &["eventCountry"]),
                ]),
            );
            if out.utc_offset.is_none() {
                out.utc_offset = offset(&s(e, &["GMTOffset"]));
            }
            out
        })
        .collect())
}

/// "-05:00" in seconds east of UTC.
fn offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.trim().as_bytes().first()? {
        b'-' => (-1, &s.trim()[1..]),
        b'+' => (1, &s.trim()[1..]),
        _ => (1, s.trim()),
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

pub fn dhl_unified(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    if doc.get("shipments").is_none() {
        return Err(ParseError::Missing("shipments"));
    }
    Ok(events(&doc, "events")?
        .into_iter()
        .map(|e| {
            let addr = |f: &str| s(e, &["location", "address", f]);
            scan(
                &s(e, &["timestamp"]),
                s(e, &["statusCode"]).into_owned(),
                join(&[
                    &s(e, &["status"]),
                    &s(e, &["description"]),
                    &s(e, &["remark"]),
                ]),
                place(&[&addr("addressLocality"), &addr("countryCode")]),
            )
        })
        .collect())
}

pub fn royal_mail(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    if doc.get("mailPieces").is_none() {
        return Err(ParseError::Missing("mailPieces"));
    }
    Ok(events(&doc, "events")?
        .into_iter()
        .map(|e| {
            scan(
                &s(e, &["eventDateTime"]),
                s(e, &["eventCode"]).into_owned(),
                s(e, &["eventName"]).into_owned(),
                place(&[&s(e, &["locationName"])]),
            )
        })
        .collect())
}

/// Every value stored under `key` anywhere in the document: the items of an array, or the value
/// itself when a converter from XML wrote a single item as an object.
fn items<'a>(doc: &'a Value, key: &str) -> Vec<&'a Value> {
    let mut found = Vec::new();
    under(doc, key, &mut found, 0);
    found
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(list) => list.iter().collect(),
            Value::Object(_) => vec![v],
            _ => Vec::new(),
        })
        .collect()
}

/// Australia Post's Track Items (`tracking_results[].trackable_items[].events[]`). Australia
/// Post sends no event codes, only words; each result's `status` is the summary. Results that
/// carry only `errors` (an invalid tracking ID) contribute nothing.
pub fn australia_post(input: &str) -> Result<(Vec<Scan>, Option<Scan>), ParseError> {
    let doc = document(input)?;
    let results = doc
        .get("tracking_results")
        .and_then(Value::as_array)
        .ok_or(ParseError::Missing("tracking_results"))?;
    let mut scans = Vec::new();
    let mut summary = None;
    for result in results {
        for item in items(result, "trackable_items") {
            for e in items(item, "events") {
                let words = s(e, &["description"]);
                scans.push(scan(
                    &s(e, &["date"]),
                    words.to_string(),
                    words.into_owned(),
                    place(&[&s(e, &["location"])]),
                ));
            }
        }
        let status = s(result, &["status"]);
        if summary.is_none() && !status.is_empty() {
            summary = Some(Scan {
                code: status.to_string(),
                description: status.into_owned(),
                ..Scan::default()
            });
        }
    }
    Ok((scans, summary))
}

/// Hermes Germany's shipment information (`shipmentinfo[].status[]`): a four-digit code in
/// Hermes's own scheme, a sentence and the scanning unit's city.
pub fn hermes(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    let shipments = items(&doc, "shipmentinfo");
    if shipments.is_empty() {
        return Err(ParseError::Missing("shipmentinfo"));
    }
    Ok(shipments
        .into_iter()
        .flat_map(|sh| items(sh, "status"))
        .filter(|e| e.is_object())
        .map(|e| {
            let unit = |f: &str| s(e, &["scanningUnit", f]);
            scan(
                &s(e, &["timestamp"]),
                s(e, &["code"]).into_owned(),
                s(e, &["description"]).into_owned(),
                place(&[&unit("city"), &unit("countryCode")]),
            )
        })
        .collect())
}

/// DHL Express MyDHL API: the current JSON (`shipments[].events[]` with `typeCode`) and the
/// older REST interface that mirrors the XML services in JSON (`ShipmentEvent` items with
/// `ServiceEvent.EventCode`). "No Shipments Found" is an empty answer.
pub fn mydhl(input: &str) -> Result<Vec<Scan>, ParseError> {
    let doc = document(input)?;
    if doc.get("trackShipmentRequestResponse").is_some() || !items(&doc, "AWBInfo").is_empty() {
        return Ok(items(&doc, "ArrayOfShipmentEventItem")
            .into_iter()
            .map(|e| Scan {
                local_time: time::date_time(&s(e, &["Date"]), &s(e, &["Time"])),
                utc_offset: None,
                code: s(e, &["ServiceEvent", "EventCode"]).into_owned(),
                description: s(e, &["ServiceEvent", "Description"]).into_owned(),
                place: place(&[&s(e, &["ServiceArea", "Description"])]),
            })
            .collect());
    }
    let shipments = doc
        .get("shipments")
        .and_then(Value::as_array)
        .ok_or(ParseError::Missing("shipments"))?;
    Ok(shipments
        .iter()
        .flat_map(|sh| items(sh, "events"))
        .map(|e| {
            let description = s(e, &["description"]);
            // The facility is in `serviceArea` when asked for, else after the last " - ".
            let area = e
                .get("serviceArea")
                .and_then(|a| a.as_array().and_then(|l| l.first()).or(Some(a)))
                .map(|a| s(a, &["description"]).into_owned())
                .unwrap_or_default();
            let area = if area.is_empty() {
                description
                    .rsplit_once(" - ")
                    .map(|(_, p)| p.trim().to_owned())
                    .unwrap_or_default()
            } else {
                area
            };
            // DHL writes the facility as "SYDNEY-AU": the city and its country.
            let area = match area.rsplit_once('-') {
                Some((city, cc)) if cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_uppercase()) => {
                    format!("{}, {cc}", city.trim())
                }
                _ => area,
            };
            Scan {
                local_time: time::date_time(&s(e, &["date"]), &s(e, &["time"])),
                utc_offset: None,
                code: s(e, &["typeCode"]).into_owned(),
                description: description.into_owned(),
                place: place(&[&area]),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_read_in_seconds() {
        assert_eq!(offset("-05:00"), Some(-5 * 3600));
        assert_eq!(offset("+01:30"), Some(5400));
        assert_eq!(offset("junk"), None);
    }
}
