//! One memory budget for every report read or scored at once, so that `-j N` cannot
//! multiply a large or hostile input N times.
//!
//! Each report reserves what it may need before its big allocations: reading and
//! extracting ([`extraction_need`], from the file's size and kind, so before the bytes
//! are read), then, once its text is known, scoring ([`scoring_need`]). A report waits
//! while others hold the budget and is refused when it alone needs more than all of it.
//! A report holds at most one reservation at a time, so two reports never wait on each
//! other.

use std::sync::{Condvar, Mutex, OnceLock, PoisonError};

use super::IngestError;

/// Memory, in bytes, that all the reports being read and scored at once may take
/// together: 4 GiB. `LAWSCORE_MEMORY_MIB` (a number of MiB) sets another figure.
pub const MEMORY_BUDGET: u64 = 4 << 30;

/// The environment variable that overrides [`MEMORY_BUDGET`], in MiB.
pub const MEMORY_BUDGET_ENV: &str = "LAWSCORE_MEMORY_MIB";

/// Memory per byte of a page for extracting HTML: the decoded copy, a DOM of at most
/// [`super::html_parse::node_budget`] nodes of ~200 bytes, and the lines.
const HTML_PER_BYTE: u64 = 32;
/// Plain text: the decoded copy and the line-end normalised one.
const TEXT_PER_BYTE: u64 = 3;
/// A .docx streams its XML: the lines and the joined text, each at most what it unpacks to.
const DOCX_PER_UNPACKED_BYTE: u64 = 2;
/// A Word 97 .doc or WPS .wps, per byte of the file: its `WordDocument` and table
/// streams copied out (2), the text as UTF-16 units (2: a one-byte piece widens each
/// byte to two), the UTF-8 text as lines and then joined (6: three bytes for a Chinese
/// character, or for a “ from a one-byte piece), the pieces (2: 12 bytes of table make a
/// 16-byte piece) and, when every paragraph is one character of a one-byte piece, a line
/// (32 bytes with its allocation) and a paragraph start (24) per two bytes (28).
const DOC_PER_BYTE: u64 = 40;
/// A PDF or OFD, per byte its streams unpack to: the unpacked streams (1), the
/// positioned runs decoded from them and the lines laid out of those (2, for runs that
/// draw a word or a line each, as Word, WPS and typesetting systems write them; the
/// readers' own run and page limits bound the glyph-per-operator worst case).
const PAGED_PER_UNPACKED_BYTE: u64 = 3;
/// Scoring a text: its lines, sections and the matchers' work, measured at ~13 times
/// the text on 20 MB reports.
const SCORING_PER_BYTE: u64 = 14;

/// The budget in force.
pub fn budget_bytes() -> u64 {
    static BUDGET: OnceLock<u64> = OnceLock::new();
    *BUDGET.get_or_init(|| {
        std::env::var(MEMORY_BUDGET_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|mib| *mib > 0)
            .map_or(MEMORY_BUDGET, |mib| mib.saturating_mul(1 << 20))
    })
}

/// What reading and extracting an input of `len` bytes may take, its first bytes `head`
/// telling its kind (the raw bytes included).
pub(crate) fn extraction_need(len: u64, head: &[u8], name: &str) -> u64 {
    let work = match super::sniff::magic(head) {
        // An OFD or a .docx: the head alone does not say which, so reserve for the larger.
        super::sniff::Magic::Zip => DOCX_PER_UNPACKED_BYTE
            .saturating_mul(super::docx::max_unpacked(len))
            .max(PAGED_PER_UNPACKED_BYTE.saturating_mul(super::ofd::max_unpacked(len))),
        super::sniff::Magic::Refused(_) => 0,
        // A paged form's text is laid out from what its streams unpack to.
        super::sniff::Magic::Pdf => {
            PAGED_PER_UNPACKED_BYTE.saturating_mul(super::pdf::max_unpacked(len))
        }
        // The compound file is read whole; its main text is at most the file's size.
        super::sniff::Magic::Cfb => DOC_PER_BYTE.saturating_mul(len),
        // UTF-16 pages do not look like HTML byte by byte: count them as pages.
        _ if super::sniff::looks_like_html(head, name) || head.starts_with(b"\xff\xfe") => {
            HTML_PER_BYTE.saturating_mul(len)
        }
        _ if head.starts_with(b"\xfe\xff") => HTML_PER_BYTE.saturating_mul(len),
        _ => TEXT_PER_BYTE.saturating_mul(len),
    };
    len.saturating_add(work)
}

/// What scoring `text_len` bytes of text takes, with the `raw_len` input bytes still held.
pub(crate) fn scoring_need(raw_len: u64, text_len: u64) -> u64 {
    raw_len.saturating_add(SCORING_PER_BYTE.saturating_mul(text_len))
}

/// Reservations taken and the signal that some were given back.
#[derive(Debug)]
struct Pool {
    used: Mutex<u64>,
    freed: Condvar,
}

impl Pool {
    const fn new() -> Self {
        Pool {
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }
}

static POOL: Pool = Pool::new();

/// A share of the memory budget, given back when dropped.
#[must_use = "the share is given back as soon as it is dropped"]
#[derive(Debug)]
pub struct Reservation {
    bytes: u64,
    pool: &'static Pool,
}

/// Takes `bytes` of the budget, waiting while other reports hold too much of it;
/// refused when `bytes` is more than the whole budget.
pub(crate) fn reserve(bytes: u64) -> Result<Reservation, IngestError> {
    reserve_in(&POOL, bytes, budget_bytes())
}

fn reserve_in(pool: &'static Pool, bytes: u64, total: u64) -> Result<Reservation, IngestError> {
    if bytes > total {
        let mib = |n: u64| n.div_ceil(1 << 20);
        return Err(IngestError::TooLarge(crate::msg::t!(
            "ingest.over_budget",
            need = mib(bytes),
            budget = mib(total),
            env = MEMORY_BUDGET_ENV
        )));
    }
    let mut used = pool.used.lock().unwrap_or_else(PoisonError::into_inner);
    while *used + bytes > total {
        used = pool
            .freed
            .wait(used)
            .unwrap_or_else(PoisonError::into_inner);
    }
    *used += bytes;
    Ok(Reservation { bytes, pool })
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let mut used = self
            .pool
            .used
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *used -= self.bytes;
        self.pool.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn reports_wait_for_each_other_within_the_budget_and_one_too_big_is_refused() {
        let (pool, total) = (Box::leak(Box::new(Pool::new())), 100);
        let pool: &'static Pool = pool;
        assert!(matches!(
            reserve_in(pool, 101, total),
            Err(IngestError::TooLarge(m)) if m.contains(MEMORY_BUDGET_ENV)
        ));
        let (held, peak) = (AtomicU64::new(0), AtomicU64::new(0));
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..50 {
                        let r = reserve_in(pool, 40, total).unwrap();
                        let now = held.fetch_add(40, Ordering::SeqCst) + 40;
                        peak.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        held.fetch_sub(40, Ordering::SeqCst);
                        drop(r);
                    }
                });
            }
        });
        assert!(peak.load(Ordering::SeqCst) <= total);
        assert_eq!(*pool.used.lock().unwrap(), 0);
    }

    #[test]
    fn a_bomb_is_reserved_by_what_it_may_unpack_to_not_by_its_size() {
        let docx = extraction_need(300 << 10, b"PK\x03\x04", "a.docx");
        assert!(docx >= 2 * 100 * (300 << 10));
        let pdf = extraction_need(300 << 10, b"%PDF-1.7", "a.pdf");
        assert!(pdf >= 3 * super::super::pdf::max_unpacked(300 << 10));
        let ofd_or_docx = extraction_need(300 << 10, b"PK\x03\x04", "a.ofd");
        assert!(ofd_or_docx >= 3 * super::super::ofd::max_unpacked(300 << 10));
        let page = extraction_need(1 << 20, b"<!DOCTYPE html>", "a.html");
        let text = extraction_need(1 << 20, "一、总体".as_bytes(), "a.txt");
        assert!(page > 8 * text && text > 1 << 20);
    }
}
