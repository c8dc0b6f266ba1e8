//! Reading documents and working on them in parallel, in input order.
//!
//! Documents are read one by one (that is I/O) on a thread of their own and gathered into
//! batches of a few megabytes; each batch is worked on by all cores with rayon (finding
//! claims, and whatever else a command needs of each document: its output rows already
//! encoded, a fingerprint), then the results are handed on in the order the documents
//! were read. Memory holds a few batches, whatever the corpus size.

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, sync_channel};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::input::{Document, Item, Skipped, Warning, visit};
use crate::output::Tally;

/// How much text a batch gathers before its claims are found. What a batch makes (a
/// report's packed rows, `extract`'s encoded records) is held until the batch is
/// handed on, and a few batches are in flight, so the peak memory grows with this. At
/// 4 MB `extract` peaked at about 50 MB and a report 35 MB above its claims; at 1 MB
/// two cores were busy 186% of the time instead of 193% (when each batch still ended
/// with cores waiting for its last documents). 2 MB keeps them busy, at 29-37 MB for
/// `extract`.
const BATCH_BYTES: usize = 2 << 20;

/// How much the first batch gathers: the cores wait for it, so it is handed over
/// sooner.
const FIRST_BATCH_BYTES: usize = 256 << 10;

/// The most documents a batch gathers, whatever their size. A document costs memory
/// besides its text (its id and metadata, its results), and a batch of 2 MB of
/// one-line documents held 50,000 of them: `extract` of a million short JSONL lines
/// peaked at 159 MB, and of 200,000 one-sentence files at 66 MB; with this bound, 28
/// and 20 MB. Articles of a few kilobytes fill a batch's bytes with a few hundred, far
/// below it. (2,048 kept the peaks at 13 MB but made the million lines 15% slower in
/// single runs, with four times the batches to hand over.)
const BATCH_DOCUMENTS: usize = 8192;

/// Whether a batch of `documents` holding `bytes` of text is handed over, when its
/// bytes' limit is `limit`.
fn is_full(documents: usize, bytes: usize, limit: usize) -> bool {
    bytes >= limit || documents >= BATCH_DOCUMENTS
}

/// A progress line on standard error: documents and megabytes done. Shown only when
/// standard error is a terminal and not `quiet`; nothing on standard output changes.
pub(crate) struct Progress(ProgressBar);

impl Progress {
    pub(crate) fn new(quiet: bool) -> Progress {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
        } else {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} documents, {msg} [{elapsed}]")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        };
        Progress(bar)
    }

    fn advance(&self, bytes_done: usize) {
        self.0.inc(1);
        if self.0.position().is_multiple_of(64) {
            self.0
                .set_message(format!("{:.1} MB", bytes_done as f64 / 1e6));
        }
    }

    pub(crate) fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// What the reading thread passes on: a batch of documents, or a note about an input.
enum Read {
    Batch(Vec<Document>),
    Note(Note),
}

/// What the reading thread says about an input that is not a document to work on.
enum Note {
    Skipped(Skipped),
    Warning(Warning),
}

/// Reads every PATH, runs `work` on each document on all cores, and hands each result,
/// in input order, to `sink` with its document; the tally counts what was read and
/// skipped.
///
/// One thread reads and batches documents while the rayon pool works on the batches
/// before, so reading files does not hold the cores up. The pool has two batches at a
/// time, so that cores done with one batch's last documents go on to the next. `sink`
/// runs on the calling thread, on one batch while the pool works on the next: what it
/// does is not parallel, but the cores need not wait for it. The costly part belongs
/// in `work`.
pub(crate) fn each_document<T: Send>(
    paths: &[PathBuf],
    progress: &Progress,
    tally: &mut Tally,
    work: &(dyn Fn(&Document) -> T + Sync),
    sink: &mut dyn FnMut(&Document, T),
) {
    // The reading thread may be two batches ahead of the ones handed to the pool.
    let (send, receive) = sync_channel::<Read>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch: Vec<Document> = Vec::new();
            let mut batch_bytes = 0usize;
            let mut limit = FIRST_BATCH_BYTES;
            visit(paths, &mut |item| match item {
                Item::Document(doc) => {
                    batch_bytes += doc.text.len();
                    batch.push(doc);
                    if is_full(batch.len(), batch_bytes, limit) {
                        let full = std::mem::take(&mut batch);
                        batch_bytes = 0;
                        limit = BATCH_BYTES;
                        // The receiver only goes away when the run is ending anyway.
                        let _ = send.send(Read::Batch(full));
                    }
                }
                Item::Skipped(s) => {
                    let _ = send.send(Read::Note(Note::Skipped(s)));
                }
                Item::Warning(w) => {
                    let _ = send.send(Read::Note(Note::Warning(w)));
                }
            });
            if !batch.is_empty() {
                let _ = send.send(Read::Batch(batch));
            }
        });
        // The lexicons and gazetteers load while the first documents are read.
        countercheck_report::prepare();
        let mut bytes_done = 0usize;
        let mut sink_batch = |batch: Vec<Document>, done: Vec<T>, tally: &mut Tally| {
            for (doc, result) in batch.iter().zip(done) {
                tally.processed += 1;
                bytes_done += doc.text.len();
                progress.advance(bytes_done);
                sink(doc, result);
            }
        };
        let tell = |note: Note, tally: &mut Tally| match note {
            Note::Skipped(s) => tally.skip(&s.input, &s.reason),
            Note::Warning(w) => tally.warn(&w.input, &w.message),
        };
        // Batches handed to the pool, oldest first: each sends back its documents with
        // their results, and holds the notes about inputs read after it, which wait
        // for it so that the tally hears of everything in input order.
        type Working<T> = VecDeque<(Receiver<(Vec<Document>, Vec<T>)>, Vec<Note>)>;
        let mut working: Working<T> = VecDeque::new();
        // Hands the oldest batch to `sink`, once the pool is done with it; false when
        // its work panicked, which the scope raises again as it ends.
        let mut finish_oldest = |working: &mut Working<T>, tally: &mut Tally| {
            let Some((done, notes)) = working.pop_front() else {
                return true;
            };
            let Ok((batch, done)) = done.recv() else {
                return false;
            };
            sink_batch(batch, done, tally);
            for note in notes {
                tell(note, tally);
            }
            true
        };
        // The body runs on this thread, and the batches on the pool. Two batches are
        // in the pool at a time: when the cores finish the older one's last documents
        // they go on to the newer one rather than wait for it, and this thread hands
        // the older one to `sink` meanwhile (a sink that does real work, a report's
        // store, would otherwise leave them idle).
        rayon::in_place_scope(|scope| {
            for message in receive {
                match message {
                    Read::Batch(batch) => {
                        let (send_done, done) = sync_channel(1);
                        scope.spawn(move |_| {
                            let results: Vec<T> = batch.par_iter().map(work).collect();
                            // The receiver only goes away when the run is ending anyway.
                            let _ = send_done.send((batch, results));
                        });
                        working.push_back((done, Vec::new()));
                        if working.len() > 1 && !finish_oldest(&mut working, tally) {
                            return;
                        }
                    }
                    Read::Note(note) => match working.back_mut() {
                        Some((_, notes)) => notes.push(note),
                        None => tell(note, tally),
                    },
                }
            }
            while !working.is_empty() {
                if !finish_oldest(&mut working, tally) {
                    return;
                }
            }
        });
    });
    progress.finish();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "work on b")]
    fn a_panic_in_work_goes_on_and_nothing_waits_for_it() {
        // Several batches in flight when the second document's work panics: the run
        // must end with that panic, not wait for a batch that will never come back.
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = ["a", "b", "c", "d"]
            .iter()
            .map(|name| {
                let path = dir.path().join(format!("{name}.txt"));
                std::fs::write(&path, name.repeat(BATCH_BYTES + 1)).unwrap();
                path
            })
            .collect();
        each_document(
            &paths,
            &Progress::new(true),
            &mut Tally::default(),
            &|doc| assert!(!doc.id.ends_with("b.txt"), "work on b"),
            &mut |_, ()| {},
        );
    }

    #[test]
    fn a_batch_is_full_by_its_bytes_or_its_count_of_documents() {
        assert!(!is_full(1, BATCH_BYTES - 1, BATCH_BYTES));
        assert!(is_full(1, BATCH_BYTES, BATCH_BYTES));
        assert!(!is_full(BATCH_DOCUMENTS - 1, 100, BATCH_BYTES));
        assert!(is_full(BATCH_DOCUMENTS, 100, BATCH_BYTES));
    }

    #[test]
    fn many_short_documents_come_out_in_order_over_many_batches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("short.jsonl");
        let n = BATCH_DOCUMENTS * 3 + 7;
        let lines: String = (0..n)
            .map(|i| format!("{{\"id\": \"{i}\", \"text\": \"{i} dead\"}}\n"))
            .collect();
        std::fs::write(&path, lines).unwrap();
        let mut seen = Vec::new();
        each_document(
            &[path],
            &Progress::new(true),
            &mut Tally::default(),
            &|doc| doc.text.len(),
            &mut |doc, len| seen.push((doc.id.parse::<usize>().unwrap(), len)),
        );
        assert_eq!(seen.len(), n);
        assert!(
            seen.iter()
                .enumerate()
                .all(|(i, &(id, len))| id == i && len == format!("{i} dead").len())
        );
    }

    #[test]
    fn batches_reach_the_sink_in_input_order_with_skips_in_between() {
        let dir = tempfile::tempdir().unwrap();
        // Each document fills a batch of its own, so the sink of one runs while the
        // next is worked on.
        let mut paths = Vec::new();
        for name in ["a", "b", "c"] {
            let path = dir.path().join(format!("{name}.txt"));
            std::fs::write(&path, name.repeat(BATCH_BYTES + 1)).unwrap();
            paths.push(path);
            paths.push(dir.path().join(format!("missing-{name}.txt")));
        }
        let mut tally = Tally::default();
        let mut seen = Vec::new();
        each_document(
            &paths,
            &Progress::new(true),
            &mut tally,
            &|doc| doc.text.len(),
            &mut |doc, len| seen.push((doc.id.clone(), len)),
        );
        let ids: Vec<String> = seen.iter().map(|(id, _)| id.clone()).collect();
        let names: Vec<String> = paths[..]
            .iter()
            .step_by(2)
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(ids, names);
        assert!(seen.iter().all(|&(_, len)| len == BATCH_BYTES + 1));
        assert_eq!(tally.processed, 3);
        let skipped: Vec<String> = tally
            .inputs()
            .skipped
            .into_iter()
            .map(|p| p.input)
            .collect();
        assert_eq!(skipped.len(), 3, "{skipped:?}");
        assert!(skipped[0].contains("missing-a") && skipped[2].contains("missing-c"));
    }
}
