//! Analysts' reviews of fused events: accept, reject, or correct fields (category, actors,
//! place, dates, fatalities, status). Every review is kept with who and when; the latest one
//! decides what reads and exports show, and the reports stay as extracted.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{FusedEvent, Store, StoreError};

/// What a review does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewAction {
    Accept,
    Reject,
    Correct,
}

impl ReviewAction {
    pub fn as_str(&self) -> &'static str {
        match self {
            ReviewAction::Accept => "accept",
            ReviewAction::Reject => "reject",
            ReviewAction::Correct => "correct",
        }
    }
}

/// Corrected fields; absent fields keep the extracted value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Changes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl Changes {
    /// Check the values: a known category and status, real dates in order.
    pub fn validate(&self) -> Result<(), StoreError> {
        let bad = |m: String| Err(StoreError::Filter(m));
        if let Some(c) = &self.category {
            if c.parse::<rasid_core::Category>().is_err() {
                return bad(format!("category {c:?} is not a PLOVER category"));
            }
        }
        if let Some(s) = &self.status {
            if crate::parse_status(s).is_err() {
                return bad(format!(
                    "status {s:?}: expected asserted, claimed, planned, hypothetical or negated"
                ));
            }
        }
        for (name, d) in [
            ("date_start", &self.date_start),
            ("date_end", &self.date_end),
        ] {
            if let Some(d) = d {
                if d.len() != 10 || crate::fuse::day_number(d).is_none() {
                    return bad(format!("{name} {d:?} is not a date (YYYY-MM-DD)"));
                }
            }
        }
        if let (Some(a), Some(b)) = (&self.date_start, &self.date_end) {
            if a > b {
                return bad(format!("date_start {a} is after date_end {b}"));
            }
        }
        for (name, v) in [
            ("actor1", &self.actor1),
            ("actor2", &self.actor2),
            ("location", &self.location),
        ] {
            if v.as_ref()
                .is_some_and(|v| v.trim().is_empty() || v.len() > 300)
            {
                return bad(format!("{name} must be 1 to 300 bytes"));
            }
        }
        Ok(())
    }

    fn apply(&self, e: &mut FusedEvent) {
        if let Some(v) = &self.category {
            e.category = v.clone();
        }
        if let Some(v) = &self.actor1 {
            e.actor1 = Some(v.clone());
        }
        if let Some(v) = &self.actor2 {
            e.actor2 = Some(v.clone());
        }
        if let Some(v) = &self.location {
            e.location = Some(v.clone());
        }
        if let Some(v) = &self.date_start {
            e.date_start = Some(v.clone());
        }
        if let Some(v) = &self.date_end {
            e.date_end = Some(v.clone());
        }
        if let Some(v) = self.fatalities {
            e.fatalities = Some(v);
        }
        if let Some(v) = &self.status {
            e.status = v.clone();
        }
    }
}

/// A review as asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    pub action: ReviewAction,
    pub reviewer: String,
    #[serde(default)]
    pub changes: Changes,
    #[serde(default)]
    pub note: Option<String>,
}

/// A stored review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Review {
    pub id: i64,
    pub fused_id: i64,
    pub action: String,
    pub changes: Option<serde_json::Value>,
    pub note: Option<String>,
    pub reviewer: String,
    pub at: String,
}

/// The latest review of an event, as reads show it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReviewState {
    pub action: String,
    pub reviewer: String,
    pub at: String,
}

impl Store {
    /// Store a review of fused event `fused_id`; the event must exist.
    pub fn review(&mut self, fused_id: i64, r: &ReviewRequest) -> Result<Review, StoreError> {
        if r.reviewer.trim().is_empty() || r.reviewer.len() > 200 {
            return Err(StoreError::Filter("reviewer must be 1 to 200 bytes".into()));
        }
        r.changes.validate()?;
        if r.action != ReviewAction::Correct && r.changes != Changes::default() {
            return Err(StoreError::Filter(
                "changes are given only with the action \"correct\"".into(),
            ));
        }
        if r.action == ReviewAction::Correct && r.changes == Changes::default() {
            return Err(StoreError::Filter(
                "a correction needs at least one changed field".into(),
            ));
        }
        let exists: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM fused_events WHERE id = ?1 AND report_count > 0",
                [fused_id],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("event {fused_id}")));
        }
        let changes = (r.action == ReviewAction::Correct)
            .then(|| serde_json::to_string(&r.changes).unwrap_or_default());
        self.conn
            .execute(
                "INSERT INTO reviews (fused_id, action, changes, note, reviewer, at) VALUES \
                 (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                params![
                    fused_id,
                    r.action.as_str(),
                    changes,
                    r.note,
                    r.reviewer.trim()
                ],
            )
            .map_err(|e| self.err(e))?;
        let id = self.conn.last_insert_rowid();
        self.reviews(fused_id)?
            .into_iter()
            .find(|x| x.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("review {id}")))
    }

    /// Every review of a fused event, oldest first.
    pub fn reviews(&self, fused_id: i64) -> Result<Vec<Review>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, fused_id, action, changes, note, reviewer, at FROM reviews \
                 WHERE fused_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([fused_id], |r| {
                Ok(Review {
                    id: r.get(0)?,
                    fused_id: r.get(1)?,
                    action: r.get(2)?,
                    changes: r
                        .get::<_, Option<String>>(3)?
                        .and_then(|c| serde_json::from_str(&c).ok()),
                    note: r.get(4)?,
                    reviewer: r.get(5)?,
                    at: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Apply the latest review of each event: corrections change the fields shown, and the
    /// review state is set.
    pub(crate) fn apply_reviews(&self, events: &mut [FusedEvent]) -> Result<(), StoreError> {
        if events.is_empty() {
            return Ok(());
        }
        let ids = crate::query::id_list(events);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT fused_id, action, changes, reviewer, at FROM reviews WHERE id IN \
                 (SELECT max(id) FROM reviews WHERE fused_id IN (SELECT value FROM json_each(?1)) \
                 GROUP BY fused_id)",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([ids], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut latest: std::collections::HashMap<i64, (String, Option<String>, String, String)> =
            Default::default();
        for row in rows {
            let (id, action, changes, reviewer, at) = row.map_err(|e| self.err(e))?;
            latest.insert(id, (action, changes, reviewer, at));
        }
        for e in events {
            if let Some((action, changes, reviewer, at)) = latest.remove(&e.id) {
                if let Some(c) = changes.and_then(|c| serde_json::from_str::<Changes>(&c).ok()) {
                    c.apply(e);
                }
                e.review = Some(ReviewState {
                    action,
                    reviewer,
                    at,
                });
            }
        }
        Ok(())
    }
}
