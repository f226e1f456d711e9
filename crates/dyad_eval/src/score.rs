//! Scores system events against gold events by the matching rules of EVENTS.md §4.

use std::collections::BTreeSet;

use crate::dates::dates_agree;
use crate::gold::{GoldArticle, GoldEvent, GoldParty, PLOVER_TYPES};
use crate::report::{
    ratio, Accuracies, AttributeError, FalseAlarm, Miss, ModalityRecall, PartySummary, TypeScores,
};
pub use crate::report::{render_table, Report, Scores};
use dyad_core::{Event, Location, Modality, Party, Precision};

/// One article as the system coded it.
#[derive(Debug, Clone, Default)]
pub struct SystemArticle {
    /// The article key (file name, path, record id or URL); gold articles are paired on it.
    pub key: String,
    /// The article text, used to show the sentence behind a missed gold quote.
    pub text: Option<String>,
    /// The events the system extracted.
    pub events: Vec<Event>,
}

/// Types that, coded with modality future, also match an AGREE on the other side.
const AGREE_EQUIVALENTS: [&str; 4] = ["CONSULT", "COOPERATE", "AID", "SUPPORT"];
/// Types scored as undirected (EVENTS.md §2 conventions).
const UNDIRECTED_TYPES: [&str; 2] = ["CONSULT", "COOPERATE"];
/// Every modality, in the order the report lists them.
const MODALITIES: [Modality; 5] = [
    Modality::Asserted,
    Modality::Future,
    Modality::Alleged,
    Modality::Denied,
    Modality::Hypothetical,
];

/// True for gold modalities that count for recall; denied and hypothetical gold only absorb
/// system events that coded them.
fn is_counted(modality: Modality) -> bool {
    matches!(
        modality,
        Modality::Asserted | Modality::Future | Modality::Alleged
    )
}

/// What the matching criteria look at, taken alike from gold and system events.
struct MatchView<'a> {
    event: &'a str,
    modality: Option<Modality>,
    actor_countries: BTreeSet<&'a str>,
    recipient_countries: BTreeSet<&'a str>,
    has_recipient: bool,
    date: Option<&'a str>,
    date_precision: Option<Precision>,
}

impl<'a> MatchView<'a> {
    fn of_gold(gold: &'a GoldEvent) -> Self {
        let countries = |parties: &'a [GoldParty]| {
            parties
                .iter()
                .filter_map(|p| p.country.as_deref())
                .collect()
        };
        MatchView {
            event: &gold.event,
            modality: Some(gold.modality),
            actor_countries: countries(&gold.actor),
            recipient_countries: countries(&gold.recipient),
            has_recipient: !gold.recipient.is_empty(),
            date: gold.date.as_deref(),
            date_precision: gold.date_precision,
        }
    }

    fn of_system(system: &'a Event) -> Self {
        let countries = |parties: &'a [Party]| {
            parties
                .iter()
                .filter_map(|p| p.country.as_deref())
                .collect()
        };
        MatchView {
            event: &system.event,
            modality: system.modality,
            actor_countries: countries(&system.actor),
            recipient_countries: countries(&system.recipient),
            has_recipient: !system.recipient.is_empty(),
            date: system.date.as_deref(),
            date_precision: system.date_precision,
        }
    }

    /// "X and Y signed a pact" coded with both as actors and nobody acted upon.
    fn is_mutual(&self) -> bool {
        self.actor_countries.len() >= 2 && !self.has_recipient
    }

    fn all_countries(&self) -> BTreeSet<&'a str> {
        self.actor_countries
            .union(&self.recipient_countries)
            .copied()
            .collect()
    }
}

/// EVENTS.md §4.1: equal types, or a future CONSULT/COOPERATE/AID/SUPPORT against an AGREE.
fn types_match(gold: &MatchView, system: &MatchView) -> bool {
    let future_agree = |agree: &MatchView, other: &MatchView| {
        agree.event == "AGREE"
            && other.modality == Some(Modality::Future)
            && AGREE_EQUIVALENTS.contains(&other.event)
    };
    gold.event == system.event || future_agree(gold, system) || future_agree(system, gold)
}

fn is_undirected(gold: &MatchView, system: &MatchView) -> bool {
    UNDIRECTED_TYPES.contains(&gold.event)
        || UNDIRECTED_TYPES.contains(&system.event)
        || gold.is_mutual()
        || system.is_mutual()
}

/// EVENTS.md §4.2: directed events overlap side by side; undirected ones by the union of parties.
fn countries_match(gold: &MatchView, system: &MatchView) -> bool {
    if is_undirected(gold, system) {
        let gold_all = gold.all_countries();
        let system_all = system.all_countries();
        let shared = gold_all.intersection(&system_all).count();
        shared >= 2 || (gold_all.len() == 1 && gold_all == system_all)
    } else {
        let overlaps = |a: &BTreeSet<&str>, b: &BTreeSet<&str>| !a.is_disjoint(b);
        overlaps(&gold.actor_countries, &system.actor_countries)
            && (overlaps(&gold.recipient_countries, &system.recipient_countries)
                || (gold.recipient_countries.is_empty() && system.recipient_countries.is_empty()))
    }
}

fn compatible(gold: &MatchView, system: &MatchView, dated: bool) -> bool {
    types_match(gold, system)
        && countries_match(gold, system)
        && (!dated
            || dates_agree(
                gold.date,
                gold.date_precision,
                system.date,
                system.date_precision,
            ))
}

/// Maximum bipartite matching by augmenting paths (Kuhn): unlike a greedy pass, a later system
/// event can move an earlier one to another gold event, so the number of matches does not depend
/// on event order. `edges[s]` lists the gold indices system event `s` may match; `gold_of` holds
/// the assignments of an earlier phase and receives this phase's.
fn augment_matching(edges: &[Vec<usize>], gold_count: usize, gold_of: &mut [Option<usize>]) {
    fn try_assign(
        system: usize,
        edges: &[Vec<usize>],
        visited: &mut [bool],
        system_of: &mut [Option<usize>],
    ) -> bool {
        for &gold in &edges[system] {
            if visited[gold] {
                continue;
            }
            visited[gold] = true;
            let free = match system_of[gold] {
                None => true,
                Some(holder) => try_assign(holder, edges, visited, system_of),
            };
            if free {
                system_of[gold] = Some(system);
                return true;
            }
        }
        false
    }
    let mut system_of = vec![None; gold_count];
    for system in 0..edges.len() {
        if gold_of[system].is_none() && !edges[system].is_empty() {
            let mut visited = vec![false; gold_count];
            try_assign(system, edges, &mut visited, &mut system_of);
        }
    }
    for (gold, system) in system_of.iter().enumerate() {
        if let Some(system) = *system {
            gold_of[system] = Some(gold);
        }
    }
}

/// Matches one article's events in two phases: counted gold first, then the excluded gold
/// against what is left, so an excluded gold event never takes a system event from a counted one.
/// Returns the gold index matched by each system event.
fn match_article(gold: &[GoldEvent], system: &[Event], dated: bool) -> Vec<Option<usize>> {
    let gold_views: Vec<_> = gold.iter().map(MatchView::of_gold).collect();
    let system_views: Vec<_> = system.iter().map(MatchView::of_system).collect();
    let mut gold_of = vec![None; system.len()];
    for counted_phase in [true, false] {
        let edges: Vec<Vec<usize>> = system_views
            .iter()
            .enumerate()
            .map(|(s, system_view)| {
                if gold_of[s].is_some() {
                    return Vec::new();
                }
                let mut candidates: Vec<usize> = (0..gold.len())
                    .filter(|&g| is_counted(gold[g].modality) == counted_phase)
                    .filter(|&g| compatible(&gold_views[g], system_view, dated))
                    .collect();
                // Any maximum matching scores the same; trying the gold event told in the same
                // sentence, then one of the same date, first makes the reported pairs (and the
                // attribute accuracies computed on them) the natural ones.
                candidates.sort_by_key(|&g| {
                    let same_sentence = gold[g]
                        .quote
                        .as_deref()
                        .is_some_and(|q| !q.is_empty() && system[s].evidence.text.contains(q));
                    let same_date = dates_agree(
                        gold_views[g].date,
                        gold_views[g].date_precision,
                        system_view.date,
                        system_view.date_precision,
                    );
                    (!same_sentence, !same_date)
                });
                candidates
            })
            .collect();
        augment_matching(&edges, gold.len(), &mut gold_of);
    }
    gold_of
}

/// Pairs each gold article with a system article: the same key, or a system path ending in
/// "/" + the gold key. Returns, per gold article, the index of its system article.
fn pair_articles(gold: &[GoldArticle], system: &[SystemArticle]) -> Vec<Option<usize>> {
    gold.iter()
        .map(|g| {
            let suffix = format!("/{}", g.article);
            system
                .iter()
                .position(|s| s.key == g.article)
                .or_else(|| system.iter().position(|s| s.key.ends_with(&suffix)))
        })
        .collect()
}

/// Whether a system event is a false positive: `Some(None)` when unmatched, `Some(Some(m))` when
/// it matched an excluded gold event of modality `m` but claims it happened, `None` otherwise.
fn false_positive(
    gold: &[GoldEvent],
    system: &Event,
    matched: Option<usize>,
) -> Option<Option<Modality>> {
    match matched {
        None => Some(None),
        Some(g) if !is_counted(gold[g].modality) && claims_asserted(system) => {
            Some(Some(gold[g].modality))
        }
        Some(_) => None,
    }
}

/// Adds one article's TP, FP and FN to `scores`, given the gold index matched by each system event.
fn count_article(
    scores: &mut Scores,
    gold: &[GoldEvent],
    system: &[Event],
    gold_of: &[Option<usize>],
) {
    let matched: BTreeSet<usize> = gold_of.iter().flatten().copied().collect();
    for (g, _) in gold
        .iter()
        .enumerate()
        .filter(|(_, e)| is_counted(e.modality))
    {
        if matched.contains(&g) {
            scores.tp += 1;
        } else {
            scores.r#fn += 1;
        }
    }
    scores.fp += system
        .iter()
        .zip(gold_of)
        .filter(|(event, m)| false_positive(gold, event, **m).is_some())
        .count();
}

/// Scores system articles against gold articles (EVENTS.md §4).
pub fn score(gold: &[GoldArticle], system: &[SystemArticle]) -> Report {
    let pairing = pair_articles(gold, system);
    let mut undated = Scores::default();
    let mut dated = Scores::default();
    let mut per_type: Vec<TypeScores> = PLOVER_TYPES
        .iter()
        .map(|event| TypeScores {
            event: event.to_string(),
            gold: 0,
            system: 0,
            scores: Scores::default(),
        })
        .collect();
    let type_slot = |event: &str| PLOVER_TYPES.iter().position(|t| *t == event);
    let mut per_modality: Vec<ModalityRecall> = MODALITIES
        .iter()
        .map(|m| ModalityRecall {
            modality: *m,
            gold: 0,
            matched: 0,
            recall: 0.0,
        })
        .collect();
    let mut accuracy = Accuracies::default();
    let mut misses = Vec::new();
    let mut attribute_errors = Vec::new();
    let mut false_alarms = Vec::new();
    let no_system = SystemArticle::default();

    for (gold_article, system_index) in gold.iter().zip(&pairing) {
        let article = &gold_article.article;
        let system_article = system_index.map_or(&no_system, |i| &system[i]);
        let (gold_events, system_events) = (&gold_article.events, &system_article.events);
        let dated_match = match_article(gold_events, system_events, true);
        count_article(&mut dated, gold_events, system_events, &dated_match);
        let undated_match = match_article(gold_events, system_events, false);
        count_article(&mut undated, gold_events, system_events, &undated_match);

        let mut system_of = vec![None; gold_events.len()];
        for (s, g) in undated_match.iter().enumerate() {
            if let Some(g) = g {
                system_of[*g] = Some(s);
            }
        }
        for (gold_event, matched) in gold_events.iter().zip(system_of) {
            if let Some(m) = per_modality
                .iter_mut()
                .find(|m| m.modality == gold_event.modality)
            {
                m.gold += 1;
                m.matched += usize::from(matched.is_some());
            }
            if !is_counted(gold_event.modality) {
                continue;
            }
            let mut by_type = type_slot(&gold_event.event).map(|t| &mut per_type[t]);
            if let Some(t) = by_type.as_mut() {
                t.gold += 1;
            }
            match matched {
                Some(s) => {
                    if let Some(t) = by_type {
                        t.scores.tp += 1;
                    }
                    let missing_countries =
                        judge_attributes(gold_event, &system_events[s], &mut accuracy);
                    let system_event = &system_events[s];
                    let mut disagree =
                        |field: &'static str, gold: Option<String>, system: Option<String>| {
                            attribute_errors.push(AttributeError {
                                article: article.to_string(),
                                event: gold_event.event.clone(),
                                field,
                                gold,
                                system,
                                evidence: system_event.evidence.text.clone(),
                            })
                        };
                    if !dates_agree(
                        gold_event.date.as_deref(),
                        gold_event.date_precision,
                        system_event.date.as_deref(),
                        system_event.date_precision,
                    ) {
                        disagree("date", gold_event.date.clone(), system_event.date.clone());
                    }
                    for country in missing_countries {
                        let system_countries = system_event
                            .actor
                            .iter()
                            .chain(&system_event.recipient)
                            .filter_map(|p| p.country.clone())
                            .collect::<Vec<_>>()
                            .join(",");
                        disagree("actor country", Some(country), Some(system_countries));
                    }
                    if system_event.modality != Some(gold_event.modality) {
                        disagree(
                            "modality",
                            Some(gold_event.modality.as_str().to_string()),
                            system_event.modality.map(|m| m.as_str().to_string()),
                        );
                    }
                }
                None => {
                    if let Some(t) = by_type {
                        t.scores.r#fn += 1;
                    }
                    misses.push(miss(article, gold_event, system_article.text.as_deref()));
                }
            }
        }
        for (system_event, matched) in system_events.iter().zip(&undated_match) {
            let mut by_type = type_slot(&system_event.event).map(|t| &mut per_type[t]);
            if let Some(t) = by_type.as_mut() {
                t.system += 1;
            }
            if let Some(excluded_gold) = false_positive(gold_events, system_event, *matched) {
                if let Some(t) = by_type {
                    t.scores.fp += 1;
                }
                false_alarms.push(false_alarm(article, system_event, excluded_gold));
            }
        }
    }

    for t in &mut per_type {
        t.scores = t.scores.with_measures();
    }
    for m in &mut per_modality {
        m.recall = ratio(m.matched, m.gold);
    }
    let used: BTreeSet<usize> = pairing.iter().flatten().copied().collect();
    Report {
        undated: undated.with_measures(),
        dated: dated.with_measures(),
        per_type,
        accuracy,
        per_modality,
        misses,
        attribute_errors,
        false_alarms,
        not_found: gold
            .iter()
            .zip(&pairing)
            .filter(|(_, s)| s.is_none())
            .map(|(g, _)| g.article.clone())
            .collect(),
        unscored: system
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(_, s)| s.key.clone())
            .collect(),
    }
}

/// A system event with no modality is read as asserted: that is what an unqualified claim means.
fn claims_asserted(system: &Event) -> bool {
    matches!(system.modality, None | Some(Modality::Asserted))
}

/// Adds one matched pair to the attribute accuracies; returns the gold party countries the system
/// event lacks.
fn judge_attributes(gold: &GoldEvent, system: &Event, accuracy: &mut Accuracies) -> Vec<String> {
    let mut missing = Vec::new();
    accuracy
        .modality
        .add(system.modality == Some(gold.modality));
    let same_mode = match (&gold.mode, &system.mode) {
        (Some(g), Some(s)) => g.eq_ignore_ascii_case(s),
        (g, s) => g.is_none() && s.is_none(),
    };
    accuracy.mode.add(same_mode);
    if gold.location.is_some() || system.location.is_some() {
        let same_place = match (&gold.location, &system.location) {
            (Some(g), Some(s)) => locations_agree(g, s),
            _ => false,
        };
        accuracy.location.add(same_place);
    }

    let gold_view = MatchView::of_gold(gold);
    let system_view = MatchView::of_system(system);
    accuracy.date.add(dates_agree(
        gold_view.date,
        gold_view.date_precision,
        system_view.date,
        system_view.date_precision,
    ));
    let undirected = is_undirected(&gold_view, &system_view);
    let system_all = system_view.all_countries();
    let sides = [
        (&gold.actor, &system_view.actor_countries),
        (&gold.recipient, &system_view.recipient_countries),
    ];
    for (gold_parties, system_side) in sides {
        for country in gold_parties.iter().filter_map(|p| p.country.as_deref()) {
            let candidates = if undirected { &system_all } else { system_side };
            let found = candidates.contains(country);
            accuracy.actor_country.add(found);
            if !found {
                missing.push(country.to_string());
            }
        }
    }
    missing
}

/// Case-insensitive: the gold name equals, contains or lies inside the system's text or name.
fn locations_agree(gold: &str, system: &Location) -> bool {
    let gold = gold.trim().to_lowercase();
    !gold.is_empty()
        && [&system.text, &system.name].iter().any(|candidate| {
            let candidate = candidate.trim().to_lowercase();
            !candidate.is_empty() && (gold.contains(&candidate) || candidate.contains(&gold))
        })
}

fn summarize(name: &str, country: &Option<String>) -> PartySummary {
    PartySummary {
        name: name.to_string(),
        country: country.clone(),
    }
}

fn miss(article: &str, gold: &GoldEvent, text: Option<&str>) -> Miss {
    Miss {
        article: article.to_string(),
        event: gold.event.clone(),
        actor: gold
            .actor
            .iter()
            .map(|p| summarize(&p.name, &p.country))
            .collect(),
        recipient: gold
            .recipient
            .iter()
            .map(|p| summarize(&p.name, &p.country))
            .collect(),
        modality: gold.modality,
        quote: gold.quote.clone(),
        evidence: text
            .zip(gold.quote.as_deref())
            .and_then(|(t, q)| sentence_around(t, q)),
    }
}

fn false_alarm(article: &str, system: &Event, excluded_gold: Option<Modality>) -> FalseAlarm {
    FalseAlarm {
        article: article.to_string(),
        event: system.event.clone(),
        modality: system.modality,
        actor: system
            .actor
            .iter()
            .map(|p| summarize(&p.name, &p.country))
            .collect(),
        recipient: system
            .recipient
            .iter()
            .map(|p| summarize(&p.name, &p.country))
            .collect(),
        rule: system.rule.clone(),
        evidence: system.evidence.text.clone(),
        excluded_gold,
    }
}

/// The sentence around the first case-insensitive occurrence of `quote`: from just after the
/// previous '.', '!', '?' or newline to the next one (inclusive), trimmed.
fn sentence_around(text: &str, quote: &str) -> Option<String> {
    let quote = quote.trim().to_ascii_lowercase();
    if quote.is_empty() {
        return None;
    }
    // ASCII lower-casing keeps byte offsets, so positions found here index `text` directly.
    let start = text.to_ascii_lowercase().find(&quote)?;
    let end = start + quote.len();
    let is_boundary = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let from = text[..start].rfind(is_boundary).map_or(0, |i| i + 1);
    let to = text[end..]
        .find(is_boundary)
        .map_or(text.len(), |i| end + i + 1);
    Some(text[from..to].trim().to_string())
}
