//! Hashed features of a message: words, word pairs and character n-grams, the same for training
//! and for inference, so the model sees typos ("oder") as close to the word they miss ("order").

use super::text;

/// FNV-1a, chosen because it is tiny, fast on short strings and identical on every platform.
fn fnv(seed: u32, bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5 ^ seed.wrapping_mul(0x0100_0193);
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    // A final avalanche so that nearby strings spread over the low bits used for buckets.
    h ^= h >> 15;
    h = h.wrapping_mul(0x2c1b_3c6d);
    h ^= h >> 12;
    h
}

/// Digits carry no intent ("order 1020" means the same as "order 77"), so numbers share one word.
fn word_key(w: &str) -> &str {
    if w.bytes().any(|b| b.is_ascii_digit()) {
        "0"
    } else {
        w
    }
}

/// Appends the bucket of every feature of `text` to `out` (cleared first). `mask` is the number of
/// buckets minus one; the number of buckets is a power of two.
pub fn hashed(text: &str, mask: u32, out: &mut Vec<u32>) {
    out.clear();
    // Whole words and word pairs are read per language: "tracking" in a Spanish message and in
    // an English one are different features, so a language's examples do not sway another's
    // messages through the words they share; character n-grams stay common to all (typos and
    // word stems carry across).
    let space: u32 = match super::lang::detect(text) {
        Some(crate::carrier::Lang::Es) => 1 << 8,
        Some(crate::carrier::Lang::Fr) => 2 << 8,
        Some(crate::carrier::Lang::De) => 3 << 8,
        _ => 0,
    };
    let folded = text::fold(text);
    let mut prev: &str = "^";
    let mut buf = Vec::with_capacity(32);
    for w in text::words(&folded) {
        let w = word_key(w);
        out.push(fnv(1 | space, w.as_bytes()) & mask);
        buf.clear();
        buf.extend_from_slice(prev.as_bytes());
        buf.push(b' ');
        buf.extend_from_slice(w.as_bytes());
        out.push(fnv(2 | space, &buf) & mask);
        prev = w;
        if w == "0" {
            continue;
        }
        // Character 3- and 4-grams of the word padded with boundary marks.
        buf.clear();
        buf.push(b'<');
        buf.extend_from_slice(w.as_bytes());
        buf.push(b'>');
        for n in 3..=4 {
            if buf.len() < n {
                continue;
            }
            for g in buf.windows(n) {
                out.push(fnv((2 + n as u32) | space, g) & mask);
            }
        }
    }
    if prev != "^" {
        let mut b = Vec::with_capacity(prev.len() + 2);
        b.extend_from_slice(prev.as_bytes());
        b.extend_from_slice(b" $");
        out.push(fnv(2 | space, &b) & mask);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_do_not_change_the_features() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        hashed("where is order 1020", 0xffff, &mut a);
        hashed("Where is ORDER #77?", 0xffff, &mut b);
        assert_eq!(a, b);
    }
}
