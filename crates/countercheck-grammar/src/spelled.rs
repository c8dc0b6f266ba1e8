//! Numbers spelled out: "nine", "Six", "twenty-five", "fifty - two",
//! "two hundred and fifty", "a hundred", "a dozen", "three hundred and two dozens",
//! "twenty-one trillion three hundred", "one and a half million".
//!
//! Words are read left to right into three registers, as one would say them: `total`
//! (everything already multiplied by a scale word), `hundreds` and `small` (the group
//! being built). A word that cannot follow the one before it ends the number without
//! being consumed, so "one hundred and one hundred" reads as "one hundred and one",
//! then a fresh number; each word is looked at once, which keeps long runs linear.

use nom::character::complete::satisfy;
use nom::combinator::opt;
use nom::{IResult, Parser};

use crate::lexicon::{LEXICON, NumberWord, WordClass};
use crate::number::{Amount, Shape};
use crate::token::{fail, is_dash, kw, word, ws0, ws1};

// a number word at the start of the input
fn number_word(input: &str) -> IResult<&str, &'static NumberWord> {
    let (rest, w) = word(input)?;
    match LEXICON.number_word(w) {
        Some(nw) => Ok((rest, nw)),
        None => fail(input),
    }
}

// "a" before hundred, a scale word or dozen: "a hundred", "a million", "a dozen"
fn article(input: &str) -> IResult<&str, ()> {
    let (after_a, _) = kw("a").parse(input)?;
    let (rest, _) = ws1(after_a)?;
    let (_, nw) = number_word(rest)?;
    match nw.class {
        // The loop reads the space before the scale word.
        WordClass::Hundred | WordClass::Scale | WordClass::Dozen => Ok((after_a, ())),
        _ => fail(input),
    }
}

// "and a half" SCALE, as in "one and a half million"
fn and_a_half(input: &str) -> IResult<&str, &'static NumberWord> {
    let (rest, (_, _, _, _, _, _, _, nw)) = (
        ws1,
        kw("and"),
        ws1,
        kw("a"),
        ws1,
        kw("half"),
        ws1,
        number_word,
    )
        .parse(input)?;
    match nw.class {
        WordClass::Scale | WordClass::Hundred => Ok((rest, nw)),
        _ => fail(input),
    }
}

// the separator before the next word, given the class of the last one
fn separator(last: WordClass, input: &str) -> IResult<&str, ()> {
    match last {
        // "twenty-five", "fifty - two", "fifty   two"
        WordClass::Tens => {
            let (rest, _) = (ws0, opt((satisfy(is_dash), ws0))).parse(input)?;
            if rest.len() == input.len() {
                return fail(input);
            }
            Ok((rest, ()))
        }
        // "two hundred and fifty", "one thousand and five hundred"
        WordClass::Hundred | WordClass::Scale => {
            let (rest, _) = (ws1, opt((kw("and"), ws1))).parse(input)?;
            Ok((rest, ()))
        }
        _ => ws1(input).map(|(rest, _)| (rest, ())),
    }
}

fn follows(last: Option<WordClass>, next: WordClass) -> bool {
    use WordClass::*;
    matches!(
        (last, next),
        (None, Unit | Teen | Tens)
            | (Some(Unit | Teen), Hundred | Scale | Dozen)
            | (Some(Tens), Unit | Scale | Dozen)
            | (Some(Hundred), Unit | Teen | Tens | Scale)
            | (Some(Scale), Unit | Teen | Tens)
    )
}

// WORD (SEPARATOR WORD)*
pub(crate) fn spelled(input: &str) -> IResult<&str, Amount> {
    let mut total = 0.0f64;
    let mut hundreds = 0.0f64;
    let mut small = 0.0f64;
    let mut last_scale = f64::INFINITY;
    let mut last: Option<WordClass> = None;
    let mut words = 0usize;
    let mut saw_one = false;
    let mut last_group = 0.0f64;
    let mut rest = input;

    if let Ok((after, ())) = article(input) {
        rest = after;
        small = 1.0;
        last = Some(WordClass::Unit);
        words = 1;
    }

    loop {
        let (after_sep, first) = match last {
            None => (rest, true),
            Some(class) => match separator(class, rest) {
                Ok((after, ())) => (after, false),
                Err(_) => break,
            },
        };
        if !first
            && hundreds == 0.0
            && matches!(
                last,
                Some(WordClass::Unit | WordClass::Teen | WordClass::Tens)
            )
            && let Ok((after, nw)) = and_a_half(rest)
            && nw.value < last_scale
        {
            let group = small + 0.5;
            if nw.class == WordClass::Hundred {
                hundreds = group * 100.0;
                small = 0.0;
            } else {
                total += group * nw.value;
                last_group = group;
                last_scale = nw.value;
                small = 0.0;
            }
            last = Some(nw.class);
            rest = after;
            words += 2;
            continue;
        }
        let Ok((after, nw)) = number_word(after_sep) else {
            break;
        };
        if !follows(last, nw.class) {
            break;
        }
        // "fifty - two" joins a tens word to a unit only.
        let dashed =
            after_sep.len() != rest.len() && rest[..rest.len() - after_sep.len()].contains(is_dash);
        if dashed && !(last == Some(WordClass::Tens) && nw.class == WordClass::Unit) {
            break;
        }
        match nw.class {
            WordClass::Unit | WordClass::Teen | WordClass::Tens => {
                if last == Some(WordClass::Tens) && nw.value == 0.0 {
                    break;
                }
                small += nw.value;
            }
            WordClass::Hundred => {
                if hundreds != 0.0 || small == 0.0 || small >= 100.0 {
                    break;
                }
                hundreds = small * 100.0;
                small = 0.0;
            }
            WordClass::Scale => {
                let group = hundreds + small;
                if nw.value >= last_scale || group == 0.0 {
                    break;
                }
                total += group * nw.value;
                last_group = group;
                last_scale = nw.value;
                hundreds = 0.0;
                small = 0.0;
            }
            WordClass::Dozen => {
                small = small.max(1.0) * nw.value;
            }
            WordClass::Suffix => break,
        }
        saw_one |= words == 0 && nw.value == 1.0 && nw.class == WordClass::Unit;
        words += 1;
        last = Some(nw.class);
        rest = after;
        if nw.class == WordClass::Dozen {
            break;
        }
    }
    if words == 0 {
        return fail(input);
    }
    let value = total + hundreds + small;
    let (mantissa, scale) = if last == Some(WordClass::Scale) && total == last_group * last_scale {
        (last_group, last_scale)
    } else {
        (value, 1.0)
    };
    let shape = if words == 1 && saw_one {
        Shape::One
    } else {
        Shape::Words
    };
    Ok((
        rest,
        Amount {
            value,
            mantissa,
            scale,
            shape,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (f64, &str) {
        let (rest, a) = spelled(s).unwrap();
        (a.value, rest)
    }

    #[test]
    fn simple_words() {
        assert_eq!(read("nine people"), (9.0, " people"));
        assert_eq!(read("Six children"), (6.0, " children"));
        assert_eq!(read("twenty-five"), (25.0, ""));
        assert_eq!(read("fifty - two"), (52.0, ""));
        assert_eq!(read("fifty   two"), (52.0, ""));
        assert_eq!(read("Three hundred  and  thirty one"), (331.0, ""));
    }

    #[test]
    fn scales() {
        assert_eq!(read("two hundred and fifty"), (250.0, ""));
        assert_eq!(read("two hundred and two thousand"), (202_000.0, ""));
        assert_eq!(read("two  thousand  and  two hundred"), (2200.0, ""));
        assert_eq!(
            read("three thousand nine hundred and sixty five"),
            (3965.0, "")
        );
        assert_eq!(
            read("twenty-one trillion three hundred"),
            (21e12 + 300.0, "")
        );
        assert_eq!(read("one and a half million"), (1.5e6, ""));
        assert_eq!(read("a hundred"), (100.0, ""));
    }

    #[test]
    fn dozens() {
        assert_eq!(read("a dozen"), (12.0, ""));
        assert_eq!(read("three dozens"), (36.0, ""));
        assert_eq!(read("three hundred and two dozens"), (324.0, ""));
    }

    #[test]
    fn stops_where_a_new_number_begins() {
        assert_eq!(read("one hundred and one hundred"), (101.0, " hundred"));
        assert_eq!(read("two three"), (2.0, " three"));
        assert_eq!(read("fifty - sixty"), (50.0, " - sixty"));
        assert!(spelled("a few").is_err());
        assert!(spelled("hundred").is_err());
    }

    #[test]
    fn one_is_marked() {
        assert_eq!(spelled("one of them").unwrap().1.shape, Shape::One);
        assert_eq!(spelled("one hundred").unwrap().1.shape, Shape::Words);
    }
}
