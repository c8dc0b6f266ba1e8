//! The checks of the fuzz targets, shared with the test that replays the inputs kept
//! from fuzzing (`crates/countercheck-grammar/tests/grammar/fuzz_regressions.rs`), so a
//! kept input is held to exactly what the fuzzer held it to. Both include this file by
//! path; each uses the part it needs.

#![allow(dead_code)]

use countercheck_grammar::{
    Article, DEFAULT_TOLERANCE, REACH, Span, claims, figures_in_bytes, parse_figure, scan,
};

/// Publication dates a document may carry, including a leap day and none at all.
pub(crate) const PUBLISHED: [Option<&str>; 4] =
    [None, Some("2025-04-28"), Some("2024-02-29"), Some("2025")];

/// Panics unless `span` is a non-inverted range inside `text` on char boundaries.
pub(crate) fn assert_in(text: &str, span: Span, what: &str) {
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

/// The figure grammar on any bytes, read as lossy UTF-8: candidates inside the text, on
/// char boundaries, in order and apart, with finite values and ordered intervals.
pub(crate) fn check_figures(data: &[u8]) {
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
}

/// A document as the `extract` target reads its input.
pub(crate) struct Document<'a> {
    /// The bytes of the text, as given.
    pub(crate) bytes: &'a [u8],
    /// The text as the CLI reads a file: each invalid UTF-8 byte becomes one space, so
    /// offsets into the text are offsets into the input.
    pub(crate) text: String,
    /// Where the body starts, on a char boundary.
    pub(crate) body: usize,
    /// The publication date chosen, if any.
    pub(crate) published: Option<&'static str>,
}

/// The document of an input. When the first byte is NUL (which text never starts
/// with), the next two bytes give a body offset (little endian, taken modulo the text
/// length and moved back to a char boundary) and the fourth picks a publication date;
/// the text follows. Otherwise the whole input is the text, with the body at 0 and no
/// date, so plain articles work as seeds.
pub(crate) fn document(data: &[u8]) -> Document<'_> {
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
    assert_eq!(text.len(), bytes.len());
    let mut body = body % (text.len() + 1);
    while !text.is_char_boundary(body) {
        body -= 1;
    }
    Document {
        bytes,
        text,
        body,
        published,
    }
}

/// The claims of `doc`, checked: every span inside the text on char boundaries, each
/// claim's text the document's bytes at its span, figures inside their sentences and the
/// part of a long sentence shown for them, shares pointing at another claim, intervals
/// ordered.
pub(crate) fn check_claims(doc: &Document<'_>) -> Article {
    let text = doc.text.as_str();
    let article = claims(text, doc.body);
    let drafts = &article.drafts;
    for &s in &article.speakers {
        assert_in(text, s, "speaker");
    }
    for (i, d) in drafts.iter().enumerate() {
        assert_in(text, d.figure.span, "figure");
        assert!(
            d.figure.span.start >= doc.body,
            "figure {:?} before the body at {}",
            d.figure.span,
            doc.body
        );
        // Only a byte that was not UTF-8 may differ, read as a space.
        let raw = &doc.bytes[d.figure.span.range()];
        if let Ok(raw) = std::str::from_utf8(raw) {
            assert_eq!(&text[d.figure.span.range()], raw);
        }
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
        assert!(
            d.sentence.start <= d.figure.span.start && d.figure.span.end <= d.sentence.end,
            "figure {:?} outside its sentence {:?}",
            d.figure.span,
            d.sentence
        );
        if let Some(b) = d.share_of {
            assert!(
                b < drafts.len() && b != i,
                "share {i} of {b} among {}",
                drafts.len()
            );
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
        let interval = d.figure.interval(DEFAULT_TOLERANCE);
        assert!(interval.low <= interval.high, "{interval:?}");
    }
    article
}
