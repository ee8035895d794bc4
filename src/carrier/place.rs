//! Scan places as a shopper reads them: carriers write "EDISON TWP, NJ, US"; a shopper reads
//! "Edison, NJ". Shouted names get normal capitalisation, township markers go, and the country
//! goes after a city and region. Places already written in mixed case are left as they are.

/// The place for a shopper's sentence, or `None` when nothing readable is left.
pub fn for_shopper(raw: &str) -> Option<String> {
    // "CHICAGO (US)": a country code in brackets adds nothing either.
    let raw = match raw.trim().rsplit_once(" (") {
        Some((head, tail))
            if tail.len() == 3
                && tail.ends_with(')')
                && tail[..2].bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            head
        }
        _ => raw,
    };
    let mut parts: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty() && !is_not_a_place(p))
        .collect();
    // City, region code, country: the country adds nothing to "where is it now". Only after a
    // region code, so "PARRAMATTA, SYDNEY, NSW" keeps its state.
    let n = parts.len();
    if n >= 3 && is_region_code(parts[n - 2]) && is_country(parts[n - 1]) {
        parts.pop();
    } else if n >= 2 && is_spelled_country(parts[n - 1]) {
        // "Bremen, Deutschland", "Hamburg, DEU": a city is enough. Two-letter codes stay
        // ("Dover, DE" may be Delaware).
        parts.pop();
    }
    let out: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| readable(p, i == 0))
        .filter(|p| !p.is_empty())
        .collect();
    (!out.is_empty()).then(|| out.join(", "))
}

/// Words carriers put where a place belongs ("Transit Scan", "N/A").
fn is_not_a_place(part: &str) -> bool {
    matches!(
        part.to_ascii_lowercase().as_str(),
        "transit scan" | "n/a" | "na" | "-" | "unknown" | "none" | "null"
    )
}

/// Australian, US and Canadian region codes, kept in capitals after a city written in one part
/// ("SUNSHINE WEST VIC" is "Sunshine West VIC").
const REGIONS: &[&str] = &[
    "NSW", "VIC", "QLD", "TAS", "ACT", "NT", "WA", "SA", "AL", "AK", "AZ", "AR", "CA", "CO", "CT",
    "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI",
    "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WV", "WI", "WY", "AB", "BC", "MB", "NB", "NL",
    "NS", "ON", "PE", "QC", "SK", "YT",
];

/// A country written out or as a three-letter code, as carriers append it after a city.
fn is_spelled_country(part: &str) -> bool {
    let three = part.len() == 3 && part.bytes().all(|b| b.is_ascii_uppercase());
    (three && !REGIONS.contains(&part))
        || matches!(
            part.to_lowercase().as_str(),
            "united states"
                | "united states of america"
                | "canada"
                | "united kingdom"
                | "germany"
                | "deutschland"
                | "france"
                | "spain"
                | "españa"
                | "australia"
                | "new zealand"
                | "austria"
                | "österreich"
                | "switzerland"
                | "schweiz"
                | "netherlands"
                | "nederland"
                | "belgium"
                | "italy"
                | "italia"
        )
}

/// A state or province code as carriers write it: two or three capitals ("NJ", "NSW").
fn is_region_code(part: &str) -> bool {
    (2..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_uppercase())
}

/// A country as carriers append it: an ISO code, or one of the few names they spell out.
fn is_country(part: &str) -> bool {
    let short = (2..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_uppercase());
    short
        || matches!(
            part.to_ascii_lowercase().as_str(),
            "united states" | "united states of america" | "canada" | "united kingdom"
        )
}

/// One part of a place: codes (all capitals, up to three letters, or with digits) stay as they
/// are; a shouted name is capitalised word by word; `city` parts lose township markers.
fn readable(part: &str, city: bool) -> String {
    let shouted = part.chars().any(char::is_alphabetic) && !part.chars().any(char::is_lowercase);
    let code = part.chars().count() <= 3 || part.chars().any(|c| c.is_ascii_digit());
    if !shouted || code {
        return part.to_owned();
    }
    let mut words: Vec<&str> = part.split_whitespace().collect();
    if city && words.len() > 1 {
        words.retain(|w| !matches!(*w, "TWP" | "TWP." | "TOWNSHIP"));
    }
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last && i > 0 && REGIONS.contains(w) {
                (*w).to_owned()
            } else {
                capitalise(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "ST." → "St.", "WINSTON-SALEM" → "Winston-Salem", "O'FALLON" → "O'Fallon", "KÖLN" → "Köln".
fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'' | '.' | '/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::for_shopper;

    // See: issue 14.
    #[test]
    fn shouted_scan_places_read_like_places() {
        for (raw, want) in [
            ("EDISON TWP, NJ, US", "Edison, NJ"),
            ("LOUISVILLE, KY", "Louisville, KY"),
            ("ST. LOUIS, MO, USA", "St. Louis, MO"),
            ("WINSTON-SALEM, NC 27101", "Winston-Salem, NC 27101"),
            ("O'FALLON, IL, United States", "O'Fallon, IL"),
            ("KÖLN, DE", "Köln, DE"),
            ("MISSISSAUGA, ON, CA", "Mississauga, ON"),
            ("PARRAMATTA, SYDNEY, NSW", "Parramatta, Sydney, NSW"),
            (
                "LOS ANGELES, LOS ANGELES, CA",
                "Los Angeles, Los Angeles, CA",
            ),
            ("Secaucus, NJ", "Secaucus, NJ"),
            ("McAllen, TX, US", "McAllen, TX"),
            ("SUNSHINE WEST VIC", "Sunshine West VIC"),
            ("CHICAGO (US)", "Chicago"),
            (
                "JOHN F. KENNEDY APT/NEW YORK (US)",
                "John F. Kennedy Apt/New York",
            ),
            ("Transit Scan", ""),
            ("BRISBANE QLD", "Brisbane QLD"),
            ("Bremen, Deutschland", "Bremen"),
            ("Hamburg, DEU", "Hamburg"),
            ("Deutschland", "Deutschland"),
            ("  ,  ", ""),
        ] {
            assert_eq!(for_shopper(raw).unwrap_or_default(), want, "{raw}");
        }
    }
}
