//! Shopify App Proxy requests: Shopify forwards `/apps/wismo/...` from the shop's storefront to
//! us with `shop`, `logged_in_customer_id`, `path_prefix`, `timestamp` and `signature` added to
//! the query. The signature is the hex HMAC-SHA256, under the app's client secret, of the other
//! parameters as `key=value` strings (a repeated key's values joined with `,`), sorted and
//! concatenated without a separator. Only a verified, fresh request's customer id is trusted.

use super::secret::SharedSecret;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::BTreeMap;

type HmacSha256 = Hmac<Sha256>;

/// How old a signed request may be before it is refused as a possible replay.
pub const DEFAULT_MAX_AGE_SECONDS: i64 = 300;

/// Why a request was refused. Handlers answer all of these with the same `unauthorized`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProxyError {
    /// No `signature`, or it is not hex.
    #[error("app proxy request is unsigned")]
    Unsigned,
    /// The signature does not match the parameters under our secret.
    #[error("app proxy signature is invalid")]
    BadSignature,
    /// No usable `timestamp`, or one too far from now.
    #[error("app proxy request is stale")]
    Stale,
    /// Signed for another shop than the configured one.
    #[error("app proxy request is for another shop")]
    OtherShop,
    /// One of Shopify's own parameters appears more than once.
    #[error("app proxy request repeats a parameter Shopify sets")]
    Ambiguous,
}

/// A verified app proxy request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRequest {
    pub shop: String,
    /// The storefront's logged-in customer, `None` when nobody is logged in.
    pub customer_id: Option<String>,
    /// Every signed parameter by name, repeated values in the order given.
    pub params: BTreeMap<String, Vec<String>>,
}

impl ProxyRequest {
    /// The first value of a parameter the shopper's request carried.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name)?.first().map(String::as_str)
    }
}

/// Verifies app proxy requests for one app (and, when configured, one shop).
#[derive(Debug, Clone)]
pub struct AppProxy {
    secret: SharedSecret,
    max_age: Duration,
    // Shared: the state (and so this) is cloned for every request.
    shop: Option<std::sync::Arc<str>>,
}

impl AppProxy {
    pub fn new(secret: SharedSecret, max_age_seconds: i64, shop: Option<String>) -> Self {
        Self {
            secret,
            max_age: Duration::seconds(max_age_seconds.max(1)),
            shop: shop.map(Into::into),
        }
    }

    fn mac(&self, params: &BTreeMap<String, Vec<String>>) -> HmacSha256 {
        let mut pairs: Vec<String> = params
            .iter()
            .filter(|(k, _)| k.as_str() != "signature")
            .map(|(k, v)| format!("{k}={}", v.join(",")))
            .collect();
        pairs.sort();
        let mut mac = HmacSha256::new_from_slice(self.secret.bytes())
            .expect("HMAC-SHA256 accepts keys of any length");
        mac.update(pairs.concat().as_bytes());
        mac
    }

    /// The `signature` Shopify would add to a query with these parameters: for tests and tools.
    pub fn sign(&self, query: &str) -> String {
        hex::encode(self.mac(&parse(query)).finalize().into_bytes())
    }

    /// Checks a forwarded request's raw query string at `now`.
    pub fn verify(&self, query: &str, now: DateTime<Utc>) -> Result<ProxyRequest, ProxyError> {
        let params = parse(query);
        // Shopify adds these itself; a second value (one the shopper typed in the address) would
        // still verify, joined with a comma, and must never be the one believed.
        const SHOPIFYS: [&str; 5] = [
            "shop",
            "logged_in_customer_id",
            "path_prefix",
            "timestamp",
            "signature",
        ];
        if SHOPIFYS
            .iter()
            .any(|k| params.get(*k).is_some_and(|v| v.len() > 1))
        {
            return Err(ProxyError::Ambiguous);
        }
        let signature = params
            .get("signature")
            .and_then(|v| v.first())
            .and_then(|s| hex::decode(s).ok())
            .ok_or(ProxyError::Unsigned)?;
        // `verify_slice` compares in constant time.
        self.mac(&params)
            .verify_slice(&signature)
            .map_err(|_| ProxyError::BadSignature)?;
        let at = params
            .get("timestamp")
            .and_then(|v| v.first())
            .and_then(|t| t.parse::<i64>().ok())
            .and_then(|t| DateTime::from_timestamp(t, 0))
            .ok_or(ProxyError::Stale)?;
        if (now - at).abs() > self.max_age {
            return Err(ProxyError::Stale);
        }
        let shop = params
            .get("shop")
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default();
        if self.shop.as_deref().is_some_and(|s| s != shop.as_str()) {
            return Err(ProxyError::OtherShop);
        }
        let customer_id = params
            .get("logged_in_customer_id")
            .and_then(|v| v.first())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        Ok(ProxyRequest {
            shop,
            customer_id,
            params,
        })
    }
}

/// A query string's parameters, percent-decoded, grouped by name.
fn parse(query: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        out.entry(k.into_owned()).or_default().push(v.into_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy() -> AppProxy {
        AppProxy::new(SharedSecret::new(b"hush", 1).unwrap(), 300, None)
    }

    fn at(ts: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(ts, 0).unwrap()
    }

    // The worked example of Shopify's app proxy documentation (secret `hush`), whose published
    // signature starts `4c68c8624d737112c91818c11017d24d334b`.
    const DOCS_QUERY: &str = "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb";

    #[test]
    fn the_documented_example_verifies() {
        let req = proxy().verify(DOCS_QUERY, at(1_317_327_555)).unwrap();
        assert_eq!(req.shop, "shop-name.myshopify.com");
        assert_eq!(req.customer_id.as_deref(), Some("1"));
        assert_eq!(req.params["extra"], ["1", "2"]);
    }

    #[test]
    fn any_changed_parameter_breaks_the_signature() {
        let q = DOCS_QUERY.replace("logged_in_customer_id=1", "logged_in_customer_id=2");
        assert_eq!(
            proxy().verify(&q, at(1_317_327_555)),
            Err(ProxyError::BadSignature)
        );
        let q = DOCS_QUERY.replace("extra=2", "extra=3");
        assert_eq!(
            proxy().verify(&q, at(1_317_327_555)),
            Err(ProxyError::BadSignature)
        );
        let other = AppProxy::new(SharedSecret::new(b"other", 1).unwrap(), 300, None);
        assert_eq!(
            other.verify(DOCS_QUERY, at(1_317_327_555)),
            Err(ProxyError::BadSignature)
        );
    }

    #[test]
    fn old_future_and_missing_timestamps_are_stale() {
        assert_eq!(
            proxy().verify(DOCS_QUERY, at(1_317_327_555 + 301)),
            Err(ProxyError::Stale)
        );
        assert_eq!(
            proxy().verify(DOCS_QUERY, at(1_317_327_555 - 301)),
            Err(ProxyError::Stale)
        );
        assert!(proxy().verify(DOCS_QUERY, at(1_317_327_555 + 300)).is_ok());
        let q = "shop=a.myshopify.com&logged_in_customer_id=";
        let signed = format!("{q}&signature={}", proxy().sign(q));
        assert_eq!(
            proxy().verify(&signed, at(1_317_327_555)),
            Err(ProxyError::Stale)
        );
    }

    #[test]
    fn unsigned_requests_and_other_shops_are_refused() {
        let q = "shop=a.myshopify.com&timestamp=1317327555";
        assert_eq!(
            proxy().verify(q, at(1_317_327_555)),
            Err(ProxyError::Unsigned)
        );
        let bad = format!("{q}&signature=not-hex");
        assert_eq!(
            proxy().verify(&bad, at(1_317_327_555)),
            Err(ProxyError::Unsigned)
        );
        let pinned = AppProxy::new(
            SharedSecret::new(b"hush", 1).unwrap(),
            300,
            Some("b.myshopify.com".into()),
        );
        let signed = format!("{q}&signature={}", pinned.sign(q));
        assert_eq!(
            pinned.verify(&signed, at(1_317_327_555)),
            Err(ProxyError::OtherShop)
        );
    }

    #[test]
    fn an_empty_customer_id_means_nobody_is_logged_in() {
        let q = "shop=a.myshopify.com&logged_in_customer_id=&timestamp=1317327555";
        let signed = format!("{q}&signature={}", proxy().sign(q));
        let req = proxy().verify(&signed, at(1_317_327_555)).unwrap();
        assert_eq!(req.customer_id, None);
    }
}
