//! `countercheck graph`: the claims of a corpus as a graph of documents, claims, sources
//! and quantities, in DOT, GraphML or JSON.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use countercheck_grammar::DEFAULT_TOLERANCE;
use countercheck_graph::{to_dot, to_graphml, to_json};

use crate::corpus::{Corpus, Keep};
use crate::output::Output;

/// Output formats of `graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Graphviz DOT: `dot -Tsvg graph.dot -o graph.svg`.
    Dot,
    /// GraphML with typed attributes, for networkx, Gephi and yEd.
    Graphml,
    /// JSON: nodes and edges with their attributes, and each quantity's origins and parties.
    Json,
}

/// Arguments of `countercheck graph`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files, directories (walked for .txt, .md and .jsonl) or - for standard input.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,
    /// Write to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No progress line on standard error.
    #[arg(short, long)]
    quiet: bool,
}

/// Runs the command.
pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let mut corpus = Corpus::read(&args.paths, DEFAULT_TOLERANCE, args.quiet, Keep::InClaims);
    let graph = corpus.graph();
    let text = match args.format {
        Format::Dot => to_dot(&graph),
        Format::Graphml => to_graphml(&graph),
        Format::Json => to_json(&graph),
    };
    let mut out = Output::open(args.output.as_deref())?;
    out.write_all(text.as_bytes())?;
    out.commit()?;
    corpus.tally.report(&mut io::stderr())?;
    Ok(corpus.tally.exit_code())
}
