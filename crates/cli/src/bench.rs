//! `rasid bench`: full-pipeline throughput on generated Arabic news-like text.

use std::process::ExitCode;
use std::time::Instant;

use rasid::{Document, Pipeline};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Megabytes of text to generate (at least 5 for the committed figure).
    #[arg(long, default_value_t = 5.0)]
    mb: f64,
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
    let t0 = Instant::now();
    let pipeline = Pipeline::embedded();
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
    println!(
        "data load        {:>8.1} ms (embedded gazetteer, actors, triggers)",
        load.as_secs_f64() * 1e3
    );
    println!("documents        {:>8}", docs.len());
    println!("text             {:>8.2} MB", bytes as f64 / 1e6);
    println!("events           {:>8}", events);
    println!("time             {:>8.2} s (one thread)", secs);
    println!("throughput       {:>8.2} MB/s", bytes as f64 / 1e6 / secs);
    println!("documents/s      {:>8.0}", docs.len() as f64 / secs);
    Ok(ExitCode::SUCCESS)
}
