//! Reports put together by issuer or folder, and each group with two years or more made
//! into a history.

use std::collections::HashMap;
use std::path::Path;

use super::{compare, Aliases, Year, Years};
use crate::model::history::{CategoryPoint, CategoryTrend, GroupKind, IssuerHistory, YearScore};

/// What `--group-by` puts together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum GroupBy {
    /// Reports of one issuer (normalised name, after the aliases file).
    #[default]
    Issuer,
    /// Reports in one folder.
    Path,
}

/// The group a report belongs to (by its year, issuer and path), and the name a person is
/// shown for it; `None` for a report that cannot be placed (no issuer read, or no year to
/// order it by).
fn group_of(
    (year, issuer, path): (Option<i32>, Option<&str>, &str),
    by: GroupBy,
    aliases: &Aliases,
) -> Option<(String, Option<String>)> {
    year?;
    match by {
        GroupBy::Issuer => {
            let issuer = issuer?;
            let key = aliases.key(issuer);
            (!key.is_empty()).then(|| (key, aliases.canonical(issuer).map(str::to_string)))
        }
        GroupBy::Path => {
            let parent = Path::new(path).parent().map(Path::to_string_lossy);
            let dir = parent.filter(|p| !p.is_empty()).unwrap_or(".".into());
            Some((dir.to_string(), Some(dir.to_string())))
        }
    }
}

/// Every group of `years` with reports of two years or more, in the order its first report
/// came; reports of a group oldest first (two of one year by path). Only the reports of
/// such a group are read back whole, one group at a time.
pub fn histories(years: impl Into<Years>, by: GroupBy, aliases: &Aliases) -> Vec<IssuerHistory> {
    let mut years = years.into();
    let mut order: Vec<(String, Option<String>)> = Vec::new();
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for i in 0..years.len() {
        let Some((key, name)) = group_of(years.place(i), by, aliases) else {
            continue;
        };
        if !groups.contains_key(&key) {
            order.push((key.clone(), name));
        }
        groups.entry(key).or_default().push(i);
    }
    let kind = match by {
        GroupBy::Issuer => GroupKind::Issuer,
        GroupBy::Path => GroupKind::Path,
    };
    order
        .into_iter()
        .filter_map(|(key, name)| {
            let mut members = groups.remove(&key)?;
            members.sort_by(|&a, &b| {
                let (a, b) = (years.place(a), years.place(b));
                (a.0, a.2).cmp(&(b.0, b.2))
            });
            let mut distinct: Vec<i32> = members.iter().filter_map(|&i| years.place(i).0).collect();
            distinct.dedup();
            if distinct.len() < 2 {
                return None;
            }
            let ys: Vec<Year> = members.into_iter().map(|i| years.year(i)).collect();
            Some(history(kind, key, name, &ys))
        })
        .collect()
}

/// The two reports `lawscore compare` was given, OLD first whatever their years, and
/// whether they name one issuer.
pub fn pair(old: &Year, new: &Year, aliases: &Aliases) -> (IssuerHistory, bool) {
    let key_of = |y: &Year| y.issuer.as_deref().map(|i| aliases.key(i));
    let same = key_of(old).is_some() && key_of(old) == key_of(new);
    let name = new
        .issuer
        .as_deref()
        .and_then(|i| aliases.canonical(i))
        .map(str::to_string);
    let key = key_of(new).unwrap_or_default();
    let h = history(GroupKind::Pair, key, name, &[old.clone(), new.clone()]);
    (h, same)
}

/// The history of `ys` (in order), shown as `name` or else the newest issuer as written.
fn history(kind: GroupKind, key: String, name: Option<String>, ys: &[Year]) -> IssuerHistory {
    let mut names: Vec<String> = Vec::new();
    for issuer in ys.iter().filter_map(|y| y.issuer.as_ref()) {
        if !names.contains(issuer) {
            names.push(issuer.clone());
        }
    }
    let newest = ys.iter().rev().find_map(|y| y.issuer.clone());
    let name = name.or(newest).unwrap_or_else(|| key.clone());
    let mut same_year: Vec<i32> = ys
        .windows(2)
        .filter(|w| w[0].year.is_some() && w[0].year == w[1].year)
        .filter_map(|w| w[0].year)
        .collect();
    same_year.dedup();
    IssuerHistory {
        group_by: kind,
        key,
        name,
        names,
        reports: ys.iter().map(score_of).collect(),
        same_year,
        changes: (1..ys.len())
            .map(|i| compare(&ys[i - 1], &ys[i], (i - 1, i)))
            .collect(),
        categories: trends(ys),
    }
}

fn score_of(y: &Year) -> YearScore {
    YearScore {
        year: y.year,
        path: y.path.clone(),
        issuer: y.issuer.clone(),
        score: y.score,
        grade: y.grade.clone(),
        earned: y.earned,
        possible: y.possible,
    }
}

/// Points per category across `ys`: every category any report has, in the order first
/// met, with a point per report (0 of 0 where a report has no such category).
fn trends(ys: &[Year]) -> Vec<CategoryTrend> {
    let mut out: Vec<CategoryTrend> = Vec::new();
    for c in ys.iter().flat_map(|y| &y.categories) {
        if !out.iter().any(|t| t.id == c.id) {
            out.push(CategoryTrend {
                id: c.id.clone(),
                title: c.title.clone(),
                points: Vec::new(),
            });
        }
    }
    for t in &mut out {
        t.points = ys
            .iter()
            .map(|y| {
                let c = y.categories.iter().find(|c| c.id == t.id);
                CategoryPoint {
                    year: y.year,
                    earned: c.map_or(0.0, |c| c.earned),
                    possible: c.map_or(0.0, |c| c.possible),
                }
            })
            .collect();
    }
    out
}
