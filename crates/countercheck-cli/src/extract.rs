//! `countercheck extract`: the claims of a corpus, one row each, as CSV, JSON lines or JSON.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use countercheck_grammar::DEFAULT_TOLERANCE;

use crate::batch::{Progress, each_document};
use crate::claim_row::{each_row, write_records};
use crate::input::Document;
use crate::output::Output;
use crate::recycle::Pool;

/// The room of written output buffers kept for the next batches' rows: a batch holds
/// 2 MB of text, whose rows take as much or twice as much, and two are in flight.
const OUTPUT_BUFFERS: usize = 8 << 20;

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// RFC 4180 CSV with a header row, the columns of claims.csv.
    Csv,
    /// One JSON object per claim per line.
    Jsonl,
    /// One JSON array of claim objects.
    Json,
}

/// Arguments of `countercheck extract`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files, directories (walked for .txt, .md and .jsonl) or - for standard input.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Relative tolerance of approximate figures ("about 5,000" is 4,500 to 5,500 at 0.1).
    #[arg(long, default_value_t = DEFAULT_TOLERANCE, value_parser = crate::figures::tolerance)]
    tolerance: f64,
    /// No progress line on standard error.
    #[arg(short, long)]
    quiet: bool,
}

/// The rows of one document, encoded in the output format: CSV records without the
/// header, JSON lines, or JSON objects separated by commas, with how many there are.
/// Encoding runs on the worker threads, so the thread that writes the output only copies
/// bytes; each row is encoded as it is made, so a document is never held as rows.
/// The buffer comes from `buffers`, and goes back to it once written.
fn encode(
    format: Format,
    doc: &Document,
    tolerance: f64,
    buffers: &Pool,
) -> Result<(usize, Vec<u8>)> {
    let mut count = 0;
    let mut failure = None;
    let bytes = match format {
        Format::Csv => {
            // Rows of the seed articles take about as many bytes as their text, of the
            // generated corpus (a figure every 190 bytes) about twice as many: sized
            // for the second, the buffer is seldom copied as it grows.
            let mut out = buffers.take((2 * doc.text.len()).min(1 << 17));
            count = write_records(doc, tolerance, &mut out);
            out
        }
        Format::Jsonl | Format::Json => {
            let mut out = buffers.take(0);
            each_row(doc, tolerance, &mut |row| {
                if format == Format::Json && count > 0 {
                    out.extend_from_slice(b",\n");
                }
                count += 1;
                if let Err(e) = serde_json::to_writer(&mut out, &row) {
                    failure.get_or_insert(anyhow::Error::from(e));
                }
                if format == Format::Jsonl {
                    out.push(b'\n');
                }
            });
            out
        }
    };
    match failure {
        Some(e) => Err(e),
        None => Ok((count, bytes)),
    }
}

/// Writes encoded rows in one of the formats, streaming: the CSV header or the JSON
/// array's brackets around the documents' rows.
struct Writer<W: Write> {
    format: Format,
    out: W,
    /// True until a document with rows has been written.
    first: bool,
}

impl<W: Write> Writer<W> {
    fn new(format: Format, mut out: W) -> Result<Self> {
        if format == Format::Csv {
            // The header always, so a run without claims still has its columns.
            let mut header = csv::Writer::from_writer(Vec::new());
            header.write_record(countercheck_graph::COLUMNS)?;
            out.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
        }
        Ok(Writer {
            format,
            out,
            first: true,
        })
    }

    /// Writes the encoded rows of one document.
    fn rows(&mut self, encoded: &[u8]) -> Result<()> {
        if encoded.is_empty() {
            return Ok(());
        }
        if self.format == Format::Json {
            self.out
                .write_all(if self.first { b"[\n" } else { b",\n" })?;
        }
        self.out.write_all(encoded)?;
        self.first = false;
        Ok(())
    }

    fn finish(mut self) -> Result<W> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(self.out)
    }
}

/// Runs the command.
pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let out = Output::open(args.output.as_deref())?;
    let mut writer = Writer::new(args.format, out)?;
    let mut tally = crate::output::Tally::default();
    let mut failure: Option<anyhow::Error> = None;
    let progress = Progress::new(args.quiet);
    let mut written = 0;
    let (format, tolerance) = (args.format, args.tolerance);
    // About a batch's worth of rows, written and waiting for the next batch's workers.
    let buffers = Pool::new(OUTPUT_BUFFERS);
    each_document(
        &args.paths,
        &progress,
        &mut tally,
        &|doc| encode(format, doc, tolerance, &buffers),
        &mut |_, encoded| {
            if failure.is_some() {
                return;
            }
            match encoded.and_then(|(count, bytes)| {
                writer.rows(&bytes)?;
                buffers.give(bytes);
                Ok(count)
            }) {
                Ok(count) => written += count,
                Err(e) => failure = Some(e),
            }
        },
    );
    tally.claims = written;
    if let Some(e) = failure {
        return Err(e).context("writing claims");
    }
    writer.finish()?.commit()?;
    tally.report(&mut io::stderr())?;
    Ok(tally.exit_code())
}
