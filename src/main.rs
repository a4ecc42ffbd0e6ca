//! The `lawscore` command line: parses arguments and wires the pipeline stages.

mod cli;

/// mimalloc rather than the system allocator: scoring allocates and frees many small
/// buffers, and each regex build a few large ones (measured in scripts/bench). Built with
/// transparent huge pages off (Cargo.toml): a short run touches few pages of its arena.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = cli::run();
    std::process::exit(code);
}
