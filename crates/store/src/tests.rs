use super::*;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rasid-store-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("corpus.db")
}

fn actor(id: &str, name: &str, kind: &str, country: &str) -> ActorRef {
    ActorRef {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        country: Some(country.into()),
    }
}

fn place(id: &str, name: &str, lat: f64, lon: f64) -> PlaceRef {
    PlaceRef {
        id: id.into(),
        name: name.into(),
        name_ar: "هجين".into(),
        feature: "town".into(),
        country: "SY".into(),
        admin1: Some("Deir ez-Zor".into()),
        admin2: Some("Abu Kamal".into()),
        lat,
        lon,
        geo_precision: 1,
    }
}

fn event(day: &str, fatalities: Option<u32>, place: PlaceRef) -> EventRecord {
    EventRecord {
        category: "FIGHT".into(),
        mode: Some("small_arms".into()),
        acled_event_type: Some("Battles".into()),
        acled_sub_event_type: Some("Armed clash".into()),
        actor1: Some(actor(
            "sdf",
            "Syrian Democratic Forces",
            "armed_group",
            "SY",
        )),
        actor2: Some(actor("islamic_state", "Islamic State", "armed_group", "SY")),
        place: Some(place),
        date_start: Some(day.into()),
        date_end: Some(day.into()),
        time_precision: Some(1),
        fatalities,
        fatalities_text: None,
        status: "asserted".into(),
        confidence: 0.85,
        attributed_to: None,
        trigger: Evidence {
            start: 0,
            end: 10,
            text: "اشتباكات".into(),
        },
        evidence: Evidence {
            start: 0,
            end: 40,
            text: "اشتباكات بين \"قسد\" و<التنظيم> في هجين".into(),
        },
        json: "{}".into(),
    }
}

fn doc(key: &str, source: &str, text: &str, events: Vec<EventRecord>) -> DocumentRecord {
    DocumentRecord {
        doc: rasid_core::Document {
            id: key.into(),
            text: text.into(),
            published: "2018-11-03".parse().ok(),
            lang: Some(rasid_core::Lang::Ar),
            source: Some(source.into()),
            url: Some(format!("https://example.org/{key}")),
            title: Some(format!("title {key}")),
        },
        hash: format!("hash-{text}"),
        origin: format!("{key}.txt"),
        search_text: text.into(),
        signature: text.bytes().map(|b| b as u64).cycle().take(16).collect(),
        events,
        mentions: vec![MentionRecord {
            kind: "place",
            start: 0,
            end: 4,
            text: "هجين".into(),
            entity_id: Some("sy:hajin".into()),
            name: "Hajin".into(),
            detail: None,
        }],
        notes: vec![],
    }
}

fn hajin() -> PlaceRef {
    place("sy:hajin", "Hajin", 34.69, 40.83)
}

#[test]
fn documents_are_stored_once_and_reports_fuse() {
    let path = temp("fuse");
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    let run = s.begin_run("0.1.0", "test", "rasid ingest").unwrap();
    let out = s
        .write_batch(
            run,
            &[
                doc(
                    "a",
                    "Outlet A",
                    "اشتباكات في هجين",
                    vec![event("2018-11-02", Some(7), hajin())],
                ),
                // the same clash a day later by another outlet, 5 km off, a higher toll
                doc(
                    "b",
                    "Outlet B",
                    "معارك عنيفة قرب هجين",
                    vec![event(
                        "2018-11-03",
                        Some(9),
                        place("sy:shaafa", "Al-Shaafa", 34.66, 40.86),
                    )],
                ),
                // another clash at Mayadin, 60 km away
                doc(
                    "c",
                    "Outlet A",
                    "اشتباكات في الميادين",
                    vec![event(
                        "2018-11-02",
                        None,
                        place("sy:mayadin", "Al-Mayadin", 35.02, 40.45),
                    )],
                ),
            ],
        )
        .unwrap();
    assert_eq!((out.stored, out.events, out.fused), (3, 3, 1));
    // the same text again is a duplicate, whatever its key
    let again = s
        .write_batch(run, &[doc("a2", "Outlet C", "اشتباكات في هجين", vec![])])
        .unwrap();
    assert_eq!((again.stored, again.duplicates), (0, 1));
    s.finish_run(run, 3, 1, 0).unwrap();

    let c = s.counts().unwrap();
    assert_eq!(
        (c.documents, c.events, c.fused_events, c.runs),
        (3, 3, 2, 1)
    );
    let fused = s.fused_events(&EventFilter::default()).unwrap();
    let hajin_clash = fused.iter().find(|f| f.report_count == 2).unwrap();
    assert_eq!(hajin_clash.source_count, 2);
    assert_eq!(hajin_clash.fatalities, Some(7), "the lowest figure");
    assert_eq!(hajin_clash.fatalities_max, Some(9));
    assert_eq!(hajin_clash.location.as_deref(), Some("Hajin"));
    assert_eq!(hajin_clash.reports.len(), 2);

    // filters
    let f = |filter: EventFilter| s.fused_events(&filter).unwrap().len();
    assert_eq!(
        f(EventFilter {
            actor: Some("democratic".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        f(EventFilter {
            actor: Some("houthis".into()),
            ..Default::default()
        }),
        0
    );
    // dates are the best report's (the first of the two equally precise ones)
    assert_eq!(
        f(EventFilter {
            from: Some("2018-11-03".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        f(EventFilter {
            from: Some("2018-11-02".into()),
            to: Some("2018-11-02".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        f(EventFilter {
            country: Some("sy".into()),
            category: Some("fight".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        f(EventFilter {
            admin1: Some("deir ez-zor".into()),
            min_confidence: Some(0.9),
            ..Default::default()
        }),
        0
    );
    assert!(s
        .fused_events(&EventFilter {
            from: Some("yesterday".into()),
            ..Default::default()
        })
        .unwrap_err()
        .to_string()
        .contains("--from"));
    assert!(s
        .fused_events(&EventFilter {
            category: Some("BRAWL".into()),
            ..Default::default()
        })
        .is_err());

    // search over the folded text
    let hits = s.search("هجين", 10).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(
        s.search("\") OR (", 10).unwrap().is_empty(),
        "query syntax is never interpreted"
    );

    let st = s.stats(&EventFilter::default(), 5).unwrap();
    assert_eq!(
        st.per_month,
        vec![("2018-11".to_string(), "FIGHT".to_string(), 2)]
    );
    assert_eq!(st.top_actors[0].1, 2);
    drop(s);
    // reopening keeps everything
    let s = Store::open(&path).unwrap();
    assert_eq!(s.counts().unwrap().documents, 3);
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}

#[test]
fn exports_parse_back() {
    let path = temp("export");
    let mut s = Store::open(&path).unwrap();
    let run = s.begin_run("0.1.0", "test", "test").unwrap();
    s.write_batch(
        run,
        &[
            doc(
                "a",
                "Outlet A",
                "اشتباكات في هجين",
                vec![event("2018-11-02", Some(7), hajin())],
            ),
            doc(
                "b",
                "Outlet B",
                "نص آخر",
                vec![event("2018-11-02", Some(9), hajin())],
            ),
        ],
    )
    .unwrap();
    let events = s.fused_events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);

    let mut csv_out = Vec::new();
    export::acled_csv(&events, &mut csv_out).unwrap();
    let mut r = csv::Reader::from_reader(csv_out.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let expected: Vec<&str> = export::ACLED_COLUMNS
        .iter()
        .chain(export::RASID_COLUMNS)
        .copied()
        .collect();
    assert_eq!(header, expected);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let get = |name: &str| rows[0][header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(get("event_id_cnty"), format!("SYR{}", events[0].id));
    assert_eq!(get("event_date"), "2018-11-02");
    assert_eq!(get("interaction"), "22");
    assert_eq!(get("fatalities"), "7");
    assert_eq!(get("country"), "Syria");
    assert_eq!(get("source"), "Outlet A; Outlet B");
    assert!(
        get("notes").contains("<التنظيم>"),
        "quotes and brackets survive"
    );

    let mut gj = Vec::new();
    export::geojson(&events, &mut gj).unwrap();
    let parsed: geojson::GeoJson = std::str::from_utf8(&gj).unwrap().parse().unwrap();
    let geojson::GeoJson::FeatureCollection(fc) = parsed else {
        panic!("not a FeatureCollection")
    };
    assert_eq!(fc.features.len(), 1);
    let geom = fc.features[0].geometry.as_ref().unwrap();
    let geojson::GeometryValue::Point { coordinates } = &geom.value else {
        panic!("not a point")
    };
    assert_eq!(coordinates.as_slice(), &[40.83, 34.69], "longitude first");

    let mut gm = Vec::new();
    export::graphml(&events, &mut gm).unwrap();
    let text = String::from_utf8(gm).unwrap();
    let xml = roxmltree::Document::parse(&text).unwrap();
    let nodes = xml.descendants().filter(|n| n.has_tag_name("node")).count();
    let edges: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .collect();
    assert_eq!((nodes, edges.len()), (2, 1));
    assert_eq!(edges[0].attribute("source"), Some("sdf"));

    let mut pl = Vec::new();
    export::plover_jsonl(&events, &mut pl).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&pl).unwrap();
    assert_eq!(v["event_type"], "FIGHT");
    assert_eq!(v["reports"].as_array().unwrap().len(), 2);
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}

#[test]
fn foreign_and_newer_files_are_refused() {
    let path = temp("foreign");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"this is not a database, just text").unwrap();
    let e = Store::open(&path).err().expect("refused");
    assert!(e.to_string().contains("corpus.db"), "{e}");

    let other = path.with_file_name("other.db");
    {
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t(x)").unwrap();
    }
    let e = Store::open(&other).err().expect("refused");
    assert!(e.to_string().contains("not a rasid store"), "{e}");

    let newer = path.with_file_name("newer.db");
    drop(Store::open(&newer).unwrap());
    {
        let c = Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let e = Store::open(&newer).err().expect("refused");
    assert!(e.to_string().contains("newer rasid"), "{e}");
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}

#[test]
fn near_duplicates_are_linked() {
    let path = temp("near");
    let mut s = Store::open(&path).unwrap();
    let run = s.begin_run("0.1.0", "test", "test").unwrap();
    let mut a = doc("a", "A", "نص أول", vec![]);
    let mut b = doc("b", "B", "نص ثان", vec![]);
    let mut c = doc("c", "C", "نص ثالث", vec![]);
    a.signature = (0..32).collect();
    // 28 of 32 hashes equal: similar
    b.signature = (0..32).map(|i| if i < 28 { i } else { 1000 + i }).collect();
    // nothing in common
    c.signature = (100..132).collect();
    let out = s.write_batch(run, &[a, b, c]).unwrap();
    assert_eq!(out.near_duplicates, 1);
    let pairs = s.near_duplicate_pairs().unwrap();
    assert_eq!(pairs.len(), 1);
    assert!((pairs[0].2 - 28.0 / 32.0).abs() < 1e-9);
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}

#[test]
fn acled_codes() {
    assert_eq!(
        export::inter(Some("state_forces"), Some("SY"), Some("SY")),
        1
    );
    assert_eq!(
        export::inter(Some("state_forces"), Some("TR"), Some("SY")),
        8
    );
    assert_eq!(export::inter(Some("civilians"), None, Some("SY")), 7);
    assert_eq!(export::inter(None, None, None), 0);
    assert_eq!(export::interaction(7, 1), "17");
    assert_eq!(export::interaction(2, 0), "20");
}

/// docs/CORPUS.md lists the CSV columns users rely on; it and the program agree.
#[test]
fn documented_csv_columns_are_the_written_ones() {
    let doc = include_str!("../../../docs/CORPUS.md");
    let block = doc
        .split("```columns\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ```columns block in docs/CORPUS.md");
    let documented: Vec<&str> = block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let written: Vec<&str> = export::ACLED_COLUMNS
        .iter()
        .chain(export::RASID_COLUMNS)
        .copied()
        .collect();
    assert_eq!(documented, written);
}

#[test]
fn reviews_are_kept_and_corrections_shown_and_exported() {
    let path = temp("review");
    let mut s = Store::open(&path).unwrap();
    let run = s.begin_run("0.1.0", "test", "test").unwrap();
    s.write_batch(
        run,
        &[doc(
            "a",
            "A",
            "اشتباكات في هجين",
            vec![event("2018-11-02", Some(7), hajin())],
        )],
    )
    .unwrap();
    let id = s.fused_events(&EventFilter::default()).unwrap()[0].id;
    let mut s2 = s;
    let err = s2
        .review(
            id,
            &ReviewRequest {
                action: ReviewAction::Correct,
                reviewer: "analyst".into(),
                changes: Changes {
                    status: Some("rumoured".into()),
                    ..Default::default()
                },
                note: None,
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("status \"rumoured\""), "{err}");
    assert!(matches!(
        s2.review(
            999,
            &ReviewRequest {
                action: ReviewAction::Accept,
                reviewer: "a".into(),
                changes: Changes::default(),
                note: None
            }
        ),
        Err(StoreError::NotFound(_))
    ));
    s2.review(
        id,
        &ReviewRequest {
            action: ReviewAction::Accept,
            reviewer: "first".into(),
            changes: Changes::default(),
            note: None,
        },
    )
    .unwrap();
    let r = s2
        .review(
            id,
            &ReviewRequest {
                action: ReviewAction::Correct,
                reviewer: "second".into(),
                changes: Changes {
                    fatalities: Some(5),
                    category: Some("ASSAULT".into()),
                    ..Default::default()
                },
                note: Some("the SOHR toll is lower".into()),
            },
        )
        .unwrap();
    assert_eq!(r.reviewer, "second");
    assert_eq!(s2.reviews(id).unwrap().len(), 2);
    let e = s2.fused_event(id).unwrap().unwrap();
    assert_eq!((e.fatalities, e.category.as_str()), (Some(5), "ASSAULT"));
    assert_eq!(e.review.as_ref().unwrap().action, "correct");
    assert_eq!(
        e.reports[0].fatalities,
        Some(7),
        "reports stay as extracted"
    );
    let mut out = Vec::new();
    export::acled_csv(&s2.fused_events(&EventFilter::default()).unwrap(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.lines().nth(1).unwrap().contains(",correct,second,"),
        "{text}"
    );
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}

/// Several openers of one fresh file at the same moment (an ingest and a reader polling the
/// store, or two ingests): exactly one creates the schema, every one of them succeeds.
#[test]
fn openers_racing_on_a_fresh_file_all_succeed() {
    for round in 0..5 {
        let path = temp(&format!("race-{round}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let openers: Vec<_> = (0..8)
            .map(|_| {
                let (path, barrier) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path).and_then(|s| s.schema_version())
                })
            })
            .collect();
        for o in openers {
            let version = o.join().unwrap().unwrap();
            assert_eq!(version, schema::MIGRATIONS.len() as i64);
        }
        std::fs::remove_dir_all(path.parent().unwrap()).ok();
    }
}
