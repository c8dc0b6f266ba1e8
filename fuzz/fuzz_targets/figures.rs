//! Fuzz target for the figure grammar: any bytes, read as text, must scan without a
//! panic into candidates whose spans index the text and whose intervals are ordered.

#![no_main]

use countercheck_grammar::{DEFAULT_TOLERANCE, Span, figures_in_bytes, parse_figure, scan};
use libfuzzer_sys::fuzz_target;

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

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let mut last_end = 0;
    for candidate in scan(text) {
        let span = match candidate {
            Ok(f) => {
                assert_in(text, f.span, "figure");
                assert_in(text, f.number, "number");
                assert!(
                    f.span.start <= f.number.start && f.number.end <= f.span.end,
                    "number {:?} outside its figure {:?}",
                    f.number,
                    f.span
                );
                if let Some(rate) = f.rate {
                    assert_in(text, rate.span, "rate");
                }
                assert!(
                    f.value.is_finite(),
                    "{:?} reads as {}",
                    f.text(text),
                    f.value
                );
                // Both the default tolerance and none: an exact reading must hold too.
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
        // The scanner never reads text twice, so candidates follow each other.
        assert!(
            span.start >= last_end,
            "{span:?} starts before the previous candidate ends at {last_end}"
        );
        last_end = span.end;
    }

    // The byte-level entry point must give spans of valid UTF-8 in the raw input.
    for f in figures_in_bytes(data) {
        assert!(f.span.end <= data.len());
        assert!(std::str::from_utf8(&data[f.span.range()]).is_ok());
    }

    // Reading the text as one figure must not panic, and an error points into it.
    if let Err(e) = parse_figure(text) {
        assert_in(text, e.span, "error");
    }
});
