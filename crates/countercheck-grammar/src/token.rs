//! Character classes and the small nom parsers every construct shares.

use nom::bytes::complete::take_while1;
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

/// How many bytes of whitespace ([`is_space`]) `input` begins with. ASCII is answered
/// without decoding: the parsers ask this between every two words of a figure.
fn space_len(input: &str) -> usize {
    let bytes = input.as_bytes();
    let mut n = 0;
    while let Some(&b) = bytes.get(n) {
        if b.is_ascii() {
            // The ASCII characters `char::is_whitespace` accepts: tab to carriage
            // return, and the space.
            if matches!(b, b'\t'..=b'\r' | b' ') {
                n += 1;
                continue;
            }
            break;
        }
        match input[n..].chars().next() {
            Some(c) if is_space(c) => n += c.len_utf8(),
            _ => break,
        }
    }
    n
}

// one or more spaces
pub(crate) fn ws1(input: &str) -> IResult<&str, &str> {
    match space_len(input) {
        0 => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::TakeWhile1,
        ))),
        n => Ok((&input[n..], &input[..n])),
    }
}

// zero or more spaces
pub(crate) fn ws0(input: &str) -> IResult<&str, &str> {
    let n = space_len(input);
    Ok((&input[n..], &input[..n]))
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

    /// The spaces are nom's `take_while(is_space)` for every character up to U+3100
    /// (every whitespace character is below it) and a few above, alone and in runs,
    /// with its error when there are none.
    #[test]
    fn spaces_as_taken_by_nom() {
        fn by_nom(input: &str) -> IResult<&str, &str> {
            take_while1(is_space).parse(input)
        }
        let chars = (0..=0x3100).chain([0xfeff, 0x1_0000, 0x10_ffff]);
        for c in chars.filter_map(char::from_u32) {
            for input in [format!("{c}x"), format!("{c}{c} y"), format!(" {c}z")] {
                assert_eq!(ws1(&input), by_nom(&input), "{input:?}");
                let n = by_nom(&input).map_or(0, |(_, s)| s.len());
                assert_eq!(ws0(&input), Ok((&input[n..], &input[..n])), "{input:?}");
            }
        }
        assert_eq!(ws1(""), by_nom(""));
        assert_eq!(ws0(""), Ok(("", "")));
    }

    #[test]
    fn word_chars_are_the_alphanumeric_ones() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
