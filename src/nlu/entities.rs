//! Finds order numbers, e-mail addresses and tracking numbers in free text.

use crate::domain::{Email, OrderNumber, TrackingNumber};
use serde::{Deserialize, Serialize};

/// What a message told us, each list in order of appearance without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_numbers: Vec<OrderNumber>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Email>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracking_numbers: Vec<TrackingNumber>,
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Extracts entities. A bare number counts as an order number when it has 3 to 10 digits
/// (shorter is a quantity or a day; longer is more likely a tracking or phone number).
pub fn extract(text: &str) -> Entities {
    let mut out = Entities::default();
    for raw in
        text.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
    {
        let token = raw.trim_matches(|c: char| matches!(c, '.' | '!' | '?' | ':' | '"' | '\''));
        if token.is_empty() {
            continue;
        }
        if token.contains('@') {
            if let Ok(e) = Email::parse(token) {
                push_unique(&mut out.emails, e);
            }
            continue;
        }
        let digits = token.strip_prefix('#').unwrap_or(token);
        let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        if all_digits && (token.starts_with('#') || (3..=10).contains(&digits.len())) {
            if let Ok(o) = OrderNumber::parse(token) {
                push_unique(&mut out.order_numbers, o);
            }
            continue;
        }
        if looks_like_tracking(token) {
            if let Ok(t) = TrackingNumber::parse(token) {
                push_unique(&mut out.tracking_numbers, t);
            }
        }
    }
    out
}

fn looks_like_tracking(token: &str) -> bool {
    let upper = token.to_ascii_uppercase();
    let digits = upper.bytes().filter(u8::is_ascii_digit).count();
    let alnum = upper.bytes().all(|b| b.is_ascii_alphanumeric());
    alnum && upper.len() >= 10 && (upper.starts_with("1Z") || digits * 10 >= upper.len() * 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_order_numbers_in_several_spellings() {
        for text in ["where is #1020", "order 1020 please", "1020", "it's 1020."] {
            let e = extract(text);
            assert_eq!(e.order_numbers.len(), 1, "{text}");
            assert_eq!(e.order_numbers[0].as_str(), "1020");
        }
        assert!(extract("I ordered 2 shirts").order_numbers.is_empty());
    }

    #[test]
    fn finds_emails_and_tracking_numbers() {
        let e = extract("#1001, Jane@Example.com. Tracking 1Z999AA10123456784");
        assert_eq!(e.emails[0].as_str(), "jane@example.com");
        assert_eq!(e.tracking_numbers[0].as_str(), "1Z999AA10123456784");
        assert_eq!(e.order_numbers[0].as_str(), "1001");
    }
}
