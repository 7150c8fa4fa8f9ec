//! # rasid-text — the text layer every rasid stage reads through
//!
//! Arabic news text is hard to match literally: the same name appears with and without
//! hamza (أ/ا), with ة or ه, with diacritics, with a tatweel stretch (لـ«قسد»), glued to
//! conjunctions and prepositions (وبلدة، بريف، لقوات) or without its space (ديرالزور).
//! This crate gives every stage the same view of the text:
//!
//! * [`normalize`] — an ordered list of small character [`Stage`]s. *Lossless* stages
//!   (presentation forms, bidi controls, tatweel, Arabic-Indic digits) produce the text shown
//!   to users and keep an [`OffsetMap`] back to the original bytes; *lossy* stages
//!   (diacritics, alef/hamza, ى/ي, ة/ه, case) only build match keys ([`match_key`]).
//! * [`tokenize`] — word, number and punctuation [`Token`]s with byte spans into the original
//!   text and a folded key each.
//! * [`split_sentences`] — sentences on `. ؟ ! ؛`, line breaks and closing quotes.
//! * [`PhraseIndex`] — a dictionary of multi-word phrases matched on token keys, aware of
//!   Arabic proclitics (و ف ب ل ك and combinations, لل→ال) and of joined forms.
//! * [`numbers`] — cardinal and ordinal numbers in digits or words.
//! * [`detect_lang`] — Arabic or English, by script.
//! * [`is_common_word`] — frequent words of news prose, so names are not mistaken for them.
//!
//! ```
//! use rasid_text::{tokenize, PhraseIndex};
//! let mut places = PhraseIndex::new();
//! places.insert("دير الزور", "Deir ez-Zor");
//! let text = "قصف بريف ديرالزور و لـ«دير الزور»";
//! let tokens = tokenize(text);
//! let hits: Vec<_> = places.find(text, &tokens).into_iter().map(|m| m.span.slice(text)).collect();
//! assert_eq!(hits, ["ديرالزور", "دير الزور"]);
//! ```
#![forbid(unsafe_code)]

mod common;
mod lang;
mod normalize;
pub mod numbers;
mod phrase;
mod sentence;
mod token;

pub use common::{common_words, is_common_word, parse_word_list};
pub use lang::detect_lang;
pub use normalize::{
    fold_char, match_key, normalize, search_key, Normalized, OffsetMap, Stage, LOSSLESS, LOSSY,
};
pub use phrase::{
    key_fingerprint, ArticlePolicy, PhraseIndex, PhraseKeys, PhraseMatch, StoredPhrase,
};
pub use sentence::{dateline, split_sentences, Sentence};
pub use token::{is_arabic_letter, tokenize, Token, TokenKind};
