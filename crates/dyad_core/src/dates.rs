//! Dates in news text: time expressions resolved against the publication date, plus
//! publication-date and wire-dateline parsing.
//!
//! Expressions: "on Sunday", "last month", "April 20, 2016", "from May 3 to 7", "in 2018".
//!
//! News text dates events relative to the day the article appeared, so every expression is
//! resolved against the publication date, looking back for past events and forward for planned
//! ones (`future`). Expressions that need a publication date and have none are still reported,
//! with no date.

use crate::model::{Precision, Span};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::{Captures, Regex, RegexSet, SetMatches};
use serde::{Deserialize, Serialize};

/// What kind of time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    /// A calendar day: "April 20, 2016", "20 April", "2016-04-20", "Sunday, April 16".
    Absolute,
    /// A weekday: "on Sunday", "late on Wednesday", "last Friday", "Monday morning".
    Weekday,
    /// Relative to the publication date: "yesterday", "two days ago", "last month", "last week".
    Relative,
    /// A span of days, weekdays, months or years: "from Sunday to Wednesday", "May 3-7".
    Range,
    /// A bare year: "in 2018", "since 2018", "the Vostok-2022 exercise".
    YearOnly,
    /// A month: "in February", "February 2022", "last March", "mid-April".
    Month,
}

impl TimeKind {
    /// Lower-case name, as serialized.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimeKind::Absolute => "absolute",
            TimeKind::Weekday => "weekday",
            TimeKind::Relative => "relative",
            TimeKind::Range => "range",
            TimeKind::YearOnly => "year_only",
            TimeKind::Month => "month",
        }
    }
}

/// One time expression found in a sentence, resolved against the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Byte offsets in the article: the sentence's base plus the position in the sentence.
    /// Leading prepositions ("on", "in", "since") are left out; range words ("from", "between")
    /// and qualifiers ("late on", "last", "earlier this") are kept.
    pub span: Span,
    /// The expression as written.
    pub text: String,
    /// What kind of expression.
    pub kind: TimeKind,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the start of a range); `None` when it cannot be
    /// resolved (a relative expression with no publication date).
    pub date: Option<String>,
    /// Precision of `date`.
    pub precision: Option<Precision>,
    /// End of a range ("from Sunday to Wednesday", "last week"), with its precision.
    pub end: Option<(String, Precision)>,
}

/// Finds and resolves time expressions; holds the compiled patterns, so build it once.
#[derive(Debug, Clone)]
pub struct DateResolver {
    /// One pass over a sentence says which of the sentence patterns can match at all; most
    /// sentences hold one kind of date or none, so the others are never run.
    gate: RegexSet,
    iso: Regex,
    mdy: Regex,
    dmy: Regex,
    month: Regex,
    year: Regex,
    weekday: Regex,
    rel_day: Regex,
    ago: Regex,
    in_n: Regex,
    rel_period: Regex,
    weekend: Regex,
    range_md: Regex,
    range_dm: Regex,
    range_mm: Regex,
    later: Regex,
    range_prefix: Regex,
    range_conn: Regex,
    weekday_gap: Regex,
    pub_mdy: Regex,
    pub_dmy: Regex,
    pub_iso: Regex,
    pub_num: Regex,
    dateline: Regex,
}

/// Month names. Full names need a word boundary; abbreviations may carry a dot. Full names come
/// first so that "march" is not read as "mar" plus a tail.
const MON: &str = r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)(?-u:\b)|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?-u:\b)\.?)";
/// Full weekday names only: "Sun", "Sat" and "Mon" are ordinary words or names in running text.
const WD: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
/// A year as news writes them.
const YEAR: &str = r"(?:19|20)\d\d";
/// Counts in "two days ago", "in three weeks".
const NUMW: &str = r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty";
/// Units for "ago" and "in N ...".
const UNIT: &str = r"days?|weeks?|months?|years?";
/// Range connectors.
const CONN: &str = r"-|–|—|to|until|till|through|thru|and";

/// How far (days) a yearless date may fall on the wrong side of the publication date before the
/// year is moved: past-tense reports of a date a few weeks ahead are plans misread as past, not
/// events of next year.
const YEAR_WINDOW: i64 = 31;

/// Words before a number that make it a quantity or an identifier rather than a year.
const NOT_YEAR_BEFORE: &[&str] = &[
    "some",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "resolution",
    "no",
    "number",
    "flight",
    "route",
    "highway",
    "article",
    "page",
    "room",
    "unit",
    "model",
    "code",
    "chapter",
    "section",
    "paragraph",
    "version",
];
/// Words after a number that make it a quantity rather than a year.
const NOT_YEAR_AFTER: &[&str] = &[
    "people",
    "persons",
    "troops",
    "soldiers",
    "civilians",
    "refugees",
    "migrants",
    "fighters",
    "militants",
    "men",
    "women",
    "children",
    "residents",
    "households",
    "families",
    "homes",
    "houses",
    "buildings",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "tons",
    "tonnes",
    "dollars",
    "euros",
    "pounds",
    "yuan",
    "rubles",
    "roubles",
    "barrels",
    "rockets",
    "missiles",
    "drones",
    "shells",
    "tanks",
    "vehicles",
    "hours",
    "hrs",
    "gmt",
    "utc",
    "percent",
    "casualties",
    "deaths",
    "dead",
    "prisoners",
    "detainees",
    "members",
    "workers",
    "personnel",
    "officers",
    "police",
    "policemen",
    "sorties",
    "votes",
    "pieces",
    "rounds",
    "hectares",
    "acres",
    "square",
];
/// Words before a weekday that make it part of a name ("Good Friday", "Bloody Sunday").
const WEEKDAY_NAME_BEFORE: &[&str] = &[
    "good", "black", "bloody", "holy", "palm", "easter", "ash", "super", "cyber", "maundy",
];
/// Capitalized words after a weekday that make it a newspaper title ("The Sunday Times").
const WEEKDAY_NAME_AFTER: &[&str] = &[
    "times",
    "telegraph",
    "express",
    "mirror",
    "post",
    "herald",
    "mail",
    "independent",
    "observer",
    "tribune",
];

/// A resolved point: the date (first day of the month or year for coarser precisions) and its
/// precision.
type Point = (NaiveDate, Precision);

/// Which occurrence of a weekday is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// "on Sunday", "this Sunday": on or before the publication date, or on or after it when
    /// the sentence speaks of the future.
    Bare,
    /// "last Sunday": strictly before.
    Before,
    /// "next Sunday": strictly after.
    After,
    /// "Friday last week": that weekday in the week `k` weeks from the publication week.
    Week(i64),
}

/// Which occurrence of a yearless month is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthRel {
    Bare,
    Last,
    This,
    Next,
    /// "September last year" (-1), "March this year" (0), "May next year" (1).
    InYear(i32),
}

/// Calendar unit of a relative offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// What the text says, before resolution; ranges combine two of these.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Written {
    Day {
        y: Option<i32>,
        m: u32,
        d: u32,
    },
    Month {
        y: Option<i32>,
        m: u32,
        rel: MonthRel,
    },
    Year(i32),
    Weekday {
        wd: Weekday,
        dir: Dir,
    },
    /// The publication date moved by `n` units ("yesterday", "two weeks ago", "last month").
    Offset {
        unit: Unit,
        n: i64,
    },
    /// Monday to Sunday of the week `k` weeks from the publication week ("last week").
    Week(i64),
    /// Saturday and Sunday: -1 last weekend, 0 this (or "the") weekend, 1 next weekend.
    Weekend(i64),
    Range(Box<Written>, Box<Written>),
    /// `n` units after the expression before it in the sentence ("the following month", "two
    /// days later"); unresolved without one.
    Later {
        unit: Unit,
        n: i64,
    },
}

/// A candidate expression, with offsets in the sentence.
#[derive(Debug, Clone)]
struct Cand {
    start: usize,
    end: usize,
    kind: TimeKind,
    w: Written,
}

/// The matches of `re` in `s`, or none without searching when the gate said it cannot match.
/// (No iterator at all then: making one allocates its captures, 90 times an article.)
fn gated<'r, 's>(
    on: &SetMatches,
    index: usize,
    re: &'r Regex,
    s: &'s str,
) -> std::iter::Flatten<std::option::IntoIter<regex::CaptureMatches<'r, 's>>> {
    on.matched(index)
        .then(|| re.captures_iter(s))
        .into_iter()
        .flatten()
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid date pattern")
}

impl Default for DateResolver {
    fn default() -> Self {
        Self::new()
    }
}

impl DateResolver {
    /// Compiles the patterns.
    pub fn new() -> Self {
        let iso = &format!(r"(?-u:\b)(?P<y>{YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?-u:\b)");
        let mdy = &format!(
            r"(?i)(?-u:\b)(?P<m>{MON})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y>{YEAR})(?-u:\b))?"
        );
        let dmy = &format!(
            r"(?i)(?-u:\b)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MON})(?:,?\s+(?P<y>{YEAR})(?-u:\b))?"
        );
        let month = &format!(
            r"(?i)(?-u:\b)(?:(?P<pre>in|during|since|by|until|till|through|throughout|before|after|early|late|mid|last|next|this|(?:end|beginning|start|middle)\s+of)\s+|(?P<mid>mid-|early-|late-))?(?P<m>{MON})(?:,?\s+(?P<y>{YEAR})(?-u:\b))?"
        );
        let year = &format!(r"(?-u:\b)(?P<y>{YEAR})(?-u:\b)");
        let weekday = &format!(
            r"(?i)(?-u:\b)(?:(?P<q>late|early|earlier|later)\s+(?:on\s+)?)?(?:(?P<rel>this\s+coming|this\s+past|last|this|next|coming|past)\s+)?(?P<wd>{WD})(?-u:\b)(?:\s+(?P<part>morning|afternoon|evening|night|overnight)(?-u:\b))?(?:\s+(?P<wk>last|this|next)\s+week(?-u:\b))?"
        );
        let rel_day = r"(?i)(?-u:\b)(?:(?:earlier|later|late|early)\s+)?(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|last\s+night|this\s+morning|this\s+afternoon|this\s+evening)(?-u:\b)(?:\s+(?:morning|afternoon|evening|night)(?-u:\b))?";
        let ago = &format!(r"(?i)(?-u:\b)(?P<n>{NUMW})\s+(?P<u>{UNIT})\s+ago(?-u:\b)");
        let in_n = &format!(
            r"(?i)(?-u:\b)(?:in\s+(?P<n1>{NUMW})\s+(?P<u1>{UNIT})(?-u:\b)(?:['’]?\s+time(?-u:\b))?|(?P<n2>{NUMW})\s+(?P<u2>{UNIT})\s+from\s+now(?-u:\b))"
        );
        let rel_period = r"(?i)(?-u:\b)(?:(?P<q>earlier|later|early|late|mid|(?:end|beginning|start|middle)\s+of)\s+)?(?P<r>last|this|next)\s+(?P<u>week|month|year)(?-u:\b)";
        let weekend = r"(?i)(?-u:\b)(?:(?P<r>last|this|next)\s+weekend|(?:over|at|during|on)\s+(?P<the>the\s+weekend))(?-u:\b)";
        let range_md = &format!(
            r"(?i)(?-u:\b)(?:(?P<pre>from|between)\s+)?(?P<m>{MON})\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)\s*(?P<c>{CONN})\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y>{YEAR})(?-u:\b))?"
        );
        let range_dm = &format!(
            r"(?i)(?-u:\b)(?:(?P<pre>from|between)\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)\s*(?P<c>{CONN})\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MON})(?:,?\s+(?P<y>{YEAR})(?-u:\b))?"
        );
        let later = &format!(
            r"(?i)(?-u:\b)(?:the\s+(?:following|next)\s+(?P<u1>day|week|month|year)|(?P<n>{NUMW})\s+(?P<u2>{UNIT})\s+(?P<dir>later|after))(?-u:\b)"
        );
        let range_mm = &format!(
            r"(?i)(?-u:\b)(?:(?P<pre>from|between)\s+)?(?P<m1>{MON})(?:,?\s+(?P<y1>{YEAR})(?-u:\b))?\s*(?P<c>{CONN})\s*(?P<m2>{MON})(?:,?\s+(?P<y2>{YEAR})(?-u:\b))?"
        );
        DateResolver {
            gate: RegexSet::new([
                iso, mdy, dmy, month, year, weekday, rel_day, ago, in_n, rel_period, weekend,
                range_md, range_dm, range_mm, later,
            ])
            .expect("valid date patterns"),
            iso: re(iso),
            mdy: re(mdy),
            dmy: re(dmy),
            month: re(month),
            year: re(year),
            weekday: re(weekday),
            rel_day: re(rel_day),
            ago: re(ago),
            in_n: re(in_n),
            rel_period: re(rel_period),
            weekend: re(weekend),
            range_md: re(range_md),
            range_dm: re(range_dm),
            range_mm: re(range_mm),
            later: re(later),
            range_prefix: re(r"(?i)(?-u:\b)(from|between)\s+$"),
            range_conn: re(&format!(r"(?i)^\s*({CONN})\s*$")),
            weekday_gap: re(r"(?i)^,?\s+(?:the\s+)?$"),
            pub_mdy: re(&format!(
                r"(?i)(?-u:\b)(?P<m>{MON})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?-u:\b)"
            )),
            pub_dmy: re(&format!(
                r"(?i)(?-u:\b)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(?P<m>{MON})[\s,-]+(?P<y>\d{{4}})(?-u:\b)"
            )),
            pub_iso: re(r"(?-u:\b)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
            pub_num: re(r"(?-u:\b)(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4})(?-u:\b)"),
            dateline: re(&format!(
                r"(?m)^[ \t]*\p{{Lu}}[\p{{L}}.'’\- ]{{0,40}}?(?:,[ \t]*\p{{Lu}}[\p{{L}}.'’\- ]{{0,30}}?){{0,2}},[ \t]*(?:(?P<wd>(?i:{WD}))|(?P<m1>(?i:{MON}))[ \t]*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?[ \t]+(?P<y1>\d{{4}}))?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?P<m2>(?i:{MON}))(?:,?[ \t]+(?P<y2>\d{{4}}))?)[ \t]*(?:\([^)\n]{{1,40}}\)|--|-|–|—|:|\|)"
            )),
        }
    }

    /// Finds time expressions in one sentence. `base` is the sentence's byte offset in the
    /// article (added to spans). `published` is the publication date. `future` is true when the
    /// sentence speaks of the future (the event is planned), which flips bare weekdays and
    /// "this month"-style expressions forward.
    ///
    /// Expressions do not overlap (the longest wins, so a range beats its parts) and come in text
    /// order. Vague ones ("recently", "in recent days", "a few weeks ago") are not reported.
    pub fn find(
        &self,
        sentence: &str,
        base: usize,
        published: Option<NaiveDate>,
        future: bool,
    ) -> Vec<TimeExpr> {
        let mut cands = Vec::new();
        self.collect(sentence, future, &mut cands);
        let kept = select(cands);
        let kept = self.merge_weekday_dates(sentence, kept);
        let kept = self.combine_ranges(sentence, kept);
        let mut anchor: Option<Point> = None;
        kept.into_iter()
            .map(|c| {
                let (date, end) = match c.w {
                    Written::Later { unit, n } => (anchor.and_then(|a| later(a, unit, n)), None),
                    _ => resolve(&c.w, published, future),
                };
                anchor = date.or(anchor);
                TimeExpr {
                    span: Span::new(base + c.start, base + c.end),
                    text: sentence[c.start..c.end].to_string(),
                    kind: c.kind,
                    date: date.map(format_point),
                    precision: date.map(|p| p.1),
                    end: end.map(|p| (format_point(p), p.1)),
                }
            })
            .collect()
    }

    /// Parses a publication date from a metadata value or a date line: "April 21, 2016 4:30 pm",
    /// "Apr. 21, 2016", "21 April 2016", "Published: 3 March 2023", "2023-03-03",
    /// "2023-03-03T08:00:00Z", "2023-03-03 09:14 GMT", "Sun, 16 Apr 2023 10:00:00 GMT",
    /// "Monday, April 17, 2023", "17/04/2023" (day first, unless only month first makes sense).
    /// Returns None when the line holds no full date (day, month and year). When it holds
    /// several, the first valid one wins.
    pub fn parse_publication_date(&self, text: &str) -> Option<NaiveDate> {
        let mut found: Vec<(usize, NaiveDate)> = Vec::new();
        for c in self.pub_mdy.captures_iter(text) {
            if let Some(d) = ymd_caps(&c, "y", "m", "d") {
                found.push((start_of(&c), d));
            }
        }
        for c in self.pub_dmy.captures_iter(text) {
            if let Some(d) = ymd_caps(&c, "y", "m", "d") {
                found.push((start_of(&c), d));
            }
        }
        for c in self.pub_iso.captures_iter(text) {
            // "2023-03-03T08:00" has no word boundary after the day, so check for a digit by hand.
            if text[start_of(&c)..]
                .get(c[0].len()..)
                .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_ascii_digit()))
            {
                continue;
            }
            if let Some(date) = pub_ymd(int(&c["y"]), int(&c["m"]), int(&c["d"])) {
                found.push((start_of(&c), date));
            }
        }
        for c in self.pub_num.captures_iter(text) {
            let (a, b, y): (u32, u32, i32) = (int(&c["a"]), int(&c["b"]), int(&c["y"]));
            // Day first, as most of the world writes it; month first only when the second
            // number cannot be a month ("04/17/2023").
            let date = if b > 12 && a <= 12 {
                pub_ymd(y, a, b)
            } else {
                pub_ymd(y, b, a)
            };
            if let Some(date) = date {
                found.push((start_of(&c), date));
            }
        }
        found.into_iter().min_by_key(|(s, _)| *s).map(|(_, d)| d)
    }

    /// Finds a wire dateline at the start of an article text ("BEIJING, April 21 (Xinhua) --",
    /// "MOSCOW, March 3 (Reuters) -", "KABUL, 20 April 2016:") and returns its date: with the
    /// year if given, else the year of `hint` (or None without hint), choosing the year so the
    /// date is not after hint. A weekday dateline ("WASHINGTON, Sunday (AP) --") gives the most
    /// recent such day on or before `hint`.
    ///
    /// Only lines starting in the first 600 bytes are considered, so that a title or byline may
    /// come first.
    pub fn dateline_date(&self, text: &str, hint: Option<NaiveDate>) -> Option<NaiveDate> {
        let mut cut = text.len().min(600);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let c = self.dateline.captures(&text[..cut])?;
        if let Some(wd) = c.name("wd") {
            return resolve_weekday(parse_weekday(wd.as_str())?, Dir::Bare, hint, false);
        }
        let (m, d, y) = match c.name("m1") {
            Some(m) => (m, &c["d1"], c.name("y1")),
            None => (c.name("m2")?, &c["d2"], c.name("y2")),
        };
        let (m, d) = (month_num(m.as_str())?, int(d));
        match y {
            Some(y) => pub_ymd(int(y.as_str()), m, d),
            None => {
                let hint = hint?;
                (hint.year() - 8..=hint.year())
                    .rev()
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                    .find(|dt| *dt <= hint)
            }
        }
    }

    /// Runs every pattern over the sentence and gathers the candidates (they may overlap).
    fn collect(&self, s: &str, future: bool, out: &mut Vec<Cand>) {
        let on = self.gate.matches(s);
        let mut push = |start: usize, end: usize, kind: TimeKind, w: Written| {
            out.push(Cand {
                start,
                end,
                kind,
                w,
            });
        };

        for c in gated(&on, 0, &self.iso, s) {
            let m0 = c.get(0).expect("match");
            if !number_start_ok(s, m0.start()) || number_continues(s, m0.end()) {
                continue;
            }
            let (y, m, d) = (int(&c["y"]), int(&c["m"]), int(&c["d"]));
            if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                push(
                    m0.start(),
                    m0.end(),
                    TimeKind::Absolute,
                    Written::Day { y: Some(y), m, d },
                );
            }
        }

        for c in gated(&on, 1, &self.mdy, s) {
            let m0 = c.get(0).expect("match");
            if c.name("y").is_none() && number_continues(s, m0.end()) {
                continue;
            }
            if let Some(w) = day_written(&c) {
                push(m0.start(), m0.end(), TimeKind::Absolute, w);
            }
        }

        for c in gated(&on, 2, &self.dmy, s) {
            let m0 = c.get(0).expect("match");
            if !number_start_ok(s, m0.start()) {
                continue;
            }
            if let Some(w) = day_written(&c) {
                push(m0.start(), m0.end(), TimeKind::Absolute, w);
            }
        }

        for c in gated(&on, 3, &self.month, s) {
            let m0 = c.get(0).expect("match");
            let mon = c.name("m").expect("month");
            let pre = c.name("pre");
            let year = c.name("y");
            if !month_word_ok(mon.as_str()) {
                continue;
            }
            // A bare month name is too often a verb, a noun or a person ("May", "a march"):
            // it needs a preposition, a qualifier or a year.
            if pre.is_none() && c.name("mid").is_none() && year.is_none() {
                continue;
            }
            let pre_word = pre.map(|p| p.as_str().to_lowercase());
            let mut rel = match pre_word.as_deref() {
                Some("last") => MonthRel::Last,
                Some("next") => MonthRel::Next,
                Some("this") => MonthRel::This,
                _ => MonthRel::Bare,
            };
            // "In September last year": the month of a year told relative to publication.
            let mut end = m0.end();
            if year.is_none() {
                let rest = &s[end..];
                for (phrase, k) in [
                    (" last year", -1),
                    (" of last year", -1),
                    (" this year", 0),
                    (" of this year", 0),
                    (" next year", 1),
                    (" of next year", 1),
                ] {
                    if rest
                        .get(..phrase.len())
                        .is_some_and(|r| r.eq_ignore_ascii_case(phrase))
                    {
                        rel = MonthRel::InYear(k);
                        end += phrase.len();
                        break;
                    }
                }
            }
            // Prepositions are not part of the expression; qualifiers are.
            let is_preposition = matches!(
                pre_word.as_deref(),
                Some(
                    "in" | "during"
                        | "since"
                        | "by"
                        | "until"
                        | "till"
                        | "through"
                        | "throughout"
                        | "before"
                        | "after"
                )
            );
            let start = if is_preposition {
                mon.start()
            } else {
                m0.start()
            };
            let m = month_num(mon.as_str()).expect("month pattern");
            push(
                start,
                end,
                TimeKind::Month,
                Written::Month {
                    y: year.map(|y| int(y.as_str())),
                    m,
                    rel,
                },
            );
        }

        for c in gated(&on, 4, &self.year, s) {
            let m0 = c.get(0).expect("match");
            if !year_ok(s, m0.start(), m0.end()) {
                continue;
            }
            push(
                m0.start(),
                m0.end(),
                TimeKind::YearOnly,
                Written::Year(int(&c["y"])),
            );
        }

        for c in gated(&on, 5, &self.weekday, s) {
            let m0 = c.get(0).expect("match");
            let wd_m = c.name("wd").expect("weekday");
            if c.name("q").is_none() && c.name("rel").is_none() {
                let before = prev_word(s, wd_m.start()).to_lowercase();
                if WEEKDAY_NAME_BEFORE.contains(&before.as_str()) {
                    continue;
                }
            }
            let after = next_word(s, wd_m.end());
            if after.starts_with(char::is_uppercase)
                && WEEKDAY_NAME_AFTER.contains(&after.to_lowercase().as_str())
            {
                continue;
            }
            let wd = parse_weekday(wd_m.as_str()).expect("weekday pattern");
            let rel = c.name("rel").map(|r| squash(r.as_str()));
            let dir = if let Some(wk) = c.name("wk") {
                match wk.as_str().to_lowercase().as_str() {
                    "last" => Dir::Week(-1),
                    "next" => Dir::Week(1),
                    _ => Dir::Week(0),
                }
            } else {
                match rel.as_deref() {
                    Some("last" | "past" | "this past") => Dir::Before,
                    Some("next" | "coming" | "this coming") => Dir::After,
                    _ => Dir::Bare,
                }
            };
            push(
                m0.start(),
                m0.end(),
                TimeKind::Weekday,
                Written::Weekday { wd, dir },
            );
        }

        for c in gated(&on, 6, &self.rel_day, s) {
            let m0 = c.get(0).expect("match");
            let n = match squash(&c["w"]).as_str() {
                "yesterday" | "last night" => -1,
                "tomorrow" => 1,
                "the day before yesterday" => -2,
                "the day after tomorrow" => 2,
                _ => 0,
            };
            push(
                m0.start(),
                m0.end(),
                TimeKind::Relative,
                Written::Offset { unit: Unit::Day, n },
            );
        }

        for c in gated(&on, 7, &self.ago, s) {
            let m0 = c.get(0).expect("match");
            if let (Some(n), Some(unit)) = (number_word(&c["n"]), unit_of(&c["u"])) {
                push(
                    m0.start(),
                    m0.end(),
                    TimeKind::Relative,
                    Written::Offset { unit, n: -n },
                );
            }
        }

        // "in three days" is a date only for planned events; in a past sentence it is a duration
        // ("captured the town in three days").
        if future {
            for c in gated(&on, 8, &self.in_n, s) {
                let m0 = c.get(0).expect("match");
                let (n, u) = match (c.name("n1"), c.name("u1")) {
                    (Some(n), Some(u)) => (n.as_str(), u.as_str()),
                    _ => (&c["n2"], &c["u2"]),
                };
                if next_word(s, m0.end()).eq_ignore_ascii_case("of") {
                    continue;
                }
                if let (Some(n), Some(unit)) = (number_word(n), unit_of(u)) {
                    push(
                        m0.start(),
                        m0.end(),
                        TimeKind::Relative,
                        Written::Offset { unit, n },
                    );
                }
            }
        }

        for c in gated(&on, 14, &self.later, s) {
            let m0 = c.get(0).expect("match");
            // "in the next month", "over the following week", "shut for nearly a week after"
            // are durations.
            let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
            const DURATION: [&str; 6] = ["in", "over", "within", "during", "for", "throughout"];
            const HEDGE: [&str; 6] = ["nearly", "almost", "about", "around", "roughly", "some"];
            let before = prev_word(s, m0.start());
            let hedged = || {
                let rest = s[..m0.start()].trim_end();
                prev_word(s, rest.len().saturating_sub(before.len()))
            };
            if is(before, &DURATION) || is(before, &HEDGE) && is(hedged(), &DURATION) {
                continue;
            }
            let (n, u) = match c.name("u1") {
                Some(u) => (Some(1), u.as_str()),
                // "two days after Pyongyang threatened": what follows came that much before
                // the date told first ("fired a missile on Wednesday, two days after").
                None if c["dir"].eq_ignore_ascii_case("after") => {
                    (number_word(&c["n"]).map(|n| -n), &c["u2"])
                }
                None => (number_word(&c["n"]), &c["u2"]),
            };
            if let (Some(n), Some(unit)) = (n, unit_of(u)) {
                push(
                    m0.start(),
                    m0.end(),
                    TimeKind::Relative,
                    Written::Later { unit, n },
                );
            }
        }

        for c in gated(&on, 9, &self.rel_period, s) {
            let m0 = c.get(0).expect("match");
            // "over the last week", "in the next month" are durations, not dates.
            if c.name("q").is_none() && prev_word(s, m0.start()).eq_ignore_ascii_case("the") {
                continue;
            }
            let k = match c["r"].to_lowercase().as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            let w = match c["u"].to_lowercase().as_str() {
                "week" if k == 0 => Written::Offset {
                    unit: Unit::Day,
                    n: 0,
                },
                "week" => Written::Week(k),
                "month" => Written::Offset {
                    unit: Unit::Month,
                    n: k,
                },
                _ => Written::Offset {
                    unit: Unit::Year,
                    n: k,
                },
            };
            push(m0.start(), m0.end(), TimeKind::Relative, w);
        }

        for c in gated(&on, 10, &self.weekend, s) {
            let m0 = c.get(0).expect("match");
            let (start, k) = match c.name("r") {
                Some(r) => (
                    m0.start(),
                    match r.as_str().to_lowercase().as_str() {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    },
                ),
                None => (c.name("the").expect("weekend").start(), 0),
            };
            push(start, m0.end(), TimeKind::Relative, Written::Weekend(k));
        }

        for c in gated(&on, 11, &self.range_md, s) {
            let m0 = c.get(0).expect("match");
            let mon = c.name("m").expect("month");
            if !month_word_ok(mon.as_str()) || !connector_ok(c.name("pre"), &c["c"]) {
                continue;
            }
            // "May 3 to 7 June": the 7 belongs to June, and the atoms make the range.
            if c.name("y").is_none()
                && (number_continues(s, m0.end()) || Self::month_follows(s, m0.end()))
            {
                continue;
            }
            let m = month_num(mon.as_str()).expect("month pattern");
            let y = c.name("y").map(|y| int(y.as_str()));
            if let Some(w) = day_range(y, m, int(&c["d1"]), int(&c["d2"])) {
                push(m0.start(), m0.end(), TimeKind::Range, w);
            }
        }

        for c in gated(&on, 12, &self.range_dm, s) {
            let m0 = c.get(0).expect("match");
            let mon = c.name("m").expect("month");
            if !month_word_ok(mon.as_str())
                || !connector_ok(c.name("pre"), &c["c"])
                || !number_start_ok(s, m0.start())
            {
                continue;
            }
            let m = month_num(mon.as_str()).expect("month pattern");
            let y = c.name("y").map(|y| int(y.as_str()));
            if let Some(w) = day_range(y, m, int(&c["d1"]), int(&c["d2"])) {
                push(m0.start(), m0.end(), TimeKind::Range, w);
            }
        }

        for c in gated(&on, 13, &self.range_mm, s) {
            let m0 = c.get(0).expect("match");
            let (m1, m2) = (c.name("m1").expect("month"), c.name("m2").expect("month"));
            if !month_word_ok(m1.as_str())
                || !month_word_ok(m2.as_str())
                || !connector_ok(c.name("pre"), &c["c"])
            {
                continue;
            }
            // "March - 3" or "May to 7": a day follows, so this is no month range.
            if number_follows(s, m0.end()) {
                continue;
            }
            let a = Written::Month {
                y: c.name("y1").map(|y| int(y.as_str())),
                m: month_num(m1.as_str()).expect("month pattern"),
                rel: MonthRel::Bare,
            };
            let b = Written::Month {
                y: c.name("y2").map(|y| int(y.as_str())),
                m: month_num(m2.as_str()).expect("month pattern"),
                rel: MonthRel::Bare,
            };
            push(
                m0.start(),
                m0.end(),
                TimeKind::Range,
                Written::Range(Box::new(a), Box::new(b)),
            );
        }
    }

    /// True when a month name (with an optional "of") starts right after `at`.
    fn month_follows(s: &str, at: usize) -> bool {
        let mut word = next_word(s, at);
        if word.eq_ignore_ascii_case("of") {
            let of_end = s[at..].find(word).map_or(at, |i| at + i + word.len());
            word = next_word(s, of_end);
        }
        month_num(word).is_some() && month_word_ok(word)
    }

    /// "Sunday, April 16" is one day: the weekday only confirms the date.
    fn merge_weekday_dates(&self, s: &str, kept: Vec<Cand>) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::with_capacity(kept.len());
        for c in kept {
            if let Some(prev) = out.last_mut() {
                if matches!(prev.w, Written::Weekday { dir: Dir::Bare, .. })
                    && matches!(c.w, Written::Day { .. })
                    && self.weekday_gap.is_match(&s[prev.end..c.start])
                {
                    prev.end = c.end;
                    prev.kind = TimeKind::Absolute;
                    prev.w = c.w;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    /// Joins two neighbouring expressions of the same sort into a range: "from Sunday to
    /// Wednesday", "between March 1 and March 5", "2014-2016".
    fn combine_ranges(&self, s: &str, kept: Vec<Cand>) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::with_capacity(kept.len());
        let mut it = kept.into_iter().peekable();
        while let Some(a) = it.next() {
            if let Some(b) = it.peek() {
                if let Some(start) = self.range_start(s, &a, b) {
                    let b = it.next().expect("peeked");
                    out.push(Cand {
                        start,
                        end: b.end,
                        kind: TimeKind::Range,
                        w: Written::Range(Box::new(a.w), Box::new(b.w)),
                    });
                    continue;
                }
            }
            out.push(a);
        }
        out
    }

    /// Where the range made of `a` and `b` starts (including "from"/"between"), if they make one.
    fn range_start(&self, s: &str, a: &Cand, b: &Cand) -> Option<usize> {
        let compatible = match (&a.w, &b.w) {
            (Written::Day { .. }, Written::Day { .. })
            | (Written::Weekday { .. }, Written::Weekday { .. }) => true,
            (
                Written::Month {
                    rel: MonthRel::Bare,
                    ..
                },
                Written::Month {
                    rel: MonthRel::Bare,
                    ..
                },
            ) => true,
            (Written::Year(x), Written::Year(y)) => x < y,
            _ => false,
        };
        if !compatible {
            return None;
        }
        let conn = self.range_conn.captures(&s[a.end..b.start])?;
        let pre = self.range_prefix.captures(&s[..a.start]);
        if !connector_ok(pre.as_ref().and_then(|p| p.get(1)), &conn[1]) {
            return None;
        }
        Some(pre.map_or(a.start, |p| p.get(0).expect("match").start()))
    }
}

/// Keeps the longest candidates that do not overlap, in text order. On equal length the more
/// specific kind wins.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    let rank = |k: TimeKind| match k {
        TimeKind::Range => 0,
        TimeKind::Absolute => 1,
        TimeKind::Weekday => 2,
        TimeKind::Relative => 3,
        TimeKind::Month => 4,
        TimeKind::YearOnly => 5,
    };
    cands.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), rank(c.kind), c.start));
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if kept.iter().all(|k| c.end <= k.start || k.end <= c.start) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// Resolves what was written into a date (and the end of a range).
fn resolve(
    w: &Written,
    published: Option<NaiveDate>,
    future: bool,
) -> (Option<Point>, Option<Point>) {
    match w {
        Written::Range(a, b) => resolve_range(a, b, published, future),
        Written::Week(k) => {
            let Some(p) = published else {
                return (None, None);
            };
            let monday = add_days(p, -i64::from(p.weekday().num_days_from_monday()) + 7 * k);
            let sunday = monday.and_then(|m| add_days(m, 6));
            (
                monday.map(|d| (d, Precision::Day)),
                sunday.map(|d| (d, Precision::Day)),
            )
        }
        Written::Weekend(k) => {
            let Some(p) = published else {
                return (None, None);
            };
            let pw = i64::from(p.weekday().num_days_from_monday());
            let back = (pw - 5).rem_euclid(7);
            let fwd = (5 - pw).rem_euclid(7);
            let offset = match k {
                -1 if pw >= 5 => -back - 7,
                -1 => -back,
                1 if fwd == 0 => 7,
                1 => fwd,
                // "this weekend" on a Sunday is the weekend under way.
                _ if pw == 6 => -1,
                _ if future => fwd,
                _ => -back,
            };
            let sat = add_days(p, offset);
            let sun = sat.and_then(|d| add_days(d, 1));
            (
                sat.map(|d| (d, Precision::Day)),
                sun.map(|d| (d, Precision::Day)),
            )
        }
        _ => (resolve_single(w, published, future), None),
    }
}

/// `n` units after `anchor`, told no finer than the anchor ("in January ... the following
/// month" is February, not a day in it).
fn later((date, precision): Point, unit: Unit, n: i64) -> Option<Point> {
    let coarse = |p: Precision| match p {
        Precision::Year => 2,
        Precision::Month => 1,
        _ => 0,
    };
    let (y, m) = (date.year(), date.month());
    let (shifted, unit_precision) = match unit {
        Unit::Day => (add_days(date, n)?, Precision::Day),
        Unit::Week => (add_days(date, 7 * n)?, Precision::Day),
        Unit::Month => {
            let (y, m) = shift_month(y, m, n);
            (NaiveDate::from_ymd_opt(y, m, 1)?, Precision::Month)
        }
        Unit::Year => (
            NaiveDate::from_ymd_opt(y + i32::try_from(n).ok()?, 1, 1)?,
            Precision::Year,
        ),
    };
    // "in 1960 ... a day after": going back days from a year is still that year.
    if n < 0 && coarse(precision) > coarse(unit_precision) {
        return Some((date, precision));
    }
    let precision = if coarse(precision) > coarse(unit_precision) {
        precision
    } else {
        unit_precision
    };
    match precision {
        Precision::Year => Some((
            NaiveDate::from_ymd_opt(shifted.year(), 1, 1)?,
            Precision::Year,
        )),
        Precision::Month => month_point(shifted.year(), shifted.month()),
        _ => day(shifted),
    }
}

/// Resolves one non-range expression.
fn resolve_single(w: &Written, published: Option<NaiveDate>, future: bool) -> Option<Point> {
    match *w {
        Written::Day { y: Some(y), m, d } => day(NaiveDate::from_ymd_opt(y, m, d)?),
        Written::Day { y: None, m, d } => day(infer_day(m, d, published, future)?),
        Written::Month { y: Some(y), m, .. } => month_point(y, m),
        Written::Month { y: None, m, rel } => {
            let (y, m) = infer_month(m, rel, published, future)?;
            month_point(y, m)
        }
        Written::Year(y) => Some((NaiveDate::from_ymd_opt(y, 1, 1)?, Precision::Year)),
        Written::Weekday { wd, dir } => day(resolve_weekday(wd, dir, published, future)?),
        Written::Offset { unit, n } => {
            let p = published?;
            match unit {
                Unit::Day => day(add_days(p, n)?),
                Unit::Week => day(add_days(p, 7 * n)?),
                Unit::Month => {
                    let (y, m) = shift_month(p.year(), p.month(), n);
                    month_point(y, m)
                }
                Unit::Year => Some((
                    NaiveDate::from_ymd_opt(p.year() + i32::try_from(n).ok()?, 1, 1)?,
                    Precision::Year,
                )),
            }
        }
        Written::Week(_) | Written::Weekend(_) | Written::Range(..) => {
            resolve(w, published, future).0
        }
        Written::Later { .. } => None,
    }
}

/// Resolves both ends of a range together: a yearless start borrows the end's year, a yearless
/// end follows the start, and weekdays count forward from the start.
fn resolve_range(
    a: &Written,
    b: &Written,
    published: Option<NaiveDate>,
    future: bool,
) -> (Option<Point>, Option<Point>) {
    match (a, b) {
        (
            &Written::Day {
                y: ya,
                m: ma,
                d: da,
            },
            &Written::Day {
                y: yb,
                m: mb,
                d: db,
            },
        ) => {
            let start = match (ya, yb) {
                (Some(y), _) => NaiveDate::from_ymd_opt(y, ma, da),
                (None, Some(y)) => {
                    let y = if (ma, da) > (mb, db) { y - 1 } else { y };
                    NaiveDate::from_ymd_opt(y, ma, da)
                }
                (None, None) => infer_day(ma, da, published, future),
            };
            let end = match yb {
                Some(y) => NaiveDate::from_ymd_opt(y, mb, db),
                None => start.and_then(|s| {
                    (s.year()..=s.year() + 4)
                        .filter_map(|y| NaiveDate::from_ymd_opt(y, mb, db))
                        .find(|e| *e >= s)
                }),
            };
            (start.and_then(day), end.and_then(day))
        }
        (&Written::Month { y: ya, m: ma, .. }, &Written::Month { y: yb, m: mb, .. }) => {
            let start = match (ya, yb) {
                (Some(y), _) => Some((y, ma)),
                (None, Some(y)) => Some((if ma > mb { y - 1 } else { y }, ma)),
                (None, None) => infer_month(ma, MonthRel::Bare, published, future),
            };
            let end = match yb {
                Some(y) => Some((y, mb)),
                None => start.map(|(y, m)| (if mb < m { y + 1 } else { y }, mb)),
            };
            (
                start.and_then(|(y, m)| month_point(y, m)),
                end.and_then(|(y, m)| month_point(y, m)),
            )
        }
        (&Written::Weekday { wd: wa, dir }, &Written::Weekday { wd: wb, .. }) => {
            let start = resolve_weekday(wa, dir, published, future);
            let gap = (i64::from(wb.num_days_from_monday()) - i64::from(wa.num_days_from_monday()))
                .rem_euclid(7);
            let end = start.and_then(|s| add_days(s, if gap == 0 { 7 } else { gap }));
            (start.and_then(day), end.and_then(day))
        }
        _ => (
            resolve_single(a, published, future),
            resolve_single(b, published, future),
        ),
    }
}

/// The year of a yearless day: the publication year, unless that puts the day more than
/// [`YEAR_WINDOW`] days on the wrong side of publication (after it for past events, before it for
/// planned ones). Feb 29 moves on to a leap year.
fn infer_day(m: u32, d: u32, published: Option<NaiveDate>, future: bool) -> Option<NaiveDate> {
    let p = published?;
    if future {
        let floor = add_days(p, -YEAR_WINDOW)?;
        (p.year() - 1..=p.year() + 8)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
            .find(|dt| *dt >= floor)
    } else {
        let ceil = add_days(p, YEAR_WINDOW)?;
        (p.year() - 8..=p.year() + 1)
            .rev()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
            .find(|dt| *dt <= ceil)
    }
}

/// The year of a yearless month: the most recent such month not after the publication month, or
/// for planned events the next one not before it; "last"/"next" exclude the publication month.
fn infer_month(
    m: u32,
    rel: MonthRel,
    published: Option<NaiveDate>,
    future: bool,
) -> Option<(i32, u32)> {
    let p = published?;
    let (py, pm) = (p.year(), p.month());
    let y = match rel {
        MonthRel::InYear(k) => py + k,
        MonthRel::This => py,
        MonthRel::Last if m < pm => py,
        MonthRel::Last => py - 1,
        MonthRel::Next if m > pm => py,
        MonthRel::Next => py + 1,
        MonthRel::Bare if future && m >= pm => py,
        MonthRel::Bare if future => py + 1,
        MonthRel::Bare if m <= pm => py,
        MonthRel::Bare => py - 1,
    };
    Some((y, m))
}

/// The day a weekday refers to, seen from the publication date.
fn resolve_weekday(
    wd: Weekday,
    dir: Dir,
    published: Option<NaiveDate>,
    future: bool,
) -> Option<NaiveDate> {
    let p = published?;
    let pw = i64::from(p.weekday().num_days_from_monday());
    let tw = i64::from(wd.num_days_from_monday());
    let back = (pw - tw).rem_euclid(7);
    let fwd = (tw - pw).rem_euclid(7);
    let offset = match dir {
        Dir::Bare if future => fwd,
        Dir::Bare => -back,
        Dir::Before if back == 0 => -7,
        Dir::Before => -back,
        Dir::After if fwd == 0 => 7,
        Dir::After => fwd,
        Dir::Week(k) => tw - pw + 7 * k,
    };
    add_days(p, offset)
}

/// A yearless or dated day range inside one month ("May 3-7", "from 3 to 7 May 2023").
fn day_range(y: Option<i32>, m: u32, d1: u32, d2: u32) -> Option<Written> {
    if d1 == 0 || d2 <= d1 || d2 > 31 {
        return None;
    }
    // Check against a leap year when the year is unknown, so Feb 29 survives until resolution.
    let check_year = y.unwrap_or(2000);
    NaiveDate::from_ymd_opt(check_year, m, d2)?;
    Some(Written::Range(
        Box::new(Written::Day { y, m, d: d1 }),
        Box::new(Written::Day { y, m, d: d2 }),
    ))
}

/// A day from a match with named groups `m`, `d` and optional `y`; None for a month word that is
/// probably not a month, or a day that does not exist.
fn day_written(c: &Captures) -> Option<Written> {
    let mon = c.name("m")?.as_str();
    if !month_word_ok(mon) {
        return None;
    }
    let m = month_num(mon)?;
    let d = int(&c["d"]);
    let y = c.name("y").map(|y| int(y.as_str()));
    NaiveDate::from_ymd_opt(y.unwrap_or(2000), m, d)?;
    Some(Written::Day { y, m, d })
}

/// A date from a publication-date match, for years news can have.
fn ymd_caps(c: &Captures, y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    pub_ymd(int(&c[y]), month_num(&c[m])?, int(&c[d]))
}

/// A date with a year news can have (1900-2100).
fn pub_ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn start_of(c: &Captures) -> usize {
    c.get(0).expect("match").start()
}

/// Parses digits already checked by a pattern; out-of-range values become 0 and fail later
/// date validation.
fn int<T: std::str::FromStr + Default>(s: &str) -> T {
    s.parse().unwrap_or_default()
}

fn day(d: NaiveDate) -> Option<Point> {
    Some((d, Precision::Day))
}

fn month_point(y: i32, m: u32) -> Option<Point> {
    Some((NaiveDate::from_ymd_opt(y, m, 1)?, Precision::Month))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// Moves a (year, month) by `n` months.
fn shift_month(y: i32, m: u32, n: i64) -> (i32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + n;
    (
        i32::try_from(idx.div_euclid(12)).unwrap_or(y),
        u32::try_from(idx.rem_euclid(12) + 1).unwrap_or(m),
    )
}

fn format_point((d, p): Point) -> String {
    if !(0..=9999).contains(&d.year()) {
        return match p {
            Precision::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Precision::Year => format!("{:04}", d.year()),
        };
    }
    let mut day = iso_day(d);
    day.truncate(match p {
        Precision::Day => 10,
        Precision::Month => 7,
        Precision::Year => 4,
    });
    day
}

/// "2023-04-17": what `NaiveDate`'s `Display` writes, without the formatting machinery, which
/// cost hundreds of instructions a date (the pipeline writes one or two per event).
pub fn iso_day(d: NaiveDate) -> String {
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return d.to_string();
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let (y, m, day) = (year as u32, d.month(), d.day());
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ]
    .iter()
    .collect()
}

/// Month number of a name or abbreviation ("Sept.", "march").
fn month_num(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_lowercase();
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = full
        .iter()
        .position(|f| l.len() >= 3 && f.starts_with(l.as_str()))?;
    // Abbreviations are three letters, or "sept"; anything else must be the full name.
    (l.len() == 3 || l == "sept" || l == full[i]).then(|| u32::try_from(i + 1).unwrap_or(1))
}

/// "May" and "March" are also a verb and a noun, and abbreviations are ordinary words in lower
/// case ("mar", "dec"): those must be capitalized. Other full names match in any case.
fn month_word_ok(s: &str) -> bool {
    let l = s.trim_end_matches('.').to_lowercase();
    let unambiguous = [
        "january",
        "february",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    unambiguous.contains(&l.as_str()) || s.starts_with(|c: char| c.is_uppercase())
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_lowercase().as_str() {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn number_word(s: &str) -> Option<i64> {
    let l = s.to_lowercase();
    if let Ok(n) = l.parse() {
        return Some(n);
    }
    let words = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    match l.as_str() {
        "a" | "an" => Some(1),
        "thirty" => Some(30),
        _ => words
            .iter()
            .position(|w| *w == l)
            .and_then(|i| i64::try_from(i + 1).ok()),
    }
}

fn unit_of(s: &str) -> Option<Unit> {
    Some(match s.to_lowercase().trim_end_matches('s') {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

/// Lower case with single spaces, for comparing multi-word matches.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "and" needs "between", "to"/"until" need "from" or "between" (a bare "Monday to Wednesday"
/// is as often a postponement as a span); dashes and "through" stand alone.
fn connector_ok(pre: Option<regex::Match>, conn: &str) -> bool {
    let pre = pre.map(|p| p.as_str().to_lowercase());
    match conn.to_lowercase().as_str() {
        "and" => pre.as_deref() == Some("between"),
        "to" | "until" | "till" => pre.is_some(),
        _ => true,
    }
}

/// The word just before `at`, skipping spaces and a trailing dot ("No. 1973").
fn prev_word(s: &str, at: usize) -> &str {
    let before = s[..at].trim_end();
    let before = before.strip_suffix('.').unwrap_or(before);
    before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// The word just after `at`, skipping spaces; empty when punctuation comes first.
fn next_word(s: &str, at: usize) -> &str {
    let rest = s[at..].trim_start();
    let len = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..len]
}

/// A number cannot start a date right after a digit group separator, a sign or currency.
fn number_start_ok(s: &str, at: usize) -> bool {
    !s[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || ".,-/:$€£¥#+".contains(c))
}

/// True when the number ending at `at` goes on ("3,000", "3.5", "3:00").
fn number_continues(s: &str, at: usize) -> bool {
    let mut rest = s[at..].chars();
    match rest.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some(',' | '.' | ':') => rest.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// True when a day number follows `at` (after spaces).
fn number_follows(s: &str, at: usize) -> bool {
    s[at..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
}

/// A four-digit number is a year unless it is a quantity, money, a decimal or an identifier.
fn year_ok(s: &str, start: usize, end: usize) -> bool {
    let mut before = s[..start].chars().rev();
    match before.next() {
        Some('$' | '€' | '£' | '¥' | '#' | '+') => return false,
        Some(',' | '.' | ':') if before.next().is_some_and(|c| c.is_ascii_digit()) => {
            return false;
        }
        _ => {}
    }
    let mut after = s[end..].chars();
    match after.next() {
        Some('%') => return false,
        Some(',' | '.' | ':') if after.next().is_some_and(|c| c.is_ascii_digit()) => {
            return false;
        }
        _ => {}
    }
    let pw = prev_word(s, start).to_lowercase();
    if s[..start].ends_with(char::is_whitespace) && NOT_YEAR_BEFORE.contains(&pw.as_str()) {
        return false;
    }
    let nw = next_word(s, end).to_lowercase();
    !(s[end..].starts_with(char::is_whitespace) && NOT_YEAR_AFTER.contains(&nw.as_str()))
}

#[cfg(test)]
mod iso_tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2023, 4, 17),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 9),
            (999, 10, 5),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_day(date), date.to_string());
            for (p, old) in [
                (Precision::Day, format!("{:04}-{:02}-{:02}", y, m, d)),
                (Precision::Month, format!("{:04}-{:02}", y, m)),
                (Precision::Year, format!("{:04}", y)),
            ] {
                assert_eq!(format_point((date, p)), old, "{date} {p:?}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders every expression found as `"text" kind date precision [-> end precision]`.
    fn check(sentence: &str, published: &str, future: bool) -> String {
        let r = DateResolver::new();
        let p = (!published.is_empty()).then(|| {
            NaiveDate::parse_from_str(published, "%Y-%m-%d").expect("test publication date")
        });
        r.find(sentence, 0, p, future)
            .iter()
            .map(|e| {
                assert_eq!(&sentence[e.span.start..e.span.end], e.text);
                let mut line = format!(
                    "{:?} {} {} {}",
                    e.text,
                    e.kind.as_str(),
                    e.date.as_deref().unwrap_or("-"),
                    e.precision.map_or("-", |p| p.as_str())
                );
                if let Some((d, p)) = &e.end {
                    line.push_str(&format!(" -> {d} {}", p.as_str()));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn finds_and_resolves() {
        // (sentence, publication date or "", future, expected lines)
        let cases: &[(&str, &str, bool, &str)] = &[
        (
            "The army was ordered out in January 2023, and the withdrawal ended the following month.",
            "2024-01-26",
            false,
            "\"January 2023\" month 2023-01 month\n\"the following month\" relative 2023-02 month",
        ),
        (
            "Talks opened on March 3, and a deal was signed two days later.",
            "2023-03-20",
            false,
            "\"March 3\" absolute 2023-03-03 day\n\"two days later\" relative 2023-03-05 day",
        ),
        (
            "The North fired a missile on Wednesday, two days after it threatened to shoot down spy planes.",
            "2023-07-12",
            false,
            "\"Wednesday\" weekday 2023-07-12 day\n\"two days after\" relative 2023-07-10 day",
        ),
        (
            "In February, the crossing was shut for nearly a week after guards clashed.",
            "2023-09-07",
            false,
            "\"February\" month 2023-02 month",
        ),
        (
            "The treaty was signed in 1960, and a day after India suspended it.",
            "2025-04-25",
            false,
            "\"1960\" year_only 1960 year\n\"a day after\" relative 1960 year",
        ),
        (
            "The truce collapsed in 2019 and fighting resumed a year later.",
            "2023-03-20",
            false,
            "\"2019\" year_only 2019 year\n\"a year later\" relative 2020 year",
        ),
        (
            "The two leaders met again the next day.",
            "2023-03-20",
            false,
            "\"the next day\" relative - -",
        ),
        (
            "Chinese Defense Minister Li Shangfu will pay an official visit to Russia from Sunday to Wednesday, the ministry said.",
            "2023-04-16",
            true,
            "\"from Sunday to Wednesday\" range 2023-04-16 day -> 2023-04-19 day",
        ),
        (
            "The delegation arrived in Moscow on Sunday.",
            "2023-04-17",
            false,
            "\"Sunday\" weekday 2023-04-16 day",
        ),
        (
            "Talks were held on Monday.",
            "2023-04-17",
            false,
            "\"Monday\" weekday 2023-04-17 day",
        ),
        (
            "The two sides met on Friday.",
            "2023-04-14",
            false,
            "\"Friday\" weekday 2023-04-14 day",
        ),
        (
            "He will travel to Paris on Friday.",
            "2023-04-14",
            true,
            "\"Friday\" weekday 2023-04-14 day",
        ),
        (
            "He will travel to Paris on Thursday.",
            "2023-04-14",
            true,
            "\"Thursday\" weekday 2023-04-20 day",
        ),
        (
            "The strike hit late on Wednesday, officials said early Monday.",
            "2023-04-17",
            false,
            concat!(
                "\"late on Wednesday\" weekday 2023-04-12 day\n",
                "\"early Monday\" weekday 2023-04-17 day",
            ),
        ),
        (
            "Troops moved in on Monday morning and withdrew Tuesday night.",
            "2023-04-19",
            false,
            concat!(
                "\"Monday morning\" weekday 2023-04-17 day\n",
                "\"Tuesday night\" weekday 2023-04-18 day",
            ),
        ),
        (
            "The minister met his counterpart last Friday.",
            "2023-04-14",
            false,
            "\"last Friday\" weekday 2023-04-07 day",
        ),
        (
            "The summit opens next Tuesday.",
            "2023-04-18",
            true,
            "\"next Tuesday\" weekday 2023-04-25 day",
        ),
        (
            "Talks resume this Thursday.",
            "2023-04-17",
            true,
            "\"this Thursday\" weekday 2023-04-20 day",
        ),
        (
            "Tuesday's attack killed five.",
            "2023-04-19",
            false,
            "\"Tuesday\" weekday 2023-04-18 day",
        ),
        (
            "He said yesterday that talks resume tomorrow.",
            "2024-03-01",
            false,
            concat!(
                "\"yesterday\" relative 2024-02-29 day\n",
                "\"tomorrow\" relative 2024-03-02 day",
            ),
        ),
        (
            "The attack happened two days ago.",
            "2024-03-01",
            false,
            "\"two days ago\" relative 2024-02-28 day",
        ),
        (
            "Three weeks ago, rebels seized the town; 2 days ago they left.",
            "2023-04-17",
            false,
            concat!(
                "\"Three weeks ago\" relative 2023-03-27 day\n",
                "\"2 days ago\" relative 2023-04-15 day",
            ),
        ),
        (
            "Fighting broke out last week.",
            "2023-04-19",
            false,
            "\"last week\" relative 2023-04-10 day -> 2023-04-16 day",
        ),
        (
            "Earlier this week, the army said it had withdrawn.",
            "2023-04-19",
            false,
            "\"Earlier this week\" relative 2023-04-19 day",
        ),
        (
            "The talks collapsed last month.",
            "2023-01-10",
            false,
            "\"last month\" relative 2022-12 month",
        ),
        (
            "Earlier this month, Iran and Saudi Arabia restored ties.",
            "2023-04-19",
            false,
            "\"Earlier this month\" relative 2023-04 month",
        ),
        (
            "A new round of talks is due next month.",
            "2023-12-05",
            true,
            "\"next month\" relative 2024-01 month",
        ),
        (
            "The talks will take place this month.",
            "2023-04-19",
            true,
            "\"this month\" relative 2023-04 month",
        ),
        (
            "Exports fell last year, this year's budget grew, and next year looks worse.",
            "2023-06-01",
            false,
            concat!(
                "\"last year\" relative 2022 year\n",
                "\"this year\" relative 2023 year\n",
                "\"next year\" relative 2024 year",
            ),
        ),
        (
            "In recent days the army has recently moved troops, a few days ago.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "The delegation arrived on Sunday, a day after talks began yesterday.",
            "",
            false,
            concat!(
                "\"Sunday\" weekday - -\n",
                "\"a day after\" relative - -\n",
                "\"yesterday\" relative - -",
            ),
        ),
        (
            "The treaty was signed on April 20, 2016, and ratified in 2018.",
            "",
            false,
            concat!(
                "\"April 20, 2016\" absolute 2016-04-20 day\n",
                "\"2018\" year_only 2018 year",
            ),
        ),
        (
            "The exercise began on 20 April 2016.",
            "2023-01-01",
            false,
            "\"20 April 2016\" absolute 2016-04-20 day",
        ),
        (
            "The vote took place on April 20.",
            "2023-04-21",
            false,
            "\"April 20\" absolute 2023-04-20 day",
        ),
        (
            "The vote took place on April 20.",
            "2023-03-10",
            false,
            "\"April 20\" absolute 2022-04-20 day",
        ),
        (
            "Protests began Apr. 20 and ended Sept. 3.",
            "2023-10-01",
            false,
            concat!(
                "\"Apr. 20\" absolute 2023-04-20 day\n",
                "\"Sept. 3\" absolute 2023-09-03 day",
            ),
        ),
        (
            "The report dated 2016-04-20 was leaked.",
            "2023-01-01",
            false,
            "\"2016-04-20\" absolute 2016-04-20 day",
        ),
        (
            "The war began in February 2022.",
            "2023-04-17",
            false,
            "\"February 2022\" month 2022-02 month",
        ),
        (
            "Elections were held in February.",
            "2023-04-17",
            false,
            "\"February\" month 2023-02 month",
        ),
        (
            "Elections will be held in February.",
            "2023-04-17",
            true,
            "\"February\" month 2024-02 month",
        ),
        (
            "Elections were held in May.",
            "2023-04-17",
            false,
            "\"May\" month 2022-05 month",
        ),
        (
            "Russia annexed Crimea in 2014, held the Vostok-2022 exercise and reversed 2018's reform.",
            "2023-04-17",
            false,
            concat!(
                "\"2014\" year_only 2014 year\n",
                "\"2022\" year_only 2022 year\n",
                "\"2018\" year_only 2018 year",
            ),
        ),
        (
            "Some 2000 troops, $2018, 2,018 people, 1999.5 units and resolution 1973 were cited.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "Officials may travel to Kyiv, and the talks may resume.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "May officials travel to Kyiv?",
            "2023-04-17",
            false,
            "",
        ),
        (
            "The protesters staged a march on the capital.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "March on the capital drew thousands.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "In March, rebels took the town, and on March 3 the army returned.",
            "2023-04-17",
            false,
            concat!(
                "\"March\" month 2023-03 month\n",
                "\"March 3\" absolute 2023-03-03 day",
            ),
        ),
        (
            "The drills ran from May 3 to 7.",
            "2023-05-20",
            false,
            "\"from May 3 to 7\" range 2023-05-03 day -> 2023-05-07 day",
        ),
        (
            "The drills will run from 3 to 7 May.",
            "2023-04-20",
            true,
            "\"from 3 to 7 May\" range 2023-05-03 day -> 2023-05-07 day",
        ),
        (
            "Between March 1 and March 5, shelling intensified.",
            "2023-03-10",
            false,
            "\"Between March 1 and March 5\" range 2023-03-01 day -> 2023-03-05 day",
        ),
        (
            "The May 3-7 drills ended.",
            "2023-05-10",
            false,
            "\"May 3-7\" range 2023-05-03 day -> 2023-05-07 day",
        ),
        (
            "The talks ran from April 16 to 19, 2023.",
            "2024-01-01",
            false,
            "\"from April 16 to 19, 2023\" range 2023-04-16 day -> 2023-04-19 day",
        ),
        (
            "The talks ran from Sunday to Wednesday.",
            "2023-04-20",
            false,
            "\"from Sunday to Wednesday\" range 2023-04-16 day -> 2023-04-19 day",
        ),
        (
            "The drills will run from Friday to Monday.",
            "2023-04-19",
            true,
            "\"from Friday to Monday\" range 2023-04-21 day -> 2023-04-24 day",
        ),
        (
            "Strikes continued from December 28 to January 3.",
            "2023-01-10",
            false,
            "\"from December 28 to January 3\" range 2022-12-28 day -> 2023-01-03 day",
        ),
        (
            "Troops stayed from 2014 to 2016 and between 2019 and 2021.",
            "2023-01-10",
            false,
            concat!(
                "\"from 2014 to 2016\" range 2014 year -> 2016 year\n",
                "\"between 2019 and 2021\" range 2019 year -> 2021 year",
            ),
        ),
        (
            "Prices rose from February to April 2023.",
            "2023-06-10",
            false,
            "\"from February to April 2023\" range 2023-02 month -> 2023-04 month",
        ),
        (
            "The deal was signed on February 29.",
            "2025-03-10",
            false,
            "\"February 29\" absolute 2024-02-29 day",
        ),
        (
            "The deal was signed on February 29, 2023.",
            "2025-03-10",
            false,
            "\"2023\" year_only 2023 year",
        ),
        (
            "Imports fell last month.",
            "2024-03-31",
            false,
            "\"last month\" relative 2024-02 month",
        ),
        (
            "The envoy arrived on Sunday, April 16.",
            "2023-04-20",
            false,
            "\"Sunday, April 16\" absolute 2023-04-16 day",
        ),
        (
            "The envoy arrived on Friday last week.",
            "2023-04-22",
            false,
            "\"Friday last week\" weekday 2023-04-14 day",
        ),
        (
            "The Good Friday Agreement was cited by The Sunday Times.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "Rebels attacked last weekend and again over the weekend.",
            "2023-04-17",
            false,
            concat!(
                "\"last weekend\" relative 2023-04-15 day -> 2023-04-16 day\n",
                "\"the weekend\" relative 2023-04-15 day -> 2023-04-16 day",
            ),
        ),
        (
            "The ceasefire takes effect in three days.",
            "2023-04-17",
            true,
            "\"in three days\" relative 2023-04-20 day",
        ),
        (
            "The army captured the town in three days.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "A year ago the border was closed.",
            "2023-04-17",
            false,
            "\"A year ago\" relative 2022 year",
        ),
        (
            "Fighting resumed in mid-April and late March.",
            "2023-05-10",
            false,
            concat!(
                "\"mid-April\" month 2023-04 month\n",
                "\"late March\" month 2023-03 month",
            ),
        ),
        (
            "The base was built last March.",
            "2023-03-10",
            false,
            "\"last March\" month 2022-03 month",
        ),
        (
            "The summit will open on January 5.",
            "2023-12-20",
            true,
            "\"January 5\" absolute 2024-01-05 day",
        ),
        (
            "He visited three days ago.",
            "",
            false,
            "\"three days ago\" relative - -",
        ),
        (
            "Shelling began late yesterday and continued this morning.",
            "2023-04-17",
            false,
            concat!(
                "\"late yesterday\" relative 2023-04-16 day\n",
                "\"this morning\" relative 2023-04-17 day",
            ),
        ),
        (
            "The minister will visit next Tuesday.",
            "2023-04-17",
            false,
            "\"next Tuesday\" weekday 2023-04-18 day",
        ),
        (
            "The visit is planned for May 2024.",
            "2023-04-17",
            true,
            "\"May 2024\" month 2024-05 month",
        ),
        (
            "The minister met his counterpart last Friday.",
            "2023-04-15",
            false,
            "\"last Friday\" weekday 2023-04-14 day",
        ),
        (
            "Drills ran Monday-Wednesday and again Sunday through Tuesday.",
            "2023-04-26",
            false,
            concat!(
                "\"Monday-Wednesday\" range 2023-04-24 day -> 2023-04-26 day\n",
                "\"Sunday through Tuesday\" range 2023-04-23 day -> 2023-04-25 day",
            ),
        ),
        (
            "The talks were postponed Sunday to Wednesday.",
            "2023-04-20",
            false,
            concat!(
                "\"Sunday\" weekday 2023-04-16 day\n",
                "\"Wednesday\" weekday 2023-04-19 day",
            ),
        ),
        (
            "Fighting raged from 28 April to 3 May.",
            "2023-05-10",
            false,
            "\"from 28 April to 3 May\" range 2023-04-28 day -> 2023-05-03 day",
        ),
        (
            "Fighting raged from April 28 to May 3, 2022.",
            "2023-05-10",
            false,
            "\"from April 28 to May 3, 2022\" range 2022-04-28 day -> 2022-05-03 day",
        ),
        (
            "Shelling eased between March 1 and 5 and between 3 and 7 May.",
            "2023-05-10",
            false,
            concat!(
                "\"between March 1 and 5\" range 2023-03-01 day -> 2023-03-05 day\n",
                "\"between 3 and 7 May\" range 2023-05-03 day -> 2023-05-07 day",
            ),
        ),
        (
            "The 2014-2016 campaign failed, Theresa May said since 2018.",
            "2023-05-10",
            false,
            concat!(
                "\"2014-2016\" range 2014 year -> 2016 year\n",
                "\"2018\" year_only 2018 year",
            ),
        ),
        (
            "Voters in May's election backed him on May 3.",
            "2023-05-10",
            false,
            concat!(
                "\"May\" month 2023-05 month\n",
                "\"May 3\" absolute 2023-05-03 day",
            ),
        ),
        (
            "TALKS TO RESUME ON MAY 3",
            "2023-04-10",
            true,
            "\"MAY 3\" absolute 2023-05-03 day",
        ),
        (
            "The envoy arrived on Wednesday, 19 April 2023.",
            "2023-04-20",
            false,
            "\"Wednesday, 19 April 2023\" absolute 2023-04-19 day",
        ),
        (
            "Rallies are planned this weekend.",
            "2023-04-21",
            true,
            "\"this weekend\" relative 2023-04-22 day -> 2023-04-23 day",
        ),
        (
            "Rallies are planned next weekend.",
            "2023-04-22",
            true,
            "\"next weekend\" relative 2023-04-29 day -> 2023-04-30 day",
        ),
        (
            "The day before yesterday troops left, and two weeks from now they return.",
            "2023-04-17",
            true,
            concat!(
                "\"The day before yesterday\" relative 2023-04-15 day\n",
                "\"two weeks from now\" relative 2023-05-01 day",
            ),
        ),
        (
            "Over the last week and in the next month prices rose.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "He was killed in 2 days of fighting.",
            "2023-04-17",
            true,
            "",
        ),
        (
            "Two years ago and three months ago the border was shut.",
            "2023-01-17",
            false,
            concat!(
                "\"Two years ago\" relative 2021 year\n",
                "\"three months ago\" relative 2022-10 month",
            ),
        ),
        (
            "On 3 march the dec 5 plan was shelved.",
            "2023-04-17",
            false,
            "",
        ),
        (
            "The move came at the end of March.",
            "2023-04-17",
            false,
            "\"end of March\" month 2023-03 month",
        ),
        (
            "The strike came at 2000 hours local time.",
            "2023-04-17",
            false,
            "",
        ),
        ];
        for (sentence, published, future, expected) in cases {
            assert_eq!(
                check(sentence, published, *future),
                *expected,
                "{sentence:?} published {published:?} future={future}"
            );
        }
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn spans_are_offset_by_base() {
        let r = DateResolver::default();
        let found = r.find(
            "Talks began on Sunday.",
            100,
            Some(date("2023-04-17")),
            false,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, Span::new(115, 121));
        assert_eq!(found[0].kind, TimeKind::Weekday);
        assert_eq!(found[0].date.as_deref(), Some("2023-04-16"));
        assert_eq!(found[0].precision, Some(Precision::Day));
        assert_eq!(found[0].end, None);
    }

    #[test]
    fn parses_publication_dates() {
        let r = DateResolver::new();
        let cases: &[(&str, Option<&str>)] = &[
            ("April 21, 2016 4:30 pm", Some("2016-04-21")),
            ("Apr. 21, 2016", Some("2016-04-21")),
            ("21 April 2016", Some("2016-04-21")),
            ("Published: 3 March 2023", Some("2023-03-03")),
            ("2023-03-03", Some("2023-03-03")),
            ("2023-03-03T08:00:00Z", Some("2023-03-03")),
            ("2023-03-03 09:14 GMT", Some("2023-03-03")),
            ("2023/03/03", Some("2023-03-03")),
            ("Sun, 16 Apr 2023 10:00:00 GMT", Some("2023-04-16")),
            ("Monday, April 17, 2023", Some("2023-04-17")),
            ("17/04/2023", Some("2023-04-17")),
            ("03.03.2023", Some("2023-03-03")),
            // Month first only when day first is impossible.
            ("04/17/2023", Some("2023-04-17")),
            ("16-Apr-2023", Some("2023-04-16")),
            ("March 3rd, 2023", Some("2023-03-03")),
            ("MAY 5, 2023", Some("2023-05-05")),
            (
                "By Jane Doe | Updated May 5, 2023, 10:12 AM ET",
                Some("2023-05-05"),
            ),
            // The first date of the line wins.
            (
                "Published 2 May 2023, last updated 4 May 2023",
                Some("2023-05-02"),
            ),
            ("Published 29 February 2024", Some("2024-02-29")),
            ("", None),
            ("April 2023", None),
            ("Updated 3 hours ago", None),
            ("Monday", None),
            ("Published: yesterday", None),
            ("31 February 2023", None),
            ("29 February 2023", None),
            ("17/04", None),
            ("Page 2023", None),
            ("2023-13-45", None),
            ("1 January 1066", None),
        ];
        for (line, expected) in cases {
            assert_eq!(
                r.parse_publication_date(line),
                expected.map(date),
                "{line:?}"
            );
        }
    }

    #[test]
    fn finds_datelines() {
        let r = DateResolver::new();
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            (
                "BEIJING, April 21 (Xinhua) -- China's defense minister ...",
                Some("2016-04-22"),
                Some("2016-04-21"),
            ),
            (
                "MOSCOW, March 3 (Reuters) - Russia said ...",
                Some("2023-03-03"),
                Some("2023-03-03"),
            ),
            (
                "KABUL, 20 April 2016: Taliban fighters ...",
                None,
                Some("2016-04-20"),
            ),
            // The year is chosen so that the dateline is not after the hint.
            (
                "WASHINGTON, Dec. 30 (AP) -- The Pentagon ...",
                Some("2024-01-02"),
                Some("2023-12-30"),
            ),
            (
                "KYIV, Feb. 29 (Reuters) - Ukraine ...",
                Some("2025-03-01"),
                Some("2024-02-29"),
            ),
            (
                "KHARKIV, Ukraine, March 3 (Reuters) - Shelling ...",
                Some("2023-03-05"),
                Some("2023-03-03"),
            ),
            (
                "Russia and China hold talks\n\nMOSCOW, March 3 (Reuters) - Russia said ...",
                Some("2023-03-04"),
                Some("2023-03-03"),
            ),
            (
                "WASHINGTON, Sunday (AP) -- The president ...",
                Some("2023-04-17"),
                Some("2023-04-16"),
            ),
            // Without a year or a hint there is no date.
            ("BEIJING, April 21 (Xinhua) -- China ...", None, None),
            (
                "The talks began on April 21 in Beijing.",
                Some("2023-04-22"),
                None,
            ),
            ("", Some("2023-04-22"), None),
        ];
        for (text, hint, expected) in cases {
            assert_eq!(
                r.dateline_date(text, hint.map(date)),
                expected.map(date),
                "{text:?} hint {hint:?}"
            );
        }
    }
}
