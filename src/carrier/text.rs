//! Classifies a scan from its description alone, for codes no table knows. English and German.

use super::{DeliveryLocation, ExceptionReason, Translation, UnifiedStatus};

fn has(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| text.contains(n))
}

/// Reads the description and decides status, reason and drop-off location.
pub fn classify(description: &str) -> Translation {
    let t = description.to_lowercase();
    let location = location(&t);
    let reason = reason(&t);
    let status = status(&t, reason.is_some());
    Translation {
        status,
        reason: if matches!(status, UnifiedStatus::Exception | UnifiedStatus::Lost) {
            reason
        } else {
            None
        },
        location: if status == UnifiedStatus::Delivered {
            location
        } else {
            None
        },
    }
}

fn status(t: &str, has_reason: bool) -> UnifiedStatus {
    use UnifiedStatus::*;
    if has(
        t,
        &[
            "return to sender",
            "returned to sender",
            "returning to sender",
            "return to shipper",
            "rücksendung",
            "retour",
            "zurück an den absender",
        ],
    ) {
        return ReturningToSender;
    }
    if has(t, &["lost", "verloren", "cannot be located"]) {
        return Lost;
    }
    if has(t, &["cancelled", "canceled", "storniert"]) {
        return Cancelled;
    }
    if has(
        t,
        &[
            "out for delivery",
            "on vehicle for delivery",
            "in zustellung",
            "zustellfahrzeug",
            "wird heute zugestellt",
            "en cours de livraison",
        ],
    ) {
        return OutForDelivery;
    }
    if has(
        t,
        &[
            "attempt",
            "notice left",
            "nicht angetroffen",
            "zustellversuch",
            "no one",
            "not available",
        ],
    ) && !has(t, &["delivered"])
    {
        return DeliveryAttempted;
    }
    if has(
        t,
        &[
            "ready for pickup",
            "available for pickup",
            "ready for collection",
            "available for collection",
            "abholbereit",
            "zur abholung",
            "ready for recipient pickup",
            "awaiting collection",
        ],
    ) {
        return AvailableForPickup;
    }
    if has(
        t,
        &[
            "delivered",
            "zugestellt",
            "livré",
            "entregado",
            "übergeben",
            "ausgeliefert",
        ],
    ) && !has(t, &["not delivered", "undeliverable", "nicht zugestellt"])
    {
        return Delivered;
    }
    if has_reason
        || has(
            t,
            &[
                "exception",
                "delay",
                "verzögerung",
                "held",
                "hold",
                "unable",
                "undeliverable",
            ],
        )
    {
        return Exception;
    }
    if has(
        t,
        &[
            "label created",
            "shipping label",
            "pre-shipment",
            "electronic information",
            "electronically",
            "information received",
            "billing information",
            "awaiting item",
            "order created",
            "shipment information sent",
            "daten übermittelt",
            "elektronisch angekündigt",
            "manifest",
        ],
    ) {
        return PreTransit;
    }
    if has(
        t,
        &[
            "transit",
            "arrival",
            "arrived",
            "departed",
            "departure",
            "processed",
            "picked up",
            "facility",
            "sort",
            "scan",
            "on the way",
            "unterwegs",
            "abholung",
            "eingetroffen",
            "paketzentrum",
            "bearbeitet",
            "in possession",
            "accepted",
            "acceptance",
            "received",
            "customs",
            "zoll",
            "cleared",
            "forwarded",
        ],
    ) {
        return InTransit;
    }
    Unknown
}

/// The reason a lowercased description gives for a hold-up, if any.
pub fn reason(t: &str) -> Option<ExceptionReason> {
    use ExceptionReason::*;
    Some(
        if has(
            t,
            &[
                "weather",
                "storm",
                "snow",
                "hurricane",
                "flood",
                "unwetter",
                "natural disaster",
            ],
        ) {
            Weather
        } else if has(t, &["duties", "duty", "import tax", "zollgebühr"]) {
            DutiesUnpaid
        } else if has(t, &["customs", "clearance", "zoll"])
            && has(
                t,
                &[
                    "delay",
                    "hold",
                    "held",
                    "inspection",
                    "pending",
                    "documentation",
                    "verzögerung",
                ],
            )
        {
            CustomsHold
        } else if has(t, &["address", "adresse", "anschrift"]) {
            AddressProblem
        } else if has(t, &["refused", "verweigert", "rejected"]) {
            Refused
        } else if has(t, &["damage", "beschädigt"]) {
            Damaged
        } else if has(
            t,
            &[
                "not available",
                "not home",
                "no one",
                "closed",
                "nicht angetroffen",
                "receiver was not",
            ],
        ) {
            RecipientUnavailable
        } else if has(t, &["security", "screening"]) {
            Security
        } else if has(
            t,
            &[
                "missort",
                "mis-sort",
                "missent",
                "misrouted",
                "incorrectly sorted",
                "fehlgeleitet",
            ],
        ) {
            MissortedOrDelayed
        } else if has(t, &["lost", "verloren"]) {
            Lost
        } else if has(t, &["hold", "held"]) {
            HeldByCarrier
        } else if has(t, &["delay", "verzögerung"]) {
            MissortedOrDelayed
        } else {
            return None;
        },
    )
}

/// Where a lowercased description says the parcel was left, if anywhere.
pub fn location(t: &str) -> Option<DeliveryLocation> {
    use DeliveryLocation::*;
    Some(if has(t, &["front door", "haustür"]) {
        FrontDoor
    } else if has(t, &["back door", "rear door"]) {
        BackDoor
    } else if has(t, &["side door"]) {
        SideDoor
    } else if has(t, &["porch"]) {
        Porch
    } else if has(t, &["garage"]) {
        Garage
    } else if has(t, &["parcel locker", "packstation", "locker"]) {
        ParcelLocker
    } else if has(
        t,
        &[
            "mailbox",
            "mail box",
            "letterbox",
            "letter box",
            "briefkasten",
        ],
    ) {
        Mailbox
    } else if has(
        t,
        &[
            "reception",
            "front desk",
            "concierge",
            "mail room",
            "mailroom",
        ],
    ) {
        Reception
    } else if has(t, &["neighbour", "neighbor", "nachbar"]) {
        Neighbour
    } else if has(t, &["safe place", "safeplace", "ablageort", "abstellort"]) {
        SafePlace
    } else if has(
        t,
        &[
            "pickup point",
            "parcel shop",
            "paketshop",
            "post office",
            "filiale",
            "service point",
            "access point",
        ],
    ) {
        PickupPoint
    } else if has(t, &["resident", "in person", "persönlich"]) {
        HandedToResident
    } else if has(t, &["signed for", "signed by", "unterschrieben"]) {
        Signed
    } else {
        return None;
    })
}
