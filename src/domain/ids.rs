//! Identifiers a shopper types or a shop stores, parsed once so the rest of the code can trust them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an identifier was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The order number has no digits, too many digits or stray characters.
    #[error("order number must be 1 to 12 digits, optionally after '#'")]
    OrderNumber,
    /// The e-mail address is not of the form local@domain.tld.
    #[error("e-mail address is not valid")]
    Email,
    /// The postcode does not look like any supported country's postcode.
    #[error("postcode is not valid")]
    Postcode,
    /// The tracking number has characters other than letters, digits and separators, or a
    /// wrong length.
    #[error("tracking number must be 4 to 64 letters and digits (at least one digit), optionally with spaces or dashes")]
    TrackingNumber,
}

/// A shop's order number as shoppers know it (Shopify's `name` without the `#`), e.g. `1001`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrderNumber(String);

impl OrderNumber {
    /// Accepts `1001`, `#1001` and surrounding spaces.
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s = raw.trim();
        let s = s.strip_prefix('#').unwrap_or(s).trim();
        if s.is_empty() || s.len() > 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::OrderNumber);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl TryFrom<String> for OrderNumber {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<OrderNumber> for String {
    fn from(o: OrderNumber) -> String {
        o.0
    }
}

/// An e-mail address, stored lowercased so comparisons are case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s = raw
            .trim()
            .trim_end_matches(['.', ',', ';', ')'])
            .to_ascii_lowercase();
        let (local, domain) = s.split_once('@').ok_or(IdError::Email)?;
        let ok_local = !local.is_empty()
            && local.len() <= 64
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c));
        let ok_domain = domain.len() <= 253
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !(ok_local && ok_domain) {
            return Err(IdError::Email);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// A postal code, normalised to uppercase without inner spaces so `sw1a 1aa` equals `SW1A1AA`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Postcode(String);

impl Postcode {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        if s.len() < 3 || s.len() > 10 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(IdError::Postcode);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Postcode {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Postcode> for String {
    fn from(p: Postcode) -> String {
        p.0
    }
}

/// A carrier tracking number, uppercased, without the spaces, dashes and dots people and carriers
/// write into it for readability (`4912-3456-7890` is `491234567890`), so the same parcel has one
/// key whichever system reports it.
///
/// Any number a carrier issues in that alphabet is accepted, whether or not its shape is known:
/// recognising the carrier from a number ([`crate::carrier::recognise`]) is a hint, never a gate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TrackingNumber(String);

impl TrackingNumber {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let mut s = String::with_capacity(raw.len());
        for c in raw.chars() {
            match c {
                c if c.is_ascii_alphanumeric() => s.push(c.to_ascii_uppercase()),
                c if c.is_whitespace()
                    || matches!(c, '-' | '.' | '_' | '\u{2010}'..='\u{2015}') => {}
                _ => return Err(IdError::TrackingNumber),
            }
        }
        // A digit at least: words shops type where a number should be ("PENDING", "NONE") are not
        // tracking numbers, and registering them would create trackers for nothing.
        if s.len() < 4 || s.len() > 64 || !s.bytes().any(|b| b.is_ascii_digit()) {
            return Err(IdError::TrackingNumber);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for TrackingNumber {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<TrackingNumber> for String {
    fn from(t: TrackingNumber) -> String {
        t.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_accept_hash_and_spaces_but_not_letters() {
        assert_eq!(OrderNumber::parse(" #1020 ").unwrap().as_str(), "1020");
        assert_eq!(OrderNumber::parse("1020").unwrap().to_string(), "#1020");
        assert_eq!(OrderNumber::parse("10a0"), Err(IdError::OrderNumber));
        assert_eq!(OrderNumber::parse("#"), Err(IdError::OrderNumber));
        assert_eq!(
            OrderNumber::parse("1234567890123"),
            Err(IdError::OrderNumber)
        );
    }

    #[test]
    fn emails_are_lowercased_and_need_a_dotted_domain() {
        assert_eq!(
            Email::parse("Jane.Doe@Example.COM").unwrap().as_str(),
            "jane.doe@example.com"
        );
        assert!(Email::parse("jane@example").is_err());
        assert!(Email::parse("<script>@x.com").is_err());
        assert!(Email::parse("@example.com").is_err());
    }

    #[test]
    fn postcodes_and_tracking_numbers_ignore_spacing_and_case() {
        assert_eq!(
            Postcode::parse("sw1a 1aa").unwrap(),
            Postcode::parse("SW1A1AA").unwrap()
        );
        assert_eq!(
            TrackingNumber::parse("1z 999 aa1 0123456784")
                .unwrap()
                .as_str(),
            "1Z999AA10123456784"
        );
        assert!(TrackingNumber::parse("abc").is_err());
        // See: issue 14. Numbers of unknown shapes are kept; separators are not part of them.
        assert_eq!(
            TrackingNumber::parse("4912-3456-7890").unwrap().as_str(),
            "491234567890"
        );
        assert_eq!(
            TrackingNumber::parse("lx 123.456.789 de").unwrap().as_str(),
            "LX123456789DE"
        );
        assert!(TrackingNumber::parse("N/A").is_err());
        assert!(TrackingNumber::parse("PENDING").is_err());
        assert!(TrackingNumber::parse("none").is_err());
        assert!(TrackingNumber::parse("<b>1Z</b>").is_err());
    }

    #[test]
    fn serde_rejects_invalid_identifiers() {
        let bad: Result<OrderNumber, _> = serde_json::from_str("\"abc\"");
        assert!(bad.is_err());
        let good: Email = serde_json::from_str("\"A@B.io\"").unwrap();
        assert_eq!(good.as_str(), "a@b.io");
    }
}
