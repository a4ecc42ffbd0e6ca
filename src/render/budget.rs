//! How much work and output one template render may take. A `--templates` override is a
//! program: two nested `range(100000)` loops would run for days and `"x" * 100000000`
//! repeated fills a disk, so every render runs on minijinja's fuel (about one unit per
//! instruction and per 64 bytes of data) and writes into a buffer that refuses to grow past
//! a size. Both limits grow with what the page shows — a report page quotes the report's
//! whole text, the overview has a row per report — and stand far above what the built-in
//! templates use (tests check them at a tenth of the budget).

use std::io;

/// What one render may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// minijinja fuel.
    pub fuel: u64,
    /// Bytes of output.
    pub bytes: usize,
}

/// What every page may take whatever its data: the styles, the script, the frame. An
/// endless loop stops here, within a second or so (the built-in pages take 15,000).
const BASE: Budget = Budget {
    fuel: 5_000_000,
    bytes: 64 << 20,
};

/// A share of the budget for each thing a page shows: (fuel, bytes) per unit. Measured on
/// the built-in templates (release build): a report page takes about 30 fuel and 80 bytes
/// per line of text plus 0.4 fuel and 2 bytes per byte of it (an `&` escapes to 5); the
/// overview about 1,000 fuel and 3 KB per report. The shares are ten times and more.
const PER_LINE: (u64, u64) = (300, 1000);
const PER_TEXT_BYTE: (u64, u64) = (4, 64);
const PER_ELEMENT: (u64, u64) = (5_000, 16 << 10);
const PER_REPORT: (u64, u64) = (20_000, 64 << 10);

impl Budget {
    /// A report page that quotes `text` line by line and shows `elements` checklist rows.
    pub fn page(text: &str, elements: usize) -> Budget {
        BASE.plus(PER_LINE, text.lines().count())
            .plus(PER_TEXT_BYTE, text.len())
            .plus(PER_ELEMENT, elements)
    }

    /// The overview of `reports` rows (reports and files that failed) whose titles and
    /// paths take `shown` bytes.
    pub fn overview(reports: usize, shown: usize) -> Budget {
        BASE.plus(PER_REPORT, reports).plus(PER_TEXT_BYTE, shown)
    }

    /// This budget and `share` for each of `n` units, saturating rather than wrapping.
    fn plus(self, share: (u64, u64), n: usize) -> Budget {
        let n = u64::try_from(n).unwrap_or(u64::MAX);
        let bytes = self.bytes as u64;
        let bytes = bytes.saturating_add(share.1.saturating_mul(n));
        Budget {
            fuel: self.fuel.saturating_add(share.0.saturating_mul(n)),
            bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
        }
    }

    /// The same budget divided by `by` (at least one unit of each), for checking the margin
    /// above what the built-in templates use.
    pub fn shrunk(self, by: u64) -> Budget {
        let by = by.max(1);
        Budget {
            fuel: (self.fuel / by).max(1),
            bytes: (self.bytes / usize::try_from(by).unwrap_or(usize::MAX)).max(1),
        }
    }
}

/// The output of one render: a writer (a buffer, or the file itself for a page that may be
/// large) that refuses to take more than its limit.
#[derive(Debug)]
pub(super) struct Capped<W = Vec<u8>> {
    out: W,
    written: usize,
    limit: usize,
    /// Whether a write was refused.
    pub over: bool,
    /// Why writing to `out` failed, when it did.
    pub failed: Option<io::Error>,
}

impl<W: io::Write> Capped<W> {
    /// `out`, taking at most `limit` bytes.
    pub fn to(out: W, limit: usize) -> Capped<W> {
        Capped {
            out,
            written: 0,
            limit,
            over: false,
            failed: None,
        }
    }

    /// The writer, once the render is done.
    pub fn into_inner(self) -> W {
        self.out
    }
}

#[cfg(test)]
impl Capped {
    /// An empty buffer that takes at most `limit` bytes.
    pub fn new(limit: usize) -> Capped {
        Capped::to(Vec::new(), limit)
    }

    /// What was written, as text (templates write UTF-8).
    pub fn into_string(self) -> String {
        String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl<W: io::Write> io::Write for Capped<W> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        if self.written.saturating_add(b.len()) > self.limit {
            self.over = true;
            return Err(io::Error::other(crate::msg::t!("render.page_over_budget")));
        }
        if let Err(e) = self.out.write_all(b) {
            let again = io::Error::new(e.kind(), e.to_string());
            self.failed = Some(e);
            return Err(again);
        }
        self.written += b.len();
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_buffer_refuses_past_its_limit_and_keeps_what_fit() {
        let mut c = Capped::new(5);
        c.write_all(b"abc").unwrap();
        assert!(c.write_all(b"def").is_err());
        assert!(c.over);
        assert_eq!(c.into_string(), "abc");
    }

    #[test]
    fn budgets_grow_with_what_is_shown_and_never_overflow() {
        let text = "一行\n".repeat(1000);
        assert!(Budget::page(&text, 0).fuel > Budget::page("", 0).fuel);
        assert!(Budget::page("", 40).bytes > Budget::page("", 0).bytes);
        assert!(Budget::overview(1000, 0).bytes > Budget::overview(1, 0).bytes);
        assert_eq!(Budget::overview(usize::MAX, 0).fuel, u64::MAX);
        assert_eq!(Budget::page("", 0).shrunk(0), Budget::page("", 0));
    }
}
