//! What both ways of scoring a run share (one pass in [`super::score_cmd`], two passes with
//! copied text in [`super::batch`]): scoring one input, and what a run keeps of its reports
//! once they are written. Below both, so neither imports the other's internals.

use super::inputs::{Failure, Input, Reason};
use lawscore::engine::{Engine, Scored};
use lawscore::history;
use lawscore::model::scorecard::ErrorRecord;

/// Scores one input; a failure comes back as its error record (the message in the run's
/// language, as standard error says it) and why, for the summary.
pub(super) fn score_one(engine: &Engine, input: &Input) -> Result<Scored, (ErrorRecord, Reason)> {
    let (path, scored) = match input {
        Input::Stdin => (
            "-".into(),
            engine.score_reader("-", std::io::stdin().lock()),
        ),
        Input::File(p) => (p.display().to_string(), engine.score_file(p)),
    };
    scored.map_err(|e| {
        let reason = Reason::of(&e);
        let error = e.to_string();
        (ErrorRecord { path, error }, reason)
    })
}

/// What a run keeps of its reports once they are written: the files that failed, and for
/// `--fail-under` the reports below the line.
pub(super) struct Run {
    /// Reports scored and written.
    pub(super) scored: usize,
    /// Inputs that could not be read or scored.
    pub(super) failures: Vec<Failure>,
    /// Each report scoring below `fail_under`: its path as standard error shows it, and
    /// its score.
    pub(super) below: Vec<(String, f64)>,
    /// `--fail-under`.
    pub(super) fail_under: Option<f64>,
    /// What each report scored leaves for the histories across years.
    pub(super) years: history::Years,
}

/// Reports claimed ahead of the one being written, per worker: enough that a slow report
/// does not leave the other workers idle, few enough that what waits stays small.
pub(super) const WINDOW_PER_WORKER: usize = 4;
