//! The place gazetteer, `data/places.csv`: countries, regions, cities and seas, with
//! the spellings news uses, and the place a claim is about.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use countercheck_grammar::{Span, WordList};
use serde::Deserialize;

use crate::gazetteer::{Mention, Names};

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Place {
    /// Stable id: `ua_kyiv`.
    pub id: String,
    /// Canonical name: "Kyiv".
    pub name: String,
    /// Other spellings, `|`-separated in the file.
    pub aliases: String,
    /// country, region, city, district, territory, water, other.
    pub kind: String,
    /// ISO 3166-1 alpha-2 code of the country it lies in.
    pub country: String,
    /// Id of the place that contains it.
    pub parent: String,
}

/// The place gazetteer, with its names ready to search.
pub struct Places {
    places: Vec<Place>,
    names: Names,
    /// What [`Places::within`] reads, made on its first call: extraction never asks.
    tree: OnceLock<Tree>,
}

/// The places as a tree: the first place of each canonical name, and for each place
/// the first place whose id is its parent's.
struct Tree {
    by_name: HashMap<String, usize>,
    parents: Vec<Option<usize>>,
}

impl Tree {
    fn of(places: &[Place]) -> Tree {
        let mut by_name = HashMap::with_capacity(places.len());
        let mut by_id = HashMap::with_capacity(places.len());
        for (i, p) in places.iter().enumerate() {
            by_name.entry(p.name.clone()).or_insert(i);
            by_id.entry(p.id.as_str()).or_insert(i);
        }
        let parents = places
            .iter()
            .map(|p| by_id.get(p.parent.as_str()).copied())
            .collect();
        Tree { by_name, parents }
    }
}

static PLACES: LazyLock<Places> = LazyLock::new(|| {
    let places: Vec<Place> = countercheck_grammar::csv_rows(
        csv::ReaderBuilder::new().from_reader(include_str!("../../../data/places.csv").as_bytes()),
    )
    .collect::<Result<_, _>>()
    .unwrap_or_else(|e| panic!("data/places.csv: {e}"));
    let names = Names::new(places.iter().map(|p| {
        std::iter::once(p.name.as_str())
            .chain(p.aliases.split('|'))
            .collect()
    }));
    Places {
        places,
        names,
        tree: OnceLock::new(),
    }
});

impl Places {
    /// The gazetteer compiled into the binary from `data/places.csv`.
    pub fn builtin() -> &'static Places {
        &PLACES
    }

    /// The place at `index`.
    pub fn get(&self, index: usize) -> &Place {
        &self.places[index]
    }

    /// True when the place named `inner` lies inside the place named `outer` (canonical
    /// names): Kursk Oblast lies in Russia.
    ///
    /// A report asks this of every pair of disagreeing claims with different places:
    /// names and parents are looked up in indexes, not by a walk of the table.
    pub fn within(&self, inner: &str, outer: &str) -> bool {
        let tree = self.tree.get_or_init(|| Tree::of(&self.places));
        let Some(&(mut i)) = tree.by_name.get(inner) else {
            return false;
        };
        // Parent chains are short; the bound guards against a cycle in the table.
        for _ in 0..16 {
            let Some(p) = tree.parents[i] else {
                return false;
            };
            if self.places[p].name == outer {
                return true;
            }
            i = p;
        }
        false
    }

    /// All places, in file order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The places named in `text[range]`, in text order.
    pub fn mentions(&self, text: &str, range: Span) -> Vec<Mention> {
        self.names.find(text, range)
    }

    /// The places named in the words `words` of a document, in text order.
    pub fn mentions_in(&self, words: &WordList<'_>) -> Vec<Mention> {
        self.names.find_in(words)
    }

    /// The places' names, ready to search.
    pub(crate) fn names(&self) -> &Names {
        &self.names
    }
}

/// True for a mention that names where the events are, as opposed to a dateline
/// ("(LONDON) —", written in capitals: where the reporter is) or the owner of an
/// institution ("Ukraine's State Emergency Service").
pub fn is_setting(text: &str, m: &Mention) -> bool {
    let name = &text[m.span.range()];
    let dateline = name.chars().filter(|c| c.is_alphabetic()).count() > 2
        && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    let rest = &text[m.span.end..];
    let owner = ["'s ", "’s "]
        .iter()
        .any(|p| rest.starts_with(p) && rest[p.len()..].starts_with(char::is_uppercase));
    !dateline && !owner
}

/// The place a claim at `at` in sentence `sentence` of paragraph `paragraph` is about:
/// the nearest place named in its sentence, else the first in its paragraph, else the
/// first of the document (`mentions` are the document's settings, in order).
pub fn place_of(
    mentions: &[Mention],
    at: usize,
    sentence: Span,
    paragraph: Span,
) -> Option<&Mention> {
    let distance = |m: &&Mention| {
        if m.span.start >= at {
            m.span.start - at
        } else {
            at - m.span.end
        }
    };
    // Mentions are in text order: find the sentence's and the paragraph's by bisection.
    let first_from = |start: usize| mentions.partition_point(|m| m.span.start < start);
    let (from, to) = (first_from(sentence.start), first_from(sentence.end));
    mentions[from..to.max(from)]
        .iter()
        .min_by_key(distance)
        .or_else(|| {
            mentions
                .get(first_from(paragraph.start))
                .filter(|m| paragraph.contains(m.span.start))
        })
        .or_else(|| mentions.first())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_list_serves_both_gazetteers() {
        let text = "PARIS (AFP) - Ukraine's State Emergency Service said drones hit Kharkiv \
                    and the Kyiv region; Reuters quoted the governor of Kharkiv.";
        let range = Span::new(14, text.len());
        let words = WordList::of(text, range);
        let places = Places::builtin();
        let sources = crate::Registry::builtin();
        let found = places.mentions_in(&words);
        assert_eq!(found, places.mentions(text, range));
        assert!(found.iter().any(|m| &text[m.span.range()] == "Kharkiv"));
        // The place before the body is outside the list's range.
        assert!(found.iter().all(|m| m.span.start >= range.start));
        let named = sources.mentions_in(&words);
        assert_eq!(named, sources.mentions(text, range));
        assert!(named.iter().any(|m| &text[m.span.range()] == "Reuters"));
    }

    #[test]
    fn places_lie_within_their_parents_and_theirs() {
        let p = Places::builtin();
        assert!(p.within("Sudzha", "Kursk Oblast"));
        assert!(p.within("Sudzha", "Russia"));
        assert!(p.within("Kursk Oblast", "Russia"));
        assert!(!p.within("Russia", "Sudzha"));
        assert!(!p.within("Sudzha", "Ukraine"));
        assert!(!p.within("Sudzha", "Sudzha"));
        assert!(!p.within("Atlantis", "Russia"));
    }

    #[test]
    fn finds_places_and_prefers_the_sentence() {
        let p = Places::builtin();
        assert!(p.places().len() > 300);
        let text = "Drones hit Kharkiv. In Kyiv, 12 people were hurt.";
        let found = p.mentions(text, Span::new(0, text.len()));
        let names: Vec<&str> = found.iter().map(|m| p.get(m.entry).name.as_str()).collect();
        assert_eq!(names, ["Kharkiv", "Kyiv"]);
        let at = text.find("12").unwrap();
        let m = place_of(
            &found,
            at,
            Span::new(20, text.len()),
            Span::new(0, text.len()),
        )
        .unwrap();
        assert_eq!(p.get(m.entry).name, "Kyiv");
    }
}
