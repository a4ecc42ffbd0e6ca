//! Paragraph properties by position ([MS-DOC] 2.8.6 PlcBtePapx, 2.9.175 PapxFkp): the
//! style of each paragraph, whether it is in a table, ends a table row, and its outline
//! level. Read only for the paragraph marks the text walker meets.

use super::fib::{u16_at, u32_at};

/// An FKP is one 512-byte page of the `WordDocument` stream.
const PAGE: usize = 512;

/// sprmPIstd: the paragraph's style.
const SPRM_P_ISTD: u16 = 0x4600;
/// sprmPFInTable: the paragraph is in a table cell.
const SPRM_P_F_IN_TABLE: u16 = 0x2416;
/// sprmPFTtp: the paragraph mark ends a table row.
const SPRM_P_F_TTP: u16 = 0x2417;
/// sprmPFInnerTtp: it ends a row of a nested table.
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
/// sprmPItap: how deep in nested tables (0 outside any).
const SPRM_P_ITAP: u16 = 0x6649;
/// sprmPOutLvl: the outline level, 0 for the top, 9 for body text.
const SPRM_P_OUT_LVL: u16 = 0x2640;
/// sprmTDefTable and sprmPChgTabs have sizes of their own shape.
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_P_CHG_TABS: u16 = 0xC615;

/// What the reader uses of a paragraph's properties.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ParaProps {
    /// Its style's index in the style sheet.
    pub(super) istd: u16,
    /// In a table cell (at any depth).
    pub(super) in_table: bool,
    /// Its mark ends a table row, which is no paragraph of its own.
    pub(super) row_end: bool,
    /// Its mark ends a row of a nested table.
    pub(super) inner_row_end: bool,
    /// Table depth, when the paragraph says it.
    pub(super) depth: Option<u32>,
    /// Outline level set on the paragraph itself.
    pub(super) outline: Option<u8>,
}

/// The bin table: FC ranges and the FKP page that holds each range's properties.
pub(super) struct Bins<'a> {
    wd: &'a [u8],
    fcs: Vec<u32>,
    pages: Vec<u32>,
}

impl<'a> Bins<'a> {
    /// Reads PlcBtePapx (`plc`, from the table stream) over the `WordDocument` stream
    /// `wd`; an empty or broken table gives no properties rather than an error: the text
    /// still reads, as plain paragraphs.
    pub(super) fn new(wd: &'a [u8], plc: &[u8]) -> Bins<'a> {
        let n = plc.len().saturating_sub(4) / 8;
        let fcs = (0..=n)
            .map_while(|i| u32_at(plc, 4 * i))
            .collect::<Vec<_>>();
        let pages = (0..n)
            .map_while(|i| u32_at(plc, 4 * (n + 1) + 4 * i).map(|p| p & 0x003F_FFFF))
            .collect::<Vec<_>>();
        let ok = fcs.len() == n + 1 && pages.len() == n && fcs.is_sorted();
        Bins {
            wd,
            fcs: if ok { fcs } else { Vec::new() },
            pages: if ok { pages } else { Vec::new() },
        }
    }

    /// The properties of the paragraph whose mark is at byte `fc` of `WordDocument`.
    pub(super) fn at(&self, fc: u64) -> ParaProps {
        self.find(fc).unwrap_or_default()
    }

    fn find(&self, fc: u64) -> Option<ParaProps> {
        let k = self.fcs.partition_point(|&f| u64::from(f) <= fc);
        let page = *self.pages.get(k.checked_sub(1)?)? as usize;
        let fkp = self.wd.get(page * PAGE..(page + 1) * PAGE)?;
        let crun = usize::from(fkp[PAGE - 1]);
        // rgfc: crun + 1 FCs; then crun BxPap of 13 bytes, the first a word offset.
        let run = (0..crun).find(|&i| {
            let (a, b) = (u32_at(fkp, 4 * i), u32_at(fkp, 4 * (i + 1)));
            matches!((a, b), (Some(a), Some(b)) if u64::from(a) <= fc && fc < u64::from(b))
        })?;
        let offset = 2 * usize::from(*fkp.get(4 * (crun + 1) + 13 * run)?);
        if offset == 0 {
            return Some(ParaProps::default());
        }
        let cb = usize::from(*fkp.get(offset)?);
        let (start, len) = if cb == 0 {
            (offset + 2, 2 * usize::from(*fkp.get(offset + 1)?))
        } else {
            (offset + 1, (2 * cb).saturating_sub(1))
        };
        let grp = fkp.get(start..(start + len).min(PAGE - 1))?;
        let mut props = ParaProps {
            istd: u16_at(grp, 0)?,
            ..ParaProps::default()
        };
        for (sprm, operand) in sprms(grp.get(2..)?) {
            apply(&mut props, sprm, operand);
        }
        Some(props)
    }
}

/// Sets what one property modifier says.
fn apply(props: &mut ParaProps, sprm: u16, operand: &[u8]) {
    let flag = operand.first().is_some_and(|&b| b != 0);
    match sprm {
        SPRM_P_ISTD => props.istd = u16_at(operand, 0).unwrap_or(props.istd),
        SPRM_P_F_IN_TABLE => props.in_table = flag,
        SPRM_P_F_TTP => props.row_end = flag,
        SPRM_P_F_INNER_TTP => props.inner_row_end = flag,
        SPRM_P_ITAP => props.depth = u32_at(operand, 0),
        SPRM_P_OUT_LVL => props.outline = operand.first().copied(),
        _ => {}
    }
}

/// The property modifiers of a grpprl, each with its operand; stops at the first one
/// cut short.
pub(super) fn sprms(mut grp: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let sprm = u16_at(grp, 0)?;
        let rest = &grp[2..];
        let (skip, len) = match sprm >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            _ if sprm == SPRM_T_DEF_TABLE => (2, usize::from(u16_at(rest, 0)?).saturating_sub(1)),
            _ if sprm == SPRM_P_CHG_TABS && rest.first() == Some(&255) => return None,
            _ => (1, usize::from(*rest.first()?)),
        };
        let operand = rest.get(skip..skip + len)?;
        grp = &rest[skip + len..];
        Some((sprm, operand))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifiers_are_walked_by_their_operand_sizes() {
        // sprmPIstd 3, a variable one of 2 bytes, sprmPFInTable 1, sprmPFTtp cut short.
        let grp = [0x00, 0x46, 3, 0, 0x0D, 0xC6, 2, 9, 9, 0x16, 0x24, 1, 0x17];
        let all: Vec<_> = sprms(&grp).collect();
        assert_eq!(
            all,
            vec![
                (0x4600, &[3u8, 0][..]),
                (0xC60D, &[9, 9][..]),
                (0x2416, &[1][..])
            ]
        );
    }

    #[test]
    fn a_paragraph_mark_finds_its_properties_in_its_page() {
        // One FKP at page 1 with one run, FC 600..700: istd 2, in table, row end.
        let mut wd = vec![0u8; 2 * PAGE];
        let fkp = &mut wd[PAGE..];
        fkp[0..4].copy_from_slice(&600u32.to_le_bytes());
        fkp[4..8].copy_from_slice(&700u32.to_le_bytes());
        fkp[8] = 100; // BxPap: PAPX at byte 200
        fkp[PAGE - 1] = 1;
        let papx = [5u8, 2, 0, 0x16, 0x24, 1, 0x17, 0x24, 1, 0];
        fkp[200..200 + papx.len()].copy_from_slice(&papx);
        let mut plc = Vec::new();
        for v in [600u32, 700, 1] {
            plc.extend(v.to_le_bytes());
        }
        let bins = Bins::new(&wd, &plc);
        let p = bins.at(650);
        assert_eq!((p.istd, p.in_table, p.row_end), (2, true, true));
        assert_eq!(bins.at(700), ParaProps::default());
        assert_eq!(Bins::new(&wd, b"\x01").at(650), ParaProps::default());
    }
}
