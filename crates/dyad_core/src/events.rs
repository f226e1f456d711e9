//! Event detection (being written).
use crate::actors::Mention;
use crate::dates::DateResolver;
use crate::kb::KnowledgeBase;
use crate::model::{Article, Event, Sentence};
use chrono::NaiveDate;
/// Detector.
#[derive(Debug, Default)]
pub struct EventDetector;
impl EventDetector {
    /// New.
    pub fn new() -> Self {
        EventDetector
    }
    /// Detect.
    #[allow(clippy::too_many_arguments)]
    pub fn detect(
        &self,
        _a: &Article,
        _id: &str,
        _s: &[Sentence],
        _m: &[Mention],
        _p: Option<NaiveDate>,
        _d: &DateResolver,
        _kb: &KnowledgeBase,
    ) -> Vec<Event> {
        Vec::new()
    }
}
