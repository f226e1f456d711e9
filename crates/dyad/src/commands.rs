//! The subcommands: argument types and what each does.

use crate::engine;
use crate::output::{cell, print_rows, ListFormat};
use crate::{Cli, Command, FormatArg};
use anyhow::Context;
use dyad_core::{Depth, Event, Pipeline};
use dyad_ingest::ReadOptions;
use dyad_store::{ArticleFilter, EventFilter, Store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// `dyad ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files, directories (recursive), glob patterns, or - for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Options for reading articles.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadArgs {
    /// Publication date (YYYY-MM-DD) for articles that carry none.
    #[arg(long)]
    pub published: Option<String>,
    /// A TABARI/PETRARCH actor dictionary to use beside the built-in knowledge base.
    #[arg(long)]
    pub dictionary: Option<PathBuf>,
}

impl ReadArgs {
    fn options(&self) -> anyhow::Result<ReadOptions> {
        if let Some(date) = &self.published {
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .with_context(|| format!("--published {date:?} is not a YYYY-MM-DD date"))?;
        }
        Ok(ReadOptions {
            published: self.published.clone(),
        })
    }

    fn pipeline(&self) -> anyhow::Result<Pipeline> {
        let pipeline = Pipeline::new();
        match &self.dictionary {
            None => Ok(pipeline),
            Some(path) => {
                let started = std::time::Instant::now();
                let bytes = std::fs::read(path)
                    .with_context(|| format!("reading dictionary {}", path.display()))?;
                // Dictionaries in the wild mix UTF-8 and Latin-1 bytes.
                let text = match std::str::from_utf8(&bytes) {
                    Ok(t) => t.to_string(),
                    Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
                };
                let dictionary = dyad_core::tabari::Dictionary::parse(&text);
                for e in dictionary.errors.iter().take(20) {
                    eprintln!("dyad: {}: {e}", path.display());
                }
                eprintln!(
                    "dyad: loaded {} actors from {} in {} ms ({} unreadable lines)",
                    dictionary.actors.len(),
                    path.display(),
                    started.elapsed().as_millis(),
                    dictionary.errors.len()
                );
                Ok(pipeline.with_dictionary(dictionary))
            }
        }
    }
}

/// `dyad articles`.
#[derive(Debug, clap::Args)]
pub struct ArticlesArgs {
    /// Show this article (id, id prefix or key) with its sentences.
    pub id: Option<String>,
    /// Outlet contains.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Published on or after (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Published on or before (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Title or text contains.
    #[arg(long)]
    pub contains: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `dyad extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files, directories, globs, or - for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Also print, on stderr, why triggers gave no event and where the metadata came from.
    #[arg(long)]
    pub explain: bool,
    /// Also print, on stderr, every body sentence with the actors recognized in it and how
    /// each was resolved (knowledge base, title, pronoun, group ...).
    #[arg(long)]
    pub mentions: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Event output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// One event per line, the fields of EVENTS.md §2 plus `source`.
    Jsonl,
    /// Flat CSV, one event per row.
    Csv,
    /// PLOVER records (manual's data fields), one per line.
    Plover,
}

/// `dyad eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold file (JSON Lines, EVENTS.md §3).
    #[arg(long)]
    pub gold: PathBuf,
    /// Articles to extract from.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// table or json.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Fail (exit 1) when undated or dated F1 falls below the figures in this JSON file
    /// (`{"undated_f1": 0.5, "dated_f1": 0.4}`); the exit status then ignores skipped inputs.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Print at most this many misses and false alarms in the table (all are in JSON).
    #[arg(long, default_value_t = 40)]
    pub show: usize,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `dyad events`.
#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    /// Any party from this country (ISO alpha-3).
    #[arg(long)]
    pub country: Option<String>,
    /// Both countries involved: `--dyad CHN,RUS`.
    #[arg(long)]
    pub dyad: Option<String>,
    /// PLOVER type (CONSULT, AID ...).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// asserted, future, alleged, denied, hypothetical.
    #[arg(long)]
    pub modality: Option<String>,
    /// Event date on or after.
    #[arg(long)]
    pub since: Option<String>,
    /// Event date on or before.
    #[arg(long)]
    pub until: Option<String>,
    /// Outlet contains.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Events of one article (id prefix or key).
    #[arg(long)]
    pub article: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `dyad show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Event id (or a unique prefix).
    pub id: String,
    /// table (marked sentence) or json.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// `dyad actors`.
#[derive(Debug, clap::Args)]
pub struct ActorsArgs {
    /// Name or alias contains.
    pub name: Option<String>,
    /// Country (ISO alpha-3).
    #[arg(long)]
    pub country: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `dyad quotes`.
#[derive(Debug, clap::Args)]
pub struct QuotesArgs {
    /// Speaker contains.
    #[arg(long)]
    pub speaker: Option<String>,
    /// One article (id prefix or key).
    #[arg(long)]
    pub article: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest(&cli.db, args),
        Command::Articles(args) => articles(&cli.db, args),
        Command::Extract(args) => extract(args),
        Command::Eval(args) => eval(args),
        Command::Events(args) => events(&cli.db, args),
        Command::Show(args) => show(&cli.db, args),
        Command::Actors(args) => actors(&cli.db, args),
        Command::Quotes(args) => quotes(&cli.db, args),
        Command::Generate(args) => crate::generate::run(args),
        Command::Bench(args) => crate::bench::run(args),
    }
}

fn open_store(db: &std::path::Path) -> anyhow::Result<Store> {
    Store::open(db).with_context(|| format!("opening database {}", db.display()))
}

fn exit_for(tally: &engine::Tally) -> ExitCode {
    if tally.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn ingest(db: &std::path::Path, args: IngestArgs) -> anyhow::Result<ExitCode> {
    let options = args.read.options()?;
    let pipeline = args.read.pipeline()?;
    let sink = crate::writer::StoreSink::new(open_store(db)?);
    let started = std::time::Instant::now();
    let (tally, written) = engine::run_into(
        sink,
        &args.paths,
        &options,
        &pipeline,
        Depth::Events,
        "ingesting",
        &engine::database_files(db),
    )?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "dyad: {} articles read, {} stored, {} duplicates, {} events, {}, {}; {:.0} articles/s ({:.1}s in SQLite) into {}",
        tally.articles,
        written.stored,
        written.duplicates,
        written.events,
        tally.skipped_summary(),
        tally.ignored_summary(),
        tally.articles as f64 / seconds.max(1e-9),
        written.seconds,
        db.display()
    );
    Ok(exit_for(&tally))
}

fn articles(db: &std::path::Path, args: ArticlesArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    if let Some(id) = &args.id {
        let Some((article, sentences)) = store.article(id)? else {
            anyhow::bail!("no article {id:?} in {}", db.display());
        };
        if args.format.format == ListFormat::Json {
            let value = serde_json::json!({"article": article, "sentences": sentences});
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
            return Ok(ExitCode::SUCCESS);
        }
        if args.format.format == ListFormat::Table {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}  {}", article.id, article.key)?;
            writeln!(out, "title:     {}", cell(&article.title))?;
            writeln!(out, "published: {}", cell(&article.published))?;
            writeln!(out, "outlet:    {}", cell(&article.outlet))?;
            writeln!(out, "source:    {} ({})", article.source, article.format)?;
            writeln!(out)?;
        }
        print_rows(
            args.format.format,
            &["#", "bytes", "kind", "sentence"],
            &sentences,
            |s| {
                vec![
                    s.index.to_string(),
                    format!("{}-{}", s.start, s.end),
                    s.kind.clone(),
                    s.text.clone(),
                ]
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let filter = ArticleFilter {
        id: None,
        outlet: args.outlet,
        since: args.since,
        until: args.until,
        contains: args.contains,
        limit: args.limit,
    };
    let rows = store.articles(&filter)?;
    print_rows(
        args.format.format,
        &[
            "id",
            "published",
            "outlet",
            "sentences",
            "events",
            "key",
            "title",
        ],
        &rows,
        |a| {
            vec![
                a.id.clone(),
                cell(&a.published),
                cell(&a.outlet),
                a.sentences.to_string(),
                a.events.to_string(),
                a.key.clone(),
                cell(&a.title),
            ]
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = args.read.options()?;
    let pipeline = args.read.pipeline()?;
    let printer = EventPrinter::new(
        Box::new(std::io::stdout()),
        args.format,
        args.explain,
        args.mentions,
    )?;
    let (tally, ()) = engine::run_into(
        printer,
        &args.paths,
        &options,
        &pipeline,
        Depth::Events,
        "extracting",
        &[],
    )?;
    eprintln!(
        "dyad: {} articles, {}",
        tally.articles,
        tally.skipped_summary()
    );
    Ok(exit_for(&tally))
}

/// Writes the events of each batch in an output format (`dyad extract`, and `dyad bench`'s
/// extract stage into a sink), with `--explain` and `--mentions` on stderr.
pub struct EventPrinter {
    out: EventOut,
    format: ExtractFormat,
    explain: bool,
    mentions: bool,
}

enum EventOut {
    Lines(std::io::BufWriter<Box<dyn Write + Send>>),
    Csv(Box<csv::Writer<Box<dyn Write + Send>>>),
}

impl EventPrinter {
    /// A printer into `out` (CSV writes its header at once).
    pub fn new(
        out: Box<dyn Write + Send>,
        format: ExtractFormat,
        explain: bool,
        mentions: bool,
    ) -> anyhow::Result<Self> {
        let out = if format == ExtractFormat::Csv {
            let mut csv_out = csv::Writer::from_writer(out);
            csv_out.write_record(CSV_HEADER)?;
            EventOut::Csv(Box::new(csv_out))
        } else {
            EventOut::Lines(std::io::BufWriter::new(out))
        };
        Ok(EventPrinter {
            out,
            format,
            explain,
            mentions,
        })
    }
}

impl crate::writer::BatchSink for EventPrinter {
    type Totals = ();

    fn take(&mut self, batch: Vec<dyad_core::Analysis>) -> anyhow::Result<()> {
        for analysis in &batch {
            if self.explain {
                explain(analysis);
            }
            if self.mentions {
                print_mentions(analysis);
            }
            for event in &analysis.events {
                match (&mut self.out, self.format) {
                    (EventOut::Csv(csv_out), _) => csv_out.write_record(csv_row(event))?,
                    (EventOut::Lines(out), ExtractFormat::Plover) => {
                        serde_json::to_writer(&mut *out, &plover_record(event, analysis))?;
                        out.write_all(b"\n")?;
                    }
                    (EventOut::Lines(out), _) => {
                        serde_json::to_writer(&mut *out, event)?;
                        out.write_all(b"\n")?;
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        match self.out {
            EventOut::Lines(mut out) => out.flush()?,
            EventOut::Csv(mut csv_out) => csv_out.flush()?,
        }
        Ok(())
    }
}

/// `--explain`: metadata provenance and the diagnostics of every stage but cleaning.
fn explain(analysis: &dyad_core::Analysis) {
    let key = &analysis.article.key;
    eprintln!(
        "dyad: {key}: published {:?} (from {}), outlet {:?}",
        analysis.meta.published,
        analysis.meta.published_from.unwrap_or("nowhere"),
        analysis.meta.outlet
    );
    for d in analysis.diagnostics.iter().filter(|d| d.stage != "clean") {
        eprintln!("dyad: {key}: {}: {}", d.stage, d.message);
    }
}

/// `--mentions`: each body sentence and the actors recognized in it.
fn print_mentions(analysis: &dyad_core::Analysis) {
    let text = &analysis.article.text;
    let key = &analysis.article.key;
    for sentence in analysis
        .sentences
        .iter()
        .filter(|s| s.kind == dyad_core::SentenceKind::Body)
    {
        eprintln!(
            "dyad: {key}: [{}] {}",
            sentence.index,
            &text[sentence.span.start..sentence.span.end]
        );
        for m in analysis
            .mentions
            .iter()
            .filter(|m| m.sentence == sentence.index)
        {
            eprintln!(
                "dyad: {key}:     {:?} => {} [{} {} {}] {}",
                &text[m.span.start..m.span.end],
                m.entity,
                m.country.as_deref().unwrap_or("-"),
                m.sector.as_deref().unwrap_or("-"),
                m.office.as_deref().unwrap_or("-"),
                m.via
            );
        }
    }
}

const CSV_HEADER: [&str; 16] = [
    "id",
    "source",
    "event",
    "mode",
    "modality",
    "actor",
    "actor_country",
    "recipient",
    "recipient_country",
    "date",
    "date_precision",
    "location",
    "cameo",
    "quad_class",
    "score",
    "evidence",
];

fn csv_row(e: &Event) -> Vec<String> {
    let names = |ps: &[dyad_core::Party]| {
        ps.iter()
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let countries = |ps: &[dyad_core::Party]| {
        ps.iter()
            .filter_map(|p| p.country.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    vec![
        e.id.clone(),
        e.source.clone().unwrap_or_default(),
        e.event.clone(),
        e.mode.clone().unwrap_or_default(),
        e.modality
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        names(&e.actor),
        countries(&e.actor),
        names(&e.recipient),
        countries(&e.recipient),
        e.date.clone().unwrap_or_default(),
        e.date_precision
            .map(|p| format!("{p:?}").to_lowercase())
            .unwrap_or_default(),
        e.location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        e.cameo.clone().unwrap_or_default(),
        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        e.score.map(|s| s.to_string()).unwrap_or_default(),
        e.evidence.text.clone(),
    ]
}

/// A record in the PLOVER manual's data fields.
fn plover_record(e: &Event, analysis: &dyad_core::Analysis) -> serde_json::Value {
    let entity = |p: &dyad_core::Party| serde_json::json!({"code": p.country, "sector": p.sector, "entity_text": if p.text.is_empty() { &p.name } else { &p.text }, "identifier_text": p.name, "office": p.office});
    serde_json::json!({
        "id": e.id,
        "date": e.date,
        "enddate": e.end_date,
        "actor": e.actor.iter().map(entity).collect::<Vec<_>>(),
        "recipient": e.recipient.iter().map(entity).collect::<Vec<_>>(),
        "event": [e.event],
        "mode": e.mode.iter().collect::<Vec<_>>(),
        "context": e.context,
        "quad_code": e.quad_class,
        "event_scale": e.score,
        "event_loc": e.location.as_ref().map(|l| serde_json::json!({"extracted_place": l.text, "resolved_place": l.name, "country_code": l.country, "lat": l.lat, "lon": l.lon})),
        "event_text": [e.evidence.trigger.and_then(|t| analysis.article.text.get(t.start..t.end))],
        "text_info": {"sequence": e.evidence.sentence, "start": e.evidence.start, "end": e.evidence.end},
        "cite_info": {"url": analysis.article.url, "title": analysis.meta.title, "publication": analysis.meta.outlet},
        "modality": e.modality,
        "coder": "dyad",
        "comment": e.rule,
    })
}

fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let options = args.read.options()?;
    let pipeline = args.read.pipeline()?;
    let gold_text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading gold file {}", args.gold.display()))?;
    let (gold, gold_errors) = dyad_eval::parse_gold(&gold_text, &args.gold.display().to_string());
    for e in &gold_errors {
        eprintln!("dyad: gold: {e}");
    }
    let mut system = Vec::new();
    let tally = engine::run(
        &args.paths,
        &options,
        &pipeline,
        Depth::Events,
        "scoring",
        &[],
        &mut |batch| {
            for analysis in batch {
                system.push(dyad_eval::SystemArticle {
                    key: analysis.article.key.clone(),
                    text: Some(analysis.article.text.clone()),
                    events: analysis.events,
                });
            }
            Ok(())
        },
    )?;
    let report = dyad_eval::score(&gold, &system);
    let mut out = std::io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        _ => {
            let mut shown = report.clone();
            shown.misses.truncate(args.show);
            shown.false_alarms.truncate(args.show);
            write!(out, "{}", dyad_eval::render_table(&shown))?;
            if report.misses.len() > args.show || report.false_alarms.len() > args.show {
                writeln!(
                    out,
                    "({} misses and {} false alarms in all; --show N or --format json for more)",
                    report.misses.len(),
                    report.false_alarms.len()
                )?;
            }
        }
    }
    // With --baseline the exit status answers one question, "did quality hold?": skipped
    // inputs are still reported above (the dev corpus holds broken input on purpose).
    let mut code = if args.baseline.is_some() {
        ExitCode::SUCCESS
    } else {
        exit_for(&tally)
    };
    if !gold_errors.is_empty() {
        code = ExitCode::from(1);
    }
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading baseline {}", path.display()))?;
        let baseline: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("parsing baseline {}", path.display()))?;
        for (name, got) in [
            ("undated_f1", report.undated.f1),
            ("dated_f1", report.dated.f1),
        ] {
            let want = baseline[name]
                .as_f64()
                .with_context(|| format!("baseline {} has no number {name}", path.display()))?;
            // Compare at the precision the baseline is written with, so float noise cannot fail CI.
            if got + 1e-9 < want {
                eprintln!(
                    "dyad: {name} {got:.4} is below the baseline {want:.4} in {}",
                    path.display()
                );
                code = ExitCode::from(1);
            } else {
                eprintln!("dyad: {name} {got:.4} >= baseline {want:.4}");
            }
        }
    }
    Ok(code)
}

fn events(db: &std::path::Path, args: EventsArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    let dyad = match &args.dyad {
        None => None,
        Some(pair) => {
            let (a, b) = pair
                .split_once(',')
                .with_context(|| format!("--dyad {pair:?}: expected two codes like CHN,RUS"))?;
            Some((a.trim().to_uppercase(), b.trim().to_uppercase()))
        }
    };
    let filter = EventFilter {
        country: args.country.map(|c| c.to_uppercase()),
        dyad,
        event: args.event_type.map(|t| t.to_uppercase()),
        modality: args.modality.map(|m| m.to_lowercase()),
        since: args.since,
        until: args.until,
        outlet: args.outlet,
        article: args.article,
        limit: args.limit,
    };
    let rows = store.events(&filter)?;
    let parties = |ps: &[dyad_core::Party]| {
        ps.iter()
            .map(|p| format!("{} ({})", p.name, p.country.as_deref().unwrap_or("?")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    print_rows(
        args.format.format,
        &[
            "id",
            "date",
            "event",
            "mode",
            "modality",
            "actor",
            "recipient",
            "location",
            "evidence",
        ],
        &rows,
        |e| {
            vec![
                e.id.clone(),
                e.date.clone().unwrap_or_default(),
                e.event.clone(),
                e.mode.clone().unwrap_or_default(),
                e.modality
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_default(),
                parties(&e.actor),
                parties(&e.recipient),
                e.location
                    .as_ref()
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                e.evidence.text.clone(),
            ]
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

fn show(db: &std::path::Path, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    let Some((event, text)) = store.event(&args.id)? else {
        anyhow::bail!("no event {:?} in {}", args.id, db.display());
    };
    let mut out = std::io::stdout().lock();
    if args.format == ListFormat::Json {
        serde_json::to_writer_pretty(&mut out, &event)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{}  {} {}{}",
        event.id,
        event.event,
        event
            .mode
            .as_deref()
            .map(|m| format!("({m}) "))
            .unwrap_or_default(),
        event.modality.map(|m| m.as_str()).unwrap_or_default()
    )?;
    writeln!(out, "{}", mark_evidence(&event, &text))?;
    let parties = |ps: &[dyad_core::Party]| {
        ps.iter()
            .map(|p| {
                format!(
                    "{} [{} {}{}]",
                    p.name,
                    p.country.as_deref().unwrap_or("?"),
                    p.sector.as_deref().unwrap_or("?"),
                    p.office
                        .as_deref()
                        .map(|o| format!(", {o}"))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    writeln!(out, "actor:     {}", parties(&event.actor))?;
    writeln!(out, "recipient: {}", parties(&event.recipient))?;
    writeln!(
        out,
        "date:      {} ({})",
        event.date.as_deref().unwrap_or("-"),
        event
            .date_precision
            .map(|p| format!("{p:?}").to_lowercase())
            .unwrap_or_default()
    )?;
    if let Some(l) = &event.location {
        writeln!(
            out,
            "location:  {} ({}){}",
            l.name,
            l.country.as_deref().unwrap_or("-"),
            match (l.lat, l.lon) {
                (Some(lat), Some(lon)) => format!(" at {lat:.2}, {lon:.2}"),
                _ => String::new(),
            }
        )?;
    }
    writeln!(out, "context:   {}", event.context.join(", "))?;
    writeln!(
        out,
        "cameo:     {} quad {} score {}",
        event.cameo.as_deref().unwrap_or("-"),
        event.quad_class.unwrap_or(0),
        event.score.unwrap_or(0.0)
    )?;
    writeln!(out, "rule:      {}", event.rule.as_deref().unwrap_or("-"))?;
    writeln!(
        out,
        "evidence:  sentence {} bytes {}..{} of {}",
        event.evidence.sentence,
        event.evidence.start,
        event.evidence.end,
        event.source.as_deref().unwrap_or("?")
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The evidence sentence with `[A: actor]`, `[R: recipient]` and `<<trigger>>` marked.
pub fn mark_evidence(event: &Event, text: &str) -> String {
    let (start, end) = (event.evidence.start, event.evidence.end);
    let mut marks: Vec<(usize, usize, &str)> = Vec::new();
    for p in &event.actor {
        if let Some(s) = p.span.filter(|s| s.start >= start && s.end <= end) {
            marks.push((s.start, s.end, "A"));
        }
    }
    for p in &event.recipient {
        if let Some(s) = p.span.filter(|s| s.start >= start && s.end <= end) {
            marks.push((s.start, s.end, "R"));
        }
    }
    if let Some(t) = event
        .evidence
        .trigger
        .filter(|s| s.start >= start && s.end <= end)
    {
        marks.push((t.start, t.end, "T"));
    }
    marks.sort();
    marks.dedup_by(|b, a| b.0 < a.1);
    let mut out = String::new();
    let mut at = start;
    for (s, e, kind) in marks {
        if s < at || text.get(at..s).is_none() || text.get(s..e).is_none() {
            continue;
        }
        out.push_str(&text[at..s]);
        match kind {
            "T" => out.push_str(&format!("<<{}>>", &text[s..e])),
            k => out.push_str(&format!("[{k}: {}]", &text[s..e])),
        }
        at = e;
    }
    out.push_str(text.get(at..end).unwrap_or_default());
    out
}

fn actors(db: &std::path::Path, args: ActorsArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    let rows = store.actors(
        args.name.as_deref(),
        args.country.as_deref().map(str::to_uppercase).as_deref(),
        args.limit,
    )?;
    print_rows(
        args.format.format,
        &["name", "kind", "country", "sector", "roles", "aliases"],
        &rows,
        |a| {
            vec![
                a.name.clone(),
                a.kind.clone(),
                cell(&a.country),
                cell(&a.sector),
                a.roles
                    .iter()
                    .map(|r| {
                        format!(
                            "{} {} {} {}..{} ({})",
                            r.office,
                            r.country,
                            r.sector,
                            r.first_seen.as_deref().unwrap_or("?"),
                            r.last_seen.as_deref().unwrap_or("?"),
                            r.articles
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                a.aliases.join("; "),
            ]
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

fn quotes(db: &std::path::Path, args: QuotesArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    let rows = store.quotes(args.speaker.as_deref(), args.article.as_deref(), args.limit)?;
    print_rows(
        args.format.format,
        &[
            "article", "sentence", "speaker", "country", "outlet", "quote",
        ],
        &rows,
        |q| {
            vec![
                q.article.clone(),
                q.sentence.to_string(),
                cell(&q.speaker),
                cell(&q.speaker_country),
                cell(&q.outlet),
                q.text.clone(),
            ]
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
