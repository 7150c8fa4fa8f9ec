//! Frequent words of news prose (`data/common_words.txt`), in match-key form.
//!
//! Stages use the list to tell names from ordinary words: a gazetteer name that is a common
//! word (حديثة "recent", النصر "victory") needs a place cue; a person's name stops at one.

use std::collections::HashSet;
use std::sync::OnceLock;

const EMBEDDED: &str = include_str!("../../../data/common_words.txt");

/// The embedded list of common words, as match keys.
pub fn common_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| parse_word_list(EMBEDDED))
}

/// Whether a match key is a common word (as written, or without the article ال).
pub fn is_common_word(key: &str) -> bool {
    let words = common_words();
    words.contains(key)
        || key
            .strip_prefix("ال")
            .is_some_and(|k| k.chars().count() >= 2 && words.contains(k))
}

/// Parse a word list: one word a line, `#` comments and blank lines skipped, keys folded.
pub fn parse_word_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(crate::match_key)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_is_sorted_unique_folded_single_words() {
        let rows: Vec<&str> = EMBEDDED
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect();
        assert!(rows.len() > 1000, "the list has {} words", rows.len());
        for w in &rows {
            assert_eq!(*w, crate::match_key(w), "{w} is not in match-key form");
            assert!(!w.contains(char::is_whitespace), "{w:?} is not one word");
        }
        let mut sorted = rows.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(rows, sorted, "common_words.txt must be sorted and unique");
        assert!(is_common_word("كان"));
        assert!(!is_common_word("حلب"));
    }
}
