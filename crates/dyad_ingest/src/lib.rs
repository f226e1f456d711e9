//! Ingest edge: finds inputs (files, directories, globs, stdin), splits containers (JSON Lines,
//! WARC) into items, and turns each item into an [`Article`]. Bad input never stops a batch: it
//! becomes a [`Skip`] naming the file and line, record or byte offset.
//!
//! Scanning ([`scan`]) is sequential IO; parsing ([`parse_item`]) is pure CPU work that callers
//! run in parallel.

pub mod decode;
pub mod html;
mod jsonl;
mod warc_input;

use dyad_core::{Article, Format};
use flate2::read::MultiGzDecoder;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Something that could not be ingested, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The file (or `-` for stdin).
    pub source: String,
    /// Where in it: "line 5", "record 3 (byte 1234)", "byte 812".
    pub location: Option<String>,
    /// Short reason category, for the summary ("malformed JSON", "binary file" ...).
    pub kind: &'static str,
    /// Full reason.
    pub reason: String,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{}: {}: {}", self.source, location, self.reason),
            None => write!(f, "{}: {}", self.source, self.reason),
        }
    }
}

/// The body of an item waiting to be parsed.
#[derive(Debug, Clone)]
pub enum Payload {
    /// A whole text file's bytes.
    Text(Vec<u8>),
    /// A whole HTML file's bytes.
    Html(Vec<u8>),
    /// One JSON Lines record.
    JsonLine(String),
    /// The HTTP response block of a WARC response record.
    HttpResponse(Vec<u8>),
    /// A text or HTML file not read yet: reading happens in `parse_item`, on the worker
    /// threads, so many small files are read in parallel.
    File(FileKind, std::path::PathBuf),
}

/// One article-sized item found by [`scan`].
#[derive(Debug, Clone)]
pub struct Item {
    /// The file it came from, plus line or record when inside a container.
    pub source: String,
    /// The file path alone.
    pub path: String,
    /// "line 5" or "record 3 (byte 1234)" inside containers.
    pub location: Option<String>,
    /// Gold-matching key: file name; JSONL id is filled while parsing; WARC target URI.
    pub key: String,
    /// What to parse.
    pub payload: Payload,
    /// WARC target URI.
    pub url: Option<String>,
}

/// What scanning reports, in input order.
#[derive(Debug)]
pub enum Scanned {
    /// An item to parse.
    Item(Item),
    /// Input that could not be read at all.
    Skipped(Skip),
    /// A container part that is not an article (a WARC request or warcinfo record).
    Ignored(Skip),
}

/// Options that apply to every article.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date for articles that carry none (`--published`).
    pub published: Option<String>,
}

/// Expands inputs: files, directories (recursive, sorted), glob patterns and `-` (stdin).
pub fn expand_inputs(inputs: &[String]) -> (Vec<PathBuf>, Vec<Skip>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input == "-" {
            files.push(PathBuf::from("-"));
            continue;
        }
        let path = Path::new(input);
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_map(|entry| match entry {
                    Ok(e) if e.file_type().is_file() => Some(e.into_path()),
                    Ok(_) => None,
                    Err(error) => {
                        problems.push(Skip {
                            source: input.clone(),
                            location: None,
                            kind: "unreadable",
                            reason: error.to_string(),
                        });
                        None
                    }
                })
                .filter(|p| !is_hidden(p))
                .collect();
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.to_path_buf());
        } else if input.contains(['*', '?', '[']) {
            match glob::glob(input) {
                Ok(paths) => {
                    let before = files.len();
                    files.extend(paths.filter_map(Result::ok).filter(|p| p.is_file()));
                    if files.len() == before {
                        problems.push(missing(input, "no file matches this pattern"));
                    }
                }
                Err(error) => problems.push(missing(input, &format!("bad glob pattern: {error}"))),
            }
        } else {
            problems.push(missing(input, "no such file or directory"));
        }
    }
    (files, problems)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn missing(input: &str, reason: &str) -> Skip {
    Skip {
        source: input.to_string(),
        location: None,
        kind: "not found",
        reason: reason.to_string(),
    }
}

/// How a file's content is to be read, from its name and, failing that, its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines.
    Jsonl,
    /// WARC.
    Warc,
}

/// Guesses the kind from the file name (without `.gz`) and the decompressed head.
pub fn detect_kind(name: &str, head: &[u8]) -> FileKind {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if lower.ends_with(".warc") || lower.ends_with(".arc") {
        return FileKind::Warc;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
        return FileKind::Jsonl;
    }
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return FileKind::Html;
    }
    if lower.ends_with(".txt") || lower.ends_with(".text") || lower.ends_with(".md") {
        return FileKind::Text;
    }
    let start = String::from_utf8_lossy(&head[..head.len().min(512)])
        .trim_start()
        .to_ascii_lowercase();
    if start.starts_with("warc/") {
        FileKind::Warc
    } else if start.starts_with('{') {
        FileKind::Jsonl
    } else if start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.contains("<body")
    {
        FileKind::Html
    } else {
        FileKind::Text
    }
}

/// Reads every input and reports items, skips and ignored parts in order.
pub fn scan(files: &[PathBuf], sink: &mut dyn FnMut(Scanned)) {
    for path in files {
        scan_file(path, sink);
    }
}

/// Opens an input as a buffered byte stream, decompressing gzip on the fly. Containers are
/// read record by record from it, so memory does not grow with the size of a dump.
fn open_stream(path: &Path) -> std::io::Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path)?)
    };
    let mut buffered = BufReader::with_capacity(256 * 1024, raw);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gzip {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    })
}

fn scan_file(path: &Path, sink: &mut dyn FnMut(Scanned)) {
    let display = path.display().to_string();
    let skip = |location: Option<String>, kind: &'static str, reason: String| Skip {
        source: display.clone(),
        location,
        kind,
        reason,
    };
    let name_lower = path.to_string_lossy().to_ascii_lowercase();
    let plain_file = path != Path::new("-")
        && [".txt", ".text", ".md", ".html", ".htm", ".xhtml"]
            .iter()
            .any(|e| name_lower.ends_with(e));
    if plain_file {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("-")
            .to_string();
        let kind = detect_kind(&name, &[]);
        return sink(Scanned::Item(Item {
            source: display.clone(),
            path: display.clone(),
            location: None,
            key: name,
            payload: Payload::File(kind, path.to_path_buf()),
            url: None,
        }));
    }
    let mut stream = match open_stream(path) {
        Ok(stream) => stream,
        Err(error) => {
            return sink(Scanned::Skipped(skip(
                None,
                "unreadable",
                error.to_string(),
            )))
        }
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("-")
        .to_string();
    let head = match stream.fill_buf() {
        Ok(head) => head.to_vec(),
        Err(error) => {
            return sink(Scanned::Skipped(skip(
                None,
                truncated_kind(&error),
                format!("cannot read: {error}"),
            )))
        }
    };
    match detect_kind(&name, &head) {
        FileKind::Jsonl => jsonl::scan(&display, stream, sink),
        FileKind::Warc => warc_input::scan(&display, stream, sink),
        kind => {
            let mut bytes = Vec::new();
            if let Err(error) = stream.read_to_end(&mut bytes) {
                // A broken gzip member: say where, and keep nothing half-read.
                return sink(Scanned::Skipped(skip(
                    None,
                    truncated_kind(&error),
                    format!("stream broken after {} bytes: {error}", bytes.len()),
                )));
            }
            let payload = if kind == FileKind::Html {
                Payload::Html(bytes)
            } else {
                Payload::Text(bytes)
            };
            sink(Scanned::Item(Item {
                source: display.clone(),
                path: display.clone(),
                location: None,
                key: name,
                payload,
                url: None,
            }))
        }
    }
}

/// Read errors inside a gzip stream are truncations or corruption.
fn truncated_kind(error: &std::io::Error) -> &'static str {
    match error.kind() {
        std::io::ErrorKind::UnexpectedEof
        | std::io::ErrorKind::InvalidInput
        | std::io::ErrorKind::InvalidData => "truncated gzip",
        _ => "unreadable",
    }
}

/// Parses one item into an article.
pub fn parse_item(mut item: Item, options: &ReadOptions) -> Result<Article, Skip> {
    if let Payload::File(kind, path) = &item.payload {
        // One read into a buffer of the file's size (a stream's 256 KB buffer per article
        // cost more than the read); gzip is inflated from it.
        let read = std::fs::read(path).and_then(|bytes| {
            if bytes.starts_with(&[0x1f, 0x8b]) {
                let mut inflated = Vec::with_capacity(bytes.len() * 4);
                MultiGzDecoder::new(&bytes[..]).read_to_end(&mut inflated)?;
                Ok(inflated)
            } else {
                Ok(bytes)
            }
        });
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(error) => {
                return Err(Skip {
                    source: item.path.clone(),
                    location: None,
                    kind: truncated_kind(&error),
                    reason: format!("cannot read: {error}"),
                })
            }
        };
        item.payload = if *kind == FileKind::Html {
            Payload::Html(bytes)
        } else {
            Payload::Text(bytes)
        };
    }
    let skip = |kind: &'static str, reason: String| Skip {
        source: item.path.clone(),
        location: item.location.clone(),
        kind,
        reason,
    };
    let mut article = match &item.payload {
        Payload::Text(bytes) => {
            let (text, _) =
                decode::decode(bytes).map_err(|e| skip(decode_kind(&e), e.to_string()))?;
            Article {
                source: item.source.clone(),
                key: item.key.clone(),
                format: Format::Text,
                text,
                title: None,
                published: None,
                outlet: None,
                url: None,
            }
        }
        Payload::Html(bytes) => {
            let (page, _) =
                decode::decode(bytes).map_err(|e| skip(decode_kind(&e), e.to_string()))?;
            html_article(&item, &page, Format::Html).map_err(|e| skip("no body", e))?
        }
        Payload::HttpResponse(bytes) => {
            let body = warc_input::http_body(bytes).map_err(|e| skip("bad HTTP response", e))?;
            let (page, _) =
                decode::decode(&body).map_err(|e| skip(decode_kind(&e), e.to_string()))?;
            html_article(&item, &page, Format::Warc).map_err(|e| skip("no body", e))?
        }
        Payload::JsonLine(line) => jsonl::parse(&item, line).map_err(|(kind, e)| skip(kind, e))?,
        Payload::File(..) => unreachable!("files are read above"),
    };
    if article.published.is_none() {
        article.published = options.published.clone();
    }
    Ok(article)
}

fn decode_kind(error: &decode::DecodeError) -> &'static str {
    match error {
        decode::DecodeError::Empty => "empty",
        decode::DecodeError::Binary { .. } => "binary",
    }
}

fn html_article(item: &Item, page: &str, format: Format) -> Result<Article, String> {
    let extracted = html::extract(page, item.url.as_deref())?;
    Ok(Article {
        source: item.source.clone(),
        key: item.key.clone(),
        format,
        text: extracted.text,
        title: extracted.title,
        published: extracted.published,
        outlet: extracted.outlet,
        url: item.url.clone().or(extracted.url),
    })
}

#[cfg(test)]
mod tests;
