//! A corpus read whole: its documents (with republished copies found) and their claims,
//! for the commands that compare across documents (graph, report, export).

use countercheck_graph::{Claim, ClaimGraph, DocumentInfo, Registry, copies};
use std::path::PathBuf;

use crate::claim_row::rows;
use crate::input::{Item, visit};
use crate::output::Tally;

/// The documents and claims of the inputs, and what was read and skipped.
pub(crate) struct Corpus {
    pub(crate) documents: Vec<DocumentInfo>,
    pub(crate) claims: Vec<Claim>,
    pub(crate) tally: Tally,
}

impl Corpus {
    /// Reads every PATH; inputs that cannot be read are counted and named in the tally.
    pub(crate) fn read(paths: &[PathBuf], tolerance: f64) -> Corpus {
        let mut documents: Vec<DocumentInfo> = Vec::new();
        let mut bodies: Vec<String> = Vec::new();
        let mut claims: Vec<Claim> = Vec::new();
        let mut tally = Tally::default();
        visit(paths, &mut |item| match item {
            Item::Document(doc) => {
                tally.processed += 1;
                let found = rows(&doc, tolerance);
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
        Corpus {
            documents,
            claims,
            tally,
        }
    }

    /// The claim graph of the corpus.
    pub(crate) fn graph(&self) -> ClaimGraph {
        ClaimGraph::build(&self.documents, &self.claims, Registry::builtin())
    }
}
