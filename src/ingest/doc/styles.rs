//! The style sheet (STSH, [MS-DOC] 2.9.271): which paragraph styles are headings, and at
//! what outline level.

use super::fib::u16_at;
use super::papx::sprms;

/// sprmPOutLvl in a style's paragraph properties.
const SPRM_P_OUT_LVL: u16 = 0x2640;
/// sti values 1–9 are the built-in `heading 1`–`heading 9`, whatever their display name.
const STI_HEADINGS: std::ops::RangeInclusive<u16> = 1..=9;
/// The style sheet has at most 4,095 styles (istd is 12 bits).
const MAX_STYLES: usize = 0x0FFF;
/// Base styles followed for an inherited outline level; style sheets may hold cycles.
const MAX_INHERITANCE: usize = 16;
/// An istd that names no style.
const ISTD_NIL: u16 = 0x0FFF;

/// What one style says about outline levels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Style {
    /// Outline level (0 for the top) set by the style or implied by its identity or name.
    outline: Option<u8>,
    base: u16,
}

/// The styles of a document, by istd.
#[derive(Debug, Default)]
pub(super) struct Styles(Vec<Style>);

impl Styles {
    /// Reads the style sheet; a damaged one gives no styles, so no headings by style.
    pub(super) fn new(stsh: &[u8]) -> Styles {
        Styles(read(stsh).unwrap_or_default())
    }

    /// The outline level (0 for the top) style `istd` gives, on it or its base styles.
    pub(super) fn outline(&self, istd: u16) -> Option<u8> {
        let mut at = istd;
        for _ in 0..MAX_INHERITANCE {
            let s = self.0.get(usize::from(at))?;
            if s.outline.is_some() {
                return s.outline;
            }
            at = s.base;
        }
        None
    }
}

fn read(stsh: &[u8]) -> Option<Vec<Style>> {
    let cb_stshi = usize::from(u16_at(stsh, 0)?);
    let cstd = usize::from(u16_at(stsh, 2)?).min(MAX_STYLES);
    let cb_base = usize::from(u16_at(stsh, 4)?);
    let mut at = 2 + cb_stshi;
    let mut styles = Vec::with_capacity(cstd);
    for _ in 0..cstd {
        let cb = usize::from(u16_at(stsh, at)?);
        let std = stsh.get(at + 2..at + 2 + cb)?;
        styles.push(if cb == 0 {
            Style {
                base: ISTD_NIL,
                ..Style::default()
            }
        } else {
            style(std, cb_base)
        });
        at += 2 + cb;
    }
    Some(styles)
}

/// One STD: its Stdf (`cb_base` bytes), its name, then its property exceptions.
fn style(std: &[u8], cb_base: usize) -> Style {
    let sti = u16_at(std, 0).map_or(0, |v| v & 0x0FFF);
    let word = u16_at(std, 2).unwrap_or(0);
    let (stk, base) = (word & 0x000F, word >> 4);
    let cch = u16_at(std, cb_base).map_or(0, usize::from);
    let name_units: Vec<u16> = (0..cch)
        .map_while(|i| u16_at(std, cb_base + 2 + 2 * i))
        .collect();
    let name = String::from_utf16_lossy(&name_units);
    let by_identity = STI_HEADINGS
        .contains(&sti)
        .then(|| (sti - 1) as u8)
        .or_else(|| heading_name(&name));
    // A paragraph style's first UPX is its paragraph properties: istd, then sprms.
    let upx_at = cb_base + 2 + 2 * (cch + 1);
    let own = (stk == 1).then(|| upx_outline(std, upx_at)).flatten();
    Style {
        outline: own.or(by_identity),
        base,
    }
}

fn upx_outline(std: &[u8], at: usize) -> Option<u8> {
    let cb = usize::from(u16_at(std, at)?);
    let papx = std.get(at + 2..at + 2 + cb)?;
    sprms(papx.get(2..)?)
        .filter(|(s, _)| *s == SPRM_P_OUT_LVL)
        .find_map(|(_, op)| op.first().copied())
}

/// The outline level a heading style's name implies: `heading 2`, `标题 2` → 1 (the
/// .docx reader's rule, for styles a Chinese Word or WPS named itself).
fn heading_name(name: &str) -> Option<u8> {
    let name = name.split(',').next()?.trim().to_lowercase();
    let rest = name
        .strip_prefix("heading")
        .or_else(|| name.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_record(sti: u16, base: u16, name: &str, outline: Option<u8>) -> Vec<u8> {
        let mut s = Vec::new();
        s.extend(sti.to_le_bytes());
        s.extend((1u16 | (base << 4)).to_le_bytes());
        s.extend([0u8; 6]);
        let units: Vec<u16> = name.encode_utf16().collect();
        s.extend((units.len() as u16).to_le_bytes());
        s.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        s.extend([0, 0]);
        let mut papx = vec![0u8, 0];
        if let Some(l) = outline {
            papx.extend([0x40, 0x26, l]);
        }
        s.extend((papx.len() as u16).to_le_bytes());
        s.extend(papx);
        s
    }

    #[test]
    fn headings_come_from_identity_name_own_level_or_base() {
        let mut stsh = vec![6u8, 0, 4, 0, 10, 0, 0, 0];
        for rec in [
            std_record(0, ISTD_NIL, "Normal", None),
            std_record(2, 0, "heading 2", None),
            std_record(4094, 0, "标题 3,章标题", None),
            std_record(4094, 2, "mine", None),
        ] {
            stsh.extend((rec.len() as u16).to_le_bytes());
            stsh.extend(rec);
        }
        let styles = Styles::new(&stsh);
        assert_eq!(styles.outline(0), None);
        assert_eq!(styles.outline(1), Some(1));
        assert_eq!(styles.outline(2), Some(2));
        assert_eq!(styles.outline(3), Some(2));
        assert_eq!(styles.outline(9), None);
        assert_eq!(Styles::new(b"\x06").outline(1), None);
    }
}
