//! Ordered normalization stages, lossless apart from lossy.

use unicode_normalization::UnicodeNormalization;

/// One small normalization step on one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Lossless: Arabic presentation forms (ﻻ, ﺍ…) to their canonical letters (NFKC).
    PresentationForms,
    /// Lossless: drop bidi controls and zero-width joiners (LRM, RLM, ALM, embeddings, ZWJ/ZWNJ).
    BidiControls,
    /// Lossless: drop the tatweel/kashida stretch (ـ).
    Tatweel,
    /// Lossless: Arabic-Indic (٠–٩) and Persian (۰–۹) digits to ASCII.
    Digits,
    /// Lossy: drop harakat, shadda, sukun, dagger alef and Quranic marks.
    Diacritics,
    /// Lossy: أ إ آ ٱ → ا, ؤ → و, ئ → ي.
    Hamza,
    /// Lossy: ى → ي, Persian ی → ي, ک → ك.
    Yeh,
    /// Lossy: ة → ه.
    TehMarbuta,
    /// Lossy: lowercase Latin letters.
    Case,
}

/// The stages that change what users see, in order.
pub const LOSSLESS: &[Stage] = &[
    Stage::PresentationForms,
    Stage::BidiControls,
    Stage::Tatweel,
    Stage::Digits,
];
/// The stages that only build match keys, in order (applied after [`LOSSLESS`]).
pub const LOSSY: &[Stage] = &[
    Stage::Diacritics,
    Stage::Hamza,
    Stage::Yeh,
    Stage::TehMarbuta,
    Stage::Case,
];

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

impl Stage {
    /// Whether the stage changes `c` (cheap check, so untouched text is not copied).
    pub fn touches(&self, c: char) -> bool {
        match self {
            Stage::PresentationForms => is_presentation_form(c),
            Stage::BidiControls => matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}'
            ),
            Stage::Tatweel => c == '\u{0640}',
            Stage::Digits => matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}'),
            Stage::Diacritics => {
                matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
            }
            Stage::Hamza => matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ' | 'ؤ' | 'ئ'),
            Stage::Yeh => matches!(c, 'ى' | 'ی' | 'ک'),
            Stage::TehMarbuta => c == 'ة',
            Stage::Case => c.is_uppercase(),
        }
    }

    /// Apply the stage to `c`, pushing zero or more characters.
    pub fn apply(&self, c: char, out: &mut String) {
        if !self.touches(c) {
            out.push(c);
            return;
        }
        match self {
            Stage::PresentationForms => out.extend(std::iter::once(c).nfkc()),
            Stage::BidiControls | Stage::Tatweel | Stage::Diacritics => {}
            Stage::Digits => {
                let d = match c {
                    '\u{0660}'..='\u{0669}' => c as u32 - 0x0660,
                    _ => c as u32 - 0x06F0,
                };
                out.push(char::from_digit(d, 10).unwrap_or(c));
            }
            Stage::Hamza => out.push(match c {
                'ؤ' => 'و',
                'ئ' => 'ي',
                _ => 'ا',
            }),
            Stage::Yeh => out.push(match c {
                'ک' => 'ك',
                _ => 'ي',
            }),
            Stage::TehMarbuta => out.push('ه'),
            Stage::Case => out.extend(c.to_lowercase()),
        }
    }
}

fn run_stages(stages: &[Stage], c: char, out: &mut String) {
    // Each stage maps one char to zero or more; feed the output of one to the next.
    let mut cur = String::new();
    cur.push(c);
    for stage in stages {
        if !cur.chars().any(|c| stage.touches(c)) {
            continue;
        }
        let mut next = String::with_capacity(cur.len());
        for ch in cur.chars() {
            stage.apply(ch, &mut next);
        }
        cur = next;
    }
    out.push_str(&cur);
}

/// Fold one character through all stages (lossless then lossy) into `out`.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let touched = LOSSLESS.iter().chain(LOSSY).any(|s| s.touches(c));
    if !touched {
        out.push(c);
    } else if is_presentation_form(c) {
        run_stages(&[LOSSLESS, LOSSY].concat(), c, out);
    } else {
        // Every other stage maps a char to at most one char, except lowercasing, which is last.
        let mut cur = c;
        for stage in LOSSLESS.iter().chain(LOSSY) {
            if !stage.touches(cur) {
                continue;
            }
            if *stage == Stage::Case {
                out.extend(cur.to_lowercase());
                return;
            }
            let mut tmp = String::new();
            stage.apply(cur, &mut tmp);
            match tmp.chars().next() {
                Some(ch) => cur = ch,
                None => return,
            }
        }
        out.push(cur);
    }
}

/// The match key of a string: every lossless and lossy stage applied, nothing else changed.
///
/// ```
/// assert_eq!(rasid_text::match_key("إدلبَ ـ حماة ١٢ IS"), "ادلب  حماه 12 is");
/// ```
pub fn match_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Maps byte offsets of a normalized text back to the original text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// For every byte of the normalized text, the original byte offset of the character it
    /// came from; one more entry maps the end.
    starts: Vec<usize>,
}

impl OffsetMap {
    /// The original offset of normalized offset `i` (`i` may equal the normalized length).
    pub fn to_original(&self, i: usize) -> usize {
        self.starts
            .get(i)
            .copied()
            .unwrap_or_else(|| self.starts.last().copied().unwrap_or(0))
    }
}

/// Text after the lossless stages, with a map back to the original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// Apply `stages` in order to `text`. Untouched text is copied once, without per-char work
/// beyond the `touches` check.
pub fn normalize(text: &str, stages: &[Stage]) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len() + 1);
    let mut buf = String::new();
    for (i, c) in text.char_indices() {
        if !stages.iter().any(|s| s.touches(c)) {
            out.push(c);
        } else {
            buf.clear();
            run_stages(stages, c, &mut buf);
            out.push_str(&buf);
        }
        starts.resize(out.len(), i);
    }
    starts.push(text.len());
    Normalized {
        text: out,
        map: OffsetMap { starts },
    }
}

/// The key a word is indexed and searched under: its match key without a leading article and
/// the conjunction or preposition glued before it (والموصل، بالموصل، للموصل → موصل), so a
/// search finds every form. Short words keep their article (الي is not ي).
///
/// ```
/// use rasid_text::{match_key, search_key};
/// for w in ["الموصل", "والموصل", "بالموصل", "للموصل", "موصل"] {
///     assert_eq!(search_key(&match_key(w)), "موصل");
/// }
/// assert_eq!(search_key("الي"), "الي");
/// ```
pub fn search_key(key: &str) -> &str {
    let long = |rest: &str| rest.chars().count() >= 2;
    for p in ["وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = key.strip_prefix(p).filter(|r| long(r)) {
            return rest;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lossless_stages_keep_letters_and_map_back() {
        let text = "لـ«قسد» ١٢ ﻻ";
        let n = normalize(text, LOSSLESS);
        assert_eq!(n.text, "ل«قسد» 12 لا");
        let q = n.text.find("قسد").unwrap();
        let o = n.map.to_original(q);
        assert_eq!(&text[o..o + "قسد".len()], "قسد");
        assert_eq!(n.map.to_original(n.text.len()), text.len());
    }

    #[test]
    fn lossy_stages_only_in_keys() {
        assert_eq!(match_key("أُسرى الرقّة"), "اسري الرقه");
        assert_eq!(match_key("مؤسسة"), "موسسه");
        assert_eq!(normalize("أُسرى", LOSSLESS).text, "أُسرى");
    }

    #[test]
    fn bidi_controls_vanish() {
        assert_eq!(match_key("\u{200F}حلب\u{200E}"), "حلب");
    }

    proptest! {
        #[test]
        fn normalizing_twice_changes_nothing(s in "\\PC{0,40}") {
            let once = normalize(&s, LOSSLESS).text;
            prop_assert_eq!(normalize(&once, LOSSLESS).text, once.clone());
            let k = match_key(&s);
            prop_assert_eq!(match_key(&k), k);
        }

        #[test]
        fn offset_map_is_monotonic_and_in_bounds(s in "\\PC{0,40}") {
            let n = normalize(&s, LOSSLESS);
            let mut last = 0;
            for i in 0..=n.text.len() {
                let o = n.map.to_original(i);
                prop_assert!(o >= last && o <= s.len());
                last = o;
            }
        }
    }
}
