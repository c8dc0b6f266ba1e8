//! `countercheck figures`: the figure grammar on lines of text, as JSON lines.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use countercheck_grammar::{DEFAULT_TOLERANCE, Figure, figures_in_bytes};
use serde::Serialize;

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

/// Runs the command; inputs are numbered from 1.
pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut json = Vec::new();
    if args.texts.is_empty() {
        let stdin = io::stdin();
        let mut reader = stdin.lock();
        let mut buf = Vec::new();
        let mut n = 0;
        loop {
            buf.clear();
            if reader
                .read_until(b'\n', &mut buf)
                .context("reading standard input")?
                == 0
            {
                break;
            }
            n += 1;
            let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            write_line(&mut out, &mut json, n, line, args.tolerance)?;
        }
    } else {
        for (i, text) in args.texts.iter().enumerate() {
            write_line(&mut out, &mut json, i + 1, text.as_bytes(), args.tolerance)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
