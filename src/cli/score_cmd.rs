//! `lawscore score`: check where the output goes, collect the inputs, score them in
//! parallel, write one output, settle the exit status.

use super::inputs::{self, Failure, Input};
use super::{load_rules, outputs, shown, signals, ScoreArgs};
use indicatif::{ProgressBar, ProgressStyle};
use lawscore::engine::{Engine, Scored};
use lawscore::model::scorecard::{ErrorRecord, Scorecard};
use lawscore::render::{Batch, OutputFormat, Templates};
use rayon::prelude::*;

fn score_one(engine: &Engine, input: &Input) -> Result<Scored, ErrorRecord> {
    match input {
        Input::Stdin => engine
            .score_reader("-", std::io::stdin().lock())
            .map_err(|e| ErrorRecord {
                path: "-".into(),
                error: e.to_string(),
            }),
        Input::File(p) => engine.score_file(p).map_err(|e| ErrorRecord {
            path: p.display().to_string(),
            error: e.to_string(),
        }),
    }
}

/// Runs `lawscore score`: check `--out`, gather the inputs, set up, score, write one
/// output, then settle the exit status. Every refusal comes before a report is read, and
/// the refusals of `--out` before even the rules are loaded.
pub fn run(a: &ScoreArgs) -> i32 {
    let found = match gather(a) {
        Ok(f) => f,
        Err(m) => return fail(m),
    };
    let setup = match Setup::new(a) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(e) = signals::install() {
        eprintln!("lawscore: cannot watch for Ctrl-C ({e}); an interrupted run may leave a temporary file");
    }
    let mut failures = found.failures;
    let scored = score_all(&setup.engine, &found.inputs, a.quiet, &mut failures);
    say_failures(&failures);
    let errors: Vec<ErrorRecord> = failures.into_iter().map(|f| f.record).collect();
    let batch = Batch {
        cards: &scored.cards,
        texts: &scored.texts,
        errors: &errors,
        pack: &setup.engine.pack,
    };
    if let Err(m) = outputs::write(a, &batch, setup.templates.as_ref()) {
        return fail(m);
    }
    if !errors.is_empty() {
        return 2;
    }
    a.fail_under.map_or(0, |n| gate(&scored, n))
}

/// The inputs, once `--out` is known to be safe for them; a run that finds no report
/// stops here, before anything is written (an empty output would replace a good one and
/// pass any gate).
fn gather(a: &ScoreArgs) -> Result<inputs::Collected, String> {
    outputs::check_out(a)?;
    let found = inputs::collect(&a.paths);
    outputs::check_found(a, &found.inputs)?;
    if found.inputs.is_empty() {
        say_failures(&found.failures);
        return Err(inputs::none_found(&a.paths));
    }
    Ok(found)
}

/// One line on standard error per path that could not be read or scored.
fn say_failures(failures: &[Failure]) {
    for f in failures {
        eprintln!("lawscore: {}: {}", f.shown, shown::text(&f.record.error));
    }
}

/// What every report is scored and written with, checked before any file is read.
struct Setup {
    engine: Engine,
    /// Loaded for `--format html` only.
    templates: Option<Templates>,
}

impl Setup {
    /// Loads rules and templates and checks the options against each other; on failure
    /// the message is printed and the exit status returned.
    fn new(a: &ScoreArgs) -> Result<Setup, i32> {
        let pack = load_rules(a.rules.as_ref())?;
        if !a.quiet {
            for w in &pack.warnings {
                eprintln!("{w}");
            }
        }
        let templates = load_templates(a)?;
        let mut engine = Engine::new(pack, a.profile.clone()).map_err(fail)?;
        if let Some(label) = &a.encoding {
            engine.encoding = Some(encoding(label).map_err(fail)?);
        }
        if let Some(j) = a.jobs {
            // Set once per process; a second call (never made here) would only fail.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(j.max(1))
                .build_global();
        }
        Ok(Setup { engine, templates })
    }
}

/// Prints a setup error and gives the exit status for it.
fn fail(message: String) -> i32 {
    eprintln!("lawscore: {message}");
    2
}

/// The templates for `--format html` (which also needs `--out`); none for other formats.
fn load_templates(a: &ScoreArgs) -> Result<Option<Templates>, i32> {
    if a.format != OutputFormat::Html {
        return Ok(None);
    }
    let loaded = match &a.templates {
        Some(d) => Templates::from_dir(d),
        None => Ok(Templates::builtin()),
    };
    let t = loaded.map_err(|e| {
        eprintln!("lawscore: invalid templates\n{e}");
        2
    })?;
    if a.out.is_none() {
        return Err(fail(
            "--format html writes a folder; give one with --out DIR".into(),
        ));
    }
    Ok(Some(t))
}

/// The encoding `--encoding` names.
fn encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!("unknown encoding `{label}`; use a WHATWG label such as gb18030, gbk, big5, utf-8, utf-16le")
    })
}

/// The scored reports, in input order: cards, their texts, and their paths as standard
/// error shows them.
struct ScoredBatch {
    cards: Vec<Scorecard>,
    texts: Vec<String>,
    shown: Vec<String>,
}

/// Scores every input in parallel, in input order, adding the inputs that failed to
/// `failures`.
fn score_all(
    engine: &Engine,
    inputs: &[Input],
    quiet: bool,
    failures: &mut Vec<Failure>,
) -> ScoredBatch {
    // A bar for a handful of files only flickers.
    let bar = if quiet || inputs.len() < 20 {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(inputs.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let results: Vec<Result<Scored, ErrorRecord>> = inputs
        .par_iter()
        .map(|i| {
            let r = score_one(engine, i);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut b = ScoredBatch {
        cards: Vec::new(),
        texts: Vec::new(),
        shown: Vec::new(),
    };
    for (input, r) in inputs.iter().zip(results) {
        match r {
            Ok(s) => {
                b.cards.push(s.card);
                b.texts.push(s.text);
                b.shown.push(input.shown());
            }
            Err(record) => failures.push(Failure {
                shown: input.shown(),
                record,
            }),
        }
    }
    b
}

/// The `--fail-under` gate: 1 (naming each report) when any report scores below `n`.
fn gate(b: &ScoredBatch, n: f64) -> i32 {
    let mut below = 0;
    for (c, shown) in b.cards.iter().zip(&b.shown) {
        if c.score < n {
            eprintln!("lawscore: {shown} scores {:.1}, below {n}", c.score);
            below += 1;
        }
    }
    i32::from(below > 0)
}
