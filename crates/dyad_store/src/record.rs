//! An event as stored: the columns of `events` hold the fields a query filters on, and the
//! JSON `record` holds only the rest, with no copies of article text; [`EventRow`] puts an
//! [`Event`] back together from both.

use dyad_core::{Event, Location, Modality, Party, Precision, Span};
use serde::{Deserialize, Serialize};

/// The record of an event, borrowed from it (no clone of the event to write it).
///
/// Left out because a column of `events` or `articles` holds them: id, event, mode, modality,
/// date, date_precision, rule, source. Left out because the article text holds them: the
/// evidence sentence and the text of every party that is the text at its span.
#[derive(Serialize)]
pub(crate) struct StoredRecord<'a> {
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    context: &'a [String],
    actor: Vec<StoredParty<'a>>,
    recipient: Vec<StoredParty<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a Location>,
    evidence: StoredEvidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    cameo: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quad_class: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
}

#[derive(Serialize)]
struct StoredParty<'a> {
    /// Only when the article text at the span is not it (no span, or a text the pipeline
    /// made: "the demonstrators" recorded as "Georgian demonstrators").
    #[serde(skip_serializing_if = "str::is_empty")]
    text: &'a str,
    name: &'a str,
    country: Option<&'a str>,
    sector: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<Span>,
}

#[derive(Serialize, Deserialize, Default)]
struct StoredEvidence {
    sentence: usize,
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trigger: Option<Span>,
}

impl<'a> StoredRecord<'a> {
    /// The record of `event`, found in the raw `text` of its article.
    pub(crate) fn of(event: &'a Event, text: &str) -> Self {
        let parties = |parties: &'a [Party]| {
            parties
                .iter()
                .map(|p| StoredParty {
                    text: match p.span {
                        Some(span) if text.get(span.start..span.end) == Some(p.text.as_str()) => "",
                        _ => &p.text,
                    },
                    name: &p.name,
                    country: p.country.as_deref(),
                    sector: p.sector.as_deref(),
                    office: p.office.as_deref(),
                    span: p.span,
                })
                .collect()
        };
        StoredRecord {
            context: &event.context,
            actor: parties(&event.actor),
            recipient: parties(&event.recipient),
            end_date: event.end_date.as_deref(),
            location: event.location.as_ref(),
            evidence: StoredEvidence {
                sentence: event.evidence.sentence,
                start: event.evidence.start,
                end: event.evidence.end,
                trigger: event.evidence.trigger,
            },
            cameo: event.cameo.as_deref(),
            quad_class: event.quad_class,
            score: event.score,
        }
    }
}

/// What a read finds in a record. Every field has a default, and unknown fields are ignored, so
/// the full records older stores wrote (with id, event, ... and emptied texts) read too.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ReadRecord {
    context: Vec<String>,
    actor: Vec<Party>,
    recipient: Vec<Party>,
    end_date: Option<String>,
    location: Option<Location>,
    evidence: StoredEvidence,
    cameo: Option<String>,
    quad_class: Option<u8>,
    score: Option<f64>,
}

/// The columns to select for [`EventRow::read`], in its order (`e` is events, `a` articles).
pub(crate) const EVENT_COLUMNS: &str = "e.id, e.event, e.mode, e.modality, e.date, \
     e.date_precision, e.rule, coalesce(a.url, a.source), e.record, a.text";

/// One selected row of [`EVENT_COLUMNS`].
pub(crate) struct EventRow {
    id: String,
    event: String,
    mode: Option<String>,
    modality: Option<String>,
    date: Option<String>,
    date_precision: Option<String>,
    rule: Option<String>,
    source: Option<String>,
    record: String,
    /// The article's raw text.
    pub(crate) text: String,
}

impl EventRow {
    pub(crate) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
        Ok(EventRow {
            id: r.get(0)?,
            event: r.get(1)?,
            mode: r.get(2)?,
            modality: r.get(3)?,
            date: r.get(4)?,
            date_precision: r.get(5)?,
            rule: r.get(6)?,
            source: r.get(7)?,
            record: r.get(8)?,
            text: r.get(9)?,
        })
    }

    /// The event, its texts restored from the article.
    pub(crate) fn event(&self) -> serde_json::Result<Event> {
        let record: ReadRecord = serde_json::from_str(&self.record)?;
        let mut event = Event {
            id: self.id.clone(),
            event: self.event.clone(),
            mode: self.mode.clone(),
            context: record.context,
            modality: self.modality.as_deref().and_then(Modality::parse),
            actor: record.actor,
            recipient: record.recipient,
            date: self.date.clone(),
            date_precision: self.date_precision.as_deref().and_then(Precision::parse),
            end_date: record.end_date,
            location: record.location,
            evidence: dyad_core::Evidence {
                sentence: record.evidence.sentence,
                start: record.evidence.start,
                end: record.evidence.end,
                text: String::new(),
                trigger: record.evidence.trigger,
            },
            cameo: record.cameo,
            quad_class: record.quad_class,
            score: record.score,
            rule: self.rule.clone(),
            source: self.source.clone(),
        };
        restore_copies(&mut event, &self.text);
        Ok(event)
    }
}

/// Puts back the texts the record leaves out, from the article text.
fn restore_copies(event: &mut Event, text: &str) {
    event.evidence.text = text
        .get(event.evidence.start..event.evidence.end)
        .unwrap_or_default()
        .to_string();
    for party in event.actor.iter_mut().chain(event.recipient.iter_mut()) {
        if let (true, Some(span)) = (party.text.is_empty(), party.span) {
            party.text = text
                .get(span.start..span.end)
                .unwrap_or_default()
                .to_string();
        }
    }
}
