//! Actor discovery: organised actors a corpus names that the dictionary does not know.
//!
//! News introduces armed groups with a head noun — فصيل، لواء، كتائب، كتيبة، ميليشيا، قوات، جيش،
//! حركة، جبهة، فرقة، سرايا، تجمع، غرفة عمليات، "X Brigade", "X Front" — followed (or, in
//! English, preceded) by the group's own name. [`ActorSuggester`] collects such phrases that no
//! dictionary entry covers, counts them across documents and keeps example sentences, so a
//! user can review them and paste rows into a dictionary file (`--actors`).

use std::collections::HashMap;

use rasid_core::Span;
use rasid_text::{is_common_word, match_key, split_sentences, tokenize, Token, TokenKind};

use crate::ActorDictionary;

/// Arabic head nouns of organised armed actors (match keys, with the kind they suggest).
const AR_HEADS: &[(&str, &str)] = &[
    ("فصيل", "armed_group"),
    ("لواء", "militia"),
    ("كتايب", "militia"),
    ("كتيبه", "militia"),
    ("ميليشيا", "militia"),
    ("مليشيا", "militia"),
    ("قوات", "armed_group"),
    ("جيش", "armed_group"),
    ("حركه", "armed_group"),
    ("جبهه", "armed_group"),
    ("فرقه", "armed_group"),
    ("سرايا", "militia"),
    ("تجمع", "armed_group"),
    ("عصايب", "militia"),
];

/// English head nouns that follow the name ("the Silver Hawk Brigade").
const EN_HEADS: &[(&str, &str)] = &[
    ("brigade", "militia"),
    ("brigades", "militia"),
    ("battalion", "militia"),
    ("front", "armed_group"),
    ("movement", "armed_group"),
    ("army", "armed_group"),
    ("militia", "militia"),
    ("division", "armed_group"),
];

/// Words that end a group's name besides those that end a person's ([`crate::persons::NAME_STOP`]):
/// more prepositions and conjunctions, directions, place nouns, affiliation words.
const NAME_BREAK: &[&str] = &[
    "ضد",
    "كما",
    "حيث",
    "بين",
    "عند",
    "او",
    "ثم",
    "قرب",
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "ريف",
    "مدينه",
    "بلده",
    "قريه",
    "محافظه",
    "التابع",
    "التابعه",
    "التابعين",
    "المدعوم",
    "المدعومه",
    "المدعومين",
    "الموالي",
    "الموالين",
    "المواليه",
    "المعارض",
    "المعارضه",
];

/// A candidate actor: the phrase as first written, how often and where it was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub phrase: String,
    /// The kind its head noun suggests.
    pub kind: &'static str,
    pub count: usize,
    /// Number of documents it appears in.
    pub documents: usize,
    /// Up to three sentences it appears in.
    pub examples: Vec<String>,
}

/// Collects candidates over many documents; see the module documentation.
#[derive(Debug)]
pub struct ActorSuggester<'d> {
    dictionary: &'d ActorDictionary,
    by_key: HashMap<String, Candidate>,
    docs_seen: usize,
}

impl<'d> ActorSuggester<'d> {
    pub fn new(dictionary: &'d ActorDictionary) -> Self {
        ActorSuggester {
            dictionary,
            by_key: HashMap::new(),
            docs_seen: 0,
        }
    }

    /// Scan one document.
    pub fn add(&mut self, text: &str) {
        self.docs_seen += 1;
        let tokens = tokenize(text);
        let known: Vec<Span> = self
            .dictionary
            .find(text, &tokens)
            .into_iter()
            .map(|m| m.mention.span)
            .collect();
        let mut in_doc: Vec<String> = Vec::new();
        for s in split_sentences(text, &tokens) {
            let toks = &tokens[s.tokens.clone()];
            let sentence = s.span.slice(text).trim();
            for (phrase, kind) in phrases(text, toks, &known) {
                if known.iter().any(|k| k.overlaps(phrase)) {
                    continue;
                }
                let shown = phrase.slice(text).to_string();
                let key = match_key(&shown);
                let c = self.by_key.entry(key.clone()).or_insert_with(|| Candidate {
                    phrase: shown,
                    kind,
                    count: 0,
                    documents: 0,
                    examples: Vec::new(),
                });
                c.count += 1;
                if !in_doc.contains(&key) {
                    c.documents += 1;
                    in_doc.push(key);
                }
                if c.examples.len() < 3 && !c.examples.iter().any(|e| e == sentence) {
                    c.examples.push(sentence.to_string());
                }
            }
        }
    }

    /// Number of documents scanned.
    pub fn documents(&self) -> usize {
        self.docs_seen
    }

    /// The candidates seen at least `min_count` times, most frequent first.
    pub fn candidates(&self, min_count: usize) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .by_key
            .values()
            .filter(|c| c.count >= min_count)
            .cloned()
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.phrase.cmp(&b.phrase)));
        out
    }
}

/// The group phrases of one sentence: a head noun and one to three name words after it
/// (Arabic), or capitalised words before an English head noun.
fn phrases(text: &str, toks: &[Token], known: &[Span]) -> Vec<(Span, &'static str)> {
    let mut out = Vec::new();
    let word = |t: &Token| t.kind == TokenKind::Word;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !word(t) {
            i += 1;
            continue;
        }
        // Arabic: head (with a clitic) + name
        let head = ["و", "ب", "ل", "ف", ""]
            .iter()
            .filter_map(|p| t.key.strip_prefix(p))
            .find_map(|k| AR_HEADS.iter().find(|(h, _)| *h == k));
        if let Some((_, kind)) = head {
            let mut j = i + 1;
            // «اسم المجموعة»
            let quoted = toks.get(j).is_some_and(|q| q.key == "«" || q.key == "\"");
            if quoted {
                j += 1;
            }
            let name_start = j;
            while j < toks.len() && j - name_start < if quoted { 5 } else { 3 } {
                let n = &toks[j];
                let k = n.key.as_str();
                if !word(n) || NAME_BREAK.contains(&k) || crate::persons::NAME_STOP.contains(&k) {
                    break;
                }
                // a preposition glued to the next word ("بوساطة", "للنظام") ends the name
                let prepositional = ['ب', 'ل', 'ك'].iter().any(|p| {
                    n.key
                        .strip_prefix(*p)
                        .is_some_and(|r| r.starts_with("ال") || is_common_word(r))
                });
                if prepositional && j > name_start {
                    break;
                }
                // an indefinite object with tanween ("حاجزاً") is never part of a name
                let written = n.span.slice(text);
                if written.ends_with("اً") || written.ends_with("ًا") || written.ends_with('ً')
                {
                    break;
                }
                // a name is made of names and definite words ("الصقور الحمر", "درع الوادي"),
                // not of ordinary indefinite words ("قوات كبيرة", "مواقع", "أي")
                let definite = n.key.starts_with("ال") && n.key.chars().count() > 3;
                let first_of_construct =
                    j == name_start && toks.get(j + 1).is_some_and(|m| m.key.starts_with("ال"));
                if is_common_word(&n.key) && !quoted && !definite && !first_of_construct {
                    break;
                }
                // nor does it run into an actor already known
                if known.iter().any(|k| k.overlaps(n.span)) {
                    break;
                }
                j += 1;
            }
            if j > name_start {
                let start = toks[name_start.saturating_sub(usize::from(quoted) + 1)]
                    .span
                    .start;
                let mut end = toks[j - 1].span.end;
                if quoted && toks.get(j).is_some_and(|q| q.key == "»" || q.key == "\"") {
                    end = toks[j].span.end;
                }
                // the head's clitic letter is not part of the name
                let start = start + clitic_len(&text[start..end], &t.key);
                out.push((Span::new(start, end), *kind));
                i = j;
                continue;
            }
        }
        // English: Capitalised Words + head
        if let Some((_, kind)) = EN_HEADS.iter().find(|(h, _)| *h == t.key) {
            let mut k = i;
            while k > 0 && i - k < 4 {
                let p = &toks[k - 1];
                let cap = p.span.slice(text).starts_with(|c: char| c.is_uppercase());
                if !word(p) || !cap || p.key == "the" {
                    break;
                }
                k -= 1;
            }
            if k < i {
                out.push((Span::new(toks[k].span.start, t.span.end), *kind));
            }
        }
        i += 1;
    }
    out
}

/// Bytes of a proclitic (و ب ل ف) written before the head noun.
fn clitic_len(phrase: &str, head_key: &str) -> usize {
    let first = phrase.chars().next();
    let bare = AR_HEADS.iter().any(|(h, _)| *h == head_key);
    match first {
        Some(c) if !bare && "وبلف".contains(c) => c.len_utf8(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_groups_are_found_known_ones_are_not() {
        let d = ActorDictionary::embedded();
        let mut s = ActorSuggester::new(&d);
        // groups invented for this test
        s.add("هاجم لواء الصقور الحمر مواقع قوات سوريا الديمقراطية قرب البلدة.");
        s.add("وأعلن «لواء الصقور الحمر» مسؤوليته، فيما نفت كتائب درع الوادي أي علاقة.");
        s.add("Fighters of the Silver Hawk Brigade clashed with the Islamic State.");
        let c = s.candidates(1);
        let phrases: Vec<&str> = c.iter().map(|c| c.phrase.as_str()).collect();
        assert_eq!(c[0].phrase, "لواء الصقور الحمر", "{phrases:?}");
        assert_eq!((c[0].count, c[0].documents), (2, 2));
        assert!(phrases.contains(&"كتائب درع الوادي"), "{phrases:?}");
        assert!(phrases.contains(&"Silver Hawk Brigade"), "{phrases:?}");
        assert!(
            !phrases.iter().any(|p| p.contains("سوريا الديمقراطية")),
            "known actors are not suggested: {phrases:?}"
        );
        assert_eq!(c[0].kind, "militia");
    }
}
