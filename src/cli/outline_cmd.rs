//! `lawscore outline FILE`: how lawscore reads a report, before any rule is applied.

use lawscore::document::Document;
use lawscore::msg::t;
use lawscore::visible::for_terminal as shown;
use std::path::Path;

/// `outline FILE`: how the report was read.
pub fn run(path: &Path) -> i32 {
    let ex = match lawscore::ingest::read_file(path) {
        Ok((_, ex)) => ex,
        Err(e) => {
            let line = t!("outline.cannot_read", path = path.display(), reason = e);
            eprintln!("{line}");
            return 2;
        }
    };
    // Read as scoring reads it: with the headings the source styles.
    let d = Document::parse_styled(&ex.text, &ex.styled()).with_pages(ex.pages);
    let m = &d.meta;
    // Report text goes through `shown`: a title may carry escape codes meant for the terminal.
    let title = shown(m.title.as_deref().unwrap_or("—"));
    say!("{}", t!("outline.title", title = title));
    let issuer = shown(m.issuer.as_deref().unwrap_or("—"));
    say!("{}", t!("outline.issuer", issuer = issuer, level = m.level));
    let year = m.year.map_or("—".into(), |y| y.to_string());
    let date = shown(m.date.as_deref().unwrap_or("—"));
    let source = m.date_source;
    say!(
        "{}",
        t!("outline.year", year = year, date = date, source = source)
    );
    say!();
    for s in d.outline() {
        // A PDF's extracted lines are no place its reader finds: the page a section starts
        // on is.
        let page = s
            .page
            .map_or(String::new(), |page| t!("pages.outline", page = page));
        say!(
            "{:>4}-{:<4} {:<11} {}{}{}",
            s.line_start,
            s.line_end,
            s.kind,
            "  ".repeat(s.level as usize),
            shown(&s.heading),
            page
        );
    }
    0
}
