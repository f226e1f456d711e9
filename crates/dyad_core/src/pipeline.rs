//! The pipeline: runs the pure stages in order on one article and collects their results and
//! diagnostics into an [`Analysis`].

use crate::actors::{ActorRecognizer, Mention};
use crate::clean::Cleaner;
use crate::dates::DateResolver;
use crate::events::EventDetector;
use crate::kb::{KbMatch, KnowledgeBase};
use crate::meta::{self, Metadata};
use crate::model::{Article, Diagnostic, Event, Sentence};
use crate::quotes::{Quote, QuoteFinder};
use crate::segment::Segmenter;
use crate::tabari::Dictionary;

/// Everything dyad knows about one article.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Stable id from the normalized clean text.
    pub id: String,
    /// The article as ingested.
    pub article: Article,
    /// Title, publication date and outlet as resolved.
    pub meta: Metadata,
    /// The clean text (boilerplate removed).
    pub clean_text: String,
    /// Sentences, spans into `article.text`.
    pub sentences: Vec<Sentence>,
    /// Actor mentions, resolved to entities.
    pub mentions: Vec<Mention>,
    /// Events.
    pub events: Vec<Event>,
    /// Quotes.
    pub quotes: Vec<Quote>,
    /// What the stages noticed.
    pub diagnostics: Vec<Diagnostic>,
}

/// Which stages to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Clean, segment, metadata.
    Segment,
    /// Plus actors.
    Actors,
    /// Everything.
    Events,
}

/// The stages, built once and shared (read-only) by every worker thread.
#[derive(Debug)]
pub struct Pipeline {
    cleaner: Cleaner,
    segmenter: Segmenter,
    dates: DateResolver,
    kb: KnowledgeBase,
    actors: ActorRecognizer,
    events: EventDetector,
    quotes: QuoteFinder,
    dictionary: Option<Dictionary>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Pipeline {
    /// A pipeline with the embedded knowledge base.
    pub fn new() -> Self {
        // Compiling the tables is most of a short run (0.27 s for one article, on one core):
        // the trigger rows, the dates and the knowledge base build side by side.
        let ((events, dates), (kb, (cleaner, segmenter, actors, quotes))) = rayon::join(
            || rayon::join(EventDetector::new, DateResolver::new),
            || {
                rayon::join(KnowledgeBase::embedded, || {
                    (
                        Cleaner::new(),
                        Segmenter::new(),
                        ActorRecognizer::new(),
                        QuoteFinder::new(),
                    )
                })
            },
        );
        Pipeline {
            cleaner,
            segmenter,
            dates,
            kb,
            actors,
            events,
            quotes,
            dictionary: None,
        }
    }

    /// Adds a TABARI/PETRARCH actor dictionary, consulted for names the knowledge base lacks.
    pub fn with_dictionary(mut self, dictionary: Dictionary) -> Self {
        self.dictionary = Some(dictionary);
        self
    }

    /// The knowledge base.
    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// The date resolver.
    pub fn dates(&self) -> &DateResolver {
        &self.dates
    }

    /// Runs every stage.
    pub fn analyze(&self, article: Article) -> Analysis {
        self.analyze_to(article, Depth::Events)
    }

    /// Runs the stages up to `depth`.
    pub fn analyze_to(&self, mut article: Article, depth: Depth) -> Analysis {
        let mut diagnostics = Vec::new();
        let cleaned = self.cleaner.clean(&article.text);
        let sentences = self.segmenter.segment(&article.text, &cleaned);
        let meta = meta::resolve(
            &article,
            &cleaned,
            &sentences,
            &self.dates,
            &self.kb,
            &mut diagnostics,
        );
        if article.title.is_none() {
            article.title = meta.title.clone();
        }
        let id = meta::article_id(&cleaned.clean.text);
        diagnostics.extend(cleaned.diagnostics.iter().cloned());
        let mut analysis = Analysis {
            id,
            clean_text: cleaned.clean.text,
            article,
            meta,
            sentences,
            mentions: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            diagnostics,
        };
        if depth == Depth::Segment {
            return analysis;
        }
        let published = analysis.meta.published;
        // One automaton pass per sentence, shared by actors, quotes and events.
        let kb_matches: Vec<Vec<KbMatch>> = analysis
            .sentences
            .iter()
            .map(|s| {
                self.kb
                    .find(&analysis.article.text[s.span.start..s.span.end])
            })
            .collect();
        analysis.mentions = self.actors.recognize(
            &analysis.article.text,
            &analysis.sentences,
            &kb_matches,
            published,
            &self.kb,
            self.dictionary.as_ref(),
        );
        if depth == Depth::Actors {
            return analysis;
        }
        analysis.quotes = self.quotes.find(
            &analysis.article.text,
            &analysis.sentences,
            &kb_matches,
            &analysis.mentions,
            &self.kb,
        );
        analysis.events = self.events.detect(
            &analysis.article,
            &analysis.id,
            &analysis.sentences,
            &kb_matches,
            &analysis.mentions,
            published,
            &self.dates,
            &self.kb,
            &mut analysis.diagnostics,
        );
        analysis
    }
}
