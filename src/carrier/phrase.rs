//! Plain sentences for unified statuses: what a shopper reads instead of carrier jargon.

use super::{DeliveryLocation, ExceptionReason, Translation, UnifiedStatus};
use serde::{Deserialize, Serialize};

/// A language the shopper-facing text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
    Fr,
    De,
}

impl Lang {
    /// Reads a locale such as "de", "fr-CA" or "es_MX"; anything else is English.
    pub fn from_locale(locale: &str) -> Self {
        match locale.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("es") => Self::Es,
            Some("fr") => Self::Fr,
            Some("de") => Self::De,
            _ => Self::En,
        }
    }
}

/// One short sentence for a translated event, with the facility's place when known.
///
/// Only English is written so far; other languages fall back to it until their templates land.
pub fn describe(t: &Translation, place: Option<&str>, _lang: Lang) -> String {
    let at = place
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!(" in {}", p.trim()));
    let at = at.as_deref().unwrap_or("");
    match t.status {
        UnifiedStatus::PreTransit => {
            "The shipping label was created; the carrier doesn't have the parcel yet.".to_owned()
        }
        UnifiedStatus::InTransit => format!("Your parcel is on its way{at}."),
        UnifiedStatus::OutForDelivery => format!("Your parcel is out for delivery today{at}."),
        UnifiedStatus::DeliveryAttempted => {
            "The driver tried to deliver but couldn't; they'll try again or leave a note."
                .to_owned()
        }
        UnifiedStatus::AvailableForPickup => {
            format!("Your parcel is waiting for you to pick up{at}.")
        }
        UnifiedStatus::Delivered => match t.location {
            Some(l) => format!("Delivered{at}: {}.", location_phrase(l)),
            None => format!("Delivered{at}."),
        },
        UnifiedStatus::Exception => match t.reason {
            Some(r) => format!("Your parcel is held up{at}: {}.", reason_phrase(r)),
            None => format!("Your parcel is held up{at}."),
        },
        UnifiedStatus::ReturningToSender => "The parcel is on its way back to us.".to_owned(),
        UnifiedStatus::Returned => "The parcel has come back to us.".to_owned(),
        UnifiedStatus::Lost => "The carrier could not find the parcel.".to_owned(),
        UnifiedStatus::Cancelled => "This shipment was cancelled.".to_owned(),
        UnifiedStatus::Unknown => format!("The carrier updated the parcel's record{at}."),
    }
}

/// Where a delivered parcel was left, as a phrase that completes "Delivered: ...".
pub fn location_phrase(l: DeliveryLocation) -> &'static str {
    match l {
        DeliveryLocation::FrontDoor => "left at the front door",
        DeliveryLocation::BackDoor => "left at the back door",
        DeliveryLocation::SideDoor => "left at the side door",
        DeliveryLocation::Porch => "left on the porch",
        DeliveryLocation::Garage => "left in the garage",
        DeliveryLocation::Mailbox => "left in your mailbox",
        DeliveryLocation::ParcelLocker => "placed in a parcel locker",
        DeliveryLocation::Reception => "left at reception or the front desk",
        DeliveryLocation::Neighbour => "handed to a neighbour",
        DeliveryLocation::SafePlace => "left in your safe place",
        DeliveryLocation::PickupPoint => "left at a pickup point",
        DeliveryLocation::HandedToResident => "handed to someone at the address",
        DeliveryLocation::Signed => "signed for at the address",
    }
}

/// Why a parcel is held up, as a phrase that completes "held up: ...".
pub fn reason_phrase(r: ExceptionReason) -> &'static str {
    match r {
        ExceptionReason::Weather => "bad weather is slowing deliveries",
        ExceptionReason::AddressProblem => "the carrier has a question about the address",
        ExceptionReason::RecipientUnavailable => "nobody was available to receive it",
        ExceptionReason::Refused => "delivery was refused",
        ExceptionReason::Damaged => "the parcel was damaged in transit",
        ExceptionReason::CustomsHold => "it is waiting for customs clearance",
        ExceptionReason::DutiesUnpaid => "import duties need to be paid",
        ExceptionReason::HeldByCarrier => "the carrier is holding it",
        ExceptionReason::MissortedOrDelayed => "it was delayed in the carrier's network",
        ExceptionReason::Security => "it is going through a security check",
        ExceptionReason::Lost => "the carrier cannot locate it",
    }
}
