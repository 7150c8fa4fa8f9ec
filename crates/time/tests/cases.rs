//! The temporal case table (`tests/cases.tsv`): ≥ 330 sentences grouped by phenomenon, each
//! with a publication date and the range its time phrase must resolve to. The table passes
//! when at least 97% of its rows do; every failing row is printed so regressions show.

use std::collections::BTreeMap;

use rasid_core::Date;
use rasid_text::tokenize;
use rasid_time::TemporalResolver;

const CASES: &str = include_str!("cases.tsv");

#[test]
fn the_case_table_passes() {
    let rows = rasid_core::tsv::rows(
        CASES,
        &[
            "group",
            "text",
            "published",
            "mention",
            "start",
            "end",
            "precision",
        ],
    )
    .unwrap_or_else(|e| panic!("cases.tsv: {e}"));
    assert!(rows.len() >= 300, "{} cases", rows.len());
    let resolver = TemporalResolver::default();
    let mut per_group: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for row in &rows {
        let [group, text, published, mention, start, end, precision] = row.cells[..] else {
            unreachable!("rows() checks the column count")
        };
        let p: Date = published
            .parse()
            .unwrap_or_else(|e| panic!("line {}: published {published:?}: {e}", row.line));
        let at = text
            .find(mention)
            .unwrap_or_else(|| panic!("line {}: {mention:?} is not in the text", row.line));
        let (m0, m1) = (at, at + mention.len());
        let found = resolver.find(text, &tokenize(text), Some(p));
        let overlapping: Vec<_> = found
            .iter()
            .filter(|t| t.mention.span.start < m1 && m0 < t.mention.span.end)
            .collect();
        let ok = if start == "-" {
            overlapping.is_empty()
        } else {
            overlapping.iter().any(|t| {
                t.range.start.to_string() == start
                    && t.range.end.to_string() == end
                    && t.range.precision.as_str() == precision
            })
        };
        let g = per_group.entry(group).or_default();
        g.1 += 1;
        if ok {
            g.0 += 1;
        } else {
            let got: Vec<String> = overlapping
                .iter()
                .map(|t| {
                    format!(
                        "{:?} {}..{} {} ({})",
                        t.mention.text,
                        t.range.start,
                        t.range.end,
                        t.range.precision.as_str(),
                        t.rule
                    )
                })
                .collect();
            failures.push(format!(
                "line {} [{group}] P={published} {mention:?}: want {start}..{end} {precision}, got {got:?}\n    {text}",
                row.line
            ));
        }
    }
    let passed: usize = per_group.values().map(|g| g.0).sum();
    let total = rows.len();
    for (g, (ok, n)) in &per_group {
        eprintln!("{g:<16} {ok:>3}/{n:<3}");
    }
    eprintln!("passed {passed}/{total}");
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        passed * 100 >= total * 97,
        "{passed}/{total} cases pass (97% needed); failures above"
    );
}
