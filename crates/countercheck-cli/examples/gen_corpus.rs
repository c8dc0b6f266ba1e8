//! Builds a news-like corpus of any size for benchmarks, from the articles in
//! `data/samples`: each generated article is a sample with its figures, places and
//! paragraph order varied, so the text is realistic but never the same twice.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --size 100MB --out target/bench/100mb
//! cargo run --release --example gen_corpus -- --size 1MB --jsonl --out target/bench/1mb.jsonl
//! ```
//!
//! The output depends only on `--seed` (default 1) and `--size`.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A small, fast, deterministic generator (xorshift64*): benchmarks need repeatable
/// corpora, not statistical quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Places swapped for one another, so place names vary across articles.
const PLACES: [&str; 12] = [
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Sumy",
    "Kherson",
    "Mykolaiv",
    "Poltava",
    "Chernihiv",
    "Lviv",
    "Kramatorsk",
];

/// The front matter and body of a sample file.
fn split_front_matter(text: &str) -> (&str, &str) {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return (&rest[..end], &rest[end + 5..]);
    }
    ("", text)
}

/// Replaces each run of digits with another of the same length, keeping separators.
fn vary_numbers(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev_alpha = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() && !prev_alpha {
            let mut run = String::from(c);
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() {
                    run.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            // Years and identifiers keep their digits; counts change.
            let keep = run.len() == 4 && (run.starts_with("19") || run.starts_with("20"));
            if keep {
                out.push_str(&run);
            } else {
                for (i, _) in run.chars().enumerate() {
                    let digit = if i == 0 && run.len() > 1 {
                        1 + rng.below(9)
                    } else {
                        rng.below(10)
                    };
                    out.push(char::from(b'0' + digit as u8));
                }
            }
            prev_alpha = false;
            continue;
        }
        prev_alpha = c.is_alphabetic() || c == '-';
        out.push(c);
    }
    out
}

/// One generated article: a sample with varied figures, places and paragraph order.
fn article(sample: &str, n: usize, rng: &mut Rng) -> (String, String) {
    let (front, body) = split_front_matter(sample);
    let mut paragraphs: Vec<&str> = body.split('\n').filter(|p| !p.trim().is_empty()).collect();
    // Keep the lede first; shuffle the rest a little, as rewrites do.
    for i in (2..paragraphs.len()).rev() {
        if rng.below(3) == 0 {
            let j = 1 + rng.below(i);
            paragraphs.swap(i, j);
        }
    }
    let mut body = paragraphs.join("\n");
    let from = PLACES[rng.below(PLACES.len())];
    let to = PLACES[rng.below(PLACES.len())];
    body = body.replace(from, to);
    let body = vary_numbers(&body, rng);
    let title = front
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap_or("Untitled");
    let outlet = front
        .lines()
        .find_map(|l| l.strip_prefix("outlet: "))
        .unwrap_or("Wire");
    let published = format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let header = format!("outlet: {outlet}\npublished: {published}\ntitle: {title} ({n})");
    (header, body + "\n")
}

struct Args {
    size: u64,
    out: PathBuf,
    seed: u64,
    jsonl: bool,
}

fn parse_size(s: &str) -> Option<u64> {
    let upper = s.to_ascii_uppercase();
    let (number, factor) = if let Some(n) = upper.strip_suffix("GB") {
        (n, 1u64 << 30)
    } else if let Some(n) = upper.strip_suffix("MB") {
        (n, 1 << 20)
    } else if let Some(n) = upper.strip_suffix("KB") {
        (n, 1 << 10)
    } else {
        (upper.as_str(), 1)
    };
    number.trim().parse::<u64>().ok().map(|n| n * factor)
}

fn args() -> Result<Args, String> {
    let mut size = None;
    let mut out = None;
    let mut seed = 1;
    let mut jsonl = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--size" => size = it.next().as_deref().and_then(parse_size),
            "--out" => out = it.next().map(PathBuf::from),
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            "--jsonl" => jsonl = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Args {
        size: size.ok_or("--size SIZE is needed (e.g. 100MB, 1GB)")?,
        out: out.ok_or("--out PATH is needed")?,
        seed: seed.max(1),
        jsonl,
    })
}

fn samples() -> std::io::Result<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(fs::read_to_string).collect()
}

fn run(args: &Args) -> std::io::Result<u64> {
    let samples = samples()?;
    let mut rng = Rng(args.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut written = 0u64;
    let mut jsonl = if args.jsonl {
        if let Some(parent) = args.out.parent() {
            fs::create_dir_all(parent)?;
        }
        Some(BufWriter::new(fs::File::create(&args.out)?))
    } else {
        fs::create_dir_all(&args.out)?;
        None
    };
    let mut n = 0usize;
    while written < args.size {
        let sample = &samples[rng.below(samples.len())];
        let (header, body) = article(sample, n, &mut rng);
        match &mut jsonl {
            Some(w) => {
                let mut doc = serde_json::Map::new();
                doc.insert("id".into(), format!("doc-{n:07}").into());
                for line in header.lines() {
                    if let Some((k, v)) = line.split_once(": ") {
                        doc.insert(k.into(), v.into());
                    }
                }
                doc.insert("text".into(), body.clone().into());
                let line = serde_json::to_string(&doc)?;
                w.write_all(line.as_bytes())?;
                w.write_all(b"\n")?;
                written += line.len() as u64 + 1;
            }
            None => {
                let text = format!("---\n{header}\n---\n{body}");
                // Folders of a thousand files, as archives are kept.
                let dir = args.out.join(format!("{:04}", n / 1000));
                if n.is_multiple_of(1000) {
                    fs::create_dir_all(&dir)?;
                }
                fs::write(dir.join(format!("{n:07}.txt")), &text)?;
                written += text.len() as u64;
            }
        }
        n += 1;
    }
    if let Some(mut w) = jsonl {
        w.flush()?;
    }
    Ok(written)
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "gen_corpus: {e}\nusage: gen_corpus --size SIZE --out PATH [--jsonl] [--seed N]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(bytes) => {
            eprintln!("gen_corpus: {bytes} bytes in {}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", args.out.display());
            ExitCode::from(1)
        }
    }
}
