//! Times as stored: fixed-width RFC 3339 in UTC, so text comparison is time comparison on both
//! databases, and parsing that also accepts the offset form older rows were written in.

use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};

/// `2026-11-19T15:00:00.000000Z`: always microseconds and `Z`.
pub fn to_db(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads a stored time; `what` names the column for the error.
pub fn from_db(s: &str, what: &str) -> anyhow::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f%:z"))
        .map(|t| t.with_timezone(&Utc))
        .with_context(|| format!("stored {what} {s:?} is not a time"))
}

/// The same for a nullable column.
pub fn from_db_opt(s: Option<&str>, what: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
    s.map(|s| from_db(s, what)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_round_trip_and_sort_as_text() {
        let a: DateTime<Utc> = "2026-11-19T15:00:00Z".parse().unwrap();
        let b = a + chrono::Duration::milliseconds(1500);
        assert_eq!(to_db(a), "2026-11-19T15:00:00.000000Z");
        assert!(to_db(a) < to_db(b));
        assert_eq!(from_db(&to_db(b), "t").unwrap(), b);
        assert_eq!(from_db("2026-11-19 15:00:00+00:00", "t").unwrap(), a);
        assert!(from_db("yesterday", "t").is_err());
    }
}
