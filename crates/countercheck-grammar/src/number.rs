//! Numbers written with digits: "42", "5,000", "10 000", "1.5", "4k", "1.2m", "3bn",
//! "1.2 million", "322 hundred", "3 dozens".

use nom::character::complete::{char as ch, digit1, satisfy};
use nom::combinator::{not, peek, recognize};
use nom::{IResult, Parser};

use crate::lexicon::{LEXICON, WordClass};
use crate::token::{word, ws1};

/// How a number was written, which decides some non-figure rules (years, day numbers,
/// the pronoun "one").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Digits; `bare` when there is no grouping, decimal point, suffix or scale word,
    /// `len` the count of digits before any decimal point.
    Digits { bare: bool, len: usize },
    /// Spelled out ("two hundred and fifty"), or led by an article ("a dozen").
    Words,
    /// The single word "one", which is often a pronoun.
    One,
}

/// A number with how it was built.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Amount {
    /// The number.
    pub(crate) value: f64,
    /// The number before its trailing scale ("10" of "10 million"); `value` when none.
    pub(crate) mantissa: f64,
    /// The trailing scale factor; 1 when none.
    pub(crate) scale: f64,
    /// How it was written.
    pub(crate) shape: Shape,
}

impl Amount {
    /// True for a bare four-digit number that reads as a year (1500 to 2100).
    pub(crate) fn is_year_shaped(&self) -> bool {
        matches!(self.shape, Shape::Digits { bare: true, len: 4 })
            && (1500.0..=2100.0).contains(&self.value)
    }

    /// True for a bare one- or two-digit number that can be a day of the month.
    pub(crate) fn is_day_shaped(&self) -> bool {
        matches!(
            self.shape,
            Shape::Digits {
                bare: true,
                len: 1..=2
            }
        ) && (1.0..=31.0).contains(&self.value)
    }
}

/// Separators allowed between digit groups: comma, or one space of any width.
fn group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}')
}

// exactly three digits, not followed by a fourth
fn group3(input: &str) -> IResult<&str, &str> {
    recognize((
        satisfy(|c| c.is_ascii_digit()),
        satisfy(|c| c.is_ascii_digit()),
        satisfy(|c| c.is_ascii_digit()),
        not(peek(satisfy(|c| c.is_ascii_digit()))),
    ))
    .parse(input)
}

// SEP DDD, repeated, with one kind of separator throughout
fn groups<'a>(input: &'a str, sep: &dyn Fn(char) -> bool) -> &'a str {
    let mut rest = input;
    while let Ok((after, _)) = (satisfy(sep), group3).parse(rest) {
        rest = after;
    }
    rest
}

/// Folds the digits of `text` (separators skipped) into a value, dividing once at the
/// end so that "1.2" times a million is exactly 1,200,000.
fn digit_value(text: &str, scale: f64) -> f64 {
    let mut mantissa = 0.0f64;
    let mut decimals = 0i32;
    let mut after_point = false;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10.0 + f64::from(b - b'0');
                if after_point {
                    decimals += 1;
                }
            }
            b'.' => after_point = true,
            _ => {}
        }
    }
    mantissa * scale / 10f64.powi(decimals)
}

// DIGITS ("," DDD)* ["." DIGITS] [SUFFIX | SCALE-WORD]
pub(crate) fn digits(input: &str) -> IResult<&str, Amount> {
    let (mut rest, head) = digit1(input)?;
    let mut grouped = false;
    if head.len() <= 3 {
        for sep in [&(|c| c == ',') as &dyn Fn(char) -> bool, &group_space] {
            let after = groups(rest, sep);
            if after.len() != rest.len() {
                rest = after;
                grouped = true;
                break;
            }
        }
    }
    let mut decimal = false;
    if let Ok((after, _)) = (ch('.'), digit1::<&str, nom::error::Error<&str>>).parse(rest) {
        rest = after;
        decimal = true;
    }
    let number = &input[..input.len() - rest.len()];
    let int_part = number.split('.').next().unwrap_or(number);
    let int_len = int_part.bytes().filter(u8::is_ascii_digit).count();

    let mut scale = 1.0;
    if let Some((after, factor)) = suffix(rest) {
        rest = after;
        scale = factor;
    } else if let Ok((after, (_, w))) = (ws1, word).parse(rest)
        && let Some(nw) = LEXICON.number_word(w)
        && matches!(
            nw.class,
            WordClass::Hundred | WordClass::Scale | WordClass::Dozen
        )
    {
        rest = after;
        scale = nw.value;
    }
    let value = digit_value(number, scale);
    let mantissa = digit_value(number, 1.0);
    let shape = Shape::Digits {
        bare: !grouped && !decimal && scale == 1.0,
        len: int_len,
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

/// A suffix glued to the digits ("4k", "3bn") or, for those the table allows, after one
/// space ("2.33 k"); it must end at a word boundary.
fn suffix(input: &str) -> Option<(&str, f64)> {
    let spaced = input.strip_prefix(' ');
    for (text, glued) in [(Some(input), true), (spaced, false)] {
        let Some(text) = text else { continue };
        let Ok((rest, w)) = word(text) else { continue };
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        if let Some(nw) = LEXICON.suffix(w)
            && (glued || nw.spaced)
        {
            return Some((rest, nw.value));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> (f64, &str) {
        let (rest, a) = digits(s).unwrap();
        (a.value, rest)
    }

    #[test]
    fn grouping() {
        assert_eq!(value("5,000 troops"), (5000.0, " troops"));
        assert_eq!(value("1 234 567"), (1_234_567.0, ""));
        assert_eq!(value("10\u{2009}000"), (10_000.0, ""));
        assert_eq!(value("1,674,200.5"), (1_674_200.5, ""));
        assert_eq!(value("1,23"), (1.0, ",23"));
        assert_eq!(value("2009 200"), (2009.0, " 200"));
    }

    #[test]
    fn suffixes_and_scales() {
        assert_eq!(value("4k"), (4000.0, ""));
        assert_eq!(value("1.2m people"), (1_200_000.0, " people"));
        assert_eq!(value("3bn"), (3e9, ""));
        assert_eq!(value("2.33 k"), (2330.0, ""));
        assert_eq!(value("1.2 million"), (1_200_000.0, ""));
        assert_eq!(value("322 hundred"), (32_200.0, ""));
        assert_eq!(value("3 dozens"), (36.0, ""));
        assert_eq!(value("127mm"), (127.0, "mm"));
        assert_eq!(value("5 m"), (5.0, " m"));
    }

    #[test]
    fn shapes() {
        let (_, a) = digits("2024").unwrap();
        assert!(a.is_year_shaped());
        let (_, a) = digits("2,024").unwrap();
        assert!(!a.is_year_shaped());
        let (_, a) = digits("19").unwrap();
        assert!(a.is_day_shaped());
    }
}
