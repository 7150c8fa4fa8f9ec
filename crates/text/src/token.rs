//! Tokens with byte spans into the original text.

use rasid_core::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (Arabic or Latin), possibly with diacritics and tatweel inside.
    Word,
    /// Digits (ASCII, Arabic-Indic or Persian), possibly with `,` or `.` between groups.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// A token of the ORIGINAL text. `span` points into the original; `key` is its match key
/// (all normalization stages applied).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub key: String,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    /// For a number token, its value.
    pub fn number(&self) -> Option<u64> {
        if self.kind != TokenKind::Number {
            return None;
        }
        let digits: String = self.key.chars().filter(|c| c.is_ascii_digit()).collect();
        digits.parse().ok()
    }
}

/// Arabic script letters (not marks, not digits).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

fn is_mark(c: char) -> bool {
    // Arabic diacritics, tatweel, and joiners stay inside a word.
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' | '\u{200C}' | '\u{200D}')
        || (!c.is_ascii() && matches!(c, '\u{0300}'..='\u{036F}'))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// Split `text` into word, number and punctuation tokens. White space and invisible controls
/// separate tokens and are not tokens. Every token's span is a non-empty slice of `text`.
///
/// Letters glued to digits are split (`200كم` → `200`, `كم`); a tatweel after a clitic letter
/// stays with it (`لـ` is one word token).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() || is_invisible(c) {
            continue;
        }
        let kind = if is_digit(c) {
            TokenKind::Number
        } else if c.is_alphabetic() || is_mark(c) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != TokenKind::Punct {
            while let Some(&(j, d)) = chars.peek() {
                let same = match kind {
                    TokenKind::Word => d.is_alphabetic() || is_mark(d),
                    _ => {
                        is_digit(d)
                            || ((d == ',' || d == '.' || d == '٫' || d == '٬')
                                && text[j + d.len_utf8()..]
                                    .chars()
                                    .next()
                                    .is_some_and(is_digit))
                    }
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        let span = Span::new(i, end);
        tokens.push(Token {
            span,
            kind,
            key: crate::match_key(&text[i..end]),
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_tokens_keep_original_spans_and_folded_keys() {
        let text = "قُتل ٣٣ جندياً، لـ«قسد» 200كم²";
        let toks = tokenize(text);
        let shown: Vec<&str> = toks.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            shown,
            [
                "قُتل",
                "٣٣",
                "جندياً",
                "،",
                "لـ",
                "«",
                "قسد",
                "»",
                "200",
                "كم",
                "²"
            ]
        );
        assert_eq!(toks[0].key, "قتل");
        assert_eq!(toks[1].number(), Some(33));
        assert_eq!(toks[4].key, "ل");
    }

    #[test]
    fn numbers_with_group_separators() {
        let toks = tokenize("1,500 fighters and 2.5 km.");
        assert_eq!(toks[0].number(), Some(1500));
        assert_eq!(toks[3].span.slice("1,500 fighters and 2.5 km."), "2.5");
        assert_eq!(toks.last().unwrap().key, ".");
    }

    proptest! {
        #[test]
        fn tokens_are_ordered_non_overlapping_slices(s in "\\PC{0,60}") {
            let toks = tokenize(&s);
            let mut last = 0;
            for t in &toks {
                prop_assert!(t.span.start >= last && t.span.end > t.span.start && t.span.end <= s.len());
                prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
                last = t.span.end;
            }
            // Tokens plus the skipped separators concatenate back to the input.
            let mut rebuilt = String::new();
            let mut pos = 0;
            for t in &toks {
                let gap = &s[pos..t.span.start];
                prop_assert!(gap.chars().all(|c| c.is_whitespace() || is_invisible(c)));
                rebuilt.push_str(gap);
                rebuilt.push_str(t.span.slice(&s));
                pos = t.span.end;
            }
            rebuilt.push_str(&s[pos..]);
            prop_assert_eq!(rebuilt, s);
        }
    }
}
