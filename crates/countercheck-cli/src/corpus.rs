//! A corpus read whole: its documents (with republished copies found) and their claims,
//! for the commands that compare across documents (graph, report, export).

use std::path::PathBuf;

use countercheck_graph::{Claim, ClaimGraph, DocumentInfo, Registry, copies};

use crate::batch::{Progress, claims_of};
use crate::output::Tally;

/// The bodies kept for finding republished copies once every document is read.
#[derive(Default)]
struct CopyIndex {
    bodies: Vec<String>,
}

impl CopyIndex {
    fn add(&mut self, body: &str) {
        self.bodies.push(body.to_owned());
    }

    fn copies(&self) -> Vec<Option<usize>> {
        let texts: Vec<&str> = self.bodies.iter().map(String::as_str).collect();
        copies(&texts)
    }
}

/// The documents and claims of the inputs, and what was read and skipped.
pub(crate) struct Corpus {
    pub(crate) documents: Vec<DocumentInfo>,
    pub(crate) claims: Vec<Claim>,
    pub(crate) tally: Tally,
}

impl Corpus {
    /// Reads every PATH; inputs that cannot be read are counted and named in the tally.
    pub(crate) fn read(paths: &[PathBuf], tolerance: f64, quiet: bool) -> Corpus {
        let mut documents: Vec<DocumentInfo> = Vec::new();
        let mut copies_index = CopyIndex::default();
        let mut claims: Vec<Claim> = Vec::new();
        let mut tally = Tally::default();
        let progress = Progress::new(quiet);
        claims_of(
            paths,
            tolerance,
            &progress,
            &mut tally,
            &mut |doc, found| {
                claims.extend(found);
                copies_index.add(doc.text.get(doc.body..).unwrap_or(""));
                documents.push(DocumentInfo {
                    id: doc.id.clone(),
                    outlet: doc.outlet.clone().unwrap_or_default(),
                    published: doc.published.clone().unwrap_or_default(),
                    title: doc.title.clone().unwrap_or_default(),
                    copy_of: None,
                });
            },
        );
        tally.claims = claims.len();
        // Republished copies of one story count once as evidence.
        for (i, original) in copies_index.copies().into_iter().enumerate() {
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
