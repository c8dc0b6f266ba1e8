//! Character classes and the small nom parsers every construct shares.

use nom::bytes::complete::{take_while, take_while1};
use nom::{IResult, Parser};

/// Whitespace inside a phrase: ASCII spaces and tabs, line breaks, the no-break space
/// and the thin spaces typesetters put in numbers and between words.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Letters and digits (`char::is_alphanumeric`): a phrase that ends in one needs a
/// boundary after it.
///
/// Curly quotes and dashes, the commonest characters of news copy outside ASCII, lie in
/// the General Punctuation block, which holds no letter or digit; they are answered
/// without searching the Unicode tables, which every tokenizer would otherwise do at
/// each quotation mark.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Hyphen and the dashes used between the ends of a range.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
    )
}

// one or more spaces
pub(crate) fn ws1(input: &str) -> IResult<&str, &str> {
    take_while1(is_space).parse(input)
}

// zero or more spaces
pub(crate) fn ws0(input: &str) -> IResult<&str, &str> {
    take_while(is_space).parse(input)
}

// a run of letters (a word, without its punctuation)
pub(crate) fn word(input: &str) -> IResult<&str, &str> {
    take_while1(char::is_alphabetic).parse(input)
}

/// A keyword, in any ASCII case, ending at a word boundary: `kw("between")` matches
/// "Between 300" but not "betweenness". Cheaper than `tag_no_case`, which folds Unicode.
pub(crate) fn kw(word: &'static str) -> impl Fn(&str) -> IResult<&str, &str> {
    move |input: &str| {
        let n = word.len();
        if begins_with_word(input, word) {
            Ok((&input[n..], &input[..n]))
        } else {
            fail(input)
        }
    }
}

/// True when `input` begins with `word` in any ASCII case, ending at a word boundary:
/// [`kw`]'s test, for callers that only ask, without a parser's result to build.
pub(crate) fn begins_with_word(input: &str, word: &str) -> bool {
    let n = word.len();
    input.len() >= n
        && input.as_bytes()[..n].eq_ignore_ascii_case(word.as_bytes())
        && input.is_char_boundary(n)
        && !input[n..].starts_with(is_word_char)
}

/// A nom error at `input`, for hand-written parsers that reject.
pub(crate) fn fail<T>(input: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Verify,
    )))
}

/// Byte offset of `part` inside `whole`; `part` must be a sub-slice of `whole`.
pub(crate) fn offset(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_the_alphanumeric_ones() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
