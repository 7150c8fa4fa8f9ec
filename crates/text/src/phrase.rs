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
    /// The words after the first: `rest_len` word ids from `rest_start` in the index's pool.
    rest_start: u32,
    rest_len: u8,
    /// Added by the index itself (the joined form of a two- or three-word name), not by a
    /// caller; left out of [`PhraseIndex::phrases`].
    derived: bool,
    value: u32,
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

/// A dictionary phrase turned into what the index compares: the match key of each word and,
/// for phrases with an acronym (`IS`, `SDF`), the words as written. Computing keys is most of
/// the cost of building a big index, so callers that load the same phrases often (compiled
/// gazetteers) store these instead of the phrases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseKeys {
    /// Match keys of the words, in order; never empty.
    pub words: Vec<String>,
    /// The words as written, when one of them is an acronym that matches only in capitals.
    pub exact: Option<Vec<String>>,
}

impl PhraseKeys {
    /// The keys of `phrase`, or `None` when it has no words.
    pub fn of(phrase: &str) -> Option<PhraseKeys> {
        let toks = tokenize(phrase);
        let words: Vec<&Token> = toks.iter().filter(|t| t.kind != TokenKind::Punct).collect();
        if words.is_empty() {
            return None;
        }
        let originals: Vec<&str> = words.iter().map(|t| t.span.slice(phrase)).collect();
        Some(PhraseKeys {
            words: words.iter().map(|t| t.key.clone()).collect(),
            exact: originals
                .iter()
                .any(|w| is_acronym(w))
                .then(|| originals.iter().map(|w| w.to_string()).collect()),
        })
    }
}

/// A phrase as an index holds it (see [`PhraseIndex::phrases`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPhrase<'i> {
    pub value: usize,
    /// Word ids ([`PhraseIndex::word`] gives their keys).
    pub words: Vec<u32>,
    pub exact: Option<&'i [String]>,
    /// Derived by the index (the joined form of a two- or three-word Arabic name).
    pub derived: bool,
}

/// A fingerprint of how text becomes keys (tokenizer and lossy stages). Keys stored on disk are
/// valid only while it stays the same; stores compare it when loading.
pub fn key_fingerprint() -> u64 {
    // One probe per normalization behaviour: hamza forms, teh marbuta, alef maksura,
    // diacritics, tatweel, Arabic-Indic and Persian digits, presentation forms, case,
    // punctuation and clitic-bearing words.
    const PROBE: &str = "أإآٱ ؤ ئ ة ى يَُِّْ ـ ٠١٢٣٤٥٦٧٨٩ ۰۱۲ ﻻ ﷲ ABC abc É ß «قسد» U.S. \
        ديرالزور بريف والرقة للتنظيم الـ24 3-4 x/y";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for t in tokenize(PROBE) {
        for b in t.key.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
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
///
/// Storage: each distinct word key is kept once (big gazetteers repeat قرية، تل، الشيخ in
/// thousands of names); phrases refer to words by id, so adding a phrase allocates nothing
/// once its words are known.
#[derive(Clone, Debug)]
pub struct PhraseIndex<T> {
    /// Word key → its id.
    words: HashMap<Box<str>, u32, FxBuild>,
    /// Word id → key.
    keys: Vec<Box<str>>,
    /// Word id → the phrases that start with it.
    starts: Vec<Vec<Entry>>,
    /// Word ids of the later words of every phrase.
    pool: Vec<u32>,
    values: Vec<T>,
    article: ArticlePolicy,
}

/// A fast, deterministic hasher for short word keys (FxHash). Dictionaries are our own data
/// or the user's, so hash flooding is not a concern.
type FxBuild = std::hash::BuildHasherDefault<rustc_hash::FxHasher>;

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
            words: HashMap::default(),
            keys: Vec::new(),
            starts: Vec::new(),
            pool: Vec::new(),
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
        match PhraseKeys::of(phrase) {
            Some(keys) => {
                self.insert_keys(&keys, i);
                true
            }
            None => false,
        }
    }

    /// Make a phrase already turned into keys (see [`PhraseKeys::of`]) a name of value `i`.
    pub fn insert_keys(&mut self, phrase: &PhraseKeys, i: usize) {
        let ids: Vec<u32> = phrase.words.iter().map(|w| self.word_id(w)).collect();
        self.insert_word_ids(&ids, phrase.exact.as_deref(), i);
    }

    /// The id of word key `key`, adding it when new (see [`insert_word_ids`](Self::insert_word_ids)).
    pub fn word_id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.words.get(key) {
            return id;
        }
        let id = u32::try_from(self.keys.len()).expect("fewer than 4 G distinct words");
        self.keys.push(key.into());
        self.starts.push(Vec::new());
        self.words.insert(key.into(), id);
        id
    }

    /// The key of word `id`.
    pub fn word(&self, id: u32) -> &str {
        &self.keys[id as usize]
    }

    /// Make the phrase of words `ids` (from [`word_id`](Self::word_id); at least one, at most
    /// 255) a name of value `i`; `exact` as in [`PhraseKeys`].
    pub fn insert_word_ids(&mut self, ids: &[u32], exact: Option<&[String]>, i: usize) {
        let Some(&first) = ids.first() else { return };
        self.add(first, &ids[1..], false, i, exact);
        let arabic = ids
            .iter()
            .all(|&w| self.word(w).chars().any(is_arabic_letter));
        if arabic && (2..=3).contains(&ids.len()) {
            let joined: String = ids.iter().map(|&w| self.word(w)).collect();
            let joined = self.word_id(&joined);
            self.add(joined, &[], true, i, None);
        }
    }

    fn add(
        &mut self,
        first: u32,
        rest: &[u32],
        derived: bool,
        value: usize,
        exact: Option<&[String]>,
    ) {
        let value = u32::try_from(value).expect("fewer than 4 G values");
        let rest = &rest[..rest.len().min(u8::MAX as usize)];
        let pool = &mut self.pool;
        let entries = &mut self.starts[first as usize];
        // a value's phrases are added one after another, so its duplicates sit at the tail
        let same = |e: &Entry| {
            let s = e.rest_start as usize;
            pool[s..s + e.rest_len as usize] == *rest && e.exact.as_deref() == exact
        };
        if entries
            .iter()
            .rev()
            .take_while(|e| e.value == value)
            .any(same)
        {
            return;
        }
        let rest_start = u32::try_from(pool.len()).expect("pool below 4 G words");
        pool.extend_from_slice(rest);
        entries.push(Entry {
            rest_start,
            rest_len: rest.len() as u8,
            derived,
            value,
            exact: exact.map(|e| e.into()),
        });
    }

    /// Every phrase of the index, ordered by value: what a store saves to rebuild the index
    /// with [`insert_stored`](Self::insert_stored) without computing keys again.
    pub fn phrases(&self) -> Vec<StoredPhrase<'_>> {
        let mut out: Vec<StoredPhrase> = Vec::new();
        for (id, starts) in self.starts.iter().enumerate() {
            for e in starts {
                let mut words = vec![id as u32];
                words.extend_from_slice(self.rest(e));
                out.push(StoredPhrase {
                    value: e.value as usize,
                    words,
                    exact: e.exact.as_deref(),
                    derived: e.derived,
                });
            }
        }
        out.sort_by(|a, b| (a.value, a.derived, &a.words).cmp(&(b.value, b.derived, &b.words)));
        out
    }

    /// Add a phrase exactly as [`phrases`](Self::phrases) gave it (word ids from
    /// [`word_id`](Self::word_id)); no joined form is derived, the stored one comes with it.
    pub fn insert_stored(
        &mut self,
        words: &[u32],
        exact: Option<&[String]>,
        derived: bool,
        i: usize,
    ) {
        if let Some((&first, rest)) = words.split_first() {
            self.add(first, rest, derived, i, exact);
        }
    }

    /// Make room for `words` more distinct words, `values` more values and `phrases` more
    /// phrases (loaders that know their sizes avoid regrowing big tables).
    pub fn reserve(&mut self, words: usize, values: usize, phrases: usize) {
        self.words.reserve(words);
        self.keys.reserve(words);
        self.starts.reserve(words);
        self.values.reserve(values);
        self.pool.reserve(phrases);
    }

    fn rest(&self, e: &Entry) -> &[u32] {
        let s = e.rest_start as usize;
        &self.pool[s..s + e.rest_len as usize]
    }

    /// Every match that starts at token `i` (any length), longest first.
    pub fn matches_at(&self, text: &str, tokens: &[Token], i: usize) -> Vec<PhraseMatch> {
        let mut out: Vec<PhraseMatch> = Vec::new();
        let Some(tok) = tokens.get(i) else { return out };
        if tok.kind == TokenKind::Punct {
            return out;
        }
        let article = self.article == ArticlePolicy::Optional;
        let mut later = LaterWords {
            text,
            tokens,
            first: i,
            at: Vec::new(),
            ids: Vec::new(),
            ended: false,
        };
        for_each_candidate(&tok.key, article, |cand, stripped_letters| {
            let Some(&word) = self.words.get(cand) else {
                return;
            };
            let cut = byte_after_letters(tok.span.slice(text), stripped_letters);
            let span_start = tok.span.start + cut;
            for e in &self.starts[word as usize] {
                let Some(end) = self.follow(&mut later, self.rest(e), article) else {
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
                    let value = e.value as usize;
                    if !m.values.contains(&value) {
                        m.values.push(value);
                    }
                } else {
                    out.push(PhraseMatch {
                        tokens: i..end,
                        span,
                        clitic: Span::new(tok.span.start, span_start),
                        values: vec![e.value as usize],
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

/// The words that may continue a phrase after its first token, found once per start and
/// shared by every phrase tried there: later words follow with only white space, quotes,
/// hyphens or apostrophes between them, never a line break or other punctuation.
struct LaterWords<'t> {
    text: &'t str,
    tokens: &'t [Token],
    /// Token index of the first word.
    first: usize,
    /// Token index of each later word found so far (filled only when a phrase needs it: most
    /// tokens start no phrase, and this runs for every token).
    at: Vec<usize>,
    /// Word id of each later word (`None`: not a dictionary word).
    ids: Vec<Option<u32>>,
    ended: bool,
}

impl LaterWords<'_> {
    /// Token index of later word `n` (0-based), finding it when needed.
    fn token(&mut self, n: usize) -> Option<usize> {
        while self.at.len() <= n && !self.ended {
            let last = self.at.last().copied().unwrap_or(self.first);
            let mut j = last + 1;
            let found = loop {
                let Some(t) = self.tokens.get(j) else {
                    break None;
                };
                if self.text[self.tokens[j - 1].span.end..t.span.start].contains('\n') {
                    break None;
                }
                if t.kind == TokenKind::Punct {
                    // "U.S. forces": a period glued to the word before it is an abbreviation
                    let abbreviation = t.key == "." && t.span.start == self.tokens[j - 1].span.end;
                    if is_glue(&t.key) || abbreviation {
                        j += 1;
                        continue;
                    }
                    break None;
                }
                break Some(j);
            };
            match found {
                Some(j) => self.at.push(j),
                None => self.ended = true,
            }
        }
        self.at.get(n).copied()
    }
}

impl<T> PhraseIndex<T> {
    /// Match the `rest` words of a phrase after its first token; returns the exclusive end
    /// token index. Words compare by id (one hash lookup per text word, however many
    /// phrases share the first word), or by key with the optional article.
    fn follow(&self, later: &mut LaterWords, rest: &[u32], article: bool) -> Option<usize> {
        let mut end = later.first + 1;
        for (n, &w) in rest.iter().enumerate() {
            let j = later.token(n)?;
            let k = later.tokens[j].key.as_str();
            if article {
                let word = self.word(w);
                if k != word && !later_word_matches(k, word) {
                    return None;
                }
            } else {
                while later.ids.len() <= n {
                    let j = later.token(later.ids.len()).expect("found above");
                    later
                        .ids
                        .push(self.words.get(later.tokens[j].key.as_str()).copied());
                }
                if later.ids[n] != Some(w) {
                    return None;
                }
            }
            end = j + 1;
        }
        Some(end)
    }
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
