//! End-to-end tests of the `dyad` binary: ingest, reruns, bad input, a kill -9 in the middle of
//! an ingest, extract output, and the seed articles of ../shared (read at test time).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("dyad runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn seeds_ingest_clean_and_rerun_stores_nothing() {
    let seeds = repo().join("../shared/corpus/seeds");
    assert!(
        seeds.is_dir(),
        "the shared seeds must sit beside the repository: {}",
        seeds.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let db_arg = db.to_str().unwrap();
    let first = dyad(&["--db", db_arg, "ingest", seeds.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("5 stored"), "{}", stderr(&first));
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 5);
    for noise in [
        "S/SH 11",
        "shared on",
        "truenews",
        "Send questions/comments to the editors.",
    ] {
        let n = count(
            &db,
            &format!(
                // The text of every body sentence (byte spans, hence the BLOB casts).
                "SELECT count(*) FROM articles a, json_each(a.sentences) s
                 WHERE json_extract(s.value, '$[2]') = 'body'
                   AND CAST(substr(CAST(a.text AS BLOB), json_extract(s.value, '$[0]') + 1,
                        json_extract(s.value, '$[1]') - json_extract(s.value, '$[0]')) AS TEXT)
                       LIKE '%{}%'",
                noise.replace('\'', "''")
            ),
        );
        assert_eq!(n, 0, "{noise:?} is still in a body");
    }
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM articles WHERE key = 'seed-001.txt' AND published = '2016-04-21'"
        ),
        1
    );
    let second = dyad(&["--db", db_arg, "ingest", seeds.to_str().unwrap()]);
    assert!(second.status.success());
    assert!(
        stderr(&second).contains("0 stored, 5 duplicates"),
        "{}",
        stderr(&second)
    );
}

#[test]
fn bad_input_is_named_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "China and Russia held joint naval drills in the Sea of Japan on Monday.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("bad.jsonl"),
        "{\"id\": \"x\", \"text\": \"Iran sanctioned nobody.\"}\n{not json\n",
    )
    .unwrap();
    let db = dir.path().join("t.db");
    let out = dyad(&[
        "--db",
        db.to_str().unwrap(),
        "ingest",
        dir.path().to_str().unwrap(),
        "/no/such/file.txt",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("empty.txt: empty input"), "{err}");
    assert!(err.contains("bad.jsonl: line 2: malformed JSON"), "{err}");
    assert!(
        err.contains("/no/such/file.txt: no such file or directory"),
        "{err}"
    );
    assert!(err.contains("2 stored"), "{err}");
    assert!(
        err.contains("skipped 3 (1 empty, 1 malformed JSON, 1 not found)"),
        "{err}"
    );
}

#[test]
fn kill_9_during_ingest_leaves_whole_articles_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let gen = dyad(&[
        "generate",
        "--n",
        "4000",
        "--formats",
        "jsonl",
        "--out",
        corpus.to_str().unwrap(),
    ]);
    assert!(gen.status.success(), "{}", stderr(&gen));
    let db = dir.path().join("k.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "ingest",
            corpus.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as the first batches are committed.
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let stored = rusqlite::Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if stored > 0 || started.elapsed().as_secs() > 60 {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
            .unwrap(),
        "ok"
    );
    let partial = count(&db, "SELECT count(*) FROM articles");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM articles WHERE json_array_length(sentences) = 0"
        ),
        0
    );
    let rerun = dyad(&[
        "--db",
        db.to_str().unwrap(),
        "ingest",
        corpus.to_str().unwrap(),
    ]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    let total = count(&db, "SELECT count(*) FROM articles");
    // The kill landed mid-way, and the rerun stored exactly what was missing: the same
    // articles as one uninterrupted ingest of the corpus.
    assert!(
        partial < total,
        "the ingest finished before the kill ({partial} of {total})"
    );
    let fresh = dir.path().join("fresh.db");
    let whole = dyad(&[
        "--db",
        fresh.to_str().unwrap(),
        "ingest",
        corpus.to_str().unwrap(),
    ]);
    assert!(whole.status.success(), "{}", stderr(&whole));
    assert_eq!(total, count(&fresh, "SELECT count(*) FROM articles"));
    assert!(
        stderr(&rerun).contains(&format!("{} stored", total - partial)),
        "partial {partial}, total {total}: {}",
        stderr(&rerun)
    );
    assert!(
        stderr(&rerun).contains(&format!("{partial} duplicates")),
        "partial {partial}: {}",
        stderr(&rerun)
    );
    let distinct_keys = count(&db, "SELECT count(DISTINCT key) FROM articles");
    assert_eq!(distinct_keys, total, "no article stored twice");
}

#[test]
fn extract_writes_event_lines_with_source_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    let text = "Defense Talks\n\nMarch 3, 2023\n\nChinese Defense Minister Li Shangfu met his Russian counterpart Sergei Shoigu in Moscow on Sunday.\n";
    std::fs::write(&file, text).unwrap();
    let out = dyad(&["extract", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let e = &lines[0];
    assert_eq!(e["event"], "CONSULT");
    assert_eq!(e["date"], "2023-02-26");
    assert_eq!(e["source"], file.to_str().unwrap());
    let (start, end) = (
        e["evidence"]["start"].as_u64().unwrap() as usize,
        e["evidence"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], e["evidence"]["text"].as_str().unwrap());
}

#[test]
fn real_phoenix_dictionary_loads_despite_latin1_bytes() {
    let dictionary = repo().join("../shared/data/phoenix/Phoenix.Countries.actors.txt");
    assert!(
        dictionary.is_file(),
        "the shared Phoenix dictionary must sit beside the repository"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(
        &file,
        "March 3, 2023\n\nXi Jinping met Vladimir Putin in Moscow on Monday.\n",
    )
    .unwrap();
    let out = dyad(&[
        "extract",
        "--dictionary",
        dictionary.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("loaded 18390 actors"), "{err}");
    // The seven malformed date codes of that file are reported by line, not fatal.
    assert!(
        err.contains("line 18010: unreadable code [GBRGOV >201005011]"),
        "{err}"
    );
}

#[test]
fn bench_repeats_each_stage_and_reports_median_and_range() {
    let dir = tempfile::tempdir().unwrap();
    let out = dyad(&[
        "bench",
        "--n",
        "12",
        "--formats",
        "text",
        "--runs",
        "3",
        "--json",
        "--dir",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = &stdout[stdout.find('[').expect("JSON rows after the table")..];
    let rows: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let stages: Vec<&str> = rows.iter().map(|r| r["stage"].as_str().unwrap()).collect();
    assert_eq!(
        stages,
        [
            "read",
            "segment",
            "actors",
            "extract",
            "store-text",
            "ingest"
        ]
    );
    for r in &rows {
        assert_eq!(r["articles"], 12, "{r}");
        assert_eq!(r["runs"], 3, "{r}");
        let (slowest, fastest) = (
            r["articles_per_s_range"][0].as_f64().unwrap(),
            r["articles_per_s_range"][1].as_f64().unwrap(),
        );
        let median = r["articles_per_s"].as_f64().unwrap();
        assert!(slowest <= median && median <= fastest, "{r}");
    }
    // Each ingest run stored into a new database: the last one holds the corpus once.
    let db = dir.path().join("bench-text.db");
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 12);
}
