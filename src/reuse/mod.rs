//! Copied text across a batch (issue 14): which passages of a report also stand, identically
//! or nearly, in other reports of the same run.
//!
//! Each report is cut into units — its lines (paragraphs) and, in a line of several
//! sentences, each long sentence — and each unit is reduced to a skeleton: folded
//! ([`crate::fold`]: full/half width, traditional → simplified), every run of digits one
//! `0`, punctuation and white space dropped. A unit with fewer than [`MIN_HAN`] Han
//! characters is not a unit: short fixed phrases (深入学习贯彻习近平法治思想) are said by
//! every report and tell nothing. Skeletons are compared by MinHash over 5-character
//! shingles ([`minhash`]), with LSH banding so only likely pairs are compared: the batch
//! costs one sort per band, never a comparison of every pair.
//!
//! A run keeps only the fingerprints ([`Fingerprint`], a few dozen bytes per unit) while it
//! scores; [`Index::build`] clusters them into passages, and [`Index::block`] writes each
//! report's [`Reuse`](crate::model::reuse::Reuse) block from its own text when its
//! scorecard is written.

mod block;
mod index;
pub mod minhash;
mod units;

pub use index::{Builder, Index};
pub use units::{fingerprint, skeleton, Fingerprint, MIN_HAN};
