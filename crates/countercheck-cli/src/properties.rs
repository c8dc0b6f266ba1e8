//! Properties of the rows any document yields, whatever its text: no panic, and every
//! row traceable to the exact bytes of its document.

use proptest::prelude::*;

use crate::claim_row::rows;
use crate::input::Document;

/// Text made of the pieces claims are built from (figures, measures, attribution,
/// quotation marks, places, sources, line breaks), so the whole pipeline is exercised
/// and not only the figure grammar.
fn reporting() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "At least 12 ",
        "more than 40 ",
        "about 5,000 ",
        "a third of them ",
        "40% ",
        "dozens of ",
        "people ",
        "troops ",
        "drones ",
        "were killed",
        "were injured",
        "died",
        ", ",
        ". ",
        "\n\n",
        "“",
        "”",
        "\"",
        "said ",
        "he said",
        " according to Reuters",
        ", citing the NIS",
        "told AFP",
        "the ministry said",
        "Ukraine’s State Emergency Service ",
        "Zelenskyy and Budanov ",
        "in Kyiv ",
        "in Gaza ",
        "on Tuesday ",
        "by March 2025 ",
        "including ",
        " and ",
        "é",
        "—",
        " ",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// Checks the rows of `text` (behind a front matter block when `front`); returns how many.
fn check(text: String, front: bool) -> usize {
    let (text, body) = if front {
        let head = "---\noutlet: Test Wire\npublished: 2025-04-24\n---\n";
        (format!("{head}{text}"), head.len())
    } else {
        (text, 0)
    };
    let doc = Document {
        id: "p.txt".to_owned(),
        outlet: front.then(|| "Test Wire".to_owned()),
        published: front.then(|| "2025-04-24".to_owned()),
        title: None,
        url: None,
        text,
        body,
    };
    let found = rows(&doc, countercheck_grammar::DEFAULT_TOLERANCE);
    for row in &found {
        assert!(row.start >= body && row.start < row.end && row.end <= doc.text.len());
        assert_eq!(doc.text.get(row.start..row.end), Some(row.text.as_str()));
        assert!(row.low <= row.high.unwrap_or(f64::INFINITY), "{row:?}");
        assert!(!row.quantity.is_empty() && !row.measure.is_empty());
        // The figure is in the sentence shown for it, spaces collapsed.
        let figure = row.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(row.sentence.contains(&figure), "{row:?}");
    }
    found.len()
}

#[test]
fn the_pieces_make_claims() {
    // The property below is only worth something if its pieces yield rows.
    let text = "At least 12 people were killed in Kyiv, the ministry said. “about 5,000 troops died” he said";
    assert_eq!(check(text.to_owned(), true), 2);
}

proptest! {
    #[test]
    fn rows_hold_the_bytes_of_their_document(text in reporting(), front in any::<bool>()) {
        check(text, front);
    }

    #[test]
    fn rows_of_any_text(text in any::<String>(), front in any::<bool>()) {
        check(text, front);
    }
}
