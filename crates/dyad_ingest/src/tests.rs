//! Data-driven ingest tests: fixture files in, one line per article, skip or ignored part out.

use super::*;
use flate2::{write::GzEncoder, Compression};
use std::io::Write;

/// Writes the files into a temporary directory, ingests it, and renders what came out.
fn check(files: &[(&str, Vec<u8>)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let (paths, mut problems) = expand_inputs(&[dir.path().display().to_string()]);
    assert!(problems.is_empty());
    let mut lines = Vec::new();
    let options = ReadOptions::default();
    scan(&paths, &mut |scanned| match scanned {
        Scanned::Item(item) => match parse_item(item, &options) {
            Ok(a) => lines.push(format!(
                "ok {} [{}] title={:?} published={:?} outlet={:?} text={:?}",
                a.key,
                a.format.as_str(),
                a.title,
                a.published,
                a.outlet,
                a.text.chars().take(40).collect::<String>()
            )),
            Err(skip) => problems.push(skip),
        },
        Scanned::Skipped(skip) => problems.push(skip),
        Scanned::Ignored(skip) => lines.push(format!("ignored {skip}")),
    });
    lines.extend(problems.iter().map(|p| format!("skip [{}] {p}", p.kind)));
    let prefix = format!("{}/", dir.path().display());
    lines.iter().map(|l| l.replace(&prefix, "")).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

const PAGE: &str = "<html><head><title>T</title><meta property=\"article:published_time\" content=\"2023-05-02\"></head><body><article><p>The defense ministers of two states met in the capital on Tuesday and agreed to expand joint training, a statement from the ministry said after the talks ended.</p><p>A second paragraph adds detail on the planned exercises and the number of troops taking part in them next year.</p></article></body></html>";

fn warc_record(kind: &str, uri: &str, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri_len:08}-0000-0000-0000-000000000000>\r\nWARC-Date: 2023-05-02T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len(),
        uri_len = uri.len()
    )
}

#[test]
fn good_inputs_in_every_format() {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{PAGE}");
    let warc = warc_record(
        "request",
        "https://news.example/a",
        "GET /a HTTP/1.1\r\n\r\n",
    ) + &warc_record("response", "https://news.example/a", &http);
    let jsonl = "{\"id\": \"r1\", \"text\": \"Plain record text.\", \"published\": \"2023-05-01\", \"outlet\": \"Wire\"}\n\n{\"id\": 7, \"html\": \"".to_string()
        + &PAGE.replace('"', "\\\"")
        + "\"}\n";
    let lines = check(&[
        ("a.txt", b"Headline\n\nBody text here.".to_vec()),
        ("b.html", PAGE.as_bytes().to_vec()),
        ("c.jsonl", jsonl.as_bytes().to_vec()),
        ("d.jsonl.gz", gzip(jsonl.as_bytes())),
        ("e.warc", warc.as_bytes().to_vec()),
        ("f.warc.gz", gzip(warc.as_bytes())),
    ]);
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn bad_inputs_are_skipped_with_a_location() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "UTF-16 text from Kabul."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let truncated = {
        let full = gzip(b"{\"id\": \"g1\", \"text\": \"first record\"}\n{\"id\": \"g2\", \"text\": \"second record is long enough to be cut off somewhere in the middle of it\"}\n");
        full[..full.len() - 12].to_vec()
    };
    let lines = check(&[
        ("01-empty.txt", Vec::new()),
        ("02-binary.txt", b"\x00\x01\x02PNG\x00\x00".to_vec()),
        ("03-latin1.txt", b"M\xfcller met S\xe1nchez in Madrid.".to_vec()),
        ("04-utf16.txt", utf16),
        ("05-bad.jsonl", b"{\"id\": \"ok\", \"text\": \"fine\"}\n{\"id\": \"broken\", \"text\": \"unterminated\n\xff\xfe\n{\"id\": \"notext\"}\n".to_vec()),
        ("06-truncated.jsonl.gz", truncated),
        ("07-nobody.html", b"<html><head><title>Only a title</title></head><body><nav>Home</nav></body></html>".to_vec()),
        ("08-info.warc", warc_record("warcinfo", "", "software: test\r\n").into_bytes()),
        ("09-garbage.warc", b"WARC/1.0\r\nthis is not a header\r\n\r\n".to_vec()),
    ]);
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn missing_inputs_and_globs() {
    let (files, problems) =
        expand_inputs(&["/nonexistent/x.txt".into(), "/nonexistent/*.html".into()]);
    assert!(files.is_empty());
    assert_eq!(problems.len(), 2);
    assert_eq!(
        problems[0].to_string(),
        "/nonexistent/x.txt: no such file or directory"
    );
    assert_eq!(
        problems[1].to_string(),
        "/nonexistent/*.html: no file matches this pattern"
    );
}

#[test]
fn plain_files_holding_gzip_are_inflated_or_reported_truncated() {
    let full = gzip(b"Headline\n\nBody text read from a gzipped plain file.");
    let cut = full[..full.len() - 10].to_vec();
    let lines = check(&[("a.txt", full), ("b.txt", cut)]);
    assert_eq!(
        lines,
        [
            "ok a.txt [text] title=None published=None outlet=None text=\"Headline\\n\\nBody text read from a gzipped \"",
            "skip [truncated gzip] b.txt: cannot read: incomplete deflate stream",
        ]
    );
}
