//! # rasid-store — the corpus in one SQLite file
//!
//! A [`Store`] keeps every ingested document (content hash, source, url, title, publication
//! date, language, text), the extraction runs that wrote to it (rasid version, data version),
//! every mention and event with its byte spans into the document's text, the fused events
//! that stand for one real-world event told by several reports, near-duplicate links between
//! documents, and a full-text index over a folded copy of the text.
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("rasid-store-doc-{}", std::process::id()));
//! let store = rasid_store::Store::open(&dir.join("corpus.db")).unwrap();
//! assert_eq!(store.counts().unwrap().documents, 0);
//! # std::fs::remove_dir_all(&dir).ok();
//! ```
//!
//! Design:
//! - **Crash safety.** The file is in WAL mode and [`Store::write_batch`] stores a batch of
//!   documents with their mentions, events and fusion in one transaction: after a crash or a
//!   `kill -9`, a document is either wholly there or not at all, and ingesting again skips
//!   exactly the documents already stored (by content hash).
//! - **Versioned schema.** [`schema::MIGRATIONS`] are applied in order on open; the version
//!   is SQLite's `user_version`. A file from a newer rasid is refused, not damaged.
//! - **Fusion at write time** ([`fuse`]): each new report joins the fused event all of whose
//!   reports it is compatible with, or starts a new one; counts and the lowest fatality
//!   figure (ACLED's rule) are kept current.
//! - The store knows nothing of the pipeline: it takes [`DocumentRecord`]s built from the
//!   core model by the caller.
#![forbid(unsafe_code)]

pub mod export;
pub mod fuse;
#[cfg(feature = "parquet")]
mod parquet;
mod query;
mod record;
pub mod review;
pub mod schema;

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

pub use query::{
    Counts, DocumentRow, EventFilter, FusedEvent, PlaceCount, Report, ReportDetail, SearchHit,
    Sort, Stats,
};
pub use record::{
    parse_status, ActorRef, DocumentRecord, EventRecord, Evidence, MentionRecord, PlaceRef,
};
pub use review::{Changes, Review, ReviewAction, ReviewRequest, ReviewState};

/// An error of the store, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: cannot create its folder: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: written by a newer rasid (schema version {found}, this build knows {known}); \
         upgrade rasid or use another --db"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path}: not a rasid store ({detail})")]
    Foreign { path: PathBuf, detail: String },
    #[error("invalid request: {0}")]
    Filter(String),
    #[error("{0} not found")]
    NotFound(String),
}

/// The default store file: `rasid/corpus.db` under the user's data folder
/// (`$XDG_DATA_HOME`, `~/.local/share` on Linux, `~/Library/Application Support` on macOS,
/// `%APPDATA%` on Windows).
pub fn default_path() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("rasid").join("corpus.db"));
    }
    if cfg!(windows) {
        return std::env::var_os("APPDATA")
            .map(|a| PathBuf::from(a).join("rasid").join("corpus.db"));
    }
    let home = PathBuf::from(std::env::var_os("HOME")?);
    let base = if cfg!(target_os = "macos") {
        home.join("Library").join("Application Support")
    } else {
        home.join(".local").join("share")
    };
    Some(base.join("rasid").join("corpus.db"))
}

/// What one write of a batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Documents stored.
    pub stored: usize,
    /// Documents already in the store (same content hash), left alone.
    pub duplicates: usize,
    /// Events stored.
    pub events: usize,
    /// Events that joined an existing fused event.
    pub fused: usize,
    /// Near-duplicate links made.
    pub near_duplicates: usize,
}

/// An open corpus store. Not `Sync`: one writer; open more stores on the same file to read
/// from other threads (WAL lets readers run beside the writer).
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Similarity (estimated Jaccard of word shingles) from which two documents are linked as
/// near-duplicates.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.7;
/// Rows per LSH band of a MinHash signature.
pub const LSH_ROWS: usize = 4;

/// How long opening a store waits for other processes holding it.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Switch the file to WAL mode. Switching needs the file to itself for a moment, and SQLite
/// answers "database is locked" at once (without waiting) when another opener holds it, so
/// the switch is retried until `BUSY_WAIT` has passed. A file already in WAL mode stays so.
fn write_ahead_log(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed() < BUSY_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            done => return done,
        }
    }
}

impl Store {
    /// Open or create the store at `path` (creating its folder), in WAL mode, with the schema
    /// brought up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let sql = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(sql)?;
        conn.busy_timeout(BUSY_WAIT).map_err(sql)?;
        // a file that is not SQLite at all fails here, with SQLite's "file is not a database"
        write_ahead_log(&conn).map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sql)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Bring the schema up to date. Another process may be opening the same fresh file at
    /// the same moment (an ingest and a reader polling it), so the version is read again
    /// inside a write-locked (`BEGIN IMMEDIATE`) transaction and every missing migration is
    /// applied in it: exactly one opener migrates, the others wait and find it done.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let known = schema::MIGRATIONS.len() as i64;
        if self.schema_version()? == known {
            return Ok(());
        }
        let path = self.path.clone();
        let sql = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql)?;
        if version > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        if version == 0 {
            // a fresh file has no tables; anything else with version 0 is someone else's
            let tables: i64 = tx
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(sql)?;
            if tables > 0 {
                return Err(StoreError::Foreign {
                    path: self.path.clone(),
                    detail: format!("{tables} tables but no rasid schema version"),
                });
            }
        }
        for m in schema::MIGRATIONS.iter().skip(version as usize) {
            tx.execute_batch(m).map_err(sql)?;
        }
        tx.pragma_update(None, "user_version", known).map_err(sql)?;
        tx.commit().map_err(sql)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Record the start of an extraction run; returns its id.
    pub fn begin_run(
        &mut self,
        rasid_version: &str,
        data_version: &str,
        command: &str,
    ) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO runs (started, rasid_version, data_version, command) \
                 VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1, ?2, ?3)",
                params![rasid_version, data_version, command],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Record the end of a run with its counts.
    pub fn finish_run(
        &mut self,
        run: i64,
        ingested: usize,
        skipped: usize,
        failed: usize,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE runs SET finished = strftime('%Y-%m-%dT%H:%M:%SZ','now'), \
                 ingested = ?2, skipped = ?3, failed = ?4 WHERE id = ?1",
                params![run, ingested as i64, skipped as i64, failed as i64],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The content hashes of every stored document.
    pub fn hashes(&self) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT hash FROM documents")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Store a batch of documents with their extraction, in one transaction. Documents whose
    /// hash is already stored are skipped.
    pub fn write_batch(
        &mut self,
        run: i64,
        docs: &[DocumentRecord],
    ) -> Result<BatchOutcome, StoreError> {
        let path = self.path.clone();
        let sql = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        let mut out = BatchOutcome::default();
        for d in docs {
            write_document(&tx, run, d, &mut out).map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(out)
    }
}

fn write_document(
    tx: &rusqlite::Transaction<'_>,
    run: i64,
    d: &DocumentRecord,
    out: &mut BatchOutcome,
) -> rusqlite::Result<()> {
    let exists: Option<i64> = tx
        .prepare_cached("SELECT id FROM documents WHERE hash = ?1")?
        .query_row([&d.hash], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        out.duplicates += 1;
        return Ok(());
    }
    let doc = &d.doc;
    tx.prepare_cached(
        "INSERT INTO documents (hash, doc_key, source, url, title, published, lang, origin, \
         text, run_id, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        d.hash,
        doc.id,
        doc.source,
        doc.url,
        doc.title,
        doc.published.map(|p| p.to_string()),
        doc.lang.map(|l| l.as_str()),
        d.origin,
        doc.text,
        run,
        (!d.notes.is_empty()).then(|| serde_json::to_string(&d.notes).unwrap_or_default()),
    ])?;
    let doc_id = tx.last_insert_rowid();
    out.stored += 1;
    tx.prepare_cached("INSERT INTO documents_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![doc_id, d.search_text])?;
    near_duplicates(tx, doc_id, &d.signature, out)?;
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO mentions (doc_id, kind, start, end, text, entity_id, name, detail) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for m in &d.mentions {
            st.execute(params![
                doc_id,
                m.kind,
                m.start as i64,
                m.end as i64,
                m.text,
                m.entity_id,
                m.name,
                m.detail
            ])?;
        }
    }
    for e in &d.events {
        let event_id = insert_event(tx, doc_id, run, e)?;
        out.events += 1;
        let key = fuse::FusionKey::of(doc_id, e);
        if fuse_event(tx, event_id, &key)? {
            out.fused += 1;
        }
    }
    Ok(())
}

fn insert_event(
    tx: &rusqlite::Transaction<'_>,
    doc_id: i64,
    run: i64,
    e: &EventRecord,
) -> rusqlite::Result<i64> {
    let a1 = e.actor1.as_ref();
    let a2 = e.actor2.as_ref();
    let p = e.place.as_ref();
    tx.prepare_cached(
        "INSERT INTO events (doc_id, run_id, category, mode, acled_event_type, \
         acled_sub_event_type, actor1_id, actor1, actor1_kind, actor1_country, actor2_id, \
         actor2, actor2_kind, actor2_country, place_id, location, location_ar, feature, country, \
         admin1, admin2, lat, lon, geo_precision, date_start, date_end, day_start, day_end, \
         time_precision, fatalities, fatalities_text, status, confidence, attributed_to, \
         trigger_start, trigger_end, trigger_text, evidence_start, evidence_end, evidence, json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, \
         ?35, ?36, ?37, ?38, ?39, ?40, ?41)",
    )?
    .execute(params![
        doc_id,
        run,
        e.category,
        e.mode,
        e.acled_event_type,
        e.acled_sub_event_type,
        a1.map(|a| &a.id),
        a1.map(|a| &a.name),
        a1.map(|a| &a.kind),
        a1.and_then(|a| a.country.as_ref()),
        a2.map(|a| &a.id),
        a2.map(|a| &a.name),
        a2.map(|a| &a.kind),
        a2.and_then(|a| a.country.as_ref()),
        p.map(|p| &p.id),
        p.map(|p| &p.name),
        p.map(|p| &p.name_ar),
        p.map(|p| &p.feature),
        p.map(|p| &p.country),
        p.and_then(|p| p.admin1.as_ref()),
        p.and_then(|p| p.admin2.as_ref()),
        p.map(|p| p.lat),
        p.map(|p| p.lon),
        p.map(|p| p.geo_precision),
        e.date_start,
        e.date_end,
        e.date_start.as_deref().and_then(fuse::day_number),
        e.date_end.as_deref().and_then(fuse::day_number),
        e.time_precision,
        e.fatalities,
        e.fatalities_text,
        e.status,
        e.confidence as f64,
        e.attributed_to,
        e.trigger.start as i64,
        e.trigger.end as i64,
        e.trigger.text,
        e.evidence.start as i64,
        e.evidence.end as i64,
        e.evidence.text,
        e.json,
    ])?;
    Ok(tx.last_insert_rowid())
}

fn member_keys(
    tx: &rusqlite::Transaction<'_>,
    fused: i64,
) -> rusqlite::Result<Vec<fuse::FusionKey>> {
    let mut st = tx.prepare_cached(
        "SELECT doc_id, category, status, actor1_id, actor2_id, place_id, lat, lon, \
         geo_precision, day_start, day_end FROM events WHERE fused_id = ?1",
    )?;
    let rows = st.query_map([fused], |r| {
        Ok(fuse::FusionKey {
            doc_id: r.get(0)?,
            category: r.get(1)?,
            real: record::is_real(&r.get::<_, String>(2)?),
            actor1: r.get(3)?,
            actor2: r.get(4)?,
            place_id: r.get(5)?,
            lat: r.get(6)?,
            lon: r.get(7)?,
            geo_precision: r.get(8)?,
            start: r.get(9)?,
            end: r.get(10)?,
        })
    })?;
    rows.collect()
}

/// Attach event `event_id` to the fused event all of whose reports it matches (the one with
/// most reports when several do), else make it a fused event of its own. Returns whether it
/// joined an existing one.
fn fuse_event(
    tx: &rusqlite::Transaction<'_>,
    event_id: i64,
    key: &fuse::FusionKey,
) -> rusqlite::Result<bool> {
    let slack = fuse::DATE_SLACK_DAYS;
    let candidates: Vec<i64> = match (key.start, key.end) {
        (Some(s), Some(e)) => {
            let mut st = tx.prepare_cached(
                "SELECT id FROM fused_events WHERE category = ?1 AND real = ?2 \
                 AND day_start <= ?3 AND day_end >= ?4",
            )?;
            let rows = st
                .query_map(params![key.category, key.real, e + slack, s - slack], |r| {
                    r.get(0)
                })?;
            rows.collect::<Result<_, _>>()?
        }
        _ => {
            let mut st = tx.prepare_cached(
                "SELECT id FROM fused_events WHERE category = ?1 AND real = ?2 \
                 AND day_start IS NULL",
            )?;
            let rows = st.query_map(params![key.category, key.real], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        }
    };
    let mut best: Option<(usize, i64)> = None;
    for f in candidates {
        let members = member_keys(tx, f)?;
        if !members.is_empty()
            && members.iter().all(|m| fuse::same_event(m, key))
            && best.is_none_or(|(n, _)| members.len() > n)
        {
            best = Some((members.len(), f));
        }
    }
    let (fused, joined) = match best {
        Some((_, f)) => (f, true),
        None => {
            tx.prepare_cached(
                "INSERT INTO fused_events (category, real, day_start, day_end) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![key.category, key.real, key.start, key.end])?;
            (tx.last_insert_rowid(), false)
        }
    };
    tx.prepare_cached("UPDATE events SET fused_id = ?1 WHERE id = ?2")?
        .execute(params![fused, event_id])?;
    refresh_fused(tx, fused)?;
    Ok(joined)
}

/// Recompute a fused event's summary from its reports: the date window (union), report and
/// source counts, the lowest and highest fatality figures, and the best report (finest
/// place, then narrowest dates, then highest confidence).
fn refresh_fused(tx: &rusqlite::Transaction<'_>, fused: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE fused_events SET \
           day_start = (SELECT min(day_start) FROM events WHERE fused_id = ?1), \
           day_end = (SELECT max(day_end) FROM events WHERE fused_id = ?1), \
           report_count = (SELECT count(*) FROM events WHERE fused_id = ?1), \
           source_count = (SELECT count(DISTINCT coalesce(d.source, d.id)) FROM events e \
                           JOIN documents d ON d.id = e.doc_id WHERE e.fused_id = ?1), \
           fatalities = (SELECT min(fatalities) FROM events WHERE fused_id = ?1), \
           fatalities_max = (SELECT max(fatalities) FROM events WHERE fused_id = ?1), \
           best_event = (SELECT id FROM events WHERE fused_id = ?1 \
                         ORDER BY coalesce(geo_precision, 9), \
                                  coalesce(day_end - day_start, 99999), \
                                  confidence DESC, id LIMIT 1) \
         WHERE id = ?1",
    )?
    .execute([fused])?;
    tx.prepare_cached(
        "UPDATE fused_events SET (status, date_start, date_end, country, admin1, actor1_id, \
         actor1, actor2_id, actor2, confidence) = (SELECT status, date_start, date_end, country, \
         admin1, actor1_id, actor1, actor2_id, actor2, confidence FROM events \
         WHERE events.id = fused_events.best_event) WHERE id = ?1",
    )?
    .execute([fused])?;
    Ok(())
}

/// Link `doc_id` to stored documents whose MinHash signature is close (LSH buckets, then the
/// estimated Jaccard similarity), and index its own signature.
fn near_duplicates(
    tx: &rusqlite::Transaction<'_>,
    doc_id: i64,
    sig: &[u64],
    out: &mut BatchOutcome,
) -> rusqlite::Result<()> {
    if sig.is_empty() {
        return Ok(());
    }
    let buckets: Vec<i64> = sig.chunks(LSH_ROWS).map(band_bucket).collect();
    let mut candidates: Vec<i64> = Vec::new();
    {
        let mut st = tx.prepare_cached("SELECT doc_id FROM lsh WHERE band = ?1 AND bucket = ?2")?;
        for (band, b) in buckets.iter().enumerate() {
            let rows = st.query_map(params![band as i64, b], |r| r.get::<_, i64>(0))?;
            for r in rows {
                candidates.push(r?);
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    {
        let mut get = tx.prepare_cached("SELECT sig FROM signatures WHERE doc_id = ?1")?;
        let mut link = tx.prepare_cached(
            "INSERT OR IGNORE INTO near_duplicates (doc_id, other_id, similarity) VALUES (?1, ?2, ?3)",
        )?;
        for other in candidates {
            let blob: Vec<u8> = get.query_row([other], |r| r.get(0))?;
            let theirs = decode_signature(&blob);
            if theirs.len() != sig.len() {
                continue;
            }
            let same = sig.iter().zip(&theirs).filter(|(a, b)| a == b).count();
            let similarity = same as f64 / sig.len() as f64;
            if similarity >= NEAR_DUPLICATE_SIMILARITY {
                link.execute(params![doc_id, other, similarity])?;
                out.near_duplicates += 1;
            }
        }
    }
    tx.prepare_cached("INSERT INTO signatures (doc_id, sig) VALUES (?1, ?2)")?
        .execute(params![doc_id, encode_signature(sig)])?;
    let mut st = tx.prepare_cached("INSERT INTO lsh (band, bucket, doc_id) VALUES (?1, ?2, ?3)")?;
    for (band, b) in buckets.iter().enumerate() {
        st.execute(params![band as i64, b, doc_id])?;
    }
    Ok(())
}

/// A band's bucket: the band's hashes mixed into one signed 64-bit key (stable across runs
/// and platforms).
fn band_bucket(rows: &[u64]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for r in rows {
        h ^= *r;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        h ^= h >> 29;
    }
    h as i64
}

fn encode_signature(sig: &[u64]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn decode_signature(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect()
}

#[cfg(test)]
mod tests;
