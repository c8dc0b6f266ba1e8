//! A corpus read whole: its documents (with republished copies found) and their claims,
//! for the commands that compare across documents (graph, report, export).

use std::path::PathBuf;

use countercheck_graph::{
    ArcStr, Claim, ClaimGraph, DocumentInfo, Fingerprint, Registry, copies_of, fingerprint,
};

use countercheck_report::{ClaimStore, Sentences};

use crate::batch::{Progress, each_document};
use crate::claim_row::packed;
use crate::output::Tally;

/// The documents and claims of the inputs, and what was read and skipped.
pub(crate) struct Corpus {
    pub(crate) documents: Vec<DocumentInfo>,
    pub(crate) claims: Vec<Claim>,
    /// Where the claims' sentences are when they were spooled to disk.
    pub(crate) sentences: Sentences,
    pub(crate) tally: Tally,
}

/// Where a corpus keeps the sentences of its claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keep {
    /// In the claims: for a caller that reads `claim.sentence`.
    InClaims,
    /// In a temporary file, read back through `Corpus::sentences`: for reports over
    /// large corpora, which also keep no headline or date of a document.
    OnDisk,
}

impl Corpus {
    /// Reads every PATH; inputs that cannot be read are counted and named in the tally.
    pub(crate) fn read(paths: &[PathBuf], tolerance: f64, quiet: bool, keep: Keep) -> Corpus {
        let mut documents: Vec<DocumentInfo> = Vec::new();
        // Fingerprints rather than texts: republished copies are found once every
        // document is read, and the texts are long gone by then.
        let mut prints: Vec<Fingerprint> = Vec::new();
        let mut store = match keep {
            Keep::InClaims => ClaimStore::in_memory(),
            Keep::OnDisk => ClaimStore::spooled(),
        };
        let mut tally = Tally::default();
        let progress = Progress::new(quiet);
        each_document(
            paths,
            &progress,
            &mut tally,
            &|doc| {
                let body = doc.text.get(doc.body..).unwrap_or("");
                // The rows' cells are made claims by the store, which shares each
                // across the corpus: the workers only pack their texts.
                (packed(doc, tolerance), fingerprint(body))
            },
            &mut |doc, (found, print)| {
                store.push_rows(&found);
                prints.push(print);
                // A report shows neither headlines nor dates of documents (its claims
                // carry their dates): with hundreds of thousands of documents, they
                // are not kept.
                let cell = |field: &Option<String>| match field.as_deref() {
                    None | Some("") => ArcStr::default(),
                    Some(s) => ArcStr::from(s),
                };
                let shown = |field: &Option<String>| match keep {
                    Keep::InClaims => cell(field),
                    Keep::OnDisk => ArcStr::default(),
                };
                documents.push(DocumentInfo {
                    // The claims' cells: one copy of each id and outlet in the corpus.
                    id: store.share(&doc.id),
                    outlet: store.share(doc.outlet.as_deref().unwrap_or_default()),
                    published: shown(&doc.published),
                    title: shown(&doc.title),
                    url: cell(&doc.url),
                    copy_of: None,
                });
            },
        );
        tally.claims = store.len();
        let (claims, sentences) = store.finish();
        // Republished copies of one story count once as evidence.
        for (i, original) in copies_of(&prints).into_iter().enumerate() {
            if let Some(o) = original.filter(|&o| o != i) {
                documents[i].copy_of = Some(documents[o].id.clone());
            }
        }
        Corpus {
            documents,
            claims,
            sentences,
            tally,
        }
    }

    /// The claim graph of the corpus, which takes over its claims.
    pub(crate) fn graph(&mut self) -> ClaimGraph {
        let claims = std::mem::take(&mut self.claims);
        ClaimGraph::build_owned(&self.documents, claims, Registry::builtin())
    }
}
