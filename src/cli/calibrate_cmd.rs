//! `lawscore rules calibrate CORPUS…`: per element, how often the corpus meets it, partly
//! meets it, misses it or is exempt, with a few quotes of its evidence; the elements that
//! never or always fire; the patterns that never matched; and, for each element a report
//! misses, the measures sentences that read like it but match none of its patterns
//! (near-miss mining — a section of calibration, since it reads the same matches).

use super::rules_diff_cmd::{emit, engine, json, pack_name, run_corpus, templates};
use super::rules_diff_cmd::{AnalysisFormat, CorpusArgs};
use super::said;
use lawscore::calibrate::mine::{self, Vocabulary};
use lawscore::calibrate::patterns;
use lawscore::calibrate::status_word;
use lawscore::calibrate::tally::{Calibration, Calibrator, ElementTally, Firing, StatusCounts};
use lawscore::model::scorecard::Status;
use lawscore::msg::t;
use lawscore::score::hits::HitIndex;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Arguments of `rules calibrate`.
#[derive(clap::Args)]
pub struct CalibrateArgs {
    /// Rule folder (default: the built-in pack).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Near-miss sentences listed per element, best first.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub near_misses: usize,
    /// The corpus and the output, as `rules diff` has them.
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

/// `rules calibrate`.
pub fn run(a: &CalibrateArgs) -> i32 {
    calibrate(a).unwrap_or_else(|code| code)
}

fn calibrate(a: &CalibrateArgs) -> Result<i32, i32> {
    let c = &a.corpus;
    let templates = templates(c)?;
    let engine = engine(super::load_rules(a.rules.as_ref())?, c)?;
    let pack = &engine.pack;
    let vocab: Vec<Vocabulary> = mine::vocabularies(pack);
    let cal = std::cell::RefCell::new(Calibrator::new(pack, a.near_misses));
    let see = |p: &Path| {
        let looked = engine.with_document(p, |doc, source| {
            let hits = HitIndex::new(doc, pack);
            let card = lawscore::score::score_with(&hits, pack, engine.profile_for(doc), source);
            let seen = patterns::seen(&hits, pack);
            let found = mine::candidates(&hits, pack, &vocab, &card);
            (card, seen, found)
        });
        looked.map(|(r, _text)| r)
    };
    run_corpus(
        c,
        see,
        |(card, seen, found)| cal.borrow_mut().add(&card, &seen, found),
        |e| cal.borrow_mut().add_error(e),
    )?;
    let cal = cal.into_inner().finish();
    let out = match c.format {
        AnalysisFormat::Text => text(&cal),
        AnalysisFormat::Json => json(&cal),
        AnalysisFormat::Html => {
            let t = templates.expect("loaded for html");
            let budget = (cal.elements.len() + cal.reports, cal.shown_bytes());
            t.analysis_page("calibrate.html", &cal, pack, budget)
                .map_err(|e| {
                    eprintln!("{}", said(e));
                    2
                })?
        }
    };
    emit(c, &out)?;
    Ok(if cal.errors.is_empty() { 0 } else { 2 })
}

/// The calibration as lines for a terminal.
fn text(cal: &Calibration) -> String {
    let mut s = String::new();
    let (pack, reports) = (pack_name(&cal.ruleset), cal.reports);
    let _ = writeln!(
        s,
        "{}",
        t!("calibrate.head", pack = pack, reports = reports)
    );
    for e in &cal.elements {
        element_lines(&mut s, e);
    }
    let (never, always, patterns) = (
        cal.never_fire.len(),
        cal.always_fire.len(),
        cal.unmatched_patterns,
    );
    let line = t!(
        "calibrate.summary",
        never = never,
        always = always,
        patterns = patterns
    );
    let _ = writeln!(s, "\n{line}");
    s
}

/// `已满足 3（37.5%）  部分满足 1（12.5%）  …`.
fn counts_line(c: &StatusCounts) -> String {
    let each = [
        (Status::Met, c.met, c.met_pct),
        (Status::Partial, c.partial, c.partial_pct),
        (Status::Missing, c.missing, c.missing_pct),
        (
            Status::NotApplicable,
            c.not_applicable,
            c.not_applicable_pct,
        ),
    ];
    let parts: Vec<String> = each
        .iter()
        .map(|&(st, n, pct)| {
            let (status, pct) = (status_word(Some(st)), format!("{pct:.1}"));
            t!("calibrate.count", status = status, n = n, pct = pct)
        })
        .collect();
    parts.join("  ")
}

/// One element: its counts, whether it tells reports apart, a quote, its unmatched
/// patterns and its near-misses.
fn element_lines(s: &mut String, e: &ElementTally) {
    let (id, title, category) = (&e.id, &e.title, &e.category_title);
    let _ = writeln!(
        s,
        "\n{}",
        t!(
            "calibrate.element",
            id = id,
            title = title,
            category = category
        )
    );
    let _ = writeln!(s, "  {}", counts_line(&e.counts));
    match e.fires {
        Some(Firing::Never) => {
            let _ = writeln!(s, "{}", t!("calibrate.fires.never"));
        }
        Some(Firing::Always) => {
            let _ = writeln!(s, "{}", t!("calibrate.fires.always"));
        }
        None => {}
    }
    if let Some(x) = e.samples.first() {
        let (path, at, text) = (&x.path, &x.quote.at, &x.quote.text);
        let _ = writeln!(
            s,
            "{}",
            t!("calibrate.sample", path = path, at = at, text = text)
        );
    }
    for p in e.patterns.iter().filter(|p| p.in_scope == 0) {
        let (at, pattern, n) = (&p.at, &p.written, p.anywhere);
        let line = if n == 0 {
            t!("calibrate.unmatched", at = at, pattern = pattern)
        } else {
            t!(
                "calibrate.unmatched_outside",
                at = at,
                pattern = pattern,
                n = n
            )
        };
        let _ = writeln!(s, "{line}");
    }
    if e.near_misses > 0 {
        let (n, shown) = (e.near_misses, e.candidates.len());
        let _ = writeln!(s, "{}", t!("calibrate.mined.head", n = n, shown = shown));
    }
    for c in &e.candidates {
        let (path, at, text) = (&c.path, &c.quote.at, &c.quote.text);
        let words = c.words.join(super::list_sep());
        let _ = writeln!(
            s,
            "{}",
            t!(
                "calibrate.mined.item",
                path = path,
                at = at,
                text = text,
                words = words
            )
        );
    }
}
