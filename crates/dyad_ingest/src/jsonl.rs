//! JSON Lines input: one article per line with `text` or `html`, optional `id`, `url`, `title`,
//! `published`, `outlet`.

use crate::{html, Item, Payload, Scanned, Skip};
use dyad_core::{Article, Format};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default, deserialize_with = "string_or_number")]
    id: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default, alias = "headline")]
    title: Option<String>,
    #[serde(
        default,
        alias = "date",
        alias = "published_at",
        alias = "publish_date",
        alias = "pubdate"
    )]
    published: Option<String>,
    #[serde(default, alias = "source", alias = "site_name", alias = "publisher")]
    outlet: Option<String>,
    #[serde(default, alias = "body", alias = "content")]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match value {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Splits a JSON Lines stream into one item per non-blank line, reading line by line.
pub(crate) fn scan(
    path: &str,
    mut stream: Box<dyn std::io::BufRead>,
    sink: &mut dyn FnMut(Scanned),
) {
    let mut line = Vec::new();
    let mut line_number = 0;
    loop {
        line.clear();
        line_number += 1;
        match stream.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(error) => {
                sink(Scanned::Skipped(Skip {
                    source: path.to_string(),
                    location: Some(format!("line {line_number}")),
                    kind: "truncated gzip",
                    reason: format!("stream broken, the rest of the file is lost: {error}"),
                }));
                return;
            }
        }
        let location = Some(format!("line {line_number}"));
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(text) {
            Ok(text) => sink(Scanned::Item(Item {
                source: format!("{path}:{line_number}"),
                path: path.to_string(),
                location,
                key: format!("{path}:{line_number}"),
                payload: Payload::JsonLine(text.to_string()),
                url: None,
            })),
            Err(error) => sink(Scanned::Skipped(Skip {
                source: path.to_string(),
                location,
                kind: "invalid UTF-8",
                reason: format!("invalid UTF-8 at byte {} of the line", error.valid_up_to()),
            })),
        }
    }
}

/// Parses one record.
pub(crate) fn parse(item: &Item, line: &str) -> Result<Article, (&'static str, String)> {
    let record: Record = serde_json::from_str(line)
        .map_err(|e| ("malformed JSON", format!("malformed JSON: {e}")))?;
    let key = record
        .id
        .clone()
        .or_else(|| record.url.clone())
        .unwrap_or_else(|| item.key.clone());
    let mut article = Article {
        source: key.clone(),
        key,
        format: Format::Jsonl,
        text: String::new(),
        title: record.title.clone(),
        published: record.published.clone(),
        outlet: record.outlet.clone(),
        url: record.url.clone(),
    };
    match (record.text, record.html) {
        (Some(text), _) if !text.trim().is_empty() => article.text = text,
        (_, Some(page)) if !page.trim().is_empty() => {
            let extracted =
                html::extract(&page, record.url.as_deref()).map_err(|e| ("no body", e))?;
            article.text = extracted.text;
            article.title = article.title.or(extracted.title);
            article.published = article.published.or(extracted.published);
            article.outlet = article.outlet.or(extracted.outlet);
        }
        _ => {
            return Err((
                "no text",
                "record has no `text` or `html` field with content".to_string(),
            ))
        }
    }
    Ok(article)
}
