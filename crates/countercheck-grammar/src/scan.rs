//! Finding figures in running text.
//!
//! The number words of the lexicon and the digits of the text mark the places where a
//! figure may be written (see [`crate::starts`]); prose in between is never looked at
//! twice and costs no allocation. At each place the figure grammar runs from a few words
//! earlier, farthest first, so qualifiers and articles written before the number
//! ("at least", "between", "a" of "a dozen") join it; the first start whose figure
//! covers the place wins. The figure is then checked against the non-figure rules.

use crate::figure::{Figure, Unit};
use crate::lexicon::LEXICON;
use crate::parse::{Body, Parsed, Quantity, figure, figure_without_range};
use crate::rate::rate_after;
use crate::reject::{NonFigure, classify};
use crate::span::Span;
use crate::starts::Starts;
use crate::token::{begins_with_word, is_space};

/// How many words before a number may belong to its figure ("bigger or equal than" is four).
const LOOKBACK_WORDS: usize = 5;

/// A place where number-like text was found and rejected, with the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rejected {
    /// The rejected text, with the words that decided it ("127mm", "aged 45").
    pub span: Span,
    /// Why it is not a figure.
    pub class: NonFigure,
}

/// What the scanner finds at one place: a figure, or number-like text it rejected.
pub type Candidate = Result<Figure, Rejected>;

/// An iterator over the figures and rejected candidates of a text, in text order.
///
/// Made by [`scan`]; [`figures`](crate::figures) keeps the figures only.
pub struct Scanner<'t> {
    text: &'t str,
    starts: Starts<'t>,
    /// Nothing before this offset is looked at again.
    cursor: usize,
}

/// Scans `text` for figures and rejected number-like text.
pub fn scan(text: &str) -> Scanner<'_> {
    Scanner {
        text,
        starts: LEXICON.starts.starts(text),
        cursor: 0,
    }
}

impl Iterator for Scanner<'_> {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        while let Some(m) = self.starts.next() {
            let at = m.start;
            if at < self.cursor {
                continue;
            }
            let text = self.text;
            let Some((start, parsed)) = self.parse_around(at) else {
                self.cursor = m.end;
                if LEXICON.fractions.matches(&text[at..]) {
                    // "third" that is not a share is an ordinal: "a third attack".
                    let span = Span::new(at, m.end);
                    return Some(Err(Rejected {
                        span,
                        class: NonFigure::Ordinal,
                    }));
                }
                continue;
            };
            if let Some((class, span)) = classify(text, start, &parsed) {
                // The words that decided it may reach back into the previous candidate.
                let span = Span::new(span.start.max(self.cursor), span.end);
                self.cursor = span.end.max(start + parsed.len);
                return Some(Err(Rejected { span, class }));
            }
            let end = start + parsed.len;
            self.cursor = end;
            return Some(Ok(build(text, start, &parsed)));
        }
        None
    }
}

impl<'t> Scanner<'t> {
    /// Parses the figure that covers `at`, trying starts up to a few words earlier.
    fn parse_around(&self, at: usize) -> Option<(usize, Parsed)> {
        let mut starts = [0usize; LOOKBACK_WORDS + 1];
        let n = word_starts_before(self.text, self.cursor, at, &mut starts);
        let mut read: fn(&str) -> nom::IResult<&str, Parsed> = figure;
        for &start in starts[..n].iter().rev() {
            if !can_lead(&self.text[start..]) {
                continue;
            }
            let Ok((_, parsed)) = read(&self.text[start..]) else {
                continue;
            };
            if self.is_change(start, &parsed) {
                // Read the two ends of the change as figures of their own.
                read = figure_without_range;
                continue;
            }
            if start + parsed.number.1 > at {
                return Some((start, parsed));
            }
        }
        read(&self.text[at..]).ok().map(|(_, p)| (at, p))
    }

    /// "rose from 40 to 50" reports a change between two figures, not a range.
    fn is_change(&self, start: usize, parsed: &Parsed) -> bool {
        if !matches!(parsed.body, Body::Range(_, crate::range::Opener::From)) {
            return false;
        }
        let before = &self.text[..start];
        let mut words = before
            .split(|c: char| !c.is_alphabetic())
            .rev()
            .filter(|w| !w.is_empty());
        words.by_ref().take(3).any(|w| {
            LEXICON
                .change_words
                .longest(w)
                .is_some_and(|(n, _)| n == w.len())
        })
    }
}

/// True when a figure can begin with the word at the start of `text` although the
/// number comes later: a qualifier, "between", "from", or the article of "a dozen".
fn can_lead(text: &str) -> bool {
    // Asked of every word up to five back from every figure: the words are told apart
    // by their first letter before any is compared whole.
    let word = |w: &str| begins_with_word(text, w);
    LEXICON.before.matches(text)
        || match text.as_bytes().first().map(u8::to_ascii_lowercase) {
            Some(b'b') => word("between"),
            Some(b'f') => word("from"),
            Some(b'a') => word("a") || word("an"),
            _ => false,
        }
}

/// Fills `out` with the starts of up to `LOOKBACK_WORDS` words before `at` (nearest
/// first), not reaching back past `floor` or across punctuation that ends a clause.
fn word_starts_before(text: &str, floor: usize, at: usize, out: &mut [usize]) -> usize {
    let mut n = 0;
    let mut pos = at;
    // The word the number is glued into ("~5,000", "$5") starts before `at`.
    let own = floor + after_last_space(&text[floor..at]);
    if own < at {
        pos = own;
        let start = past_opening(text, own);
        if start < at {
            out[n] = start;
            n += 1;
        }
    }
    while n < out.len() {
        let before = &text[floor..pos];
        let trimmed = before.trim_end_matches(is_space);
        if trimmed.len() == before.len() || trimmed.is_empty() {
            break;
        }
        if trimmed.ends_with([',', ';', ':', '!', '?', '(', ')', '"', '“', '”', '—']) {
            break;
        }
        pos = floor + after_last_space(trimmed);
        out[n] = past_opening(text, pos);
        n += 1;
    }
    n
}

/// The offset past any opening quotes or brackets at `pos`: a figure may begin a
/// quotation ("\"More than 400 drones") but never includes its mark.
fn past_opening(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    pos + rest.len()
        - rest
            .trim_start_matches(['"', '\'', '“', '‘', '(', '[', '«'])
            .len()
}

/// Offset just past the last whitespace in `s`, or 0 when it has none.
fn after_last_space(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|(_, c)| is_space(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The figure for a phrase read at `start`.
fn build(text: &str, start: usize, p: &Parsed) -> Figure {
    let qualifier = p.qualifier();
    let (value, unit, bounds) = match p.body {
        Body::Single(Quantity::Count(a)) => (a.value, Unit::Count, None),
        Body::Single(Quantity::Percent(v, _)) => (v, Unit::Percent, None),
        Body::Single(Quantity::Vague(lo, hi)) => ((lo + hi) / 2.0, Unit::Count, Some((lo, hi))),
        Body::Range(e, _) => ((e.low + e.high) / 2.0, e.unit, Some((e.low, e.high))),
    };
    let end = start + p.len;
    Figure {
        span: Span::new(start, end),
        number: Span::new(start + p.number.0, start + p.number.1),
        value,
        qualifier,
        unit,
        bounds,
        rate: rate_after(text, end),
    }
}
