//! The `dyad` command line: a thin layer that parses arguments and calls the engine, the store
//! and the scorer. IO lives here and in the ingest and store crates; analysis is pure.

mod bench;
mod commands;
mod engine;
mod generate;
mod output;
mod writer;

use clap::{Parser, Subcommand};
use output::ListFormat;
use std::path::PathBuf;
use std::process::ExitCode;

// The pipeline makes many small short-lived allocations on every worker thread; mimalloc's
// thread-local pages make them far cheaper than glibc's malloc (see `dyad bench`). Its v2 line:
// 1 % fewer instructions per article than v3 and a tenth fewer page faults per ingest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// dyad: who did what to whom, from the news.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, long_about = None)]
pub struct Cli {
    /// The database file (SQLite, created when missing).
    #[arg(long, global = true, default_value = "dyad.db")]
    pub db: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (text, HTML, JSON Lines, WARC; files, directories, globs or -) and store them
    /// with their sentences, actors, events and quotes.
    Ingest(commands::IngestArgs),
    /// List stored articles, or show one with its sentences.
    Articles(commands::ArticlesArgs),
    /// Extract events from articles without a store, one JSON object per line.
    Extract(commands::ExtractArgs),
    /// Score extraction against a gold file (EVENTS.md §4).
    Eval(commands::EvalArgs),
    /// List stored events, filtered by country, dyad, type, modality, date or outlet.
    Events(commands::EventsArgs),
    /// Show one event: its sentence with actor, recipient and trigger marked, and its rule.
    Show(commands::ShowArgs),
    /// List the actor registry: entities, aliases and dated roles.
    Actors(commands::ActorsArgs),
    /// List quotes with their speakers and relaying outlets.
    Quotes(commands::QuotesArgs),
    /// Write a deterministic synthetic corpus of N articles in all four formats.
    Generate(generate::GenerateArgs),
    /// Measure throughput (articles/s, MB/s) and peak memory per stage and end to end.
    Bench(bench::BenchArgs),
}

/// Common `--format` for listings.
#[derive(Debug, Clone, clap::Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (`dyad events | head`) is not an error.
            if error.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dyad: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
