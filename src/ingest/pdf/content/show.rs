//! Showing strings: each code's text into the run being built, the text matrix moved
//! by each glyph's width and spacing, runs ended where a `TJ` gap opens.

use std::rc::Rc;

use lopdf::content::Operation;
use lopdf::Object;

use super::{Pending, Walker, SPLIT_ADJUSTMENT};
use crate::ingest::layout::Run;
use crate::ingest::pdf::font::Font;
use crate::ingest::pdf::geom::Matrix;

impl Walker<'_> {
    /// `Tj`, `'`, `"` and `TJ`.
    pub(super) fn show_op(&mut self, op: &Operation) {
        let operands = &op.operands;
        match op.operator.as_str() {
            "'" => self.move_line(0.0, -self.state.leading),
            "\"" => {
                let n = |i: usize| operands.get(i).and_then(|o| o.as_float().ok());
                self.state.word_space = n(0).filter(|v| v.is_finite()).unwrap_or(0.0);
                self.state.char_space = n(1).filter(|v| v.is_finite()).unwrap_or(0.0);
                self.move_line(0.0, -self.state.leading);
            }
            _ => {}
        }
        let mut run = Pending::default();
        match (op.operator.as_str(), operands.last()) {
            ("TJ", Some(Object::Array(items))) => {
                for item in items {
                    match item {
                        Object::String(bytes, _) => self.show(bytes, &mut run),
                        other => {
                            let adjust = other
                                .as_float()
                                .ok()
                                .filter(|v| v.is_finite())
                                .unwrap_or(0.0);
                            if adjust < -SPLIT_ADJUSTMENT {
                                self.flush(&mut run);
                            }
                            self.advance(
                                -adjust / 1000.0 * self.state.size * self.state.h_scale,
                                0.0,
                            );
                        }
                    }
                }
            }
            (_, Some(Object::String(bytes, _))) => self.show(bytes, &mut run),
            _ => {}
        }
        self.flush(&mut run);
    }

    /// Shows one string: each code's text goes to `run`, and the text matrix moves on.
    fn show(&mut self, bytes: &[u8], run: &mut Pending) {
        let font = Rc::clone(&self.state.font);
        let mut i = 0;
        while i < bytes.len() {
            let (code, len) = font.next_code(&bytes[i..]);
            let glyph = &bytes[i..i + usize::from(len).max(1)];
            i += glyph.len();
            if run.start.is_none() {
                run.start = Some(self.origin());
                run.size = self.frame_matrix().length(0.0, self.state.size);
            }
            let before = run.text.len();
            if font.push_text(code, glyph, &mut run.text) {
                if !run.text[before..].trim().is_empty() {
                    self.tally.read += 1;
                }
            } else {
                self.tally.unread += 1;
            }
            let s = &self.state;
            let spacing = s.char_space
                + if Font::word_space(code, len) {
                    s.word_space
                } else {
                    0.0
                };
            if font.vertical {
                self.advance(0.0, -(s.size + spacing));
                self.flush(run);
            } else {
                self.advance((font.width(code, len) * s.size + spacing) * s.h_scale, 0.0);
            }
        }
    }

    fn advance(&mut self, tx: f32, ty: f32) {
        self.tm = Matrix::translate(tx, ty).then(&self.tm);
    }

    /// Text space → the page's frame, as things stand.
    fn frame_matrix(&self) -> Matrix {
        self.tm.then(&self.state.ctm).then(&self.frame.to_top)
    }

    /// Where the next glyph's baseline starts, in the page's frame.
    fn origin(&self) -> (f32, f32) {
        self.frame_matrix().apply(0.0, self.state.rise)
    }

    /// Ends the run being built (one with no text is dropped: nothing to read there).
    fn flush(&mut self, run: &mut Pending) {
        let Some((x0, y)) = run.start.take() else {
            return;
        };
        let text = std::mem::take(&mut run.text);
        let (x1, _) = self.origin();
        if text.is_empty() || !(x0.is_finite() && x1.is_finite() && y.is_finite()) {
            return;
        }
        self.runs.push(Run {
            x: x0.min(x1),
            y,
            width: (x1 - x0).abs(),
            size: if run.size.is_finite() { run.size } else { 0.0 },
            text,
        });
    }
}
