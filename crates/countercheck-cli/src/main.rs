//! `countercheck`: finds the numeric claims in reporting on wars and disasters.
//!
//! This binary is the only part of the project that touches files and the terminal;
//! the grammar and everything after it are pure libraries.

mod batch;
mod claim_row;
mod corpus;
mod extract;
mod figures;
mod graph;
mod input;
mod output;
#[cfg(test)]
mod properties;
mod recycle;
mod report;
#[cfg(test)]
mod scaling;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Find, attribute and compare the numeric claims in war and disaster reporting.
#[derive(Debug, Parser)]
#[command(name = "countercheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find the claims in articles and write one row per claim (CSV, JSON lines or JSON).
    ///
    /// Each claim is a figure with what it measures, what it counts, where, who said it
    /// and through whom it reached the page, with byte offsets into its file. Inputs that
    /// cannot be read are named on standard error and skipped; the others are processed.
    #[command(
        after_help = "Examples:\n  countercheck extract data/samples -o claims.csv\n  countercheck extract article.txt --format jsonl"
    )]
    Extract(extract::Args),
    /// Parse number phrases and print the figures found, one JSON object per input line.
    ///
    /// Each input (a TEXT argument, or each line of standard input when there is none)
    /// gives one line of output: {"line": N, "figures": [{"text", "start", "end",
    /// "value", "low", "high", "qualifier", "unit"}]}, with byte offsets into that input.
    /// An unbounded "high" is null; "unit" is "percent" for shares and empty for counts.
    #[command(
        after_help = "Examples:\n  countercheck figures 'at least 70 people were injured'\n  printf 'dozens\\nbetween 300 and 400\\n' | countercheck figures"
    )]
    Figures(figures::Args),
    /// Draw the claims of a corpus as a graph: documents, claims, sources, quantities.
    ///
    /// Edges say which document contains a claim, who asserted it and who relayed it,
    /// who published the document, which quantity the claim measures, which body a
    /// source belongs to, which claim a derived count comes from, and which documents are
    /// republished copies of another.
    #[command(
        after_help = "Examples:\n  countercheck graph data/samples --format dot -o claims.dot && dot -Tsvg claims.dot -o claims.svg\n  countercheck graph data/samples --format graphml -o claims.graphml"
    )]
    Graph(graph::Args),
    /// Compare the claims of a corpus: which sources disagree, by how much, and why.
    ///
    /// Claims are grouped into quantities (the same measure of the same people, in one
    /// place or of one nationality, over time or in one incident); two claims disagree
    /// when their intervals do not overlap. Each quantity gets a verdict and a reconciled
    /// low / best / high by --policy.
    #[command(
        after_help = "Examples:\n  countercheck report data/samples\n  countercheck report data/samples --format html -o report.html\n  countercheck report data/samples --policy conservative --format json"
    )]
    Report(report::ReportArgs),
    /// Write the analyst's CSV files: claims.csv, conflicts.csv, sources.csv, quantities.csv.
    #[command(
        after_help = "Examples:\n  countercheck export data/samples --out out/\n  python3 -c \"import pandas as pd; print(pd.read_csv('out/claims.csv').head())\""
    )]
    Export(report::ExportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Figures(args) => figures::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Report(args) => report::run_report(&args),
        Command::Export(args) => report::run_export(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`countercheck figures | head`) is the reader's choice, not a failure.
            if err
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "countercheck: {err:#}");
            ExitCode::from(1)
        }
    }
}
