//! MinHash signatures over character shingles, and the bands LSH compares them by.
//!
//! Written here rather than taken from a crate: the two on crates.io (`datasketch-minhash-lsh`
//! 0.0.1, "use it at your own risk", on rand 0.7; `lshdedup-core` 0.1, new) hold whole
//! documents in their own index, where a run here keeps compact signatures of its units and
//! clusters them once, and the whole is some forty lines over a fast integer mix.

/// Characters per shingle: long enough that two unrelated sentences of the genre share few
/// shingles, short enough that a few changed characters leave most of them.
pub const SHINGLE: usize = 5;
/// Hash functions per signature.
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

/// The seeds of the hash functions: fixed, so signatures are the same on every run.
const SEEDS: [u64; HASHES] = {
    let mut s = [0u64; HASHES];
    let mut x: u64 = 0x243F_6A88_85A3_08D3;
    let mut i = 0;
    while i < HASHES {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        s[i] = mix(x);
        i += 1;
    }
    s
};

/// SplitMix64's finaliser: every input bit moves every output bit.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The multipliers and offsets of the hash functions: odd multipliers, fixed so signatures
/// are the same on every run.
const AFFINE: [(u64, u64); HASHES] = {
    let mut s = [(0u64, 0u64); HASHES];
    let mut i = 0;
    while i < HASHES {
        s[i] = (SEEDS[i] | 1, mix(SEEDS[i]));
        i += 1;
    }
    s
};

/// The minima of each hash function over a set of shingles, before they are cut to a
/// [`Signature`]; minima over two sets combine element by element.
pub type Minima = [u64; HASHES];

/// The minima of no shingle.
pub const EMPTY: Minima = [u64::MAX; HASHES];

/// A shingle's hash: its characters mixed.
pub fn shingle(w: &[char]) -> u64 {
    w.iter()
        .fold(0u64, |h, &c| mix(h ^ u64::from(u32::from(c))))
}

/// Takes shingle hash `x` into `min`. The shingle's hash is well mixed already, so each
/// hash function is an affine map of it (multiply-add, 2-universal in the high bits), which
/// costs one multiplication where a full mix costs several: this loop is most of what
/// fingerprinting a report costs.
pub fn take(min: &mut Minima, x: u64) {
    for (m, (a, b)) in min.iter_mut().zip(AFFINE) {
        *m = (*m).min(x.wrapping_mul(a).wrapping_add(b));
    }
}

/// The minima of two sets together.
pub fn merge(into: &mut Minima, other: &Minima) {
    for (m, o) in into.iter_mut().zip(other) {
        *m = (*m).min(*o);
    }
}

/// The signature of minima: the low 16 bits of each (the minimum is chosen by the high
/// bits, so its low bits are as good as random).
pub fn cut(min: &Minima) -> Signature {
    min.map(|m| m as u16)
}

/// The signature of a skeleton of at least [`SHINGLE`] characters (a shorter one is one
/// shingle).
pub fn signature(skeleton: &[char]) -> Signature {
    let mut min = EMPTY;
    let k = SHINGLE.min(skeleton.len()).max(1);
    for w in skeleton.windows(k) {
        take(&mut min, shingle(w));
    }
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
