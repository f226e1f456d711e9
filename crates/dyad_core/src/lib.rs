//! dyad's pure analysis pipeline: cleaning, segmentation, metadata, actors, events, dates, places
//! and quotes. Nothing here does IO; every stage returns results plus diagnostics.
//!
//! **Architecture invariant:** spans are byte offsets into `Article::text`; no stage rewrites
//! that text, and no stage fails on messy input.

pub mod actors;
pub mod clean;
pub mod dates;
pub mod events;
pub mod kb;
pub mod meta;
pub mod model;
pub mod pipeline;
pub mod prefilter;
pub mod quotes;
pub mod segment;
pub mod tabari;

pub use model::*;
pub use pipeline::{Analysis, Depth, Pipeline};
