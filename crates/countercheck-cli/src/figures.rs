//! `countercheck figures`: the figure grammar on lines of text, as JSON lines.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use countercheck_grammar::{DEFAULT_TOLERANCE, Figure, figures, figures_in_bytes};
use serde::Serialize;

/// Bytes read from standard input at a time: a paragraph is seldom longer, so most
/// lines are read where they lie (see [`for_each_line`]), and the buffer stays in the
/// processor's second-level cache between the kernel's copy into it and the scan
/// (1 MiB did not, and the copy took a tenth of the run).
const READ_BUFFER: usize = 1 << 17;

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

/// A line of input: text already known to be UTF-8, or bytes that may not be.
#[derive(Clone, Copy, Debug)]
enum Line<'a> {
    /// Part of a stretch checked as a whole.
    Text(&'a str),
    /// Bytes checked with the figures: they may hold invalid UTF-8.
    Bytes(&'a [u8]),
}

impl<'a> Line<'a> {
    /// The line's bytes, as read.
    fn bytes(self) -> &'a [u8] {
        match self {
            Line::Text(text) => text.as_bytes(),
            Line::Bytes(bytes) => bytes,
        }
    }

    /// The line without the `\r` of a `\r\n` ending.
    fn without_cr(self) -> Line<'a> {
        match self {
            Line::Text(text) => Line::Text(text.strip_suffix('\r').unwrap_or(text)),
            Line::Bytes(bytes) => Line::Bytes(bytes.strip_suffix(b"\r").unwrap_or(bytes)),
        }
    }
}

/// Writes the line `{"line":N,"figures":[...]}` for input line `n`, built in `buf`.
fn write_line(
    out: &mut impl Write,
    buf: &mut Vec<u8>,
    n: usize,
    line: Line<'_>,
    tolerance: f64,
) -> Result<()> {
    buf.clear();
    field(buf, "{\"line\":", &n)?;
    buf.extend_from_slice(b",\"figures\":[");
    let input = line.bytes();
    let mut write = |i: usize, f: Figure| -> Result<()> {
        if i > 0 {
            buf.push(b',');
        }
        describe(input, &f, tolerance).write_json(buf)
    };
    match line {
        Line::Text(text) => figures(text)
            .enumerate()
            .try_for_each(|(i, f)| write(i, f))?,
        Line::Bytes(bytes) => figures_in_bytes(bytes)
            .enumerate()
            .try_for_each(|(i, f)| write(i, f))?,
    }
    buf.extend_from_slice(b"]}\n");
    out.write_all(buf)?;
    Ok(())
}

/// Calls `each` with every line of `reader`, without its `\n` or `\r\n`; a last line
/// with no newline counts too. Lines are handed over where they lie in the read
/// buffer, found with `memchr`; only a line that runs across two reads is copied. The
/// whole lines of each read are checked for UTF-8 at once, which costs far less than a
/// check a line: those that pass come as [`Line::Text`].
fn for_each_line(
    reader: impl Read,
    capacity: usize,
    mut each: impl FnMut(Line<'_>) -> Result<()>,
) -> Result<()> {
    let mut reader = BufReader::with_capacity(capacity, reader);
    // The start of a line whose end is not yet read.
    let mut partial = Vec::new();
    let mut line = |line: Line<'_>| each(line.without_cr());
    loop {
        let buf = reader.fill_buf().context("reading standard input")?;
        if buf.is_empty() {
            if !partial.is_empty() {
                line(Line::Bytes(&partial))?;
            }
            return Ok(());
        }
        let whole = memchr::memrchr(b'\n', buf).map_or(0, |last| last + 1);
        let text = simdutf8::basic::from_utf8(&buf[..whole]).ok();
        let mut from = 0;
        for end in memchr::memchr_iter(b'\n', buf) {
            if !partial.is_empty() {
                partial.extend_from_slice(&buf[from..end]);
                line(Line::Bytes(&partial))?;
                partial.clear();
            } else if let Some(text) = text {
                // Cut at a newline, which is ASCII: a character boundary.
                line(Line::Text(&text[from..end]))?;
            } else {
                line(Line::Bytes(&buf[from..end]))?;
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
    let mut out = BufWriter::with_capacity(crate::output::BUFFER, io::stdout().lock());
    let mut json = Vec::new();
    if args.texts.is_empty() {
        let mut n = 0;
        for_each_line(io::stdin().lock(), READ_BUFFER, |line| {
            n += 1;
            write_line(&mut out, &mut json, n, line, args.tolerance)
        })?;
    } else {
        for (i, text) in args.texts.iter().enumerate() {
            write_line(&mut out, &mut json, i + 1, Line::Text(text), args.tolerance)?;
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
        kinds_of(input, capacity)
            .into_iter()
            .map(|(_, bytes)| bytes)
            .collect()
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

    /// Each line of `input` read `capacity` bytes at a time, and whether it came as
    /// text.
    fn kinds_of(input: &[u8], capacity: usize) -> Vec<(bool, Vec<u8>)> {
        let mut got = Vec::new();
        for_each_line(input, capacity, |line| {
            got.push((matches!(line, Line::Text(_)), line.bytes().to_vec()));
            Ok(())
        })
        .expect("reading a slice does not fail");
        got
    }

    #[test]
    fn lines_checked_for_utf8_by_read() {
        // One invalid byte sends the whole read the slow way; the last line, with no
        // newline, always goes so.
        let got = kinds_of(b"caf\xc3\xa9 ok\r\nbad \xff byte\nlast", 1 << 20);
        let want: [(bool, &[u8]); 3] = [
            (false, "café ok".as_bytes()),
            (false, b"bad \xff byte"),
            (false, b"last"),
        ];
        assert_eq!(got, want.map(|(t, b)| (t, b.to_vec())));
        let got = kinds_of("café ok\r\n\nlast".as_bytes(), 1 << 20);
        let want: [(bool, &[u8]); 3] =
            [(true, "café ok".as_bytes()), (true, b""), (false, b"last")];
        assert_eq!(got, want.map(|(t, b)| (t, b.to_vec())));
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
