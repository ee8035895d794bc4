//! The OpenAPI 3.1 document of the public API, written by hand in `proxy/openapi.json` and served
//! at `/openapi.json`. `tests/openapi.rs` fails when a route is missing from it (or it names one
//! the router does not have), so it cannot drift silently.

/// The document as served.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");
