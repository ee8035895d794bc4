//! What shoppers read: a plain sentence in their language for every row of the reference data,
//! never the carrier's code or words; and no input, however broken, makes the core panic.

// Tests and benches read the shared reference data; only the core itself does no I/O.
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use wismo::carrier::parse::{parse, parse_any, Format};
use wismo::carrier::{
    describe, location_phrase_in, reason_phrase_in, recognise, translate, translate_plain, Carrier,
    DeliveryLocation, ExceptionReason, Lang, Translation, UnifiedStatus,
};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/carriers");

/// Codes made of lowercase words ("delivered", "in_transit") are ordinary vocabulary; codes
/// with capitals or digits ("DL", "X/48", "OP-61") are jargon and must never be shown.
fn is_jargon(code: &str) -> bool {
    let code = code.trim();
    code.chars().filter(char::is_ascii_alphanumeric).count() >= 2
        && code
            .chars()
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn contains_token(text: &str, token: &str) -> bool {
    text.match_indices(token).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + token.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn no_sentence_repeats_a_carrier_code_or_description() {
    let data = std::fs::read_to_string(format!("{DATA}/carrier_codes.tsv")).unwrap();
    let mut leaks = Vec::new();
    let mut rows = 0;
    let mut unknown = 0;
    for line in data.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [carrier, code, description, ..] = cols[..] else {
            continue;
        };
        rows += 1;
        let carrier = Carrier::parse(carrier);
        if translate(&carrier, code, description).status == UnifiedStatus::Unknown {
            unknown += 1;
        }
        for lang in Lang::ALL {
            let text = translate_plain(&carrier, code, description, None, lang).text;
            assert!(!text.trim().is_empty());
            // One-word descriptions ("Delivered") are ordinary words; a phrase is the carrier's.
            let d = description.trim();
            if d.split_whitespace().count() >= 2 && text.to_lowercase().contains(&d.to_lowercase())
            {
                leaks.push(format!("{lang:?}: {d:?} in {text:?}"));
            }
            if is_jargon(code) && contains_token(&text, code.trim()) {
                leaks.push(format!("{lang:?}: code {code:?} in {text:?}"));
            }
        }
    }
    println!(
        "{rows} rows x 4 languages, {} leaks, {unknown} rows unknown",
        leaks.len()
    );
    assert!(rows > 2500);
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

#[test]
fn every_status_reason_and_location_reads_in_four_languages() {
    let reasons = [
        ExceptionReason::Weather,
        ExceptionReason::AddressProblem,
        ExceptionReason::RecipientUnavailable,
        ExceptionReason::Refused,
        ExceptionReason::Damaged,
        ExceptionReason::CustomsHold,
        ExceptionReason::DutiesUnpaid,
        ExceptionReason::HeldByCarrier,
        ExceptionReason::MissortedOrDelayed,
        ExceptionReason::Security,
        ExceptionReason::Lost,
    ];
    let locations = [
        DeliveryLocation::FrontDoor,
        DeliveryLocation::BackDoor,
        DeliveryLocation::SideDoor,
        DeliveryLocation::Porch,
        DeliveryLocation::Garage,
        DeliveryLocation::Mailbox,
        DeliveryLocation::ParcelLocker,
        DeliveryLocation::Reception,
        DeliveryLocation::Neighbour,
        DeliveryLocation::SafePlace,
        DeliveryLocation::PickupPoint,
        DeliveryLocation::HandedToResident,
        DeliveryLocation::Signed,
    ];
    for lang in [Lang::Es, Lang::Fr, Lang::De] {
        for r in reasons {
            assert_ne!(reason_phrase_in(r, lang), reason_phrase_in(r, Lang::En));
        }
        for l in locations {
            assert_ne!(location_phrase_in(l, lang), location_phrase_in(l, Lang::En));
        }
        for status in UnifiedStatus::ALL {
            let t = Translation {
                status,
                reason: None,
                location: None,
                step: None,
            };
            let text = describe(&t, Some("Leipzig"), lang);
            assert_ne!(text, describe(&t, Some("Leipzig"), Lang::En), "{status:?}");
        }
    }
    // A locale we do not write falls back to English.
    assert_eq!(Lang::from_locale("it-IT"), Lang::En);
}

#[test]
fn sentences_fill_in_place_reason_and_location() {
    let t = translate(
        &Carrier::Ups,
        "X/WE",
        "SEVERE WEATHER CONDITIONS HAVE DELAYED DELIVERY",
    );
    expect_test::expect!["Ihr Paket wird in Buffalo, NY aufgehalten: schlechtes Wetter verzögert die Zustellung. Wir behalten es im Blick."]
        .assert_eq(&describe(&t, Some("Buffalo, NY"), Lang::De));
    let t = translate(
        &Carrier::Fedex,
        "DL",
        "Left at front door. Signature Service not requested.",
    );
    expect_test::expect!["Votre colis a été livré : déposé devant la porte d'entrée."]
        .assert_eq(&describe(&t, None, Lang::Fr));
    let t = translate(
        &Carrier::Dhl,
        "",
        "Die Sendung wurde in die Packstation eingelegt und zugestellt",
    );
    expect_test::expect!["Tu paquete fue entregado: se dejó en un casillero de paquetes."]
        .assert_eq(&describe(&t, None, Lang::Es));
}

/// Fixture documents cut short or with a byte changed: the likeliest broken input in practice.
fn fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(format!("{DATA}/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xml" || e == "json") {
            out.push(std::fs::read_to_string(path).unwrap());
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsers_never_panic_on_random_strings(input in any::<String>()) {
        for f in Format::ALL {
            let _ = parse(f, &input);
        }
        let _ = parse_any(&input);
    }

    #[test]
    fn parsers_never_panic_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let input = String::from_utf8_lossy(&bytes);
        for f in Format::ALL {
            let _ = parse(f, &input);
        }
    }

    #[test]
    fn parsers_never_panic_on_damaged_fixtures(pick in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let docs = fixtures();
        let doc = pick.get(&docs);
        let mut bytes = doc.as_bytes().to_vec();
        let at = cut.index(bytes.len().max(1));
        let truncated = String::from_utf8_lossy(&bytes[..at.min(bytes.len())]).into_owned();
        if at < bytes.len() {
            bytes[at] = byte;
        }
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        for f in Format::ALL {
            let _ = parse(f, &truncated);
            let _ = parse(f, &mutated);
        }
    }

    #[test]
    fn translate_and_recognise_never_panic(carrier in any::<String>(), code in any::<String>(), text in any::<String>()) {
        let c = Carrier::parse(&carrier);
        for lang in Lang::ALL {
            let p = translate_plain(&c, &code, &text, Some(&carrier), lang);
            prop_assert!(!p.text.is_empty());
        }
        let _ = recognise(&code);
        let _ = recognise(&text);
    }
}
