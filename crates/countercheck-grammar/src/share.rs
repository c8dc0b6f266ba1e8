//! Shares and fractions: "40%", "40 percent", "a third", "two-thirds", "half of",
//! "one in five" — and the counts fractions make of a scale: "half a million",
//! "a quarter of a million", "half a dozen".

use nom::branch::alt;
use nom::character::complete::satisfy;
use nom::combinator::opt;
use nom::{IResult, Parser};

use crate::lexicon::{LEXICON, WordClass};
use crate::number::{Amount, Shape};
use crate::token::{fail, is_dash, is_space, kw, word, ws0, ws1};

/// A fraction read as words.
pub(crate) enum Fraction {
    /// A share in percent: "a third" is 33.3.
    Share(f64),
    /// A count: "half a million" is 500,000.
    Count(Amount),
}

// NUMERATOR? DENOMINATOR-WORD: "a third", "one-third", "two thirds", "half"
fn fraction_words(input: &str) -> IResult<&str, (f64, f64, bool)> {
    // The numerator: an article, a small number word, or nothing before "half".
    let (rest, numerator, article) = if let Ok((rest, _)) =
        (alt((kw("an"), kw("a"))), ws1).parse(input)
    {
        (rest, 1.0, true)
    } else if let Ok((rest, w)) = word(input) {
        match LEXICON.number_word(w) {
            Some(nw) if matches!(nw.class, WordClass::Unit | WordClass::Teen) && nw.value > 0.0 => {
                let (after, _) = alt((ws1, (satisfy(is_dash), ws0).map(|_| ""))).parse(rest)?;
                (after, nw.value, false)
            }
            _ => (input, 1.0, true),
        }
    } else {
        return fail(input);
    };
    let Some((n, &denominator)) = LEXICON.fractions.longest(rest) else {
        return fail(input);
    };
    // Only "half" stands without a numerator.
    if rest.len() == input.len() && denominator != 2.0 {
        return fail(input);
    }
    let singular = article || numerator == 1.0 && rest.len() == input.len();
    Ok((&rest[n..], (numerator, denominator, singular)))
}

// "a"/"an" SCALE-WORD, or "of a" SCALE-WORD: the count a fraction is taken of
fn of_scale(input: &str) -> IResult<&str, f64> {
    let (rest, _) = (ws1, opt((kw("of"), ws1)), alt((kw("an"), kw("a"))), ws1).parse(input)?;
    let (after, w) = word(rest)?;
    match LEXICON.number_word(w) {
        Some(nw)
            if matches!(
                nw.class,
                WordClass::Hundred | WordClass::Scale | WordClass::Dozen
            ) =>
        {
            Ok((after, nw.value))
        }
        _ => fail(input),
    }
}

/// True when the text after a bare singular fraction makes it a share rather than an
/// ordinal or a time: "a third of", "a third likely killed", "half.", not "a third attack".
fn share_context(rest: &str) -> bool {
    let next = rest.trim_start_matches(is_space);
    let Some(c) = next.chars().next() else {
        return true;
    };
    if !c.is_alphabetic() {
        return c != '-';
    }
    let Ok((_, w)) = word(next) else { return false };
    w.len() > 2 && w.ends_with("ly") || LEXICON.quantity_follows(rest)
}

// FRACTION [["of"] "a" SCALE-WORD]
pub(crate) fn fraction(input: &str) -> IResult<&str, Fraction> {
    let (rest, (numerator, denominator, singular)) = fraction_words(input)?;
    if let Ok((after, scale)) = of_scale(rest) {
        let value = numerator / denominator * scale;
        let amount = Amount {
            value,
            mantissa: value,
            scale: 1.0,
            shape: Shape::Words,
        };
        return Ok((after, Fraction::Count(amount)));
    }
    if singular && !share_context(rest) {
        return fail(input);
    }
    let percent = (numerator / denominator * 1000.0).round() / 10.0;
    Ok((rest, Fraction::Share(percent)))
}

// ["-" | " "] PERCENT-WORD, after a number: "40%", "40 %", "40 percent", "40-percent"
pub(crate) fn percent_sign(input: &str) -> IResult<&str, ()> {
    let (rest, _) = opt(alt((ws1, (satisfy(is_dash)).map(|_| "")))).parse(input)?;
    match LEXICON.percent.longest(rest) {
        Some((n, ())) => Ok((&rest[n..], ())),
        None => fail(input),
    }
}

// "in" NUMBER, after a number: "one in five"
pub(crate) fn in_share<'a>(
    numerator: f64,
    number: impl Fn(&'a str) -> IResult<&'a str, Amount>,
    input: &'a str,
) -> IResult<&'a str, f64> {
    let (rest, (_, _, _, denominator)) = (ws1, kw("in"), ws1, number).parse(input)?;
    let d = denominator.value;
    if !(d > numerator && d >= 2.0 && denominator.scale == 1.0) || numerator <= 0.0 {
        return fail(input);
    }
    Ok((rest, (numerator / d * 1000.0).round() / 10.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(s: &str) -> Option<f64> {
        match fraction(s) {
            Ok((_, Fraction::Share(p))) => Some(p),
            _ => None,
        }
    }

    fn count(s: &str) -> Option<f64> {
        match fraction(s) {
            Ok((_, Fraction::Count(a))) => Some(a.value),
            _ => None,
        }
    }

    #[test]
    fn shares() {
        assert_eq!(share("a third likely killed"), Some(33.3));
        assert_eq!(share("two-thirds of them"), Some(66.7));
        assert_eq!(share("two thirds"), Some(66.7));
        assert_eq!(share("three-quarters"), Some(75.0));
        assert_eq!(share("half of the town"), Some(50.0));
        assert_eq!(share("a quarter."), Some(25.0));
    }

    #[test]
    fn ordinals_are_not_shares() {
        assert_eq!(share("a third attack"), None);
        assert_eq!(share("third"), None);
        assert_eq!(share("one-fourth"), None);
        assert_eq!(share("half-hearted"), None);
    }

    #[test]
    fn counts_of_a_scale() {
        assert_eq!(count("half a million"), Some(500_000.0));
        assert_eq!(count("a quarter of a million"), Some(250_000.0));
        assert_eq!(count("half  a  dozen"), Some(6.0));
    }

    #[test]
    fn percent_signs() {
        assert!(percent_sign("%").is_ok());
        assert!(percent_sign(" per cent").is_ok());
        assert!(percent_sign("-percent").is_ok());
        assert!(percent_sign(" people").is_err());
    }
}
