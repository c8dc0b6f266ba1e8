//! Claims gathered for a report over a whole corpus, held as compactly as they can be
//! while staying ordinary [`Claim`]s: cells that repeat share one allocation across the
//! corpus, sentences go to a temporary file (see [`Sentences`]), and ids of the form
//! `DOC:START-END` are held empty (see [`Claim::id`]).

use std::fs::File;
use std::io::Write;
use std::sync::Arc;

use countercheck_graph::{ArcStr, Claim, SourceRef};

use crate::names::Names;
use crate::packed::{PackedCell, PackedRows, PackedSource, Piece};
use crate::sentences::{HELD, Place, Sentences, parts, place};

/// Sentences written to the file in batches of about this many bytes.
const BATCH: usize = 64 * 1024;

/// Where sentences go until they are written: the batch, and the claims that wait on
/// it. A batch that cannot be written gives its claims their sentences back.
struct Spool {
    file: File,
    /// Bytes in the file.
    written: u64,
    batch: Vec<u8>,
    /// Claims whose sentence is in `batch` or in the file, with its place; their
    /// sentence cells are empty.
    waiting: Vec<(Claim, Place)>,
    /// The place of the last sentence placed: the claims of one sentence share it.
    last: Option<Place>,
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
    /// The sentence of the last claim [`push`](Self::push) was given: claims that
    /// share it share its place.
    last_sentence: Option<ArcStr>,
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
            last_sentence: None,
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
        let sentence = std::mem::take(&mut claim.sentence);
        let same = self
            .last_sentence
            .as_ref()
            .is_some_and(|last| ArcStr::ptr_eq(last, &sentence));
        self.file(claim, &sentence, Some(&sentence), same);
        self.last_sentence = Some(sentence);
    }

    /// Adds the claims of one document, packed by [`packed_rows`](crate::packed_rows):
    /// the same claims as [`push`](Self::push) of each of its [`rows`](crate::rows()),
    /// with each cell made once, here, as the store's shared copy.
    pub fn push_rows(&mut self, rows: &PackedRows) {
        self.last_sentence = None;
        let [doc, outlet, published] = rows.doc;
        let doc = self.names.get_at(Slot::Doc as usize, rows.get(doc));
        let outlet = self.names.get_at(Slot::Outlet as usize, rows.get(outlet));
        let published = self
            .names
            .get_at(Slot::Published as usize, rows.get(published));
        // The rows of one sentence share its piece, and so its place or its cell.
        let mut last: Option<(Piece, Option<ArcStr>)> = None;
        for row in &rows.rows {
            let names = &mut self.names;
            let source = source_of(names, rows, &row.source, Slot::Source);
            let relays: Box<[SourceRef]> = rows
                .relays_of(row)
                .iter()
                .map(|r| source_of(names, rows, r, Slot::Relay))
                .collect();
            let mut text = |slot: Slot, piece: Piece| names.get_at(slot as usize, rows.get(piece));
            let id = rows.get(row.id);
            let claim = Claim {
                id: if !id.is_empty() {
                    ArcStr::from(id)
                } else if self.compact {
                    // As `push` holds it.
                    ArcStr::default()
                } else {
                    Claim::canonical_id(&doc, row.fixed.span.start, row.fixed.span.end)
                },
                doc: ArcStr::clone(&doc),
                start: row.fixed.span.start,
                end: row.fixed.span.end,
                text: text(Slot::Text, row.text),
                value: row.fixed.value,
                low: row.fixed.low,
                high: row.fixed.high,
                quantity: text(Slot::Quantity, row.quantity),
                subject: text(Slot::Subject, row.subject),
                place: text(Slot::Place, row.place),
                as_of: text(Slot::AsOf, row.as_of),
                relay: match &relays[..] {
                    [] => ArcStr::default(),
                    [one] => ArcStr::clone(&one.name),
                    _ => text(Slot::Relays, row.relay),
                },
                notes: text(Slot::Notes, row.notes),
                qualifier: names.get_static(row.fixed.qualifier),
                unit: names.get_static(row.fixed.unit),
                measure: names.get_static(row.fixed.measure),
                rate: names.get_static(row.fixed.rate),
                attribution: names.get_static(row.fixed.attribution),
                source: source.name,
                source_kind: source.kind,
                source_id: source.id,
                outlet: ArcStr::clone(&outlet),
                published: ArcStr::clone(&published),
                derived_from: ArcStr::from(rows.get(row.derived_from)),
                sentence: ArcStr::default(),
                relays,
            };
            let sentence = rows.get(row.sentence);
            let same = last.as_ref().filter(|(piece, _)| *piece == row.sentence);
            // A store that keeps sentences in its claims makes each one cell.
            let held = match same {
                _ if self.spooling() => None,
                Some((_, cell)) => cell.clone(),
                None => Some(ArcStr::from(sentence)),
            };
            self.file(claim, sentence, held.as_ref(), same.is_some());
            last = Some((row.sentence, held));
        }
    }

    /// Whether sentences go to the file.
    fn spooling(&self) -> bool {
        self.spool.as_ref().is_some_and(|s| !s.broken)
    }

    /// Adds `claim`, whose sentence is `sentence`: to the file when the store has one,
    /// at the place of the sentence before when `same`; else into the claim, as `cell`
    /// when given.
    fn file(&mut self, mut claim: Claim, sentence: &str, cell: Option<&ArcStr>, same: bool) {
        let keep = |claim: &mut Claim| {
            claim.sentence = cell.cloned().unwrap_or_else(|| ArcStr::from(sentence));
        };
        let Some(spool) = self.spool.as_mut().filter(|s| !s.broken) else {
            // Places are kept only for a store with a file.
            if self.spool.is_some() {
                self.places.push(HELD);
            }
            keep(&mut claim);
            self.claims.push(claim);
            return;
        };
        let at = match spool.last {
            Some(at) if same => Some(at),
            _ => {
                let offset = spool.written + spool.batch.len() as u64;
                let at = place(offset, sentence.len());
                if at.is_some() {
                    spool.batch.extend_from_slice(sentence.as_bytes());
                }
                spool.last = at;
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
                keep(&mut claim);
                self.claims.push(claim);
                return;
            }
        }
        if spool.batch.len() >= BATCH {
            self.settle();
        }
    }

    /// Writes the batch and settles the claims waiting on it: those whose sentence is
    /// on disk keep its place; when the write fails, the others are given their
    /// sentences from the batch and the store spools no more.
    fn settle(&mut self) {
        let Some(spool) = self.spool.as_mut().filter(|s| !s.broken) else {
            return;
        };
        let ok = spool.file.write_all(&spool.batch).is_ok();
        let before = spool.written;
        for (mut claim, at) in spool.waiting.drain(..) {
            let (offset, len) = parts(at);
            if ok || offset < before {
                self.places.push(at);
            } else {
                let from = usize::try_from(offset - before).unwrap_or(usize::MAX);
                let text = from
                    .checked_add(len)
                    .and_then(|to| spool.batch.get(from..to))
                    .and_then(|bytes| std::str::from_utf8(bytes).ok())
                    .unwrap_or_default();
                claim.sentence = ArcStr::from(text);
                self.places.push(HELD);
            }
            self.claims.push(claim);
        }
        spool.written += spool.batch.len() as u64;
        spool.batch.clear();
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

/// The cells of a claim that [`ClaimStore::push_rows`] compares with the last text of
/// the same cell before it looks the text up: each has its own last text.
#[derive(Clone, Copy)]
enum Slot {
    Doc,
    Outlet,
    Published,
    Source,
    Relay,
    Text,
    Quantity,
    Subject,
    Place,
    AsOf,
    /// The relays' names joined.
    Relays,
    Notes,
}

// Each slot has its own last text in the table of names.
const _: () = assert!((Slot::Notes as usize) < crate::names::CELLS);

/// The source `s` of a packed row, its name shared as the text of `slot`.
fn source_of(names: &mut Names, rows: &PackedRows, s: &PackedSource, slot: Slot) -> SourceRef {
    SourceRef {
        name: match s.name {
            PackedCell::Static(name) => names.get_static(name),
            PackedCell::Text(piece) => names.get_at(slot as usize, rows.get(piece)),
        },
        kind: names.get_static(s.kind),
        id: if s.id.is_empty() {
            ArcStr::default()
        } else {
            names.get_static(s.id)
        },
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
