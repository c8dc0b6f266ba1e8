//! Lexicon phrases and how they match text.
//!
//! A phrase is written in a data file as it reads ("at least", "per cent", "-plus", "$").
//! A run of spaces in the phrase matches any run of whitespace in the text, so line breaks
//! and doubled spaces in articles do not hide a qualifier. A phrase with an upper-case
//! letter must match exactly ("May" the month, not "may" the verb); others ignore ASCII
//! case. A phrase that begins or ends with a letter or digit must do so at a word boundary.

use crate::ascii::{HIGH, alphanumeric, bytes_before, eight_at, fold_capitals, lowered};
use crate::token::{is_space, is_word_char, offset};

/// One entry of a lexicon table, ready to match.
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    text: Box<str>,
    exact_case: bool,
    starts_word: bool,
    ends_word: bool,
}

impl Phrase {
    pub(crate) fn new(text: &str) -> Self {
        let text = text.trim();
        Phrase {
            exact_case: text.chars().any(char::is_uppercase),
            starts_word: text.chars().next().is_some_and(is_word_char),
            ends_word: text.chars().next_back().is_some_and(is_word_char),
            text: text.into(),
        }
    }

    /// The phrase as written in its table.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    fn same(&self, a: char, b: char) -> bool {
        a == b || (!self.exact_case && a.eq_ignore_ascii_case(&b))
    }

    /// Length in bytes of the match at the start of `input`, if the phrase matches
    /// there: the plain lookup, which the tests hold tables' lookups to.
    #[cfg(test)]
    pub(crate) fn match_at(&self, input: &str) -> Option<usize> {
        self.match_past(input, 0)
    }

    /// Length in bytes of the match at the start of `input`, if the phrase matches
    /// there, when its first `known` bytes are known to match the input's and hold no
    /// space: a table's lookup has compared them already, eight at a time (see
    /// [`Head`]).
    ///
    /// Compares bytes: equal UTF-8 sequences are equal characters, and only ASCII
    /// letters fold case, so a byte compare with ASCII folding is the character compare.
    /// Lookups run at every word of every sentence, which makes this the hottest loop
    /// of claim analysis.
    fn match_past(&self, input: &str, known: usize) -> Option<usize> {
        let pat = self.text.as_bytes();
        let bytes = input.as_bytes();
        let (mut i, mut j) = (known, known);
        while i < pat.len() {
            let p = pat[i];
            if p.is_ascii_whitespace() {
                // A run of spaces in the phrase matches a run of any whitespace.
                while i < pat.len() && pat[i].is_ascii_whitespace() {
                    i += 1;
                }
                let rest = input.get(j..)?;
                let trimmed = rest.trim_start_matches(is_space);
                if trimmed.len() == rest.len() {
                    return None;
                }
                j += rest.len() - trimmed.len();
                continue;
            }
            let &c = bytes.get(j)?;
            if !(p == c || (!self.exact_case && p.eq_ignore_ascii_case(&c))) {
                return None;
            }
            i += 1;
            j += 1;
        }
        // The phrase ended on a character boundary of its own, so `j` is one of the input.
        let rest = input.get(j..)?;
        if self.ends_word && rest.chars().next().is_some_and(is_word_char) {
            return None;
        }
        Some(j)
    }

    /// Start of the match that ends exactly at the end of `before`, if the phrase is
    /// the last thing written there.
    pub(crate) fn match_before(&self, before: &str) -> Option<usize> {
        let mut rest = before;
        let mut pat = self.text.chars().rev().peekable();
        while let Some(p) = pat.next() {
            if is_space(p) {
                while pat.next_if(|c| is_space(*c)).is_some() {}
                let trimmed = rest.trim_end_matches(is_space);
                if trimmed.len() == rest.len() {
                    return None;
                }
                rest = trimmed;
                continue;
            }
            let mut chars = rest.chars();
            let c = chars.next_back()?;
            if !self.same(p, c) {
                return None;
            }
            rest = chars.as_str();
        }
        if self.starts_word && rest.chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        Some(rest.len())
    }
}

/// The key word of `phrase`: its longest run of letters and digits (the last of the
/// longest), with the number of non-space bytes written before it. "Dec." has "Dec",
/// "since the full-scale invasion" has "invasion", 18 bytes in.
fn key_word(phrase: &str) -> (usize, &str) {
    let mut best = (0, "");
    let mut lead = 0;
    for word in phrase.split_whitespace() {
        for (at, run) in runs(word) {
            if run.len() >= best.1.len() {
                best = (lead + at, run);
            }
        }
        lead += word.len();
    }
    best
}

/// The runs of letters and digits of `word`, with where each starts.
fn runs(word: &str) -> impl Iterator<Item = (usize, &str)> {
    word.split(|c: char| !is_word_char(c))
        .filter(|run| !run.is_empty())
        .map(move |run| (offset(word, run), run))
}

/// A lexicon table: phrases with a value each, indexed by their first byte and by
/// their last character, so a lookup only tries the few phrases that can match.
pub(crate) struct Table<T> {
    entries: Vec<(Phrase, T)>,
    /// For each first byte (ASCII folded): the phrases that begin with it.
    by_first: Vec<Vec<Head>>,
    /// For each first byte, a bit for each [`second_bit`] its phrases' second bytes may
    /// have: most words of prose share a first letter with some phrase but not a second
    /// one, and are dismissed by it without a look at the phrases.
    seconds: Vec<u64>,
    /// A bit for each [`run_key`] of the phrases that begin with an ASCII letter or
    /// digit. Such a phrase matches only where its first run of letters and digits is
    /// written whole, so a word whose run has no bit begins none of them.
    runs: Box<[u64; RUN_WORDS]>,
    /// The heads of those phrases in [`RUN_GROUPS`] groups by their run key (see
    /// [`run_group`]), each group in table order: group `g` is
    /// `run_heads[run_from[g]..run_from[g + 1]]`. A word is tried against the few
    /// phrases of its run's group, not against every phrase that shares its first
    /// letter.
    run_heads: Vec<Head>,
    run_from: Box<[u32]>,
    /// For each last character (see [`bucket`]): the key of the character before it
    /// (see [`before_last_key`]) and the phrase's index. Abbreviations all end in a
    /// dot, so the last character alone would leave all of them to try.
    by_last: Vec<Vec<(u16, u32)>>,
}

/// The [`before_last_key`] of a phrase that is one character long: any text matches.
const ANY_SECOND: u16 = 257;
/// The [`before_last_key`] of whitespace, which a phrase's space matches in any form.
const SPACE_SECOND: u16 = 256;

/// The first bytes of a phrase, up to eight and up to its first space, to be compared
/// with the first eight of a text before the phrase is matched there. Most lookups are
/// made at words that begin no phrase of the table, and most of the phrases a first
/// byte leaves part ways with the text within a few bytes.
#[derive(Clone, Copy, Debug)]
struct Head {
    /// The bytes, the first lowest, ASCII folded unless the phrase keeps its case.
    bytes: u64,
    /// The bytes of `bytes` that count.
    mask: u64,
    exact_case: bool,
    /// The phrase's index in the table.
    index: u32,
}

impl Head {
    fn of(phrase: &Phrase, index: u32) -> Head {
        let text = phrase.text.as_bytes();
        let len = text
            .iter()
            .take(8)
            .take_while(|b| !b.is_ascii_whitespace())
            .count();
        let mut bytes = eight_at(&text[..len], 0);
        if !phrase.exact_case {
            bytes = fold_capitals(bytes);
        }
        let mask = u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0);
        Head {
            bytes,
            mask,
            exact_case: phrase.exact_case,
            index,
        }
    }

    /// How many of the phrase's first bytes the head holds.
    fn len(&self) -> usize {
        (self.mask.count_ones() / 8) as usize
    }

    /// False when the phrase cannot match text whose first eight bytes are `raw` and,
    /// ASCII folded, `folded`.
    fn may_match(&self, raw: u64, folded: u64) -> bool {
        let text = if self.exact_case { raw } else { folded };
        text & self.mask == self.bytes
    }
}

/// The key of the character before the last one in `text`: its first byte, ASCII
/// folded, or [`SPACE_SECOND`] for whitespace; `None` when `text` has one character.
fn before_last_key(text: &str) -> Option<u16> {
    let mut chars = text.chars();
    chars.next_back()?;
    let c = chars.next_back()?;
    if is_space(c) {
        return Some(SPACE_SECOND);
    }
    let at = chars.as_str().len();
    Some(u16::from(text.as_bytes()[at].to_ascii_lowercase()))
}

/// How many words of bits [`Table::runs`] has: 4,096 bits, so that the few hundred
/// runs of a large table leave most of them clear.
const RUN_WORDS: usize = 64;

/// The run of ASCII letters and digits that begins the eight bytes `x` (the first
/// lowest), lowered, with the bytes after it nought; when the run fills all eight, the
/// eight with the top bit set, so that it differs from a run of seven and a nought.
/// The text that a phrase matches begins with the same run as the phrase, as its bytes
/// are the phrase's and a run ends where the phrase's first word does.
fn run_key(x: u64) -> u64 {
    let stop = !alphanumeric(x) & HIGH;
    if stop == 0 {
        lowered(x) | 1 << 63
    } else {
        lowered(x) & bytes_before(stop)
    }
}

/// The bit of a [`run_key`] in [`Table::runs`] (FxHash's multiplier; the top bits are
/// the best mixed).
fn run_bit(key: u64) -> usize {
    (key.wrapping_mul(0x517c_c1b7_2722_0a95) >> 52) as usize
}

/// How many groups [`Table::run_heads`] has: a table's few hundred runs leave one or two
/// phrases in most.
const RUN_GROUPS: usize = 256;

/// The group of a [`run_key`] in [`Table::run_heads`]: the top bits of its hash, as
/// [`run_bit`] takes them.
fn run_group(key: u64) -> usize {
    (key.wrapping_mul(0x517c_c1b7_2722_0a95) >> 56) as usize
}

/// The bit of a phrase's second byte in [`Table::seconds`]: its low six bits once
/// lowered, the same for a letter in either case (and shared by some other bytes, which
/// the phrases themselves then refuse).
fn second_bit(b: u8) -> u64 {
    1 << (b.to_ascii_lowercase() & 63)
}

/// The index bucket of a character: ASCII letters fold case, all non-ASCII share one.
fn bucket(c: Option<char>) -> usize {
    match c {
        Some(c) if c.is_ascii() => c.to_ascii_lowercase() as usize,
        Some(_) => 128,
        None => 129,
    }
}

impl<T> Table<T> {
    /// A table of `entries`, indexed.
    pub(crate) fn new(entries: Vec<(Phrase, T)>) -> Self {
        let mut by_first = vec![Vec::new(); 256];
        let mut seconds = vec![0u64; 256];
        let mut runs = Box::new([0u64; RUN_WORDS]);
        let mut by_last = vec![Vec::new(); 130];
        for (i, (p, _)) in entries.iter().enumerate() {
            let i = u32::try_from(i).expect("lexicon tables are small");
            if let Some(&b) = p.text.as_bytes().first() {
                let first = usize::from(b.to_ascii_lowercase());
                by_first[first].push(Head::of(p, i));
                // A space after the first byte may be any of several characters, one
                // outside ASCII among them: such a phrase lets every second byte by.
                seconds[first] |= match p.text.as_bytes().get(1) {
                    Some(&second) if !second.is_ascii_whitespace() => second_bit(second),
                    _ => u64::MAX,
                };
                if b.is_ascii_alphanumeric() {
                    let bit = run_bit(run_key(eight_at(p.text.as_bytes(), 0)));
                    runs[bit / 64] |= 1 << (bit % 64);
                }
            }
            let before_last = before_last_key(&p.text).unwrap_or(ANY_SECOND);
            by_last[bucket(p.text.chars().next_back())].push((before_last, i));
        }
        // Stable: each group keeps the table order, which breaks ties between phrases
        // of one length as `by_first` does.
        let mut keyed: Vec<(usize, Head)> = by_first
            .iter()
            .flatten()
            .filter_map(|h| {
                let (phrase, _) = &entries[h.index as usize];
                let bytes = phrase.text.as_bytes();
                bytes
                    .first()
                    .is_some_and(u8::is_ascii_alphanumeric)
                    .then(|| (run_group(run_key(eight_at(bytes, 0))), *h))
            })
            .collect();
        keyed.sort_by_key(|&(group, h)| (group, h.index));
        let mut run_from = vec![0u32; RUN_GROUPS + 1].into_boxed_slice();
        for &(group, _) in &keyed {
            run_from[group + 1] += 1;
        }
        for b in 1..run_from.len() {
            run_from[b] += run_from[b - 1];
        }
        Table {
            entries,
            by_first,
            seconds,
            runs,
            run_heads: keyed.into_iter().map(|(_, h)| h).collect(),
            run_from,
            by_last,
        }
    }

    /// The key word of each phrase (see [`key_word`]): any match of the phrase holds it
    /// as a whole word of the text (see `key_words`).
    pub(crate) fn key_words(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .map(|(p, _)| key_word(p.as_str()).1)
            .filter(|w| !w.is_empty())
    }

    /// The most bytes, spaces not counted, that a phrase of the table has before its
    /// key word: a match of the table begins at most this many non-space bytes before
    /// the key word it holds.
    pub(crate) fn key_word_lead(&self) -> usize {
        self.entries
            .iter()
            .map(|(p, _)| key_word(p.as_str()).0)
            .max()
            .unwrap_or(0)
    }

    /// The entries in table order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &(Phrase, T)> {
        self.entries.iter()
    }

    /// The longest phrase that `keep` accepts and that matches at the start of `input`,
    /// with its length in bytes.
    ///
    /// Asked of most words of the sentences read, most of which begin no phrase of the
    /// table: the test of their first two bytes is made where the lookup is asked,
    /// without a call.
    #[inline(always)]
    pub(crate) fn longest_where(
        &self,
        input: &str,
        keep: impl Fn(&T) -> bool,
    ) -> Option<(usize, &T)> {
        let bytes = input.as_bytes();
        let &lead = bytes.first()?;
        let first = usize::from(lead.to_ascii_lowercase());
        if bytes
            .get(1)
            .is_some_and(|&b| self.seconds[first] & second_bit(b) == 0)
        {
            return None;
        }
        self.longest_past_two(input, lead, first, keep)
    }

    /// [`longest_where`](Self::longest_where) of an input whose first two bytes some
    /// phrase of the table begins with: its first byte `lead`, and that byte in lower
    /// case as an index, `first`.
    #[inline(never)]
    fn longest_past_two(
        &self,
        input: &str,
        lead: u8,
        first: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Option<(usize, &T)> {
        let mut best: Option<(usize, &T)> = None;
        let bytes = input.as_bytes();
        let raw = eight_at(bytes, 0);
        let heads = if lead.is_ascii_alphanumeric() {
            let key = run_key(raw);
            let bit = run_bit(key);
            if self.runs[bit / 64] & 1 << (bit % 64) == 0 {
                return None;
            }
            let group = run_group(key);
            &self.run_heads[self.run_from[group] as usize..self.run_from[group + 1] as usize]
        } else {
            &self.by_first[first][..]
        };
        let folded = fold_capitals(raw);
        for head in heads {
            if !head.may_match(raw, folded) {
                continue;
            }
            let (phrase, value) = &self.entries[head.index as usize];
            if !keep(value) {
                continue;
            }
            if let Some(n) = phrase.match_past(input, head.len())
                && best.is_none_or(|(m, _)| n > m)
            {
                best = Some((n, value));
            }
        }
        best
    }

    /// The longest phrase matching at the start of `input`, with its length in bytes.
    pub(crate) fn longest(&self, input: &str) -> Option<(usize, &T)> {
        self.longest_where(input, |_| true)
    }

    /// True when some phrase matches at the start of `input`.
    pub(crate) fn matches(&self, input: &str) -> bool {
        self.longest(input).is_some()
    }

    /// The longest phrase that `keep` accepts and that ends exactly at the end of
    /// `before`, with the offset where it starts.
    pub(crate) fn longest_before(
        &self,
        before: &str,
        keep: impl Fn(&T) -> bool,
    ) -> Option<(usize, &T)> {
        let mut best: Option<(usize, &T)> = None;
        let before_last = before_last_key(before);
        for &(key, i) in &self.by_last[bucket(before.chars().next_back())] {
            if key != ANY_SECOND && Some(key) != before_last {
                continue;
            }
            let (phrase, value) = &self.entries[i as usize];
            if !keep(value) {
                continue;
            }
            if let Some(s) = phrase.match_before(before)
                && best.is_none_or(|(m, _)| s < m)
            {
                best = Some((s, value));
            }
        }
        best
    }
}

/// Text for property tests of a table's lookups: its phrases and some other words,
/// joined by each of `spaces` (which a phrase's own spaces become too), some parts in
/// capitals.
#[cfg(test)]
pub(crate) fn phrase_soup(
    phrases: Vec<String>,
    others: Vec<&'static str>,
    spaces: Vec<&'static str>,
    most: usize,
) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let part = prop_oneof![
        proptest::sample::select(phrases),
        proptest::sample::select(others).prop_map(str::to_owned),
    ];
    let space = proptest::sample::select(spaces);
    proptest::collection::vec((part, space, any::<bool>()), 0..most).prop_map(|parts| {
        let mut s = String::new();
        for (part, space, upper) in parts {
            let part = part.replace(' ', space);
            s.push_str(&if upper { part.to_uppercase() } else { part });
            s.push_str(space);
        }
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_case() {
        let p = Phrase::new("at least");
        assert_eq!(p.match_at("At  least 70"), Some(9));
        assert_eq!(p.match_at("at\nleast"), Some(8));
        assert_eq!(p.match_at("at leastwise"), None);
        assert_eq!(p.match_at("atleast"), None);
    }

    #[test]
    fn exact_case_when_capitalised() {
        let p = Phrase::new("May");
        assert_eq!(p.match_at("May 5"), Some(3));
        assert_eq!(p.match_at("may 5"), None);
    }

    #[test]
    fn before() {
        let p = Phrase::new("aged");
        assert_eq!(p.match_before("a man aged"), Some(6));
        assert_eq!(p.match_before("a man engaged"), None);
        let dollar = Phrase::new("$");
        assert_eq!(dollar.match_before("US$"), Some(2));
        let two = Phrase::new("age of");
        assert_eq!(two.match_before("at the age  of"), Some(7));
    }

    #[test]
    fn glued_suffix() {
        let p = Phrase::new("-plus");
        assert_eq!(p.match_at("-plus troops"), Some(5));
    }

    #[test]
    fn table_lookups() {
        let t = Table::new(vec![
            (Phrase::new("at least"), 1),
            (Phrase::new("at most"), 2),
            (Phrase::new("about"), 3),
        ]);
        assert_eq!(t.longest("At most 5"), Some((7, &2)));
        assert_eq!(t.longest("around"), None);
        assert_eq!(t.longest_before("for about", |_| true), Some((4, &3)));
        assert_eq!(t.longest_where("about 5", |v| *v != 3), None);
    }

    /// Phrases of every shape the index treats apart: spaces early and late, longer
    /// than eight bytes, kept case, one character, outside ASCII, a first run of exactly
    /// eight, one that a letter outside ASCII ends, one of digits and letters.
    const SHAPES: [&str; 16] = [
        "at least",
        "a",
        "at",
        "more than",
        "internally displaced",
        "May",
        "U.S.",
        "$",
        "-plus",
        "’s",
        "per cent",
        "Kh-101 missiles",
        "eightabc",
        "São Paulo",
        "2nd",
        "sevenab of",
    ];

    proptest::proptest! {
        #[test]
        fn index_finds_what_trying_every_phrase_finds(
            s in phrase_soup(
                SHAPES.iter().map(|p| p.to_string()).collect(),
                vec![
                    "atlas", "more", "may", "u.s", "internal", "kh-101", "thanx", "eightab",
                    "eightabcd", "Sã", "são", "2n", "2nds", "sevenabc", "SEVENAB",
                ],
                vec![" ", "  ", "\n", "\u{a0}"],
                6,
            ),
            from in 0usize..40,
        ) {
            let table = Table::new(SHAPES.iter().enumerate().map(|(i, p)| (Phrase::new(p), i)).collect());
            let Some(input) = s.get(from.min(s.len())..) else {
                return Ok(());
            };
            let tried = table
                .iter()
                .filter_map(|(p, v)| Some((p.match_at(input)?, v)))
                .fold(None, |best: Option<(usize, &usize)>, (n, v)| {
                    if best.is_none_or(|(m, _)| n > m) { Some((n, v)) } else { best }
                });
            proptest::prop_assert_eq!(table.longest(input), tried);
        }
    }
}
