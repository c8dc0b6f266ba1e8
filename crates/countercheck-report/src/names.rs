//! One allocation for each distinct cell text: a report holds every claim of a corpus,
//! and most of their cells (document, outlet, date, source, kind, place, group,
//! quantity, notes) repeat from claim to claim and from document to document.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use countercheck_graph::{ArcStr, Claim, Fnv};

/// Shared copies of cell texts, handed out by content.
///
/// Hashed with FNV: the keys are short, and the default hasher cost some 4% of
/// extraction when each document had its own table.
#[derive(Default)]
pub(crate) struct Names(HashSet<ArcStr, BuildHasherDefault<Fnv>>);

impl Names {
    /// The shared copy of `s`, made on first sight.
    pub(crate) fn get(&mut self, s: &str) -> ArcStr {
        if let Some(a) = self.0.get(s) {
            return ArcStr::clone(a);
        }
        let a: ArcStr = ArcStr::from(s);
        self.0.insert(ArcStr::clone(&a));
        a
    }

    /// Replaces `cell` by the shared copy of its text; the claim's own copy is dropped
    /// when nothing else holds it.
    fn share(&mut self, cell: &mut ArcStr) {
        match self.0.get(&**cell) {
            Some(a) => *cell = ArcStr::clone(a),
            None => {
                self.0.insert(ArcStr::clone(cell));
            }
        }
    }

    /// Shares every repeating cell of `claim` (all but its id, figure and sentence,
    /// which are its own).
    pub(crate) fn share_claim(&mut self, claim: &mut Claim) {
        for cell in [
            &mut claim.doc,
            &mut claim.subject,
            &mut claim.place,
            &mut claim.as_of,
            &mut claim.source,
            &mut claim.source_kind,
            &mut claim.relay,
            &mut claim.outlet,
            &mut claim.published,
            &mut claim.quantity,
            &mut claim.source_id,
            &mut claim.notes,
        ] {
            self.share(cell);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_cells_of_two_claims_end_up_in_one_allocation() {
        let mut names = Names::default();
        let claim = |place: &str| Claim {
            place: ArcStr::from(place),
            source: ArcStr::from("OCHA"),
            ..Claim::default()
        };
        let (mut a, mut b) = (claim("Gaza"), claim("Gaza"));
        assert!(!ArcStr::ptr_eq(&a.place, &b.place));
        names.share_claim(&mut a);
        names.share_claim(&mut b);
        assert!(ArcStr::ptr_eq(&a.place, &b.place));
        assert!(ArcStr::ptr_eq(&a.source, &b.source));
        assert_eq!(&*b.place, "Gaza");
        assert!(ArcStr::ptr_eq(&names.get("OCHA"), &a.source));
    }
}
