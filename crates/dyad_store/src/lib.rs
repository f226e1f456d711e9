//! The embedded store: SQLite (bundled, rollback journal) with versioned migrations, batched transactions and
//! the queries behind `dyad articles`, `dyad events`, `dyad actors` and `dyad quotes`.
//!
//! **Crash safety:** a transaction holds whole articles (one is inserted with its sentences,
//! quotes and events or not at all), so a killed ingest leaves whole articles only, and a rerun
//! skips what is there (article ids are content hashes).

mod migrations;
mod query;
mod record;

pub use query::*;

use dyad_core::Analysis;
use rusqlite::{params, Connection};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// Store errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite said no.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// JSON (de)serialization of a stored record failed.
    #[error("stored record is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The database was written by a newer dyad.
    #[error("database schema version {found} is newer than this dyad supports ({supported})")]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
}

/// Result alias.
pub type Result<T> = std::result::Result<T, StoreError>;

/// What storing a batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchOutcome {
    /// New articles stored.
    pub stored: usize,
    /// Articles already in the store (same id).
    pub duplicates: usize,
    /// Events stored.
    pub events: usize,
}

/// An open store.
pub struct Store {
    conn: Connection,
    /// Actor ids by name, as the registry has written or found them.
    actor_ids: HashMap<String, i64>,
}

impl Store {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::setup(conn)
    }

    /// An in-memory store, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // A rollback journal, not WAL: an ingest mostly appends, and a new page goes to the file
        // once, where WAL writes it twice (log, then checkpoint) and checksums every frame; that
        // was a tenth of a bulk ingest's time. Readers wait out a commit (busy timeout above).
        // With synchronous=OFF a killed process still cannot damage the store (the kill -9
        // test: the journal rolls the open transaction back); only an OS crash or power loss can
        // lose the last transactions, which a rerun of the ingest restores.
        // 16 KB pages for a new store (an existing one keeps its own): event records run to
        // hundreds of bytes, and bigger pages split less; 3 % fewer instructions per ingested
        // article and a 14 % smaller file on the bench corpus.
        conn.pragma_update(None, "page_size", 16384)?;
        conn.pragma_update(None, "journal_mode", "TRUNCATE")?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        // Foreign keys stay declared (and cascade for any connection that enables them) but are
        // not checked here: dyad never deletes, and store_batch writes an article's events and
        // quotes right after the article itself, so the check (an index seek per event and per
        // quote) could only ever pass; 5 % of the store's work.
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        // A 64 MB page cache keeps bulk ingest from re-reading index pages.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrations::migrate(&conn)?;
        Ok(Store {
            conn,
            actor_ids: HashMap::new(),
        })
    }

    /// The schema version.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Stores a batch of analysed articles in one transaction.
    pub fn store_batch(&mut self, batch: &[Analysis]) -> Result<BatchOutcome> {
        let (outcome, new) = self.insert(batch)?;
        self.commit(new_articles(batch, &new))?;
        Ok(outcome)
    }

    /// Inserts analysed articles, with their events and quotes, into the open transaction
    /// (opening one), which may take several parts before `commit`: the ingest writes each part
    /// as soon as it is analysed and commits every thousand articles or so. Returns what was
    /// stored and, for each article, whether it was new (not already stored). On an error the
    /// transaction is rolled back, parts inserted before included.
    pub fn insert(&mut self, part: &[Analysis]) -> Result<(BatchOutcome, Vec<bool>)> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN")?;
        }
        let result = self.insert_rows(part);
        if result.is_err() && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        result
    }

    fn insert_rows(&mut self, part: &[Analysis]) -> Result<(BatchOutcome, Vec<bool>)> {
        let mut outcome = BatchOutcome::default();
        let mut inserted = Vec::with_capacity(part.len());
        let conn = &self.conn;
        let mut insert_article = conn.prepare_cached(
            "INSERT OR IGNORE INTO articles (id, key, source, format, url, title, published, outlet, text, sentences, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut insert_event = conn.prepare_cached(
            "INSERT OR IGNORE INTO events (id, article_id, sentence_idx, event, mode, modality, date, date_precision, location, country_pair, rule, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut insert_quote = conn.prepare_cached(
            "INSERT INTO quotes (article_id, sentence_idx, speaker, speaker_country, start, end, text, outlet) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for analysis in part {
            let article = &analysis.article;
            let published = analysis.meta.published.map(dyad_core::dates::iso_day);
            let new = insert_article.execute(params![
                analysis.id,
                article.key,
                article.source,
                article.format.as_str(),
                article.url,
                analysis.meta.title,
                published,
                analysis.meta.outlet,
                article.text,
                sentences_json(analysis),
                mentions_json(analysis)?,
            ])? > 0;
            inserted.push(new);
            if !new {
                outcome.duplicates += 1;
                continue;
            }
            outcome.stored += 1;
            for q in &analysis.quotes {
                insert_quote.execute(params![
                    analysis.id,
                    q.sentence as i64,
                    q.speaker,
                    q.speaker_country,
                    q.span.start as i64,
                    q.span.end as i64,
                    article
                        .text
                        .get(q.span.start..q.span.end)
                        .unwrap_or_default(),
                    q.outlet,
                ])?;
            }
            for event in &analysis.events {
                let mut pair = String::with_capacity(16);
                for (k, parties) in [&event.actor, &event.recipient].into_iter().enumerate() {
                    pair.push_str(if k == 0 { "," } else { ">," });
                    for c in parties.iter().filter_map(|p| p.country.as_deref()) {
                        pair.push_str(c);
                        pair.push(',');
                    }
                }
                let n = insert_event.execute(params![
                    event.id,
                    analysis.id,
                    event.evidence.sentence as i64,
                    event.event,
                    event.mode,
                    event.modality.map(|m| m.as_str()),
                    event.date,
                    event.date_precision.map(|p| p.as_str()),
                    event.location.as_ref().map(|l| l.name.as_str()),
                    pair,
                    event.rule,
                    serde_json::to_string(&record::StoredRecord::of(event, &article.text))?,
                ])?;
                if n == 0 {
                    continue;
                }
                outcome.events += 1;
            }
        }
        Ok((outcome, inserted))
    }

    /// Registers the actors of `stored` (the new articles of the open transaction's parts) and
    /// commits; nothing to do when no transaction is open. Until then nothing of the parts is
    /// in the file: a killed ingest loses the open transaction only.
    pub fn commit<'a>(&mut self, stored: impl IntoIterator<Item = &'a Analysis>) -> Result<()> {
        if self.conn.is_autocommit() {
            return Ok(());
        }
        let mut registry = Registry::default();
        for analysis in stored {
            registry.add(analysis);
        }
        let added = match registry.write(&self.conn, &self.actor_ids) {
            Ok(added) => added,
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        };
        self.conn.execute_batch("COMMIT")?;
        self.actor_ids.extend(added);
        Ok(())
    }

    /// The connection, for queries in this crate.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// The articles of `part` that `Store::insert` found new (`new` is what it returned for them):
/// those whose actors `Store::commit` registers.
pub fn new_articles<'a>(
    part: &'a [Analysis],
    new: &'a [bool],
) -> impl Iterator<Item = &'a Analysis> {
    part.iter()
        .zip(new)
        .filter_map(|(analysis, &new)| new.then_some(analysis))
}

/// An article's actor mentions as stored: compact rows `[start, end, entity, country, sector,
/// office, kind, via]`.
fn mentions_json(analysis: &Analysis) -> Result<String> {
    let mentions: Vec<_> = analysis
        .mentions
        .iter()
        .map(|m| {
            (
                m.span.start,
                m.span.end,
                &m.entity,
                &m.country,
                &m.sector,
                &m.office,
                m.kind.as_str(),
                &m.via,
            )
        })
        .collect();
    Ok(serde_json::to_string(&mentions)?)
}

/// An article's sentences as stored: `[[start, end, kind], ...]`, the index being the position.
fn sentences_json(analysis: &Analysis) -> String {
    let mut out = String::with_capacity(analysis.sentences.len() * 20 + 2);
    out.push('[');
    for (k, s) in analysis.sentences.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "[{},{},\"{}\"]",
            s.span.start,
            s.span.end,
            s.kind.as_str()
        );
    }
    out.push(']');
    out
}

/// (entity, office, country, sector) of a dated role.
type RoleKey<'a> = (&'a str, &'a str, &'a str, &'a str);
/// (first seen, last seen, articles) of a dated role.
type RoleSeen = (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>, i64);

/// The registry updates of one batch, merged in memory first: the same officials recur across
/// the articles of a batch, so each actor, alias and role is written once per batch. Borrows
/// from the batch: no string is copied until SQLite binds it.
#[derive(Default)]
struct Registry<'a> {
    /// name -> (kind, country, sector)
    actors: BTreeMap<&'a str, (&'a str, Option<&'a str>, Option<&'a str>)>,
    aliases: BTreeSet<(&'a str, &'a str)>,
    roles: BTreeMap<RoleKey<'a>, RoleSeen>,
}

impl<'a> Registry<'a> {
    fn add(&mut self, analysis: &'a Analysis) {
        let date = analysis.meta.published;
        let mut seen = HashSet::new();
        for m in analysis.mentions.iter().filter(|m| m.kind.is_registered()) {
            self.actors
                .entry(&m.entity)
                .or_insert_with(|| (m.kind.as_str(), m.country.as_deref(), m.sector.as_deref()));
            let alias = analysis
                .article
                .text
                .get(m.span.start..m.span.end)
                .unwrap_or_default();
            self.aliases.insert((&m.entity, alias));
            let key = (
                m.entity.as_str(),
                m.office.as_deref().unwrap_or_default(),
                m.country.as_deref().unwrap_or_default(),
                m.sector.as_deref().unwrap_or_default(),
            );
            if !seen.insert(key) {
                continue;
            }
            let role = self.roles.entry(key).or_insert((date, date, 0));
            role.2 += 1;
            if let Some(d) = date {
                if role.0.is_none_or(|f| d < f) {
                    role.0 = Some(d);
                }
                if role.1.is_none_or(|l| d > l) {
                    role.1 = Some(d);
                }
            }
        }
    }

    /// Writes the batch's registry rows. `known` holds actor ids of earlier batches (an actor's
    /// row is never deleted or renumbered, so a known id stays true); the ids this batch added
    /// are returned, to be known once the transaction commits.
    fn write(&self, tx: &Connection, known: &HashMap<String, i64>) -> Result<Vec<(String, i64)>> {
        let mut upsert_actor = tx.prepare_cached(
            "INSERT INTO actors (name, kind, country, sector) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id",
        )?;
        let mut insert_alias = tx.prepare_cached(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?1, ?2)",
        )?;
        let mut upsert_role = tx.prepare_cached(
            "INSERT INTO actor_roles (actor_id, office, country, sector, first_seen, last_seen, articles)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(actor_id, office, country, sector) DO UPDATE SET
               first_seen = CASE WHEN excluded.first_seen IS NOT NULL AND (first_seen IS NULL OR excluded.first_seen < first_seen) THEN excluded.first_seen ELSE first_seen END,
               last_seen = CASE WHEN excluded.last_seen IS NOT NULL AND (last_seen IS NULL OR excluded.last_seen > last_seen) THEN excluded.last_seen ELSE last_seen END,
               articles = articles + excluded.articles",
        )?;
        let mut added = HashMap::new();
        for (&name, (kind, country, sector)) in &self.actors {
            if !known.contains_key(name) {
                let id: i64 =
                    upsert_actor.query_row(params![name, kind, country, sector], |r| r.get(0))?;
                added.insert(name, id);
            }
        }
        let id = |name: &str| known.get(name).or_else(|| added.get(name)).copied();
        for (name, alias) in &self.aliases {
            insert_alias.execute(params![id(name), alias])?;
        }
        for ((name, office, country, sector), (first, last, articles)) in &self.roles {
            upsert_role.execute(params![
                id(name),
                office,
                country,
                sector,
                first.map(dyad_core::dates::iso_day),
                last.map(dyad_core::dates::iso_day),
                articles
            ])?;
        }
        Ok(added
            .into_iter()
            .map(|(name, id)| (name.to_string(), id))
            .collect())
    }
}

#[cfg(test)]
mod tests;
