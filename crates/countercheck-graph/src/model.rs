//! The claim graph: documents, claims, sources and quantities, and who relays whom.
//!
//! Nodes are [`Node`]s and edges [`Relation`]s of a petgraph `Graph`. The graph is built
//! in one pass over the claims of a corpus; the questions analysts ask of it — whose
//! figure is this, how many independent origins stand behind a quantity, how many
//! parties — are methods of [`ClaimGraph`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use petgraph::Direction;
use petgraph::graph::{Graph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use arcstr::ArcStr;

use crate::record::{Claim, SourceRef};
use crate::registry::Registry;

/// A map looked up by text for every claim of a corpus (documents, sources, claims by
/// id), hashed with the project's block hash rather than SipHash; none is read in key
/// order.
type ByText<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<countercheck_grammar::Blocks>>;

/// A document of the corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
///
/// Its cells are [`ArcStr`]s, which a corpus of hundreds of thousands of documents
/// shares with its claims' `doc` and `outlet` cells.
pub struct DocumentInfo {
    /// Its id: the path as given, or the JSONL id.
    pub id: ArcStr,
    /// Who published it.
    pub outlet: ArcStr,
    /// When, as written.
    pub published: ArcStr,
    /// Its headline.
    pub title: ArcStr,
    /// Where it was published online, as given in its metadata (unchecked: it is input).
    pub url: ArcStr,
    /// The id of the document it is a republished copy of, if any.
    pub copy_of: Option<ArcStr>,
}

/// A source as a node of the claim graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceNode {
    /// Stable key: the gazetteer id, or `name:` and the name.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// Its country code, when listed.
    pub country: String,
    /// Its side in a conflict, when listed as a party.
    pub side: String,
}

/// Where a claim comes from as evidence, by the names of the sources (see
/// [`ProvenanceFinder`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Provenance<'g> {
    /// Its independent origin: its source, or the original outlet of a republished copy.
    pub origin: &'g str,
    /// The conflict side of the origin or of a body above it; empty for third parties.
    pub side: &'g str,
    /// The top of the origin's chain of parents: the party it speaks for.
    pub party: &'g str,
}

/// A node of the claim graph.
///
/// Documents and sources are boxed so that a node, most of which are claims, takes a
/// few words and not the size of its largest kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Node {
    /// An article.
    Document(Box<DocumentInfo>),
    /// A claim, with all its columns.
    Claim(Arc<Claim>),
    /// A source: a listed one by its gazetteer id, an unlisted one by its name.
    Source(Box<SourceNode>),
    /// A quantity: claims that measure the same thing.
    Quantity {
        /// Its key: measure, group and, where it matters, place.
        key: String,
    },
}

impl Node {
    /// The stable id used in exports: `doc:…`, `claim:…`, `source:…`, `quantity:…`.
    pub fn id(&self) -> String {
        match self {
            Node::Document(d) => format!("doc:{}", d.id),
            Node::Claim(c) => format!("claim:{}", c.full_id()),
            Node::Source(s) => format!("source:{}", s.key),
            Node::Quantity { key } => format!("quantity:{key}"),
        }
    }

    /// A short label for drawings.
    pub fn label(&self) -> String {
        match self {
            Node::Document(d) if !d.title.is_empty() => d.title.to_string(),
            Node::Document(d) => d.id.to_string(),
            Node::Claim(c) => format!("{} ({})", c.text, c.measure),
            Node::Source(s) => s.name.clone(),
            Node::Quantity { key } => key.clone(),
        }
    }

    /// The node's type: document, claim, source or quantity.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Document(_) => "document",
            Node::Claim(_) => "claim",
            Node::Source(_) => "source",
            Node::Quantity { .. } => "quantity",
        }
    }
}

/// An edge of the claim graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "relation", rename_all = "snake_case")]
pub enum Relation {
    /// Document → claim.
    Contains,
    /// Claim → the source that made it.
    AssertedBy,
    /// Claim → a source that passed it on; `position` 1 is nearest the source.
    RelayedBy {
        /// Place in the relay chain, from 1.
        position: usize,
    },
    /// Document → its outlet.
    PublishedBy,
    /// Claim → its quantity.
    Measures,
    /// Source → the body it belongs to (from the gazetteer's parent column).
    PartOf,
    /// A count implied by a share → the count the share is of.
    DerivedFrom,
    /// A republished document → the document it copies.
    CopyOf,
}

impl Relation {
    /// The relation's name: contains, asserted_by, relayed_by, ...
    pub fn name(&self) -> &'static str {
        match self {
            Relation::Contains => "contains",
            Relation::AssertedBy => "asserted_by",
            Relation::RelayedBy { .. } => "relayed_by",
            Relation::PublishedBy => "published_by",
            Relation::Measures => "measures",
            Relation::PartOf => "part_of",
            Relation::DerivedFrom => "derived_from",
            Relation::CopyOf => "copy_of",
        }
    }
}

/// Where a claim came from and how it reached the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OriginChain {
    /// Who made the claim.
    pub origin: String,
    /// Who passed it on, nearest the origin first.
    pub relays: Vec<String>,
    /// The outlet that published it.
    pub publisher: String,
}

/// The claim graph of a corpus.
pub struct ClaimGraph {
    graph: Graph<Node, Relation>,
    /// The node of each claim, in the order the claims were given.
    claim_nodes: Vec<NodeIndex>,
    /// Claims by id, made on the first question by id: a report asks by position only,
    /// and millions of copied ids would cost as much as the graph's edges.
    claims_by_id: OnceLock<ByText<String, NodeIndex>>,
    documents: ByText<String, NodeIndex>,
    sources: ByText<String, NodeIndex>,
    quantities: BTreeMap<String, NodeIndex>,
}

impl ClaimGraph {
    /// Builds the graph of `documents` and their `claims`, naming sources from `registry`.
    /// The graph keeps copies of the claims; [`ClaimGraph::build_owned`] takes them.
    pub fn build(documents: &[DocumentInfo], claims: &[Claim], registry: &Registry) -> ClaimGraph {
        let claims: Vec<Arc<Claim>> = claims.iter().cloned().map(Arc::new).collect();
        ClaimGraph::build_shared(documents, &claims, registry)
    }

    /// [`ClaimGraph::build`] of claims the caller gives up: the graph's nodes hold them
    /// with no copy made, which matters on a corpus of millions.
    pub fn build_owned(
        documents: &[DocumentInfo],
        claims: Vec<Claim>,
        registry: &Registry,
    ) -> ClaimGraph {
        let claims: Vec<Arc<Claim>> = claims.into_iter().map(Arc::new).collect();
        ClaimGraph::build_shared(documents, &claims, registry)
    }

    fn build_shared(
        documents: &[DocumentInfo],
        claims: &[Arc<Claim>],
        registry: &Registry,
    ) -> ClaimGraph {
        // A node per document and claim, and per claim three edges (contains,
        // asserted_by, measures) and now and then a relay or a derived count, reserved
        // at once: grown by doubling, the last doubling would leave half unused.
        let mut g = ClaimGraph::of_documents(
            documents,
            registry,
            claims.len(),
            3 * claims.len() + claims.len() / 4,
        );
        for c in claims {
            let n = g.graph.add_node(Node::Claim(Arc::clone(c)));
            g.claim_nodes.push(n);
            let doc = match g.documents.get(&*c.doc) {
                Some(&d) => d,
                None => {
                    // A claim of a document not listed: list it, so nothing is lost.
                    let info = DocumentInfo {
                        id: ArcStr::clone(&c.doc),
                        outlet: ArcStr::clone(&c.outlet),
                        published: ArcStr::clone(&c.published),
                        ..DocumentInfo::default()
                    };
                    let d = g.graph.add_node(Node::Document(Box::new(info)));
                    g.documents.insert(c.doc.to_string(), d);
                    d
                }
            };
            g.graph.add_edge(doc, n, Relation::Contains);
            let origin = SourceRef {
                name: ArcStr::clone(&c.source),
                kind: ArcStr::clone(&c.source_kind),
                id: ArcStr::clone(&c.source_id),
            };
            let s = g.source(&origin, registry);
            g.graph.add_edge(n, s, Relation::AssertedBy);
            for (i, r) in c.relays.iter().enumerate() {
                let s = g.source(r, registry);
                g.graph
                    .add_edge(n, s, Relation::RelayedBy { position: i + 1 });
            }
            let q = match g.quantities.get(&*c.quantity) {
                Some(&q) => q,
                None => {
                    let q = g.graph.add_node(Node::Quantity {
                        key: c.quantity.to_string(),
                    });
                    g.quantities.insert(c.quantity.to_string(), q);
                    q
                }
            };
            g.graph.add_edge(n, q, Relation::Measures);
        }
        // A count implied by a share points at the claim it is a share of: only those
        // claims are looked up by id.
        let derived = || {
            claims
                .iter()
                .zip(&g.claim_nodes)
                .filter(|(c, _)| !c.derived_from.is_empty())
        };
        let bases: HashSet<&str> = derived().map(|(c, _)| c.derived_from.as_str()).collect();
        let base_nodes: ByText<Cow<'_, str>, NodeIndex> = claims
            .iter()
            .zip(&g.claim_nodes)
            .map(|(c, &n)| (c.full_id(), n))
            .filter(|(id, _)| bases.contains(&**id))
            .collect();
        let edges: Vec<(NodeIndex, NodeIndex)> = derived()
            .filter_map(|(c, &a)| Some((a, *base_nodes.get(c.derived_from.as_str())?)))
            .collect();
        for (a, b) in edges {
            g.graph.add_edge(a, b, Relation::DerivedFrom);
        }
        g
    }

    /// A graph with nothing in it yet and room for `nodes` nodes and `edges` edges.
    fn empty(nodes: usize, edges: usize) -> ClaimGraph {
        ClaimGraph {
            graph: Graph::with_capacity(nodes, edges),
            claim_nodes: Vec::new(),
            claims_by_id: OnceLock::new(),
            documents: ByText::default(),
            sources: ByText::default(),
            quantities: BTreeMap::new(),
        }
    }

    /// The graph of `documents`, their outlets and the copies among them, with room
    /// for `claims` more nodes and `edges` more edges.
    fn of_documents(
        documents: &[DocumentInfo],
        registry: &Registry,
        claims: usize,
        edges: usize,
    ) -> ClaimGraph {
        let mut g = ClaimGraph::empty(documents.len() + claims, 2 * documents.len() + edges);
        g.claim_nodes.reserve_exact(claims);
        for d in documents {
            let n = g.graph.add_node(Node::Document(Box::new(d.clone())));
            g.documents.insert(d.id.to_string(), n);
            if !d.outlet.is_empty() {
                let outlet = g.outlet(&d.outlet, registry);
                g.graph.add_edge(n, outlet, Relation::PublishedBy);
            }
        }
        for d in documents {
            if let (Some(original), Some(&copy)) = (&d.copy_of, g.documents.get(&*d.id))
                && let Some(&o) = g.documents.get(&**original)
            {
                g.graph.add_edge(copy, o, Relation::CopyOf);
            }
        }
        g
    }

    /// The node of the claim `id`; of the last, when several claims share it.
    fn claim_node(&self, id: &str) -> Option<NodeIndex> {
        self.claims_by_id
            .get_or_init(|| {
                self.claim_nodes
                    .iter()
                    .filter_map(|&n| match &self.graph[n] {
                        Node::Claim(c) => Some((c.full_id().into_owned(), n)),
                        _ => None,
                    })
                    .collect()
            })
            .get(id)
            .copied()
    }

    /// The node of the outlet named `name`: a listed source when the gazetteer knows it.
    fn outlet(&mut self, name: &str, registry: &Registry) -> NodeIndex {
        let listed = registry
            .mentions(name, countercheck_grammar::Span::new(0, name.len()))
            .into_iter()
            .find(|m| m.span.start == 0 && m.span.end == name.len())
            .map(|m| registry.get(m.entry));
        let r = match listed {
            Some(s) => SourceRef::from(s),
            None => SourceRef {
                name: name.into(),
                kind: "media".into(),
                id: ArcStr::default(),
            },
        };
        self.source(&r, registry)
    }

    /// The node of a source, added with its chain of parents when new.
    fn source(&mut self, r: &SourceRef, registry: &Registry) -> NodeIndex {
        let listed = (!r.id.is_empty())
            .then(|| registry.index_of(&r.id))
            .flatten()
            .map(|i| registry.get(i));
        // Several sources named together ("Zelenskyy and Budanov") carry the id of the
        // first: they are a node of their own, part of the first one's body.
        if let Some(first) = listed.filter(|s| s.name != r.name) {
            let key = format!("name:{}", r.name);
            if let Some(&n) = self.sources.get(&key) {
                return n;
            }
            let n = self.graph.add_node(Node::Source(Box::new(SourceNode {
                key: key.clone(),
                name: r.name.to_string(),
                kind: r.kind.to_string(),
                country: first.country.clone(),
                side: first.side.clone(),
            })));
            self.sources.insert(key, n);
            let member = SourceRef::from(first);
            let m = self.source(&member, registry);
            self.graph.add_edge(n, m, Relation::PartOf);
            return n;
        }
        let key = if listed.is_none() {
            format!("name:{}", r.name)
        } else {
            r.id.to_string()
        };
        if let Some(&n) = self.sources.get(&key) {
            return n;
        }
        let node = Node::Source(Box::new(SourceNode {
            key: key.clone(),
            name: r.name.to_string(),
            kind: r.kind.to_string(),
            country: listed.map(|s| s.country.clone()).unwrap_or_default(),
            side: listed.map(|s| s.side.clone()).unwrap_or_default(),
        }));
        let n = self.graph.add_node(node);
        self.sources.insert(key, n);
        // Budanov -> military intelligence -> defence ministry -> Ukraine.
        if let Some(parent) = listed
            .filter(|s| !s.parent.is_empty())
            .and_then(|s| registry.index_of(&s.parent))
        {
            let p = registry.get(parent);
            let pr = SourceRef::from(p);
            let pn = self.source(&pr, registry);
            self.graph.add_edge(n, pn, Relation::PartOf);
        }
        n
    }

    /// The petgraph graph, for algorithms and exports.
    pub fn graph(&self) -> &Graph<Node, Relation> {
        &self.graph
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> impl Iterator<Item = &DocumentInfo> {
        self.graph.node_weights().filter_map(|n| match n {
            Node::Document(d) => Some(&**d),
            _ => None,
        })
    }

    /// The keys of all quantities, sorted.
    pub fn quantities(&self) -> impl Iterator<Item = &str> {
        self.quantities.keys().map(String::as_str)
    }

    /// The first node `n` points to by `relation`, without collecting the others: the
    /// relations asked this way (asserted_by, published_by, copy_of, part_of) have one.
    fn target(&self, n: NodeIndex, relation: &str) -> Option<NodeIndex> {
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .find(|e| e.weight().name() == relation)
            .map(|e| e.target())
    }

    fn targets(&self, n: NodeIndex, relation: &str) -> Vec<(Relation, NodeIndex)> {
        let mut out: Vec<(Relation, NodeIndex)> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| e.weight().name() == relation)
            .map(|e| (*e.weight(), e.target()))
            .collect();
        out.sort_by_key(|(r, _)| match r {
            Relation::RelayedBy { position } => *position,
            _ => 0,
        });
        out
    }

    fn name_of(&self, n: NodeIndex) -> String {
        match &self.graph[n] {
            Node::Source(s) => s.name.clone(),
            other => other.label(),
        }
    }

    /// Who made the claim `id`, who passed it on, and who published it.
    pub fn origin_chain(&self, id: &str) -> Option<OriginChain> {
        let c = self.claim_node(id)?;
        let origin = self
            .targets(c, "asserted_by")
            .first()
            .map(|&(_, s)| self.name_of(s))?;
        let relays = self
            .targets(c, "relayed_by")
            .iter()
            .map(|&(_, s)| self.name_of(s))
            .collect();
        let doc = self
            .graph
            .neighbors_directed(c, Direction::Incoming)
            .find(|&d| matches!(self.graph[d], Node::Document(_)));
        let publisher = doc
            .and_then(|d| {
                self.targets(d, "published_by")
                    .first()
                    .map(|&(_, s)| self.name_of(s))
            })
            .unwrap_or_default();
        Some(OriginChain {
            origin,
            relays,
            publisher,
        })
    }

    /// The claims of a quantity.
    fn claims_of(&self, quantity: &str) -> Vec<NodeIndex> {
        let Some(&q) = self.quantities.get(quantity) else {
            return Vec::new();
        };
        let mut out: Vec<NodeIndex> = self
            .graph
            .neighbors_directed(q, Direction::Incoming)
            .collect();
        out.sort();
        out
    }

    /// The origin of a claim as evidence: its source, except that a claim the outlet
    /// made itself in a republished copy is the original outlet's.
    fn origin_of(&self, claim: NodeIndex) -> Option<NodeIndex> {
        let source = self.target(claim, "asserted_by")?;
        let Node::Claim(c) = &self.graph[claim] else {
            return Some(source);
        };
        if c.attribution != "outlet" {
            return Some(source);
        }
        // The outlet's own figure in a republished copy is the original outlet's
        // (`ProvenanceFinder` follows the same rule without document nodes).
        let doc = self
            .graph
            .neighbors_directed(claim, Direction::Incoming)
            .find(|&d| matches!(self.graph[d], Node::Document(_)))?;
        let original = self.target(doc, "copy_of").unwrap_or(doc);
        Some(self.target(original, "published_by").unwrap_or(source))
    }

    /// The name of a source node, borrowed; other nodes have none.
    fn source_name(&self, n: NodeIndex) -> &str {
        match &self.graph[n] {
            Node::Source(s) => &s.name,
            _ => "",
        }
    }

    /// The origin of the claim `id` as evidence (see [`ClaimGraph::origins`]).
    pub fn origin(&self, id: &str) -> Option<String> {
        let c = self.claim_node(id)?;
        self.origin_of(c).map(|s| self.name_of(s))
    }

    /// [`ClaimGraph::origin`] of the claim at `index` in the claims the graph was built
    /// from: no lookup by id.
    pub fn origin_at(&self, index: usize) -> Option<String> {
        let &c = self.claim_nodes.get(index)?;
        self.origin_of(c).map(|s| self.name_of(s))
    }

    /// The party behind the claim `id`: the top of its origin's chain of parents.
    pub fn party(&self, id: &str) -> Option<String> {
        let c = self.claim_node(id)?;
        self.origin_of(c).map(|s| self.name_of(self.party_of(s)))
    }

    /// The conflict side of the claim `id`'s origin or of the body above it; empty for
    /// third parties.
    pub fn side(&self, id: &str) -> String {
        self.claim_node(id)
            .map_or_else(String::new, |c| self.side_of(c))
    }

    /// [`ClaimGraph::side`] of the claim at `index` in the claims the graph was built
    /// from: no lookup by id.
    pub fn side_at(&self, index: usize) -> String {
        self.claim_nodes
            .get(index)
            .map_or_else(String::new, |&c| self.side_of(c))
    }

    fn side_of(&self, claim: NodeIndex) -> String {
        self.origin_of(claim)
            .map_or_else(String::new, |o| self.side_from(o).to_owned())
    }

    /// The side of the source `n` or of the nearest body above it with one.
    fn side_from(&self, mut n: NodeIndex) -> &str {
        let mut seen = BTreeSet::new();
        loop {
            if let Node::Source(s) = &self.graph[n]
                && !s.side.is_empty()
            {
                return &s.side;
            }
            match self.target(n, "part_of") {
                Some(p) if seen.insert(p) => n = p,
                _ => return "",
            }
        }
    }

    /// The distinct origins behind a quantity: relays and republished copies of one
    /// origin count once.
    pub fn origins(&self, quantity: &str) -> Vec<String> {
        let set: BTreeSet<String> = self
            .claims_of(quantity)
            .into_iter()
            .filter_map(|c| self.origin_of(c))
            .map(|s| self.name_of(s))
            .collect();
        set.into_iter().collect()
    }

    /// How many independent origins stand behind a quantity.
    pub fn independent_origins(&self, quantity: &str) -> usize {
        self.origins(quantity).len()
    }

    /// The top of a source's chain of parents: the party it speaks for.
    fn party_of(&self, source: NodeIndex) -> NodeIndex {
        let mut n = source;
        let mut seen = BTreeSet::new();
        while let Some(p) = self.target(n, "part_of") {
            if !seen.insert(p) {
                break;
            }
            n = p;
        }
        n
    }

    /// The distinct parties behind a quantity: origins under one top-level parent (a
    /// government and its ministries, agencies and officials) count once.
    pub fn parties(&self, quantity: &str) -> Vec<String> {
        let set: BTreeSet<String> = self
            .claims_of(quantity)
            .into_iter()
            .filter_map(|c| self.origin_of(c))
            .map(|s| self.name_of(self.party_of(s)))
            .collect();
        set.into_iter().collect()
    }

    /// For each source that passed claims on, the origins of the claims it relayed.
    pub fn relayed(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for &c in &self.claim_nodes {
            let Some(origin) = self
                .targets(c, "asserted_by")
                .first()
                .map(|&(_, s)| self.name_of(s))
            else {
                continue;
            };
            for (_, r) in self.targets(c, "relayed_by") {
                out.entry(self.name_of(r))
                    .or_default()
                    .insert(origin.clone());
            }
        }
        out
    }
}

/// Finds each claim's [`Provenance`] from the documents and sources of a corpus alone,
/// by the rules of the claim graph: a report over millions of claims needs only each
/// claim's origin, side and party, and a graph with a node and three edges per claim
/// would take more memory than the claims.
pub struct ProvenanceFinder<'d> {
    /// The sources met so far, with their chains of parents.
    sources: ClaimGraph,
    /// For each document, the outlet its outlet's own figures are credited to: the
    /// outlet of the document it republishes, or its own. Documents with neither are
    /// not listed; their outlet's figures stay with the source named.
    credited: ByText<&'d str, NodeIndex>,
}

impl<'d> ProvenanceFinder<'d> {
    /// A finder for the claims of `documents`.
    pub fn new(documents: &'d [DocumentInfo], registry: &Registry) -> ProvenanceFinder<'d> {
        // As in the graph, where ids repeat, the last document with an id stands for
        // it, and the last of them that names a listed original is the copy.
        let mut last: ByText<&str, &DocumentInfo> = ByText::default();
        last.reserve(documents.len());
        for d in documents {
            last.insert(&d.id, d);
        }
        let mut original: ByText<&str, &str> = ByText::default();
        for d in documents {
            if let Some(o) = d.copy_of.as_deref().filter(|o| last.contains_key(o)) {
                original.insert(&d.id, o);
            }
        }
        let mut sources = ClaimGraph::empty(0, 0);
        let mut credited = ByText::default();
        // A corpus has hundreds of thousands of documents from a few outlets: each
        // outlet's name is looked up in the registry once.
        let mut outlets: ByText<&str, NodeIndex> = ByText::default();
        for (&id, &d) in &last {
            let publisher = original.get(id).and_then(|o| last.get(o)).unwrap_or(&d);
            if !publisher.outlet.is_empty() {
                let outlet = *outlets
                    .entry(&publisher.outlet)
                    .or_insert_with(|| sources.outlet(&publisher.outlet, registry));
                credited.insert(id, outlet);
            }
        }
        ProvenanceFinder { sources, credited }
    }

    /// The origin, side and party of `claim`, as [`ClaimGraph::origin_at`],
    /// [`ClaimGraph::side_at`] and [`ClaimGraph::party`] give them in the graph of
    /// these documents and their claims.
    pub fn of(&mut self, claim: &Claim, registry: &Registry) -> Provenance<'_> {
        let asserted = SourceRef {
            name: ArcStr::clone(&claim.source),
            kind: ArcStr::clone(&claim.source_kind),
            id: ArcStr::clone(&claim.source_id),
        };
        let source = self.sources.source(&asserted, registry);
        // The outlet's own figures in a republished copy are the original outlet's.
        let origin = match self.credited.get(&*claim.doc) {
            Some(&outlet) if claim.attribution == "outlet" => outlet,
            _ => source,
        };
        let g = &self.sources;
        Provenance {
            origin: g.source_name(origin),
            side: g.side_from(origin),
            party: g.source_name(g.party_of(origin)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(
        id: &str,
        doc: &str,
        quantity: &str,
        source: (&str, &str),
        relays: &[(&str, &str)],
    ) -> Claim {
        let registry = Registry::builtin();
        let sref = |(name, id): (&str, &str)| SourceRef {
            name: name.into(),
            kind: registry
                .index_of(id)
                .map_or("unknown", |i| &registry.get(i).kind)
                .into(),
            id: id.into(),
        };
        let origin = sref(source);
        Claim {
            id: id.into(),
            doc: doc.into(),
            text: "5,000".into(),
            value: 5000.0,
            low: 5000.0,
            high: Some(5000.0),
            qualifier: "exact".into(),
            measure: "casualties".into(),
            quantity: quantity.into(),
            source: origin.name,
            source_kind: origin.kind,
            source_id: origin.id,
            attribution: "speech".into(),
            relays: relays.iter().map(|&r| sref(r)).collect(),
            ..Claim::default()
        }
    }

    fn docs() -> Vec<DocumentInfo> {
        ["a", "b", "c"]
            .iter()
            .map(|id| DocumentInfo {
                id: (*id).into(),
                outlet: "ABC News".into(),
                ..DocumentInfo::default()
            })
            .collect()
    }

    #[test]
    fn chains_origins_and_parties() {
        let q = "casualties|north korean troops";
        let claims = [
            claim(
                "c1",
                "a",
                q,
                ("National Intelligence Service (South Korea)", "kr_nis"),
                &[("Yonhap News Agency", "yonhap")],
            ),
            claim(
                "c2",
                "b",
                q,
                ("National Intelligence Service (South Korea)", "kr_nis"),
                &[],
            ),
            claim(
                "c3",
                "c",
                q,
                ("UK Defence Intelligence", "uk_defence_intelligence"),
                &[],
            ),
            claim("c4", "c", q, ("Kyrylo Budanov", "person_budanov"), &[]),
            claim(
                "c5",
                "c",
                q,
                ("Volodymyr Zelenskyy", "person_zelenskyy"),
                &[],
            ),
        ];
        let g = ClaimGraph::build(&docs(), &claims, Registry::builtin());
        let chain = g.origin_chain("c1").unwrap();
        assert_eq!(chain.origin, "National Intelligence Service (South Korea)");
        assert_eq!(chain.relays, ["Yonhap News Agency"]);
        assert_eq!(chain.publisher, "ABC News");
        // The NIS twice (once relayed) is one origin; four origins in all.
        assert_eq!(g.independent_origins(q), 4);
        // Budanov and Zelenskyy both answer to Ukraine: three parties.
        assert_eq!(g.parties(q).len(), 3, "{:?}", g.parties(q));
        let relayed = g.relayed();
        assert_eq!(
            relayed["Yonhap News Agency"].iter().collect::<Vec<_>>(),
            ["National Intelligence Service (South Korea)"]
        );
        // The graph of claims handed over is the graph of claims lent.
        let owned = ClaimGraph::build_owned(&docs(), claims.to_vec(), Registry::builtin());
        assert_eq!(crate::to_json(&owned), crate::to_json(&g));
    }

    #[test]
    fn parents_become_part_of_edges() {
        let claims = [claim(
            "c1",
            "a",
            "q",
            ("Kyrylo Budanov", "person_budanov"),
            &[],
        )];
        let g = ClaimGraph::build(&docs(), &claims, Registry::builtin());
        let part_of = g
            .graph()
            .edge_weights()
            .filter(|r| **r == Relation::PartOf)
            .count();
        assert!(
            part_of >= 2,
            "Budanov -> intelligence -> ministry -> Ukraine"
        );
    }
}
