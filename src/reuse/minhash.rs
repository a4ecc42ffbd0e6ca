//! MinHash signatures over character shingles, and the bands LSH compares them by.
//!
//! Written here rather than taken from a crate: the two on crates.io (`datasketch-minhash-lsh`
//! 0.0.1, "use it at your own risk", on rand 0.7; `lshdedup-core` 0.1, new) hold whole
//! documents in their own index, where a run here keeps compact signatures of its units and
//! clusters them once, and the whole is some sixty lines over a fast integer mix.

/// Characters per shingle: long enough that two unrelated sentences of the genre share few
/// shingles, short enough that a few changed characters leave most of them.
pub const SHINGLE: usize = 5;
/// Bins per signature (one-permutation MinHash: a power of two).
pub const HASHES: usize = 32;
/// LSH bands; each band is [`ROWS`] hashes. Two units land in one bucket in some band with
/// probability 1 − (1 − J⁴)⁸ for Jaccard similarity J: 0.98 at J = 0.8, 0.5 near J = 0.55.
pub const BANDS: usize = 8;
/// Hashes per band.
pub const ROWS: usize = HASHES / BANDS;

/// A unit's signature: the low 16 bits of each of [`HASHES`] minima. Two different minima
/// agree on them by chance once in 65,536, too seldom to move a similarity estimate, and
/// the signature is a quarter of full 64-bit minima.
pub type Signature = [u16; HASHES];

/// SplitMix64's finaliser: every input bit moves every output bit.
pub const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The minima of a set of shingles before they are cut to a [`Signature`]: one-permutation
/// MinHash, where each shingle's one hash falls in one of [`HASHES`] bins by its top bits
/// and each bin keeps its least. One hash and one comparison per shingle, where one
/// permutation per bin would cost [`HASHES`]: this is most of what fingerprinting a report
/// costs. Minima over two sets combine bin by bin.
pub type Minima = [u64; HASHES];

/// The minima of no shingle: every bin empty.
pub const EMPTY: Minima = [u64::MAX; HASHES];

/// Bits of a hash that choose its bin.
const BIN_BITS: u32 = HASHES.trailing_zeros();

/// The multiplier of the rolling shingle hash (odd, well spread).
const ROLL: u64 = 0x9E37_79B9_7F4A_7C15;

/// Calls `f` with the hash of every window of `k` characters of `chars`, in order. The
/// windows are hashed rolling (a polynomial in [`ROLL`], one multiply-add per character in
/// and out) and each then mixed once, so a shingle costs the same whatever `k`.
/// `chars` are code points (a skeleton as [`super::units`] builds it).
pub fn shingles(chars: &[u32], k: usize, mut f: impl FnMut(usize, u64)) {
    if chars.len() < k || k == 0 {
        return;
    }
    let out = (1..k).fold(1u64, |p, _| p.wrapping_mul(ROLL));
    let first = &chars[..k];
    let mut h = first.iter().fold(0u64, |h, &c| {
        h.wrapping_mul(ROLL).wrapping_add(u64::from(c))
    });
    f(0, mix(h));
    // The char leaving each window beside the one entering it: no index to check.
    for (i, (&gone, &come)) in chars.iter().zip(&chars[k..]).enumerate() {
        h = h
            .wrapping_sub(u64::from(gone).wrapping_mul(out))
            .wrapping_mul(ROLL)
            .wrapping_add(u64::from(come));
        f(i + 1, mix(h));
    }
}

/// Takes shingle hash `x` into `min`: into the bin its top bits name.
pub fn take(min: &mut Minima, x: u64) {
    let bin = (x >> (64 - BIN_BITS)) as usize;
    min[bin] = min[bin].min(x);
}

/// The minima of two sets together.
pub fn merge(into: &mut Minima, other: &Minima) {
    for (m, o) in into.iter_mut().zip(other) {
        *m = (*m).min(*o);
    }
}

/// The signature of minima: the low 16 bits of each bin's least (chosen by the high bits,
/// so its low bits are as good as random). An empty bin (a short unit has fewer shingles
/// than bins) borrows from the next full bin to its right, changed by how far it reached,
/// so two units agree on it as often as on the bin it borrowed from (densification by
/// rotation, Shrivastava and Li 2014).
pub fn cut(min: &Minima) -> Signature {
    let mut sig = [0u16; HASHES];
    for (i, s) in sig.iter_mut().enumerate() {
        let full = (0..HASHES)
            .map(|d| (d, min[(i + d) % HASHES]))
            .find(|&(_, m)| m != u64::MAX);
        *s = match full {
            Some((0, m)) => m as u16,
            Some((d, m)) => mix(m ^ d as u64) as u16,
            None => u16::MAX,
        };
    }
    sig
}

/// The signature of a skeleton of at least [`SHINGLE`] characters (a shorter one is one
/// shingle).
pub fn signature(skeleton: &[char]) -> Signature {
    let mut min = EMPTY;
    let k = SHINGLE.min(skeleton.len()).max(1);
    let points: Vec<u32> = skeleton.iter().map(|&c| u32::from(c)).collect();
    shingles(&points, k, |_, x| take(&mut min, x));
    cut(&min)
}

/// The key of band `b` of a signature: its [`ROWS`] values side by side.
pub fn band(sig: &Signature, b: usize) -> u64 {
    sig[b * ROWS..(b + 1) * ROWS]
        .iter()
        .fold(0u64, |k, &v| (k << 16) | u64::from(v))
}

/// How many of the hashes two signatures agree on: `HASHES` × their estimated Jaccard
/// similarity.
pub fn agreement(a: &Signature, b: &Signature) -> usize {
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn rolling_hashes_are_the_hashes_of_each_window() {
        let s: Vec<u32> = "全面推进严格规范公正文明执法"
            .chars()
            .map(u32::from)
            .collect();
        let mut rolled = Vec::new();
        shingles(&s, SHINGLE, |i, x| rolled.push((i, x)));
        let direct: Vec<(usize, u64)> = s
            .windows(SHINGLE)
            .enumerate()
            .map(|(i, w)| {
                let h = w.iter().fold(0u64, |h, &c| {
                    h.wrapping_mul(ROLL).wrapping_add(u64::from(c))
                });
                (i, mix(h))
            })
            .collect();
        assert_eq!(rolled, direct);
    }

    #[test]
    fn equal_text_agrees_everywhere_and_unrelated_text_nearly_nowhere() {
        let a = chars("全面推进严格规范公正文明执法深化行政执法体制改革完善行政执法程序");
        let b = chars("着力提升公共法律服务水平建成覆盖城乡的公共法律服务体系实现全覆盖");
        assert_eq!(agreement(&signature(&a), &signature(&a)), HASHES);
        assert!(agreement(&signature(&a), &signature(&b)) <= 3);
    }

    #[test]
    fn a_few_changed_characters_keep_most_hashes() {
        let a = chars(
            "全面推进严格规范公正文明执法深化行政执法体制改革完善行政执法程序健全行政裁量基准",
        );
        let b = chars(
            "全面推进严格规范公正文明执法深化综合执法体制改革完善行政执法程序健全行政裁量基准",
        );
        let n = agreement(&signature(&a), &signature(&b));
        assert!((16..HASHES).contains(&n), "{n}");
    }
}
