//! Throughput of the passes a report makes over every byte of news-like text besides
//! the claim rules: finding gazetteer names (sources and places), and fingerprinting
//! each document for republished copies.

use std::hint::black_box;

use countercheck_grammar::Span;
use countercheck_graph::{Places, Registry, fingerprint};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../../countercheck-grammar/benches/support/text.rs"]
mod text;

fn bench(c: &mut Criterion) {
    let text = text::corpus("samples", 1 << 20);
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
    group.bench_function("fingerprint", |b| {
        b.iter(|| black_box(fingerprint(black_box(&text))))
    });
    group.finish();
    // A corpus is fingerprinted a document at a time, each a few kilobytes: what a
    // document costs besides its bytes (the bins, the signature) shows here.
    let documents = text::texts("samples");
    let mut group = c.benchmark_group("gazetteer");
    group.throughput(Throughput::Bytes(
        documents.iter().map(|d| d.len() as u64).sum(),
    ));
    group.bench_function("fingerprint each document", |b| {
        b.iter(|| {
            for d in &documents {
                black_box(fingerprint(black_box(d)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
