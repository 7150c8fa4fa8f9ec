//! Sentence splitting over tokens.

use std::ops::Range;

use rasid_core::Span;

use crate::{Token, TokenKind};

/// A sentence: its span in the original text and the range of its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
}

fn is_terminator(key: &str) -> bool {
    matches!(key, "." | "؟" | "?" | "!" | "؛" | "…")
}

fn is_closing(key: &str) -> bool {
    matches!(key, "»" | "”" | "\"" | "'" | "’" | ")")
}

/// Split `tokens` of `text` into sentences: after `. ؟ ? ! ؛ …` (a closing quote or bracket
/// right after the terminator stays with the sentence) and at line breaks. A period after a
/// single capital letter (`U.S.`) does not end a sentence.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, a: usize, b: usize| {
        if a < b {
            out.push(Sentence {
                span: tokens[a].span.cover(tokens[b - 1].span),
                tokens: a..b,
            });
        }
    };
    while i < tokens.len() {
        let t = &tokens[i];
        // A line break before this token ends the previous sentence.
        if i > start && text[tokens[i - 1].span.end..t.span.start].contains('\n') {
            push(&mut out, start, i);
            start = i;
        }
        if t.kind == TokenKind::Punct && is_terminator(&t.key) {
            let abbreviation = t.key == "."
                && i > 0
                && tokens[i - 1].span.end == t.span.start
                && tokens[i - 1].span.len() == 1
                && tokens[i - 1]
                    .span
                    .slice(text)
                    .chars()
                    .all(|c| c.is_ascii_uppercase());
            if !abbreviation {
                let mut end = i + 1;
                while end < tokens.len()
                    && tokens[end].kind == TokenKind::Punct
                    && (is_closing(&tokens[end].key) || is_terminator(&tokens[end].key))
                    && !text[tokens[end - 1].span.end..tokens[end].span.start].contains('\n')
                {
                    end += 1;
                }
                push(&mut out, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, tokens.len());
    out
}

/// The dateline of a news text, if its first line opens with one: a few words before a dash
/// ("ديرالزور – خاص", "KIRKUK, Iraq — Iraqi forces …"). The span covers the words before
/// the dash; places in it tell where the story was filed, not where events happened.
pub fn dateline(text: &str) -> Option<Span> {
    let first_line = text.find('\n').map(|i| &text[..i]).unwrap_or(text);
    let dash = first_line.find(['–', '—'])?;
    let head = &first_line[..dash];
    (!head.trim().is_empty() && head.split_whitespace().count() <= 3).then(|| Span::new(0, dash))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn sents(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        split_sentences(text, &toks)
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn arabic_terminators_quotes_and_lines() {
        assert_eq!(
            sents("قال: «انتهى الأمر.» ثم غادر؟ نعم؛ لا\nسطر جديد"),
            ["قال: «انتهى الأمر.»", "ثم غادر؟", "نعم؛", "لا", "سطر جديد"]
        );
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("درعا – \nتوصلت الفصائل").map(|s| s.end),
            Some("درعا ".len())
        );
        assert!(dateline("BAGHDAD — U.S. forces struck").is_some());
        assert!(dateline("قال المسؤول إن القصف – وهو الأعنف منذ شهور – استمر").is_none());
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents("U.S. forces struck. Then left."),
            ["U.S. forces struck.", "Then left."]
        );
    }
}
