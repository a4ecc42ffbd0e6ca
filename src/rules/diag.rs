//! Diagnostics about rule files: `file:line:column`, the offending YAML, a hint.

use crate::msg::t;
use crate::yaml::Pos;
use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The pack cannot be used.
    Error,
    /// The pack works but something is likely wrong.
    Warning,
}

/// One finding about a rule pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// The offending line of YAML.
    pub source_line: Option<String>,
    /// A suggestion.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `file`, positioned later with [`Diagnostic::at`] or [`Diagnostic::at_pos`].
    pub fn error(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
            source_line: None,
            help: None,
        }
    }

    /// A warning in `file`.
    pub fn warning(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Places the diagnostic at a line and column of `source`.
    pub fn at(mut self, source: &str, line: Option<usize>, column: Option<usize>) -> Diagnostic {
        self.line = line;
        self.column = column;
        self.source_line = line
            .and_then(|l| source.lines().nth(l - 1))
            .map(str::to_string);
        self
    }

    /// Places the diagnostic at a position of `source` (from its span index); without
    /// one, the diagnostic names the file alone.
    pub fn at_pos(mut self, source: &str, pos: Option<Pos>) -> Diagnostic {
        let Some(p) = pos else { return self };
        // The line is cut out around the offset, not counted from the top: a pack with
        // thousands of findings would otherwise read its file once per finding.
        let at = p.offset.min(source.len());
        let (Some(before), Some(after)) = (source.get(..at), source.get(at..)) else {
            return self.at(source, Some(p.line), Some(p.column));
        };
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let end = at + after.find('\n').unwrap_or(after.len());
        let line = &source[start..end];
        self.line = Some(p.line);
        self.column = Some(p.column);
        self.source_line = Some(line.strip_suffix('\r').unwrap_or(line).to_string());
        self
    }

    /// Adds a suggestion.
    pub fn help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => t!("rules.diag.error"),
            Severity::Warning => t!("rules.diag.warning"),
        };
        let mut place = self.file.clone();
        if let Some(l) = self.line {
            place.push_str(&format!(":{l}"));
            if let Some(c) = self.column {
                place.push_str(&format!(":{c}"));
            }
        }
        let message = &self.message;
        write!(
            f,
            "{}",
            t!(
                "rules.diag.head",
                place = place,
                severity = severity,
                message = message
            )
        )?;
        if let (Some(l), Some(src)) = (self.line, &self.source_line) {
            let pad = " ".repeat(l.to_string().len());
            write!(f, "\n{pad} |\n{l} | {src}")?;
            if let Some(c) = self.column {
                let before: String = src.chars().take(c.saturating_sub(1)).collect();
                // CJK characters take two columns in a terminal.
                let width = crate::fold::width::display_width(&before);
                write!(f, "\n{pad} | {}^", " ".repeat(width))?;
            }
        }
        if let Some(h) = &self.help {
            write!(f, "\n{}", t!("rules.diag.help", help = h))?;
        }
        Ok(())
    }
}

/// `what: message` in the current language: a message about one thing of the pack (an
/// element, a profile, a grade), named first.
pub fn about(what: impl fmt::Display, message: impl fmt::Display) -> String {
    t!("rules.about", what = what, message = message)
}

/// "did you mean `x`?" for the closest of `known`, if one is close.
pub fn did_you_mean_help(word: &str, known: &[&str]) -> Option<String> {
    super::cond::did_you_mean(word, known).map(|s| t!("rules.did_you_mean", name = s))
}

/// Diagnostics of a pack that failed to load (at least one is an error).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleErrors(pub Vec<Diagnostic>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = self.0.len() - errors;
        // Errors first; warnings still shown, as they often explain the errors.
        let errs = self.0.iter().filter(|d| d.severity == Severity::Error);
        for d in errs.chain(self.0.iter().filter(|d| d.severity == Severity::Warning)) {
            writeln!(f, "{d}")?;
        }
        let summary = t!("rules.diag.summary", errors = errors, warnings = warnings);
        f.write_str(&summary)
    }
}

impl std::error::Error for RuleErrors {}
