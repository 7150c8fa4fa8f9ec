//! The readable summary: one event a row.

use std::io::Write;

use rasid::{Document, Event, Extraction};

/// Wrap right-to-left text in a first-strong isolate so it shows in order inside a
/// left-to-right row.
fn iso(s: &str) -> String {
    if s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        format!("\u{2068}{s}\u{2069}")
    } else {
        s.to_string()
    }
}

fn row(e: &Event) -> String {
    let actor = |a: &Option<rasid::ActorMention>| {
        a.as_ref()
            .map(|m| m.actor.name.as_str())
            .unwrap_or("-")
            .to_string()
    };
    let date = match e.date {
        Some(d) if d.start == d.end => d.start.to_string(),
        Some(d) => format!("{}..{}", d.start, d.end),
        None => "-".into(),
    };
    let place = e
        .location
        .as_ref()
        .map(|p| p.place.name_en.as_str())
        .unwrap_or("-");
    let mut s = format!(
        "{:<10} {:<12} {:<23} {} → {} @ {}",
        e.category.as_str(),
        e.status.as_str(),
        date,
        actor(&e.actor1),
        actor(&e.actor2),
        place
    );
    if let Some(f) = e.fatalities {
        s.push_str(&format!("  †{f}"));
    }
    if let Some(a) = &e.attributed_to {
        s.push_str(&format!("  (per {})", iso(&a.name)));
    }
    let evidence: String = e.evidence.text.chars().take(90).collect();
    s.push_str(&format!("\n{:>12}{}", "", iso(evidence.trim())));
    s
}

pub fn write(out: &mut impl Write, doc: &Document, x: &Extraction) -> std::io::Result<()> {
    let published = doc
        .published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "date unknown".into());
    writeln!(
        out,
        "== {} ({}, {}) — {} events, {} actors, {} places",
        doc.id,
        x.lang.map(|l| l.as_str()).unwrap_or("?"),
        published,
        x.events.len(),
        x.actors
            .iter()
            .map(|a| &a.actor.id)
            .collect::<std::collections::HashSet<_>>()
            .len(),
        x.places
            .iter()
            .map(|p| &p.place.id)
            .collect::<std::collections::HashSet<_>>()
            .len(),
    )?;
    if x.events.is_empty() {
        writeln!(
            out,
            "   no events found (no trigger word of the lexicon in this text)"
        )?;
    }
    for e in &x.events {
        writeln!(out, "   {}", row(e))?;
    }
    writeln!(out)
}
