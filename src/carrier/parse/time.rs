//! The many ways carriers write a date and a time, read into a wall-clock time and an offset.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// ISO 8601 with or without an offset ("2014-01-08T12:53:10-08:00", "2024-11-22T13:58:00",
/// "2018-03-02T07:53:47Z", "2018-03-02 07:53:47").
pub fn iso(s: &str) -> (Option<NaiveDateTime>, Option<i32>) {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return (Some(t.naive_local()), Some(t.offset().local_minus_utc()));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return (Some(t.naive_local()), Some(t.offset().local_minus_utc()));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return (Some(t), None);
        }
    }
    (date(s).and_then(|d| d.and_hms_opt(0, 0, 0)), None)
}

/// A date in one of the carriers' shapes: "2011-02-03", "20110617", "April 28, 2015",
/// "18.03.2016".
pub fn date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    [
        "%Y-%m-%d",
        "%Y%m%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d.%m.%Y",
        "%m/%d/%Y",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// A time of day: "134500", "13:26:00", "8:29 am", "12:24 pm", "13:26".
pub fn time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    let upper = s.to_ascii_uppercase();
    ["%H%M%S", "%H:%M:%S", "%H:%M", "%I:%M %p", "%I:%M%p", "%H%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(&upper, f).ok())
}

/// A date and an optional time; midnight when the time is missing or unreadable.
pub fn date_time(d: &str, t: &str) -> Option<NaiveDateTime> {
    let day = date(d)?;
    Some(day.and_time(time(t).unwrap_or(NaiveTime::MIN)))
}

/// North American zone abbreviations as Canada Post and USPS write them, in seconds east of UTC.
pub fn zone(abbr: &str) -> Option<i32> {
    let hours = match abbr.trim().to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" => 0,
        "NST" => return Some(-(3 * 3600 + 1800)),
        "NDT" => return Some(-(2 * 3600 + 1800)),
        "ADT" => -3,
        "AST" | "EDT" => -4,
        "EST" | "CDT" => -5,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" => -8,
        _ => return None,
    };
    Some(hours * 3600)
}

/// A day-first date with a time, as DHL Parcel Germany and DPD write it: "18.03.2016 10:02",
/// "15.05.2018, 10:16", "24.12.2021 00:16:05"; a bare date is midnight.
pub fn day_first(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    [
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y, %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y, %H:%M:%S",
        "%d/%m/%Y %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .or_else(|| date(s).and_then(|d| d.and_hms_opt(0, 0, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carrier_dates_and_times_are_read() {
        assert!(date_time("20110617", "134500").is_some());
        assert!(date_time("April 28, 2015", "8:29 am").is_some());
        assert!(date_time("2009-08-28", "13:26:00").is_some());
        assert_eq!(iso("2014-01-08T12:53:10-08:00").1, Some(-8 * 3600));
        assert_eq!(iso("2024-11-22T13:58:00").1, None);
        assert_eq!(zone("EST"), Some(-5 * 3600));
        assert_eq!(zone("ADT"), Some(-3 * 3600));
        assert_eq!(zone("EDT"), Some(-4 * 3600));
    }
}
