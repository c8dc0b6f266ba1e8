//! What a claim counts, normalised for grouping claims into quantities: "North Korean
//! troops", "North Korean soldiers" and "North Koreans" are all `north korean troops`;
//! "about 4,000 casualties" in "North Korean troops had suffered about 4,000
//! casualties" counts North Korean troops too. Tables: `data/lexicon/demonyms.csv` and
//! `data/lexicon/subject_groups.csv`.

use std::borrow::Cow;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::phrase::{Phrase, Table};
use crate::span::Span;
use crate::words::tokens;

struct Tables {
    demonyms: Table<String>,
    groups: Table<String>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Row {
        phrase: String,
        group: String,
    }
    #[derive(Deserialize)]
    struct Noun {
        noun: String,
        group: String,
    }
    let demonyms = crate::lexicon::read::<Row>(
        "demonyms.csv",
        include_str!("../../../data/lexicon/demonyms.csv"),
    )
    .into_iter()
    .map(|r| (Phrase::new(&r.phrase), r.group))
    .collect();
    let groups = crate::lexicon::read::<Noun>(
        "subject_groups.csv",
        include_str!("../../../data/lexicon/subject_groups.csv"),
    )
    .into_iter()
    .map(|r| (Phrase::new(&r.noun), r.group))
    .collect();
    Tables {
        demonyms: Table::new(demonyms),
        groups: Table::new(groups),
    }
});

/// Who a claim counts, normalised. Its words are the tables' own, or the counted
/// noun as written: every claim has one, and none is copied for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Group {
    /// The nationality or party, normalised: "north korean".
    pub nationality: Option<&'static str>,
    /// The kind of people or thing: "troops", "people", "children", "drones".
    pub kind: Option<Cow<'static, str>>,
}

impl Group {
    /// The key: "north korean troops", "people", "" when nothing is known. Spelled
    /// out only when it joins two words.
    pub fn key(&self) -> Cow<'static, str> {
        match (self.nationality, &self.kind) {
            (Some(n), Some(k)) => Cow::Owned(format!("{n} {k}")),
            (Some(n), None) => Cow::Owned(format!("{n} people")),
            (None, Some(k)) => k.clone(),
            (None, None) => Cow::Borrowed(""),
        }
    }
}

/// The nationality and kind named in `text[range]`: the first kind, with the nationality
/// written just before it ("the North Korean contingent, fighting alongside Russian
/// forces" is North Korean); with no kind, the last nationality.
fn scan(text: &str, range: Span) -> Group {
    let t = &*TABLES;
    // Only the last nationality before the kind can be its own, and with no kind the
    // last is the one taken: the others need not be kept.
    let mut demonym: Option<(usize, &'static String)> = None;
    let mut kind: Option<(usize, &'static String)> = None;
    for (i, tok) in tokens(text, range).enumerate() {
        if !tok.is_word() {
            continue;
        }
        let at = &text[tok.span.start..range.end];
        if let Some((_, n)) = t.demonyms.longest(at) {
            demonym = Some((i, n));
            continue;
        }
        if let Some((_, k)) = t.groups.longest(at) {
            kind = Some((i, k));
            break;
        }
    }
    let nationality = match kind {
        Some((k, _)) => demonym.filter(|&(d, _)| d < k && k - d <= 3),
        None => demonym,
    };
    Group {
        nationality: nationality.map(|(_, n)| n.as_str()),
        kind: kind.map(|(_, k)| Cow::Borrowed(k.as_str())),
    }
}

/// Where the clause of a figure starts: after the last "that" before it ("the agency
/// told lawmakers that the North Korean contingent ... had sustained 4,700
/// casualties"), else at the start of its sentence.
fn clause_start(text: &str, sentence: Span, figure: Span) -> usize {
    tokens(text, Span::new(sentence.start, figure.start))
        .filter(|t| t.is("that"))
        .last()
        .map_or(sentence.start, |t| t.span.end)
}

/// Who the claim with figure `figure` and counted phrase `subject` in `sentence`
/// counts. When the phrase names no people but only the measure ("casualties",
/// "dead"), or there is none, its clause is read for them ("North Korean troops had
/// suffered about 4,000 casualties"); a phrase of other words is its own kind ("nine
/// volunteers" are volunteers, not the children named before them). A nationality with
/// no kind ("North Koreans", "North Korean losses") counts troops when `military` (the
/// measure is one of fighting: casualties, deployed, captured) or when its sentence
/// names troops, and people otherwise.
pub fn group_of(
    text: &str,
    sentence: Span,
    figure: Span,
    subject: Option<Span>,
    military: bool,
) -> Group {
    let sentence = sentence.within_reach(text, figure, crate::REACH);
    let mut group = subject.map(|s| scan(text, s)).unwrap_or_default();
    let head = subject.and_then(|s| tokens(text, s).filter(|t| t.is_word()).last());
    // "North Koreans" is a nationality only, with no kind of its own.
    let only_nationality = subject.is_some_and(|s| {
        let words = text[s.range()].trim();
        TABLES
            .demonyms
            .longest(words)
            .is_some_and(|(n, _)| n == words.len())
    });
    let names_only_the_measure =
        only_nationality || head.is_none_or(|h| crate::measure::is_measure_noun(h.text));
    if group.kind.is_none() && !names_only_the_measure {
        group.kind = head.map(|h| Cow::Owned(h.text.to_lowercase()));
    }
    if group.kind.is_none() {
        let before = scan(
            text,
            Span::new(clause_start(text, sentence, figure), figure.start),
        );
        group.kind = before.kind;
        if group.nationality.is_none() {
            group.nationality = before.nationality;
        }
    }
    if group.kind.is_none() && group.nationality.is_some() {
        let names_troops = scan(text, sentence).kind.as_deref() == Some("troops");
        group.kind = Some(Cow::Borrowed(if military || names_troops {
            "troops"
        } else {
            "people"
        }));
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str, fig: &str, subject: Option<&str>) -> Cow<'static, str> {
        let at = s.find(fig).unwrap();
        let subject = subject.map(|x| {
            let i = s.find(x).unwrap();
            Span::new(i, i + x.len())
        });
        group_of(
            s,
            Span::new(0, s.len()),
            Span::new(at, at + fig.len()),
            subject,
            false,
        )
        .key()
    }

    #[test]
    fn forms_of_one_group() {
        assert_eq!(
            key(
                "roughly 5,000 North Korean troops died",
                "roughly 5,000",
                Some("North Korean troops")
            ),
            "north korean troops"
        );
        assert_eq!(
            key(
                "some 3,000 North Korean soldiers",
                "some 3,000",
                Some("North Korean soldiers")
            ),
            "north korean troops"
        );
        assert_eq!(
            key(
                "3,000 North Koreans fighting beside Russian troops were killed",
                "3,000",
                Some("North Koreans")
            ),
            "north korean troops"
        );
        assert_eq!(
            key(
                "North Korean forces had suffered around 5,000 casualties",
                "around 5,000",
                Some("casualties")
            ),
            "north korean troops"
        );
    }

    #[test]
    fn a_nationality_alone_is_people_unless_troops_are_named() {
        assert_eq!(
            key("40 Palestinians were killed", "40", Some("Palestinians")),
            "palestinian people"
        );
        assert_eq!(
            key(
                "22 children and nine volunteers died",
                "nine",
                Some("volunteers")
            ),
            "volunteers"
        );
    }

    #[test]
    fn narrower_groups_stay_apart() {
        assert_eq!(
            key("70 people were injured", "70", Some("people")),
            "people"
        );
        assert_eq!(
            key("Six children were injured", "Six", Some("children")),
            "children"
        );
        assert_eq!(
            key("12 civilians were killed", "12", Some("civilians")),
            "civilians"
        );
    }
}
