//! Words and punctuation of a stretch of text, with spans, for the claim-level rules
//! that look at the words around a figure.

use crate::ascii::{HIGH, alphanumeric, alphanumeric_run, eight_at};
use crate::span::Span;
use crate::token::is_word_char;
use crate::word_list::WordList;

/// One token: a word (letters, digits, inner apostrophes, hyphens and dots, as in
/// "Ukraine's", "Kh-101", "U.S.") or one punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token<'t> {
    pub(crate) span: Span,
    pub(crate) text: &'t str,
    /// Set by the tokenizer: the rules ask "is it a word?" of most tokens several times.
    word: bool,
}

impl Token<'_> {
    /// A token of no text, to fill buffers on the stack before they are written.
    pub(crate) const EMPTY: Token<'static> = Token {
        span: Span { start: 0, end: 0 },
        text: "",
        word: false,
    };

    /// True for a word, false for punctuation.
    pub(crate) fn is_word(&self) -> bool {
        self.word
    }

    /// True when the token is `word`, ignoring ASCII case.
    pub(crate) fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '‑')
}

/// ASCII bytes that `char::is_whitespace` accepts.
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The character at byte `at` of `text`, reading no further than `end`; ASCII without
/// decoding.
fn char_at(text: &str, at: usize, end: usize) -> Option<char> {
    let &b = text.as_bytes()[..end].get(at)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text.get(at..end)?.chars().next()
    }
}

/// The tokens of `text[range]`, with spans into `text`. Whitespace is dropped.
///
/// Every claim rule walks the words of a sentence, so this runs over most of a
/// document's bytes several times: runs of ASCII letters and digits and ASCII spaces
/// are stepped over a byte at a time without decoding.
pub(crate) fn tokens(text: &str, range: Span) -> impl Iterator<Item = Token<'_>> + '_ {
    let mut cursor = Cursor::new(text, range);
    std::iter::from_fn(move || cursor.next())
}

/// Where the tokenizer is in a stretch of text. [`tokens`] wraps it as an iterator;
/// [`tokens_into`] calls it in its own loop, where the step is inlined and a token goes
/// straight into the buffer.
struct Cursor<'t> {
    text: &'t str,
    /// The text up to the end of the stretch.
    bytes: &'t [u8],
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str, range: Span) -> Cursor<'t> {
        let end = range.end.min(text.len());
        let pos = range.start.min(end);
        // A range that does not start and end on characters holds no tokens.
        let end = if text.is_char_boundary(pos) && text.is_char_boundary(end) {
            end
        } else {
            pos
        };
        Cursor {
            text,
            bytes: &text.as_bytes()[..end],
            pos,
        }
    }

    /// The next token, past any whitespace.
    #[inline(always)]
    fn next(&mut self) -> Option<Token<'t>> {
        let (text, bytes) = (self.text, self.bytes);
        let end = bytes.len();
        let first = loop {
            let &b = bytes.get(self.pos)?;
            match CLASS[usize::from(b)] {
                SPACE => {
                    self.pos += 1;
                    continue;
                }
                ALPHANUMERIC => {
                    // The common word: ASCII letters and digits ended by a space or a
                    // mark that cannot join ("said,"), found without decoding. Most
                    // words end within the eight bytes read first, and the byte after
                    // them is among those eight (a nought past the end, which neither
                    // joins nor needs decoding, as no byte at all does).
                    let x = eight_at(bytes, self.pos);
                    let stop = !alphanumeric(x) & HIGH;
                    let (run, after) = if stop == 0 {
                        let run = 8 + alphanumeric_run(&bytes[self.pos + 8..]);
                        (run, bytes.get(self.pos + run).copied().unwrap_or(0))
                    } else {
                        let k = stop.trailing_zeros() / 8;
                        (k as usize, (x >> (8 * k)) as u8)
                    };
                    let len = if CLASS[usize::from(after)] == OTHER || joins(char::from(after)) {
                        word_len(text, self.pos, end, run)
                    } else {
                        run
                    };
                    return Some(token(text, &mut self.pos, len, true));
                }
                MARK => return Some(token(text, &mut self.pos, 1, false)),
                _ => {}
            }
            let c = char_at(text, self.pos, end)?;
            if c.is_whitespace() {
                self.pos += c.len_utf8();
                continue;
            }
            break c;
        };
        let word = is_word_char(first);
        let len = if word {
            word_len(text, self.pos, end, first.len_utf8())
        } else {
            first.len_utf8()
        };
        Some(token(text, &mut self.pos, len, word))
    }
}

/// The token of `len` bytes at `*pos`, which moves past it.
fn token<'t>(text: &'t str, pos: &mut usize, len: usize, word: bool) -> Token<'t> {
    let span = Span::new(*pos, *pos + len);
    *pos += len;
    Token {
        span,
        text: &text[span.range()],
        word,
    }
}

/// [`CLASS`] of ASCII whitespace.
const SPACE: u8 = 0;
/// [`CLASS`] of ASCII letters and digits.
const ALPHANUMERIC: u8 = 1;
/// [`CLASS`] of the other ASCII characters: punctuation and controls.
const MARK: u8 = 2;
/// [`CLASS`] of the bytes of characters outside ASCII, which must be decoded.
const OTHER: u8 = 3;

/// Each byte's class, so that one load decides most bytes of prose.
static CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if is_ascii_space(byte) {
            SPACE
        } else if byte.is_ascii_alphanumeric() {
            ALPHANUMERIC
        } else {
            MARK
        };
        b += 1;
    }
    table
};

/// The tokens of `text[range]` in a vector of their own, sized for them up front as
/// [`tokens_into`] sizes its buffer.
#[cfg(test)]
pub(crate) fn token_vec(text: &str, range: Span) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(room_for_tokens(text, range));
    tokens_into(&mut out, text, range);
    out
}

/// Room for the tokens of `text[range]` that seldom needs to grow: a token and the
/// space after it take about five bytes of prose, and a third of the length is room
/// enough. Only the part of the range inside the text holds tokens.
fn room_for_tokens(text: &str, range: Span) -> usize {
    range.end.min(text.len()).saturating_sub(range.start) / 3 + 1
}

/// The tokens of `text[range]` in `buf`, which is cleared first: a caller that
/// tokenizes one sentence after another reuses one buffer rather than allocating one
/// for each.
// Inlined into its few callers, the cues' reading and `token_vec`, as the step it
// inlines is: called, it cost 2-3 M instructions more on 2 MB.
#[inline(always)]
pub(crate) fn tokens_into<'b, 't>(
    buf: &'b mut Vec<Token<'t>>,
    text: &'t str,
    range: Span,
) -> &'b [Token<'t>] {
    buf.clear();
    // A buffer reused for a longer stretch grows at most once, rather than doubling
    // its way up and copying itself each time.
    buf.reserve(room_for_tokens(text, range));
    let mut cursor = Cursor::new(text, range);
    while let Some(t) = cursor.next() {
        buf.push(t);
    }
    buf
}

/// As [`tokens_into`], for a stretch of the text that `words` were split from, made
/// from those words rather than by reading each byte again: the cues of a document
/// tokenize most of its sentences, and where every word begins and ends is known
/// already. Between two words lie only spaces and marks, each mark a token of its own,
/// save one apostrophe, hyphen or dot, which joins the words either side into one
/// token. A stretch that is not within the words' own is read by [`tokens_into`].
pub(crate) fn tokens_of_words<'b, 't>(
    buf: &'b mut Vec<Token<'t>>,
    words: &WordList<'t>,
    range: Span,
) -> &'b [Token<'t>] {
    let text = words.text();
    let stretch = words.range();
    if range.start < stretch.start
        || range.end > stretch.end
        || range.start > range.end
        || !text.is_char_boundary(range.start)
        || !text.is_char_boundary(range.end)
    {
        return tokens_into(buf, text, range);
    }
    buf.clear();
    buf.reserve(room_for_tokens(text, range));
    // Word offsets are relative to the stretch's start; so are `pos` and `to`.
    let base = stretch.start;
    let bytes = &text.as_bytes()[base..range.end];
    let list = words.words();
    let to = range.end - base;
    let mut pos = range.start - base;
    // The first word that ends inside the range; it may begin before it, and is then
    // cut at its start, as the byte-reading tokenizer would cut it.
    let mut k = list.partition_point(|w| w.end <= pos);
    while pos < to && k < list.len() && list[k].start < to {
        let first = list[k];
        // Most often one space lies between two words, and makes no token.
        if first.start > pos && !(first.start == pos + 1 && bytes[pos] == b' ') {
            marks_into(buf, text, base + pos, base + first.start);
        }
        let start = first.start.max(pos);
        let mut end = first.end.min(to);
        k += 1;
        // A word cut at the range's end joins nothing after it. Most words end at a
        // space or a comma, told from a joiner by their first byte.
        while end < to
            && matches!(bytes[end], b'\'' | b'-' | b'.' | 0xE2)
            && k < list.len()
            && list[k].start < to
            && is_joiner(&bytes[end..list[k].start])
        {
            end = list[k].end.min(to);
            k += 1;
        }
        if end < to && bytes[end] == b'.' && keeps_dot(&text[base + start..base + end]) {
            end += 1;
        }
        let span = Span::new(base + start, base + end);
        buf.push(Token {
            span,
            text: &text[span.range()],
            word: true,
        });
        pos = end;
    }
    if pos < to {
        marks_into(buf, text, base + pos, base + to);
    }
    buf
}

/// True when `gap`, the bytes between two words, is one mark that joins them
/// ([`joins`]): an apostrophe, straight or curly, a hyphen or a dot.
fn is_joiner(gap: &[u8]) -> bool {
    // ’ is E2 80 99 in UTF-8, the non-breaking hyphen E2 80 91.
    matches!(gap, [b'\'' | b'-' | b'.'] | [0xE2, 0x80, 0x99 | 0x91])
}

/// True when a word that a dot follows takes the dot: an abbreviation of capitals
/// and dots, such as "U.S", whose last dot ends it ("U.S.").
fn keeps_dot(word: &str) -> bool {
    word.len() <= 5 && word.contains('.') && word.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Pushes the marks of `text[at..end]`, a stretch between two words, onto `buf`: each
/// character that is not a space is a token.
// Inlined into its two calls: called, it cost a quarter of a percent of `extract`.
#[inline(always)]
fn marks_into<'t>(buf: &mut Vec<Token<'t>>, text: &'t str, mut at: usize, end: usize) {
    let bytes = text.as_bytes();
    while at < end {
        let b = bytes[at];
        let len = match CLASS[usize::from(b)] {
            SPACE => 1,
            MARK => {
                buf.push(token(text, &mut at, 1, false));
                continue;
            }
            _ => {
                let Some(c) = char_at(text, at, end) else {
                    return;
                };
                if !c.is_whitespace() {
                    buf.push(token(text, &mut at, c.len_utf8(), is_word_char(c)));
                    continue;
                }
                c.len_utf8()
            }
        };
        at += len;
    }
}

/// The length of the word that begins at `pos` with a character `len` bytes long.
fn word_len(text: &str, pos: usize, end: usize, mut len: usize) -> usize {
    let bytes = &text.as_bytes()[..end];
    loop {
        // The bulk of a word: ASCII letters and digits, eight bytes at a time.
        len += alphanumeric_run(bytes.get(pos + len..).unwrap_or_default());
        let Some(c) = char_at(text, pos + len, end) else {
            return len;
        };
        if is_word_char(c) {
            len += c.len_utf8();
            continue;
        }
        if !joins(c) {
            return len;
        }
        // A joining mark stays inside the word only with a letter or digit after it.
        let after = len + c.len_utf8();
        match char_at(text, pos + after, end) {
            Some(n) if is_word_char(n) => len = after + n.len_utf8(),
            _ if c == '.' && keeps_dot(&text[pos..pos + len]) => {
                // "U.S." keeps its last dot.
                return len + 1;
            }
            _ => return len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokens(s, Span::new(0, s.len())).map(|t| t.text).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        assert_eq!(
            words("Ukraine’s SES said, “at least 70.”"),
            [
                "Ukraine’s",
                "SES",
                "said",
                ",",
                "“",
                "at",
                "least",
                "70",
                ".",
                "”"
            ]
        );
        assert_eq!(words("U.S. officials"), ["U.S.", "officials"]);
        assert_eq!(words("Kh-101 and co-op"), ["Kh-101", "and", "co-op"]);
    }

    /// The token rules written plainly over decoded characters, as a yardstick for the
    /// byte-stepping tokenizer.
    fn plain(s: &str) -> Vec<(usize, usize, bool)> {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let at = |i: usize| chars.get(i).map(|&(_, c)| c);
        let offset = |i: usize| chars.get(i).map_or(s.len(), |&(o, _)| o);
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            if c.is_alphanumeric() {
                while let Some(c) = at(i) {
                    if c.is_alphanumeric() {
                        i += 1;
                    } else if joins(c) && at(i + 1).is_some_and(char::is_alphanumeric) {
                        i += 2;
                    } else {
                        let so_far = &s[offset(start)..offset(i)];
                        if c == '.'
                            && so_far.len() <= 5
                            && so_far.contains('.')
                            && so_far.chars().all(|c| c.is_uppercase() || c == '.')
                        {
                            i += 1;
                        }
                        break;
                    }
                }
            }
            out.push((offset(start), offset(i), c.is_alphanumeric()));
        }
        out
    }

    #[test]
    fn token_vec_takes_ranges_past_the_text() {
        let s = "12 dead";
        assert_eq!(token_vec(s, Span::new(3, usize::MAX)).len(), 1);
        assert!(token_vec(s, Span::new(usize::MAX, usize::MAX)).is_empty());
    }

    /// Spans and kinds of tokens, to compare two tokenizers.
    fn spans(toks: &[Token<'_>]) -> Vec<(usize, usize, bool)> {
        toks.iter()
            .map(|t| (t.span.start, t.span.end, t.is_word()))
            .collect()
    }

    #[test]
    fn tokens_of_words_join_and_cut_as_the_bytes_do() {
        let s = "The U.S. and Kyiv’s ally—Kh-101s, “U.S.-led” co‑op.";
        let words = WordList::of(s, Span::new(0, s.len()));
        for (from, to) in [(0, s.len()), (5, 20), (14, 16), (0, 7), (4, 6), (14, 14)] {
            let range = Span::new(from, to);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            assert_eq!(
                spans(tokens_of_words(&mut a, &words, range)),
                spans(tokens_into(&mut b, s, range)),
                "{:?}",
                &s[from..to]
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_of_words_as_tokens_into(
            s in "([a-zA-Z0-9 .,'’‑\\-]|U\\.S\\.|[éß٣\u{a0}\u{2009}\t\n“”—()]){0,40}",
            cuts in proptest::array::uniform4(0usize..200),
        ) {
            // Four offsets on character boundaries, in order: the words' stretch and
            // the range inside it; then a range reaching outside it.
            let mut at: Vec<usize> = cuts
                .iter()
                .map(|&c| (0..=c.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0))
                .collect();
            at.sort_unstable();
            let words = WordList::of(&s, Span::new(at[0], at[3]));
            for range in [Span::new(at[1], at[2]), Span::new(at[0], at[3]), Span::new(0, s.len())] {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                proptest::prop_assert_eq!(
                    spans(tokens_of_words(&mut a, &words, range)),
                    spans(tokens_into(&mut b, &s, range))
                );
            }
        }

        #[test]
        fn same_tokens_as_the_plain_rules(
            s in "([a-zA-Z0-9 .,'’‑\\-]|U\\.S\\.|[éß٣\u{a0}\u{2009}\t\n“”—]){0,40}"
        ) {
            let got: Vec<(usize, usize, bool)> = tokens(&s, Span::new(0, s.len()))
                .map(|t| (t.span.start, t.span.end, t.is_word()))
                .collect();
            proptest::prop_assert_eq!(got, plain(&s));
        }
    }
}
