//! Gold files (EVENTS.md §3): one JSON object per line, one line per article, parsed leniently so
//! that one bad line is reported and skipped instead of hiding every other article.

use dyad_core::{Modality, Precision};
use serde::{Deserialize, Serialize};

/// The 16 PLOVER event types, in the order EVENTS.md §2 lists them (and reports print them).
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// One article of a gold file: its key and the events a person coded in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldArticle {
    /// The key matched against system article keys (a file name, record id or URL).
    pub article: String,
    /// Publication date (`YYYY-MM-DD`), when known.
    #[serde(default)]
    pub published: Option<String>,
    /// The coded events.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// One gold event (EVENTS.md §2, with `location` as a plain name and `quote` instead of evidence).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldEvent {
    /// PLOVER type, upper case.
    pub event: String,
    /// PLOVER mode, or null.
    #[serde(default)]
    pub mode: Option<String>,
    /// PLOVER contexts.
    #[serde(default)]
    pub context: Vec<String>,
    /// Modality; decides whether the event counts for recall.
    pub modality: Modality,
    /// Initiators.
    #[serde(default)]
    pub actor: Vec<GoldParty>,
    /// Parties acted upon; may be empty.
    #[serde(default)]
    pub recipient: Vec<GoldParty>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default)]
    pub date: Option<String>,
    /// Precision of `date`.
    #[serde(default)]
    pub date_precision: Option<Precision>,
    /// Place name, as the annotator wrote it.
    #[serde(default)]
    pub location: Option<String>,
    /// A short part of the evidence sentence, enough to find it in the article.
    #[serde(default)]
    pub quote: Option<String>,
}

/// A party of a gold event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldParty {
    /// Canonical name.
    #[serde(default)]
    pub name: String,
    /// ISO 3166 alpha-3 or PLOVER code.
    #[serde(default)]
    pub country: Option<String>,
    /// PLOVER sector.
    #[serde(default)]
    pub sector: Option<String>,
    /// Office, when known.
    #[serde(default)]
    pub office: Option<String>,
}

/// A gold line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct GoldError {
    /// The gold file's name, as given to [`parse_gold`].
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with the line.
    pub reason: String,
}

/// Parses a gold JSON Lines file. Blank lines are skipped; each bad line gives one error naming
/// `file_name` and its line number, and every good line is still returned.
pub fn parse_gold(text: &str, file_name: &str) -> (Vec<GoldArticle>, Vec<GoldError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<GoldArticle>(line)
            .map_err(|e| e.to_string())
            .and_then(|article| validate(&article).map(|()| article));
        match parsed {
            Ok(article) => articles.push(article),
            Err(reason) => errors.push(GoldError {
                file: file_name.to_string(),
                line: index + 1,
                reason,
            }),
        }
    }
    (articles, errors)
}

/// Checks what serde cannot: known event types and well-formed dates, since a typo there would
/// silently turn a gold event into a guaranteed miss.
fn validate(article: &GoldArticle) -> Result<(), String> {
    for (i, event) in article.events.iter().enumerate() {
        let position = i + 1;
        if !PLOVER_TYPES.contains(&event.event.as_str()) {
            return Err(format!(
                "event {position}: unknown PLOVER type {:?}",
                event.event
            ));
        }
        if let Some(date) = &event.date {
            if crate::dates::parse_date(date).is_none() {
                return Err(format!(
                    "event {position}: date {date:?} is not YYYY, YYYY-MM or YYYY-MM-DD"
                ));
            }
        }
    }
    Ok(())
}
