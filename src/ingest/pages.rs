//! Which page, and which line of that page, each place in the extracted text comes from.
//!
//! Paged sources (PDF, OFD) are laid out again into paragraphs: a paragraph that a PDF
//! wraps over five printed lines becomes one line of the extracted text, so neither the
//! extracted line nor the paragraph count is what a reader of the printed page finds. The
//! layout records where every printed line starts in the text, so evidence can say
//! "第3页第12行": the page as the viewer numbers it (1-based, in document order) and the
//! printed line counted from the top of that page.
//!
//! Rows count the body's printed lines only: page furniture the layout drops (page
//! numbers, running headers and footers) is not counted, as Word's line numbers and
//! status bar do not count header and footer lines. Every printed line kept has a start,
//! also those joined into the paragraph above (their `col` is where they begin in it).

/// Where one printed line starts in the extracted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLine {
    /// 0-based line of the extracted text.
    pub line: usize,
    /// Byte offset in that line.
    pub col: usize,
    /// 1-based page number.
    pub page: usize,
    /// 1-based printed line on that page.
    pub row: usize,
}

/// Every printed line start of an extracted text, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    starts: Vec<PageLine>,
}

impl Pages {
    /// Printed line starts as the layout records them, sorted here into text order.
    pub fn new(mut starts: Vec<PageLine>) -> Pages {
        starts.sort_by_key(|s| (s.line, s.col));
        Pages { starts }
    }

    /// The (page, printed line) that byte `col` of 0-based line `line` stands on: the
    /// last printed line starting at or before it. `None` for sources without pages.
    pub fn at(&self, line: usize, col: usize) -> Option<(usize, usize)> {
        let k = self
            .starts
            .partition_point(|s| (s.line, s.col) <= (line, col));
        k.checked_sub(1)
            .map(|i| (self.starts[i].page, self.starts[i].row))
    }

    /// True when the source has no pages (text, HTML, Word).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The starts, in text order.
    pub fn starts(&self) -> &[PageLine] {
        &self.starts
    }

    /// How many pages the text came from (the highest page number seen).
    pub fn count(&self) -> usize {
        self.starts.iter().map(|s| s.page).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_stands_on_the_last_printed_line_started_before_it() {
        let at = |line, col, page, row| PageLine {
            line,
            col,
            page,
            row,
        };
        // Text line 0 is one paragraph printed over rows 3–4 of page 1 and row 1 of page 2.
        let p = Pages::new(vec![at(0, 90, 2, 1), at(0, 0, 1, 3), at(0, 45, 1, 4)]);
        assert_eq!(p.at(0, 10), Some((1, 3)));
        assert_eq!(p.at(0, 45), Some((1, 4)));
        assert_eq!(p.at(0, 200), Some((2, 1)));
        assert_eq!(p.count(), 2);
        assert!(Pages::default().at(0, 0).is_none());
    }
}
