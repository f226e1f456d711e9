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
            // A party's span is the party as written, with no blanks around it (a span that
            // points at the trigger or the sentence for an inferred party may differ).
            for p in e.actor.iter().chain(&e.recipient) {
                if let Some(span) = p.span {
                    let written = &text[span.start..span.end];
                    assert_eq!(written, written.trim(), "party span {span:?} holds blanks");
                }
            }
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

/// Issue target: on the seed articles (read from ../shared at test time, never copied), every
/// named official gets the right country, and an office when the text gives one.
#[test]
fn seed_officials_get_country_and_office() {
    let seeds =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    assert!(
        seeds.is_dir(),
        "the shared seeds must sit beside the repository: {}",
        seeds.display()
    );
    let mut persons: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let (_, analysis) = analyze(&path, Depth::Actors);
        persons.extend(
            analysis
                .mentions
                .iter()
                .filter(|m| m.kind == dyad_core::actors::MentionKind::Person)
                .map(|m| (m.entity.clone(), m.country.clone(), m.office.clone())),
        );
    }
    let expected = [
        ("Guan Youfei", "CHN", None),
        ("Fahad Jassim al-Freij", "SYR", Some("defense minister")),
        ("Fang Fenghui", "CHN", None),
        (
            "Mohammad Hanif Atmar",
            "AFG",
            Some("national security adviser"),
        ),
        ("Meng Jianzhu", "CHN", None),
        ("Li Shangfu", "CHN", Some("defense minister")),
        ("Sergei Shoigu", "RUS", Some("defense minister")),
        ("Vladimir Putin", "RUS", Some("president")),
        ("Nikolai Yevmenov", "RUS", Some("navy commander")),
        ("Qin Gang", "CHN", Some("foreign minister")),
        ("Andrei Rudenko", "RUS", Some("deputy foreign minister")),
    ];
    for (name, country, office) in expected {
        let found: Vec<_> = persons.iter().filter(|p| p.0 == name).collect();
        assert!(!found.is_empty(), "{name} not recognized");
        assert!(
            found.iter().all(|p| p.1.as_deref() == Some(country)),
            "{name}: {found:?}"
        );
        if let Some(office) = office {
            assert!(
                found.iter().any(|p| p.2.as_deref() == Some(office)),
                "{name} lacks office {office}: {found:?}"
            );
        }
    }
}
