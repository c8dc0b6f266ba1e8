//! A claim as every output shows it: one row of claims.csv, with its provenance.

use arcstr::ArcStr;

use serde::Serialize;

/// The column names, in order, for a header when there are no rows.
pub const COLUMNS: [&str; 26] = [
    "id",
    "doc",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "measure",
    "subject",
    "place",
    "as_of",
    "rate",
    "source",
    "source_kind",
    "relay",
    "outlet",
    "published",
    "quantity",
    "derived_from",
    "sentence",
    "source_id",
    "attribution",
    "notes",
];

/// One claim, with every column of the claims.csv contract and a few more.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Claim {
    /// Stable id: `DOC:START-END`, with `:count` for the count a share implies.
    pub id: String,
    /// The document it was read from.
    pub doc: ArcStr,
    /// Byte offset of the figure in its document.
    pub start: usize,
    /// Byte offset just past the figure.
    pub end: usize,
    /// The figure as written.
    pub text: ArcStr,
    /// The stated number (the midpoint for ranges and vague quantities).
    pub value: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// `None` when unbounded: an empty cell, JSON null.
    pub high: Option<f64>,
    /// exact, approx, nearly, at_least, more_than, at_most, less_than, range or vague.
    pub qualifier: ArcStr,
    /// Empty for counts, `percent` for shares.
    pub unit: ArcStr,
    /// killed, injured, casualties, hospitalized, missing, captured, deployed, missiles, drones, displaced or other.
    pub measure: ArcStr,
    /// What it counts: "north korean troops", "people".
    pub subject: ArcStr,
    /// Where, from the place gazetteer.
    pub place: ArcStr,
    /// The claim's own time, ISO 8601.
    pub as_of: ArcStr,
    /// The period of a rate ("week" for "5,000 a week").
    pub rate: ArcStr,
    /// Who made it.
    pub source: ArcStr,
    /// The kind of source, `unknown` when not in the gazetteer.
    pub source_kind: ArcStr,
    /// The relay chain, nearest the source first, `;`-separated.
    pub relay: ArcStr,
    /// Who published the document.
    pub outlet: ArcStr,
    /// When the document was published.
    pub published: ArcStr,
    /// The key of the quantity it measures.
    pub quantity: ArcStr,
    /// For a count implied by a share, the claim it is a share of.
    pub derived_from: ArcStr,
    /// The sentence it was read from.
    pub sentence: ArcStr,
    /// The gazetteer id of the source, when it is listed.
    pub source_id: ArcStr,
    /// How the source was found: quote, according, speech, relay or outlet.
    pub attribution: ArcStr,
    /// What the rules guessed, for a reader to check.
    pub notes: ArcStr,
    /// The relays one by one, nearest the source first (the `relay` column joins their names).
    #[serde(skip)]
    pub relays: Vec<SourceRef>,
}

/// A source as a claim names it: its name, kind and gazetteer id (empty when unlisted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SourceRef {
    /// The name: the gazetteer's, or as written.
    pub name: String,
    /// Its kind: government, military, ..., media, person, or unknown.
    pub kind: String,
    /// Its gazetteer id, or empty.
    pub id: String,
}

impl From<&crate::registry::Source> for SourceRef {
    fn from(s: &crate::registry::Source) -> SourceRef {
        SourceRef {
            name: s.name.clone(),
            kind: s.kind.clone(),
            id: s.id.clone(),
        }
    }
}
