//! Sources and places for countercheck: the gazetteers compiled from `data/sources.csv`
//! and `data/places.csv`, finding their names in text, and resolving who a claim's
//! agent is — a listed source, a pronoun for the last person named, a description such
//! as "the ministry" for the last source that fits, or an unlisted name kept as written.
//!
//! # Example
//!
//! ```
//! use countercheck_graph::{Origin, Registry, Resolver};
//! use countercheck_grammar::Span;
//!
//! let text = "Ukraine’s State Emergency Service said 70 were hurt.";
//! let registry = Registry::builtin();
//! let mut resolver = Resolver::new(registry, text, 0);
//! let agent = Span::new(0, text.find(" said").unwrap());
//! let (origin, _) = resolver.resolve(agent);
//! let Origin::Known(i) = origin else { panic!("listed") };
//! assert_eq!(registry.get(i).name, "State Emergency Service of Ukraine");
//! ```

mod copies;
mod export;
mod gazetteer;
mod model;
mod places;
mod record;
mod registry;
mod resolve;

/// The shared string type of a claim's cells: one pointer wide, its length kept with
/// the text, so each of a claim's eighteen cells takes 8 bytes where `Arc<str>` takes 16.
pub use arcstr::ArcStr;
pub use copies::{COPY_THRESHOLD, Fingerprint, copies, copies_of, fingerprint, similarity};
pub use countercheck_grammar::{Blocks, WordList};
pub use export::{to_dot, to_graphml, to_json};
pub use gazetteer::Mention;
pub use model::{
    ClaimGraph, DocumentInfo, Node, OriginChain, Provenance, ProvenanceFinder, Relation, SourceNode,
};
pub use places::{Place, Places, is_setting, place_of};
pub use record::{COLUMNS, Claim, DIGITS, SourceRef, digit_bytes, push_digits};
pub use registry::{Registry, Source};
pub use resolve::{Basis, Origin, Resolver};
