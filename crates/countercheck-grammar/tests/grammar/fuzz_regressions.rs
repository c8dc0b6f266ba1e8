//! Inputs from fuzzing (`just fuzz`), kept in `fuzz_regressions/`: each file is the
//! minimized input a target of `fuzz/` failed on, or a tricky input met while fuzzing.
//! Every file goes through the checks of both targets, so an input found by one also
//! guards the other: the figure scanner on the bytes read as lossy UTF-8, and claims,
//! groups and times on the document the `extract` target builds from the same bytes.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use countercheck_grammar::{
    DEFAULT_TOLERANCE, Measure, REACH, Span, as_of, claims, figures_in_bytes, group_of,
    parse_figure, scan,
};

/// The publication dates the `extract` target picks from, in its order.
const PUBLISHED: [Option<&str>; 4] = [None, Some("2025-04-28"), Some("2024-02-29"), Some("2025")];

/// Panics unless `span` is a non-inverted range inside `text` on char boundaries.
fn assert_in(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a character"
    );
}

/// The checks of the `figures` target.
fn check_figures(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let mut last_end = 0;
    for candidate in scan(text) {
        let span = match candidate {
            Ok(f) => {
                assert_in(text, f.span, "figure");
                assert_in(text, f.number, "number");
                assert!(f.span.start <= f.number.start && f.number.end <= f.span.end);
                if let Some(rate) = f.rate {
                    assert_in(text, rate.span, "rate");
                }
                assert!(
                    f.value.is_finite(),
                    "{:?} reads as {}",
                    f.text(text),
                    f.value
                );
                for t in [DEFAULT_TOLERANCE, 0.0] {
                    let i = f.interval(t);
                    assert!(i.low <= i.high, "{:?} at {t}: {i:?}", f.text(text));
                }
                f.span
            }
            Err(rejected) => {
                assert_in(text, rejected.span, "rejected");
                rejected.span
            }
        };
        assert!(
            span.start >= last_end,
            "{span:?} starts before the previous candidate ends at {last_end}"
        );
        last_end = span.end;
    }
    for f in figures_in_bytes(data) {
        assert!(f.span.end <= data.len());
        assert!(std::str::from_utf8(&data[f.span.range()]).is_ok());
    }
    if let Err(e) = parse_figure(text) {
        assert_in(text, e.span, "error");
    }
}

/// The document of the `extract` target: a NUL first byte marks a header of a body
/// offset (two bytes, little endian) and a date choice (one byte); invalid UTF-8 bytes
/// are read as spaces, as the CLI reads files.
fn document(data: &[u8]) -> (String, usize, Option<&'static str>) {
    let (body, published, bytes) = match data {
        [0, b0, b1, date, rest @ ..] => (
            usize::from(u16::from_le_bytes([*b0, *b1])),
            PUBLISHED[usize::from(*date) % PUBLISHED.len()],
            rest,
        ),
        _ => (0, None, data),
    };
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n(' ', chunk.invalid().len()));
    }
    let mut body = body % (text.len() + 1);
    while !text.is_char_boundary(body) {
        body -= 1;
    }
    (text, body, published)
}

/// The checks of the `extract` target that need only this crate.
fn check_claims(data: &[u8]) {
    let (text, body, published) = document(data);
    let text = text.as_str();
    let published = published.and_then(|p| p.get(..10)?.parse().ok());
    let article = claims(text, body);
    for &s in &article.speakers {
        assert_in(text, s, "speaker");
    }
    for (i, d) in article.drafts.iter().enumerate() {
        assert_in(text, d.figure.span, "figure");
        assert!(d.figure.span.start >= body);
        for (span, what) in [
            (Some(d.sentence), "sentence"),
            (Some(d.paragraph), "paragraph"),
            (d.subject, "subject"),
            (d.source, "source"),
            (d.quote, "quote"),
            (d.measure_words, "measure words"),
        ] {
            if let Some(span) = span {
                assert_in(text, span, what);
            }
        }
        for &r in &d.relays {
            assert_in(text, r, "relay");
        }
        assert!(d.sentence.start <= d.figure.span.start && d.figure.span.end <= d.sentence.end);
        if let Some(b) = d.share_of {
            assert!(b < article.drafts.len() && b != i);
        }
        // The part of a long sentence the CLI shows: inside the sentence, around the
        // whole figure, on char boundaries.
        let shown = d.sentence.within_reach(text, d.figure.span, REACH);
        assert_in(text, shown, "shown sentence");
        assert!(
            d.sentence.start <= shown.start
                && shown.start <= d.figure.span.start
                && d.figure.span.end <= shown.end
                && shown.end <= d.sentence.end,
            "{shown:?} of sentence {:?} around figure {:?}",
            d.sentence,
            d.figure.span
        );
        let military = matches!(
            d.measure,
            Measure::Casualties | Measure::Deployed | Measure::Captured
        );
        let _ = group_of(text, d.sentence, d.figure.span, d.subject, military);
        if let Some(a) = as_of(text, d.sentence, d.figure.span, published) {
            assert_in(text, a.span, "as of");
        }
    }
}

#[test]
fn fuzz_regressions_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/grammar/fuzz_regressions");
    let mut failed = Vec::new();
    let mut count = 0;
    for entry in fs::read_dir(&dir).expect("the fuzz_regressions folder") {
        let path = entry.expect("a folder entry").path();
        let data = fs::read(&path).expect("a regression input");
        count += 1;
        // Each file on its own, so one failure names every input that fails.
        let run = catch_unwind(AssertUnwindSafe(|| {
            check_figures(&data);
            check_claims(&data);
        }));
        if run.is_err() {
            failed.push(
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    assert!(count > 0, "no inputs in {}", dir.display());
    assert!(failed.is_empty(), "failing inputs: {failed:?}");
}
