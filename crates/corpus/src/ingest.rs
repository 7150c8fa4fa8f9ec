//! Ingest: files → documents → extraction on every core → one writer into the store.
//!
//! Documents are read in order and handed out in batches. Each batch is extracted in
//! parallel and sent to the writer thread, which stores it in one transaction while the next
//! batch is extracted. A document is skipped before extraction when its content hash is
//! already stored or was met earlier in the run, so running ingest again over the same
//! files does nothing, and running it after an interruption (Ctrl-C, `kill -9`, a power cut)
//! stores exactly what was missing: a batch is in the store wholly or not at all.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use rasid::Pipeline;
use rasid_store::{BatchOutcome, DocumentRecord, EventRecord, MentionRecord, Store, StoreError};
use rayon::prelude::*;

use crate::files::{self, Item, Problem, ReadSettings};
use crate::minhash;

/// Settings of one ingest.
#[derive(Clone, Debug)]
pub struct IngestSettings {
    pub read: ReadSettings,
    /// Documents per batch (and per transaction).
    pub batch: usize,
    /// Worker threads for extraction; 0 = one per core.
    pub threads: usize,
    /// What the run records as its command line.
    pub command: String,
    /// What the run records as the data it used (dictionaries, gazetteers).
    pub data_version: String,
}

impl Default for IngestSettings {
    fn default() -> Self {
        IngestSettings {
            read: ReadSettings::default(),
            batch: 64,
            threads: 0,
            command: "rasid ingest".into(),
            data_version: "embedded".into(),
        }
    }
}

/// What an ingest did.
#[derive(Clone, Debug, Default)]
pub struct IngestSummary {
    pub run: i64,
    pub files: usize,
    /// Documents stored by this run.
    pub ingested: usize,
    /// Documents already stored (same content), skipped.
    pub duplicates: usize,
    /// Files and documents that could not be ingested, with the reason.
    pub failed: Vec<Problem>,
    pub events: usize,
    /// Events that joined a fused event of other reports.
    pub fused: usize,
    pub near_duplicates: usize,
    /// Documents stored without a publication date.
    pub undated: usize,
    pub seconds: f64,
    /// Stopped early on request (Ctrl-C); what was stored stays stored.
    pub interrupted: bool,
}

/// Receives progress as the ingest goes (called from the reading thread).
pub trait Progress: Sync {
    /// The total bytes of the files to read.
    fn start(&self, _total_bytes: u64, _files: usize) {}
    /// A file is read (its size), and documents were stored so far.
    fn advance(&self, _bytes: u64, _stored: usize) {}
    /// A file or document could not be ingested.
    fn problem(&self, _p: &Problem) {}
}

/// No progress reporting.
pub struct Silent;
impl Progress for Silent {}

/// An ingest that could not go on (the store failed); documents stored before stay stored.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// The content hash of a document: xxh3-128 (hex) of its publication date and text. The
/// same text published on another day (a wire template, a daily bulletin) is another report.
pub fn content_hash(doc: &rasid::Document) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    if let Some(p) = doc.published {
        h.update(p.to_string().as_bytes());
    }
    h.update(b"\n");
    h.update(doc.text.as_bytes());
    format!("{:032x}", h.digest128())
}

/// The text as the full-text index sees it, and its words for MinHash: every word folded to
/// its search key.
pub fn search_words(text: &str) -> Vec<String> {
    rasid::text::tokenize(text)
        .into_iter()
        .filter(|t| t.kind != rasid::text::TokenKind::Punct)
        .map(|t| rasid::text::search_key(&t.key).to_string())
        .collect()
}

/// Extract one document and build what the store keeps of it.
pub fn record(pipeline: &Pipeline, item: Item, hash: String) -> DocumentRecord {
    let x = pipeline.process(&item.doc);
    let words = search_words(&item.doc.text);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let signature = minhash::signature(&refs);
    let events = x
        .events
        .iter()
        .map(|e| {
            let json = serde_json::to_string(&rasid::wire::event(e)).unwrap_or_default();
            EventRecord::new(e, json)
        })
        .collect();
    let mentions = x
        .actors
        .iter()
        .map(MentionRecord::actor)
        .chain(x.persons.iter().map(MentionRecord::person))
        .chain(x.places.iter().map(MentionRecord::place))
        .chain(x.times.iter().map(MentionRecord::time))
        .collect();
    let mut doc = item.doc;
    if doc.lang.is_none() {
        doc.lang = x.lang;
    }
    DocumentRecord {
        doc,
        hash,
        origin: item.origin,
        search_text: words.join(" "),
        signature,
        events,
        mentions,
        notes: item.notes,
    }
}

/// Ingest `paths` into `store` with `pipeline`. Stops early, with what was read so far
/// stored, when `stop` becomes true.
pub fn ingest(
    paths: &[PathBuf],
    pipeline: &Pipeline,
    store: &mut Store,
    settings: &IngestSettings,
    progress: &dyn Progress,
    stop: &AtomicBool,
) -> Result<IngestSummary, IngestError> {
    let started = std::time::Instant::now();
    let (found, mut problems) = files::discover(paths);
    for p in &problems {
        progress.problem(p);
    }
    progress.start(found.iter().map(|(_, s)| s).sum(), found.len());
    let mut seen: HashSet<String> = store.hashes()?;
    let run = store.begin_run(
        env!("CARGO_PKG_VERSION"),
        &settings.data_version,
        &settings.command,
    )?;
    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if settings.threads > 0 {
            b = b.num_threads(settings.threads);
        }
        b.build().map_err(|e| IngestError::Threads(e.to_string()))?
    };
    let batch_size = settings.batch.max(1);
    let mut summary = IngestSummary {
        run,
        files: found.len(),
        ..IngestSummary::default()
    };
    let stored_so_far = std::sync::atomic::AtomicUsize::new(0);

    let (tx, rx) = mpsc::sync_channel::<Vec<DocumentRecord>>(2);
    let written: Result<BatchOutcome, StoreError> = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut total = BatchOutcome::default();
            for batch in rx {
                let out = store.write_batch(run, &batch)?;
                total.stored += out.stored;
                total.duplicates += out.duplicates;
                total.events += out.events;
                total.fused += out.fused;
                total.near_duplicates += out.near_duplicates;
                stored_so_far.fetch_add(out.stored, Ordering::Relaxed);
            }
            Ok::<BatchOutcome, StoreError>(total)
        });
        let mut pending: Vec<(Item, String)> = Vec::with_capacity(batch_size);
        let send = |pending: &mut Vec<(Item, String)>| -> bool {
            let items = std::mem::take(pending);
            let records: Vec<DocumentRecord> = pool.install(|| {
                items
                    .into_par_iter()
                    .map(|(item, hash)| record(pipeline, item, hash))
                    .collect()
            });
            tx.send(records).is_ok()
        };
        let mut alive = true;
        'files: for (path, size) in &found {
            if stop.load(Ordering::Relaxed) {
                summary.interrupted = true;
                break;
            }
            let mut file_problems = Vec::new();
            let mut emit = |item: Item| {
                if stop.load(Ordering::Relaxed) {
                    return ControlFlow::Break(());
                }
                let hash = content_hash(&item.doc);
                if !seen.insert(hash.clone()) {
                    summary.duplicates += 1;
                    return ControlFlow::Continue(());
                }
                if item.doc.published.is_none() {
                    summary.undated += 1;
                }
                pending.push((item, hash));
                if pending.len() >= batch_size {
                    alive = alive && send(&mut pending);
                }
                if alive {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            };
            files::read_file(path, *size, &settings.read, &mut emit, &mut file_problems);
            for p in &file_problems {
                progress.problem(p);
            }
            problems.extend(file_problems);
            progress.advance(*size, stored_so_far.load(Ordering::Relaxed));
            if !alive {
                break 'files;
            }
            if stop.load(Ordering::Relaxed) {
                summary.interrupted = true;
                break 'files;
            }
        }
        if !pending.is_empty() && alive {
            send(&mut pending);
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    let written = written?;
    summary.ingested = written.stored;
    summary.duplicates += written.duplicates;
    summary.events = written.events;
    summary.fused = written.fused;
    summary.near_duplicates = written.near_duplicates;
    summary.failed = problems;
    summary.seconds = started.elapsed().as_secs_f64();
    store.finish_run(
        run,
        summary.ingested,
        summary.duplicates,
        summary.failed.len(),
    )?;
    Ok(summary)
}
