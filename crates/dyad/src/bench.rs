//! `dyad bench`: generates (or reuses) a synthetic corpus and reports articles/s, MB/s and
//! peak RSS for each stage and end to end, per input format. Peak RSS is reset between stages
//! through /proc/self/clear_refs, so each stage reports its own peak.

use crate::engine;
use crate::generate::write_corpus;
use dyad_core::{Depth, Pipeline};
use dyad_ingest::{parse_item, ReadOptions, Scanned};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// `dyad bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Articles per format.
    #[arg(long, default_value_t = 10_000)]
    pub n: usize,
    /// Generator seed.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Formats (text, html, jsonl, warc).
    #[arg(long, value_delimiter = ',', default_value = "text,html,jsonl,warc")]
    pub formats: Vec<String>,
    /// Where the corpus and scratch databases go.
    #[arg(long, default_value = "bench-out")]
    pub dir: PathBuf,
    /// Print the table as JSON too.
    #[arg(long)]
    pub json: bool,
    /// Measure each stage this many times and report the median (and the range): timings on
    /// a shared machine vary from run to run (by up to a third on the team's 2-core VM).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=99))]
    pub runs: u32,
}

/// One measured row.
#[derive(Debug, serde::Serialize)]
pub struct BenchRow {
    /// Input format.
    pub format: String,
    /// Stage.
    pub stage: &'static str,
    /// Articles processed.
    pub articles: usize,
    /// Seconds.
    pub seconds: f64,
    /// Articles per second (the median run's).
    pub articles_per_s: f64,
    /// Runs measured.
    pub runs: u32,
    /// Slowest and fastest run, articles per second.
    pub articles_per_s_range: (f64, f64),
    /// Input megabytes per second (bytes on disk, decompressed for gzip).
    pub mb_per_s: f64,
    /// Peak resident memory during the stage, MB.
    pub peak_rss_mb: f64,
}

fn reset_peak_rss() {
    // Writing 5 resets the kernel's high-water mark for this process (Linux >= 4.0).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident set size in MB (VmHWM), 0 where /proc is not available.
pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(String::from)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Bytes of every file under `dir`: the input size for MB/s.
fn walk_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        walk_size(&p)
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// `dyad bench`.
pub fn run(args: BenchArgs) -> anyhow::Result<std::process::ExitCode> {
    let corpus = args.dir.join(format!("corpus-{}-{}", args.n, args.seed));
    let mut missing = Vec::new();
    for f in &args.formats {
        if !corpus.join(f).exists() {
            missing.push(f.clone());
        }
    }
    if !missing.is_empty() {
        let started = Instant::now();
        write_corpus(&corpus, args.n, args.seed, &missing)?;
        eprintln!(
            "dyad: generated {} articles per format in {:.1}s",
            args.n,
            started.elapsed().as_secs_f64()
        );
    }
    let pipeline = Pipeline::new();
    let options = ReadOptions::default();
    let mut rows = Vec::new();
    for format in &args.formats {
        let dir = corpus.join(format);
        let inputs = vec![dir.display().to_string()];
        let bytes = walk_size(&dir) as f64;
        let runs = args.runs;
        let mut measure = |stage: &'static str,
                           f: &mut dyn FnMut() -> anyhow::Result<usize>|
         -> anyhow::Result<()> {
            let mut timings = Vec::new();
            let mut articles = 0;
            let mut peak: f64 = 0.0;
            for _ in 0..runs {
                reset_peak_rss();
                let started = Instant::now();
                articles = f()?;
                timings.push(started.elapsed().as_secs_f64().max(1e-9));
                peak = peak.max(peak_rss_mb());
            }
            timings.sort_by(f64::total_cmp);
            let seconds = timings[timings.len() / 2];
            let rate = |t: f64| articles as f64 / t;
            let row = BenchRow {
                format: format.clone(),
                stage,
                articles,
                seconds,
                articles_per_s: rate(seconds),
                runs,
                articles_per_s_range: (rate(timings[timings.len() - 1]), rate(timings[0])),
                mb_per_s: bytes / 1e6 / seconds,
                peak_rss_mb: peak,
            };
            let range = if runs > 1 {
                format!(
                    " (median of {runs}: {:.0}-{:.0})",
                    row.articles_per_s_range.0, row.articles_per_s_range.1
                )
            } else {
                String::new()
            };
            eprintln!(
                "dyad: {format:5} {stage:10} {:>9.0} articles/s {:>7.1} MB/s  peak {:>6.1} MB{range}",
                row.articles_per_s, row.mb_per_s, row.peak_rss_mb
            );
            rows.push(row);
            Ok(())
        };
        measure("read", &mut || read_only(&inputs, &options))?;
        for (stage, depth) in [("segment", Depth::Segment), ("actors", Depth::Actors)] {
            measure(stage, &mut || {
                let tally = engine::run(
                    &inputs,
                    &options,
                    &pipeline,
                    depth,
                    stage,
                    &[],
                    &mut |_batch| Ok(()),
                )?;
                Ok(tally.articles)
            })?;
        }
        // What `dyad extract > /dev/null` does: events written as JSON Lines, on the printer's
        // own thread, into a sink.
        measure("extract", &mut || {
            let printer = crate::commands::EventPrinter::new(
                Box::new(std::io::sink()),
                crate::commands::ExtractFormat::Jsonl,
                false,
                false,
            )?;
            let (tally, ()) = engine::run_into(
                printer,
                &inputs,
                &options,
                &pipeline,
                Depth::Events,
                "extract",
                &[],
            )?;
            Ok(tally.articles)
        })?;
        // Every run stores into a new database.
        let fresh = |db: &std::path::Path| -> anyhow::Result<crate::writer::StoreSink> {
            for f in engine::database_files(db) {
                let _ = std::fs::remove_file(f);
            }
            Ok(crate::writer::StoreSink::new(dyad_store::Store::open(db)?))
        };
        let db = args.dir.join(format!("bench-{format}.db"));
        let db_text = args.dir.join(format!("bench-{format}-text.db"));
        // The foundation's job alone: clean, segment, metadata and store, no actors or events;
        // then everything.
        for (stage, db, depth) in [
            ("store-text", &db_text, Depth::Segment),
            ("ingest", &db, Depth::Events),
        ] {
            measure(stage, &mut || {
                let (tally, _) =
                    engine::run_into(fresh(db)?, &inputs, &options, &pipeline, depth, stage, &[])?;
                Ok(tally.articles)
            })?;
        }
    }
    let mut out = std::io::stdout().lock();
    if args.runs > 1 {
        writeln!(
            out,
            "| format | stage | articles | articles/s (median of {}) | slowest-fastest | MB/s | peak RSS MB |",
            args.runs
        )?;
        writeln!(out, "|---|---|---:|---:|---:|---:|---:|")?;
    } else {
        writeln!(
            out,
            "| format | stage | articles | articles/s | MB/s | peak RSS MB |"
        )?;
        writeln!(out, "|---|---|---:|---:|---:|---:|")?;
    }
    for r in &rows {
        let range = if args.runs > 1 {
            format!(
                " {:.0}-{:.0} |",
                r.articles_per_s_range.0, r.articles_per_s_range.1
            )
        } else {
            String::new()
        };
        writeln!(
            out,
            "| {} | {} | {} | {:.0} |{range} {:.1} | {:.1} |",
            r.format, r.stage, r.articles, r.articles_per_s, r.mb_per_s, r.peak_rss_mb
        )?;
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// Scan and parse (decode, HTML extraction, JSON) without analysis, in parallel batches.
fn read_only(inputs: &[String], options: &ReadOptions) -> anyhow::Result<usize> {
    let (files, _) = dyad_ingest::expand_inputs(inputs);
    let mut pending = Vec::new();
    let mut count = 0;
    let mut flush = |pending: &mut Vec<dyad_ingest::Item>| {
        let items = std::mem::take(pending);
        count += items
            .into_par_iter()
            .map(|i| parse_item(i, options))
            .filter(Result::is_ok)
            .count();
    };
    dyad_ingest::scan(&files, &mut |s| {
        if let Scanned::Item(item) = s {
            pending.push(item);
            if pending.len() >= engine::BATCH {
                flush(&mut pending);
            }
        }
    });
    flush(&mut pending);
    Ok(count)
}
