//! Support for tests/output_contract.rs: the field index of docs/output.md, read from its
//! tables, and the walk of a printed JSON value against it; a two-page PDF built by hand.

pub mod pdf;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// The document under test.
pub const DOC: &str = include_str!("../../docs/output.md");

// ---------------------------------------------------------------------------------------
// The field index: `### Index `<type>`` headings, each followed by a table whose rows are
// | `path` | type | when | since | meaning |. A type `<name>` or `[<name>]` refers to another
// index table; `[T]` is an array of T; a trailing `?` allows null.

/// One documented field.
#[derive(Debug, Clone)]
pub struct Field {
    pub ty: String,
    pub always: bool,
}

/// Index tables by type name: path (relative to the type's object) → field, in order.
pub type Index = BTreeMap<String, Vec<(String, Field)>>;

/// The cell in backticks, if the cell is one.
pub fn ticked(cell: &str) -> Option<&str> {
    cell.trim().strip_prefix('`')?.strip_suffix('`')
}

/// The rows of the table following each heading that starts with `prefix` and names a
/// `` `key` ``: key → rows of cells.
pub fn tables(prefix: &str) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut out: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in DOC.lines() {
        if line.starts_with('#') {
            current = line
                .strip_prefix(prefix)
                .and_then(|rest| ticked(rest.split_whitespace().next().unwrap_or("")))
                .map(str::to_string);
            if let Some(k) = &current {
                assert!(!out.contains_key(k), "two tables for {k}");
                out.insert(k.clone(), Vec::new());
            }
            continue;
        }
        let (Some(k), Some(row)) = (&current, line.strip_prefix('|')) else {
            continue;
        };
        let cells: Vec<String> = row
            .trim_end_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect();
        if ticked(&cells[0]).is_some() {
            out.get_mut(k).unwrap().push(cells);
        }
    }
    out
}

pub fn index() -> Index {
    let mut out = Index::new();
    for (name, rows) in tables("### Index ") {
        let fields = rows
            .iter()
            .map(|c| {
                let path = ticked(&c[0]).unwrap().to_string();
                let ty = c.get(1).map(|t| t.replace('`', "")).unwrap_or_default();
                let always = c.get(2).is_some_and(|w| w == "always");
                (path, Field { ty, always })
            })
            .collect();
        out.insert(name, fields);
    }
    assert!(
        out.contains_key("<scorecard>"),
        "docs/output.md has no index"
    );
    out
}

/// What the walk found: problems, and every (type, path) printed.
#[derive(Default)]
pub struct Walk {
    pub problems: BTreeSet<String>,
    pub seen: BTreeSet<(String, String)>,
    /// (type, object path) of every object of a type walked, for the `always` check.
    pub objects: BTreeSet<(String, String)>,
}

/// The JSON type of `v`, in the index's words.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Whether `v` is of the documented scalar or container type `ty` (refs are objects).
pub fn type_fits(ty: &str, v: &Value) -> bool {
    if let Some(t) = ty.strip_suffix('?') {
        return v.is_null() || type_fits(t, v);
    }
    match ty {
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        t if t.starts_with('[') => v.is_array(),
        t if t.starts_with('<') => v.is_object(),
        _ => false,
    }
}

impl Walk {
    /// Walks `v`, an object of index type `ty`, whose documented paths start at `at`.
    pub fn object(&mut self, idx: &Index, ty: &str, at: &str, v: &Value) {
        let Some(fields) = idx.get(ty) else {
            self.problems.insert(format!("no index table for {ty}"));
            return;
        };
        let Some(map) = v.as_object() else { return };
        self.objects.insert((ty.to_string(), at.to_string()));
        for (k, child) in map {
            let path = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            self.seen.insert((ty.to_string(), path.clone()));
            let Some((_, f)) = fields.iter().find(|(p, _)| *p == path) else {
                self.problems
                    .insert(format!("{ty}: `{path}` is printed but not in the index"));
                continue;
            };
            if !type_fits(&f.ty, child) {
                self.problems.insert(format!(
                    "{ty}: `{path}` is documented {} but is {}",
                    f.ty,
                    kind(child)
                ));
                continue;
            }
            self.value(idx, ty, &path, &f.ty.clone(), child);
        }
    }

    /// Descends into a field's value by its documented type.
    pub fn value(&mut self, idx: &Index, ty: &str, path: &str, fty: &str, v: &Value) {
        let fty = fty.trim_end_matches('?');
        if let Some(inner) = fty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            for item in v.as_array().into_iter().flatten() {
                if inner.starts_with('[') {
                    continue; // a tuple, documented as a whole
                }
                if !type_fits(inner, item) {
                    self.problems.insert(format!(
                        "{ty}: an item of `{path}` is {}, not {inner}",
                        kind(item)
                    ));
                } else {
                    self.value(idx, ty, &format!("{path}[]"), inner, item);
                }
            }
        } else if fty.starts_with('<') {
            self.object(idx, fty, "", v);
        } else if fty == "object" {
            self.object(idx, ty, path, v);
        }
    }

    /// Fields marked `always` that are missing from an object of their type that was
    /// printed (an object inside an array counts when any item was).
    pub fn missing_always(&mut self, idx: &Index) {
        for (ty, fields) in idx {
            for (path, f) in fields {
                let parent = path.rsplit_once('.').map_or("", |(p, _)| p);
                let parent_printed = self.objects.contains(&(ty.clone(), parent.to_string()));
                let printed = self.seen.contains(&(ty.clone(), path.clone()));
                if f.always && parent_printed && !printed {
                    self.problems.insert(format!(
                        "{ty}: `{path}` is documented as always present but was never printed"
                    ));
                }
            }
        }
    }
}
