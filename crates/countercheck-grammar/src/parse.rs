//! The figure phrase: the constructs of the other modules put together.
//!
//! ```text
//! FIGURE   := [QUALIFIER] ( "between" MEASURED "and" MEASURED
//!                         | "from" MEASURED "to" MEASURED
//!                         | SINGLE [RANGE-TAIL] ) [POSTFIX]
//! SINGLE   := FRACTION | MEASURED ["in" NUMBER] | VAGUE
//! MEASURED := NUMBER [PERCENT]
//! NUMBER   := DIGITS | SPELLED
//! ```

use nom::combinator::opt;
use nom::{IResult, Parser};

use crate::figure::{Qualifier, Unit};
use crate::lexicon::QualWord;
use crate::number::{Amount, digits};
use crate::qualifier::{combine, postfix, prefix};
use crate::range::{self, Opener};
use crate::share::{Fraction, fraction, in_share, percent_sign};
use crate::spelled::spelled;
use crate::token::{fail, offset};
use crate::vague::vague;

/// One quantity, before qualifiers and ranges.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Quantity {
    /// A count with how it was written.
    Count(Amount),
    /// A share in percent, with the number it was written as when there is one.
    Percent(f64, Option<Amount>),
    /// A vague quantity's interval.
    Vague(f64, f64),
}

impl Quantity {
    /// Value, written number and unit of a quantity with one value.
    pub(crate) fn single(self) -> Option<(f64, Option<Amount>, Unit)> {
        match self {
            Quantity::Count(a) => Some((a.value, Some(a), Unit::Count)),
            Quantity::Percent(p, a) => Some((p, a, Unit::Percent)),
            Quantity::Vague(..) => None,
        }
    }
}

// DIGITS | SPELLED
pub(crate) fn number(input: &str) -> IResult<&str, Amount> {
    if input.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        digits(input)
    } else {
        spelled(input)
    }
}

// NUMBER [PERCENT]
pub(crate) fn measured(input: &str) -> IResult<&str, Quantity> {
    let (rest, a) = number(input)?;
    match percent_sign(rest) {
        Ok((rest, ())) => Ok((rest, Quantity::Percent(a.value, Some(a)))),
        Err(_) => Ok((rest, Quantity::Count(a))),
    }
}

// FRACTION | MEASURED ["in" NUMBER] | VAGUE
fn single(input: &str) -> IResult<&str, Quantity> {
    if let Ok((rest, f)) = fraction(input) {
        return Ok(match f {
            Fraction::Share(p) => (rest, Quantity::Percent(p, None)),
            Fraction::Count(a) => (rest, Quantity::Count(a)),
        });
    }
    if let Ok((rest, q)) = measured(input) {
        if let Quantity::Count(a) = q
            && let Ok((rest, p)) = in_share(a.value, number, rest)
        {
            return Ok((rest, Quantity::Percent(p, None)));
        }
        return Ok((rest, q));
    }
    vague.map(|(lo, hi)| Quantity::Vague(lo, hi)).parse(input)
}

/// The body of a figure, between its qualifiers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Body {
    /// One quantity.
    Single(Quantity),
    /// A range, with the words that opened it.
    Range(range::Ends, Opener),
}

/// A figure phrase read from the start of some text, with offsets relative to that start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Parsed {
    /// Bytes the whole phrase takes.
    pub(crate) len: usize,
    /// Offsets of the number itself, without qualifier words.
    pub(crate) number: (usize, usize),
    /// What was read.
    pub(crate) body: Body,
    /// The qualifier written before the number, if any.
    pub(crate) before: Option<QualWord>,
    /// The qualifier written after the number, if any.
    pub(crate) after: Option<QualWord>,
}

impl Parsed {
    /// The figure's qualifier.
    pub(crate) fn qualifier(&self) -> Qualifier {
        match self.body {
            Body::Range(..) => Qualifier::Range,
            Body::Single(Quantity::Vague(..)) => Qualifier::Vague,
            Body::Single(_) => combine(self.before, self.after),
        }
    }

    /// The written number of a single count or percent.
    pub(crate) fn amount(&self) -> Option<Amount> {
        match self.body {
            Body::Single(Quantity::Count(a) | Quantity::Percent(_, Some(a))) => Some(a),
            _ => None,
        }
    }
}

// [QUALIFIER] BODY [POSTFIX]
pub(crate) fn figure(input: &str) -> IResult<&str, Parsed> {
    figure_with(true, input)
}

// [QUALIFIER] SINGLE [POSTFIX]: the first end of a change ("rose from 40 to 50")
pub(crate) fn figure_without_range(input: &str) -> IResult<&str, Parsed> {
    figure_with(false, input)
}

fn figure_with(ranges: bool, input: &str) -> IResult<&str, Parsed> {
    let (rest, before) = opt(prefix).parse(input)?;
    let start = offset(input, rest);
    let opened = if ranges {
        range::opener(rest).ok()
    } else {
        None
    };
    let (rest, body) = if let Some((after, opener)) = opened {
        let (after, x) = measured(after)?;
        let (after, ends) = range::tail(opener, x, after)?;
        (after, Body::Range(ends, opener))
    } else {
        let (after, q) = single(rest)?;
        match range::tail(Opener::Bare, q, after) {
            Ok((after, ends)) if ranges => (after, Body::Range(ends, Opener::Bare)),
            _ => (after, Body::Single(q)),
        }
    };
    let end = offset(input, rest);
    let (rest, after) = match body {
        Body::Single(Quantity::Count(_) | Quantity::Percent(..)) => opt(postfix).parse(rest)?,
        _ => (rest, None),
    };
    if end == start {
        return fail(input);
    }
    Ok((
        rest,
        Parsed {
            len: offset(input, rest),
            number: (start, end),
            body,
            before,
            after,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (String, Qualifier, Body) {
        let (_, p) = figure(s).unwrap();
        (s[..p.len].to_owned(), p.qualifier(), p.body)
    }

    #[test]
    fn qualified() {
        let (text, q, _) = read("at least 10,000 troops");
        assert_eq!((text.as_str(), q), ("at least 10,000", Qualifier::AtLeast));
        let (text, q, _) = read("about five hundred and more in these");
        assert_eq!(
            (text.as_str(), q),
            ("about five hundred and more", Qualifier::AtLeast)
        );
        let (text, q, _) = read("300-plus homes");
        assert_eq!((text.as_str(), q), ("300-plus", Qualifier::MoreThan));
    }

    #[test]
    fn ranges() {
        let (text, q, body) = read("between 300 and 400 people");
        assert_eq!(
            (text.as_str(), q),
            ("between 300 and 400", Qualifier::Range)
        );
        assert!(
            matches!(body, Body::Range(e, Opener::Between) if e.low == 300.0 && e.high == 400.0)
        );
        let (_, _, body) = read("10 to 12 million");
        assert!(matches!(body, Body::Range(e, _) if e.low == 10e6 && e.high == 12e6));
        let (_, _, body) = read("30-40%");
        assert!(matches!(body, Body::Range(e, _) if e.unit == Unit::Percent && e.low == 30.0));
        let (text, _, _) = read("2024-25 season");
        assert_eq!(text, "2024");
        assert!(figure("between 300 people").is_err());
    }

    #[test]
    fn shares() {
        let (text, q, body) = read("over 90% of");
        assert_eq!((text.as_str(), q), ("over 90%", Qualifier::MoreThan));
        assert!(matches!(body, Body::Single(Quantity::Percent(p, _)) if p == 90.0));
        let (_, _, body) = read("one in five children");
        assert!(matches!(body, Body::Single(Quantity::Percent(p, None)) if p == 20.0));
    }

    #[test]
    fn vague() {
        let (text, q, _) = read("dozens more");
        assert_eq!((text.as_str(), q), ("dozens", Qualifier::Vague));
    }
}
