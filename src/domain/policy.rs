//! The brand's written promises as data: how fast it ships, when to worry, what it may offer.

use crate::Zone as Tz;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Transit time of a shipping service in business days, from pickup to door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitDays {
    pub min: u32,
    pub max: u32,
}

/// What the assistant may offer when a delivery goes wrong, and up to what value without a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Offers {
    /// Send the items again.
    pub reship: bool,
    /// Send the items again by the fastest service.
    pub expedited_reship: bool,
    /// Refund to the original payment method.
    pub refund: bool,
    /// Refund as store credit.
    pub store_credit: bool,
    /// Ask the carrier to redirect a parcel in transit (address changes after pick).
    pub carrier_redirect: bool,
    /// Above this order value (minor units) a person decides; 0 means no limit.
    pub auto_limit_minor: i64,
    /// How many days after a "delivered" scan a missing-parcel claim may be opened.
    pub claim_window_days: u32,
}

impl Default for Offers {
    fn default() -> Self {
        Self {
            reship: true,
            expedited_reship: false,
            refund: true,
            store_credit: true,
            carrier_redirect: true,
            auto_limit_minor: 20_000,
            claim_window_days: 30,
        }
    }
}

/// Local hours during which no proactive message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    /// First quiet hour, 0 to 23.
    pub start: u32,
    /// First hour messages may be sent again, 0 to 23.
    pub end: u32,
}

/// A product the merchant wants shown after a resolved conversation or on the tracking page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub title: String,
    pub url: String,
    /// Price as the shop displays it, e.g. "$24.00".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<String>,
}

/// How the assistant speaks to shoppers. Only the wording changes: both tones state the same
/// facts, numbers, dates and options in the same order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Warm and casual: contractions, "Good news!", `tú` in Spanish.
    #[default]
    Friendly,
    /// No contractions, exclamations or casual openers; `usted`, `vous` and `Sie`.
    Formal,
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
    /// Days the warehouse does not ship, besides weekends ("2026-12-24", or a TOML date).
    #[serde(deserialize_with = "dates")]
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
    /// Hours after the order during which the address may change, if the warehouse has not picked it.
    pub address_change_hours: u32,
    /// Hours after the order during which the shopper may cancel, if it is not fulfilled.
    pub cancel_hours: u32,
    /// What may be offered when a delivery goes wrong.
    pub offers: Offers,
    /// No proactive messages during these local hours.
    pub quiet_hours: QuietHours,
    /// At most one proactive message per order within this many hours.
    pub outreach_min_gap_hours: u32,
    /// No proactive messages about orders placed longer ago than this many days (0: no limit),
    /// so turning outreach on does not write to shoppers about long-settled orders.
    pub outreach_max_order_age_days: u32,
    /// How the assistant speaks to shoppers: friendly (the default) or formal.
    pub tone: Tone,
    /// After this many turns where the assistant could not help, it hands over to a person.
    pub max_unhelped_turns: u32,
    /// Products to suggest when an order is on track or delivered and the question is resolved.
    pub upsell: Vec<Product>,
    /// A goodwill discount code offered with the apology when a delivery goes wrong.
    pub goodwill_code: Option<String>,
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
            address_change_hours: 24,
            cancel_hours: 24,
            offers: Offers::default(),
            quiet_hours: QuietHours { start: 21, end: 8 },
            outreach_min_gap_hours: 24,
            outreach_max_order_age_days: 60,
            tone: Tone::Friendly,
            max_unhelped_turns: 2,
            upsell: Vec::new(),
            goodwill_code: None,
        }
    }
}

/// A date written as a string, or as a TOML date literal (which reaches serde as a one-key map).
#[derive(Deserialize)]
#[serde(untagged)]
enum DateRepr {
    Text(String),
    Toml {
        #[serde(rename = "$__toml_private_datetime")]
        value: String,
    },
}

fn dates<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
    Vec::<DateRepr>::deserialize(d)?
        .into_iter()
        .map(|r| {
            let (DateRepr::Text(s) | DateRepr::Toml { value: s }) = r;
            s.parse::<NaiveDate>().map_err(|_| {
                serde::de::Error::custom(format!("holiday {s:?} is not a date like 2026-12-24"))
            })
        })
        .collect()
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
    /// A quiet-hours bound that is not 0 to 23.
    #[error("quiet_hours.{0} must be 0 to 23, got {1}")]
    QuietHour(&'static str, u32),
    /// A negative value limit.
    #[error("offers.auto_limit_minor must not be negative")]
    NegativeLimit,
    /// The TOML or JSON text could not be read as a policy.
    #[error("policy: {0}")]
    Syntax(String),
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
        for (name, h) in [
            ("start", data.quiet_hours.start),
            ("end", data.quiet_hours.end),
        ] {
            if h > 23 {
                return Err(PolicyError::QuietHour(name, h));
            }
        }
        if data.offers.auto_limit_minor < 0 {
            return Err(PolicyError::NegativeLimit);
        }
        if let Some((k, _)) = data.transit_days.iter().find(|(_, t)| t.min > t.max) {
            return Err(PolicyError::TransitRange(k.clone()));
        }
        Ok(Self { data, tz })
    }

    /// Reads a policy from TOML, the format merchants write by hand; every key is optional.
    pub fn from_toml(text: &str) -> Result<Self, PolicyError> {
        let data: PolicyData =
            toml::from_str(text).map_err(|e| PolicyError::Syntax(e.message().to_owned()))?;
        Self::new(data)
    }

    /// Whether a local hour falls in the quiet hours (which may wrap past midnight).
    pub fn is_quiet_hour(&self, hour: u32) -> bool {
        let QuietHours { start, end } = self.data.quiet_hours;
        if start <= end {
            (start..end).contains(&hour)
        } else {
            hour >= start || hour < end
        }
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
    fn policies_load_from_toml_with_defaults_for_missing_keys() {
        let p = Policy::from_toml(
            "brand_name = \"Northwind\"\ntimezone = \"Europe/Berlin\"\nholidays = [2026-12-24]\n[offers]\nrefund = false\n[transit_days.express]\nmin = 1\nmax = 1\n",
        )
        .unwrap();
        assert_eq!(p.brand_name, "Northwind");
        assert!(!p.offers.refund && p.offers.reship);
        assert_eq!(p.transit("express"), TransitDays { min: 1, max: 1 });
        assert_eq!(
            p.holidays,
            vec![NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()]
        );
        let err = Policy::from_toml("[offers]\nrefnd = true\n").unwrap_err();
        assert!(err.to_string().contains("unknown field `refnd`"), "{err}");
        let err = Policy::from_toml("[quiet_hours]\nstart = 25\nend = 7\n").unwrap_err();
        assert_eq!(err, PolicyError::QuietHour("start", 25));
    }

    #[test]
    fn quiet_hours_wrap_past_midnight() {
        let p = Policy::default();
        assert!(
            p.is_quiet_hour(22)
                && p.is_quiet_hour(3)
                && !p.is_quiet_hour(8)
                && !p.is_quiet_hour(20)
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
