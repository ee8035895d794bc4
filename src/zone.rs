//! Time zones by their IANA names, without carrying the time-zone database into the browser.
//!
//! Natively (feature `tzdb`, on by default: the proxy, tests, benches) a [`Zone`] is a
//! `chrono_tz::Tz` and its rules come from the database compiled in. The browser builds (the
//! widget, the tracking page, the sidebar) leave the feature off: the database would be about
//! 146 KB of their gzipped wasm, and every browser already has one. There a `Zone` is just its
//! name, and its offsets come from the function the page installs with [`set_offsets`] (the
//! `Intl` API, see `wismo-ui`); until one is installed, every zone is UTC.
//!
//! Either way a `Zone` is a chrono [`TimeZone`], so `now.with_timezone(&zone)` and
//! `zone.with_ymd_and_hms(…)` work the same in both builds.

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A time zone, such as `America/New_York`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(Inner);

#[cfg(feature = "tzdb")]
type Inner = chrono_tz::Tz;

#[cfg(not(feature = "tzdb"))]
type Inner = &'static str;

/// A name that is not a time zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}")]
pub struct UnknownZone(pub String);

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = {
        #[cfg(feature = "tzdb")]
        {
            Zone(chrono_tz::UTC)
        }
        #[cfg(not(feature = "tzdb"))]
        {
            Zone("UTC")
        }
    };

    /// The IANA name, e.g. `Europe/Paris`.
    pub fn name(&self) -> &'static str {
        #[cfg(feature = "tzdb")]
        {
            self.0.name()
        }
        #[cfg(not(feature = "tzdb"))]
        {
            self.0
        }
    }

    /// The offset from UTC, in seconds, at the instant `utc`.
    fn offset_at_utc(&self, utc: &NaiveDateTime) -> i32 {
        #[cfg(feature = "tzdb")]
        {
            self.0.offset_from_utc_datetime(utc).fix().local_minus_utc()
        }
        #[cfg(not(feature = "tzdb"))]
        {
            browser::offset(self.0, utc.and_utc().timestamp())
        }
    }

    fn offset(&self, seconds: i32) -> ZoneOffset {
        ZoneOffset {
            zone: *self,
            fixed: FixedOffset::east_opt(seconds)
                .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero is an offset")),
        }
    }
}

#[cfg(feature = "tzdb")]
impl From<chrono_tz::Tz> for Zone {
    fn from(tz: chrono_tz::Tz) -> Self {
        Zone(tz)
    }
}

impl FromStr for Zone {
    type Err = UnknownZone;

    fn from_str(name: &str) -> Result<Self, UnknownZone> {
        #[cfg(feature = "tzdb")]
        {
            name.parse::<chrono_tz::Tz>()
                .map(Zone)
                .map_err(|_| UnknownZone(name.to_owned()))
        }
        #[cfg(not(feature = "tzdb"))]
        {
            browser::intern(name)
                .map(Zone)
                .ok_or_else(|| UnknownZone(name.to_owned()))
        }
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// A zone's offset at some instant, remembering the zone (as chrono's `TimeZone` requires).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fixed)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fixed)
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        match local_offsets(local, |utc| self.offset_at_utc(utc)) {
            LocalResult::Single(o) => LocalResult::Single(self.offset(o)),
            LocalResult::Ambiguous(a, b) => LocalResult::Ambiguous(self.offset(a), self.offset(b)),
            LocalResult::None => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.offset_at_utc(utc))
    }
}

/// The offsets (seconds east of UTC) that wall-clock time `local` can have in a zone whose offset
/// at each UTC instant is `at`: one, two (the clocks went back; earlier first) or none (the clocks
/// went forward past it). Exact for zones that change their offset at most once in two days,
/// which every zone does.
pub fn local_offsets(
    local: &NaiveDateTime,
    at: impl Fn(&NaiveDateTime) -> i32,
) -> LocalResult<i32> {
    let day = chrono::Duration::days(1);
    let mut found: Vec<(NaiveDateTime, i32)> = Vec::with_capacity(2);
    // The offsets in force a day either side bound every offset this wall time can have.
    for probe in [*local - day, *local + day] {
        let offset = at(&probe);
        let utc = *local - chrono::Duration::seconds(i64::from(offset));
        if at(&utc) == offset && !found.iter().any(|(_, o)| *o == offset) {
            found.push((utc, offset));
        }
    }
    found.sort_by_key(|(utc, _)| *utc);
    match found.as_slice() {
        [] => LocalResult::None,
        [(_, o)] => LocalResult::Single(*o),
        [(_, a), (_, b), ..] => LocalResult::Ambiguous(*a, *b),
    }
}

/// Installs where zones' offsets come from in a build without the time-zone database: a
/// function of a zone's name and a UTC instant (seconds since 1970) giving the offset in seconds
/// east of UTC, or `None` when it does not know the zone (then UTC is used, so a zone the
/// browser does not know yet still reads). With the database
/// compiled in (feature `tzdb`, which a native build of the whole workspace turns on for every
/// crate) the database answers and this does nothing.
pub fn set_offsets(offsets: fn(&str, i64) -> Option<i32>) {
    #[cfg(not(feature = "tzdb"))]
    browser::install(offsets);
    #[cfg(feature = "tzdb")]
    let _ = offsets;
}

#[cfg(not(feature = "tzdb"))]
mod browser {
    use std::sync::{Mutex, OnceLock};

    static OFFSETS: OnceLock<fn(&str, i64) -> Option<i32>> = OnceLock::new();
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

    pub fn install(offsets: fn(&str, i64) -> Option<i32>) {
        let _ = OFFSETS.set(offsets);
    }

    pub fn offset(zone: &str, utc_seconds: i64) -> i32 {
        OFFSETS
            .get()
            .and_then(|f| f(zone, utc_seconds))
            .unwrap_or(0)
    }

    /// The name kept for the program's life (zones are few), if it looks like an IANA name. A
    /// name the browser does not know is kept too (its offsets are UTC's): the proxy checked it
    /// against the full database, and a browser with older zone data must not refuse the order.
    pub fn intern(name: &str) -> Option<&'static str> {
        let plausible = !name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
        if !plausible {
            return None;
        }
        let mut names = NAMES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = names.iter().find(|n| **n == name) {
            return Some(n);
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        names.push(leaked);
        Some(leaked)
    }
}

#[cfg(all(test, feature = "tzdb"))]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    /// What the browser build computes from a zone's offsets alone agrees with the database's
    /// own answer for every half hour of a year with both clock changes, in zones east and
    /// west, north and south, and with a half-hour offset.
    #[test]
    fn wall_times_from_offsets_alone_agree_with_the_database() {
        for name in [
            "America/New_York",
            "Europe/Paris",
            "Australia/Sydney",
            "Asia/Kolkata",
            "America/St_Johns",
            "UTC",
        ] {
            let tz: chrono_tz::Tz = name.parse().unwrap();
            let offset =
                |utc: &NaiveDateTime| tz.offset_from_utc_datetime(utc).fix().local_minus_utc();
            let mut local = at(2026, 1, 1, 0, 0);
            while local < at(2027, 1, 1, 0, 0) {
                let want = match tz.offset_from_local_datetime(&local) {
                    LocalResult::Single(o) => LocalResult::Single(o.fix().local_minus_utc()),
                    LocalResult::Ambiguous(a, b) => {
                        LocalResult::Ambiguous(a.fix().local_minus_utc(), b.fix().local_minus_utc())
                    }
                    LocalResult::None => LocalResult::None,
                };
                assert_eq!(local_offsets(&local, offset), want, "{name} at {local}");
                local += Duration::minutes(30);
            }
        }
    }

    #[test]
    fn zones_read_and_write_their_names() {
        let z: Zone = "Europe/Berlin".parse().unwrap();
        assert_eq!(z.name(), "Europe/Berlin");
        assert_eq!(serde_json::to_string(&z).unwrap(), "\"Europe/Berlin\"");
        assert_eq!(
            serde_json::from_str::<Zone>("\"Europe/Berlin\"").unwrap(),
            z
        );
        assert!("Mars/Olympus_Mons".parse::<Zone>().is_err());
        assert!(serde_json::from_str::<Zone>("\"Nowhere\"").is_err());
        let noon = z.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
        assert_eq!(noon.to_utc().format("%H:%M").to_string(), "10:00");
    }
}
