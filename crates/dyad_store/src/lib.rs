//! The embedded store: SQLite (bundled, WAL) with versioned migrations, batched transactions and
//! the queries behind `dyad articles`, `dyad events`, `dyad actors` and `dyad quotes`.
//!
//! **Crash safety:** every batch is one transaction and an article is inserted with its
//! sentences and events or not at all, so a killed ingest leaves whole articles only, and a rerun
//! skips what is there (article ids are content hashes).

mod migrations;
mod query;

pub use query::*;

use dyad_core::Analysis;
use rusqlite::{params, Connection, OptionalExtension};
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
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A 64 MB page cache and rarer checkpoints keep bulk ingest from re-reading index pages.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrations::migrate(&conn)?;
        Ok(Store { conn })
    }

    /// The schema version.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// True when an article with this id is stored.
    pub fn has_article(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Stores a batch of analysed articles in one transaction.
    pub fn store_batch(&mut self, batch: &[Analysis]) -> Result<BatchOutcome> {
        let mut outcome = BatchOutcome::default();
        let tx = self.conn.transaction()?;
        {
            let mut insert_article = tx.prepare_cached(
                "INSERT OR IGNORE INTO articles (id, key, source, format, url, title, published, outlet, text, clean_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut insert_sentence =
                tx.prepare_cached("INSERT INTO sentences (article_id, idx, start, end, kind) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            let mut insert_event = tx.prepare_cached(
                "INSERT OR IGNORE INTO events (id, article_id, sentence_idx, event, mode, modality, date, date_precision, location, country_pair, rule, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut insert_mention =
                tx.prepare_cached("INSERT INTO mentions (article_id, mentions) VALUES (?1, ?2)")?;
            let mut insert_quote = tx.prepare_cached(
                "INSERT INTO quotes (article_id, sentence_idx, speaker, speaker_country, start, end, text, outlet) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for analysis in batch {
                let article = &analysis.article;
                let published = analysis.meta.published.map(|d| d.to_string());
                let inserted = insert_article.execute(params![
                    analysis.id,
                    article.key,
                    article.source,
                    article.format.as_str(),
                    article.url,
                    analysis.meta.title,
                    published,
                    analysis.meta.outlet,
                    article.text,
                    analysis.clean_text,
                ])?;
                if inserted == 0 {
                    outcome.duplicates += 1;
                    continue;
                }
                outcome.stored += 1;
                for s in &analysis.sentences {
                    insert_sentence.execute(params![
                        analysis.id,
                        s.index as i64,
                        s.span.start as i64,
                        s.span.end as i64,
                        s.kind.as_str()
                    ])?;
                }
                insert_mention.execute(params![
                    analysis.id,
                    serde_json::to_string(&analysis.mentions)?
                ])?;
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
                    let countries = |parties: &[dyad_core::Party]| {
                        parties
                            .iter()
                            .filter_map(|p| p.country.as_deref())
                            .fold(String::from(","), |acc, c| acc + c + ",")
                    };
                    let pair = format!(
                        "{}>{}",
                        countries(&event.actor),
                        countries(&event.recipient)
                    );
                    let n = insert_event.execute(params![
                        event.id,
                        analysis.id,
                        event.evidence.sentence as i64,
                        event.event,
                        event.mode,
                        event.modality.map(|m| m.as_str()),
                        event.date,
                        event
                            .date_precision
                            .map(|p| format!("{p:?}").to_lowercase()),
                        event.location.as_ref().map(|l| l.name.clone()),
                        pair,
                        event.rule,
                        serde_json::to_string(event)?,
                    ])?;
                    if n == 0 {
                        continue;
                    }
                    outcome.events += 1;
                }
                update_registry(&tx, analysis)?;
            }
        }
        tx.commit()?;
        Ok(outcome)
    }

    /// The connection, for queries in this crate.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Adds the article's resolved persons and organizations to the corpus-level actor registry:
/// canonical entity, aliases, and dated roles with first/last seen and article counts.
fn update_registry(tx: &rusqlite::Transaction<'_>, analysis: &Analysis) -> Result<()> {
    let date = analysis.meta.published.map(|d| d.to_string());
    let mut upsert_actor = tx.prepare_cached(
        "INSERT INTO actors (name, kind, country, sector) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id",
    )?;
    let mut insert_alias =
        tx.prepare_cached("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?1, ?2)")?;
    let mut upsert_role = tx.prepare_cached(
        "INSERT INTO actor_roles (actor_id, office, country, sector, first_seen, last_seen, articles)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1)
         ON CONFLICT(actor_id, office, country, sector) DO UPDATE SET
           first_seen = CASE WHEN excluded.first_seen IS NOT NULL AND (first_seen IS NULL OR excluded.first_seen < first_seen) THEN excluded.first_seen ELSE first_seen END,
           last_seen = CASE WHEN excluded.last_seen IS NOT NULL AND (last_seen IS NULL OR excluded.last_seen > last_seen) THEN excluded.last_seen ELSE last_seen END,
           articles = articles + 1",
    )?;
    let mut seen_roles = std::collections::HashSet::new();
    let mut seen_aliases = std::collections::HashSet::new();
    for m in &analysis.mentions {
        if !m.kind.is_registered() {
            continue;
        }
        let alias = analysis
            .article
            .text
            .get(m.span.start..m.span.end)
            .unwrap_or_default();
        let office = m.office.clone().unwrap_or_default();
        let role_key = (
            m.entity.as_str(),
            office.clone(),
            m.country.clone(),
            m.sector.clone(),
        );
        let new_role = !seen_roles.contains(&role_key);
        let new_alias = seen_aliases.insert((m.entity.as_str(), alias));
        if !new_role && !new_alias {
            continue;
        }
        let actor_id: i64 = upsert_actor.query_row(
            params![m.entity, m.kind.as_str(), m.country, m.sector],
            |r| r.get(0),
        )?;
        if new_alias {
            insert_alias.execute(params![actor_id, alias])?;
        }
        if new_role {
            seen_roles.insert(role_key);
            upsert_role.execute(params![
                actor_id,
                office,
                m.country.clone().unwrap_or_default(),
                m.sector.clone().unwrap_or_default(),
                date
            ])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
