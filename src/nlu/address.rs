//! Street addresses as shoppers write them in the four countries' usual forms, so that a house
//! number or a postcode is never taken for an order number: "1520 Oak Street, Springfield, IL
//! 62704", "12 bis rue de la Paix, 75002 Paris", "Hauptstraße 5, 10115 Berlin", "Calle Mayor
//! 12, 28013 Madrid", "C/ Mayor, 12".

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A street address found in a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreetAddress {
    /// The address as written, from the first word of the street to the city.
    pub text: String,
    pub house_number: String,
    pub street: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
}

/// Street types written after the name (English): strong ones make an address alone.
const EN_STRONG: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "drive",
    "dr",
    "lane",
    "ln",
    "highway",
    "hwy",
    "parkway",
    "pkwy",
    "terrace",
    "crescent",
    "cres",
];
/// Street types that are also ordinary words ("way", "place"): an address only with a postcode,
/// a city after a comma, or a capitalised name.
const EN_WEAK: &[&str] = &[
    "way", "court", "ct", "place", "pl", "close", "grove", "row", "trail", "path", "square", "sq",
    "circle", "cir", "walk", "hill", "gardens",
];
/// Street types written before the name (French, Spanish, and "Avenue" in English).
const PREFIXES: &[&str] = &[
    "rue",
    "avenue",
    "av",
    "boulevard",
    "bd",
    "bld",
    "chemin",
    "allée",
    "allee",
    "impasse",
    "quai",
    "route",
    "cours",
    "passage",
    "faubourg",
    "calle",
    "c/",
    "avenida",
    "avda",
    "plaza",
    "pza",
    "paseo",
    "camino",
    "carrer",
    "ronda",
    "travesía",
    "travesia",
    "glorieta",
    "carretera",
];
/// German street names end in these (or are followed by "Straße" as a word).
const DE_SUFFIXES: &[&str] = &[
    "straße", "strasse", "str", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer",
    "chaussee", "steig", "pfad", "markt",
];
/// Words that never belong to a street name between a house number and its street type.
const NOT_NAME: &[&str] = &[
    "i", "my", "the", "a", "an", "is", "on", "in", "of", "to", "for", "it", "and", "or", "but",
    "items", "item", "days", "day", "weeks", "shirts", "orders", "order", "parcels", "packages",
    "el", "la", "los", "mi", "y", "le", "les", "mon", "ma", "et", "ich", "und", "mein", "meine",
];

struct Token<'a> {
    span: Range<usize>,
    /// Without surrounding punctuation.
    word: &'a str,
    /// Followed by a comma.
    comma: bool,
}

fn tokens<'a>(text: &'a str) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |out: &mut Vec<Token<'a>>, s: usize, e: usize| {
        let raw = &text[s..e];
        let word = raw.trim_matches(|c: char| {
            matches!(
                c,
                ',' | '.' | ';' | ':' | '!' | '?' | '"' | '(' | ')' | '¿' | '¡'
            )
        });
        // "St." and "str." keep their meaning without the dot.
        if !word.is_empty() {
            let lead = raw.find(word).unwrap_or(0);
            out.push(Token {
                span: s + lead..s + lead + word.len(),
                word,
                comma: raw.ends_with(','),
            });
        }
    };
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                push(&mut out, s, i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(&mut out, s, text.len());
    }
    out
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// "12", "12B", "12-14", "12a": a house number.
fn house_number(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=5).contains(&digits) {
        return false;
    }
    let rest = &w[digits..];
    rest.is_empty()
        || (rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_alphabetic()))
        || rest.strip_prefix('-').is_some_and(|r| {
            !r.is_empty() && r.len() <= 5 && r.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A postcode of the four countries, or a US ZIP+4.
fn postcode(w: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(w, 5)
        || digits(w, 4)
        || w.split_once('-')
            .is_some_and(|(a, b)| digits(a, 5) && digits(b, 4))
}

/// A German street name: "Hauptstraße", "hauptstr.", "Mühlenweg". Only "-straße" and "-str" are
/// unmistakable in lower case; the short endings ("-ring", "-weg") need the capital German
/// nouns have, so "delivering" and "ordering" are not streets.
fn is_de_street(w: &str) -> bool {
    let l = lower(w);
    let capital = w.chars().next().is_some_and(char::is_uppercase);
    DE_SUFFIXES.iter().any(|s| {
        l.ends_with(s)
            && l.len() > s.len() + 1
            && (capital || matches!(*s, "straße" | "strasse" | "str"))
    })
}

/// Words that name an order or a parcel: a street name never runs through them, and a number
/// after them is not a house number or a postcode ("en camino el pedido 1020").
const ORDER_WORDS: &[&str] = &[
    "order",
    "orders",
    "pedido",
    "pedidos",
    "orden",
    "commande",
    "commandes",
    "bestellung",
    "bestellnummer",
    "auftrag",
    "package",
    "parcel",
    "paquete",
    "colis",
    "paket",
    "sendung",
];

fn names_an_order(w: &str) -> bool {
    let l = lower(w);
    ORDER_WORDS.contains(&l.as_str()) || l.starts_with('#')
}

/// Street words that are also everyday words in lower case ("en camino", "en cours", "route"):
/// a street only when capitalised.
const EVERYDAY: &[&str] = &[
    "camino", "cours", "route", "passage", "ronda", "paseo", "carrer", "plaza",
];

/// Finds the first street address in `text`, with its byte range.
pub fn find(text: &str) -> Option<(Range<usize>, StreetAddress)> {
    let t = tokens(text);
    for i in 0..t.len() {
        if let Some(found) = number_first(&t, i).or_else(|| street_first(&t, i)) {
            let (first, last, house, street) = found;
            let (end, postcode, city) = tail(&t, last);
            let span = t[first].span.start..t[end].span.end;
            let weak_ok = postcode.is_some()
                || city.is_some()
                || street
                    .split(' ')
                    .any(|w| w.chars().next().is_some_and(char::is_uppercase));
            let street_type = lower(street.rsplit(' ').next().unwrap_or(""));
            if EN_WEAK.contains(&street_type.as_str()) && !weak_ok {
                continue;
            }
            return Some((
                span.clone(),
                StreetAddress {
                    text: text[span].to_owned(),
                    house_number: house,
                    street,
                    postcode,
                    city,
                },
            ));
        }
    }
    None
}

type Found = (usize, usize, String, String);

fn join(t: &[Token<'_>], from: usize, to: usize) -> String {
    t[from..=to]
        .iter()
        .map(|x| x.word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "1520 Oak Street", "12 bis rue de la Paix", "4 Avenue Montaigne".
fn number_first(t: &[Token<'_>], i: usize) -> Option<Found> {
    if !house_number(t[i].word) {
        return None;
    }
    let mut k = i + 1;
    if t.get(k)
        .is_some_and(|x| matches!(lower(x.word).as_str(), "bis" | "ter"))
    {
        k += 1;
    }
    let next = lower(t.get(k)?.word);
    let capital = t[k].word.chars().next().is_some_and(char::is_uppercase);
    if PREFIXES.contains(&next.as_str()) && (capital || !EVERYDAY.contains(&next.as_str())) {
        // The name runs to the next comma or postcode, four words at most.
        let mut end = k;
        while end + 1 < t.len()
            && end < k + 5
            && !t[end].comma
            && !postcode(t[end + 1].word)
            && !names_an_order(t[end + 1].word)
        {
            end += 1;
        }
        if end == k {
            return None;
        }
        return Some((i, end, t[i].word.to_owned(), join(t, k, end)));
    }
    // English: one to four name words, then the street type.
    for end in k..t.len().min(k + 5) {
        let w = lower(t[end].word);
        if end > k && (EN_STRONG.contains(&w.as_str()) || EN_WEAK.contains(&w.as_str())) {
            let names = &t[k..end];
            let ok = names.iter().all(|x| {
                let l = lower(x.word);
                !NOT_NAME.contains(&l.as_str()) && !x.word.bytes().all(|b| b.is_ascii_digit())
            }) && !names.iter().any(|x| x.comma);
            if ok {
                return Some((i, end, t[i].word.to_owned(), join(t, k, end)));
            }
            return None;
        }
        if t[end].comma {
            return None;
        }
    }
    None
}

/// "Hauptstraße 5", "Berliner Straße 12a", "Calle Mayor 12", "C/ Mayor, 12", "Avda. de la Paz
/// nº 3".
fn street_first(t: &[Token<'_>], i: usize) -> Option<Found> {
    let w = lower(t[i].word);
    let number_after = |from: usize| -> Option<usize> {
        let mut k = from;
        if t.get(k).is_some_and(|x| {
            matches!(
                lower(x.word).as_str(),
                "nº" | "n°" | "no" | "num" | "nr" | "número"
            )
        }) {
            k += 1;
        }
        t.get(k).filter(|x| house_number(x.word)).map(|_| k)
    };
    if is_de_street(t[i].word) && t[i].word.chars().next().is_some_and(char::is_alphabetic) {
        // "Am Mühlenweg 3": a capitalised word before belongs to the name.
        let first = if i > 0
            && t[i - 1].word.chars().next().is_some_and(char::is_uppercase)
            && !t[i - 1].comma
            && matches!(
                lower(t[i - 1].word).as_str(),
                "am" | "an"
                    | "auf"
                    | "im"
                    | "in"
                    | "zum"
                    | "zur"
                    | "alte"
                    | "neue"
                    | "große"
                    | "kleine"
            ) {
            i - 1
        } else {
            i
        };
        let n = number_after(i + 1)?;
        return Some((first, n, t[n].word.to_owned(), join(t, first, i)));
    }
    if matches!(w.as_str(), "straße" | "strasse" | "str") && i > 0 {
        let n = number_after(i + 1)?;
        return Some((i - 1, n, t[n].word.to_owned(), join(t, i - 1, i)));
    }
    let capital = t[i].word.chars().next().is_some_and(char::is_uppercase);
    let prefix = (PREFIXES.contains(&w.as_str()) && (capital || !EVERYDAY.contains(&w.as_str())))
        || w.starts_with("c/") && w.len() > 2;
    if prefix
        && !matches!(
            w.as_str(),
            "avenue" | "rue" | "boulevard" | "route" | "bd" | "bld"
        )
    {
        // Spanish: the name, then the number (after a comma or not), four words at most.
        for end in i + 1..t.len().min(i + 6) {
            if names_an_order(t[end].word) {
                return None;
            }
            if let Some(n) = number_after(end) {
                if end == i + 1 && !w.starts_with("c/") {
                    return None;
                }
                return Some((i, n, t[n].word.to_owned(), join(t, i, end - 1)));
            }
        }
    }
    None
}

/// After the street: an optional region code and postcode, and the city, in the orders the four
/// countries write them. Returns the last token used.
fn tail(t: &[Token<'_>], last: usize) -> (usize, Option<String>, Option<String>) {
    let mut end = last;
    let mut code = None;
    let mut city = None;
    // A postcode comes right after the street, after a comma, or after a city and region code:
    // within four words, and never after a word that names an order ("…, order 1020").
    let stop = (last + 1..t.len())
        .find(|&k| names_an_order(t[k].word))
        .unwrap_or(t.len());
    let window = (last + 1)..stop.min(last + 5);
    // Apartment or floor details right after the street belong to it ("Apt 4", "2º B").
    for k in window.clone() {
        let w = t[k].word;
        if postcode(w) {
            code = Some(w.to_owned());
            end = k;
            // "75002 Paris", "10115 Berlin": the city follows; "Springfield, IL 62704": it came
            // before.
            let mut c = k + 1;
            let mut words = Vec::new();
            while c < t.len()
                && words.len() < 3
                && t[c].word.chars().next().is_some_and(char::is_uppercase)
            {
                words.push(t[c].word);
                let stop = t[c].comma;
                end = c;
                c += 1;
                if stop {
                    break;
                }
            }
            if !words.is_empty() {
                city = Some(words.join(" "));
            } else if k > last + 1 {
                let before: Vec<&str> = t[last + 1..k]
                    .iter()
                    .map(|x| x.word)
                    .filter(|w| !(w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase())))
                    .collect();
                if !before.is_empty() && before.len() <= 3 {
                    city = Some(before.join(" "));
                }
            }
            break;
        }
    }
    if code.is_none() && t[last].comma {
        // "1520 Oak Street, Springfield": a capitalised city after the comma.
        let words: Vec<&str> = t[last + 1..t.len().min(last + 4)]
            .iter()
            .take_while(|x| x.word.chars().next().is_some_and(char::is_uppercase))
            .map(|x| x.word)
            .collect();
        if !words.is_empty() {
            end = last + words.len();
            city = Some(words.join(" "));
        }
    }
    (end, code, city)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, house: &str, street: &str, code: Option<&str>, city: Option<&str>) {
        let (_, a) = find(text).unwrap_or_else(|| panic!("no address in {text:?}"));
        assert_eq!(a.house_number, house, "{text}");
        assert_eq!(a.street, street, "{text}");
        assert_eq!(a.postcode.as_deref(), code, "{text}");
        assert_eq!(a.city.as_deref(), city, "{text}");
    }

    #[test]
    fn addresses_in_the_four_countries_usual_forms() {
        check(
            "1520 Oak Street, Springfield, IL 62704",
            "1520",
            "Oak Street",
            Some("62704"),
            Some("Springfield"),
        );
        check("it's 44 Elm Rd now", "44", "Elm Rd", None, None);
        check(
            "new address: 9 Harbour View Way, 2000 Sydney",
            "9",
            "Harbour View Way",
            Some("2000"),
            Some("Sydney"),
        );
        check(
            "12 bis rue de la Paix, 75002 Paris",
            "12",
            "rue de la Paix",
            Some("75002"),
            Some("Paris"),
        );
        check(
            "Hauptstraße 5, 10115 Berlin",
            "5",
            "Hauptstraße",
            Some("10115"),
            Some("Berlin"),
        );
        check(
            "bitte an Berliner Straße 12a liefern",
            "12a",
            "Berliner Straße",
            None,
            None,
        );
        check(
            "Am Mühlenweg 3, 80331 München",
            "3",
            "Am Mühlenweg",
            Some("80331"),
            Some("München"),
        );
        check(
            "Calle Mayor 12, 28013 Madrid",
            "12",
            "Calle Mayor",
            Some("28013"),
            Some("Madrid"),
        );
        check("C/ Mayor, 12, 3º B", "12", "C/ Mayor", None, None);
        check(
            "Avenida de la Constitución nº 3",
            "3",
            "Avenida de la Constitución",
            None,
            None,
        );
    }

    #[test]
    fn a_number_naming_the_order_after_an_address_is_not_its_postcode() {
        let (_, a) = find("Ship to 5 Elm Street instead, order 1020").unwrap();
        assert_eq!(a.postcode, None);
        assert_eq!(a.street, "Elm Street");
    }

    #[test]
    fn ordinary_sentences_are_not_addresses() {
        for text in [
            "I ordered 2 shirts last week",
            "order 1520 has not arrived",
            "where is my order #1020?",
            "3 days and no way to reach you",
            "it's been 10 days, still nothing",
            "wo bleibt meine Bestellung 1020?",
            "mi pedido 1020 no llega",
            // Review findings: everyday words that are also street words, English "-ring"
            // words, and a number after the street that names the order.
            "¿Sigue en camino el pedido 1020?",
            "en cours de livraison, commande 1020",
            "Are you delivering 1020 today?",
            "I was ordering 2 shirts",
        ] {
            assert_eq!(find(text).map(|(_, a)| a), None, "{text}");
        }
    }
}
