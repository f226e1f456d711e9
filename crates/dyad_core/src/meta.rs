//! Article metadata from the text itself: title from a headline line, publication date from
//! metadata, a date line or a wire dateline, outlet from metadata, URL domain or signature.

use crate::clean::{Cleaned, DropReason};
use crate::dates::DateResolver;
use crate::kb::KnowledgeBase;
use crate::model::{Article, Diagnostic, Sentence, SentenceKind, Severity};
use chrono::NaiveDate;

/// Metadata resolved for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Where the publication date came from.
    pub published_from: Option<&'static str>,
    /// Outlet, canonical when known.
    pub outlet: Option<String>,
}

/// Resolves metadata. Pure: looks only at the article, its cleaning and its sentences.
pub fn resolve(
    article: &Article,
    cleaned: &Cleaned,
    sentences: &[Sentence],
    dates: &DateResolver,
    kb: &KnowledgeBase,
    diagnostics: &mut Vec<Diagnostic>,
) -> Metadata {
    let mut meta = Metadata {
        title: article.title.clone(),
        ..Default::default()
    };
    if meta.title.is_none() {
        // A first line that looks like a headline becomes the title.
        if let Some(first) = sentences
            .first()
            .filter(|s| s.kind == SentenceKind::Heading)
        {
            meta.title = Some(
                article.text[first.span.start..first.span.end]
                    .trim()
                    .to_string(),
            );
        }
    }
    if let Some(value) = &article.published {
        meta.published = dates.parse_publication_date(value);
        meta.published_from = Some("metadata");
        if meta.published.is_none() {
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                stage: "meta",
                message: format!("publication date {value:?} not understood"),
                span: None,
            });
        }
    }
    let date_lines: Vec<NaiveDate> = cleaned
        .dropped
        .iter()
        .filter(|(_, reason)| *reason == DropReason::DateLine)
        .filter_map(|(span, _)| dates.parse_publication_date(&article.text[span.start..span.end]))
        .collect();
    if meta.published.is_none() {
        if let Some(first) = date_lines.first() {
            meta.published = Some(*first);
            meta.published_from = Some("date line");
        }
    }
    if meta.published.is_none() {
        // Date lines with more on them: "Source: Xinhua | 2023-11-12 10:21:45 | Editor: x",
        // "Posted on January 13, 2024 by someone", "LAND WARFARE | 6 December 2022".
        let found = article
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(6)
            .filter(|l| l.len() <= 140 && !crate::clean::ends_sentence(l))
            .find_map(|l| dates.parse_publication_date(l));
        if let Some(date) = found {
            meta.published = Some(date);
            meta.published_from = Some("header line");
        }
    }
    let head_end = floor_char_boundary(&article.text, 400);
    if meta.published.is_none() {
        if let Some(date) = dates.dateline_date(&article.text[..head_end], None) {
            meta.published = Some(date);
            meta.published_from = Some("dateline");
        }
    }
    meta.outlet = article
        .outlet
        .as_deref()
        .map(|o| {
            kb.outlet_by_name(o)
                .map_or_else(|| o.trim().to_string(), |x| x.name.clone())
        })
        .or_else(|| {
            article
                .url
                .as_deref()
                .and_then(|url| kb.outlet_by_url(url))
                .map(|o| o.name.clone())
        })
        .or_else(|| {
            // Agency signatures: "(Xinhua)" in a dateline or on the last line.
            cleaned
                .dropped
                .iter()
                .filter(|(_, r)| matches!(r, DropReason::Signature | DropReason::Dateline))
                .find_map(|(span, _)| kb.outlet_in_text(&article.text[span.start..span.end]))
                .map(|o| o.name.clone())
        });
    meta
}

/// The largest char boundary not after `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Stable article id: a hash of the clean text with case, punctuation and spacing normalized,
/// so the same article ingested twice (or re-scraped with other boilerplate) is stored once.
pub fn article_id(clean_text: &str) -> String {
    // The words (maximal alphanumeric runs) lower-cased and joined by single spaces; ASCII,
    // nearly all of a news text, byte by byte.
    let bytes = clean_text.as_bytes();
    let mut normalized: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut gap = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                if gap && !normalized.is_empty() {
                    normalized.push(b' ');
                }
                gap = false;
                normalized.push(b.to_ascii_lowercase());
            } else {
                gap = true;
            }
            continue;
        }
        let c = clean_text[i..]
            .chars()
            .next()
            .expect("a char at a boundary");
        i += c.len_utf8();
        if c.is_alphanumeric() {
            if gap && !normalized.is_empty() {
                normalized.push(b' ');
            }
            gap = false;
            let mut buf = [0u8; 4];
            for lower in c.to_lowercase() {
                normalized.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
            }
        } else {
            gap = true;
        }
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&normalized))
}

#[cfg(test)]
mod tests {
    /// The definition: words split on non-alphanumerics, lower-cased, joined by one space.
    fn article_id_by_words(clean_text: &str) -> String {
        let mut normalized = String::with_capacity(clean_text.len());
        for word in clean_text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if !normalized.is_empty() {
                normalized.push(' ');
            }
            normalized.extend(word.chars().flat_map(char::to_lowercase));
        }
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(normalized.as_bytes()))
    }

    #[test]
    fn article_id_normalizes_words() {
        for text in [
            "",
            " ",
            "...",
            "China",
            "  China and  RUSSIA, held drills. ",
            "İstanbul ß Straße ÅNGSTRÖM naïve café ²³ ١٢٣ — “quoted” 2023-04-05",
            "北京 举行 会谈。Москва заявила: «нет»!",
            "a\u{0}b\tc\r\nd_e-f’g",
            "ǅ ǈ ﬁ Σίσυφος ΣΑΣ",
        ] {
            assert_eq!(
                super::article_id(text),
                article_id_by_words(text),
                "{text:?}"
            );
        }
        assert_eq!(
            super::article_id("China, Russia"),
            super::article_id("china russia")
        );
    }
}
