//! The claims of one input document as rows of the claims.csv contract; the rules are
//! the report crate's ([`countercheck_report::rows`]), this only hands the document over.

use countercheck_graph::Claim as ClaimRow;
use countercheck_report::{DocumentText, PackedRows};

use crate::input::Document;

fn view(doc: &Document) -> DocumentText<'_> {
    DocumentText {
        id: &doc.id,
        outlet: doc.outlet.as_deref(),
        published: doc.published.as_deref(),
        text: &doc.text,
        body: doc.body,
    }
}

/// The claims of `doc`, in text order, derived counts right after their shares.
#[cfg(test)]
pub(crate) fn rows(doc: &Document, tolerance: f64) -> Vec<ClaimRow> {
    countercheck_report::rows(&view(doc), tolerance)
}

/// The claims of `doc`, in text order, packed for a
/// [`ClaimStore`](countercheck_report::ClaimStore), which makes them claims.
pub(crate) fn packed(doc: &Document, tolerance: f64) -> PackedRows {
    countercheck_report::packed_rows(&view(doc), tolerance)
}

/// Hands the claims of `doc` to `sink` one by one, in text order, derived counts right
/// after their shares.
pub(crate) fn each_row(doc: &Document, tolerance: f64, sink: &mut dyn FnMut(ClaimRow)) {
    countercheck_report::each_row(&view(doc), tolerance, sink);
}

/// Appends the claims.csv records of `doc` to `out`, in text order; returns how many.
pub(crate) fn write_records(doc: &Document, tolerance: f64, out: &mut Vec<u8>) -> usize {
    countercheck_report::write_records(&view(doc), tolerance, out)
}
