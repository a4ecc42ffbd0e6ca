//! `--format html`'s folder: one page per report, written as each report comes, then
//! `index.html` over the rows kept of them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::atomic::write_new;
use super::overview::OverviewRow;
use super::piece::{Body, Piece, Renderer};
use super::stream::Sink;
use super::{replace_dir, Batch, RenderError, Templates};
use crate::history::Histories;
use crate::model::scorecard::{ErrorRecord, Scorecard};
use crate::rules::RulePack;

/// The file name of a report's page: an ASCII stem taken from the source file name (so
/// the folder sorts recognisably and URLs need no escaping), then the first 8 hex digits of
/// SHA-256 of the full path, which keeps two `report.txt` from different folders apart and
/// gives the same name on every run.
pub fn page_file_name(card: &Scorecard) -> String {
    natural_name(&card.source.path)
}

/// [`page_file_name`] of a report whose scorecard names it `path`.
fn natural_name(path: &str) -> String {
    let stem = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut safe = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            safe.push(c);
        } else if !safe.ends_with('_') {
            safe.push('_');
        }
    }
    let safe: String = safe.trim_matches(['_', '-']).chars().take(48).collect();
    let safe = if safe.is_empty() {
        "report".to_string()
    } else {
        safe
    };
    let hex = crate::digest::sha256_hex(path.as_bytes());
    format!("{safe}-{}.html", &hex[..8])
}

/// Page names handed out in input order: [`page_file_name`], made unique. Two inputs can
/// share a shown path (names that differ only in invalid UTF-8 bytes read alike once
/// converted for display; a file given twice) or, rarely, the 8 hex digits; the first in
/// input order keeps its name and each later one gets `-2`, `-3`, … — the same on every run
/// over the same inputs. Names are compared without case, so they stay apart on file
/// systems that ignore it.
///
/// A name is given before the later reports are known, which a batch naming all at once
/// need not do; it comes to the same: a suffixed name (`…-HHHHHHHH-2.html`) never has the
/// shape of a natural one (`…-HHHHHHHH.html`, eight hex digits after the last `-`) below ten
/// million copies of one name, so a later natural name is never already taken.
#[derive(Debug, Default)]
pub struct PageNames {
    taken: HashSet<String>,
}

impl PageNames {
    /// No name given yet.
    pub fn new() -> PageNames {
        PageNames::default()
    }

    /// The page name of the next report, whose scorecard names it `path`.
    pub fn next(&mut self, path: &str) -> String {
        let name = natural_name(path);
        if self.taken.insert(name.to_ascii_lowercase()) {
            return name;
        }
        let stem = name.trim_end_matches(".html");
        (2..)
            .map(|n| format!("{stem}-{n}.html"))
            .find(|n| self.taken.insert(n.to_ascii_lowercase()))
            .expect("some suffix is free")
    }
}

/// The page names of a batch, `names[i]` for `cards[i]`, as [`PageNames`] gives them.
pub fn page_file_names(cards: &[Scorecard]) -> Vec<String> {
    let mut names = PageNames::new();
    cards.iter().map(|c| names.next(&c.source.path)).collect()
}

/// A folder of pages being written: each report's page as it comes, `index.html` at the
/// end from the rows kept.
pub struct HtmlWriter<'a> {
    dir: PathBuf,
    templates: &'a Templates,
    pack: &'a RulePack,
    names: PageNames,
    rows: Vec<OverviewRow>,
    history: Histories,
    /// The most copied passages, for the overview (a batch checked for reuse only).
    top: Vec<crate::model::reuse::TopPassage>,
}

impl<'a> HtmlWriter<'a> {
    /// Writes into `dir` (a fresh temporary folder: see [`replace_dir`]) what `r` renders.
    pub fn new(dir: &Path, r: &Renderer<'a>) -> HtmlWriter<'a> {
        HtmlWriter {
            dir: dir.to_path_buf(),
            templates: r.templates(),
            pack: r.pack,
            names: PageNames::new(),
            rows: Vec::new(),
            history: Histories::default(),
            top: Vec::new(),
        }
    }

    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), RenderError> {
        write_new(&self.dir.join(name), bytes).map_err(|e| RenderError::Io(format!("{name}: {e}")))
    }

    /// Writes `index.html` and gives the page names, in input order. The index has a row
    /// per report, so it is rendered straight into its file rather than held whole.
    pub fn finish(self, errors: &[ErrorRecord]) -> Result<Vec<String>, RenderError> {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.dir.join("index.html"))?;
        let out = std::io::BufWriter::with_capacity(1 << 16, file);
        let history = super::history_view::rows(self.history, &self.rows);
        let rows = std::sync::Arc::new(self.rows);
        let out = self
            .templates
            .overview_to(&rows, errors, self.pack, &history, &self.top, out)?;
        let file = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        let rows = std::sync::Arc::try_unwrap(rows).unwrap_or_else(|shared| (*shared).clone());
        Ok(rows.into_iter().map(|r| r.page).collect())
    }
}

impl Sink for HtmlWriter<'_> {
    fn reuse_top(&mut self, top: Vec<crate::model::reuse::TopPassage>) {
        self.top = top;
    }

    fn put(&mut self, piece: Piece) -> Result<(), RenderError> {
        let Body::Page(html, mut row) = piece.body else {
            return Err(RenderError::Io(
                "a report rendered for another format".into(),
            ));
        };
        row.page = self.names.next(row.path());
        self.write(&row.page, html.as_bytes())?;
        self.rows.push(*row);
        Ok(())
    }

    fn history(&mut self, history: Histories) {
        self.history = history;
    }
}

/// Writes one page per report, `index.html` and the scorecard mark into `dir` and returns
/// the paths of the pages and the index, pages first. The folder is made whole or not at
/// all ([`replace_dir`]): everything is written into a temporary folder beside `dir`, which
/// takes `dir`'s place only when complete, so a failed or interrupted run leaves the
/// previous output as it was. `dir` must be absent, empty or an earlier run's output.
pub fn write_html_dir(dir: &Path, b: &Batch, t: &Templates) -> Result<Vec<PathBuf>, RenderError> {
    let r = Renderer::new(super::OutputFormat::Html, b.pack).with_templates(t);
    let mut names = Vec::new();
    replace_dir(dir, |tmp| -> Result<(), RenderError> {
        let mut w = HtmlWriter::new(tmp, &r);
        for (i, card) in b.cards.iter().enumerate() {
            let text = b.texts.get(i).map_or("", String::as_str);
            w.put(r.piece(card, text)?)?;
        }
        names = w.finish(b.errors)?;
        Ok(())
    })?;
    let mut written: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    written.push(dir.join("index.html"));
    Ok(written)
}
