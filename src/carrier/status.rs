//! The unified vocabulary every carrier's codes and scan texts are translated into.

use serde::{Deserialize, Serialize};

/// Where a parcel is in its life, whatever the carrier calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnifiedStatus {
    /// A label exists, the carrier does not have the parcel yet.
    PreTransit,
    /// The carrier has the parcel and is moving it.
    InTransit,
    /// On the van today.
    OutForDelivery,
    /// The driver tried and could not deliver.
    DeliveryAttempted,
    /// Waiting at a counter, locker or pickup point for the shopper.
    AvailableForPickup,
    /// Handed over or left at the address.
    Delivered,
    /// Something is holding the parcel up; see the reason.
    Exception,
    /// On its way back to the shop.
    ReturningToSender,
    /// Back at the shop.
    Returned,
    /// The carrier has declared it lost.
    Lost,
    /// The shipment was cancelled before it moved.
    Cancelled,
    /// Nothing we can say from this event.
    Unknown,
}

impl UnifiedStatus {
    pub const ALL: [UnifiedStatus; 12] = [
        Self::PreTransit,
        Self::InTransit,
        Self::OutForDelivery,
        Self::DeliveryAttempted,
        Self::AvailableForPickup,
        Self::Delivered,
        Self::Exception,
        Self::ReturningToSender,
        Self::Returned,
        Self::Lost,
        Self::Cancelled,
        Self::Unknown,
    ];

    /// The snake_case name used in JSON, TSV files and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PreTransit => "pre_transit",
            Self::InTransit => "in_transit",
            Self::OutForDelivery => "out_for_delivery",
            Self::DeliveryAttempted => "delivery_attempted",
            Self::AvailableForPickup => "available_for_pickup",
            Self::Delivered => "delivered",
            Self::Exception => "exception",
            Self::ReturningToSender => "returning_to_sender",
            Self::Returned => "returned",
            Self::Lost => "lost",
            Self::Cancelled => "cancelled",
            Self::Unknown => "unknown",
        }
    }

    /// True once the parcel's journey is over, for better or worse.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Delivered | Self::Returned | Self::Lost | Self::Cancelled
        )
    }
}

/// What happened to a parcel in transit, when the carrier says: what a timeline tells apart,
/// so that it does not repeat "on its way" for every scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The carrier took the parcel from the shop (or a drop-off point).
    PickedUp,
    /// The parcel reached one of the carrier's facilities.
    Arrived,
    /// The parcel was sorted at a facility.
    Processed,
    /// The parcel left a facility.
    Departed,
    /// Customs released the parcel.
    CustomsCleared,
}

/// Why a parcel is held up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionReason {
    Weather,
    AddressProblem,
    RecipientUnavailable,
    Refused,
    Damaged,
    CustomsHold,
    DutiesUnpaid,
    HeldByCarrier,
    MissortedOrDelayed,
    Security,
    Lost,
}

impl ExceptionReason {
    pub const ALL: [ExceptionReason; 11] = [
        Self::Weather,
        Self::AddressProblem,
        Self::RecipientUnavailable,
        Self::Refused,
        Self::Damaged,
        Self::CustomsHold,
        Self::DutiesUnpaid,
        Self::HeldByCarrier,
        Self::MissortedOrDelayed,
        Self::Security,
        Self::Lost,
    ];
}

/// Where a delivered parcel was left, when the carrier says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryLocation {
    FrontDoor,
    BackDoor,
    SideDoor,
    Porch,
    Garage,
    Mailbox,
    ParcelLocker,
    Reception,
    Neighbour,
    SafePlace,
    PickupPoint,
    HandedToResident,
    Signed,
}

impl DeliveryLocation {
    pub const ALL: [DeliveryLocation; 13] = [
        Self::FrontDoor,
        Self::BackDoor,
        Self::SideDoor,
        Self::Porch,
        Self::Garage,
        Self::Mailbox,
        Self::ParcelLocker,
        Self::Reception,
        Self::Neighbour,
        Self::SafePlace,
        Self::PickupPoint,
        Self::HandedToResident,
        Self::Signed,
    ];
}

/// Which of these statuses (oldest first) says where the parcel stands now, by index; `None`
/// when none says anything. The newest informative status wins, except that:
/// - a delivery or a return to the sender ends the journey: later scans that are not themselves
///   an end (a facility scan dated after the delivery, a refund notice, a duplicate out for
///   delivery) do not undo it;
/// - a parcel declared lost or cancelled is found again only by a scan that moves it (in
///   transit, out for delivery, delivered...), not by another exception.
pub fn settled(statuses: impl IntoIterator<Item = UnifiedStatus>) -> Option<usize> {
    use UnifiedStatus::*;
    let mut current: Option<(usize, UnifiedStatus)> = None;
    for (i, s) in statuses.into_iter().enumerate() {
        let moves = match (current.map(|c| c.1), s) {
            (_, Unknown) => false,
            (None, _) => true,
            (Some(Delivered | Returned), next) => matches!(next, Delivered | Returned),
            (Some(Lost | Cancelled), Exception) => false,
            _ => true,
        };
        if moves {
            current = Some((i, s));
        }
    }
    current.map(|c| c.0)
}

#[cfg(test)]
mod settled_tests {
    use super::settled;
    use super::UnifiedStatus::*;

    #[test]
    fn a_delivery_is_not_undone_by_a_later_scan() {
        assert_eq!(
            settled([PreTransit, InTransit, Delivered, InTransit]),
            Some(2)
        );
        assert_eq!(settled([Delivered, OutForDelivery, Exception]), Some(0));
        assert_eq!(settled([Delivered, Returned]), Some(1));
        assert_eq!(settled([InTransit, Delivered, Unknown]), Some(1));
    }

    #[test]
    fn a_lost_parcel_is_found_by_a_scan_that_moves_it() {
        assert_eq!(settled([InTransit, Lost, Exception]), Some(1));
        assert_eq!(settled([InTransit, Lost, InTransit]), Some(2));
        assert_eq!(settled([Cancelled, InTransit]), Some(1));
    }

    #[test]
    fn nothing_informative_is_none() {
        assert_eq!(settled([Unknown, Unknown]), None);
        assert_eq!(settled([]), None);
        assert_eq!(settled([InTransit, Exception, OutForDelivery]), Some(2));
    }
}
