//! Reading documents and finding their claims in parallel, in input order.
//!
//! Documents are read one by one (that is I/O) and gathered into batches of a few
//! megabytes; each batch's claims are found on all cores with rayon, then handed on in
//! the order the documents were read. Memory holds one batch, whatever the corpus size.

use std::io::IsTerminal;
use std::path::PathBuf;

use countercheck_graph::Claim;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::claim_row::rows;
use crate::input::{Document, Item, visit};
use crate::output::Tally;

/// How much text a batch gathers before its claims are found.
const BATCH_BYTES: usize = 4 << 20;

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

/// Reads every PATH and hands the claims of each document, in input order, to `sink`,
/// with the document; the tally counts what was read and skipped.
pub(crate) fn claims_of(
    paths: &[PathBuf],
    tolerance: f64,
    progress: &Progress,
    tally: &mut Tally,
    sink: &mut dyn FnMut(&Document, Vec<Claim>),
) {
    let mut batch: Vec<Document> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut bytes_done = 0usize;
    let flush = |batch: &mut Vec<Document>, sink: &mut dyn FnMut(&Document, Vec<Claim>)| {
        let found: Vec<Vec<Claim>> = batch.par_iter().map(|d| rows(d, tolerance)).collect();
        for (doc, claims) in batch.iter().zip(found) {
            sink(doc, claims);
        }
        batch.clear();
    };
    visit(paths, &mut |item| match item {
        Item::Document(doc) => {
            tally.processed += 1;
            batch_bytes += doc.text.len();
            bytes_done += doc.text.len();
            progress.advance(bytes_done);
            batch.push(doc);
            if batch_bytes >= BATCH_BYTES {
                flush(&mut batch, sink);
                batch_bytes = 0;
            }
        }
        Item::Skipped(s) => tally.skip(&s.input, &s.reason),
        Item::Warning(w) => tally.warn(&w.input, &w.message),
    });
    flush(&mut batch, sink);
    progress.finish();
}
