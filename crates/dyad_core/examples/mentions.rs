//! Prints the actor mentions of each body sentence of the given text files, for working on the
//! actor stage: `cargo run --release -p dyad_core --example mentions -- FILE...`.

use dyad_core::{Article, Depth, Pipeline};

fn main() {
    let pipeline = Pipeline::new();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let analysis = pipeline.analyze_to(Article::from_text(&path, &text), Depth::Actors);
        println!("== {path}");
        for sentence in &analysis.sentences {
            println!(
                "[{} {}] {}",
                sentence.index,
                sentence.kind.as_str(),
                &text[sentence.span.start..sentence.span.end]
            );
            for m in analysis
                .mentions
                .iter()
                .filter(|m| m.sentence == sentence.index)
            {
                println!(
                    "    {:?} => {} [{} {} {}] {}",
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
}
