//! Code tables: what each carrier's own event codes mean in the unified vocabulary.
//!
//! A code narrows the answer to one status or a few candidates; when there are several (a code
//! that DHL's sub-networks use differently, a coarse "failure" group) the description picks.

mod platforms;
mod table;

use super::{Carrier, UnifiedStatus};
use UnifiedStatus::*;

/// The statuses a carrier code can stand for, most likely first, or `None` when the code is not
/// in our tables (the caller then classifies the event from its description).
pub fn lookup(carrier: &Carrier, code: &str) -> Option<&'static [UnifiedStatus]> {
    let raw = code.trim();
    if raw.is_empty() || raw == "-" {
        return None;
    }
    match carrier {
        Carrier::EasyPost => return platforms::easypost(raw),
        Carrier::AfterShip => return platforms::aftership(raw),
        Carrier::Shopify => return platforms::shopify(raw),
        Carrier::Shippo => return platforms::shippo(raw),
        Carrier::Track17 => return platforms::track17(raw),
        Carrier::HermesDe => return hermes(raw),
        _ => {}
    }
    let code = normalise(raw);
    let family = carrier.slug();
    if let Some(found) = find(family, &code) {
        return Some(found);
    }
    match carrier {
        Carrier::Ups => ups(&code),
        Carrier::Fedex => fedex(&code),
        Carrier::Usps => usps(&code),
        Carrier::CanadaPost => canada_post(&code),
        Carrier::Dhl => dhl(&code),
        Carrier::Dpd => dpd(&code),
        _ => None,
    }
}

/// DPD's ParcelLifeCycleService steps that the connector tables do not carry: the parcel with
/// DPD, between depots and at the delivery depot are all in transit (DPD's own labels for them
/// are shifted by a step in some responses, so the code decides, not the words).
fn dpd(code: &str) -> Option<&'static [UnifiedStatus]> {
    Some(match code {
        "ACCEPTED" | "AT_SENDING_DEPOT" | "ON_THE_ROAD" | "AT_DELIVERY_DEPOT" => &[InTransit],
        _ => return None,
    })
}

/// Uppercase, without a trailing "(...)" remark or a "status type" prefix, and numeric codes
/// without leading zeros (Canada Post writes `0173` in XML and `173` elsewhere).
pub fn normalise(code: &str) -> String {
    let mut c = code.trim().to_uppercase();
    if let Some(open) = c.find(" (") {
        if c.ends_with(')') {
            c.truncate(open);
        }
    }
    if let Some(rest) = c.strip_prefix("STATUS TYPE ") {
        c = rest.to_owned();
    }
    if !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = c.trim_start_matches('0');
        c = if trimmed.is_empty() {
            "0".to_owned()
        } else {
            trimmed.to_owned()
        };
    }
    c
}

fn find(family: &str, code: &str) -> Option<&'static [UnifiedStatus]> {
    table::TABLE
        .binary_search_by(|(f, c, _)| (*f, *c).cmp(&(family, code)))
        .ok()
        .map(|i| table::TABLE[i].2)
}

/// UPS sends "<status type>/<activity code>". A known pair or activity wins; otherwise the status
/// type decides broadly and the description refines it.
fn ups(code: &str) -> Option<&'static [UnifiedStatus]> {
    let (kind, activity) = code.split_once('/').unwrap_or((code, ""));
    if !activity.is_empty() {
        if let Some(found) = find("ups", activity) {
            return Some(found);
        }
    }
    Some(match kind {
        "M" | "MV" => &[PreTransit],
        "P" => &[InTransit],
        "I" | "U" => &[InTransit, OutForDelivery, AvailableForPickup],
        "D" => &[Delivered],
        "X" => &[Exception, DeliveryAttempted, ReturningToSender],
        "RS" => &[ReturningToSender],
        "NA" => &[Unknown],
        _ => return None,
    })
}

fn fedex(code: &str) -> Option<&'static [UnifiedStatus]> {
    // Movement codes the published lists leave out but the Track API sends.
    Some(match code {
        "OX" | "TR" | "CH" | "IN" | "DR" | "RC" | "CP" => &[InTransit],
        "AE" | "AO" | "US" => &[InTransit, Exception],
        "AS" | "RM" | "RA" | "PR" => &[InTransit],
        "DS" | "LC" | "RG" => &[PreTransit],
        _ => return None,
    })
}

fn usps(code: &str) -> Option<&'static [UnifiedStatus]> {
    Some(match code {
        "GX" | "MA" | "NP" | "TM" => &[PreTransit],
        "3" | "10" | "7" | "A1" | "T1" | "TL" | "EF" | "SF" | "PC" | "PA" | "6" | "8" | "42"
        | "43" | "80" | "81" | "82" | "71" | "U1" | "L1" | "OA" => &[InTransit],
        "OF" | "59" => &[OutForDelivery],
        "1" | "17" => &[Delivered],
        "2" | "52" | "53" | "54" | "55" | "56" | "30" | "51" => &[DeliveryAttempted],
        "14" | "15" | "16" => &[AvailableForPickup],
        "4" | "5" | "44" | "45" => &[Exception],
        "9" | "21" | "22" | "23" | "25" | "26" | "27" | "28" | "29" | "31" => &[ReturningToSender],
        "11" => &[Lost],
        _ => return None,
    })
}

fn canada_post(code: &str) -> Option<&'static [UnifiedStatus]> {
    Some(match code {
        "3000" | "3001" | "3002" => &[PreTransit],
        "100" | "101" | "102" | "104" | "170" | "175" | "1703" | "2300" | "2600" => &[InTransit],
        "173" | "174" => &[InTransit, Exception, OutForDelivery],
        "500" => &[OutForDelivery],
        "1496" | "1497" | "1498" | "1499" | "1408" | "1409" | "1421" | "1422" | "1423" | "1441"
        | "1442" => &[Delivered],
        "1479" | "1701" | "156" => &[AvailableForPickup, DeliveryAttempted],
        _ => return None,
    })
}

fn dhl(code: &str) -> Option<&'static [UnifiedStatus]> {
    // DHL Express XML event codes that the unified list does not carry.
    Some(match code {
        "PU" | "PL" | "DF" | "AF" | "AR" | "TR" | "RR" | "CR" | "CC" | "SA" | "IC" | "PD" => {
            &[InTransit]
        }
        "WC" => &[OutForDelivery],
        "OK" | "DD" => &[Delivered],
        "NH" | "BA" | "CA" => &[DeliveryAttempted, Exception],
        "OH" | "HP" | "MS" | "CM" | "RD" | "ND" => &[Exception],
        "RT" => &[ReturningToSender],
        _ => return None,
    })
}

/// Hermes writes a nine-digit code with its "2x2" status, e.g. `060024003 (2x2:4024)`; the 2x2
/// status is what carries the meaning, in blocks of a thousand.
fn hermes(raw: &str) -> Option<&'static [UnifiedStatus]> {
    let two_by_two = match raw.find("2x2:") {
        Some(i) => raw[i + 4..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>(),
        None if raw.len() == 4 && raw.bytes().all(|b| b.is_ascii_digit()) => raw.to_owned(),
        None => return None,
    };
    let n: u32 = two_by_two.parse().ok()?;
    Some(match n {
        0..=99 => &[PreTransit],
        600..=999 => &[Exception],
        1520..=1529 => &[ReturningToSender],
        1730..=1759 => &[Exception],
        100..=2499 => &[InTransit],
        3000..=3399 => &[OutForDelivery],
        3400..=3499 => &[AvailableForPickup],
        3500..=3599 => &[Delivered],
        3710 | 3740 | 3750 | 3780 | 3795 => &[Exception],
        3760 | 3761 => &[InTransit],
        3700..=3799 => &[DeliveryAttempted],
        4035 => &[ReturningToSender],
        4024 | 4040 | 4050 | 4080 | 4095 | 4100 | 4610 | 4620 => &[Exception],
        4025 | 4060..=4062 | 4500 => &[InTransit],
        4070 | 4072 | 4690 => &[Unknown],
        4630 => &[Lost],
        4000..=4099 => &[DeliveryAttempted],
        6088 => &[InTransit],
        6087 => &[Exception],
        6000..=6999 => &[ReturningToSender],
        7500 => &[Returned],
        9040 | 9041 => &[InTransit],
        9340 => &[Cancelled],
        9000..=9999 => &[Unknown],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(table::TABLE
            .windows(2)
            .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
    }

    #[test]
    fn codes_are_normalised_the_way_the_table_is_keyed() {
        assert_eq!(normalise("0173"), "173");
        assert_eq!(normalise("status type X"), "X");
        assert_eq!(normalise("X/SR (statusCode 003)"), "X/SR");
        assert_eq!(normalise("dlvrd"), "DLVRD");
    }
}
