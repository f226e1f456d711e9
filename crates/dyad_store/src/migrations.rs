//! Schema migrations, applied in order and recorded in `PRAGMA user_version`.

use crate::{Result, StoreError};
use rusqlite::Connection;

/// Each entry moves the schema from version `index` to `index + 1`. Never edit a released one;
/// add a new one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: articles and sentences; actors, events and stories tables.
    "CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        url TEXT,
        title TEXT,
        published TEXT,
        outlet TEXT,
        text TEXT NOT NULL,
        clean_text TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        kind TEXT NOT NULL
    );
    -- Rows are appended in rowid order and found through this small index: a table clustered
    -- on the (random) article hash would make every insert of a large store a random write.
    CREATE UNIQUE INDEX sentences_article ON sentences(article_id, idx);
    CREATE TABLE actors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        country TEXT,
        sector TEXT
    );
    CREATE TABLE actor_aliases (
        actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (actor_id, alias)
    ) WITHOUT ROWID;
    CREATE TABLE actor_roles (
        actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        office TEXT NOT NULL,
        country TEXT NOT NULL,
        sector TEXT NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        articles INTEGER NOT NULL,
        PRIMARY KEY (actor_id, office, country, sector)
    ) WITHOUT ROWID;
    -- Actor mentions of an article, one JSON array per article ([{span, entity, country, sector,
    -- office, kind, via}]): read whole with the article, so one row instead of dozens.
    -- One row per article: a JSON array of [start, end, entity, country, sector, office, kind,
    -- via], spans into articles.text.
    CREATE TABLE mentions (
        article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
        mentions TEXT NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        event TEXT NOT NULL,
        mode TEXT,
        modality TEXT,
        date TEXT,
        date_precision TEXT,
        location TEXT,
        -- ',CHN,RUS>,SYR,' : actor countries, '>', recipient countries, each wrapped in
        -- commas so that a filter is a LIKE '%,CHN,%' (parties themselves are in `record`).
        country_pair TEXT NOT NULL,
        rule TEXT,
        story_id INTEGER REFERENCES stories(id),
        record TEXT NOT NULL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type_date ON events(event, date);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        speaker TEXT,
        speaker_country TEXT,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        outlet TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        event TEXT NOT NULL,
        first_date TEXT,
        last_date TEXT,
        articles INTEGER NOT NULL DEFAULT 0
    );",
    // 2: an article's sentences as one compact JSON array ([[start, end, kind], ...], index =
    // position) instead of a row each, and no stored copy of the cleaned text (the sentence
    // spans locate it): a third of the rows and a sixth of the bytes of a large store.
    "ALTER TABLE articles ADD COLUMN sentences TEXT NOT NULL DEFAULT '[]';
    UPDATE articles SET sentences = (
        SELECT json_group_array(json_array(start, end, kind))
        FROM (SELECT start, end, kind FROM sentences s WHERE s.article_id = articles.id ORDER BY idx)
    );
    DROP TABLE sentences;
    ALTER TABLE articles DROP COLUMN clean_text;",
    // 3: an article's actor mentions in the article row too (written with it, read with it), and
    // events found by article through their id, which starts with the article id: two fewer
    // b-tree inserts per article and per event.
    "ALTER TABLE articles ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';
    UPDATE articles SET mentions = coalesce(
        (SELECT m.mentions FROM mentions m WHERE m.article_id = articles.id), '[]');
    DROP TABLE mentions;
    DROP INDEX events_article;",
];

/// Applies the migrations the database lacks, each in its own transaction.
pub(crate) fn migrate(conn: &Connection) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if version > supported {
        return Err(StoreError::TooNew {
            found: version,
            supported,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        conn.execute_batch(&format!(
            "BEGIN; {sql}; PRAGMA user_version = {}; COMMIT;",
            index + 1
        ))?;
    }
    Ok(())
}
