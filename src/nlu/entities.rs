//! Finds what a message told us: order numbers, e-mail addresses, phones, postcodes, tracking
//! numbers, places, urgency and (given a clock) dates and the deadline they imply.

use super::address::{self, StreetAddress};
use super::lang;
use super::text;
use super::when::{self, DateMention};
use crate::carrier::Lang;
use crate::domain::{Email, OrderNumber, Postcode, TrackingNumber};
use crate::Zone as Tz;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a message told us, each list in order of appearance without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_numbers: Vec<OrderNumber>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Email>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracking_numbers: Vec<TrackingNumber>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub postcodes: Vec<FoundPostcode>,
    /// Dates, resolved against `now` (empty when extracted without a clock).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateMention>,
    /// The date the shopper needs the order by: the first date mentioned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DateMention>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urgency: Vec<Urgency>,
    /// A street address: its house number and postcode are not order numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<StreetAddress>,
}

/// A phone number as written, keeping only a leading `+` and the digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    /// Accepts 9 to 15 digits with spaces, dashes, dots, parentheses and a leading `+`.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let ok_chars = raw
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()+".contains(c));
        if !ok_chars || !(9..=15).contains(&digits.len()) {
            return None;
        }
        let plus = if raw.starts_with('+') { "+" } else { "" };
        Some(Self(format!("{plus}{digits}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A postcode with the country its shape (and the message's language) points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundPostcode {
    pub postcode: Postcode,
    /// ISO 3166 alpha-2: "US", "GB", "CA", "DE" or "FR".
    pub country: String,
}

/// A place the shopper mentions: "my hotel in Chicago" is venue "hotel", city "Chicago".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// Why the shopper is in a hurry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Urgent,
    Asap,
    Wedding,
    Birthday,
    Holiday,
    Gift,
    Event,
    Travel,
    Funeral,
}

const URGENCY: &[(&str, Urgency)] = &[
    ("urgent", Urgency::Urgent),
    ("urgently", Urgency::Urgent),
    ("urgente", Urgency::Urgent),
    ("dringend", Urgency::Urgent),
    ("eilig", Urgency::Urgent),
    ("emergency", Urgency::Urgent),
    ("asap", Urgency::Asap),
    ("wedding", Urgency::Wedding),
    ("boda", Urgency::Wedding),
    ("mariage", Urgency::Wedding),
    ("hochzeit", Urgency::Wedding),
    ("birthday", Urgency::Birthday),
    ("bday", Urgency::Birthday),
    ("cumpleanos", Urgency::Birthday),
    ("anniversaire", Urgency::Birthday),
    ("geburtstag", Urgency::Birthday),
    ("christmas", Urgency::Holiday),
    ("xmas", Urgency::Holiday),
    ("navidad", Urgency::Holiday),
    ("noel", Urgency::Holiday),
    ("weihnachten", Urgency::Holiday),
    ("thanksgiving", Urgency::Holiday),
    ("gift", Urgency::Gift),
    ("present", Urgency::Gift),
    ("regalo", Urgency::Gift),
    ("cadeau", Urgency::Gift),
    ("geschenk", Urgency::Gift),
    ("party", Urgency::Event),
    ("event", Urgency::Event),
    ("fiesta", Urgency::Event),
    ("fete", Urgency::Event),
    ("feier", Urgency::Event),
    ("trip", Urgency::Travel),
    ("vacation", Urgency::Travel),
    ("flight", Urgency::Travel),
    ("viaje", Urgency::Travel),
    ("vacaciones", Urgency::Travel),
    ("voyage", Urgency::Travel),
    ("vacances", Urgency::Travel),
    ("urlaub", Urgency::Travel),
    ("reise", Urgency::Travel),
    ("funeral", Urgency::Funeral),
    ("beerdigung", Urgency::Funeral),
];

/// Multi-word ways to say "as soon as possible", folded.
const ASAP: &[&str] = &[
    "as soon as possible",
    "lo antes posible",
    "cuanto antes",
    "au plus vite",
    "des que possible",
    "so schnell wie moglich",
    "schnellstmoglich",
];

const VENUES: &[&str] = &[
    "hotel",
    "office",
    "work",
    "house",
    "home",
    "apartment",
    "flat",
    "airbnb",
    "school",
    "dorm",
    "parents",
    "moms",
    "mums",
    "dads",
    "friends",
    "sisters",
    "brothers",
    "hostel",
    "venue",
    "hotel",
    "oficina",
    "casa",
    "bureau",
    "maison",
    "buro",
    "wohnung",
];

const NOT_CITIES: &[&str] = &[
    "I",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Christmas",
    "time",
    "Time",
    "The",
    "My",
    "A",
];

const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
];

const POSTCODE_CUES: &[&str] = &[
    "zip",
    "zipcode",
    "postcode",
    "postal",
    "pincode",
    "pin",
    "plz",
    "postleitzahl",
    "cp",
];

const PHONE_CUES: &[&str] = &[
    "phone",
    "tel",
    "telephone",
    "mobile",
    "cell",
    "call",
    "telefono",
    "movil",
    "portable",
    "telefon",
    "handy",
    "whatsapp",
];

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn clean(raw: &str) -> &str {
    raw.trim_matches(|c: char| matches!(c, '.' | '!' | '?' | ':' | '"' | '\'' | '¿' | '¡'))
}

/// Extracts entities that need no clock (no dates).
pub fn extract(text: &str) -> Entities {
    let mut out = Entities::default();
    let found = address::find(text);
    let tokens: Vec<(usize, &str)> = split_tokens(text);
    let phone_spans = phones(text, &tokens, &mut out);
    let postcode_tokens = postcodes(text, &tokens, &mut out);
    for (k, &(start, raw)) in tokens.iter().enumerate() {
        if phone_spans.iter().any(|(a, b)| start >= *a && start < *b)
            || postcode_tokens.contains(&k)
            || found
                .as_ref()
                .is_some_and(|(span, _)| span.contains(&start))
        {
            continue;
        }
        let token = clean(raw);
        if token.is_empty() {
            continue;
        }
        if token.contains('@') {
            if let Ok(e) = Email::parse(token) {
                push_unique(&mut out.emails, e);
            }
            continue;
        }
        let digits = token.strip_prefix('#').unwrap_or(token);
        let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        if all_digits && (token.starts_with('#') || (3..=10).contains(&digits.len())) {
            if let Ok(o) = OrderNumber::parse(token) {
                push_unique(&mut out.order_numbers, o);
            }
            continue;
        }
        // A shop's order name with its prefix or suffix, written with '#': "#NW1020", "#1020-US".
        if let Some(o) = prefixed_order_name(token) {
            push_unique(&mut out.order_numbers, o);
            continue;
        }
        if looks_like_tracking(token) {
            if let Ok(t) = TrackingNumber::parse(token) {
                push_unique(&mut out.tracking_numbers, t);
            }
        }
    }
    places(&tokens, &mut out);
    out.address = found.map(|(_, a)| a);
    let folded = text::fold(text);
    let padded = format!(" {folded} ");
    for w in text::words(&folded) {
        if let Some(&(_, u)) = URGENCY.iter().find(|(n, _)| *n == w) {
            push_unique(&mut out.urgency, u);
        }
    }
    if ASAP.iter().any(|p| padded.contains(&format!(" {p} "))) {
        push_unique(&mut out.urgency, Urgency::Asap);
    }
    out
}

/// Extracts entities, dates and the deadline, resolving dates against `now` in `tz`.
pub fn extract_at(text: &str, now: DateTime<Utc>, tz: Tz) -> Entities {
    let mut out = extract(text);
    out.dates = when::dates(text, now, tz);
    out.deadline = out.dates.first().cloned();
    // "the 14th" is a date, not order number 14 (which is too short anyway), but "14 March
    // 2027" would make 2027 an order number.
    out.order_numbers.retain(|o| {
        !(o.as_str().len() == 4 && o.as_str().starts_with("20") && !out.dates.is_empty())
    });
    out
}

fn split_tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let sep = c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')');
        match (sep, start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Finds phone numbers; returns their byte spans so their digits are not read as order numbers.
fn phones(text: &str, tokens: &[(usize, &str)], out: &mut Entities) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let begins = b == b'+' || b == b'(' || b.is_ascii_digit();
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if !(begins && word_start) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && (bytes[j].is_ascii_digit() || b" -.()+".contains(&bytes[j])) {
            j += 1;
        }
        let run = text[i..j].trim_end_matches([' ', '-', '.', '(']);
        let end = i + run.len();
        let digits = run.bytes().filter(u8::is_ascii_digit).count();
        let groups = run
            .split([' ', '-', '.', '(', ')'])
            .filter(|g| !g.is_empty())
            .count();
        let cue = tokens
            .iter()
            .filter(|(s, _)| *s < i)
            .rev()
            .take(3)
            .any(|(_, t)| PHONE_CUES.contains(&text::fold(t).as_str()));
        let shaped = run.starts_with('+') || groups >= 3 || (cue && digits >= 9);
        if (9..=15).contains(&digits) && shaped && end <= bytes.len() {
            if let Some(p) = Phone::parse(run) {
                push_unique(&mut out.phones, p);
                spans.push((i, end));
            }
        }
        i = j.max(i + 1);
    }
    spans
}

fn is_uk(outward: &str, inward: &str) -> bool {
    let o = outward.as_bytes();
    let inw = inward.as_bytes();
    let inward_ok = inw.len() == 3
        && inw[0].is_ascii_digit()
        && inw[1].is_ascii_alphabetic()
        && inw[2].is_ascii_alphabetic();
    let letters = o.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let outward_ok = (2..=4).contains(&o.len())
        && (1..=2).contains(&letters)
        && o.get(letters).is_some_and(u8::is_ascii_digit)
        && o[letters..].iter().all(u8::is_ascii_alphanumeric);
    inward_ok && outward_ok
}

fn is_ca(a: &str, b: &str) -> bool {
    let shape = |s: &str, first_letter: bool| {
        s.len() == 3
            && s.bytes().enumerate().all(|(i, c)| {
                if (i % 2 == 0) == first_letter {
                    c.is_ascii_alphabetic()
                } else {
                    c.is_ascii_digit()
                }
            })
    };
    shape(a, true) && shape(b, false)
}

/// Finds postcodes; returns the indexes of the tokens they used.
fn postcodes(text: &str, tokens: &[(usize, &str)], out: &mut Entities) -> Vec<usize> {
    let mut used = Vec::new();
    let clean_up: Vec<String> = tokens
        .iter()
        .map(|(_, t)| clean(t).to_ascii_uppercase())
        .collect();
    let mut k = 0;
    while k < tokens.len() {
        let t = clean_up[k].as_str();
        let next = clean_up.get(k + 1).map(String::as_str).unwrap_or("");
        let mut found = |code: String, country: &str, n: usize, used: &mut Vec<usize>| {
            if let Ok(p) = Postcode::parse(&code) {
                push_unique(
                    &mut out.postcodes,
                    FoundPostcode {
                        postcode: p,
                        country: country.into(),
                    },
                );
                used.extend(k..k + n);
            }
        };
        if is_ca(t, next) {
            found(format!("{t}{next}"), "CA", 2, &mut used);
            k += 2;
            continue;
        }
        if t.len() == 6 && t.is_ascii() && is_ca(&t[..3], &t[3..]) {
            found(t.to_owned(), "CA", 1, &mut used);
        } else if is_uk(t, next) {
            found(format!("{t}{next}"), "GB", 2, &mut used);
            k += 2;
            continue;
        } else if (5..=7).contains(&t.len())
            && t.is_ascii()
            && t.is_char_boundary(t.len() - 3)
            && is_uk(&t[..t.len() - 3], &t[t.len() - 3..])
        {
            found(t.to_owned(), "GB", 1, &mut used);
        } else if is_five_digits(t) || is_zip_plus_four(t) {
            let prev: Vec<String> = (k.saturating_sub(2)..k)
                .map(|j| text::fold(&clean_up[j]))
                .collect();
            let prev_raw = if k > 0 { clean(tokens[k - 1].1) } else { "" };
            let cue = prev
                .iter()
                .any(|p| p.split(' ').any(|w| POSTCODE_CUES.contains(&w)));
            let state = US_STATES.contains(&prev_raw);
            let city_after = tokens.get(k + 1).map(|(_, n)| clean(n)).is_some_and(|n| {
                n.chars().next().is_some_and(char::is_uppercase)
                    && n.len() > 2
                    && !NOT_CITIES.contains(&n)
            });
            let country = if state
                || is_zip_plus_four(t)
                || prev.iter().any(|p| p == "zip" || p == "zipcode")
            {
                Some("US")
            } else if cue || city_after {
                match lang::detect(text) {
                    Some(Lang::De) => Some("DE"),
                    Some(Lang::Fr) => Some("FR"),
                    Some(Lang::En) | None if cue => Some("US"),
                    _ => None,
                }
            } else {
                None
            };
            if let Some(c) = country {
                found(t.to_owned(), c, 1, &mut used);
            }
        }
        k += 1;
    }
    used
}

fn is_five_digits(t: &str) -> bool {
    t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit())
}

fn is_zip_plus_four(t: &str) -> bool {
    t.len() == 10
        && t.as_bytes()[5] == b'-'
        && is_five_digits(&t[..5])
        && t[6..].bytes().all(|b| b.is_ascii_digit())
}

/// "my hotel in Chicago", "to Paris", "à Lyon", "nach Berlin".
fn places(tokens: &[(usize, &str)], out: &mut Entities) {
    let words: Vec<&str> = tokens.iter().map(|(_, t)| clean(t)).collect();
    for (k, w) in words.iter().enumerate() {
        let f = text::fold(w);
        if matches!(
            f.as_str(),
            "in" | "to" | "at" | "near" | "en" | "a" | "nach" | "au"
        ) {
            let city: Vec<&str> = words[k + 1..]
                .iter()
                .take(3)
                .take_while(|n| {
                    n.chars().next().is_some_and(char::is_uppercase)
                        && n.chars().all(char::is_alphabetic)
                        && !NOT_CITIES.contains(n)
                })
                .copied()
                .collect();
            if city.is_empty() {
                continue;
            }
            let venue = words[..k]
                .iter()
                .rev()
                .take(2)
                .map(|v| text::fold(v))
                .find(|v| VENUES.contains(&v.as_str()));
            push_unique(
                &mut out.places,
                Place {
                    venue,
                    city: Some(city.join(" ")),
                },
            );
        }
    }
    for (k, w) in words.iter().enumerate() {
        let f = text::fold(w);
        let mine = k > 0
            && matches!(
                text::fold(words[k - 1]).as_str(),
                "my" | "mi" | "mon" | "ma" | "mein" | "meine" | "meiner" | "the" | "our"
            );
        if mine
            && VENUES.contains(&f.as_str())
            && !out
                .places
                .iter()
                .any(|p| p.venue.as_deref() == Some(f.as_str()))
        {
            out.places.push(Place {
                venue: Some(f),
                city: None,
            });
        }
    }
}

/// The number inside an order name a shop decorates: `#`, up to four letters, 3 to 10 digits,
/// and optionally a dash and up to four letters ("#NW1020", "#1020-US").
fn prefixed_order_name(token: &str) -> Option<OrderNumber> {
    // Without '#', only a shop's prefix in capitals: "NW1020", "NW-1020" (not "abc1234").
    let (rest, hashed) = match token.strip_prefix('#') {
        Some(rest) => (rest, true),
        None => (token, false),
    };
    // "NW-1020": the prefix joined by a dash.
    let joined;
    let rest = match rest.split_once('-') {
        Some((letters, digits))
            if !letters.is_empty()
                && letters.bytes().all(|b| b.is_ascii_alphabetic())
                && digits.bytes().next().is_some_and(|b| b.is_ascii_digit()) =>
        {
            joined = format!("{letters}{digits}");
            joined.as_str()
        }
        _ => rest,
    };
    if !hashed {
        let letters: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        let capitals =
            (2..=4).contains(&letters.len()) && letters.bytes().all(|b| b.is_ascii_uppercase());
        if !capitals || rest.contains('-') {
            return None;
        }
    }
    let (body, suffix) = rest.split_once('-').unwrap_or((rest, ""));
    let digits_at = body.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = body.split_at(digits_at);
    let ok = letters.len() <= 4
        && letters.bytes().all(|b| b.is_ascii_alphabetic())
        && (3..=10).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && suffix.len() <= 4
        && suffix.bytes().all(|b| b.is_ascii_alphabetic())
        && (!letters.is_empty() || !suffix.is_empty());
    ok.then(|| OrderNumber::parse(digits).ok()).flatten()
}

fn looks_like_tracking(token: &str) -> bool {
    let upper = token.to_ascii_uppercase();
    let digits = upper.bytes().filter(u8::is_ascii_digit).count();
    let alnum = upper.bytes().all(|b| b.is_ascii_alphanumeric());
    alnum && upper.len() >= 10 && (upper.starts_with("1Z") || digits * 10 >= upper.len() * 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue 14. Shops decorate order numbers with a prefix or suffix.
    #[test]
    fn finds_the_number_inside_a_decorated_order_name() {
        for (text, want) in [
            ("where is #NW1020?", "1020"),
            ("order #1020-US please", "1020"),
            ("where is #NW-1020?", "1020"),
            ("order NW1020 hasn't come", "1020"),
            ("NW-1020", "1020"),
        ] {
            let e = extract(text);
            assert_eq!(e.order_numbers.len(), 1, "{text}");
            assert_eq!(e.order_numbers[0].as_str(), want, "{text}");
        }
        assert!(extract("#hashtag-day").order_numbers.is_empty());
    }

    #[test]
    fn a_street_address_is_not_an_order_number() {
        for text in [
            "1520 Oak Street, Springfield, IL 62704",
            "please send it to 88 Rue Victor Hugo, 69002 Lyon",
            "neue Adresse: Lindenstraße 1020, 50674 Köln",
            "Calle Alcalá 1020, 28014 Madrid",
        ] {
            let e = extract(text);
            assert!(e.address.is_some(), "{text}");
            assert!(e.order_numbers.is_empty(), "{text}: {:?}", e.order_numbers);
        }
        // An order number beside an address is still one.
        let e = extract("order #1020, new address 5 Elm Street");
        assert_eq!(e.order_numbers.len(), 1);
        assert_eq!(e.address.map(|a| a.house_number).as_deref(), Some("5"));
    }

    #[test]
    fn finds_order_numbers_in_several_spellings() {
        for text in ["where is #1020", "order 1020 please", "1020", "it's 1020."] {
            let e = extract(text);
            assert_eq!(e.order_numbers.len(), 1, "{text}");
            assert_eq!(e.order_numbers[0].as_str(), "1020");
        }
        assert!(extract("I ordered 2 shirts").order_numbers.is_empty());
    }

    #[test]
    fn finds_emails_and_tracking_numbers() {
        let e = extract("#1001, Jane@Example.com. Tracking 1Z999AA10123456784");
        assert_eq!(e.emails[0].as_str(), "jane@example.com");
        assert_eq!(e.tracking_numbers[0].as_str(), "1Z999AA10123456784");
        assert_eq!(e.order_numbers[0].as_str(), "1001");
    }

    #[test]
    fn phones_are_not_order_numbers() {
        let e = extract("call me on +1 415 555 0100 about order 1020");
        assert_eq!(e.phones[0].as_str(), "+14155550100");
        assert_eq!(e.order_numbers.len(), 1);
        assert_eq!(
            extract("mon numéro: 06 12 34 56 78").phones[0].as_str(),
            "0612345678"
        );
        assert_eq!(
            extract("phone (415) 555-0100").phones[0].as_str(),
            "4155550100"
        );
    }

    #[test]
    fn postcodes_of_five_countries() {
        let cases = [
            ("deliver to SW1A 1AA please", "SW1A1AA", "GB"),
            ("my postcode is m1 1ae", "M11AE", "GB"),
            ("Toronto M5V 3L9", "M5V3L9", "CA"),
            ("New York, NY 10001", "10001", "US"),
            ("zip 94105-1234", "94105-1234", "US"),
            ("Lieferung nach 10115 Berlin", "10115", "DE"),
            ("livraison à 75001 Paris", "75001", "FR"),
        ];
        for (text, code, country) in cases {
            let e = extract(text);
            assert_eq!(e.postcodes.len(), 1, "{text}: {e:?}");
            assert_eq!(
                e.postcodes[0].postcode.as_str(),
                code.replace('-', ""),
                "{text}"
            );
            assert_eq!(e.postcodes[0].country, country, "{text}");
            assert!(e.order_numbers.is_empty(), "{text}");
        }
    }

    #[test]
    fn places_and_urgency() {
        let e = extract("I ordered this for a wedding on Saturday, will it reach my hotel in Chicago in time? ASAP");
        assert_eq!(
            e.places,
            [Place {
                venue: Some("hotel".into()),
                city: Some("Chicago".into())
            }]
        );
        assert_eq!(e.urgency, [Urgency::Wedding, Urgency::Asap]);
        assert_eq!(
            extract("es urgente, es un regalo").urgency,
            [Urgency::Urgent, Urgency::Gift]
        );
    }

    #[test]
    fn dates_need_a_clock_and_give_a_deadline() {
        let now: DateTime<Utc> = "2026-11-19T15:00:00Z".parse().unwrap();
        let e = extract_at(
            "will order 1020 arrive before Friday?",
            now,
            chrono_tz::Europe::Paris.into(),
        );
        let d = e.deadline.expect("deadline");
        assert_eq!(d.latest().to_string(), "2026-11-19");
        assert_eq!(e.order_numbers[0].as_str(), "1020");
        assert!(extract("will it arrive before Friday?").dates.is_empty());
    }

    #[test]
    fn non_ascii_tokens_of_postcode_length_do_not_panic() {
        // A slice in the middle of a multi-byte letter used to panic on real messages.
        for text in ["Größe", "ÉTÉ 2024", "çççççç", "𝓘 𝔀𝓪𝓷𝓽 Ω1Ω 2ΩΩ"] {
            let _ = extract(text);
        }
    }
}
