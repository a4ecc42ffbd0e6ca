//! The `lawscore` command line: parses arguments and wires the pipeline stages.

mod cli;

fn main() {
    let code = cli::run();
    std::process::exit(code);
}
