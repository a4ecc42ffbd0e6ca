//! Stage 4 — score a document against a compiled rule pack.

pub mod scorecard;
