//! One allocation for each distinct cell text: a report holds every claim of a corpus,
//! and most of their cells (document, outlet, date, source, kind, place, group,
//! quantity, notes) repeat from claim to claim and from document to document.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use countercheck_graph::{ArcStr, Blocks, Claim};

/// Shared copies of cell texts, handed out by content.
///
/// Hashed with [`Blocks`], eight bytes a step: the default hasher cost some 4% of
/// extraction when each document had its own table, and FNV-1a, a byte a step, 2% of a
/// report.
#[derive(Default)]
pub(crate) struct Names {
    set: HashSet<ArcStr, BuildHasherDefault<Blocks>>,
    /// For each cell of a claim, the last cell seen there and its shared copy. The
    /// claims of one document share their cells already, so most cells are the one
    /// just seen and need no hashing.
    recent: [(ArcStr, ArcStr); CELLS],
    /// For each cell of a claim, the shared copy of the last text asked for there by
    /// [`get_at`](Self::get_at): the rows of one document mostly repeat it.
    last: [ArcStr; CELLS],
    /// Shared copies of texts that last as long as the program (the labels of
    /// qualifiers, units, measures and kinds, the gazetteer's names), found by address
    /// and length: every claim asks for several, and hashing each cost more than the
    /// rest of its row's cells. Empty until first asked; [`STATIC_SLOTS`] slots.
    statics: Vec<Option<(usize, usize, ArcStr)>>,
}

/// How many texts of the program [`Names::get_static`] remembers at once, as a power of
/// two; a text whose slot another has taken is hashed as any other.
const STATIC_BITS: u32 = 6;
const STATIC_SLOTS: usize = 1 << STATIC_BITS;

/// How many cells of a claim [`Names::share_claim`] shares, and how many last texts
/// [`Names::get_at`] keeps.
pub(crate) const CELLS: usize = 18;

/// How many texts a thread's table of cells (see [`with_thread_names`]) holds before
/// it is emptied: about a quarter of a megabyte, whatever the corpus, so that a machine
/// of many cores pays little for one table a thread. Four times as many saved under 1%
/// of extraction's instructions more.
const THREAD_CELLS: usize = 1 << 12;

thread_local! {
    static THREAD_NAMES: RefCell<Names> = RefCell::new(Names::default());
}

/// Runs `f` with the table of cells of the calling thread, which the documents it
/// reads one after another share: their measures, kinds, qualifiers, outlets, dates
/// and most quantities repeat, and a table per document made each of them again for
/// every document. In a report those copies were then dropped by the thread that
/// gathers the claims, each free reaching into another thread's heap. The table is
/// emptied when it passes [`THREAD_CELLS`] texts, so memory stays bounded.
pub(crate) fn with_thread_names<R>(f: impl FnOnce(&mut Names) -> R) -> R {
    THREAD_NAMES.with(|cell| match cell.try_borrow_mut() {
        Ok(mut names) => {
            if names.set.len() > THREAD_CELLS {
                names.clear();
            }
            f(&mut names)
        }
        // Only a caller already inside `f` on this thread gets here: it is given a
        // table of its own.
        Err(_) => f(&mut Names::default()),
    })
}

impl Names {
    /// Empties the table but keeps its room: refilled from nothing, it grew again
    /// through a dozen rehashes each time, over 1% of a report's worker.
    fn clear(&mut self) {
        self.set.clear();
        self.recent = Default::default();
        self.last = Default::default();
        self.statics.iter_mut().for_each(|slot| *slot = None);
    }

    /// The shared copy of `s`, made on first sight.
    pub(crate) fn get(&mut self, s: &str) -> ArcStr {
        if let Some(a) = self.set.get(s) {
            return ArcStr::clone(a);
        }
        let a = ArcStr::from(s);
        self.set.insert(ArcStr::clone(&a));
        a
    }

    /// The shared copy of `s`, the text of cell number `k` of a claim: compared with
    /// the last text of that cell before it is hashed.
    pub(crate) fn get_at(&mut self, k: usize, s: &str) -> ArcStr {
        if s.is_empty() {
            return ArcStr::default();
        }
        match self.last.get(k) {
            Some(last) if **last == *s => ArcStr::clone(last),
            _ => {
                let shared = self.get(s);
                if let Some(last) = self.last.get_mut(k) {
                    *last = ArcStr::clone(&shared);
                }
                shared
            }
        }
    }

    /// The shared copy of `s`, a text that lasts as long as the program: the same copy
    /// as [`get`](Self::get) gives, found by where `s` is rather than by its hash.
    pub(crate) fn get_static(&mut self, s: &'static str) -> ArcStr {
        let key = (s.as_ptr() as usize, s.len());
        if self.statics.is_empty() {
            self.statics.resize(STATIC_SLOTS, None);
        }
        // Fibonacci hashing of the address: its top six bits pick the slot.
        let slot =
            (key.0 ^ key.1).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (usize::BITS - STATIC_BITS);
        if let Some((at, len, shared)) = &self.statics[slot]
            && (*at, *len) == key
        {
            return ArcStr::clone(shared);
        }
        let shared = self.get(s);
        self.statics[slot] = Some((key.0, key.1, ArcStr::clone(&shared)));
        shared
    }

    /// Replaces `cell` by the shared copy of its text, or makes it the shared copy.
    fn share_any(&mut self, cell: &mut ArcStr) {
        match self.set.get(&**cell) {
            Some(a) => *cell = ArcStr::clone(a),
            None => {
                self.set.insert(ArcStr::clone(cell));
            }
        }
    }

    /// Replaces `cell`, the claim's cell number `k`, by the shared copy of its text;
    /// the claim's own copy is dropped when nothing else holds it.
    fn share(&mut self, k: usize, cell: &mut ArcStr) {
        let (seen, shared) = &self.recent[k];
        if ArcStr::ptr_eq(seen, cell) {
            *cell = ArcStr::clone(shared);
            return;
        }
        let seen = ArcStr::clone(cell);
        self.share_any(cell);
        // Holding the cell seen keeps its address from being reused by another text.
        self.recent[k] = (seen, ArcStr::clone(cell));
    }

    /// Shares every repeating cell of `claim` (all but its id, derived_from and
    /// sentence, which are its own), its relays' included.
    pub(crate) fn share_claim(&mut self, claim: &mut Claim) {
        let cells: [&mut ArcStr; CELLS] = [
            &mut claim.doc,
            &mut claim.text,
            &mut claim.qualifier,
            &mut claim.unit,
            &mut claim.measure,
            &mut claim.subject,
            &mut claim.place,
            &mut claim.as_of,
            &mut claim.rate,
            &mut claim.source,
            &mut claim.source_kind,
            &mut claim.relay,
            &mut claim.outlet,
            &mut claim.published,
            &mut claim.quantity,
            &mut claim.source_id,
            &mut claim.attribution,
            &mut claim.notes,
        ];
        for (k, cell) in cells.into_iter().enumerate() {
            self.share(k, cell);
        }
        for r in &mut claim.relays {
            for cell in [&mut r.name, &mut r.kind, &mut r.id] {
                self.share_any(cell);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use countercheck_graph::SourceRef;

    use super::*;

    #[test]
    fn texts_of_the_program_are_the_copies_get_gives() {
        let mut n = Names::default();
        let a = n.get_static("killed");
        assert!(ArcStr::ptr_eq(&a, &n.get("killed")));
        assert!(ArcStr::ptr_eq(&a, &n.get_static("killed")));
        // More texts than slots, so that some share one: each still gets its own text.
        let texts: Vec<&'static str> = (0..200)
            .map(|i| &*Box::leak(format!("label {i}").into_boxed_str()))
            .collect();
        for _ in 0..2 {
            for &t in &texts {
                let shared = n.get_static(t);
                assert_eq!(&*shared, t);
                assert!(ArcStr::ptr_eq(&shared, &n.get(t)));
            }
        }
    }

    #[test]
    fn a_thread_table_shares_across_calls_and_stays_bounded() {
        let a = with_thread_names(|n| n.get("killed"));
        let b = with_thread_names(|n| n.get("killed"));
        assert!(ArcStr::ptr_eq(&a, &b));
        for i in 0..THREAD_CELLS + 10 {
            let held = with_thread_names(|n| {
                n.get(&i.to_string());
                n.set.len()
            });
            assert!(held <= THREAD_CELLS + 1, "{held} texts held");
        }
        // A call inside a call gets a table of its own rather than a panic.
        let inner = with_thread_names(|outer| {
            let mine = outer.get("wounded");
            let theirs = with_thread_names(|inner| inner.get("wounded"));
            !ArcStr::ptr_eq(&mine, &theirs)
        });
        assert!(inner);
    }

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
        // Cells a document's claims share, seen again: the copy shared before.
        let kyiv = ArcStr::from("Kyiv");
        let (mut c, mut d) = (claim("x"), claim("y"));
        (c.place, d.place) = (ArcStr::clone(&kyiv), ArcStr::clone(&kyiv));
        names.share_claim(&mut c);
        names.share_claim(&mut d);
        assert!(ArcStr::ptr_eq(&c.place, &d.place));
        assert_eq!(&*d.place, "Kyiv");
        // Relays' cells are shared too.
        let relay = |name: &str| SourceRef {
            name: ArcStr::from(name),
            kind: ArcStr::from("media"),
            id: ArcStr::default(),
        };
        let (mut f, mut g) = (claim("Gaza"), claim("Gaza"));
        (f.relays, g.relays) = (Box::new([relay("AP")]), Box::new([relay("AP")]));
        assert!(!ArcStr::ptr_eq(&f.relays[0].name, &g.relays[0].name));
        names.share_claim(&mut f);
        names.share_claim(&mut g);
        assert!(ArcStr::ptr_eq(&f.relays[0].name, &g.relays[0].name));
        assert!(ArcStr::ptr_eq(&f.relays[0].kind, &g.relays[0].kind));
        assert_eq!(&*g.relays[0].name, "AP");
        // A different text in the same cell is not taken for the last one.
        let mut e = claim("Gaza");
        names.share_claim(&mut e);
        assert!(ArcStr::ptr_eq(&e.place, &a.place));
    }
}
