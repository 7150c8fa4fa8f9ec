//! The `rasid` binary as users run it: bad inputs get clear messages and never stop the
//! other documents.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn rasid(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rasid"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("rasid runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rasid-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

/// The run succeeded (its error output shown when not).
fn succeeded(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

const ARTICLE: &str = include_str!("../../../examples/deir-ez-zor-report.txt");

#[test]
fn the_example_article_yields_sourced_events() {
    let out = rasid(
        &[
            "extract",
            "--format",
            "jsonl",
            "--published",
            "2019-02-14",
            "../../examples/deir-ez-zor-report.txt",
        ],
        None,
    );
    succeeded(&out);
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    let events = docs[0]["events"].as_array().unwrap();
    assert!(events.len() >= 5, "{} events", events.len());
    for e in events {
        for field in ["type", "status", "evidence", "date_start", "confidence"] {
            assert!(!e[field].is_null(), "event without {field}: {e}");
        }
        let ev = &e["evidence"];
        let (s, t) = (
            ev["start"].as_u64().unwrap() as usize,
            ev["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&ARTICLE[s..t], ev["text"].as_str().unwrap());
    }
    assert!(
        events.iter().any(|e| e["location"]["lat"].is_number()),
        "geocoded events"
    );
}

#[test]
fn bad_documents_are_named_and_the_rest_processed() {
    let dir = temp_dir("bad");
    let good = write(
        &dir,
        "good.txt",
        "اندلعت اشتباكات بين قوات النظام وتنظيم داعش في بادية حمص.".as_bytes(),
    );
    let invalid = write(&dir, "invalid.txt", b"\xff\xfe\xfa not text");
    let empty = write(&dir, "empty.txt", b"");
    let jsonl = write(
        &dir,
        "docs.jsonl",
        "{\"id\":\"a\",\"text\":\"قصفت قوات النظام بلدة بنش.\",\"published\":\"2020-02-01\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\",\"text\":\"\"}\n{\"id\":\"d\",\"text\":\"Turkish warplanes struck Tal Abyad on Monday.\",\"published\":\"not a date\"}\n"
            .as_bytes(),
    );
    let out = rasid(
        &[
            "extract",
            "--format",
            "jsonl",
            &good,
            &invalid,
            &empty,
            &jsonl,
            "missing.txt",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "failures are reported in the exit code"
    );
    assert!(err.contains("invalid.txt: not valid UTF-8"), "{err}");
    assert!(err.contains("empty.txt: empty document"), "{err}");
    assert!(err.contains("docs.jsonl:2: not a JSON object"), "{err}");
    assert!(err.contains("docs.jsonl:3: empty document"), "{err}");
    assert!(err.contains("docs.jsonl:4: field \"published\""), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    let ids: Vec<String> = lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        ["good", "a", "d"],
        "the good documents, in input order"
    );
}

#[test]
fn a_fifty_megabyte_file_is_processed() {
    let dir = temp_dir("big");
    let para =
        "اندلعت اشتباكات عنيفة، أمس الثلاثاء، بين قوات النظام وتنظيم داعش في بادية حمص الشرقية.\n";
    let text = para.repeat(50_000_000 / para.len() + 1);
    let big = write(&dir, "big.txt", text.as_bytes());
    let out = rasid(
        &[
            "extract",
            "--format",
            "jsonl",
            "--published",
            "2020-02-05",
            &big,
        ],
        None,
    );
    succeeded(&out);
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    let events = docs[0]["events"].as_array().unwrap();
    assert!(!events.is_empty());
    let last = events.last().unwrap();
    assert!(
        last["evidence"]["end"].as_u64().unwrap() as usize > text.len() - 600_000,
        "spans reach the last part of the text"
    );
}

#[test]
fn standard_input_and_summary_output() {
    let out = rasid(
        &[
            "extract",
            "--format",
            "summary",
            "--published",
            "2021-10-28",
            "-",
        ],
        Some(
            "قُتل 11 مدنياً، أمس الأول الثلاثاء، في هجوم شنّه عناصر من تنظيم داعش على قرية الرشاد."
                .as_bytes(),
        ),
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ASSAULT"), "{text}");
    assert!(text.contains("Islamic State"), "{text}");
    assert!(text.contains("2021-10-26"), "{text}");
}

#[test]
fn a_bad_gazetteer_file_is_an_error_naming_its_line() {
    let dir = temp_dir("gaz");
    let gaz = write(&dir, "places.tsv", b"id\tname_en\tname_ar\talt_names\tfeature\tcountry\tadmin1\tadmin2\tlat\tlon\nx:1\tA\tB\t\tvillage\tSY\t\t\tnorth\t40\n");
    let out = rasid(&["extract", "--gazetteer", &gaz, "-"], Some(b"text"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("places.tsv:2: column lat"), "{err}");
}

#[test]
fn gazetteer_lookup_lists_every_candidate() {
    let out = rasid(&["gazetteer", "lookup", "بدير الزور"], None);
    succeeded(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("sy:"), "{text}");
    assert!(
        text.lines().count() >= 2,
        "the governorate and the city: {text}"
    );
    let none = rasid(&["gazetteer", "lookup", "xyzzy"], None);
    assert_eq!(none.status.code(), Some(1));
}

#[test]
fn gazetteer_import_compiles_tsv_and_geonames_into_one_file() {
    let dir = temp_dir("import");
    // places invented for this test, in rasid's TSV and in the GeoNames dump format
    let tsv = write(
        &dir,
        "extra.tsv",
        "id\tname_en\tname_ar\talt_names\tfeature\tcountry\tadmin1\tadmin2\tlat\tlon\n\
t:1\tTell Zuwayr\tتل زوير\t\tvillage\tSY\tRaqqa\tTal Abyad\t36.61\t38.95\n"
            .as_bytes(),
    );
    std::fs::create_dir_all(dir.join("gn")).unwrap();
    let dump = write(&dir.join("gn"), "SY.txt", "900010\tKhirbat Farzat\tKhirbat Farzat\tخربة فرزات\t35.05\t36.38\tP\tPPL\tSY\t\t11\t\t\t\t900\t\t300\tAsia/Damascus\t2024-01-01\n".as_bytes());
    write(
        &dir.join("gn"),
        "admin1CodesASCII.txt",
        b"SY.11\tHamah\tHama\t170017\n",
    );
    let out_path = dir.join("mine.rgz").display().to_string();
    let out = rasid(&["gazetteer", "import", &tsv, &dump, "-o", &out_path], None);
    succeeded(&out);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("2 places"), "{said}");
    for (name, admin1) in [("بتل زوير", "Raqqa"), ("خربة فرزات", "Hama")] {
        let out = rasid(
            &["gazetteer", "lookup", name, "--gazetteer", &out_path],
            None,
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains(admin1),
            "{name}: {text}"
        );
    }
    // a failed import leaves the existing file as it was
    let bad = write(&dir, "bad.tsv", b"id\tname_en\n");
    let before = std::fs::read(&out_path).unwrap();
    let out = rasid(&["gazetteer", "import", &bad, "-o", &out_path], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&out_path).unwrap(), before);
    // a damaged compiled file is refused with its name
    let cut = write(&dir, "cut.rgz", &before[..before.len() / 2]);
    let out = rasid(&["extract", "--gazetteer", &cut, "-"], Some(b"text"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cut.rgz: damaged or truncated"), "{err}");
}

#[test]
fn eval_scores_a_gold_file_and_lists_misses() {
    let dir = temp_dir("eval");
    // a gold document written for this test: one event rasid finds, one it cannot
    let gold = serde_json::json!({
        "id": "g1", "lang": "ar", "published": "2024-03-06",
        "text": "قصفت قوات النظام، أمس الثلاثاء، بلدة بنش بريف إدلب، ما أدى إلى مقتل ثلاثة مدنيين.",
        "gold": {
            "actors": [{"name": "Syrian Government Forces", "aliases": ["قوات النظام"]},
                       {"name": "Civilians", "aliases": ["مدنيين"]}],
            "locations": [{"name": "Binnish", "name_ar": "بنش", "lat": 35.95, "lon": 36.71}],
            "events": [
                {"type": "ASSAULT", "actor1": "Syrian Government Forces", "actor2": "Civilians",
                 "location": "Binnish", "date_start": "2024-03-05", "date_end": "2024-03-05",
                 "fatalities": 3, "status": "asserted"},
                {"type": "PROTEST", "location": "Binnish", "date_start": "2024-03-05",
                 "status": "asserted", "evidence": "no protest is in the text"}
            ]
        }
    });
    let path = write(&dir, "gold.jsonl", format!("{gold}\n").as_bytes());
    let out = rasid(&["eval", &path], None);
    succeeded(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("events.core   P 1.000  R 0.500"), "{text}");
    assert!(text.contains("missed   g1 PROTEST"), "{text}");
    let json = rasid(&["eval", &path, "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["events_core"]["tp"], 1);
    let bad = write(&dir, "bad.jsonl", b"{\"text\": \"x\"}\n");
    let out = rasid(&["eval", &bad], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:1"));
}

/// `rasid actors suggest` on a corpus generated from our own fixture sentences, with unknown
/// groups planted in it (invented for this test), lists the planted groups and rows that load
/// as an actors file.
#[test]
fn actors_suggest_finds_planted_groups() {
    const FIXTURES: &str = include_str!("../../../examples/bench_sentences.txt");
    let sentences: Vec<&str> = FIXTURES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    let planted = [
        "هاجم لواء الصقور الحمر حاجزاً قرب البلدة، وفق مصادر محلية.",
        "وتبنت كتائب درع الوادي تفجير عبوة ناسفة استهدفت دورية.",
        "Fighters of the Silver Hawk Brigade shelled the village overnight.",
    ];
    let mut lines = String::new();
    for d in 0..40 {
        let mut text: Vec<&str> = (0..6)
            .map(|k| sentences[(d * 7 + k * 13) % sentences.len()])
            .collect();
        if d % 4 == 0 {
            text.push(planted[(d / 4) % planted.len()]);
        }
        let doc = serde_json::json!({"id": format!("f{d}"), "text": text.join(" ")});
        lines.push_str(&format!("{doc}\n"));
    }
    let dir = temp_dir("suggest");
    let corpus = write(&dir, "corpus.jsonl", lines.as_bytes());
    let out = rasid(&["actors", "suggest", &corpus, "--min", "3"], None);
    succeeded(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    for group in [
        "لواء الصقور الحمر",
        "كتائب درع الوادي",
        "Silver Hawk Brigade",
    ] {
        assert!(
            text.contains(&format!("\t{group}\t")),
            "{group} not suggested:\n{text}"
        );
    }
    // the rows load as a dictionary
    let rows = format!(
        "id\tname\tkind\tcountry\tparent\taliases_ar\taliases_en\n{}",
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let file = write(&dir, "new_actors.tsv", rows.as_bytes());
    let out = rasid(
        &["extract", "--actors", &file, "-"],
        Some("هاجم لواء الصقور الحمر حاجزاً".as_bytes()),
    );
    succeeded(&out);
}

/// Corpus mode: a folder with a binary file, an empty file, a 100 MB text file and an HTML
/// page in windows-1256 ingests with a clear line for each problem and the good files stored;
/// ingesting again stores nothing twice; the exports parse back.
#[test]
fn a_folder_with_bad_files_ingests_the_good_ones() {
    let dir = temp_dir("ingest-folder");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    write(
        &input,
        "photo.jpg",
        b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01",
    );
    write(&input, "empty.txt", b"");
    {
        // 100 MB of text: over the one-document limit
        let mut f = std::io::BufWriter::new(std::fs::File::create(input.join("huge.txt")).unwrap());
        let line = "قصفت قوات النظام بلدة بنش بريف إدلب. ".repeat(40) + "\n";
        let mut written = 0;
        while written < 100 << 20 {
            f.write_all(line.as_bytes()).unwrap();
            written += line.len();
        }
    }
    let body = "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وخلايا تنظيم داعش في بلدة الشحيل بريف دير الزور الشرقي، فجر اليوم، ما أدى إلى مقتل ثلاثة عناصر من التنظيم.";
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(body);
    let page = [
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"><title>Deir</title><meta property=\"article:published_time\" content=\"2021-06-03T08:00:00Z\"></head><body><article><p>".as_slice(),
        &cp1256,
        b"</p></article></body></html>",
    ]
    .concat();
    write(&input.join("sub"), "page.html", &page);
    write(
        &input,
        "note.txt",
        "قصفت قوات النظام، أمس الثلاثاء، بلدة بنش بريف إدلب، ما أدى إلى مقتل ثلاثة مدنيين."
            .as_bytes(),
    );
    write(
        &input,
        "docs.jsonl",
        concat!(
            r#"{"id":"j1","text":"اعتقلت قوات الأمن العراقية خمسة مطلوبين في حي الأعظمية ببغداد مساء أمس الأربعاء.","published":"2022-09-08","source":"Outlet J"}"#,
            "\n",
            r#"{"id":"j2","text":"#,
            "\n"
        )
        .as_bytes(),
    );
    let db = dir.join("store").join("corpus.db");
    let db_s = db.display().to_string();
    let input_s = input.display().to_string();
    let args = [
        "ingest",
        input_s.as_str(),
        "--db",
        db_s.as_str(),
        "--published",
        "2024-03-06",
    ];
    let out = rasid(&args, None);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        out.status.code(),
        Some(1),
        "problems make exit code 1: {err}"
    );
    for (file, why) in [
        ("photo.jpg", "binary file"),
        ("empty.txt", "empty file"),
        ("huge.txt", "over the 20 MB limit"),
        ("docs.jsonl:2", "not a JSON object"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {why}\n{err}"
        );
    }
    assert!(err.contains("3 ingested"), "{err}");

    // the windows-1256 page is stored as Arabic text with its metadata
    let out = rasid(&["query", "الشحيل", "--db", db_s.as_str(), "--json"], None);
    succeeded(&out);
    let hits = lines(&out);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["published"], "2021-06-03");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("بلدة الشحيل"));
    // forms of the word find it too
    let out = rasid(&["query", "والشحيل", "--db", db_s.as_str(), "--json"], None);
    assert_eq!(lines(&out).len(), 1);

    // again: nothing new, nothing doubled
    let out = rasid(&args, None);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        err.contains("0 ingested, 3 skipped as already stored"),
        "{err}"
    );

    // exports
    let csv_path = dir.join("events.csv");
    let csv_s = csv_path.display().to_string();
    succeeded(&rasid(
        &[
            "export",
            "--format",
            "acled-csv",
            "--db",
            db_s.as_str(),
            "-o",
            csv_s.as_str(),
        ],
        None,
    ));
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("event_id_cnty,event_date,year,time_precision,event_type"));
    assert!(
        text.contains("Al-Shuhayl") && text.contains("Binnish"),
        "{text}"
    );
    let out = rasid(
        &[
            "export",
            "--format",
            "geojson",
            "--db",
            db_s.as_str(),
            "--country",
            "IQ",
        ],
        None,
    );
    succeeded(&out);
    let gj: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(gj["type"], "FeatureCollection");
    assert_eq!(gj["features"].as_array().unwrap().len(), 1, "{gj}");
    let out = rasid(
        &["export", "--format", "graphml", "--db", db_s.as_str()],
        None,
    );
    succeeded(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("<graphml"));
    // a bad filter is named
    let out = rasid(
        &[
            "export",
            "--format",
            "geojson",
            "--db",
            db_s.as_str(),
            "--from",
            "March",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from \"March\" is not a date"));
    // stats
    let out = rasid(&["stats", "--db", db_s.as_str()], None);
    succeeded(&out);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("3 documents") && s.contains("top places"), "{s}");
    // reading a store that does not exist says so
    let missing = dir.join("nope.db").display().to_string();
    let out = rasid(&["stats", "--db", missing.as_str()], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store here yet"));
    std::fs::remove_dir_all(&dir).ok();
}

/// A generated corpus of `n` reports in `dir`, and the store path beside it.
fn generated_corpus(dir: &Path, n: usize) -> (String, PathBuf) {
    let corpus = dir.join("corpus.jsonl").display().to_string();
    succeeded(&rasid(
        &[
            "corpus",
            "generate",
            "--docs",
            &n.to_string(),
            "-o",
            corpus.as_str(),
        ],
        None,
    ));
    (corpus, dir.join("corpus.db"))
}

/// Wait (up to a minute) until the store at `db` holds a document; returns how many.
fn wait_for_documents(db: &Path, poll_ms: u64) -> usize {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(poll_ms));
        let stored = rasid_store::Store::open(db)
            .and_then(|s| s.counts())
            .map_or(0, |c| c.documents);
        if stored > 0 {
            return stored;
        }
    }
    0
}

/// Every one of the `n` documents is in the store at `db` exactly once.
fn each_document_once(db: &Path, n: usize) {
    let keys = rasid_store::Store::open(db)
        .unwrap()
        .document_keys()
        .unwrap();
    assert_eq!(keys.len(), n);
    assert!(keys.iter().all(|(_, count)| *count == 1));
}

/// `kill -9` in the middle of an ingest, then the same ingest again: every document is in
/// the store exactly once.
#[test]
fn kill_during_ingest_then_ingest_again() {
    let dir = temp_dir("ingest-kill");
    let n = 6000;
    let (corpus, db) = generated_corpus(&dir, n);
    let db_s = db.display().to_string();
    let mut killed_at = None;
    for attempt in 0..3 {
        let _ = std::fs::remove_file(&db);
        let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
            .args(["ingest", corpus.as_str(), "--db", db_s.as_str(), "--quiet"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // wait for the first batches to be committed, then SIGKILL
        wait_for_documents(&db, 20 + 30 * attempt);
        child.kill().unwrap();
        child.wait().unwrap();
        let after = rasid_store::Store::open(&db)
            .unwrap()
            .counts()
            .unwrap()
            .documents;
        if after < n {
            killed_at = Some(after);
            break;
        }
    }
    let killed_at = killed_at.expect("ingest was killed before it finished");
    let out = rasid(&["ingest", corpus.as_str(), "--db", db_s.as_str()], None);
    succeeded(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{} ingested, {killed_at} skipped", n - killed_at)),
        "{err}"
    );
    each_document_once(&db, n);
    let c = rasid_store::Store::open(&db).unwrap().counts().unwrap();
    assert!(c.events >= n, "{c:?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Ctrl-C (SIGINT) in the middle of a large JSON Lines file: the current batch is stored,
/// the run says it was interrupted (exit 130), and running it again finishes the job.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_after_the_batch_and_the_next_run_finishes() {
    let dir = temp_dir("ingest-sigint");
    let n = 6000;
    let (corpus, db) = generated_corpus(&dir, n);
    let db_s = db.display().to_string();
    let child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["ingest", corpus.as_str(), "--db", db_s.as_str(), "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_documents(&db, 20);
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", pid.as_str()])
        .status()
        .unwrap()
        .success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let stored = rasid_store::Store::open(&db)
        .unwrap()
        .counts()
        .unwrap()
        .documents;
    if stored < n {
        assert_eq!(out.status.code(), Some(130), "{err}");
        assert!(
            err.contains("interrupted; run the same command again"),
            "{err}"
        );
    }
    succeeded(&rasid(
        &["ingest", corpus.as_str(), "--db", db_s.as_str()],
        None,
    ));
    each_document_once(&db, n);
    std::fs::remove_dir_all(&dir).ok();
}
