//! The tracking platforms' own vocabularies: EasyPost, AfterShip, Shopify, Shippo and 17TRACK.
//!
//! Each takes a status, a detail, or both joined by `/` or `:` ("in_transit/arrived_at_facility",
//! "Exception_010"); the detail is more specific, so it is read first.

use super::UnifiedStatus::{self, *};

type Found = Option<&'static [UnifiedStatus]>;

fn parts(code: &str) -> (String, String) {
    let lower = code.trim().to_ascii_lowercase();
    match lower.split_once(['/', ':']) {
        Some((a, b)) => (a.trim().to_owned(), b.trim().to_owned()),
        None => (lower.clone(), String::new()),
    }
}

fn snake(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// EasyPost `Tracker.status` and `status_detail`.
pub fn easypost(code: &str) -> Found {
    let (status, detail) = parts(code);
    easypost_detail(&detail)
        .or_else(|| easypost_status(&status))
        .or_else(|| easypost_detail(&status))
}

fn easypost_status(s: &str) -> Found {
    Some(match s {
        "pre_transit" => &[PreTransit],
        "in_transit" => &[InTransit],
        "out_for_delivery" => &[OutForDelivery],
        "delivered" => &[Delivered],
        "available_for_pickup" => &[AvailableForPickup],
        "return_to_sender" => &[ReturningToSender],
        "failure" | "error" => &[Exception, DeliveryAttempted],
        "cancelled" => &[Cancelled],
        "unknown" => &[Unknown],
        _ => return None,
    })
}

fn easypost_detail(s: &str) -> Found {
    Some(match s {
        "label_created" | "awaiting_information" => &[PreTransit],
        "arrived_at_destination"
        | "arrived_at_facility"
        | "departed_facility"
        | "departed_origin_facility"
        | "received_at_destination_facility"
        | "received_at_origin_facility"
        | "transferred_to_destination_carrier"
        | "in_transit" => &[InTransit],
        "out_for_delivery" => &[OutForDelivery],
        "arrived_at_pickup_location" => &[AvailableForPickup],
        "address_correction" | "damaged" | "delayed" | "delivery_exception" | "held"
        | "missorted" | "transit_exception" | "weather_delay" | "refused" => &[Exception],
        "return" => &[ReturningToSender],
        "lost" => &[Lost],
        "cancelled" => &[Cancelled],
        // These say nothing beyond the status they come with.
        _ => return None,
    })
}

/// AfterShip tags ("InTransit") and subtags ("Exception_010").
pub fn aftership(code: &str) -> Found {
    let (tag, subtag) = parts(code);
    let sub = if subtag.is_empty() {
        tag.clone()
    } else {
        subtag
    };
    let sub = snake(&sub);
    let specific: Found = Some(match sub.as_str() {
        "delivered_002" => &[Delivered],
        "exception_002" | "exception_007" => &[Exception],
        "exception_003" => &[Exception, ReturningToSender],
        "exception_004" | "exception_005" | "exception_006" | "exception_009" | "exception_012"
        | "exception_016" | "exception_017" | "exception_018" => &[Exception],
        "exception_008" => &[Exception, ReturningToSender],
        "exception_010" => &[ReturningToSender],
        "exception_011" => &[Returned],
        "exception_013" => &[Lost],
        "outfordelivery_002" => &[AvailableForPickup],
        "outfordelivery_003" | "outfordelivery_004" => &[OutForDelivery],
        _ => return aftership_tag(sub.split('_').next().unwrap_or("")),
    });
    specific
}

fn aftership_tag(tag: &str) -> Found {
    Some(match tag {
        "pending" | "inforeceived" => &[PreTransit],
        "intransit" => &[InTransit],
        "outfordelivery" => &[OutForDelivery],
        "attemptfail" => &[DeliveryAttempted],
        "delivered" => &[Delivered],
        "availableforpickup" => &[AvailableForPickup],
        "exception" => &[Exception, ReturningToSender, Lost],
        "expired" => &[Unknown],
        _ => return None,
    })
}

/// Shopify's FulfillmentEventStatus, FulfillmentDisplayStatus and REST `shipment_status`.
pub fn shopify(code: &str) -> Found {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "LABEL_PRINTED"
        | "LABEL_PURCHASED"
        | "CONFIRMED"
        | "SUBMITTED"
        | "FULFILLED"
        | "MARKED_AS_FULFILLED" => &[PreTransit],
        "CARRIER_PICKED_UP" | "IN_TRANSIT" => &[InTransit],
        "OUT_FOR_DELIVERY" => &[OutForDelivery],
        "ATTEMPTED_DELIVERY" => &[DeliveryAttempted],
        "READY_FOR_PICKUP" | "READY_FOR_RECIPIENT_PICKUP" => &[AvailableForPickup],
        "DELIVERED" | "PICKED_UP" => &[Delivered],
        "DELAYED" | "FAILURE" | "NOT_DELIVERED" | "BUYER_ACTION_REQUIRED" => {
            &[Exception, DeliveryAttempted]
        }
        "RETURNING_TO_SENDER" => &[ReturningToSender],
        "CANCELED" | "CANCELLED" | "LABEL_VOIDED" => &[Cancelled],
        _ => return None,
    })
}

/// Shippo `tracking_status.status` and `substatus`.
pub fn shippo(code: &str) -> Found {
    let (status, sub) = parts(code);
    let sub_found: Found = match sub.as_str() {
        "" => None,
        "information_received" => Some(&[PreTransit]),
        "package_accepted"
        | "package_arrived"
        | "package_departed"
        | "package_processed"
        | "package_processing"
        | "package_forwarded"
        | "delivery_scheduled"
        | "package_in_local_area" => Some(&[InTransit]),
        "out_for_delivery" => Some(&[OutForDelivery]),
        "delivery_attempted" | "notice_left" | "location_inaccessible" => {
            Some(&[DeliveryAttempted])
        }
        "pickup_available" => Some(&[AvailableForPickup]),
        "delivered" => Some(&[Delivered]),
        "return_to_sender" | "package_unclaimed" => Some(&[ReturningToSender]),
        "package_lost" | "package_disposed" => Some(&[Lost]),
        "address_issue"
        | "contact_carrier"
        | "delayed"
        | "delivery_rescheduled"
        | "reschedule_delivery"
        | "package_damaged"
        | "package_held"
        | "package_undeliverable" => Some(&[Exception]),
        _ => None,
    };
    sub_found.or(Some(match status.as_str() {
        "pre_transit" => &[PreTransit],
        "transit" => &[InTransit, OutForDelivery],
        "delivered" => &[Delivered],
        "returned" => &[ReturningToSender, Returned],
        "failure" => &[Exception, DeliveryAttempted, Lost],
        "unknown" => &[Unknown],
        _ => return None,
    }))
}

/// 17TRACK main statuses and sub-statuses ("InTransit_CustomsProcessing").
pub fn track17(code: &str) -> Found {
    let (a, b) = parts(code);
    let key = snake(if b.is_empty() { &a } else { &b });
    let specific: Found = match key.as_str() {
        "intransit_customsrequiringinformation" => Some(&[Exception]),
        "exception_returning" => Some(&[ReturningToSender]),
        "exception_returned" => Some(&[Returned]),
        "exception_lost" | "exception_destroyed" => Some(&[Lost]),
        "exception_cancel" => Some(&[Cancelled]),
        "exception_nobody" | "deliveryfailure_nobody" => Some(&[DeliveryAttempted]),
        _ => None,
    };
    specific.or(Some(match key.split('_').next().unwrap_or("") {
        "notfound" | "expired" => &[Unknown],
        "inforeceived" => &[PreTransit],
        "intransit" => &[InTransit],
        "availableforpickup" => &[AvailableForPickup],
        "outfordelivery" => &[OutForDelivery],
        "deliveryfailure" => &[DeliveryAttempted, Exception],
        "delivered" => &[Delivered],
        "exception" => &[Exception],
        _ => return None,
    }))
}
