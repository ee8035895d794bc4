//! Shopper verification: signed session tokens naming one order, and the limiter that makes
//! guessing order numbers and e-mails slow.

mod client_ip;
mod rate_limit;
mod token;

pub use client_ip::ClientIp;
pub use rate_limit::RateLimiter;
pub use token::{KeyError, SessionKey, TokenError, SESSION_MINUTES};
