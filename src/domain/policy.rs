//! The brand's written promises as data: how fast it ships, when to worry, what it may offer.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Transit time of a shipping service in business days, from pickup to door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitDays {
    pub min: u32,
    pub max: u32,
}

/// The fields of a [`Policy`] before validation. Every field has a sensible default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyData {
    /// The name the assistant speaks for.
    pub brand_name: String,
    /// IANA time zone of the warehouse, e.g. "America/New_York".
    pub timezone: String,
    /// Business days from order to hand-over to the carrier.
    pub processing_days: u32,
    /// Orders placed after this local hour count from the next business day.
    pub cutoff_hour: u32,
    /// Days the warehouse does not ship, besides weekends.
    pub holidays: Vec<NaiveDate>,
    /// No scan for this long means the parcel is stalled (domestic).
    pub stall_hours: u32,
    /// No scan for this long means the parcel is stalled (international).
    pub stall_hours_international: u32,
    /// A label with no pickup scan for this long means it is still on the dock.
    pub pickup_grace_hours: u32,
    /// How long to wait after a "delivered" scan before opening a claim.
    pub delivered_wait_hours: u32,
    /// Carrier data older than this is not trusted as current.
    pub stale_after_hours: u32,
    /// Transit times per shipping service; "standard" is the fallback.
    pub transit_days: BTreeMap<String, TransitDays>,
}

impl Default for PolicyData {
    fn default() -> Self {
        Self {
            brand_name: "our shop".to_owned(),
            timezone: "UTC".to_owned(),
            processing_days: 2,
            cutoff_hour: 14,
            holidays: Vec::new(),
            stall_hours: 48,
            stall_hours_international: 96,
            pickup_grace_hours: 24,
            delivered_wait_hours: 48,
            stale_after_hours: 36,
            transit_days: BTreeMap::from([
                ("standard".to_owned(), TransitDays { min: 3, max: 5 }),
                ("express".to_owned(), TransitDays { min: 1, max: 2 }),
            ]),
        }
    }
}

/// Why a policy was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The time zone is not an IANA name.
    #[error("unknown time zone {0:?}; use an IANA name such as \"Europe/Berlin\"")]
    TimeZone(String),
    /// The cut-off hour is not 0 to 23.
    #[error("cutoff_hour must be 0 to 23, got {0}")]
    CutoffHour(u32),
    /// A threshold of zero hours would flag every parcel.
    #[error("{0} must be at least 1 hour")]
    ZeroThreshold(&'static str),
    /// A transit range whose minimum exceeds its maximum.
    #[error("transit_days.{0}: min is greater than max")]
    TransitRange(String),
    /// The brand needs a name to sign its messages.
    #[error("brand_name must not be empty")]
    NoBrand,
}

/// A validated brand policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PolicyData", into = "PolicyData")]
pub struct Policy {
    data: PolicyData,
    tz: Tz,
}

impl Default for Policy {
    fn default() -> Self {
        Self::new(PolicyData::default()).expect("the default policy is valid")
    }
}

impl Policy {
    pub fn new(data: PolicyData) -> Result<Self, PolicyError> {
        let tz: Tz = data
            .timezone
            .parse()
            .map_err(|_| PolicyError::TimeZone(data.timezone.clone()))?;
        if data.cutoff_hour > 23 {
            return Err(PolicyError::CutoffHour(data.cutoff_hour));
        }
        if data.brand_name.trim().is_empty() {
            return Err(PolicyError::NoBrand);
        }
        for (name, v) in [
            ("stall_hours", data.stall_hours),
            ("stall_hours_international", data.stall_hours_international),
            ("pickup_grace_hours", data.pickup_grace_hours),
            ("delivered_wait_hours", data.delivered_wait_hours),
            ("stale_after_hours", data.stale_after_hours),
        ] {
            if v == 0 {
                return Err(PolicyError::ZeroThreshold(name));
            }
        }
        if let Some((k, _)) = data.transit_days.iter().find(|(_, t)| t.min > t.max) {
            return Err(PolicyError::TransitRange(k.clone()));
        }
        Ok(Self { data, tz })
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// Transit time for a service, falling back to "standard", then to 3 to 7 days.
    pub fn transit(&self, service: &str) -> TransitDays {
        self.data
            .transit_days
            .get(service)
            .or_else(|| self.data.transit_days.get("standard"))
            .copied()
            .unwrap_or(TransitDays { min: 3, max: 7 })
    }

    /// Whether the warehouse works on this local date.
    pub fn is_business_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.data.holidays.contains(&d)
    }

    /// Adds `days` business days to a local date.
    pub fn add_business_days(&self, mut d: NaiveDate, days: u32) -> NaiveDate {
        let mut left = days;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_business_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The local date by the end of which an order placed at `ordered` should leave the warehouse.
    pub fn ship_by(&self, ordered: DateTime<Utc>) -> NaiveDate {
        let local = ordered.with_timezone(&self.tz);
        let mut start = local.date_naive();
        // An order after the cut-off, or on a closed day, starts counting on the next business day.
        if local.hour() >= self.data.cutoff_hour || !self.is_business_day(start) {
            start = self.add_business_days(start, 1);
        }
        if self.data.processing_days == 0 {
            start
        } else {
            // The start day itself counts as the first processing day.
            self.add_business_days(start, self.data.processing_days - 1)
        }
    }

    /// The end of a local date, as an instant.
    pub fn end_of_local_day(&self, d: NaiveDate) -> DateTime<Utc> {
        let next = d
            .succ_opt()
            .unwrap_or(d)
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default();
        self.tz
            .from_local_datetime(&next)
            .earliest()
            .map_or_else(|| Utc.from_utc_datetime(&next), |t| t.with_timezone(&Utc))
            - Duration::seconds(1)
    }
}

impl std::ops::Deref for Policy {
    type Target = PolicyData;
    fn deref(&self) -> &PolicyData {
        &self.data
    }
}

impl TryFrom<PolicyData> for Policy {
    type Error = PolicyError;
    fn try_from(d: PolicyData) -> Result<Self, Self::Error> {
        Self::new(d)
    }
}

impl From<Policy> for PolicyData {
    fn from(p: Policy) -> Self {
        p.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn orders_after_cutoff_on_friday_ship_by_tuesday() {
        let p = Policy::new(PolicyData {
            timezone: "America/New_York".into(),
            processing_days: 2,
            cutoff_hour: 14,
            ..PolicyData::default()
        })
        .unwrap();
        // Friday 2026-11-20 15:00 local is after the cut-off: Monday and Tuesday are the two days.
        assert_eq!(
            p.ship_by(at("2026-11-20T20:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
        );
        // Friday morning counts Friday and Monday.
        assert_eq!(
            p.ship_by(at("2026-11-20T14:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }

    #[test]
    fn holidays_are_skipped() {
        let p = Policy::new(PolicyData {
            processing_days: 1,
            holidays: vec![NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()],
            ..PolicyData::default()
        })
        .unwrap();
        // Wednesday evening after cut-off: Thursday is a holiday, so Friday.
        assert_eq!(
            p.ship_by(at("2026-11-25T20:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
    }

    #[test]
    fn invalid_policies_say_what_is_wrong() {
        let bad_tz = PolicyData {
            timezone: "Mars/Base".into(),
            ..PolicyData::default()
        };
        assert_eq!(
            Policy::new(bad_tz),
            Err(PolicyError::TimeZone("Mars/Base".into()))
        );
        let err = serde_json::from_str::<Policy>(r#"{"cutoff_hour": 25}"#).unwrap_err();
        assert!(
            err.to_string().contains("cutoff_hour must be 0 to 23"),
            "{err}"
        );
        let err = serde_json::from_str::<Policy>(r#"{"stal_hours": 5}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }
}
