//! Finding the names of a gazetteer in text: every name and alias of every entry, in one
//! Aho-Corasick pass, at word boundaries. Acronyms ("NIS", "SES", "HUR") must match in
//! their case; other names ignore case, and straight and curly apostrophes are the same
//! ("South Korea's" and "South Korea’s").

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use countercheck_grammar::Span;

/// A name of entry `entry` found at `span`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where the name is written.
    pub span: Span,
    /// Index of the entry it names.
    pub entry: usize,
}

/// The names of a gazetteer's entries, ready to search.
pub(crate) struct Names {
    automaton: AhoCorasick,
    /// For each pattern: its entry and whether its case must match.
    patterns: Vec<(usize, bool, String)>,
}

/// True for short all-capital names, whose case carries meaning: "NIS" is not "nis".
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 6
        && letters.iter().filter(|c| c.is_uppercase()).count() >= 2
        && !name.contains(' ')
}

impl Names {
    /// Names for `entries`, each given as its list of names.
    pub(crate) fn new<'a>(entries: impl IntoIterator<Item = Vec<&'a str>>) -> Names {
        let mut patterns = Vec::new();
        for (i, names) in entries.into_iter().enumerate() {
            for name in names {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let exact = is_acronym(name);
                patterns.push((i, exact, name.to_owned()));
                if name.contains('\'') {
                    patterns.push((i, exact, name.replace('\'', "’")));
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(_, _, p)| p.as_str()))
            .expect("gazetteer names build an automaton");
        Names {
            automaton,
            patterns,
        }
    }

    /// The names found in `text[range]`, in text order, with spans into `text`.
    pub(crate) fn find(&self, text: &str, range: Span) -> Vec<Mention> {
        let hay = &text[range.range()];
        let mut out = Vec::new();
        for m in self.automaton.find_iter(hay) {
            let (entry, exact, ref pattern) = self.patterns[m.pattern().as_usize()];
            let found = &hay[m.range()];
            if exact && found != pattern {
                continue;
            }
            let before = hay[..m.start()].chars().next_back();
            let after = hay[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            out.push(Mention {
                span: Span::new(range.start + m.start(), range.start + m.end()),
                entry,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_case_and_apostrophes() {
        let names = Names::new([vec!["NIS", "South Korea's spy agency"], vec!["Kyiv"]]);
        let text = "nis? NIS said; South Korea’s spy agency and Kyivstar, KYIV.";
        let found: Vec<_> = names
            .find(text, Span::new(0, text.len()))
            .into_iter()
            .map(|m| (&text[m.span.range()], m.entry))
            .collect();
        assert_eq!(
            found,
            [("NIS", 0), ("South Korea’s spy agency", 0), ("KYIV", 1)]
        );
    }
}
