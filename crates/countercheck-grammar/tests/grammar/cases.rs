//! The case files under `data/grammar/`: `ok/` lines must each hold a figure, `err/`
//! lines must hold none. What the scanner finds on every line is snapshotted, so any
//! change in values, spans or rejection reasons shows up in review.

use std::fmt::Write as _;
use std::fs;

use countercheck_grammar::{Candidate, DEFAULT_TOLERANCE, Unit, scan};

fn number(x: f64) -> String {
    if x.is_infinite() {
        "inf".to_owned()
    } else if x == x.trunc() && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

fn render(line: &str, found: &[Candidate]) -> String {
    let mut out = format!("> {line}\n");
    for c in found {
        match c {
            Ok(f) => {
                let i = f.interval(DEFAULT_TOLERANCE);
                let _ = write!(
                    out,
                    "  figure   {:?} {:?} {} {} [{}, {}]",
                    f.text(line),
                    f.span,
                    f.qualifier,
                    number(f.value),
                    number(i.low),
                    number(i.high),
                );
                if f.unit == Unit::Percent {
                    out.push_str(" percent");
                }
                if let Some(r) = f.rate {
                    let _ = write!(
                        out,
                        " per {} {:?}",
                        r.period.as_str(),
                        &line[r.span.range()]
                    );
                }
                out.push('\n');
            }
            Err(r) => {
                let _ = writeln!(
                    out,
                    "  rejected {:?} {:?} {}",
                    &line[r.span.range()],
                    r.span,
                    r.class.as_str()
                );
            }
        }
    }
    out
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[test]
fn figures() {
    let mut missing = Vec::new();
    crate::settings().bind(|| {
        insta::glob!("../../../../data/grammar", "ok/*.txt", |path| {
            let text = fs::read_to_string(path).unwrap();
            let mut snap = String::new();
            for line in lines(&text) {
                let found: Vec<_> = scan(line).collect();
                if !found.iter().any(Result::is_ok) {
                    missing.push(format!("{}: {line}", path.display()));
                }
                snap.push_str(&render(line, &found));
            }
            insta::assert_snapshot!(snap);
        });
    });
    assert!(
        missing.is_empty(),
        "no figure found in:\n{}",
        missing.join("\n")
    );
}

#[test]
fn non_figures() {
    let mut reported = Vec::new();
    crate::settings().bind(|| {
        insta::glob!("../../../../data/grammar", "err/*.txt", |path| {
            let text = fs::read_to_string(path).unwrap();
            let mut snap = String::new();
            for line in lines(&text) {
                let found: Vec<_> = scan(line).collect();
                if found.iter().any(Result::is_ok) {
                    reported.push(render(line, &found));
                }
                snap.push_str(&render(line, &found));
            }
            insta::assert_snapshot!(snap);
        });
    });
    assert!(
        reported.is_empty(),
        "figures reported:\n{}",
        reported.concat()
    );
}

#[test]
fn enough_cases() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/grammar");
    let mut n = 0;
    for dir in ["ok", "err"] {
        for entry in fs::read_dir(format!("{root}/{dir}")).unwrap() {
            n += lines(&fs::read_to_string(entry.unwrap().path()).unwrap()).count();
        }
    }
    assert!(n >= 200, "only {n} grammar cases");
}
