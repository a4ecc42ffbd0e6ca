//! How many terminal columns text takes: CJK and full-width characters take two. Used to
//! line up the text output's category bars and to put a diagnostic's caret under the right
//! character of a YAML line.

/// Columns one character takes: 2 for East Asian wide and full-width characters, else 1.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u);
    if wide {
        2
    } else {
        1
    }
}

/// Columns a string takes in a terminal.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

#[cfg(test)]
mod tests {
    use super::display_width;

    #[test]
    fn chinese_and_full_width_take_two_columns() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("报告形式"), 8);
        assert_eq!(display_width("（一）A"), 7);
        assert_eq!(display_width("—…é"), 3);
    }
}
