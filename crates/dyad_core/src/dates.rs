//! Time expressions (being written).
