//! Fuzz target for whole-document extraction: any bytes, as a document, through the
//! grammar's claims (checked in `checks.rs`) and then the rows the CLI writes, from
//! `countercheck_report::rows` (sources resolved, places, times, groups, quantity keys,
//! derived counts). The input layout is in `checks.rs`.

#![no_main]

use countercheck_grammar::DEFAULT_TOLERANCE;
use countercheck_report::{DocumentText, rows};
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    let doc = checks::document(data);
    checks::check_claims(&doc);
    let text = doc.text.as_str();
    let view = DocumentText {
        id: "fuzz.txt",
        outlet: None,
        published: doc.published,
        text,
        body: doc.body,
    };
    for row in rows(&view, DEFAULT_TOLERANCE) {
        assert!(
            doc.body <= row.start && row.start < row.end && row.end <= text.len(),
            "row {}..{} outside the body {}..{}",
            row.start,
            row.end,
            doc.body,
            text.len()
        );
        // The claim's text is the document's bytes at its span; only a byte that was
        // not UTF-8 may differ, read as a space.
        assert_eq!(text.get(row.start..row.end), Some(row.text.as_str()));
        if let Ok(raw) = std::str::from_utf8(&doc.bytes[row.start..row.end]) {
            assert_eq!(raw, row.text);
        }
        assert!(
            row.low <= row.high.unwrap_or(f64::INFINITY),
            "{}: {}..{:?}",
            row.text,
            row.low,
            row.high
        );
        assert!(!row.quantity.is_empty() && !row.measure.is_empty());
    }
});
