//! The time zone a scan most likely happened in, from where it happened. AfterShip gives
//! `checkpoint_time` as the wall clock at the checkpoint, often without an offset; reading that as
//! UTC moved every US scan hours into the future. Countries with one zone map to it; the United
//! States, Canada and Australia map by state or province code. Anything else is `None`, and the
//! time stays as UTC, as before.

use crate::Zone as Tz;
use chrono::{NaiveDateTime, Offset, TimeZone};

/// The zone of a place given as an ISO 3166 country code (two or three letters) and a state or
/// province code.
pub fn guess(country: &str, state: &str) -> Option<Tz> {
    let state = state.trim().to_ascii_uppercase();
    let name = match country.trim().to_ascii_uppercase().as_str() {
        "US" | "USA" => us(&state)?,
        "CA" | "CAN" => canada(&state)?,
        "AU" | "AUS" => australia(&state)?,
        "GB" | "GBR" => "Europe/London",
        "IE" | "IRL" => "Europe/Dublin",
        "DE" | "DEU" => "Europe/Berlin",
        "FR" | "FRA" => "Europe/Paris",
        "ES" | "ESP" => "Europe/Madrid",
        "IT" | "ITA" => "Europe/Rome",
        "NL" | "NLD" => "Europe/Amsterdam",
        "BE" | "BEL" => "Europe/Brussels",
        "LU" | "LUX" => "Europe/Luxembourg",
        "CH" | "CHE" => "Europe/Zurich",
        "AT" | "AUT" => "Europe/Vienna",
        "DK" | "DNK" => "Europe/Copenhagen",
        "SE" | "SWE" => "Europe/Stockholm",
        "NO" | "NOR" => "Europe/Oslo",
        "FI" | "FIN" => "Europe/Helsinki",
        "PL" | "POL" => "Europe/Warsaw",
        "CZ" | "CZE" => "Europe/Prague",
        "PT" | "PRT" => "Europe/Lisbon",
        "JP" | "JPN" => "Asia/Tokyo",
        "KR" | "KOR" => "Asia/Seoul",
        "CN" | "CHN" => "Asia/Shanghai",
        "HK" | "HKG" => "Asia/Hong_Kong",
        "TW" | "TWN" => "Asia/Taipei",
        "SG" | "SGP" => "Asia/Singapore",
        "IN" | "IND" => "Asia/Kolkata",
        "IL" | "ISR" => "Asia/Jerusalem",
        "AE" | "ARE" => "Asia/Dubai",
        "NZ" | "NZL" => "Pacific/Auckland",
        "ZA" | "ZAF" => "Africa/Johannesburg",
        _ => return None,
    };
    name.parse().ok()
}

fn us(state: &str) -> Option<&'static str> {
    Some(match state {
        "CT" | "DE" | "DC" | "FL" | "GA" | "IN" | "KY" | "ME" | "MD" | "MA" | "MI" | "NH"
        | "NJ" | "NY" | "NC" | "OH" | "PA" | "RI" | "SC" | "VT" | "VA" | "WV" => "America/New_York",
        "AL" | "AR" | "IL" | "IA" | "KS" | "LA" | "MN" | "MS" | "MO" | "NE" | "ND" | "OK"
        | "SD" | "TN" | "TX" | "WI" => "America/Chicago",
        "CO" | "ID" | "MT" | "NM" | "UT" | "WY" => "America/Denver",
        "AZ" => "America/Phoenix",
        "PR" => "America/Puerto_Rico",
        "CA" | "NV" | "OR" | "WA" => "America/Los_Angeles",
        "AK" => "America/Anchorage",
        "HI" => "Pacific/Honolulu",
        _ => return None,
    })
}

fn canada(province: &str) -> Option<&'static str> {
    Some(match province {
        "ON" | "QC" => "America/Toronto",
        "BC" => "America/Vancouver",
        "AB" => "America/Edmonton",
        "MB" => "America/Winnipeg",
        "SK" => "America/Regina",
        "NS" | "NB" | "PE" => "America/Halifax",
        "NL" => "America/St_Johns",
        _ => return None,
    })
}

fn australia(state: &str) -> Option<&'static str> {
    Some(match state {
        "NSW" | "ACT" => "Australia/Sydney",
        "VIC" => "Australia/Melbourne",
        "TAS" => "Australia/Hobart",
        "QLD" => "Australia/Brisbane",
        "SA" => "Australia/Adelaide",
        "WA" => "Australia/Perth",
        "NT" => "Australia/Darwin",
        _ => return None,
    })
}

/// The offset from UTC in seconds that wall-clock time `local` had in `tz` (the earlier one when
/// a clock change makes it ambiguous).
pub fn offset_at(tz: Tz, local: NaiveDateTime) -> Option<i32> {
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.offset().fix().local_minus_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue 14.
    #[test]
    fn places_map_to_the_zone_their_clocks_follow() {
        let local =
            NaiveDateTime::parse_from_str("2026-11-18T09:00:00", "%Y-%m-%dT%H:%M:%S").unwrap();
        let off = |c, s| guess(c, s).and_then(|z| offset_at(z, local));
        assert_eq!(off("USA", "NJ"), Some(-5 * 3600));
        assert_eq!(off("USA", "CA"), Some(-8 * 3600));
        assert_eq!(off("US", "AZ"), Some(-7 * 3600));
        assert_eq!(off("DEU", ""), Some(3600));
        assert_eq!(off("AUS", "NSW"), Some(11 * 3600));
        assert_eq!(off("CAN", "BC"), Some(-8 * 3600));
        assert_eq!(off("USA", ""), None);
        assert_eq!(off("BRA", "SP"), None);
    }
}
