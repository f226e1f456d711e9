//! dyad's pure analysis pipeline: cleaning, segmentation, metadata, actors, events, dates, places
//! and quotes. Nothing here does IO; every stage returns results plus diagnostics.

pub mod clean;
pub mod dates;
pub mod model;
pub mod segment;

pub use model::*;
