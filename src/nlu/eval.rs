//! Measuring the intent classifier on labelled messages: per-intent precision, recall and F1,
//! macro-F1 over the in-scope intents, recall of `other`, a confusion table and accuracy per
//! source. Pure, so `wismo eval-intents FILE.tsv` only reads the file and prints the report.

use super::intent::Intent;
use std::collections::BTreeMap;
use std::fmt;

/// One labelled message. A prediction is right when it is any of `accepted`.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalRow {
    pub text: String,
    pub accepted: Vec<Intent>,
    pub source: String,
}

/// Why an evaluation file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// A line has no tab between the text and the expected intents.
    #[error("line {0}: expected `text<TAB>expected[<TAB>source]`")]
    Shape(usize),
    /// An expected intent is not a known intent.
    #[error("line {0}: unknown intent `{1}`")]
    Intent(usize, String),
}

/// Reads `text<TAB>expected[<TAB>source]` after a header line. `expected` may list accepted
/// intents joined by `|`; rows whose expected is `skip` are left out. A source's part after
/// the first `:` (the source's own label) is dropped, so accuracy is reported per dataset.
pub fn parse_tsv(tsv: &str) -> Result<Vec<EvalRow>, EvalError> {
    let mut rows = Vec::new();
    for (i, line) in tsv.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let text = cols.next().unwrap_or_default();
        let expected = cols.next().ok_or(EvalError::Shape(i + 1))?.trim();
        if expected == "skip" {
            continue;
        }
        let source = cols.next().unwrap_or("-");
        let source = source.split(':').next().unwrap_or(source).to_owned();
        let accepted = expected
            .split('|')
            .map(|e| Intent::parse(e.trim()).ok_or_else(|| EvalError::Intent(i + 1, e.into())))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(EvalRow {
            text: text.to_owned(),
            accepted,
            source,
        });
    }
    Ok(rows)
}

/// Reads labelled messages written like the training examples: `intent<TAB>text` lines, `#`
/// comment lines, `a|b` accepting either intent; every row gets `source`.
pub fn parse_labelled(tsv: &str, source: &str) -> Result<Vec<EvalRow>, EvalError> {
    let mut rows = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (label, text) = line.split_once('\t').ok_or(EvalError::Shape(i + 1))?;
        let accepted = label
            .split('|')
            .map(|l| Intent::parse(l.trim()).ok_or_else(|| EvalError::Intent(i + 1, l.into())))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(EvalRow {
            text: text.trim().to_owned(),
            accepted,
            source: source.to_owned(),
        });
    }
    Ok(rows)
}

/// Reads either shape: a file whose first line is a `text<TAB>expected…` header as
/// [`parse_tsv`], anything else as [`parse_labelled`] with `source`.
pub fn parse_any(tsv: &str, source: &str) -> Result<Vec<EvalRow>, EvalError> {
    if tsv.lines().next().is_some_and(|l| l.starts_with("text\t")) {
        parse_tsv(tsv)
    } else {
        parse_labelled(tsv, source)
    }
}

/// Scores of one intent.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct IntentScore {
    pub support: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl IntentScore {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.support)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub rows: usize,
    pub per_intent: BTreeMap<&'static str, IntentScore>,
    /// (gold, predicted) counts; gold is the prediction when it was accepted, else the first
    /// accepted intent.
    pub confusion: BTreeMap<(&'static str, &'static str), usize>,
    /// Source → (correct, total).
    pub per_source: BTreeMap<String, (usize, usize)>,
}

impl Report {
    /// Mean F1 over the in-scope intents that occur in the data or were predicted.
    pub fn macro_f1(&self) -> f64 {
        let scores: Vec<f64> = Intent::IN_SCOPE
            .iter()
            .filter_map(|i| self.per_intent.get(i.as_str()))
            .filter(|s| s.support + s.predicted > 0)
            .map(IntentScore::f1)
            .collect();
        if scores.is_empty() {
            0.0
        } else {
            scores.iter().sum::<f64>() / scores.len() as f64
        }
    }

    /// Share of the messages whose only accepted answer is `other` that got `other`.
    pub fn other_recall(&self) -> f64 {
        self.per_intent
            .get("other")
            .map(IntentScore::recall)
            .unwrap_or(0.0)
    }

    pub fn accuracy(&self) -> f64 {
        let (c, t) = self
            .per_source
            .values()
            .fold((0, 0), |(c, t), (a, b)| (c + a, t + b));
        ratio(c, t)
    }

    /// Accuracy over the sources whose name starts with `prefix`.
    pub fn accuracy_of(&self, prefix: &str) -> (usize, usize) {
        self.per_source
            .iter()
            .filter(|(s, _)| s.starts_with(prefix))
            .fold((0, 0), |(c, t), (_, (a, b))| (c + a, t + b))
    }
}

/// Evaluates the committed classifier.
pub fn evaluate(rows: &[EvalRow]) -> Report {
    evaluate_with(rows, |t| super::classify(t).intent)
}

/// Evaluates any classifier, e.g. a freshly trained model.
pub fn evaluate_with(rows: &[EvalRow], mut predict: impl FnMut(&str) -> Intent) -> Report {
    let mut r = Report {
        rows: rows.len(),
        ..Report::default()
    };
    for row in rows {
        let got = predict(&row.text);
        let ok = row.accepted.contains(&got);
        let gold = if ok {
            got
        } else {
            row.accepted.first().copied().unwrap_or(Intent::Other)
        };
        r.per_intent.entry(gold.as_str()).or_default().support += 1;
        let p = r.per_intent.entry(got.as_str()).or_default();
        p.predicted += 1;
        if ok {
            p.correct += 1;
        }
        *r.confusion
            .entry((gold.as_str(), got.as_str()))
            .or_insert(0) += 1;
        let s = r.per_source.entry(row.source.clone()).or_insert((0, 0));
        s.0 += usize::from(ok);
        s.1 += 1;
    }
    r
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} rows, accuracy {:.3}", self.rows, self.accuracy())?;
        writeln!(
            f,
            "{:<15} {:>7} {:>7} {:>9} {:>6} {:>6} {:>6}",
            "intent", "support", "predict", "precision", "recall", "f1", ""
        )?;
        for i in Intent::ALL {
            let Some(s) = self.per_intent.get(i.as_str()) else {
                continue;
            };
            writeln!(
                f,
                "{:<15} {:>7} {:>7} {:>9.3} {:>6.3} {:>6.3}",
                i.as_str(),
                s.support,
                s.predicted,
                s.precision(),
                s.recall(),
                s.f1()
            )?;
        }
        writeln!(f, "macro-F1 (in-scope): {:.3}", self.macro_f1())?;
        writeln!(f, "other recall: {:.3}", self.other_recall())?;
        writeln!(f, "\nconfusion (rows gold, columns predicted):")?;
        let labels: Vec<&str> = Intent::ALL
            .iter()
            .map(|i| i.as_str())
            .filter(|l| self.confusion.keys().any(|(g, p)| g == l || p == l))
            .collect();
        write!(f, "{:<15}", "")?;
        for l in &labels {
            write!(f, " {:>5}", &l[..l.len().min(5)])?;
        }
        writeln!(f)?;
        for g in &labels {
            write!(f, "{g:<15}")?;
            for p in &labels {
                let n = self.confusion.get(&(*g, *p)).copied().unwrap_or(0);
                write!(f, " {n:>5}")?;
            }
            writeln!(f)?;
        }
        writeln!(f, "\naccuracy per source:")?;
        for (s, (c, t)) in &self.per_source {
            writeln!(f, "{s:<24} {:>6.3} ({c}/{t})", ratio(*c, *t))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_count_as_right_and_skip_rows_are_dropped() {
        let rows = parse_tsv(
            "text\texpected\tsource\na\ttrack_order|not_received\tx:1\nb\tskip\tx\nc\tother\ty\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        let r = evaluate_with(&rows, |_| Intent::NotReceived);
        assert_eq!(r.per_source["x"], (1, 1));
        assert_eq!(r.per_source["y"], (0, 1));
        assert_eq!(r.other_recall(), 0.0);
        assert_eq!(r.per_intent["not_received"].precision(), 0.5);
    }
}
