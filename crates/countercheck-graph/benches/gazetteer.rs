//! Throughput of finding gazetteer names (sources and places) in news-like text: every
//! document is scanned once for each gazetteer.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use countercheck_grammar::Span;
use countercheck_graph::{Places, Registry};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// About a megabyte of the sample articles, repeated.
fn articles() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
    let mut paths: Vec<_> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let base: String = paths
        .iter()
        .map(|p| fs::read_to_string(p).expect("readable text file"))
        .collect();
    let mut out = String::new();
    while out.len() < 1 << 20 {
        out.push_str(&base);
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = articles();
    let whole = Span::new(0, text.len());
    let (sources, places) = (Registry::builtin(), Places::builtin());
    let mut group = c.benchmark_group("gazetteer");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("sources", |b| {
        b.iter(|| black_box(sources.mentions(black_box(&text), whole)).len())
    });
    group.bench_function("places", |b| {
        b.iter(|| black_box(places.mentions(black_box(&text), whole)).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
