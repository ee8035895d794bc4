//! Time counted the way a warehouse and a carrier's weekday network work: only business days
//! (no weekends, no holidays, in the brand's time zone) count toward "no scan for 48 hours", so a
//! parcel scanned on Friday evening is not stalled on Sunday.

use crate::domain::Policy;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The first instant of the local day after `d` (`end_of_local_day` is one second before it).
fn next_day_start(policy: &Policy, d: NaiveDate) -> DateTime<Utc> {
    policy.end_of_local_day(d) + Duration::seconds(1)
}

/// Whole business hours between `from` and `to` (0 when `to` is not later).
pub fn business_hours(policy: &Policy, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    if to <= from {
        return 0;
    }
    let tz = policy.tz();
    let mut total = Duration::zero();
    let mut at = from;
    // Day by day: the part of each local day that lies in [from, to), if it is a business day.
    while at < to {
        let day = at.with_timezone(&tz).date_naive();
        let day_end = next_day_start(policy, day).min(to);
        if policy.is_business_day(day) {
            total += day_end - at;
        }
        if day_end <= at {
            break;
        }
        at = day_end;
    }
    total.num_hours()
}

/// The instant at which `hours` business hours will have passed since `from`.
pub fn after_business_hours(policy: &Policy, from: DateTime<Utc>, hours: i64) -> DateTime<Utc> {
    let tz = policy.tz();
    let mut left = Duration::hours(hours.max(0));
    let mut at = from;
    // A year of closed days would be a broken policy; stop looking well before that.
    for _ in 0..400 {
        let day = at.with_timezone(&tz).date_naive();
        let day_end = next_day_start(policy, day);
        if day_end <= at {
            break;
        }
        if policy.is_business_day(day) {
            let rest = day_end - at;
            if rest >= left {
                return at + left;
            }
            left -= rest;
        }
        at = day_end;
    }
    at + left
}
