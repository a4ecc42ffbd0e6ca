//! Where sentences end: a run of stops (。！？!?；;) and at most one closing quote or bracket
//! after it.
//!
//! Every line is cut at its stops, so this runs over every byte of a report. It is the
//! regex `[。！？!?；;]+[”’」』)]?` found from left to right, written as a scan of bytes:
//! the stops and closers are ASCII or three-byte chars whose lead bytes (E2, E3, EF) Han
//! text rarely has, so most bytes are passed over after one comparison.

/// The byte length of the stop at byte `i` of `b` (a char boundary), or 0 when none is.
fn stop_at(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'!' | b'?' | b';' => 1,
        // 。
        0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => 3,
        // ！ ？ ；
        0xEF if b.get(i + 1) == Some(&0xBC) && matches!(b.get(i + 2), Some(0x81 | 0x9F | 0x9B)) => {
            3
        }
        _ => 0,
    }
}

/// The byte length of the closer at byte `i` of `b`, or 0 when none is: ” ’ 」 』 ).
fn closer_at(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b')') => 1,
        Some(0xE2) if matches!(b.get(i + 1..i + 3), Some([0x80, 0x9D | 0x99])) => 3,
        Some(0xE3) if matches!(b.get(i + 1..i + 3), Some([0x80, 0x8D | 0x8F])) => 3,
        _ => 0,
    }
}

/// The byte length of the UTF-8 char whose first byte is `lead`.
fn char_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The end of the first sentence end at or after byte `from` of `s` (a char boundary).
pub fn next_end(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        let n = stop_at(b, i);
        if n == 0 {
            // `i` stays on char boundaries (stops are whole chars), so a Han char is passed
            // in one step rather than three.
            i += char_len(b[i]);
            continue;
        }
        i += n;
        loop {
            let n = if i < b.len() { stop_at(b, i) } else { 0 };
            if n == 0 {
                break;
            }
            i += n;
        }
        return Some(i + closer_at(b, i));
    }
    None
}

/// The ends of every sentence end in `s`, in order (as `find_iter` of the regex gives).
pub fn ends(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let end = next_end(s, from)?;
        from = end;
        Some(end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGEX: &str = r"[。！？!?；;]+[”’」』)]?";

    fn by_regex(s: &str) -> Vec<usize> {
        let re = regex::Regex::new(REGEX).unwrap();
        re.find_iter(s).map(|m| m.end()).collect()
    }

    #[test]
    fn ends_as_the_regex_finds_them() {
        for s in [
            "",
            "一是加强领导。二是完善制度；三是?",
            "他说：“好。”然后！！？）走了;",
            "。」』",
            "问题？』。’",
            "abc!?;)x",
            "（一）完善制度。",
        ] {
            assert_eq!(ends(s).collect::<Vec<_>>(), by_regex(s), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_ends_as_the_regex_says(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                '。', '！', '？', '!', '?', '；', ';', '”', '’', '」', '』', ')', '法', 'a',
                '「', '“', '）', '，', '、', '…', '\u{FF1F}', '\u{FF01}', '㐀', '\u{3001}',
            ]), 0..40)
        ) {
            let s: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(ends(&s).collect::<Vec<_>>(), by_regex(&s), "{}", s);
        }
    }
}
