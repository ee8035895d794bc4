//! Dates and deadlines in a message ("Saturday", "by the 14th", "before Friday", "tomorrow",
//! "next week", "in time for Christmas"), resolved against the shopper's `now` and time zone.

use super::text;
use crate::Zone as Tz;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// How a date relates to what the shopper needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// "on Saturday", "tomorrow", "for the 14th": that day.
    On,
    /// "by Friday", "until the 14th": that day at the latest.
    By,
    /// "before Friday", "in time for Christmas": the day before at the latest.
    Before,
}

/// One date (or range of days) the message mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// The words that named it, folded ("next week", "the 14th").
    pub text: String,
    /// First day of the mention, in the shopper's time zone.
    pub start: NaiveDate,
    /// Last day (equal to `start` for a single day).
    pub end: NaiveDate,
    pub relation: Relation,
}

impl DateMention {
    /// The last day on which something can arrive and still meet this mention.
    pub fn latest(&self) -> NaiveDate {
        match self.relation {
            Relation::Before => self.start - Duration::days(1),
            Relation::On | Relation::By => self.end,
        }
    }
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("lunes", Weekday::Mon),
    ("martes", Weekday::Tue),
    ("miercoles", Weekday::Wed),
    ("jueves", Weekday::Thu),
    ("viernes", Weekday::Fri),
    ("sabado", Weekday::Sat),
    ("domingo", Weekday::Sun),
    ("lundi", Weekday::Mon),
    ("mardi", Weekday::Tue),
    ("mercredi", Weekday::Wed),
    ("jeudi", Weekday::Thu),
    ("vendredi", Weekday::Fri),
    ("samedi", Weekday::Sat),
    ("dimanche", Weekday::Sun),
    ("montag", Weekday::Mon),
    ("dienstag", Weekday::Tue),
    ("mittwoch", Weekday::Wed),
    ("donnerstag", Weekday::Thu),
    ("freitag", Weekday::Fri),
    ("samstag", Weekday::Sat),
    ("sonnabend", Weekday::Sat),
    ("sonntag", Weekday::Sun),
];

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("may", 5),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janvier", 1),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    ("januar", 1),
    ("februar", 2),
    ("marz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
];

/// Words before a date that make it a deadline.
const BY: &[&str] = &[
    "by",
    "until",
    "till",
    "latest",
    "hasta",
    "dici",
    "jusqu",
    "jusqua",
    "bis",
    "spatestens",
];
const BEFORE: &[&str] = &["before", "antes", "avant", "vor", "vorher"];

fn month(w: &str) -> Option<u32> {
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

/// "14", "14th", "1st", "2nd", "3rd", "1er", "14e", "14o" → 14.
fn day_number(w: &str) -> Option<u32> {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    if !matches!(
        suffix,
        "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "o" | "ro"
    ) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// The next date (today included) with this day of the month.
fn next_day_of_month(today: NaiveDate, day: u32) -> Option<NaiveDate> {
    (0..13).find_map(|k| {
        let m0 = today.month0() + k;
        let d = NaiveDate::from_ymd_opt(today.year() + (m0 / 12) as i32, m0 % 12 + 1, day)?;
        (d >= today).then_some(d)
    })
}

fn next_date(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), month, day)?;
    if this >= today {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, month, day)
    }
}

fn next_weekday(today: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (wd.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
    today + Duration::days(i64::from(ahead))
}

fn thanksgiving(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4)
}

/// Finds every date the message mentions, in order.
pub fn dates(text: &str, now: DateTime<Utc>, tz: Tz) -> Vec<DateMention> {
    let today = now.with_timezone(&tz).date_naive();
    // Shoppers in the United States write the month first ("03/14"); most others, Latin
    // America included, write the day first.
    let month_first = us_zone(tz.name());
    let text = numeric_dates(text, month_first);
    let folded = text::fold(&text);
    let w: Vec<&str> = text::words(&folded).collect();
    let mut out: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let at = |k: usize| w.get(k).copied().unwrap_or("");
        let prev = if i > 0 { at(i - 1) } else { "" };
        // (first day, last day, number of words used)
        let found: Option<(NaiveDate, NaiveDate, usize)> = match at(i) {
            "today" | "tonight" | "hoy" | "aujourdhui" | "heute" => Some((today, today, 1)),
            "day" if at(i + 1) == "after" && at(i + 2) == "tomorrow" => {
                Some((today + Duration::days(2), today + Duration::days(2), 3))
            }
            "pasado" if at(i + 1) == "manana" => {
                Some((today + Duration::days(2), today + Duration::days(2), 2))
            }
            "apres" if at(i + 1) == "demain" => {
                Some((today + Duration::days(2), today + Duration::days(2), 2))
            }
            "ubermorgen" => Some((today + Duration::days(2), today + Duration::days(2), 1)),
            "tomorrow" | "demain" => {
                Some((today + Duration::days(1), today + Duration::days(1), 1))
            }
            // "por la mañana" and "guten Morgen" are mornings, not tomorrow.
            "manana" if prev != "la" && prev != "esta" => {
                Some((today + Duration::days(1), today + Duration::days(1), 1))
            }
            "morgen" if !matches!(prev, "guten" | "heute" | "moin") => {
                Some((today + Duration::days(1), today + Duration::days(1), 1))
            }
            "next" | "proxima" | "nachste" | "nachsten" | "prochaine"
                if matches!(at(i + 1), "week" | "semana" | "woche" | "semaine") =>
            {
                let mon = next_weekday(today + Duration::days(1), Weekday::Mon);
                Some((mon, mon + Duration::days(6), 2))
            }
            "semana" if at(i + 1) == "que" && at(i + 2) == "viene" => {
                let mon = next_weekday(today + Duration::days(1), Weekday::Mon);
                Some((mon, mon + Duration::days(6), 3))
            }
            "semaine" if at(i + 1) == "prochaine" => {
                let mon = next_weekday(today + Duration::days(1), Weekday::Mon);
                Some((mon, mon + Duration::days(6), 2))
            }
            "this" | "esta" | "cette" | "diese" | "dieser"
                if matches!(at(i + 1), "week" | "semana" | "semaine" | "woche") =>
            {
                Some((today, next_weekday(today, Weekday::Sun), 2))
            }
            "weekend" | "wochenende" => {
                let sat = next_weekday(today, Weekday::Sat);
                Some((sat, sat + Duration::days(1), 1))
            }
            "fin" if at(i + 1) == "de" && at(i + 2) == "semana" => {
                let sat = next_weekday(today, Weekday::Sat);
                Some((sat, sat + Duration::days(1), 3))
            }
            "in" | "en" | "dans" if at(i + 1).parse::<i64>().is_ok() => {
                let n: i64 = at(i + 1).parse().unwrap_or(0);
                match at(i + 2) {
                    "days" | "dias" | "jours" | "tagen" if (1..=60).contains(&n) => {
                        let d = today + Duration::days(n);
                        Some((d, d, 3))
                    }
                    "weeks" | "semanas" | "semaines" | "wochen" if (1..=8).contains(&n) => {
                        let d = today + Duration::days(7 * n);
                        Some((d, d, 3))
                    }
                    _ => None,
                }
            }
            "christmas" | "xmas" | "navidad" | "noel" | "weihnachten" => {
                let eve = matches!(prev, "eve") || at(i + 1) == "eve";
                next_date(today, 12, if eve { 24 } else { 25 }).map(|d| (d, d, 1))
            }
            "nochebuena" | "heiligabend" => next_date(today, 12, 24).map(|d| (d, d, 1)),
            "valentines" | "valentin" | "valentinstag" => {
                next_date(today, 2, 14).map(|d| (d, d, 1))
            }
            "halloween" => next_date(today, 10, 31).map(|d| (d, d, 1)),
            "thanksgiving" => thanksgiving(today.year())
                .filter(|d| *d >= today)
                .or_else(|| thanksgiving(today.year() + 1))
                .map(|d| (d, d, 1)),
            word => {
                if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == word) {
                    let d = next_weekday(today, wd);
                    Some((d, d, 1))
                } else if let Some(day) = day_number(word) {
                    // "14 March", "the 14th", "el 14", "le 14", "am 14."; a bare "14" only
                    // after a deadline word, so "2 shirts" is not a date.
                    let m_after = month(at(i + 1));
                    let the = matches!(
                        prev,
                        "the" | "el" | "le" | "am" | "zum" | "den" | "du" | "al" | "del"
                    );
                    let cue = BY.contains(&prev)
                        || BEFORE.contains(&prev)
                        || matches!(prev, "on" | "for");
                    let suffixed = word.len() > 2 || !word.chars().all(|c| c.is_ascii_digit());
                    if let Some(m) = m_after {
                        next_date(today, m, day).map(|d| (d, d, 2))
                    } else if the || (cue && suffixed) {
                        next_day_of_month(today, day).map(|d| (d, d, 1))
                    } else {
                        None
                    }
                } else if let (Some(m), Some(day)) = (month(word), day_number(at(i + 1))) {
                    // "March 14"; "may" alone is a verb, so a month always needs its day.
                    next_date(today, m, day).map(|d| (d, d, 2))
                } else {
                    None
                }
            }
        };
        let Some((start, end, used)) = found else {
            i += 1;
            continue;
        };
        let before: Vec<&str> = w[i.saturating_sub(4)..i].to_vec();
        let in_time_for = before.windows(3).any(|x| x == ["in", "time", "for"])
            || before
                .windows(2)
                .any(|x| x == ["rechtzeitig", "zu"] || x == ["a", "tiempo"] || x == ["a", "temps"]);
        let near: Vec<&str> = w[i.saturating_sub(2)..i].to_vec();
        let relation = if in_time_for || near.iter().any(|x| BEFORE.contains(x)) {
            Relation::Before
        } else if near.iter().any(|x| BY.contains(x))
            || (near.contains(&"no") && near.contains(&"later"))
        {
            Relation::By
        } else {
            Relation::On
        };
        out.push(DateMention {
            text: w[i..i + used].join(" "),
            start,
            end,
            relation,
        });
        i += used;
    }
    out
}

/// The IANA zones of the United States (where dates are written month first).
fn us_zone(name: &str) -> bool {
    matches!(
        name,
        "America/New_York"
            | "America/Chicago"
            | "America/Denver"
            | "America/Los_Angeles"
            | "America/Phoenix"
            | "America/Anchorage"
            | "America/Detroit"
            | "America/Boise"
            | "America/Juneau"
            | "America/Sitka"
            | "America/Nome"
            | "America/Yakutat"
            | "America/Metlakatla"
            | "America/Adak"
            | "America/Menominee"
            | "Pacific/Honolulu"
            | "US/Eastern"
            | "US/Central"
            | "US/Mountain"
            | "US/Pacific"
    ) || name.starts_with("America/Indiana/")
        || name.starts_with("America/Kentucky/")
        || name.starts_with("America/North_Dakota/")
}

/// Words after which a bare "1/2" or "10.05." is a date, not a fraction or a price.
const DATE_CUES: &[&str] = &[
    "by", "before", "on", "until", "till", "for", "the", "due", "le", "du", "au", "avant", "pour",
    "jusqu'au", "am", "bis", "zum", "vor", "den", "el", "del", "al", "antes", "para", "hasta",
    "date", "fecha", "datum",
];

/// English month names, to rewrite a numeric date in words the reader below knows.
const MONTH_WORDS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Rewrites numeric dates ("14/03", "03/14", "14.03.", "14.03.2027", "3/14/27") as "14 march",
/// so that the words around them decide the relation as for any other date. A day above 12
/// settles the order; otherwise `month_first` does. Anything else (a time "14:03", a price
/// "14.99", a fraction of digits too long to be a date) is left alone.
fn numeric_dates(text: &str, month_first: bool) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut copied = 0;
    let number = |from: usize| -> (usize, u32) {
        let mut j = from;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        (j, text[from..j].parse().unwrap_or(0))
    };
    while i < b.len() {
        let starts = b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let (j, first) = number(i);
        let sep = b.get(j).copied();
        let date = match sep {
            Some(sep @ (b'/' | b'.'))
                if j - i <= 2 && b.get(j + 1).is_some_and(u8::is_ascii_digit) =>
            {
                let (k, second) = number(j + 1);
                let mut end = k;
                if k - (j + 1) > 2 {
                    None
                } else {
                    // An optional year: two or four digits after the same separator.
                    if b.get(k) == Some(&sep) && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
                        let (y, _) = number(k + 1);
                        if matches!(y - (k + 1), 2 | 4) {
                            end = y;
                        }
                    }
                    // "14.99" is a price, not a date: a dot date needs a trailing dot or a year,
                    // or a day above 12 ("14.03" alone is ambiguous with a price, so it needs one).
                    let dotted_ok = sep == b'/' || end > k || b.get(k) == Some(&b'.');
                    // Without a year, a single-digit part ("1/2 of my items") or a dot
                    // ("I paid 10.05.") is a date only after a word that asks for one.
                    let cued = text[..i]
                        .split_whitespace()
                        .next_back()
                        .map(|w| {
                            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                                .to_lowercase()
                        })
                        .is_some_and(|w| DATE_CUES.contains(&w.as_str()));
                    let plain = end > k || (sep == b'/' && j - i == 2 && k - (j + 1) == 2);
                    let dotted_ok = dotted_ok && (plain || cued);
                    let ends_word = b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
                    let (day, month) = if first > 12 || (!month_first && second <= 12) {
                        (first, second)
                    } else {
                        (second, first)
                    };
                    ((1..=31).contains(&day) && (1..=12).contains(&month) && dotted_ok && ends_word)
                        .then_some((day, month, end))
                }
            }
            _ => None,
        };
        match date {
            Some((day, month, end)) => {
                out.push_str(&text[copied..i]);
                out.push_str(&format!("{day} {}", MONTH_WORDS[month as usize - 1]));
                // The dot that closes "14.03." is part of the date.
                let end = if b.get(end) == Some(&b'.') && sep == Some(b'.') {
                    end + 1
                } else {
                    end
                };
                copied = end;
                i = end;
            }
            None => i = j.max(i + 1),
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates_are_read_day_or_month_first() {
        assert_eq!(
            numeric_dates("by 14/03 please", false),
            "by 14 march please"
        );
        assert_eq!(
            numeric_dates("by 03/14 please", false),
            "by 14 march please"
        );
        assert_eq!(numeric_dates("by 03/04", true), "by 4 march");
        assert_eq!(numeric_dates("by 03/04", false), "by 3 april");
        assert_eq!(
            numeric_dates("bis zum 14.03. bitte", false),
            "bis zum 14 march bitte"
        );
        assert_eq!(numeric_dates("am 14.03.2027", false), "am 14 march");
        assert_eq!(
            numeric_dates("it cost 14.99 at 14:03", false),
            "it cost 14.99 at 14:03"
        );
        assert_eq!(numeric_dates("order 1020/3", false), "order 1020/3");
        assert_eq!(numeric_dates("1/2 of my items", false), "1/2 of my items");
        assert_eq!(numeric_dates("I paid 10.05.", false), "I paid 10.05.");
        assert_eq!(numeric_dates("by 1/2", false), "by 1 february");
        assert!(us_zone("America/New_York") && !us_zone("America/Mexico_City"));
    }

    /// Thursday 19 November 2026, 15:00 UTC (10:00 in New York).
    fn now() -> DateTime<Utc> {
        "2026-11-19T15:00:00Z".parse().unwrap()
    }

    fn check(text: &str, want: &[(&str, &str, Relation)]) {
        let got: Vec<(String, String, Relation)> =
            dates(text, now(), chrono_tz::America::New_York.into())
                .into_iter()
                .map(|d| (d.start.to_string(), d.end.to_string(), d.relation))
                .collect();
        let want: Vec<(String, String, Relation)> = want
            .iter()
            .map(|(a, b, r)| (a.to_string(), b.to_string(), *r))
            .collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn deadlines_in_four_languages_resolve_against_now() {
        use Relation::*;
        check(
            "for a wedding on Saturday",
            &[("2026-11-21", "2026-11-21", On)],
        );
        check(
            "will it arrive by the 14th?",
            &[("2026-12-14", "2026-12-14", By)],
        );
        check(
            "I need it before Friday",
            &[("2026-11-20", "2026-11-20", Before)],
        );
        check("tomorrow please", &[("2026-11-20", "2026-11-20", On)]);
        check("next week", &[("2026-11-23", "2026-11-29", On)]);
        check(
            "in time for Christmas",
            &[("2026-12-25", "2026-12-25", Before)],
        );
        check(
            "¿llegará antes del sábado?",
            &[("2026-11-21", "2026-11-21", Before)],
        );
        check("pour le 3 décembre", &[("2026-12-03", "2026-12-03", On)]);
        check("kommt es bis Freitag?", &[("2026-11-20", "2026-11-20", By)]);
        check("guten Morgen, ich habe 2 Hemden bestellt", &[]);
        check("in 3 days", &[("2026-11-22", "2026-11-22", On)]);
        check("Thanksgiving", &[("2026-11-26", "2026-11-26", On)]);
        // Numeric dates, either order, and the four languages' ways with a day of the month.
        check("can it come by 03/14?", &[("2027-03-14", "2027-03-14", By)]);
        check("I need it by 14/03", &[("2027-03-14", "2027-03-14", By)]);
        check("bis 14.03. bitte", &[("2027-03-14", "2027-03-14", By)]);
        check(
            "livraison le 14 mars ?",
            &[("2027-03-14", "2027-03-14", On)],
        );
        check("kommt es am 14.?", &[("2026-12-14", "2026-12-14", On)]);
        check(
            "lo necesito antes del 14/03",
            &[("2027-03-14", "2027-03-14", Before)],
        );
        check("the total was 14.99", &[]);
    }
}
