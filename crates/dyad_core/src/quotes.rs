//! Quotes: direct speech in quotation marks and reported speech ("X said", "X told the Global
//! Times", "according to X", "X was quoted as saying"), each with its speaker entity, the quote
//! span and, when named, the outlet that relayed it.

use crate::actors::{Mention, MentionKind};
use crate::kb::{Entry, KbMatch, KnowledgeBase};
use crate::model::{Sentence, SentenceKind, Span};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// A quote or reported statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Sentence index.
    pub sentence: usize,
    /// The quoted or reported words (raw byte span).
    pub span: Span,
    /// Speaker entity.
    pub speaker: Option<String>,
    /// Speaker country.
    pub speaker_country: Option<String>,
    /// Raw span of the speaker mention.
    pub speaker_span: Option<Span>,
    /// Relaying outlet, when the text names one ("told the Global Times", "according to Xinhua").
    pub outlet: Option<String>,
    /// "direct" or "reported".
    pub kind: String,
}

/// Finds quotes.
#[derive(Debug)]
pub struct QuoteFinder {
    speech_verb: Regex,
    according_to: Regex,
    direct: Regex,
}

impl Default for QuoteFinder {
    fn default() -> Self {
        Self::new()
    }
}

impl QuoteFinder {
    /// Builds the finder.
    pub fn new() -> Self {
        QuoteFinder {
            speech_verb: Regex::new(r"(?-u:\b)(said|says|told|stated|added|noted|stressed|declared|announced|warned|urged|insisted|emphasized|emphasised|explained|asserted|claimed|remarked|reiterated|was quoted as saying|were quoted as saying|quoted [\w\s.’']{1,40}? as saying)(?-u:\b)")
                .expect("valid speech verbs"),
            according_to: Regex::new(r"(?-u:\b)according to(?-u:\b)").expect("valid rule"),
            direct: Regex::new(r#"[“"]([^”"]{12,})[”"]"#).expect("valid quote rule"),
        }
    }

    /// Quotes in the body sentences of one article. `kb_matches` holds the knowledge-base
    /// matches of each sentence (`kb.find` of its text).
    pub fn find(
        &self,
        text: &str,
        sentences: &[Sentence],
        kb_matches: &[Vec<KbMatch>],
        mentions: &[Mention],
        kb: &KnowledgeBase,
    ) -> Vec<Quote> {
        let mut out = Vec::new();
        for (sentence, matches) in sentences
            .iter()
            .zip(kb_matches)
            .filter(|(s, _)| s.kind == SentenceKind::Body)
        {
            let base = sentence.span.start;
            let s = &text[sentence.span.start..sentence.span.end];
            let in_sentence: Vec<&Mention> = mentions
                .iter()
                .filter(|m| m.sentence == sentence.index && m.kind != MentionKind::Outlet)
                .collect();
            let outlet = self.relaying_outlet(s, matches, kb);
            let direct: Vec<regex::Match> = self
                .direct
                .captures_iter(s)
                .filter_map(|c| c.get(1))
                .collect();
            let verb = self.speech_verb.find(s);
            let according = self.according_to.find(s);
            // The speaker: subject before the verb, or after it in "said X" / "according to X".
            let speaker = verb
                .and_then(|v| {
                    let before = in_sentence.iter().rev().find(|m| {
                        m.span.end <= base + v.start() && !inside_any(&direct, m.span, base)
                    });
                    let after = in_sentence.iter().find(|m| {
                        m.span.start >= base + v.end() && m.span.start <= base + v.end() + 3
                    });
                    let quote_before = direct.iter().any(|d| d.end() <= v.start());
                    if quote_before {
                        after.or(before)
                    } else {
                        before.or(after)
                    }
                })
                .or_else(|| {
                    according
                        .and_then(|a| in_sentence.iter().find(|m| m.span.start >= base + a.end()))
                })
                .copied();
            let speaker_fields = |q: &mut Quote| {
                if let Some(m) = speaker {
                    q.speaker = Some(m.entity.clone());
                    q.speaker_country = m.country.clone();
                    q.speaker_span = Some(m.span);
                }
            };
            if !direct.is_empty() {
                for d in &direct {
                    let mut q = Quote {
                        sentence: sentence.index,
                        span: Span::new(base + d.start(), base + d.end()),
                        speaker: None,
                        speaker_country: None,
                        speaker_span: None,
                        outlet: outlet.clone(),
                        kind: "direct".into(),
                    };
                    speaker_fields(&mut q);
                    out.push(q);
                }
                continue;
            }
            // Reported speech: the clause after "said (that)" or before ", X said".
            let span = if let Some(v) = verb {
                let after = s[v.end()..]
                    .trim_start_matches([' ', ','])
                    .trim_start_matches("that ");
                let after_start = s.len() - after.len();
                if after.split_whitespace().count() >= 4
                    && speaker.is_some_and(|m| m.span.end <= base + v.start())
                {
                    Some(Span::new(base + after_start, base + s.len()))
                } else {
                    s[..v.start()]
                        .rfind(',')
                        .map(|comma| Span::new(base, base + comma))
                }
            } else if let Some(a) = according {
                s[..a.start()]
                    .rfind(',')
                    .map(|comma| Span::new(base, base + comma))
            } else {
                None
            };
            if let (Some(span), Some(_)) = (span, speaker) {
                let mut q = Quote {
                    sentence: sentence.index,
                    span,
                    speaker: None,
                    speaker_country: None,
                    speaker_span: None,
                    outlet: outlet.clone(),
                    kind: "reported".into(),
                };
                speaker_fields(&mut q);
                out.push(q);
            }
        }
        out
    }

    /// "told the Global Times", "according to Xinhua", "quoted by TASS", "reported by Bloomberg".
    fn relaying_outlet(&self, s: &str, matches: &[KbMatch], kb: &KnowledgeBase) -> Option<String> {
        matches.iter().find_map(|m| {
            let outlet = m.entries.iter().find_map(|e| match e {
                Entry::Outlet(i) => Some(kb.outlets[*i].name.clone()),
                _ => None,
            })?;
            let before = s[..m.start]
                .trim_end()
                .trim_end_matches("the")
                .trim_end()
                .to_lowercase();
            let relays = [
                "told",
                "according to",
                "quoted by",
                "reported by",
                "said in an interview with",
                "cited by",
                "per",
                "as reported by",
                "in an interview with",
            ]
            .iter()
            .any(|cue| before.ends_with(cue));
            relays.then_some(outlet)
        })
    }
}

fn inside_any(direct: &[regex::Match], span: Span, base: usize) -> bool {
    direct
        .iter()
        .any(|d| base + d.start() <= span.start && span.end <= base + d.end())
}
