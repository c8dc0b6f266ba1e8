//! `countercheck report` and `countercheck export`: snapshots of the sample corpus's
//! report, the CSV contract, and hostile text kept inert.

use std::collections::HashMap;
use std::fs;

use crate::{ROOT, run, run_in, snapshot_samples};

#[test]
fn sample_corpus_report_snapshots() {
    snapshot_samples(
        "report",
        &[("md", "report_samples_md"), ("json", "report_samples_json")],
    );
}

fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn export_writes_the_four_files_of_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = run_in(
        ROOT,
        &["export", "data/samples", "--out", out_dir.to_str().unwrap()],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (header, claims) = read_csv(&out_dir.join("claims.csv"));
    assert!(header.starts_with(&["id".to_owned(), "doc".to_owned(), "start".to_owned()]));
    for row in &claims {
        row["value"]
            .parse::<f64>()
            .expect("value is a plain number");
        assert!(row["high"].is_empty() || row["high"].parse::<f64>().is_ok());
    }
    let (header, conflicts) = read_csv(&out_dir.join("conflicts.csv"));
    let expected = [
        "id",
        "quantity",
        "claim_a",
        "claim_b",
        "source_a",
        "source_b",
        "text_a",
        "text_b",
        "low_a",
        "high_a",
        "low_b",
        "high_b",
        "relation",
        "severity",
        "explanation",
    ];
    assert_eq!(header, expected);
    assert!(!conflicts.is_empty() && conflicts.iter().all(|c| c["relation"] == "disagree"));
    let ids: Vec<&String> = claims.iter().map(|c| &c["id"]).collect();
    assert!(
        conflicts
            .iter()
            .all(|c| ids.contains(&&c["claim_a"]) && ids.contains(&&c["claim_b"]))
    );
    let (_, sources) = read_csv(&out_dir.join("sources.csv"));
    assert!(
        sources
            .iter()
            .any(|s| s["id"] == "kr_nis" && s["country"] == "KR")
    );
    let (_, quantities) = read_csv(&out_dir.join("quantities.csv"));
    assert!(quantities.iter().all(|q| q["best"].parse::<f64>().is_ok()));
    let leftovers = fs::read_dir(&out_dir).unwrap().count();
    assert_eq!(leftovers, 4, "no temporary files are left");
}

#[test]
fn export_refuses_a_file_for_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("claims.csv");
    fs::write(&file, "keep me").unwrap();
    let out = run_in(
        ROOT,
        &[
            "export",
            "data/samples/01-kyiv-overnight-assault.txt",
            "--out",
            file.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --out a folder"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me");
}

const HOSTILE: &str = "---\noutlet: <script>alert(1)</script>\nurl: javascript:alert(1)\n---\n\
    =HYPERLINK(\"http://evil\") At least 12 people were killed, <img src=x onerror=alert(1)> said.\n\
    \"<script>alert(2)</script>\" more than 40 people were injured, the @ministry said.\n";

#[test]
fn hostile_text_stays_inert_in_html() {
    let out = run(&["report", "-", "--format", "html"], HOSTILE.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        !html.contains("<script>alert"),
        "a script from the input is live"
    );
    assert!(
        !html.contains("<img src=x"),
        "an element from the input is live"
    );
    assert!(
        !html.contains("javascript:"),
        "a javascript: URL got through"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || html.contains("&lt;script&gt;alert(2)")
    );
}

#[test]
fn hostile_text_is_defused_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &["export", "-", "--out", dir.path().to_str().unwrap()],
        HOSTILE.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in [
        "claims.csv",
        "conflicts.csv",
        "sources.csv",
        "quantities.csv",
    ] {
        let (_, rows) = read_csv(&dir.path().join(name));
        for row in rows {
            for (column, cell) in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: {column} = {cell:?} would run as a formula"
                );
            }
        }
    }
}

#[test]
fn json_report_accounts_for_every_input() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write(
        "a.txt",
        b"---\nurl: https://news.example/a\n---\nAt least 12 people were killed, police said.\n",
    );
    write(
        "b.txt",
        b"More than 40 people were injured,\xff the ministry said.\n",
    );
    write("c.txt", b"%PDF-1.7\n");
    write(
        "d.jsonl",
        b"{\"id\": \"d1\", \"text\": \"Five died.\"}\n{not json\n",
    );
    let path = dir.path().to_str().unwrap();
    let out = run(&["report", path, "--format", "json"], b"");
    assert_eq!(out.status.code(), Some(1), "some inputs were skipped");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let inputs = &report["inputs"];
    assert_eq!(inputs["found"], 5);
    assert_eq!(inputs["processed"], 3);
    let skipped = inputs["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0]["input"].as_str().unwrap().ends_with("c.txt"));
    assert!(skipped[0]["reason"].as_str().unwrap().contains("PDF"));
    // A bad JSONL line is named by its number; the good line before it is read.
    assert!(skipped[1]["input"].as_str().unwrap().ends_with("d.jsonl:2"));
    assert!(
        skipped[1]["reason"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    let warnings = inputs["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["input"].as_str().unwrap().ends_with("b.txt")
                && w["reason"].as_str().unwrap().contains("33")),
        "{warnings:?}"
    );
    // The same accounting closes standard error.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("5 documents found = 3 processed + 2 skipped"),
        "{stderr}"
    );
    assert_eq!(
        report["urls"][format!("{path}/a.txt")],
        "https://news.example/a"
    );
}

#[test]
fn export_writes_only_its_own_files_whatever_the_input_names() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    // Document ids and titles that look like paths: none may reach a file name.
    let jsonl = concat!(
        "{\"id\": \"../../escaped.csv\", \"title\": \"../claims.csv\", \"text\": \"At least 12 people were killed, police said.\"}\n",
        "{\"id\": \"/tmp/absolute.csv\", \"outlet\": \"../../outlet\", \"text\": \"More than 40 people were killed, the ministry said.\"}\n",
        "{\"id\": \"sub/dir/file.csv\", \"text\": \"About 30 people were injured.\"}\n"
    );
    let out = run(
        &["export", "-", "--out", out_dir.to_str().unwrap()],
        jsonl.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "claims.csv",
            "conflicts.csv",
            "quantities.csv",
            "sources.csv"
        ]
    );
    // Nothing beside the folder either.
    let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(beside.len(), 1);
    let (_, claims) = read_csv(&out_dir.join("claims.csv"));
    assert!(claims.iter().any(|c| c["doc"] == "../../escaped.csv"));
}

#[test]
fn a_report_without_a_usable_temporary_folder_keeps_sentences_in_memory() {
    // The sentences of a report go to a temporary file; where none can be made, the
    // report is the same, made in memory.
    let args = ["report", "--quiet", "--format", "json", "data/samples"];
    let spooled = run_in(ROOT, &args, b"");
    let in_memory = std::process::Command::new(env!("CARGO_BIN_EXE_countercheck"))
        .current_dir(ROOT)
        .args(args)
        .env("TMPDIR", "/nonexistent/countercheck-test")
        .output()
        .expect("countercheck finishes");
    assert!(spooled.status.success() && in_memory.status.success());
    assert!(!spooled.stdout.is_empty());
    assert_eq!(spooled.stdout, in_memory.stdout);
    let text = String::from_utf8_lossy(&spooled.stdout);
    assert!(text.contains("\"sentence\": \"") && !text.contains("\"sentence\": \"\""));
}
