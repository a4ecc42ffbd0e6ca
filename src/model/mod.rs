//! The ground floor: the words every stage shares and that depend on no stage.
//!
//! [`scorecard`] is the published contract (`../shared/spec/output.md`); [`Kind`] names the
//! parts of a report; [`grade`] holds a pack's grades as scoring assigns and outputs show them. Ingest, document, rules, score and render may all use this module; it
//! uses none of them, so no import ever runs back up the pipeline.

pub mod grade;
pub mod history;
pub mod kind;
pub mod position;
pub mod reuse;
pub mod scorecard;

pub use grade::{Grade, GradeScale};
pub use kind::Kind;
