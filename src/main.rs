//! The `lawscore` command line: parses arguments and wires the pipeline stages.

mod cli;

/// Loading a pack and scoring a report make many small short-lived allocations (YAML
/// nodes, folded strings, hit lists); glibc's allocator spent about a fifth of a large
/// pack's load in malloc and free.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = cli::run();
    std::process::exit(code);
}
