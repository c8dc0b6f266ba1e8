//! The analyst's CSV files: claims.csv, conflicts.csv, sources.csv and quantities.csv.
//!
//! RFC 4180, UTF-8, a header row; numbers as plain numbers and unbounded ends empty, so
//! that spreadsheets and pandas read numeric columns as numbers; text cells that a
//! spreadsheet would run as a formula are defused with a leading apostrophe.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use countercheck_graph::{ArcStr, Claim, Registry};
use serde::Serialize;

use crate::claim_csv::write_claim_record_as;
use crate::markdown::GATHER;
use crate::model::{Conflict, Report};
use crate::sentences::Sentences;

/// Text cells starting with one of these would be run as a formula by a spreadsheet.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell with a leading apostrophe when a spreadsheet would read it as a formula.
pub fn defused(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Writes claims.csv of claims that hold their own sentences.
pub fn write_claims(claims: &[Claim], out: impl Write) -> csv::Result<()> {
    write_claims_with(claims, &Sentences::default(), out)
}

/// Writes claims.csv of a report's claims, their sentences read back where they were
/// spooled.
pub fn write_report_claims(r: &Report, out: impl Write) -> csv::Result<()> {
    write_claims_with(&r.claims, &r.sentences, out)
}

fn write_claims_with(
    claims: &[Claim],
    sentences: &Sentences,
    mut out: impl Write,
) -> csv::Result<()> {
    // The header names are plain words: joined by commas they are the header record.
    let mut buf = countercheck_graph::COLUMNS.join(",").into_bytes();
    buf.push(b'\n');
    for (i, c) in claims.iter().enumerate() {
        write_claim_record_as(c, &c.full_id(), &sentences.of(i, c), &mut buf);
        if buf.len() >= 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct ConflictRow<'a> {
    id: Cow<'a, str>,
    quantity: Cow<'a, str>,
    claim_a: Cow<'a, str>,
    claim_b: Cow<'a, str>,
    source_a: Cow<'a, str>,
    source_b: Cow<'a, str>,
    text_a: Cow<'a, str>,
    text_b: Cow<'a, str>,
    low_a: f64,
    high_a: Option<f64>,
    low_b: f64,
    high_b: Option<f64>,
    relation: &'static str,
    severity: Option<f64>,
    explanation: &'static str,
}

/// Writes conflicts.csv: one row per pair of claims that disagree.
pub fn write_conflicts(r: &Report, out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    if r.conflicts.is_empty() {
        w.write_record([
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
        ])?;
    }
    let mut rows = Vec::with_capacity(GATHER);
    for block in r.conflicts.chunks(GATHER) {
        // As in the Markdown report: the cells of a block of rows are looked up before
        // any is written, so that the waits on scattered claims overlap.
        rows.clear();
        rows.extend(block.iter().map(|c| {
            let (a, b) = (&r.claims[c.higher()], &r.claims[c.lower()]);
            let cells = [&a.quantity, &a.source, &b.source, &a.text, &b.text].map(|s| s.as_str());
            (c, a, b, cells)
        }));
        for &(c, a, b, [quantity, source_a, source_b, text_a, text_b]) in &rows {
            // Each claim's id is spelled once, for its own cell and the conflict's id.
            let (claim_a, claim_b) = (a.full_id(), b.full_id());
            let id = Conflict::id_of(&claim_a, &claim_b);
            w.serialize(ConflictRow {
                id: defused(&id),
                quantity: defused(quantity),
                claim_a: defused(&claim_a),
                claim_b: defused(&claim_b),
                source_a: defused(source_a),
                source_b: defused(source_b),
                text_a: defused(text_a),
                text_b: defused(text_b),
                low_a: a.low,
                high_a: a.high,
                low_b: b.low,
                high_b: b.high,
                relation: "disagree",
                severity: c.severity.is_finite().then_some(c.severity),
                explanation: c.explanation.as_str(),
            })?;
        }
    }
    w.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct SourceRow<'a> {
    id: Cow<'a, str>,
    name: Cow<'a, str>,
    kind: Cow<'a, str>,
    country: Cow<'a, str>,
    parent: Cow<'a, str>,
    side: Cow<'a, str>,
    claims: usize,
    relayed: usize,
}

/// Writes sources.csv: every source that made or relayed a claim, with its gazetteer
/// entry when listed, and how many claims it made and relayed.
pub fn write_sources(r: &Report, registry: &Registry, out: impl Write) -> csv::Result<()> {
    // Keyed by gazetteer id, or by name for unlisted sources; (name, kind, made, relayed).
    let mut seen: BTreeMap<(ArcStr, ArcStr), (ArcStr, usize, usize)> = BTreeMap::new();
    for c in &r.claims {
        let e = seen
            .entry((ArcStr::clone(&c.source_id), ArcStr::clone(&c.source)))
            .or_insert((ArcStr::clone(&c.source_kind), 0, 0));
        e.1 += 1;
        for relay in &c.relays {
            let e = seen
                .entry((ArcStr::clone(&relay.id), ArcStr::clone(&relay.name)))
                .or_insert((ArcStr::clone(&relay.kind), 0, 0));
            e.2 += 1;
        }
    }
    let mut w = csv::Writer::from_writer(out);
    if seen.is_empty() {
        w.write_record([
            "id", "name", "kind", "country", "parent", "side", "claims", "relayed",
        ])?;
    }
    for ((id, name), (kind, made, relayed)) in &seen {
        let listed = registry.index_of(id).map(|i| registry.get(i));
        w.serialize(SourceRow {
            id: defused(id),
            name: defused(name),
            kind: defused(kind),
            country: defused(listed.map_or("", |s| s.country.as_str())),
            parent: defused(listed.map_or("", |s| s.parent.as_str())),
            side: defused(listed.map_or("", |s| s.side.as_str())),
            claims: *made,
            relayed: *relayed,
        })?;
    }
    w.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct QuantityRow<'a> {
    quantity: Cow<'a, str>,
    measure: Cow<'a, str>,
    subject: Cow<'a, str>,
    place: Cow<'a, str>,
    claims: usize,
    origins: usize,
    parties: usize,
    low: f64,
    best: f64,
    high: Option<f64>,
    disagreements: usize,
    verdict: Cow<'a, str>,
}

/// Writes quantities.csv: one row per quantity with its reconciled figures.
pub fn write_quantities(r: &Report, out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    if r.quantities.is_empty() {
        w.write_record([
            "quantity",
            "measure",
            "subject",
            "place",
            "claims",
            "origins",
            "parties",
            "low",
            "best",
            "high",
            "disagreements",
            "verdict",
        ])?;
    }
    for q in &r.quantities {
        w.serialize(QuantityRow {
            quantity: defused(&q.key),
            measure: defused(&q.measure),
            subject: defused(&q.subject),
            place: defused(&q.place),
            claims: q.claims.len(),
            origins: q.origins.len(),
            parties: q.parties.len(),
            low: q.reconciled.low,
            best: q.reconciled.best,
            high: q.reconciled.high,
            disagreements: q.disagreements,
            verdict: defused(&q.verdict),
        })?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        for s in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM", "\tx", "\rx"] {
            assert!(defused(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(defused("12 people"), "12 people");
    }
}
