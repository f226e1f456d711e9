//! Read queries for the CLI listings: articles, one article with its sentences, events with
//! filters, one event, actors with their roles, quotes.

use crate::record::{EventRow, EVENT_COLUMNS};
use crate::{Result, Store};
use dyad_core::Event;
use rusqlite::{params_from_iter, types::Value, OptionalExtension};
use serde::Serialize;

/// One article row of a listing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleRow {
    /// Id.
    pub id: String,
    /// Gold key.
    pub key: String,
    /// Where from.
    pub source: String,
    /// Format.
    pub format: String,
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Sentence count.
    pub sentences: i64,
    /// Event count.
    pub events: i64,
}

/// One sentence of an article.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SentenceRow {
    /// Index.
    pub index: i64,
    /// Byte start in the raw text.
    pub start: i64,
    /// Byte end.
    pub end: i64,
    /// body, heading or caption.
    pub kind: String,
    /// Text.
    pub text: String,
}

/// Filters for `dyad articles`.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    /// Exactly this article id.
    pub id: Option<String>,
    /// Outlet contains (case-insensitive).
    pub outlet: Option<String>,
    /// Published on or after.
    pub since: Option<String>,
    /// Published on or before.
    pub until: Option<String>,
    /// Title or text contains.
    pub contains: Option<String>,
    /// At most this many rows.
    pub limit: Option<usize>,
}

/// Filters for `dyad events`.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Any party from this country.
    pub country: Option<String>,
    /// Both countries involved (any side).
    pub dyad: Option<(String, String)>,
    /// PLOVER type.
    pub event: Option<String>,
    /// Modality.
    pub modality: Option<String>,
    /// Event date on or after.
    pub since: Option<String>,
    /// Event date on or before.
    pub until: Option<String>,
    /// Outlet contains.
    pub outlet: Option<String>,
    /// Article id.
    pub article: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
}

/// An actor of the registry with its roles.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorRow {
    /// Canonical name.
    pub name: String,
    /// person, organization, institution ...
    pub kind: String,
    /// Country (latest known).
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Aliases seen.
    pub aliases: Vec<String>,
    /// Roles seen, with dates.
    pub roles: Vec<RoleRow>,
}

/// id, name, kind, country, sector of a registry row.
type ActorHead = (i64, String, String, Option<String>, Option<String>);

/// One dated role.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RoleRow {
    /// Office (may be empty).
    pub office: String,
    /// Country.
    pub country: String,
    /// Sector.
    pub sector: String,
    /// First article date.
    pub first_seen: Option<String>,
    /// Last article date.
    pub last_seen: Option<String>,
    /// Number of articles.
    pub articles: i64,
}

/// A stored quote.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteRow {
    /// Article id.
    pub article: String,
    /// Sentence index.
    pub sentence: i64,
    /// Speaker entity.
    pub speaker: Option<String>,
    /// Speaker country.
    pub speaker_country: Option<String>,
    /// Relaying outlet.
    pub outlet: Option<String>,
    /// The quote text.
    pub text: String,
}

impl Store {
    /// Articles, newest first.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleRow>> {
        let mut sql = String::from(
            "SELECT a.id, a.key, a.source, a.format, a.title, a.published, a.outlet,
                    json_array_length(a.sentences),
                    (SELECT count(*) FROM events e WHERE e.id > a.id || '-' AND e.id < a.id || '.')
             FROM articles a WHERE 1=1",
        );
        let mut args: Vec<Value> = Vec::new();
        if let Some(id) = &filter.id {
            sql.push_str(" AND a.id = ?");
            args.push(Value::Text(id.clone()));
        }
        if let Some(outlet) = &filter.outlet {
            sql.push_str(" AND a.outlet LIKE ?");
            args.push(Value::Text(format!("%{outlet}%")));
        }
        if let Some(since) = &filter.since {
            sql.push_str(" AND a.published >= ?");
            args.push(Value::Text(since.clone()));
        }
        if let Some(until) = &filter.until {
            sql.push_str(" AND a.published <= ?");
            args.push(Value::Text(until.clone()));
        }
        if let Some(text) = &filter.contains {
            sql.push_str(" AND (a.title LIKE ? OR a.text LIKE ?)");
            args.push(Value::Text(format!("%{text}%")));
            args.push(Value::Text(format!("%{text}%")));
        }
        sql.push_str(" ORDER BY a.published DESC, a.key");
        if let Some(limit) = filter.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok(ArticleRow {
                id: r.get(0)?,
                key: r.get(1)?,
                source: r.get(2)?,
                format: r.get(3)?,
                title: r.get(4)?,
                published: r.get(5)?,
                outlet: r.get(6)?,
                sentences: r.get(7)?,
                events: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// One article by id (or unique id prefix, or key) with its sentences.
    pub fn article(&self, id: &str) -> Result<Option<(ArticleRow, Vec<SentenceRow>)>> {
        let found: Option<String> = self
            .conn()
            .query_row(
                "SELECT id FROM articles WHERE id = ?1 OR key = ?1 OR id LIKE ?1 || '%' ORDER BY id = ?1 DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = found else { return Ok(None) };
        let filter = ArticleFilter {
            id: Some(id.clone()),
            ..ArticleFilter::default()
        };
        let Some(row) = self.articles(&filter)?.into_iter().next() else {
            return Ok(None);
        };
        let (text, stored): (String, String) = self.conn().query_row(
            "SELECT text, sentences FROM articles WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let spans: Vec<(i64, i64, String)> = serde_json::from_str(&stored)?;
        let sentences = spans
            .into_iter()
            .enumerate()
            .map(|(index, (start, end, kind))| SentenceRow {
                index: index as i64,
                start,
                end,
                kind,
                text: text
                    .get(start as usize..end as usize)
                    .unwrap_or_default()
                    .to_string(),
            })
            .collect();
        Ok(Some((row, sentences)))
    }

    /// Events matching the filter, by date.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<Event>> {
        let mut sql = format!(
            "SELECT {} FROM events e JOIN articles a ON a.id = e.article_id WHERE 1=1",
            crate::record::EVENT_COLUMNS
        );
        let mut args: Vec<Value> = Vec::new();
        if let Some(country) = &filter.country {
            sql.push_str(" AND e.country_pair LIKE ?");
            args.push(Value::Text(format!("%,{country},%")));
        }
        if let Some((a, b)) = &filter.dyad {
            for c in [a, b] {
                sql.push_str(" AND e.country_pair LIKE ?");
                args.push(Value::Text(format!("%,{c},%")));
            }
        }
        for (column, value) in [("e.event", &filter.event), ("e.modality", &filter.modality)] {
            if let Some(v) = value {
                sql.push_str(&format!(" AND {column} = ?"));
                args.push(Value::Text(v.clone()));
            }
        }
        if let Some(since) = &filter.since {
            sql.push_str(" AND e.date >= ?");
            args.push(Value::Text(since.clone()));
        }
        if let Some(until) = &filter.until {
            // "2023-04" <= "2023-04-30" and "2023" <= "2023-12-31": compare against the prefix.
            sql.push_str(
                " AND substr(e.date, 1, length(?1x)) <= ?1x"
                    .replace("?1x", "?")
                    .as_str(),
            );
            args.push(Value::Text(until.clone()));
            args.push(Value::Text(until.clone()));
        }
        if let Some(outlet) = &filter.outlet {
            sql.push_str(" AND a.outlet LIKE ?");
            args.push(Value::Text(format!("%{outlet}%")));
        }
        if let Some(article) = &filter.article {
            sql.push_str(" AND (a.id LIKE ? || '%' OR a.key = ?)");
            args.push(Value::Text(article.clone()));
            args.push(Value::Text(article.clone()));
        }
        sql.push_str(" ORDER BY e.date, e.id");
        if let Some(limit) = filter.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn().prepare(&sql)?;
        let rows: Vec<EventRow> = stmt
            .query_map(params_from_iter(args), EventRow::read)?
            .collect::<std::result::Result<_, _>>()?;
        rows.iter().map(|row| Ok(row.event()?)).collect()
    }

    /// One event by id (or unique prefix), with the raw text of its article.
    pub fn event(&self, id: &str) -> Result<Option<(Event, String)>> {
        let row: Option<EventRow> = self
            .conn()
            .query_row(
                &format!(
                    "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
                     WHERE e.id = ?1 OR e.id LIKE ?1 || '%' ORDER BY e.id = ?1 DESC LIMIT 1"
                ),
                [id],
                EventRow::read,
            )
            .optional()?;
        match row {
            Some(row) => Ok(Some((row.event()?, row.text))),
            None => Ok(None),
        }
    }

    /// Actors of the registry; `name` filters by name or alias, `country` by country.
    pub fn actors(
        &self,
        name: Option<&str>,
        country: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<ActorRow>> {
        let mut sql =
            String::from("SELECT id, name, kind, country, sector FROM actors a WHERE 1=1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(name) = name {
            sql.push_str(" AND (a.name LIKE ? OR EXISTS (SELECT 1 FROM actor_aliases x WHERE x.actor_id = a.id AND x.alias LIKE ?))");
            args.push(Value::Text(format!("%{name}%")));
            args.push(Value::Text(format!("%{name}%")));
        }
        if let Some(country) = country {
            sql.push_str(" AND (a.country = ? OR EXISTS (SELECT 1 FROM actor_roles r WHERE r.actor_id = a.id AND r.country = ?))");
            args.push(Value::Text(country.to_string()));
            args.push(Value::Text(country.to_string()));
        }
        sql.push_str(" ORDER BY (SELECT sum(articles) FROM actor_roles r WHERE r.actor_id = a.id) DESC, a.name");
        if let Some(limit) = limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn().prepare(&sql)?;
        let heads: Vec<ActorHead> = stmt
            .query_map(params_from_iter(args), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        for (id, name, kind, country, sector) in heads {
            let mut alias_stmt = self.conn().prepare_cached(
                "SELECT alias FROM actor_aliases WHERE actor_id = ?1 ORDER BY alias",
            )?;
            let aliases = alias_stmt
                .query_map([id], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?;
            let mut role_stmt = self.conn().prepare_cached(
                "SELECT office, country, sector, first_seen, last_seen, articles FROM actor_roles WHERE actor_id = ?1 ORDER BY first_seen",
            )?;
            let roles = role_stmt
                .query_map([id], |r| {
                    Ok(RoleRow {
                        office: r.get(0)?,
                        country: r.get(1)?,
                        sector: r.get(2)?,
                        first_seen: r.get(3)?,
                        last_seen: r.get(4)?,
                        articles: r.get(5)?,
                    })
                })?
                .collect::<std::result::Result<_, _>>()?;
            out.push(ActorRow {
                name,
                kind,
                country,
                sector,
                aliases,
                roles,
            });
        }
        Ok(out)
    }

    /// Quotes, optionally by speaker (contains) and article.
    pub fn quotes(
        &self,
        speaker: Option<&str>,
        article: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<QuoteRow>> {
        let mut sql = String::from(
            "SELECT q.article_id, q.sentence_idx, q.speaker, q.speaker_country, coalesce(q.outlet, a.outlet), q.text
             FROM quotes q JOIN articles a ON a.id = q.article_id WHERE 1=1",
        );
        let mut args: Vec<Value> = Vec::new();
        if let Some(speaker) = speaker {
            sql.push_str(" AND q.speaker LIKE ?");
            args.push(Value::Text(format!("%{speaker}%")));
        }
        if let Some(article) = article {
            sql.push_str(" AND (a.id LIKE ? || '%' OR a.key = ?)");
            args.push(Value::Text(article.to_string()));
            args.push(Value::Text(article.to_string()));
        }
        sql.push_str(" ORDER BY a.published, q.article_id, q.start");
        if let Some(limit) = limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok(QuoteRow {
                article: r.get(0)?,
                sentence: r.get(1)?,
                speaker: r.get(2)?,
                speaker_country: r.get(3)?,
                outlet: r.get(4)?,
                text: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
