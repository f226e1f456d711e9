//! TABARI/PETRARCH actor dictionaries (`--dictionary FILE`): names with date-bounded codes such
//! as `[CHNGOV >20121115]` or `[CHNGOV 681031-720224]`, `+` synonyms, `_` joining words. The code
//! valid on the article's date is applied. Files may hold Latin-1 bytes; the caller decodes them.

use crate::actors::{Mention, MentionKind};
use crate::model::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// One code of an actor, with its validity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The CAMEO actor code ("CHNGOV", "USAMIL", "IGOUNO").
    pub code: String,
    /// First valid day `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last valid day `YYYY-MM-DD`, inclusive.
    pub until: Option<String>,
}

/// One actor entry: its names and codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryActor {
    /// The primary name, words joined by spaces ("XI JINPING").
    pub name: String,
    /// Synonyms.
    pub synonyms: Vec<String>,
    /// Codes, dated or not.
    pub codes: Vec<DatedCode>,
}

/// A loaded dictionary with its matcher.
#[derive(Debug)]
pub struct Dictionary {
    /// Actors in file order.
    pub actors: Vec<DictionaryActor>,
    /// Lines that could not be read, as "line N: reason".
    pub errors: Vec<String>,
    patterns: Vec<usize>,
    automaton: Option<AhoCorasick>,
}

impl Default for Dictionary {
    fn default() -> Self {
        Dictionary::parse("")
    }
}

/// Converts a TABARI date (YYMMDD or YYYYMMDD) to `YYYY-MM-DD`. Two-digit years below 30 are 20xx.
fn tabari_date(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let (year, rest) = match digits.len() {
        8 => (digits[..4].parse::<u32>().ok()?, &digits[4..]),
        6 => {
            let yy: u32 = digits[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &digits[2..])
        }
        _ => return None,
    };
    Some(format!("{year:04}-{}-{}", &rest[..2], &rest[2..4]))
}

/// Parses one `[CODE ...]` bracket.
fn parse_code(inner: &str) -> Option<DatedCode> {
    let mut parts = inner.split_whitespace();
    let code = parts.next()?.to_string();
    let rest: String = parts.collect::<Vec<_>>().join("");
    let (from, until) = if rest.is_empty() {
        (None, None)
    } else if let Some(d) = rest.strip_prefix('>') {
        (Some(tabari_date(d)?), None)
    } else if let Some(d) = rest.strip_prefix('<') {
        (None, Some(tabari_date(d)?))
    } else if let Some((a, b)) = rest.split_once('-') {
        (Some(tabari_date(a)?), Some(tabari_date(b)?))
    } else {
        return None;
    };
    Some(DatedCode { code, from, until })
}

fn name_of(raw: &str) -> String {
    raw.trim()
        .trim_end_matches('_')
        .replace('_', " ")
        .trim()
        .to_string()
}

impl Dictionary {
    /// Parses a dictionary. Never fails: unreadable lines are listed in `errors`.
    pub fn parse(text: &str) -> Dictionary {
        let mut actors: Vec<DictionaryActor> = Vec::new();
        let mut errors = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("");
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if trimmed.starts_with('[') {
                let Some(actor) = actors.last_mut() else {
                    errors.push(format!("line {}: code before any actor", index + 1));
                    continue;
                };
                for bracket in trimmed.split('[').skip(1) {
                    let inner = bracket.split(']').next().unwrap_or("");
                    match parse_code(inner) {
                        Some(code) => actor.codes.push(code),
                        None => {
                            errors.push(format!("line {}: unreadable code [{inner}]", index + 1))
                        }
                    }
                }
            } else if let Some(synonym) = trimmed.strip_prefix('+') {
                match actors.last_mut() {
                    Some(actor) => actor.synonyms.push(name_of(synonym)),
                    None => errors.push(format!("line {}: synonym before any actor", index + 1)),
                }
            } else {
                // A name, possibly followed by codes on the same line.
                let (name, codes) = match trimmed.find('[') {
                    Some(i) => (&trimmed[..i], Some(&trimmed[i..])),
                    None => (trimmed, None),
                };
                let mut actor = DictionaryActor {
                    name: name_of(name),
                    synonyms: Vec::new(),
                    codes: Vec::new(),
                };
                if let Some(codes) = codes {
                    for bracket in codes.split('[').skip(1) {
                        let inner = bracket.split(']').next().unwrap_or("");
                        if let Some(code) = parse_code(inner) {
                            actor.codes.push(code);
                        }
                    }
                }
                if !actor.name.is_empty() {
                    actors.push(actor);
                }
            }
        }
        let mut names = Vec::new();
        let mut patterns = Vec::new();
        for (i, actor) in actors.iter().enumerate() {
            if actor.codes.is_empty() {
                continue;
            }
            for name in std::iter::once(&actor.name).chain(actor.synonyms.iter()) {
                if name.len() >= 3 {
                    names.push(name.clone());
                    patterns.push(i);
                }
            }
        }
        let automaton = (!names.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&names)
                .expect("dictionary automaton builds")
        });
        Dictionary {
            actors,
            errors,
            patterns,
            automaton,
        }
    }

    /// The code of an actor valid on `date` (`YYYY-MM-DD`): a dated code covering the date, else
    /// the undated default, else the latest code.
    pub fn code_on<'a>(
        &self,
        actor: &'a DictionaryActor,
        date: Option<&str>,
    ) -> Option<&'a DatedCode> {
        if let Some(date) = date {
            let covering = actor.codes.iter().find(|c| {
                (c.from.is_some() || c.until.is_some())
                    && c.from.as_deref().is_none_or(|f| date >= f)
                    && c.until.as_deref().is_none_or(|u| date <= u)
            });
            if covering.is_some() {
                return covering;
            }
        }
        actor
            .codes
            .iter()
            .find(|c| c.from.is_none() && c.until.is_none())
            .or_else(|| actor.codes.iter().max_by(|a, b| a.from.cmp(&b.from)))
    }

    /// Dictionary actors named in a sentence, as mentions with the code valid on `date`.
    pub fn find(
        &self,
        sentence: &str,
        base: usize,
        index: usize,
        date: Option<&str>,
    ) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in automaton.find_iter(sentence) {
            let boundary_before =
                m.start() == 0 || !sentence[..m.start()].ends_with(char::is_alphanumeric);
            let boundary_after = m.end() == sentence.len()
                || !sentence[m.end()..].starts_with(char::is_alphanumeric);
            // Dictionary names are upper case; in running text the first letter must be capital.
            if !boundary_before
                || !boundary_after
                || !sentence[m.start()..].starts_with(char::is_uppercase)
            {
                continue;
            }
            let actor = &self.actors[self.patterns[m.pattern().as_usize()]];
            let Some(code) = self.code_on(actor, date) else {
                continue;
            };
            let (country, sector) = split_code(&code.code);
            out.push(Mention {
                span: Span::new(base + m.start(), base + m.end()),
                sentence: index,
                entity: title_case(&actor.name),
                country: Some(country),
                sector,
                office: None,
                kind: MentionKind::Person,
                via: format!("dictionary:{}", code.code).into(),
                group: None,
            });
        }
        out
    }
}

/// "CHNGOV" → ("CHN", Some("GOV")); "IGOUNO" → ("IGO", Some("UNO")).
pub fn split_code(code: &str) -> (String, Option<String>) {
    let country = code.get(..3).unwrap_or(code).to_string();
    let sector = code.get(3..6).map(String::from).filter(|s| !s.is_empty());
    (country, sector)
}

fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => {
                    first.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase()
                }
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# a small dictionary written for dyad's tests\n\
        ZHANG_WEI_\n\
        +GENERAL_ZHANG_WEI\n\
        \t[CHNMIL 150101-191231]\n\
        \t[CHNGOV >20200101]\n\
        ANNA_SMITH_ [GBRGOV]\n\
        NOBODY_\n\
        \t[XXX 99]\n";

    #[test]
    fn dated_codes_follow_the_article_date() {
        let dictionary = Dictionary::parse(SAMPLE);
        assert_eq!(dictionary.actors.len(), 3);
        assert_eq!(
            dictionary.errors,
            vec!["line 8: unreadable code [XXX 99]".to_string()]
        );
        let found = |date| dictionary.find("Zhang Wei met Anna Smith in London.", 0, 0, Some(date));
        let in_2018 = found("2018-06-01");
        assert_eq!(in_2018[0].via, "dictionary:CHNMIL");
        assert_eq!(in_2018[0].entity, "Zhang Wei");
        assert_eq!(in_2018[1].country.as_deref(), Some("GBR"));
        assert_eq!(found("2023-06-01")[0].via, "dictionary:CHNGOV");
        // A date covered by no dated code falls back to the latest one.
        assert_eq!(found("2019-12-31")[0].via, "dictionary:CHNMIL");
        assert_eq!(
            dictionary.find("General Zhang Wei spoke.", 0, 0, Some("2016-01-01"))[0].span,
            Span::new(0, 17)
        );
    }

    #[test]
    fn tabari_dates() {
        assert_eq!(tabari_date("681031").as_deref(), Some("1968-10-31"));
        assert_eq!(tabari_date("20121115").as_deref(), Some("2012-11-15"));
        assert_eq!(tabari_date("120812").as_deref(), Some("2012-08-12"));
        assert_eq!(
            parse_code("CHNGOV <20121115").unwrap().until.as_deref(),
            Some("2012-11-15")
        );
    }
}
