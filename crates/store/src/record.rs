//! What the store keeps of a document and its extraction: flat rows built from the core
//! model, so the store needs nothing of the pipeline.

use rasid_core::{
    acled_view, ActorMention, Document, Event, Person, PlaceMention, Status, TimeExpr,
};

/// An actor as an event row keeps it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
}

impl ActorRef {
    fn of(m: &ActorMention) -> ActorRef {
        ActorRef {
            id: m.actor.id.clone(),
            name: m.actor.name.clone(),
            kind: m.actor.kind.as_str().to_string(),
            country: m.actor.country.clone(),
        }
    }
}

/// A place as an event row keeps it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PlaceRef {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub feature: String,
    pub country: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub geo_precision: u8,
}

impl PlaceRef {
    fn of(m: &PlaceMention) -> PlaceRef {
        let p = &m.place;
        PlaceRef {
            id: p.id.clone(),
            name: if p.name_en.is_empty() {
                p.name_ar.clone()
            } else {
                p.name_en.clone()
            },
            name_ar: p.name_ar.clone(),
            feature: p.feature.as_str().to_string(),
            country: p.country.clone(),
            admin1: p.admin1.clone(),
            admin2: p.admin2.clone(),
            lat: p.lat,
            lon: p.lon,
            geo_precision: m.geo_precision,
        }
    }
}

/// A half-open byte span of the document's text with the text it covers.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One coded event of one document (a report), ready to store.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EventRecord {
    pub category: String,
    pub mode: Option<String>,
    pub acled_event_type: Option<String>,
    pub acled_sub_event_type: Option<String>,
    pub actor1: Option<ActorRef>,
    pub actor2: Option<ActorRef>,
    pub place: Option<PlaceRef>,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub time_precision: Option<u8>,
    pub fatalities: Option<u32>,
    pub fatalities_text: Option<String>,
    pub status: String,
    pub confidence: f32,
    pub attributed_to: Option<String>,
    pub trigger: Evidence,
    pub evidence: Evidence,
    /// The event in rasid's JSON output contract (docs/OUTPUT.md).
    pub json: String,
}

impl EventRecord {
    /// The row of `e`; `json` is its wire form, built by the caller.
    pub fn new(e: &Event, json: String) -> EventRecord {
        let acled = acled_view(e.category, e.mode.as_deref());
        EventRecord {
            category: e.category.as_str().to_string(),
            mode: e.mode.clone(),
            acled_event_type: acled.map(|a| a.event_type.to_string()),
            acled_sub_event_type: acled.map(|a| a.sub_event_type.to_string()),
            actor1: e.actor1.as_ref().map(ActorRef::of),
            actor2: e.actor2.as_ref().map(ActorRef::of),
            place: e.location.as_ref().map(PlaceRef::of),
            date_start: e.date.map(|d| d.start.to_string()),
            date_end: e.date.map(|d| d.end.to_string()),
            time_precision: e.date.map(|d| d.precision.acled_time_precision()),
            fatalities: e.fatalities,
            fatalities_text: e.fatalities_mention.as_ref().map(|m| m.text.clone()),
            status: e.status.as_str().to_string(),
            confidence: e.confidence,
            attributed_to: e.attributed_to.as_ref().map(|a| a.name.clone()),
            trigger: Evidence {
                start: e.trigger.span.start,
                end: e.trigger.span.end,
                text: e.trigger.text.clone(),
            },
            evidence: Evidence {
                start: e.evidence.span.start,
                end: e.evidence.span.end,
                text: e.evidence.text.clone(),
            },
            json,
        }
    }

    /// Whether the text says the event took place (asserted or claimed), as opposed to
    /// planned, supposed or denied. Only events of the same reality are fused.
    pub fn real(&self) -> bool {
        is_real(&self.status)
    }
}

pub(crate) fn is_real(status: &str) -> bool {
    matches!(status, "asserted" | "claimed")
}

/// A mention of an actor, person, place or time in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionRecord {
    /// "actor", "person", "place" or "time".
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The dictionary or gazetteer id, the resolved date range for times.
    pub entity_id: Option<String>,
    pub name: String,
    /// More about it as JSON (an actor's kind, a place's coordinates, a person's role).
    pub detail: Option<String>,
}

impl MentionRecord {
    pub fn actor(m: &ActorMention) -> MentionRecord {
        MentionRecord {
            kind: "actor",
            start: m.mention.span.start,
            end: m.mention.span.end,
            text: m.mention.text.clone(),
            entity_id: Some(m.actor.id.clone()),
            name: m.actor.name.clone(),
            detail: Some(
                serde_json::json!({"kind": m.actor.kind.as_str(), "country": m.actor.country})
                    .to_string(),
            ),
        }
    }
    pub fn person(p: &Person) -> MentionRecord {
        MentionRecord {
            kind: "person",
            start: p.mention.span.start,
            end: p.mention.span.end,
            text: p.mention.text.clone(),
            entity_id: None,
            name: p.name.clone(),
            detail: serde_json::to_string(p).ok(),
        }
    }
    pub fn place(m: &PlaceMention) -> MentionRecord {
        let r = PlaceRef::of(m);
        MentionRecord {
            kind: "place",
            start: m.mention.span.start,
            end: m.mention.span.end,
            text: m.mention.text.clone(),
            entity_id: Some(r.id.clone()),
            name: r.name.clone(),
            detail: serde_json::to_string(&r).ok(),
        }
    }
    pub fn time(t: &TimeExpr) -> MentionRecord {
        MentionRecord {
            kind: "time",
            start: t.mention.span.start,
            end: t.mention.span.end,
            text: t.mention.text.clone(),
            entity_id: Some(format!("{}..{}", t.range.start, t.range.end)),
            name: t.rule.to_string(),
            detail: Some(
                serde_json::json!({"precision": t.range.precision.as_str(), "future": t.future})
                    .to_string(),
            ),
        }
    }
}

/// One document with everything extracted from it, ready to store.
#[derive(Clone, Debug)]
pub struct DocumentRecord {
    pub doc: Document,
    /// Content hash of the text (hex); the store keeps one document per hash.
    pub hash: String,
    /// Where it came from: a path, path:line, or a feed entry.
    pub origin: String,
    /// The text as the full-text index should see it: words folded to match keys.
    pub search_text: String,
    /// MinHash signature of the text's shingles, for near-duplicate links.
    pub signature: Vec<u64>,
    pub events: Vec<EventRecord>,
    pub mentions: Vec<MentionRecord>,
    /// Warnings met while reading or extracting ("no publication date", "decoded as
    /// windows-1256").
    pub notes: Vec<String>,
}

/// Status names, for filters given by users.
pub fn parse_status(s: &str) -> Result<Status, String> {
    s.parse()
}
