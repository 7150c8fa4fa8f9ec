//! Reading the store: fused events and their reports under filters, counts and terminal
//! statistics, full-text search.

use rusqlite::{params_from_iter, types::Value, OptionalExtension, Row};
use serde::Serialize;

use crate::{Store, StoreError};

/// Which events to read. Every field narrows; the default takes everything.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// First day (YYYY-MM-DD): events ending on or after it.
    pub from: Option<String>,
    /// Last day: events starting on or before it.
    pub to: Option<String>,
    /// ISO 3166 alpha-2 country of the place.
    pub country: Option<String>,
    /// Province (admin1) name, as the gazetteer spells it (case-insensitive).
    pub admin1: Option<String>,
    /// An actor id or name (case-insensitive substring) on either side.
    pub actor: Option<String>,
    /// PLOVER category (FIGHT, ASSAULT…).
    pub category: Option<String>,
    /// asserted, claimed, planned, hypothetical or negated.
    pub status: Option<String>,
    /// Lowest confidence of the event's best report.
    pub min_confidence: Option<f64>,
    /// Rows at most (0 = no limit).
    pub limit: usize,
    /// Rows to skip (pagination).
    pub offset: usize,
    /// Order of the rows.
    pub sort: Sort,
}

/// The order of fused events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Oldest first.
    #[default]
    DateAsc,
    /// Newest first.
    DateDesc,
    /// Most fatalities first.
    Fatalities,
    /// Most reports first.
    Reports,
}

impl std::str::FromStr for Sort {
    type Err = String;
    fn from_str(s: &str) -> Result<Sort, String> {
        match s {
            "date" => Ok(Sort::DateAsc),
            "-date" => Ok(Sort::DateDesc),
            "fatalities" | "-fatalities" => Ok(Sort::Fatalities),
            "reports" | "-reports" => Ok(Sort::Reports),
            other => Err(format!(
                "sort {other:?}: expected date, -date, fatalities or reports"
            )),
        }
    }
}

impl Sort {
    fn sql(&self) -> &'static str {
        match self {
            Sort::DateAsc => "f.date_start, f.id",
            Sort::DateDesc => "f.date_start DESC, f.id DESC",
            Sort::Fatalities => "coalesce(f.fatalities, 0) DESC, f.date_start, f.id",
            Sort::Reports => "f.report_count DESC, f.date_start, f.id",
        }
    }
}

impl EventFilter {
    /// Check the values users typed: dates, category and status names.
    pub fn validate(&self) -> Result<(), StoreError> {
        for (name, d) in [("--from", &self.from), ("--to", &self.to)] {
            if let Some(d) = d {
                if crate::fuse::day_number(d).is_none() || d.len() != 10 {
                    return Err(StoreError::Filter(format!(
                        "{name} {d:?} is not a date (YYYY-MM-DD)"
                    )));
                }
            }
        }
        if let Some(c) = &self.category {
            c.to_uppercase()
                .parse::<rasid_core::Category>()
                .map_err(StoreError::Filter)?;
        }
        if let Some(s) = &self.status {
            crate::parse_status(&s.to_lowercase()).map_err(StoreError::Filter)?;
        }
        if let Some(c) = self.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(StoreError::Filter(format!(
                    "--min-confidence {c} is not between 0 and 1"
                )));
            }
        }
        Ok(())
    }

    /// SQL conditions on the fused event `f` (its fields are the best report's), with their values.
    fn conditions(&self) -> (String, Vec<Value>) {
        let mut w: Vec<&str> = Vec::new();
        let mut v: Vec<Value> = Vec::new();
        if let Some(d) = &self.from {
            w.push("f.date_end >= ?");
            v.push(Value::Text(d.clone()));
        }
        if let Some(d) = &self.to {
            w.push("f.date_start <= ?");
            v.push(Value::Text(d.clone()));
        }
        if let Some(c) = &self.country {
            w.push("f.country = ?");
            v.push(Value::Text(c.to_uppercase()));
        }
        if let Some(a) = &self.admin1 {
            w.push("lower(f.admin1) = lower(?)");
            v.push(Value::Text(a.clone()));
        }
        if let Some(a) = &self.actor {
            w.push(
                "(f.actor1_id = ?1x OR f.actor2_id = ?1x OR instr(lower(f.actor1), lower(?1x)) > 0 \
                 OR instr(lower(f.actor2), lower(?1x)) > 0)",
            );
            v.push(Value::Text(a.clone()));
        }
        if let Some(c) = &self.category {
            w.push("f.category = ?");
            v.push(Value::Text(c.to_uppercase()));
        }
        if let Some(s) = &self.status {
            w.push("f.status = ?");
            v.push(Value::Text(s.to_lowercase()));
        }
        if let Some(c) = self.min_confidence {
            w.push("f.confidence >= ?");
            v.push(Value::Real(c));
        }
        // number the placeholders; the actor's four uses share one value
        let mut sql = String::new();
        let mut n = 0;
        for cond in &w {
            if !sql.is_empty() {
                sql.push_str(" AND ");
            }
            if cond.contains("?1x") {
                n += 1;
                sql.push_str(&cond.replace("?1x", &format!("?{n}")));
            } else {
                n += 1;
                sql.push_str(&cond.replace('?', &format!("?{n}")));
            }
        }
        if sql.is_empty() {
            sql.push('1');
        }
        (sql, v)
    }
}

/// One report of an event: the document it came from and the evidence.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub event_id: i64,
    pub doc_id: i64,
    pub doc_key: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub status: String,
    pub fatalities: Option<u32>,
    pub attributed_to: Option<String>,
    pub evidence: String,
    pub evidence_start: usize,
    pub evidence_end: usize,
    pub trigger: String,
}

/// A fused event: the best report's fields, with every report and the counts.
#[derive(Clone, Debug, Serialize)]
pub struct FusedEvent {
    pub id: i64,
    pub category: String,
    pub mode: Option<String>,
    pub acled_event_type: Option<String>,
    pub acled_sub_event_type: Option<String>,
    pub actor1_id: Option<String>,
    pub actor1: Option<String>,
    pub actor1_kind: Option<String>,
    pub actor1_country: Option<String>,
    pub actor2_id: Option<String>,
    pub actor2: Option<String>,
    pub actor2_kind: Option<String>,
    pub actor2_country: Option<String>,
    pub place_id: Option<String>,
    pub location: Option<String>,
    pub location_ar: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geo_precision: Option<u8>,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub time_precision: Option<u8>,
    /// The lowest figure any report gives (ACLED's rule).
    pub fatalities: Option<u32>,
    /// The highest figure any report gives.
    pub fatalities_max: Option<u32>,
    pub status: String,
    pub confidence: f64,
    pub report_count: usize,
    pub source_count: usize,
    pub reports: Vec<Report>,
    /// The latest analyst review, when there is one (its corrections are applied above).
    pub review: Option<crate::review::ReviewState>,
}

impl FusedEvent {
    /// An event with every optional field empty (the shape of an export row).
    pub fn template() -> FusedEvent {
        FusedEvent {
            id: 0,
            category: String::new(),
            mode: None,
            acled_event_type: None,
            acled_sub_event_type: None,
            actor1_id: None,
            actor1: None,
            actor1_kind: None,
            actor1_country: None,
            actor2_id: None,
            actor2: None,
            actor2_kind: None,
            actor2_country: None,
            place_id: None,
            location: None,
            location_ar: None,
            country: None,
            admin1: None,
            admin2: None,
            lat: None,
            lon: None,
            geo_precision: None,
            date_start: None,
            date_end: None,
            time_precision: None,
            fatalities: None,
            fatalities_max: None,
            status: String::new(),
            confidence: 0.0,
            report_count: 0,
            source_count: 0,
            reports: Vec::new(),
            review: None,
        }
    }
}

const FUSED_COLUMNS: &str = "f.id, b.category, b.mode, b.acled_event_type, \
    b.acled_sub_event_type, b.actor1_id, b.actor1, b.actor1_kind, b.actor1_country, b.actor2_id, \
    b.actor2, b.actor2_kind, b.actor2_country, b.place_id, b.location, b.location_ar, b.country, \
    b.admin1, b.admin2, b.lat, b.lon, b.geo_precision, b.date_start, b.date_end, \
    b.time_precision, f.fatalities, f.fatalities_max, b.status, b.confidence, f.report_count, \
    f.source_count";

fn fused_row(r: &Row<'_>) -> rusqlite::Result<FusedEvent> {
    Ok(FusedEvent {
        id: r.get(0)?,
        category: r.get(1)?,
        mode: r.get(2)?,
        acled_event_type: r.get(3)?,
        acled_sub_event_type: r.get(4)?,
        actor1_id: r.get(5)?,
        actor1: r.get(6)?,
        actor1_kind: r.get(7)?,
        actor1_country: r.get(8)?,
        actor2_id: r.get(9)?,
        actor2: r.get(10)?,
        actor2_kind: r.get(11)?,
        actor2_country: r.get(12)?,
        place_id: r.get(13)?,
        location: r.get(14)?,
        location_ar: r.get(15)?,
        country: r.get(16)?,
        admin1: r.get(17)?,
        admin2: r.get(18)?,
        lat: r.get(19)?,
        lon: r.get(20)?,
        geo_precision: r.get(21)?,
        date_start: r.get(22)?,
        date_end: r.get(23)?,
        time_precision: r.get(24)?,
        fatalities: r.get(25)?,
        fatalities_max: r.get(26)?,
        status: r.get(27)?,
        confidence: r.get(28)?,
        report_count: r.get::<_, i64>(29)? as usize,
        source_count: r.get::<_, i64>(30)? as usize,
        reports: Vec::new(),
        review: None,
    })
}

/// The events' ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one query
/// for a whole page.
pub(crate) fn id_list(events: &[FusedEvent]) -> String {
    let ids: Vec<String> = events.iter().map(|e| e.id.to_string()).collect();
    format!("[{}]", ids.join(","))
}

fn report_row(r: &Row<'_>) -> rusqlite::Result<Report> {
    Ok(Report {
        event_id: r.get(0)?,
        doc_id: r.get(1)?,
        doc_key: r.get(2)?,
        source: r.get(3)?,
        url: r.get(4)?,
        title: r.get(5)?,
        published: r.get(6)?,
        status: r.get(7)?,
        fatalities: r.get(8)?,
        attributed_to: r.get(9)?,
        evidence: r.get(10)?,
        evidence_start: r.get::<_, i64>(11)? as usize,
        evidence_end: r.get::<_, i64>(12)? as usize,
        trigger: r.get(13)?,
    })
}

/// A report with its document's text and the event as extracted (rasid's JSON output of one
/// event: every argument with its byte span into `text`).
#[derive(Clone, Debug, Serialize)]
pub struct ReportDetail {
    pub event_id: i64,
    pub doc_id: i64,
    pub doc_key: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub event: serde_json::Value,
}

/// A stored document (its text only when asked for one document).
#[derive(Clone, Debug, Serialize)]
pub struct DocumentRow {
    pub id: i64,
    pub doc_key: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub bytes: usize,
    pub events: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

fn document_row(r: &Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        doc_key: r.get(1)?,
        title: r.get(2)?,
        source: r.get(3)?,
        url: r.get(4)?,
        published: r.get(5)?,
        lang: r.get(6)?,
        bytes: r.get::<_, i64>(7)? as usize,
        events: r.get::<_, i64>(8)? as usize,
        text: r.get(9)?,
    })
}

/// A place with the number of fused events there.
#[derive(Clone, Debug, Serialize)]
pub struct PlaceCount {
    pub id: String,
    pub name: Option<String>,
    pub name_ar: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub events: usize,
    pub fatalities: u64,
}

/// Counts of what the store holds.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub documents: usize,
    pub events: usize,
    pub fused_events: usize,
    pub near_duplicate_links: usize,
    pub runs: usize,
}

/// Terminal statistics over fused events (after a filter).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    pub counts: Counts,
    /// (month YYYY-MM, category, fused events).
    pub per_month: Vec<(String, String, usize)>,
    /// (actor name, fused events naming it on either side).
    pub top_actors: Vec<(String, usize)>,
    /// (place name, country, fused events).
    pub top_places: Vec<(String, String, usize)>,
}

/// A document that matches a full-text query.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    pub doc_id: i64,
    pub doc_key: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub text: String,
    pub events: usize,
}

impl Store {
    /// How many documents, events, fused events, links and runs the store holds.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let n = |sql: &str| -> Result<usize, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|v| v as usize)
                .map_err(|e| self.err(e))
        };
        Ok(Counts {
            documents: n("SELECT count(*) FROM documents")?,
            events: n("SELECT count(*) FROM events")?,
            fused_events: n("SELECT count(*) FROM fused_events WHERE report_count > 0")?,
            near_duplicate_links: n("SELECT count(*) FROM near_duplicates")?,
            runs: n("SELECT count(*) FROM runs")?,
        })
    }

    /// Fused events under `filter`, oldest first, each with its reports.
    pub fn fused_events(&self, filter: &EventFilter) -> Result<Vec<FusedEvent>, StoreError> {
        filter.validate()?;
        let (cond, values) = filter.conditions();
        let limit = match (filter.limit, filter.offset) {
            (0, 0) => String::new(),
            (0, o) => format!(" LIMIT -1 OFFSET {o}"),
            (l, o) => format!(" LIMIT {l} OFFSET {o}"),
        };
        let sql = format!(
            "SELECT {FUSED_COLUMNS} FROM fused_events f JOIN events b ON b.id = f.best_event \
             WHERE {cond} ORDER BY {}{limit}",
            filter.sort.sql()
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params_from_iter(values.iter()), fused_row)
            .map_err(|e| self.err(e))?;
        let mut out: Vec<FusedEvent> = rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        self.attach_reports(&mut out)?;
        self.apply_reviews(&mut out)?;
        Ok(out)
    }

    /// Fill each event's reports, in one query for all of them.
    fn attach_reports(&self, events: &mut [FusedEvent]) -> Result<(), StoreError> {
        if events.is_empty() {
            return Ok(());
        }
        let ids = id_list(events);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT e.id, d.id, d.doc_key, d.source, d.url, d.title, d.published, e.status, \
                 e.fatalities, e.attributed_to, e.evidence, e.evidence_start, e.evidence_end, \
                 e.trigger_text, e.fused_id FROM events e JOIN documents d ON d.id = e.doc_id \
                 WHERE e.fused_id IN (SELECT value FROM json_each(?1)) \
                 ORDER BY e.fused_id, d.published, e.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([ids], |r| Ok((r.get::<_, i64>(14)?, report_row(r)?)))
            .map_err(|e| self.err(e))?;
        let mut by_id: std::collections::HashMap<i64, Vec<Report>> = Default::default();
        for row in rows {
            let (f, r) = row.map_err(|e| self.err(e))?;
            by_id.entry(f).or_default().push(r);
        }
        for e in events {
            e.reports = by_id.remove(&e.id).unwrap_or_default();
        }
        Ok(())
    }

    /// How many fused events `filter` selects (ignoring its limit and offset).
    pub fn count_fused(&self, filter: &EventFilter) -> Result<usize, StoreError> {
        filter.validate()?;
        let (cond, values) = filter.conditions();
        self.conn
            .query_row(
                &format!("SELECT count(*) FROM fused_events f WHERE {cond} AND f.report_count > 0"),
                params_from_iter(values.iter()),
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// One fused event with its reports and review.
    pub fn fused_event(&self, id: i64) -> Result<Option<FusedEvent>, StoreError> {
        let sql = format!(
            "SELECT {FUSED_COLUMNS} FROM fused_events f JOIN events b ON b.id = f.best_event \
             WHERE f.id = ?1"
        );
        let found = self
            .conn
            .query_row(&sql, [id], fused_row)
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(found) = found else { return Ok(None) };
        let mut all = vec![found];
        self.attach_reports(&mut all)?;
        self.apply_reviews(&mut all)?;
        Ok(all.pop())
    }

    /// The reports of a fused event with their documents' text and the events as extracted
    /// (rasid's JSON, with every argument's span), for showing the evidence.
    pub fn report_details(&self, fused_id: i64) -> Result<Vec<ReportDetail>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT e.id, d.id, d.doc_key, d.title, d.source, d.url, d.published, d.text, \
                 e.json FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.fused_id = ?1 \
                 ORDER BY d.published, e.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([fused_id], |r| {
                Ok(ReportDetail {
                    event_id: r.get(0)?,
                    doc_id: r.get(1)?,
                    doc_key: r.get(2)?,
                    title: r.get(3)?,
                    source: r.get(4)?,
                    url: r.get(5)?,
                    published: r.get(6)?,
                    text: r.get(7)?,
                    event: serde_json::from_str(&r.get::<_, String>(8)?)
                        .unwrap_or(serde_json::Value::Null),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Stored documents, newest first, without their text.
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentRow>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.doc_key, d.title, d.source, d.url, d.published, d.lang, \
                 length(d.text), (SELECT count(*) FROM events e WHERE e.doc_id = d.id), NULL \
                 FROM documents d ORDER BY d.published DESC, d.id DESC LIMIT ?1 OFFSET ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(rusqlite::params![limit as i64, offset as i64], document_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One stored document with its text.
    pub fn document(&self, id: i64) -> Result<Option<DocumentRow>, StoreError> {
        self.conn
            .query_row(
                "SELECT d.id, d.doc_key, d.title, d.source, d.url, d.published, d.lang, \
                 length(d.text), (SELECT count(*) FROM events e WHERE e.doc_id = d.id), d.text \
                 FROM documents d WHERE d.id = ?1",
                [id],
                document_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Places of fused events under `filter`, most events first, with coordinates.
    pub fn places(&self, filter: &EventFilter, top: usize) -> Result<Vec<PlaceCount>, StoreError> {
        filter.validate()?;
        let (cond, values) = filter.conditions();
        let sql = format!(
            "SELECT b.place_id, b.location, b.location_ar, b.country, b.admin1, b.lat, b.lon, \
             count(*), sum(coalesce(f.fatalities, 0)) FROM fused_events f \
             JOIN events b ON b.id = f.best_event WHERE {cond} AND b.place_id IS NOT NULL \
             GROUP BY b.place_id ORDER BY 8 DESC, 2 LIMIT {top}"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params_from_iter(values.iter()), |r| {
                Ok(PlaceCount {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    name_ar: r.get(2)?,
                    country: r.get(3)?,
                    admin1: r.get(4)?,
                    lat: r.get(5)?,
                    lon: r.get(6)?,
                    events: r.get::<_, i64>(7)? as usize,
                    fatalities: r.get::<_, i64>(8)? as u64,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Events per month and category, top actors and top places, over fused events under
    /// `filter`.
    pub fn stats(&self, filter: &EventFilter, top: usize) -> Result<Stats, StoreError> {
        filter.validate()?;
        let (cond, values) = filter.conditions();
        let from = "FROM fused_events f JOIN events b ON b.id = f.best_event";
        let q = |sql: String| -> Result<Vec<(String, String, usize)>, StoreError> {
            let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
            let rows = st
                .query_map(params_from_iter(values.iter()), |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?.unwrap_or_else(|| "-".into()),
                        r.get::<_, Option<String>>(1)?.unwrap_or_else(|| "-".into()),
                        r.get::<_, i64>(2)? as usize,
                    ))
                })
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
        };
        let per_month = q(format!(
            "SELECT substr(b.date_start, 1, 7), b.category, count(*) {from} WHERE {cond} \
             GROUP BY 1, 2 ORDER BY 1, 2"
        ))?;
        let top_actors = q(format!(
            "SELECT name, '', count(*) FROM (SELECT b.actor1 AS name {from} WHERE {cond} \
             UNION ALL SELECT b.actor2 {from} WHERE {cond}) WHERE name IS NOT NULL \
             GROUP BY name ORDER BY 3 DESC, 1 LIMIT {top}"
        ))?
        .into_iter()
        .map(|(a, _, n)| (a, n))
        .collect();
        let top_places = q(format!(
            "SELECT b.location, b.country, count(*) {from} WHERE {cond} AND b.location IS NOT NULL \
             GROUP BY b.place_id ORDER BY 3 DESC, 1 LIMIT {top}"
        ))?;
        Ok(Stats {
            counts: self.counts()?,
            per_month,
            top_actors,
            top_places,
        })
    }

    /// Documents whose folded text has every word of `folded_query` (words already folded
    /// the way the index was built), newest first.
    pub fn search(&self, folded_query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        // every word quoted: user text never reaches FTS5's query syntax
        let q: Vec<String> = folded_query
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "")))
            .collect();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self
            .conn
            .prepare(
                "SELECT d.id, d.doc_key, d.title, d.published, d.source, d.url, d.text, \
                 (SELECT count(*) FROM events e WHERE e.doc_id = d.id) \
                 FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid \
                 WHERE documents_fts MATCH ?1 ORDER BY d.published DESC, d.id LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(rusqlite::params![q.join(" "), limit as i64], |r| {
                Ok(SearchHit {
                    doc_id: r.get(0)?,
                    doc_key: r.get(1)?,
                    title: r.get(2)?,
                    published: r.get(3)?,
                    source: r.get(4)?,
                    url: r.get(5)?,
                    text: r.get(6)?,
                    events: r.get::<_, i64>(7)? as usize,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The ids of the documents each document was linked to as a near-duplicate.
    pub fn near_duplicate_pairs(&self) -> Result<Vec<(i64, i64, f64)>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT doc_id, other_id, similarity FROM near_duplicates ORDER BY 1, 2")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// (document key, fused event id) of every stored report, for checking fusion.
    pub fn report_fusion(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT d.doc_key, e.fused_id FROM events e JOIN documents d ON d.id = e.doc_id \
                 ORDER BY e.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The document keys stored, with how many times each is present.
    pub fn document_keys(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT doc_key, count(*) FROM documents GROUP BY doc_key ORDER BY doc_key")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}
