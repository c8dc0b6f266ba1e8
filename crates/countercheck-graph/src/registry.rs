//! The source gazetteer, `data/sources.csv`: governments, militaries, intelligence and
//! emergency services, UN agencies, monitors, media and officials, each with its aliases,
//! kind, country, parent and side.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::{LazyLock, OnceLock};

use countercheck_grammar::{Blocks, Span, WordList};
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
    /// For each word of the lowered names, the sources that hold it: a description
    /// ("the emergency service") is matched only against the sources holding all its
    /// words, not searched for in every name of every source that spoke before it.
    /// Built on the first description: a run that meets none does not pay for it.
    word_holders: OnceLock<WordHolders>,
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
            word_holders: OnceLock::new(),
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

    /// The sources whose lowered names hold every word of `needle` (in lower case):
    /// all that may hold `needle` itself as whole words, and no other.
    pub(crate) fn holding_words_of(&self, needle: &str) -> Cow<'_, Sources> {
        let mut words = words_of(needle);
        let Some(first) = words.next() else {
            return Cow::Owned(Sources::all(self.sources.len()));
        };
        let holders = self
            .word_holders
            .get_or_init(|| word_holders(&self.lowered));
        // Most descriptions hold a word no source does ("the mayor"): the empty set
        // for them allocates nothing.
        let Some(mut held) = holders.get(first).map(Cow::Borrowed) else {
            return Cow::Owned(Sources::empty());
        };
        for word in words {
            match holders.get(word) {
                Some(holders) => held.to_mut().keep_only(holders),
                None => return Cow::Owned(Sources::empty()),
            }
        }
        held
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

/// For each word of some sources' lowered names, the sources holding it.
type WordHolders = HashMap<Box<str>, Sources, BuildHasherDefault<Blocks>>;

fn word_holders(lowered: &[Vec<String>]) -> WordHolders {
    let mut holders = WordHolders::default();
    for (i, names) in lowered.iter().enumerate() {
        for word in names.iter().flat_map(|n| words_of(n)) {
            holders
                .entry(word.into())
                .or_insert_with(|| Sources::none(lowered.len()))
                .insert(i);
        }
    }
    holders
}

/// The words of a name: its runs of letters and digits, as a description is matched
/// against whole words.
fn words_of(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A set of sources, by index: one bit each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sources(Box<[u64]>);

impl Sources {
    /// No source, held in no memory: a set that cannot take sources.
    fn empty() -> Sources {
        Sources(Box::default())
    }

    /// No source of a registry of `len`, ready to take some.
    fn none(len: usize) -> Sources {
        Sources(vec![0; len.div_ceil(64)].into())
    }

    /// Every source of a registry of `len`.
    fn all(len: usize) -> Sources {
        let mut set = Sources(vec![!0; len.div_ceil(64)].into());
        if let Some(last) = set.0.last_mut()
            && !len.is_multiple_of(64)
        {
            *last >>= 64 - len % 64;
        }
        set
    }

    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// Drops the sources not in `other`.
    fn keep_only(&mut self, other: &Sources) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    /// True when source `i` is in the set.
    pub(crate) fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
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

    /// Whole-word containment the slow way: every place `needle` occurs in a name,
    /// with no letter or digit on either side.
    fn held_as_words(name: &str, needle: &str) -> bool {
        name.match_indices(needle).any(|(i, _)| {
            !name[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !name[i + needle.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
    }

    #[test]
    fn word_holders_include_every_source_holding_a_needle() {
        let r = Registry::builtin();
        let needles = [
            "emergency service",
            "service",
            "ministry of defence",
            "office",
            "zelensky's office",
            "u.s.",
            "army",
            "no such body",
            "",
        ];
        for needle in needles {
            let held = r.holding_words_of(needle);
            for i in 0..r.sources().len() {
                let holds = r.lowered_names(i).iter().any(|n| held_as_words(n, needle));
                // Every source holding the needle is kept: the index only narrows.
                assert!(!holds || held.contains(i), "{needle:?} {}", r.get(i).id);
            }
        }
        // One word is held exactly by the sources whose names have it as a word.
        let office = r.holding_words_of("office");
        for i in 0..r.sources().len() {
            let holds = r
                .lowered_names(i)
                .iter()
                .any(|n| held_as_words(n, "office"));
            assert_eq!(holds, office.contains(i), "{}", r.get(i).id);
        }
        assert!(r.holding_words_of("no such body").0.iter().all(|&w| w == 0));
    }

    #[test]
    fn a_set_of_all_sources_holds_each_and_no_more() {
        for len in [1, 63, 64, 65, 395] {
            let all = Sources::all(len);
            assert!((0..len).all(|i| all.contains(i)), "{len}");
            assert!(!all.contains(len), "{len}");
        }
    }
}
