//! A JSON or JSON Lines report held as its bytes while a batch looks for copied text
//! (issue 14): rendered once by the worker that scored it, without its `reuse` block, and
//! the block spliced in when the batch is known. Holding the rendered bytes rather than the
//! scorecard spares serialising the card, parsing it back and serialising it again, which
//! cost a batch more than finding what was copied.

use super::piece::{Body, Piece};
use super::{json, OutputFormat, Renderer};
use crate::model::reuse::Reuse;
use crate::model::Grade;

/// What is kept in memory of a held report: what the run needs of it besides its bytes.
#[derive(Debug, Clone)]
pub struct Held {
    score: f64,
    grade: Grade,
}

impl Held {
    /// The report's score (for `--fail-under`).
    pub fn score(&self) -> f64 {
        self.score
    }
}

impl Renderer<'_> {
    /// True when this format's pieces can be held as bytes ([`Renderer::hold`]): JSON and
    /// JSON Lines, whose block is the scorecard's last field. CSV, xlsx and HTML are
    /// rendered from the scorecard once its block is known.
    pub fn holds_bytes(&self) -> bool {
        matches!(self.format, OutputFormat::Json | OutputFormat::Jsonl)
    }

    /// The bytes of `piece` (rendered by this renderer from a card without a block) and
    /// what is kept of it; `None` for a format that does not hold bytes.
    pub fn hold(&self, piece: Piece) -> Option<(Vec<u8>, Held)> {
        if !self.holds_bytes() {
            return None;
        }
        let Body::Text(s) = piece.body else {
            return None;
        };
        let held = Held {
            score: piece.score,
            grade: piece.grade,
        };
        Some((s.into_bytes(), held))
    }

    /// The piece of a held report with its block `reuse`: what [`Renderer::piece`] renders
    /// of the card holding it. `bytes` must be what [`Renderer::hold`] gave.
    pub fn release(&self, bytes: Vec<u8>, held: Held, reuse: &Reuse) -> Piece {
        let b = if self.format == OutputFormat::Json {
            json::report_with_reuse(bytes, reuse)
        } else {
            json::line_with_reuse(bytes, reuse)
        };
        Piece {
            body: Body::Bytes(b),
            score: held.score,
            grade: held.grade,
        }
    }
}
