//! Words and punctuation of a stretch of text, with spans, for the claim-level rules
//! that look at the words around a figure.

use crate::span::Span;

/// One token: a word (letters, digits, inner apostrophes, hyphens and dots, as in
/// "Ukraine's", "Kh-101", "U.S.") or one punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token<'t> {
    pub(crate) span: Span,
    pub(crate) text: &'t str,
}

impl Token<'_> {
    /// True for a word, false for punctuation.
    pub(crate) fn is_word(&self) -> bool {
        self.text.starts_with(char::is_alphanumeric)
    }

    /// True when the token is `word`, ignoring ASCII case.
    pub(crate) fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '‑')
}

/// The character at byte `at` of `s`, if any; ASCII without decoding.
fn char_at(s: &str, at: usize) -> Option<char> {
    match s.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s.get(at..)?.chars().next(),
        None => None,
    }
}

/// The tokens of `text[range]`, with spans into `text`. Whitespace is dropped.
///
/// Every claim rule walks the words of a sentence, so this runs over most of a
/// document's bytes several times; ASCII is read byte by byte without decoding.
pub(crate) fn tokens(text: &str, range: Span) -> impl Iterator<Item = Token<'_>> + '_ {
    let end = range.end.min(text.len());
    let mut pos = range.start.min(end);
    std::iter::from_fn(move || {
        let rest = text.get(pos..end)?;
        let skip = rest.len() - rest.trim_start().len();
        pos += skip;
        let rest = &text[pos..end];
        let first = char_at(rest, 0)?;
        let mut len = first.len_utf8();
        if first.is_alphanumeric() {
            while let Some(c) = char_at(rest, len) {
                if c.is_alphanumeric() {
                    len += c.len_utf8();
                } else if joins(c) {
                    // A joining mark stays inside the word only with a letter or digit after it.
                    let after = len + c.len_utf8();
                    match char_at(rest, after) {
                        Some(n) if n.is_alphanumeric() => len = after + n.len_utf8(),
                        _ if c == '.'
                            && len <= 5
                            && rest[..len].contains('.')
                            && rest[..len].chars().all(|c| c.is_uppercase() || c == '.') =>
                        {
                            // "U.S." keeps its last dot.
                            len += 1;
                            break;
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
        }
        let span = Span::new(pos, pos + len);
        pos += len;
        Some(Token {
            span,
            text: &text[span.range()],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokens(s, Span::new(0, s.len())).map(|t| t.text).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        assert_eq!(
            words("Ukraine’s SES said, “at least 70.”"),
            [
                "Ukraine’s",
                "SES",
                "said",
                ",",
                "“",
                "at",
                "least",
                "70",
                ".",
                "”"
            ]
        );
        assert_eq!(words("U.S. officials"), ["U.S.", "officials"]);
        assert_eq!(words("Kh-101 and co-op"), ["Kh-101", "and", "co-op"]);
    }
}
