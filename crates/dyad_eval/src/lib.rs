//! Scoring of dyad's extracted events against hand-coded gold files (EVENTS.md §3–§4).

mod dates;
pub mod gold;
pub mod report;
pub mod score;

pub use gold::{parse_gold, GoldArticle, GoldError, GoldEvent, GoldParty, PLOVER_TYPES};
pub use report::{
    render_table, Accuracies, Accuracy, FalseAlarm, Miss, ModalityRecall, PartySummary, Report,
    Scores, TypeScores,
};
pub use score::{score, SystemArticle};
