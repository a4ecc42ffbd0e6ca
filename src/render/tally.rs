//! The batch statistics every format ends with, counted one report at a time so that a
//! run keeps a few numbers rather than every scorecard until the end.

use crate::model::scorecard::{round1, Summary};
use crate::model::{Grade, GradeScale};

/// Counts, score range and sum, and reports per grade, so far.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    /// Every grade of the scale best first, then any grade it does not know.
    grades: Vec<(Grade, usize)>,
    min: Option<f64>,
    max: Option<f64>,
    /// Added in input order, as a whole-batch sum adds, so the mean is the same to the bit.
    sum: f64,
    reports: usize,
}

impl Tally {
    /// Nothing counted yet, with a zero for every grade of `scale`.
    pub(crate) fn new(scale: &GradeScale) -> Tally {
        Tally {
            grades: scale.grades().map(|(g, _)| (g, 0)).collect(),
            min: None,
            max: None,
            // Whatever a sum of nothing starts from (it has been 0.0 and -0.0 in turn), so
            // that the mean matches `Iterator::sum` in every case, -0.0 scores included.
            sum: std::iter::empty::<f64>().sum(),
            reports: 0,
        }
    }

    /// Counts one report.
    pub(crate) fn add(&mut self, score: f64, grade: &Grade) {
        match self
            .grades
            .iter_mut()
            .find(|(g, _)| g.name() == grade.name())
        {
            Some((_, n)) => *n += 1,
            None => self.grades.push((grade.clone(), 1)),
        }
        self.min = Some(self.min.map_or(score, |l| l.min(score)));
        self.max = Some(self.max.map_or(score, |h| h.max(score)));
        self.sum += score;
        self.reports += 1;
    }

    /// The statistics, with `errors` files that failed.
    pub(crate) fn summary(&self, errors: usize) -> Summary {
        let mean = (self.reports > 0).then(|| round1(self.sum / self.reports as f64));
        Summary {
            reports: self.reports,
            errors,
            mean_score: mean,
            min_score: self.min,
            max_score: self.max,
            grades: self.grades.clone(),
        }
    }
}
