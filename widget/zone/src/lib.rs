//! Time zones in the browser builds: the core leaves its time-zone database out of the wasm
//! (about 146 KB gzipped) and asks the browser's own, through `Intl.DateTimeFormat`, for a zone's
//! offset at an instant. [`install`] once, before the core reads any time.

use js_sys::{Array, Date, Intl, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// One formatter per zone (building one is the slow part); `None` for a name the browser
    /// does not know.
    static FORMATS: RefCell<HashMap<String, Option<Intl::DateTimeFormat>>> =
        RefCell::new(HashMap::new());
}

/// Makes the core's zones follow the browser's time-zone rules.
pub fn install() {
    wismo::zone::set_offsets(offset);
}

/// The offset from UTC, in seconds, of `zone` at `utc_seconds` since 1970; `None` for a zone
/// the browser does not know.
fn offset(zone: &str, utc_seconds: i64) -> Option<i32> {
    let format = FORMATS.with(|f| {
        f.borrow_mut()
            .entry(zone.to_owned())
            .or_insert_with(|| formatter(zone))
            .clone()
    })?;
    // Seconds, as the core's instants are; the formatter shows no fractions.
    let date = Date::new(&JsValue::from_f64(utc_seconds as f64 * 1000.0));
    let parts = format.format_to_parts(&date);
    let field = |name: &str| -> Option<i64> {
        parts.iter().find_map(|p| {
            let kind = Reflect::get(&p, &"type".into()).ok()?.as_string()?;
            (kind == name)
                .then(|| {
                    Reflect::get(&p, &"value".into())
                        .ok()?
                        .as_string()?
                        .parse()
                        .ok()
                })
                .flatten()
        })
    };
    let local = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(field("year")?).ok()?,
        u32::try_from(field("month")?).ok()?,
        u32::try_from(field("day")?).ok()?,
    )?
    .and_hms_opt(
        u32::try_from(field("hour")?).ok()?,
        u32::try_from(field("minute")?).ok()?,
        u32::try_from(field("second")?).ok()?,
    )?;
    let offset = local.and_utc().timestamp() - utc_seconds;
    i32::try_from(offset).ok()
}

/// `new Intl.DateTimeFormat("en-US", {timeZone, 24-hour numeric fields})`, or `None` when the
/// browser refuses the zone (a `RangeError`).
fn formatter(zone: &str) -> Option<Intl::DateTimeFormat> {
    let options = Object::new();
    let set = |k: &str, v: &str| Reflect::set(&options, &k.into(), &v.into()).ok();
    set("timeZone", zone)?;
    set("hourCycle", "h23")?;
    set("year", "numeric")?;
    for k in ["month", "day", "hour", "minute", "second"] {
        set(k, "numeric")?;
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: js_sys::Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let args = Array::of2(&"en-US".into(), &options);
    Reflect::construct(&constructor, &args)
        .ok()
        .map(JsCast::unchecked_into)
}

// In a JS engine only: natively there is no Intl to ask.
#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use chrono::{LocalResult, NaiveDate, Offset, TimeZone, Utc};
    use wasm_bindgen_test::wasm_bindgen_test;
    use wismo::Zone;

    fn zone(name: &str) -> Zone {
        super::install();
        name.parse().unwrap()
    }

    fn offset_hours(zone: Zone, y: i32, m: u32, d: u32, h: u32) -> f64 {
        let utc = Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
        f64::from(utc.with_timezone(&zone).offset().fix().local_minus_utc()) / 3600.0
    }

    #[wasm_bindgen_test]
    fn offsets_follow_the_browsers_rules_in_summer_and_winter() {
        let ny = zone("America/New_York");
        assert_eq!(offset_hours(ny, 2026, 7, 1, 12), -4.0);
        assert_eq!(offset_hours(ny, 2026, 1, 15, 12), -5.0);
        assert_eq!(offset_hours(zone("Europe/Paris"), 2026, 7, 1, 12), 2.0);
        assert_eq!(offset_hours(zone("Australia/Sydney"), 2026, 7, 1, 12), 10.0);
        assert_eq!(
            offset_hours(zone("Australia/Sydney"), 2026, 1, 15, 12),
            11.0
        );
        assert_eq!(offset_hours(zone("Asia/Kolkata"), 2026, 7, 1, 12), 5.5);
        assert_eq!(offset_hours(zone("UTC"), 2026, 7, 1, 12), 0.0);
    }

    #[wasm_bindgen_test]
    fn wall_times_skipped_or_repeated_by_a_clock_change_are_told_apart() {
        let ny = zone("America/New_York");
        let at = |m, d, h, min| {
            NaiveDate::from_ymd_opt(2026, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap()
        };
        assert!(matches!(
            ny.from_local_datetime(&at(3, 8, 2, 30)),
            LocalResult::None
        ));
        match ny.from_local_datetime(&at(11, 1, 1, 30)) {
            LocalResult::Ambiguous(a, b) => {
                assert_eq!(a.to_utc().format("%H:%M").to_string(), "05:30");
                assert_eq!(b.to_utc().format("%H:%M").to_string(), "06:30");
            }
            other => panic!("not ambiguous: {other:?}"),
        }
        let cutoff = ny.from_local_datetime(&at(11, 19, 14, 0)).unwrap();
        assert_eq!(cutoff.to_utc().format("%d %H:%M").to_string(), "19 19:00");
    }

    #[wasm_bindgen_test]
    fn a_zone_the_browser_does_not_know_reads_as_utc_and_a_non_name_is_refused() {
        let mars = zone("Mars/Olympus_Mons");
        assert_eq!(offset_hours(mars, 2026, 7, 1, 12), 0.0);
        assert!("<script>".parse::<Zone>().is_err());
        let policy = |tz: &str| {
            serde_json::from_value::<wismo::Policy>(serde_json::json!({ "timezone": tz }))
        };
        assert!(policy("America/New_York").is_ok());
        assert!(policy("Mars/Olympus_Mons").is_ok());
        assert!(policy("not a zone").is_err());
    }
}
