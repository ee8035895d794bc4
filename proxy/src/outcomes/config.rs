//! `[outcomes]`: who may read the merchant's numbers, and what things cost.

use crate::outside::Secret;
use serde::Deserialize;
use wismo::outcomes::Prices;

/// The shortest admin token accepted.
pub const MIN_TOKEN_CHARS: usize = 24;
/// The environment variable that supplies (and overrides) `outcomes.admin_token`.
pub const ADMIN_TOKEN_ENV: &str = "WISMO_ADMIN_TOKEN";

/// `[outcomes]` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomesConfig {
    /// The token that opens `/admin/` and its JSON and metrics; without one they answer 404.
    #[serde(default)]
    pub admin_token: Option<Secret>,
    /// What CPU time and each message cost, for the cost per conversation.
    #[serde(default)]
    pub prices: Prices,
}

impl OutcomesConfig {
    /// Checks the token's length; the environment's token wins over the file's.
    pub fn resolve(mut self, env: Option<String>) -> Result<Self, String> {
        if let Some(t) = env.filter(|t| !t.is_empty()) {
            self.admin_token = Some(Secret::from(t.as_str()));
        }
        if let Some(t) = &self.admin_token {
            if t.expose().chars().count() < MIN_TOKEN_CHARS {
                return Err(format!(
                    "outcomes.admin_token must be at least {MIN_TOKEN_CHARS} characters"
                ));
            }
        }
        let p = &self.prices;
        if [p.cpu_usd_per_hour, p.email_usd, p.sms_usd, p.whatsapp_usd]
            .iter()
            .any(|v| !v.is_finite() || *v < 0.0)
        {
            return Err("outcomes.prices must be zero or more".to_owned());
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_token_or_a_negative_price_stops_the_server_and_the_environment_wins() {
        let short = OutcomesConfig {
            admin_token: Some("short".into()),
            ..OutcomesConfig::default()
        };
        assert!(short.clone().resolve(None).unwrap_err().contains("24"));
        let fixed = short
            .resolve(Some("a-long-enough-token-from-the-env".into()))
            .unwrap();
        assert_eq!(
            fixed.admin_token.unwrap().expose(),
            "a-long-enough-token-from-the-env"
        );
        let mut negative = OutcomesConfig::default();
        negative.prices.sms_usd = -1.0;
        assert!(negative.resolve(None).is_err());
        assert!(OutcomesConfig::default()
            .resolve(None)
            .unwrap()
            .admin_token
            .is_none());
    }
}
