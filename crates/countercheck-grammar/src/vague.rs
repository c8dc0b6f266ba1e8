//! Vague quantities: "a few", "several", "dozens", "scores of", "hundreds",
//! "several hundred", "a few thousand", "tens of thousands".

use nom::{IResult, Parser};

use crate::lexicon::{LEXICON, WordClass};
use crate::token::{fail, word, ws1};

// VAGUE-PHRASE [SCALE-WORD]
pub(crate) fn vague(input: &str) -> IResult<&str, (f64, f64)> {
    let Some((n, v)) = LEXICON.vague.longest(input) else {
        return fail(input);
    };
    let mut rest = &input[n..];
    if v.needs_context && !LEXICON.quantity_follows(rest) {
        return fail(input);
    }
    let (mut low, mut high) = (v.low, v.high);
    if v.scalable
        && let Ok((after, (_, w))) = (ws1, word).parse(rest)
        && let Some(nw) = LEXICON.number_word(w)
        && matches!(
            nw.class,
            WordClass::Hundred | WordClass::Scale | WordClass::Dozen
        )
    {
        low *= nw.value;
        high *= nw.value;
        rest = after;
    }
    Ok((rest, (low, high)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_intervals() {
        assert_eq!(vague("dozens more").unwrap(), (" more", (24.0, 99.0)));
        assert_eq!(
            vague("tens of thousands").unwrap(),
            ("", (20_000.0, 99_999.0))
        );
        assert_eq!(vague("a few hours").unwrap(), (" hours", (2.0, 5.0)));
    }

    #[test]
    fn scaled() {
        assert_eq!(
            vague("several hundred people").unwrap(),
            (" people", (300.0, 900.0))
        );
        assert_eq!(vague("a few thousand").unwrap(), ("", (2000.0, 5000.0)));
    }

    #[test]
    fn needs_context() {
        assert!(vague("scores of people").is_ok());
        assert!(vague("scores again").is_err());
        assert!(vague("Scores were arrested").is_ok());
        assert!(vague("a handful of").is_ok());
    }
}
