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
/// came; reports of a group oldest first (two of one year by path). The histories are made
/// one at a time as they are taken, so a writer that writes each as it comes holds one
/// history (and two whole reports) at a time however many the batch has.
pub fn histories(years: impl Into<Years>, by: GroupBy, aliases: &Aliases) -> Histories {
    let years = years.into();
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
    let groups: Vec<Group> = (order.into_iter())
        .filter_map(|(key, name)| {
            let mut members = groups.remove(&key)?;
            members.sort_by(|&a, &b| {
                let (a, b) = (years.place(a), years.place(b));
                (a.0, a.2).cmp(&(b.0, b.2))
            });
            let mut distinct: Vec<i32> = members.iter().filter_map(|&i| years.place(i).0).collect();
            distinct.dedup();
            (distinct.len() >= 2).then_some(Group { key, name, members })
        })
        .collect();
    Histories {
        years,
        kind,
        groups: groups.into_iter(),
    }
}

/// A batch's histories, made one at a time as they are taken (an iterator); how many
/// there are is known before any is made.
pub struct Histories {
    years: Years,
    kind: GroupKind,
    groups: std::vec::IntoIter<Group>,
}

/// A group of two years or more: its key, the name it is shown as (when the aliases or
/// the folder give one) and its reports, oldest first.
struct Group {
    key: String,
    name: Option<String>,
    members: Vec<usize>,
}

impl Iterator for Histories {
    type Item = IssuerHistory;

    fn next(&mut self) -> Option<IssuerHistory> {
        let g = self.groups.next()?;
        let years = &mut self.years;
        let ys = g.members.into_iter().map(|i| years.year(i));
        Some(history(self.kind, g.key, g.name, ys))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.groups.size_hint()
    }
}

impl ExactSizeIterator for Histories {}

impl Default for Histories {
    /// No history.
    fn default() -> Histories {
        Histories {
            years: Years::default(),
            kind: GroupKind::Issuer,
            groups: Vec::new().into_iter(),
        }
    }
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
    let h = history(GroupKind::Pair, key, name, [old.clone(), new.clone()]);
    (h, same)
}

/// The history of `ys` (in order), shown as `name` or else the newest issuer as written.
/// The reports are taken one at a time and each is dropped once compared with the next,
/// so a group of thousands of reports holds two whole ones at a time, not all of them.
fn history(
    kind: GroupKind,
    key: String,
    name: Option<String>,
    ys: impl IntoIterator<Item = Year>,
) -> IssuerHistory {
    let mut h = IssuerHistory {
        group_by: kind,
        key,
        name: String::new(),
        names: Vec::new(),
        reports: Vec::new(),
        same_year: Vec::new(),
        changes: Vec::new(),
        categories: Vec::new(),
    };
    let mut newest = None;
    let mut prev: Option<Year> = None;
    for (i, y) in ys.into_iter().enumerate() {
        if let Some(issuer) = &y.issuer {
            if !h.names.contains(issuer) {
                h.names.push(issuer.clone());
            }
            newest = Some(issuer.clone());
        }
        add_points(&mut h.categories, &h.reports, &y);
        h.reports.push(score_of(&y));
        if let Some(p) = &prev {
            if p.year.is_some() && p.year == y.year && h.same_year.last() != p.year.as_ref() {
                h.same_year.extend(p.year);
            }
            h.changes.push(compare(p, &y, (i - 1, i)));
        }
        prev = Some(y);
    }
    h.name = name.or(newest).unwrap_or_else(|| h.key.clone());
    h
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

/// Adds report `y`'s points to `trends` (every category any report has, in the order
/// first met, with a point per report; 0 of 0 where a report has no such category), the
/// reports before it being `before`.
fn add_points(trends: &mut Vec<CategoryTrend>, before: &[YearScore], y: &Year) {
    for c in &y.categories {
        if !trends.iter().any(|t| t.id == c.id) {
            trends.push(CategoryTrend {
                id: c.id.clone(),
                title: c.title.clone(),
                points: (before.iter())
                    .map(|r| CategoryPoint {
                        year: r.year,
                        earned: 0.0,
                        possible: 0.0,
                    })
                    .collect(),
            });
        }
    }
    for t in trends {
        let c = y.categories.iter().find(|c| c.id == t.id);
        t.points.push(CategoryPoint {
            year: y.year,
            earned: c.map_or(0.0, |c| c.earned),
            possible: c.map_or(0.0, |c| c.possible),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scorecard::CategoryScore;
    use crate::model::Grade;

    fn year(issuer: &str, y: i32, score: f64, categories: &[(&str, f64)]) -> Year {
        Year {
            path: format!("{issuer}/{y}.txt"),
            issuer: Some(issuer.to_string()),
            year: Some(y),
            score,
            grade: Grade::unranked("良好"),
            earned: score,
            possible: 100.0,
            categories: (categories.iter())
                .map(|&(id, earned)| CategoryScore {
                    id: id.to_string(),
                    title: id.to_string(),
                    earned,
                    possible: 10.0,
                })
                .collect(),
            elements: Vec::new(),
            packed: super::super::Packed::default(),
        }
    }

    #[test]
    fn histories_are_counted_before_they_are_made_and_each_compares_neighbours() {
        let years = vec![
            year("甲市", 2023, 70.0, &[("lead", 5.0)]),
            year("乙县", 2023, 60.0, &[("lead", 4.0)]),
            year("甲市", 2021, 50.0, &[("lead", 3.0)]),
            year("甲市", 2022, 65.0, &[("lead", 4.0), ("norm", 6.0)]),
        ];
        let mut hs = histories(years, GroupBy::Issuer, &Aliases::default());
        // 乙县 has one year only.
        assert_eq!(hs.len(), 1);
        let h = hs.next().expect("one history");
        assert!(hs.next().is_none());
        let years: Vec<_> = h.reports.iter().map(|r| r.year).collect();
        assert_eq!(years, [Some(2021), Some(2022), Some(2023)]);
        let deltas: Vec<_> = h
            .changes
            .iter()
            .map(|c| (c.older, c.newer, c.score_delta))
            .collect();
        assert_eq!(deltas, [(0, 1, 15.0), (1, 2, 5.0)]);
        // A category first met in the second report is 0 of 0 in the first and in the
        // third, which has none.
        let norm = h.categories.iter().find(|t| t.id == "norm").expect("norm");
        let points: Vec<_> = norm
            .points
            .iter()
            .map(|p| (p.year, p.earned, p.possible))
            .collect();
        assert_eq!(
            points,
            [
                (Some(2021), 0.0, 0.0),
                (Some(2022), 6.0, 10.0),
                (Some(2023), 0.0, 0.0)
            ]
        );
        assert_eq!(h.categories[0].id, "lead");
    }
}
