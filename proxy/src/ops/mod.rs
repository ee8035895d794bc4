//! Running the proxy in production: Prometheus metrics, request ids on every log line, readiness,
//! and the OpenAPI document of the public API.

pub(crate) mod metrics;
mod openapi;
mod request_id;

pub use self::metrics::{track, Metrics};
pub use openapi::OPENAPI_JSON;
pub use request_id::{observe, REQUEST_ID_HEADER};
