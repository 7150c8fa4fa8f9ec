//! The store's schema as an ordered list of migrations. `PRAGMA user_version` holds how many
//! have been applied; opening a store applies the missing ones in one write-locked transaction, and
//! a store written by a newer rasid (more migrations than this build knows) is refused.

/// Migration `i` brings a store from version `i` to `i + 1`. Never edit a released entry:
/// append a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: documents, runs, mentions, events, fused events, search, near-duplicates
    r#"
    CREATE TABLE runs (
        id            INTEGER PRIMARY KEY,
        started       TEXT NOT NULL,
        finished      TEXT,
        rasid_version TEXT NOT NULL,
        data_version  TEXT NOT NULL,
        command       TEXT NOT NULL,
        ingested      INTEGER NOT NULL DEFAULT 0,
        skipped       INTEGER NOT NULL DEFAULT 0,
        failed        INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE documents (
        id          INTEGER PRIMARY KEY,
        hash        TEXT NOT NULL UNIQUE,
        doc_key     TEXT NOT NULL,
        source      TEXT,
        url         TEXT,
        title       TEXT,
        published   TEXT,
        lang        TEXT,
        origin      TEXT NOT NULL,
        text        TEXT NOT NULL,
        run_id      INTEGER NOT NULL REFERENCES runs(id),
        notes       TEXT
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
    );
    CREATE TABLE signatures (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id),
        sig    BLOB NOT NULL
    );
    CREATE TABLE lsh (
        band   INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        doc_id INTEGER NOT NULL REFERENCES documents(id)
    );
    CREATE INDEX lsh_bucket ON lsh(band, bucket);
    CREATE TABLE near_duplicates (
        doc_id     INTEGER NOT NULL REFERENCES documents(id),
        other_id   INTEGER NOT NULL REFERENCES documents(id),
        similarity REAL NOT NULL,
        PRIMARY KEY (doc_id, other_id)
    );
    CREATE TABLE mentions (
        id        INTEGER PRIMARY KEY,
        doc_id    INTEGER NOT NULL REFERENCES documents(id),
        kind      TEXT NOT NULL,
        start     INTEGER NOT NULL,
        end       INTEGER NOT NULL,
        text      TEXT NOT NULL,
        entity_id TEXT,
        name      TEXT NOT NULL,
        detail    TEXT
    );
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_entity ON mentions(kind, entity_id);
    CREATE TABLE fused_events (
        id              INTEGER PRIMARY KEY,
        category        TEXT NOT NULL,
        real            INTEGER NOT NULL,
        day_start       INTEGER,
        day_end         INTEGER,
        report_count    INTEGER NOT NULL DEFAULT 0,
        source_count    INTEGER NOT NULL DEFAULT 0,
        fatalities      INTEGER,
        fatalities_max  INTEGER,
        best_event      INTEGER
    );
    CREATE INDEX fused_window ON fused_events(category, real, day_start);
    CREATE TABLE events (
        id                   INTEGER PRIMARY KEY,
        doc_id               INTEGER NOT NULL REFERENCES documents(id),
        run_id               INTEGER NOT NULL REFERENCES runs(id),
        fused_id             INTEGER REFERENCES fused_events(id),
        category             TEXT NOT NULL,
        mode                 TEXT,
        acled_event_type     TEXT,
        acled_sub_event_type TEXT,
        actor1_id            TEXT,
        actor1               TEXT,
        actor1_kind          TEXT,
        actor1_country       TEXT,
        actor2_id            TEXT,
        actor2               TEXT,
        actor2_kind          TEXT,
        actor2_country       TEXT,
        place_id             TEXT,
        location             TEXT,
        location_ar          TEXT,
        feature              TEXT,
        country              TEXT,
        admin1               TEXT,
        admin2               TEXT,
        lat                  REAL,
        lon                  REAL,
        geo_precision        INTEGER,
        date_start           TEXT,
        date_end             TEXT,
        day_start            INTEGER,
        day_end              INTEGER,
        time_precision       INTEGER,
        fatalities           INTEGER,
        fatalities_text      TEXT,
        status               TEXT NOT NULL,
        confidence           REAL NOT NULL,
        attributed_to        TEXT,
        trigger_start        INTEGER NOT NULL,
        trigger_end          INTEGER NOT NULL,
        trigger_text         TEXT NOT NULL,
        evidence_start       INTEGER NOT NULL,
        evidence_end         INTEGER NOT NULL,
        evidence             TEXT NOT NULL,
        json                 TEXT NOT NULL
    );
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_fused ON events(fused_id);
    "#,
    // 2: analysts' reviews of fused events: accept, reject or correct, with who and when
    r#"
    CREATE TABLE reviews (
        id        INTEGER PRIMARY KEY,
        fused_id  INTEGER NOT NULL REFERENCES fused_events(id),
        action    TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'correct')),
        changes   TEXT,
        note      TEXT,
        reviewer  TEXT NOT NULL,
        at        TEXT NOT NULL
    );
    CREATE INDEX reviews_fused ON reviews(fused_id, id);
    "#,
    // 3: the fields reads filter and sort on, copied from the best report into the fused
    // event, so a filtered page reads small rows through an index
    r#"
    ALTER TABLE fused_events ADD COLUMN status TEXT;
    ALTER TABLE fused_events ADD COLUMN date_start TEXT;
    ALTER TABLE fused_events ADD COLUMN date_end TEXT;
    ALTER TABLE fused_events ADD COLUMN country TEXT;
    ALTER TABLE fused_events ADD COLUMN admin1 TEXT;
    ALTER TABLE fused_events ADD COLUMN actor1_id TEXT;
    ALTER TABLE fused_events ADD COLUMN actor1 TEXT;
    ALTER TABLE fused_events ADD COLUMN actor2_id TEXT;
    ALTER TABLE fused_events ADD COLUMN actor2 TEXT;
    ALTER TABLE fused_events ADD COLUMN confidence REAL;
    UPDATE fused_events SET (status, date_start, date_end, country, admin1, actor1_id, actor1,
        actor2_id, actor2, confidence) = (SELECT status, date_start, date_end, country, admin1,
        actor1_id, actor1, actor2_id, actor2, confidence FROM events
        WHERE events.id = fused_events.best_event);
    CREATE INDEX fused_category_date ON fused_events(category, date_start);
    CREATE INDEX fused_date ON fused_events(date_start);
    "#,
];
