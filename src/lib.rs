//! lawscore — audit Chinese annual rule-of-law reports (法治政府建设年度报告) against a
//! checklist kept in YAML, and render scorecards.
//!
//! One pipeline, one module per stage, over a ground floor every stage shares ([`model`]: the
//! scorecard contract and section kinds; [`msg`]: every message a person reads, in Chinese and English; [`fold`]: one-for-one text folding; [`digest`]: SHA-256 in hex;
//! [`visible`]: report text made safe to show a person; [`builtin_regex`]: the crate's own
//! regexes, checked together):
//! [`ingest`] (bytes → text) → [`document`] (sections, kinds, metadata) →
//! [`rules`] (load, validate, compile) → [`score`] → [`render`]; over them, [`engine`] (the
//! whole pipeline behind one call) and [`calibrate`] (a pack over a corpus: `rules diff`,
//! `rules calibrate`).

pub mod builtin_regex;
pub mod calibrate;
pub mod digest;
pub mod document;
pub mod engine;
pub mod fold;
pub mod history;
pub mod ingest;
pub mod model;
pub mod msg;
pub mod render;
pub mod reuse;
pub mod rules;
pub mod score;
pub mod visible;
pub mod yaml;
