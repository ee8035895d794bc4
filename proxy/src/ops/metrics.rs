//! Prometheus metrics: requests and their latency by route, method and status; the webhook queue
//! depth, the helpdesk notes waiting and rate-limit rejections, read when scraped. Each app owns its recorder (none is
//! installed globally), so tests and several apps in one process never mix their numbers.

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use metrics::{Counter, Histogram, Label};
use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

const REQUESTS: &str = "wismo_http_requests_total";
const LATENCY: &str = "wismo_http_request_duration_seconds";
const QUEUE: &str = "wismo_webhook_queue_depth";
const NOTES: &str = "wismo_helpdesk_notes_pending";
const REJECTIONS: &str = "wismo_rate_limit_rejections_total";
const FAILED: &str = "wismo_webhooks_failed";
const FOREIGN: &str = "wismo_webhooks_foreign_shop_total";
const OUTREACH_PENDING: &str = "wismo_outreach_pending";
const OUTREACH_DUE: &str = "wismo_outreach_orders_due";

/// Latency buckets in seconds: a cached lookup takes well under a millisecond, a cold one with a
/// slow carrier several seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// Histogram samples are folded into buckets on upkeep; doing it every so many requests keeps
/// memory bounded even when nobody scrapes.
const UPKEEP_EVERY: u64 = 4096;

/// What the metrics endpoint reads from elsewhere when scraped.
#[derive(Debug, Clone, Default)]
pub struct Gauges {
    /// Stored webhook deliveries not yet applied (nor given up on).
    pub webhook_queue: i64,
    /// Helpdesk notes queued but not yet delivered (nor given up on).
    pub helpdesk_notes: i64,
    /// Verification attempts refused as rate limited since start.
    pub rate_limit_rejections: u64,
    /// Stored webhook deliveries that could not be applied, per provider (`wismo webhooks failed`
    /// lists them).
    pub webhooks_failed: Vec<(String, i64)>,
    /// Outreach messages queued but not yet sent (nor given up on).
    pub outreach_pending: i64,
    /// Watched orders whose check time has come: the monitor's backlog.
    pub outreach_due: i64,
}

/// A request series: method, route, status.
type Series = (Method, Arc<str>, u16);

struct Inner {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    recorded: AtomicU64,
    foreign_webhooks: AtomicU64,
    /// The counter and histogram of each (method, route, status) seen, so a request records
    /// through handles instead of building and looking up the labelled key again.
    series: RwLock<HashMap<Series, (Counter, Histogram)>>,
}

/// The app's metrics. Cheap to clone.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics(..)")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(LATENCY.to_owned()), &BUCKETS)
            .expect("the bucket list is a non-empty constant")
            .build_recorder();
        let handle = recorder.handle();
        Self(Arc::new(Inner {
            recorder,
            handle,
            recorded: AtomicU64::new(0),
            foreign_webhooks: AtomicU64::new(0),
            series: RwLock::new(HashMap::new()),
        }))
    }
}

impl Metrics {
    /// Counts one answered request and its latency.
    pub fn record(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let method = Method::from_bytes(method.as_bytes()).unwrap_or(Method::GET);
        self.record_series(&series_method(&method), &Arc::from(route), status, elapsed);
    }

    /// [`record`](Self::record) with the method already named as its series: a series seen
    /// before is a map lookup and two atomic updates, no labels built.
    fn record_series(&self, method: &Method, route: &Arc<str>, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let series = &self.0.series;
        let key = (method.clone(), route.clone(), status);
        let known = series
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&key)
            .map(|(c, h)| (c.clone(), h.clone()));
        let (counter, histogram) = known.unwrap_or_else(|| {
            let labels = [
                Label::new("method", method.as_str().to_owned()),
                Label::new("route", label(route)),
                Label::new("status", status.to_string()),
            ];
            let handles = metrics::with_local_recorder(&self.0.recorder, || {
                (
                    metrics::counter!(REQUESTS, labels.iter()),
                    metrics::histogram!(LATENCY, labels.iter()),
                )
            });
            series
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(key, handles.clone());
            handles
        });
        counter.increment(1);
        histogram.record(seconds);
        if self.0.recorded.fetch_add(1, Ordering::Relaxed) % UPKEEP_EVERY == UPKEEP_EVERY - 1 {
            self.0.handle.run_upkeep();
        }
    }

    /// Counts a correctly signed webhook from a shop this proxy does not serve (acknowledged and
    /// dropped unread).
    pub fn count_foreign_webhook(&self) {
        self.0.foreign_webhooks.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition of everything, with `gauges` as of now.
    pub fn render(&self, gauges: Gauges) -> String {
        metrics::with_local_recorder(&self.0.recorder, || {
            metrics::describe_counter!(
                REQUESTS,
                "HTTP requests answered, by route, method and status"
            );
            metrics::describe_histogram!(
                LATENCY,
                metrics::Unit::Seconds,
                "time to answer an HTTP request, by route, method and status"
            );
            metrics::describe_gauge!(QUEUE, "webhook deliveries stored but not yet applied");
            metrics::describe_gauge!(NOTES, "helpdesk notes queued but not yet delivered");
            metrics::describe_counter!(REJECTIONS, "verification attempts refused as rate limited");
            metrics::describe_gauge!(
                FAILED,
                "webhook deliveries stored that could not be applied, by provider"
            );
            metrics::describe_gauge!(
                OUTREACH_PENDING,
                "outreach messages queued but not yet sent"
            );
            metrics::describe_gauge!(
                OUTREACH_DUE,
                "watched orders waiting for the outreach monitor"
            );
            metrics::describe_counter!(
                FOREIGN,
                "signed Shopify webhooks from another shop, acknowledged and ignored"
            );
            // Precision loss only past 2^53 pending events.
            #[allow(clippy::cast_precision_loss)]
            {
                metrics::gauge!(QUEUE).set(gauges.webhook_queue as f64);
                metrics::gauge!(NOTES).set(gauges.helpdesk_notes as f64);
                metrics::gauge!(OUTREACH_PENDING).set(gauges.outreach_pending as f64);
                metrics::gauge!(OUTREACH_DUE).set(gauges.outreach_due as f64);
                for (provider, n) in &gauges.webhooks_failed {
                    metrics::gauge!(FAILED, "provider" => provider.clone()).set(*n as f64);
                }
            }
            metrics::counter!(FOREIGN).absolute(self.0.foreign_webhooks.load(Ordering::Relaxed));
            metrics::counter!(REJECTIONS).absolute(gauges.rate_limit_rejections);
        });
        self.0.handle.run_upkeep();
        self.0.handle.render()
    }
}

/// Middleware (a route layer, so the matched route is known) that records every routed request.
pub async fn track(State(metrics): State<Metrics>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    // Methods outside HTTP's own are one series: a client cannot grow the series without bound.
    let method = series_method(req.method());
    let route: Arc<str> = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .into();
    let res = next.run(req).await;
    metrics.record_series(&method, &route, res.status().as_u16(), started.elapsed());
    res
}

/// The method as its series names it: HTTP's own, or `OTHER`.
fn series_method(m: &Method) -> Method {
    let standard = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
        Method::CONNECT,
        Method::TRACE,
    ]
    .contains(m);
    if standard {
        m.clone()
    } else {
        Method::from_bytes(b"OTHER").unwrap_or(Method::GET)
    }
}

/// A route as a label: a nested service's catch-all tail becomes `*`.
fn label(route: &str) -> String {
    match route.find("{*") {
        Some(i) => format!("{}*", &route[..i]),
        None => route.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_up_methods_are_one_series() {
        let m = Metrics::default();
        for i in 0..50 {
            m.record(
                &format!("FOO{i}"),
                "/healthz",
                405,
                Duration::from_micros(10),
            );
        }
        m.record("GET", "/healthz", 200, Duration::from_micros(10));
        assert_eq!(m.0.series.read().unwrap().len(), 2);
        let text = m.render(Gauges::default());
        assert!(
            text.contains(r#"method="OTHER",route="/healthz",status="405"} 50"#),
            "{text}"
        );
    }

    #[test]
    fn requests_render_as_counters_and_histograms_per_route() {
        let m = Metrics::default();
        m.record(
            "GET",
            "/api/v1/orders/{number}",
            200,
            Duration::from_micros(300),
        );
        m.record(
            "GET",
            "/api/v1/orders/{number}",
            401,
            Duration::from_millis(2),
        );
        let text = m.render(Gauges {
            webhook_queue: 3,
            helpdesk_notes: 2,
            rate_limit_rejections: 5,
            webhooks_failed: vec![("shopify".into(), 2)],
            outreach_pending: 4,
            outreach_due: 1,
        });
        assert!(text.contains("wismo_outreach_pending 4"), "{text}");
        assert!(text.contains("wismo_outreach_orders_due 1"), "{text}");
        assert!(
            text.contains(r#"wismo_webhooks_failed{provider="shopify"} 2"#),
            "{text}"
        );
        assert!(
            text.contains("wismo_webhooks_foreign_shop_total 0"),
            "{text}"
        );
        assert!(
            text.contains(r#"wismo_http_requests_total{method="GET",route="/api/v1/orders/{number}",status="200"} 1"#),
            "{text}"
        );
        assert!(text.contains(r#"wismo_http_request_duration_seconds_bucket{method="GET",route="/api/v1/orders/{number}",status="401",le="0.0025"} 1"#), "{text}");
        assert!(text.contains("wismo_webhook_queue_depth 3"), "{text}");
        assert!(text.contains("wismo_helpdesk_notes_pending 2"), "{text}");
        assert!(
            text.contains("wismo_rate_limit_rejections_total 5"),
            "{text}"
        );
    }

    #[test]
    fn a_nested_services_tail_is_one_label() {
        assert_eq!(
            label("/widget/{*__private__axum_nest_tail_param}"),
            "/widget/*"
        );
        assert_eq!(label("/healthz"), "/healthz");
    }
}
