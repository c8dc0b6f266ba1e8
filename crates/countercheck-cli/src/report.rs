//! `countercheck report` and `countercheck export`: which sources disagree, by how much
//! and why, as a report (Markdown, HTML, JSON) or as CSV files for analysts.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use countercheck_grammar::DEFAULT_TOLERANCE;
use countercheck_graph::Registry;
use countercheck_report::{
    GraphFacts, Policy, Report, build_from, write_conflicts, write_html, write_json,
    write_markdown, write_quantities, write_report_claims, write_sources,
};

use crate::corpus::{Corpus, Keep};
use crate::output::Output;

/// Output formats of `report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Markdown: summary, disagreements, quantities, unattributed figures.
    Md,
    /// One self-contained HTML file with sortable tables.
    Html,
    /// The whole model as JSON.
    Json,
}

/// How each quantity's claims become one low / best / high.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PolicyArg {
    /// The lowest credible figure.
    Conservative,
    /// The full spread, with the median claim as best.
    Range,
    /// The most recent figures.
    Latest,
    /// Trust by kind of source: monitors and UN agencies first, unknown sources last.
    ByKind,
}

impl From<PolicyArg> for Policy {
    fn from(p: PolicyArg) -> Policy {
        match p {
            PolicyArg::Conservative => Policy::Conservative,
            PolicyArg::Range => Policy::Range,
            PolicyArg::Latest => Policy::Latest,
            PolicyArg::ByKind => Policy::ByKind,
        }
    }
}

/// Arguments shared by `report` and `export`.
#[derive(Debug, clap::Args)]
pub(crate) struct Common {
    /// Files, directories (walked for .txt, .md and .jsonl) or - for standard input.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// How each quantity's claims are reconciled into low / best / high.
    #[arg(long, value_enum, default_value_t = PolicyArg::Range)]
    policy: PolicyArg,
    /// Relative tolerance of approximate figures ("about 5,000" is 4,500 to 5,500 at 0.1).
    #[arg(long, default_value_t = DEFAULT_TOLERANCE, value_parser = crate::figures::tolerance)]
    tolerance: f64,
    /// No progress line on standard error.
    #[arg(short, long)]
    quiet: bool,
}

/// Arguments of `countercheck report`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    common: Common,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
    /// Write to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Arguments of `countercheck export`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    common: Common,
    /// Folder for claims.csv, conflicts.csv, sources.csv and quantities.csv (created if
    /// missing; the four files are replaced together or not at all).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn analyse(common: &Common) -> (Report, Corpus) {
    let mut corpus = Corpus::read(&common.paths, common.tolerance, common.quiet, Keep::OnDisk);
    let claims = std::mem::take(&mut corpus.claims);
    // The report needs a few facts of the claim graph (each claim's origin and side,
    // each quantity's origins and parties); they are found without building it.
    let documents = std::mem::take(&mut corpus.documents);
    let facts = GraphFacts::of_documents(&claims, &documents, Registry::builtin());
    // The facts hold what the report needs of the documents.
    let count = documents.len();
    drop(documents);
    let mut report = build_from(count, claims, facts, common.policy.into());
    report.inputs = corpus.tally.inputs();
    report.sentences = std::mem::take(&mut corpus.sentences);
    (report, corpus)
}

/// Runs `report`.
pub(crate) fn run_report(args: &ReportArgs) -> Result<ExitCode> {
    let (report, corpus) = analyse(&args.common);
    let mut out = Output::open(args.output.as_deref())?;
    // Rendered straight into the output: the text of a large report is never whole
    // in memory.
    match args.format {
        Format::Md => write_markdown(&report, &mut out),
        Format::Html => write_html(&report, &mut out),
        Format::Json => write_json(&report, &mut out),
    }
    .context("writing the report")?;
    out.commit()?;
    // Freeing millions of claims one by one takes a while; the process is ending.
    std::mem::forget(report);
    corpus.tally.report(&mut io::stderr())?;
    Ok(corpus.tally.exit_code())
}

/// The four files of `export`, each written by its function.
type Writer = fn(&Report, &mut dyn Write) -> csv::Result<()>;

const FILES: [(&str, Writer); 4] = [
    ("claims.csv", |r, w| write_report_claims(r, w)),
    ("conflicts.csv", |r, w| write_conflicts(r, w)),
    ("sources.csv", |r, w| {
        write_sources(r, Registry::builtin(), w)
    }),
    ("quantities.csv", |r, w| write_quantities(r, w)),
];

/// Writes every file to a temporary name in `dir`, then renames them all, so a failed
/// run leaves the previous export as it was.
fn write_all(dir: &Path, report: &Report) -> Result<()> {
    let pid = std::process::id();
    let mut written = Vec::new();
    let result = (|| -> Result<()> {
        for (name, write) in FILES {
            let temporary = dir.join(format!(".{name}.{pid}.tmp"));
            written.push(temporary.clone());
            let mut file = io::BufWriter::new(
                fs::File::create(&temporary)
                    .with_context(|| format!("cannot write in {}", dir.display()))?,
            );
            write(report, &mut file).with_context(|| format!("writing {name}"))?;
            file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for t in &written {
            let _ = fs::remove_file(t);
        }
        return Err(e);
    }
    for ((name, _), temporary) in FILES.iter().zip(&written) {
        fs::rename(temporary, dir.join(name))
            .with_context(|| format!("cannot replace {}", dir.join(name).display()))?;
    }
    Ok(())
}

/// Runs `export`.
pub(crate) fn run_export(args: &ExportArgs) -> Result<ExitCode> {
    if args.out.exists() && !args.out.is_dir() {
        bail!(
            "{} is a file: give --out a folder for the CSV files",
            args.out.display()
        );
    }
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let (report, corpus) = analyse(&args.common);
    write_all(&args.out, &report)?;
    // As for `report`: the process is ending, so the claims are not freed one by one.
    std::mem::forget(report);
    corpus.tally.report(&mut io::stderr())?;
    Ok(corpus.tally.exit_code())
}
