//! Per-report cost of each stage: `cargo bench`. Large inputs and memory: scripts/bench-large.sh;
//! whole runs against ripgrep and Python, memory per format, latency: scripts/bench.

use criterion::{criterion_group, criterion_main, Criterion};
use lawscore::document::Document;
use lawscore::engine::Engine;
use lawscore::rules::RulePack;
use std::hint::black_box;

fn sample() -> String {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reports/complete.txt"
    );
    std::fs::read_to_string(p).expect("fixture report")
}

fn bench(c: &mut Criterion) {
    let text = sample();
    let bytes = text.as_bytes().to_vec();
    c.bench_function("rules/load builtin pack", |b| {
        b.iter(|| RulePack::builtin().unwrap())
    });
    c.bench_function("document/parse", |b| {
        b.iter(|| Document::parse(black_box(&text)))
    });
    let engine = Engine::new(RulePack::builtin().unwrap(), None).unwrap();
    c.bench_function("engine/score one report (ingest+parse+score)", |b| {
        b.iter(|| engine.score_bytes("r.txt", black_box(&bytes)).unwrap())
    });
    let gbk = encoding_rs::GB18030.encode(&text).0.into_owned();
    c.bench_function("engine/score one GB18030 report", |b| {
        b.iter(|| engine.score_bytes("r.txt", black_box(&gbk)).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
