//! Month names, loaded from TSV.

use std::collections::HashMap;
use std::path::Path;

use rasid_text::{tokenize, TokenKind};

/// An error in a month-names file, with where it happened.
#[derive(Debug, thiserror::Error)]
pub enum MonthsError {
    #[error("{path}:{line}: {message}")]
    Row {
        path: String,
        line: usize,
        message: String,
    },
    #[error(transparent)]
    File(#[from] rasid_core::tsv::FileError),
}

/// One month name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthName {
    pub month: u8,
    /// English words like "May" that are months only when capitalised and next to a number.
    pub cased: bool,
    /// A month of the Islamic (Hijri) calendar.
    pub hijri: bool,
    /// A name that is also a common word (آب / أب "father"): a month only next to a number,
    /// after a date preposition, or before الماضي/المقبل/الجاري.
    pub context: bool,
    /// The spelling that must appear as written, hamza and madda included (آب, not أب).
    pub exact: Option<String>,
}

/// Month names by the match keys of their words (e.g. `["تشرين", "الاول"]`).
#[derive(Clone, Debug, Default)]
pub struct MonthNames {
    by_keys: HashMap<Vec<String>, MonthName>,
    /// The first word of every name, to turn most lookups away without allocating.
    first_words: std::collections::HashSet<String>,
    max_words: usize,
}

const EMBEDDED: &str = include_str!("../../../data/months.tsv");

impl MonthNames {
    /// The month names that ship with rasid.
    pub fn embedded() -> MonthNames {
        let mut m = MonthNames::default();
        m.load_str(EMBEDDED, "data/months.tsv")
            .expect("embedded data/months.tsv is valid (tested)");
        m
    }

    /// Add the rows of a TSV file (`name month system flags`, one header row).
    pub fn load_tsv(&mut self, path: &Path) -> Result<usize, MonthsError> {
        let text = rasid_core::tsv::read_file(path)?;
        self.load_str(&text, &path.display().to_string())
    }

    /// Add rows from TSV text; `origin` names it in errors.
    pub fn load_str(&mut self, text: &str, origin: &str) -> Result<usize, MonthsError> {
        let err = |line: usize, message: String| MonthsError::Row {
            path: origin.to_string(),
            line,
            message,
        };
        let mut n = 0;
        let table = rasid_core::tsv::rows(text, &["name", "month", "system", "flags"])
            .map_err(|e| err(e.line(), e.message()))?;
        for row in table {
            let (line_no, cols) = (row.line, row.cells);
            let month: u8 = cols[1]
                .trim()
                .parse()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| err(line_no, format!("column month: {:?} is not 1-12", cols[1])))?;
            let keys: Vec<String> = tokenize(cols[0])
                .into_iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.key)
                .collect();
            if keys.is_empty() {
                return Err(err(line_no, "column name: empty".into()));
            }
            let flag = |name: &str| {
                cols.get(3)
                    .is_some_and(|f| f.split(',').any(|f| f.trim() == name))
            };
            let cased = flag("cased");
            let context = flag("context");
            let exact = flag("exact").then(|| cols[0].trim().to_string());
            self.max_words = self.max_words.max(keys.len());
            let hijri = cols[2] == "hijri";
            self.first_words.insert(keys[0].clone());
            self.by_keys.insert(
                keys,
                MonthName {
                    month,
                    cased,
                    hijri,
                    context,
                    exact,
                },
            );
            n += 1;
        }
        Ok(n)
    }

    /// Look up a month name made of `words` (match keys).
    pub fn get(&self, words: &[&str]) -> Option<&MonthName> {
        // most words are no month: the first word decides cheaply
        if !self.first_words.contains(*words.first()?) {
            return None;
        }
        let key: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        self.by_keys.get(&key)
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }

    pub fn len(&self) -> usize {
        self.by_keys.len()
    }
    pub fn is_empty(&self) -> bool {
        self.by_keys.is_empty()
    }
}

#[cfg(test)]
fn month_key(s: &str) -> String {
    rasid_text::match_key(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_months_cover_every_month_in_every_system() {
        let m = MonthNames::embedded();
        for system in ["levantine", "egyptian", "english", "hijri"] {
            let months: std::collections::BTreeSet<u8> = EMBEDDED
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| l.split('\t').collect::<Vec<_>>())
                .filter(|c| c.len() >= 3 && c[2] == system)
                .filter_map(|c| c[1].parse().ok())
                .collect();
            assert_eq!(months.len(), 12, "{system}");
        }
        assert_eq!(m.get(&["تشرين", "الاول"]).unwrap().month, 10);
        assert_eq!(m.get(&[&month_key("آذار")]).unwrap().month, 3);
    }

    #[test]
    fn embedded_rows_are_sorted_and_unique() {
        let rows: Vec<&str> = EMBEDDED
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        let mut sorted = rows.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(rows, sorted);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let mut m = MonthNames::default();
        let e = m
            .load_str("name\tmonth\tsystem\tflags\nfoo\t13\tx\t-\n", "my.tsv")
            .unwrap_err();
        assert_eq!(e.to_string(), "my.tsv:2: column month: \"13\" is not 1-12");
    }
}
