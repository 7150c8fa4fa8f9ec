//! `rasid bench`: full-pipeline throughput on generated Arabic news-like text.

use std::process::ExitCode;
use std::time::Instant;

use rasid::Document;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Megabytes of text to generate (at least 5 for the committed figure).
    #[arg(long, default_value_t = 5.0)]
    mb: f64,
    /// Also load this gazetteer (TSV or GeoNames dump) and time its loading.
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<std::path::PathBuf>,
    /// Instead: ingest this many generated reports (with planted duplicates) into a fresh
    /// store in a temporary folder; print documents/s, the store's size and fusion quality.
    #[arg(long, value_name = "DOCS")]
    ingest: Option<usize>,
}

/// `rasid bench --ingest N`: corpus mode end to end on a generated corpus.
fn ingest(n: usize) -> anyhow::Result<ExitCode> {
    let pipeline = rasid::Pipeline::embedded();
    let t = Instant::now();
    let reports = rasid_corpus::generate::generate(&pipeline, n, 7);
    let gen = t.elapsed().as_secs_f64();
    let dir = std::env::temp_dir().join(format!("rasid-bench-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, rasid_corpus::generate::to_jsonl(&reports))?;
    let db = dir.join("corpus.db");
    let mut store = rasid_store::Store::open(&db)?;
    let stop = std::sync::atomic::AtomicBool::new(false);
    let s = rasid_corpus::ingest(
        &[corpus],
        &pipeline,
        &mut store,
        &rasid_corpus::IngestSettings::default(),
        &rasid_corpus::Silent,
        &stop,
    )?;
    let score = rasid_corpus::generate::score_fusion(&reports, &store.report_fusion()?);
    let counts = store.counts()?;
    drop(store);
    let size: u64 = std::fs::read_dir(&dir)?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("corpus.db"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    std::fs::remove_dir_all(&dir).ok();
    anyhow::ensure!(s.ingested == n, "{} of {n} reports stored", s.ingested);
    println!("generate         {gen:>8.2} s for {n} reports");
    println!(
        "ingest           {:>8.1} documents/s ({n} reports in {:.2} s on {} threads)",
        n as f64 / s.seconds,
        s.seconds,
        rayon_threads()
    );
    println!(
        "store            {:>8.1} MB ({} documents, {} events, {} fused events, {} near-duplicate links)",
        size as f64 / 1e6,
        counts.documents,
        counts.events,
        counts.fused_events,
        counts.near_duplicate_links
    );
    println!(
        "fusion           {:>8.1} % of {} planted duplicate reports fused with their event; {} fused events mix two planted events; {} reports without an event",
        100.0 * score.merged_share(),
        score.duplicates,
        score.wrong_merges,
        score.without_event
    );
    Ok(ExitCode::SUCCESS)
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Our own fixture sentences (written for rasid), recombined into documents.
const FIXTURES: &str = include_str!("../../../examples/bench_sentences.txt");

/// Generate documents of 6–9 sentences until `bytes` bytes of text exist; deterministic.
pub fn corpus(bytes: usize) -> Vec<Document> {
    let sentences: Vec<&str> = FIXTURES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut docs = Vec::new();
    let mut total = 0;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    while total < bytes {
        let n = 6 + (next() % 4) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(sentences[(next() % sentences.len() as u64) as usize]);
            text.push(' ');
        }
        total += text.len();
        let day = 1 + (next() % 28) as i8;
        docs.push(Document {
            id: format!("bench-{}", docs.len()),
            text,
            published: rasid::Date::new(2019, 3, day).ok(),
            ..Document::default()
        });
    }
    docs
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.ingest {
        return ingest(n);
    }
    // the user's gazetteer files alone, as a fresh process would load them
    let mut files = Vec::new();
    for path in &args.gazetteer {
        let t = Instant::now();
        let mut b = rasid::gazetteer::GazetteerBuilder::new();
        let n = b.add_file(path)?;
        let g = b.build();
        files.push((path, n, t.elapsed(), g.len()));
    }
    let t0 = Instant::now();
    let pipeline = crate::pipeline(&args.gazetteer, &[], &[])?;
    let load = t0.elapsed();
    let docs = corpus((args.mb * 1_000_000.0) as usize);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // warm up lazily built data
    let _ = pipeline.process(&docs[0]);
    let t = Instant::now();
    let mut events = 0usize;
    for d in &docs {
        events += pipeline.process(d).events.len();
    }
    let secs = t.elapsed().as_secs_f64();
    anyhow::ensure!(
        events > 0,
        "the benchmark corpus produced no events: the pipeline is broken"
    );
    // the geoparser alone: tokens in, places out
    let tokenized: Vec<Vec<rasid::text::Token>> = docs
        .iter()
        .map(|d| rasid::text::tokenize(&d.text))
        .collect();
    let t = Instant::now();
    let mut places = 0usize;
    for (d, toks) in docs.iter().zip(&tokenized) {
        places += pipeline.gazetteer().find(&d.text, toks).len();
    }
    let geo_secs = t.elapsed().as_secs_f64();
    // the temporal tagger alone: tokens in, resolved time expressions out
    let t = Instant::now();
    let mut times = 0usize;
    for (d, toks) in docs.iter().zip(&tokenized) {
        times += pipeline.temporal().find(&d.text, toks, d.published).len();
    }
    let time_secs = t.elapsed().as_secs_f64();
    anyhow::ensure!(
        times > 0,
        "the benchmark corpus produced no time expressions"
    );
    anyhow::ensure!(places > 0, "the benchmark corpus produced no places");
    let extra = if args.gazetteer.is_empty() {
        String::new()
    } else {
        format!(" + {} gazetteer file(s)", args.gazetteer.len())
    };
    println!(
        "data load        {:>8.1} ms (embedded gazetteer, actors, triggers{extra}; {} places)",
        load.as_secs_f64() * 1e3,
        pipeline.gazetteer().len()
    );
    for (path, n, took, _) in &files {
        println!(
            "gazetteer file   {:>8.1} ms ({n} places from {}, read and indexed)",
            took.as_secs_f64() * 1e3,
            path.display()
        );
    }
    println!("documents        {:>8}", docs.len());
    println!("text             {:>8.2} MB", bytes as f64 / 1e6);
    println!("events           {:>8}", events);
    println!("time             {:>8.2} s (one thread)", secs);
    println!("throughput       {:>8.2} MB/s", bytes as f64 / 1e6 / secs);
    println!("documents/s      {:>8.0}", docs.len() as f64 / secs);
    println!("places found     {:>8}", places);
    println!(
        "geoparsing       {:>8.2} MB/s (tokens to resolved places)",
        bytes as f64 / 1e6 / geo_secs
    );
    println!("time expressions {:>8}", times);
    println!(
        "temporal tagging {:>8.2} MB/s (tokens to resolved time expressions)",
        bytes as f64 / 1e6 / time_secs
    );
    if let Some(kb) = peak_rss_kb() {
        println!("peak RSS         {:>8.1} MB", kb as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

/// The process's peak resident memory (Linux), in KiB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
