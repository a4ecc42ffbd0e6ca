//! `--format html`: templates, and the folder of pages they produce.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use minijinja::value::Serde;
use minijinja::{context, Environment, UndefinedBehavior};

use super::budget::{Budget, Capped};
use super::labels::{
    fmt1, grade_styles, pts, ratio_pct, status_class, status_label, status_mark, status_styles,
};
use super::overview::{Overview, OverviewRow, RowSeq, WithRows};
use super::page::ReportPage;
use super::{Batch, RenderError};
use crate::model::scorecard::{ErrorRecord, Scorecard, Status};
use crate::model::Kind;
use crate::rules::RulePack;

/// The templates built into the binary, by name. `--templates DIR` may replace any of them.
const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "rules_diff.html",
        include_str!("../../templates/rules_diff.html"),
    ),
    (
        "calibrate.html",
        include_str!("../../templates/calibrate.html"),
    ),
    (
        "_history_overview.html",
        include_str!("../../templates/_history_overview.html"),
    ),
    (
        "_reuse_page.html",
        include_str!("../../templates/_reuse_page.html"),
    ),
    (
        "_reuse_overview.html",
        include_str!("../../templates/_reuse_overview.html"),
    ),
];

/// The compiled HTML templates. Built once per run and shared by every page (it is
/// `Send + Sync`, so rayon workers render pages in parallel from one instance).
pub struct Templates {
    env: Environment<'static>,
    /// Template name → the file a person would open to fix it, for error messages.
    origins: HashMap<String, String>,
    /// What every render budget is divided by (1 but in tests of the margin).
    shrink: u64,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&String> = self.origins.values().collect();
        names.sort();
        f.debug_struct("Templates").field("files", &names).finish()
    }
}

impl Templates {
    /// The templates shipped in `templates/`, embedded at compile time.
    pub fn builtin() -> Templates {
        Templates::build(builtin_sources()).expect("built-in templates compile")
    }

    /// The built-ins, with every file of `dir` (not its subfolders) added on top: a file
    /// named like a built-in replaces it, other files become templates that overrides may
    /// include or import. All are compiled now, so a syntax error stops the run before any
    /// report is scored rather than halfway through writing pages.
    ///
    /// Only the folder's own regular files are read (see [`super::template_files`]): a link
    /// that leads outside it, a FIFO or device, or an oversized file is an error.
    pub fn from_dir(dir: &Path) -> Result<Templates, RenderError> {
        let mut sources = builtin_sources();
        for (name, source, origin) in super::template_files::read_dir(dir)? {
            match sources.iter_mut().find(|(n, _, _)| *n == name) {
                Some(slot) => *slot = (name, source, origin),
                None => sources.push((name, source, origin)),
            }
        }
        Templates::build(sources)
    }

    fn build(sources: Vec<(String, String, String)>) -> Result<Templates, RenderError> {
        let mut env = Environment::new();
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("default delimiters are valid");
        env.set_syntax(syntax);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Debug info gives errors their source excerpt; it costs nothing until one happens.
        env.set_debug(true);
        add_filters(&mut env);
        env.set_formatter(isolating_formatter);
        let origins: HashMap<String, String> = sources
            .iter()
            .map(|(n, _, o)| (n.clone(), o.clone()))
            .collect();
        for (name, source, _) in sources {
            env.add_template_owned(name, source)
                .map_err(|e| template_error(&e, &origins))?;
        }
        Ok(Templates {
            env,
            origins,
            shrink: 1,
        })
    }

    /// One report's page: its score, checklist with evidence, outline, key figures and full
    /// text (`text` is what the card was scored on; evidence line numbers point into it;
    /// `pack` is the pack that scored it).
    pub fn report_page(
        &self,
        card: &Scorecard,
        text: &str,
        pack: &RulePack,
    ) -> Result<String, RenderError> {
        let page = ReportPage::new(card, text, pack);
        let grades = grade_styles(&pack.grades);
        self.render(
            "report.html",
            context!(page => Serde(&page), card => Serde(card), grades => Serde(&grades)),
            Budget::page(text, pack.elements.len()),
        )
    }

    /// The overview of a batch. `pages[i]` is the file name of `b.cards[i]`'s page, linked
    /// relatively so the folder can be moved or mailed as a whole.
    pub fn index(&self, b: &Batch, pages: &[String]) -> Result<String, RenderError> {
        let rows: Vec<OverviewRow> = b
            .cards
            .iter()
            .enumerate()
            .map(|(i, card)| {
                let mut row = OverviewRow::new(card, b.pack);
                row.page = pages.get(i).cloned().unwrap_or_default();
                row
            })
            .collect();
        self.overview(&rows, b.errors, b.pack)
    }

    /// The overview of the reports of `rows` (in input order) and the files that failed.
    pub(super) fn overview(
        &self,
        rows: &[OverviewRow],
        errors: &[ErrorRecord],
        pack: &RulePack,
    ) -> Result<String, RenderError> {
        let rows = std::sync::Arc::new(rows.to_vec());
        let out = self.overview_to(&rows, errors, pack, &[], &[], Vec::new())?;
        Ok(String::from_utf8(out).expect("templates write UTF-8"))
    }

    /// The overview written straight to `out`: with a row per report it grows with the
    /// run, so it is not held whole in memory.
    pub(super) fn overview_to<W: std::io::Write>(
        &self,
        rows: &std::sync::Arc<Vec<OverviewRow>>,
        errors: &[ErrorRecord],
        pack: &RulePack,
        history: &[super::history_view::HistoryRow],
        reuse: &[crate::model::reuse::TopPassage],
        out: W,
    ) -> Result<W, RenderError> {
        let ov = Overview::new(rows, errors, pack);
        let ov_value = minijinja::Value::from_object(WithRows {
            rows: minijinja::Value::from_object(RowSeq::new(rows.clone(), &ov)),
            base: minijinja::Value::from(Serde(&ov)),
        });
        let grades = grade_styles(&pack.grades);
        let shown = rows.iter().map(OverviewRow::shown_bytes).sum::<usize>()
            + errors
                .iter()
                .map(|e| e.path.len() + e.error.len())
                .sum::<usize>();
        self.render_to(
            "index.html",
            context!(
                ov => ov_value,
                grades => Serde(&grades),
                statuses => Serde(&status_styles()),
                history => Serde(history),
                reuse => Serde(reuse),
            ),
            Budget::overview(rows.len() + errors.len(), shown),
            out,
        )
    }

    /// A page about a pack over a corpus (`rules diff`, `rules calibrate`): template `name`
    /// given `data` as `d`, with the pack's grades and the statuses' styles, within the
    /// budget of an overview of `reports` rows quoting `shown` bytes.
    pub fn analysis_page(
        &self,
        name: &str,
        data: &impl serde::Serialize,
        pack: &RulePack,
        (reports, shown): (usize, usize),
    ) -> Result<String, RenderError> {
        let grades = grade_styles(&pack.grades);
        let statuses = status_styles();
        self.render(
            name,
            context!(d => Serde(data), grades => Serde(&grades), statuses => Serde(&statuses)),
            Budget::overview(reports, shown),
        )
    }

    /// The same templates with every render budget divided by `by`: what tests use to show
    /// the built-in templates stay far inside their budgets.
    pub fn with_budgets_divided_by(mut self, by: u64) -> Templates {
        self.shrink = by.max(1);
        self
    }

    /// Renders `name` within `budget`: out of fuel or over the size, the error names the
    /// template and what to look for.
    fn render(
        &self,
        name: &str,
        ctx: minijinja::Value,
        budget: Budget,
    ) -> Result<String, RenderError> {
        let out = self.render_to(name, ctx, budget, Vec::new())?;
        Ok(String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    /// [`Templates::render`] into `out`, given back once the render is done.
    fn render_to<W: std::io::Write>(
        &self,
        name: &str,
        ctx: minijinja::Value,
        budget: Budget,
        out: W,
    ) -> Result<W, RenderError> {
        let budget = budget.shrunk(self.shrink);
        // The fuel is the environment's; a copy (its templates are shared) carries this
        // render's budget.
        let mut env = self.env.clone();
        env.set_fuel(Some(budget.fuel));
        let tmpl = env.get_template(name).map_err(|e| self.error(&e))?;
        let mut out = Capped::to(out, budget.bytes);
        // The captured state borrows the copy of the environment: dropped here, at once.
        let rendered = tmpl.render_captured_to(ctx, &mut out).map(drop);
        match rendered {
            Ok(_) => Ok(out.into_inner()),
            Err(_) if out.failed.is_some() => Err(out.failed.take().expect("checked").into()),
            // A refused write carries no place: the file is the one being rendered.
            Err(e) if out.over => {
                let at = self.origins.get(name).cloned();
                Err(over_budget(self.error(&e), &OVER_SIZE, budget, at))
            }
            Err(e) if e.kind() == minijinja::ErrorKind::OutOfFuel => {
                Err(over_budget(self.error(&e), &OUT_OF_FUEL, budget, None))
            }
            Err(e) => Err(self.error(&e)),
        }
    }

    fn error(&self, e: &minijinja::Error) -> RenderError {
        template_error(e, &self.origins)
    }
}

/// What a render ran out of, and what to look for in the template (catalogue keys).
struct Exceeded {
    what: &'static str,
    hint: &'static str,
}

const OUT_OF_FUEL: Exceeded = Exceeded {
    what: "render.budget.steps",
    hint: "render.budget.steps_hint",
};

const OVER_SIZE: Exceeded = Exceeded {
    what: "render.budget.bytes",
    hint: "render.budget.bytes_hint",
};

/// A render error about a template that ran past its budget, kept at the template file and
/// line the engine names (`file` where it names none).
fn over_budget(e: RenderError, x: &Exceeded, budget: Budget, file: Option<String>) -> RenderError {
    let limit = if x.what == OUT_OF_FUEL.what {
        budget.fuel.to_string()
    } else {
        budget.bytes.to_string()
    };
    let message = crate::msg::t!(
        "render.budget.stopped",
        limit = limit,
        what = crate::msg::text(x.what),
        hint = crate::msg::text(x.hint)
    );
    match e {
        RenderError::Template { name, line, .. } => RenderError::Template {
            name: file.unwrap_or(name),
            line,
            message,
        },
        RenderError::Io(_) => RenderError::Io(message),
    }
}

fn builtin_sources() -> Vec<(String, String, String)> {
    BUILTIN
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string(), format!("templates/{n}")))
        .collect()
}

/// Turns an engine error into one that names the file and line to fix, with the causes
/// the engine chained (an error inside an include is reported by the include).
fn template_error(e: &minijinja::Error, origins: &HashMap<String, String>) -> RenderError {
    // The innermost error with a location is the one in the file that needs fixing.
    let mut at: &minijinja::Error = e;
    let mut cur: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(inner) = cur {
        if let Some(me) = inner.downcast_ref::<minijinja::Error>() {
            if me.name().is_some() {
                at = me;
            }
        }
        cur = inner.source();
    }
    let mut message = match at.detail() {
        Some(d) => format!("{}: {d}", at.kind()),
        None => at.kind().to_string(),
    };
    if !std::ptr::eq(at, e) {
        let _ = write!(message, " (while rendering {})", e.name().unwrap_or("?"));
    }
    let name = at.name().unwrap_or("<template>");
    RenderError::Template {
        name: origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string()),
        line: at.line(),
        message,
    }
}

/// Filters for templates, including ones the built-ins do not use, so that override
/// authors working from the raw `card` get the same wording as the built-in pages.
fn add_filters(env: &mut Environment<'static>) {
    env.add_filter("fmt1", |x: f64| fmt1(x));
    env.add_filter("pts", |x: f64| pts(x));
    env.add_filter("pct", |earned: f64, possible: f64| {
        format!("{}%", pts(ratio_pct(earned, possible).round()))
    });
    env.add_filter("kind_label", |k: String| {
        Kind::parse(&k).map_or(k, |kind| kind.label().to_string())
    });
    env.add_filter("status_mark", |s: String| {
        Status::parse(&s).map_or("?", status_mark).to_string()
    });
    env.add_filter("status_label", |s: String| {
        Status::parse(&s).map_or_else(|| s.clone(), |st| status_label(st).to_string())
    });
    env.add_filter("status_class", |s: String| {
        Status::parse(&s).map_or("s-n", status_class).to_string()
    });
    env.add_filter("short_hash", |s: String| {
        let h = s.strip_prefix("sha256:").unwrap_or(&s);
        h.chars().take(12).collect::<String>()
    });
}

/// Prints a value as the default formatter does (HTML-escaped), after closing any bidi
/// controls in report text inside an isolate ([`crate::visible::isolate_bidi`]), so a title
/// holding U+202E cannot reorder the page around it. Set on the environment, it covers every
/// `{{ … }}` of every template, overrides included. Safe strings (a macro's output, `|safe`)
/// are markup whose text was isolated when it was printed, and are left alone.
fn isolating_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if let Some(std::borrow::Cow::Owned(s)) = value
        .as_str()
        .filter(|_| !value.is_safe())
        .map(crate::visible::isolate_bidi)
    {
        return minijinja::escape_formatter(out, state, &minijinja::Value::from(s));
    }
    minijinja::escape_formatter(out, state, value)
}
