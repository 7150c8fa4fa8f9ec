//! # rasid — conflict events from Arabic and English news
//!
//! ```
//! use rasid::{Pipeline, Document};
//! let pipeline = Pipeline::embedded();
//! let doc = Document {
//!     id: "example".into(),
//!     text: "قصفت قوات النظام، أمس الثلاثاء، بلدة بنش بريف إدلب، ما أدى إلى مقتل ثلاثة مدنيين.".into(),
//!     published: Some("2024-03-06".parse().unwrap()),
//!     ..Document::default()
//! };
//! let out = pipeline.process(&doc);
//! let ev = &out.events[0];
//! assert_eq!(ev.category.as_str(), "ASSAULT");
//! assert_eq!(ev.fatalities, Some(3));
//! assert_eq!(ev.date.unwrap().start.to_string(), "2024-03-05");
//! ```
//!
//! The [`Pipeline`] wires the stage crates: text (tokens, sentences), gazetteer (places),
//! actors (actors, persons), time (dates) and extract (events). [`read`] turns files into
//! [`Document`]s with clear per-document errors, and [`wire`] is the JSON output contract
//! documented in `docs/OUTPUT.md` and scored by `shared/eval/score.py`.
#![forbid(unsafe_code)]

pub mod eval;
mod pipeline;
pub mod read;
pub mod wire;

pub use pipeline::{Extraction, Pipeline, PipelineBuilder, CHUNK_BYTES};
/// Actors: the dictionary, persons, discovery of unknown actors.
pub use rasid_actors as actors;
pub use rasid_core::*;
/// Places: gazetteers (embedded, TSV, GeoNames, compiled) and the geoparser.
pub use rasid_gazetteer as gazetteer;
/// The text layer (tokens, normalization, phrase matching), for tools built on rasid.
pub use rasid_text as text;
