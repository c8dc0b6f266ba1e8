//! The words of a document that are key words of a lexicon table, found by hash among
//! the document's [`WordList`].
//!
//! Every phrase of a table holds its key word (see [`Table::key_words`]), and a phrase
//! that matches has that word written as a whole run of letters: a phrase's words are
//! apart, a phrase begins where a word does, and one that ends in a letter ends where a
//! word does. So a stretch of text with no hit holds no phrase of the table, and where
//! there are hits a phrase can only begin a few words before one of them. Rules that
//! would look a table up at every word look only there.

use std::sync::LazyLock;

use crate::phrase::Table;
use crate::span::Span;
use crate::token::is_word_char;
use crate::word_list::{WordList, Words, alphanumeric_at};
use crate::words::Token;

/// The key words of a table, by their [`WordList`] hashes, and how far before one a
/// phrase may begin.
pub(crate) struct KeyWords {
    /// Bit `h % 4096` is set for every hash `h` of the set: most words of a text are
    /// none of them, and one bit says so.
    filter: [u64; 64],
    /// The hashes, sorted.
    hashes: Vec<u64>,
    /// [`Table::key_word_lead`] of the table.
    lead: usize,
}

impl KeyWords {
    /// The key words of `table`.
    ///
    /// # Panics
    /// When a key word is not one run of letters and digits, which the table's
    /// `key_words` never give.
    pub(crate) fn of<T>(table: &Table<T>) -> KeyWords {
        let mut hashes: Vec<u64> = table
            .key_words()
            .map(|w| match Words::new(w.as_bytes()).collect::<Vec<_>>()[..] {
                [one] if one.start == 0 && one.end == w.len() => one.hash,
                _ => panic!("key word {w:?} is not one word"),
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        let mut filter = [0; 64];
        for &h in &hashes {
            let bit = h % 4096;
            filter[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        KeyWords {
            filter,
            hashes,
            lead: table.key_word_lead(),
        }
    }

    /// The most non-space bytes of a phrase written before its key word.
    pub(crate) fn lead(&self) -> usize {
        self.lead
    }

    fn contains(&self, hash: u64) -> bool {
        let bit = hash % 4096;
        self.filter[(bit / 64) as usize] & (1 << (bit % 64)) != 0
            && self.hashes.binary_search(&hash).is_ok()
    }

    /// The words of `words` that are key words. A document's words are searched for
    /// every set at once by [`WordList::key_hits`].
    #[cfg(test)]
    pub(crate) fn hits(&self, words: &WordList<'_>) -> Hits {
        let base = words.range().start;
        // Key words are a few in a hundred words of news: room for that many, so the
        // list is seldom copied as it grows.
        let mut hits = Vec::with_capacity(words.words().len() / 32 + 4);
        hits.extend(
            words
                .words()
                .iter()
                .filter(|w| self.contains(w.hash))
                .map(|w| Span::new(base + w.start, base + w.end)),
        );
        Hits(hits)
    }
}

/// The tables whose key words every document's [`WordList`] is searched for, in one
/// pass (see [`WordList::key_hits`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeySet {
    /// The attribution phrases.
    Triggers,
    /// The time phrases.
    Times,
    /// The tolls of the measure words ("death toll").
    Tolls,
}

/// How many [`KeySet`]s there are.
pub(crate) const KEY_SETS: usize = 3;

/// The key words of every [`KeySet`], found together: a word of the document is tested
/// against one filter of all of them, and only the few that pass are sorted out by
/// set. Three passes, one a set, had cost three times the one.
struct KeySets {
    /// The union of the sets' filters.
    filter: [u64; 64],
    sets: [&'static KeyWords; KEY_SETS],
}

static KEY_SETS_OF_DOCUMENTS: LazyLock<KeySets> = LazyLock::new(|| {
    let sets: [&'static KeyWords; KEY_SETS] = [
        &crate::attribution::TRIGGERS,
        &crate::time::KEYS,
        &crate::measure::TOLL_KEYS,
    ];
    let mut filter = [0; 64];
    for set in sets {
        for (all, one) in filter.iter_mut().zip(set.filter) {
            *all |= one;
        }
    }
    KeySets { filter, sets }
});

/// The hits of every [`KeySet`] among `words`, in the order of the sets.
pub(crate) fn key_hits_of(words: &WordList<'_>) -> [Hits; KEY_SETS] {
    let keys = &*KEY_SETS_OF_DOCUMENTS;
    let base = words.range().start;
    // Room for a key word in every thirty-two words (the seed articles hold an
    // attribution key word in about every thirty-five): grown from empty, the lists
    // were copied a few times a document.
    let room = words.words().len() / 32 + 4;
    let mut hits: [Hits; KEY_SETS] = std::array::from_fn(|_| Hits(Vec::with_capacity(room)));
    for w in words.words() {
        let bit = w.hash % 4096;
        if keys.filter[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
            continue;
        }
        for (set, found) in keys.sets.iter().zip(&mut hits) {
            if set.contains(w.hash) {
                found.0.push(Span::new(base + w.start, base + w.end));
            }
        }
    }
    hits
}

/// Key words found in a document, in text order.
#[derive(Debug, Default)]
pub(crate) struct Hits(Vec<Span>);

impl Hits {
    /// How many words were hit.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The hits wholly inside `range`.
    pub(crate) fn within(&self, range: Span) -> impl Iterator<Item = Span> + '_ {
        let first = self.0.partition_point(|h| h.start < range.start);
        self.0[first..]
            .iter()
            .take_while(move |h| h.start < range.end)
            .filter(move |h| h.end <= range.end)
            .copied()
    }
}

/// [`phrase_starts_into`] a new vector, for the tests.
#[cfg(test)]
pub(crate) fn phrase_starts(
    toks: &[Token<'_>],
    hits: impl Iterator<Item = Span>,
    lead: usize,
) -> Vec<usize> {
    let mut starts = Vec::new();
    phrase_starts_into(toks, hits, lead, &mut starts);
    starts
}

/// The indices of the tokens of `toks` at which a phrase may begin, into `starts`,
/// which is cleared first (a caller that reads one sentence after another keeps one
/// buffer): those at most `lead` non-space bytes before one of `hits`. Tokens hold
/// every non-space character, so the bytes of the tokens between are the non-space
/// bytes between.
pub(crate) fn phrase_starts_into(
    toks: &[Token<'_>],
    hits: impl Iterator<Item = Span>,
    lead: usize,
    starts: &mut Vec<usize>,
) {
    starts.clear();
    for hit in hits {
        let k = toks.partition_point(|t| t.span.end <= hit.start);
        let Some(first) = toks.get(k) else {
            continue;
        };
        let mut before = hit.start.saturating_sub(first.span.start);
        let mut j = k;
        while before <= lead {
            starts.push(j);
            let Some(prev) = j.checked_sub(1) else {
                break;
            };
            j = prev;
            before += toks[j].span.len();
        }
    }
    starts.sort_unstable();
    starts.dedup();
}

/// True when `at` falls inside a run of letters and digits of `text`. A stretch that
/// begins or ends so may hold a phrase whose key word is no whole word of the text
/// ("toll" of "toll5" when the stretch ends before the 5), so hits cannot speak for it.
pub(crate) fn cuts_word(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|before| before.chars().next_back())
        .is_some_and(is_word_char)
        && alphanumeric_at(text.as_bytes(), at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase::Phrase;

    fn table(phrases: &[&str]) -> Table<()> {
        Table::new(phrases.iter().map(|p| (Phrase::new(p), ())).collect())
    }

    #[test]
    fn whole_words_in_any_case() {
        let keys = KeyWords::of(&table(&["death toll", "toll", "according to"]));
        let text = "The Death toll, tolls and ACCORDING to tollgate";
        let words = WordList::of(text, Span::new(4, text.len()));
        let hits: Vec<&str> = keys
            .hits(&words)
            .within(Span::new(0, text.len()))
            .map(|h| &text[h.range()])
            .collect();
        assert_eq!(hits, ["Death", "toll", "ACCORDING"]);
        assert_eq!(keys.lead(), 0);
        assert_eq!(KeyWords::of(&table(&["put the toll at"])).lead(), 6);
    }

    #[test]
    fn one_pass_finds_what_each_set_finds() {
        let text = "The death toll rose to 63 on Tuesday, officials said, according to \
                    Reuters; evacuation orders were lifted last week, the TOLL said it \
                    told reporters since the full-scale invasion. Tolls, tolled, toll.";
        let words = WordList::of(text, Span::new(0, text.len()));
        let sets = [
            (KeySet::Triggers, &*crate::attribution::TRIGGERS),
            (KeySet::Times, &*crate::time::KEYS),
            (KeySet::Tolls, &*crate::measure::TOLL_KEYS),
        ];
        for (set, keys) in sets {
            let all = Span::new(0, text.len());
            let together: Vec<Span> = words.key_hits(set).within(all).collect();
            let alone: Vec<Span> = keys.hits(&words).within(all).collect();
            assert!(!alone.is_empty(), "{set:?} finds nothing in the sample");
            assert_eq!(together, alone, "{set:?}");
        }
    }

    #[test]
    fn key_words_are_runs_of_letters() {
        let t = table(&["-plus", "Dec.", "since the full-scale invasion"]);
        assert_eq!(
            t.key_words().collect::<Vec<_>>(),
            ["plus", "Dec", "invasion"]
        );
        // "since" + "the" + "full-scale" come before "invasion".
        assert_eq!(KeyWords::of(&t).lead(), 18);
        let text = "300-plus on Dec. 19 since the full-scale invasion";
        let words = WordList::of(text, Span::new(0, text.len()));
        let hits: Vec<&str> = KeyWords::of(&t)
            .hits(&words)
            .within(Span::new(0, text.len()))
            .map(|h| &text[h.range()])
            .collect();
        assert_eq!(hits, ["plus", "Dec", "invasion"]);
    }

    #[test]
    fn cut_words() {
        assert!(cuts_word("toll5", 4));
        assert!(!cuts_word("toll 5", 4));
        assert!(!cuts_word("toll", 4));
        assert!(!cuts_word("toll", 0));
        assert!(cuts_word("Київ", 2));
    }
}
