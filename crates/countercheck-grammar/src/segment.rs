//! Paragraphs, sentences and quotations of an article body, as byte spans.
//!
//! A figure is read together with its sentence, which usually names who gave it, and
//! with the quotation it sits in, if any: "more than 400 drones" inside a minister's
//! quotation is a claim of the minister, not of the outlet. Segmentation is a single
//! pass over each paragraph, looking only at sentence-ending punctuation and quotation
//! marks (found with `memchr`), so it costs linear time and no allocation beyond the
//! three output lists.
//!
//! The rules follow news-agency copy:
//!
//! - One paragraph per line; blank lines also separate, and `\r\n` is one break.
//! - A sentence ends after `.`, `!` or `?` and any closing quotes or brackets, when
//!   whitespace and then an upper-case letter, a digit or an opening mark follow, or
//!   when the paragraph ends. A full stop after an abbreviation of
//!   `data/lexicon/abbreviations.csv` or after a single capital initial ("Kim J. Un")
//!   ends nothing. This also holds where the abbreviation really ends the sentence
//!   ("in the U.S. The ministry"): splitting there would be right more often, but
//!   joining two sentences keeps a figure next to its attribution, while a wrong split
//!   can part them.
//! - Quotations are pairs of curly or straight double quotes; straight ones alternate
//!   within a paragraph. A quotation left open ends with its paragraph, since news copy
//!   continues a quotation by opening the next paragraph with a fresh mark. Curly single
//!   quotes count only where they cannot be apostrophes, and quotations nested inside
//!   another are not reported.

use std::sync::LazyLock;

use memchr::{memchr2_iter, memchr3_iter};
use serde::{Deserialize, Serialize};

use crate::blocks::{BLOCK, block_at, classes};
use crate::phrase::{Phrase, Table};
use crate::span::Span;
use crate::token::offset;

/// Paragraphs, sentences and quotations of a text, in text order.
///
/// Made by [`segment`]. Sentences and quotations never cross a paragraph, and neither
/// list has overlapping spans.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Segments {
    /// Each non-blank line, without its surrounding whitespace.
    pub paragraphs: Vec<Span>,
    /// The sentences of all paragraphs.
    pub sentences: Vec<Sentence>,
    /// The quotations of all paragraphs, outermost only.
    pub quotes: Vec<Quote>,
}

/// One sentence, from its first character to its final punctuation and closing marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The sentence, with any closing quote or bracket after its full stop.
    pub span: Span,
    /// Index into [`Segments::paragraphs`] of the paragraph holding it.
    pub paragraph: usize,
}

/// One quotation, possibly several sentences long.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quotation with its marks; an unclosed one runs to the end of its paragraph.
    pub span: Span,
    /// The quoted words, without the marks.
    pub inner: Span,
    /// Index into [`Segments::paragraphs`] of the paragraph holding it.
    pub paragraph: usize,
}

/// Segments `text[start..]`; all spans are absolute offsets into `text`.
///
/// A `start` past the end gives nothing, and one inside a character moves on to the
/// next, so any `start` is accepted.
///
/// ```
/// use countercheck_grammar::segment;
///
/// let text = "---\n\nOn Dec. 19, Gen. Syrskyi said 40 were killed. \
///             \u{201c}We held. We will hold,\u{201d} he said.";
/// let s = segment(text, 5);
/// assert_eq!(s.paragraphs.len(), 1);
/// assert_eq!(s.sentences.len(), 3);
/// assert_eq!(&text[s.quotes[0].inner.range()], "We held. We will hold,");
/// let at = text.find("40").unwrap();
/// assert_eq!(s.sentence_at(at), Some(0));
/// assert!(s.quote_at(at).is_none());
/// ```
pub fn segment(text: &str, start: usize) -> Segments {
    let mut start = start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    // Sized for reporting (a paragraph every 190 bytes of the seed articles, a
    // sentence every 145, a quotation every 230), with room to spare: grown from
    // empty, the three lists were copied a few times each for every document. Past a
    // few thousand they grow as they need to.
    let len = text.len() - start;
    let room = |every: usize| (len / every + 1).min(4096);
    let mut out = Segments {
        paragraphs: Vec::with_capacity(room(128)),
        sentences: Vec::with_capacity(room(96)),
        quotes: Vec::with_capacity(room(160)),
    };
    for line in lines(&text[start..]) {
        let para = line.trim();
        if para.is_empty() {
            continue;
        }
        let base = offset(text, para);
        let paragraph = out.paragraphs.len();
        out.paragraphs.push(Span::new(base, base + para.len()));
        sentences(para, base, paragraph, &mut out.sentences);
        quotes(para, base, paragraph, &mut out.quotes);
    }
    out
}

impl Segments {
    /// Index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        // Sentences are ordered and apart, so their ends are sorted too.
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.span.contains(offset))
            .map(|_| i)
    }

    /// The quotation whose inner span contains `offset`, if any.
    pub fn quote_at(&self, offset: usize) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.inner.end <= offset);
        self.quotes.get(i).filter(|q| q.inner.contains(offset))
    }
}

/// The abbreviation table, read on first use.
static ABBREVIATIONS: LazyLock<Table<()>> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Row {
        abbreviation: String,
    }
    let data = include_str!("../../../data/lexicon/abbreviations.csv");
    let rows = crate::csv_rows::<Row, _>(
        csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(data.as_bytes()),
    )
    .enumerate()
    .map(|(i, row)| match row {
        Ok(row) => (Phrase::new(&row.abbreviation), ()),
        Err(e) => panic!("data/lexicon/abbreviations.csv: row {}: {e}", i + 1),
    })
    .collect();
    Table::new(rows)
});

/// The mandatory line breaks of Unicode line breaking (UAX #14); `\r\n` gives an empty
/// line between its two, which is skipped like any blank line. The reading a character
/// at a time that [`next_break`]'s search by blocks is tested against.
#[cfg(test)]
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Where the paragraph holding byte `at` of `text` ends: at the first line break at or
/// after `at` (paragraphs are the lines [`segment`] splits the text into), or at the
/// end of the text. A stretch of a text cut there holds every paragraph before the cut
/// whole, as `segment` would find it in the whole text.
pub fn paragraph_end(text: &str, at: usize) -> usize {
    // The search `lines` makes; a continuation byte, where `at` may fall, begins no
    // break.
    next_break(text.as_bytes(), at.min(text.len())).map_or(text.len(), |(start, _)| start)
}

/// The pieces of `text` between line breaks, as `text.split(is_line_break)` gives them.
/// The text is classed 64 bytes at a step: the ASCII breaks (0A-0D) and the lead bytes
/// of U+0085 (C2) and of U+2028 and U+2029 (E2) are found off the block's masks, and
/// only at a lead byte are the bytes after it looked at. (E2 also leads the curly
/// quotes and dashes of most news, which the look turns away.)
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    // Where the search for the next break goes on.
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match next_break(bytes, at) {
            Some((start, len)) => {
                let line = &text[from..start];
                from = start + len;
                at = from;
                Some(line)
            }
            None => {
                done = true;
                Some(&text[from..])
            }
        }
    })
}

/// The first line break at or after `at` in the UTF-8 `bytes`: where it starts and how
/// many bytes it takes.
fn next_break(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut base = at;
    while base < bytes.len() {
        let block = classes(&block_at(bytes, base));
        let mut candidates = block.breaks | block.c2 | block.e2;
        while candidates != 0 {
            let i = base + candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            // Past the end of the text a block holds noughts, which are none of these.
            let len = match bytes[i] {
                0x0a..=0x0d => 1,
                0xc2 if bytes.get(i + 1) == Some(&0x85) => 2,
                0xe2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) =>
                {
                    3
                }
                _ => continue,
            };
            return Some((i, len));
        }
        base += BLOCK;
    }
    None
}

/// Marks that may follow a sentence's final punctuation and still belong to it.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '}' | '\u{bb}'
    )
}

/// Marks that may begin a sentence.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{2018}' | '\u{201e}' | '(' | '[' | '{' | '\u{ab}'
    )
}

/// A character that a new sentence may begin with, after its opening marks.
fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_numeric()
}

// WORDS (`.` | `!` | `?`)+ CLOSING*, then SPACE+ and a capital, digit or opening mark
/// Pushes the sentences of the paragraph `para`, which starts at byte `base` of the text.
fn sentences(para: &str, base: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let bytes = para.as_bytes();
    let mut start = 0;
    // Terminators already read as part of a run ("?!", "...") are not looked at again.
    let mut seen = 0;
    for at in memchr3_iter(b'.', b'!', b'?', bytes) {
        if at < seen {
            continue;
        }
        let run_end = at
            + bytes[at..]
                .iter()
                .take_while(|b| matches!(b, b'.' | b'!' | b'?'))
                .count();
        seen = run_end;
        let marks = &para[run_end..];
        let end = run_end + (marks.len() - marks.trim_start_matches(is_closing).len());
        let Some(next) = next_sentence(para, end) else {
            continue;
        };
        // Only a bare full stop can be an abbreviation's: after `."` or `?` the
        // sentence is over even if a short form comes before.
        if end == at + 1 && bytes[at] == b'.' && is_abbreviation(&para[..=at]) {
            continue;
        }
        out.push(Sentence {
            span: Span::new(base + start, base + end),
            paragraph,
        });
        start = next;
    }
    // The paragraph is trimmed and `start` is always on a non-blank character, so the
    // last sentence is never empty.
    out.push(Sentence {
        span: Span::new(base + start, base + para.len()),
        paragraph,
    });
}

/// Where the next sentence begins, if the text after `end` begins one.
fn next_sentence(para: &str, end: usize) -> Option<usize> {
    let rest = &para[end..];
    let after = rest.trim_start_matches(char::is_whitespace);
    let gap = rest.len() - after.len();
    let mut chars = after.chars();
    let first = chars.next()?;
    let begins = if gap > 0 {
        starts_sentence(first) || is_opening(first)
    } else {
        // A quotation glued to the full stop, `said.“Next`: only a curly opening mark
        // is sure to open rather than close.
        matches!(first, '\u{201c}' | '\u{ab}') && chars.next().is_some_and(starts_sentence)
    };
    begins.then_some(end + gap)
}

/// True when the full stop that ends `before` belongs to an abbreviation of the table
/// or to a single capital initial ("J. Smith", "J.R. Smith"), and so ends no sentence.
fn is_abbreviation(before: &str) -> bool {
    let mut back = before[..before.len() - 1].chars().rev();
    let initial = back.next().is_some_and(char::is_uppercase)
        && !back.next().is_some_and(char::is_alphanumeric);
    initial || ABBREVIATIONS.longest_before(before, |_| true).is_some()
}

/// A quotation open at some point of a paragraph, in absolute offsets.
struct Open {
    /// Offset of the opening mark.
    mark: usize,
    /// Offset just after it.
    inner: usize,
    /// Length of the output list when it opened: quotations found after this one opened
    /// are nested in it and dropped when it is kept.
    first_out: usize,
    /// The quoted words begin with a capital, as a quoted sentence does.
    capital: bool,
}

impl Open {
    fn new(base: usize, at: usize, after: usize, first_out: usize, capital: bool) -> Open {
        Open {
            mark: base + at,
            inner: base + after,
            first_out,
            capital,
        }
    }

    /// The quotation closed by the mark at `close..end` (absolute offsets).
    fn quote(&self, close: usize, end: usize, paragraph: usize) -> Quote {
        Quote {
            span: Span::new(self.mark, end),
            inner: Span::new(self.inner, close),
            paragraph,
        }
    }
}

// `“` TEXT `”`? | `"` TEXT `"`? | `‘` TEXT `’`   within one paragraph
/// Pushes the outermost quotations of the paragraph `para`, which starts at byte `base`.
///
/// Double quotes come first: while one is open every single mark is ignored. A single quote
/// is tentative, since its marks double as apostrophes: double quotes found inside it
/// are pushed at once and dropped again if it closes, and if it never closes it counts
/// only when it opens on a capital, like a quoted sentence in British copy.
fn quotes(para: &str, base: usize, paragraph: usize, out: &mut Vec<Quote>) {
    let bytes = para.as_bytes();
    let mut double: Option<Open> = None;
    let mut single: Option<Open> = None;
    // 0xE2 leads the three-byte curly quotes and is never inside another character.
    for at in memchr2_iter(b'"', 0xE2, bytes) {
        let Some(c) = para[at..].chars().next() else {
            continue;
        };
        let after = at + c.len_utf8();
        match c {
            '"' | '\u{201c}' | '\u{201d}' => {
                let opens = match c {
                    '\u{201c}' => true,
                    '\u{201d}' => false,
                    _ => double.is_none(),
                };
                match (double.take(), opens) {
                    (None, true) => double = Some(Open::new(base, at, after, out.len(), false)),
                    (Some(open), false) => out.push(open.quote(base + at, base + after, paragraph)),
                    // A stray closing mark, or an opening one inside a quotation.
                    (open, _) => double = open,
                }
            }
            '\u{2018}' if double.is_none() && opens_single(para, at, after) => {
                // A second opening mark means the first was an apostrophe ("let ‘em go").
                let capital = para[after..].starts_with(char::is_uppercase);
                single = Some(Open::new(base, at, after, out.len(), capital));
            }
            '\u{2019}' if double.is_none() && closes_single(para, at, after) => {
                if let Some(open) = single.take() {
                    out.truncate(open.first_out);
                    out.push(open.quote(base + at, base + after, paragraph));
                }
            }
            _ => {}
        }
    }
    let end = base + para.len();
    if let Some(open) = double {
        out.push(open.quote(end, end, paragraph));
    }
    if let Some(open) = single.filter(|open| open.capital) {
        out.truncate(open.first_out);
        out.push(open.quote(end, end, paragraph));
    }
}

/// True when the `‘` at `at..after` opens a quotation: it stands at the start of a word
/// and is not the elision of a decade ("the ‘90s").
fn opens_single(para: &str, at: usize, after: usize) -> bool {
    let before = para[..at].chars().next_back();
    let word_start = before
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '\u{2013}' | '\u{2014}'));
    let rest = &para.as_bytes()[after..];
    let decade =
        rest.len() >= 3 && rest[0].is_ascii_digit() && rest[1].is_ascii_digit() && rest[2] == b's';
    let word_follows = para[after..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    word_start && word_follows && !decade
}

/// True when the `’` at `at..after` can close a quotation: it ends a word and no letter
/// or digit follows, unlike the apostrophe of "Kyiv’s" or "’90s".
fn closes_single(para: &str, at: usize, after: usize) -> bool {
    let ends_word = para[..at]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace());
    ends_word && !para[after..].starts_with(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph ends at the next line break of any kind, or at the end of the text;
    /// the text cut there segments as the whole does up to the cut.
    #[test]
    fn paragraphs_end_at_the_next_line_break() {
        let text = "One 12.\nTwo “é” 3.\r\nThree\u{2028}Four.";
        assert_eq!(paragraph_end(text, 0), 7);
        assert_eq!(paragraph_end(text, 7), 7);
        let two = text.find("Two").unwrap_or_default();
        assert_eq!(
            paragraph_end(text, two),
            text.find('\r').unwrap_or_default()
        );
        // Inside a character: from the next one.
        let inside = text.find('é').unwrap_or_default() + 1;
        assert_eq!(
            paragraph_end(text, inside),
            text.find('\r').unwrap_or_default()
        );
        let four = text.find("Four").unwrap_or_default();
        assert_eq!(paragraph_end(text, four), text.len());
        assert_eq!(paragraph_end(text, usize::MAX), text.len());
        for at in [0, two, four] {
            let end = paragraph_end(text, at);
            let whole = segment(text, 0);
            let cut = segment(&text[..end], 0);
            assert_eq!(cut.paragraphs[..], whole.paragraphs[..cut.paragraphs.len()]);
            assert_eq!(cut.sentences[..], whole.sentences[..cut.sentences.len()]);
        }
    }
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text, 0)
            .sentences
            .iter()
            .map(|s| &text[s.span.range()])
            .collect()
    }

    fn quotes(text: &str) -> Vec<&str> {
        segment(text, 0)
            .quotes
            .iter()
            .map(|q| &text[q.inner.range()])
            .collect()
    }

    #[test]
    fn table_loads() {
        let table = &*ABBREVIATIONS;
        assert!(table.iter().count() > 50);
        assert!(table.iter().all(|(p, _)| p.as_str().ends_with('.')));
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            sentences("U.S. officials said 12 died. Kyiv disputed it."),
            ["U.S. officials said 12 died.", "Kyiv disputed it."]
        );
        assert_eq!(
            sentences("The strike came on Dec. 19, Gen. Syrskyi said. Dr. Ivanova agreed."),
            [
                "The strike came on Dec. 19, Gen. Syrskyi said.",
                "Dr. Ivanova agreed."
            ]
        );
        // Upper-case entries match only as written: "no." here ends the sentence.
        assert_eq!(
            sentences("The answer was no. Talks ended at 5 p.m. Friday."),
            ["The answer was no.", "Talks ended at 5 p.m. Friday."]
        );
        // Ambiguous at a sentence end; the sentence is kept whole on purpose.
        assert_eq!(
            sentences("Aid came from the U.S. The ministry said so."),
            ["Aid came from the U.S. The ministry said so."]
        );
        // Only a bare full stop is an abbreviation's.
        assert_eq!(
            sentences("He works for Acme Inc.\u{201d} The firm denied it."),
            ["He works for Acme Inc.\u{201d}", "The firm denied it."]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            sentences("Kim J. Un met J. Smith and J.R. Jones. They talked."),
            ["Kim J. Un met J. Smith and J.R. Jones.", "They talked."]
        );
    }

    #[test]
    fn decimals_and_numbers() {
        assert_eq!(
            sentences("Prices rose 1.5 percent. Then 2.5 more. Losses were 3. 40 were hurt."),
            [
                "Prices rose 1.5 percent.",
                "Then 2.5 more.",
                "Losses were 3.",
                "40 were hurt."
            ]
        );
    }

    #[test]
    fn ends_and_closing_marks() {
        assert_eq!(
            sentences("\u{201c}Why?\u{201d} he asked. (See map.) \"Go!\" Wait... What?! ok"),
            [
                "\u{201c}Why?\u{201d} he asked.",
                "(See map.)",
                "\"Go!\"",
                "Wait...",
                "What?! ok"
            ]
        );
        assert_eq!(sentences("no end here"), ["no end here"]);
        assert_eq!(sentences("lower. case follows"), ["lower. case follows"]);
    }

    #[test]
    fn quote_spans_sentences() {
        let text = "\"This is not a war. This is terror,\" Zelenskyy said. \
                    \u{201c}It will stop.\u{201d}";
        let s = segment(text, 0);
        assert_eq!(s.sentences.len(), 3);
        assert_eq!(
            quotes(text),
            ["This is not a war. This is terror,", "It will stop."]
        );
        let q = &s.quotes[0];
        assert_eq!(
            &text[q.span.range()],
            "\"This is not a war. This is terror,\""
        );
        let terror = text.find("terror").unwrap();
        assert_eq!(s.quote_at(terror), Some(q));
        assert_eq!(s.sentence_at(terror), Some(1));
        assert!(s.quote_at(text.find("Zelenskyy").unwrap()).is_none());
        assert!(s.quote_at(q.span.start).is_none(), "the mark is not quoted");
    }

    #[test]
    fn quote_continued_in_next_paragraph() {
        let text =
            "He said: \u{201c}We lost 40 men.\n\n\u{201c}We will not give up,\u{201d} he added.";
        let s = segment(text, 0);
        assert_eq!(s.paragraphs.len(), 2);
        assert_eq!(quotes(text), ["We lost 40 men.", "We will not give up,"]);
        assert_eq!(s.quotes[0].paragraph, 0);
        assert_eq!(s.quotes[0].span.end, s.paragraphs[0].end);
        assert_eq!(s.quotes[1].paragraph, 1);
        // Straight quotes too; the count restarts in each paragraph.
        assert_eq!(
            quotes("\"One, two.\n\"Three,\" he said. \"Four\""),
            ["One, two.", "Three,", "Four"]
        );
    }

    #[test]
    fn glued_marks() {
        let text = "the ministry said.\u{201c}Next we strike,\u{201d}the Ministry said.";
        assert_eq!(quotes(text), ["Next we strike,"]);
        assert_eq!(
            sentences(text),
            [
                "the ministry said.",
                "\u{201c}Next we strike,\u{201d}the Ministry said."
            ]
        );
        assert_eq!(
            quotes("\"an attack on Ukraine,\"the Ministry said."),
            ["an attack on Ukraine,"]
        );
    }

    #[test]
    fn apostrophes_open_no_quotes() {
        assert!(
            quotes("Kyiv\u{2019}s mayor said the \u{2019}90s and the \u{2018}90s are over.")
                .is_empty()
        );
        assert!(quotes("The troops\u{2019} morale held, let \u{2018}em come.").is_empty());
        assert_eq!(
            quotes("Kyiv\u{2019}s \u{2018}liberation\u{2019} of the soldiers\u{2019} town"),
            ["liberation"]
        );
        // An unclosed single quote counts when it opens a sentence.
        assert_eq!(
            quotes("She said: \u{2018}We are ready to fight on"),
            ["We are ready to fight on"]
        );
    }

    #[test]
    fn nested_quotes_are_not_reported() {
        assert_eq!(
            quotes("\u{201c}They called it \u{2018}a liberation\u{2019},\u{201d} he said."),
            ["They called it \u{2018}a liberation\u{2019},"]
        );
        assert_eq!(
            quotes("\u{2018}They called it \u{201c}a liberation\u{201d},\u{2019} he said."),
            ["They called it \u{201c}a liberation\u{201d},"]
        );
        assert_eq!(
            quotes("let \u{2018}em say \u{201c}never\u{201d} now"),
            ["never"]
        );
    }

    #[test]
    fn crlf_and_blank_lines() {
        let text = "One. Two.\r\n\r\n  Three.  \r\n\r\n\r\n";
        let s = segment(text, 0);
        let paras: Vec<_> = s.paragraphs.iter().map(|p| &text[p.range()]).collect();
        assert_eq!(paras, ["One. Two.", "Three."]);
        assert_eq!(sentences(text), ["One.", "Two.", "Three."]);
        assert_eq!(s.sentences[2].paragraph, 1);
    }

    #[test]
    fn start_offset() {
        let text = "---\ntitle: x\n---\n\u{e9}Body. More.";
        let body = text.find('\u{e9}').unwrap();
        let s = segment(text, body + 1);
        assert_eq!(s.paragraphs, [Span::new(body + 2, text.len())]);
        assert_eq!(segment(text, text.len() + 5), Segments::default());
        assert_eq!(segment(text, body).sentences.len(), 2);
    }

    /// Text made of the pieces segmentation looks at.
    fn newsy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "U.S.", "Dec.", "J.", "a", "Kyiv", "1.5", " ", "  ", ".", "!", "?", "...", "\"", "'",
            "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "(", ")", "\n", "\r\n", "\r",
            "\u{2029}", "\u{a0}", "\u{e9}", "The", "said", "90s",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    fn check(text: &str, start: usize) -> Result<(), TestCaseError> {
        let s = segment(text, start);
        let ok = |span: Span| {
            span.start >= start.min(text.len())
                && span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        };
        let mut last = 0;
        for p in &s.paragraphs {
            prop_assert!(ok(*p) && !p.is_empty() && p.start >= last);
            prop_assert_eq!(text[p.range()].trim(), &text[p.range()]);
            last = p.end;
        }
        let mut last = (0, 0);
        for (i, sentence) in s.sentences.iter().enumerate() {
            let para = s.paragraphs[sentence.paragraph];
            let span = sentence.span;
            prop_assert!(ok(span) && !span.is_empty());
            prop_assert!(para.start <= span.start && span.end <= para.end);
            prop_assert!(span.start >= last.0 && sentence.paragraph >= last.1);
            prop_assert_eq!(s.sentence_at(span.start), Some(i));
            prop_assert_eq!(s.sentence_at(span.end - 1), Some(i));
            last = (span.end, sentence.paragraph);
        }
        let mut last = 0;
        for q in &s.quotes {
            let para = s.paragraphs[q.paragraph];
            prop_assert!(ok(q.span) && ok(q.inner));
            prop_assert!(q.span.start < q.inner.start && q.inner.end <= q.span.end);
            prop_assert!(para.start <= q.span.start && q.span.end <= para.end);
            prop_assert!(q.span.start >= last);
            if !q.inner.is_empty() {
                prop_assert_eq!(s.quote_at(q.inner.start), Some(q));
            }
            last = q.span.end;
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_text(text in any::<String>(), start in 0usize..64) {
            check(&text, start)?;
        }

        #[test]
        fn news_like_text(text in newsy(), start in 0usize..8) {
            check(&text, start)?;
        }

        #[test]
        fn lines_split_as_str_split_does(
            text in "([a-z .]|\n|\r|\u{0B}|\u{0C}|\u{85}|\u{2028}|\u{2029}|\u{a0}|é|’|“|\u{2027}|\u{202a}){0,40}"
        ) {
            let want: Vec<&str> = text.split(is_line_break).collect();
            prop_assert_eq!(lines(&text).collect::<Vec<_>>(), want);
        }

        /// Long runs of ASCII, passed over eight bytes at a step, with breaks and other
        /// characters at any offset in or across the steps.
        #[test]
        fn lines_split_across_eight_byte_steps(
            text in "([a-z .]{1,12}|\n|\r\n|\u{0B}|\u{85}|\u{2028}|é|’|\u{1f}){0,20}"
        ) {
            let want: Vec<&str> = text.split(is_line_break).collect();
            prop_assert_eq!(lines(&text).collect::<Vec<_>>(), want);
        }
    }
}
#[cfg(test)]
mod straight_quotes {
    #[test]
    fn straight_quotes_pair() {
        let t = "\"More than 400 drones came,\" Zelenskyy said. A doctor said \"between 70 and 90 bodies\" arrived.";
        let s = super::segment(t, 0);
        let q: Vec<&str> = s.quotes.iter().map(|q| &t[q.inner.range()]).collect();
        assert_eq!(
            q,
            ["More than 400 drones came,", "between 70 and 90 bodies"]
        );
    }
}
