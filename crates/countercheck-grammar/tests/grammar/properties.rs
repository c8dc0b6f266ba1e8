//! Properties that hold for any input: no panic, spans on char boundaries inside the
//! text, low <= high, and the text at a figure's span is its phrase.

use countercheck_grammar::{DEFAULT_TOLERANCE, Figure, claims, figures, figures_in_bytes, scan};
use proptest::prelude::*;

/// Text made of the pieces figures are built from, so the grammar is exercised deeply
/// and not only on random letters.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "at least ",
        "more than ",
        "about ",
        "nearly ",
        "up to ",
        "between ",
        " and ",
        "from ",
        " to ",
        "-",
        "–",
        " or more",
        "-plus",
        "+",
        "%",
        " percent",
        "a ",
        "half ",
        "third",
        "two-thirds",
        "dozen",
        "dozens",
        "several ",
        "hundred",
        "thousand",
        "million",
        "k",
        "bn",
        "one",
        "twenty",
        "-five",
        " of ",
        "people",
        " a week",
        " in ",
        "2024",
        "5,000",
        "10 000",
        "1.2",
        "0",
        "99",
        ",",
        ".",
        " ",
        "\u{2009}",
        "\u{a0}",
        "é",
        "—",
        "$",
        "aged ",
        "-year-old",
        "mm",
        ":",
        "/",
        "Su-",
        "\n",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    for c in scan(text) {
        match c {
            Ok(f) => {
                assert!(f.span.start < f.span.end && f.span.end <= text.len());
                assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                assert!(f.span.start <= f.number.start && f.number.end <= f.span.end);
                let i = f.interval(DEFAULT_TOLERANCE);
                assert!(i.low <= i.high, "{:?}: {i:?}", f.text(text));
                assert!(f.value.is_finite());
                if let Some(r) = f.rate {
                    assert!(
                        text.is_char_boundary(r.span.start) && text.is_char_boundary(r.span.end)
                    );
                }
            }
            Err(r) => {
                assert!(r.span.start <= r.span.end && r.span.end <= text.len());
                assert!(text.is_char_boundary(r.span.start) && text.is_char_boundary(r.span.end));
            }
        }
    }
}

proptest! {
    #[test]
    fn any_text(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn news_like_text(text in newsy()) {
        check(&text);
    }

    #[test]
    fn figures_are_in_order_and_apart(text in newsy()) {
        let mut last_end = 0;
        for c in scan(&text) {
            let span = match c { Ok(f) => f.span, Err(r) => r.span };
            prop_assert!(span.start >= last_end);
            last_end = span.end;
        }
    }

    #[test]
    fn claims_hold_their_spans(text in newsy(), body in 0usize..8) {
        let body = (0..=body.min(text.len())).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
        let article = claims(&text, body);
        for d in &article.drafts {
            for span in [Some(d.figure.span), Some(d.sentence), d.subject, d.source, d.quote, d.measure_words]
                .into_iter()
                .flatten()
                .chain(d.relays.iter().copied())
            {
                prop_assert!(span.start <= span.end && span.end <= text.len());
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
            prop_assert!(d.sentence.start <= d.figure.span.start && d.figure.span.end <= d.sentence.end);
            if let Some(b) = d.share_of {
                prop_assert!(b < article.drafts.len());
            }
        }
    }

    #[test]
    fn claims_of_any_text(text in any::<String>()) {
        let _ = claims(&text, 0);
    }

    #[test]
    fn valid_bytes_read_as_text(text in "([a-z ,.“”é]|[0-9]{1,4}|dozens|three|at least ){0,80}") {
        // Long enough that the check of UTF-8 works a vector at a time.
        let spans = |found: Vec<Figure>| found.iter().map(|f| f.span).collect::<Vec<_>>();
        prop_assert_eq!(
            spans(figures_in_bytes(text.as_bytes()).collect()),
            spans(figures(&text).collect())
        );
    }

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        for f in figures_in_bytes(&bytes) {
            prop_assert!(f.span.end <= bytes.len());
            prop_assert!(std::str::from_utf8(&bytes[f.span.range()]).is_ok());
        }
    }
}
