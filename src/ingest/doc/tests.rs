//! The .doc reader end to end on compound files built here: the character rules of the
//! text walker, and the refusals.

use std::io::{Cursor, Write};

use super::extract;
use crate::ingest::IngestError;

/// Where the text starts in the built `WordDocument` stream, past the FIB.
const TEXT_AT: usize = 1024;

/// A compound file with `streams`.
fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, bytes) in streams {
        cf.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    cf.into_inner().into_inner()
}

/// A Word document whose whole text is `text` (UTF-16, one piece), of which the first
/// `main` characters are the main text, with FIB flags `flags` and no paragraph
/// properties or styles.
fn word(text: &str, main: usize, flags: u16) -> Vec<u8> {
    word_units(&text.encode_utf16().collect::<Vec<_>>(), main, flags)
}

/// [`word`] from UTF-16 units, which may hold a lone surrogate.
fn word_units(units: &[u16], main: usize, flags: u16) -> Vec<u8> {
    let mut wd = vec![0u8; TEXT_AT];
    let put = |wd: &mut Vec<u8>, at: usize, v: &[u8]| wd[at..at + v.len()].copy_from_slice(v);
    put(&mut wd, 0, &0xA5ECu16.to_le_bytes());
    put(&mut wd, 0x0A, &(flags | 0x0200).to_le_bytes());
    put(&mut wd, 0x20, &14u16.to_le_bytes());
    put(&mut wd, 0x3E, &22u16.to_le_bytes());
    put(&mut wd, 0x4C, &(main as u32).to_le_bytes());
    put(&mut wd, 0x98, &93u16.to_le_bytes());
    wd.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    let mut clx = vec![0x02];
    clx.extend(16u32.to_le_bytes());
    for v in [0u32, units.len() as u32] {
        clx.extend(v.to_le_bytes());
    }
    clx.extend([0, 0]);
    clx.extend((TEXT_AT as u32).to_le_bytes());
    clx.extend([0, 0]);
    put(&mut wd, 0x1A2, &0u32.to_le_bytes());
    put(&mut wd, 0x1A6, &(clx.len() as u32).to_le_bytes());
    compound(&[("WordDocument", &wd), ("1Table", &clx)])
}

fn text_of(text: &str) -> String {
    let n = text.encode_utf16().count();
    extract(&word(text, n, 0)).unwrap().0
}

#[test]
fn field_codes_go_and_results_stay_even_nested() {
    let field = "见\u{13} HYPERLINK \"http://x\" \u{14}网站\u{15}，\u{13}IF \u{13}DATE\u{14}1\u{15}=1 \u{14}是\u{15}。\r";
    assert_eq!(text_of(field), "见网站，是。");
    // A field without a separator shows nothing; one never closed hides the rest.
    assert_eq!(text_of("甲\u{13}PAGE\u{15}乙\r"), "甲乙");
}

#[test]
fn controls_breaks_and_hyphens_follow_word() {
    let raw = "一、总体\r\u{1}图\u{8}\u{5}注\u{2}文\u{1e}本\u{1f}行\u{a0}内\u{b}下一行\u{c}\r";
    assert_eq!(text_of(raw), "一、总体\n图注文-本行\u{a0}内\n下一行");
    // A surrogate pair is one character; a lone surrogate is U+FFFD.
    let mut units: Vec<u16> = "𠀀".encode_utf16().collect();
    units.extend([0xD800, u16::from(b'x'), 0x0D]);
    let text = extract(&word_units(&units, units.len(), 0)).unwrap().0;
    assert_eq!(text, "𠀀\u{fffd}x");
}

#[test]
fn only_the_main_text_is_read() {
    let all = "正文。\r脚注。\r";
    let (text, _, paras) = extract(&word(all, 4, 0)).unwrap();
    assert_eq!(text, "正文。");
    assert_eq!(paras.starts().len(), 1);
}

#[test]
fn without_paragraph_properties_cells_still_read_as_one_row() {
    // No PAPX: cell marks close cells, the row runs on to the next paragraph.
    let (text, _, paras) = extract(&word("甲\u{7}乙\u{7}\u{7}下文\r", 8, 0)).unwrap();
    assert_eq!(text, "甲\t乙\n下文");
    assert_eq!(paras.at(0, "甲\t".len()), Some(2));
}

#[test]
fn encrypted_and_foreign_compound_files_are_refused_saying_what_to_do() {
    let msg = |bytes: &[u8]| match extract(bytes) {
        Err(IngestError::Unsupported(m)) => m,
        other => panic!("{other:?}"),
    };
    // In the default language (the messages name the form and the way out).
    assert!(msg(&word("x\r", 2, 0x0100)).contains("密码"));
    assert!(msg(&compound(&[("EncryptedPackage", b"x")])).contains("密码"));
    assert!(msg(&compound(&[("Workbook", b"x")])).contains("Excel"));
    assert!(msg(&compound(&[("PowerPoint Document", b"x")])).contains("PowerPoint"));
    assert!(msg(&compound(&[("MatOST", b"x")])).contains("Works"));
    assert!(msg(&compound(&[("WordDocument", b"\xec\xa5")])).contains("损坏"));
    let no_table = compound(&[("WordDocument", &word_fib_only())]);
    assert!(msg(&no_table).contains("1Table"));
}

/// A WordDocument stream that is a valid FIB pointing at `1Table`, with no table stream.
fn word_fib_only() -> Vec<u8> {
    let whole = word("x\r", 2, 0);
    let mut cf = cfb::CompoundFile::open(Cursor::new(whole)).unwrap();
    let mut wd = Vec::new();
    std::io::Read::read_to_end(&mut cf.open_stream("WordDocument").unwrap(), &mut wd).unwrap();
    wd
}
