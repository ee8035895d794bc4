//! The intent model: a multinomial logistic regression over hashed features, its compact
//! on-disk form (int8 weights) and inference.

use super::features;
use super::intent::Intent;

/// Why a weights file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with the model's magic number and version.
    #[error("not a wismo intent model (bad magic or version)")]
    Magic,
    /// The file ends before all the weights it announces.
    #[error("intent model is truncated")]
    Truncated,
    /// A class id does not name an intent.
    #[error("intent model names an unknown class {0}")]
    UnknownClass(u8),
}

const MAGIC: &[u8; 5] = b"WNLU1";

/// A trained model, ready to score messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// log2 of the number of feature buckets.
    pub(crate) bits: u8,
    pub(crate) classes: Vec<Intent>,
    /// A weight is `quantised as f32 * scale`.
    pub(crate) scale: f32,
    /// Logits are divided by this before the softmax (calibration).
    pub(crate) temperature: f32,
    pub(crate) bias: Vec<f32>,
    /// Bucket-major: the weights of bucket `b` are `weights[b * classes.len()..][..classes.len()]`.
    pub(crate) weights: Vec<i8>,
}

impl Model {
    /// The intents this model can output, in the order of [`Model::probabilities`].
    pub fn classes(&self) -> &[Intent] {
        &self.classes
    }

    /// The softmax temperature fitted on held-out examples.
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// Calibrated probabilities of each class for `text`, in the order of [`Model::classes`].
    pub fn probabilities(&self, text: &str) -> Vec<f32> {
        let mut feats = Vec::with_capacity(128);
        features::hashed(text, (1u32 << self.bits) - 1, &mut feats);
        let logits = self.logits(&feats);
        softmax(&logits, self.temperature)
    }

    pub(crate) fn logits(&self, feats: &[u32]) -> Vec<f32> {
        let k = self.classes.len();
        let mut acc = vec![0i32; k];
        for &f in feats {
            let row = &self.weights[f as usize * k..][..k];
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i32::from(w);
            }
        }
        let norm = self.scale / (feats.len().max(1) as f32).sqrt();
        acc.iter()
            .zip(&self.bias)
            .map(|(&a, &b)| a as f32 * norm + b)
            .collect()
    }

    /// The compact file: magic, bits, class count, scale, temperature, class ids, biases, weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.weights.len() + 64);
        out.extend_from_slice(MAGIC);
        out.push(self.bits);
        out.push(self.classes.len() as u8);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        out.extend(self.classes.iter().map(|c| c.id()));
        for b in &self.bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::Magic)?;
        let mut r = Reader(rest);
        let bits = r.u8()?;
        let k = r.u8()? as usize;
        let scale = r.f32()?;
        let temperature = r.f32()?;
        let classes = (0..k)
            .map(|_| {
                let id = r.u8()?;
                Intent::from_id(id).ok_or(ModelError::UnknownClass(id))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let bias = (0..k).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let n = (1usize << bits) * k;
        if r.0.len() != n {
            return Err(ModelError::Truncated);
        }
        let weights = r.0.iter().map(|&b| b as i8).collect();
        Ok(Self {
            bits,
            classes,
            scale,
            temperature,
            bias,
            weights,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u8(&mut self) -> Result<u8, ModelError> {
        let (&b, rest) = self.0.split_first().ok_or(ModelError::Truncated)?;
        self.0 = rest;
        Ok(b)
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        if self.0.len() < 4 {
            return Err(ModelError::Truncated);
        }
        let (b, rest) = self.0.split_at(4);
        self.0 = rest;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// e^x computed the same way on every platform (libm's `exp` may differ in the last bit between
/// targets, and training must give byte-identical weights everywhere).
pub(crate) fn exp(x: f64) -> f64 {
    let x = x.clamp(-700.0, 700.0);
    let k = (x / std::f64::consts::LN_2).round();
    let r = x - k * std::f64::consts::LN_2;
    // Taylor series of e^r for |r| <= ln2/2, accurate to about 1e-16.
    let mut term = 1.0;
    let mut sum = 1.0;
    for i in 1..=14 {
        term *= r / f64::from(i);
        sum += term;
    }
    let bits = ((k as i64 + 1023) as u64) << 52;
    sum * f64::from_bits(bits)
}

pub(crate) fn softmax(logits: &[f32], temperature: f32) -> Vec<f32> {
    let t = f64::from(temperature.max(1e-3));
    let max = logits.iter().copied().fold(f32::MIN, f32::max);
    let e: Vec<f64> = logits
        .iter()
        .map(|&l| exp(f64::from(l - max) / t))
        .collect();
    let sum: f64 = e.iter().sum();
    e.iter().map(|v| (v / sum) as f32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_exp_matches_the_standard_one() {
        for x in [-30.0, -2.5, -0.1, 0.0, 0.3, 1.0, 7.0, 40.0] {
            let (a, b) = (exp(x), f64::exp(x));
            assert!((a - b).abs() <= b * 1e-13, "{x}: {a} vs {b}");
        }
    }
}
