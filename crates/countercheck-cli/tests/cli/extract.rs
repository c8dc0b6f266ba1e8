//! `countercheck extract`: the claims.csv contract, the output formats, bad inputs, and
//! the score on the project's own evaluation corpus (`data/samples`).

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::run;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples");

/// The columns the contract names, at least.
const CONTRACT: [&str; 23] = [
    "id",
    "doc",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "measure",
    "subject",
    "place",
    "as_of",
    "rate",
    "source",
    "source_kind",
    "relay",
    "outlet",
    "published",
    "quantity",
    "derived_from",
    "sentence",
];

fn csv_rows(out: &[u8]) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(out);
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// The words of a name, as the evaluation compares them: lower case, without "'s" and
/// the little words.
fn name_words(name: &str) -> BTreeSet<String> {
    const STOP: [&str; 8] = ["the", "of", "s", "and", "a", "an", "in", "for"];
    name.to_lowercase()
        .replace('’', "'")
        .replace("'s", "")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_owned)
        .collect()
}

fn same_source(predicted: &str, gold: &str) -> bool {
    let p = name_words(predicted);
    !p.is_empty()
        && gold.split('|').any(|alt| {
            let g = name_words(alt);
            !g.is_empty() && (g.is_subset(&p) || p.is_subset(&g))
        })
}

#[test]
fn sample_corpus_meets_the_bounds() {
    let out = run(&["extract", SAMPLES, "--format", "csv"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let predicted = csv_rows(&out.stdout);
    let gold_text = fs::read_to_string(Path::new(SAMPLES).join("gold.csv")).expect("gold.csv");
    let gold = csv_rows(gold_text.as_bytes());
    let docs: HashMap<String, String> = fs::read_dir(SAMPLES)
        .expect("data/samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    let doc_of =
        |row: &HashMap<String, String>| row["doc"].rsplit('/').next().unwrap_or("").to_owned();
    let span_of = |row: &HashMap<String, String>| -> (usize, usize) {
        (row["start"].parse().unwrap(), row["end"].parse().unwrap())
    };

    let gold_spans: Vec<(String, (usize, usize))> = gold
        .iter()
        .map(|g| {
            let text = &docs[&g["doc"]];
            let at = text
                .find(&g["figure"])
                .unwrap_or_else(|| panic!("{}: {:?} not found", g["doc"], g["figure"]));
            (g["doc"].clone(), (at, at + g["figure"].len()))
        })
        .collect();
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;

    let (mut found, mut measure_ok, mut source_ok) = (0, 0, 0);
    let mut misses = Vec::new();
    for (g, (doc, span)) in gold.iter().zip(&gold_spans) {
        let Some(p) = predicted
            .iter()
            .find(|p| doc_of(p) == *doc && overlaps(span_of(p), *span))
        else {
            misses.push(format!("missed {doc}: {}", g["figure"]));
            continue;
        };
        found += 1;
        measure_ok += usize::from(p["measure"] == g["measure"]);
        source_ok += usize::from(same_source(&p["source"], &g["source"]));
    }
    let extra = predicted
        .iter()
        .filter(|p| {
            !gold_spans
                .iter()
                .any(|(d, s)| *d == doc_of(p) && overlaps(span_of(p), *s))
        })
        .count();
    let precision = found as f64 / (found + extra) as f64;
    let recall = found as f64 / gold.len() as f64;
    let measure = measure_ok as f64 / found as f64;
    let source = source_ok as f64 / found as f64;
    let summary = format!(
        "precision {precision:.3} recall {recall:.3} measure {measure:.3} source {source:.3}\n{}",
        misses.join("\n")
    );
    assert!(
        precision >= 0.95 && recall >= 0.95 && measure >= 0.9 && source >= 0.9,
        "{summary}"
    );
}

#[test]
fn every_contract_column_in_every_format() {
    let article = format!("{SAMPLES}/01-kyiv-overnight-assault.txt");
    let csv_out = run(&["extract", &article], b"");
    assert!(csv_out.status.success());
    let rows = csv_rows(&csv_out.stdout);
    assert!(!rows.is_empty());
    for column in CONTRACT {
        assert!(rows[0].contains_key(column), "no {column} column");
    }
    let text = fs::read(&article).unwrap();
    for r in &rows {
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(
            String::from_utf8_lossy(&text[s..e]),
            r["text"],
            "offsets index the file as read"
        );
        if r["qualifier"] == "at_least" || r["qualifier"] == "more_than" {
            assert_eq!(r["high"], "", "an unbounded high is empty");
        }
    }

    let jsonl = run(&["extract", &article, "--format", "jsonl"], b"");
    let lines: Vec<Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), rows.len());
    let json = run(&["extract", &article, "--format", "json"], b"");
    let all: Value = serde_json::from_slice(&json.stdout).expect("one JSON array");
    assert_eq!(all.as_array().map(Vec::len), Some(rows.len()));
    assert_eq!(all[0]["doc"], lines[0]["doc"]);
}

#[test]
fn claims_carry_source_relay_time_and_derived_counts() {
    let text = "---\noutlet: Test Wire\npublished: 2025-04-28\n---\n\
        South Korea's National Intelligence Service said in March that North Korean forces had \
        suffered around 5,000 casualties, according to the Yonhap news agency.\n\
        British intelligence assessed that by March roughly 5,000 North Korean troops had been \
        killed or wounded, with a third likely killed.\n";
    let out = run(&["extract", "-", "--format", "jsonl"], text.as_bytes());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_text = |t: &str| {
        rows.iter()
            .find(|r| r["text"] == t && r["unit"] == "")
            .cloned()
            .unwrap()
    };
    let nis = by_text("around 5,000");
    assert_eq!(nis["measure"], "casualties");
    assert_eq!(nis["source_id"], "kr_nis");
    assert_eq!(nis["relay"], "Yonhap News Agency");
    assert_eq!(nis["as_of"], "2025-03");
    assert_eq!(nis["outlet"], "Test Wire");
    let derived = by_text("a third");
    assert_eq!(derived["measure"], "killed");
    assert_eq!(derived["value"], 1665.0);
    assert_eq!(derived["derived_from"], by_text("roughly 5,000")["id"]);
}

#[test]
fn unreadable_inputs_are_named_and_the_rest_processed() {
    let article = format!("{SAMPLES}/03-kharkiv-glide-bombs.txt");
    let out = run(&["extract", "no/such/article.txt", &article], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/article.txt"), "{err}");
    assert!(
        err.contains("2 documents found = 1 processed + 1 skipped"),
        "{err}"
    );
    assert!(!csv_rows(&out.stdout).is_empty());
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("claims.csv");
    let article = format!("{SAMPLES}/02-moscow-drone-attack.txt");
    let out = run(&["extract", &article, "-o", target.to_str().unwrap()], b"");
    assert!(out.status.success());
    assert!(csv_rows(&fs::read(&target).unwrap()).len() > 1);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");

    let missing = dir.path().join("no-such-folder/claims.csv");
    let out = run(&["extract", &article, "-o", missing.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-folder"));
}

#[test]
fn a_named_pipe_or_link_as_output_stays_what_it_is() {
    use std::os::unix::fs::FileTypeExt;

    let dir = tempfile::tempdir().unwrap();
    let article = format!("{SAMPLES}/02-moscow-drone-attack.txt");
    // A named pipe stands for /dev/null and other devices: renaming a finished file
    // over it would replace it.
    let pipe = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || fs::read(pipe).expect("the pipe is readable"))
    };
    let out = run(&["extract", &article, "-o", pipe.to_str().unwrap()], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked before the reader is joined: had the pipe been replaced, its reader
    // would wait for a writer for ever.
    assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
    assert!(csv_rows(&reader.join().unwrap()).len() > 1);

    let real = dir.path().join("real.csv");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = run(&["extract", &article, "-o", link.to_str().unwrap()], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(csv_rows(&fs::read(&real).unwrap()).len() > 1);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 3, "no temporary file is left behind");
}

#[test]
fn csv_cells_are_defused() {
    let text = "=HYPERLINK(\"http://x\") At least 12 people were killed, officials said.\n";
    let out = run(&["extract", "-"], text.as_bytes());
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0]["sentence"].starts_with("'="),
        "{}",
        rows[0]["sentence"]
    );
}

#[test]
fn hostile_text_does_not_stop_the_run() {
    let mut input: Vec<u8> =
        b"To said 12 killed. It said. \xff\xfe the said 5 he\n\"\"\"\n".to_vec();
    input.extend((1u8..=255).cycle().take(4096));
    input.extend(b"\n\xe2\x80\x9c at least 70 \xe2\x80\x9d, he said.\n");
    let out = run(&["extract", "-", "--format", "jsonl"], &input);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
