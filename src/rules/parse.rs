//! Reading a pack's files: values through serde, positions through the span index, and
//! YAML errors turned into diagnostics at their place.

use super::diag::{did_you_mean_help, Diagnostic, RuleErrors};
use super::schema::{PackFile, SCHEMA_VERSION};
use super::source::{At, Source};
use crate::msg::t;
use crate::yaml::{self, Spans, YamlError};
use serde::de::DeserializeOwned;

/// Reads one file into `T`, with its position index (built only if a diagnostic asks
/// for a position, see [`unindexed`]). A file that does not read is reported into
/// `diags` and gives `None`.
/// `json` is the same values precomputed (the built-in pack, see `build.rs`); when they
/// do not fit `T`, the YAML is read and its error reported as for any file.
pub(super) fn read<T: DeserializeOwned>(
    shown: &str,
    text: &str,
    json: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Source, T)> {
    if let Some(value) = json.and_then(yaml::from_precomputed_json::<T>) {
        return Some((Source::new(shown, text), value));
    }
    match yaml::from_str::<T>(text) {
        Ok(value) => Some((Source::new(shown, text), value)),
        Err(e) => {
            // Both parsers fail on bad syntax; the span parser's place is the exact one
            // (the line of a mis-indented key, not the line before it).
            let e = Spans::parse(text).err().unwrap_or(e);
            diags.push(yaml_diag(shown, text, e));
            None
        }
    }
}

/// A warning for a file whose positions were needed but could not be indexed: the span
/// parser refused what serde_yaml read, so messages about the file name it alone.
pub(super) fn unindexed(src: &Source) -> Option<Diagnostic> {
    let e = src.spans.failure()?;
    let d = Diagnostic::warning(&src.shown, t!("rules.parse.unindexed", reason = e));
    Some(d.at(&src.text, e.line, e.column))
}

/// `pack.yaml`, which every pack needs and without which nothing else can be checked.
pub(super) fn pack(
    files: &[(String, String)],
    shown: &str,
    path_of: &dyn Fn(&str) -> String,
    json: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Source, PackFile), RuleErrors> {
    let Some((_, text)) = files.iter().find(|(n, _)| n == "pack.yaml") else {
        let help = t!("rules.parse.no_pack_help");
        let d = Diagnostic::error(shown, t!("rules.parse.no_pack")).help(Some(help.into()));
        return Err(RuleErrors(vec![d]));
    };
    let mut own = Vec::new();
    match read::<PackFile>(&path_of("pack.yaml"), text, json, &mut own) {
        Some(read) => {
            diags.extend(own);
            schema_version(read.1.schema, &read.0, diags);
            Ok(read)
        }
        None => Err(RuleErrors(own)),
    }
}

/// An error when a file declares a schema this build does not read.
pub(super) fn schema_version(schema: u32, src: &Source, diags: &mut Vec<Diagnostic>) {
    if schema != SCHEMA_VERSION {
        diags.push(src.error(
            At::Value("schema"),
            t!(
                "rules.parse.schema",
                schema = schema,
                supported = SCHEMA_VERSION
            ),
        ));
    }
}

/// A YAML error at its place, in the user's language, with a suggestion where one is known.
fn yaml_diag(file: &str, source: &str, e: YamlError) -> Diagnostic {
    let (line, column) =
        misplaced_key(source, &e).map_or((e.line, e.column), |(l, c)| (Some(l), Some(c)));
    let (message, hint) = super::yaml_msg::describe(&e.message, source, e.line);
    let mut d = Diagnostic::error(file, message).at(source, line, column);
    // serde lists the expected keys or values; offer the closest one.
    for what in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = e.message.split(what).nth(1) {
            let unknown = rest.split('`').next().unwrap_or("");
            let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
            d = d.help(did_you_mean_help(unknown, &expected));
        }
    }
    if e.message.contains("unknown escape") {
        d = d.help(Some(t!("rules.parse.escape_help").into()));
    } else if column != e.column
        || e.message.contains("did not find expected key")
        || e.message.contains("did not find expected '-'")
    {
        d = d.help(Some(t!("rules.parse.indent_help").into()));
    } else if d.help.is_none() {
        d = d.help(hint);
    }
    d
}

/// For "mapping values are not allowed", which the parser reports at the colon of the
/// first key it cannot place: the line and column of the key that is out of line. That
/// is this key, indented too far, unless the line before it is the odd one out: less
/// indented than both its neighbours, it closed the mapping they share.
fn misplaced_key(source: &str, e: &YamlError) -> Option<(usize, usize)> {
    if !e.message.starts_with("mapping values are not allowed") {
        return None;
    }
    let lines: Vec<&str> = source.lines().collect();
    let indent = |i: usize| lines[i].chars().take_while(|c| *c == ' ').count();
    let content = |i: &usize| {
        let t = lines[*i].trim_start();
        !t.is_empty() && !t.starts_with('#')
    };
    let at = e.line? - 1;
    // A colon inside a plain value (`text: 甲: 乙`) is another mistake, not indentation.
    let first_colon = lines.get(at)?.chars().position(|c| c == ':')?;
    if e.column? != first_colon + 1 {
        return None;
    }
    let mut before = (0..at.min(lines.len())).rev().filter(content);
    let (prev, prev2) = (before.next(), before.next());
    let odd =
        prev.filter(|&p| prev2.is_some_and(|q| indent(q) == indent(at) && indent(p) < indent(at)));
    let key = odd.unwrap_or(at);
    Some((key + 1, indent(key) + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::schema::ElementsFile;

    fn error_of(text: &str) -> Diagnostic {
        let mut diags = Vec::new();
        assert!(read::<ElementsFile>("x.yaml", text, None, &mut diags).is_none());
        diags.remove(0)
    }

    const HEAD: &str = "schema: 1\ncategory: lead\nelements:\n  - id: lead.x\n";

    #[test]
    fn an_over_indented_key_is_reported_on_its_own_line_and_column() {
        let d = error_of(&format!("{HEAD}    name: 甲\n      weight: 1\n"));
        assert_eq!((d.line, d.column), (Some(6), Some(7)), "{d}");
        assert_eq!(d.help.as_deref(), Some(t!("rules.parse.indent_help")));
    }

    #[test]
    fn a_key_indented_less_than_its_neighbours_is_the_one_reported() {
        let d = error_of(&format!("{HEAD}    name: 甲\nweight: 1\n    basis: b\n"));
        assert_eq!((d.line, d.column), (Some(6), Some(1)), "{d}");
    }

    #[test]
    fn a_colon_inside_a_value_is_not_taken_for_indentation() {
        let d = error_of(&format!("{HEAD}    name: 甲: 乙\n"));
        assert_eq!((d.line, d.column), (Some(5), Some(12)), "{d}");
        assert!(d.help.is_none(), "{d}");
    }

    #[test]
    fn a_file_only_serde_reads_still_loads_with_a_warning_at_the_place() {
        // libyaml takes a flow list continued at column 0; the span parser does not.
        let element = "    name: 甲\n    weight: 1\n    basis: b\n    advice: a\n    met: '甲'\n";
        let text = format!("{HEAD}{element}    scope: [measures,\nplans]\n");
        let mut diags = Vec::new();
        let (src, ef) = read::<ElementsFile>("x.yaml", &text, None, &mut diags).unwrap();
        assert_eq!(ef.elements[0].scope.as_ref().unwrap().len(), 2);
        assert!(diags.is_empty(), "{diags:?}");
        // Nothing asked for a position yet: nothing to warn about.
        assert!(unindexed(&src).is_none());
        assert!(src.pos(At::Key("elements[0].name")).is_none());
        let d = unindexed(&src).unwrap();
        assert_eq!(d.severity, crate::rules::diag::Severity::Warning);
        assert_eq!(d.line, Some(11), "{d}");
    }

    #[test]
    fn an_under_indented_key_is_reported_on_its_own_line() {
        let d = error_of(&format!("{HEAD}    name: 甲\n   weight: 1\n"));
        assert_eq!((d.line, d.column), (Some(6), Some(4)), "{d}");
    }

    #[test]
    fn a_misspelt_example_status_is_a_load_error_with_a_suggestion() {
        let text = format!(
            "{HEAD}    name: 甲\n    weight: 1\n    basis: b\n    advice: a\n    met: '甲'\n    examples:\n      - {{expect: mett, text: 甲}}\n"
        );
        let d = error_of(&text);
        assert_eq!(d.line, Some(11), "{d}");
        assert!(d.message.contains("`mett`"), "{d}");
        assert_eq!(d.help, Some(t!("rules.did_you_mean", name = "met")));
        let d = error_of(&text.replace("expect: mett", "expect: met, kind: plan"));
        assert_eq!(d.line, Some(11), "{d}");
        assert_eq!(
            d.help,
            Some(t!("rules.did_you_mean", name = "plans")),
            "{d}"
        );
    }
}
