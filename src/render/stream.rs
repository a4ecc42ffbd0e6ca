//! Writing a run's output as its reports come, in input order: each [`Piece`] is written
//! when it arrives and dropped, so a run holds a few numbers for the summary rather than
//! every scorecard until the end. The bytes are the ones the whole-batch functions
//! ([`to_json`] and the rest, built on the same writer) give.

use std::io::{self, Write};

use super::csv::{self as csvout, Columns, CsvHeaders, CsvRow};
use super::piece::{Body, Piece, Renderer};
use super::tally::Tally;
use super::{json, text, Batch, OutputFormat, RenderError};
use crate::history::Histories;
use crate::model::scorecard::ErrorRecord;
use crate::rules::RulePack;

/// Where rendered reports go, one at a time and in input order.
pub trait Sink {
    /// Writes one report.
    fn put(&mut self, piece: Piece) -> Result<(), RenderError>;

    /// Takes the batch's histories across years, once every report is put, for the end of
    /// the output; formats that show none ignore them.
    fn history(&mut self, _history: Histories) {}

    /// The batch's most copied passages, handed over after the last report (only the HTML
    /// overview shows them).
    fn reuse_top(&mut self, _top: Vec<crate::model::reuse::TopPassage>) {}
}

/// A byte stream of JSON, JSON Lines, CSV or text, written as reports come.
pub struct StreamWriter<'a, W: Write> {
    format: OutputFormat,
    pack: &'a RulePack,
    color: bool,
    csv_headers: CsvHeaders,
    out: Out<W>,
    tally: Tally,
    reports: usize,
    history: Histories,
}

/// The stream, for CSV behind the CSV writer and the columns of the header it wrote.
enum Out<W: Write> {
    Plain(W),
    Csv(Box<::csv::Writer<W>>, Option<Columns>),
}

impl<'a, W: Write> StreamWriter<'a, W> {
    /// Starts the output in `r`'s format on `out` (a JSON document's head, CSV's byte-order
    /// mark). HTML is a folder, written by [`super::HtmlWriter`].
    pub fn new(r: &Renderer<'a>, mut out: W) -> io::Result<StreamWriter<'a, W>> {
        let out =
            match r.format {
                OutputFormat::Json => {
                    out.write_all(json::head(&r.pack.ruleset()).as_bytes())?;
                    Out::Plain(out)
                }
                OutputFormat::Csv => {
                    out.write_all(csvout::BOM.as_bytes())?;
                    Out::Csv(Box::new(csvout::writer(out)), None)
                }
                OutputFormat::Jsonl | OutputFormat::Text => Out::Plain(out),
                OutputFormat::Html | OutputFormat::Xlsx => return Err(io::Error::other(
                    "--format html and xlsx are written by their own writers, not as one stream",
                )),
            };
        Ok(StreamWriter {
            format: r.format,
            pack: r.pack,
            color: r.color,
            csv_headers: r.csv_headers,
            out,
            tally: Tally::new(&r.pack.grades),
            reports: 0,
            history: Histories::default(),
        })
    }

    /// Writes one report.
    pub fn write(&mut self, piece: Piece) -> io::Result<()> {
        self.tally.add(piece.score(), &piece.grade);
        match (&mut self.out, piece.body) {
            (Out::Plain(w), Body::Text(s)) => {
                if self.format == OutputFormat::Json {
                    w.write_all(json::separator(self.reports).as_bytes())?;
                }
                w.write_all(s.as_bytes())?;
            }
            (Out::Plain(w), Body::Bytes(b)) => {
                if self.format == OutputFormat::Json {
                    w.write_all(json::separator(self.reports).as_bytes())?;
                }
                w.write_all(&b)?;
            }
            (Out::Csv(w, cols), Body::Csv(row)) => csv_row(w, cols, &row, self.csv_headers)?,
            _ => return Err(io::Error::other("a report rendered for another format")),
        }
        self.reports += 1;
        Ok(())
    }

    /// Ends the output with the files that failed and the summary, and gives the stream
    /// back, flushed.
    pub fn finish(self, errors: &[ErrorRecord]) -> io::Result<W> {
        let summary = self.tally.summary(errors.len());
        let mut history = self.history;
        let mut w = match self.out {
            Out::Plain(w) => w,
            Out::Csv(mut w, cols) => {
                let cols = match cols {
                    Some(cols) => cols,
                    None => csv_header(&mut w, Columns::default(), self.csv_headers)?,
                };
                for e in errors {
                    w.write_record(csvout::error_row(e, &cols))?;
                }
                (*w).into_inner()
                    .map_err(|e| io::Error::other(e.to_string()))?
            }
        };
        // The histories are made one at a time and each written as it comes.
        match self.format {
            OutputFormat::Json => {
                w.write_all(json::tail(self.reports, errors, &summary).as_bytes())?;
                json::history_to(&mut w, &mut history)?;
                w.write_all(json::END.as_bytes())?;
            }
            OutputFormat::Jsonl => {
                let lines: String = errors.iter().map(json::error_line).collect();
                w.write_all(lines.as_bytes())?;
                for h in history {
                    w.write_all(json::history_line(&h).as_bytes())?;
                }
            }
            OutputFormat::Text => {
                if history.len() > 0 {
                    w.write_all(crate::history::text::batch_head(history.len()).as_bytes())?;
                    for h in history {
                        w.write_all(crate::history::text::batch_entry(&h).as_bytes())?;
                    }
                    w.write_all(b"\n")?;
                }
                let end = text::ending(errors, &summary, &self.pack.grades, self.color);
                w.write_all(end.as_bytes())?;
            }
            OutputFormat::Csv | OutputFormat::Html | OutputFormat::Xlsx => {}
        }
        w.flush()?;
        Ok(w)
    }
}

impl<W: Write> Sink for StreamWriter<'_, W> {
    fn put(&mut self, piece: Piece) -> Result<(), RenderError> {
        Ok(self.write(piece)?)
    }

    fn history(&mut self, history: Histories) {
        self.history = history;
    }
}

/// Writes a CSV row, and before the first the header for its card's elements and
/// categories.
fn csv_row<W: Write>(
    w: &mut ::csv::Writer<W>,
    cols: &mut Option<Columns>,
    row: &CsvRow,
    h: CsvHeaders,
) -> io::Result<()> {
    let cols = match cols {
        Some(c) => c,
        None => cols.insert(csv_header(w, Columns::of(row), h)?),
    };
    Ok(w.write_record(csvout::cells(row, cols, h))?)
}

fn csv_header<W: Write>(
    w: &mut ::csv::Writer<W>,
    cols: Columns,
    h: CsvHeaders,
) -> io::Result<Columns> {
    w.write_record(csvout::header(&cols, h))?;
    Ok(cols)
}

/// A whole batch in `format`, through the same writer a streamed run uses.
fn whole(b: &Batch, format: OutputFormat, color: bool) -> String {
    let r = Renderer::new(format, b.pack).with_color(color);
    let mut w = StreamWriter::new(&r, Vec::new()).expect("writing to memory");
    for (i, card) in b.cards.iter().enumerate() {
        let text = b.texts.get(i).map_or("", String::as_str);
        let piece = r.piece(card, text).expect("only HTML pages can fail");
        w.write(piece).expect("writing to memory");
    }
    let bytes = w.finish(b.errors).expect("writing to memory");
    String::from_utf8(bytes).expect("every format writes UTF-8")
}

/// One pretty-printed JSON document: `{"schema", "ruleset", "reports", "errors",
/// "summary"}`, ending with a newline.
pub fn to_json(b: &Batch) -> String {
    whole(b, OutputFormat::Json, false)
}

/// JSON Lines: one scorecard per line, then one `{"path","error"}` record per failed file.
pub fn to_jsonl(b: &Batch) -> String {
    whole(b, OutputFormat::Jsonl, false)
}

/// CSV, UTF-8 with a byte-order mark: a header (`path,title,issuer,year,date,score,grade`,
/// one column per element id of the first card, `warnings`, `error`, then the points:
/// earned, possible, per category and per element, and the pack), a row per report, then a
/// row per file that failed. See [`super::csv`] for what each cell holds.
pub fn to_csv(b: &Batch) -> String {
    whole(b, OutputFormat::Csv, false)
}

/// Every report as a block, then the failed files, then a one-line summary. `color` adds
/// ANSI colours; the caller decides (a TTY, no `NO_COLOR`).
pub fn to_text(b: &Batch, color: bool) -> String {
    whole(b, OutputFormat::Text, color)
}
