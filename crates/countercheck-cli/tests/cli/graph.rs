//! `countercheck graph`: snapshots of the sample corpus's graph, the seed's origin chain
//! in miniature, republished copies, and the exports read by the tools people use.

use std::fs;
use std::process::Command;

use serde_json::Value;

use crate::{ROOT, run, run_in, snapshot_samples};

fn graph_json(args: &[&str], stdin: &[u8]) -> Value {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the graph is JSON")
}

#[test]
fn sample_corpus_snapshots() {
    snapshot_samples(
        "graph",
        &[("json", "graph_samples_json"), ("dot", "graph_samples_dot")],
    );
}

#[test]
fn origin_relay_publisher_and_independent_origins() {
    let text = "---\noutlet: Test Wire\npublished: 2025-04-28\n---\n\
        South Korea's National Intelligence Service said in March that North Korean troops had \
        suffered around 5,000 casualties, according to the Yonhap news agency.\n\
        British intelligence assessed that by March roughly 5,000 North Korean troops had been \
        killed or wounded.\n\
        Yonhap later repeated that North Korean soldiers had suffered about 5,000 casualties, \
        citing the National Intelligence Service.\n";
    let g = graph_json(&["graph", "-", "--format", "json"], text.as_bytes());
    let edges = g["edges"].as_array().unwrap();
    let claim = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["type"] == "claim" && n["data"]["text"] == "around 5,000")
        .expect("the NIS claim");
    let from = |relation: &str| -> Vec<String> {
        edges
            .iter()
            .filter(|e| e["source"] == claim["id"] && e["relation"] == relation)
            .map(|e| e["target"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(from("asserted_by"), ["source:kr_nis"]);
    assert_eq!(from("relayed_by"), ["source:yonhap"]);
    let q = g["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["key"] == "casualties|north korean troops")
        .expect("one quantity for the three claims");
    // The NIS figure repeated by Yonhap is one origin; British intelligence another.
    assert_eq!(q["origins"].as_array().unwrap().len(), 2, "{q}");
    assert_eq!(q["parties"].as_array().unwrap().len(), 2, "{q}");
    // Sources hang from their parents: the NIS is part of South Korea's government.
    assert!(
        edges
            .iter()
            .any(|e| e["source"] == "source:kr_nis" && e["relation"] == "part_of")
    );
}

#[test]
fn republished_copies_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let story = "At least 12 people were killed and 30 wounded when a missile hit a market in \
        the centre of the town on Tuesday morning. Rescue teams worked through the night to \
        reach people trapped under the collapsed roof of the covered hall, and the regional \
        hospital asked residents to donate blood. Shops around the square were damaged and \
        several cars were set on fire by the blast, witnesses said.\n";
    fs::write(
        dir.path().join("a.txt"),
        format!("---\noutlet: Wire One\n---\n{story}"),
    )
    .unwrap();
    fs::write(
        dir.path().join("b.txt"),
        format!(
            "---\noutlet: Daily Reprint\n---\nMarket strike\n{story}Our reporter added details.\n"
        ),
    )
    .unwrap();
    let g = graph_json(
        &["graph", dir.path().to_str().unwrap(), "--format", "json"],
        b"",
    );
    let copies: Vec<&Value> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["relation"] == "copy_of")
        .collect();
    assert_eq!(copies.len(), 1, "b.txt copies a.txt");
    let killed = g["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["key"].as_str().unwrap().starts_with("killed|people"))
        .expect("the killed quantity");
    assert_eq!(
        killed["origins"],
        serde_json::json!(["Wire One"]),
        "{killed}"
    );
}

/// True when `program` runs; outside CI a missing tool skips the check with a note, in
/// CI (where `.ci/run` installs it) it fails.
fn have(program: &str, args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os("CI").is_some() {
        panic!("{program} is needed by this test; .ci/run installs it");
    }
    if !ok {
        eprintln!("{program} not found: install it (see README) to run this check");
    }
    ok
}

#[test]
fn dot_renders_with_graphviz() {
    if !have("dot", &["-V"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dot = dir.path().join("g.dot");
    let out = run_in(
        ROOT,
        &["graph", "data/samples", "-o", dot.to_str().unwrap()],
        b"",
    );
    assert!(out.status.success());
    let svg = Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot)
        .output()
        .expect("dot runs");
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    assert!(String::from_utf8_lossy(&svg.stdout).contains("<svg"));
}

#[test]
fn graphml_loads_in_networkx() {
    if !have("python3", &["-c", "import networkx"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.graphml");
    let out = run_in(
        ROOT,
        &[
            "graph",
            "data/samples",
            "--format",
            "graphml",
            "-o",
            path.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success());
    let check = "import sys, networkx as nx\n\
        g = nx.read_graphml(sys.argv[1])\n\
        claims = [d for _, d in g.nodes(data=True) if d['type'] == 'claim']\n\
        assert claims and all(isinstance(d['value'], float) and isinstance(d['start'], int) for d in claims)\n\
        assert any(d['relation'] == 'relayed_by' for _, _, d in g.edges(data=True))\n\
        print(g.number_of_nodes(), g.number_of_edges())\n";
    let py = Command::new("python3")
        .args(["-c", check])
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
}
