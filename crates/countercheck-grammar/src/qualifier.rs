//! Qualifiers: the words that say how a number bounds the truth — before it
//! ("at least", "more than", "about", "nearly", "up to", "~") or after it
//! ("or more", "or fewer", "300-plus", "500+", "or so").

use nom::{IResult, Parser};

use crate::figure::Qualifier;
use crate::lexicon::{LEXICON, QualWord};
use crate::token::{fail, is_space, kw, ws0, ws1};

// QUALIFIER-PHRASE SPACE, before a number: "at least ", "~"
pub(crate) fn prefix(input: &str) -> IResult<&str, QualWord> {
    let Some((n, &q)) = LEXICON.before.longest(input) else {
        return fail(input);
    };
    let rest = &input[n..];
    // A phrase of words needs a space before the number; "~" may touch it.
    let (rest, _) = if input[..n].ends_with(char::is_alphabetic) {
        ws1(rest)?
    } else {
        ws0(rest)?
    };
    Ok((rest, q))
}

// [SPACE] QUALIFIER-PHRASE, after a number: " or more", "-plus", "+"
pub(crate) fn postfix(input: &str) -> IResult<&str, QualWord> {
    // Glued phrases ("-plus", "+") touch the number; phrases of words follow a space.
    let glued = input
        .starts_with(|c: char| !c.is_alphanumeric() && !is_space(c))
        .then(|| LEXICON.after.longest(input))
        .flatten()
        .map(|(n, q)| (n, *q));
    let spaced = ws1(input).ok().and_then(|(rest, _)| {
        let (n, q) = LEXICON.after.longest(rest)?;
        Some((input.len() - rest.len() + n, *q))
    });
    let Some((end, q)) = glued.into_iter().chain(spaced).max_by_key(|(n, _)| *n) else {
        return fail(input);
    };
    let rest = &input[end..];
    // "200 or greater than 190", "5000 or equal to 6000": the words begin a new figure.
    let next = (ws1, kw("than")).parse(rest).is_ok() || (ws1, kw("to")).parse(rest).is_ok();
    if next {
        return fail(input);
    }
    Ok((rest, q))
}

/// The qualifier of a figure with an optional qualifier before and after its number.
///
/// A bound after the number outranks a vaguer word before it ("about 500 or more" is at
/// least 500); "or equal" closes an open bound ("less than 5000 or equal" is at most
/// 5000); otherwise the word before the number decides.
pub(crate) fn combine(before: Option<QualWord>, after: Option<QualWord>) -> Qualifier {
    let before = match before {
        Some(QualWord::Is(q)) => Some(q),
        Some(QualWord::Inclusive) | None => None,
    };
    match (before, after) {
        (b, None) => b.unwrap_or(Qualifier::Exact),
        (Some(Qualifier::MoreThan), Some(QualWord::Inclusive)) => Qualifier::AtLeast,
        (Some(Qualifier::LessThan), Some(QualWord::Inclusive)) => Qualifier::AtMost,
        (b, Some(QualWord::Inclusive)) => b.unwrap_or(Qualifier::Exact),
        (None | Some(Qualifier::Exact | Qualifier::Approx), Some(QualWord::Is(a))) => a,
        (Some(b), Some(QualWord::Is(_))) => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before() {
        assert_eq!(
            prefix("at least 70").unwrap(),
            ("70", QualWord::Is(Qualifier::AtLeast))
        );
        assert_eq!(
            prefix("No fewer than 9").unwrap(),
            ("9", QualWord::Is(Qualifier::AtLeast))
        );
        assert_eq!(
            prefix("~5,000").unwrap(),
            ("5,000", QualWord::Is(Qualifier::Approx))
        );
        assert_eq!(
            prefix("less than or equal to 30").unwrap(),
            ("30", QualWord::Is(Qualifier::AtMost))
        );
        assert!(prefix("overall 30").is_err());
    }

    #[test]
    fn after() {
        assert_eq!(
            postfix(" or more people").unwrap(),
            (" people", QualWord::Is(Qualifier::AtLeast))
        );
        assert_eq!(
            postfix("-plus").unwrap(),
            ("", QualWord::Is(Qualifier::MoreThan))
        );
        assert_eq!(
            postfix("+ dead").unwrap(),
            (" dead", QualWord::Is(Qualifier::MoreThan))
        );
        assert!(postfix(" or greater than 190").is_err());
        assert!(postfix(" or equal to 6000").is_err());
        assert!(postfix(" people").is_err());
    }

    #[test]
    fn combining() {
        let q = |q| Some(QualWord::Is(q));
        assert_eq!(
            combine(q(Qualifier::Approx), q(Qualifier::AtLeast)),
            Qualifier::AtLeast
        );
        assert_eq!(
            combine(q(Qualifier::Exact), q(Qualifier::AtMost)),
            Qualifier::AtMost
        );
        assert_eq!(
            combine(q(Qualifier::LessThan), Some(QualWord::Inclusive)),
            Qualifier::AtMost
        );
        assert_eq!(
            combine(q(Qualifier::AtLeast), q(Qualifier::AtMost)),
            Qualifier::AtLeast
        );
        assert_eq!(combine(None, None), Qualifier::Exact);
    }
}
