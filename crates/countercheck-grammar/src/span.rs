//! Byte spans into the text a value was read from.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// A half-open byte range `start..end` into the text a value came from.
///
/// Spans always lie on `char` boundaries of that text, so `&text[span.range()]` is the
/// value as written.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a `Range`, for slicing.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The same span moved `by` bytes later, for spans found in a slice of a larger text.
    pub const fn shift(self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }

    /// True when `offset` lies inside the span.
    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The part of this span of `text` within `reach` bytes of `inner`, cut at whitespace
    /// so no word is split: the whole span when it reaches no further than that.
    ///
    /// The words that qualify a figure are near it; reading a claim's sentence through
    /// this window keeps the work per claim bounded, so a document that is one endless
    /// sentence still takes time linear in its length.
    pub fn within_reach(self, text: &str, inner: Span, reach: usize) -> Span {
        let mut start = self.start;
        if inner.start.saturating_sub(self.start) > reach {
            let from = floor_boundary(text, inner.start - reach);
            start = text[from..inner.start]
                .find(char::is_whitespace)
                .map_or(inner.start, |i| from + i);
        }
        let mut end = self.end;
        if self.end.saturating_sub(inner.end) > reach {
            let to = floor_boundary(text, inner.end + reach);
            end = text[inner.end..to]
                .rfind(char::is_whitespace)
                .map_or(inner.end, |i| inner.end + i);
        }
        Span::new(start, end.max(start))
    }
}

/// The nearest char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// A compact form keeps snapshots readable: ` @ 9..15`.
impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}..{}", self.start, self.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reach_cuts_long_spans_at_whitespace() {
        let text = "aaa bbb ccc 5 ddd eee fff";
        let all = Span::new(0, text.len());
        let five = Span::new(12, 13);
        assert_eq!(all.within_reach(text, five, 100), all);
        let near = all.within_reach(text, five, 6);
        assert_eq!(&text[near.range()], " ccc 5 ddd");
        // Never past the figure itself, even with no space in reach.
        let tight = all.within_reach(text, five, 0);
        assert_eq!(&text[tight.range()], "5");
        // Multi-byte characters are not split.
        let text = "ééééé 5 ééééé";
        let all = Span::new(0, text.len());
        let near = all.within_reach(text, Span::new(11, 12), 3);
        assert!(text.is_char_boundary(near.start) && text.is_char_boundary(near.end));
    }
}
