//! `countercheck figures`: the output contract of DESIGN.md.

use serde_json::Value;

use crate::{run, settings};

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn text_arguments() {
    let out = run(
        &[
            "figures",
            "At least 70 people were injured, including 42 who were hospitalized.",
            "dozens",
            "Over 90% of homes; the 5,000-ton destroyer; between 300 and 400 troops",
            "no numbers here",
        ],
        b"",
    );
    assert!(out.status.success());
    settings().bind(|| insta::assert_json_snapshot!("text_arguments", lines(&out.stdout)));
}

#[test]
fn standard_input_lines() {
    let out = run(
        &["figures"],
        b"nearly two dozen\r\n\nfrom 200 to 3000000 in 2008\nup to 700",
    );
    assert!(out.status.success());
    let got = lines(&out.stdout);
    assert_eq!(
        got.len(),
        4,
        "one object per input line, empty lines included"
    );
    assert_eq!(got[0]["figures"][0]["text"], "nearly two dozen");
    assert_eq!(got[1]["figures"], Value::Array(vec![]));
    assert_eq!(got[2]["figures"][0]["low"], 200.0);
    assert_eq!(got[2]["figures"][0]["high"], 3_000_000.0);
    assert_eq!(
        got[2]["figures"].as_array().map(Vec::len),
        Some(1),
        "2008 is a year"
    );
    assert_eq!(got[3]["line"], 4);
    assert_eq!(got[3]["figures"][0]["qualifier"], "at_most");
}

#[test]
fn offsets_are_bytes_of_the_input() {
    // An invalid byte and a multi-byte character before the figure: the offsets still
    // index the bytes as read.
    let input = b"caf\xc3\xa9 \xff at least 10,000 troops\n";
    let out = run(&["figures"], input);
    let got = lines(&out.stdout);
    let f = &got[0]["figures"][0];
    let (start, end) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&input[start..end], b"at least 10,000");
    assert_eq!(f["high"], Value::Null, "an unbounded high is null");
    assert_eq!(f["unit"], "");
}

#[test]
fn bad_tolerance_is_a_usage_error() {
    let out = run(&["figures", "--tolerance", "5", "about 10"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tolerance"), "{err}");
}

#[test]
fn help_names_the_output() {
    let out = run(&["figures", "--help"], b"");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("JSON"), "{help}");
}
