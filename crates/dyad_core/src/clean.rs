//! Cleaning: drops boilerplate lines and fragments (share buttons, "Related:", comment notices,
//! credits, signatures, editor codes, stray tags) and keeps a map from clean text to raw offsets.
//!
//! The clean text is made only of slices of the raw text plus synthetic line breaks between them,
//! so every clean offset maps back to one raw byte offset.

use crate::model::{Diagnostic, Severity, Span};
use regex::{Regex, RegexSet};

/// One slice of raw text copied into the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    clean_start: usize,
    raw_start: usize,
    len: usize,
}

/// Text with boilerplate removed, and the way back to the raw offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanText {
    /// The clean text: kept raw slices joined by `\n` (same paragraph) or `\n\n` (new paragraph).
    pub text: String,
    pieces: Vec<Piece>,
}

impl CleanText {
    /// Raw byte offset of a clean byte offset. Offsets inside a synthetic separator map to the
    /// start of the next raw slice (or the end of the last one).
    pub fn to_raw(&self, clean_offset: usize) -> usize {
        let idx = self
            .pieces
            .partition_point(|p| p.clean_start <= clean_offset);
        if idx == 0 {
            return self.pieces.first().map_or(0, |p| p.raw_start);
        }
        let piece = self.pieces[idx - 1];
        let delta = clean_offset - piece.clean_start;
        if delta <= piece.len {
            piece.raw_start + delta
        } else {
            self.pieces
                .get(idx)
                .map_or(piece.raw_start + piece.len, |next| next.raw_start)
        }
    }

    /// Raw span of a clean span. The end maps to the end of the last byte, not to the next slice.
    pub fn to_raw_span(&self, clean: Span) -> Span {
        let start = self.to_raw(clean.start);
        let end = if clean.end > clean.start {
            self.to_raw(clean.end - 1) + 1
        } else {
            start
        };
        // `end - 1` may sit on a UTF-8 continuation byte; to_raw keeps byte arithmetic exact
        // inside a piece, so `+ 1` lands on the end of that byte, and the caller's sentence ends
        // at a char boundary because clean.end did.
        Span::new(start, end.max(start))
    }

    /// Kept raw spans, in order.
    pub fn raw_spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.pieces
            .iter()
            .map(|p| Span::new(p.raw_start, p.raw_start + p.len))
    }

    fn push(&mut self, raw: &str, span: Span, separator: &str) {
        if span.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str(separator);
        }
        self.pieces.push(Piece {
            clean_start: self.text.len(),
            raw_start: span.start,
            len: span.len(),
        });
        self.text.push_str(&raw[span.start..span.end]);
    }
}

/// Why a line or fragment was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// Share, like, print, social buttons.
    ShareButtons,
    /// "Related:", "Read more", "Also read" and similar link lists.
    RelatedLinks,
    /// Newsletter and subscription prompts.
    Newsletter,
    /// Comment notices.
    CommentNotice,
    /// Photo credits.
    PhotoCredit,
    /// Agency signatures, editor codes, "--ENDS--", copyright lines.
    Signature,
    /// Stray tags at the end of a scrape ("shared on", "tags: ...").
    StrayTag,
    /// A byline.
    Byline,
    /// A line that only holds a date (kept as metadata).
    DateLine,
    /// A wire dateline prefix ("BEIJING, April 21 (Xinhua) --").
    Dateline,
    /// Advertising placeholders.
    Advertising,
}

impl DropReason {
    /// Short name for diagnostics.
    pub fn as_str(&self) -> &'static str {
        match self {
            DropReason::ShareButtons => "share buttons",
            DropReason::RelatedLinks => "related links",
            DropReason::Newsletter => "newsletter prompt",
            DropReason::CommentNotice => "comment notice",
            DropReason::PhotoCredit => "photo credit",
            DropReason::Signature => "signature or editor code",
            DropReason::StrayTag => "stray tag",
            DropReason::Byline => "byline",
            DropReason::DateLine => "date line",
            DropReason::Dateline => "dateline",
            DropReason::Advertising => "advertising",
        }
    }
}

/// The result of cleaning one article.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// The clean text and its offset map.
    pub clean: CleanText,
    /// What was dropped, with why.
    pub dropped: Vec<(Span, DropReason)>,
    /// Raw spans of kept blocks (a block is a paragraph, or a single line such as a headline).
    pub blocks: Vec<Span>,
    /// Diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Removes boilerplate. Build once, use for every article.
#[derive(Debug)]
pub struct Cleaner {
    /// The rules anchored at the start of a line, as one set: a set of anchored patterns stops
    /// reading a line as soon as none can match, so a paragraph costs a few bytes.
    line_rules: RegexSet,
    /// The index in `line_rules` of each anchored rule's row in the table.
    line_rows: Vec<usize>,
    /// The rules that may match anywhere in a line, with their rows; each regex finds its
    /// words with a literal scan (a set holding them would read every line to its end).
    anywhere_rules: Vec<(usize, Regex)>,
    line_reasons: Vec<DropReason>,
    share_word_line: Regex,
    editor_code: Regex,
    dateline_prefix: Regex,
    date_only: Regex,
    trailing_credit: Regex,
    byline: Regex,
}

impl Default for Cleaner {
    fn default() -> Self {
        Self::new()
    }
}

const SHARE_WORDS: &str = r"share|shares|shared|share this|share this article|share this story|share on|tweet|print|email|e-mail|mail|facebook|twitter|x|whatsapp|linkedin|reddit|telegram|pinterest|copy link|copy|link|save|bookmark|comments?|comment|like|follow us|follow|reprint|feedback|font size|a\+|a-|text size";

impl Cleaner {
    /// Builds the rule set.
    pub fn new() -> Self {
        let rules: Vec<(&str, DropReason)> = vec![
            (
                r"(?i)^(related( stories| articles| coverage| news| content| posts| topics| reading)?|read more|read also|also read|see also|more on this( story| topic)?|recommended( for you| stories| reading)?|most read|most popular|trending( now)?|you may also like|you might also like|more from [\w ]+|more stories|further reading|top stories|latest news|editor'?s picks?)\s*([:|>»›\-–—]|$)",
                DropReason::RelatedLinks,
            ),
            (
                r"(?i)(?-u:\b)(sign up|subscribe|register)(?-u:\b).*(?-u:\b)(newsletter|briefing|updates|inbox|digest|alerts)(?-u:\b)",
                DropReason::Newsletter,
            ),
            (
                r"(?i)^(get|receive) (our|the) .*(newsletter|briefing)",
                DropReason::Newsletter,
            ),
            (
                r"(?i)comments? (are|is) (now )?(closed|disabled|no longer available|not available|turned off)",
                DropReason::CommentNotice,
            ),
            (
                r"(?i)^(leave a (comment|reply)|join the (conversation|discussion)|show comments|view comments|post a comment|add a comment|\d+ comments?|comments? \(\d+\)|comments?|send (your )?(questions|comments|questions/comments) to the editors\.?)\s*$",
                DropReason::CommentNotice,
            ),
            (
                r"(?i)^(\(?\s*(©|\(c\)|copyright)\s).*$",
                DropReason::Signature,
            ),
            (
                r"(?i)^\(?(photo|photos|file photo|image|picture|pictured|credit|photo credit|video)\s*(:|/|by)\s*[^.]{0,60}\)?$",
                DropReason::PhotoCredit,
            ),
            (
                r"(?i)^(file photo\s*/\s*[\w .]+|getty images|\(?(ap|afp|reuters|xinhua|epa|anadolu)( photo)?\)?\s*/\s*[\w .]+)$",
                DropReason::PhotoCredit,
            ),
            (
                r"(?i)^\(\s*(reporting|editing|writing|additional reporting|compiled) by [^)]*\)\s*$",
                DropReason::Signature,
            ),
            (
                r"(?i)^(reporting|editing|writing|additional reporting) by [^.]{0,120}$",
                DropReason::Signature,
            ),
            (
                r"(?i)^[-—–=*\s]*(ends|end|\(end\)|-end-|###|\*\*\*)[-—–=*\s]*$",
                DropReason::Signature,
            ),
            (
                r"(?i)^(shared on|posted in|posted on|share on)(?-u:\b).{0,60}$",
                DropReason::StrayTag,
            ),
            (
                r"(?i)^(tags?|topics?|filed under|keywords|categories)\s*:",
                DropReason::StrayTag,
            ),
            (
                r"(?i)^(advertisement|advertising|sponsored( content)?|scroll to continue( with content)?|skip advertisement|ad)\s*$",
                DropReason::Advertising,
            ),
            (
                r"(?i)^(this (article|story) (was|has been) (first )?(published|updated|corrected)|first published|last updated|updated:)(?-u:\b).{0,80}$",
                DropReason::DateLine,
            ),
            (
                r"(?i)^(accept( all)? cookies|we use cookies)(?-u:\b).*",
                DropReason::Advertising,
            ),
        ];
        let anchored = |p: &str| p.strip_prefix("(?i)").unwrap_or(p).starts_with('^');
        let line_rows: Vec<usize> = (0..rules.len()).filter(|&i| anchored(rules[i].0)).collect();
        let line_rules =
            RegexSet::new(line_rows.iter().map(|&i| rules[i].0)).expect("valid cleaning rules");
        let anywhere_rules = (0..rules.len())
            .filter(|&i| !anchored(rules[i].0))
            .map(|i| (i, Regex::new(rules[i].0).expect("valid cleaning rule")))
            .collect();
        let line_reasons = rules.iter().map(|(_, r)| *r).collect();
        Cleaner {
            line_rules,
            line_rows,
            anywhere_rules,
            line_reasons,
            share_word_line: Regex::new(&format!(
                r"(?i)^(\s*[|/·•,:]?\s*({SHARE_WORDS})\s*[|/·•,:]?\s*)+$"
            ))
            .expect("valid share rule"),
            editor_code: Regex::new(r"^(\(\s*[A-Z][\w .'&-]{1,40}\)|[A-Z]{1,4}/[A-Z]{1,4}(/[A-Z]{1,4})?(\s+\d{1,3})?|[A-Z]{2,4}\s*/\s*[A-Z]{2,4})\s*$")
                .expect("valid editor code rule"),
            dateline_prefix: Regex::new(r"^[A-Z][A-Z .'’-]{2,40}(,\s*[A-Z][A-Za-z .'-]{0,30})?(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(,\s*\d{4})?|\s+\d{1,2}\s+[A-Z][a-z]{2,8}(\s+\d{4})?)?\s*(\([A-Za-z .'&-]{2,40}\))?\s*(--|—|–|-|:)\s+")
                .expect("valid dateline rule"),
            date_only: Regex::new(r"(?i)^((published|posted|updated|date|last updated)\s*:?\s*)?((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{4}-\d{2}-\d{2}([ t]\d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}(st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})(,?\s*(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?)?(\s*(gmt|utc|bst|est|edt|cst|bjt|msk|ist|[+-]\d{2}:?\d{2}))?(\s*\|.*)?\s*$")
                .expect("valid date line rule"),
            trailing_credit: Regex::new(r"(?i)\s*\(\s*(©|photo|photos|file photo|image|credit|courtesy|pictured)[^()]{0,60}\)\s*$")
                .expect("valid credit rule"),
            byline: Regex::new(r"^(By|BY|Written by|Words by)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(\s+(and|&)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})?\s*(,|\||—|–|-)?\s*([A-Za-z ,.'’]{0,60})$")
                .expect("valid byline rule"),
        }
    }

    /// Classifies one trimmed line: `Some(reason)` when it is boilerplate.
    pub fn classify_line(&self, line: &str) -> Option<DropReason> {
        // The first rule of the table that matches.
        let anchored = self
            .line_rules
            .matches(line)
            .iter()
            .next()
            .map(|k| self.line_rows[k]);
        let anywhere = self
            .anywhere_rules
            .iter()
            .find(|(_, re)| re.is_match(line))
            .map(|(i, _)| *i);
        if let Some(i) = anchored.into_iter().chain(anywhere).min() {
            return Some(self.line_reasons[i]);
        }
        if self.share_word_line.is_match(line) {
            return Some(DropReason::ShareButtons);
        }
        if self.editor_code.is_match(line) {
            return Some(DropReason::Signature);
        }
        if self.date_only.is_match(line) {
            return Some(DropReason::DateLine);
        }
        if line.len() < 90 && self.byline.is_match(line) {
            return Some(DropReason::Byline);
        }
        None
    }

    /// Cleans one raw article.
    pub fn clean(&self, raw: &str) -> Cleaned {
        let mut out = Cleaned::default();
        // (raw span of the trimmed line, reason if dropped)
        let mut lines: Vec<(Span, Option<DropReason>)> = Vec::new();
        let mut offset = 0;
        for line in raw.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed_start = line.len() - line.trim_start().len();
            let body = line.trim();
            if body.is_empty() {
                lines.push((Span::new(start, start), None));
                continue;
            }
            let span = Span::new(start + trimmed_start, start + trimmed_start + body.len());
            lines.push((span, self.classify_line(body)));
        }
        self.mark_stray_tail(raw, &mut lines);

        let mut paragraph_break = true;
        let mut block: Option<Span> = None;
        let mut prev_line: Option<&str> = None;
        for (span, reason) in lines {
            if span.is_empty() {
                paragraph_break = true;
                continue;
            }
            if let Some(reason) = reason {
                out.dropped.push((span, reason));
                paragraph_break = true;
                continue;
            }
            let mut keep = span;
            let text = &raw[keep.start..keep.end];
            if let Some(m) = self.dateline_prefix.find(text) {
                // A dateline prefix must leave a sentence behind it.
                if m.end() < text.len()
                    && text[m.end()..]
                        .starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
                {
                    out.dropped.push((
                        Span::new(keep.start, keep.start + m.end()),
                        DropReason::Dateline,
                    ));
                    keep.start += m.end();
                }
            }
            let text = &raw[keep.start..keep.end];
            if let Some(m) = self.trailing_credit.find(text) {
                if m.start() > 0 {
                    out.dropped.push((
                        Span::new(keep.start + m.start(), keep.end),
                        DropReason::PhotoCredit,
                    ));
                    keep.end = keep.start + m.start();
                }
            }
            let text = &raw[keep.start..keep.end];
            // A line continues the previous one (hard-wrapped text) when the previous line has no
            // final punctuation and this one starts in lower case.
            let continues = !paragraph_break
                && prev_line.is_some_and(|p| !ends_sentence(p))
                && text.starts_with(|c: char| c.is_lowercase());
            let separator = if paragraph_break || !continues {
                "\n\n"
            } else {
                "\n"
            };
            out.clean.push(raw, keep, separator);
            match (&mut block, continues) {
                (Some(b), true) => b.end = keep.end,
                _ => {
                    if let Some(b) = block.take() {
                        out.blocks.push(b);
                    }
                    block = Some(keep);
                }
            }
            prev_line = Some(text);
            paragraph_break = false;
        }
        if let Some(b) = block {
            out.blocks.push(b);
        }
        for (span, reason) in &out.dropped {
            out.diagnostics.push(Diagnostic {
                severity: Severity::Info,
                stage: "clean",
                message: format!("dropped {}", reason.as_str()),
                span: Some(*span),
            });
        }
        out
    }

    /// Short lower-case lines after the last real paragraph ("shared on", "truenews") are stray
    /// tags left by scrapers.
    fn mark_stray_tail(&self, raw: &str, lines: &mut [(Span, Option<DropReason>)]) {
        for (span, reason) in lines.iter_mut().rev() {
            if span.is_empty() || reason.is_some() {
                continue;
            }
            let text = &raw[span.start..span.end];
            let words = text.split_whitespace().count();
            let looks_like_tag = words <= 3
                && text.len() <= 40
                && !text.ends_with(['.', '!', '?', '"', '”'])
                && text.chars().all(|c| !c.is_uppercase());
            if looks_like_tag {
                *reason = Some(DropReason::StrayTag);
            } else {
                break;
            }
        }
    }
}

/// True when a line ends like a sentence (final punctuation, possibly inside quotes).
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    trimmed.ends_with(['.', '!', '?', ':', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(raw: &str) -> String {
        Cleaner::new().clean(raw).clean.text
    }

    #[test]
    fn clean_offsets_map_back_to_raw() {
        let raw = "Headline here\n\nShare this article\nFirst para. Second.\nRelated: other story\nLast one.\n";
        let cleaned = Cleaner::new().clean(raw);
        assert_eq!(
            cleaned.clean.text,
            "Headline here\n\nFirst para. Second.\n\nLast one."
        );
        let pos = cleaned.clean.text.find("Second").unwrap();
        let raw_pos = cleaned.clean.to_raw(pos);
        assert_eq!(&raw[raw_pos..raw_pos + 6], "Second");
        let last = cleaned.clean.text.find("Last").unwrap();
        let span = cleaned
            .clean
            .to_raw_span(Span::new(last, cleaned.clean.text.len()));
        assert_eq!(&raw[span.start..span.end], "Last one.");
    }

    #[test]
    fn boilerplate_lines_are_dropped() {
        let cases = [
            "S/SH 11",
            "PW/ML 4",
            "shared on",
            "(Global Times)",
            "(Xinhua)",
            "Send questions/comments to the editors.",
            "Comments are no longer available on this story",
            "Comments are closed for this article.",
            "Facebook Twitter WhatsApp Email",
            "Share | Print | Email",
            "Related: China and Russia hold talks",
            "READ MORE: Something else",
            "ALSO READ",
            "Sign up for our daily briefing newsletter",
            "(Editing by Tom Hogue)",
            "--ENDS--",
            "tags: China, Russia, defense",
            "Photo: AFP",
            "File photo / Reuters",
            "April 21, 2016 4:30 pm",
            "Published: 3 March 2023",
            "2023-03-03 09:14 GMT",
            "By Jane Doe, Staff Reporter",
            "Advertisement",
            "© 2023 Example News. All rights reserved.",
        ];
        let cleaner = Cleaner::new();
        for line in cases {
            assert!(cleaner.classify_line(line).is_some(), "not dropped: {line}");
        }
    }

    #[test]
    fn news_sentences_are_kept() {
        let cases = [
            "China and Russia held joint naval drills on Monday.",
            "Share prices fell sharply in Tokyo after the announcement.",
            "Related talks are expected next month, officials said.",
            "By 2025, the navy plans to field three carriers.",
            "Print media in Syria is tightly controlled.",
            "China Seeks More Cooperation With Russian Military",
            "Comments by the minister angered Tokyo.",
        ];
        let cleaner = Cleaner::new();
        for line in cases {
            assert_eq!(cleaner.classify_line(line), None, "dropped: {line}");
        }
    }

    #[test]
    fn dateline_prefix_and_credit_are_cut_inline() {
        let raw = "BEIJING, April 21 (Xinhua) -- China and Afghanistan agreed to deepen ties.\nThe two leaders met in Kabul (Photo: Reuters)\n";
        assert_eq!(
            kept(raw),
            "China and Afghanistan agreed to deepen ties.\n\nThe two leaders met in Kabul"
        );
    }

    #[test]
    fn stray_tags_only_at_the_end() {
        let raw = "Body sentence one.\n\ntruenews\n\ntruenews\n";
        assert_eq!(kept(raw), "Body sentence one.");
    }

    #[test]
    fn wrapped_lines_join_one_block() {
        let raw = "The minister said the talks\nwere productive.\nA new paragraph starts here.\n";
        let cleaned = Cleaner::new().clean(raw);
        assert_eq!(cleaned.blocks.len(), 2);
        assert_eq!(
            &raw[cleaned.blocks[0].start..cleaned.blocks[0].end],
            "The minister said the talks\nwere productive."
        );
    }
}
