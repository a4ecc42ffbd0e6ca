//! `--format csv`: one row per report, for spreadsheet programs (UTF-8 with a byte-order
//! mark, CRLF line ends). The row's figures are kept as values ([`CsvRow`]) so the xlsx
//! output lays out the very same figures.

use std::borrow::Cow;
use std::collections::HashMap;

use super::labels::fmt1;
use crate::model::scorecard::{ErrorRecord, Level, RulesetRef, Scorecard, Status};
use crate::rules::RulePack;
use crate::t;

/// What a spreadsheet takes for the start of a formula when a cell begins with it (OWASP's
/// list for CSV injection: = + - @, tab, carriage return; and NUL and line feed, which some
/// importers strip before looking). The full-width forms are included as a precaution, since
/// East Asian input methods turn them into their ASCII forms while a cell is edited.
const FORMULA_START: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠',
];

/// A text cell as a spreadsheet may safely open it: a cell that begins, after any spaces,
/// with a formula character gets a leading `'`, which Excel, LibreOffice and Google Sheets
/// read as "this is text" (OWASP's advice). Quoting of cells that hold the separator or a
/// quote is the CSV writer's. The lone `-` that names standard input is no formula and is
/// left alone, as are numbers, which are written by their own columns and never pass here.
fn text_cell(s: &str) -> Cow<'_, str> {
    let first = s.trim_start_matches(' ').chars().next();
    if s == "-" || !first.is_some_and(|c| FORMULA_START.contains(&c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(format!("'{s}"))
}

/// Which header row a CSV carries, and in which words its cells name statuses and levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvHeaders {
    /// Field names and element ids, status and level wire names: the output contract,
    /// what programs read.
    #[default]
    Id,
    /// For people: headers in the message language (Chinese unless `--lang en`), element
    /// and category titles from the pack, statuses in words (达标, 缺失 …).
    Zh,
}

/// The columns before the element ids, as the contract names them.
const HEAD: [&str; 7] = ["path", "title", "issuer", "year", "date", "score", "grade"];

/// The byte-order mark a CSV output starts with, since Excel otherwise reads Chinese text
/// as the local code page.
pub(super) const BOM: &str = "\u{FEFF}";

/// A CSV writer as every CSV output is written: CRLF line ends.
pub(super) fn writer<W: std::io::Write>(out: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out)
}

/// A status in the words of `h`: the wire name for programs, the scorecard's word for people
/// (the same as the card and the pages show).
pub(super) fn status_word(s: Status, h: CsvHeaders) -> &'static str {
    if h == CsvHeaders::Id {
        return s.as_str();
    }
    super::labels::status_label(s)
}

/// A level in the words of `h`.
pub(super) fn level_word(l: Level, h: CsvHeaders) -> &'static str {
    if h == CsvHeaders::Id {
        return l.as_str();
    }
    super::labels::level_label(l)
}

/// One element's cells: its status and points.
#[derive(Debug, Clone)]
pub(super) struct ElementCells {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) status: Status,
    pub(super) points: f64,
}

/// One category's cells: points earned and possible.
#[derive(Debug, Clone)]
pub(super) struct CategoryCells {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) earned: f64,
    pub(super) possible: f64,
}

/// One scored report's figures, taken while its card is at hand; the element and category
/// columns are settled once the header is known ([`Columns`]).
#[derive(Debug)]
pub(super) struct CsvRow {
    pub(super) path: String,
    pub(super) title: String,
    pub(super) issuer: String,
    pub(super) year: Option<i32>,
    pub(super) date: String,
    pub(super) score: f64,
    pub(super) grade: String,
    pub(super) earned: f64,
    pub(super) possible: f64,
    /// The profile's id, and its title in the pack (the id when the pack lacks it).
    pub(super) profile: (String, String),
    pub(super) level: Level,
    pub(super) elements: Vec<ElementCells>,
    pub(super) categories: Vec<CategoryCells>,
    /// What a reader must know before trusting the score, joined by ；.
    pub(super) warnings: String,
    pub(super) ruleset: RulesetRef,
    /// The report's shares of copied text, in a batch checked for it.
    pub(super) reuse: Option<ReuseCells>,
}

/// The reuse columns of a row (issue 14), after `error`: the shares and the main sources.
#[derive(Debug)]
pub(super) struct ReuseCells {
    pub(super) share: f64,
    pub(super) common_share: f64,
    /// The sources as `path（25.3%）`, joined by ；.
    pub(super) sources: String,
}

impl ReuseCells {
    fn of(r: &crate::model::reuse::Reuse) -> ReuseCells {
        let sources: Vec<String> = r
            .sources
            .iter()
            .map(|s| format!("{}（{}%）", s.path, fmt1(s.share * 100.0)))
            .collect();
        ReuseCells {
            share: r.share,
            common_share: r.common_share,
            sources: sources.join("；"),
        }
    }
}

impl CsvRow {
    /// The row of `card`, scored with `pack`.
    pub(super) fn new(card: &Scorecard, pack: &RulePack) -> CsvRow {
        let m = &card.meta;
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        let profile_title = pack
            .profile(&card.profile)
            .map_or_else(|| card.profile.clone(), |p| p.title.clone());
        CsvRow {
            path: card.source.path.clone(),
            title: text(&m.title),
            issuer: text(&m.issuer),
            year: m.year,
            date: text(&m.date),
            score: card.score,
            grade: card.grade.name().to_string(),
            earned: card.earned,
            possible: card.possible,
            profile: (card.profile.clone(), profile_title),
            level: m.level,
            elements: card
                .elements
                .iter()
                .map(|e| ElementCells {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    status: e.status,
                    points: e.points,
                })
                .collect(),
            categories: card
                .categories
                .iter()
                .map(|c| CategoryCells {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    earned: c.earned,
                    possible: c.possible,
                })
                .collect(),
            warnings: card.warnings.join("；"),
            ruleset: card.ruleset.clone(),
            reuse: card.reuse.as_ref().map(ReuseCells::of),
        }
    }
}

/// The element and category columns of a run: the first card's, in its rule-pack order
/// (all cards of a run share the pack), id and title.
#[derive(Debug, Clone, Default)]
pub(super) struct Columns {
    pub(super) elements: Vec<(String, String)>,
    pub(super) categories: Vec<(String, String)>,
    /// The reuse columns follow `error` (a batch checked for copied text).
    pub(super) reuse: bool,
}

impl Columns {
    /// The columns of `row`'s card.
    pub(super) fn of(row: &CsvRow) -> Columns {
        Columns {
            elements: row
                .elements
                .iter()
                .map(|e| (e.id.clone(), e.title.clone()))
                .collect(),
            categories: row
                .categories
                .iter()
                .map(|c| (c.id.clone(), c.title.clone()))
                .collect(),
            reuse: row.reuse.is_some(),
        }
    }

    /// How many cells a row has.
    fn width(&self) -> usize {
        let figures = 2 * self.categories.len() + self.elements.len();
        HEAD.len() + self.elements.len() + FIGURES_HEAD + figures + PACK + 2 + self.reuse_width()
    }

    /// The reuse columns after `error`: none, or share, common share and sources.
    fn reuse_width(&self) -> usize {
        if self.reuse {
            REUSE_IDS.len()
        } else {
            0
        }
    }
}

/// The cells after the element statuses that every row has before the per-category ones:
/// earned, possible, profile, level.
const FIGURES_HEAD: usize = 4;
/// The pack's name, version and digest, before `warnings` and `error`.
const PACK: usize = 3;
/// The reuse columns, after `error`, of a batch checked for copied text (issue 14): added
/// at the end so every earlier column keeps its place.
const REUSE_IDS: [&str; 3] = ["reuse.share", "reuse.common_share", "reuse.sources"];

/// The header row. The contract's columns keep their place and, under `id`, their names:
/// `path,title,issuer,year,date,score,grade`, then one column per element id holding the
/// report's status. After them, read left to right as a supervisor checks a score:
/// `earned`, `possible`, `profile`, `level`, each category's `<id>.earned` and
/// `<id>.possible`, each element's `<id>.points`, and the pack that scored the row
/// (`ruleset.name`, `ruleset.version`, `ruleset.digest`). Last, as before, `warnings`
/// (e.g. a text that is not a report at all, joined by ；) and `error` (empty for scored
/// reports, the reason for files that failed, which get a row of their own): `error` stays
/// the last column. Under `zh` the same columns carry Chinese names and the pack's titles.
/// Text cells are neutralised by [`text_cell`].
pub(super) fn header(cols: &Columns, h: CsvHeaders) -> Vec<String> {
    let cells = match h {
        CsvHeaders::Id => id_header(cols),
        CsvHeaders::Zh => distinct(zh_header(cols)),
    };
    // Element ids and titles come from the pack, which may be anyone's: neutralised like
    // report text.
    cells
        .into_iter()
        .map(|c| text_cell(&c).into_owned())
        .collect()
}

fn id_header(cols: &Columns) -> Vec<String> {
    let mut out: Vec<String> = HEAD.iter().map(|h| h.to_string()).collect();
    out.extend(cols.elements.iter().map(|(id, _)| id.clone()));
    out.extend(["earned", "possible", "profile", "level"].map(String::from));
    for (id, _) in &cols.categories {
        out.push(format!("{id}.earned"));
        out.push(format!("{id}.possible"));
    }
    out.extend(cols.elements.iter().map(|(id, _)| format!("{id}.points")));
    let pack = ["ruleset.name", "ruleset.version", "ruleset.digest"];
    out.extend(pack.map(String::from));
    out.extend(["warnings", "error"].map(String::from));
    if cols.reuse {
        out.extend(REUSE_IDS.map(String::from));
    }
    out
}

fn zh_header(cols: &Columns) -> Vec<String> {
    let mut out: Vec<String> = head_words().iter().map(|h| h.to_string()).collect();
    out.extend(cols.elements.iter().map(|(_, title)| title.clone()));
    out.extend(
        [
            t!("sheets.head.earned"),
            t!("sheets.head.possible"),
            t!("sheets.head.profile"),
            t!("sheets.head.level"),
        ]
        .map(String::from),
    );
    for (_, title) in &cols.categories {
        out.push(t!("sheets.head.category_earned", title = title));
        out.push(t!("sheets.head.category_possible", title = title));
    }
    out.extend(
        cols.elements
            .iter()
            .map(|(_, title)| t!("sheets.head.points", title = title)),
    );
    out.extend(
        [
            t!("sheets.head.ruleset"),
            t!("sheets.head.ruleset_version"),
            t!("sheets.head.ruleset_digest"),
            t!("sheets.head.warnings"),
            t!("sheets.head.error"),
        ]
        .map(String::from),
    );
    if cols.reuse {
        out.extend(reuse_words().map(String::from));
    }
    out
}

/// The reuse columns' headers for people.
pub(super) fn reuse_words() -> [&'static str; 3] {
    [
        t!("reuse.head.share"),
        t!("reuse.head.common_share"),
        t!("reuse.head.sources"),
    ]
}

/// The words for the contract's first seven columns, in their order.
pub(super) fn head_words() -> [&'static str; 7] {
    [
        t!("sheets.head.path"),
        t!("sheets.head.title"),
        t!("sheets.head.issuer"),
        t!("sheets.head.year"),
        t!("sheets.head.date"),
        t!("sheets.head.score"),
        t!("sheets.head.grade"),
    ]
}

/// Headers made distinct: a pack may give two elements, or an element and a category,
/// the same title; every header after the first of its name gets its column number, so a
/// filter or a lookup by header never lands on the wrong column.
pub(super) fn distinct(headers: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    headers
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let n = seen.entry(h.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                h
            } else {
                format!("{h}（{}）", i + 1)
            }
        })
        .collect()
}

/// The cells of a scored report's row under the header written for `cols`.
pub(super) fn cells(row: &CsvRow, cols: &Columns, h: CsvHeaders) -> Vec<String> {
    let text = |s: &str| text_cell(s).into_owned();
    let mut out = Vec::with_capacity(cols.width());
    out.extend([
        text(&row.path),
        text(&row.title),
        text(&row.issuer),
        row.year.map(|y| y.to_string()).unwrap_or_default(),
        text(&row.date),
        fmt1(row.score),
        text(&row.grade),
    ]);
    // Looked up by id, not position, so a card from a differently ordered pack still lands
    // in the right columns (and leaves a blank where it lacks an element).
    let element = |id: &str| row.elements.iter().find(|e| e.id == id);
    out.extend(cols.elements.iter().map(|(id, _)| {
        element(id).map_or_else(String::new, |e| status_word(e.status, h).to_string())
    }));
    let profile = match h {
        CsvHeaders::Id => &row.profile.0,
        CsvHeaders::Zh => &row.profile.1,
    };
    out.extend([
        fmt1(row.earned),
        fmt1(row.possible),
        text(profile),
        level_word(row.level, h).to_string(),
    ]);
    for (id, _) in &cols.categories {
        match row.categories.iter().find(|c| c.id == *id) {
            Some(c) => out.extend([fmt1(c.earned), fmt1(c.possible)]),
            None => out.extend([String::new(), String::new()]),
        }
    }
    out.extend(
        cols.elements
            .iter()
            .map(|(id, _)| element(id).map_or_else(String::new, |e| fmt1(e.points))),
    );
    let r = &row.ruleset;
    out.extend([text(&r.name), text(&r.version), text(&r.digest)]);
    out.extend([text(&row.warnings), String::new()]);
    if cols.reuse {
        match &row.reuse {
            // A fraction for programs, a percent for people (as the header says).
            Some(r) => out.extend([
                share_cell(r.share, h),
                share_cell(r.common_share, h),
                text(&r.sources),
            ]),
            None => out.extend([String::new(), String::new(), String::new()]),
        }
    }
    out
}

/// A share as `h`'s readers take it: the fraction for `id`, a percent for `zh`.
fn share_cell(x: f64, h: CsvHeaders) -> String {
    match h {
        CsvHeaders::Id => x.to_string(),
        CsvHeaders::Zh => fmt1(x * 100.0),
    }
}

/// The row of a file that failed, under the header written for `cols`: its path and its
/// error where a scored report has them, every other cell empty.
pub(super) fn error_row(e: &ErrorRecord, cols: &Columns) -> Vec<String> {
    let mut row = vec![String::new(); cols.width()];
    row[0] = text_cell(&e.path).into_owned();
    let error = row.len() - 1 - cols.reuse_width();
    row[error] = text_cell(&e.error).into_owned();
    row
}

#[cfg(test)]
mod tests {
    use super::{distinct, text_cell};

    #[test]
    fn formula_cells_become_text_and_others_stay() {
        for bad in [
            "=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "  =x", "＝1",
        ] {
            assert_eq!(text_cell(bad), format!("'{bad}"));
        }
        for good in ["梧川县人民政府", "2024-02-26", "-", "a=b", "'quoted"] {
            assert_eq!(text_cell(good), good);
        }
    }

    #[test]
    fn repeated_headers_get_their_column_number() {
        let got = distinct(["述法", "普法", "述法"].map(String::from).to_vec());
        assert_eq!(got, ["述法", "普法", "述法（3）"]);
    }
}
