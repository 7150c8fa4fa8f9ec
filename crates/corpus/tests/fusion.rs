//! Fusion on the generated corpus of 10,000 reports with planted duplicates: at least 90% of
//! the duplicate reports fuse with their event's first report, and no fused event mixes two
//! planted events.

use std::sync::atomic::AtomicBool;

#[test]
fn planted_duplicates_fuse_and_distinct_events_do_not() {
    let pipeline = rasid::Pipeline::embedded();
    let reports = rasid_corpus::generate::generate(&pipeline, 10_000, 7);
    assert_eq!(reports.len(), 10_000);
    let dir = std::env::temp_dir().join(format!("rasid-fusion-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, rasid_corpus::generate::to_jsonl(&reports)).unwrap();
    let mut store = rasid_store::Store::open(&dir.join("corpus.db")).unwrap();
    let summary = rasid_corpus::ingest(
        &[corpus],
        &pipeline,
        &mut store,
        &rasid_corpus::IngestSettings::default(),
        &rasid_corpus::Silent,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(summary.ingested, 10_000, "{:?}", summary.failed);
    let score = rasid_corpus::generate::score_fusion(&reports, &store.report_fusion().unwrap());
    eprintln!("{score:?}");
    assert!(score.duplicates > 3_000, "{score:?}");
    assert!(score.merged_share() >= 0.90, "{score:?}");
    assert_eq!(score.wrong_merges, 0, "{score:?}");
    std::fs::remove_dir_all(&dir).ok();
}
