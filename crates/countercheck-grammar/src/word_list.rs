//! The words of a document as runs of letters and digits, each hashed with its ASCII
//! letters in lower case, in one pass. Rules that ask "is this one of my words?" of every
//! word of a document (attribution and time phrases, the source and place gazetteers)
//! compare hashes instead of text, and share the pass.

use std::cell::OnceCell;

use crate::ascii::{
    HIGH, bytes_before, eight_at, leading_alphanumeric, letters_and_digits, lowered,
};
use crate::blocks::{BLOCK, block_at, classes};
use crate::hash::Blocks;
use crate::key_words::{Hits, KEY_SETS, KeySet, key_hits_of};
use crate::span::Span;
use crate::token::is_word_char;

/// The words of a stretch of a document, split and hashed once for every rule that
/// looks words up by their hash: attribution and time phrases and both gazetteers. It holds
/// the document, so it is searched in the text it was made from.
#[derive(Debug)]
pub struct WordList<'t> {
    /// The document.
    text: &'t str,
    /// The stretch, in the document's offsets.
    range: Span,
    /// Its words, with offsets relative to `range.start`.
    words: Vec<Word>,
    /// The hits of each [`KeySet`] among the words, found on first asking.
    key_hits: OnceCell<[Hits; KEY_SETS]>,
}

impl<'t> WordList<'t> {
    /// The words of `text[range]`.
    ///
    /// # Panics
    /// When `range` is not within `text`.
    pub fn of(text: &'t str, range: Span) -> WordList<'t> {
        let hay = &text.as_bytes()[range.range()];
        // The list of the thread's last document, if it is done with: a document's
        // list is tens of kilobytes, and a fresh one each time went to the allocator's
        // slow path, and back, once a document.
        let mut words = SPARE.take();
        words.clear();
        // A word and the space after it take about six bytes of English prose: sized
        // so, the list seldom grows, where growing from empty copied it a dozen times.
        words.reserve(hay.len() / 6 + 1);
        split_into(hay, &mut words);
        WordList {
            text,
            range,
            words,
            key_hits: OnceCell::new(),
        }
    }

    /// The words that are key words of the tables of `set`: the first asking finds
    /// those of every set, in one pass.
    pub(crate) fn key_hits(&self, set: KeySet) -> &Hits {
        &self.key_hits.get_or_init(|| key_hits_of(self))[set as usize]
    }

    /// [`key_hits`](Self::key_hits) of `set`, for a rule that keeps them once the
    /// words are dropped: moved out, not copied.
    pub(crate) fn into_key_hits(mut self, set: KeySet) -> Hits {
        let mut all = self.key_hits.take().unwrap_or_else(|| key_hits_of(&self));
        std::mem::take(&mut all[set as usize])
    }

    /// The document.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The stretch of the document whose words these are.
    pub fn range(&self) -> Span {
        self.range
    }

    /// The words, in text order, with offsets relative to [`range`](Self::range)'s start.
    pub fn words(&self) -> &[Word] {
        &self.words
    }
}

thread_local! {
    /// The word vector of the last [`WordList`] dropped on this thread, kept for the
    /// next (see [`WordList::of`]).
    static SPARE: std::cell::Cell<Vec<Word>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The most words a spare vector keeps room for (a megabyte and a half): one giant
/// document does not leave its list's memory held for the rest of a run.
const SPARE_WORDS: usize = 1 << 16;

impl Drop for WordList<'_> {
    fn drop(&mut self) {
        if self.words.capacity() <= SPARE_WORDS {
            SPARE.set(std::mem::take(&mut self.words));
        }
    }
}

/// A run of letters and digits, with the hash of its bytes, ASCII letters folded to
/// lower case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Where it starts, relative to the start of the bytes split.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The hash.
    pub hash: u64,
}

/// Adds the words of `hay` to `out`, as [`Words`] finds them, sixty-four bytes a step.
/// Runs of ASCII letters and digits are read off a block's masks and hashed eight bytes
/// at a time, with no work for the bytes between them. A run that holds a byte outside
/// ASCII (a curly quote, a dash, "é"), or that goes on past the block, is read by
/// [`Words`]; the block's masks then go on after what it read, so text outside ASCII
/// throughout is still classed once a block.
fn split_into(hay: &[u8], out: &mut Vec<Word>) {
    // Each block begins where no word goes on from the byte before it.
    let mut at = 0;
    'blocks: while at < hay.len() {
        let block = classes(&block_at(hay, at));
        // Curly quotes, apostrophes and dashes end a word as a space does ("Kyiv’s" is
        // "Kyiv" and "s"): the runs either side of them stay on the fast path.
        let high = block.high & !block.general_punctuation();
        // Bytes that may be part of a word.
        let maybe = block.letters | block.digits | high;
        let mut starts = maybe & !(maybe << 1);
        while starts != 0 {
            let first = starts.trailing_zeros();
            starts &= starts - 1;
            let start = at + first as usize;
            // Nought when the run goes on to the end of the block.
            let rest = !maybe >> first;
            let len = rest.trailing_zeros();
            // The run holds a byte outside ASCII when the first at or after its start
            // comes before its end.
            if rest == 0 || (high >> first).trailing_zeros() < len {
                let mut slow = Words {
                    bytes: hay,
                    at: start,
                };
                // On until the run is read and the next byte can begin none of it: the
                // byte after a word may be a quote or dash outside ASCII, before more
                // of the run ("Kyiv’s").
                loop {
                    let Some(word) = slow.next() else {
                        return;
                    };
                    out.push(word);
                    let after = slow.at - at;
                    if after >= BLOCK {
                        // Past this block: the next begins where the reading stopped.
                        at = slow.at;
                        continue 'blocks;
                    }
                    if maybe >> after & 1 == 0 {
                        starts &= !0 << after;
                        break;
                    }
                }
                continue;
            }
            let end = start + len as usize;
            out.push(Word {
                start,
                end,
                hash: ascii_hash(hay, start, end),
            });
        }
        at += BLOCK;
    }
}

/// The hash of the ASCII letters and digits `bytes[start..end]`, as [`ascii_word`]
/// gives it: [`Blocks`] of them in lower case, eight bytes a step, for a word whose end
/// is already known.
fn ascii_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut hash = 0;
    let mut at = start;
    while at < end {
        let x = lowered(eight_at(bytes, at));
        // The bytes of the word among these eight: one to eight of them.
        let n = (end - at).min(8);
        hash = Blocks::step(hash, x & (u64::MAX >> (64 - 8 * n)));
        at += 8;
    }
    Blocks::finish_blocks(hash)
}

/// The words of some bytes of a `str`, in order.
pub struct Words<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Words<'a> {
    /// The words of `bytes`. Bytes that are not UTF-8 read as spaces.
    pub fn new(bytes: &'a [u8]) -> Words<'a> {
        Words { bytes, at: 0 }
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let bytes = self.bytes;
        let mut i = self.at;
        let start = loop {
            let &b = bytes.get(i)?;
            match FOLDED[usize::from(b)] {
                SEPARATOR => i += 1,
                NON_ASCII => {
                    let (c, len) = char_at(bytes, i);
                    if is_word_char(c) {
                        break i;
                    }
                    i += len;
                }
                _ => break i,
            }
        };
        if let Some(word) = ascii_word(bytes, start) {
            self.at = word.end;
            return Some(word);
        }
        let mut hash = Blocks::default();
        let mut end = start;
        loop {
            // Eight bytes at a time while they are ASCII letters and digits.
            if hash.at_block_start()
                && let Some(chunk) = bytes.get(end..end + 8)
            {
                let (n, folded) = leading_alphanumeric(chunk.try_into().unwrap_or_default());
                hash.push_chunk(folded, n);
                end += n;
                if n == 8 {
                    continue;
                }
            }
            let Some(&b) = bytes.get(end) else {
                break;
            };
            let folded = FOLDED[usize::from(b)];
            if folded > NON_ASCII {
                hash.push(folded);
                end += 1;
            } else if folded == SEPARATOR {
                break;
            } else {
                let (c, len) = char_at(bytes, end);
                if !is_word_char(c) {
                    break;
                }
                for &b in &bytes[end..end + len] {
                    hash.push(b);
                }
                end += len;
            }
        }
        let hash = hash.value();
        self.at = end;
        Some(Word { start, end, hash })
    }
}

/// The word of ASCII letters and digits that begins at `start`, hashed as
/// [`Blocks`] hashes it, eight bytes a step with no per-byte work; `None` when the word
/// goes on into a letter or digit outside ASCII (or begins with one), which the caller
/// reads the long way.
fn ascii_word(bytes: &[u8], start: usize) -> Option<Word> {
    // The end and the hash in one pass: this is the path of every word next to a curly
    // quote or dash, and finding the end first, then hashing with [`ascii_hash`], cost
    // half a percent of `extract`.
    let mut hash = 0;
    let mut end = start;
    loop {
        let x = eight_at(bytes, end);
        let (letters, digits) = letters_and_digits(x);
        let stop = !(letters | digits) & HIGH;
        let n = (stop.trailing_zeros() / 8) as usize;
        if n > 0 {
            hash = Blocks::step(hash, lowered(x) & bytes_before(stop));
        }
        end += n;
        if n < 8 {
            break;
        }
    }
    // A letter or digit outside ASCII carries the word on; a curly quote or a dash,
    // the commonest characters there, ends it here.
    let goes_on =
        bytes.get(end).is_some_and(|b| !b.is_ascii()) && is_word_char(char_at(bytes, end).0);
    if end == start || goes_on {
        return None;
    }
    Some(Word {
        start,
        end,
        hash: Blocks::finish_blocks(hash),
    })
}

/// True when a letter or digit begins at `at`.
pub fn alphanumeric_at(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => is_word_char(char_at(bytes, at).0),
    }
}

/// The character that begins at `at` and its length in bytes. The bytes come from a
/// `str` and `at` is on a character boundary; anything else reads as a space.
///
/// Decoded by hand, with the checks of well-formed UTF-8 (no overlong forms, no
/// surrogates, nothing past U+10FFFF): the curly quotes and dashes of news copy come
/// here once a word, and a call to `str::from_utf8` for each cost more than the word.
fn char_at(bytes: &[u8], at: usize) -> (char, usize) {
    let Some(&lead) = bytes.get(at) else {
        return (' ', 1);
    };
    if lead.is_ascii() {
        return (char::from(lead), 1);
    }
    // The low six bits of the continuation byte `i` bytes in, when it is one and its
    // value is within `range`. Only the first one's range varies, with the lead: it
    // rules out overlong forms (E0, F0), surrogates (ED) and code points past U+10FFFF.
    let cont = |i: usize, range: std::ops::RangeInclusive<u8>| {
        bytes
            .get(at + i)
            .filter(|b| range.contains(b))
            .map(|b| u32::from(b & 0x3f))
    };
    let second = match lead {
        0xe0 => 0xa0..=0xbf,
        0xed => 0x80..=0x9f,
        0xf0 => 0x90..=0xbf,
        0xf4 => 0x80..=0x8f,
        _ => 0x80..=0xbf,
    };
    let decoded = match lead {
        0xc2..=0xdf => cont(1, second).map(|c1| (u32::from(lead & 0x1f) << 6 | c1, 2)),
        0xe0..=0xef => cont(1, second)
            .zip(cont(2, 0x80..=0xbf))
            .map(|(c1, c2)| (u32::from(lead & 0x0f) << 12 | c1 << 6 | c2, 3)),
        0xf0..=0xf4 => cont(1, second)
            .zip(cont(2, 0x80..=0xbf))
            .zip(cont(3, 0x80..=0xbf))
            .map(|((c1, c2), c3)| (u32::from(lead & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)),
        _ => None,
    };
    decoded
        .and_then(|(code, len)| char::from_u32(code).map(|c| (c, len)))
        .unwrap_or((' ', 1))
}

/// [`FOLDED`] of an ASCII byte that is not a letter or digit.
const SEPARATOR: u8 = 0;
/// [`FOLDED`] of a byte of a multi-byte character, which must be decoded.
const NON_ASCII: u8 = 1;

/// Each byte's class: ASCII letters and digits as themselves in lower case (hashed so),
/// else [`SEPARATOR`] or [`NON_ASCII`]. One table load decides each byte of the scan.
static FOLDED: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte >= 0x80 {
            table[b] = NON_ASCII;
        } else if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The words of `s` as runs of letters and digits, found a character at a time.
    fn plain(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    out.push((st, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(st) = start {
            out.push((st, s.len()));
        }
        out
    }

    /// The block-wise split of `s` finds the words and hashes [`Words`] does.
    fn split_as_iterated(s: &str) -> Result<(), TestCaseError> {
        let mut split = Vec::new();
        split_into(s.as_bytes(), &mut split);
        let one_by_one: Vec<Word> = Words::new(s.as_bytes()).collect();
        prop_assert_eq!(split, one_by_one);
        Ok(())
    }

    /// Lists made one after another on a thread reuse one vector: each holds its own
    /// words, whether the one before was longer, shorter or is still alive.
    #[test]
    fn lists_one_after_another_hold_their_own_words() {
        let texts = [
            "Kyiv’s mayor said 12 people died in the strike on Tuesday night",
            "Two",
            "",
            "North Korean troops",
        ];
        let words_of = |t: &str| -> Vec<Word> { Words::new(t.as_bytes()).collect() };
        for t in texts {
            let list = WordList::of(t, Span::new(0, t.len()));
            assert_eq!(list.words(), words_of(t), "{t}");
        }
        let first = WordList::of(texts[0], Span::new(0, texts[0].len()));
        let second = WordList::of(texts[3], Span::new(0, texts[3].len()));
        assert_eq!(first.words(), words_of(texts[0]));
        assert_eq!(second.words(), words_of(texts[3]));
        drop(first);
        let third = WordList::of(texts[1], Span::new(0, texts[1].len()));
        assert_eq!(third.words(), words_of(texts[1]));
    }

    /// [`char_at`] as `str::from_utf8` reads the first character of up to four bytes.
    fn char_at_by_std(bytes: &[u8], at: usize) -> (char, usize) {
        let end = (at + 4).min(bytes.len());
        let head = match std::str::from_utf8(&bytes[at..end]) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&bytes[at..at + e.valid_up_to()]).unwrap_or_default(),
        };
        head.chars().next().map_or((' ', 1), |c| (c, c.len_utf8()))
    }

    #[test]
    fn char_at_every_lead_and_second_byte() {
        for lead in 0x80..=0xffu8 {
            for second in 0..=0xffu8 {
                for rest in [[0x80, 0x80], [0xbf, 0xbf], [0x80, 0x41], [0x41, 0x80]] {
                    let bytes = [lead, second, rest[0], rest[1]];
                    for len in 1..=4 {
                        assert_eq!(
                            char_at(&bytes[..len], 0),
                            char_at_by_std(&bytes[..len], 0),
                            "{:x?}",
                            &bytes[..len]
                        );
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn char_at_as_std_reads_it(bytes in proptest::collection::vec(any::<u8>(), 1..6)) {
            prop_assert_eq!(char_at(&bytes, 0), char_at_by_std(&bytes, 0));
        }

        /// The block-wise split finds the words and hashes the iterator does, over texts
        /// long enough to span several blocks, with and without characters outside
        /// ASCII, and words that run across the end of a block.
        #[test]
        fn split_by_block_as_by_word(
            s in "([a-zA-Z0-9]{1,12}|[a-z]{60,70}|é|Київ|’|“|”|—|…|‑|⁰|\u{2060}|\u{2009}| |, |\u{a0}){0,60}"
        ) {
            split_as_iterated(&s)?;
        }

        /// The same over ASCII alone, where every block is read off its masks.
        #[test]
        fn split_ascii_by_block_as_by_word(
            s in "([a-zA-Z0-9]{1,12}|[a-z]{60,70}| |, |\\.|-|\\x00){0,80}"
        ) {
            split_as_iterated(&s)?;
        }

        #[test]
        fn words_are_the_runs_of_letters_and_digits(
            s in "([a-zA-Z0-9]{1,12}|é|ß|Київ|٣|’|-| |, |\u{a0}|\u{2009}){0,16}"
        ) {
            let got: Vec<(usize, usize)> = Words::new(s.as_bytes()).map(|w| (w.start, w.end)).collect();
            prop_assert_eq!(got, plain(&s));
        }

        /// A word's hash is [`Blocks`] of its bytes with ASCII capitals made small,
        /// whichever way it was read: eight ASCII bytes a step or a byte at a time.
        #[test]
        fn a_word_hashes_as_its_folded_bytes(
            word in "([a-zA-Z0-9]{1,20}|é|ß|К){1,4}",
            after in "( |\\.|”|’s|é)?",
        ) {
            use std::hash::Hasher;
            let mut want = Blocks::default();
            want.write(word.to_ascii_lowercase().as_bytes());
            let text = format!("{word}{after}");
            let first = Words::new(text.as_bytes()).next();
            let end = if after == "é" { text.len() } else { word.len() };
            let mut whole = Blocks::default();
            whole.write(text[..end].to_ascii_lowercase().as_bytes());
            prop_assert_eq!(first.map(|w| (w.end, w.hash)), Some((end, whole.finish())));
            let alone = Words::new(word.as_bytes()).next().map(|w| w.hash);
            prop_assert_eq!(alone, Some(want.finish()));
        }

        /// A word hashes the same wherever it stands and however it is read: alone, at
        /// the end of a text, or followed by more, in capitals or not.
        #[test]
        fn a_word_hashes_the_same_wherever_it_is(
            word in "([a-zA-Z0-9]|é|ß|К){1,30}",
            before in "( |, |“|’|-){0,3}",
            after in "( |, |”|’s|\\.|-x){0,3}",
        ) {
            let alone = Words::new(word.as_bytes()).map(|w| w.hash).collect::<Vec<_>>();
            prop_assert_eq!(alone.len(), 1);
            let text = format!("{before}{word}{after}");
            let first = Words::new(text.as_bytes()).next().map(|w| w.hash);
            prop_assert_eq!(first, Some(alone[0]));
            let upper = word.to_ascii_uppercase();
            let shouted = Words::new(upper.as_bytes()).next().map(|w| w.hash);
            prop_assert_eq!(shouted, Some(alone[0]));
        }
    }
}
