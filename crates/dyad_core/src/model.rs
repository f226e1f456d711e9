//! The data model shared by every stage: articles, spans, sentences, actors, events, diagnostics.
//!
//! **Invariant:** every `Span` is a pair of byte offsets into `Article::text`, the article text as
//! ingested (decoded to UTF-8, and for HTML the extracted main content). No stage rewrites it.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the raw article text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// True when the two spans share a byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The input format an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page (main content extracted).
    Html,
    /// A JSON Lines record.
    Jsonl,
    /// A WARC response record.
    Warc,
}

impl Format {
    /// Lower-case name, as stored.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

/// An article as it comes out of ingest: text plus whatever metadata the container gave.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// Where it came from: a path, a path plus JSONL line or WARC offset, or a record's id/url.
    pub source: String,
    /// The key used to match gold files: file name, JSONL `id` (or `url`), or WARC target URI.
    pub key: String,
    /// Input format.
    pub format: Format,
    /// The raw article text (UTF-8). All spans point into this.
    pub text: String,
    /// Title from metadata, if any (the text's first line may still supply one later).
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`) from metadata or a flag, if any.
    pub published: Option<String>,
    /// Outlet name from metadata, if any.
    pub outlet: Option<String>,
    /// URL, if any.
    pub url: Option<String>,
}

impl Article {
    /// A plain-text article with no metadata, as tests and `dyad extract -` use.
    pub fn from_text(key: &str, text: &str) -> Self {
        Article {
            source: key.to_string(),
            key: key.to_string(),
            format: Format::Text,
            text: text.to_string(),
            title: None,
            published: None,
            outlet: None,
            url: None,
        }
    }
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was dropped or could not be analysed.
    Warning,
    /// Informational (for example, boilerplate removed).
    Info,
}

/// Something a stage noticed; stages report these instead of failing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// Which stage.
    pub stage: &'static str,
    /// What happened.
    pub message: String,
    /// Where, when it is about a part of the text.
    pub span: Option<Span>,
}

/// One sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Position in the article, from 0.
    pub index: usize,
    /// Byte range in the raw text.
    pub span: Span,
    /// Body sentence, headline or caption.
    pub kind: SentenceKind,
}

/// What part of the article a sentence belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    /// A sentence of the body.
    Body,
    /// A headline or subhead: a short line without final punctuation.
    Heading,
    /// A photo caption.
    Caption,
}

impl SentenceKind {
    /// Lower-case name, as stored.
    pub fn as_str(&self) -> &'static str {
        match self {
            SentenceKind::Body => "body",
            SentenceKind::Heading => "heading",
            SentenceKind::Caption => "caption",
        }
    }
}

/// Event modality (EVENTS.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Happened or is happening.
    Asserted,
    /// Planned, scheduled, announced, expected.
    Future,
    /// Claimed by a third party, leaked, "reportedly".
    Alleged,
    /// The text says it did not or will not happen.
    Denied,
    /// Conditional or speculative.
    Hypothetical,
}

impl Modality {
    /// Lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Future => "future",
            Modality::Alleged => "alleged",
            Modality::Denied => "denied",
            Modality::Hypothetical => "hypothetical",
        }
    }
    /// Parses a lower-case name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "asserted" => Modality::Asserted,
            "future" => Modality::Future,
            "alleged" => Modality::Alleged,
            "denied" => Modality::Denied,
            "hypothetical" => Modality::Hypothetical,
            _ => return None,
        })
    }
}

/// Date precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// `YYYY-MM-DD`.
    Day,
    /// `YYYY-MM`.
    Month,
    /// `YYYY`.
    Year,
}

impl Precision {
    /// Lower-case name, as serialized.
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
    /// Parses a lower-case name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "day" => Precision::Day,
            "month" => Precision::Month,
            "year" => Precision::Year,
            _ => return None,
        })
    }
}

/// A party to an event, as written in the event record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Party {
    /// The text as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Canonical name.
    #[serde(default)]
    pub name: String,
    /// ISO 3166 alpha-3 or PLOVER code (IGO, UNO, EUR, NGO, ISM, IMG, MNC).
    #[serde(default)]
    pub country: Option<String>,
    /// PLOVER sector (GOV, MIL, ...).
    #[serde(default)]
    pub sector: Option<String>,
    /// Office, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Byte span of the mention in the raw text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Location {
    /// Place name as written.
    pub text: String,
    /// Canonical name.
    pub name: String,
    /// ISO alpha-3 of the place, when it belongs to a state.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Byte span in the raw text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// The sentence behind an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// Sentence index in the article.
    pub sentence: usize,
    /// Byte offset of the sentence start in the raw text.
    pub start: usize,
    /// Byte offset of the sentence end in the raw text.
    pub end: usize,
    /// The sentence text.
    pub text: String,
    /// Byte span of the trigger word or phrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Span>,
}

/// One coded event (EVENTS.md §2), plus CAMEO equivalents and provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Event {
    /// Stable id: article id + sentence + ordinal.
    #[serde(default)]
    pub id: String,
    /// PLOVER type, upper case.
    pub event: String,
    /// PLOVER mode, or null.
    pub mode: Option<String>,
    /// PLOVER contexts.
    #[serde(default)]
    pub context: Vec<String>,
    /// Modality.
    pub modality: Option<Modality>,
    /// Initiators.
    #[serde(default)]
    pub actor: Vec<Party>,
    /// Parties acted upon.
    #[serde(default)]
    pub recipient: Vec<Party>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// Precision of `date`.
    pub date_precision: Option<Precision>,
    /// End of a date range, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Where.
    pub location: Option<Location>,
    /// The sentence behind it.
    #[serde(default)]
    pub evidence: Evidence,
    /// CAMEO root code ("04").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// Quad class 1..4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quad_class: Option<u8>,
    /// PLOVER conflict-cooperation score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The rule that produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Where the article came from (path, or JSONL/WARC record id or url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}
