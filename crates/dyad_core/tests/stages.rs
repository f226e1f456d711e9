//! Data-driven stage tests: each fixture under tests/fixtures/<stage>/ is an article written by
//! the team; its rendered output is an insta snapshot next to this file.

use dyad_core::{Article, Depth, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::new)
}

fn analyze(path: &std::path::Path, depth: Depth) -> (String, dyad_core::Analysis) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let analysis = pipeline().analyze_to(Article::from_text(&name, &text), depth);
    (text, analysis)
}

/// Actor mentions: `text => entity [country sector office] via`.
fn check_actors(path: &std::path::Path) -> String {
    let (text, analysis) = analyze(path, Depth::Actors);
    analysis
        .mentions
        .iter()
        .map(|m| {
            format!(
                "{:?} => {} [{} {} {}] {}",
                &text[m.span.start..m.span.end],
                m.entity,
                m.country.as_deref().unwrap_or("-"),
                m.sector.as_deref().unwrap_or("-"),
                m.office.as_deref().unwrap_or("-"),
                m.via
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Events: `TYPE mode modality actors -> recipients date(precision) @location | trigger`.
fn check_events(path: &std::path::Path) -> String {
    let (text, analysis) = analyze(path, Depth::Events);
    let parties = |ps: &[dyad_core::Party]| {
        ps.iter()
            .map(|p| format!("{}/{}", p.name, p.country.as_deref().unwrap_or("?")))
            .collect::<Vec<_>>()
            .join("+")
    };
    analysis
        .events
        .iter()
        .map(|e| {
            let trigger = e
                .evidence
                .trigger
                .map(|t| &text[t.start..t.end])
                .unwrap_or("");
            assert_eq!(
                &text[e.evidence.start..e.evidence.end],
                e.evidence.text,
                "evidence offsets point into the raw text"
            );
            format!(
                "{} {} {} {} -> {} {}({}){} @{} | {trigger}",
                e.event,
                e.mode.as_deref().unwrap_or("-"),
                e.modality.map(|m| m.as_str()).unwrap_or("-"),
                parties(&e.actor),
                parties(&e.recipient),
                e.date.as_deref().unwrap_or("-"),
                e.date_precision
                    .map(|p| format!("{p:?}").to_lowercase())
                    .unwrap_or_default(),
                e.end_date
                    .as_deref()
                    .map(|d| format!("..{d}"))
                    .unwrap_or_default(),
                e.location.as_ref().map(|l| l.name.as_str()).unwrap_or("-"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn actors() {
    insta::glob!("fixtures/actors/*.txt", |path| {
        insta::assert_snapshot!(check_actors(path));
    });
}

#[test]
fn events() {
    insta::glob!("fixtures/events/*.txt", |path| {
        insta::assert_snapshot!(check_events(path));
    });
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "x",
        "\n\n\n",
        "“",
        "ÉÉÉ. . . ",
        "A.B.C.D.",
        "He said.",
        "The the the",
        &"China ".repeat(5000),
        "Li\u{0}Shangfu met",
    ] {
        let analysis = pipeline().analyze(Article::from_text("odd", text));
        for e in &analysis.events {
            assert!(e.evidence.end <= text.len());
        }
    }
}
