//! The source gazetteer, `data/sources.csv`: governments, militaries, intelligence and
//! emergency services, UN agencies, monitors, media and officials, each with its aliases,
//! kind, country, parent and side.

use std::collections::HashMap;
use std::sync::LazyLock;

use countercheck_grammar::{Span, WordList};
use serde::{Deserialize, Serialize};

use crate::gazetteer::{Mention, Names};

/// One source of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Source {
    /// Stable id: `kr_nis`, `person_zelenskyy`.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other names news uses, `|`-separated in the file.
    #[serde(deserialize_with = "split_bars")]
    pub aliases: Vec<String>,
    /// government, military, intelligence, emergency service, health ministry, UN/NGO,
    /// media, person, party spokesperson, monitor, research.
    pub kind: String,
    /// ISO 3166-1 alpha-2 code; empty for international bodies.
    pub country: String,
    /// Id of the body this one belongs to; empty at the top.
    pub parent: String,
    /// The side of a conflict it belongs to, if a party to one.
    pub side: String,
}

fn split_bars<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let s = String::deserialize(d)?;
    Ok(s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect())
}

/// The gazetteer, with its names ready to search.
pub struct Registry {
    sources: Vec<Source>,
    names: Names,
    /// Each source's name and aliases in lower case, for matching descriptions ("the
    /// emergency service") without lowering them again at every lookup.
    lowered: Vec<Vec<String>>,
    /// Each source's index by its id: the graph looks one up for every claim.
    by_id: HashMap<String, usize>,
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| {
    Registry::from_csv(include_str!("../../../data/sources.csv"))
        .unwrap_or_else(|e| panic!("data/sources.csv: {e}"))
});

impl Registry {
    /// The gazetteer compiled into the binary from `data/sources.csv`.
    pub fn builtin() -> &'static Registry {
        &REGISTRY
    }

    /// A registry read from CSV text with the columns of `data/sources.csv`.
    pub fn from_csv(data: &str) -> Result<Registry, csv::Error> {
        let sources =
            countercheck_grammar::csv_rows(csv::ReaderBuilder::new().from_reader(data.as_bytes()))
                .collect::<Result<Vec<Source>, _>>()?;
        let names = Names::new(sources.iter().map(|s| {
            std::iter::once(s.name.as_str())
                .chain(s.aliases.iter().map(String::as_str))
                .collect()
        }));
        let lowered = sources
            .iter()
            .map(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .map(|n| n.to_lowercase())
                    .collect()
            })
            .collect();
        let mut by_id = HashMap::new();
        for (i, s) in sources.iter().enumerate() {
            // The first of two sources with one id wins, as a scan in file order would.
            by_id.entry(s.id.clone()).or_insert(i);
        }
        Ok(Registry {
            sources,
            names,
            lowered,
            by_id,
        })
    }

    /// All sources, in file order.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source at `index`.
    pub fn get(&self, index: usize) -> &Source {
        &self.sources[index]
    }

    /// The name and aliases of the source at `index`, in lower case.
    pub(crate) fn lowered_names(&self, index: usize) -> &[String] {
        &self.lowered[index]
    }

    /// The index of the source with id `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The names of sources written in `text[range]`, in text order.
    pub fn mentions(&self, text: &str, range: Span) -> Vec<Mention> {
        self.names.find(text, range)
    }

    /// The names of sources written in the words `words` of a document, in text order.
    pub fn mentions_in(&self, words: &WordList<'_>) -> Vec<Mention> {
        self.names.find_in(words)
    }

    /// The sources' names, ready to search.
    pub(crate) fn names(&self) -> &Names {
        &self.names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_gazetteer_is_consistent() {
        let r = Registry::builtin();
        assert!(r.sources().len() >= 150);
        for s in r.sources() {
            assert!(
                s.parent.is_empty() || r.index_of(&s.parent).is_some(),
                "{}: parent {} missing",
                s.id,
                s.parent
            );
        }
        let text = "South Korea’s National Intelligence Service said, according to Yonhap.";
        let names: Vec<&str> = r
            .mentions(text, Span::new(0, text.len()))
            .iter()
            .map(|m| r.get(m.entry).id.as_str())
            .collect();
        assert!(names.contains(&"yonhap"), "{names:?}");
    }
}
