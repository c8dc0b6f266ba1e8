//! `countercheck extract`: the claims of a corpus, one row each, as CSV, JSON lines or JSON.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use countercheck_grammar::DEFAULT_TOLERANCE;

use countercheck_graph::Claim as ClaimRow;
use countercheck_report::defused_claim;

use crate::batch::{Progress, claims_of};
use crate::output::Output;

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

/// Writes rows in one of the formats, streaming.
struct Writer<W: Write> {
    format: Format,
    csv: Option<csv::Writer<W>>,
    plain: Option<W>,
    first: bool,
}

impl<W: Write> Writer<W> {
    fn new(format: Format, out: W) -> Self {
        match format {
            Format::Csv => Writer {
                format,
                csv: Some(csv::Writer::from_writer(out)),
                plain: None,
                first: true,
            },
            Format::Jsonl | Format::Json => Writer {
                format,
                csv: None,
                plain: Some(out),
                first: true,
            },
        }
    }

    fn row(&mut self, row: &ClaimRow) -> Result<()> {
        if let Some(w) = &mut self.csv {
            let safe = defused_claim(row);
            w.serialize(&safe)?;
        } else if let Some(w) = &mut self.plain {
            if self.format == Format::Json {
                w.write_all(if self.first { b"[\n" } else { b",\n" })?
            }
            serde_json::to_writer(&mut *w, row)?;
            if self.format == Format::Jsonl {
                w.write_all(b"\n")?;
            }
        }
        self.first = false;
        Ok(())
    }

    fn finish(mut self) -> Result<W> {
        if let Some(mut w) = self.csv.take() {
            if self.first {
                // No claims: still write the header, so the file has its columns.
                w.write_record(countercheck_graph::COLUMNS)?;
            }
            return Ok(w.into_inner().map_err(|e| e.into_error())?);
        }
        let mut w = self.plain.take().expect("a plain writer when not csv");
        if self.format == Format::Json {
            w.write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(w)
    }
}

/// Runs the command.
pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let out = Output::open(args.output.as_deref())?;
    let mut writer = Writer::new(args.format, out);
    let mut tally = crate::output::Tally::default();
    let mut failure: Option<anyhow::Error> = None;
    let progress = Progress::new(args.quiet);
    let mut written = 0;
    claims_of(
        &args.paths,
        args.tolerance,
        &progress,
        &mut tally,
        &mut |_, rows| {
            for row in rows {
                if failure.is_some() {
                    return;
                }
                if let Err(e) = writer.row(&row) {
                    failure = Some(e);
                    return;
                }
                written += 1;
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
