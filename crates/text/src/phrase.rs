//! A dictionary of phrases matched on token keys, aware of Arabic proclitics.

use std::collections::HashMap;
use std::ops::Range;

use rasid_core::Span;

use crate::{is_arabic_letter, tokenize, Token, TokenKind};

/// Proclitic letter sequences that attach to an Arabic word: conjunctions و ف, prepositions
/// ب ل ك, and their combinations. Longest first.
const PROCLITICS: &[&str] = &["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"];

/// One dictionary phrase: the words after the first and the value it stands for.
#[derive(Clone, Debug)]
struct Entry {
    rest: Box<[String]>,
    value: usize,
    /// For acronyms (`IS`, `SDF`, `US`): the exact original words that must appear.
    exact: Option<Box<[String]>>,
}

/// A phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Token range `[start, end)` of the match (first token may carry a clitic).
    pub tokens: Range<usize>,
    /// Byte span of the phrase in the original text, without the stripped clitic letters.
    pub span: Span,
    /// Byte span of the clitic letters stripped from the first token (empty when none).
    pub clitic: Span,
    /// Indexes of every value whose phrase matched here (several when a name is ambiguous).
    pub values: Vec<usize>,
}

/// A dictionary of phrases (names, aliases, trigger words) with values of type `T`.
///
/// Invariants: phrases and text are compared by token [match keys](crate::match_key), so
/// hamza, ة/ه, ى/ي, diacritics, tatweel and case never matter; the first word of a match may
/// carry Arabic proclitics (و ف ب ل ك and combinations; لل stands for ل + ال); later words
/// must follow with only white space, quotes, hyphens or apostrophes between them, never
/// across a line break or other punctuation. Two- and three-word Arabic phrases also match
/// written without spaces (ديرالزور). All-capital Latin words of up to five letters
/// (`IS`, `SDF`, `US`) match only in capitals.
#[derive(Clone, Debug)]
pub struct PhraseIndex<T> {
    first: HashMap<String, Vec<Entry>>,
    values: Vec<T>,
    article: ArticlePolicy,
}

/// Whether the Arabic article ال of a text word may be dropped to reach a dictionary word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArticlePolicy {
    /// Names: the dictionary lists the article where the name has it (الرقة، قسد).
    #[default]
    AsWritten,
    /// Common words such as triggers: the dictionary lists them bare (اشتباكات matches
    /// الاشتباكات and والاشتباكات).
    Optional,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            first: HashMap::new(),
            values: Vec::new(),
            article: ArticlePolicy::AsWritten,
        }
    }
}

fn is_acronym(word: &str) -> bool {
    (1..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase()) && word.len() >= 2
}

impl<T> PhraseIndex<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty index with the given article policy.
    pub fn with_article_policy(article: ArticlePolicy) -> Self {
        PhraseIndex {
            article,
            ..Self::default()
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.values.len()
    }
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    pub fn value(&self, i: usize) -> &T {
        &self.values[i]
    }
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// Add a value reachable through `phrase`; returns its index.
    pub fn insert(&mut self, phrase: &str, value: T) -> usize {
        let i = self.values.len();
        self.values.push(value);
        self.insert_alias(phrase, i);
        i
    }

    /// Add a value without phrases (add them with [`insert_alias`](Self::insert_alias)).
    pub fn push_value(&mut self, value: T) -> usize {
        self.values.push(value);
        self.values.len() - 1
    }

    /// Make `phrase` another name of value `i`. Returns false when the phrase has no words.
    pub fn insert_alias(&mut self, phrase: &str, i: usize) -> bool {
        let toks = tokenize(phrase);
        let words: Vec<&Token> = toks.iter().filter(|t| t.kind != TokenKind::Punct).collect();
        if words.is_empty() {
            return false;
        }
        let keys: Vec<String> = words.iter().map(|t| t.key.clone()).collect();
        let originals: Vec<&str> = words.iter().map(|t| t.span.slice(phrase)).collect();
        let exact = originals
            .iter()
            .any(|w| is_acronym(w))
            .then(|| originals.iter().map(|w| w.to_string()).collect());
        self.add(&keys, i, exact);
        let arabic = keys.iter().all(|k| k.chars().any(is_arabic_letter));
        if arabic && (2..=3).contains(&keys.len()) {
            self.add(&[keys.concat()], i, None);
        }
        true
    }

    fn add(&mut self, keys: &[String], value: usize, exact: Option<Box<[String]>>) {
        let entries = self.first.entry(keys[0].clone()).or_default();
        let rest: Box<[String]> = keys[1..].into();
        // a value's phrases are added one after another, so its duplicates sit at the tail
        if entries
            .iter()
            .rev()
            .take_while(|e| e.value == value)
            .any(|e| e.rest == rest && e.exact == exact)
        {
            return;
        }
        entries.push(Entry { rest, value, exact });
    }

    /// Every match that starts at token `i` (any length), longest first.
    pub fn matches_at(&self, text: &str, tokens: &[Token], i: usize) -> Vec<PhraseMatch> {
        let mut out: Vec<PhraseMatch> = Vec::new();
        let Some(tok) = tokens.get(i) else { return out };
        if tok.kind == TokenKind::Punct {
            return out;
        }
        let article = self.article == ArticlePolicy::Optional;
        for_each_candidate(&tok.key, article, |cand, stripped_letters| {
            let Some(entries) = self.first.get(cand) else {
                return;
            };
            let cut = byte_after_letters(tok.span.slice(text), stripped_letters);
            let span_start = tok.span.start + cut;
            for e in entries {
                let Some(end) = follow(text, tokens, i, &e.rest, article) else {
                    continue;
                };
                if let Some(exact) = &e.exact {
                    let words = tokens[i..end].iter().filter(|t| t.kind != TokenKind::Punct);
                    if !words
                        .zip(exact.iter())
                        .all(|(t, w)| t.span.slice(text) == w)
                        || stripped_letters > 0
                    {
                        continue;
                    }
                }
                let end = close_quote(tokens, i, end);
                let span = Span::new(span_start, tokens[end - 1].span.end);
                if let Some(m) = out.iter_mut().find(|m| m.span == span) {
                    if !m.values.contains(&e.value) {
                        m.values.push(e.value);
                    }
                } else {
                    out.push(PhraseMatch {
                        tokens: i..end,
                        span,
                        clitic: Span::new(tok.span.start, span_start),
                        values: vec![e.value],
                    });
                }
            }
        });
        // Longest first; for equal ends prefer the reading that strips fewer letters.
        out.sort_by(|a, b| {
            b.tokens
                .end
                .cmp(&a.tokens.end)
                .then(a.clitic.len().cmp(&b.clitic.len()))
        });
        out
    }

    /// Leftmost-longest, non-overlapping matches over the whole token list.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.matches_at(text, tokens, i).into_iter().next() {
                Some(m) => {
                    i = m.tokens.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Call `f` with each reading of an Arabic word key: as written, and with each proclitic
/// (and the future prefix س) stripped, with the number of letters stripped; with `article`,
/// each reading also without the article ال.
fn for_each_candidate(key: &str, article: bool, mut g: impl FnMut(&str, usize)) {
    let mut f = |c: &str, n: usize| {
        g(c, n);
        if article {
            if let Some(bare) = c.strip_prefix("ال").filter(|b| b.chars().count() >= 2) {
                g(bare, n);
            }
        }
    };
    f(key, 0);
    let Some(first) = key.chars().next() else {
        return;
    };
    if !is_arabic_letter(first) {
        return;
    }
    let mut seen_article = false;
    for p in PROCLITICS {
        let Some(rest) = key.strip_prefix(p) else {
            continue;
        };
        if rest.chars().count() < 2 {
            continue;
        }
        let n = p.chars().count();
        if p.ends_with('ل') && rest.starts_with('ل') && !seen_article {
            // لل = ل + ال: "للتنظيم" is "ل" + "التنظيم"; the span keeps the whole word.
            seen_article = true;
            let with_article = format!("ا{rest}");
            f(&with_article, n - 1);
        }
        f(rest, n);
        // Future prefix on verbs after a conjunction: وسيقصف
        if let Some(v) = rest.strip_prefix('س') {
            if v.starts_with(['ي', 'ت', 'ن']) && v.chars().count() >= 3 {
                f(v, n + 1);
            }
        }
    }
    if let Some(v) = key.strip_prefix('س') {
        if v.starts_with(['ي', 'ت', 'ن']) && v.chars().count() >= 3 {
            f(v, 1);
        }
    }
}

/// Byte offset in `word` after `letters` letters (marks such as tatweel or harakat that
/// follow a stripped letter are stripped with it).
fn byte_after_letters(word: &str, letters: usize) -> usize {
    if letters == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, c) in word.char_indices() {
        let is_letter = c.is_alphabetic();
        if is_letter {
            if seen == letters {
                return i;
            }
            seen += 1;
        }
    }
    word.len()
}

/// Glue allowed between the words of one phrase.
fn is_glue(key: &str) -> bool {
    matches!(
        key,
        "«" | "»" | "\"" | "“" | "”" | "'" | "’" | "‘" | "-" | "–" | "`"
    )
}

/// With the optional article, a later word of a phrase may also carry a proclitic and the
/// article ("حكما بالإعدام" matches the phrase "حكما إعدام").
fn later_word_matches(key: &str, word: &str) -> bool {
    let bare = |k: &str| -> Option<bool> {
        let stripped = k.strip_prefix("ال").filter(|r| r.chars().count() >= 2);
        Some(k == word || stripped == Some(word))
    };
    if bare(key) == Some(true) {
        return true;
    }
    PROCLITICS.iter().any(|p| {
        key.strip_prefix(p).is_some_and(|rest| {
            // لل = ل + ال
            let rest_article = if p.ends_with('ل') && rest.starts_with('ل') {
                format!("ا{rest}")
            } else {
                rest.to_string()
            };
            rest.chars().count() >= 2
                && (bare(rest) == Some(true) || bare(&rest_article) == Some(true))
        })
    })
}

/// Extend a match to the closing quote when it opened one inside (تنظيم «الدولة الإسلامية»).
fn close_quote(tokens: &[Token], start: usize, end: usize) -> usize {
    let opened = tokens[start..end]
        .iter()
        .rev()
        .find_map(|t| match t.key.as_str() {
            "«" => Some("»"),
            "“" => Some("”"),
            "»" | "”" => Some(""),
            _ => None,
        });
    match (opened, tokens.get(end)) {
        (Some(close), Some(t))
            if !close.is_empty() && t.key == close && t.span.start == tokens[end - 1].span.end =>
        {
            end + 1
        }
        _ => end,
    }
}

/// Match `rest` words after token `i`; returns the exclusive end token index.
fn follow(text: &str, tokens: &[Token], i: usize, rest: &[String], article: bool) -> Option<usize> {
    let mut j = i + 1;
    let mut last = i;
    for w in rest {
        loop {
            let t = tokens.get(j)?;
            if text[tokens[last].span.end..t.span.start].contains('\n') {
                return None;
            }
            if t.kind == TokenKind::Punct {
                // "U.S. forces": a period glued to the word before it is an abbreviation
                let abbreviation = t.key == "." && t.span.start == tokens[j - 1].span.end;
                if is_glue(&t.key) || abbreviation {
                    j += 1;
                    continue;
                }
                return None;
            }
            break;
        }
        let k = tokens[j].key.as_str();
        if k != w && !(article && later_word_matches(k, w)) {
            return None;
        }
        last = j;
        j += 1;
    }
    Some(last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(idx: &PhraseIndex<&'static str>, text: &str) -> Vec<(String, Vec<&'static str>)> {
        let toks = tokenize(text);
        idx.find(text, &toks)
            .into_iter()
            .map(|m| {
                (
                    m.span.slice(text).to_string(),
                    m.values.iter().map(|&v| *idx.value(v)).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn clitics_quotes_and_joined_forms() {
        let mut idx = PhraseIndex::new();
        idx.insert("دير الزور", "dz");
        idx.insert("قسد", "sdf");
        idx.insert("الشعفة", "shaafa");
        idx.insert("الجيش الحر", "fsa");
        let got = found(
            &idx,
            "بريف دير الزور ولـ«قسد» وبلدة الشعفة وديرالزور للجيش الحر",
        );
        let names: Vec<_> = got.iter().map(|(s, v)| (s.as_str(), v[0])).collect();
        assert_eq!(
            names,
            [
                ("دير الزور", "dz"),
                ("قسد", "sdf"),
                ("الشعفة", "shaafa"),
                ("ديرالزور", "dz"),
                ("للجيش الحر", "fsa")
            ]
        );
    }

    #[test]
    fn words_that_only_look_like_clitic_forms_still_match_whole() {
        let mut idx = PhraseIndex::new();
        idx.insert("بليون", "balyun");
        idx.insert("ليون", "lyon");
        assert_eq!(found(&idx, "قرب بليون")[0].1, ["balyun"]);
    }

    #[test]
    fn optional_article_for_common_words() {
        let mut idx = PhraseIndex::with_article_policy(ArticlePolicy::Optional);
        idx.insert("اشتباكات", "fight");
        assert_eq!(found(&idx, "والاشتباكات مستمرة")[0].0, "الاشتباكات");
        assert_eq!(found(&idx, "للاشتباكات")[0].0, "للاشتباكات");
        idx.insert("أطلق نار", "shooting");
        assert_eq!(found(&idx, "وأطلقوا أطلق النار")[0].0, "أطلق النار");
        let mut names = PhraseIndex::new();
        names.insert("رقة", "x");
        assert!(found(&names, "الرقة").is_empty());
    }

    #[test]
    fn acronyms_need_capitals_and_ambiguity_is_kept() {
        let mut idx = PhraseIndex::new();
        idx.insert("IS", "isis");
        idx.insert("Jadida", "a");
        idx.insert("jadida", "b");
        assert!(found(&idx, "this is it").is_empty());
        assert_eq!(found(&idx, "IS fighters")[0].1, ["isis"]);
        assert_eq!(found(&idx, "in Jadida")[0].1, ["a", "b"]);
    }

    #[test]
    fn phrases_do_not_cross_punctuation_or_lines() {
        let mut idx = PhraseIndex::new();
        idx.insert("Deir ez-Zor", "dz");
        assert_eq!(found(&idx, "in Deir ez-Zor.").len(), 1);
        idx.insert("U.S. forces", "us");
        assert_eq!(found(&idx, "The U.S. forces struck")[0].0, "U.S. forces");
        assert!(found(&idx, "Deir, ez-Zor").is_empty());
        assert!(found(&idx, "Deir\nez-Zor").is_empty());
    }
}
