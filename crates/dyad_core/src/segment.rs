//! Sentence segmentation for news English: sentencex inside each clean block, then repairs for
//! titles and abbreviations it misses, and headline/caption detection.

use crate::clean::{ends_sentence, Cleaned};
use crate::model::{Sentence, SentenceKind, Span};
use regex::Regex;

/// Splits clean blocks into sentences whose spans point into the raw text.
#[derive(Debug)]
pub struct Segmenter {
    caption_cue: Regex,
    abbreviation_end: Regex,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// Builds the segmenter.
    pub fn new() -> Self {
        Segmenter {
            caption_cue: Regex::new(r"(?i)(\((r|l|c|l-r|r-l|left|right|centre|center|front|2nd [lr]|3rd [lr])\)|(?-u:\b)file (photo|picture|image)(?-u:\b)|(?-u:\b)photo (shows|taken)(?-u:\b)|^(this|a|the) (photo|picture|image|handout)(?-u:\b)|(?-u:\b)pictured(?-u:\b)|(?-u:\b)is seen(?-u:\b)|(?-u:\b)are seen(?-u:\b)|^(photo|image|video)\s*:)")
                .expect("valid caption rule"),
            abbreviation_end: Regex::new(r"(?:^|[\s(“‘])(?:Gen|Lt|Col|Sr|Jr|Maj|Adm|Brig|Capt|Cmdr|Sgt|Gov|Sen|Rep|Amb|Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Vol|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Pres|Dept|Corp|Inc|Co|vs|approx|est|U\.S|U\.N|U\.K|E\.U|D\.C)\.$")
                .expect("valid abbreviation rule"),
        }
    }

    /// Segments a cleaned article.
    pub fn segment(&self, raw: &str, cleaned: &Cleaned) -> Vec<Sentence> {
        let mut sentences: Vec<(Span, SentenceKind)> = Vec::new();
        for block in &cleaned.blocks {
            let text = &raw[block.start..block.end];
            let is_caption = self.caption_cue.is_match(text)
                || cleaned.dropped.iter().any(|(span, reason)| {
                    *reason == crate::clean::DropReason::PhotoCredit && span.start == block.end
                });
            if is_caption {
                sentences.push((Span::new(block.start, block.end), SentenceKind::Caption));
                continue;
            }
            if !ends_sentence(text) && text.len() < 200 && text.split_whitespace().count() <= 25 {
                sentences.push((Span::new(block.start, block.end), SentenceKind::Heading));
                continue;
            }
            for span in self.split_block(text) {
                let span = Span::new(block.start + span.start, block.start + span.end);
                sentences.push((span, SentenceKind::Body));
            }
        }
        sentences
            .into_iter()
            .enumerate()
            .map(|(index, (span, kind))| Sentence { index, span, kind })
            .collect()
    }

    /// Splits one block (no paragraph breaks inside) into trimmed sentence spans, relative to it.
    pub fn split_block(&self, text: &str) -> Vec<Span> {
        // Most paragraphs of news are one sentence with nothing that could end one before its
        // end; sentencex would only confirm that (a test holds both ways equal on every such
        // block of the corpora).
        if single_sentence(text) {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return Vec::new();
            }
            let lead = text.len() - text.trim_start().len();
            return vec![Span::new(lead, lead + trimmed.len())];
        }
        self.split_with_sentencex(text)
    }

    fn split_with_sentencex(&self, text: &str) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        for boundary in sentencex::get_sentence_boundaries("en", text) {
            let piece = &text[boundary.start_byte..boundary.end_byte];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let span = Span::new(
                boundary.start_byte + lead,
                boundary.start_byte + lead + trimmed.len(),
            );
            if let Some(prev) = spans.last_mut() {
                let prev_text = &text[prev.start..prev.end];
                let starts_lower =
                    trimmed.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
                if self.abbreviation_end.is_match(prev_text)
                    || starts_lower
                    || !ends_sentence(prev_text)
                {
                    prev.end = span.end;
                    continue;
                }
            }
            spans.push(span);
        }
        spans
    }
}

/// Whether `text` holds no place where sentencex could end a sentence before its closing run
/// (the terminators, quotes, brackets and spaces at its very end): no '.', '!' or '?', no line
/// break, and outside ASCII only letters, digits, curly quotes, dashes and no-break spaces
/// (sentencex ends sentences at 155 characters of many scripts).
fn single_sentence(text: &str) -> bool {
    let body = text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | '!' | '?' | '"' | '\'' | '’' | '”' | ')' | ']' | '…'
            )
    });
    body.chars().all(|c| {
        if c.is_ascii() {
            !matches!(c, '.' | '!' | '?' | '\n' | '\r')
        } else {
            c.is_alphanumeric() || matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '\u{a0}')
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::Cleaner;

    /// Segments `raw` and returns the sentence texts, headings and captions marked.
    fn check(raw: &str) -> Vec<String> {
        let cleaned = Cleaner::new().clean(raw);
        Segmenter::new()
            .segment(raw, &cleaned)
            .iter()
            .map(|s| {
                let text = &raw[s.span.start..s.span.end];
                match s.kind {
                    SentenceKind::Body => text.to_string(),
                    SentenceKind::Heading => format!("[H] {text}"),
                    SentenceKind::Caption => format!("[C] {text}"),
                }
            })
            .collect()
    }

    #[test]
    fn a_block_taken_as_one_sentence_is_one_for_sentencex_too() {
        let segmenter = Segmenter::new();
        let cleaner = Cleaner::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut blocks = 0;
        for dir in ["corpus/dev", "corpus/heldout", "../shared/corpus/seeds"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(raw) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                for block in cleaner.clean(&raw).blocks {
                    let text = &raw[block.start..block.end];
                    if single_sentence(text) {
                        blocks += 1;
                        assert_eq!(
                            segmenter.split_block(text),
                            segmenter.split_with_sentencex(text),
                            "{text:?}"
                        );
                    }
                }
            }
        }
        assert!(blocks > 500, "only {blocks} one-sentence blocks read");
        for text in [
            "Talks resumed on Monday, officials said.”  ",
            "He asked: “Why now?!”",
            "  No terminator at all in this long paragraph",
            "Ends with an ellipsis…",
        ] {
            assert!(single_sentence(text), "{text:?}");
            assert_eq!(
                segmenter.split_block(text),
                segmenter.split_with_sentencex(text)
            );
        }
        for text in [
            "The U.S. agreed.",
            "Why? Because.",
            "one\ntwo",
            "Done। Next",
        ] {
            assert!(!single_sentence(text), "{text:?}");
        }
    }

    #[test]
    fn news_english() {
        let raw = "Navy Chief Visits Manila\n\n\
            Sr. Col. Wu Qian told reporters the U.S. and the U.N. were informed. The deal is worth $2.5 billion, he said.\n\
            Lt. Col. John Smith and Gen. Mark Milley arrived on Jan. 5 at Pier No. 3 in Manila. Officials were... surprised.\n\
            “We will not accept this. Never,” the minister said. The talks resume in 2024.\n\
            President Xi (C) meets visiting leaders in Beijing, April 2, 2023.\n";
        insta::assert_debug_snapshot!(check(raw));
    }
}
