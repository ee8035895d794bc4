//! Code tables: what each carrier's own event codes mean in the unified vocabulary.
//! Built from the carriers' published code lists (see ../shared/data/carriers for the reference).

use super::{Carrier, UnifiedStatus};
use UnifiedStatus::*;

/// The unified status a carrier code stands for, or `None` when the code is not in our tables
/// (the caller then classifies the event from its description).
pub fn lookup(carrier: &Carrier, code: &str) -> Option<UnifiedStatus> {
    if code.is_empty() {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    let code = upper.as_str();
    match carrier {
        Carrier::Ups => ups(code),
        Carrier::Usps => usps(code),
        Carrier::Fedex => fedex(code),
        Carrier::CanadaPost => canada_post(code),
        Carrier::Dhl => dhl(code),
        Carrier::EasyPost => easypost(code),
        Carrier::AfterShip => aftership(code),
        Carrier::Shopify => shopify(code),
        _ => None,
    }
}

fn ups(code: &str) -> Option<UnifiedStatus> {
    // UPS sends "<status type>/<activity code>"; the status type alone decides the broad status,
    // except for the activity codes that are more specific than their type.
    let code = code.strip_prefix("STATUS TYPE ").unwrap_or(code);
    let (kind, activity) = code.split_once('/').unwrap_or((code, ""));
    match activity {
        "OF" | "OT" | "OD" => return Some(OutForDelivery),
        "RS" | "RT" | "RH" | "RU" => return Some(ReturningToSender),
        "48" | "L1" => return Some(DeliveryAttempted),
        _ => {}
    }
    Some(match kind {
        "M" | "MV" => PreTransit,
        "P" | "I" => InTransit,
        "D" => Delivered,
        "X" => Exception,
        "RS" => ReturningToSender,
        "NA" => Unknown,
        _ => return None,
    })
}

fn usps(code: &str) -> Option<UnifiedStatus> {
    Some(match code {
        "GX" | "MA" | "NP" | "TM" => PreTransit,
        "03" | "10" | "07" | "A1" | "T1" | "TL" | "EF" | "SF" | "PC" | "PA" | "06" | "08"
        | "42" | "43" | "80" | "81" | "82" | "71" => InTransit,
        "OF" => OutForDelivery,
        "01" | "17" => Delivered,
        "02" | "52" | "53" | "55" | "56" | "30" | "51" => DeliveryAttempted,
        "14" => AvailableForPickup,
        "04" | "05" => Exception,
        "09" | "21" | "22" | "23" | "25" | "26" | "27" | "29" | "31" => ReturningToSender,
        "11" => Lost,
        _ => return None,
    })
}

fn fedex(code: &str) -> Option<UnifiedStatus> {
    Some(match code {
        "OC" | "MD" => PreTransit,
        "PU" | "PX" | "AP" | "OF" | "IP" | "DO" | "AR" | "AF" | "AC" | "DP" | "IT" | "LO"
        | "FD" | "PF" | "PL" | "PM" | "EO" | "EA" | "CC" | "CP" | "OW" | "AO" => InTransit,
        "OD" | "AD" => OutForDelivery,
        "DL" => Delivered,
        "HP" => AvailableForPickup,
        "DE" | "SE" | "DY" | "CD" | "PD" => Exception,
        "RS" => ReturningToSender,
        "CA" => Cancelled,
        _ => return None,
    })
}

fn canada_post(code: &str) -> Option<UnifiedStatus> {
    Some(match code {
        "3000" | "3001" => PreTransit,
        "0100" | "0170" | "0175" | "1703" | "0173" => InTransit,
        "0500" => OutForDelivery,
        "1496" | "1498" | "1408" | "1409" | "1421" | "1422" | "1423" | "1441" | "1442" => Delivered,
        "1479" | "1701" | "0156" => AvailableForPickup,
        _ => return None,
    })
}

fn dhl(code: &str) -> Option<UnifiedStatus> {
    // DHL Express XML event codes.
    Some(match code {
        "PU" | "PL" | "DF" | "AF" | "AR" | "TR" | "RR" | "CR" | "CC" | "SA" => InTransit,
        "WC" => OutForDelivery,
        "OK" | "DD" => Delivered,
        "NH" | "BA" | "CA" => DeliveryAttempted,
        "OH" | "HP" | "MS" | "CM" | "RD" | "ND" => Exception,
        "RT" => ReturningToSender,
        _ => return None,
    })
}

fn easypost(code: &str) -> Option<UnifiedStatus> {
    Some(match code.to_ascii_lowercase().as_str() {
        "pre_transit" => PreTransit,
        "in_transit" => InTransit,
        "out_for_delivery" => OutForDelivery,
        "delivered" => Delivered,
        "available_for_pickup" => AvailableForPickup,
        "return_to_sender" => ReturningToSender,
        "failure" | "error" => Exception,
        "cancelled" => Cancelled,
        "unknown" => Unknown,
        _ => return None,
    })
}

fn aftership(code: &str) -> Option<UnifiedStatus> {
    let lower = code.to_ascii_lowercase();
    let tag = lower.split(['_', '/']).next().unwrap_or("");
    Some(match tag {
        "pending" | "inforeceived" => PreTransit,
        "intransit" => InTransit,
        "outfordelivery" => OutForDelivery,
        "attemptfail" => DeliveryAttempted,
        "delivered" => Delivered,
        "availableforpickup" => AvailableForPickup,
        "exception" => Exception,
        "expired" => Unknown,
        _ => return None,
    })
}

fn shopify(code: &str) -> Option<UnifiedStatus> {
    Some(match code {
        "LABEL_PRINTED" | "LABEL_PURCHASED" | "CONFIRMED" => PreTransit,
        "CARRIER_PICKED_UP" | "IN_TRANSIT" => InTransit,
        "OUT_FOR_DELIVERY" => OutForDelivery,
        "ATTEMPTED_DELIVERY" => DeliveryAttempted,
        "READY_FOR_PICKUP" => AvailableForPickup,
        "DELIVERED" => Delivered,
        "DELAYED" | "FAILURE" => Exception,
        _ => return None,
    })
}
