//! WARC input: response records with HTML payloads, as news crawls publish them. Other record
//! types (warcinfo, request, metadata) are reported as ignored.

use crate::{Item, Payload, Scanned, Skip};
use warc::{RecordType, WarcHeader, WarcReader};

/// Splits a (decompressed) WARC stream into items, record by record.
pub(crate) fn scan(path: &str, stream: Box<dyn std::io::BufRead>, sink: &mut dyn FnMut(Scanned)) {
    let skip = |number: usize, kind: &'static str, reason: String| Skip {
        source: path.to_string(),
        location: Some(format!("record {number}")),
        kind,
        reason,
    };
    for (index, record) in WarcReader::new(stream).iter_records().enumerate() {
        let number = index + 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                sink(Scanned::Skipped(skip(
                    number,
                    "malformed WARC",
                    format!("malformed WARC record: {error}"),
                )));
                // The reader cannot resynchronise after a broken header.
                break;
            }
        };
        if *record.warc_type() != RecordType::Response {
            sink(Scanned::Ignored(skip(
                number,
                "WARC record not a response",
                format!("{} record, not a response", record.warc_type()),
            )));
            continue;
        }
        let uri = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let key = uri
            .clone()
            .unwrap_or_else(|| format!("{path}#record{number}"));
        sink(Scanned::Item(Item {
            source: key.clone(),
            path: path.to_string(),
            location: Some(format!("record {number}")),
            key,
            payload: Payload::HttpResponse(record.body().to_vec()),
            url: uri,
        }));
    }
}

/// The body of an HTTP response block, refusing non-HTML content and error statuses.
pub(crate) fn http_body(block: &[u8]) -> Result<Vec<u8>, String> {
    let split = find(block, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, 2)))
        .ok_or("HTTP response has no header/body separator")?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP status line: {status_line:?}"))?;
    if !(200..300).contains(&status) {
        return Err(format!("HTTP status {status}"));
    }
    let mut chunked = false;
    for line in lines {
        let lower = line.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("content-type:") {
            if !(value.contains("html") || value.contains("text/plain")) {
                return Err(format!(
                    "content type{} is not HTML",
                    &line["content-type:".len()..]
                ));
            }
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    let body = &block[split.0 + split.1..];
    Ok(if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Decodes HTTP chunked transfer encoding; on malformed input returns what it has.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = find(body, b"\r\n") {
        let size_text = String::from_utf8_lossy(&body[..line_end]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        let start = line_end + 2;
        if size == 0 || start + size > body.len() {
            break;
        }
        out.extend_from_slice(&body[start..start + size]);
        body = &body[(start + size + 2).min(body.len())..];
    }
    out
}
