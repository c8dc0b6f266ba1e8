//! The rows of one document packed for the thread that gathers a corpus's claims: the
//! texts of all their cells in one buffer, each cell a piece of it or a word of a table
//! that lasts the whole run.
//!
//! A report reads documents on worker threads and keeps their claims on the thread that
//! gathers them, which shares every repeating cell across the corpus (see
//! [`ClaimStore`](crate::ClaimStore)). Rows made as claims on the worker needed two
//! dozen cells each, every one a shared copy from the worker's own table or an
//! allocation, only for the gathering thread to look each up again in its table and
//! free the worker's copy. Packed, a document's rows are three allocations on the
//! worker, and each cell is allocated once, by the table that keeps it.

use crate::rows::{Cell, DocumentText, Fixed, Row, RowOut, SourceCells, rows_of};
use countercheck_grammar::Span;

/// Where a cell's text lies in the [`PackedRows`]' buffer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Piece {
    start: usize,
    end: usize,
}

/// A cell that is either a word of a table that lasts the run or a piece of the buffer.
#[derive(Clone, Copy, Debug)]
pub(crate) enum PackedCell {
    Static(&'static str),
    Text(Piece),
}

/// A source as a packed row names it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PackedSource {
    pub(crate) name: PackedCell,
    pub(crate) kind: &'static str,
    pub(crate) id: &'static str,
}

/// One row; its fields are those of a [`Claim`](countercheck_graph::Claim) of the same
/// name. The document's id, outlet and date are the [`PackedRows`]' own.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PackedRow {
    /// Empty for `DOC:START-END`; a derived count's own id otherwise.
    pub(crate) id: Piece,
    pub(crate) text: Piece,
    pub(crate) fixed: Fixed<'static>,
    pub(crate) quantity: Piece,
    pub(crate) subject: Piece,
    pub(crate) place: Piece,
    pub(crate) as_of: Piece,
    pub(crate) source: PackedSource,
    /// The relays' names joined by `;`.
    pub(crate) relay: Piece,
    /// Where the row's relays are in the [`PackedRows`]' list of them.
    pub(crate) relays: (usize, usize),
    pub(crate) derived_from: Piece,
    /// The same piece as the row before's when both show the same whole sentence.
    pub(crate) sentence: Piece,
    pub(crate) notes: Piece,
}

/// The claims of one document as rows packed for the thread that keeps them: see
/// [`ClaimStore::push_rows`](crate::ClaimStore::push_rows), which makes them claims.
/// Made by [`packed_rows`].
#[derive(Debug, Default)]
pub struct PackedRows {
    /// The texts of the rows' cells, one after another.
    text: String,
    /// The document's id, outlet and date.
    pub(crate) doc: [Piece; 3],
    pub(crate) rows: Vec<PackedRow>,
    /// The relays of all the rows.
    pub(crate) relays: Vec<PackedSource>,
}

impl PackedRows {
    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The text of `piece`.
    pub(crate) fn get(&self, piece: Piece) -> &str {
        self.text.get(piece.start..piece.end).unwrap_or_default()
    }

    /// The relays of `row`.
    pub(crate) fn relays_of(&self, row: &PackedRow) -> &[PackedSource] {
        self.relays
            .get(row.relays.0..row.relays.1)
            .unwrap_or_default()
    }

    fn push(&mut self, s: &str) -> Piece {
        let start = self.text.len();
        self.text.push_str(s);
        Piece {
            start,
            end: self.text.len(),
        }
    }

    fn cell(&mut self, cell: Cell<'_>) -> PackedCell {
        match cell {
            Cell::Static(s) => PackedCell::Static(s),
            Cell::Text(s) => PackedCell::Text(self.push(s)),
        }
    }

    fn source(&mut self, source: &SourceCells<'_>) -> PackedSource {
        PackedSource {
            name: self.cell(source.name),
            kind: source.kind,
            id: source.id,
        }
    }
}

/// The rows of `doc`, in the order of [`rows`](crate::rows()), packed.
pub fn packed_rows(doc: &DocumentText<'_>, tolerance: f64) -> PackedRows {
    let mut packer = Packer {
        packed: PackedRows::default(),
        last_sentence: None,
    };
    rows_of(doc, tolerance, &mut packer);
    packer.packed
}

/// The room a row's texts are given in the buffer ahead of time.
const TEXT_PER_ROW: usize = 256;

/// Rows packed as they come.
struct Packer {
    packed: PackedRows,
    /// The last whole sentence packed, which the next row of that sentence shares.
    last_sentence: Option<(Span, Piece)>,
}

impl RowOut for Packer {
    fn expect(&mut self, rows: usize) {
        // Made to size, the row list and the buffer seldom grow: a row's texts take a
        // few hundred bytes, and its sentence often serves the next row too.
        self.packed.rows.reserve_exact(rows);
        self.packed.text.reserve(rows * TEXT_PER_ROW);
    }

    fn row(&mut self, row: &Row<'_>) {
        let p = &mut self.packed;
        if p.rows.is_empty() {
            p.doc = [p.push(row.doc), p.push(row.outlet), p.push(row.published)];
        }
        let sentence = match (self.last_sentence, row.whole_sentence) {
            (Some((span, piece)), Some(whole)) if span == whole => piece,
            _ => {
                let piece = p.push(row.sentence);
                if let Some(whole) = row.whole_sentence {
                    self.last_sentence = Some((whole, piece));
                }
                piece
            }
        };
        let first_relay = p.relays.len();
        for r in row.relays {
            let relay = p.source(r);
            p.relays.push(relay);
        }
        let packed = PackedRow {
            id: p.push(row.id),
            text: p.push(row.text),
            fixed: row.fixed,
            quantity: p.push(row.quantity),
            subject: p.push(row.subject),
            place: p.push(row.place),
            as_of: p.push(row.as_of),
            source: p.source(&row.source),
            relay: p.push(row.relay),
            relays: (first_relay, p.relays.len()),
            derived_from: p.push(row.derived_from),
            sentence,
            notes: p.push(row.notes),
        };
        p.rows.push(packed);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use countercheck_grammar::DEFAULT_TOLERANCE;
    use countercheck_graph::ArcStr;

    use super::*;
    use crate::{ClaimStore, rows};

    /// Pushed packed, the claims of `docs` are the claims their rows make pushed one by
    /// one, with the same sentences, in a store with a file and in one without.
    fn assert_packed_rows_make_the_rows(docs: &[DocumentText<'_>]) {
        for store in [ClaimStore::spooled, ClaimStore::in_memory] {
            let (mut packed, mut one_by_one) = (store(), store());
            for doc in docs {
                let rows = rows(doc, DEFAULT_TOLERANCE);
                let p = packed_rows(doc, DEFAULT_TOLERANCE);
                assert_eq!(p.len(), rows.len(), "{}", doc.text);
                assert_eq!(p.is_empty(), rows.is_empty());
                packed.push_rows(&p);
                rows.into_iter().for_each(|row| one_by_one.push(row));
            }
            let (claims, sentences) = packed.finish();
            let (expected, expected_sentences) = one_by_one.finish();
            assert_eq!(claims, expected);
            for (i, (c, e)) in claims.iter().zip(&expected).enumerate() {
                assert_eq!(sentences.of(i, c), expected_sentences.of(i, e));
                assert_eq!(c.full_id(), e.full_id());
            }
        }
    }

    #[test]
    fn packed_rows_make_the_claims_rows_make() {
        let mut texts = crate::rows::awkward_texts();
        texts.push("No figure here.\n".to_owned());
        let mut docs = Vec::new();
        for (id, outlet) in [("doc", Some("Wire")), ("other.txt", None)] {
            for text in &texts {
                docs.push(DocumentText {
                    id,
                    outlet,
                    published: Some("2025-03-01"),
                    text,
                    body: 0,
                });
            }
        }
        assert_packed_rows_make_the_rows(&docs);
    }

    #[test]
    fn packed_rows_of_the_samples_make_their_claims() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let texts: Vec<(String, String)> = files
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
            .collect();
        assert!(texts.len() > 10);
        let docs: Vec<DocumentText<'_>> = texts
            .iter()
            .map(|(id, text)| DocumentText {
                id,
                outlet: Some("Wire"),
                published: Some("2025-04-28"),
                text,
                body: 0,
            })
            .collect();
        assert_packed_rows_make_the_rows(&docs);
        // The store keeps one copy of each repeating cell, across documents too.
        let mut store = ClaimStore::spooled();
        for doc in &docs {
            store.push_rows(&packed_rows(doc, DEFAULT_TOLERANCE));
        }
        let (claims, _) = store.finish();
        let killed: Vec<&ArcStr> = claims
            .iter()
            .filter(|c| &*c.measure == "killed")
            .map(|c| &c.measure)
            .collect();
        assert!(killed.len() > 2);
        assert!(killed.iter().all(|m| ArcStr::ptr_eq(m, killed[0])));
        let outlets: Vec<&ArcStr> = claims.iter().map(|c| &c.outlet).collect();
        assert!(outlets.iter().all(|o| ArcStr::ptr_eq(o, outlets[0])));
    }
}
