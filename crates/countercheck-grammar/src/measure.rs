//! What a figure measures and what it counts: "70 people were injured" is a count of
//! people, injured; "5,000 North Korean troops deployed to fight Ukraine had been killed
//! or wounded" is a count of North Korean troops, casualties.
//!
//! The words are read in three places around the figure, within its clause: the noun
//! phrase right after it (its subject), the predicate after that, and a few words
//! before it. The tables are `data/lexicon/measures.csv` and `subjects.csv`.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::phrase::{Phrase, Table};
use crate::span::Span;
use crate::words::{Token, tokens};

/// What a claim counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Killed, dead, died.
    Killed,
    /// Injured, wounded, hurt.
    Injured,
    /// Killed or wounded together ("casualties", "losses"); never the same as killed.
    Casualties,
    /// Taken to or treated in hospital.
    Hospitalized,
    /// Missing, unaccounted for.
    Missing,
    /// Captured, taken prisoner.
    Captured,
    /// Troops deployed or sent.
    Deployed,
    /// Missiles and rockets.
    Missiles,
    /// Drones.
    Drones,
    /// Displaced, fled, evacuated.
    Displaced,
    /// A count of people or materiel with no measure word.
    Other,
}

impl Measure {
    /// Every measure, in contract order.
    pub const ALL: [Measure; 11] = [
        Measure::Killed,
        Measure::Injured,
        Measure::Casualties,
        Measure::Hospitalized,
        Measure::Missing,
        Measure::Captured,
        Measure::Deployed,
        Measure::Missiles,
        Measure::Drones,
        Measure::Displaced,
        Measure::Other,
    ];

    /// The contract name: `killed`, `injured`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Measure::Killed => "killed",
            Measure::Injured => "injured",
            Measure::Casualties => "casualties",
            Measure::Hospitalized => "hospitalized",
            Measure::Missing => "missing",
            Measure::Captured => "captured",
            Measure::Deployed => "deployed",
            Measure::Missiles => "missiles",
            Measure::Drones => "drones",
            Measure::Displaced => "displaced",
            Measure::Other => "other",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Measure {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Measure::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("unknown measure {s:?}"))
    }
}

struct Tables {
    verbs: Table<Measure>,
    nouns: Table<Measure>,
    defaults: Table<Measure>,
    tolls: Table<Measure>,
    subjects: Table<()>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Row {
        phrase: String,
        measure: String,
        role: String,
    }
    let (mut verbs, mut nouns, mut defaults, mut tolls) = (vec![], vec![], vec![], vec![]);
    for r in crate::lexicon::read::<Row>(
        "measures.csv",
        include_str!("../../../data/lexicon/measures.csv"),
    ) {
        let m: Measure = r
            .measure
            .parse()
            .unwrap_or_else(|e| panic!("data/lexicon/measures.csv: {e}"));
        let entry = (Phrase::new(&r.phrase), m);
        match r.role.as_str() {
            "verb" => verbs.push(entry),
            "noun" => nouns.push(entry),
            "default" => defaults.push(entry),
            "toll" => tolls.push(entry),
            other => panic!("data/lexicon/measures.csv: role {other:?}"),
        }
    }
    #[derive(Deserialize)]
    struct Noun {
        noun: String,
    }
    let subjects = crate::lexicon::read::<Noun>(
        "subjects.csv",
        include_str!("../../../data/lexicon/subjects.csv"),
    )
    .into_iter()
    .map(|r| (Phrase::new(&r.noun), ()))
    .collect();
    Tables {
        verbs: Table::new(verbs),
        nouns: Table::new(nouns),
        defaults: Table::new(defaults),
        tolls: Table::new(tolls),
        subjects: Table::new(subjects),
    }
});

/// Words that end a noun phrase: auxiliaries, relative pronouns, prepositions and
/// conjunctions. A noun phrase after a figure is short; anything else ends it.
const PHRASE_ENDS: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "had",
    "have",
    "has",
    "who",
    "which",
    "that",
    "and",
    "or",
    "but",
    "in",
    "on",
    "at",
    "from",
    "to",
    "by",
    "with",
    "including",
    "among",
    "after",
    "before",
    "when",
    "as",
    "for",
    "into",
    "across",
    "during",
    "since",
    "while",
    "remain",
    "remained",
    "likely",
    "still",
    "also",
    "now",
    "feared",
    "reportedly",
    "believed",
    "thought",
    "said",
    "says",
    "a",
    "an",
    "per",
    "each",
    "every",
    "this",
    "last",
    "over",
    "under",
    "about",
];

/// Words that may stand between a subject and its measure verb: auxiliaries and
/// hedges ("had been", "were likely", "are feared").
const AUXILIARIES: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "had",
    "have",
    "has",
    "got",
    "remain",
    "remained",
    "remains",
    "likely",
    "feared",
    "reportedly",
    "believed",
    "thought",
    "confirmed",
    "later",
    "since",
    "who",
    "already",
    "also",
    "still",
    "all",
];

fn is_any(t: &Token<'_>, list: &[&str]) -> bool {
    list.iter().any(|w| t.is(w))
}

/// What the words around a figure say it counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reading {
    /// The measure and the words that gave it.
    pub(crate) measure: Option<(Measure, Span)>,
    /// The counted noun phrase ("North Korean troops"), when one follows the figure.
    pub(crate) subject: Option<Span>,
    /// True when the subject names people or materiel (`subjects.csv`).
    pub(crate) counts_people_or_materiel: bool,
}

/// How strongly a reading holds; a stronger one replaces a weaker one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Default,
    Before,
    BareVerb,
    Verb,
    Noun,
}

/// Reads what the figure whose phrase ends at `after` (and begins at `before`) measures,
/// looking no further than `clause` (a span of the sentence free of other figures).
pub(crate) fn read(text: &str, clause: Span, before: usize, after: usize) -> Reading {
    let t = &*TABLES;
    let mut reading = Reading::default();
    let mut best: Option<(Strength, Measure, Span)> = None;
    let mut offer = |s: Strength, m: Measure, span: Span| {
        if best.is_none_or(|(b, _, _)| s > b) {
            best = Some((s, m, span));
        }
    };

    // The noun phrase after the figure: "North Korean troops", "attack drones", "of the displaced".
    let mut toks = tokens(text, Span::new(after, clause.end)).peekable();
    if toks.peek().is_some_and(|t| t.is("of")) {
        toks.next();
        while toks
            .peek()
            .is_some_and(|t| is_any(t, &["the", "them", "those", "these", "its", "their"]))
        {
            toks.next();
        }
    }
    let mut np: Option<Span> = None;
    let mut rest_start = after;
    let mut taken = 0;
    while let Some(tok) = toks.peek().copied() {
        if !tok.is_word()
            || is_any(&tok, PHRASE_ENDS)
            || taken == 4
            || tok.text.starts_with(|c: char| c.is_ascii_digit())
        {
            break;
        }
        let at = &text[tok.span.start..clause.end];
        if let Some((n, &m)) = t.nouns.longest(at) {
            offer(
                Strength::Noun,
                m,
                Span::new(tok.span.start, tok.span.start + n),
            );
        } else if taken > 0 && t.verbs.matches(at) {
            // "troops deployed to ...": the participle begins the predicate.
            break;
        } else if let Some((n, &m)) = t.defaults.longest(at) {
            offer(
                Strength::Default,
                m,
                Span::new(tok.span.start, tok.span.start + n),
            );
        }
        if t.subjects.matches(at) {
            reading.counts_people_or_materiel = true;
        }
        np = Some(Span::new(
            np.map_or(tok.span.start, |s| s.start),
            tok.span.end,
        ));
        rest_start = tok.span.end;
        taken += 1;
        toks.next();
    }
    if !matches!(np, Some(s) if is_filler(&text[s.range()])) {
        reading.subject = np;
    }

    // The predicate: "were injured", "who were hospitalized", "had been killed or wounded".
    let mut after_aux = false;
    let mut words = 0;
    for tok in tokens(text, Span::new(rest_start, clause.end)) {
        if !tok.is_word() || words == 8 {
            break;
        }
        // "killed 12 and wounded 30": after a conjunction the verb is another figure's.
        if words == 0 && is_any(&tok, &["and", "or", "but", "while", "whereas"]) {
            break;
        }
        words += 1;
        let at = &text[tok.span.start..clause.end];
        if let Some((n, &m)) = t.verbs.longest(at) {
            let strength = if after_aux || words > 1 {
                Strength::Verb
            } else {
                Strength::BareVerb
            };
            offer(strength, m, Span::new(tok.span.start, tok.span.start + n));
            if strength == Strength::Verb {
                break;
            }
        } else if t
            .nouns
            .longest(at)
            .is_some_and(|(n, _)| tok.span.start + n <= clause.end)
            && after_aux
        {
            // "were among the injured"
            if let Some((n, &m)) = t.nouns.longest(at) {
                offer(
                    Strength::Verb,
                    m,
                    Span::new(tok.span.start, tok.span.start + n),
                );
            }
        }
        after_aux = is_any(&tok, AUXILIARIES) || (after_aux && is_any(&tok, &["among", "the"]));
    }

    // A few words before: "killing at least 12", "the death toll rose to 63".
    let window: Vec<Token<'_>> = tokens(text, Span::new(clause.start, before)).collect();
    for (i, tok) in window.iter().enumerate().rev().take(4) {
        if !tok.is_word() {
            break;
        }
        let at = &text[tok.span.start..before];
        if let Some((n, &m)) = t.tolls.longest(at) {
            offer(
                Strength::Before,
                m,
                Span::new(tok.span.start, tok.span.start + n),
            );
            break;
        }
        if i + 2 >= window.len()
            && let Some((n, &m)) = t.verbs.longest(at)
        {
            offer(
                Strength::Before,
                m,
                Span::new(tok.span.start, tok.span.start + n),
            );
            break;
        }
    }

    reading.measure = best.map(|(_, m, span)| (m, span));
    reading
}

/// Words that fill a noun phrase without naming anything: "dozens more", "others".
fn is_filler(np: &str) -> bool {
    np.split_whitespace().all(|w| {
        [
            "more",
            "others",
            "other",
            "further",
            "additional",
            "people's",
        ]
        .iter()
        .any(|f| w.eq_ignore_ascii_case(f))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The measure of the figure `fig` in `s`, reading to the end of `s`.
    fn measure(s: &str, fig: &str) -> Option<&'static str> {
        let at = s.find(fig).unwrap();
        read(s, Span::new(0, s.len()), at, at + fig.len())
            .measure
            .map(|(m, _)| m.as_str())
    }

    #[test]
    fn predicate_after_the_subject() {
        assert_eq!(
            measure("At least 70 people were injured overnight", "At least 70"),
            Some("injured")
        );
        assert_eq!(
            measure("including 42 who were hospitalized", "42"),
            Some("hospitalized")
        );
        assert_eq!(
            measure("5000 soldiers a week are dying", "5000"),
            Some("killed")
        );
        assert_eq!(
            measure("with a third likely killed", "a third"),
            Some("killed")
        );
        assert_eq!(
            measure("Six children were among the injured", "Six"),
            Some("injured")
        );
    }

    #[test]
    fn finite_predicate_beats_reduced_relative() {
        let s = "roughly 5,000 North Korean troops deployed to fight Ukraine had been killed or wounded";
        assert_eq!(measure(s, "roughly 5,000"), Some("casualties"));
        assert_eq!(
            measure(
                "at least 10,000 troops deployed to the front",
                "at least 10,000"
            ),
            Some("deployed")
        );
    }

    #[test]
    fn nouns() {
        assert_eq!(
            measure("had suffered about 4,000 casualties", "about 4,000"),
            Some("casualties")
        );
        assert_eq!(
            measure("about 150 attack drones were shot down", "about 150"),
            Some("drones")
        );
        assert_eq!(
            measure("involved at least 10,000 troops", "at least 10,000"),
            Some("deployed")
        );
        assert_eq!(
            measure("more than 300 aftershocks were recorded", "more than 300"),
            None
        );
    }

    #[test]
    fn words_before() {
        assert_eq!(
            measure("the strike killed 12 and wounded 30", "12"),
            Some("killed")
        );
        assert_eq!(measure("the death toll rose to 63", "63"), Some("killed"));
    }

    #[test]
    fn subject() {
        let s = "roughly 5,000 North Korean troops deployed";
        let r = read(s, Span::new(0, s.len()), 0, 13);
        assert_eq!(
            r.subject.map(|sp| &s[sp.range()]),
            Some("North Korean troops")
        );
        assert!(r.counts_people_or_materiel);
    }
}
