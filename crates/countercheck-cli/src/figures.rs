//! `countercheck figures`: the figure grammar on lines of text, as JSON lines.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use countercheck_grammar::{DEFAULT_TOLERANCE, Figure, figures_in_bytes};
use serde::Serialize;

/// Bytes read from standard input at a time: a paragraph is seldom longer, so most
/// lines are read where they lie (see [`for_each_line`]).
const READ_BUFFER: usize = 1 << 20;

/// Bytes of JSON gathered before each write to standard output.
const WRITE_BUFFER: usize = 256 * 1024;

/// Arguments of `countercheck figures`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Texts to parse, each as one input line; standard input is read when none is given.
    #[arg(value_name = "TEXT")]
    texts: Vec<String>,
    /// Relative tolerance of approximate figures ("about 5,000" is 4,500 to 5,500 at 0.1).
    #[arg(long, default_value_t = DEFAULT_TOLERANCE, value_parser = tolerance)]
    tolerance: f64,
}

/// Parses a tolerance argument: a number from 0 up to 1.
pub(crate) fn tolerance(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if (0.0..1.0).contains(&t) => Ok(t),
        _ => Err(format!(
            "{s:?} is not a tolerance between 0 and 1 (try 0.1)"
        )),
    }
}

/// One figure as the command prints it.
struct FigureOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    value: f64,
    low: f64,
    /// `None` (JSON null) when unbounded.
    high: Option<f64>,
    qualifier: &'static str,
    unit: &'static str,
}

fn describe<'a>(input: &'a [u8], f: &Figure, tolerance: f64) -> FigureOut<'a> {
    let interval = f.interval(tolerance);
    FigureOut {
        // Spans lie inside valid UTF-8 stretches of the input, so this never fails.
        text: std::str::from_utf8(&input[f.span.range()]).unwrap_or(""),
        start: f.span.start,
        end: f.span.end,
        value: f.value,
        low: interval.low,
        high: interval.high.is_finite().then_some(interval.high),
        qualifier: f.qualifier.as_str(),
        unit: f.unit.as_str(),
    }
}

/// Writes `key` (the bytes up to and including the colon) and a JSON value, spelled by
/// serde_json, which escapes strings and formats numbers.
fn field(out: &mut Vec<u8>, key: &str, v: &impl Serialize) -> Result<()> {
    out.extend_from_slice(key.as_bytes());
    serde_json::to_writer(out, v)?;
    Ok(())
}

impl FigureOut<'_> {
    /// The figure as a JSON object, its keys written out directly: a derived
    /// `Serialize` went through serde's map machinery for every key, which cost as
    /// much as reading the figure on dense text.
    fn write_json(&self, out: &mut Vec<u8>) -> Result<()> {
        field(out, "{\"text\":", &self.text)?;
        field(out, ",\"start\":", &self.start)?;
        field(out, ",\"end\":", &self.end)?;
        field(out, ",\"value\":", &self.value)?;
        field(out, ",\"low\":", &self.low)?;
        field(out, ",\"high\":", &self.high)?;
        field(out, ",\"qualifier\":", &self.qualifier)?;
        field(out, ",\"unit\":", &self.unit)?;
        out.push(b'}');
        Ok(())
    }
}

/// Writes the line `{"line":N,"figures":[...]}` for input line `n`, built in `buf`.
fn write_line(
    out: &mut impl Write,
    buf: &mut Vec<u8>,
    n: usize,
    input: &[u8],
    tolerance: f64,
) -> Result<()> {
    buf.clear();
    field(buf, "{\"line\":", &n)?;
    buf.extend_from_slice(b",\"figures\":[");
    for (i, f) in figures_in_bytes(input).enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        describe(input, &f, tolerance).write_json(buf)?;
    }
    buf.extend_from_slice(b"]}\n");
    out.write_all(buf)?;
    Ok(())
}

/// Calls `each` with every line of `reader`, without its `\n` or `\r\n`; a last line
/// with no newline counts too. Lines are handed over where they lie in a large read
/// buffer, found with `memchr`; only a line that runs across two reads is copied.
fn for_each_line(
    reader: impl Read,
    capacity: usize,
    mut each: impl FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    let mut reader = BufReader::with_capacity(capacity, reader);
    // The start of a line whose end is not yet read.
    let mut partial = Vec::new();
    let mut line = |bytes: &[u8]| {
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        each(bytes)
    };
    loop {
        let buf = reader.fill_buf().context("reading standard input")?;
        if buf.is_empty() {
            if !partial.is_empty() {
                line(&partial)?;
            }
            return Ok(());
        }
        let mut from = 0;
        for end in memchr::memchr_iter(b'\n', buf) {
            if partial.is_empty() {
                line(&buf[from..end])?;
            } else {
                partial.extend_from_slice(&buf[from..end]);
                line(&partial)?;
                partial.clear();
            }
            from = end + 1;
        }
        partial.extend_from_slice(&buf[from..]);
        let read = buf.len();
        reader.consume(read);
    }
}

/// Runs the command; inputs are numbered from 1.
pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, io::stdout().lock());
    let mut json = Vec::new();
    if args.texts.is_empty() {
        let mut n = 0;
        for_each_line(io::stdin().lock(), READ_BUFFER, |line| {
            n += 1;
            write_line(&mut out, &mut json, n, line, args.tolerance)
        })?;
    } else {
        for (i, text) in args.texts.iter().enumerate() {
            write_line(&mut out, &mut json, i + 1, text.as_bytes(), args.tolerance)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The lines `for_each_line` hands over, read `capacity` bytes at a time.
    fn lines_of(input: &[u8], capacity: usize) -> Vec<Vec<u8>> {
        let mut got = Vec::new();
        for_each_line(input, capacity, |line| {
            got.push(line.to_vec());
            Ok(())
        })
        .expect("reading a slice does not fail");
        got
    }

    #[test]
    fn lines_across_reads() {
        let input = b"one\r\ntwo lines long\n\nlast";
        let want: Vec<&[u8]> = vec![b"one", b"two lines long", b"", b"last"];
        for capacity in [1, 3, 8, 1 << 20] {
            assert_eq!(lines_of(input, capacity), want, "capacity {capacity}");
        }
        assert!(lines_of(b"", 4).is_empty());
        assert_eq!(lines_of(b"\n", 4), vec![b"".to_vec()]);
    }

    proptest! {
        #[test]
        fn as_split_at_newlines(input in "[a\r\n]{0,40}", capacity in 1usize..12) {
            // A newline ends a line; what follows the last one is a line when not empty.
            let bytes = input.as_bytes();
            let mut want: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            if want.last().is_some_and(Vec::is_empty) {
                want.pop();
            }
            for line in &mut want {
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
            }
            prop_assert_eq!(lines_of(bytes, capacity), want);
        }
    }
}
