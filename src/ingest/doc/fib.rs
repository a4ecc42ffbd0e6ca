//! The File Information Block at the start of the `WordDocument` stream ([MS-DOC] 2.5.1):
//! which table stream holds the piece table and styles, how long the main text is, and
//! where its tables lie.

/// `wIdent` of a Word binary document.
const W_IDENT: u16 = 0xA5EC;
/// `fEncrypted` in FibBase's flags: the streams are encrypted (XOR or RC4).
const F_ENCRYPTED: u16 = 0x0100;
/// `fWhichTblStm`: the table stream is `1Table`, else `0Table`.
const F_WHICH_TBL_STM: u16 = 0x0200;
/// FibBase is 32 bytes; `csw`, the count of 16-bit values in FibRgW97, follows.
const FIB_BASE: usize = 32;
/// The index in FibRgLw97 of `ccpText`, the main document's length in characters.
const LW_CCP_TEXT: usize = 3;
/// Indices of (fc, lcb) pairs in FibRgFcLcb97.
const FC_STSHF: usize = 1;
const FC_PLCF_SED: usize = 6;
const FC_PLCF_BTE_PAPX: usize = 13;
const FC_CLX: usize = 33;

/// A place in the table stream: offset and length in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) fc: u32,
    pub(super) lcb: u32,
}

/// What the reader needs from the FIB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fib {
    /// `1Table` (true) or `0Table`.
    pub(super) table_1: bool,
    /// Characters of the main document text; headers, footnotes, comments and text
    /// boxes come after it.
    pub(super) ccp_text: u32,
    /// The piece table (Clx).
    pub(super) clx: Span,
    /// The style sheet (STSH).
    pub(super) stsh: Span,
    /// The paragraph properties' bin table (PlcBtePapx).
    pub(super) bte_papx: Span,
    /// The section table (PlcfSed): where each section ends.
    pub(super) sed: Span,
}

/// Why a FIB could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FibError {
    /// Not a Word document: no `wIdent`, or too short to hold a FIB.
    NotWord,
    /// Password protected.
    Encrypted,
    /// The FIB is cut short or its counts do not fit.
    Damaged,
}

pub(super) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Reads the FIB from the start of the `WordDocument` stream. The variable parts are
/// walked by their own counts (csw, cslw, cbRgFcLcb) rather than fixed offsets, so a
/// FIB from a later Word (longer parts) reads the same.
pub(super) fn parse(wd: &[u8]) -> Result<Fib, FibError> {
    if u16_at(wd, 0) != Some(W_IDENT) {
        return Err(FibError::NotWord);
    }
    let flags = u16_at(wd, 0x0A).ok_or(FibError::Damaged)?;
    if flags & F_ENCRYPTED != 0 {
        return Err(FibError::Encrypted);
    }
    let csw = usize::from(u16_at(wd, FIB_BASE).ok_or(FibError::Damaged)?);
    let lw_count_at = FIB_BASE + 2 + 2 * csw;
    let cslw = usize::from(u16_at(wd, lw_count_at).ok_or(FibError::Damaged)?);
    let lw = lw_count_at + 2;
    if cslw <= LW_CCP_TEXT {
        return Err(FibError::Damaged);
    }
    let ccp_text = u32_at(wd, lw + 4 * LW_CCP_TEXT).ok_or(FibError::Damaged)?;
    let fc_count_at = lw + 4 * cslw;
    let pairs = usize::from(u16_at(wd, fc_count_at).ok_or(FibError::Damaged)?);
    let blob = fc_count_at + 2;
    let span = |i: usize| -> Result<Span, FibError> {
        if i >= pairs {
            return Ok(Span::default());
        }
        let at = blob + 8 * i;
        match (u32_at(wd, at), u32_at(wd, at + 4)) {
            (Some(fc), Some(lcb)) => Ok(Span { fc, lcb }),
            _ => Err(FibError::Damaged),
        }
    };
    Ok(Fib {
        table_1: flags & F_WHICH_TBL_STM != 0,
        ccp_text,
        clx: span(FC_CLX)?,
        stsh: span(FC_STSHF)?,
        bte_papx: span(FC_PLCF_BTE_PAPX)?,
        sed: span(FC_PLCF_SED)?,
    })
}

/// The bytes of `span` in `stream`, or `None` when they lie past its end.
pub(super) fn slice(stream: &[u8], span: Span) -> Option<&[u8]> {
    let start = usize::try_from(span.fc).ok()?;
    let end = start.checked_add(usize::try_from(span.lcb).ok()?)?;
    stream.get(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal Word 97 FIB: csw 14, cslw 22, cbRgFcLcb 93.
    fn fib_bytes(flags: u16, ccp: u32, clx: (u32, u32)) -> Vec<u8> {
        let mut b = vec![0u8; 0x9A + 93 * 8];
        b[0..2].copy_from_slice(&W_IDENT.to_le_bytes());
        b[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
        b[0x20..0x22].copy_from_slice(&14u16.to_le_bytes());
        b[0x3E..0x40].copy_from_slice(&22u16.to_le_bytes());
        b[0x4C..0x50].copy_from_slice(&ccp.to_le_bytes());
        b[0x98..0x9A].copy_from_slice(&93u16.to_le_bytes());
        b[0x1A2..0x1A6].copy_from_slice(&clx.0.to_le_bytes());
        b[0x1A6..0x1AA].copy_from_slice(&clx.1.to_le_bytes());
        b
    }

    #[test]
    fn the_fib_is_walked_by_its_counts() {
        let fib = parse(&fib_bytes(F_WHICH_TBL_STM, 42, (100, 21))).unwrap();
        assert!(fib.table_1);
        assert_eq!(fib.ccp_text, 42);
        assert_eq!(fib.clx, Span { fc: 100, lcb: 21 });
        assert_eq!(fib.stsh, Span::default());
    }

    #[test]
    fn an_encrypted_short_or_foreign_fib_is_told_apart() {
        assert_eq!(
            parse(&fib_bytes(F_ENCRYPTED, 1, (0, 0))),
            Err(FibError::Encrypted)
        );
        assert_eq!(
            parse(&fib_bytes(0, 1, (0, 0))[..0x50]),
            Err(FibError::Damaged)
        );
        assert_eq!(parse(b"\xec\xa5"), Err(FibError::Damaged));
        assert_eq!(parse(b"PK\x03\x04"), Err(FibError::NotWord));
    }
}
