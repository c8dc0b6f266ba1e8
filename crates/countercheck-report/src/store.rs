//! Claims gathered for a report over a whole corpus, held as compactly as they can be
//! while staying ordinary [`Claim`]s: cells that repeat share one allocation across the
//! corpus, sentences go to a temporary file (see [`Sentences`]), and ids of the form
//! `DOC:START-END` are held empty (see [`Claim::id`]).

use std::fs::File;
use std::io::Write;
use std::sync::Arc;

use countercheck_graph::{ArcStr, Claim};

use crate::names::Names;
use crate::sentences::{HELD, Place, Sentences, place};

/// Sentences written to the file in batches of about this many bytes.
const BATCH: usize = 64 * 1024;

/// Where sentences go until they are written: the batch, and the claims that wait on
/// it. A batch that cannot be written leaves its claims holding their sentences.
struct Spool {
    file: File,
    /// Bytes in the file.
    written: u64,
    batch: Vec<u8>,
    /// Claims whose sentence is in `batch` or shared with one before it, with its place.
    waiting: Vec<(Claim, Place)>,
    /// The last sentence placed: the claims of one sentence share it.
    last: Option<(ArcStr, Place)>,
    /// A write failed: later claims keep their sentences. Those written before it are
    /// still read from the file.
    broken: bool,
}

/// Collects the claims of a corpus for [`Report`](crate::Report).
///
/// ```
/// use countercheck_graph::Claim;
/// use countercheck_report::ClaimStore;
///
/// let mut store = ClaimStore::spooled();
/// store.push(Claim { sentence: "Ten were killed.".into(), ..Claim::default() });
/// let (claims, sentences) = store.finish();
/// assert_eq!(sentences.of(0, &claims[0]), "Ten were killed.");
/// ```
pub struct ClaimStore {
    names: Names,
    claims: Vec<Claim>,
    places: Vec<Place>,
    spool: Option<Spool>,
    /// Whether ids of the form `DOC:START-END` are held empty.
    compact: bool,
}

impl ClaimStore {
    /// A store whose claims keep their sentences.
    pub fn in_memory() -> ClaimStore {
        ClaimStore {
            names: Names::default(),
            claims: Vec::new(),
            places: Vec::new(),
            spool: None,
            compact: false,
        }
    }

    /// A store that writes sentences to an unnamed file in the temporary directory
    /// (`TMPDIR`), which the system removes when the process ends, and holds ids of
    /// the form `DOC:START-END` empty (see [`Claim::id`]). Where no such file can be
    /// made, or the platform has no positioned reads, the claims keep their sentences.
    pub fn spooled() -> ClaimStore {
        let mut store = ClaimStore::in_memory();
        store.compact = true;
        if cfg!(unix) {
            store.spool = tempfile::tempfile().ok().map(|file| Spool {
                file,
                written: 0,
                batch: Vec::with_capacity(BATCH + 1024),
                waiting: Vec::new(),
                last: None,
                broken: false,
            });
        }
        store
    }

    /// How many claims the store holds.
    pub fn len(&self) -> usize {
        self.claims.len() + self.spool.as_ref().map_or(0, |s| s.waiting.len())
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The store's shared copy of `s`: the claims' cells of the same text share it, so
    /// a caller keeping the documents of a corpus holds each id and outlet once.
    pub fn share(&mut self, s: &str) -> ArcStr {
        self.names.get(s)
    }

    /// Adds a claim.
    pub fn push(&mut self, mut claim: Claim) {
        self.names.share_claim(&mut claim);
        if self.compact && claim.has_canonical_id() {
            // `DOC:START-END` is spelled out again when read (`Claim::full_id`).
            claim.id = ArcStr::default();
        }
        let Some(spool) = self.spool.as_mut().filter(|s| !s.broken) else {
            // Places are kept only for a store with a file.
            if self.spool.is_some() {
                self.places.push(HELD);
            }
            self.claims.push(claim);
            return;
        };
        let at = match &spool.last {
            Some((s, at)) if ArcStr::ptr_eq(s, &claim.sentence) => Some(*at),
            _ => {
                let offset = spool.written + spool.batch.len() as u64;
                let at = place(offset, claim.sentence.len());
                if let Some(at) = at {
                    spool.batch.extend_from_slice(claim.sentence.as_bytes());
                    spool.last = Some((ArcStr::clone(&claim.sentence), at));
                }
                at
            }
        };
        match at {
            Some(at) => spool.waiting.push((claim, at)),
            // Too long to spool: the claim keeps it. Claims waiting before it keep their
            // order, so they are settled first.
            None => {
                self.settle();
                self.places.push(HELD);
                self.claims.push(claim);
                return;
            }
        }
        if spool.batch.len() >= BATCH {
            self.settle();
        }
    }

    /// Writes the batch and settles the claims waiting on it: on disk, their sentence
    /// cells are emptied; when the write fails, they keep their sentences and the store
    /// spools no more.
    fn settle(&mut self) {
        let Some(spool) = self.spool.as_mut().filter(|s| !s.broken) else {
            return;
        };
        let written = spool.file.write_all(&spool.batch);
        spool.written += spool.batch.len() as u64;
        spool.batch.clear();
        let ok = written.is_ok();
        for (mut claim, at) in spool.waiting.drain(..) {
            if ok {
                // The empty cell is static: it allocates nothing.
                claim.sentence = ArcStr::default();
                self.places.push(at);
            } else {
                self.places.push(HELD);
            }
            self.claims.push(claim);
        }
        spool.broken = !ok;
    }

    /// The claims, in the order they came, and their sentences.
    pub fn finish(mut self) -> (Vec<Claim>, Sentences) {
        self.settle();
        let file = self.spool.take().map(|s| Arc::new(s.file));
        let sentences = Sentences {
            places: if file.is_some() {
                self.places
            } else {
                Vec::new()
            },
            file,
            whole: Default::default(),
        };
        (self.claims, sentences)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;

    fn claim(id: &str, sentence: &ArcStr) -> Claim {
        Claim {
            id: id.into(),
            sentence: ArcStr::clone(sentence),
            source: ArcStr::from("OCHA"),
            ..Claim::default()
        }
    }

    /// `sentences` as they are read when their file is too large to read whole.
    fn one_by_one(sentences: &Sentences) -> Sentences {
        Sentences {
            whole: OnceLock::from(None),
            ..sentences.clone()
        }
    }

    #[test]
    fn sentences_come_back_as_they_went_in() {
        let one: ArcStr = ArcStr::from("At least 12 people were killed, officials said.");
        let two: ArcStr = ArcStr::from("«Über 40» — “quoted” ∞");
        let long: ArcStr = ArcStr::from("word ".repeat(20_000));
        let mut store = ClaimStore::spooled();
        let mut kept = Vec::new();
        // Enough claims for several batches, with shared, repeated and too long sentences.
        for i in 0..5_000 {
            let s = match i % 7 {
                0 => &long,
                1 | 2 => &one,
                _ => &two,
            };
            store.push(claim(&i.to_string(), s));
            kept.push(ArcStr::clone(s));
        }
        assert_eq!(store.len(), 5_000);
        let (claims, sentences) = store.finish();
        assert!(sentences.spooled() > 3_000, "{sentences:?}");
        for (i, (c, s)) in claims.iter().zip(&kept).enumerate() {
            assert_eq!(c.id, i.to_string());
            assert_eq!(sentences.of(i, c), **s);
        }
        assert!(sentences.whole.get().is_some_and(Option::is_some));
        // As a large file is read: a sentence at a time.
        let one_by_one = one_by_one(&sentences);
        for (i, (c, s)) in claims.iter().zip(&kept).enumerate() {
            assert_eq!(one_by_one.of(i, c), **s);
            // Spelled out, the claim carries its sentence, whichever way it was read.
            assert_eq!(sentences.whole(i, c).sentence, *s);
            assert_eq!(one_by_one.whole(i, c).sentence, *s);
        }
        // The long one stayed with its claim; the others are on disk only.
        assert_eq!(claims[0].sentence, long);
        assert_eq!(&*claims[1].sentence, "");
        // Repeating cells share one allocation across claims.
        assert!(ArcStr::ptr_eq(&claims[1].source, &claims[2].source));
    }

    #[test]
    fn a_spooled_store_holds_canonical_ids_empty() {
        let s: ArcStr = ArcStr::from("Five were hurt.");
        let canonical = |start: usize| Claim {
            id: format!("a.txt:{start}-{}", start + 4).into(),
            doc: "a.txt".into(),
            start,
            end: start + 4,
            sentence: ArcStr::clone(&s),
            ..Claim::default()
        };
        let mut derived = canonical(7);
        derived.id = format!("{}:count", derived.id).into();
        let mut store = ClaimStore::spooled();
        store.push(canonical(3));
        store.push(derived);
        let (claims, _) = store.finish();
        assert_eq!(claims[0].id, "");
        assert_eq!(claims[0].full_id(), "a.txt:3-7");
        assert_eq!(claims[1].id, "a.txt:7-11:count");
        let mut store = ClaimStore::in_memory();
        store.push(canonical(3));
        assert_eq!(store.finish().0[0].id, "a.txt:3-7");
    }

    #[test]
    fn sentences_written_before_a_failed_write_are_still_read_back() {
        let path = tempfile::NamedTempFile::new().unwrap();
        let mut store = ClaimStore::spooled();
        let swap = |store: &mut ClaimStore, writable: bool| {
            if let Some(spool) = &mut store.spool {
                spool.file = std::fs::OpenOptions::new()
                    .read(true)
                    .write(writable)
                    .open(path.path())
                    .unwrap();
            }
        };
        swap(&mut store, true);
        let one = "Twelve were killed. ".repeat(50);
        let sentence = |i: usize| format!("{i}: {one}");
        for i in 0..400 {
            if i == 200 {
                // From here every write fails; what was written stays readable.
                swap(&mut store, false);
            }
            store.push(claim(&i.to_string(), &ArcStr::from(sentence(i))));
        }
        let (claims, sentences) = store.finish();
        let spooled = sentences.spooled();
        assert!(spooled > 100 && spooled < 200, "{sentences:?}");
        for (i, c) in claims.iter().enumerate() {
            assert_eq!(sentences.of(i, c), sentence(i));
        }
    }

    #[test]
    fn an_in_memory_store_keeps_the_sentences() {
        let s: ArcStr = ArcStr::from("Five were hurt.");
        let mut store = ClaimStore::in_memory();
        store.push(claim("a", &s));
        let (claims, sentences) = store.finish();
        assert_eq!(sentences, Sentences::default());
        assert_eq!(sentences.of(0, &claims[0]), "Five were hurt.");
        assert_eq!(claims[0].sentence, s);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A claim as a corpus makes them: ids mostly `DOC:START-END`, sentences
        /// shared by neighbours, some empty or too long to spool.
        fn claims() -> impl Strategy<Value = Vec<(String, usize, usize, u8, String)>> {
            let claim = (
                "[a-c]{0,2}(:[0-9]{1,2})?",
                0usize..1_000,
                0usize..1_000,
                0u8..12,
                ".{0,40}",
            );
            proptest::collection::vec(claim, 0..300)
        }

        proptest! {
            #[test]
            fn what_goes_in_comes_out(claims in claims(), long in 65_530usize..65_540) {
                let mut store = ClaimStore::spooled();
                let mut kept: Vec<(String, ArcStr)> = Vec::new();
                let mut last = ArcStr::default();
                for (doc, start, end, kind, text) in claims {
                    let canonical = Claim::canonical_id(&doc, start, end).to_string();
                    let (id, sentence) = match kind {
                        // A derived count's id; a sentence shared with the claim before.
                        0 => (format!("{canonical}:count"), ArcStr::clone(&last)),
                        // Around the longest sentence a place can hold.
                        1 => (canonical, ArcStr::from("x".repeat(long))),
                        // Any other id (an empty one stands for the canonical one).
                        2 => (format!("given {doc}"), ArcStr::from(text)),
                        _ => (canonical, ArcStr::from(text)),
                    };
                    last = ArcStr::clone(&sentence);
                    kept.push((id.clone(), ArcStr::clone(&sentence)));
                    store.push(Claim { id: id.into(), doc: doc.into(), start, end, sentence, ..Claim::default() });
                }
                let (out, sentences) = store.finish();
                let one_by_one = one_by_one(&sentences);
                prop_assert_eq!(out.len(), kept.len());
                for (i, (c, (id, sentence))) in out.iter().zip(&kept).enumerate() {
                    prop_assert_eq!(&*c.full_id(), id.as_str());
                    prop_assert_eq!(&*sentences.of(i, c), &**sentence);
                    prop_assert_eq!(&*one_by_one.of(i, c), &**sentence);
                }
            }
        }
    }
}
