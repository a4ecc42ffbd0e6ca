//! `lawscore score`: check where the output goes, collect the inputs, score them in
//! parallel and write each as it comes, settle the exit status.

use super::inputs::{self, Failure, Input, Reason};
use super::scored::{score_one, Run, WINDOW_PER_WORKER};
use super::{load_rules, outputs, said, shown, signals, summary, ScoreArgs};
use indicatif::{ProgressBar, ProgressStyle};
use lawscore::engine::{ordered, Engine};
use lawscore::history::{self, Year};
use lawscore::model::scorecard::ErrorRecord;
use lawscore::msg::t;
use lawscore::render::{OutputFormat, Piece, RenderError, Renderer, Sink, Templates};

/// Runs `lawscore score`: check `--out`, gather the inputs, set up, then score and write
/// each report as it comes, then settle the exit status. Every refusal comes before a
/// report is read, and the refusals of `--out` before even the rules are loaded.
pub fn run(a: &ScoreArgs) -> i32 {
    let found = match gather(a) {
        Ok(f) => f,
        Err(m) => return fail(m),
    };
    let mut setup = match Setup::new(a) {
        Ok(s) => s,
        Err(code) => return code,
    };
    setup.reuse = super::batch::wanted(a, found.inputs.len());
    if let Err(e) = signals::install() {
        let why = lawscore::ingest::io_reason(&e);
        eprintln!("{}", said(t!("cli.no_signals", why = why)));
    }
    let mut renderer = Renderer::new(a.format, &setup.engine.pack)
        .with_color(outputs::paint(a.color, a.out.as_deref()));
    if let Some(t) = &setup.templates {
        renderer = renderer.with_templates(t);
    }
    let mut run = Run {
        scored: 0,
        failures: found.failures,
        below: Vec::new(),
        fail_under: a.fail_under,
        years: history::Years::default(),
    };
    let written = outputs::stream(a, &renderer, |sink| {
        let scored = score_all(&setup, &found.inputs, &renderer, sink, &mut run, a.quiet);
        // Said before the output ends, as when every report was written at the end.
        say_failures(&run.failures);
        scored?;
        Ok(run.failures.iter().map(|f| f.record.clone()).collect())
    });
    let errors = match written {
        Ok(e) => e,
        Err(m) => return fail(m),
    };
    let code = if errors.is_empty() {
        a.fail_under.map_or(0, |n| gate(&run.below, n))
    } else {
        2
    };
    if !a.quiet {
        eprintln!("{}", said(summary::line(a, run.scored, &run.failures)));
    }
    code
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
        let error = shown::text(&f.record.error);
        eprintln!("{}", said(t!("cli.failed", path = f.shown, error = error)));
    }
}

/// What every report is scored and written with, checked before any file is read.
struct Setup {
    engine: Engine,
    /// Loaded for `--format html` only.
    templates: Option<Templates>,
    /// Reports scored at once (`-j`, or one per core).
    jobs: usize,
    /// Copied text is looked for across the batch ([`super::batch`]).
    reuse: bool,
    /// Histories across years: how reports are grouped and the aliases file (for the
    /// formats that show them: JSON, JSON Lines, HTML, text).
    history: Option<(history::GroupBy, history::Aliases)>,
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
        let jobs = a.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, usize::from),
            |j| j.max(1),
        );
        let history = match a.format {
            OutputFormat::Json | OutputFormat::Jsonl | OutputFormat::Html | OutputFormat::Text => {
                let aliases = a.aliases.as_deref().map(history::Aliases::load);
                Some((
                    a.group_by,
                    aliases.transpose().map_err(fail)?.unwrap_or_default(),
                ))
            }
            _ => None,
        };
        Ok(Setup {
            engine,
            templates,
            jobs,
            reuse: false,
            history,
        })
    }
}

/// Prints a setup error and gives the exit status for it.
fn fail(message: String) -> i32 {
    eprintln!("{}", said(message));
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
        eprintln!("{}\n{e}", said(t!("cli.invalid_templates")));
        2
    })?;
    if a.out.is_none() {
        return Err(fail(t!("cli.html_needs_out").into()));
    }
    Ok(Some(t))
}

/// The encoding `--encoding` names.
fn encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| t!("cli.unknown_encoding", label = label))
}

/// Scores every input on the `-j` workers and puts each report in `sink` in input order as
/// soon as it and those before it are done; a report is rendered by the worker that scored
/// it, and its text and scorecard dropped there. Inputs that fail go to `run.failures`.
fn score_all(
    setup: &Setup,
    inputs: &[Input],
    renderer: &Renderer,
    sink: &mut dyn Sink,
    run: &mut Run,
    quiet: bool,
) -> Result<(), RenderError> {
    // A bar for a handful of files only flickers.
    let bar = if quiet || inputs.len() < 20 {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(inputs.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template(t!("cli.progress"))
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let work = |input: &Input| {
        let piece = score_one(&setup.engine, input).map(|s| {
            let year = setup.history.is_some().then(|| Year::of(&s.card, &s.text));
            (renderer.piece(&s.card, &s.text), year)
        });
        bar.inc(1);
        piece
    };
    let take = |input: &Input, piece: Result<Rendered, (ErrorRecord, Reason)>| match piece {
        Ok((piece, year)) => {
            let piece = piece?;
            run.years.extend(year);
            if run.fail_under.is_some_and(|n| piece.score() < n) {
                run.below.push((input.shown(), piece.score()));
            }
            sink.put(piece)?;
            run.scored += 1;
            Ok(())
        }
        Err((record, reason)) => {
            run.failures.push(Failure {
                shown: input.shown(),
                record,
                reason,
            });
            Ok(())
        }
    };
    let done = if setup.reuse {
        let workers = super::batch::Workers {
            engine: &setup.engine,
            jobs: setup.jobs,
            years: setup.history.is_some(),
        };
        super::batch::score_all(&workers, inputs, renderer, sink, run, &bar)
    } else {
        let jobs = setup.jobs;
        ordered::run(inputs, jobs, jobs * WINDOW_PER_WORKER, work, take).map(drop)
    };
    bar.finish_and_clear();
    if let Some((by, aliases)) = &setup.history {
        sink.history(history::histories(
            std::mem::take(&mut run.years),
            *by,
            aliases,
        ));
    }
    done
}

/// A report rendered by its worker, and what it leaves for the histories.
type Rendered = (Result<Piece, RenderError>, Option<Year>);

/// The `--fail-under` gate: 1 (naming each report) when any report scores below `n`.
fn gate(below: &[(String, f64)], n: f64) -> i32 {
    for (shown, score) in below {
        let score = format!("{score:.1}");
        eprintln!(
            "{}",
            said(t!("cli.gate", path = shown, score = score, n = n))
        );
    }
    i32::from(!below.is_empty())
}
