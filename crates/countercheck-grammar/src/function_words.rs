//! The closed-class words the claim rules look for — auxiliaries, pronouns, words that
//! end a phrase or open an adjunct — read from `data/lexicon/function_words.csv`.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::phrase::{Phrase, Table};

/// A set of function words; see the header of the data file for what each is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WordSet {
    /// Ends the noun phrase after a figure.
    PhraseEnd,
    /// May stand between a subject and its measure verb.
    Auxiliary,
    /// Ends an agent written before its verb.
    AgentEnd,
    /// Opens an adverbial phrase rather than a name.
    AdverbialOpener,
    /// Begins an adjunct after a closing "said".
    AdjunctStart,
    /// Begins a relative clause.
    Relative,
    /// A pronoun that can be a speaker.
    SpeakerPronoun,
    /// A pronoun resolved to the last person or body named.
    ReferringPronoun,
    /// Shows a figure's noun was left out.
    Ellipsis,
    /// Points from a share back to a count already given.
    LeadsBack,
    /// A description that fits any body.
    GenericHead,
    /// Hands the verb after it to another figure.
    Conjunction,
    /// Skipped after "of" before the counted noun.
    OfDeterminer,
    /// May stand between a share's "of" and its base.
    BaseDeterminer,
    /// Before a figure, makes it part of the one before.
    PartMarker,
    /// Keeps an auxiliary's reach.
    AuxContinuation,
    /// A pronoun for a body, not a person.
    ImpersonalPronoun,
    /// A word of a noun phrase that names nothing.
    Filler,
    /// Capitalised, but no sign of a name in an agent. It stays the last: the sets
    /// are counted by it.
    NotAName,
}

/// How many sets there are: [`WordSet::NotAName`] is the last.
const SET_COUNT: usize = WordSet::NotAName as usize + 1;

/// The sets, by [`WordSet`] number: an index, where a hash map keyed by the set
/// hashed it at every lookup, and the claim rules look up a word at nearly every word.
static SETS: LazyLock<Vec<Table<()>>> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Row {
        word: String,
        set: WordSet,
    }
    let mut sets: Vec<Vec<(Phrase, ())>> = vec![Vec::new(); SET_COUNT];
    for r in crate::lexicon::read::<Row>(
        "function_words.csv",
        include_str!("../../../data/lexicon/function_words.csv"),
    ) {
        sets[r.set as usize].push((Phrase::new(&r.word), ()));
    }
    sets.into_iter().map(Table::new).collect()
});

/// True when `word` is, whole, one of the words of `set` (ignoring ASCII case).
pub fn is_in(set: WordSet, word: &str) -> bool {
    SETS[set as usize]
        .longest(word)
        .is_some_and(|(n, _)| n == word.len())
}

/// True when `text` begins with one of the phrases of `set`.
pub(crate) fn starts_with(set: WordSet, text: &str) -> bool {
    SETS[set as usize].matches(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_read() {
        assert!(is_in(WordSet::Auxiliary, "Were"));
        assert!(!is_in(WordSet::Auxiliary, "weren"));
        assert!(starts_with(WordSet::LeadsBack, "of those arriving"));
        assert!(is_in(WordSet::ReferringPronoun, "it"));
    }
}
