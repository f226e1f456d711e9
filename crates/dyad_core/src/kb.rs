//! The built-in knowledge base: countries, organizations, institutions, offices, persons with
//! dated roles, outlets and places, read from the tab-separated files in `data/`, and one trie
//! over every surface form, walked from each word start of a text (a form counts only there).

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};
use std::collections::HashMap;

/// A state or territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166 alpha-3 (KOS for Kosovo).
    pub iso3: String,
    /// Canonical short name.
    pub name: String,
    /// Other names and abbreviations.
    pub aliases: Vec<String>,
    /// Adjectives, demonyms and prefix forms ("Sino-").
    pub adjectives: Vec<String>,
    /// Capital.
    pub capital: String,
    /// Seats of power used for the government ("the Kremlin").
    pub seats: Vec<String>,
    /// Capital latitude.
    pub lat: f64,
    /// Capital longitude.
    pub lon: f64,
}

/// An international organization or a non-state armed group.
#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    /// Canonical name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// PLOVER country code (UNO, EUR, IGO, NGO, IMG or ISO3).
    pub country: String,
    /// Sector.
    pub sector: String,
    /// Kind: un, eu, igo, ngo, insurgent, militant, paramilitary.
    pub kind: String,
}

/// A state institution; `country` is None for generic ones ("Defense Ministry").
#[derive(Debug, Clone, PartialEq)]
pub struct Institution {
    /// Surface form.
    pub name: String,
    /// ISO3 when specific to one state.
    pub country: Option<String>,
    /// Sector.
    pub sector: String,
    /// Canonical name.
    pub canonical: String,
}

/// An office or rank.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// Lower-case surface form.
    pub title: String,
    /// Sector.
    pub sector: String,
    /// Canonical office.
    pub canonical: String,
}

/// One dated role of a known person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRole {
    /// Canonical name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Country code.
    pub country: String,
    /// Sector.
    pub sector: String,
    /// Office.
    pub office: String,
    /// First day (inclusive), `YYYY[-MM[-DD]]`.
    pub from: Option<String>,
    /// Last day (inclusive), `YYYY[-MM[-DD]]`; None while in office.
    pub to: Option<String>,
}

/// A news outlet.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlet {
    /// Canonical name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Web domains.
    pub domains: Vec<String>,
    /// Country.
    pub country: String,
    /// True for state media.
    pub state_media: bool,
}

/// A place with coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Canonical name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// ISO3, None for seas and other international places.
    pub country: Option<String>,
    /// capital, city, port, base, sea, strait, region, island.
    pub kind: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// What a surface form refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    /// A country by name or alias.
    CountryName(usize),
    /// A country adjective or demonym.
    CountryAdjective(usize),
    /// A prefix form such as "Sino-".
    CountryPrefix(usize),
    /// A seat of power standing for the government.
    CountrySeat(usize),
    /// An organization.
    Organization(usize),
    /// An institution.
    Institution(usize),
    /// An office or rank.
    Office(usize),
    /// A known person (index of the first role row of that person).
    Person(usize),
    /// An outlet.
    Outlet(usize),
    /// A place (capitals included).
    Place(usize),
}

/// One surface form in the automaton.
#[derive(Debug, Clone)]
struct Form {
    text: String,
    /// Proper names must match case (but ALL CAPS headlines are accepted).
    case_sensitive: bool,
    entries: Vec<Entry>,
}

/// A match of a surface form in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct KbMatch {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// What it may refer to.
    pub entries: Vec<Entry>,
}

/// The knowledge base and its automaton.
#[derive(Debug)]
pub struct KnowledgeBase {
    /// Countries.
    pub countries: Vec<Country>,
    /// Organizations.
    pub organizations: Vec<Organization>,
    /// Institutions.
    pub institutions: Vec<Institution>,
    /// Offices.
    pub offices: Vec<Office>,
    /// Person roles.
    pub persons: Vec<PersonRole>,
    /// Outlets.
    pub outlets: Vec<Outlet>,
    /// Places.
    pub places: Vec<Place>,
    /// Rows that could not be read, as "file:line: reason".
    pub load_errors: Vec<String>,
    forms: Vec<Form>,
    automaton: contiguous::NFA,
    /// Bytes some form starts with (both ASCII cases): the only places a search is tried.
    starts_form: [bool; 256],
    /// Country index + 1 by three-letter code ("CHN" -> 26²·2 + 26·7 + 13), 0 for none: the
    /// lookup runs dozens of times per article: an index is a few instructions, SipHash and a
    /// probe were a few hundred.
    country_by_code: Vec<u16>,
}

/// The slot of a three-letter upper-case code in `country_by_code`.
fn code_slot(code: &str) -> Option<usize> {
    match code.as_bytes() {
        &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => {
            Some((usize::from(a - b'A') * 26 + usize::from(b - b'A')) * 26 + usize::from(c - b'A'))
        }
        _ => None,
    }
}

/// Forms a walk can pass through: each is a prefix of the next ("Islamic", "Islamic State",
/// "Islamic State group"). The embedded data nests far fewer (a test checks); a walk through
/// more keeps the longest.
const MAX_NESTED_FORMS: usize = 8;

/// Trie depth below which states are dense (see `KnowledgeBase::embedded`).
const DENSE_DEPTH: usize = 4;

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../data/organizations.tsv");
const INSTITUTIONS: &str = include_str!("../data/institutions.tsv");
const OFFICES: &str = include_str!("../data/offices.tsv");
const PERSONS: &str = include_str!("../data/persons.tsv");
const OUTLETS: &str = include_str!("../data/outlets.tsv");
const PLACES: &str = include_str!("../data/places.tsv");

/// Rows of a TSV file with exactly `columns` cells; bad rows go to `errors`.
fn rows<'a>(
    file: &'a str,
    text: &'a str,
    columns: usize,
    errors: &mut Vec<String>,
) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cells.len() != columns {
            errors.push(format!(
                "{file}:{}: {} columns, expected {columns}",
                index + 1,
                cells.len()
            ));
            continue;
        }
        out.push(cells);
    }
    out
}

fn list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn opt(cell: &str) -> Option<String> {
    Some(cell.trim().to_string()).filter(|s| !s.is_empty())
}

fn float(cell: &str, file: &str, errors: &mut Vec<String>) -> f64 {
    cell.parse().unwrap_or_else(|_| {
        errors.push(format!("{file}: bad coordinate {cell:?}"));
        0.0
    })
}

/// "the Kremlin" is matched as "Kremlin": the article is not part of the name.
fn strip_article(form: &str) -> &str {
    form.strip_prefix("the ").unwrap_or(form)
}

impl Default for KnowledgeBase {
    fn default() -> Self {
        Self::embedded()
    }
}

impl KnowledgeBase {
    /// The knowledge base compiled into the binary.
    pub fn embedded() -> Self {
        let mut errors = Vec::new();
        let countries = rows("countries.tsv", COUNTRIES, 8, &mut errors)
            .into_iter()
            .map(|c| Country {
                iso3: c[0].to_string(),
                name: c[1].to_string(),
                aliases: list(c[2]),
                adjectives: list(c[3]),
                capital: c[4].to_string(),
                seats: list(c[5]),
                lat: float(c[6], "countries.tsv", &mut errors),
                lon: float(c[7], "countries.tsv", &mut errors),
            })
            .collect();
        let organizations = rows("organizations.tsv", ORGANIZATIONS, 5, &mut errors)
            .into_iter()
            .map(|c| Organization {
                name: c[0].to_string(),
                aliases: list(c[1]),
                country: c[2].to_string(),
                sector: c[3].to_string(),
                kind: c[4].to_string(),
            })
            .collect();
        let institutions = rows("institutions.tsv", INSTITUTIONS, 4, &mut errors)
            .into_iter()
            .map(|c| Institution {
                name: c[0].to_string(),
                country: opt(c[1]),
                sector: c[2].to_string(),
                canonical: c[3].to_string(),
            })
            .collect();
        let offices = rows("offices.tsv", OFFICES, 3, &mut errors)
            .into_iter()
            .map(|c| Office {
                title: c[0].to_lowercase(),
                sector: c[1].to_string(),
                canonical: c[2].to_string(),
            })
            .collect();
        let persons = rows("persons.tsv", PERSONS, 7, &mut errors)
            .into_iter()
            .map(|c| PersonRole {
                name: c[0].to_string(),
                aliases: list(c[1]),
                country: c[2].to_string(),
                sector: c[3].to_string(),
                office: c[4].to_string(),
                from: opt(c[5]),
                to: opt(c[6]),
            })
            .collect();
        let outlets = rows("outlets.tsv", OUTLETS, 5, &mut errors)
            .into_iter()
            .map(|c| Outlet {
                name: c[0].to_string(),
                aliases: list(c[1]),
                domains: list(c[2]),
                country: c[3].to_string(),
                state_media: c[4].eq_ignore_ascii_case("yes"),
            })
            .collect();
        let mut place_errors = Vec::new();
        let places = rows("places.tsv", PLACES, 6, &mut errors)
            .into_iter()
            .map(|c| Place {
                name: c[0].to_string(),
                aliases: list(c[1]),
                country: opt(c[2]),
                kind: c[3].to_string(),
                lat: float(c[4], "places.tsv", &mut place_errors),
                lon: float(c[5], "places.tsv", &mut place_errors),
            })
            .collect();
        errors.extend(place_errors);
        Self::build(
            countries,
            organizations,
            institutions,
            offices,
            persons,
            outlets,
            places,
            errors,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        countries: Vec<Country>,
        organizations: Vec<Organization>,
        institutions: Vec<Institution>,
        offices: Vec<Office>,
        persons: Vec<PersonRole>,
        outlets: Vec<Outlet>,
        places: Vec<Place>,
        mut load_errors: Vec<String>,
    ) -> Self {
        let mut forms: Vec<Form> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |text: &str, case_sensitive: bool, entry: Entry| {
            let text = strip_article(text.trim());
            if text.len() < 2 {
                return;
            }
            let key = text.to_lowercase();
            let i = *index.entry(key).or_insert_with(|| {
                forms.push(Form {
                    text: text.to_string(),
                    case_sensitive,
                    entries: Vec::new(),
                });
                forms.len() - 1
            });
            // A proper-name reading keeps the form case-sensitive.
            forms[i].case_sensitive |= case_sensitive;
            if !forms[i].entries.contains(&entry) {
                forms[i].entries.push(entry);
            }
        };
        for (i, c) in countries.iter().enumerate() {
            add(&c.name, true, Entry::CountryName(i));
            for a in &c.aliases {
                add(a, true, Entry::CountryName(i));
            }
            for a in &c.adjectives {
                if a.ends_with('-') {
                    add(a, true, Entry::CountryPrefix(i));
                } else {
                    add(a, true, Entry::CountryAdjective(i));
                }
            }
            for s in &c.seats {
                add(s, true, Entry::CountrySeat(i));
            }
        }
        for (i, o) in organizations.iter().enumerate() {
            add(&o.name, true, Entry::Organization(i));
            for a in &o.aliases {
                add(a, true, Entry::Organization(i));
            }
        }
        for (i, inst) in institutions.iter().enumerate() {
            // Generic institutions ("defense ministry") match in any case; named ones keep case.
            let proper = inst.country.is_some() || inst.name.chars().any(char::is_uppercase);
            add(
                &inst.name,
                proper && inst.country.is_some(),
                Entry::Institution(i),
            );
        }
        for (i, o) in offices.iter().enumerate() {
            add(&o.title, false, Entry::Office(i));
        }
        let mut first_role: HashMap<&str, usize> = HashMap::new();
        for (i, p) in persons.iter().enumerate() {
            let first = *first_role.entry(p.name.as_str()).or_insert(i);
            add(&p.name, true, Entry::Person(first));
            for a in &p.aliases {
                add(a, true, Entry::Person(first));
            }
        }
        for (i, o) in outlets.iter().enumerate() {
            add(&o.name, true, Entry::Outlet(i));
            for a in &o.aliases {
                add(a.trim_matches(['(', ')']), true, Entry::Outlet(i));
            }
        }
        for (i, p) in places.iter().enumerate() {
            add(&p.name, true, Entry::Place(i));
            for a in &p.aliases {
                add(a, true, Entry::Place(i));
            }
        }
        // A known official's surname alone ("Kishida", "Stoltenberg") when it is long, names
        // one person only and is nothing else in the knowledge base.
        let mut surnames: HashMap<&str, Option<usize>> = HashMap::new();
        for (name, first) in &first_role {
            let Some(surname) = name
                .rsplit(' ')
                .next()
                .filter(|s| s.len() >= 5 && name.contains(' '))
            else {
                continue;
            };
            surnames
                .entry(surname)
                .and_modify(|v| {
                    if *v != Some(*first) {
                        *v = None;
                    }
                })
                .or_insert(Some(*first));
        }
        let mut surnames: Vec<(&str, usize)> = surnames
            .into_iter()
            .filter_map(|(s, f)| f.map(|f| (s, f)))
            .collect();
        surnames.sort();
        for (surname, first) in surnames {
            if let std::collections::hash_map::Entry::Vacant(slot) =
                index.entry(surname.to_lowercase())
            {
                slot.insert(forms.len());
                forms.push(Form {
                    text: surname.to_string(),
                    case_sensitive: true,
                    entries: vec![Entry::Person(first)],
                });
            }
        }
        // Matches are only accepted at word starts, so the trie is walked from there: an
        // unanchored scan walked every byte (and its failure transitions) to find them.
        let automaton = contiguous::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            // Walks start at every word, so the shallow states are the hot ones: dense
            // (one lookup a byte) instead of sparse (a scan of their transitions).
            .dense_depth(DENSE_DEPTH)
            .build(forms.iter().map(|f| f.text.as_str()))
            .expect("knowledge base automaton builds");
        let mut starts_form = [false; 256];
        for form in &forms {
            if let Some(&b) = form.text.as_bytes().first() {
                starts_form[b as usize] = true;
                starts_form[b.to_ascii_lowercase() as usize] = true;
                starts_form[b.to_ascii_uppercase() as usize] = true;
            }
        }
        let mut country_by_code = vec![0u16; 26 * 26 * 26];
        for (i, c) in countries.iter().enumerate() {
            match code_slot(&c.iso3) {
                // A later row of the same code wins, as it did in the map this replaced.
                Some(slot) => {
                    country_by_code[slot] =
                        u16::try_from(i + 1).expect("fewer than 65,535 countries");
                }
                None => load_errors.push(format!(
                    "countries.tsv: code {:?} of {} is not three capital letters",
                    c.iso3, c.name
                )),
            }
        }
        KnowledgeBase {
            countries,
            organizations,
            institutions,
            offices,
            persons,
            outlets,
            places,
            load_errors,
            forms,
            automaton,
            starts_form,
            country_by_code,
        }
    }

    /// All knowledge-base matches in `text`, left to right, at word boundaries, case rules applied.
    /// When the longest form at a place fails its case or boundary test ("Indian army" is not
    /// the institution "Indian Army"), the shorter forms starting there are tried ("Indian",
    /// then "army").
    pub fn find(&self, text: &str) -> Vec<KbMatch> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        // Forms are tried where `accept` can take them: after a character that is not a word
        // character (alphanumeric or '_'), at a byte some form starts with.
        let mut pos = 0;
        let mut at = 0;
        let mut after_word = false;
        while at < bytes.len() {
            let b = bytes[at];
            if !after_word && at >= pos && self.starts_form[b as usize] {
                if let Some(k) = self.longest_accepted(text, at) {
                    pos = k.end;
                    out.push(k);
                }
            }
            if b.is_ascii() {
                after_word = b.is_ascii_alphanumeric() || b == b'_';
                at += 1;
                // The rest of a word holds no start.
                while after_word && at < bytes.len() && is_ascii_word(bytes[at]) {
                    at += 1;
                }
            } else {
                let c = text[at..].chars().next().unwrap_or(' ');
                after_word = c.is_alphanumeric();
                at += c.len_utf8();
            }
        }
        out
    }

    /// The longest form at `start` that passes its boundary and case tests, trying the shorter
    /// forms there when the longest fails.
    fn longest_accepted(&self, text: &str, start: usize) -> Option<KbMatch> {
        let nfa = &self.automaton;
        let Ok(mut state) = nfa.start_state(Anchored::Yes) else {
            return None;
        };
        // Forms that end along the walk, shortest first: (end, form).
        let mut ends: [(usize, usize); MAX_NESTED_FORMS] = [(0, 0); MAX_NESTED_FORMS];
        let mut found = 0;
        for (i, &b) in text.as_bytes()[start..].iter().enumerate() {
            state = nfa.next_state(Anchored::Yes, state, b);
            if nfa.is_dead(state) {
                break;
            }
            if nfa.is_match(state) {
                // A match state can also hold forms that are suffixes of the walk (copied
                // through its failure link: "IS" in "IRIS"); only one starting at `start` counts.
                let Some(form) = (0..nfa.match_len(state))
                    .map(|k| nfa.match_pattern(state, k))
                    .find(|&p| nfa.pattern_len(p) == i + 1)
                else {
                    continue;
                };
                let form = form.as_usize();
                // A longer list of ends keeps its longest.
                if found == ends.len() {
                    ends.copy_within(1.., 0);
                    found -= 1;
                }
                ends[found] = (start + i + 1, form);
                found += 1;
            }
        }
        ends[..found]
            .iter()
            .rev()
            .find_map(|&(end, form)| self.accept(text, start, end, form))
    }

    /// The match of form `pattern` at `start..end` when it ends at a word boundary (it starts at
    /// one: `find` walks from nowhere else) and has the form's case.
    fn accept(&self, text: &str, start: usize, end: usize, pattern: usize) -> Option<KbMatch> {
        let form = &self.forms[pattern];
        let after_ok =
            end == text.len() || form.text.ends_with(['-', '.']) || !word_char_at(text, end);
        if !after_ok {
            return None;
        }
        if form.case_sensitive && !case_agrees(&form.text, &text[start..end]) {
            return None;
        }
        Some(KbMatch {
            start,
            end,
            entries: form.entries.clone(),
        })
    }

    /// The country with this ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        let index = usize::from(self.country_by_code[code_slot(iso3)?]);
        index.checked_sub(1).map(|i| &self.countries[i])
    }

    /// An outlet by any of its names.
    pub fn outlet_by_name(&self, name: &str) -> Option<&Outlet> {
        let name = name.trim().trim_matches(['(', ')']);
        self.outlets.iter().find(|o| {
            o.name.eq_ignore_ascii_case(name)
                || o.aliases
                    .iter()
                    .any(|a| a.trim_matches(['(', ')']).eq_ignore_ascii_case(name))
        })
    }

    /// An outlet by the domain of a URL (sub-domains included).
    pub fn outlet_by_url(&self, url: &str) -> Option<&Outlet> {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(url)
            .split(['/', '?', '#', ':'])
            .next()?
            .to_lowercase();
        self.outlets.iter().find(|o| {
            o.domains
                .iter()
                .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        })
    }

    /// The first outlet named in a short text such as "(Xinhua)" or "BEIJING, April 21 (Xinhua) --".
    pub fn outlet_in_text(&self, text: &str) -> Option<&Outlet> {
        self.find(text).into_iter().find_map(|m| {
            m.entries.iter().find_map(|e| match e {
                Entry::Outlet(i) => Some(&self.outlets[*i]),
                _ => None,
            })
        })
    }

    /// The role a person held on `date` (`YYYY-MM-DD`), else their latest role.
    pub fn person_role(&self, first_row: usize, date: Option<&str>) -> &PersonRole {
        let name = &self.persons[first_row].name;
        let roles: Vec<&PersonRole> = self.persons[first_row..]
            .iter()
            .take_while(|p| &p.name == name)
            .collect();
        let roles = if roles.is_empty() {
            vec![&self.persons[first_row]]
        } else {
            roles
        };
        if let Some(date) = date {
            if let Some(role) = roles.iter().find(|r| role_covers(r, date)) {
                return role;
            }
        }
        roles
            .iter()
            .max_by(|a, b| a.from.cmp(&b.from))
            .copied()
            .unwrap_or(roles[0])
    }
}

/// True when a dated role covers `date`; partial dates compare by prefix.
pub fn role_covers(role: &PersonRole, date: &str) -> bool {
    let after_start = role
        .from
        .as_deref()
        .is_none_or(|from| date >= from || date.starts_with(from));
    let before_end = role
        .to
        .as_deref()
        .is_none_or(|to| date <= to || date.starts_with(to));
    after_start && before_end
}

fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a word character (alphanumeric or '_') starts at `at`.
fn word_char_at(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Case check for proper names: exact case, or the match is in ALL CAPS (headlines, datelines)
/// and long enough not to be a pronoun ("US" vs "us").
fn case_agrees(form: &str, found: &str) -> bool {
    if form == found {
        return true;
    }
    let letters = found.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4 && found.chars().all(|c| !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_loads_cleanly() {
        let kb = KnowledgeBase::embedded();
        assert!(kb.load_errors.is_empty(), "{:#?}", kb.load_errors);
        assert!(
            kb.countries.len() >= 195,
            "{} countries",
            kb.countries.len()
        );
        for code in [
            "CHN", "RUS", "USA", "TWN", "KOS", "PSE", "HKG", "SYR", "AFG",
        ] {
            assert!(kb.country(code).is_some(), "{code} missing");
        }
        assert_eq!(kb.country("CHN").map(|c| c.name.as_str()), Some("China"));
        for not_a_code in ["chn", "CH", "CHNA", "", "ÇHN"] {
            assert!(kb.country(not_a_code).is_none(), "{not_a_code:?}");
        }
    }

    #[test]
    fn no_form_nests_more_forms_than_a_walk_keeps() {
        let kb = KnowledgeBase::embedded();
        let mut sorted: Vec<String> = kb
            .forms
            .iter()
            .map(|f| f.text.to_ascii_lowercase())
            .collect();
        sorted.sort();
        sorted.dedup();
        let set: std::collections::HashSet<&str> = sorted.iter().map(String::as_str).collect();
        let deepest = sorted
            .iter()
            .map(|f| {
                (1..=f.len())
                    .filter(|&n| f.is_char_boundary(n) && set.contains(&f[..n]))
                    .count()
            })
            .max()
            .unwrap_or(0);
        assert!(
            deepest <= MAX_NESTED_FORMS,
            "a form has {deepest} forms along its walk"
        );
    }

    #[test]
    fn case_and_boundaries() {
        let kb = KnowledgeBase::embedded();
        let found = |text: &str| -> Vec<String> {
            kb.find(text)
                .iter()
                .map(|m| text[m.start..m.end].to_string())
                .collect()
        };
        assert_eq!(found("Let us go to the US"), vec!["US"]);
        assert_eq!(
            found("Chinese officials in Beijing"),
            vec!["Chinese", "officials", "Beijing"]
        );
        assert!(found("Chinatown").is_empty());
        assert_eq!(found("Sino-Afghan ties"), vec!["Sino-", "Afghan"]);
        // A form inside a word is no match, even where a word start follows it ("IS" ends
        // "IRIS" before the hyphen), and the shorter forms at a place are tried in turn.
        assert_eq!(found("four IRIS-T systems"), Vec::<String>::new());
        assert_eq!(found("the Indian army said"), vec!["Indian", "army"]);
        assert_eq!(found("(Iran) and Syria."), vec!["Iran", "Syria"]);
    }
}
