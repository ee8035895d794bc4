//! Shopper-facing wording for situations: short, specific, honest, never raw carrier text.

use super::i18n::{self, say, Key};
use super::situation::{EtaSource, Situation};
use crate::carrier::Lang;
use crate::domain::{Order, Policy};
use chrono::{DateTime, Utc};

/// A two-to-four word label for the card, in the shopper's language.
pub fn headline(s: &Situation, lang: Lang) -> &'static str {
    let i = match lang {
        Lang::En => 0,
        Lang::Es => 1,
        Lang::Fr => 2,
        Lang::De => 3,
    };
    let row: [&'static str; 4] = match s {
        Situation::Processing { .. } => [
            "Being prepared",
            "En preparación",
            "En préparation",
            "Wird vorbereitet",
        ],
        Situation::LateInWarehouse { .. } => [
            "Delayed in our warehouse",
            "Retrasado en el almacén",
            "Retardée à l'entrepôt",
            "Verzögert im Lager",
        ],
        Situation::AwaitingStock { .. } => [
            "Waiting for stock",
            "Esperando stock",
            "En attente de stock",
            "Wartet auf Ware",
        ],
        Situation::LabelCreated { .. } => [
            "Label created",
            "Etiqueta creada",
            "Étiquette créée",
            "Label erstellt",
        ],
        Situation::AwaitingCarrierPickup { .. } => [
            "Waiting for carrier pickup",
            "Esperando recogida",
            "En attente d'enlèvement",
            "Wartet auf Abholung",
        ],
        Situation::InTransit { late: false, .. } => {
            ["In transit", "En camino", "En route", "Unterwegs"]
        }
        Situation::InTransit { late: true, .. } => [
            "In transit, running late",
            "En camino, con retraso",
            "En route, en retard",
            "Unterwegs, verspätet",
        ],
        Situation::OutForDelivery { .. } => [
            "Out for delivery",
            "En reparto",
            "En cours de livraison",
            "In Zustellung",
        ],
        Situation::DeliveryAttempted { .. } => [
            "Delivery attempted",
            "Intento de entrega",
            "Tentative de livraison",
            "Zustellversuch",
        ],
        Situation::AvailableForPickup { .. } => [
            "Ready for pickup",
            "Listo para recoger",
            "Prêt à retirer",
            "Abholbereit",
        ],
        Situation::Delivered { .. } => ["Delivered", "Entregado", "Livré", "Zugestellt"],
        Situation::Exception { .. } => ["Delayed", "Retrasado", "Retardé", "Verzögert"],
        Situation::Stalled { .. } => [
            "No recent updates",
            "Sin novedades recientes",
            "Pas de mise à jour récente",
            "Keine neuen Scans",
        ],
        Situation::ReturningToSender { .. } => [
            "Returning to us",
            "Volviendo a nosotros",
            "En retour vers nous",
            "Auf dem Rückweg zu uns",
        ],
        Situation::Lost { .. } => [
            "Lost by the carrier",
            "Perdido por el transportista",
            "Perdu par le transporteur",
            "Vom Versanddienst verloren",
        ],
        Situation::Cancelled { .. } => ["Cancelled", "Cancelado", "Annulée", "Storniert"],
    };
    row[i]
}

fn place_of(place: &Option<String>) -> Option<String> {
    place
        .as_deref()
        .and_then(crate::carrier::place::for_shopper)
}

/// The sentence(s) about one situation, with the carrier's name and the data's freshness.
pub fn situation_sentence(
    s: &Situation,
    carrier: &str,
    order: &Order,
    policy: &Policy,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    let tz = policy.tz();
    let today = now.with_timezone(&tz).date_naive();
    let day = |t: &DateTime<Utc>| i18n::date(lang, t.with_timezone(&tz).date_naive(), today);
    let number = order.display_name();
    let base: Vec<(&str, String)> = vec![("order", number), ("carrier", carrier.to_owned())];
    let with = |extra: Vec<(&'static str, String)>| {
        let mut v = base.clone();
        v.extend(extra);
        v
    };
    let fill = |key: Key, slots: Vec<(&str, String)>| {
        let refs: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
        say(lang, policy.tone, key, &refs)
    };
    let ago = |t: &DateTime<Utc>| {
        vec![
            ("ago", i18n::ago(lang, *t, now)),
            ("ago_bare", i18n::duration(lang, *t, now)),
        ]
    };
    match s {
        Situation::Processing { ship_by } => fill(
            Key::Processing,
            with(vec![("date", i18n::date(lang, *ship_by, today))]),
        ),
        Situation::LateInWarehouse {
            ship_by,
            business_days_late,
        } => fill(
            Key::LateInWarehouse,
            with(vec![
                ("date", i18n::date(lang, *ship_by, today)),
                ("days", business_days_late.to_string()),
            ]),
        ),
        Situation::AwaitingStock { available_from } => fill(
            Key::AwaitingStock,
            with(vec![("date", day(available_from))]),
        ),
        Situation::LabelCreated { since } => fill(Key::LabelCreated, with(ago(since))),
        Situation::AwaitingCarrierPickup { since, hours } => {
            let mut v = ago(since);
            v.push(("hours", hours.to_string()));
            fill(Key::AwaitingPickup, with(v))
        }
        Situation::InTransit {
            last_scan,
            place,
            eta,
            late,
        } => {
            let mut v = ago(last_scan);
            let key = match place_of(place) {
                Some(p) => {
                    v.push(("place", p));
                    Key::InTransitPlace
                }
                None => Key::InTransit,
            };
            let mut out = fill(key, with(v));
            if let Some(e) = eta {
                let (a, b) = (
                    i18n::date(lang, e.earliest, today),
                    i18n::date(lang, e.latest, today),
                );
                let sentence = if *late {
                    fill(Key::InTransitLate, with(vec![("date", b)]))
                } else {
                    match e.source {
                        EtaSource::Carrier => fill(Key::EtaCarrier, with(vec![("date", a)])),
                        EtaSource::Policy if e.earliest == e.latest => {
                            fill(Key::EtaDay, with(vec![("date", a)]))
                        }
                        EtaSource::Policy => {
                            fill(Key::EtaRange, with(vec![("date", a), ("date2", b)]))
                        }
                    }
                };
                out.push(' ');
                out.push_str(&sentence);
            }
            out
        }
        Situation::OutForDelivery { last_scan, .. } => {
            fill(Key::OutForDelivery, with(ago(last_scan)))
        }
        Situation::DeliveryAttempted { at } => {
            fill(Key::DeliveryAttempted, with(vec![("date", day(at))]))
        }
        Situation::AvailableForPickup { since, .. } => {
            fill(Key::AvailableForPickup, with(vec![("date", day(since))]))
        }
        Situation::Delivered { at, location, .. } => match location {
            Some(l) => fill(
                Key::DeliveredNote,
                with(vec![
                    ("date", day(at)),
                    ("where", i18n::location(lang, policy.tone, *l).to_owned()),
                ]),
            ),
            None => fill(Key::DeliveredNoNote, with(vec![("date", day(at))])),
        },
        Situation::Exception { at, reason } => match reason {
            Some(r) => fill(
                Key::ExceptionReason,
                with(vec![
                    ("date", day(at)),
                    ("reason", i18n::reason(lang, *r).to_owned()),
                ]),
            ),
            None => fill(Key::Exception, with(vec![("date", day(at))])),
        },
        Situation::Stalled { last_scan, hours } => fill(
            Key::Stalled,
            with(vec![
                ("days", (hours / 24).to_string()),
                ("date", day(last_scan)),
            ]),
        ),
        Situation::ReturningToSender { at } => fill(Key::Returning, with(vec![("date", day(at))])),
        Situation::Lost { .. } => fill(Key::Lost, base.clone()),
        Situation::Cancelled { at } => fill(Key::Cancelled, with(vec![("date", day(at))])),
    }
}

/// The policy's processing and transit promise, for "how long does shipping take?".
pub fn delivery_time_info(policy: &Policy, lang: Lang) -> String {
    let t = policy.transit("standard");
    say(
        lang,
        policy.tone,
        Key::DeliveryTimeInfo,
        &[
            ("days", &policy.processing_days.to_string()),
            ("min", &t.min.to_string()),
            ("max", &t.max.to_string()),
        ],
    )
}
