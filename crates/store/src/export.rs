//! Datasets from fused events, in the formats analysts' tools read:
//!
//! | format | for | shape |
//! |---|---|---|
//! | `acled-csv` | R, pandas, spreadsheets | ACLED's column names where they apply ([`ACLED_COLUMNS`]), then rasid's own ([`RASID_COLUMNS`]) |
//! | `plover-jsonl` | scripts | one fused event a line, PLOVER fields, every report with its evidence |
//! | `geojson` | QGIS, web maps | a FeatureCollection of points (events without coordinates are left out) |
//! | `graphml` | Gephi, networkx | actors as nodes; one edge per actor pair, category and month, weighted by events |
//! | `parquet` | pandas, R, DuckDB | the `acled-csv` columns, typed (with the default `parquet` feature) |
//!
//! Every writer takes the fused events a [`crate::EventFilter`] selected.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::json;

use crate::FusedEvent;

/// ACLED's columns, in ACLED's order, that rasid fills.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

/// rasid's columns after ACLED's.
pub const RASID_COLUMNS: &[&str] = &[
    "rasid_id",
    "plover_category",
    "plover_mode",
    "status",
    "confidence",
    "date_start",
    "date_end",
    "fatalities_max",
    "report_count",
    "source_count",
    "actor1_id",
    "actor2_id",
    "place_id",
    "location_ar",
    "urls",
    "evidence",
    "review",
    "reviewed_by",
    "reviewed_at",
];

/// An output format of `rasid export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    AcledCsv,
    PloverJsonl,
    GeoJson,
    GraphMl,
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "acled-csv" => Ok(Format::AcledCsv),
            "plover-jsonl" => Ok(Format::PloverJsonl),
            "geojson" => Ok(Format::GeoJson),
            "graphml" => Ok(Format::GraphMl),
            "parquet" => Ok(Format::Parquet),
            other => Err(format!(
                "unknown format {other:?}; expected acled-csv, plover-jsonl, geojson, graphml or parquet"
            )),
        }
    }
}

/// Write `events` in `format`.
pub fn write(format: Format, events: &[FusedEvent], out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::AcledCsv => acled_csv(events, out),
        Format::PloverJsonl => plover_jsonl(events, out),
        Format::GeoJson => geojson(events, out),
        Format::GraphMl => graphml(events, out),
        #[cfg(feature = "parquet")]
        Format::Parquet => out.write_all(&crate::parquet::parquet_bytes(events)?),
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => Err(std::io::Error::other(
            "this rasid was built without the parquet feature",
        )),
    }
}

/// ISO 3166 alpha-3 code and English name of the countries rasid's gazetteers cover most.
fn country(iso2: &str) -> (&str, &str) {
    match iso2 {
        "SY" => ("SYR", "Syria"),
        "IQ" => ("IRQ", "Iraq"),
        "YE" => ("YEM", "Yemen"),
        "LY" => ("LBY", "Libya"),
        "LB" => ("LBN", "Lebanon"),
        "TR" => ("TUR", "Turkey"),
        "JO" => ("JOR", "Jordan"),
        "IR" => ("IRN", "Iran"),
        "SA" => ("SAU", "Saudi Arabia"),
        "EG" => ("EGY", "Egypt"),
        "IL" => ("ISR", "Israel"),
        "PS" => ("PSE", "Palestine"),
        "SD" => ("SDN", "Sudan"),
        "TN" => ("TUN", "Tunisia"),
        "DZ" => ("DZA", "Algeria"),
        "MA" => ("MAR", "Morocco"),
        "KW" => ("KWT", "Kuwait"),
        "AE" => ("ARE", "United Arab Emirates"),
        "QA" => ("QAT", "Qatar"),
        "OM" => ("OMN", "Oman"),
        "BH" => ("BHR", "Bahrain"),
        "US" => ("USA", "United States"),
        "RU" => ("RUS", "Russia"),
        "AF" => ("AFG", "Afghanistan"),
        other => (other, other),
    }
}

/// ACLED's actor type code ("inter"): 1 state forces, 2 rebel groups, 3 political militias,
/// 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces. A
/// state's forces acting outside their country are external (8); 0 when there is no actor.
pub fn inter(kind: Option<&str>, actor_country: Option<&str>, event_country: Option<&str>) -> u8 {
    let Some(kind) = kind else { return 0 };
    let foreign = matches!((actor_country, event_country), (Some(a), Some(e)) if a != e);
    match kind {
        "state_forces" | "security_service" | "government" | "local_authority" => {
            if foreign {
                8
            } else {
                1
            }
        }
        "armed_group" => 2,
        "militia" | "unidentified" => 3,
        "tribe" => 4,
        "protesters" => 6,
        "civilians" => 7,
        _ => 8,
    }
}

/// ACLED's interaction code: the two inter codes, lower first ("12"), or the one code
/// followed by 0 when there is one actor.
pub fn interaction(a: u8, b: u8) -> String {
    match (a, b) {
        (0, 0) => String::new(),
        (x, 0) | (0, x) => format!("{x}0"),
        (x, y) => format!("{}{}", x.min(y), x.max(y)),
    }
}

fn sources(e: &FusedEvent) -> String {
    let mut v: Vec<&str> = e
        .reports
        .iter()
        .map(|r| r.source.as_deref().unwrap_or(r.doc_key.as_str()))
        .collect();
    v.sort_unstable();
    v.dedup();
    v.join("; ")
}

fn urls(e: &FusedEvent) -> String {
    let mut v: Vec<&str> = e.reports.iter().filter_map(|r| r.url.as_deref()).collect();
    v.sort_unstable();
    v.dedup();
    v.join(" ")
}

/// One value of a tabular export row, typed so Parquet keeps the type and CSV writes text.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
    /// A day, `YYYY-MM-DD`.
    Date(Option<String>),
}

impl Cell {
    fn text(s: &Option<String>) -> Cell {
        Cell::Text(s.clone())
    }
    fn csv(&self) -> String {
        match self {
            Cell::Text(v) | Cell::Date(v) => v.clone().unwrap_or_default(),
            Cell::Int(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Real(v) => v.map(|x| format!("{x:.4}")).unwrap_or_default(),
        }
    }
}

/// The row of a fused event in the tabular exports (CSV, Parquet): [`ACLED_COLUMNS`] then
/// [`RASID_COLUMNS`].
pub fn acled_row(e: &FusedEvent) -> Vec<Cell> {
    let country_code = e.country.as_deref();
    let (iso3, country_name) = country(country_code.unwrap_or("XX"));
    let i1 = inter(
        e.actor1_kind.as_deref(),
        e.actor1_country.as_deref(),
        country_code,
    );
    let i2 = inter(
        e.actor2_kind.as_deref(),
        e.actor2_country.as_deref(),
        country_code,
    );
    let code = |i: u8| Cell::Int((i > 0).then_some(i as i64));
    let int = |v: Option<u32>| Cell::Int(v.map(i64::from));
    let some = |s: String| Cell::Text(Some(s).filter(|s| !s.is_empty()));
    vec![
        Cell::Text(Some(format!("{iso3}{}", e.id))),
        Cell::Date(e.date_start.clone()),
        Cell::Int(
            e.date_start
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok()),
        ),
        Cell::Int(e.time_precision.map(i64::from)),
        Cell::text(&e.acled_event_type),
        Cell::text(&e.acled_sub_event_type),
        Cell::text(&e.actor1),
        Cell::Text(None),
        code(i1),
        Cell::text(&e.actor2),
        Cell::Text(None),
        code(i2),
        some(interaction(i1, i2)),
        Cell::Text(country_code.map(|_| country_name.to_string())),
        Cell::text(&e.admin1),
        Cell::text(&e.admin2),
        Cell::text(&e.location),
        Cell::Real(e.lat),
        Cell::Real(e.lon),
        Cell::Int(e.geo_precision.map(i64::from)),
        some(sources(e)),
        Cell::Text(e.reports.first().map(|r| r.evidence.clone())),
        Cell::Int(Some(i64::from(e.fatalities.unwrap_or(0)))),
        // rasid's columns
        Cell::Int(Some(e.id)),
        Cell::Text(Some(e.category.clone())),
        Cell::text(&e.mode),
        Cell::Text(Some(e.status.clone())),
        Cell::Real(Some((e.confidence * 100.0).round() / 100.0)),
        Cell::Date(e.date_start.clone()),
        Cell::Date(e.date_end.clone()),
        int(e.fatalities_max),
        Cell::Int(Some(e.report_count as i64)),
        Cell::Int(Some(e.source_count as i64)),
        Cell::text(&e.actor1_id),
        Cell::text(&e.actor2_id),
        Cell::text(&e.place_id),
        Cell::text(&e.location_ar),
        some(urls(e)),
        some(
            e.reports
                .iter()
                .map(|r| r.evidence.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
        ),
        Cell::Text(e.review.as_ref().map(|r| r.action.clone())),
        Cell::Text(e.review.as_ref().map(|r| r.reviewer.clone())),
        Cell::Text(e.review.as_ref().map(|r| r.at.clone())),
    ]
}

/// ACLED-style CSV: a header row of [`ACLED_COLUMNS`] then [`RASID_COLUMNS`], one fused
/// event a row.
pub fn acled_csv(events: &[FusedEvent], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let header: Vec<&str> = ACLED_COLUMNS.iter().chain(RASID_COLUMNS).copied().collect();
    w.write_record(&header)?;
    for e in events {
        w.write_record(acled_row(e).iter().map(Cell::csv))?;
    }
    w.flush()?;
    Ok(())
}

fn event_json(e: &FusedEvent) -> serde_json::Value {
    json!({
        "id": e.id,
        "event_type": e.category,
        "mode": e.mode,
        "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type,
        "actor1": e.actor1.as_ref().map(|n| json!({"id": e.actor1_id, "name": n, "kind": e.actor1_kind, "country": e.actor1_country})),
        "actor2": e.actor2.as_ref().map(|n| json!({"id": e.actor2_id, "name": n, "kind": e.actor2_kind, "country": e.actor2_country})),
        "location": e.location.as_ref().map(|n| json!({"id": e.place_id, "name": n, "name_ar": e.location_ar, "country": e.country, "admin1": e.admin1, "admin2": e.admin2, "lat": e.lat, "lon": e.lon, "geo_precision": e.geo_precision})),
        "date_start": e.date_start,
        "date_end": e.date_end,
        "time_precision": e.time_precision,
        "fatalities": e.fatalities,
        "fatalities_max": e.fatalities_max,
        "status": e.status,
        "confidence": (e.confidence * 100.0).round() / 100.0,
        "report_count": e.report_count,
        "source_count": e.source_count,
        "reports": e.reports,
    })
}

/// One fused event a line, with PLOVER's fields and every report.
pub fn plover_jsonl(events: &[FusedEvent], out: &mut dyn Write) -> std::io::Result<()> {
    for e in events {
        serde_json::to_writer(&mut *out, &event_json(e))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A GeoJSON FeatureCollection: one Point per fused event with coordinates (longitude
/// first, as GeoJSON requires); the event's fields as properties.
pub fn geojson(events: &[FusedEvent], out: &mut dyn Write) -> std::io::Result<()> {
    let features: Vec<serde_json::Value> = events
        .iter()
        .filter_map(|e| {
            let (lat, lon) = (e.lat?, e.lon?);
            let mut props = event_json(e);
            if let Some(o) = props.as_object_mut() {
                o.remove("reports");
                o.insert("sources".into(), serde_json::Value::String(sources(e)));
                o.insert(
                    "evidence".into(),
                    json!(e.reports.first().map(|r| r.evidence.as_str())),
                );
            }
            Some(json!({
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [round6(lon), round6(lat)]},
                "properties": props,
            }))
        })
        .collect();
    serde_json::to_writer(
        &mut *out,
        &json!({"type": "FeatureCollection", "features": features}),
    )?;
    out.write_all(b"\n")
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// The actor network of a set of fused events: actors as nodes, and one edge per (actor1,
/// actor2, category, month) with the number of events, their fatalities, first and last day.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ActorGraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct GraphNode {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Fused events naming the actor on either side.
    pub events: usize,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    pub category: String,
    pub month: String,
    pub weight: usize,
    pub fatalities: u64,
    pub first: String,
    pub last: String,
}

/// The actor network of `events`; events with one actor add a node and no edge.
pub fn actor_graph(events: &[FusedEvent]) -> ActorGraph {
    let mut nodes: BTreeMap<&str, GraphNode> = BTreeMap::new();
    let mut edges: BTreeMap<(&str, &str, &str, &str), GraphEdge> = BTreeMap::new();
    for e in events {
        for (id, name, kind) in [
            (&e.actor1_id, &e.actor1, &e.actor1_kind),
            (&e.actor2_id, &e.actor2, &e.actor2_kind),
        ] {
            if let (Some(id), Some(name)) = (id, name) {
                nodes
                    .entry(id)
                    .or_insert_with(|| GraphNode {
                        id: id.clone(),
                        name: name.clone(),
                        kind: kind.clone().unwrap_or_default(),
                        events: 0,
                    })
                    .events += 1;
            }
        }
        if let (Some(a), Some(b), Some(day)) = (&e.actor1_id, &e.actor2_id, &e.date_start) {
            if a == b {
                continue;
            }
            let month = day.get(..7).unwrap_or(day);
            let edge = edges
                .entry((a, b, &e.category, month))
                .or_insert_with(|| GraphEdge {
                    source: a.clone(),
                    target: b.clone(),
                    category: e.category.clone(),
                    month: month.to_string(),
                    weight: 0,
                    fatalities: 0,
                    first: day.clone(),
                    last: day.clone(),
                });
            edge.weight += 1;
            edge.fatalities += e.fatalities.unwrap_or(0) as u64;
            if *day < edge.first {
                edge.first = day.clone();
            }
            if *day > edge.last {
                edge.last = day.clone();
            }
        }
    }
    ActorGraph {
        nodes: nodes.into_values().collect(),
        edges: edges.into_values().collect(),
    }
}

/// GraphML: actors as nodes (id, name, kind); an edge per (actor1, actor2, category, month)
/// with the number of fused events as `weight`, their fatalities, first and last day. Events
/// with one actor make no edge.
pub fn graphml(events: &[FusedEvent], out: &mut dyn Write) -> std::io::Result<()> {
    let g = actor_graph(events);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, for_, name, ty) in [
        ("name", "node", "name", "string"),
        ("kind", "node", "kind", "string"),
        ("category", "edge", "category", "string"),
        ("month", "edge", "month", "string"),
        ("weight", "edge", "weight", "int"),
        ("fatalities", "edge", "fatalities", "long"),
        ("first", "edge", "first", "string"),
        ("last", "edge", "last", "string"),
    ] {
        writeln!(
            out,
            r#"  <key id="{id}" for="{for_}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="rasid" edgedefault="directed">"#)?;
    for n in &g.nodes {
        writeln!(
            out,
            r#"    <node id="{}"><data key="name">{}</data><data key="kind">{}</data></node>"#,
            xml_escape(&n.id),
            xml_escape(&n.name),
            xml_escape(&n.kind)
        )?;
    }
    for (n, e) in g.edges.iter().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{n}" source="{}" target="{}"><data key="category">{}</data><data key="month">{}</data><data key="weight">{}</data><data key="fatalities">{}</data><data key="first">{}</data><data key="last">{}</data></edge>"#,
            xml_escape(&e.source),
            xml_escape(&e.target),
            xml_escape(&e.category),
            xml_escape(&e.month),
            e.weight,
            e.fatalities,
            xml_escape(&e.first),
            xml_escape(&e.last)
        )?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}
