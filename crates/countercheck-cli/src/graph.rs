//! `countercheck graph`: the claims of a corpus as a graph of documents, claims, sources
//! and quantities, in DOT, GraphML or JSON.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use countercheck_grammar::DEFAULT_TOLERANCE;
use countercheck_graph::{
    Claim, ClaimGraph, DocumentInfo, Registry, copies, to_dot, to_graphml, to_json,
};

use crate::claim_row::rows;
use crate::input::{Item, visit};
use crate::output::{Output, Tally};

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
}

/// Runs the command.
pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let mut documents: Vec<DocumentInfo> = Vec::new();
    let mut bodies: Vec<String> = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut tally = Tally::default();
    visit(&args.paths, &mut |item| match item {
        Item::Document(doc) => {
            tally.processed += 1;
            let found = rows(&doc, DEFAULT_TOLERANCE);
            tally.claims += found.len();
            claims.extend(found);
            bodies.push(doc.text.get(doc.body..).unwrap_or("").to_owned());
            documents.push(DocumentInfo {
                id: doc.id,
                outlet: doc.outlet.unwrap_or_default(),
                published: doc.published.unwrap_or_default(),
                title: doc.title.unwrap_or_default(),
                copy_of: None,
            });
        }
        Item::Skipped(s) => tally.skip(&s.input, &s.reason),
        Item::Warning(w) => tally.warn(&w.input, &w.message),
    });
    // Republished copies of one story count once as evidence.
    let texts: Vec<&str> = bodies.iter().map(String::as_str).collect();
    for (i, original) in copies(&texts).into_iter().enumerate() {
        if let Some(o) = original.filter(|&o| o != i) {
            documents[i].copy_of = Some(documents[o].id.clone());
        }
    }
    let graph = ClaimGraph::build(&documents, &claims, Registry::builtin());
    let text = match args.format {
        Format::Dot => to_dot(&graph),
        Format::Graphml => to_graphml(&graph),
        Format::Json => to_json(&graph),
    };
    let mut out = Output::open(args.output.as_deref())?;
    out.write_all(text.as_bytes())?;
    out.commit()?;
    tally.report(&mut io::stderr())?;
    Ok(tally.exit_code())
}
