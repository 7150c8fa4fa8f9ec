//! The trigger lexicon: words and phrases that signal an event.

use std::path::Path;

use rasid_core::{Category, Lang};
use rasid_text::{ArticlePolicy, PhraseIndex, PhraseMatch, Token};

/// A trigger file or row that could not be read, naming the file and line.
#[derive(Debug, thiserror::Error)]
pub enum TriggersError {
    #[error(transparent)]
    File(#[from] rasid_core::tsv::FileError),
    #[error("{path}:{line}: {message}")]
    Row {
        path: String,
        line: usize,
        message: String,
    },
}

/// How a trigger behaves beyond its category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TriggerFlags {
    /// Reports deaths; on its own it becomes ASSAULT (civilian victims) or FIGHT.
    pub fatal: bool,
    /// Its grammatical subject is the victim (أصيب، لقي مصرعه، were killed).
    pub passive: bool,
    /// Ambiguous: an event only next to an actor or a place in the same sentence.
    pub weak: bool,
}

/// One lexicon row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trigger {
    pub lang: Lang,
    pub phrase: String,
    /// `None` for a blocker (an idiom that contains a trigger word but is no event).
    pub category: Option<Category>,
    pub mode: Option<String>,
    pub flags: TriggerFlags,
}

const EMBEDDED: &str = include_str!("../../../data/triggers.tsv");
const HEADER: [&str; 5] = ["lang", "phrase", "category", "mode", "flags"];

/// The trigger lexicon, immutable once built.
#[derive(Clone, Debug)]
pub struct TriggerLexicon {
    index: PhraseIndex<Trigger>,
}

impl Default for TriggerLexicon {
    fn default() -> Self {
        TriggerLexicon::embedded()
    }
}

impl TriggerLexicon {
    /// An empty lexicon.
    pub fn empty() -> TriggerLexicon {
        TriggerLexicon {
            index: PhraseIndex::with_article_policy(ArticlePolicy::Optional),
        }
    }

    /// rasid's embedded lexicon.
    pub fn embedded() -> TriggerLexicon {
        let mut t = TriggerLexicon::empty();
        t.add_tsv_str(EMBEDDED, "data/triggers.tsv")
            .expect("embedded data/triggers.tsv is valid (tested)");
        t
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Add rows from a TSV file.
    pub fn add_tsv_file(&mut self, path: &Path) -> Result<usize, TriggersError> {
        let text = rasid_core::tsv::read_file(path)?;
        self.add_tsv_str(&text, &path.display().to_string())
    }

    /// Parse rows without adding them (used for validation).
    pub fn parse_tsv(text: &str, origin: &str) -> Result<Vec<(usize, Trigger)>, TriggersError> {
        let err = |line: usize, message: String| TriggersError::Row {
            path: origin.to_string(),
            line,
            message,
        };
        let table = rasid_core::tsv::rows(text, &HEADER).map_err(|e| err(e.line(), e.message()))?;
        let mut rows = Vec::new();
        for row in table {
            let (line_no, cols) = (row.line, row.cells);
            let lang = cols[0]
                .parse::<Lang>()
                .map_err(|e| err(line_no, format!("column lang: {e}")))?;
            if cols[1].is_empty() {
                return Err(err(line_no, "column phrase: empty".into()));
            }
            let category = match cols[2] {
                "-" => None,
                c => Some(
                    c.parse::<Category>()
                        .map_err(|e| err(line_no, format!("column category: {e}")))?,
                ),
            };
            let mode = (cols[3] != "-" && !cols[3].is_empty()).then(|| cols[3].to_string());
            let mut flags = TriggerFlags::default();
            for f in cols[4]
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty() && *f != "-")
            {
                match f {
                    "fatal" => flags.fatal = true,
                    "passive" => flags.passive = true,
                    "weak" => flags.weak = true,
                    other => {
                        return Err(err(
                            line_no,
                            format!("column flags: unknown flag {other:?}"),
                        ))
                    }
                }
            }
            rows.push((
                line_no,
                Trigger {
                    lang,
                    phrase: cols[1].to_string(),
                    category,
                    mode,
                    flags,
                },
            ));
        }
        Ok(rows)
    }

    /// Add rows from TSV text; `origin` names it in errors. On error nothing is added.
    pub fn add_tsv_str(&mut self, text: &str, origin: &str) -> Result<usize, TriggersError> {
        let rows = Self::parse_tsv(text, origin)?;
        let n = rows.len();
        for (_, t) in rows {
            let phrase = t.phrase.clone();
            self.index.insert(&phrase, t);
        }
        Ok(n)
    }

    /// Leftmost-longest trigger matches (blockers included, so callers can drop them).
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<(PhraseMatch, &Trigger)> {
        self.index
            .find(text, tokens)
            .into_iter()
            .map(|m| {
                let t = self.index.value(m.values[0]);
                (m, t)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::match_key;

    #[test]
    fn embedded_rows_parse_sorted_and_unique() {
        let rows = TriggerLexicon::parse_tsv(EMBEDDED, "data/triggers.tsv").unwrap();
        assert!(rows.len() > 500, "{} rows", rows.len());
        let keys: Vec<(String, String)> = rows
            .iter()
            .map(|(_, t)| (t.lang.as_str().to_string(), t.phrase.clone()))
            .collect();
        for w in keys.windows(2) {
            assert!(
                w[0] < w[1],
                "rows out of order or repeated: {:?} then {:?}",
                w[0],
                w[1]
            );
        }
        // Folded keys are unique too: no two rows that the matcher cannot tell apart.
        let mut folded: Vec<(String, String)> = keys
            .iter()
            .map(|(l, p)| (l.clone(), match_key(p)))
            .collect();
        folded.sort();
        for w in folded.windows(2) {
            assert_ne!(w[0], w[1], "two rows fold to the same key");
        }
        for cat in Category::ALL {
            assert!(
                rows.iter().any(|(_, t)| t.category == Some(*cat)),
                "no trigger for {cat}"
            );
        }
    }

    #[test]
    fn bad_rows_name_their_line() {
        let e = TriggerLexicon::parse_tsv(
            "lang\tphrase\tcategory\tmode\tflags\nar\tقصف\tBOMB\t-\t-\n",
            "t.tsv",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("t.tsv:2: column category"), "{e}");
    }
}

/// Every example sentence of `data/triggers_examples.tsv` yields (or does not yield) its
/// category through the lexicon: the rule file carries its own positive and negative cases.
#[cfg(test)]
mod examples {
    use super::*;
    use rasid_text::tokenize;

    const EXAMPLES: &str = include_str!("../../../data/triggers_examples.tsv");

    /// Categories a trigger may yield: its own, and for death words both violent ones.
    fn yields(t: &Trigger) -> Vec<Category> {
        match t.category {
            Some(c) if t.flags.fatal => vec![c, Category::Fight, Category::Assault],
            Some(c) => vec![c],
            None => vec![],
        }
    }

    #[test]
    fn every_example_row_holds() {
        let lex = TriggerLexicon::embedded();
        let mut failures = Vec::new();
        let mut rows = 0;
        let mut negatives = 0;
        for (n, line) in EXAMPLES.lines().enumerate() {
            if line.starts_with('#') || line.starts_with("lang\t") || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                cols.len(),
                3,
                "data/triggers_examples.tsv:{}: expected 3 columns",
                n + 1
            );
            let (sentence, expect) = (cols[1], cols[2].trim());
            let toks = tokenize(sentence);
            let found: Vec<Category> = lex
                .find(sentence, &toks)
                .into_iter()
                .flat_map(|(_, t)| yields(t))
                .collect();
            let (negative, cat) = match expect.strip_prefix('-') {
                Some(c) => (true, c),
                None => (false, expect),
            };
            let cat: Category = cat
                .parse()
                .unwrap_or_else(|e| panic!("data/triggers_examples.tsv:{}: {e}", n + 1));
            rows += 1;
            negatives += usize::from(negative);
            if found.contains(&cat) == negative {
                failures.push(format!(
                    "line {}: {expect} for «{sentence}» (found {found:?})",
                    n + 1
                ));
            }
        }
        assert!(
            rows >= 100 && negatives >= 25,
            "{rows} rows, {negatives} negative"
        );
        assert!(
            failures.is_empty(),
            "{} of {rows} examples fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// `docs/ACLED.md` documents how each category and mode of the trigger lexicon reads in ACLED's
/// typology; this test keeps it in step with the code (`RASID_BLESS=1` rewrites it).
#[cfg(test)]
mod acled_table {
    use super::*;
    use rasid_core::{acled_view, Category};
    use std::collections::BTreeSet;

    const DOC: &str = "../../docs/ACLED.md";
    const BEGIN: &str = "<!-- table: generated by the acled_table test -->";
    const END: &str = "<!-- end of table -->";

    fn table() -> String {
        let rows = TriggerLexicon::parse_tsv(EMBEDDED, "data/triggers.tsv").unwrap();
        let mut out = String::from(
            "| PLOVER category | mode | ACLED event type | ACLED sub-event type |\n|---|---|---|---|\n",
        );
        for c in Category::ALL {
            let modes: BTreeSet<Option<&str>> = rows
                .iter()
                .filter(|(_, t)| t.category == Some(*c))
                .map(|(_, t)| t.mode.as_deref())
                .chain([None])
                .collect();
            for m in modes {
                let (e, s) = acled_view(*c, m)
                    .map(|v| (v.event_type, v.sub_event_type))
                    .unwrap_or(("—", "— (no ACLED event type)"));
                out.push_str(&format!(
                    "| {} | {} | {e} | {s} |\n",
                    c.as_str(),
                    m.unwrap_or("(none)")
                ));
            }
        }
        out
    }

    #[test]
    fn docs_acled_md_matches_the_code() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
        let doc = std::fs::read_to_string(&path).expect("docs/ACLED.md");
        let (head, rest) = doc.split_once(BEGIN).expect("table start marker");
        let (_, tail) = rest.split_once(END).expect("table end marker");
        let fresh = format!("{head}{BEGIN}\n{}{END}{tail}", table());
        if std::env::var_os("RASID_BLESS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        assert!(
            fresh == doc,
            "docs/ACLED.md is out of date: run RASID_BLESS=1 cargo test -p rasid-extract acled_table"
        );
    }
}
