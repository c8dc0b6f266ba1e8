//! Rates that go with a figure: "5,000 a week", "300 per day", "1,200 casualties daily".

use crate::figure::Rate;
use crate::lexicon::LEXICON;
use crate::span::Span;
use crate::token::{is_space, word};

/// How many words may stand between a figure and its rate ("5,000 Russian soldiers a week").
const MAX_WORDS_BETWEEN: usize = 3;

// [WORD]{0,3} RATE-PHRASE, after a figure
///
/// The rate phrase after the figure that ends at `end` in `text`, if there is one.
pub(crate) fn rate_after(text: &str, end: usize) -> Option<Rate> {
    let mut rest = &text[end..];
    for words in 0..=MAX_WORDS_BETWEEN {
        let trimmed = rest.trim_start_matches(is_space);
        if trimmed.len() == rest.len() {
            return None;
        }
        rest = trimmed;
        if let Some((n, &period)) = LEXICON.rates.longest(rest)
            && !blocked(&rest[n..])
        {
            let start = text.len() - rest.len();
            return Some(Rate {
                period,
                span: Span::new(start, start + n),
            });
        }
        if words == MAX_WORDS_BETWEEN {
            break;
        }
        // Only plain words may stand between: no numbers, no punctuation.
        let (after, _) = word(rest).ok()?;
        rest = after;
    }
    None
}

fn blocked(after: &str) -> bool {
    if after.starts_with(['-', '\u{2011}']) {
        return true;
    }
    let next = after.trim_start_matches(is_space);
    next.len() != after.len() && LEXICON.rate_blockers.matches(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str, end: usize) -> Option<&'static str> {
        rate_after(text, end).map(|r| r.period.as_str())
    }

    #[test]
    fn rates() {
        assert_eq!(period("5000 soldiers a week are dying", 4), Some("week"));
        assert_eq!(period("300 per day", 3), Some("day"));
        assert_eq!(period("1,200 casualties daily", 5), Some("day"));
        assert_eq!(
            rate_after("300 per day", 3).map(|r| r.span),
            Some(Span::new(4, 11))
        );
    }

    #[test]
    fn not_rates() {
        assert_eq!(period("12 people a day after the strike", 2), None);
        assert_eq!(period("12 people, a week later", 2), None);
        assert_eq!(period("40 killed in a week-long siege", 2), None);
        assert_eq!(period("3 of 4 people a week", 1), None);
    }
}
