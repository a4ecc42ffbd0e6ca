//! The content-stream walker: runs the operators that place text (graphics state, text
//! state, matrices, form XObjects) and writes down each shown string as a [`Run`] at
//! the place the page shows it.
//!
//! Lines and paragraphs are not this module's business ([`crate::ingest::layout`] makes
//! them from the runs), so it keeps runs small and exact: one per shown string, split
//! where a `TJ` array opens a gap wider than half an em, so layout sees the gap.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::font::Font;

mod show;
use super::geom::{Frame, Matrix};
use super::limits::{Unpack, MAX_FORM_DEPTH, MAX_OPERATORS, MAX_SAVED_STATES};
use super::resolve;
use super::ReadError;
use crate::ingest::layout::Run;

/// A `TJ` adjustment (thousandths of an em) past which the run is split: a gap wider
/// than half an em is a space a reader sees, or a column.
const SPLIT_ADJUSTMENT: f32 = 500.0;

/// What the file's pages showed, for telling a scan or an unreadable font from text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tally {
    /// Glyphs read as text (spaces left out).
    pub read: usize,
    /// Glyphs whose font says nothing of their text.
    pub unread: usize,
    /// Images drawn (XObjects and inline).
    pub images: usize,
}

/// Fonts read so far, shared by all pages (a ToUnicode map is parsed once per file).
#[derive(Debug, Default)]
pub(super) struct Fonts {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

/// The state `q` saves and `Q` restores, text state included.
#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Rc<Font>,
    size: f32,
    char_space: f32,
    word_space: f32,
    /// `Tz` / 100.
    h_scale: f32,
    leading: f32,
    rise: f32,
}

/// A run being built: where it started and what it reads so far.
#[derive(Debug, Default)]
struct Pending {
    start: Option<(f32, f32)>,
    size: f32,
    text: String,
}

/// One page's walk.
pub(super) struct Walker<'a> {
    doc: &'a Document,
    fonts: &'a mut Fonts,
    unpack: &'a mut Unpack,
    tally: &'a mut Tally,
    frame: Frame,
    state: State,
    saved: Vec<State>,
    /// `q` past [`MAX_SAVED_STATES`] not saved, so their `Q` restore nothing.
    unsaved: usize,
    tm: Matrix,
    tlm: Matrix,
    operators: usize,
    /// Form XObjects being drawn (a form that draws itself is not entered again).
    forms: HashSet<ObjectId>,
    runs: Vec<Run>,
}

impl<'a> Walker<'a> {
    /// A walker for a page shown in `frame`.
    pub(super) fn new(
        doc: &'a Document,
        fonts: &'a mut Fonts,
        unpack: &'a mut Unpack,
        tally: &'a mut Tally,
        frame: Frame,
    ) -> Self {
        Walker {
            doc,
            fonts,
            unpack,
            tally,
            frame,
            state: State {
                ctm: Matrix::IDENTITY,
                font: Rc::new(Font::unknown()),
                size: 0.0,
                char_space: 0.0,
                word_space: 0.0,
                h_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            saved: Vec::new(),
            unsaved: 0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            operators: 0,
            forms: HashSet::new(),
            runs: Vec::new(),
        }
    }

    /// The runs the page showed, in drawing order.
    pub(super) fn into_runs(self) -> Vec<Run> {
        self.runs
    }

    /// Unpacks a content stream and runs it.
    pub(super) fn walk_stream(
        &mut self,
        stream: &Stream,
        resources: Option<&Dictionary>,
    ) -> Result<(), ReadError> {
        let data = self.unpack.stream(stream)?;
        self.walk(&data, resources)
    }

    /// Runs one content stream (`data`, decoded) with `resources`. A stream damaged
    /// part way keeps what came before the damage.
    pub(super) fn walk(
        &mut self,
        data: &[u8],
        resources: Option<&Dictionary>,
    ) -> Result<(), ReadError> {
        for op in Content::decode_iter(data) {
            let Ok(op) = op else { break };
            self.operators += 1;
            if self.operators > MAX_OPERATORS {
                return Err(ReadError::Operators);
            }
            self.operate(&op, resources)?;
        }
        Ok(())
    }

    fn operate(&mut self, op: &Operation, resources: Option<&Dictionary>) -> Result<(), ReadError> {
        let num = |i: usize| {
            op.operands
                .get(i)
                .and_then(|o| o.as_float().ok())
                .filter(|v| v.is_finite())
        };
        match op.operator.as_str() {
            "q" => self.save(),
            "Q" => self.restore(),
            "cm" => {
                if let Some(m) = matrix(&op.operands) {
                    self.state.ctm = m.then(&self.state.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                self.state.font = self.font(resources, op.operands.first())?;
                self.state.size = num(1).unwrap_or(0.0);
            }
            "Tc" => self.state.char_space = num(0).unwrap_or(0.0),
            "Tw" => self.state.word_space = num(0).unwrap_or(0.0),
            "Tz" => self.state.h_scale = num(0).unwrap_or(100.0) / 100.0,
            "TL" => self.state.leading = num(0).unwrap_or(0.0),
            "Ts" => self.state.rise = num(0).unwrap_or(0.0),
            "Td" | "TD" => {
                let (tx, ty) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                if op.operator == "TD" {
                    self.state.leading = -ty;
                }
                self.move_line(tx, ty);
            }
            "Tm" => {
                if let Some(m) = matrix(&op.operands) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.move_line(0.0, -self.state.leading),
            "Tj" | "'" | "\"" | "TJ" => self.show_op(op),
            "Do" => self.draw(resources, op.operands.first())?,
            "BI" => self.tally.images += 1,
            _ => {}
        }
        Ok(())
    }

    fn save(&mut self) {
        if self.saved.len() < MAX_SAVED_STATES {
            self.saved.push(self.state.clone());
        } else {
            self.unsaved += 1;
        }
    }

    fn restore(&mut self) {
        if self.unsaved > 0 {
            self.unsaved -= 1;
        } else if let Some(s) = self.saved.pop() {
            self.state = s;
        }
    }

    fn move_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    /// The font `name` names in `resources` (an unknown font when there is none).
    fn font(
        &mut self,
        resources: Option<&Dictionary>,
        name: Option<&Object>,
    ) -> Result<Rc<Font>, ReadError> {
        let entry = resources
            .and_then(|r| resolve(self.doc, r.get(b"Font").ok()))
            .and_then(|o| o.as_dict().ok())
            .zip(name.and_then(|n| n.as_name().ok()))
            .and_then(|(fonts, name)| fonts.get(name).ok());
        let id = entry.and_then(|e| e.as_reference().ok());
        if let Some(font) = id.and_then(|id| self.fonts.by_id.get(&id)) {
            return Ok(Rc::clone(font));
        }
        let font = match resolve(self.doc, entry).and_then(|o| o.as_dict().ok()) {
            Some(dict) => Rc::new(Font::load(self.doc, dict, self.unpack)?),
            None => Rc::new(Font::unknown()),
        };
        if let Some(id) = id {
            self.fonts.by_id.insert(id, Rc::clone(&font));
        }
        Ok(font)
    }

    /// `Do`: an image is counted; a form XObject is walked with its own matrix and
    /// resources, its state kept apart from the page's.
    fn draw(
        &mut self,
        resources: Option<&Dictionary>,
        name: Option<&Object>,
    ) -> Result<(), ReadError> {
        let entry = resources
            .and_then(|r| resolve(self.doc, r.get(b"XObject").ok()))
            .and_then(|o| o.as_dict().ok())
            .zip(name.and_then(|n| n.as_name().ok()))
            .and_then(|(xs, name)| xs.get(name).ok());
        let Some(id) = entry.and_then(|e| e.as_reference().ok()) else {
            return Ok(());
        };
        let Some(Object::Stream(form)) = resolve(self.doc, entry) else {
            return Ok(());
        };
        match form.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.tally.images += 1,
            Ok(b"Form") if self.forms.len() < MAX_FORM_DEPTH && !self.forms.contains(&id) => {
                let data = self.unpack.stream(form)?;
                let own = resolve(self.doc, form.dict.get(b"Resources").ok())
                    .and_then(|o| o.as_dict().ok());
                let (state, saved, tm, tlm) =
                    (self.state.clone(), self.saved.len(), self.tm, self.tlm);
                if let Some(m) = form
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| matrix(a))
                {
                    self.state.ctm = m.then(&self.state.ctm);
                }
                self.forms.insert(id);
                let walked = self.walk(&data, own.or(resources));
                self.forms.remove(&id);
                (self.state, self.tm, self.tlm) = (state, tm, tlm);
                self.saved.truncate(saved);
                walked?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// Six numbers as a matrix (`cm`, `Tm`, a form's `/Matrix`); none if any is missing or
/// not finite.
fn matrix(operands: &[Object]) -> Option<Matrix> {
    let v: Vec<f32> = operands
        .iter()
        .take(6)
        .filter_map(|o| o.as_float().ok())
        .collect();
    let m = Matrix(v.try_into().ok()?);
    m.is_finite().then_some(m)
}
