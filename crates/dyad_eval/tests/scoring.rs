//! Hand-made cases for each matching rule of EVENTS.md §4, written as gold and system JSON lines.

use dyad_core::{Event, Modality};
use dyad_eval::{parse_gold, render_table, score, Report, Scores, SystemArticle};

/// Scores a gold file against system articles given as (key, text, events one JSON per line).
fn score_jsonl(gold_file: &str, system: &[(&str, Option<&str>, &str)]) -> Report {
    let (gold, errors) = parse_gold(gold_file, "gold.jsonl");
    assert!(errors.is_empty(), "{errors:?}");
    let system: Vec<SystemArticle> = system
        .iter()
        .map(|(key, text, events)| SystemArticle {
            key: key.to_string(),
            text: text.map(str::to_string),
            events: events
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str::<Event>(l).expect(l))
                .collect(),
        })
        .collect();
    score(&gold, &system)
}

/// Scores gold events against system events (one JSON object per line) of one article.
fn check(gold_events_jsonl: &str, system_events_jsonl: &str) -> Report {
    let events: Vec<&str> = gold_events_jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let gold_file = format!(
        r#"{{"article": "a.txt", "events": [{}]}}"#,
        events.join(",")
    );
    score_jsonl(&gold_file, &[("corpus/a.txt", None, system_events_jsonl)])
}

/// (tp, fp, fn) of a score.
fn counts(scores: &Scores) -> (usize, usize, usize) {
    (scores.tp, scores.fp, scores.r#fn)
}

const SUPPORT_USA_JPN: &str = r#"{"event": "SUPPORT", "modality": "asserted", "actor": [{"name": "US", "country": "USA"}], "recipient": [{"name": "Japan", "country": "JPN"}]}"#;

#[test]
fn equal_types_match_and_other_types_do_not() {
    assert_eq!(
        counts(&check(SUPPORT_USA_JPN, SUPPORT_USA_JPN).undated),
        (1, 0, 0)
    );
    let accuse = SUPPORT_USA_JPN.replace("SUPPORT", "ACCUSE");
    assert_eq!(counts(&check(SUPPORT_USA_JPN, &accuse).undated), (0, 1, 1));
}

#[test]
fn future_consult_matches_gold_agree_but_asserted_does_not() {
    let gold = r#"{"event": "AGREE", "modality": "future", "actor": [{"name": "China", "country": "CHN"}], "recipient": [{"name": "Afghanistan", "country": "AFG"}]}"#;
    let future = r#"{"event": "CONSULT", "modality": "future", "actor": [{"name": "China", "country": "CHN"}], "recipient": [{"name": "Afghanistan", "country": "AFG"}]}"#;
    assert_eq!(counts(&check(gold, future).undated), (1, 0, 0));
    let asserted = future.replace("future", "asserted");
    assert_eq!(counts(&check(gold, &asserted).undated), (0, 1, 1));
    // And the other way round: future COOPERATE in gold, AGREE in the system.
    let gold_cooperate = future.replace("CONSULT", "COOPERATE");
    let system_agree = gold.replace("future", "asserted");
    assert_eq!(
        counts(&check(&gold_cooperate, &system_agree).undated),
        (1, 0, 0)
    );
}

#[test]
fn directed_events_need_overlapping_actors_and_recipients() {
    let gold = r#"{"event": "SANCTION", "modality": "asserted", "actor": [{"name": "US", "country": "USA"}], "recipient": [{"name": "China", "country": "CHN"}]}"#;
    let wider = r#"{"event": "SANCTION", "modality": "asserted", "actor": [{"name": "US", "country": "USA"}], "recipient": [{"name": "China", "country": "CHN"}, {"name": "Russia", "country": "RUS"}]}"#;
    assert_eq!(counts(&check(gold, wider).undated), (1, 0, 0));
    let other_recipient = gold.replace("CHN", "RUS");
    assert_eq!(counts(&check(gold, &other_recipient).undated), (0, 1, 1));
    let reversed = r#"{"event": "SANCTION", "modality": "asserted", "actor": [{"name": "China", "country": "CHN"}], "recipient": [{"name": "US", "country": "USA"}]}"#;
    assert_eq!(counts(&check(gold, reversed).undated), (0, 1, 1));
    // Both recipient sets empty also counts as agreeing.
    let drill = r#"{"event": "MOBILIZE", "modality": "asserted", "actor": [{"name": "PLA", "country": "CHN"}]}"#;
    assert_eq!(counts(&check(drill, drill).undated), (1, 0, 0));
}

#[test]
fn undirected_events_compare_the_union_of_countries() {
    let gold = r#"{"event": "COOPERATE", "modality": "asserted", "actor": [{"name": "China", "country": "CHN"}, {"name": "Russia", "country": "RUS"}]}"#;
    let directed = r#"{"event": "COOPERATE", "modality": "asserted", "actor": [{"name": "Russia", "country": "RUS"}], "recipient": [{"name": "China", "country": "CHN"}]}"#;
    assert_eq!(counts(&check(gold, directed).undated), (1, 0, 0));
    let one_shared = directed.replace("CHN", "USA");
    assert_eq!(counts(&check(gold, &one_shared).undated), (0, 1, 1));

    // A one-country gold event needs exactly that country on the system side.
    let alone = r#"{"event": "COOPERATE", "modality": "asserted", "actor": [{"name": "PLA Navy", "country": "CHN"}]}"#;
    assert_eq!(counts(&check(alone, alone).undated), (1, 0, 0));
    assert_eq!(counts(&check(alone, gold).undated), (0, 1, 1));
}

#[test]
fn mutual_coding_matches_a_directed_gold_event() {
    let pact = r#"{"event": "SUPPORT", "modality": "asserted", "actor": [{"name": "US", "country": "USA"}, {"name": "Japan", "country": "JPN"}]}"#;
    assert_eq!(counts(&check(SUPPORT_USA_JPN, pact).undated), (1, 0, 0));
    assert_eq!(counts(&check(pact, SUPPORT_USA_JPN).undated), (1, 0, 0));
}

#[test]
fn each_gold_event_is_matched_once() {
    let twice = format!("{SUPPORT_USA_JPN}\n{SUPPORT_USA_JPN}");
    assert_eq!(counts(&check(SUPPORT_USA_JPN, &twice).undated), (1, 1, 0));
}

#[test]
fn denied_gold_is_not_counted_and_asserting_it_is_a_false_positive() {
    let denied = SUPPORT_USA_JPN.replace("asserted", "denied");
    assert_eq!(counts(&check(&denied, "").undated), (0, 0, 0));
    let report = check(&denied, SUPPORT_USA_JPN);
    assert_eq!(counts(&report.undated), (0, 1, 0));
    assert_eq!(report.false_alarms[0].excluded_gold, Some(Modality::Denied));
    assert_eq!(counts(&check(&denied, &denied).undated), (0, 0, 0));
    // Counted gold is served first: one system event, one asserted and one denied gold.
    let both = format!("{denied}\n{SUPPORT_USA_JPN}");
    assert_eq!(counts(&check(&both, SUPPORT_USA_JPN).undated), (1, 0, 0));
}

#[test]
fn dates_agree_at_the_coarser_precision() {
    let dated = |date: &str, precision: &str| {
        SUPPORT_USA_JPN.replace(
            r#""modality""#,
            &format!(r#""date": "{date}", "date_precision": "{precision}", "modality""#),
        )
    };
    let day = dated("2023-04-16", "day");
    let cases = [
        (day.clone(), dated("2023-04-17", "day"), true),
        (day.clone(), dated("2023-04-15", "day"), true),
        (day.clone(), dated("2023-04-18", "day"), false),
        (dated("2023-04", "month"), dated("2023-04-30", "day"), true),
        (dated("2023-04", "month"), dated("2023-05-01", "day"), false),
        (day.clone(), dated("2023-04", "month"), true),
        (dated("2018", "year"), dated("2018-11-02", "day"), true),
        (dated("2018", "year"), dated("2019-01-01", "day"), false),
        (
            SUPPORT_USA_JPN.to_string(),
            SUPPORT_USA_JPN.to_string(),
            true,
        ),
        (day.clone(), SUPPORT_USA_JPN.to_string(), false),
    ];
    for (gold, system, agree) in cases {
        let report = check(&gold, &system);
        assert_eq!(counts(&report.undated), (1, 0, 0));
        let expected = if agree { (1, 0, 0) } else { (0, 1, 1) };
        assert_eq!(counts(&report.dated), expected, "{gold} vs {system}");
    }
}

#[test]
fn maximum_matching_beats_greedy_order() {
    let korea = SUPPORT_USA_JPN
        .replace("Japan", "Korea")
        .replace("JPN", "KOR");
    let both = r#"{"event": "SUPPORT", "modality": "asserted", "actor": [{"name": "US", "country": "USA"}], "recipient": [{"name": "Japan", "country": "JPN"}, {"name": "Korea", "country": "KOR"}]}"#;
    // Greedy would give the first gold (Japan) to `both` and leave the Japan-only event unmatched.
    let system = format!("{both}\n{SUPPORT_USA_JPN}");
    for gold in [
        format!("{SUPPORT_USA_JPN}\n{korea}"),
        format!("{korea}\n{SUPPORT_USA_JPN}"),
    ] {
        assert_eq!(counts(&check(&gold, &system).undated), (2, 0, 0));
    }
}

#[test]
fn bad_gold_lines_are_reported_with_their_line_number() {
    let text = [
        r#"{"article": "a.txt", "events": []}"#,
        "",
        r#"{"article": "b.txt", "events": [}"#,
        r#"{"article": "c.txt", "events": [{"event": "VISIT", "modality": "asserted"}]}"#,
        r#"{"article": "d.txt", "events": [{"event": "AID", "modality": "maybe"}]}"#,
        r#"{"article": "e.txt", "events": [{"event": "AID", "modality": "future", "date": "2023-02-30"}]}"#,
        r#"{"article": "f.txt"}"#,
    ]
    .join("\n");
    let (articles, errors) = parse_gold(&text, "gold.jsonl");
    let keys: Vec<&str> = articles.iter().map(|a| a.article.as_str()).collect();
    assert_eq!(keys, ["a.txt", "f.txt"]);
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    assert!(errors[1].to_string().starts_with("gold.jsonl:4: "));
    assert!(errors[1].reason.contains("VISIT"));
}

#[test]
fn per_type_counts_credit_gold_type_for_tp_and_system_type_for_fp() {
    let gold = r#"{"event": "AGREE", "modality": "future", "actor": [{"name": "China", "country": "CHN"}], "recipient": [{"name": "Russia", "country": "RUS"}]}"#;
    let system = format!(
        "{}\n{}",
        gold.replace("AGREE", "CONSULT"),
        gold.replace("AGREE", "ACCUSE")
    );
    let report = check(gold, &system);
    assert_eq!(report.per_type.len(), 16);
    let row = |event: &str| {
        let t = report.per_type.iter().find(|t| t.event == event).unwrap();
        (t.gold, t.system, t.scores.tp, t.scores.fp, t.scores.r#fn)
    };
    assert_eq!(row("AGREE"), (1, 0, 1, 0, 0));
    assert_eq!(row("CONSULT"), (0, 1, 0, 0, 0));
    assert_eq!(row("ACCUSE"), (0, 1, 0, 1, 0));
    assert_eq!(row("ASSAULT"), (0, 0, 0, 0, 0));
}

#[test]
fn attribute_accuracies_among_matched_pairs() {
    let gold = [
        r#"{"event": "CONSULT", "mode": "visit", "modality": "asserted", "location": "Moscow", "actor": [{"name": "Li", "country": "CHN"}], "recipient": [{"name": "Russia", "country": "RUS"}]}"#,
        r#"{"event": "SANCTION", "mode": "discontinue", "modality": "alleged", "actor": [{"name": "US", "country": "USA"}], "recipient": [{"name": "China", "country": "CHN"}, {"name": "Russia", "country": "RUS"}]}"#,
    ]
    .join("\n");
    let system = [
        // Undirected, coded the other way round: countries still count on either side.
        r#"{"event": "CONSULT", "mode": "visit", "modality": "asserted", "location": {"text": "the Kremlin", "name": "Moscow, Russia", "country": "RUS", "lat": null, "lon": null}, "actor": [{"name": "Russia", "country": "RUS"}], "recipient": [{"name": "Li", "country": "CHN"}]}"#,
        r#"{"event": "SANCTION", "mode": null, "modality": "asserted", "location": {"text": "Washington", "name": "Washington", "country": "USA", "lat": null, "lon": null}, "actor": [{"name": "US", "country": "USA"}], "recipient": [{"name": "China", "country": "CHN"}]}"#,
    ]
    .join("\n");
    let report = check(&gold, &system);
    assert_eq!(counts(&report.undated), (2, 0, 0));
    let a = report.accuracy;
    let parts = |x: dyad_eval::Accuracy| (x.correct, x.total);
    assert_eq!(parts(a.modality), (1, 2));
    assert_eq!(parts(a.mode), (1, 2));
    assert_eq!(parts(a.location), (1, 2));
    assert_eq!(parts(a.actor_country), (4, 5));
    assert_eq!(a.actor_country.accuracy, 0.8);
    let alleged = report
        .per_modality
        .iter()
        .find(|m| m.modality == Modality::Alleged);
    assert_eq!(alleged.map(|m| (m.gold, m.matched)), Some((1, 1)));
}

#[test]
fn articles_pair_by_key_or_path_and_misses_show_the_sentence() {
    let gold = [
        r#"{"article": "a.txt", "events": [{"event": "THREATEN", "modality": "asserted", "actor": [{"name": "North Korea", "country": "PRK"}], "quote": "vowed a response"}]}"#,
        r#"{"article": "b.txt", "events": [{"event": "AID", "modality": "asserted"}]}"#,
    ]
    .join("\n");
    let text =
        "Talks stalled on Monday. Pyongyang vowed a response to the drills! Seoul said nothing.";
    let report = score_jsonl(
        &gold,
        &[
            ("data/a.txt", Some(text), ""),
            ("c.txt", None, SUPPORT_USA_JPN),
        ],
    );
    assert_eq!(counts(&report.undated), (0, 0, 2));
    assert_eq!(report.not_found, ["b.txt"]);
    assert_eq!(report.unscored, ["c.txt"]);
    assert_eq!(
        report.misses[0].evidence.as_deref(),
        Some("Pyongyang vowed a response to the drills!")
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["undated"]["fn"], 2);
    let table = render_table(&report);
    assert!(table.contains("ASSAULT") && table.contains("not found: b.txt"));
}

#[test]
fn reported_pairs_prefer_the_same_sentence_and_date() {
    // Two drills of the same parties in one article: the undated matching could pair them either
    // way; the reported pairs (and the date accuracy) must be the natural ones.
    let gold = [
        r#"{"event": "COOPERATE", "modality": "asserted", "date": "2019", "date_precision": "year", "quote": "first held a joint drill in 2019", "actor": [{"name": "Iran", "country": "IRN"}, {"name": "Russia", "country": "RUS"}]}"#,
        r#"{"event": "COOPERATE", "modality": "asserted", "date": "2023-03-15", "date_precision": "day", "quote": "began joint exercises on Wednesday", "actor": [{"name": "Iran", "country": "IRN"}, {"name": "Russia", "country": "RUS"}]}"#,
    ]
    .join("\n");
    let system = [
        r#"{"event": "COOPERATE", "modality": "asserted", "date": "2019", "date_precision": "year", "evidence": {"sentence": 1, "start": 61, "end": 100, "text": "The two navies first held a joint drill in 2019."}, "actor": [{"name": "Iran", "country": "IRN"}, {"name": "Russia", "country": "RUS"}]}"#,
        r#"{"event": "COOPERATE", "modality": "asserted", "date": "2023-03-15", "date_precision": "day", "evidence": {"sentence": 0, "start": 0, "end": 60, "text": "The navies of Iran and Russia began joint exercises on Wednesday."}, "actor": [{"name": "Iran", "country": "IRN"}, {"name": "Russia", "country": "RUS"}]}"#,
    ]
    .join("\n");
    let report = check(&gold, &system);
    assert_eq!(counts(&report.undated), (2, 0, 0));
    assert_eq!(counts(&report.dated), (2, 0, 0));
    assert_eq!(
        (report.accuracy.date.correct, report.accuracy.date.total),
        (2, 2)
    );
}
