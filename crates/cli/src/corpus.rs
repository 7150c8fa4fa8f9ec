//! Corpus mode on the command line: `rasid ingest`, `export`, `stats`, `query` and
//! `corpus generate`. Wiring only; the work is in rasid-corpus and rasid-store.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context;
use rasid::{Date, Lang};
use rasid_store::{EventFilter, Store};

use crate::DataArgs;

/// Where the store is.
#[derive(clap::Args, Clone)]
pub struct DbArgs {
    /// The store file (SQLite). Default: rasid/corpus.db in the user's data folder.
    #[arg(long, value_name = "PATH", env = "RASID_DB")]
    db: Option<PathBuf>,
}

impl DbArgs {
    pub fn path(&self) -> anyhow::Result<PathBuf> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => rasid_store::default_path()
                .context("no data folder known for this user; pass --db PATH"),
        }
    }
    fn open(&self) -> anyhow::Result<Store> {
        let p = self.path()?;
        Ok(Store::open(&p)?)
    }
    /// Open for reading: the store must exist already.
    fn open_existing(&self) -> anyhow::Result<Store> {
        let p = self.path()?;
        anyhow::ensure!(
            p.exists(),
            "{}: no store here yet; run `rasid ingest PATH… --db {}` first",
            p.display(),
            p.display()
        );
        Ok(Store::open(&p)?)
    }
}

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files and folders (walked recursively): .txt, .html/.htm, .jsonl, .rss/.atom/.xml.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
    /// Publication date of documents that carry none (plain text); relative dates resolve
    /// against it.
    #[arg(long, value_parser = crate::parse_date)]
    published: Option<Date>,
    /// Language of documents that carry none; detected from the script otherwise.
    #[arg(long, value_parser = crate::parse_lang)]
    lang: Option<Lang>,
    /// Source (outlet) name for documents that carry none.
    #[arg(long)]
    source: Option<String>,
    /// Largest document, in megabytes; larger files are reported and skipped.
    #[arg(long, default_value_t = 20.0)]
    max_mb: f64,
    /// Extraction threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// No progress bar (it is shown only on a terminal anyway).
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    data: DataArgs,
}

/// A progress bar on standard error: bytes read, documents stored, documents/s, ETA.
struct Bar {
    bar: Option<indicatif::ProgressBar>,
}

impl rasid_corpus::Progress for Bar {
    fn start(&self, total: u64, files: usize) {
        if let Some(b) = &self.bar {
            b.set_length(total);
            b.set_message(format!("{files} files"));
        }
    }
    fn advance(&self, bytes: u64, stored: usize) {
        if let Some(b) = &self.bar {
            b.inc(bytes);
            let secs = b.elapsed().as_secs_f64().max(1e-3);
            b.set_message(format!(
                "{stored} documents stored, {:.0} documents/s",
                stored as f64 / secs
            ));
        }
    }
    fn problem(&self, p: &rasid_corpus::Problem) {
        match &self.bar {
            Some(b) => b.println(format!("rasid: skipped {p}")),
            None => eprintln!("rasid: skipped {p}"),
        }
    }
}

/// A description of the data the pipeline uses, recorded with each run.
fn data_version(data: &DataArgs, pipeline: &rasid::Pipeline) -> String {
    let mut s = format!(
        "embedded: {} places, {} actors",
        pipeline.gazetteer().len(),
        pipeline.actors().len()
    );
    for (what, files) in [
        ("gazetteer", &data.gazetteer),
        ("actors", &data.actors),
        ("triggers", &data.triggers),
    ] {
        for f in files {
            let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
            s.push_str(&format!("; {what} {} ({size} bytes)", f.display()));
        }
    }
    s
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(args.max_mb > 0.0, "--max-mb must be positive");
    let pipeline = args.data.pipeline()?;
    let mut store = args.db.open()?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // a second Ctrl-C ends the process at once; the store stays consistent either way
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            eprintln!("\nrasid: stopping after the current batch (Ctrl-C again to quit now)");
        });
    }
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {percent:>3}% {binary_bytes}/{binary_total_bytes} · {msg} · ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let progress = Bar { bar };
    let settings = rasid_corpus::IngestSettings {
        read: rasid_corpus::ReadSettings {
            published: args.published,
            lang: args.lang,
            source: args.source.clone(),
            max_bytes: (args.max_mb * (1u64 << 20) as f64) as u64,
        },
        threads: args.jobs,
        command: std::env::args().collect::<Vec<_>>().join(" "),
        data_version: data_version(&args.data, &pipeline),
        ..rasid_corpus::IngestSettings::default()
    };
    let s = rasid_corpus::ingest(
        &args.paths,
        &pipeline,
        &mut store,
        &settings,
        &progress,
        &stop,
    )?;
    if let Some(b) = &progress.bar {
        b.finish_and_clear();
    }
    let counts = store.counts()?;
    eprintln!(
        "rasid: {}: {} ingested, {} skipped as already stored, {} failed ({} files, {:.1} s, {:.0} documents/s)",
        store.path().display(),
        s.ingested,
        s.duplicates,
        s.failed.len(),
        s.files,
        s.seconds,
        s.ingested as f64 / s.seconds.max(1e-3)
    );
    eprintln!(
        "rasid: {} events ({} joined reports of other documents), {} near-duplicate links; the store holds {} documents, {} fused events",
        s.events, s.fused, s.near_duplicates, counts.documents, counts.fused_events
    );
    if s.undated > 0 {
        eprintln!(
            "rasid: {} documents had no publication date (relative dates unresolved); give --published for plain text",
            s.undated
        );
    }
    if !s.failed.is_empty() {
        eprintln!("rasid: failed:");
        for p in &s.failed {
            eprintln!("  {p}");
        }
    }
    if s.interrupted {
        eprintln!(
            "rasid: interrupted; run the same command again to finish (nothing is lost or doubled)"
        );
        return Ok(ExitCode::from(130));
    }
    Ok(if s.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Filters shared by export, stats and query.
#[derive(clap::Args, Clone, Default)]
pub struct FilterArgs {
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Country (ISO code: SY, IQ…).
    #[arg(long)]
    country: Option<String>,
    /// Province (admin1), as the gazetteer names it ("Deir ez-Zor").
    #[arg(long)]
    admin1: Option<String>,
    /// An actor on either side: dictionary id or part of the name.
    #[arg(long)]
    actor: Option<String>,
    /// PLOVER category (FIGHT, ASSAULT, COERCE…).
    #[arg(long)]
    category: Option<String>,
    /// asserted, claimed, planned, hypothetical or negated.
    #[arg(long)]
    status: Option<String>,
    /// Lowest confidence (0–1).
    #[arg(long)]
    min_confidence: Option<f64>,
}

impl FilterArgs {
    fn filter(&self, limit: usize) -> EventFilter {
        EventFilter {
            from: self.from.clone(),
            to: self.to.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            actor: self.actor.clone(),
            category: self.category.clone(),
            status: self.status.clone(),
            min_confidence: self.min_confidence,
            limit,
            ..EventFilter::default()
        }
    }
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// acled-csv, plover-jsonl, geojson, graphml or parquet.
    #[arg(long, value_parser = parse_format)]
    format: rasid_store::export::Format,
    /// Output file (written whole, then moved into place); standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    filter: FilterArgs,
}

fn parse_format(s: &str) -> Result<rasid_store::export::Format, String> {
    s.parse()
}

pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let events = store.fused_events(&args.filter.filter(0))?;
    match &args.output {
        Some(path) => {
            let tmp = path.with_extension("partial");
            let write = || -> anyhow::Result<()> {
                let mut f = std::io::BufWriter::new(
                    std::fs::File::create(&tmp)
                        .with_context(|| format!("creating {}", tmp.display()))?,
                );
                rasid_store::export::write(args.format, &events, &mut f)?;
                f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                std::fs::rename(&tmp, path)?;
                Ok(())
            };
            if let Err(e) = write() {
                std::fs::remove_file(&tmp).ok();
                return Err(e.context(format!("writing {}", path.display())));
            }
            eprintln!(
                "rasid: {} events written to {}",
                events.len(),
                path.display()
            );
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            rasid_store::export::write(args.format, &events, &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// How many top actors and places.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// JSON instead of tables.
    #[arg(long)]
    json: bool,
}

pub fn stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let st = store.stats(&args.filter.filter(0), args.top)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &st)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let c = st.counts;
    writeln!(
        out,
        "{}: {} documents, {} reports of events, {} fused events, {} near-duplicate links, {} runs",
        store.path().display(),
        c.documents,
        c.events,
        c.fused_events,
        c.near_duplicate_links,
        c.runs
    )?;
    // months as rows, categories as columns
    let mut cats: Vec<&str> = st.per_month.iter().map(|(_, c, _)| c.as_str()).collect();
    cats.sort_unstable();
    cats.dedup();
    let mut months: Vec<&str> = st.per_month.iter().map(|(m, _, _)| m.as_str()).collect();
    months.dedup();
    writeln!(out, "\nfused events per month")?;
    write!(out, "{:<8}", "month")?;
    for c in &cats {
        write!(out, " {:>10}", c)?;
    }
    writeln!(out, " {:>7}", "total")?;
    for m in &months {
        write!(out, "{m:<8}")?;
        let mut total = 0;
        for c in &cats {
            let n = st
                .per_month
                .iter()
                .find(|(mm, cc, _)| mm == m && cc == c)
                .map_or(0, |x| x.2);
            total += n;
            write!(out, " {n:>10}")?;
        }
        writeln!(out, " {total:>7}")?;
    }
    writeln!(out, "\ntop actors")?;
    for (a, n) in &st.top_actors {
        writeln!(out, "  {n:>6}  {a}")?;
    }
    writeln!(out, "\ntop places")?;
    for (p, country, n) in &st.top_places {
        writeln!(out, "  {n:>6}  {p} ({country})")?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct QueryArgs {
    /// Words to search for in the documents (any form: والموصل finds الموصل). Without words,
    /// list fused events under the filters.
    words: Vec<String>,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Rows at most.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// JSON Lines instead of rows.
    #[arg(long)]
    json: bool,
}

/// A short piece of `text` around the first word whose search key is one of `keys`.
fn snippet(text: &str, keys: &[String]) -> String {
    let tokens = rasid::text::tokenize(text);
    let at = tokens
        .iter()
        .position(|t| keys.iter().any(|k| rasid::text::search_key(&t.key) == k))
        .unwrap_or(0);
    let from = tokens.get(at.saturating_sub(8)).map_or(0, |t| t.span.start);
    let to = tokens
        .get((at + 12).min(tokens.len().saturating_sub(1)))
        .map_or(text.len(), |t| t.span.end);
    text[from..to].replace('\n', " ")
}

pub fn query(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.words.is_empty() {
        let events = store.fused_events(&args.filter.filter(args.limit))?;
        for e in &events {
            if args.json {
                rasid_store::export::plover_jsonl(std::slice::from_ref(e), &mut out)?;
                continue;
            }
            writeln!(
                out,
                "#{:<6} {:<10} {:<9} {}..{}  {} → {} @ {}  reports {} sources {}{}",
                e.id,
                e.category,
                e.status,
                e.date_start.as_deref().unwrap_or("?"),
                e.date_end.as_deref().unwrap_or("?"),
                e.actor1.as_deref().unwrap_or("-"),
                e.actor2.as_deref().unwrap_or("-"),
                e.location.as_deref().unwrap_or("-"),
                e.report_count,
                e.source_count,
                e.fatalities.map(|f| format!(" †{f}")).unwrap_or_default()
            )?;
            if let Some(r) = e.reports.first() {
                writeln!(out, "        \u{2068}{}\u{2069}", r.evidence)?;
            }
        }
        if events.is_empty() {
            eprintln!("rasid: no events match");
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let keys = rasid_corpus::search_words(&args.words.join(" "));
    let hits = store.search(&keys.join(" "), args.limit)?;
    for h in &hits {
        if args.json {
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({
                    "doc_id": h.doc_id, "id": h.doc_key, "title": h.title,
                    "published": h.published, "source": h.source, "url": h.url,
                    "events": h.events, "snippet": snippet(&h.text, &keys),
                }),
            )?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{}  {}  {}  ({} events)\n        \u{2068}{}\u{2069}",
                h.published.as_deref().unwrap_or("????-??-??"),
                h.doc_key,
                h.title.as_deref().unwrap_or(""),
                h.events,
                snippet(&h.text, &keys)
            )?;
        }
    }
    out.flush()?;
    if hits.is_empty() {
        eprintln!("rasid: no document has every word");
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Subcommand)]
pub enum CorpusCommand {
    /// Write a generated corpus (JSON Lines) of news-style reports from rasid's own
    /// templates, with planted duplicate reports, for benchmarks and fusion tests.
    Generate {
        /// Reports to write.
        #[arg(long, default_value_t = 10_000)]
        docs: usize,
        /// Seed (the same seed gives the same corpus).
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Output file (JSON Lines).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Score fusion in a store that ingested a generated corpus: the share of planted
    /// duplicate reports fused with their event, and fused events mixing two events.
    Fusion {
        /// The generated corpus (JSON Lines with `planted_event`).
        corpus: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub fn corpus(cmd: CorpusCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        CorpusCommand::Generate { docs, seed, output } => {
            let pipeline = rasid::Pipeline::embedded();
            let reports = rasid_corpus::generate::generate(&pipeline, docs, seed);
            std::fs::write(&output, rasid_corpus::generate::to_jsonl(&reports))
                .with_context(|| format!("writing {}", output.display()))?;
            let events = reports.iter().map(|r| r.event).max().map_or(0, |m| m + 1);
            eprintln!(
                "rasid: {} reports of {events} planted events written to {}",
                reports.len(),
                output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        CorpusCommand::Fusion { corpus, db } => {
            let store = db.open_existing()?;
            let reports = read_generated(&corpus)?;
            let score = rasid_corpus::generate::score_fusion(&reports, &store.report_fusion()?);
            println!(
                "planted duplicate reports: {}; fused with their event: {} ({:.1}%); fused events mixing two planted events: {}; reports without an event: {}",
                score.duplicates,
                score.merged,
                100.0 * score.merged_share(),
                score.wrong_merges,
                score.without_event
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Read back a generated corpus with its planted events.
pub fn read_generated(path: &Path) -> anyhow::Result<Vec<rasid_corpus::generate::Report>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let origin = format!("{}:{}", path.display(), n + 1);
        let r = rasid::read::parse_json_document(line.as_bytes(), origin.clone())?;
        let v: serde_json::Value = serde_json::from_str(line)?;
        let event = v["planted_event"]
            .as_u64()
            .with_context(|| format!("{origin}: no planted_event; not a generated corpus"))?;
        out.push(rasid_corpus::generate::Report {
            doc: r.doc,
            event: event as usize,
        });
    }
    Ok(out)
}
