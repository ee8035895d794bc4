//! Which carrier a tracking number belongs to, from its shape and its check digit alone.
//!
//! Shapes overlap (a 12-digit number could be FedEx or a regional carrier, 20 digits could be
//! USPS or FedEx), so the answer is a ranked list: a shape whose check digit holds comes first.

use super::Carrier;
use serde::{Deserialize, Serialize};

/// One carrier a tracking number may belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub carrier: Carrier,
    /// `Some(true)` when the carrier's check digit holds, `Some(false)` when it fails (a typo, most
    /// likely), `None` when the carrier defines no check digit for this shape.
    pub valid_check_digit: Option<bool>,
}

/// The carriers a tracking number may belong to, most likely first; empty when no shape fits.
/// Spaces and dashes are ignored, letters may be in any case.
pub fn recognise(raw: &str) -> Vec<Candidate> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let mut out: Vec<(u8, Candidate)> = Vec::new();
    let mut push = |rank: u8, carrier: Carrier, valid: Option<bool>| {
        // A holding check digit outranks a shape without one, which outranks a failing one.
        let quality = match valid {
            Some(true) => 0,
            None => 1,
            Some(false) => 2,
        };
        out.push((
            quality * 10 + rank,
            Candidate {
                carrier,
                valid_check_digit: valid,
            },
        ));
    };
    if !s.is_ascii() || s.len() < 8 || s.len() > 40 {
        return Vec::new();
    }
    let digits = s.bytes().all(|b| b.is_ascii_digit());
    let n = s.len();

    if n == 18 && s.starts_with("1Z") && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        push(0, Carrier::Ups, Some(ups_1z(&s)));
    }
    if let Some(country) = s10_country(&s) {
        let carrier = match country {
            "US" => Carrier::Usps,
            "GB" => Carrier::RoyalMail,
            "CA" => Carrier::CanadaPost,
            "DE" => Carrier::Dhl,
            "AU" => Carrier::AustraliaPost,
            other => Carrier::Other(format!("post_{}", other.to_ascii_lowercase())),
        };
        push(0, carrier, Some(s10(&s)));
    }
    if s.starts_with("JJD") && n >= 12 && s[3..].bytes().all(|b| b.is_ascii_digit()) {
        push(1, Carrier::Dhl, None);
    }
    if digits {
        // USPS Intelligent Mail package barcodes, with or without the "420" + ZIP routing prefix.
        let impb = strip_routing(&s);
        let m = impb.len();
        if (m == 20 || m == 22) && impb.starts_with('9') && !impb.starts_with("96") {
            push(0, Carrier::Usps, Some(mod10_3131(impb)));
        } else if m == 20 || m == 22 || m == 26 || m == 30 || m == 34 {
            push(3, Carrier::Usps, Some(mod10_3131(impb)));
        }
        match n {
            10 => push(0, Carrier::Dhl, Some(dhl_mod7(&s))),
            12 => push(0, Carrier::Fedex, Some(fedex_mod11(&s))),
            15 => push(1, Carrier::Fedex, Some(mod10_3131(&s))),
            16 => push(0, Carrier::CanadaPost, Some(mod10_3131(&s))),
            20 => push(2, Carrier::Fedex, Some(mod10_3131(&s[5..]))),
            22 if s.starts_with("96") => push(0, Carrier::Fedex, Some(mod10_3131(&s[7..]))),
            _ => {}
        }
        if n == 11 {
            push(2, Carrier::Dhl, Some(dhl_mod7(&s[1..])));
        }
    }
    out.sort_by_key(|(rank, _)| *rank);
    let mut seen: Vec<Candidate> = Vec::new();
    for (_, c) in out {
        if !seen.iter().any(|s| s.carrier == c.carrier) {
            seen.push(c);
        }
    }
    seen
}

fn digit_values(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

/// UPS: letters count as (ASCII - 63) mod 10; odd positions once, even positions twice.
fn ups_1z(s: &str) -> bool {
    let body = &s.as_bytes()[2..17];
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let v = if b.is_ascii_digit() {
                u32::from(b - b'0')
            } else {
                u32::from(b - 63) % 10
            };
            if i % 2 == 1 {
                v * 2
            } else {
                v
            }
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    s.as_bytes()[17].is_ascii_digit() && u32::from(s.as_bytes()[17] - b'0') == check
}

/// UPU S10: `AA` + eight serial digits + check digit + ISO country, e.g. `RR123456785GB`.
fn s10_country(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    (b.len() == 13
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..11].iter().all(u8::is_ascii_digit)
        && b[11..].iter().all(u8::is_ascii_uppercase))
    .then(|| &s[11..])
}

fn s10(s: &str) -> bool {
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let Some(d) = digit_values(&s[2..11]) else {
        return false;
    };
    let sum: u32 = d[..8].iter().zip(WEIGHTS).map(|(a, w)| a * w).sum();
    let check = match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c,
    };
    d[8] == check
}

/// Mod 10 with weights 3 and 1 from the right, the check digit last (USPS IMpb, FedEx Ground).
fn mod10_3131(s: &str) -> bool {
    let Some(d) = digit_values(s) else {
        return false;
    };
    let Some((check, body)) = d.split_last() else {
        return false;
    };
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, v)| if i % 2 == 0 { v * 3 } else { *v })
        .sum();
    (10 - sum % 10) % 10 == *check
}

/// FedEx Express 12 digits: weights 1, 3, 7 from the right, sum mod 11 (10 counts as 0).
fn fedex_mod11(s: &str) -> bool {
    let Some(d) = digit_values(s) else {
        return false;
    };
    let Some((check, body)) = d.split_last() else {
        return false;
    };
    let sum: u32 = body
        .iter()
        .rev()
        .zip([1, 3, 7].iter().cycle())
        .map(|(a, w)| a * w)
        .sum();
    sum % 11 % 10 == *check
}

/// DHL Express 10 digits: the first nine, as a number, mod 7.
fn dhl_mod7(s: &str) -> bool {
    let (body, check) = s.split_at(s.len() - 1);
    match (body.parse::<u64>(), check.parse::<u64>()) {
        (Ok(b), Ok(c)) => b % 7 == c,
        _ => false,
    }
}

/// USPS labels often carry "420" + a 5- or 9-digit ZIP before the package number.
fn strip_routing(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix("420") {
        for zip in [5, 9] {
            if let Some(tail) = rest.get(zip..) {
                if (tail.len() == 22 || tail.len() == 20) && tail.starts_with('9') {
                    return tail;
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(number: &str, expected: &[(Carrier, Option<bool>)]) {
        let got: Vec<_> = recognise(number)
            .into_iter()
            .map(|c| (c.carrier, c.valid_check_digit))
            .collect();
        assert_eq!(got, expected, "{number}");
    }

    #[test]
    fn published_sample_numbers_are_recognised_with_their_check_digits() {
        // Numbers from the fixtures in ../shared/data/carriers and the carriers' documentation.
        check("1Z4F940A0266088694", &[(Carrier::Ups, Some(true))]);
        check("1z999aa1 0123 4567 84", &[(Carrier::Ups, Some(true))]);
        check("1Z999AA10123456785", &[(Carrier::Ups, Some(false))]);
        check("RR123456785GB", &[(Carrier::RoyalMail, Some(true))]);
        check("EE123456785US", &[(Carrier::Usps, Some(true))]);
        check(
            "EW112720413FR",
            &[(Carrier::Other("post_fr".into()), Some(true))],
        );
        check(
            "9400 1102 0082 8077 6316 98",
            &[(Carrier::Usps, Some(true))],
        );
        check("9102901000462189604217", &[(Carrier::Usps, Some(true))]);
        check(
            "42010001 9400110200828077631698",
            &[(Carrier::Usps, Some(true))],
        );
        check("776094337676", &[(Carrier::Fedex, Some(true))]);
        check("403934084723025", &[(Carrier::Fedex, Some(true))]);
        check("9053283201", &[(Carrier::Dhl, Some(true))]);
        check("7023210039414604", &[(Carrier::CanadaPost, Some(true))]);
    }

    #[test]
    fn text_that_is_no_tracking_number_gives_no_candidate() {
        check("hello", &[]);
        check("order 1020", &[]);
        check("", &[]);
    }
}
