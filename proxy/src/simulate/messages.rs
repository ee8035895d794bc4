//! What simulated shoppers write: texts by the intent they mean, from `--messages` (a TSV with a
//! header naming a `text` and an `intent` column; `expected`, as in the shared labelled sets, is
//! read as `intent`, its first label when several are joined with `|`) or the set written for the
//! simulator (`messages.tsv`, the team's own wording).

use anyhow::{bail, Context};
use std::collections::HashMap;
use std::path::Path;
use wismo::nlu::Intent;

/// The set written for the simulator.
const DEFAULT: &str = include_str!("messages.tsv");

/// The intents a simulated shopper means.
pub const NEEDED: [Intent; 8] = [
    Intent::TrackOrder,
    Intent::DeliveryTime,
    Intent::NotReceived,
    Intent::CancelOrder,
    Intent::ChangeAddress,
    Intent::HumanAgent,
    Intent::Other,
    Intent::Thanks,
];

/// Texts by intent.
#[derive(Debug, Clone)]
pub struct Messages {
    by_intent: HashMap<Intent, Vec<String>>,
    /// Intents the file had no text for, filled from the default set.
    pub filled_in: Vec<Intent>,
}

impl Messages {
    /// The default set.
    pub fn builtin() -> Self {
        Self::parse(DEFAULT, "messages.tsv").expect("the built-in messages are valid")
    }

    /// Reads `path`; intents it lacks come from the default set (listed in `filled_in`).
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut m = Self::parse(&text, &path.display().to_string())?;
        let builtin = Self::builtin();
        for intent in NEEDED {
            if m.by_intent.get(&intent).is_none_or(Vec::is_empty) {
                m.by_intent
                    .insert(intent, builtin.by_intent[&intent].clone());
                m.filled_in.push(intent);
            }
        }
        Ok(m)
    }

    fn parse(text: &str, name: &str) -> anyhow::Result<Self> {
        let mut lines = text.lines();
        let header = lines.next().with_context(|| format!("{name} is empty"))?;
        let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
        let col = |names: &[&str]| columns.iter().position(|c| names.contains(c));
        let (Some(text_at), Some(intent_at)) = (col(&["text"]), col(&["intent", "expected"]))
        else {
            bail!("{name}: the header must name a `text` and an `intent` column (tab-separated), not {header:?}");
        };
        let mut by_intent: HashMap<Intent, Vec<String>> = HashMap::new();
        for (n, line) in lines.enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let (Some(text), Some(label)) = (fields.get(text_at), fields.get(intent_at)) else {
                bail!("{name}, line {}: fewer columns than the header", n + 2);
            };
            let first = label.split('|').next().unwrap_or_default().trim();
            let Some(intent) = Intent::parse(first) else {
                bail!(
                    "{name}, line {}: {first:?} is not an intent the core knows",
                    n + 2
                );
            };
            let text = text.trim();
            if !text.is_empty() {
                by_intent.entry(intent).or_default().push(text.to_owned());
            }
        }
        if by_intent.is_empty() {
            bail!("{name} has no messages");
        }
        Ok(Self {
            by_intent,
            filled_in: Vec::new(),
        })
    }

    /// A text meaning `intent`, chosen by `pick` (an index into however many there are).
    pub fn text(&self, intent: Intent, pick: usize) -> &str {
        let list = self
            .by_intent
            .get(&intent)
            .filter(|l| !l.is_empty())
            .or_else(|| self.by_intent.get(&Intent::TrackOrder))
            .expect("track_order texts exist");
        &list[pick % list.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_set_has_every_intent_a_shopper_means() {
        let m = Messages::builtin();
        for intent in NEEDED {
            assert!(m.by_intent.contains_key(&intent), "{intent:?}");
        }
    }

    #[test]
    fn a_file_without_the_columns_or_with_unknown_intents_is_refused_clearly() {
        let e = Messages::parse("words\tlabel\nhi\tthanks\n", "x.tsv").unwrap_err();
        assert!(e.to_string().contains("`text` and an `intent`"), "{e}");
        let e = Messages::parse("text\tintent\nhi\tteleport\n", "x.tsv").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let m = Messages::parse(
            "text\texpected\tsource\nwhere is it\ttrack_order|not_received\tx\n",
            "x.tsv",
        )
        .unwrap();
        assert_eq!(m.text(Intent::TrackOrder, 7), "where is it");
    }
}
