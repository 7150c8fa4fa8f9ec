//! `rasid eval GOLD.jsonl`: extraction on a gold file, scored as the shared scorer does, with
//! a breakdown per category and the misses listed.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use rasid::eval::{score, Prf};
use rasid::read::parse_json_document;
use serde_json::Value;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Gold file: JSON Lines documents with a `gold` object (shared/eval/SCHEMA.md).
    gold: PathBuf,
    /// Print one JSON object with every score and miss instead of the report.
    #[arg(long)]
    json: bool,
    /// List at most this many missed and spurious events (0: none).
    #[arg(long, default_value_t = 50)]
    misses: usize,
    /// Also write rasid's predictions (JSON Lines, the extract output) to this file.
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,
    #[command(flatten)]
    data: crate::DataArgs,
}

fn row(name: &str, r: &Prf) -> String {
    format!(
        "{name:12}  P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})",
        Prf::rounded(r.precision()),
        Prf::rounded(r.recall()),
        Prf::rounded(r.f1()),
        r.tp,
        r.fp,
        r.fn_
    )
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let pipeline = args.data.pipeline()?;
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let mut gold = Vec::new();
    let mut preds: HashMap<String, Value> = HashMap::new();
    let mut pred_lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = format!("{}:{}", args.gold.display(), n + 1);
        let g: Value = serde_json::from_str(line).with_context(|| format!("{origin}: not JSON"))?;
        anyhow::ensure!(
            g.get("id").and_then(Value::as_str).is_some(),
            "{origin}: a gold document needs an \"id\""
        );
        let read = parse_json_document(line.as_bytes(), origin.clone())
            .with_context(|| format!("{origin}: not a document"))?;
        let x = pipeline.process(&read.doc);
        let out = serde_json::to_value(rasid::wire::document(&read.doc, &x))?;
        pred_lines.push(serde_json::to_string(&out)?);
        preds.insert(read.doc.id.clone(), out);
        gold.push(g);
    }
    anyhow::ensure!(!gold.is_empty(), "{}: no documents", args.gold.display());
    if let Some(p) = &args.predictions {
        std::fs::write(p, pred_lines.join("\n") + "\n")
            .with_context(|| format!("writing {}", p.display()))?;
    }
    let s = score(&gold, &preds);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "documents: {} (missing in prediction: 0)", s.documents)?;
    for (name, r) in [
        ("events.type", &s.events_type),
        ("events.core", &s.events_core),
        ("events.full", &s.events_full),
        ("modality", &s.modality),
        ("actors", &s.actors),
        ("locations", &s.locations),
    ] {
        writeln!(out, "{}", row(name, r))?;
    }
    let n = s.args.first().map_or(0, |a| a.2);
    let args_line: Vec<String> = s
        .args
        .iter()
        .map(|(k, ok, n)| {
            if *n == 0 {
                format!("{k} -")
            } else {
                format!("{k} {:.3}", Prf::rounded(*ok as f64 / *n as f64))
            }
        })
        .collect();
    writeln!(
        out,
        "args over core-matched pairs (n={n}): {}",
        args_line.join(", ")
    )?;
    writeln!(out, "\nevents.core by category")?;
    for (cat, r) in &s.by_category {
        writeln!(out, "  {}", row(cat, r))?;
    }
    if args.misses > 0 && !s.misses.is_empty() {
        writeln!(
            out,
            "\nmisses (first {} of {})",
            args.misses.min(s.misses.len()),
            s.misses.len()
        )?;
        for m in s.misses.iter().take(args.misses) {
            writeln!(
                out,
                "  {:<8} {} {:<10} {} -> {} @ {} {}{}",
                m.kind,
                m.document,
                m.category,
                m.actor1.as_deref().unwrap_or("-"),
                m.actor2.as_deref().unwrap_or("-"),
                m.location.as_deref().unwrap_or("-"),
                m.date.as_deref().unwrap_or("-"),
                m.evidence
                    .as_deref()
                    .map(|e| format!("  | {}", e.chars().take(90).collect::<String>()))
                    .unwrap_or_default()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
