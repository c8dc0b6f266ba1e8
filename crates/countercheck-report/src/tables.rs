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

use crate::claim_csv::{field, float, text, write_claim_record_as};
use crate::markdown::GATHER;
use crate::model::Report;
use crate::sentences::Sentences;

/// Text cells starting with one of these would be run as a formula by a spreadsheet.
const FORMULA_STARTS: [u8; 6] = *b"=+-@\t\r";

/// True when `cell` starts with one of [`FORMULA_STARTS`]. They are all ASCII, and no
/// byte of a character outside ASCII is, so the first byte tells without decoding the
/// first character: every text cell of every claims.csv record is asked.
pub(crate) fn starts_like_a_formula(cell: &str) -> bool {
    cell.as_bytes()
        .first()
        .is_some_and(|b| FORMULA_STARTS.contains(b))
}

/// The cell with a leading apostrophe when a spreadsheet would read it as a formula.
pub fn defused(cell: &str) -> Cow<'_, str> {
    if starts_like_a_formula(cell) {
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

/// The columns of conflicts.csv.
const CONFLICT_COLUMNS: [&str; 15] = [
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

/// Writes conflicts.csv: one row per pair of claims that disagree.
///
/// A large corpus has millions of rows, written straight into a buffer as claims.csv's
/// are (see `claim_csv`): the same bytes the csv crate's serializer gives, RFC 4180
/// quoting where a cell needs it, numbers in `ryu`'s shortest form, unbounded ends and
/// infinite severities empty.
pub fn write_conflicts(r: &Report, mut out: impl Write) -> csv::Result<()> {
    let mut buf = CONFLICT_COLUMNS.join(",").into_bytes();
    buf.push(b'\n');
    // The conflict's id, `CLAIM_A~CLAIM_B`, spelled for each row in one string; the
    // claims' own cells are its two halves.
    let mut id = String::new();
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
            id.clear();
            let tilde = c.push_id(&r.claims, &mut id);
            let (claim_a, claim_b) = (&id[..tilde], &id[tilde + 1..]);
            for cell in [
                &id, quantity, claim_a, claim_b, source_a, source_b, text_a, text_b,
            ] {
                text(&mut buf, cell);
                buf.push(b',');
            }
            for (low, high) in [(a.low, a.high), (b.low, b.high)] {
                float(&mut buf, low);
                buf.push(b',');
                if let Some(high) = high {
                    float(&mut buf, high);
                }
                buf.push(b',');
            }
            field(&mut buf, b"disagree");
            buf.push(b',');
            if c.severity.is_finite() {
                float(&mut buf, c.severity);
            }
            buf.push(b',');
            field(&mut buf, c.explanation.as_str().as_bytes());
            buf.push(b'\n');
            if buf.len() >= 1 << 16 {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
    }
    out.write_all(&buf)?;
    out.flush()?;
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

    /// The first byte says what the first character would: for the six marks, for
    /// other ASCII, and for characters whose bytes lie outside it.
    #[test]
    fn a_formula_start_is_told_by_the_first_byte() {
        let marks = ['=', '+', '-', '@', '\t', '\r'];
        for c in marks.into_iter().chain([
            'a',
            ' ',
            '\'',
            '\n',
            '0',
            '\u{2212}',
            '\u{ff1d}',
            'é',
            '\u{1f600}',
        ]) {
            let cell = format!("{c}5");
            assert_eq!(starts_like_a_formula(&cell), marks.contains(&c), "{c:?}");
        }
        assert!(!starts_like_a_formula(""));
    }

    #[test]
    fn conflict_rows_read_back_cell_for_cell() {
        use crate::model::build;
        use countercheck_graph::ClaimGraph;
        let claim = |id: &str, text: &str, low: f64, high: Option<f64>, source: &str| Claim {
            id: id.into(),
            text: text.into(),
            value: low,
            low,
            high,
            quantity: "killed|people|gaza".into(),
            measure: "killed".into(),
            source: source.into(),
            ..Claim::default()
        };
        let claims = vec![
            claim("a,1", "=1,000", 1000.0, None, "He said \"no\""),
            claim("b", "none", 0.0, Some(0.0), "-Ministry"),
        ];
        let registry = Registry::builtin();
        let graph = ClaimGraph::build(&[], &claims, registry);
        let report = build(1, claims, &graph, crate::Policy::Range);
        let mut out = Vec::new();
        write_conflicts(&report, &mut out).expect("a Vec takes every write");
        let mut read = csv::Reader::from_reader(&out[..]);
        let header: Vec<String> = read.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CONFLICT_COLUMNS);
        let rows: Vec<csv::StringRecord> = read.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let row: Vec<&str> = rows[0].iter().collect();
        assert_eq!(
            row,
            [
                "a,1~b",
                "killed|people|gaza",
                "a,1",
                "b",
                "He said \"no\"",
                "'-Ministry",
                "'=1,000",
                "none",
                "1000.0",
                "",
                "0.0",
                "0.0",
                "disagree",
                "",
                "unexplained",
            ]
        );
    }

    #[test]
    fn formulas_are_defused() {
        for s in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM", "\tx", "\rx"] {
            assert!(defused(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(defused("12 people"), "12 people");
    }
}
