//! The JSON output contract: one object per input document.
//!
//! ```json
//! {"id": "…", "lang": "ar", "published": "2017-09-06",
//!  "events": [{"type": "FIGHT", "mode": "air_strike",
//!              "acled_event_type": "Explosions/Remote violence", "acled_sub_event_type": "Air/drone strike",
//!              "actor1": {"name": "Russian Forces", "mention": "للطيران الروسي", "start": 10, "end": 35,
//!                         "kind": "state_forces", "country": "RU"},
//!              "actor2": null,
//!              "location": {"name": "al-Hamidiya", "name_ar": "الحميدية", "mention": "حي الحميدية", "start": 40,
//!                           "end": 60, "lat": 35.33, "lon": 40.15, "country": "SY", "admin1": "Deir ez-Zor",
//!                           "admin2": "Deir ez-Zor", "feature": "neighbourhood", "geo_precision": 1},
//!              "date_start": "2017-09-05", "date_end": "2017-09-05", "date_precision": "day",
//!              "fatalities": 5, "status": "asserted", "attributed_to": "unnamed source",
//!              "evidence": {"text": "…", "start": 0, "end": 120}, "trigger": {"text": "غارات", …},
//!              "confidence": 0.85}],
//!  "actors": [{"name", "mention", "start", "end", "kind", "country", "parent"}],
//!  "persons": [{"name", "mention", "start", "end", "role", "affiliation", "pseudonym",
//!               "nationality"}],
//!  "locations": [{…as event locations…}],
//!  "times": [{"mention", "start", "end", "date_start", "date_end", "date_precision",
//!             "time_precision", "future", "rule"}],
//!  "notes": ["no publication date: …"]}   (only when there is something to note)
//! ```
//! Offsets are UTF-8 byte offsets into the document's text, half-open (`end` excluded).
//! Field names are stable; new fields may be added, none will be renamed or removed.

use rasid_core::{acled_view, ActorMention, Document, Event, PlaceMention, TimeExpr};
use serde::Serialize;

use crate::Extraction;

#[derive(Serialize)]
pub struct DocumentOut<'a> {
    pub id: &'a str,
    pub lang: Option<&'static str>,
    pub published: Option<String>,
    pub events: Vec<EventOut<'a>>,
    pub actors: Vec<ActorOut<'a>>,
    pub persons: Vec<PersonOut<'a>>,
    pub locations: Vec<PlaceOut<'a>>,
    pub times: Vec<TimeOut<'a>>,
    /// What the reader of this output must know (e.g. no publication date, so relative
    /// dates stayed unresolved). Absent when there is nothing to say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct SpanOut<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct ActorOut<'a> {
    pub name: &'a str,
    pub mention: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'a str>,
    /// For people described by what they do or suffer ("جامعي الكمأة", "سائق شاحنة تركياً"):
    /// the description, while `name` is "Civilians" as ACLED codes them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subgroup: Option<&'a str>,
    /// The actor's other names in the dictionary.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub aliases: &'a [String],
}

#[derive(Serialize)]
pub struct PersonOut<'a> {
    pub name: &'a str,
    pub mention: &'a str,
    pub start: usize,
    pub end: usize,
    pub role: Option<&'a str>,
    pub affiliation: Option<&'a str>,
    pub pseudonym: bool,
    pub nationality: Option<&'a str>,
}

#[derive(Serialize)]
pub struct PlaceOut<'a> {
    pub name: &'a str,
    pub name_ar: &'a str,
    pub mention: &'a str,
    pub start: usize,
    pub end: usize,
    pub lat: f64,
    pub lon: f64,
    pub country: &'a str,
    pub admin1: Option<&'a str>,
    pub admin2: Option<&'a str>,
    pub feature: &'static str,
    pub geo_precision: u8,
    pub id: &'a str,
    pub gazetteer_id: &'a str,
    /// The resolver's score for this reading.
    pub score: f32,
    /// Other places the name could be, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeOut<'a>>,
}

#[derive(Serialize)]
pub struct AlternativeOut<'a> {
    pub gazetteer_id: &'a str,
    pub name: &'a str,
    pub name_ar: &'a str,
    pub feature: &'static str,
    pub admin1: Option<&'a str>,
    pub lat: f64,
    pub lon: f64,
    pub score: f32,
}

#[derive(Serialize)]
pub struct TimeOut<'a> {
    pub mention: &'a str,
    pub start: usize,
    pub end: usize,
    pub date_start: String,
    pub date_end: String,
    pub date_precision: &'static str,
    /// ACLED's time_precision: 1 the day is known, 2 the week, 3 the month or longer.
    pub time_precision: u8,
    /// The expression points after publication (planned, announced).
    pub future: bool,
    /// The resolver rule that produced the dates.
    pub rule: &'static str,
}

#[derive(Serialize)]
pub struct EventOut<'a> {
    #[serde(rename = "type")]
    pub category: &'static str,
    pub mode: Option<&'a str>,
    pub acled_event_type: Option<&'static str>,
    pub acled_sub_event_type: Option<&'static str>,
    pub actor1: Option<ActorOut<'a>>,
    pub actor2: Option<ActorOut<'a>>,
    pub location: Option<PlaceOut<'a>>,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub date_precision: Option<&'static str>,
    pub fatalities: Option<u32>,
    pub status: &'static str,
    pub attributed_to: Option<&'a str>,
    pub evidence: SpanOut<'a>,
    pub trigger: SpanOut<'a>,
    pub confidence: f32,
}

/// An actor as events carry it (no aliases; the document's `actors` list has them).
pub fn actor(m: &ActorMention) -> ActorOut<'_> {
    ActorOut {
        aliases: &[],
        ..actor_with_aliases(m)
    }
}

/// An actor as the document's `actors` list carries it, with its dictionary aliases.
pub fn actor_with_aliases(m: &ActorMention) -> ActorOut<'_> {
    let civilians = m.actor.kind == rasid_core::ActorKind::Civilians
        && m.actor.parent.as_deref() == Some("civilians");
    ActorOut {
        name: if civilians {
            "Civilians"
        } else {
            &m.actor.name
        },
        subgroup: civilians.then_some(m.actor.name.as_str()),
        aliases: if civilians { &[] } else { &m.actor.aliases },
        mention: &m.mention.text,
        start: m.mention.span.start,
        end: m.mention.span.end,
        kind: m.actor.kind.as_str(),
        country: m.actor.country.as_deref(),
        parent: m.actor.parent.as_deref(),
    }
}

pub fn place(m: &PlaceMention) -> PlaceOut<'_> {
    let p = &m.place;
    PlaceOut {
        name: if p.name_en.is_empty() {
            &p.name_ar
        } else {
            &p.name_en
        },
        name_ar: &p.name_ar,
        mention: &m.mention.text,
        start: m.mention.span.start,
        end: m.mention.span.end,
        lat: (p.lat * 1e5).round() / 1e5,
        lon: (p.lon * 1e5).round() / 1e5,
        country: &p.country,
        admin1: p.admin1.as_deref(),
        admin2: p.admin2.as_deref(),
        feature: p.feature.as_str(),
        geo_precision: m.geo_precision,
        id: &p.id,
        gazetteer_id: &p.id,
        score: (m.score * 100.0).round() / 100.0,
        alternatives: m
            .alternatives
            .iter()
            .map(|c| AlternativeOut {
                gazetteer_id: &c.place.id,
                name: &c.place.name_en,
                name_ar: &c.place.name_ar,
                feature: c.place.feature.as_str(),
                admin1: c.place.admin1.as_deref(),
                lat: (c.place.lat * 1e5).round() / 1e5,
                lon: (c.place.lon * 1e5).round() / 1e5,
                score: (c.score * 100.0).round() / 100.0,
            })
            .collect(),
    }
}

fn time(t: &TimeExpr) -> TimeOut<'_> {
    TimeOut {
        mention: &t.mention.text,
        start: t.mention.span.start,
        end: t.mention.span.end,
        date_start: t.range.start.to_string(),
        date_end: t.range.end.to_string(),
        date_precision: t.range.precision.as_str(),
        time_precision: t.range.precision.acled_time_precision(),
        future: t.future,
        rule: t.rule,
    }
}

pub fn event(e: &Event) -> EventOut<'_> {
    let acled = acled_view(e.category, e.mode.as_deref());
    EventOut {
        category: e.category.as_str(),
        mode: e.mode.as_deref(),
        acled_event_type: acled.map(|a| a.event_type),
        acled_sub_event_type: acled.map(|a| a.sub_event_type),
        actor1: e.actor1.as_ref().map(actor),
        actor2: e.actor2.as_ref().map(actor),
        location: e.location.as_ref().map(place),
        date_start: e.date.map(|d| d.start.to_string()),
        date_end: e.date.map(|d| d.end.to_string()),
        date_precision: e.date.map(|d| d.precision.as_str()),
        fatalities: e.fatalities,
        status: e.status.as_str(),
        attributed_to: e.attributed_to.as_ref().map(|a| a.name.as_str()),
        evidence: SpanOut {
            text: &e.evidence.text,
            start: e.evidence.span.start,
            end: e.evidence.span.end,
        },
        trigger: SpanOut {
            text: &e.trigger.text,
            start: e.trigger.span.start,
            end: e.trigger.span.end,
        },
        confidence: (e.confidence * 100.0).round() / 100.0,
    }
}

/// The output object of one document. Actors and locations are listed once each (first
/// mention; civilians once, whichever group of them is named); actors that only report
/// (media, monitors, and civilians such as activists who take no part) are left to
/// `attributed_to`.
pub fn document<'a>(doc: &'a Document, x: &'a Extraction) -> DocumentOut<'a> {
    let mut seen_actors = std::collections::HashSet::new();
    // who acts in an event, and which mentions are only the source of one (looked up per actor)
    let acting: std::collections::HashSet<&str> = x
        .events
        .iter()
        .flat_map(|e| e.actor1.iter().chain(&e.actor2))
        .map(|a| a.actor.id.as_str())
        .collect();
    let sources: std::collections::HashSet<rasid_core::Span> = x
        .events
        .iter()
        .filter_map(|e| e.attributed_to.as_ref().map(|s| s.mention.span))
        .collect();
    let mut seen_places = std::collections::HashSet::new();
    let mut seen_persons = std::collections::HashSet::new();
    DocumentOut {
        id: &doc.id,
        lang: x.lang.map(|l| l.as_str()),
        published: doc.published.map(|d| d.to_string()),
        events: x.events.iter().map(event).collect(),
        actors: x
            .actors
            .iter()
            .filter(|m| {
                // one entry for civilians whatever the subgroup ("جامعي الكمأة", "مدنيين"), and
                // unarmed people who only report an event (activists) are its source, not actors
                let civilian = m.actor.kind == rasid_core::ActorKind::Civilians;
                let key = if civilian && m.actor.parent.is_some() {
                    m.actor.parent.as_deref().unwrap_or("")
                } else {
                    m.actor.id.as_str()
                };
                let in_events = acting.contains(m.actor.id.as_str());
                let a_source = sources.contains(&m.mention.span);
                let only_source = civilian && a_source && !in_events;
                !m.actor.kind.is_reporter() && !only_source && seen_actors.insert(key)
            })
            .map(actor_with_aliases)
            .collect(),
        persons: x
            .persons
            .iter()
            .filter(|p| seen_persons.insert(p.name.as_str()))
            .map(|p| PersonOut {
                name: &p.name,
                mention: &p.mention.text,
                start: p.mention.span.start,
                end: p.mention.span.end,
                role: p.role.as_deref(),
                affiliation: p.affiliation.as_deref(),
                pseudonym: p.pseudonym,
                nationality: p.nationality.as_deref(),
            })
            .collect(),
        locations: x
            .places
            .iter()
            .filter(|m| seen_places.insert(m.place.id.as_str()))
            .map(place)
            .collect(),
        times: x.times.iter().map(time).collect(),
        notes: if doc.published.is_none() {
            vec!["no publication date: relative time expressions (أمس، الثلاثاء الماضي, last week) were left unresolved; only dates written in full are given"]
        } else {
            Vec::new()
        },
    }
}
