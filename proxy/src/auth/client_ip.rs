//! Who is asking, for rate limiting: the socket's peer address, or the address a trusted reverse
//! proxy put in `X-Forwarded-For` when (and only when) the config says one sits in front.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The client's address as far as we can trust it; `None` when unknown (e.g. in-process tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub Option<IpAddr>);

impl ClientIp {
    /// The rate limiter's key for this client.
    pub fn key(&self) -> String {
        match self.0 {
            Some(ip) => format!("ip:{ip}"),
            None => "ip:unknown".to_owned(),
        }
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        // Through Shopify's app proxy (signature verified) every request comes from Shopify's
        // servers: the shopper is the address Shopify appended to `X-Forwarded-For`, the last
        // entry (or the one before our own reverse proxy's). Entries before it are whatever the
        // shopper claimed.
        if parts
            .extensions
            .get::<crate::storefront::gate::Proxied>()
            .is_some()
        {
            let chain = forwarded_for(parts);
            let skip = usize::from(state.trust_forwarded_for);
            if let Some(ip) = chain.iter().rev().nth(skip) {
                return Ok(Self(Some(*ip)));
            }
        }
        if state.trust_forwarded_for {
            // The rightmost entry is the one our own reverse proxy appended; the ones before it
            // are whatever the client claimed.
            if let Some(ip) = forwarded_for(parts).pop() {
                return Ok(Self(Some(ip)));
            }
        }
        Ok(Self(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip()),
        ))
    }
}

/// Every address in `X-Forwarded-For`, oldest (leftmost) first; what does not parse is skipped.
fn forwarded_for(parts: &Parts) -> Vec<IpAddr> {
    parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .collect()
}
