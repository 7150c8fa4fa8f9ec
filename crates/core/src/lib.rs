//! # rasid-core — the data model every rasid stage speaks
//!
//! rasid turns news text into structured, sourced event data. This crate holds only the
//! vocabulary the stages share, so that stage crates (`rasid-text`, `rasid-gazetteer`,
//! `rasid-actors`, `rasid-time`, `rasid-extract`) depend on it and not on each other:
//!
//! * [`Document`] — one article: its original text and metadata.
//! * [`Span`] — a half-open byte range `[start, end)` into the ORIGINAL text of a document.
//! * [`Mention`] — a span plus the exact text it covers; every entity keeps one.
//! * [`Actor`], [`Place`], [`TimeExpr`] — resolved entities with their evidence.
//! * [`Event`] — who did what to whom, where, when, how many died, who says so.
//! * [`Category`] — the 19 PLOVER categories with their ACLED view ([`acled_view`]).
//!
//! ## Invariants
//! * A [`Span`] always satisfies `start <= end <= text.len()` and both ends fall on UTF-8
//!   character boundaries of the original text. No stage rewrites the original text; stages
//!   that normalize keep a map back (see `rasid-text`).
//! * Spans are byte offsets. Conversion to characters or UTF-16 happens only at the API edge.
//!
//! ```
//! use rasid_core::{Span, Mention};
//! let text = "قصفت قوات النظام بلدة بليون";
//! let span = Span::new(9, 17);
//! let m = Mention::from_text(text, span);
//! assert_eq!(m.text, "قوات");
//! ```
#![forbid(unsafe_code)]

mod model;
mod plover;
pub mod tsv;

pub use model::*;
pub use plover::*;

/// Calendar dates used across rasid (proleptic Gregorian, no time zone).
pub use jiff::civil::Date;
