//! Shopify's GraphQL cost limit, read from a response: a throttled request comes back as HTTP 200
//! with `errors[].extensions.code == "THROTTLED"`, and `extensions.cost.throttleStatus` says how
//! many points are left and how fast they come back, so the wait is computed, not guessed.

use serde_json::Value;
use std::time::Duration;

/// The shortest and longest single wait.
const MIN_WAIT: Duration = Duration::from_millis(10);
const MAX_WAIT: Duration = Duration::from_secs(10);

/// The bucket as the last response described it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// Points the refused query needs.
    pub requested: f64,
    /// Points in the bucket now.
    pub available: f64,
    /// Points restored per second.
    pub restore_rate: f64,
}

/// Whether the response says the request was throttled (and so not executed).
pub fn is_throttled(doc: &Value) -> bool {
    doc["errors"].as_array().is_some_and(|errors| {
        errors
            .iter()
            .any(|e| e["extensions"]["code"].as_str() == Some("THROTTLED"))
    })
}

/// The cost figures of a response, when it has them.
pub fn cost(doc: &Value) -> Option<Cost> {
    let c = &doc["extensions"]["cost"];
    let t = &c["throttleStatus"];
    Some(Cost {
        requested: c["requestedQueryCost"].as_f64()?,
        available: t["currentlyAvailable"].as_f64()?,
        restore_rate: t["restoreRate"].as_f64()?,
    })
}

/// How long to wait before retry number `attempt` (0 for the first): long enough for the bucket
/// to hold the query's cost, or a doubling wait when the response gave no figures.
pub fn wait(cost: Option<Cost>, attempt: u32) -> Duration {
    let secs = match cost {
        Some(c) if c.restore_rate > 0.0 => ((c.requested - c.available).max(0.0)) / c.restore_rate,
        _ => f64::from(1u32 << attempt.min(4)),
    };
    Duration::from_secs_f64(secs.min(MAX_WAIT.as_secs_f64())).max(MIN_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_throttled_response_waits_until_the_bucket_holds_the_query() {
        let doc = json!({
            "errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}],
            "extensions": {"cost": {"requestedQueryCost": 202, "actualQueryCost": null,
                "throttleStatus": {"maximumAvailable": 1000.0, "currentlyAvailable": 102, "restoreRate": 50.0}}}
        });
        assert!(is_throttled(&doc));
        assert_eq!(wait(cost(&doc), 0), Duration::from_secs(2));
    }

    #[test]
    fn waits_are_bounded_and_fall_back_to_doubling() {
        assert!(!is_throttled(&json!({"data": {}})));
        assert_eq!(wait(None, 0), Duration::from_secs(1));
        assert_eq!(wait(None, 2), Duration::from_secs(4));
        let huge = Cost {
            requested: 1e6,
            available: 0.0,
            restore_rate: 1.0,
        };
        assert_eq!(wait(Some(huge), 0), MAX_WAIT);
        let ready = Cost {
            requested: 10.0,
            available: 500.0,
            restore_rate: 50.0,
        };
        assert_eq!(wait(Some(ready), 0), MIN_WAIT);
    }
}
