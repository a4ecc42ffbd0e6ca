//! What a batch keeps of its reports until the end, for the histories: per report a few
//! hundred bytes in memory (the path, issuer, year, score, grade and each element's
//! status and points), the names of elements and categories once per pack shape, and
//! the packed sentence keys and evidence in a temporary file, read back only for the
//! reports that are in a history. Memory so stays flat however long the batch; when no
//! temporary file can be written the packed part is kept in memory instead.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};

use super::{Element, Packed, Year};
use crate::model::scorecard::{CategoryScore, Status};
use crate::model::Grade;

/// A batch's reports as the histories need them, in the order they came.
#[derive(Default)]
pub struct Years {
    kept: Vec<Kept>,
    shapes: Vec<Shape>,
    spool: Spool,
}

/// One report, without its names and packed part.
struct Kept {
    path: String,
    issuer: Option<String>,
    year: Option<i32>,
    score: f64,
    grade: Grade,
    earned: f64,
    possible: f64,
    /// Index into [`Years::shapes`].
    shape: usize,
    /// (earned, possible) per category of the shape.
    categories: Box<[(f64, f64)]>,
    statuses: Box<[Status]>,
    points: Box<[f64]>,
    packed: At,
}

/// The names of a pack's categories (id, title) and elements (id, title, category), as
/// many reports share them.
#[derive(PartialEq)]
struct Shape {
    categories: Vec<(String, String)>,
    elements: Vec<(String, String, String)>,
}

impl Shape {
    fn of(y: &Year) -> Shape {
        Shape {
            categories: (y.categories.iter())
                .map(|c| (c.id.clone(), c.title.clone()))
                .collect(),
            elements: (y.elements.iter())
                .map(|e| (e.id.clone(), e.title.clone(), e.category.clone()))
                .collect(),
        }
    }

    /// True when `y` has these names, without building its shape.
    fn fits(&self, y: &Year) -> bool {
        let same_categories = (self.categories.iter())
            .map(|(id, title)| (id.as_str(), title.as_str()))
            .eq(y
                .categories
                .iter()
                .map(|c| (c.id.as_str(), c.title.as_str())));
        let same_elements =
            (self.elements.iter())
                .map(|(id, title, cat)| (id.as_str(), title.as_str(), cat.as_str()))
                .eq((y.elements.iter())
                    .map(|e| (e.id.as_str(), e.title.as_str(), e.category.as_str())));
        same_categories && same_elements
    }
}

impl Years {
    /// Keeps `y`.
    pub fn push(&mut self, y: Year) {
        let shape = match self.shapes.iter().position(|s| s.fits(&y)) {
            Some(i) => i,
            None => {
                self.shapes.push(Shape::of(&y));
                self.shapes.len() - 1
            }
        };
        let packed = self.spool.put(y.packed.bytes());
        self.kept.push(Kept {
            path: y.path,
            issuer: y.issuer,
            year: y.year,
            score: y.score,
            grade: y.grade,
            earned: y.earned,
            possible: y.possible,
            shape,
            categories: y
                .categories
                .iter()
                .map(|c| (c.earned, c.possible))
                .collect(),
            statuses: y.elements.iter().map(|e| e.status).collect(),
            points: y.elements.iter().map(|e| e.points).collect(),
            packed,
        });
    }

    /// How many reports are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// True when no report is kept.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The year, issuer and path of report `i`: what places it in a group.
    pub(super) fn place(&self, i: usize) -> (Option<i32>, Option<&str>, &str) {
        let k = &self.kept[i];
        (k.year, k.issuer.as_deref(), &k.path)
    }

    /// Report `i` whole again, its packed part read back.
    pub(super) fn year(&mut self, i: usize) -> Year {
        let k = &self.kept[i];
        let shape = &self.shapes[k.shape];
        let categories = (shape.categories.iter().zip(k.categories.iter()))
            .map(|((id, title), &(earned, possible))| CategoryScore {
                id: id.clone(),
                title: title.clone(),
                earned,
                possible,
            })
            .collect();
        let elements = (shape
            .elements
            .iter()
            .zip(k.statuses.iter().zip(k.points.iter())))
        .map(|((id, title, category), (&status, &points))| Element {
            id: id.clone(),
            title: title.clone(),
            category: category.clone(),
            status,
            points,
        })
        .collect();
        let packed = Packed::from_bytes(self.spool.get(k.packed));
        Year {
            path: k.path.clone(),
            issuer: k.issuer.clone(),
            year: k.year,
            score: k.score,
            grade: k.grade.clone(),
            earned: k.earned,
            possible: k.possible,
            categories,
            elements,
            packed,
        }
    }
}

impl Extend<Year> for Years {
    fn extend<I: IntoIterator<Item = Year>>(&mut self, years: I) {
        for y in years {
            self.push(y);
        }
    }
}

impl From<Vec<Year>> for Years {
    fn from(years: Vec<Year>) -> Years {
        let mut out = Years::default();
        out.extend(years);
        out
    }
}

/// Where a report's packed part is: in the file or in memory, from a byte offset on.
#[derive(Clone, Copy)]
enum At {
    File(u64, usize),
    Memory(usize, usize),
}

/// The packed parts of a batch: a temporary file (removed when dropped, even if the run
/// is killed, since it has no name), or memory once the file cannot be written.
#[derive(Default)]
struct Spool {
    file: Option<BufWriter<File>>,
    /// Bytes written to the file.
    written: u64,
    /// True once the file could not be made or written: the rest goes to memory.
    failed: bool,
    /// True after a read moved the file's position away from its end.
    moved: bool,
    memory: Vec<u8>,
}

impl Spool {
    fn put(&mut self, bytes: &[u8]) -> At {
        if !self.failed {
            match self.write_file(bytes) {
                Ok(at) => return At::File(at, bytes.len()),
                Err(_) => self.failed = true,
            }
        }
        self.memory.extend_from_slice(bytes);
        At::Memory(self.memory.len() - bytes.len(), bytes.len())
    }

    fn write_file(&mut self, bytes: &[u8]) -> std::io::Result<u64> {
        if self.file.is_none() {
            self.file = Some(BufWriter::new(tempfile::tempfile()?));
        }
        let file = self.file.as_mut().expect("made above");
        if self.moved {
            file.seek(SeekFrom::End(0))?;
            self.moved = false;
        }
        file.write_all(bytes)?;
        let at = self.written;
        self.written += bytes.len() as u64;
        Ok(at)
    }

    /// The bytes at `at`; none when the file cannot be read back (the report then shows no
    /// evidence and no sentence in its history rather than stopping the run).
    fn get(&mut self, at: At) -> Vec<u8> {
        match at {
            At::Memory(from, n) => self.memory[from..from + n].to_vec(),
            At::File(from, n) => self.read_file(from, n).unwrap_or_default(),
        }
    }

    fn read_file(&mut self, from: u64, n: usize) -> std::io::Result<Vec<u8>> {
        let file = self.file.as_mut().ok_or(std::io::ErrorKind::NotFound)?;
        file.flush()?;
        self.moved = true;
        let mut f = file.get_ref();
        f.seek(SeekFrom::Start(from))?;
        let mut buf = vec![0; n];
        f.read_exact(&mut buf)?;
        Ok(buf)
    }
}
