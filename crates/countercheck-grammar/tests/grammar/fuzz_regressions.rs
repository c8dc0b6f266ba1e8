//! Inputs from fuzzing (`just fuzz`), kept in `fuzz_regressions/`: each file is the
//! minimized input a target of `fuzz/` failed on, or a tricky input met while fuzzing.
//! Every file goes through the checks of both targets, so an input found by one also
//! guards the other: the figure scanner on the bytes read as lossy UTF-8, and claims,
//! groups and times on the document the `extract` target builds from the same bytes.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use countercheck_grammar::{Measure, as_of, group_of};

#[path = "../../../../fuzz/checks.rs"]
mod checks;

/// The checks of the `extract` target that need only this crate: its claims, then the
/// group and time of each, as the target reads them.
fn check_claims(data: &[u8]) {
    let doc = checks::document(data);
    let text = doc.text.as_str();
    let published = doc.published.and_then(|p| p.get(..10)?.parse().ok());
    let article = checks::check_claims(&doc);
    for d in &article.drafts {
        let military = matches!(
            d.measure,
            Measure::Casualties | Measure::Deployed | Measure::Captured
        );
        let _ = group_of(text, d.sentence, d.figure.span, d.subject, military);
        if let Some(a) = as_of(text, d.sentence, d.figure.span, published) {
            checks::assert_in(text, a.span, "as of");
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
            checks::check_figures(&data);
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
