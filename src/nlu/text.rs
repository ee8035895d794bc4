//! Text normalisation shared by the intent model, language detection and entity extraction, so
//! that "Où est ma COMMANDE ?", "ou est ma commande" and "𝓸𝓾 𝓮𝓼𝓽" look the same to all of them.

/// Lowercases, folds accents and ligatures, maps decorative Unicode letters to plain ones and turns
/// everything that is not a letter or digit into a single space. Apostrophes vanish, so "don't"
/// and "dont" become the same word.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut space = true;
    for c in text.chars() {
        let c = plain_letter(c);
        if matches!(c, '\'' | '’' | '`' | '´') {
            continue;
        }
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                push_folded(&mut out, l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The words of [`fold`]ed text.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(' ').filter(|w| !w.is_empty())
}

/// Maps the Mathematical Alphanumeric Symbols block (bold, script, fraktur... letters that some
/// shoppers paste from "fancy text" sites) to plain ASCII letters.
fn plain_letter(c: char) -> char {
    let cp = c as u32;
    if (0x1D400..=0x1D6A3).contains(&cp) {
        let i = (cp - 0x1D400) % 52;
        let base = if i < 26 { b'A' } else { b'a' };
        return char::from(base + (i % 26) as u8);
    }
    if (0xFF21..=0xFF3A).contains(&cp) || (0xFF41..=0xFF5A).contains(&cp) {
        // Fullwidth Latin letters.
        return char::from_u32(cp - 0xFEE0).unwrap_or(c);
    }
    c
}

fn push_folded(out: &mut String, c: char) {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ė' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'œ' => "oe",
        'æ' => "ae",
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_accents_punctuation_and_apostrophes() {
        assert_eq!(fold("  Où est ma COMMANDE ?!"), "ou est ma commande");
        assert_eq!(
            fold("Don't  ¿dónde está? Straße"),
            "dont donde esta strasse"
        );
        assert_eq!(fold("𝓘 𝔀𝓪𝓷𝓽"), "i want");
    }
}
