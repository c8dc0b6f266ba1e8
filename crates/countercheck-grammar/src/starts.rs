//! Where a figure may begin: the first digit of every run of digits, and every word
//! that is a number word of the lexicon ("seven", "dozens", "thirds").
//!
//! The text is classed sixty-four bytes at a step (letters, digits; see
//! [`crate::blocks`]) into a bit a byte, which gives where each run of digits and each
//! word begins, and which words are too short to be a number word.
//! A word of letters is packed, in lower case, into sixteen bytes and looked up in a
//! small open-addressed table of the number words: one probe whatever the size of the
//! lexicon. An Aho-Corasick automaton over the same words did this before, a state
//! change per byte of prose, and cost twice as much: nearly all prose is words that are
//! not numbers, and a word is cheaper to dismiss whole.

use crate::ascii::{HIGH, bytes_before, eight_at, letters_and_digits, lowered};
use crate::blocks::{BLOCK, block_at, classes};
use crate::span::Span;
use crate::token::is_word_char;

/// The number words a figure may begin at, compared whole and ignoring ASCII case.
#[derive(Debug)]
pub(crate) struct StartWords {
    /// Words of up to sixteen ASCII bytes, packed by [`pack`]; `(0, 0)` is a free slot.
    table: Box<[(u64, u64)]>,
    /// How far right the slot hash is shifted: 64 less the bits of a slot number.
    shift: u32,
    /// Length of the shortest and of the longest packed word.
    lengths: (usize, usize),
    /// What a block's letters, moved down one byte and two, are or-ed with before
    /// they mark the letters that begin a run long enough to be a packed word: the
    /// top bits, whose followers lie in the next block, when the shortest word
    /// needs the letter there; all bits when it does not.
    fills: [u64; 2],
    /// A bit for each first three bytes a packed word may begin with (see
    /// [`trigram`]): nearly every word of prose is dismissed by it alone.
    trigrams: Box<[u64; 512]>,
    /// Words that cannot be packed: longer than sixteen bytes or not ASCII. While
    /// there are any, texts are read a character at a time.
    others: Vec<Box<str>>,
}

/// A word of at most sixteen ASCII letters in lower case (the first byte lowest), as two
/// words; the unused bytes are zero, which no letter is, so the packing is one to one.
/// Other ASCII bytes but nought pack one to one too, up to the case of letters.
pub(crate) fn pack(word: &[u8]) -> (u64, u64) {
    let mut bytes = [0u8; 16];
    for (to, from) in bytes.iter_mut().zip(word) {
        *to = from.to_ascii_lowercase();
    }
    let [lo, hi] = [&bytes[..8], &bytes[8..]]
        .map(|half| u64::from_le_bytes(half.try_into().unwrap_or_default()));
    (lo, hi)
}

impl StartWords {
    /// The table of `words`. Only its first word is kept from a phrase, which is where
    /// the figure grammar is then tried. Words with an ASCII digit are left out: a
    /// digit marks a place of its own.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> StartWords {
        let mut packed = Vec::new();
        let mut others = Vec::new();
        for word in words {
            let word = word
                .split(|c: char| !is_word_char(c))
                .find(|w| !w.is_empty())
                .unwrap_or_default();
            if word.is_empty() || word.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            if word.len() <= 16 && word.bytes().all(|b| b.is_ascii_alphabetic()) {
                packed.push((pack(word.as_bytes()), word.len()));
            } else {
                others.push(word.into());
            }
        }
        // Under a quarter full, so a probe seldom takes a second slot.
        let bits = (packed.len() * 4)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut table = vec![(0, 0); 1 << bits].into_boxed_slice();
        let shift = 64 - bits;
        let mut lengths = (usize::MAX, 0);
        let mut trigrams = Box::new([0u64; 512]);
        for &(key, len) in &packed {
            lengths = (lengths.0.min(len), lengths.1.max(len));
            // A word shorter than three letters is followed by any byte at all.
            let any = |i: usize| if len > i { 0 } else { 255 };
            for a in 0..=any(1) {
                for b in 0..=any(2) {
                    let t = trigram(key.0 | a << 8 | b << 16);
                    trigrams[t / 64] |= 1 << (t % 64);
                }
            }
            let mut slot = slot_of(key, shift);
            while table[slot] != (0, 0) && table[slot] != key {
                slot = (slot + 1) & (table.len() - 1);
            }
            table[slot] = key;
        }
        // A word of one letter needs no letter after it; of two, one; of more, two.
        let fill = |j: usize| if lengths.0 > j { !0 >> j ^ !0 } else { !0 };
        StartWords {
            table,
            shift,
            lengths,
            fills: [fill(1), fill(2)],
            trigrams,
            others,
        }
    }

    /// False when no packed word begins as the bytes of `x` do (the first lowest).
    fn may_begin(&self, x: u64) -> bool {
        let t = trigram(x);
        self.trigrams[t / 64] & 1 << (t % 64) != 0
    }

    /// True when the packed word `key`, `len` bytes long, is in the table.
    fn holds(&self, key: (u64, u64), len: usize) -> bool {
        if len < self.lengths.0 || len > self.lengths.1 {
            return false;
        }
        let mut slot = slot_of(key, self.shift);
        loop {
            let there = self.table[slot];
            if there == key {
                return true;
            }
            if there == (0, 0) {
                return false;
            }
            slot = (slot + 1) & (self.table.len() - 1);
        }
    }

    /// True when `word`, which could not be packed, is one of the other words.
    fn holds_other(&self, word: &str) -> bool {
        self.others.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    /// The places of `text` where a figure may begin, in text order.
    pub(crate) fn starts<'t>(&'t self, text: &'t str) -> Starts<'t> {
        Starts {
            words: self,
            text,
            base: 0,
            next: 0,
            pending: 0,
            digits: 0,
            before: 0,
            at: 0,
        }
    }
}

/// A hash in fifteen bits of the first three bytes of `x` with their 0x20 bit set, so
/// the same for a letter in either case. Moved to the top of the word and multiplied
/// by an odd number, those 24 bits are mixed into the top bits of the product, which
/// are kept: four operations a word of prose.
fn trigram(x: u64) -> usize {
    (((x | 0x20_2020) << 40).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 49) as usize
}

/// The slot a packed word hashes to (FxHash's multiplier; the top bits are the best).
fn slot_of((lo, hi): (u64, u64), shift: u32) -> usize {
    ((lo ^ hi.rotate_left(23)).wrapping_mul(0x517c_c1b7_2722_0a95) >> shift) as usize
}

/// An iterator over the places where a figure may begin: the span of a number word, or
/// the first digit of a run of digits (which may sit inside a word: "F16", "x2").
pub(crate) struct Starts<'t> {
    words: &'t StartWords,
    text: &'t str,
    /// Where the block of `pending` begins.
    base: usize,
    /// Where the block after it begins.
    next: usize,
    /// A bit for each byte of that block where a run of digits or a word of ASCII
    /// letters begins, and that is still to be looked at.
    pending: u64,
    /// A bit for each byte of that block that is an ASCII digit.
    digits: u64,
    /// The last byte of that block: bit 0 set when it is a letter or digit, bit 1
    /// when it is a digit, so the next block knows whether its first byte goes on a
    /// word or a run.
    before: u64,
    /// Where the character-at-a-time reading goes on (see [`StartWords::others`]).
    at: usize,
}

/// How many bytes of `x` are ASCII letters before the first that is not, and those
/// bytes in lower case with the rest nought; `None` when a digit ends the letters,
/// as no number word holds one.
fn letter_run(x: u64) -> Option<(usize, u64)> {
    let (letters, digits) = letters_and_digits(x);
    let stop = !letters & HIGH;
    let n = (stop.trailing_zeros() / 8) as usize;
    if n < 8 && digits >> (8 * n) & 0x80 != 0 {
        return None;
    }
    Some((n, lowered(x) & bytes_before(stop)))
}

impl Starts<'_> {
    /// The end of the number word that begins at `at`, a letter that follows no
    /// letter or digit of ASCII.
    /// `x` holds the eight bytes at `at`.
    fn number_word_at(&self, at: usize, x: u64) -> Option<usize> {
        let bytes = self.text.as_bytes();
        if !self.words.may_begin(x) {
            return None;
        }
        let (n, lo) = letter_run(x)?;
        let (len, key) = if n < 8 {
            (n, (lo, 0))
        } else {
            let (m, hi) = letter_run(eight_at(bytes, at + 8))?;
            (8 + m, (lo, hi))
        };
        let end = at + len;
        if len == 16 && bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        let joined = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && is_word_char(c));
        // A letter outside ASCII on either side makes it part of a longer word.
        if !self.words.holds(key, len)
            || bytes.get(end).is_some_and(|b| !b.is_ascii())
                && joined(self.text[end..].chars().next())
            || at > 0 && !bytes[at - 1].is_ascii() && joined(self.text[..at].chars().next_back())
        {
            return None;
        }
        Some(end)
    }

    /// The next place, read a character at a time: used while the table holds words
    /// that cannot be packed.
    fn next_plain(&mut self) -> Option<Span> {
        let text = self.text;
        let mut prev = text[..self.at].chars().next_back();
        for (i, c) in text[self.at..].char_indices() {
            let i = self.at + i;
            let follows = prev;
            prev = Some(c);
            if c.is_ascii_digit() && !follows.is_some_and(|p| p.is_ascii_digit()) {
                self.at = i + 1;
                return Some(Span::new(i, i + 1));
            }
            if !is_word_char(c) || follows.is_some_and(is_word_char) {
                continue;
            }
            let end = text[i..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(j, _)| i + j);
            let word = &text[i..end];
            if word.len() <= 16 && word.bytes().all(|b| b.is_ascii_alphabetic()) {
                if self.words.holds(pack(word.as_bytes()), word.len()) {
                    self.at = end;
                    return Some(Span::new(i, end));
                }
            } else if self.words.holds_other(word) {
                self.at = end;
                return Some(Span::new(i, end));
            }
        }
        self.at = text.len();
        None
    }
}

impl Iterator for Starts<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        if !self.words.others.is_empty() {
            return self.next_plain();
        }
        let bytes = self.text.as_bytes();
        // The state is read into locals and written back once a place is found, so the
        // loop over blocks of prose keeps it in registers.
        let (mut pending, mut digits, mut base, mut next, mut before) =
            (self.pending, self.digits, self.base, self.next, self.before);
        let found = 'found: loop {
            while pending != 0 {
                let k = pending.trailing_zeros();
                pending &= pending - 1;
                let at = base + k as usize;
                if digits >> k & 1 != 0 {
                    break 'found Some(Span::new(at, at + 1));
                }
                if let Some(end) = self.number_word_at(at, eight_at(bytes, at)) {
                    break 'found Some(Span::new(at, end));
                }
            }
            if next >= bytes.len() {
                break None;
            }
            base = next;
            next = base + BLOCK;
            let block = classes(&block_at(bytes, base));
            let letters = block.letters;
            digits = block.digits;
            // Each byte's neighbour before it, in the same bit.
            let words = letters | digits;
            let after_word = words << 1 | before & 1;
            let after_digit = digits << 1 | before >> 1;
            // Most words of prose are short ("a", "of", "in"): those shorter than any
            // number word are passed over a whole block at a time.
            let [fill1, fill2] = self.words.fills;
            let long = (letters >> 1 | fill1) & (letters >> 2 | fill2);
            pending = digits & !after_digit | letters & !after_word & long;
            before = words >> 63 | digits >> 63 << 1;
        };
        (self.pending, self.digits, self.base, self.next, self.before) =
            (pending, digits, base, next, before);
        found
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Words that all pack, so the table is read eight bytes at a step; with "zwölf",
    /// which does not, it is read a character at a time.
    const MIXED: [&str; 8] = [
        "one",
        "ten",
        "seventeen",
        "Dozens",
        "couple",
        "ab",
        "sixteenlettersxy",
        "zwölf",
    ];
    const PACKED: &[&str] = MIXED.split_last().unwrap().1;

    /// The same places found plainly, a character at a time.
    fn plain(words: &[&str], text: &str) -> Vec<Span> {
        let firsts: Vec<&str> = words
            .iter()
            .filter_map(|w| w.split(|c: char| !is_word_char(c)).find(|w| !w.is_empty()))
            .collect();
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in text.char_indices() {
            if c.is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_digit()) {
                out.push(Span::new(i, i + 1));
            }
            if is_word_char(c) && !prev.is_some_and(is_word_char) {
                let end = text[i..]
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(text.len(), |(j, _)| i + j);
                let word = &text[i..end];
                if !word.bytes().any(|b| b.is_ascii_digit())
                    && firsts.iter().any(|w| w.eq_ignore_ascii_case(word))
                {
                    out.push(Span::new(i, end));
                }
            }
            prev = Some(c);
        }
        out
    }

    fn found(words: &[&str], text: &str) -> Vec<Span> {
        StartWords::new(words.iter().copied())
            .starts(text)
            .collect()
    }

    /// The places found both ways, which must agree but for "zwölf".
    fn both(text: &str) -> Vec<&str> {
        let packed = found(PACKED, text);
        let mut mixed = found(&MIXED, text);
        mixed.retain(|s| !text[s.range()].eq_ignore_ascii_case("zwölf"));
        assert_eq!(packed, mixed);
        packed.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn number_words_whole_and_in_any_case() {
        let text = "One often, TEN tenfold; someone saw dozens and seventeen.";
        assert_eq!(both(text), ["One", "TEN", "dozens", "seventeen"]);
    }

    #[test]
    fn first_digits_of_runs_also_inside_words() {
        let text = "1,200 F16s x2 and 3.5 one2";
        let at: Vec<usize> = found(PACKED, text).iter().map(|s| s.start).collect();
        assert_eq!(at, [0, 2, 7, 12, 18, 20, 25]);
        assert_eq!(found(&MIXED, text), found(PACKED, text));
    }

    #[test]
    fn words_outside_ascii() {
        // "tenö" and "öten" are one word each and no number word; "zwölf" is found
        // though it cannot be packed.
        let text = "tenö zwölf couple öten “ten”";
        assert_eq!(both(text), ["couple", "ten"]);
        let spans: Vec<&str> = found(&MIXED, text)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(spans, ["zwölf", "couple", "ten"]);
    }

    #[test]
    fn long_words_and_the_end_of_the_text() {
        let words = ["seventeen", "twentysomethingorother"];
        let text = "TwentySomethingOrOther seventeen";
        assert_eq!(found(&words, text), [Span::new(0, 22), Span::new(23, 32)]);
        let longer = "twentysomethingorothers seventeens";
        assert_eq!(found(&words, longer), []);
        assert_eq!(
            both("sixteenlettersxyz sixteenlettersxy"),
            ["sixteenlettersxy"]
        );
        assert_eq!(both("ab abc a"), ["ab"]);
    }

    #[test]
    fn a_phrase_keeps_its_first_word() {
        let text = "two thirds, half";
        let spans = found(&["two thirds", "-half", "2nd"], text);
        assert_eq!(spans, [Span::new(0, 3), Span::new(12, 16)]);
    }

    /// Words of three letters and more, so that shorter ones are passed over a block
    /// at a time.
    const LONG: [&str; 4] = ["one", "Ten", "dozens", "seventeen"];

    #[test]
    fn words_across_blocks() {
        // A number word begins at each of the last three bytes of the first block, and
        // a word of two letters ends it.
        for lead in 61..=63 {
            let text = format!("{} ten one", "x".repeat(lead - 1));
            let at: Vec<usize> = found(&LONG, &text).iter().map(|s| s.start).collect();
            assert_eq!(at, [lead, lead + 4], "ten at {lead}");
        }
        let text = format!("{} of ten", "x".repeat(60));
        assert_eq!(found(&LONG, &text), [Span::new(64, 67)]);
    }

    proptest! {
        #[test]
        fn as_found_plainly(text in "([a-zA-Z0-9]|one|Ten|dozens|seventeen|ab|sixteenlettersxy|zwölf|[ ,.ö“—]){0,80}") {
            prop_assert_eq!(found(PACKED, &text), plain(PACKED, &text));
            prop_assert_eq!(found(&MIXED, &text), plain(&MIXED, &text));
            prop_assert_eq!(found(&LONG, &text), plain(&LONG, &text));
        }
    }
}
