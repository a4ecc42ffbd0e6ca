//! `lawscore outline FILE`: how lawscore reads a report, before any rule is applied.

use lawscore::document::Document;
use lawscore::visible::for_terminal as shown;
use std::path::Path;

/// `outline FILE`: how the report was read.
pub fn run(path: &Path) -> i32 {
    let ex = match lawscore::ingest::read_file(path) {
        Ok((_, ex)) => ex,
        Err(e) => {
            eprintln!("lawscore: {}: {e}", path.display());
            return 2;
        }
    };
    // Read as scoring reads it: with the headings the source styles.
    let d = Document::parse_styled(&ex.text, &ex.styled());
    let m = &d.meta;
    // Report text goes through `shown`: a title may carry escape codes meant for the terminal.
    say!("标题 {}", shown(m.title.as_deref().unwrap_or("—")));
    say!(
        "主体 {}  级别 {}",
        shown(m.issuer.as_deref().unwrap_or("—")),
        m.level
    );
    say!(
        "年度 {}  日期 {} ({})",
        m.year.map_or("—".into(), |y| y.to_string()),
        shown(m.date.as_deref().unwrap_or("—")),
        m.date_source
    );
    say!();
    for s in d.outline() {
        say!(
            "{:>4}-{:<4} {:<11} {}{}",
            s.line_start,
            s.line_end,
            s.kind,
            "  ".repeat(s.level as usize),
            shown(&s.heading)
        );
    }
    0
}
