//! A literal prefilter for a table of many case-insensitive patterns: one Aho-Corasick pass over
//! a sentence names where each pattern can start, and `PatternSet` runs anchored searches only
//! there.
//!
//! Why: a `RegexSet` of ~200 trigger patterns with counted gaps (`(?: \w+){0,8}`) has more lazy
//! DFA states than any cache holds, so it rebuilds states at nearly every byte. Every trigger
//! starts with a word ("delivered", "held talks"), and the regex parser's literal extractor
//! gives those words exactly; an automaton over them is cheap and never misses a match.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use regex_automata::meta;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// A regex as `regex::Regex::new` builds it (leftmost-first, UTF-8), with a lazy-DFA cache of
/// `cache_bytes`; as a `meta::Regex` so that it can be searched anchored at a position.
/// Panics on an invalid pattern: the tables are part of the program.
fn build_regex(pattern: &str, cache_bytes: usize) -> meta::Regex {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(10 << 20))
                .hybrid_cache_capacity(cache_bytes)
                .match_kind(regex_automata::MatchKind::LeftmostFirst)
                .utf8_empty(true),
        )
        .syntax(regex_automata::util::syntax::Config::new().utf8(true))
        .build(pattern)
        .expect("valid pattern")
}

/// A table of regexes searched together, like `regex::RegexSet` but through the [`Prefilter`]:
/// one Aho-Corasick pass names where each pattern may start, and anchored searches there
/// decide. A `RegexSet` answers "which patterns match" with an overlapping lazy-DFA scan of the
/// whole text, which costs more than the sentence-long texts here need.
#[derive(Debug)]
pub struct PatternSet {
    prefilter: Prefilter,
    regexes: Vec<meta::Regex>,
}

impl PatternSet {
    /// Builds the set; panics on an invalid pattern (the tables are part of the program).
    pub fn new<S: AsRef<str> + Sync>(patterns: &[S]) -> Self {
        Self::with_cache(patterns, 2 << 20)
    }

    /// Builds the set with a lazy-DFA cache of `cache_bytes` per pattern.
    pub fn with_cache<S: AsRef<str> + Sync>(patterns: &[S], cache_bytes: usize) -> Self {
        // Two hundred regexes compile on every core (the largest part of building the pipeline).
        let (prefilter, regexes) = rayon::join(
            || Prefilter::new(patterns),
            || {
                patterns
                    .par_iter()
                    .map(|p| build_regex(p.as_ref(), cache_bytes))
                    .collect()
            },
        );
        PatternSet { prefilter, regexes }
    }

    /// The regex of pattern `index`.
    pub fn regex(&self, index: usize) -> &meta::Regex {
        &self.regexes[index]
    }

    /// The patterns.
    pub fn len(&self) -> usize {
        self.regexes.len()
    }

    /// Whether the set has no pattern.
    pub fn is_empty(&self) -> bool {
        self.regexes.is_empty()
    }

    /// Which patterns match somewhere in `text` (what `RegexSet::matches` answers).
    pub fn matches(&self, text: &str) -> Vec<bool> {
        let mut on = vec![false; self.regexes.len()];
        for &i in self.prefilter.always() {
            on[i] = self.regexes[i].is_match(text);
        }
        for (i, start) in self.prefilter.starts(text) {
            if !on[i] && self.regexes[i].is_match(anchored_at(text, start)) {
                on[i] = true;
            }
        }
        on
    }

    /// Every pattern's matches in `text` as its `find_iter` gives them (leftmost, not
    /// overlapping), sorted by pattern, then start.
    pub fn find_all(&self, text: &str) -> Vec<(usize, regex_automata::Match)> {
        let mut matches: Vec<(usize, regex_automata::Match)> = Vec::new();
        for &i in self.prefilter.always() {
            matches.extend(self.regexes[i].find_iter(text).map(|m| (i, m)));
        }
        // Starts inside a pattern's previous match are skipped, as `find_iter` would.
        let mut previous: Option<(usize, usize)> = None;
        for (i, start) in self.prefilter.starts(text) {
            if previous.is_some_and(|(row, end)| row == i && start < end) {
                continue;
            }
            if let Some(m) = self.regexes[i].search(&anchored_at(text, start)) {
                previous = Some((i, m.end()));
                matches.push((i, m));
            }
        }
        matches.sort_by_key(|(i, m)| (*i, m.start()));
        matches
    }
}

/// A search of `text` for a match starting exactly at `start` (look-behind still sees the
/// bytes before it).
fn anchored_at(text: &str, start: usize) -> Input<'_> {
    Input::new(text).range(start..).anchored(Anchored::Yes)
}

/// The longest literal kept, in bytes: a byte prefix of a literal still starts every match the
/// literal starts (also when the cut falls inside a UTF-8 sequence: the automaton reads bytes).
/// Eight bytes keep the DFA small (whole literals made it 25 MB) for a few more anchored searches.
const MAX_LITERAL: usize = 8;

/// Where the patterns of a table can start in a text.
#[derive(Debug)]
pub struct Prefilter {
    automaton: AhoCorasick,
    /// For each automaton literal, the patterns it starts.
    owners: Vec<Vec<usize>>,
    /// Patterns without a usable literal prefix: always candidates.
    always: Vec<usize>,
}

impl Prefilter {
    /// Builds the prefilter. `patterns` are matched case-insensitively elsewhere; they are read
    /// here without that flag, so the literals come out as written and the automaton folds ASCII
    /// case itself.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Self {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut slot: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        let mut always = Vec::new();
        for (index, pattern) in patterns.iter().enumerate() {
            match prefix_literals(pattern.as_ref()) {
                Some(prefixes) => {
                    for literal in prefixes {
                        // A start need not be longer than a word to be rare: short literals keep
                        // the automaton small (the extractor gives up to 250 long ones a row).
                        let mut key = literal.to_ascii_lowercase();
                        key.truncate(MAX_LITERAL);
                        let k = *slot.entry(key.clone()).or_insert_with(|| {
                            literals.push(key);
                            owners.push(Vec::new());
                            owners.len() - 1
                        });
                        if owners[k].last() != Some(&index) {
                            owners[k].push(index);
                        }
                    }
                }
                None => always.push(index),
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // Over short literals a full DFA stays small and is the fastest kind to run.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .expect("prefilter literals build");
        Prefilter {
            automaton,
            owners,
            always,
        }
    }

    /// The patterns that may match somewhere in `text`, in table order (what the tests check;
    /// `PatternSet` uses the starts themselves).
    #[cfg(test)]
    fn candidates(&self, text: &str) -> Vec<usize> {
        let patterns = self.owners.iter().flatten().chain(&self.always).max();
        let mut on = vec![false; patterns.map_or(0, |&last| last + 1)];
        for &i in &self.always {
            on[i] = true;
        }
        for (i, _) in self.starts(text) {
            on[i] = true;
        }
        on.iter()
            .enumerate()
            .filter_map(|(i, &hit)| hit.then_some(i))
            .collect()
    }

    /// Where a match of a pattern with a literal prefix may start in `text`: `(pattern, byte
    /// offset)` pairs sorted by pattern, then offset. Every match of such a pattern starts at one
    /// of its offsets, so an anchored search there finds it without scanning the sentence.
    pub fn starts(&self, text: &str) -> Vec<(usize, usize)> {
        // A sentence with a trigger has a few dozen starts: no regrowing from empty.
        let mut starts = Vec::with_capacity(64);
        for m in self.automaton.find_overlapping_iter(text) {
            for &i in &self.owners[m.pattern().as_usize()] {
                starts.push((i, m.start()));
            }
        }
        starts.sort_unstable();
        starts.dedup();
        starts
    }

    /// The patterns without a literal prefix, which must be searched for anywhere.
    pub fn always(&self) -> &[usize] {
        &self.always
    }
}

/// The literals every match of `pattern` starts with, or None when there is no finite,
/// non-empty set of them (then the pattern must always run). Non-ASCII letters could fold in
/// ways the ASCII automaton does not know, so a literal holding one makes the pattern run always.
fn prefix_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let body = pattern.strip_prefix("(?i)").unwrap_or(pattern);
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(body)
        .ok()?;
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let seq = extractor.extract(&hir);
    let literals = seq.literals()?;
    let out: Vec<Vec<u8>> = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
    let usable = !out.is_empty()
        && out.iter().all(|l| {
            !l.is_empty()
                && std::str::from_utf8(l).is_ok_and(|s| {
                    s.chars()
                        .all(|c| c.is_ascii() || (!c.is_lowercase() && !c.is_uppercase()))
                })
        });
    usable.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(patterns: &[&str], text: &str, expected: &[usize]) {
        let prefilter = Prefilter::new(patterns);
        assert_eq!(prefilter.candidates(text), expected, "text {text:?}");
    }

    #[test]
    fn names_the_patterns_whose_first_words_occur() {
        let table = [
            r"(?i)(?-u:\b)(?:delivered|supplied) (?:[0-9A-Za-z_]+ ){0,3}weapons(?-u:\b)",
            r"(?i)(?-u:\b)(?:held|holds) talks(?-u:\b)",
            r"(?i)(?-u:\b)(?:sanction(?:ed|s)?)(?-u:\b)",
        ];
        check(&table, "Russia DELIVERED new weapons", &[0]);
        check(&table, "They held talks and sanctioned nobody", &[1, 2]);
        check(&table, "Nothing here", &[]);
    }

    #[test]
    fn a_pattern_that_may_start_anywhere_always_runs() {
        // An optional first word leaves no literal every match starts with.
        let table = [r"(?i)(?:[a-z]+ )?talks", r"(?i)\w+ed talks", r"(?i)met"];
        check(&table, "nothing", &[0, 1]);
        check(&table, "they met", &[0, 1, 2]);
    }

    #[test]
    fn a_pattern_set_answers_as_a_regex_set_and_find_iter_do() {
        let table = [
            r"(?i)(?-u:\b)(?:held|holds) talks(?-u:\b)",
            r"(?i)^(tags?|topics?)\s*:",
            r"(?i)comments? (are|is) closed",
            r"(?i)\w+ed talks",
            r"(?-u:\b)(?P<y>(?:19|20)\d{2})(?-u:\b)",
        ];
        let set = PatternSet::new(&table);
        let reference = regex::RegexSet::new(table).unwrap();
        for text in [
            "They held talks, held Talks again and holds talks in 2024 and 1999.",
            "Tags: politics; comments are closed",
            "no tags: here, comment is closed",
            "nothing at all",
            "2024-1999 x20245",
        ] {
            let expected: Vec<bool> = (0..table.len())
                .map(|i| reference.matches(text).matched(i))
                .collect();
            assert_eq!(set.matches(text), expected, "{text:?}");
            let expected: Vec<(usize, usize, usize)> = table
                .iter()
                .enumerate()
                .flat_map(|(i, p)| {
                    regex::Regex::new(p)
                        .unwrap()
                        .find_iter(text)
                        .map(move |m| (i, m.start(), m.end()))
                        .collect::<Vec<_>>()
                })
                .collect();
            let found: Vec<(usize, usize, usize)> = set
                .find_all(text)
                .into_iter()
                .map(|(i, m)| (i, m.start(), m.end()))
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn a_folding_letter_outside_ascii_always_runs() {
        check(&["(?i)énvoy"], "nothing", &[0]);
        // Curly quotes have no case: still a literal.
        check(&["(?i)’s visit"], "nothing", &[]);
    }
}
