//! Hostile shapes of input take time linear in their size, through the whole pipeline a
//! document goes through (claims, sources, places, rows and their CSV encoding), and a
//! folder walk takes time linear in its number of files.
//!
//! Each test times one shape at a size and at four times that size and asserts the ratio,
//! not a wall time: linear work gives about 4, quadratic 16. The bound of 8 leaves room
//! for a noisy machine; each size is timed three times and the fastest run counts.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::claim_row::rows;
use crate::input::{Document, Item, visit};

/// How many times slower four times the input may be before the work counts as worse
/// than linear.
const BOUND: f64 = 8.0;

fn fastest(mut run: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Asserts that `run` on `make(4 * n)` takes at most `BOUND` times as long as on
/// `make(n)`.
fn assert_linear<T>(shape: &str, n: usize, make: impl Fn(usize) -> T, run: impl Fn(&T)) {
    let (small, large) = (make(n), make(4 * n));
    let ratio = |small: &T, large: &T| {
        let a = fastest(|| run(small)).as_secs_f64().max(1e-6);
        fastest(|| run(large)).as_secs_f64() / a
    };
    let mut r = ratio(&small, &large);
    if r > BOUND {
        // One more try before failing: a burst of load on the machine is not a finding.
        r = r.min(ratio(&small, &large));
    }
    assert!(r <= BOUND, "{shape}: 4x the input took {r:.1}x the time");
}

fn document(text: String) -> Document {
    Document {
        id: "scaling.txt".to_owned(),
        outlet: None,
        published: None,
        title: None,
        url: None,
        text,
        body: 0,
    }
}

/// Claims, sources, places and encoded rows of `text`; the count keeps the work live.
fn pipeline(doc: &Document) -> usize {
    let found = rows(doc, countercheck_grammar::DEFAULT_TOLERANCE);
    let mut csv = Vec::new();
    for row in &found {
        countercheck_report::write_claim_record(row, &mut csv);
    }
    found.len() + csv.len()
}

/// `bytes` of `unit` repeated, cut at a character boundary.
fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut text = unit.repeat(bytes / unit.len() + 1);
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

#[test]
fn one_long_line_of_news() {
    // A whole article run together on one line, as scrapers often leave it.
    let article = "Russian forces launched 215 drones and missiles overnight, \
        Ukraine's air force said. At least 12 people were killed and more than 40 \
        injured in Kyiv, the State Emergency Service said, citing local officials. \
        \"We counted about 5,000 troops,\" Budanov told Reuters. ";
    assert_linear(
        "one-line document",
        40_000,
        |n| document(repeat_to(article, n)),
        |d| {
            pipeline(d);
        },
    );
}

#[test]
fn a_document_dense_with_figures() {
    assert_linear(
        "figure after figure",
        20_000,
        |n| document(repeat_to("12 killed, 40% injured, 3 dozen missing, ", n)),
        |d| {
            pipeline(d);
        },
    );
}

#[test]
fn deeply_nested_quotation_marks() {
    assert_linear(
        "nested quotes",
        20_000,
        |n| {
            let depth = n / 8;
            document(format!(
                "{} 5 people were killed, he said {}",
                "“\"".repeat(depth),
                "”\"".repeat(depth)
            ))
        },
        |d| {
            pipeline(d);
        },
    );
}

#[test]
fn runs_of_number_words_and_of_digits() {
    assert_linear(
        "one hundred and ...",
        20_000,
        |n| document(repeat_to("one hundred and ", n)),
        |d| {
            pipeline(d);
        },
    );
    assert_linear(
        "digits and commas",
        20_000,
        |n| document(repeat_to("1,000,", n)),
        |d| {
            pipeline(d);
        },
    );
}

#[test]
fn a_folder_of_many_files() {
    let make = |n: usize| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for i in 0..n {
            let sub = dir.path().join(format!("{:02}", i % 50));
            std::fs::create_dir_all(&sub).expect("a subfolder");
            std::fs::write(sub.join(format!("{i}.txt")), "Five people died.").expect("a file");
        }
        dir
    };
    assert_linear("folder walk", 2_500, make, |dir| {
        let mut documents = 0;
        visit(&[PathBuf::from(dir.path())], &mut |item| {
            if let Item::Document(_) = item {
                documents += 1;
            }
        });
        assert!(documents > 0);
    });
}

#[test]
fn an_endless_sentence_is_shown_around_its_figure() {
    let filler = "and the shelling went on across the district ".repeat(100);
    let text = format!("{filler}while 12 people were killed, police said, {filler}");
    let found = rows(
        &document(text.clone()),
        countercheck_grammar::DEFAULT_TOLERANCE,
    );
    let row = found.iter().find(|r| r.text == "12").expect("the claim");
    assert_eq!(&text[row.start..row.end], "12");
    assert!(row.sentence.starts_with("… ") && row.sentence.ends_with(" …"));
    assert!(
        row.sentence
            .contains("while 12 people were killed, police said")
    );
    assert!(row.sentence.len() < 2 * countercheck_grammar::REACH + 16);
    assert!(row.notes.contains("shown within"), "{}", row.notes);
    assert_eq!(row.measure, "killed");
}
