//! A batch scored with its copied text (`reuse`): a report's reuse block needs every other
//! report's fingerprints, so its output cannot be written as soon as it is scored. Pass 1
//! scores every report on the workers and keeps, per report, its fingerprint (the
//! signatures of its units) in memory and its scorecard and text in an unnamed temporary
//! file; the fingerprints are then clustered; pass 2 reads each report back, adds its
//! block and renders it on the workers, in input order, as a run without reuse does.
//! Memory holds the fingerprints and an offset per report, never the scorecards.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use super::inputs::{Failure, Input};
use super::scored::{score_one, Run, WINDOW_PER_WORKER};
use indicatif::ProgressBar;
use lawscore::engine::{ordered, Engine};
use lawscore::history::Year;
use lawscore::model::reuse::TopPassage;
use lawscore::model::scorecard::Scorecard;
use lawscore::msg::t;
use lawscore::render::{Held, OutputFormat, PageNames, Piece, RenderError, Renderer, Sink};
use lawscore::reuse::{fingerprint, Builder, Fingerprint, Index};

/// What the workers of both passes score with.
pub(super) struct Workers<'a> {
    /// The engine every report is scored by.
    pub(super) engine: &'a Engine,
    /// Reports scored at once.
    pub(super) jobs: usize,
    /// Whether each report leaves its year for the histories.
    pub(super) years: bool,
}

/// Passages the overview lists as the most copied.
const TOP: usize = 20;

/// Where pass 1 left a report: its record in the spool.
struct Spooled {
    at: u64,
    len: usize,
    /// The input as standard error names it.
    shown: String,
    /// For a format held as bytes: what is kept of the piece, and where the text starts in
    /// the record (after the piece); otherwise the record is the scorecard and text as JSON.
    held: Option<(Held, usize)>,
}

/// A report's record in the spool: its rendered piece and text, or its scorecard and text
/// (and no `text`).
struct Record {
    bytes: Vec<u8>,
    text: Vec<u8>,
    held: Option<(Held, usize)>,
}

/// Pass 1's result for one input: its fingerprint, path and spool record, or its failure.
type Scored1 = Result<
    (
        Fingerprint,
        String,
        Result<Record, RenderError>,
        Option<Year>,
    ),
    (
        lawscore::model::scorecard::ErrorRecord,
        super::inputs::Reason,
    ),
>;

fn io(e: std::io::Error) -> RenderError {
    RenderError::Io(t!("reuse.spool", why = lawscore::ingest::io_reason(&e)))
}

/// Scores `inputs`, finds what they share, and puts each report with its reuse block in
/// `sink`, in input order.
pub(super) fn score_all(
    workers: &Workers,
    inputs: &[Input],
    renderer: &Renderer,
    sink: &mut dyn Sink,
    run: &mut Run,
    bar: &ProgressBar,
) -> Result<(), RenderError> {
    let spool = tempfile::tempfile().map_err(io)?;
    let (builder, records, spool) = pass1(workers, inputs, renderer, run, bar, spool)?;
    let mut index = builder.build();
    if renderer.format() == OutputFormat::Html {
        index.set_pages(page_names(&index));
    }
    let top = index.top(TOP);
    bar.set_length(bar.length().unwrap_or(0) + records.len() as u64);
    let top = pass2(
        workers, renderer, sink, run, bar, &index, &records, spool, top,
    )?;
    sink.reuse_top(top);
    Ok(())
}

/// Scores every input, spooling each scorecard with its text and keeping its fingerprint.
fn pass1(
    workers: &Workers,
    inputs: &[Input],
    renderer: &Renderer,
    run: &mut Run,
    bar: &ProgressBar,
    spool: File,
) -> Result<(Builder, Vec<Spooled>, File), RenderError> {
    let mut out = BufWriter::with_capacity(1 << 16, spool);
    let mut builder = Builder::new();
    let mut records = Vec::new();
    let mut at = 0u64;
    let work = |input: &Input| -> Scored1 {
        let s = score_one(workers.engine, input)?;
        let fp = fingerprint(&s.text);
        let year = workers.years.then(|| Year::of(&s.card, &s.text));
        let record = record(renderer, &s.card, s.text);
        bar.inc(1);
        Ok((fp, s.card.source.path, record, year))
    };
    let take = |input: &Input, scored: Scored1| -> Result<(), RenderError> {
        match scored {
            Ok((fp, path, record, year)) => {
                let Record { bytes, text, held } = record?;
                run.years.extend(year);
                out.write_all(&bytes).map_err(io)?;
                out.write_all(&text).map_err(io)?;
                let len = bytes.len() + text.len();
                records.push(Spooled {
                    at,
                    len,
                    shown: input.shown(),
                    held,
                });
                at += len as u64;
                builder.add(&path, fp);
            }
            Err((record, reason)) => run.failures.push(Failure {
                shown: input.shown(),
                record,
                reason,
            }),
        }
        Ok(())
    };
    let jobs = workers.jobs;
    ordered::run(inputs, jobs, jobs * WINDOW_PER_WORKER, work, take)?;
    let spool = out.into_inner().map_err(|e| io(e.into_error()))?;
    Ok((builder, records, spool))
}

/// A report's spool record: for JSON and JSON Lines its piece rendered without a block and
/// its text side by side, written as they are; for the other formats its scorecard and text
/// as JSON, rendered again once the block is known.
fn record(renderer: &Renderer, card: &Scorecard, text: String) -> Result<Record, RenderError> {
    if renderer.holds_bytes() {
        if let Some((bytes, held)) = renderer.hold(renderer.piece(card, &text)?) {
            let text_at = bytes.len();
            return Ok(Record {
                bytes,
                text: text.into_bytes(),
                held: Some((held, text_at)),
            });
        }
    }
    let bytes = serde_json::to_vec(&(card, text)).expect("scorecards serialize");
    Ok(Record {
        bytes,
        text: Vec::new(),
        held: None,
    })
}

/// Reads report `r`'s record back from the spool: the piece (or scorecard) and the text,
/// each into its own buffer, the piece's with room for the block spliced into it.
fn read_back(spool: &Mutex<File>, rec: &Spooled) -> Result<(Vec<u8>, Vec<u8>), RenderError> {
    let split = rec.held.as_ref().map_or(rec.len, |h| h.1);
    let mut f = spool
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    f.seek(SeekFrom::Start(rec.at)).map_err(io)?;
    let mut bytes = Vec::with_capacity(split + split / 2);
    (&mut *f)
        .take(split as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let mut text = Vec::with_capacity(rec.len - split);
    (&mut *f)
        .take((rec.len - split) as u64)
        .read_to_end(&mut text)
        .map_err(io)?;
    if bytes.len() + text.len() != rec.len {
        return Err(io(std::io::ErrorKind::UnexpectedEof.into()));
    }
    Ok((bytes, text))
}

/// Report `r` from its record, with its reuse block, rendered; and the words of the top
/// passages it holds first.
fn finish(
    workers: &Workers,
    renderer: &Renderer,
    index: &Index,
    top: &[TopPassage],
    (r, rec): (usize, &Spooled),
    (bytes, text): (Vec<u8>, Vec<u8>),
) -> Result<(Piece, Vec<(usize, String)>), RenderError> {
    let bad = |e: &dyn std::fmt::Display| io(std::io::Error::other(e.to_string()));
    if let Some((held, _)) = &rec.held {
        // The text is the spool's copy of a `&str`, and only the passages' own bytes are
        // read as text: no pass over the whole of it.
        let block = index.block(r, &text);
        let words = index.top_words(top, r, &text);
        return Ok((renderer.release(bytes, held.clone(), &block), words));
    }
    let (mut card, text): (Scorecard, String) =
        serde_json::from_slice(&bytes).map_err(|e| bad(&e))?;
    card.grade = workers.engine.pack.grades.resolve(card.grade.name());
    card.reuse = Some(index.block(r, text.as_bytes()));
    let words = index.top_words(top, r, text.as_bytes());
    Ok((renderer.piece(&card, &text)?, words))
}

/// The HTML page name of each report, as the HTML writer will give them (in input order,
/// made unique the same way).
fn page_names(index: &Index) -> Vec<String> {
    let mut names = PageNames::new();
    (0..index.len())
        .map(|r| names.next(index.path(r)))
        .collect()
}

/// Reads each report back, adds its block, renders it and puts it in `sink`; gives the top
/// passages with their words.
#[allow(clippy::too_many_arguments)]
fn pass2(
    workers: &Workers,
    renderer: &Renderer,
    sink: &mut dyn Sink,
    run: &mut Run,
    bar: &ProgressBar,
    index: &Index,
    records: &[Spooled],
    spool: File,
    mut top: Vec<TopPassage>,
) -> Result<Vec<TopPassage>, RenderError> {
    let spool = Mutex::new(spool);
    let order: Vec<usize> = (0..records.len()).collect();
    let work = |&r: &usize| -> Result<(Piece, Vec<(usize, String)>), RenderError> {
        let bytes = read_back(&spool, &records[r])?;
        let done = finish(workers, renderer, index, &top, (r, &records[r]), bytes);
        bar.inc(1);
        done
    };
    let mut filled = Vec::new();
    let take = |&r: &usize,
                done: Result<(Piece, Vec<(usize, String)>), RenderError>|
     -> Result<(), RenderError> {
        let (piece, words) = done?;
        filled.extend(words);
        if run.fail_under.is_some_and(|n| piece.score() < n) {
            run.below.push((records[r].shown.clone(), piece.score()));
        }
        sink.put(piece)?;
        run.scored += 1;
        Ok(())
    };
    let jobs = workers.jobs;
    ordered::run(&order, jobs, jobs * WINDOW_PER_WORKER, work, take)?;
    for (i, words) in filled {
        top[i].text = words;
    }
    Ok(top)
}

/// Whether a run of `n` inputs looks for copied text: by default whenever there are two or
/// more reports to compare, since a reviewer's first question of a batch is what was copied
/// and the cost is small (see the spec's figures); not with `--no-reuse`, and not for
/// `--format text`, which has nowhere to show it.
pub(super) fn wanted(a: &super::ScoreArgs, n: usize) -> bool {
    !a.no_reuse && n >= 2 && a.format != OutputFormat::Text
}
