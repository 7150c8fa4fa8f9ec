//! # rasid-corpus — many reports into one store
//!
//! Corpus mode: [`ingest`] reads folders of saved pages, plain text, JSON Lines and RSS/Atom
//! feeds ([`files`]), extracts events on every core with a [`rasid::Pipeline`], and writes
//! documents, mentions, events, near-duplicate links ([`minhash`]) and fused events into a
//! [`rasid_store::Store`]. [`generate`] writes test corpora from our own templates with
//! planted duplicates and scores fusion on them.
//!
//! ```
//! use std::sync::atomic::AtomicBool;
//! let dir = std::env::temp_dir().join(format!("rasid-corpus-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "قصفت قوات النظام، أمس الثلاثاء، بلدة بنش بريف إدلب.").unwrap();
//! let pipeline = rasid::Pipeline::embedded();
//! let mut store = rasid_store::Store::open(&dir.join("corpus.db")).unwrap();
//! let settings = rasid_corpus::IngestSettings::default();
//! let stop = AtomicBool::new(false);
//! let run = |store: &mut rasid_store::Store| {
//!     rasid_corpus::ingest(&[dir.join("a.txt")], &pipeline, store, &settings, &rasid_corpus::Silent, &stop).unwrap()
//! };
//! assert_eq!(run(&mut store).ingested, 1);
//! // again: nothing new
//! let again = run(&mut store);
//! assert_eq!((again.ingested, again.duplicates), (0, 1));
//! # std::fs::remove_dir_all(&dir).ok();
//! ```
#![forbid(unsafe_code)]

pub mod files;
pub mod generate;
mod ingest;
pub mod minhash;

pub use files::{Problem, ReadSettings};
pub use ingest::{
    content_hash, ingest, record, search_words, IngestError, IngestSettings, IngestSummary,
    Progress, Silent,
};
