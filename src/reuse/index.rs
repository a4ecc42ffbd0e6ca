//! The batch index: every report's units, clustered into passages found in two or more
//! reports.

use rustc_hash::FxHashMap;

use super::minhash::{agreement, band, BANDS, HASHES};
use super::minhash::{mix, Signature};
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

/// Collects the fingerprints of a batch, in output order. Each report's units and
/// signatures stay in their own exactly sized arrays: a flat array grown report by report
/// would copy itself at each doubling and hold up to twice what it needs.
#[derive(Debug, Default)]
pub struct Builder {
    paths: Vec<String>,
    /// Where each report's units start in the batch's numbering; one more entry than
    /// reports.
    starts: Vec<u32>,
    units: Vec<Box<[Unit]>>,
    /// Each report's units' signatures, as numbers in `table`.
    sigs: Vec<Box<[u32]>>,
    /// Every distinct signature once: common wording, the bulk of a batch, is one
    /// signature in hundreds of reports, so a unit costs 4 bytes here instead of 64.
    table: Vec<Signature>,
    /// A signature's number in `table`, by a hash of it (already mixed, so the map
    /// needs only a cheap hasher, not SipHash).
    seen: FxHashMap<u64, u32>,
    /// Each report's characters, white space not counted.
    totals: Vec<u32>,
}

/// A passage: a cluster of units found in two or more reports.
#[derive(Debug, Clone)]
pub(super) struct Passage {
    /// Where its units (in output order: by report, then line) stand in
    /// [`Index::members`].
    pub(super) members: (u32, u32),
    /// Distinct reports holding it.
    pub(super) reports: usize,
    /// Held by so many reports that it is common wording.
    pub(super) common: bool,
}

/// The clustered batch: what each report's reuse block is written from. The signatures are
/// dropped once clustered: a block needs only where each unit stands.
#[derive(Debug, Default)]
pub struct Index {
    pub(super) paths: Vec<String>,
    /// HTML page names, `pages[r]` for report `r`, when the run writes pages.
    pub(super) pages: Option<Vec<String>>,
    pub(super) starts: Vec<u32>,
    pub(super) units: Vec<Box<[Unit]>>,
    pub(super) totals: Vec<u32>,
    /// For each unit, the report holding it.
    pub(super) owner: Vec<u32>,
    /// For each unit, its passage (`u32::MAX` for none).
    pub(super) passage_of: Vec<u32>,
    /// Passages, numbered by their first unit in output order.
    pub(super) passages: Vec<Passage>,
    /// The units of every passage, passage after passage.
    pub(super) members: Vec<u32>,
}

fn index(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 4 billion units")
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
        let n = self.starts.last().copied().unwrap_or(0) as usize + f.units.len();
        self.starts.push(index(n));
        self.units.push(f.units.into_boxed_slice());
        let ids: Box<[u32]> = f.sigs.iter().map(|s| self.intern(s)).collect();
        self.sigs.push(ids);
        self.totals.push(f.total);
        self.paths.push(path.to_string());
        self.paths.len() - 1
    }

    /// The number of `sig` in the table, added when new. Two signatures of one hash (once
    /// in 2⁶⁴) are both kept, the second without an entry in `seen`.
    fn intern(&mut self, sig: &Signature) -> u32 {
        let h = sig_hash(sig);
        if let Some(&id) = self.seen.get(&h) {
            if self.table[id as usize] == *sig {
                return id;
            }
        } else {
            self.seen.insert(h, index(self.table.len()));
        }
        self.table.push(*sig);
        index(self.table.len() - 1)
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
        let all = Flat {
            ids: self.sigs.iter().flat_map(|s| s.iter().copied()).collect(),
            chars: self
                .units
                .iter()
                .flat_map(|u| u.iter().map(Unit::chars))
                .collect(),
            table: &self.table,
        };
        drop(self.sigs);
        let mut sets = Sets::new(owner.len());
        let mut bands = Bands::default();
        for b in 0..BANDS {
            bands.link(&all, b, &mut sets);
        }
        drop((bands, all));
        let common_at = COMMON_MIN
            .max(self.paths.len().div_ceil(COMMON_EVERY))
            .min(COMMON_MAX);
        let parents = parents(&self.units);
        let (passages, members) = passages(&mut sets, &owner, &parents, common_at);
        let mut passage_of = vec![u32::MAX; owner.len()];
        for (id, p) in passages.iter().enumerate() {
            for &m in &members[p.members.0 as usize..p.members.1 as usize] {
                passage_of[m as usize] = index(id);
            }
        }
        Index {
            paths: self.paths,
            pages: None,
            starts: self.starts,
            units: self.units,
            totals: self.totals,
            owner,
            passage_of,
            passages,
            members,
        }
    }
}

/// A hash of a signature, for [`Builder::intern`].
fn sig_hash(sig: &Signature) -> u64 {
    sig.chunks(4).fold(0, |h, c| {
        let w = c.iter().fold(0u64, |w, &v| (w << 16) | u64::from(v));
        mix(h ^ w)
    })
}

/// What clustering reads of each unit, in flat arrays by the batch's numbering: the
/// number of its signature and its length (a look-up in the reports' own arrays would cost
/// a cache miss per candidate).
struct Flat<'a> {
    ids: Vec<u32>,
    chars: Vec<u16>,
    table: &'a [Signature],
}

impl Flat<'_> {
    fn sig(&self, i: u32) -> &Signature {
        &self.table[self.ids[i as usize] as usize]
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

/// For each unit, the number of a sentence's line unit (`u32::MAX` for a line).
fn parents(units: &[Box<[Unit]>]) -> Vec<u32> {
    let mut out = Vec::with_capacity(units.iter().map(|u| u.len()).sum());
    let mut line_unit = u32::MAX;
    for u in units.iter().flat_map(|u| u.iter()) {
        if u.sentence {
            out.push(line_unit);
        } else {
            line_unit = index(out.len());
            out.push(u32::MAX);
        }
    }
    out
}

/// The buffers one band is grouped in, kept from band to band.
#[derive(Default)]
struct Bands {
    /// Each distinct signature's band key and number, sorted by key.
    keys: Vec<(u64, u32)>,
    /// The bucket of each distinct signature in this band.
    bucket_of: Vec<u32>,
    /// Where each bucket's units start in `order` (one more entry than buckets).
    starts: Vec<u32>,
    /// The units, bucket after bucket, each bucket in unit order.
    order: Vec<u32>,
    /// Where the next unit of each bucket goes in `order`, while it is filled.
    next: Vec<u32>,
}

impl Bands {
    /// Units whose band `b` is equal are candidates; each is joined to the first of its
    /// bucket and to the one before it (in unit order) when their signatures agree and
    /// their lengths are alike. A bucket of one phrase in every report costs a pass over
    /// it, not every pair. Units of one signature share a bucket, so the buckets are found
    /// by sorting the distinct signatures (common wording makes them far fewer than the
    /// units) and the units are laid out by a counting sort, which keeps unit order within
    /// a bucket: no sort of every unit per band.
    fn link(&mut self, all: &Flat, b: usize, sets: &mut Sets) {
        self.group(all, b);
        for w in self.starts.windows(2) {
            let run = &self.order[w[0] as usize..w[1] as usize];
            for j in 1..run.len() {
                let this = run[j];
                for other in [run[0], run[j - 1]] {
                    if alike(all, this, other) {
                        sets.join(this, other);
                    }
                }
            }
        }
    }

    /// Lays the units out by bucket of band `b`, in unit order within each.
    fn group(&mut self, all: &Flat, b: usize) {
        self.keys.clear();
        let band_of = |sig: &Signature| band(sig, b);
        self.keys.extend(all.table.iter().map(band_of).zip(0..));
        self.keys.sort_unstable();
        self.bucket_of.clear();
        self.bucket_of.resize(all.table.len(), 0);
        let mut buckets = 0u32;
        for (i, k) in self.keys.iter().enumerate() {
            if i > 0 && self.keys[i - 1].0 != k.0 {
                buckets += 1;
            }
            self.bucket_of[k.1 as usize] = buckets;
        }
        let buckets = if self.keys.is_empty() {
            0
        } else {
            buckets as usize + 1
        };
        // Counts, then each bucket's end, then (filling backwards) its start.
        self.starts.clear();
        self.starts.resize(buckets + 1, 0);
        for &id in &all.ids {
            self.starts[self.bucket_of[id as usize] as usize + 1] += 1;
        }
        for i in 1..self.starts.len() {
            self.starts[i] += self.starts[i - 1];
        }
        self.order.clear();
        self.order.resize(all.ids.len(), 0);
        self.next.clear();
        self.next.extend_from_slice(&self.starts[..buckets]);
        for (u, &id) in all.ids.iter().enumerate() {
            let at = &mut self.next[self.bucket_of[id as usize] as usize];
            self.order[*at as usize] = index(u);
            *at += 1;
        }
    }
}

/// Near-identical: signatures that agree on [`AGREE`] hashes, lengths within a factor of
/// 1.5 (a sentence is not the paragraph that holds it).
fn alike(all: &Flat, a: u32, b: u32) -> bool {
    let (x, y) = (
        u32::from(all.chars[a as usize]),
        u32::from(all.chars[b as usize]),
    );
    let same = all.ids[a as usize] == all.ids[b as usize];
    2 * x.max(y) <= 3 * x.min(y) && (same || agreement(all.sig(a), all.sig(b)) >= AGREE)
}

/// The clusters found in two or more reports, numbered by first unit, and their units
/// passage after passage. A cluster of sentences each of which stands in a line that is
/// itself one passage adds nothing to that passage and is left out.
fn passages(
    sets: &mut Sets,
    owner: &[u32],
    parents: &[u32],
    common_at: usize,
) -> (Vec<Passage>, Vec<u32>) {
    let n = owner.len();
    let roots: Vec<u32> = (0..n).map(|i| sets.find(index(i))).collect();
    // Units of clusters of two or more, by cluster (root) then unit: one sort, where a map
    // of a list per cluster costs an allocation per cluster.
    let mut by_root: Vec<(u32, u32)> = (0..n)
        .filter(|&i| sets.size[roots[i] as usize] > 1)
        .map(|i| (roots[i], index(i)))
        .collect();
    by_root.sort_unstable();
    let mut found: Vec<&[(u32, u32)]> = by_root
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|m| distinct_reports(m.iter().map(|x| x.1), owner) > 1)
        .collect();
    found.sort_unstable_by_key(|m| m[0].1);
    let mut shared = vec![false; n];
    for m in &found {
        shared[m[0].0 as usize] = true;
    }
    let is_shared = |u: u32| shared[roots[u as usize] as usize];
    let mut members = Vec::new();
    let mut out = Vec::new();
    for m in found {
        if within_one_passage(m, parents, &roots, is_shared) {
            continue;
        }
        let from = index(members.len());
        members.extend(m.iter().map(|x| x.1));
        let reports = distinct_reports(m.iter().map(|x| x.1), owner);
        out.push(Passage {
            members: (from, index(members.len())),
            reports,
            common: reports >= common_at,
        });
    }
    (out, members)
}

/// True when every unit of `m` is a sentence whose line unit is in one and the same shared
/// cluster.
fn within_one_passage(
    m: &[(u32, u32)],
    parents: &[u32],
    roots: &[u32],
    is_shared: impl Fn(u32) -> bool,
) -> bool {
    let parent_root = |u: u32| {
        let p = parents[u as usize];
        (p != u32::MAX && is_shared(p)).then(|| roots[p as usize])
    };
    let Some(first) = parent_root(m[0].1) else {
        return false;
    };
    m.iter().all(|&(_, u)| parent_root(u) == Some(first))
}

/// Distinct reports among units sorted by report.
fn distinct_reports(m: impl Iterator<Item = u32>, owner: &[u32]) -> usize {
    let mut n = 0;
    let mut last = u32::MAX;
    for u in m {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::fingerprint;

    /// Band linking as first written: every unit's band key sorted, buckets read in unit
    /// order. The counting sort must join exactly the pairs this joins.
    fn link_by_sorting(all: &Flat, b: usize, sets: &mut Sets) {
        let mut keys: Vec<(u64, u32)> = all
            .ids
            .iter()
            .map(|id| band(&all.table[*id as usize], b))
            .zip(0..)
            .collect();
        keys.sort_unstable();
        for run in keys.chunk_by(|x, y| x.0 == y.0) {
            for j in 1..run.len() {
                for other in [run[0].1, run[j - 1].1] {
                    if alike(all, run[j].1, other) {
                        sets.join(run[j].1, other);
                    }
                }
            }
        }
    }

    /// Signatures that share some bands and not others, units of several lengths, in an
    /// order where a signature's units are scattered.
    fn scattered_batch() -> (Vec<Signature>, Vec<u32>, Vec<u16>) {
        let table: Vec<Signature> = (0..40u64)
            .map(|s| {
                let mut sig = [0u16; HASHES];
                for (h, v) in sig.iter_mut().enumerate() {
                    // Signatures of one family of five agree on most bands.
                    let family = s / 5;
                    let own = if h % 7 == (s % 5) as usize { s } else { family };
                    *v = mix(own * 131 + h as u64) as u16;
                }
                sig
            })
            .collect();
        let ids: Vec<u32> = (0..600u64).map(|u| (mix(u) % 40) as u32).collect();
        let chars: Vec<u16> = (0..600u64).map(|u| 20 + (mix(u ^ 9) % 30) as u16).collect();
        (table, ids, chars)
    }

    #[test]
    fn grouping_bands_by_counting_joins_what_sorting_every_unit_joins() {
        let (table, ids, chars) = scattered_batch();
        let all = Flat {
            ids,
            chars,
            table: &table,
        };
        let n = all.ids.len();
        let (mut counted, mut sorted) = (Sets::new(n), Sets::new(n));
        let mut bands = Bands::default();
        for b in 0..BANDS {
            bands.link(&all, b, &mut counted);
            link_by_sorting(&all, b, &mut sorted);
        }
        let roots = |s: &mut Sets| -> Vec<u32> {
            // Each unit's set named by its least member, whatever the root.
            let r: Vec<u32> = (0..n).map(|i| s.find(index(i))).collect();
            let mut least = vec![u32::MAX; n];
            for (i, &x) in r.iter().enumerate() {
                least[x as usize] = least[x as usize].min(index(i));
            }
            r.iter().map(|&x| least[x as usize]).collect()
        };
        let (a, b) = (roots(&mut counted), roots(&mut sorted));
        assert_eq!(a, b);
        let joined = a
            .iter()
            .enumerate()
            .filter(|&(i, &x)| x as usize != i)
            .count();
        assert!(joined > 100, "the batch links something: {joined}");
    }

    #[test]
    fn a_passage_in_many_reports_is_one_signature_and_one_passage() {
        let common = "深入推进严格规范公正文明执法，全面落实行政执法三项制度取得明显成效。";
        let mut b = Builder::new();
        for (i, own) in [
            "全区共办理行政复议案件一百余件纠错率保持在合理区间之内并逐年下降",
            "着力提升公共法律服务水平建成覆盖城乡的公共法律服务体系实现全覆盖",
        ]
        .iter()
        .cycle()
        .take(6)
        .enumerate()
        {
            b.add(
                &format!("r{i}.txt"),
                fingerprint(&format!("{common}\n{own}{i}\n")),
            );
        }
        // The common line and the two lines of their own (their figures fold away).
        assert_eq!(b.table.len(), 3);
        let index = b.build();
        let reports: Vec<usize> = index.passages.iter().map(|p| p.reports).collect();
        assert_eq!(reports, [6, 3, 3]);
        assert!(index.passages[0].common && !index.passages[1].common);
    }
}
