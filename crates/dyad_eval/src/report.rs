//! The scorer's report: the numbers of EVENTS.md §4 and the events behind them, serialisable
//! as JSON and printable as plain-text tables.

use dyad_core::Modality;
use serde::Serialize;

/// Everything the scorer measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Precision, recall and F1 ignoring dates.
    pub undated: Scores,
    /// Precision, recall and F1 when dates must agree as well.
    pub dated: Scores,
    /// Undated scores for each of the 16 PLOVER types, in PLOVER order.
    pub per_type: Vec<TypeScores>,
    /// Attribute accuracies among undated matched pairs.
    pub accuracy: Accuracies,
    /// Gold count and recall for each modality (denied and hypothetical gold are matched only
    /// by system events that no counted gold event took).
    pub per_modality: Vec<ModalityRecall>,
    /// Every false negative.
    pub misses: Vec<Miss>,
    /// Every false positive.
    pub false_alarms: Vec<FalseAlarm>,
    /// Matched pairs whose date, modality or a party's country disagree.
    pub attribute_errors: Vec<AttributeError>,
    /// Gold article keys with no system article.
    pub not_found: Vec<String>,
    /// System article keys with no gold article; their events are not scored.
    pub unscored: Vec<String>,
}

/// A matched pair that disagrees on one attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeError {
    /// Article key.
    pub article: String,
    /// PLOVER type.
    pub event: String,
    /// "date", "modality" or "actor country".
    pub field: &'static str,
    /// Gold value.
    pub gold: Option<String>,
    /// System value.
    pub system: Option<String>,
    /// The system event's sentence.
    pub evidence: String,
}

/// Counts and the measures derived from them (each 0 when its denominator is 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Scores {
    /// True positives: system events matched to counted gold events.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives: counted gold events left unmatched.
    pub r#fn: usize,
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Scores {
    /// Fills in precision, recall and F1 from the counts.
    pub(crate) fn with_measures(self) -> Self {
        let precision = ratio(self.tp, self.tp + self.fp);
        let recall = ratio(self.tp, self.tp + self.r#fn);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Scores {
            precision,
            recall,
            f1,
            ..self
        }
    }
}

/// Undated scores of one PLOVER type: a TP and an FN count for the gold type, an FP for the
/// system type (they differ when a future CONSULT matches a gold AGREE).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeScores {
    /// PLOVER type.
    pub event: String,
    /// Counted gold events of this type (modality asserted, future or alleged).
    pub gold: usize,
    /// System events of this type in scored articles.
    pub system: usize,
    /// The counts and measures.
    #[serde(flatten)]
    pub scores: Scores,
}

/// A fraction with its parts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Accuracy {
    /// Cases judged correct.
    pub correct: usize,
    /// Cases judged.
    pub total: usize,
    /// correct / total, 0 when nothing was judged.
    pub accuracy: f64,
}

impl Accuracy {
    /// Records one judgement.
    pub(crate) fn add(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
        self.accuracy = ratio(self.correct, self.total);
    }
}

/// Attribute accuracies among undated matched (TP) pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Accuracies {
    /// Same modality.
    pub modality: Accuracy,
    /// Same mode (both null counts as the same).
    pub mode: Accuracy,
    /// Over pairs where either side has a location: both have one and the names overlap.
    pub location: Accuracy,
    /// Over gold parties with a country: the country is among the system event's parties on the
    /// same side (either side for undirected events).
    pub actor_country: Accuracy,
    /// Dates agree by the rule of the dated score (what separates the undated from the dated F1).
    pub date: Accuracy,
}

/// Recall of the gold events of one modality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModalityRecall {
    /// The modality.
    pub modality: Modality,
    /// Gold events with it.
    pub gold: usize,
    /// How many of them were matched.
    pub matched: usize,
    /// matched / gold.
    pub recall: f64,
}

/// A party reduced to what a person needs to recognise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartySummary {
    /// Canonical name.
    pub name: String,
    /// Country code, when known.
    pub country: Option<String>,
}

/// A counted gold event no system event matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Gold article key.
    pub article: String,
    /// Gold PLOVER type.
    pub event: String,
    /// Gold actors.
    pub actor: Vec<PartySummary>,
    /// Gold recipients.
    pub recipient: Vec<PartySummary>,
    /// Gold modality.
    pub modality: Modality,
    /// Gold quote.
    pub quote: Option<String>,
    /// The article sentence containing the quote, when the system article text was given.
    pub evidence: Option<String>,
}

/// A system event counted as a false positive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FalseAlarm {
    /// Article key (the gold key it was paired with).
    pub article: String,
    /// System PLOVER type.
    pub event: String,
    /// System modality.
    pub modality: Option<Modality>,
    /// System actors.
    pub actor: Vec<PartySummary>,
    /// System recipients.
    pub recipient: Vec<PartySummary>,
    /// The extraction rule that produced it.
    pub rule: Option<String>,
    /// The system's evidence sentence.
    pub evidence: String,
    /// Set when the event matched a denied or hypothetical gold event but claimed it asserted.
    pub excluded_gold: Option<Modality>,
}

/// numerator / denominator, or 0 when nothing was counted.
pub(crate) fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// tp, fp, fn and the three measures as table cells.
fn score_cells(s: &Scores) -> String {
    let percent = |x: f64| format!("{:.1}", 100.0 * x);
    let (p, r, f1) = (percent(s.precision), percent(s.recall), percent(s.f1));
    format!("{:>6}{:>6}{:>6}{p:>8}{r:>8}{f1:>8}", s.tp, s.fp, s.r#fn)
}

/// Renders the report as plain-text tables for a terminal.
pub fn render_table(report: &Report) -> String {
    let mut lines = Vec::new();
    let header = format!(
        "{:>6}{:>6}{:>6}{:>8}{:>8}{:>8}",
        "tp", "fp", "fn", "P", "R", "F1"
    );
    lines.push(format!("{:<12}{header}", "score"));
    lines.push(format!("{:<12}{}", "undated", score_cells(&report.undated)));
    lines.push(format!("{:<12}{}", "dated", score_cells(&report.dated)));
    lines.push(format!(
        "\n{:<12}{:>6}{:>7}{header}",
        "type", "gold", "system"
    ));
    for t in &report.per_type {
        lines.push(format!(
            "{:<12}{:>6}{:>7}{}",
            t.event,
            t.gold,
            t.system,
            score_cells(&t.scores)
        ));
    }
    lines.push(format!(
        "\n{:<14}{:>6}{:>8}{:>8}",
        "modality", "gold", "matched", "R"
    ));
    for m in &report.per_modality {
        let recall = format!("{:.1}", 100.0 * m.recall);
        lines.push(format!(
            "{:<14}{:>6}{:>8}{recall:>8}",
            m.modality.as_str(),
            m.gold,
            m.matched
        ));
    }
    lines.push(format!(
        "\n{:<14}{:>8}{:>8}{:>8}",
        "accuracy", "correct", "total", "%"
    ));
    let a = &report.accuracy;
    for (name, acc) in [
        ("modality", a.modality),
        ("mode", a.mode),
        ("location", a.location),
        ("actor country", a.actor_country),
        ("date", a.date),
    ] {
        let percent = format!("{:.1}", 100.0 * acc.accuracy);
        lines.push(format!(
            "{name:<14}{:>8}{:>8}{percent:>8}",
            acc.correct, acc.total
        ));
    }
    let parties = |parties: &[PartySummary]| {
        let names: Vec<String> = parties
            .iter()
            .map(|p| format!("{} ({})", p.name, p.country.as_deref().unwrap_or("?")))
            .collect();
        names.join(", ")
    };
    if !report.misses.is_empty() {
        lines.push("\nmisses:".to_string());
    }
    for m in &report.misses {
        let (actor, recipient) = (parties(&m.actor), parties(&m.recipient));
        let sentence = m.evidence.as_deref().or(m.quote.as_deref()).unwrap_or("");
        let modality = m.modality.as_str();
        lines.push(format!(
            "  {}  {} {actor} -> {recipient} [{modality}]  {sentence}",
            m.article, m.event
        ));
    }
    if !report.false_alarms.is_empty() {
        lines.push("\nfalse alarms:".to_string());
    }
    for f in &report.false_alarms {
        let (actor, recipient) = (parties(&f.actor), parties(&f.recipient));
        let modality = f.modality.map_or("?", |m| m.as_str());
        let rule = f.rule.as_deref().unwrap_or("?");
        let why = f
            .excluded_gold
            .map_or(String::new(), |m| format!(" (gold: {})", m.as_str()));
        lines.push(format!(
            "  {}  {} {actor} -> {recipient} [{modality}]{why} rule {rule}  {}",
            f.article, f.event, f.evidence
        ));
    }
    for (title, keys) in [
        ("not found", &report.not_found),
        ("unscored", &report.unscored),
    ] {
        if !keys.is_empty() {
            lines.push(format!("\n{title}: {}", keys.join(", ")));
        }
    }
    lines.join("\n") + "\n"
}
