//! The cells of a claim that a report's table rows show, looked up ahead of writing.
//!
//! A disagreement's two claims, and a quantity's claims, sit anywhere among millions,
//! and each cell is a string of its own: looked up one row at a time, every cell is a
//! wait on memory. The Markdown and HTML writers look up a block of rows first, in a
//! loop that does nothing else, so the waits overlap, and then write the block.

use countercheck_graph::Claim;

use crate::model::{Conflict, Report};
use crate::sink::Sink;

/// A claim's figure, source and time, borrowed from the claim.
pub(crate) struct ClaimCells<'c> {
    pub(crate) value: f64,
    pub(crate) text: &'c str,
    pub(crate) source: &'c str,
    as_of: &'c str,
    published: &'c str,
}

impl<'c> ClaimCells<'c> {
    pub(crate) fn of(c: &'c Claim) -> ClaimCells<'c> {
        ClaimCells {
            value: c.value,
            text: &c.text,
            source: &c.source,
            as_of: &c.as_of,
            published: &c.published,
        }
    }

    /// Appends the claim's time, each text through `escaped`: its own, else
    /// "published DATE", else nothing.
    pub(crate) fn push_when(&self, out: &mut Sink<'_>, escaped: impl Fn(&mut Sink<'_>, &str)) {
        if !self.as_of.is_empty() {
            escaped(out, self.as_of);
        } else if !self.published.is_empty() {
            out.push_str("published ");
            escaped(out, self.published);
        }
    }
}

/// A disagreement's row as its cells: the disagreement, its quantity's key, and the
/// higher and the lower claim's cells.
pub(crate) type ConflictCells<'r> = (&'r Conflict, &'r str, ClaimCells<'r>, ClaimCells<'r>);

/// The cells of the disagreements of `block`, looked up before any is written.
pub(crate) fn conflict_cells<'r>(r: &'r Report, block: &'r [Conflict]) -> Vec<ConflictCells<'r>> {
    block
        .iter()
        .map(|c| {
            let (a, b) = (&r.claims[c.higher()], &r.claims[c.lower()]);
            (c, a.quantity.as_str(), ClaimCells::of(a), ClaimCells::of(b))
        })
        .collect()
}
