//! What the formal tone means, as a check: every wording a shopper can read from a brand with
//! `tone = "formal"` (templates, choice labels, carrier phrases, timeline sentences and the
//! sentence for every situation) is held to it here, in every language.

use super::i18n::{self, Key};
use super::situation::{Eta, EtaSource, Situation};
use super::text::situation_sentence;
use super::Choice;
use crate::carrier::{
    describe_in_tone, reason_phrase_in, DeliveryLocation, ExceptionReason, Lang, Translation,
    UnifiedStatus,
};
use crate::domain::{Order, Policy, PolicyData, Tone};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// What reads as casual in a formal text: exclamations in every language; contractions and
/// casual words in English; the familiar "you" (tú, tu, du and their forms) in Spanish, French
/// and German, with a few casual openers. Empty when the text reads formally.
fn casual_marks(lang: Lang, text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let mut marks: Vec<String> = ['!', '¡']
        .iter()
        .filter(|c| text.contains(**c))
        .map(|c| c.to_string())
        .collect();
    let (familiar, phrases): (&[&str], &[&str]) = match lang {
        Lang::En => (
            &["okay", "ok", "hi", "hey", "thanks", "sorry", "yeah"],
            &["good news", "keep an eye", "just ask", "sort out", "chase"],
        ),
        Lang::Es => (
            &[
                "tú",
                "tu",
                "tus",
                "te",
                "ti",
                "contigo",
                "tuyo",
                "tuya",
                "puedes",
                "quieres",
                "prefieres",
                "esperas",
                "recibirás",
                "usaste",
                "compraste",
                "verificaste",
                "tengas",
                "recojas",
                "pregúntame",
                "perdona",
                "revisa",
                "mira",
                "lleva",
                "responde",
                "abre",
                "verifícalo",
                "ayudarte",
                "pasarte",
                "decirte",
                "prometértelo",
            ],
            &["buenas noticias"],
        ),
        Lang::Fr => (
            &["tu", "te", "toi", "ton", "ta", "tes", "désolé"],
            &["bonne nouvelle"],
        ),
        Lang::De => (
            &[
                "du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines",
                "euch", "euer", "eure", "hallo",
            ],
            &["gute nachricht"],
        ),
    };
    for w in &words {
        let contraction = lang == Lang::En
            && w.split_once(['\'', '’']).is_some_and(|(stem, end)| {
                matches!(end, "t" | "re" | "ve" | "ll" | "m" | "d")
                    || (end == "s"
                        && matches!(
                            stem,
                            "it" | "that"
                                | "there"
                                | "what"
                                | "here"
                                | "let"
                                | "who"
                                | "where"
                                | "how"
                                | "he"
                                | "she"
                        ))
            });
        // French elides "te" before a vowel: "t'envoie".
        let elided = lang == Lang::Fr && w.starts_with("t'");
        if contraction || elided || familiar.contains(w) {
            marks.push((*w).to_owned());
        }
    }
    marks.extend(
        phrases
            .iter()
            .filter(|p| lower.contains(**p))
            .map(|p| (*p).to_owned()),
    );
    marks
}

fn assert_formal(lang: Lang, text: &str, what: &str) {
    let marks = casual_marks(lang, text);
    assert!(
        marks.is_empty(),
        "{what} in {lang:?} reads casually ({marks:?}): {text}"
    );
}

#[test]
fn the_check_finds_what_reads_casually_and_nothing_else() {
    for (lang, casual, formal) in [
        (Lang::En, "Good news! It's here.", "It is here."),
        (
            Lang::En,
            "I'm sorry, we can't.",
            "The carrier's scan is {brand}'s.",
        ),
        (
            Lang::Es,
            "¿Quieres que te lo envíe?",
            "¿Desea que se lo envíe?",
        ),
        (Lang::Es, "Tu pedido", "Su pedido"),
        (
            Lang::Fr,
            "Tu veux que je t'envoie ta commande ?",
            "Votre commande.",
        ),
        (
            Lang::De,
            "Hallo! Deine Bestellung",
            "Guten Tag. Ihre Bestellung",
        ),
    ] {
        assert!(!casual_marks(lang, casual).is_empty(), "{casual}");
        assert_eq!(casual_marks(lang, formal), Vec::<String>::new(), "{formal}");
    }
}

#[test]
fn every_template_has_a_formal_wording_in_every_language() {
    let mut casual_friendly = 0;
    for key in Key::ALL {
        for lang in Lang::ALL {
            let friendly = i18n::say(lang, Tone::Friendly, *key, &[]);
            let formal = i18n::say(lang, Tone::Formal, *key, &[]);
            if !casual_marks(lang, &friendly).is_empty() {
                casual_friendly += 1;
                assert_ne!(
                    formal, friendly,
                    "{key:?} in {lang:?} has no formal wording"
                );
            }
            assert_formal(lang, &formal, &format!("{key:?}"));
        }
    }
    // The check is not vacuous: many friendly wordings are casual (the Spanish ones say "tú").
    assert!(casual_friendly >= 80, "{casual_friendly}");
}

#[test]
fn choice_labels_and_carrier_phrases_read_formally() {
    for lang in Lang::ALL {
        for c in Choice::ALL {
            assert_formal(lang, i18n::choice(lang, c), &format!("{c:?}"));
        }
        for r in ExceptionReason::ALL {
            assert_formal(lang, reason_phrase_in(r, lang), &format!("{r:?}"));
        }
        for l in DeliveryLocation::ALL {
            assert_formal(
                lang,
                i18n::location(lang, Tone::Formal, l),
                &format!("{l:?}"),
            );
        }
        // The card's timeline: every status, with and without a reason or a location.
        let reasons = ExceptionReason::ALL.map(Some);
        let locations = DeliveryLocation::ALL.map(Some);
        for status in UnifiedStatus::ALL {
            for (reason, location) in reasons
                .iter()
                .map(|r| (*r, None))
                .chain(locations.iter().map(|l| (None, *l)))
                .chain([(None, None)])
            {
                let t = Translation {
                    status,
                    reason,
                    location,
                    step: None,
                };
                let text = describe_in_tone(&t, Some("Leipzig"), lang, Tone::Formal);
                assert_formal(lang, &text, &format!("{status:?}"));
            }
        }
    }
}

fn order(now: DateTime<Utc>) -> Order {
    serde_json::from_value(serde_json::json!({
        "number": "1001", "created_at": (now - Duration::days(3)).to_rfc3339(),
        "customer": {"email": "sam@example.com"},
        "shipping_address": {"postcode": "10001", "country": "US"},
        "line_items": [{"id": "a", "title": "Boots", "quantity": 1,
                        "price": {"minor": 4500, "currency": "USD"}}],
        "fulfillment_status": "unfulfilled",
    }))
    .unwrap()
}

/// One of every situation, with each reason, each drop-off place and each kind of estimate.
fn every_situation(now: DateTime<Utc>) -> Vec<Situation> {
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let ago = now - Duration::hours(30);
    let eta = |source, latest| {
        Some(Eta {
            earliest: day,
            latest,
            source,
        })
    };
    let mut all = vec![
        Situation::Processing { ship_by: day },
        Situation::LateInWarehouse {
            ship_by: day,
            business_days_late: 3,
        },
        Situation::AwaitingStock {
            available_from: now + Duration::days(9),
        },
        Situation::LabelCreated { since: ago },
        Situation::AwaitingCarrierPickup {
            since: ago,
            hours: 30,
        },
        Situation::OutForDelivery {
            last_scan: ago,
            place: None,
        },
        Situation::DeliveryAttempted { at: ago },
        Situation::AvailableForPickup {
            since: ago,
            place: None,
        },
        Situation::Exception {
            at: ago,
            reason: None,
        },
        Situation::Stalled {
            last_scan: ago,
            hours: 120,
        },
        Situation::ReturningToSender { at: ago },
        Situation::Lost { at: ago },
        Situation::Cancelled { at: ago },
    ];
    for (place, eta, late) in [
        (None, None, false),
        (
            Some("Secaucus, NJ".to_owned()),
            eta(EtaSource::Carrier, day),
            false,
        ),
        (None, eta(EtaSource::Policy, day), false),
        (None, eta(EtaSource::Policy, day + Duration::days(2)), false),
        (None, eta(EtaSource::Policy, day), true),
    ] {
        all.push(Situation::InTransit {
            last_scan: ago,
            place,
            eta,
            late,
        });
    }
    all.extend(ExceptionReason::ALL.map(|r| Situation::Exception {
        at: ago,
        reason: Some(r),
    }));
    all.extend(
        DeliveryLocation::ALL
            .map(Some)
            .into_iter()
            .chain([None])
            .map(|location| Situation::Delivered {
                at: ago,
                location,
                place: None,
            }),
    );
    all
}

#[test]
fn every_situation_is_told_formally_in_every_language() {
    let now: DateTime<Utc> = "2026-11-19T15:00:00Z".parse().unwrap();
    let policy = Policy::new(PolicyData {
        tone: Tone::Formal,
        ..PolicyData::default()
    })
    .unwrap();
    let order = order(now);
    for s in every_situation(now) {
        for lang in Lang::ALL {
            let text = situation_sentence(&s, "UPS", &order, &policy, now, lang);
            assert_formal(lang, &text, s.kind());
        }
    }
}
