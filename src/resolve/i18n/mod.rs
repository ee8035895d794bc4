//! The resolver's words in English, Spanish, French and German: templates with named slots in the
//! brand's tone, and dates, durations and amounts written the way each language writes them.

mod templates;

pub use templates::Key;

use crate::carrier::{DeliveryLocation, ExceptionReason, Lang};
use crate::domain::Tone;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Where a delivered parcel was left, as a phrase that completes the delivered-with-note
/// sentence: the carrier language's own wording, so the timeline and the reply agree.
pub fn location(lang: Lang, tone: Tone, l: DeliveryLocation) -> &'static str {
    crate::carrier::location_phrase_in_tone(l, lang, tone)
}

/// Why a parcel is held up, as a phrase that completes the exception sentence.
pub fn reason(lang: Lang, r: ExceptionReason) -> &'static str {
    crate::carrier::reason_phrase_in(r, lang)
}

/// A choice as a noun phrase for "What would you prefer: …?". The labels read the same in
/// both tones (noun phrases and infinitives carry no register), which keeps quick-reply buttons
/// and `pick_choice` in step.
pub fn choice(lang: Lang, c: super::action::Choice) -> &'static str {
    use super::action::Choice::*;
    let row: [&'static str; 4] = match c {
        Reship => [
            "a replacement sent now",
            "un reenvío ahora",
            "un renvoi immédiat",
            "eine Ersatzlieferung jetzt",
        ],
        ExpeditedReship => [
            "a replacement by express",
            "un reenvío urgente",
            "un renvoi en express",
            "eine Ersatzlieferung per Express",
        ],
        Refund => [
            "a refund",
            "un reembolso",
            "un remboursement",
            "eine Erstattung",
        ],
        StoreCredit => [
            "store credit",
            "saldo en la tienda",
            "un avoir",
            "ein Guthaben",
        ],
        Wait => [
            "waiting a little longer",
            "esperar un poco más",
            "attendre encore un peu",
            "noch etwas warten",
        ],
        CarrierRedirect => [
            "asking the carrier to redirect it",
            "pedir al transportista que lo desvíe",
            "demander au transporteur de la réacheminer",
            "den Versanddienst um eine Umleitung bitten",
        ],
        OpenClaim => [
            "a claim with the carrier",
            "una reclamación al transportista",
            "une réclamation auprès du transporteur",
            "einen Nachforschungsauftrag",
        ],
        TalkToPerson => [
            "talking to a person",
            "hablar con una persona",
            "parler à une personne",
            "mit einer Person sprechen",
        ],
    };
    row[idx(lang)]
}

/// Fills `{name}` slots; unknown slots are left as they are so a missing value shows in tests.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in slots {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A template in the brand's tone with its slots filled.
pub fn say(lang: Lang, tone: Tone, key: Key, slots: &[(&str, &str)]) -> String {
    fill(templates::template(lang, tone, key), slots)
}

const WEEKDAYS: [[&str; 7]; 4] = [
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ],
    [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ],
];

fn idx(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Es => 1,
        Lang::Fr => 2,
        Lang::De => 3,
    }
}

/// Dates further than this from today say their year.
const YEAR_AFTER_DAYS: i64 = 150;

/// "Tuesday 24 November", "martes 24 de noviembre", "mardi 24 novembre", "Dienstag, 24. November";
/// with the year when `d` is months away from `today` ("Friday 31 December 2021"), so a date from
/// another year is never mistaken for this one.
pub fn date(lang: Lang, d: NaiveDate, today: NaiveDate) -> String {
    let wd = WEEKDAYS[idx(lang)][d.weekday().num_days_from_monday() as usize];
    let m = crate::carrier::MONTHS[idx(lang)][d.month0() as usize];
    let day = d.day();
    let far = (d - today).num_days().abs() > YEAR_AFTER_DAYS;
    let year = d.year();
    match (lang, far) {
        (Lang::En, false) => format!("{wd} {day} {m}"),
        (Lang::En, true) => format!("{wd} {day} {m} {year}"),
        (Lang::Es, false) => format!("{wd} {day} de {m}"),
        (Lang::Es, true) => format!("{wd} {day} de {m} de {year}"),
        (Lang::Fr, false) => format!("{wd} {day} {m}"),
        (Lang::Fr, true) => format!("{wd} {day} {m} {year}"),
        (Lang::De, false) => format!("{wd}, {day}. {m}"),
        (Lang::De, true) => format!("{wd}, {day}. {m} {year}"),
    }
}

/// How long ago, without the "ago" word: "3 hours", "2 days".
pub fn duration(lang: Lang, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let mins = (now - then).num_minutes().max(0);
    let (n, unit) = match mins {
        0..=59 => (mins.max(1), 0),
        60..=2879 => (mins / 60, 1),
        _ => (mins / 1440, 2),
    };
    let one = n == 1;
    let word = match (lang, unit, one) {
        (Lang::En, 0, true) => "minute",
        (Lang::En, 0, false) => "minutes",
        (Lang::En, 1, true) => "hour",
        (Lang::En, 1, false) => "hours",
        (Lang::En, _, true) => "day",
        (Lang::En, _, false) => "days",
        (Lang::Es, 0, true) => "minuto",
        (Lang::Es, 0, false) => "minutos",
        (Lang::Es, 1, true) => "hora",
        (Lang::Es, 1, false) => "horas",
        (Lang::Es, _, true) => "día",
        (Lang::Es, _, false) => "días",
        (Lang::Fr, 0, _) => {
            if one {
                "minute"
            } else {
                "minutes"
            }
        }
        (Lang::Fr, 1, _) => {
            if one {
                "heure"
            } else {
                "heures"
            }
        }
        (Lang::Fr, _, _) => {
            if one {
                "jour"
            } else {
                "jours"
            }
        }
        (Lang::De, 0, true) => "Minute",
        (Lang::De, 0, false) => "Minuten",
        (Lang::De, 1, true) => "Stunde",
        (Lang::De, 1, false) => "Stunden",
        (Lang::De, _, true) => "Tag",
        (Lang::De, _, false) => "Tagen",
    };
    // German "vor" takes the dative plural (Stunden, Tagen); English, Spanish and French do not.
    format!("{n} {word}")
}

/// "3 hours ago", "hace 3 horas", "il y a 3 heures", "vor 3 Stunden".
pub fn ago(lang: Lang, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let d = duration(lang, then, now);
    match lang {
        Lang::En => format!("{d} ago"),
        Lang::Es => format!("hace {d}"),
        Lang::Fr => format!("il y a {d}"),
        Lang::De => format!("vor {d}"),
    }
}

/// "Parcel 1 or Parcel 2": choices joined with the language's "or".
pub fn or_list(lang: Lang, items: &[String]) -> String {
    let or = match lang {
        Lang::En => "or",
        Lang::Es => "o",
        Lang::Fr => "ou",
        Lang::De => "oder",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    }
}

/// An amount of money written for shoppers: "$42.50", "42,50 €".
pub fn money(lang: Lang, minor: i64, currency: &str) -> String {
    let major = minor / 100;
    let cents = (minor % 100).abs();
    let symbol = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "CAD" => "CA$",
        "AUD" => "A$",
        other => other,
    };
    match lang {
        Lang::En => format!("{symbol}{major}.{cents:02}"),
        _ => format!("{major},{cents:02} {symbol}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_local_way() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
        assert_eq!(date(Lang::En, d, today), "Tuesday 24 November");
        assert_eq!(date(Lang::Es, d, today), "martes 24 de noviembre");
        assert_eq!(date(Lang::Fr, d, today), "mardi 24 novembre");
        assert_eq!(date(Lang::De, d, today), "Dienstag, 24. November");
    }

    // See: issue 14. A carrier's date from another year read as this year's.
    #[test]
    fn dates_months_away_say_their_year() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
        let old = NaiveDate::from_ymd_opt(2021, 12, 31).unwrap();
        assert_eq!(date(Lang::En, old, today), "Friday 31 December 2021");
        assert_eq!(
            date(Lang::Es, old, today),
            "viernes 31 de diciembre de 2021"
        );
        assert_eq!(date(Lang::Fr, old, today), "vendredi 31 décembre 2021");
        assert_eq!(date(Lang::De, old, today), "Freitag, 31. Dezember 2021");
        // Early next year is still close enough to go without.
        let soon = NaiveDate::from_ymd_opt(2027, 1, 8).unwrap();
        assert_eq!(date(Lang::En, soon, today), "Friday 8 January");
    }
}
