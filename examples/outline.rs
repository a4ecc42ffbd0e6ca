//! Prints how lawscore reads a report: metadata, outline and each line's kind.
fn main() {
    let path = std::env::args().nth(1).expect("usage: outline FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let d = lawscore::document::Document::parse(&text);
    println!("{:?}", d.meta);
    for s in d.outline() {
        println!(
            "L{}-{} [{}] {} {}",
            s.line_start, s.line_end, s.kind, s.level, s.heading
        );
    }
    for (i, l) in d.lines.iter().enumerate() {
        let t: String = l.text.chars().take(50).collect();
        println!("{:3} {:11} {}", i + 1, l.kind.as_str(), t);
    }
}
