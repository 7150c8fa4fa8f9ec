//! `rasid`: the command line. Argument parsing and wiring only; the work is in the `rasid`
//! library crate.
#![forbid(unsafe_code)]

mod bench;
mod corpus;
mod eval;
mod serve;
mod summary;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use rasid::read::{read, ReadOptions, Source};
use rasid::{Date, Lang, Pipeline};

#[derive(Parser)]
#[command(
    name = "rasid",
    version,
    about = "Arabic-first conflict event extraction: news text in, sourced and geocoded PLOVER events out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract events from .txt files, .jsonl files of documents, or `-` (standard input).
    Extract(ExtractArgs),
    /// Measure full-pipeline throughput on generated Arabic news-like text.
    Bench(bench::BenchArgs),
    /// Extract events from a gold file and score them (events, arguments, actors, places,
    /// modality) as the shared scorer does, per category, with the misses listed.
    Eval(eval::EvalArgs),
    /// Look into the gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Work with the actor dictionary.
    #[command(subcommand)]
    Actors(ActorsCommand),
    /// Read files and folders (text, HTML, JSON Lines, RSS/Atom) into the corpus store:
    /// extract, fuse reports of the same event, link near-duplicates. Re-running skips what is
    /// stored; an interrupted run finishes when run again.
    Ingest(corpus::IngestArgs),
    /// Write the store's fused events as a dataset: acled-csv, plover-jsonl, geojson, graphml, parquet.
    Export(corpus::ExportArgs),
    /// Events per category and month, top actors, top places.
    Stats(corpus::StatsArgs),
    /// Search the stored documents by words, or list fused events under filters.
    Query(corpus::QueryArgs),
    /// Serve the JSON API and the dashboard (map, timeline, actor network, evidence review)
    /// over the store, on loopback by default.
    Serve(serve::ServeArgs),
    /// Generated corpora for benchmarks and fusion tests.
    #[command(subcommand)]
    Corpus(corpus::CorpusCommand),
}

#[derive(Subcommand)]
enum ActorsCommand {
    /// List organised actors a corpus names that the dictionary does not know (فصيل X، لواء X،
    /// كتائب X، جبهة X، "X Brigade"…), most frequent first, with example sentences and a
    /// dictionary row to complete and add with --actors.
    Suggest {
        /// Files to scan (.txt, .jsonl, or - for standard input).
        #[arg(required = true)]
        paths: Vec<String>,
        /// Only names seen at least this many times.
        #[arg(long, default_value_t = 2)]
        min: usize,
        /// Extra actors files: what they know is not suggested.
        #[arg(long, value_name = "FILE")]
        actors: Vec<PathBuf>,
    },
}

fn actors_cmd(cmd: ActorsCommand) -> anyhow::Result<ExitCode> {
    let ActorsCommand::Suggest { paths, min, actors } = cmd;
    let pipeline = pipeline(&[], &actors, &[])?;
    let mut s = rasid::actors::ActorSuggester::new(pipeline.actors());
    let opts = ReadOptions::default();
    let mut failed = 0;
    for p in &paths {
        for item in read(&Source::parse(p), &opts) {
            match item {
                Ok(r) => s.add(&r.doc.text),
                Err(e) => {
                    eprintln!("rasid: skipped: {e}");
                    failed += 1;
                }
            }
        }
    }
    let found = s.candidates(min);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# {} candidate actors seen at least {min} times in {} documents; complete id, name,\n# country and parent, then load the rows with --actors FILE",
        found.len(),
        s.documents()
    )?;
    for (n, c) in found.iter().enumerate() {
        writeln!(
            out,
            "# {} times in {} documents: {}",
            c.count,
            c.documents,
            c.examples.join(" | ")
        )?;
        let (ar, en) = if c.phrase.is_ascii() {
            ("", c.phrase.as_str())
        } else {
            (c.phrase.as_str(), "")
        };
        writeln!(
            out,
            "candidate_{}\t{}\t{}\t\t\t{ar}\t{en}",
            n + 1,
            c.phrase,
            c.kind
        )?;
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Every place a name can be, with the score it gets from the name alone, best first.
    Lookup {
        /// A place name, as written in news (clitics and spelling variants allowed).
        name: String,
        /// Extra gazetteers (TSV or GeoNames dump) to search too; repeatable.
        #[arg(long, value_name = "FILE")]
        gazetteer: Vec<PathBuf>,
    },
    /// Compile gazetteers (rasid TSV, GeoNames dumps) into one file that loads several times
    /// faster; pass it to --gazetteer like any gazetteer file.
    Import {
        /// Input files: rasid places TSV, or GeoNames dumps (SY.txt, IQ.txt, allCountries.txt)
        /// with admin1CodesASCII.txt and alternateNamesV2.txt read from the same folder.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The compiled file to write (by convention `.rgz`); replaced only on success.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Keep only these countries (ISO codes, comma-separated), e.g. `SY,IQ,TR,JO,LB`
        /// when compiling GeoNames' allCountries.txt.
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        countries: Vec<String>,
    },
}

fn gazetteer(cmd: GazetteerCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        GazetteerCommand::Import {
            inputs,
            output,
            countries,
        } => import(&inputs, &output, &countries),
        GazetteerCommand::Lookup { name, gazetteer } => {
            let pipeline = pipeline(&gazetteer, &[], &[])?;
            let found = pipeline.gazetteer().lookup(&name);
            if found.is_empty() {
                println!("no place is named {name:?}");
                return Ok(ExitCode::from(1));
            }
            let mut out = std::io::stdout().lock();
            for c in found {
                let p = &c.place;
                writeln!(
                    out,
                    "{:>6.2}  {:<40} {:<15} {} \u{2068}{}\u{2069}  [{} / {}]  {:.4}, {:.4}",
                    c.score,
                    p.id,
                    p.feature.as_str(),
                    p.name_en,
                    p.name_ar,
                    p.admin1.as_deref().unwrap_or("-"),
                    p.admin2.as_deref().unwrap_or("-"),
                    p.lat,
                    p.lon
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `rasid gazetteer import`: compile, write atomically, load back to check and time it.
fn import(
    inputs: &[PathBuf],
    output: &std::path::Path,
    countries: &[String],
) -> anyhow::Result<ExitCode> {
    use rasid::gazetteer::GazetteerBuilder;
    let t = std::time::Instant::now();
    let mut b = GazetteerBuilder::new();
    if !countries.is_empty() {
        let codes: Vec<&str> = countries.iter().map(String::as_str).collect();
        b.keep_countries(&codes);
    }
    for p in inputs {
        let n = b
            .add_file(p)
            .with_context(|| format!("reading {}", p.display()))?;
        eprintln!("rasid: {}: {n} places", p.display());
    }
    anyhow::ensure!(!b.is_empty(), "the inputs hold no places; nothing written");
    b.use_province_names_of(&GazetteerBuilder::embedded());
    b.canonicalize_provinces();
    let description = inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let tmp = output.with_extension("rgz.partial");
    let summary = (|| -> std::io::Result<_> {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let s = b.write_compiled(&mut f, &description)?;
        f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, output)?;
        Ok(s)
    })()
    .with_context(|| format!("writing {}", output.display()));
    let summary = match summary {
        Ok(s) => s,
        Err(e) => {
            std::fs::remove_file(&tmp).ok();
            return Err(e);
        }
    };
    let compile = t.elapsed();
    drop(b);
    let t = std::time::Instant::now();
    let mut check = GazetteerBuilder::new();
    let loaded = check
        .add_compiled_file(output)
        .context("reading back the compiled file")?;
    let _ = check.build();
    println!(
        "{}: {} places, {} names, {:.1} MB; compiled in {:.2} s, loads in {:.0} ms",
        output.display(),
        loaded,
        summary.names,
        summary.bytes as f64 / 1e6,
        compile.as_secs_f64(),
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A readable summary on a terminal, JSON Lines otherwise.
    Auto,
    /// One JSON object per input document (the contract in docs/OUTPUT.md).
    Jsonl,
    /// One event a row, for people.
    Summary,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Input files (.txt, .jsonl) or `-` for standard input; standard input when none.
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "auto")]
    format: Format,
    /// Publication date of plain-text inputs (YYYY-MM-DD); relative dates resolve against it.
    #[arg(long, value_parser = parse_date)]
    published: Option<Date>,
    /// Language of plain-text inputs (ar or en); detected from the script when absent.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(flatten)]
    data: DataArgs,
}

/// The user's data files added to the embedded ones (extract, eval).
#[derive(clap::Args)]
pub struct DataArgs {
    /// Extra gazetteer: a TSV (id, name_en, name_ar, alt_names, feature, country, admin1, admin2, lat, lon), a GeoNames dump (SY.txt, allCountries.txt) or a compiled file from `rasid gazetteer import`; repeatable.
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<PathBuf>,
    /// Extra actors TSV in the data/actors.tsv format; repeatable.
    #[arg(long, value_name = "FILE")]
    actors: Vec<PathBuf>,
    /// Extra triggers TSV in the data/triggers.tsv format; repeatable.
    #[arg(long, value_name = "FILE")]
    triggers: Vec<PathBuf>,
}

impl DataArgs {
    /// The pipeline on the embedded data and these files.
    pub fn pipeline(&self) -> anyhow::Result<Pipeline> {
        pipeline(&self.gazetteer, &self.actors, &self.triggers)
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    rasid::read::parse_date(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

/// Build the pipeline from the embedded data plus the user's files.
pub fn pipeline(
    gazetteers: &[PathBuf],
    actors: &[PathBuf],
    triggers: &[PathBuf],
) -> anyhow::Result<Pipeline> {
    let mut b = Pipeline::builder();
    for g in gazetteers {
        b.gazetteer_file(g).context("loading a gazetteer")?;
    }
    for a in actors {
        b.actors_file(a).context("loading an actors file")?;
    }
    for t in triggers {
        b.triggers_file(t).context("loading a triggers file")?;
    }
    Ok(b.build())
}

fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let pipeline = args.data.pipeline()?;
    let opts = ReadOptions {
        published: args.published,
        lang: args.lang,
    };
    let stdout = std::io::stdout();
    let summary = match args.format {
        Format::Summary => true,
        Format::Jsonl => false,
        Format::Auto => stdout.is_terminal(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths
    };
    let (mut ok, mut failed) = (0usize, 0usize);
    for p in &paths {
        for item in read(&Source::parse(p), &opts) {
            match item {
                Ok(r) => {
                    for w in &r.warnings {
                        eprintln!("rasid: warning: {w}");
                    }
                    let x = pipeline.process(&r.doc);
                    if summary {
                        summary::write(&mut out, &r.doc, &x)?;
                    } else {
                        serde_json::to_writer(&mut out, &rasid::wire::document(&r.doc, &x))?;
                        out.write_all(b"\n")?;
                    }
                    ok += 1;
                }
                Err(e) => {
                    eprintln!("rasid: skipped: {e}");
                    failed += 1;
                }
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("rasid: {ok} documents processed, {failed} skipped");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Bench(args) => bench::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Gazetteer(cmd) => gazetteer(cmd),
        Command::Actors(cmd) => actors_cmd(cmd),
        Command::Ingest(args) => corpus::ingest(args),
        Command::Export(args) => corpus::export(args),
        Command::Stats(args) => corpus::stats(args),
        Command::Query(args) => corpus::query(args),
        Command::Corpus(cmd) => corpus::corpus(cmd),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        // `rasid … | head`: the reader left; nothing is wrong
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("rasid: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
