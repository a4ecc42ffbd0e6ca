//! The piece table (Clx, [MS-DOC] 2.9.38): where each run of the text lies in the
//! `WordDocument` stream, and in which encoding.

use super::fib::u32_at;

/// The most pieces a document may have: Word writes one per edit session's insertion,
/// so real documents have hundreds; more is a damaged or hostile table.
const MAX_PIECES: usize = 1 << 20;

/// `fCompressed` in a piece's FcCompressed: 8-bit text at fc / 2.
const F_COMPRESSED: u32 = 0x4000_0000;

/// One piece: characters `cp..cp_end` of the document, stored from byte `fc` of the
/// `WordDocument` stream, one byte (compressed) or two (UTF-16LE) each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    pub(super) cp: u32,
    pub(super) cp_end: u32,
    pub(super) fc: u32,
    pub(super) compressed: bool,
}

impl Piece {
    /// The byte offset in `WordDocument` of character `cp`, which the piece holds.
    pub(super) fn fc_of(&self, cp: u32) -> u64 {
        let n = u64::from(cp - self.cp);
        u64::from(self.fc) + if self.compressed { n } else { 2 * n }
    }
}

/// Why the piece table could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum PieceError {
    /// No Pcdt in the Clx, or a block cut short.
    NoTable,
    /// More pieces than [`MAX_PIECES`].
    TooMany,
    /// CPs out of order, or a piece's text past the end of the stream.
    OutOfBounds,
}

/// The pieces of the Clx `clx`, checked against a `WordDocument` stream of `wd_len` bytes.
pub(super) fn pieces(clx: &[u8], wd_len: usize) -> Result<Vec<Piece>, PieceError> {
    let plc = pcdt(clx)?;
    // PlcPcd: n + 1 CPs (4 bytes) then n PCDs (8 bytes).
    let n = plc.len().checked_sub(4).ok_or(PieceError::NoTable)? / 12;
    if n > MAX_PIECES {
        return Err(PieceError::TooMany);
    }
    let cp = |i: usize| u32_at(plc, 4 * i).ok_or(PieceError::NoTable);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (start, end) = (cp(i)?, cp(i + 1)?);
        let raw = u32_at(plc, 4 * (n + 1) + 8 * i + 2).ok_or(PieceError::NoTable)?;
        let compressed = raw & F_COMPRESSED != 0;
        let fc = if compressed {
            (raw & !F_COMPRESSED & 0x3FFF_FFFF) / 2
        } else {
            raw & 0x3FFF_FFFF
        };
        if end < start || out.last().is_some_and(|p: &Piece| p.cp_end > start) {
            return Err(PieceError::OutOfBounds);
        }
        let piece = Piece {
            cp: start,
            cp_end: end,
            fc,
            compressed,
        };
        if end > start && piece.fc_of(end) > wd_len as u64 {
            return Err(PieceError::OutOfBounds);
        }
        out.push(piece);
    }
    Ok(out)
}

/// The PlcPcd of a Clx: Prc blocks (0x01, a 16-bit size, property modifiers) are
/// skipped to the Pcdt (0x02, a 32-bit size).
fn pcdt(clx: &[u8]) -> Result<&[u8], PieceError> {
    let mut at = 0usize;
    loop {
        match clx.get(at) {
            Some(0x01) => {
                let size = clx.get(at + 1..at + 3).ok_or(PieceError::NoTable)?;
                let size = i16::from_le_bytes([size[0], size[1]]);
                let size = usize::try_from(size).map_err(|_| PieceError::NoTable)?;
                at += 3 + size;
            }
            Some(0x02) => {
                let len = u32_at(clx, at + 1).ok_or(PieceError::NoTable)? as usize;
                let start = at + 5;
                return clx
                    .get(start..start.saturating_add(len))
                    .ok_or(PieceError::NoTable);
            }
            _ => return Err(PieceError::NoTable),
        }
    }
}

/// The first `ccp` characters of the document (the main text) as UTF-16 code units, one
/// per CP. Compressed pieces are Windows-1252 ([MS-DOC] 2.4.1 lists the same mapping).
pub(super) fn main_text(wd: &[u8], pieces: &[Piece], ccp: u32) -> Vec<u16> {
    let mut units = Vec::with_capacity(ccp.min(wd.len() as u32) as usize);
    for p in pieces {
        if p.cp >= ccp {
            break;
        }
        let end = p.cp_end.min(ccp);
        // An empty piece's fc was not checked against the stream: it holds nothing.
        if end <= p.cp {
            continue;
        }
        let (from, to) = (p.fc_of(p.cp) as usize, p.fc_of(end) as usize);
        // Bounds were checked when the pieces were read.
        let bytes = &wd[from..to];
        if p.compressed {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            units.extend(text.encode_utf16());
        } else {
            units.extend(
                bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]])),
            );
        }
    }
    units
}

/// The piece that holds character `cp`.
pub(super) fn piece_of(pieces: &[Piece], cp: u32) -> Option<&Piece> {
    let k = pieces.partition_point(|p| p.cp_end <= cp);
    pieces.get(k).filter(|p| p.cp <= cp && cp < p.cp_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Clx with one Prc and the pieces `(cp_start, cp_end, raw fc)`.
    fn clx(pieces: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut plc = Vec::new();
        for (cp, _, _) in pieces {
            plc.extend(cp.to_le_bytes());
        }
        plc.extend(pieces.last().map_or(0, |p| p.1).to_le_bytes());
        for (_, _, fc) in pieces {
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0, 0]);
        }
        let mut b = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
        b.extend((plc.len() as u32).to_le_bytes());
        b.extend(plc);
        b
    }

    #[test]
    fn utf16_and_compressed_pieces_read_in_cp_order_up_to_the_main_text() {
        let mut wd = vec![0u8; 16];
        wd.extend("依法".encode_utf16().flat_map(u16::to_le_bytes));
        wd.extend(b"ab\x93x\x94");
        let raw = F_COMPRESSED | (2 * 20);
        let ps = pieces(&clx(&[(0, 2, 16), (2, 7, raw)]), wd.len()).unwrap();
        assert_eq!(ps[1].fc, 20);
        let text = String::from_utf16(&main_text(&wd, &ps, 6)).unwrap();
        assert_eq!(text, "依法ab\u{201c}x");
        assert_eq!(piece_of(&ps, 3).map(|p| p.fc_of(3)), Some(21));
        assert_eq!(piece_of(&ps, 7), None);
        // An empty piece may point anywhere.
        let ps = pieces(&clx(&[(0, 0, 9999), (0, 2, 16)]), wd.len()).unwrap();
        assert_eq!(String::from_utf16(&main_text(&wd, &ps, 2)).unwrap(), "依法");
    }

    #[test]
    fn damaged_tables_are_errors() {
        assert_eq!(
            pieces(&clx(&[(0, 4, 16)]), 20),
            Err(PieceError::OutOfBounds)
        );
        assert_eq!(pieces(&clx(&[(5, 2, 0)]), 20), Err(PieceError::OutOfBounds));
        assert_eq!(pieces(b"\x01\xff\x7f", 20), Err(PieceError::NoTable));
        assert_eq!(
            pieces(b"\x02\xff\xff\xff\xff", 20),
            Err(PieceError::NoTable)
        );
        assert_eq!(pieces(b"", 20), Err(PieceError::NoTable));
    }
}
