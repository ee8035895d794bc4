//! Carrier language: codes and scan texts from any carrier become one unified status, a reason,
//! a drop-off location and a plain sentence. Raw carrier text never reaches a shopper.

mod codes;
pub mod parse;
mod phrase;
pub mod place;
mod status;
mod text;
mod tracking_number;

pub(crate) use phrase::MONTHS;
pub use phrase::{
    describe, describe_in_tone, location_phrase, location_phrase_in, location_phrase_in_tone,
    reason_phrase, reason_phrase_in, Lang,
};
pub use status::{settled, DeliveryLocation, ExceptionReason, Step, UnifiedStatus};
pub use tracking_number::{recognise, Candidate};

use serde::{Deserialize, Serialize};
use std::fmt;

/// A carrier or a tracking platform whose vocabulary we know.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Carrier {
    Ups,
    Usps,
    Fedex,
    Dhl,
    CanadaPost,
    RoyalMail,
    HermesDe,
    AustraliaPost,
    Dpd,
    /// EasyPost tracker statuses.
    EasyPost,
    /// AfterShip tags.
    AfterShip,
    /// Shopify's FulfillmentEventStatus, display status and REST `shipment_status`.
    Shopify,
    /// Shippo `tracking_status` (status and substatus).
    Shippo,
    /// 17TRACK statuses and sub-statuses.
    Track17,
    /// Any other carrier, by its name as given (lowercased).
    Other(String),
}

impl Carrier {
    /// Recognises a carrier from its name as people and data files write it
    /// ("UPS", "FedEx (exception code) [observed]", "karrio:canadapost", "Canada Post").
    pub fn parse(raw: &str) -> Self {
        let s = raw.trim().to_ascii_lowercase();
        let s = s.strip_prefix("karrio:").unwrap_or(&s);
        let key: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let starts = |p: &str| key.starts_with(p);
        if starts("usps") || starts("unitedstatespostal") {
            Self::Usps
        } else if starts("ups") {
            Self::Ups
        } else if starts("fedex") {
            Self::Fedex
        } else if starts("dhl") || starts("mydhl") {
            Self::Dhl
        } else if starts("canadapost") || starts("postescanada") {
            Self::CanadaPost
        } else if starts("royalmail") {
            Self::RoyalMail
        } else if starts("hermes") || starts("evri") {
            Self::HermesDe
        } else if starts("australiapost") || starts("auspost") {
            Self::AustraliaPost
        } else if starts("dpd") {
            Self::Dpd
        } else if starts("easypost") {
            Self::EasyPost
        } else if starts("aftership") {
            Self::AfterShip
        } else if starts("shopify") {
            Self::Shopify
        } else if starts("shippo") {
            Self::Shippo
        } else if starts("17track") || starts("track17") || starts("seventeentrack") {
            Self::Track17
        } else {
            Self::Other(s.to_owned())
        }
    }

    /// The slug used in JSON and storage.
    pub fn slug(&self) -> &str {
        match self {
            Self::Ups => "ups",
            Self::Usps => "usps",
            Self::Fedex => "fedex",
            Self::Dhl => "dhl",
            Self::CanadaPost => "canada_post",
            Self::RoyalMail => "royal_mail",
            Self::HermesDe => "hermes_de",
            Self::AustraliaPost => "australia_post",
            Self::Dpd => "dpd",
            Self::EasyPost => "easypost",
            Self::AfterShip => "aftership",
            Self::Shopify => "shopify",
            Self::Shippo => "shippo",
            Self::Track17 => "17track",
            Self::Other(s) => s,
        }
    }

    /// The name a shopper knows the carrier by.
    pub fn display_name(&self) -> &str {
        match self {
            Self::Ups => "UPS",
            Self::Usps => "USPS",
            Self::Fedex => "FedEx",
            Self::Dhl => "DHL",
            Self::CanadaPost => "Canada Post",
            Self::RoyalMail => "Royal Mail",
            Self::HermesDe => "Hermes",
            Self::AustraliaPost => "Australia Post",
            Self::Dpd => "DPD",
            Self::EasyPost | Self::AfterShip | Self::Shopify | Self::Shippo | Self::Track17 => {
                "the carrier"
            }
            Self::Other(s) => s,
        }
    }
}

impl fmt::Display for Carrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

impl Serialize for Carrier {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

impl<'de> Deserialize<'de> for Carrier {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim().is_empty() {
            return Err(serde::de::Error::custom("carrier must not be empty"));
        }
        Ok(Self::parse(&s))
    }
}

/// What one carrier event means, in the unified vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    pub status: UnifiedStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<ExceptionReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<DeliveryLocation>,
    /// What happened, for a parcel in transit (picked up, arrived, left...), when said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Step>,
}

/// What an in-transit scan's carrier words say happened (see [`Step`]); `None` for any other
/// status or when the words only say the parcel is moving.
pub fn step(status: UnifiedStatus, description: &str) -> Option<Step> {
    (status == UnifiedStatus::InTransit)
        .then(|| text::step(&description.to_lowercase()))
        .flatten()
}

/// Translates a carrier's code and description. The code table narrows the status to one or a few
/// candidates and the description picks among them; an unknown code is classified from its
/// description alone (and, for codes that are words, such as `DELIVERED_AT_NEIGHBOURS`, from
/// the code's own words). The description also fills in the reason and the drop-off location.
pub fn translate(carrier: &Carrier, code: &str, description: &str) -> Translation {
    // Reading the words is the expensive part: skip it when the code alone decides.
    let by_text = || text::classify(description).status;
    let status = match codes::lookup(carrier, code) {
        Some([only]) => *only,
        Some(candidates) => {
            let read = by_text();
            if candidates.contains(&read) {
                read
            } else {
                candidates
                    .first()
                    .copied()
                    .unwrap_or(UnifiedStatus::Unknown)
            }
        }
        None => match by_text() {
            UnifiedStatus::Unknown => text::classify_code(code).status,
            read => read,
        },
    };
    let details = format!("{description} {}", text::code_words(code)).to_lowercase();
    let step = matches!(status, UnifiedStatus::InTransit | UnifiedStatus::Exception)
        .then(|| text::step(&details))
        .flatten();
    // A coarse exception code ("X" at UPS) whose words say customs let the parcel go is
    // progress, not a hold-up.
    let status = if status == UnifiedStatus::Exception && step == Some(Step::CustomsCleared) {
        UnifiedStatus::InTransit
    } else if status == UnifiedStatus::InTransit && text::on_the_van(&details) {
        UnifiedStatus::OutForDelivery
    } else {
        status
    };
    Translation {
        step: step.filter(|_| status == UnifiedStatus::InTransit),
        status,
        reason: match status {
            UnifiedStatus::Lost => Some(ExceptionReason::Lost),
            UnifiedStatus::Exception
            | UnifiedStatus::DeliveryAttempted
            | UnifiedStatus::ReturningToSender => text::reason(&details),
            _ => None,
        },
        location: match status {
            UnifiedStatus::Delivered => text::location(&details),
            // A parcel waiting for collection is in a locker or at a counter; "recipient" in
            // the carrier's words must not turn into "handed to someone at the address".
            UnifiedStatus::AvailableForPickup => text::location(&details).filter(|l| {
                matches!(
                    l,
                    DeliveryLocation::ParcelLocker | DeliveryLocation::PickupPoint
                )
            }),
            _ => None,
        },
    }
}

/// A translated event with its shopper-facing sentence: what `wismo translate --lang` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlainTranslation {
    #[serde(flatten)]
    pub translation: Translation,
    /// One plain sentence in the requested language; never the carrier's code or words.
    pub text: String,
}

/// [`translate`] followed by [`describe`]: the status, reason, location and a sentence in `lang`,
/// with the facility's `place` filled in when given.
pub fn translate_plain(
    carrier: &Carrier,
    code: &str,
    description: &str,
    place: Option<&str>,
    lang: Lang,
) -> PlainTranslation {
    let translation = translate(carrier, code, description);
    PlainTranslation {
        text: describe(&translation, place, lang),
        translation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carrier_names_from_data_files_are_recognised() {
        assert_eq!(
            Carrier::parse("FedEx (exception code) [observed]"),
            Carrier::Fedex
        );
        assert_eq!(Carrier::parse("karrio:canadapost"), Carrier::CanadaPost);
        assert_eq!(Carrier::parse("USPS [observed]"), Carrier::Usps);
        assert_eq!(Carrier::parse("UPS"), Carrier::Ups);
        assert_eq!(Carrier::parse("DHL Parcel Germany (ICE)"), Carrier::Dhl);
        assert_eq!(
            Carrier::parse("Acme Freight"),
            Carrier::Other("acme freight".into())
        );
    }

    #[test]
    fn known_codes_win_and_text_fills_in_the_details() {
        let t = translate(
            &Carrier::Fedex,
            "DL",
            "Left at front door. Signature Service not requested.",
        );
        assert_eq!(t.status, UnifiedStatus::Delivered);
        assert_eq!(t.location, Some(DeliveryLocation::FrontDoor));
        let t = translate(
            &Carrier::Ups,
            "X",
            "SEVERE WEATHER CONDITIONS HAVE DELAYED DELIVERY",
        );
        assert_eq!(t.status, UnifiedStatus::Exception);
        assert_eq!(t.reason, Some(ExceptionReason::Weather));
    }

    #[test]
    fn a_customs_release_is_progress_but_a_pending_one_is_a_hold() {
        let released = translate(
            &Carrier::Ups,
            "X/SR",
            "Your package was released by the customs agency.",
        );
        assert_eq!(released.status, UnifiedStatus::InTransit);
        assert_eq!(released.step, Some(Step::CustomsCleared));
        for words in [
            "Your package has not yet been released by the customs agency.",
            "Die Sendung wurde noch nicht vom Zoll freigegeben",
            "Pendiente de ser liberado por la aduana",
        ] {
            let t = translate(&Carrier::Ups, "X/SR", words);
            assert_ne!(t.status, UnifiedStatus::InTransit, "{words}");
        }
    }

    #[test]
    fn unknown_codes_are_classified_from_their_text() {
        let t = translate(
            &Carrier::Dhl,
            "ZZ9",
            "Die Sendung wurde dem Nachbarn übergeben",
        );
        assert_eq!(t.status, UnifiedStatus::Delivered);
        assert_eq!(t.location, Some(DeliveryLocation::Neighbour));
        let t = translate(&Carrier::Other("acme".into()), "", "Arrival Scan");
        assert_eq!(t.status, UnifiedStatus::InTransit);
    }
}
