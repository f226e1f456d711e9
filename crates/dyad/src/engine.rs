//! The batch engine behind `ingest`, `extract`, `eval` and `bench`: scans inputs in order,
//! parses and analyses each batch in parallel (rayon), hands finished batches on in input
//! order, and keeps the tally of what was skipped and why.

use dyad_core::{Analysis, Pipeline};
use dyad_ingest::{parse_item, Item, ReadOptions, Scanned, Skip};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Items per parallel batch, handed to the writer as soon as it is analysed. Small, so that
/// when the analysis ends only the last batch is left for the writer thread (the store, the
/// printer) while the other core idles: with 1,024 that tail was about 4 % of a 10,000-article
/// ingest. Store transactions still take 1,024 articles (`writer::COMMIT_EVERY`). Bounded so
/// memory stays flat: at most a transaction's batches, two queued and one being analysed.
pub const BATCH: usize = 256;

/// What happened to the inputs of a run.
#[derive(Debug, Default)]
pub struct Tally {
    /// Articles analysed.
    pub articles: usize,
    /// Skips, in order.
    pub skipped: Vec<Skip>,
    /// Ignored container parts (WARC request records ...).
    pub ignored: Vec<Skip>,
}

impl Tally {
    /// Skips counted by reason.
    pub fn skipped_by_kind(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for s in &self.skipped {
            *counts.entry(s.kind).or_insert(0) += 1;
        }
        counts
    }

    /// Ignored parts counted by reason.
    pub fn ignored_by_kind(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for s in &self.ignored {
            *counts.entry(s.kind).or_insert(0) += 1;
        }
        counts
    }

    /// "ignored 2 (2 WARC record not a response)".
    pub fn ignored_summary(&self) -> String {
        let parts: Vec<String> = self
            .ignored_by_kind()
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        if parts.is_empty() {
            "ignored 0".to_string()
        } else {
            format!("ignored {} ({})", self.ignored.len(), parts.join(", "))
        }
    }

    /// "skipped 3 (2 malformed JSON, 1 binary)".
    pub fn skipped_summary(&self) -> String {
        let parts: Vec<String> = self
            .skipped_by_kind()
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        if parts.is_empty() {
            "skipped 0".to_string()
        } else {
            format!("skipped {} ({})", self.skipped.len(), parts.join(", "))
        }
    }
}

/// Runs the pipeline over inputs; `on_batch` receives analysed articles in input order.
/// Problems are printed to stderr as they happen, one line each.
pub fn run(
    inputs: &[String],
    options: &ReadOptions,
    pipeline: &Pipeline,
    depth: dyad_core::Depth,
    progress_label: &str,
    exclude: &[PathBuf],
    on_batch: &mut dyn FnMut(Vec<Analysis>) -> anyhow::Result<()>,
) -> anyhow::Result<Tally> {
    let (mut files, problems) = dyad_ingest::expand_inputs(inputs);
    // Never read the store's own files when the database lives inside an input directory.
    files.retain(|f| !exclude.iter().any(|x| same_file(f, x)));
    let mut tally = Tally::default();
    for p in problems {
        eprintln!("dyad: skipped {p}");
        tally.skipped.push(p);
    }
    let bar = progress_bar(progress_label);
    let mut pending: Vec<Item> = Vec::with_capacity(BATCH);
    let mut error: Option<anyhow::Error> = None;
    let mut flush = |pending: &mut Vec<Item>, tally: &mut Tally| -> anyhow::Result<()> {
        let items = std::mem::take(pending);
        let results: Vec<Result<Analysis, Skip>> = items
            .into_par_iter()
            .map(|item| {
                let (path, location) = (item.path.clone(), item.location.clone());
                let article = parse_item(item, options)?;
                // A bug in a stage must cost one article, not the batch: report it as a skip.
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    pipeline.analyze_to(article, depth)
                }))
                .map_err(|panic| Skip {
                    source: path,
                    location,
                    kind: "internal error",
                    reason: format!(
                        "internal error while analysing (please report): {}",
                        panic
                            .downcast_ref::<String>()
                            .map(String::as_str)
                            .or_else(|| panic.downcast_ref::<&str>().copied())
                            .unwrap_or("panic")
                    ),
                })
            })
            .collect();
        let mut batch = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(analysis) => {
                    tally.articles += 1;
                    batch.push(analysis);
                }
                Err(skip) => {
                    eprintln!("dyad: skipped {skip}");
                    tally.skipped.push(skip);
                }
            }
        }
        if let Some(bar) = &bar {
            bar.inc(batch.len() as u64);
        }
        on_batch(batch)
    };
    dyad_ingest::scan(&files, &mut |scanned| {
        if error.is_some() {
            return;
        }
        match scanned {
            Scanned::Item(item) => {
                pending.push(item);
                if pending.len() >= BATCH {
                    if let Err(e) = flush(&mut pending, &mut tally) {
                        error = Some(e);
                    }
                }
            }
            Scanned::Skipped(skip) => {
                eprintln!("dyad: skipped {skip}");
                tally.skipped.push(skip);
            }
            Scanned::Ignored(skip) => {
                eprintln!("dyad: ignored {skip}");
                tally.ignored.push(skip);
            }
        }
    });
    if let Some(e) = error {
        return Err(e);
    }
    flush(&mut pending, &mut tally)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(tally)
}

/// Runs the pipeline over inputs with every batch written by `sink` on a thread of its own
/// (`writer::BatchThread`), and returns the tally with the sink's totals. The thread's own
/// error (a closed pipe, a full disk) explains a failed send better than the send does, so it
/// is reported first.
#[allow(clippy::too_many_arguments)]
pub fn run_into<S: crate::writer::BatchSink>(
    sink: S,
    inputs: &[String],
    options: &ReadOptions,
    pipeline: &Pipeline,
    depth: dyad_core::Depth,
    progress_label: &str,
    exclude: &[PathBuf],
) -> anyhow::Result<(Tally, S::Totals)> {
    let writer = crate::writer::BatchThread::start(sink);
    let run = run(
        inputs,
        options,
        pipeline,
        depth,
        progress_label,
        exclude,
        &mut |batch| writer.send(batch),
    );
    let totals = writer.finish()?;
    Ok((run?, totals))
}

/// The database and its journal files (a rollback journal; WAL ones from older stores), which
/// a run must not read as input.
pub fn database_files(db: &std::path::Path) -> Vec<PathBuf> {
    ["", "-journal", "-wal", "-shm"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", db.display())))
        .collect()
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    // Canonicalizing costs syscalls; only files with the database's name can be it.
    if a.file_name() != b.file_name() {
        return false;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// A progress bar with articles/s, on a terminal only.
fn progress_bar(label: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {msg} {pos} articles ({per_sec}) {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(label.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}
