//! The batch index: every report's units, clustered into passages found in two or more
//! reports.

use super::minhash::{agreement, band, BANDS, HASHES};
use super::units::{Fingerprint, Unit};

/// Hashes two signatures must agree on to be one passage: an estimated Jaccard similarity of
/// their shingles of at least 0.6. A few changed characters in a sentence keep it; two
/// sentences that only share the genre's vocabulary do not reach it.
const AGREE: usize = HASHES * 3 / 5;

/// Reports a passage must be in to count as common wording rather than copied: at least
/// [`COMMON_MIN`], and at least one in [`COMMON_EVERY`] reports of the batch, but never more
/// than [`COMMON_MAX`].
pub const COMMON_MIN: usize = 4;
/// See [`COMMON_MIN`].
pub const COMMON_EVERY: usize = 10;
/// Reports that make a passage common in any batch: text in fifty reports is a template,
/// not copied from any one of them. The cap also keeps a report's block linear in the
/// batch: its sources are counted over the other reports of each shared passage, which
/// would grow with the batch for passages below one tenth of it.
pub const COMMON_MAX: usize = 50;

/// Collects the fingerprints of a batch, in output order.
#[derive(Debug, Default)]
pub struct Builder {
    paths: Vec<String>,
    /// Where each report's units start in `units`; one more entry than reports.
    starts: Vec<u32>,
    units: Vec<Unit>,
    /// For each unit, the index of a sentence's line unit (`u32::MAX` for a line).
    parents: Vec<u32>,
}

/// A passage: a cluster of units found in two or more reports.
#[derive(Debug, Clone)]
pub(super) struct Passage {
    /// Its units, in output order (by report, then line).
    pub(super) members: Vec<u32>,
    /// Distinct reports holding it.
    pub(super) reports: usize,
    /// Held by so many reports that it is common wording.
    pub(super) common: bool,
}

/// The clustered batch: what each report's reuse block is written from.
#[derive(Debug, Default)]
pub struct Index {
    pub(super) paths: Vec<String>,
    /// HTML page names, `pages[r]` for report `r`, when the run writes pages.
    pub(super) pages: Option<Vec<String>>,
    pub(super) starts: Vec<u32>,
    pub(super) units: Vec<Unit>,
    /// For each unit, the report holding it.
    pub(super) owner: Vec<u32>,
    /// For each unit, its passage (`u32::MAX` for none).
    pub(super) passage_of: Vec<u32>,
    /// Passages, numbered by their first unit in output order.
    pub(super) passages: Vec<Passage>,
}

impl Builder {
    /// An empty batch.
    pub fn new() -> Builder {
        Builder {
            starts: vec![0],
            ..Builder::default()
        }
    }

    /// Adds the next report of the output; gives its number.
    pub fn add(&mut self, path: &str, f: Fingerprint) -> usize {
        let base = self.units.len();
        let mut line_unit = u32::MAX;
        for (i, u) in f.units.iter().enumerate() {
            if u.sentence {
                self.parents.push(line_unit);
            } else {
                line_unit = u32::try_from(base + i).unwrap_or(u32::MAX);
                self.parents.push(u32::MAX);
            }
        }
        self.units.extend(f.units);
        self.paths.push(path.to_string());
        self.starts
            .push(u32::try_from(self.units.len()).expect("fewer than 4 billion units"));
        self.paths.len() - 1
    }

    /// Reports added.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// True when no report was added.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Clusters the units into passages.
    pub fn build(self) -> Index {
        let owner = owners(&self.starts);
        let mut sets = Sets::new(self.units.len());
        for b in 0..BANDS {
            link_band(&self.units, b, &mut sets);
        }
        let common_at = COMMON_MIN
            .max(self.paths.len().div_ceil(COMMON_EVERY))
            .min(COMMON_MAX);
        let passages = passages(&mut sets, &owner, &self.parents, common_at);
        let mut passage_of = vec![u32::MAX; self.units.len()];
        for (id, p) in passages.iter().enumerate() {
            for &m in &p.members {
                passage_of[m as usize] = u32::try_from(id).unwrap_or(u32::MAX);
            }
        }
        Index {
            paths: self.paths,
            pages: None,
            starts: self.starts,
            units: self.units,
            owner,
            passage_of,
            passages,
        }
    }
}

/// The report of each unit.
fn owners(starts: &[u32]) -> Vec<u32> {
    let mut owner = Vec::with_capacity(starts.last().map_or(0, |&n| n as usize));
    for (r, w) in starts.windows(2).enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        owner.extend(std::iter::repeat_n(r, (w[1] - w[0]) as usize));
    }
    owner
}

/// Units whose band `b` is equal are candidates; each is joined to the first of its bucket
/// and to the one before it when their signatures agree and their lengths are alike. A
/// bucket of one phrase in every report costs a pass over it, not every pair.
fn link_band(units: &[Unit], b: usize, sets: &mut Sets) {
    let mut keys: Vec<(u64, u32)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (band(&u.sig, b), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    keys.sort_unstable();
    for run in keys.chunk_by(|x, y| x.0 == y.0) {
        for j in 1..run.len() {
            let this = run[j].1;
            for other in [run[0].1, run[j - 1].1] {
                if alike(&units[this as usize], &units[other as usize]) {
                    sets.join(this, other);
                }
            }
        }
    }
}

/// Near-identical: signatures that agree on [`AGREE`] hashes, lengths within a factor of
/// 1.5 (a sentence is not the paragraph that holds it).
fn alike(a: &Unit, b: &Unit) -> bool {
    let (x, y) = (u32::from(a.chars), u32::from(b.chars));
    2 * x.max(y) <= 3 * x.min(y) && agreement(&a.sig, &b.sig) >= AGREE
}

/// The clusters found in two or more reports, numbered by first unit. A cluster of
/// sentences each of which stands in a line that is itself one passage adds nothing to that
/// passage and is left out.
fn passages(sets: &mut Sets, owner: &[u32], parents: &[u32], common_at: usize) -> Vec<Passage> {
    let n = owner.len();
    let roots: Vec<u32> = (0..n)
        .map(|i| sets.find(u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let mut size = vec![0u32; n];
    for &r in &roots {
        size[r as usize] += 1;
    }
    let mut members: std::collections::HashMap<u32, Vec<u32>> = std::collections::HashMap::new();
    for (i, &r) in roots.iter().enumerate() {
        if size[r as usize] > 1 {
            members
                .entry(r)
                .or_default()
                .push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    let mut found: Vec<Vec<u32>> = members
        .into_values()
        .filter(|m| distinct_reports(m, owner) > 1)
        .collect();
    found.sort_unstable_by_key(|m| m[0]);
    let shared: std::collections::HashSet<u32> =
        found.iter().map(|m| roots[m[0] as usize]).collect();
    let is_shared = |u: u32| shared.contains(&roots[u as usize]);
    found
        .into_iter()
        .filter(|m| !within_one_passage(m, parents, &roots, is_shared))
        .map(|m| {
            let reports = distinct_reports(&m, owner);
            Passage {
                members: m,
                reports,
                common: reports >= common_at,
            }
        })
        .collect()
}

/// True when every unit of `m` is a sentence whose line unit is in one and the same shared
/// cluster.
fn within_one_passage(
    m: &[u32],
    parents: &[u32],
    roots: &[u32],
    is_shared: impl Fn(u32) -> bool,
) -> bool {
    let parent_root = |u: u32| {
        let p = parents[u as usize];
        (p != u32::MAX && is_shared(p)).then(|| roots[p as usize])
    };
    let Some(first) = parent_root(m[0]) else {
        return false;
    };
    m.iter().all(|&u| parent_root(u) == Some(first))
}

/// Distinct reports among units sorted by report.
fn distinct_reports(m: &[u32], owner: &[u32]) -> usize {
    let mut n = 0;
    let mut last = u32::MAX;
    for &u in m {
        let r = owner[u as usize];
        if r != last {
            n += 1;
            last = r;
        }
    }
    n
}

/// Disjoint sets over unit numbers (union by size, path halving).
struct Sets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl Sets {
    fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    fn join(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        let (big, small) = if self.size[a as usize] >= self.size[b as usize] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
    }
}
