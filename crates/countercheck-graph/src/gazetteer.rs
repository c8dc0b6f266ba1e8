//! Finding the names of a gazetteer in text: every name and alias of every entry, at
//! word boundaries, in one pass over the words. Acronyms ("NIS", "SES", "HUR") must
//! match in their case; other names ignore ASCII case, and straight and curly
//! apostrophes are the same ("South Korea's" and "South Korea’s").
//!
//! Names are indexed by their first two words, so the scan hashes each word of the text
//! once and compares whole names only where the words they begin with are written.
//! Thousands of names then cost hardly more than a few. An automaton over all of them
//! ran at half this speed, and an index by the first word alone was no faster than the
//! automaton, because so many names begin "the", "Ukrainian" or "Russian".

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use countercheck_grammar::{Span, Word, WordList, Words, alphanumeric_at, eq_folded, fnv1a};

/// A name of entry `entry` found at `span`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where the name is written.
    pub span: Span,
    /// Index of the entry it names.
    pub entry: usize,
}

/// One name to look for.
struct Pattern {
    /// The entry it names.
    entry: usize,
    /// Whether its case must match (acronyms).
    exact: bool,
    /// The name as written in the gazetteer; in lower case, as far as ASCII goes, when
    /// its case need not match.
    text: Box<[u8]>,
}

/// The words a name is indexed by: its first, and its second when the gap between them
/// is at most this many bytes ("U.S.", "Ukraine’s"); a name with a wider gap is indexed
/// by its first word alone.
const GAP: usize = 8;

/// Bits in each index's filter: most words of the text begin no name, and a bit test
/// tells so before any table is looked at.
const FILTER_BITS: usize = 1 << 16;

/// A bit for each of a set of hashes, `h % FILTER_BITS`: a hash whose bit is clear is
/// not in the set. Of a fixed length, so the test of a word needs no bounds check.
struct Filter(Box<[u64; FILTER_BITS / 64]>);

impl Default for Filter {
    fn default() -> Filter {
        Filter(Box::new([0; FILTER_BITS / 64]))
    }
}

impl Filter {
    /// Sets the bit of `hash`.
    fn mark(&mut self, hash: u64) {
        let bit = hash as usize % FILTER_BITS;
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False when `hash` was never marked.
    fn may_hold(&self, hash: u64) -> bool {
        let bit = hash as usize % FILTER_BITS;
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Hashes of the words that begin names, to those names as indices into `patterns`.
#[derive(Default)]
struct Index {
    /// The names by hash while the index is built; [`freeze`](Self::freeze) moves them
    /// into `slots` and `ids`.
    names: HashMap<u64, Vec<u32>, BuildHasherDefault<Prehashed>>,
    /// Every hash in `names`, and those marked for names in another index.
    filter: Filter,
    /// An open-addressed table, a power of two long and at most half full: a hash, and
    /// where its names lie in `ids` (an empty range for a free slot). A word the filter
    /// lets by costs one probe into one array, where a map of vectors cost two
    /// scattered reads, and the walk over every word made those often enough to show.
    slots: Vec<(u64, u32, u32)>,
    ids: Vec<u32>,
    /// 64 less the bits of a slot number.
    shift: u32,
}

impl Index {
    fn insert(&mut self, hash: u64, name: u32) {
        self.mark(hash);
        self.names.entry(hash).or_default().push(name);
    }

    /// Moves the names into the table that [`get`](Self::get) reads.
    fn freeze(&mut self) {
        let names = std::mem::take(&mut self.names);
        let len = (2 * names.len()).next_power_of_two().max(2);
        self.shift = 64 - len.trailing_zeros();
        self.slots = vec![(0, 0, 0); len];
        self.ids.clear();
        for (hash, list) in names {
            let start = u32::try_from(self.ids.len()).expect("fewer than 2^32 names");
            self.ids.extend(&list);
            let end = u32::try_from(self.ids.len()).expect("fewer than 2^32 names");
            let mut s = self.slot_of(hash);
            while self.slots[s].2 != 0 {
                s = (s + 1) & (len - 1);
            }
            self.slots[s] = (hash, start, end);
        }
    }

    fn slot_of(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Sets the filter's bit for `hash` alone: the names behind it are in another index.
    fn mark(&mut self, hash: u64) {
        self.filter.mark(hash);
    }

    /// False when no name is indexed, or marked, under `hash`.
    fn may_hold(&self, hash: u64) -> bool {
        self.filter.may_hold(hash)
    }

    fn get(&self, hash: u64) -> &[u32] {
        if !self.may_hold(hash) || self.slots.is_empty() {
            return &[];
        }
        let mask = self.slots.len() - 1;
        let mut s = self.slot_of(hash);
        loop {
            let (key, start, end) = self.slots[s];
            if end == 0 {
                return &[];
            }
            if key == hash {
                return &self.ids[start as usize..end as usize];
            }
            s = (s + 1) & mask;
        }
    }
}

/// The names of a gazetteer's entries, ready to search.
pub(crate) struct Names {
    /// Names of one word (or one indexed word), by the hash of that word.
    by_one_word: Index,
    /// Names of two words, or of more with a wide gap after the second, by the hash of
    /// their first two.
    by_two_words: Index,
    /// Names of three or more words, by the hash of their first three: the many names
    /// that begin "North Korean" or "U.S." are told apart by their third word before
    /// any is compared with the text. Their first two are marked in `by_two_words`'
    /// filter, so the third word is hashed only after a pair that begins some name.
    by_three_words: Index,
    /// A filter of the first words of all names: a word it turns away begins none, and
    /// the walk over a document's words goes past it without hashing it with the next.
    firsts: Filter,
    patterns: Vec<Pattern>,
}

/// True for short all-capital names, whose case carries meaning: "NIS" is not "nis".
fn is_acronym(name: &str) -> bool {
    // Counted in one pass: collecting the letters into a vector for each of the
    // gazetteers' four thousand names was a sixth of `extract`'s start-up.
    let (mut letters, mut capitals) = (0, 0);
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        capitals += usize::from(c.is_uppercase());
    }
    letters <= 6 && capitals >= 2 && !name.contains(' ')
}

impl Names {
    /// Names for `entries`, each given as its list of names. A name is found only where
    /// it begins a word, so a name must begin with a letter or a digit.
    pub(crate) fn new<'a>(entries: impl IntoIterator<Item = Vec<&'a str>>) -> Names {
        let mut patterns = Vec::new();
        for (entry, names) in entries.into_iter().enumerate() {
            for name in names {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let exact = is_acronym(name);
                let mut add = |mut text: String| {
                    if !exact {
                        text.make_ascii_lowercase();
                    }
                    patterns.push(Pattern {
                        entry,
                        exact,
                        text: text.into_bytes().into_boxed_slice(),
                    });
                };
                if name.contains('\'') {
                    add(name.replace('\'', "’"));
                }
                add(name.to_owned());
            }
        }
        let mut by_one_word = Index::default();
        let mut by_two_words = Index::default();
        let mut by_three_words = Index::default();
        let mut firsts = Filter::default();
        for (i, p) in patterns.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 2^32 names");
            let mut words = Words::new(&p.text);
            let Some(first) = words.next() else {
                continue;
            };
            firsts.mark(first.hash);
            match words
                .next()
                .filter(|second| second.start - first.end <= GAP)
            {
                Some(second) => {
                    let pair = pair_hash(first.hash, second.hash);
                    match words.next().filter(|third| third.start - second.end <= GAP) {
                        Some(third) => {
                            by_two_words.mark(pair);
                            by_three_words.insert(pair_hash(pair, third.hash), i);
                        }
                        None => by_two_words.insert(pair, i),
                    }
                }
                None => by_one_word.insert(first.hash, i),
            }
        }
        for index in [&mut by_one_word, &mut by_two_words, &mut by_three_words] {
            index.freeze();
        }
        Names {
            by_one_word,
            by_two_words,
            by_three_words,
            firsts,
            patterns,
        }
    }

    /// The names found in `text[range]`, in text order, with spans into `text`. Where
    /// names overlap, the one that begins first wins, and the longest of those.
    pub(crate) fn find(&self, text: &str, range: Span) -> Vec<Mention> {
        self.find_in(&WordList::of(text, range))
    }

    /// As [`find`](Self::find), over words already split and hashed: two gazetteers
    /// searching one document share that work.
    pub(crate) fn find_in(&self, words: &WordList<'_>) -> Vec<Mention> {
        let [found] = find_in_all([self], words);
        found
    }

    /// The longest of the candidate names written at `start` and ending at a word
    /// boundary; of two as long, the first listed. Gives its end and entry.
    fn longest(
        &self,
        hay: &[u8],
        start: usize,
        one: &[u32],
        two: &[u32],
        three: &[u32],
    ) -> Option<(usize, usize)> {
        one.iter()
            .chain(two)
            .chain(three)
            .filter_map(|&i| {
                let p = &self.patterns[i as usize];
                let end = start + p.text.len();
                let written = hay.get(start..end)?;
                let same = if p.exact {
                    written == &*p.text
                } else {
                    eq_folded(written, &p.text)
                };
                (same && !alphanumeric_at(hay, end)).then_some((end, p.entry))
            })
            .max_by_key(|&(end, entry)| (end, std::cmp::Reverse(entry)))
    }
}

/// The names of each of `gazetteers` written in `words`, in text order, found in one
/// walk over the words: the hashes of the word with the next and with the next two are
/// made once for all.
pub(crate) fn find_in_all<const N: usize>(
    gazetteers: [&Names; N],
    words: &WordList<'_>,
) -> [Vec<Mention>; N] {
    let range = words.range();
    let hay = &words.text().as_bytes()[range.range()];
    let all = words.words();
    // Room for a name every forty words or so, more than reporting holds: grown from
    // empty, each list was copied a few times a document.
    let mut out = [(); N].map(|()| Found {
        mentions: Vec::with_capacity((all.len() / 40 + 8).min(4096)),
        taken_to: 0,
    });
    for (k, word) in all.iter().enumerate() {
        // Most words begin no name of any gazetteer.
        if !gazetteers.iter().any(|g| g.firsts.may_hold(word.hash)) {
            continue;
        }
        let pair = all
            .get(k + 1)
            .filter(|c| c.start - word.end <= GAP)
            .map(|c| (pair_hash(word.hash, c.hash), c.end));
        // The third word, when it is near enough: hashed with the pair only where a
        // gazetteer's filter says the pair begins a name.
        let third = all.get(k + 2);
        for (names, found) in gazetteers.iter().zip(&mut out) {
            found.visit(names, word, pair, || At {
                hay,
                base: range.start,
                word,
                pair,
                third,
            });
        }
    }
    out.map(|f| f.mentions)
}

/// What one gazetteer has found so far in a walk over a document's words.
#[derive(Default)]
struct Found {
    mentions: Vec<Mention>,
    /// Where the last name found ends: a word inside it begins none.
    taken_to: usize,
}

/// A word of the walk, with what follows it.
struct At<'a> {
    /// The bytes of the words' stretch, which starts at `base` of the document;
    /// offsets of words are into it.
    hay: &'a [u8],
    base: usize,
    word: &'a Word,
    /// The hash of the word and the next, and where the next ends, when it is near
    /// enough.
    pair: Option<(u64, usize)>,
    /// The word after the next.
    third: Option<&'a Word>,
}

impl Found {
    /// Tries `word`, followed by words whose hash with it is `pair`, as the start of a
    /// name of `names`; `at` gives the rest of its place, for the few words that get
    /// past the filters.
    #[inline(always)]
    fn visit<'a>(
        &mut self,
        names: &Names,
        word: &Word,
        pair: Option<(u64, usize)>,
        at: impl FnOnce() -> At<'a>,
    ) {
        // Most words begin no name, and the filters say so: this much is inlined into
        // the walk over every word, the rest is not.
        if word.start < self.taken_to
            || !(names.by_one_word.may_hold(word.hash)
                || pair.is_some_and(|(h, _)| names.by_two_words.may_hold(h)))
        {
            return;
        }
        self.try_names(names, &at());
    }

    /// [`visit`](Self::visit) past the filters.
    #[inline(never)]
    fn try_names(&mut self, names: &Names, at: &At<'_>) {
        let At {
            hay,
            base,
            word,
            pair,
            third,
        } = *at;
        let one = names.by_one_word.get(word.hash);
        let (mut two, mut three): (&[u32], &[u32]) = (&[], &[]);
        if let Some((pair, second_end)) = pair
            && names.by_two_words.may_hold(pair)
        {
            two = names.by_two_words.get(pair);
            if let Some(third) = third.filter(|t| t.start - second_end <= GAP) {
                three = names.by_three_words.get(pair_hash(pair, third.hash));
            }
        }
        if let Some((end, entry)) = names.longest(hay, word.start, one, two, three) {
            self.mentions.push(Mention {
                span: Span::new(base + word.start, base + end),
                entry,
            });
            self.taken_to = end;
        }
    }
}

/// The hash of two words from the hashes of each.
fn pair_hash(first: u64, second: u64) -> u64 {
    first.rotate_left(17) ^ second.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; fold anything else so the hasher stays total.
        self.0 = fnv1a(bytes);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'t>(names: &Names, text: &'t str) -> Vec<(&'t str, usize)> {
        names
            .find(text, Span::new(0, text.len()))
            .into_iter()
            .map(|m| (&text[m.span.range()], m.entry))
            .collect()
    }

    #[test]
    fn boundaries_case_and_apostrophes() {
        let names = Names::new([vec!["NIS", "South Korea's spy agency"], vec!["Kyiv"]]);
        let text = "nis? NIS said; South Korea’s spy agency and Kyivstar, KYIV.";
        assert_eq!(
            found(&names, text),
            [("NIS", 0), ("South Korea’s spy agency", 0), ("KYIV", 1)]
        );
    }

    #[test]
    fn longest_name_that_ends_at_a_boundary_wins() {
        let names = Names::new([
            vec!["Kyiv"],
            vec!["Kyiv Oblast"],
            vec!["U.S."],
            vec!["Zaporizhzhia"],
        ]);
        let text = "Kyiv Oblastx, Kyiv Oblast; U.S.-led, the U.S.A, Запоріжжя Zaporizhzhia’s";
        assert_eq!(
            found(&names, text),
            [
                ("Kyiv", 0),
                ("Kyiv Oblast", 1),
                ("U.S.", 2),
                ("Zaporizhzhia", 3)
            ]
        );
    }

    /// Names of one, two and three or more words that share their first words: the
    /// longest written wins, whichever index holds it.
    #[test]
    fn names_sharing_their_first_words() {
        let names = Names::new([
            vec!["North Korea"],
            vec!["North Korean troops", "North Korean army"],
            vec!["North Korean"],
            vec!["U.S.", "U.S. Army", "U.S. Army Europe"],
            vec!["The Kyiv Independent"],
        ]);
        let text = "North Korean troops, North Korean forces, North Korea's army; \
                    U.S. Army Europe and U.S. Army, U.S. Navy; the Kyiv Independent; \
                    North Korean   troops.";
        assert_eq!(
            found(&names, text),
            [
                ("North Korean troops", 1),
                ("North Korean", 2),
                ("North Korea", 0),
                ("U.S. Army Europe", 3),
                ("U.S. Army", 3),
                ("U.S.", 3),
                ("the Kyiv Independent", 4),
                // A gap too wide for the index: not the name, which has one space.
                ("North Korean", 2),
            ]
        );
    }

    #[test]
    fn a_name_inside_a_longer_word_is_not_found() {
        let names = Names::new([vec!["US"], vec!["Ur"]]);
        assert!(found(&names, "house USA Uruguay thus émus").is_empty());
        assert_eq!(found(&names, "ÉUS US"), [("US", 0)]);
    }

    #[test]
    fn search_stays_within_its_range() {
        let names = Names::new([vec!["Kyiv"]]);
        let text = "Kyiv and Kyiv";
        let m = names.find(text, Span::new(4, text.len()));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].span, Span::new(9, 13));
    }

    /// The gazetteer's search written plainly: at each word not inside a name already
    /// found, every name is compared with the text, and the longest that ends at a
    /// boundary wins (of two as long, the first listed).
    fn plain(names: &Names, text: &str) -> Vec<(usize, usize, usize)> {
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut taken_to = 0;
        for word in Words::new(hay) {
            if word.start < taken_to {
                continue;
            }
            let best = names
                .patterns
                .iter()
                .filter_map(|p| {
                    let end = word.start + p.text.len();
                    let written = hay.get(word.start..end)?;
                    let same = if p.exact {
                        written == &*p.text
                    } else {
                        written.eq_ignore_ascii_case(&p.text)
                    };
                    (same && !alphanumeric_at(hay, end)).then_some((end, p.entry))
                })
                .max_by_key(|&(end, entry)| (end, std::cmp::Reverse(entry)));
            if let Some((end, entry)) = best {
                out.push((word.start, end, entry));
                taken_to = end;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_index_finds_what_a_plain_search_finds(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "North", "north", "Korea", "Korean", "troops", "the", "The", "U.S.",
                    "Army", "NIS", "nis", "Kyiv", "Oblast", "Kyivstar", "’s", "'s", ",",
                    "  ", "\n", "-", "spy", "agency", "South", "Europe",
                ]),
                0..30,
            ),
            spaces in proptest::collection::vec(proptest::bool::ANY, 30),
        ) {
            let names = Names::new([
                vec!["North Korea", "North Korean army"],
                vec!["North Korean troops", "the North"],
                vec!["NIS", "South Korea's spy agency"],
                vec!["U.S.", "U.S. Army", "U.S. Army Europe"],
                vec!["Kyiv", "Kyiv Oblast"],
                vec!["Korean"],
            ]);
            let mut text = String::new();
            for (w, space) in words.iter().zip(&spaces) {
                text.push_str(w);
                if *space {
                    text.push(' ');
                }
            }
            let got: Vec<(usize, usize, usize)> = names
                .find(&text, Span::new(0, text.len()))
                .into_iter()
                .map(|m| (m.span.start, m.span.end, m.entry))
                .collect();
            proptest::prop_assert_eq!(got, plain(&names, &text));
        }
    }
}
