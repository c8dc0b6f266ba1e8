//! Comparison and reports for countercheck: claims grouped into quantities, the pairs
//! that disagree with how badly and the likely reason, one low / best / high per
//! quantity by an explicit reconciliation policy, and the report in Markdown, HTML and
//! JSON, with the CSV files analysts load into spreadsheets and pandas.
//!
//! # Example
//!
//! ```
//! use countercheck_graph::{Claim, ClaimGraph, Registry};
//! use countercheck_report::{Policy, build, to_markdown};
//!
//! let claim = |id: &str, text: &str, low: f64, high: f64, source: &str| Claim {
//!     id: id.into(),
//!     doc: "a.txt".into(),
//!     text: text.into(),
//!     value: (low + high) / 2.0,
//!     low,
//!     high: Some(high),
//!     qualifier: "approx".into(),
//!     measure: "casualties".into(),
//!     quantity: "casualties|north korean troops".into(),
//!     source: source.into(),
//!     source_kind: "intelligence".into(),
//!     attribution: "speech".into(),
//!     ..Claim::default()
//! };
//! let claims = vec![
//!     claim("a", "roughly 5,000", 4500.0, 5500.0, "UK Defence Intelligence"),
//!     claim("b", "about 4,000", 3600.0, 4400.0, "Kyrylo Budanov"),
//! ];
//! let graph = ClaimGraph::build(&[], &claims, Registry::builtin());
//! let report = build(1, claims, &graph, Policy::Range);
//! assert_eq!(report.conflicts.len(), 1);
//! assert!(to_markdown(&report).contains("Disagreements"));
//! ```

mod cells;
mod claim_csv;
mod compare;
mod html;
mod markdown;
mod model;
mod names;
mod packed;
mod quantity;
mod reconcile;
mod rows;
mod sentences;
mod sink;
mod store;
mod tables;

pub use claim_csv::write_claim_record;
pub use compare::{Explanation, overlap, severity};
pub use html::{to_html, write_html};
pub use markdown::{to_markdown, write_markdown};
pub use model::{
    Conflict, GraphFacts, Inputs, Problem, Quantity, Report, build, build_from, number,
};
pub use packed::{PackedRows, packed_rows};
pub use quantity::{Span as Extent, quantity_key};
pub use reconcile::{Policy, Reconciled};
pub use rows::{DocumentText, each_row, prepare, rows, write_records};
pub use sentences::Sentences;
pub use store::ClaimStore;
pub use tables::{
    defused, write_claims, write_conflicts, write_quantities, write_report_claims, write_sources,
};

/// The whole report as JSON.
pub fn to_json(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

/// Writes the JSON of [`to_json`] to `out` as it is serialized.
pub fn write_json(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    // The serializer writes each brace, comma and indent on its own: gathered here,
    // where a small write is a copy, `out` gets them 64 KiB at a time rather than in a
    // call through `dyn Write` apiece.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, report)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}
