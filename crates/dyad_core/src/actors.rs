//! Actor recognition without a model: knowledge-base matches combined into noun phrases
//! ("Chinese Defense Minister Li Shangfu", "China's Ministry of National Defense", "his Russian
//! counterpart Sergei Shoigu", "Li Shangfu, China's defense minister"), unknown persons from
//! title + name, and coreference inside the article (surnames, "the minister", "the Afghan side",
//! "both countries", subject pronouns). Every mention keeps its byte span in the raw text.

use crate::kb::{Entry, KbMatch, KnowledgeBase};
use crate::model::{Sentence, Span};
use crate::tabari::Dictionary;
use chrono::NaiveDate;
use regex::Regex;
use serde::{Deserialize, Serialize};

/// What a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A state named as a whole ("China", "Beijing" as a government, "the Kremlin").
    Country,
    /// A capital city, which may be a place or stand for the government.
    Capital,
    /// An adjective used as a party ("Chinese and Russian troops" gives two).
    Adjective,
    /// A state institution ("the Chinese Defense Ministry", "the PLA Navy").
    Institution,
    /// An international organization or armed group.
    Organization,
    /// A person.
    Person,
    /// A news outlet.
    Outlet,
}

impl MentionKind {
    /// Lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionKind::Country => "country",
            MentionKind::Capital => "capital",
            MentionKind::Adjective => "adjective",
            MentionKind::Institution => "institution",
            MentionKind::Organization => "organization",
            MentionKind::Person => "person",
            MentionKind::Outlet => "outlet",
        }
    }

    /// Kinds kept in the corpus-level actor registry.
    pub fn is_registered(&self) -> bool {
        matches!(
            self,
            MentionKind::Person | MentionKind::Organization | MentionKind::Institution
        )
    }
}

/// A resolved actor mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Raw byte span of the whole mention.
    pub span: Span,
    /// Sentence index.
    pub sentence: usize,
    /// Canonical entity ("Li Shangfu", "China", "Chinese defense ministry").
    pub entity: String,
    /// Country code.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Office, for persons.
    pub office: Option<String>,
    /// What it is.
    pub kind: MentionKind,
    /// How it was resolved: "kb", "title", "apposition", "surname", "role", "pronoun", "group",
    /// "dictionary:CODE". Borrowed from the code but for the dictionary's: no copy to make.
    pub via: std::borrow::Cow<'static, str>,
    /// Mentions sharing a group number stand for several parties at once ("both countries").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
}

/// "Ethnic Armenian forces in Nagorno-Karabakh": an ethnic group is not the state its name
/// comes from; told with the place it lives, it belongs to that place's state.
fn ethnic_group_where_it_lives(
    s: &str,
    base: usize,
    found: &mut [Mention],
    matches: &[KbMatch],
    kb: &KnowledgeBase,
) {
    for m in found.iter_mut() {
        let start = m.span.start - base;
        let end = m.span.end - base;
        let ethnic = s[..start]
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("ethnic"));
        let Some(rest) = ethnic.then(|| s[end..].strip_prefix(" in ")).flatten() else {
            continue;
        };
        // ("in northern Kosovo": a side of the country may come first.)
        let rest_start = end + 4;
        let place_start = ["northern ", "southern ", "eastern ", "western ", "central "]
            .iter()
            .find(|w| rest.starts_with(*w))
            .map_or(rest_start, |w| rest_start + w.len());
        let place_country = matches
            .iter()
            .find(|k| k.start == place_start)
            .and_then(|k| {
                k.entries.iter().find_map(|e| match e {
                    Entry::Place(i) => kb.places[*i].country.clone(),
                    Entry::CountryName(i) => Some(kb.countries[*i].iso3.clone()),
                    _ => None,
                })
            });
        if let Some(country) = place_country.filter(|c| m.country.as_ref() != Some(c)) {
            m.country = Some(country);
            m.entity = format!("ethnic {}", &s[start..end]);
            if m.sector.as_deref() == Some("MIL") {
                m.sector = Some("REB".to_string());
            }
            m.via = "ethnic".into();
        }
    }
}

/// Recognizes and resolves actors in one article.
#[derive(Debug)]
pub struct ActorRecognizer {
    name_token: Regex,
    role_phrase: Regex,
    group_phrase: Regex,
    domestic_group: Regex,
}

impl Default for ActorRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

/// Capitalized words that never start a person's name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "For",
    "From",
    "With",
    "By",
    "Of",
    "And",
    "But",
    "Or",
    "As",
    "After",
    "Before",
    "During",
    "Under",
    "Over",
    "Since",
    "While",
    "When",
    "If",
    "Meanwhile",
    "However",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "According",
    "Both",
    "Such",
    "Some",
    "Many",
    "Most",
    "All",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Also",
    "Yet",
    "Still",
    "Asked",
    "Speaking",
    "Under",
    "Ministry",
    "Department",
    "Office",
    "Council",
    "Commission",
    "Committee",
    "Army",
    "Navy",
    "Force",
    "Forces",
    "Air",
    "Defense",
    "Defence",
    "Foreign",
    "State",
    "National",
    "Security",
    "Central",
    "Military",
    "General",
    "Staff",
    "Minister",
    "President",
    "Prime",
    "Secretary",
    "Chief",
    "Commander",
    "Spokesperson",
    "Spokesman",
    "Deputy",
    "Vice",
    "Senior",
    "Colonel",
    "Lieutenant",
    "Major",
    "Admiral",
    "Captain",
    "University",
    "School",
    "Institute",
    "Center",
    "Centre",
    "News",
    "Agency",
    "Times",
    "Daily",
    "Post",
    "Press",
    "Group",
    "Party",
    "Sea",
    "Ocean",
    "Strait",
    "Gulf",
    "Islands",
    "Island",
    "Bay",
    "Base",
    "Airport",
    "Port",
    "Province",
    "Region",
    "City",
    "North",
    "South",
    "East",
    "West",
    "New",
    "Western",
    "Eastern",
    "Global",
    "International",
    "Joint",
    "Exercise",
    "Operation",
    "Summit",
    "Forum",
    "Meeting",
    "Level",
    "Talks",
    "Round",
    "Dialogue",
    "Conference",
    "Committee",
    "Commission",
];

impl ActorRecognizer {
    /// Builds the recognizer.
    pub fn new() -> Self {
        ActorRecognizer {
            name_token: Regex::new(r"^(?:\p{Lu}[\p{Ll}'’]+(?:-\p{L}[\p{Ll}'’]+)*|(?:al|el|bin|ibn|von|van|de|da|du|le|la|abu|abd)(?:[-‑]\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.)$")
                .expect("valid name token"),
            role_phrase: Regex::new(r"(?i)(?-u:\b)(?:the|this|that)\s+(?:([A-Z][a-z]+)\s+)?(minister|official|officials|general|admiral|commander|president|premier|leader|diplomat|envoy|ambassador|spokesperson|spokesman|spokeswoman|chief|secretary|side|delegation|government|military|army|navy|fleet|ministry|country|nation|officer|colonel|bloc|alliance|organi[sz]ation|mission|group|channel|broadcaster|newspaper|outlet|station)(?-u:\b)")
                .expect("valid role phrase"),
            domestic_group: Regex::new(DOMESTIC_GROUP).expect("valid domestic group pattern"),
            group_phrase: Regex::new(r"(?i)(?-u:\b)(?:(?:both|the two|the three|the four)\s+(?:sides|countries|nations|states|militaries|armies|navies|air forces|ministers|leaders|governments|defense ministers|foreign ministers|neighbors|neighbours|parties|allies|powers)|the allies)(?-u:\b)")
                .expect("valid group phrase"),
        }
    }

    /// Recognizes actors in every sentence and resolves coreference across the article.
    /// `kb_matches` holds the knowledge-base matches of each sentence (`kb.find` of its text).
    pub fn recognize(
        &self,
        text: &str,
        sentences: &[Sentence],
        kb_matches: &[Vec<KbMatch>],
        published: Option<NaiveDate>,
        kb: &KnowledgeBase,
        dictionary: Option<&Dictionary>,
    ) -> Vec<Mention> {
        let date = published.map(crate::dates::iso_day);
        let mut state = Coref::default();
        let mut out: Vec<Mention> = Vec::new();
        for (sentence, matches) in sentences.iter().zip(kb_matches) {
            let base = sentence.span.start;
            let s = &text[sentence.span.start..sentence.span.end];
            let mut found = self.phrases(
                s,
                base,
                sentence.index,
                matches,
                kb,
                date.as_deref(),
                &state,
            );
            if let Some(dictionary) = dictionary {
                for m in dictionary.find(s, base, sentence.index, date.as_deref()) {
                    if !found.iter().any(|f| f.span.overlaps(m.span)) {
                        found.push(m);
                    }
                }
            }
            found.sort_by_key(|m| m.span.start);
            ethnic_group_where_it_lives(s, base, &mut found, matches, kb);
            let mut resolved = self.coreference(s, base, sentence.index, &found, &state, kb);
            found.append(&mut resolved);
            found.sort_by_key(|m| (m.span.start, m.group));
            for m in &found {
                state.observe(m, kb);
            }
            state.observe_acronyms(s, base, sentence.index, &found, kb);
            state.observe_coordinated(s, base, &found, kb);
            state.observe_subject_and_plural(s, base, sentence.index, &found, kb);
            out.extend(found);
        }
        out
    }

    /// Noun phrases built from knowledge-base matches and capitalized names in one sentence.
    #[allow(clippy::too_many_arguments)]
    fn phrases(
        &self,
        s: &str,
        base: usize,
        sentence: usize,
        matches: &[KbMatch],
        kb: &KnowledgeBase,
        date: Option<&str>,
        state: &Coref,
    ) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let mut used = vec![false; matches.len()];
        let mention = |start: usize,
                       end: usize,
                       entity: String,
                       country: Option<String>,
                       sector: Option<&str>,
                       office: Option<String>,
                       kind: MentionKind,
                       via: &'static str| Mention {
            span: Span::new(base + start, base + end),
            sentence,
            entity,
            country,
            sector: sector.map(String::from),
            office,
            kind,
            via: via.into(),
            group: None,
        };
        let mut i = 0;
        while i < matches.len() {
            if used[i] {
                i += 1;
                continue;
            }
            let m = &matches[i];
            // A country reference: adjective, prefix, "China's", or "his/her" (the person's country).
            let country_ref = country_of(m, kb);
            let possessive = country_ref.is_some() && is_possessive(s, m.end);
            let mut j = i + 1;
            let mut cursor = if possessive {
                possessive_end(s, m.end)
            } else {
                m.end
            };
            // Coordinated adjectives: "Chinese and Russian naval forces".
            let mut coordinated: Vec<(usize, String)> = Vec::new();
            if let Some(c) = &country_ref {
                coordinated.push((i, c.clone()));
                while j < matches.len() {
                    let gap = &s[cursor..matches[j].start];
                    if !matches!(gap.trim(), "and" | "," | "or" | "and the" | ", and") {
                        break;
                    }
                    match country_of(&matches[j], kb) {
                        Some(c2)
                            if matches[j]
                                .entries
                                .iter()
                                .any(|e| matches!(e, Entry::CountryAdjective(_))) =>
                        {
                            coordinated.push((j, c2));
                            cursor = matches[j].end;
                            j += 1;
                        }
                        _ => break,
                    }
                }
            }
            // "his Russian counterpart Sergei Shoigu": a person of that country in the same office
            // as the person before.
            if let Some(country) = &country_ref {
                let rest = &s[cursor..];
                let lead = rest.len() - rest.trim_start().len();
                if rest.trim_start().starts_with("counterpart") {
                    let after = cursor
                        + lead
                        + "counterpart".len()
                        + usize::from(rest.trim_start().starts_with("counterparts"));
                    if let (Some((a, b)), Some(end)) = self.name_after(s, after, true) {
                        let name = &s[a..b];
                        let (entity, kb_person) = resolve_person(Some(name), kb, date, state, None);
                        let office = kb_person
                            .as_ref()
                            .and_then(|p| p.2.clone())
                            .or_else(|| state.last_person.as_ref().and_then(|p| p.office.clone()));
                        let sector = kb_person
                            .as_ref()
                            .map(|p| p.1.clone())
                            .or_else(|| state.last_person.as_ref().and_then(|p| p.sector.clone()))
                            .unwrap_or_else(|| "GOV".into());
                        let person_country = kb_person.map_or_else(|| country.clone(), |p| p.0);
                        out.push(mention(
                            m.start,
                            end,
                            entity.unwrap_or_else(|| name.to_string()),
                            Some(person_country),
                            Some(&sector),
                            office,
                            MentionKind::Person,
                            "counterpart",
                        ));
                        mark(&mut used, matches, m.start, end);
                        i = j.max(i + 1);
                        while i < matches.len() && matches[i].start < end {
                            i += 1;
                        }
                        continue;
                    }
                }
            }
            let next = matches
                .get(j)
                .filter(|n| only_space_or_the(&s[cursor..n.start]));
            if let (Some(country), Some(next)) = (&country_ref, next) {
                // Country + office (+ name): "Chinese Defense Minister Li Shangfu", "Russia's navy commander in chief, Nikolai Yevmenov".
                if let Some(mut office) = office_of(next, kb) {
                    // Compound titles: "State Councilor and Minister of National Defense".
                    let mut last = j;
                    while let Some(more) = matches.get(last + 1) {
                        let gap = &s[matches[last].end..more.start];
                        match office_of(more, kb) {
                            Some(o) if matches!(gap.trim(), "and" | "," | "and the") => {
                                office = o;
                                last += 1;
                            }
                            _ => break,
                        }
                    }
                    let next = &matches[last];
                    let j = last;
                    let after = next.end;
                    let (name_span, name_end) = self.name_after(s, after, true);
                    let entity_name = name_span.map(|(a, b)| s[a..b].to_string());
                    if entity_name
                        .as_deref()
                        .is_some_and(|n| is_known_non_person(kb, n))
                    {
                        // "China's official Xinhua news agency": not a person.
                        i = j + 1;
                        continue;
                    }
                    let (entity, kb_person) = resolve_person(
                        entity_name.as_deref(),
                        kb,
                        date,
                        state,
                        Some(office.0.as_str()),
                    );
                    let end = name_end.unwrap_or(after);
                    let (sector, office_name) = (office.1.clone(), office.0.clone());
                    let (country, sector, office_name) = match kb_person {
                        Some(role) => (role.0, role.1, role.2.or(Some(office_name))),
                        None => (country.clone(), sector, Some(office_name)),
                    };
                    let kind = MentionKind::Person;
                    let via = if entity_name.is_some() {
                        "title"
                    } else {
                        "role"
                    };
                    let entity = entity.unwrap_or_else(|| {
                        format!("{} {}", country_adjective(kb, &country), office.0)
                    });
                    out.push(mention(
                        m.start,
                        end,
                        entity,
                        Some(country),
                        Some(&sector),
                        office_name,
                        kind,
                        via,
                    ));
                    mark(&mut used, matches, m.start, end);
                    i = j + 1;
                    continue;
                }
                // Country + institution: "Chinese Defense Ministry", "the Syrian military".
                // ("to Russia, officials believe": a comma ends the name.)
                if let Some(inst) =
                    institution_of(next, kb).filter(|_| !s[cursor..next.start].contains(','))
                {
                    for (k, c) in &coordinated {
                        let start = matches[*k].start;
                        let entity = format!("{} {}", country_adjective(kb, c), inst.canonical);
                        out.push(mention(
                            start,
                            next.end,
                            entity,
                            Some(c.clone()),
                            Some(&inst.sector),
                            None,
                            MentionKind::Institution,
                            "kb",
                        ));
                    }
                    if coordinated.len() > 1 {
                        let group = Some(out.len());
                        let n = coordinated.len();
                        for x in out.iter_mut().rev().take(n) {
                            x.group = group;
                        }
                    }
                    mark(&mut used, matches, m.start, next.end);
                    i = j + 1;
                    continue;
                }
            }
            // A bare name of a country, seat, organization, person, outlet.
            if let Some(r) = self.single(s, m, kb, date) {
                out.push(mention(
                    r.start,
                    r.end,
                    r.entity,
                    Some(r.country),
                    Some(&r.sector),
                    r.office,
                    r.kind,
                    "kb",
                ));
                used[i] = true;
            } else if let Some(office) = office_of(m, kb) {
                // Office then name: "President Vladimir Putin", "Senior Colonel Tan Kefei", and
                // "X of Y": "the defense chief of China, Li Shangfu".
                let of_country = of_country(s, m.end, matches, kb);
                let (name_span, name_end) = match self.name_after(s, m.end, true) {
                    (None, _) => match &of_country {
                        // "the defense chief of China, Li Shangfu, said"
                        Some((_, of_end)) if s[*of_end..].starts_with(',') => {
                            self.name_after(s, *of_end, true)
                        }
                        _ => (None, None),
                    },
                    found => found,
                };
                let name = name_span.map(|(a, b)| s[a..b].to_string());
                // "the official Xinhua news agency": an office word before a known non-person
                // name is an adjective, not a title.
                if name.as_deref().is_some_and(|n| is_known_non_person(kb, n)) {
                    i += 1;
                    continue;
                }
                let (entity, kb_person) =
                    resolve_person(name.as_deref(), kb, date, state, Some(office.0.as_str()));
                if let Some(entity) = entity.clone().or_else(|| {
                    of_country
                        .as_ref()
                        .map(|(c, _)| format!("{} {}", country_adjective(kb, c), office.0))
                }) {
                    let (country, sector, office_name) = match kb_person {
                        Some(role) => (Some(role.0), role.1, role.2.or(Some(office.0.clone()))),
                        None => {
                            let appositive =
                                name_end.and_then(|e| appositive_country(s, e, matches, kb));
                            (
                                of_country
                                    .as_ref()
                                    .map(|c| c.0.clone())
                                    .or(appositive)
                                    .or_else(|| state.last_country.clone()),
                                office.1.clone(),
                                Some(office.0.clone()),
                            )
                        }
                    };
                    let end = name_end.or(of_country.map(|c| c.1)).unwrap_or(m.end);
                    let via = if name.is_some() { "title" } else { "role" };
                    out.push(mention(
                        m.start,
                        end,
                        entity,
                        country,
                        Some(&sector),
                        office_name,
                        MentionKind::Person,
                        via,
                    ));
                    mark(&mut used, matches, m.start, end);
                }
            }
            i += 1;
        }
        // "Nikolai Yevmenov, Russia's navy commander in chief": an unnamed role right after a named
        // person is an apposition of that person, not a second party.
        let named: Vec<(usize, Option<String>)> = out
            .iter()
            .filter(|m| m.kind == MentionKind::Person && m.via != "role")
            .map(|m| (m.span.end, m.country.clone()))
            .collect();
        out.retain(|m| {
            !(m.kind == MentionKind::Person
                && m.via == "role"
                && named.iter().any(|(end, country)| {
                    *end <= m.span.start
                        && s.get(end - base..m.span.start - base)
                            .is_some_and(|gap| gap.trim() == ",")
                        && *country == m.country
                }))
        });
        // Unknown names followed by an appositive office: "Tan Kefei, a spokesperson at China's Ministry of National Defense".
        self.appositive_persons(s, base, sentence, matches, kb, &mut out);
        out.sort_by_key(|m| m.span.start);
        out
    }

    /// A single knowledge-base match read alone: a person, organization, named institution,
    /// country, seat of power, capital, outlet, or an adjective standing for a party.
    fn single(
        &self,
        s: &str,
        m: &KbMatch,
        kb: &KnowledgeBase,
        date: Option<&str>,
    ) -> Option<Resolved> {
        let found = |start: usize,
                     end: usize,
                     entity: &str,
                     country: &str,
                     sector: &str,
                     office: Option<&str>,
                     kind: MentionKind| Resolved {
            start,
            end,
            entity: entity.to_string(),
            country: country.to_string(),
            sector: sector.to_string(),
            office: office.map(String::from),
            kind,
        };
        for entry in &m.entries {
            match *entry {
                Entry::Person(row) => {
                    let r = kb.person_role(row, date);
                    return Some(found(
                        m.start,
                        m.end,
                        &r.name,
                        &r.country,
                        &r.sector,
                        Some(&r.office),
                        MentionKind::Person,
                    ));
                }
                Entry::Organization(i) => {
                    let o = &kb.organizations[i];
                    return Some(found(
                        m.start,
                        m.end,
                        &o.name,
                        &o.country,
                        &o.sector,
                        None,
                        MentionKind::Organization,
                    ));
                }
                Entry::Institution(i) => {
                    let inst = &kb.institutions[i];
                    if let Some(country) = &inst.country {
                        return Some(found(
                            m.start,
                            m.end,
                            &inst.canonical,
                            country,
                            &inst.sector,
                            None,
                            MentionKind::Institution,
                        ));
                    }
                }
                _ => {}
            }
        }
        for entry in &m.entries {
            match *entry {
                Entry::CountryName(i) => {
                    let c = &kb.countries[i];
                    return Some(found(
                        m.start,
                        m.end,
                        &c.name,
                        &c.iso3,
                        "GOV",
                        None,
                        MentionKind::Country,
                    ));
                }
                Entry::CountrySeat(i) => {
                    let c = &kb.countries[i];
                    // "the Pentagon" is the defense ministry, the other seats the government.
                    let sector = if s[m.start..m.end].contains("Pentagon") {
                        "MIL"
                    } else {
                        "GOV"
                    };
                    return Some(found(
                        m.start,
                        m.end,
                        &c.name,
                        &c.iso3,
                        sector,
                        None,
                        MentionKind::Country,
                    ));
                }
                Entry::Place(i) => {
                    let p = &kb.places[i];
                    if let Some(c) = p
                        .country
                        .as_ref()
                        .and_then(|c| kb.country(c))
                        .filter(|_| p.kind == "capital")
                    {
                        return Some(found(
                            m.start,
                            m.end,
                            &c.name,
                            &c.iso3,
                            "GOV",
                            None,
                            MentionKind::Capital,
                        ));
                    }
                }
                Entry::Outlet(i) => {
                    let o = &kb.outlets[i];
                    return Some(found(
                        m.start,
                        m.end,
                        &o.name,
                        &o.country,
                        "JRN",
                        None,
                        MentionKind::Outlet,
                    ));
                }
                _ => {}
            }
        }
        // An adjective or prefix standing for a party: "the Afghan side", "Syrian troops",
        // "the Russian capital", "US-imposed sanctions".
        for entry in &m.entries {
            if let Entry::CountryAdjective(i) | Entry::CountryPrefix(i) = *entry {
                let c = &kb.countries[i];
                let rest = s[m.end..].trim_start();
                if rest
                    .get(.."capital".len())
                    .is_some_and(|w| w.eq_ignore_ascii_case("capital"))
                {
                    let end = m.end + s[m.end..].find("apital").map_or(0, |p| p + "apital".len());
                    return Some(found(
                        m.start,
                        end,
                        &c.name,
                        &c.iso3,
                        "GOV",
                        None,
                        MentionKind::Capital,
                    ));
                }
                let prefix_actor = [
                    "imposed", "led ", "led-", "brokered", "backed", "made", "built", "supplied",
                    "flagged", "owned", "registered", "operated",
                ]
                .iter()
                .any(|w| rest.starts_with(w))
                    // "China-India talks", "the South Korea-U.S. alliance": both name a party.
                    || s[m.end..].starts_with(|c: char| c.is_uppercase()) && {
                        let next_word = s[m.end..]
                            .split(|c: char| c.is_whitespace())
                            .next()
                            .unwrap_or("");
                        kb.find(next_word).iter().any(|n| {
                            n.start == 0
                                && n.entries.iter().any(|e| {
                                    matches!(e, Entry::CountryName(_) | Entry::CountrySeat(_))
                                })
                        })
                    };
                if matches!(entry, Entry::CountryPrefix(_)) && prefix_actor {
                    return Some(found(
                        m.start,
                        m.end.saturating_sub(1),
                        &c.name,
                        &c.iso3,
                        "GOV",
                        None,
                        MentionKind::Country,
                    ));
                }
            }
            if let Entry::CountryAdjective(i) = *entry {
                let c = &kb.countries[i];
                if is_adjective_party(s, m.end) {
                    return Some(found(
                        m.start,
                        m.end,
                        &c.name,
                        &c.iso3,
                        "GOV",
                        None,
                        MentionKind::Adjective,
                    ));
                }
            }
        }
        // A country capital not listed in places.tsv still stands for its government.
        let text = &s[m.start..m.end];
        let c = kb.countries.iter().find(|c| c.capital == text)?;
        Some(found(
            m.start,
            m.end,
            &c.name,
            &c.iso3,
            "GOV",
            None,
            MentionKind::Capital,
        ))
    }

    /// A capitalized name starting at `from` (after optional spaces and a comma when
    /// `allow_comma`): returns its span and where the phrase ends (after a closing comma).
    fn name_after(
        &self,
        s: &str,
        from: usize,
        allow_comma: bool,
    ) -> (Option<(usize, usize)>, Option<usize>) {
        let rest = &s[from..];
        let mut offset = rest.len() - rest.trim_start().len();
        let mut after_comma = false;
        if allow_comma && rest[offset..].starts_with(',') {
            offset += 1;
            offset += rest[offset..].len() - rest[offset..].trim_start().len();
            after_comma = true;
        }
        let start = from + offset;
        let mut end = start;
        let mut words = 0;
        for word in s[start..].split(' ') {
            let clean = word.trim_end_matches([',', '.', ';', ':', '"', '”', '’', ')']);
            let clean = clean
                .strip_suffix("'s")
                .or_else(|| clean.strip_suffix("’s"))
                .unwrap_or(clean);
            if clean.is_empty()
                || !self.name_token.is_match(clean)
                || (words == 0 && NOT_NAMES.contains(&clean))
            {
                break;
            }
            if words > 0 && NOT_NAMES.contains(&clean) && !clean.starts_with(char::is_lowercase) {
                break;
            }
            end = start + (word.as_ptr() as usize - s[start..].as_ptr() as usize) + clean.len();
            words += 1;
            if word.len() != clean.len() || words == 4 {
                break;
            }
        }
        if words == 0 || (words == 1 && after_comma) {
            return (None, None);
        }
        let mut phrase_end = end;
        if after_comma && s[end..].starts_with(',') {
            phrase_end = end;
        }
        (Some((start, end)), Some(phrase_end))
    }

    /// "Name, a/the <office> at/of <Country's Institution>" and "Name, <Country's> <office>".
    fn appositive_persons(
        &self,
        s: &str,
        base: usize,
        sentence: usize,
        matches: &[KbMatch],
        kb: &KnowledgeBase,
        out: &mut Vec<Mention>,
    ) {
        for (k, m) in matches.iter().enumerate() {
            let Some(office) = office_of(m, kb) else {
                continue;
            };
            // The office phrase may start with a country and institution: "the Chinese military
            // official". Walk back over those to where the phrase begins.
            let mut phrase_start = m.start;
            for prev in matches[..k].iter().rev() {
                let gap = &s[prev.end..phrase_start];
                let describes =
                    country_of(prev, kb).is_some() || institution_of(prev, kb).is_some();
                if describes
                    && (gap.trim().is_empty()
                        || is_possessive(s, prev.end)
                            && s[prev.end..phrase_start].trim().len() <= 3)
                {
                    phrase_start = prev.start;
                } else {
                    break;
                }
            }
            let before = &s[..phrase_start];
            let Some(comma) = before
                .trim_end()
                .strip_suffix(|c: char| c == ',')
                .map(str::len)
                .or_else(|| {
                    let t = before.trim_end();
                    let t2 = t
                        .strip_suffix(" a")
                        .or_else(|| t.strip_suffix(" an"))
                        .or_else(|| t.strip_suffix(" the"))?;
                    t2.trim_end().strip_suffix(',').map(str::len)
                })
                .or_else(|| {
                    // "Name, China's defense minister"
                    let prev = k.checked_sub(1).map(|p| &matches[p])?;
                    country_of(prev, kb)?;
                    let t = s[..prev.start].trim_end();
                    t.strip_suffix(',').map(str::len)
                })
            else {
                continue;
            };
            let head = &s[..comma];
            let words: Vec<&str> = head.split(' ').collect();
            let mut name_words = Vec::new();
            for w in words.iter().rev() {
                if self.name_token.is_match(w) && !NOT_NAMES.contains(w) {
                    name_words.push(*w);
                } else {
                    break;
                }
                if name_words.len() == 4 {
                    break;
                }
            }
            if name_words.len() < 2
                && !(name_words.len() == 1
                    && name_words[0].len() > 3
                    && name_words[0].starts_with(char::is_uppercase))
            {
                continue;
            }
            let name_len: usize =
                name_words.iter().map(|w| w.len()).sum::<usize>() + name_words.len() - 1;
            let start = comma - name_len;
            if out
                .iter()
                .any(|o| o.span.start <= base + start && base + start < o.span.end)
            {
                continue;
            }
            let name = s[start..comma].to_string();
            if kb.find(&name).iter().any(|x| {
                x.start == 0
                    && x.end == name.len()
                    && x.entries.iter().any(|e| !matches!(e, Entry::Person(_)))
            }) {
                continue;
            }
            let first = matches
                .iter()
                .position(|x| x.start >= phrase_start)
                .unwrap_or(k);
            let country = matches[first..]
                .iter()
                .take(k - first + 4)
                .chain(first.checked_sub(1).map(|p| &matches[p]))
                .find_map(|x| {
                    country_of(x, kb)
                        .or_else(|| institution_of(x, kb).and_then(|i| i.country.clone()))
                });
            let Some(country) = country else { continue };
            out.push(Mention {
                span: Span::new(base + start, base + comma),
                sentence,
                entity: name,
                country: Some(country),
                sector: Some(office.1.clone()),
                office: Some(office.0.clone()),
                kind: MentionKind::Person,
                via: "apposition".into(),
                group: None,
            });
        }
    }

    /// Mentions that point back to earlier ones: surnames, role phrases, groups, pronouns.
    fn coreference(
        &self,
        s: &str,
        base: usize,
        sentence: usize,
        found: &[Mention],
        state: &Coref,
        kb: &KnowledgeBase,
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        let taken = |a: usize, b: usize, out: &[Mention]| {
            found
                .iter()
                .chain(out.iter())
                .any(|m| m.span.overlaps(Span::new(base + a, base + b)))
        };
        let copy = |from: &Mention, a: usize, b: usize, via: &'static str| Mention {
            span: Span::new(base + a, base + b),
            sentence,
            entity: from.entity.clone(),
            country: from.country.clone(),
            sector: from.sector.clone(),
            office: from.office.clone(),
            kind: from.kind,
            via: via.into(),
            group: None,
        };
        // Split once: every loop below walks the same words.
        let words: Vec<(usize, &str)> = word_positions(s).collect();
        // Surnames and given names of persons seen earlier.
        for &(pos, word) in &words {
            let clean = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            let clean = clean
                .strip_suffix("’s")
                .or_else(|| clean.strip_suffix("'s"))
                .unwrap_or(clean);
            if clean.len() < 2 || !clean.starts_with(char::is_uppercase) {
                continue;
            }
            if let Some(person) = state
                .person_by_token(clean)
                .filter(|_| !NOT_NAMES.contains(&clean))
            {
                if !taken(pos, pos + clean.len(), &out) {
                    out.push(copy(person, pos, pos + clean.len(), "surname"));
                }
            }
        }
        // "the NSC", "The MND": an acronym the article defined ("National Security Council
        // (NSC)").
        for &(pos, word) in words.iter().filter(|_| !state.acronyms.is_empty()) {
            let w = word.trim_end_matches([',', '.', ';', ':', '\'', '’']);
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            if w.len() < 2
                || !w.chars().all(|c| c.is_ascii_uppercase())
                || taken(pos, pos + w.len(), &out)
            {
                continue;
            }
            if let Some((_, m)) = state.acronyms.iter().rev().find(|(a, _)| a == w) {
                out.push(copy(m, pos, pos + w.len(), "acronym"));
            }
        }
        // "the Saudi and Iranian sides": one party per adjective.
        static PAIRED_SIDES: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(r"(?-u:\b)(?:[Tt]he|[Bb]oth) ([A-Z][a-z]+) and ([A-Z][a-z]+) (?:sides|delegations|governments|leaders|officials|negotiators)(?-u:\b)")
                .expect("valid paired sides pattern")
        });
        for c in PAIRED_SIDES.captures_iter(s) {
            let whole = c.get(0).expect("match");
            if taken(whole.start(), whole.end(), &out) {
                continue;
            }
            let group = Some(usize::MAX - sentence * 64 - out.len());
            for g in [c.get(1), c.get(2)].into_iter().flatten() {
                let code = kb.find(g.as_str()).iter().find_map(|m| {
                    m.entries.iter().find_map(|e| match e {
                        Entry::CountryAdjective(i) => Some(kb.countries[*i].iso3.clone()),
                        _ => None,
                    })
                });
                if let Some(country) = code.as_deref().and_then(|c| kb.country(c)) {
                    out.push(Mention {
                        span: Span::new(base + whole.start(), base + whole.end()),
                        sentence,
                        entity: country.name.clone(),
                        country: Some(country.iso3.clone()),
                        sector: Some("GOV".into()),
                        office: None,
                        kind: MentionKind::Country,
                        via: "group".into(),
                        group,
                    });
                }
            }
        }
        // "the two sides", "both countries".
        for m in self.group_phrase.find_iter(s) {
            if taken(m.start(), m.end(), &out) {
                continue;
            }
            let phrase = m.as_str().to_lowercase();
            let n = if phrase.starts_with("the three") {
                3
            } else if phrase.starts_with("the four") {
                4
            } else {
                2
            };
            // "the allies" never takes in a party merely named last (often the adversary).
            let allies = phrase.ends_with("allies");
            // Names resolved just now count too ("Yoon and Kishida ... the two leaders").
            let mut before: Vec<Mention> = found
                .iter()
                .chain(out.iter())
                .filter(|x| x.span.end <= base + m.start())
                .cloned()
                .collect();
            before.sort_by_key(|x| x.span.start);
            let runs = coordinated_runs(s, base, &before, kb);
            // "Mao Ning urged the two sides": who speaks to the sides is not one of them.
            let exclude: Vec<String> = before
                .iter()
                .filter(|x| ADDRESSES.is_match(&s[x.span.end - base..m.start()]))
                .filter_map(|x| x.country.clone())
                .collect();
            // "Kim met Putin ... The two leaders toured": leaders and ministers are the persons
            // of that rank named last, one per state, unless this sentence names the set.
            let rank = if phrase.ends_with("leaders") {
                Some("leader")
            } else if phrase.ends_with("ministers") {
                Some(
                    phrase
                        .trim_end_matches("ministers")
                        .rsplit(' ')
                        .nth(1)
                        .unwrap_or(""),
                )
            } else {
                None
            };
            let persons = rank
                .filter(|_| !runs.iter().any(|r| r.len() == n))
                .map(|rank| state.person_group(n, rank, &before, &exclude))
                .filter(|p| p.len() == n);
            let parties =
                persons.unwrap_or_else(|| state.group_parties(n, allies, &before, &runs, &exclude));
            if parties.len() == n {
                let group = Some(usize::MAX - sentence * 64 - out.len());
                // "the two navies" are the navies of the two countries, not their governments.
                let service = ["navies", "militaries", "armies", "air forces"]
                    .iter()
                    .find(|w| phrase.ends_with(*w))
                    .map(|w| match *w {
                        "navies" => "navy",
                        "armies" => "army",
                        "air forces" => "air force",
                        _ => "military",
                    });
                for p in parties {
                    let mut x = copy(p, m.start(), m.end(), "group");
                    x.group = group;
                    if let (Some(service), Some(code)) = (service, p.country.as_deref()) {
                        x.entity = format!("{} {service}", country_adjective(kb, code));
                        x.sector = Some("MIL".into());
                        x.kind = MentionKind::Institution;
                        x.office = None;
                    }
                    out.push(x);
                }
            }
        }
        // "the minister", "the Chinese official", "the Afghan side".
        for c in self.role_phrase.captures_iter(s) {
            let whole = c.get(0).expect("match");
            if taken(whole.start(), whole.end(), &out) {
                continue;
            }
            let adjective = c.get(1).map(|a| a.as_str());
            let noun = c.get(2).map_or("", |n| n.as_str()).to_lowercase();
            if adjective.is_none() && matches!(noun.as_str(), "nation" | "country") {
                // "Li Shangfu declared the nation's intention": the country of the nearest
                // earlier party in the same sentence.
                // (An outlet's home is no state of the story: "correspondents of Le Monde ...
                // to leave the country".) "ordered French troops to leave the country": the
                // country left is not the state of those who leave it.
                let before = s[..whole.start()].trim_end().to_lowercase();
                let left = [
                    "leave", "left", "leaving", "quit", "fled", "flee", "out of", "from",
                ]
                .iter()
                .any(|w| before.ends_with(w));
                let leaver = left
                    .then(|| {
                        found
                            .iter()
                            .rev()
                            .find(|m| m.span.end <= base + whole.start())
                            .and_then(|m| m.country.clone())
                    })
                    .flatten();
                if let Some(previous) = found.iter().rev().find(|m| {
                    m.span.end <= base + whole.start()
                        && (leaver.is_none() || m.country != leaver)
                        && m.kind != MentionKind::Outlet
                        && m.sector.as_deref() != Some("JRN")
                        && m.country
                            .as_deref()
                            .is_some_and(|c| kb.country(c).is_some())
                }) {
                    let mut x = copy(previous, whole.start(), whole.end(), "role");
                    let country = previous.country.as_deref().and_then(|c| kb.country(c));
                    x.entity = country.map_or_else(|| x.entity.clone(), |c| c.name.clone());
                    x.kind = MentionKind::Country;
                    x.sector = Some("GOV".into());
                    x.office = None;
                    out.push(x);
                    continue;
                }
            }
            // "the government building" is a place.
            if s[whole.end()..].trim_start().starts_with("building")
                || s[whole.end()..].trim_start().starts_with("headquarters")
            {
                continue;
            }
            // "A Kenyan court ruled ..., an obstacle the government got around": a state named
            // earlier in the sentence owns the bare government.
            let same_sentence = (adjective.is_none() && noun == "government")
                .then(|| {
                    found.iter().rev().find(|m| {
                        m.span.end <= base + whole.start()
                            && m.country
                                .as_deref()
                                .is_some_and(|c| kb.country(c).is_some())
                            && m.kind != MentionKind::Outlet
                    })
                })
                .flatten();
            if let Some(target) = same_sentence.or_else(|| state.role_target(kb, adjective, &noun))
            {
                out.push(copy(target, whole.start(), whole.end(), "role"));
            }
        }
        // "Police fired tear gas", "the junta expelled": a bare domestic body belongs to the
        // country the story is in (the nearest capital named in the sentence, else the state
        // named most so far).
        for m in self.domestic_group.find_iter(s) {
            // "the parliament building" is a place.
            let next = s[m.end()..].trim_start();
            if taken(m.start(), m.end(), &out)
                || !bare_noun_position(s, m.start(), base, found)
                || next.starts_with("building")
                // "firm opposition to": a stance, not the opposition.
                || (m.as_str().eq_ignore_ascii_case("opposition") && next.starts_with("to "))
            {
                continue;
            }
            let here = found
                .iter()
                .filter(|x| x.kind == MentionKind::Capital)
                .min_by_key(|x| x.span.start.abs_diff(base + m.start()))
                .and_then(|x| x.country.clone());
            // "Georgian police arrested 40 protesters": a crowd faced by a state's police or
            // security forces in the same sentence is that state's.
            let phrase = m.as_str();
            let noun = phrase
                .strip_prefix("the ")
                .or_else(|| phrase.strip_prefix("The "))
                .unwrap_or(phrase)
                .to_lowercase();
            let crowd = domestic_sector(&noun) == "CVL";
            let policed = found
                .iter()
                .rev()
                .filter(|_| crowd)
                .find(|x| {
                    x.span.end <= base + m.start()
                        && (x.sector.as_deref() == Some("COP")
                            || x.entity.ends_with(" police")
                            || x.entity.ends_with(" security forces"))
                })
                .and_then(|x| x.country.clone());
            let here = here.or(policed);
            // Rulers ("the junta", "the authorities") are those of the state named last; people
            // on the ground (police, crowds) are those of the state the story is in.
            let rulers = DOMESTIC_RULERS
                .iter()
                .any(|r| m.as_str().to_lowercase().ends_with(r));
            let fallback = if rulers && !state.home_is_clear() {
                state.last_country.clone()
            } else {
                state.home_country()
            };
            let Some(code) = here.or(fallback) else {
                continue;
            };
            let Some(country) = kb.country(&code) else {
                continue;
            };
            let adjective = country.adjectives.first().unwrap_or(&country.name);
            out.push(Mention {
                span: Span::new(base + m.start(), base + m.end()),
                sentence,
                entity: format!("{adjective} {noun}"),
                country: Some(code.clone()),
                sector: Some(domestic_sector(&noun).into()),
                office: None,
                kind: MentionKind::Institution,
                via: "domestic".into(),
                group: None,
            });
        }
        // "sanctioned him": an object pronoun right after a verb is the last person.
        for &(pos, word) in &words {
            if word.trim_end_matches([',', '.', ';']) == "him" && !taken(pos, pos + 3, &out) {
                // "spoke with President Aliyev and urged him": a person named earlier in the
                // same sentence, other than its first (the subject), comes before the last one
                // of earlier sentences.
                let here = found
                    .iter()
                    .filter(|m| m.kind == MentionKind::Person && m.span.end <= base + pos)
                    .skip(1)
                    .last();
                if let Some(person) = here.or(state.last_person.as_ref()) {
                    out.push(copy(person, pos, pos + 3, "pronoun"));
                }
            }
        }
        // Subject pronouns: "he said", "She added" ("he" is always a subject). A person named
        // earlier in the same sentence comes first ("Guterres said he deeply regretted").
        for (start, end) in subject_pronouns(s) {
            if taken(start, end, &out) {
                continue;
            }
            // Persons recognized by surname here are in `out`, not `found`.
            let here = found
                .iter()
                .chain(out.iter())
                .filter(|x| x.kind == MentionKind::Person && x.span.end <= base + start)
                .min_by_key(|x| x.span.end);
            // "Blinken visited Beijing and met Xi. He accused China ...": a subject pronoun
            // continues the subject of the sentence before rather than its last-named person.
            let continued = state.subject_person.as_ref();
            if let Some(person) = here.or(continued).or(state.last_person.as_ref()) {
                out.push(copy(person, start, end, "pronoun"));
            }
        }
        // "the North fired", "the North's military": the Korea the story has named.
        for &(pos, word) in words
            .iter()
            .filter(|(_, w)| w.starts_with("North") || w.starts_with("South"))
        {
            let w = word
                .trim_end_matches([',', '.', ';'])
                .trim_end_matches("'s")
                .trim_end_matches("’s");
            let code = match w {
                "North" => "PRK",
                "South" => "KOR",
                _ => continue,
            };
            let before = s[..pos].trim_end();
            if !(before.ends_with(" the") || before.ends_with("The") || before == "the")
                || taken(pos, pos + w.len(), &out)
                || !state.weight.iter().any(|(c, _)| c == code)
                // "the North Atlantic", "the South China Sea".
                || s[pos + w.len()..].starts_with(' ')
                    && s[pos + w.len()..]
                        .trim_start()
                        .starts_with(|c: char| c.is_uppercase())
            {
                continue;
            }
            if let Some(country) = kb.country(code) {
                out.push(Mention {
                    span: Span::new(base + pos, base + pos + w.len()),
                    sentence,
                    entity: country.name.clone(),
                    country: Some(code.into()),
                    sector: Some("GOV".into()),
                    office: None,
                    kind: MentionKind::Country,
                    via: "role".into(),
                    group: None,
                });
            }
        }
        // "said that it had test-fired", "and on Sunday it barred": a state or body that is the
        // subject of this sentence (named first), else of the sentence before; "they would
        // form": the parties named together in this sentence, else the group told just before.
        for &(pos, word) in &words {
            let w = word.trim_end_matches([',', '.', ';']);
            let plural = matches!(w, "they" | "They");
            if !(plural || matches!(w, "it" | "It")) || taken(pos, pos + w.len(), &out) {
                continue;
            }
            // "and on Sunday it barred": a time told between the conjunction and the pronoun
            // does not move it out of the subject's place.
            static TIME_BEFORE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
                Regex::new(
                    r"(?:,? (?:on|in|by|last|this|early|late|earlier|later|next) (?:[\w.]+ ){0,2}?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|\d{4}|week|month|year|day|night|morning|evening|weekend)|,? (?:later|then|now|also|again|yesterday|today)),?$",
                )
                .expect("valid time regex")
            });
            let before = s[..pos].trim_end();
            let before = TIME_BEFORE
                .find(before)
                .map_or(before, |m| &before[..m.start()]);
            let subject_position = before.is_empty()
                || before.ends_with([',', '"', '“', '”', ';'])
                || [
                    " and", " as", " when", " after", " before", " while", " because", " that",
                    " but", " said", " says", " where", " until", " since", " if",
                ]
                .iter()
                .any(|x| before.ends_with(x));
            if !subject_position || !pronoun_verb_follows(&s[pos + w.len()..]) {
                continue;
            }
            let is_body = |m: &&Mention| {
                matches!(
                    m.kind,
                    MentionKind::Country
                        | MentionKind::Capital
                        | MentionKind::Institution
                        | MentionKind::Organization
                ) && m.sector.as_deref() != Some("JRN")
                    && m.group.is_none()
            };
            if plural {
                let earlier: Vec<Mention> = found
                    .iter()
                    .filter(|x| x.span.end <= base + pos)
                    .cloned()
                    .collect();
                let run = coordinated_runs(s, base, &earlier, kb).pop();
                let parties: Vec<&Mention> = match run {
                    Some(run) => run
                        .iter()
                        .filter_map(|code| {
                            earlier
                                .iter()
                                .find(|m| m.country.as_ref() == Some(code))
                                .and_then(|e| found.iter().find(|f| f.span == e.span))
                        })
                        .collect(),
                    None if state.last_plural_sentence + 1 >= sentence => {
                        state.last_plural.iter().collect()
                    }
                    None => Vec::new(),
                };
                if parties.len() >= 2 {
                    let group = Some(usize::MAX - sentence * 64 - out.len());
                    for p in parties {
                        let mut x = copy(p, pos, pos + w.len(), "pronoun");
                        x.group = group;
                        out.push(x);
                    }
                }
            } else {
                let here = found
                    .iter()
                    .chain(out.iter())
                    .filter(|x| x.span.end <= base + pos)
                    .filter(is_body)
                    .min_by_key(|x| x.span.start);
                let previous = state
                    .last_subject
                    .as_ref()
                    .filter(|_| state.last_subject_sentence + 1 == sentence);
                if let Some(target) = here.or(previous) {
                    out.push(copy(target, pos, pos + w.len(), "pronoun"));
                }
            }
        }
        out
    }
}

/// Whether the words after "it" or "they" make it the subject of an act: "it had fired", "they
/// would form" (not "it was the first", which names no actor).
fn pronoun_verb_follows(rest: &str) -> bool {
    let next = rest
        .trim_start()
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .next()
        .unwrap_or("");
    let two = rest.trim_start().get(..next.len() + 5).unwrap_or("");
    if matches!(next, "was" | "is" | "were" | "are")
        || two.ends_with(" been")
        || two.ends_with(" be ")
    {
        return false;
    }
    matches!(
        next,
        "had"
            | "has"
            | "have"
            | "would"
            | "will"
            | "said"
            | "says"
            | "also"
            | "then"
            | "could"
            | "plans"
            | "planned"
            | "wants"
            | "wanted"
            | "accused"
            | "warned"
            | "urged"
    ) || (next.len() > 3 && next.ends_with("ed") && next.chars().all(|c| c.is_lowercase()))
}

/// What a single match resolves to.
struct Resolved {
    start: usize,
    end: usize,
    entity: String,
    country: String,
    sector: String,
    office: Option<String>,
    kind: MentionKind,
}

/// Coreference memory across the sentences of one article.
#[derive(Debug, Default)]
struct Coref {
    persons: Vec<Mention>,
    last_person: Option<Mention>,
    /// The state or body first named in the latest sentence that named one: its subject.
    last_subject: Option<Mention>,
    last_subject_sentence: usize,
    /// The person first named in the latest sentence that named one, when nothing but the
    /// verb's subject can stand before it there; else None.
    subject_person: Option<Mention>,
    /// The parties of the latest group ("the two sides") or of the states named together.
    last_plural: Vec<Mention>,
    last_plural_sentence: usize,
    countries: Vec<Mention>,
    /// International organizations and armed groups, for "the bloc", "the alliance".
    organizations: Vec<Mention>,
    /// State institutions, for "the ministry", "the navy", "the fleet".
    institutions: Vec<Mention>,
    /// News outlets, for "the channel", "the newspaper".
    outlets: Vec<Mention>,
    /// Acronyms the article defined, with what they stand for.
    acronyms: Vec<(String, Mention)>,
    last_country: Option<String>,
    /// Sets of states named together ("China, Iran and Russia"), oldest first.
    coordinated: Vec<Vec<String>>,
    /// How often each state has been named so far (a capital or city counts twice: it says
    /// where the story is), for the home of domestic bodies.
    weight: Vec<(String, usize)>,
}

impl Coref {
    fn observe(&mut self, m: &Mention, kb: &KnowledgeBase) {
        match m.kind {
            MentionKind::Person => {
                if m.via != "role" || m.entity.contains(' ') {
                    self.persons.retain(|p| p.entity != m.entity);
                    self.persons.push(m.clone());
                }
                self.last_person = Some(m.clone());
            }
            // Copies made for "the allies" count as named now: "the allies ... with Japan. The
            // three countries" means those parties (measured on dev). They add no weight.
            MentionKind::Country | MentionKind::Capital | MentionKind::Adjective => {
                self.countries.retain(|c| c.country != m.country);
                self.countries.push(m.clone());
            }
            MentionKind::Organization if m.via != "role" => {
                self.organizations.retain(|o| o.entity != m.entity);
                self.organizations.push(m.clone());
            }
            MentionKind::Institution if m.via != "role" => {
                self.institutions.retain(|o| o.entity != m.entity);
                self.institutions.push(m.clone());
            }
            MentionKind::Outlet => {
                self.outlets.retain(|o| o.entity != m.entity);
                self.outlets.push(m.clone());
            }
            _ => {}
        }
        // An outlet's home ("France 24") names no state the story is about.
        let media = m.kind == MentionKind::Outlet || m.sector.as_deref() == Some("JRN");
        if !media
            && m.country.as_deref().is_some_and(|c| {
                c.len() == 3 && !matches!(c, "UNO" | "EUR" | "IGO" | "NGO" | "IMG")
            })
        {
            if self.last_country.as_deref() != m.country.as_deref() {
                let country = m.country.clone();
                // Countries named through persons and institutions count too; a pronoun
                // ("he said") names no country afresh.
                if !matches!(
                    m.kind,
                    MentionKind::Country | MentionKind::Capital | MentionKind::Adjective
                ) && !matches!(m.via.as_ref(), "pronoun" | "group")
                {
                    let mut c = m.clone();
                    c.kind = MentionKind::Country;
                    c.sector = Some("GOV".into());
                    c.office = None;
                    c.entity = country
                        .as_deref()
                        .and_then(|code| kb.country(code))
                        .map_or_else(|| country.clone().unwrap_or_default(), |k| k.name.clone());
                    self.countries.retain(|x| x.country != c.country);
                    self.countries.push(c);
                }
            }
            self.last_country = m.country.clone();
            // Only fresh names count: copies made by coreference would favour the latest.
            if !matches!(
                m.via.as_ref(),
                "domestic" | "role" | "group" | "surname" | "pronoun"
            ) {
                let code = m.country.clone().unwrap_or_default();
                let add = if m.kind == MentionKind::Capital { 2 } else { 1 };
                // The first sentence (headline or lede) names the state the story is about.
                let add = if m.sentence == 0 { add + 2 } else { add };
                match self.weight.iter_mut().find(|(c, _)| *c == code) {
                    Some((_, n)) => *n += add,
                    None => self.weight.push((code, add)),
                }
            }
        }
    }

    /// Records acronyms defined in the sentence: "South Korea's National Security Council
    /// (NSC)" makes a later "NSC" that council. A name the knowledge base does not hold becomes
    /// an institution of the state named at its start.
    fn observe_acronyms(
        &mut self,
        s: &str,
        base: usize,
        sentence: usize,
        found: &[Mention],
        kb: &KnowledgeBase,
    ) {
        static DEFINITION: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|for|and|the|on))*)\s+\((?P<acr>[A-Z][A-Z0-9&]{1,7})\)")
                .expect("valid acronym pattern")
        });
        for c in DEFINITION.captures_iter(s) {
            let (name, acr) = (c.name("name").expect("name"), &c["acr"]);
            // Known acronyms (PLA, UN) already resolve through the knowledge base.
            let known = kb.find(acr).iter().any(|m| {
                m.start == 0
                    && m.end == acr.len()
                    && m.entries.iter().any(|e| match e {
                        // A generic body ("NSC" of any state) still needs the article's state.
                        Entry::Institution(i) => kb.institutions[*i].country.is_some(),
                        _ => true,
                    })
            });
            if known {
                continue;
            }
            let (start, end) = (base + name.start(), base + name.end());
            let whole = found.iter().rev().find(|m| {
                m.span.end == end && m.span.start >= start.saturating_sub(40) && m.country.is_some()
            });
            let mention = match whole {
                Some(m) => m.clone(),
                None => {
                    // "South Korea's National Security Council": the state at the name's start.
                    // A name without one ("convened the National Security Council (NSC)")
                    // belongs to the state of the sentence's subject.
                    let owner = found.iter().find(|m| {
                        m.span.start >= start.saturating_sub(1)
                            && m.span.end < end
                            && matches!(m.kind, MentionKind::Country | MentionKind::Adjective)
                    });
                    let subject = found.iter().find(|m| {
                        m.span.end <= start
                            && m.country
                                .as_deref()
                                .is_some_and(|c| kb.country(c).is_some())
                            && m.kind != MentionKind::Outlet
                    });
                    let Some(code) = owner.or(subject).and_then(|m| m.country.clone()) else {
                        continue;
                    };
                    let rest_start = owner.map_or(name.start(), |o| o.span.end - base);
                    let rest = s[rest_start..name.end()]
                        .trim_start_matches(['\'', '’', 's'])
                        .trim()
                        .to_string();
                    if rest.is_empty() {
                        continue;
                    }
                    let lower = rest.to_lowercase();
                    let sector = if [
                        "army",
                        "navy",
                        "military",
                        "defense",
                        "defence",
                        "staff",
                        "forces",
                        "command",
                        "air force",
                    ]
                    .iter()
                    .any(|w| lower.contains(w))
                    {
                        "MIL"
                    } else if lower.contains("intelligence") {
                        "SPY"
                    } else {
                        "GOV"
                    };
                    Mention {
                        span: Span::new(owner.map_or(start, |o| o.span.start), end),
                        sentence,
                        entity: format!("{} {rest}", country_adjective(kb, &code)),
                        country: Some(code),
                        sector: Some(sector.into()),
                        office: None,
                        kind: MentionKind::Institution,
                        via: "acronym".into(),
                        group: None,
                    }
                }
            };
            self.acronyms.retain(|(a, _)| a != acr);
            self.acronyms.push((acr.to_string(), mention));
        }
    }

    /// Remembers the sentence's subject body and its latest group of parties, for "it" and
    /// "they" in what follows.
    fn observe_subject_and_plural(
        &mut self,
        s: &str,
        base: usize,
        sentence: usize,
        found: &[Mention],
        kb: &KnowledgeBase,
    ) {
        let first = found.iter().find(|m| {
            m.kind != MentionKind::Person
                && m.kind != MentionKind::Outlet
                && m.sector.as_deref() != Some("JRN")
                && m.country.is_some()
        });
        // A subject stands before any preposition of its sentence.
        let prepositional = |m: &Mention| {
            let lead = s[..m.span.start - base].to_lowercase();
            [
                " of ", " in ", " to ", " with ", " from ", " by ", " for ", " at ",
            ]
            .iter()
            .any(|p| lead.contains(p))
                || ["in ", "on ", "at ", "by ", "for ", "from ", "with "]
                    .iter()
                    .any(|p| lead.starts_with(p))
        };
        if let Some(person) = found.iter().find(|m| m.kind == MentionKind::Person) {
            self.subject_person = (!prepositional(person)).then(|| person.clone());
        }
        if let Some(first) = first {
            if !prepositional(first) && first.group.is_none() {
                self.last_subject = Some(first.clone());
                self.last_subject_sentence = sentence;
            }
        }
        let grouped: Vec<&Mention> = match found.iter().rev().find_map(|m| m.group) {
            Some(g) => found.iter().filter(|m| m.group == Some(g)).collect(),
            None => Vec::new(),
        };
        if grouped.len() >= 2 {
            self.last_plural = grouped.into_iter().cloned().collect();
            self.last_plural_sentence = sentence;
        } else if let Some(run) = coordinated_runs(s, base, found, kb).pop() {
            let parties: Vec<Mention> = run
                .iter()
                .filter_map(|code| found.iter().find(|m| m.country.as_ref() == Some(code)))
                .cloned()
                .collect();
            self.last_plural = parties;
            self.last_plural_sentence = sentence;
        }
    }

    /// Records the runs of parties joined by "and" or commas that name two or more states.
    fn observe_coordinated(&mut self, s: &str, base: usize, found: &[Mention], kb: &KnowledgeBase) {
        // ("Both countries pledged ...": a group resolved here is a set named together too,
        // for "the two militaries" later.)
        let mut ids: Vec<usize> = found.iter().filter_map(|m| m.group).collect();
        ids.dedup();
        let groups = ids.into_iter().filter_map(|g| {
            let members: Vec<String> = found
                .iter()
                .filter(|x| x.group == Some(g))
                .filter_map(|x| x.country.clone())
                .collect();
            (members.len() >= 2).then_some(members)
        });
        for run in coordinated_runs(s, base, found, kb)
            .into_iter()
            .chain(groups)
        {
            self.coordinated.retain(|c| *c != run);
            self.coordinated.push(run);
        }
    }

    /// Whether one state is named clearly more than any other (half again as often as the
    /// next): then the story is in it and its rulers are meant.
    fn home_is_clear(&self) -> bool {
        let mut w: Vec<usize> = self.weight.iter().map(|(_, n)| *n).collect();
        w.sort_unstable_by(|a, b| b.cmp(a));
        match w.as_slice() {
            [first, second, ..] => *first * 2 >= *second * 3,
            [_] => true,
            [] => false,
        }
    }

    /// The state the story is about so far: the most often named, the latest on a tie.
    fn home_country(&self) -> Option<String> {
        self.weight
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, n))| {
                (
                    *n,
                    self.last_country.as_ref().map(|l| l == &self.weight[*k].0),
                )
            })
            .map(|(_, (c, _))| c.clone())
    }

    /// A person seen earlier whose first or last name is `token`, the most recent first.
    fn person_by_token(&self, token: &str) -> Option<&Mention> {
        // The first or last word of a name of several ("Li" or "Shangfu" of "Li Shangfu"),
        // compared in place: this runs for every capitalized word of the article.
        let t = token.as_bytes();
        self.persons.iter().rev().find(|p| {
            let e = p.entity.as_bytes();
            e.len() > t.len()
                && ((e.starts_with(t) && e[t.len()] == b' ')
                    || (e.ends_with(t) && e[e.len() - t.len() - 1] == b' '))
        })
    }

    /// The parties "the two sides" (n = 2) stands for: of the sets of `n` states named together
    /// ("South Korea and the United States") and the `n` states named last, the set the story
    /// names most, the latest on a tie. `coordinated_only` keeps to sets named together.
    fn group_parties<'a>(
        &'a self,
        n: usize,
        coordinated_only: bool,
        here: &'a [Mention],
        here_runs: &[Vec<String>],
        exclude: &[String],
    ) -> Vec<&'a Mention> {
        let weight = |code: &str| {
            self.weight
                .iter()
                .find(|(c, _)| c == code)
                .map_or(0, |(_, w)| *w)
        };
        let lookup = |code: &String| {
            here.iter()
                .rev()
                .find(|m| m.country.as_ref() == Some(code))
                .or_else(|| {
                    self.countries
                        .iter()
                        .rev()
                        .find(|m| m.country.as_ref() == Some(code))
                })
        };
        let mut candidates: Vec<Vec<&Mention>> = self
            .coordinated
            .iter()
            .map(|set| set.iter().filter_map(lookup).collect())
            .collect();
        if !coordinated_only {
            let mut last: Vec<&Mention> = self
                .countries
                .iter()
                .rev()
                .filter(|m| m.country.as_ref().is_none_or(|x| !exclude.contains(x)))
                .take(n)
                .collect();
            last.reverse();
            candidates.push(last);
        }
        candidates.retain(|c| {
            !c.iter()
                .any(|m| m.country.as_ref().is_some_and(|x| exclude.contains(x)))
        });
        // Parties named together earlier in the same sentence ("Yoon and Kishida met ..., where
        // the two leaders") are what the phrase points to.
        if let Some(run) = here_runs.iter().rev().find(|r| r.len() == n) {
            return run.iter().filter_map(lookup).collect();
        }
        let score = |set: &Vec<&Mention>| -> usize {
            set.iter()
                .map(|m| weight(m.country.as_deref().unwrap_or("")))
                .sum()
        };
        // Candidates run oldest first, so a later set wins a tie.
        let best = candidates.into_iter().filter(|set| set.len() == n).fold(
            None,
            |best: Option<Vec<&Mention>>, set| match best {
                Some(b) if score(&b) > score(&set) => Some(b),
                _ => Some(set),
            },
        );
        let mut out = best.unwrap_or_default();
        // The latest named last, as a subject list reads.
        out.sort_by_key(|m| m.span.start);
        out
    }

    /// The last `n` persons of `rank`, one per state, from `here` (this sentence) then the
    /// story: "leader" is any head of state or government; otherwise the office must name the
    /// rank ("defense" for "the two defense ministers", "" for "the two ministers").
    fn person_group<'a>(
        &'a self,
        n: usize,
        rank: &str,
        here: &'a [Mention],
        exclude: &[String],
    ) -> Vec<&'a Mention> {
        let fits = |m: &&Mention| {
            let Some(office) = m.office.as_deref() else {
                return false;
            };
            if rank == "leader" {
                LEADER_OFFICES.contains(&office) || office.ends_with(" leader")
            } else {
                office.ends_with("minister") && office.contains(rank)
            }
        };
        let mut out: Vec<&Mention> = Vec::new();
        for m in here
            .iter()
            .rev()
            .filter(|m| m.kind == MentionKind::Person)
            .chain(self.persons.iter().rev())
            .filter(fits)
        {
            let Some(code) = m.country.as_ref() else {
                continue;
            };
            if exclude.contains(code) || out.iter().any(|o| o.country.as_ref() == Some(code)) {
                continue;
            }
            out.push(m);
            if out.len() == n {
                break;
            }
        }
        out.sort_by_key(|m| m.span.start);
        out
    }

    fn role_target(
        &self,
        kb: &KnowledgeBase,
        adjective: Option<&str>,
        noun: &str,
    ) -> Option<&Mention> {
        let wants_country = |m: &&Mention| match adjective {
            Some(a) => m
                .country
                .as_deref()
                .is_some_and(|c| adjective_matches(kb, a, c)),
            None => true,
        };
        match noun {
            "minister" | "official" | "general" | "admiral" | "commander" | "president"
            | "premier" | "leader" | "diplomat" | "envoy" | "ambassador" | "spokesperson"
            | "spokesman" | "spokeswoman" | "chief" | "secretary" | "officer" | "colonel" => {
                self.persons.iter().rev().find(|p| {
                    wants_country(p)
                        && (matches!(noun, "official" | "leader" | "chief")
                            || p.office.as_deref().is_some_and(|o| o.contains(noun)))
                })
            }
            "side" | "delegation" | "government" | "country" | "nation" | "officials" => {
                if adjective.is_none() && matches!(noun, "side" | "officials") {
                    return None;
                }
                // "the government" alone is the government of the state the story is about.
                if adjective.is_none() && noun == "government" {
                    if let Some(home) = self.home_country() {
                        return self
                            .countries
                            .iter()
                            .rev()
                            .find(|m| m.country.as_deref() == Some(home.as_str()));
                    }
                }
                self.countries.iter().rev().find(wants_country)
            }
            "bloc" | "alliance" | "organization" | "organisation" | "mission" => {
                self.organizations.iter().rev().find(|m| {
                    m.country
                        .as_deref()
                        .is_some_and(|c| kb.country(c).is_none())
                })
            }
            // "accused the group of": the armed group told of last.
            "group" => self.organizations.iter().rev().find(|m| {
                matches!(m.sector.as_deref(), Some("REB" | "IMG" | "INS" | "MIL"))
                    || m.country.as_deref() == Some("IMG")
            }),
            "channel" | "broadcaster" | "newspaper" | "outlet" | "station" | "network" => {
                self.outlets.iter().rev().find(|_| true)
            }
            "military" | "army" | "navy" | "fleet" | "ministry" | "forces" => {
                self.institutions.iter().rev().find(|m| {
                    wants_country(m)
                        && match noun {
                            "ministry" => m.entity.to_lowercase().contains("ministry"),
                            "navy" | "fleet" => {
                                let e = m.entity.to_lowercase();
                                e.contains("nav") || e.contains("fleet")
                            }
                            _ => m.sector.as_deref() == Some("MIL"),
                        }
                })
            }
            _ => None,
        }
    }
}

/// What stands between a speaker and the parties addressed: "urged", "called on", "told".
static ADDRESSES: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"^\s*(?:[\w-]+\s+){0,2}?(?:urged|urges|called on|calls on|asked|asks|told|tells|pressed|presses|appealed to|warned|warns)\s+$")
        .expect("valid address pattern")
});

/// Runs of parties joined by "and" or commas ("China, Iran and Russia", "Yoon and Kishida") that
/// name two or more distinct states, in text order.
fn coordinated_runs(
    s: &str,
    base: usize,
    found: &[Mention],
    kb: &KnowledgeBase,
) -> Vec<Vec<String>> {
    let mut runs = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut last_end: Option<usize> = None;
    for m in found.iter().filter(|m| m.via != "group") {
        let Some(code) = m.country.as_ref().filter(|c| kb.country(c).is_some()) else {
            continue;
        };
        let joined = last_end.is_some_and(|end| {
            m.span.start <= end || {
                let gap = s.get(end - base..m.span.start - base).unwrap_or("x").trim();
                matches!(
                    gap,
                    "and" | "," | ", and" | "and the" | ", the" | ", and the"
                )
            }
        });
        if !joined && run.len() >= 2 {
            runs.push(std::mem::take(&mut run));
        }
        if !joined {
            run.clear();
        }
        if !run.contains(code) {
            run.push(code.clone());
        }
        last_end = Some(
            last_end
                .filter(|_| joined)
                .map_or(m.span.end, |e| e.max(m.span.end)),
        );
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    runs
}

/// Offices of heads of state and government: who "the two leaders" are.
const LEADER_OFFICES: [&str; 11] = [
    "president",
    "prime minister",
    "leader",
    "head of state",
    "general secretary",
    "king",
    "chancellor",
    "premier",
    "supreme leader",
    "emir",
    "crown prince",
];

/// Does an adjective or name ("Chinese", "China") name the country with this code?
fn adjective_matches(kb: &KnowledgeBase, adjective: &str, code: &str) -> bool {
    kb.find(adjective).iter().any(|m| {
        m.entries.iter().any(|e| match *e {
            Entry::CountryAdjective(i) | Entry::CountryName(i) => kb.countries[i].iso3 == code,
            _ => false,
        })
    })
}

/// Words of a sentence with their byte offsets.
fn word_positions(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

fn mark(used: &mut [bool], matches: &[KbMatch], start: usize, end: usize) {
    for (k, m) in matches.iter().enumerate() {
        if m.start >= start && m.end <= end {
            used[k] = true;
        }
    }
}

fn only_space_or_the(gap: &str) -> bool {
    matches!(gap.trim(), "" | "the" | "," | "-")
}

fn is_possessive(s: &str, end: usize) -> bool {
    s[end..].starts_with("'s") || s[end..].starts_with("’s")
}

fn possessive_end(s: &str, end: usize) -> usize {
    end + if s[end..].starts_with("'s") {
        2
    } else {
        "’s".len()
    }
}

/// The country a match refers to, when it is a country name, adjective, prefix or seat.
fn country_of(m: &KbMatch, kb: &KnowledgeBase) -> Option<String> {
    m.entries.iter().find_map(|e| match *e {
        Entry::CountryName(i)
        | Entry::CountryAdjective(i)
        | Entry::CountryPrefix(i)
        | Entry::CountrySeat(i) => Some(kb.countries[i].iso3.clone()),
        _ => None,
    })
}

/// (canonical office, sector) of an office match.
fn office_of(m: &KbMatch, kb: &KnowledgeBase) -> Option<(String, String)> {
    m.entries.iter().find_map(|e| match *e {
        Entry::Office(i) => Some((
            kb.offices[i].canonical.clone(),
            kb.offices[i].sector.clone(),
        )),
        _ => None,
    })
}

fn institution_of<'a>(m: &KbMatch, kb: &'a KnowledgeBase) -> Option<&'a crate::kb::Institution> {
    m.entries.iter().find_map(|e| match *e {
        Entry::Institution(i) => Some(&kb.institutions[i]),
        _ => None,
    })
}

/// "of China" / "of the Chinese navy" right after an office: (country, end of phrase).
fn of_country(
    s: &str,
    from: usize,
    matches: &[KbMatch],
    kb: &KnowledgeBase,
) -> Option<(String, usize)> {
    let rest = &s[from..];
    let skip = rest
        .strip_prefix(" of the ")
        .map(|_| 8)
        .or_else(|| rest.strip_prefix(" of ").map(|_| 4))?;
    let m = matches.iter().find(|m| m.start == from + skip)?;
    let country =
        country_of(m, kb).or_else(|| institution_of(m, kb).and_then(|i| i.country.clone()))?;
    Some((country, m.end))
}

/// ", China's defense minister" or ", a spokesperson at China's ..." after a name.
fn appositive_country(
    s: &str,
    from: usize,
    matches: &[KbMatch],
    kb: &KnowledgeBase,
) -> Option<String> {
    if !s[from..].trim_start().starts_with(',') {
        return None;
    }
    matches
        .iter()
        .filter(|m| m.start > from && m.start < from + 60)
        .find_map(|m| country_of(m, kb))
}

/// Spans of "he", "He", "she" and "She" as whole words (ASCII word boundaries), in text order:
/// what `(?-u:\b)(?:He|She|he|she)(?-u:\b)` finds, without a regex search stopping at every "he"
/// inside "the", "they" and "when" (a hundredth of the analysis).
fn subject_pronouns(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = s.as_bytes();
    let word = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    };
    memchr::memchr2_iter(b'h', b'H', bytes).filter_map(move |i| {
        if bytes.get(i + 1) != Some(&b'e') || word(i + 2) {
            return None;
        }
        if i == 0 || !word(i - 1) {
            return Some((i, i + 2));
        }
        // "she", "She": the 's' starts the word.
        let she =
            bytes[i] == b'h' && matches!(bytes[i - 1], b's' | b'S') && (i == 1 || !word(i - 2));
        she.then_some((i - 1, i + 2))
    })
}

/// Domestic bodies named without a country: "police", "the junta", "protesters". Armed groups
/// ("militants", "rebels") are left out: whose they are is not the story's country.
const DOMESTIC_GROUP: &str = r"(?-u:\b)(?:[Tt]he )?(?:[Rr]iot police|[Mm]orality police|[Pp]olice|[Ss]ecurity forces|[Ss]ecurity personnel|[Pp]rotesters|[Pp]rotestors|[Dd]emonstrators|[Cc]rowds?|[Aa]uthorities|[Jj]unta|[Mm]ilitary rulers|[Mm]ilitary authorities|[Ii]nterior [Mm]inistry|[Dd]efen[cs]e [Mm]inistry|[Ff]oreign [Mm]inistry|[Mm]inistry of [Dd]efen[cs]e|[Mm]inistry of [Ff]oreign [Aa]ffairs|[Jj]ournalists|[Ss]tudents|[Cc]ivilians|[Rr]esidents|[Vv]illagers|[Ll]awmakers|[Pp]arliament|[Oo]pposition)(?-u:\b)";

/// Domestic bodies that rule rather than stand in the street.
const DOMESTIC_RULERS: [&str; 5] = [
    "junta",
    "military rulers",
    "military authorities",
    "authorities",
    "parliament",
];

/// The sector of a domestic body.
fn domestic_sector(noun: &str) -> &'static str {
    match noun {
        "riot police" | "morality police" | "police" | "security forces" | "security personnel" => {
            "COP"
        }
        "protesters" | "protestors" | "demonstrators" | "crowd" | "crowds" | "civilians"
        | "residents" | "villagers" => "CVL",
        "journalists" => "JRN",
        "defense ministry" | "defence ministry" | "ministry of defense" | "ministry of defence" => {
            "MIL"
        }
        "students" => "EDU",
        "lawmakers" | "parliament" => "LEG",
        "opposition" => "OPP",
        _ => "GOV",
    }
}

/// Whether a domestic noun at `start` stands bare: first in the sentence or after a lower-case
/// word, not after a name or a country word that makes it someone else's ("Taliban security
/// forces", "U.S. troops", "Iran's police").
fn bare_noun_position(s: &str, start: usize, base: usize, found: &[Mention]) -> bool {
    if found
        .iter()
        .any(|m| m.span.end <= base + start && base + start <= m.span.end + 3)
    {
        return false;
    }
    let before = s[..start].trim_end();
    let Some(word) = before.split_whitespace().last() else {
        return true;
    };
    let word = word.trim_start_matches(['"', '“', '(']);
    // "In January, the junta": a comma closes the phrase before.
    word.ends_with([',', ';', ':'])
        || !(word.starts_with(char::is_uppercase) || word.ends_with("'s") || word.ends_with("’s"))
        || matches!(word, "The" | "But" | "And" | "Later" | "Then" | "Meanwhile")
}

/// An adjective standing for a party: "Chinese and Syrian militaries" is handled in phrases;
/// here "the Afghan side", "Syrian officials", "Chinese troops" with a generic noun after it.
fn is_adjective_party(s: &str, end: usize) -> bool {
    let mut rest = s[end..].trim_start();
    // "Russian and Chinese warships", "Iranian, Russian and Chinese navies": skip the other
    // coordinated adjectives to reach the noun.
    loop {
        let after = rest
            .strip_prefix("and ")
            .or_else(|| rest.strip_prefix(", and "))
            .or_else(|| rest.strip_prefix(", "));
        match after {
            Some(a) if a.starts_with(char::is_uppercase) => {
                rest = a
                    .trim_start_matches(|c: char| c.is_alphabetic() || c == '.' || c == '-')
                    .trim_start();
            }
            _ => break,
        }
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if PARTY_NOUNS.contains(&word.as_str()) {
        return true;
    }
    // One descriptive word may come first: "a Philippine supply vessel", "a Russian oil
    // refinery".
    let next: String = rest[word.len().min(rest.len())..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    word.chars().all(|c| c.is_lowercase())
        && !word.is_empty()
        && PARTY_NOUNS.contains(&next.as_str())
}

/// Nouns after a country adjective that make the adjective a party ("Iranian companies").
const PARTY_NOUNS: &[&str] = &[
    "side",
    "posts",
    "positions",
    "outposts",
    "checkpoints",
    "bases",
    "territory",
    "soil",
    "officials",
    "authorities",
    "counterpart",
    "counterparts",
    "delegation",
    "leaders",
    "leadership",
    "troops",
    "soldiers",
    "forces",
    "militants",
    "warships",
    "jets",
    "diplomats",
    "government",
    "companies",
    "firms",
    "entities",
    "individuals",
    "banks",
    "nationals",
    "citizens",
    "executives",
    "vessels",
    "ships",
    "aircraft",
    "warplanes",
    "drones",
    "fighter",
    "fighters",
    "bombers",
    "planes",
    "submarines",
    "frigates",
    "destroyers",
    "guards",
    "police",
    "negotiators",
    "envoys",
    "lawmakers",
    "regime",
    "junta",
    "rebels",
    "insurgents",
    "fishermen",
    "sailors",
    "crew",
    "embassy",
    "frigate",
    "destroyer",
    "corvette",
    "corvettes",
    "warship",
    "vessel",
    "ship",
    "submarine",
    "tanker",
    "tankers",
    "boats",
    "prisoners",
    "hostages",
    "detainees",
    "captives",
    "naval",
    "military",
    "air",
    "navy",
    "army",
    "armed",
    "coast",
    "border",
    "special",
    "security",
    "task",
    "patrols",
    "bombing",
    "bombings",
    "airstrike",
    "airstrikes",
    "strike",
    "strikes",
    "attack",
    "attacks",
    "shelling",
    "raid",
    "raids",
    "offensive",
    "missile",
    "missiles",
    "drone",
    "paramilitary",
    "rebel",
    "crews",
    "pilots",
    "cadets",
    "seizure",
    "protesters",
    "demonstrators",
    "activists",
    "journalists",
    "journalist",
    "reporter",
    "reporters",
    "national",
    "students",
    "workers",
    "civilians",
    "villagers",
    "chipmakers",
    "settlers",
    "saboteurs",
    "instructors",
    "advisers",
    "advisors",
    "trainers",
    "recruits",
    "conscripts",
    "manufacturers",
    "makers",
    "exporters",
    "airlines",
    "oligarchs",
    "lenders",
    "refinery",
    "refineries",
    "facilities",
    "facility",
    "infrastructure",
    "plant",
    "airfield",
    "airbase",
    "consulate",
    "targets",
    "ports",
    "generals",
    "commanders",
    "ministers",
    "judges",
    "businessmen",
    "tycoons",
    "politicians",
    "critics",
    "dissidents",
    "opposition",
    "charity",
    "charities",
    "ngo",
    "ngos",
];

/// "Chinese" for CHN: the first adjective of a country, else its name.
fn country_adjective(kb: &KnowledgeBase, code: &str) -> String {
    kb.country(code)
        .map(|c| {
            c.adjectives
                .iter()
                .find(|a| !a.ends_with('-'))
                .cloned()
                .unwrap_or_else(|| c.name.clone())
        })
        .unwrap_or_else(|| code.to_string())
}

/// True when the whole of `name` is a known country, organization, institution, outlet or place.
fn is_known_non_person(kb: &KnowledgeBase, name: &str) -> bool {
    kb.find(name).iter().any(|m| {
        m.start == 0
            && m.end == name.len()
            && m.entries.iter().all(|e| !matches!(e, Entry::Person(_)))
    }) || kb.find(name).first().is_some_and(|m| {
        m.start == 0
            && m.entries
                .iter()
                .any(|e| matches!(e, Entry::Outlet(_) | Entry::Organization(_)))
    })
}

/// A name resolved against known persons and earlier mentions: (canonical name, (country, sector, office)).
#[allow(clippy::type_complexity)]
fn resolve_person(
    name: Option<&str>,
    kb: &KnowledgeBase,
    date: Option<&str>,
    state: &Coref,
    text_office: Option<&str>,
) -> (Option<String>, Option<(String, String, Option<String>)>) {
    let Some(name) = name else {
        return (None, None);
    };
    for m in kb.find(name) {
        if m.start == 0 && m.end == name.len() {
            if let Some(Entry::Person(row)) =
                m.entries.iter().find(|e| matches!(e, Entry::Person(_)))
            {
                // The office written in the text beats the calendar: "Defense Minister Sergei
                // Shoigu" in an undated article is the defense minister, not his later role.
                let dated = kb.person_role(*row, date);
                let role = text_office
                    .and_then(|office| {
                        kb.persons[*row..]
                            .iter()
                            .take_while(|p| p.name == dated.name)
                            .find(|p| p.office == office)
                    })
                    .unwrap_or(dated);
                let office = match text_office {
                    Some(o) if role.office != o => o.to_string(),
                    _ => role.office.clone(),
                };
                return (
                    Some(role.name.clone()),
                    Some((role.country.clone(), role.sector.clone(), Some(office))),
                );
            }
        }
    }
    if let Some(p) = state.person_by_token(name) {
        return (
            Some(p.entity.clone()),
            p.country
                .clone()
                .map(|c| (c, p.sector.clone().unwrap_or_default(), p.office.clone())),
        );
    }
    (Some(name.to_string()), None)
}

#[cfg(test)]
mod tests {
    #[test]
    fn subject_pronouns_are_what_the_pattern_finds() {
        let pattern = regex::Regex::new(r"(?-u:\b)(?:He|She|he|she)(?-u:\b)").unwrap();
        for text in [
            "He said she would go; the others, when they met, shed tears. She left.",
            "he",
            "She",
            "HE SHE hE sHe",
            "she'd he's (he) “She” he_ he1 ashe ahe Shed",
            "x-he he-x é he ühe",
            "",
        ] {
            let expected: Vec<(usize, usize)> = pattern
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(
                super::subject_pronouns(text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
        }
    }
}
