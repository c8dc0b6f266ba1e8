//! Throughput of figure scanning over news-like text and over the inputs that would
//! expose backtracking: long runs of number words and of digits with commas.

use std::hint::black_box;

use countercheck_grammar::figures;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod support {
    pub(crate) mod text;
}

use support::text::{corpus, repeat_to, texts};

fn bench(c: &mut Criterion) {
    const MB: usize = 1 << 20;
    let inputs = [
        // Articles in wire style: a figure every few hundred bytes.
        ("articles", corpus("samples", MB)),
        // One-line grammar cases: a figure every sentence, the densest text there is.
        ("dense_cases", corpus("grammar/ok", MB)),
        (
            "prose_without_numbers",
            repeat_to(
                "The convoy moved slowly through the ruined streets while officials spoke. ",
                MB,
            ),
        ),
        ("one_hundred_and", repeat_to("one hundred and ", MB)),
        ("digits_and_commas", repeat_to("1,000,", MB)),
    ];
    let mut group = c.benchmark_group("figures");
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| b.iter(|| figures(black_box(text)).count()));
    }
    group.finish();
}

/// Claims of one article at a time: segmentation, figures, measures, attribution.
fn bench_claims(c: &mut Criterion) {
    let articles = texts("samples");
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("claims");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("sample_articles", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| countercheck_grammar::claims(black_box(a), 0).drafts.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench, bench_claims);
criterion_main!(benches);
