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

use crate::function_words::{WordSet, is_in};
use crate::key_words::{Hits, KeySet, KeyWords, cuts_word};
use crate::phrase::{Phrase, Table};
use crate::span::Span;
use crate::word_list::WordList;
use crate::words::{Token, tokens, tokens_into};

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

/// The key words of the tolls ("toll" of "death toll").
pub(crate) static TOLL_KEYS: LazyLock<KeyWords> = LazyLock::new(|| KeyWords::of(&TABLES.tolls));

/// The words of a document that a toll may be written around, for [`read_with`].
pub(crate) fn toll_hits<'w>(words: &'w WordList<'_>) -> &'w Hits {
    words.key_hits(KeySet::Tolls)
}

/// True when `word` names a measure rather than who is counted: "casualties", "dead".
pub(crate) fn is_measure_noun(word: &str) -> bool {
    let t = &*TABLES;
    [&t.nouns].iter().any(|table| {
        table.longest(word).is_some_and(|(n, m)| {
            n == word.len() && !matches!(m, Measure::Missiles | Measure::Drones)
        })
    })
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
    /// The measure the head noun of the subject fixes ("casualties"), if it does.
    pub(crate) noun_measure: Option<Measure>,
    /// True when the measure rests only on the usual measure of the subject noun
    /// ("troops" are deployed unless a word says otherwise).
    pub(crate) by_default: bool,
}

/// How strongly a reading holds; a stronger one replaces a weaker one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Default,
    Before,
    OfGroup,
    BareVerb,
    Verb,
    Noun,
}

/// How many words before a figure a verb may stand and still govern it
/// ("arriving at a rate of about 5,000").
const VERB_REACH: usize = 6;

/// How many words before a figure a measure noun may stand ("among the dead were 22").
const NOUN_REACH: usize = 4;

/// [`read_with`] with a buffer of its own.
#[cfg(test)]
pub(crate) fn read(text: &str, clause: Span, before: usize, after: usize) -> Reading {
    read_with(text, clause, before, after, None, &mut Vec::new())
}

/// Reads what the figure whose phrase ends at `after` (and begins at `before`) measures,
/// looking no further than `clause` (a span of the sentence free of other figures).
/// `tolls` are the document's [`toll_hits`], when the clause is one of its: a clause
/// without one is not read for a toll. `buffer` holds the tokens of the clause before
/// the figure: the claims of a document lend the one their attribution was read with,
/// which saves an allocation a figure.
pub(crate) fn read_with<'t>(
    text: &'t str,
    clause: Span,
    before: usize,
    after: usize,
    tolls: Option<&Hits>,
    buffer: &mut Vec<Token<'t>>,
) -> Reading {
    let t = &*TABLES;
    let mut reading = Reading::default();
    let mut best: Option<(Strength, Measure, Span)> = None;
    let mut offer = |s: Strength, m: Measure, span: Span| {
        if best.is_none_or(|(b, _, _)| s > b) {
            best = Some((s, m, span));
        }
    };

    // The noun phrase after the figure: "North Korean troops", "attack drones",
    // "search and rescue personnel", "of the displaced".
    let mut toks = tokens(text, Span::new(after, clause.end)).peekable();
    let mut of_group = false;
    if toks.peek().is_some_and(|t| t.is("of")) {
        toks.next();
        of_group = true;
        while toks
            .peek()
            .is_some_and(|t| is_in(WordSet::OfDeterminer, t.text))
        {
            toks.next();
        }
    }
    // The loop below reads at most six words and looks one past them: they are kept
    // on the stack, as this runs for every figure.
    let mut held = [Token::EMPTY; 7];
    let mut len = 0;
    for (slot, tok) in held.iter_mut().zip(toks) {
        *slot = tok;
        len += 1;
    }
    let rest = &held[..len];
    let mut np: Option<Span> = None;
    let mut rest_start = after;
    let mut head_noun: Option<(Measure, Span)> = None;
    let mut i = 0;
    while i < rest.len() && i < 6 {
        let tok = rest[i];
        if !tok.is_word() || tok.text.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        let at = &text[tok.span.start..clause.end];
        if tok.is("and") {
            // "search and rescue personnel" goes on; "people and injured 30" does not.
            let next = rest
                .get(i + 1)
                .filter(|n| n.is_word() && !is_in(WordSet::PhraseEnd, n.text));
            let go_on = np.is_some()
                && next.is_some_and(|n| {
                    !n.text.starts_with(|c: char| c.is_ascii_digit())
                        && !t.verbs.matches(&text[n.span.start..clause.end])
                });
            if !go_on {
                break;
            }
            i += 1;
            continue;
        }
        if is_in(WordSet::PhraseEnd, tok.text) {
            break;
        }
        if let Some((n, &m)) = t.nouns.longest(at) {
            head_noun = Some((m, Span::new(tok.span.start, tok.span.start + n)));
        } else if np.is_none() && t.verbs.matches(at) {
            // "19 of those killed": the group is named by its measure; "600 killed":
            // the predicate follows the figure directly.
            if of_group && let Some((n, &m)) = t.verbs.longest(at) {
                offer(
                    Strength::Verb,
                    m,
                    Span::new(tok.span.start, tok.span.start + n),
                );
            }
            break;
        } else if np.is_some() && t.verbs.matches(at) {
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
        i += 1;
        // An adverb after a measure noun ends the phrase: "nine dead shortly after 5 a.m.";
        // "two wounded North Korean soldiers" goes on.
        let adverb_next = rest
            .get(i)
            .is_some_and(|n| n.text.len() > 3 && n.text.ends_with("ly"));
        if adverb_next && head_noun.is_some_and(|(_, h)| h.end >= tok.span.end) {
            break;
        }
    }
    if let Some((m, span)) = head_noun {
        // Only the head fixes the measure: "58 wounded people" are people, and "389 of the
        // injured" are a part of the injured whose predicate says which part.
        let head = np.is_some_and(|np| span.end >= np.end);
        if head && !of_group {
            reading.noun_measure = Some(m);
        }
        // "27 of the missiles" counts missiles, unless a verb says which part: "389 of
        // the injured were being treated in hospitals".
        let strength = match (head, of_group) {
            (true, false) => Strength::Noun,
            (true, true) => Strength::OfGroup,
            _ => Strength::Default,
        };
        offer(strength, m, span);
    }
    // "dozens more", "3,000 more soldiers": the filler is not part of what is counted.
    // The phrase's tokens are among those read above: not split again.
    reading.subject = np.and_then(|np| {
        let words = rest
            .iter()
            .filter(|t| np.start <= t.span.start && t.span.end <= np.end)
            .filter(|t| !is_filler(t.text))
            .map(|t| t.span);
        let mut kept = words.peekable();
        let first = kept.peek().copied()?;
        let last = kept.last().unwrap_or(first);
        Some(Span::new(first.start, last.end))
    });

    // The predicate: "were injured", "who were hospitalized", "had been killed or wounded".
    let mut after_aux = false;
    let mut seen_aux = false;
    let mut words = 0;
    let mut matched_to = 0;
    for tok in tokens(text, Span::new(rest_start, clause.end)) {
        if tok.span.start < matched_to {
            // Inside a phrase already read: "killed or wounded" is not also "wounded".
            continue;
        }
        if !tok.is_word() || words == 8 {
            break;
        }
        // "killed 12 and wounded 30": after a conjunction the verb is another figure's.
        if words == 0 && is_in(WordSet::Conjunction, tok.text) {
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
            matched_to = tok.span.start + n;
            if strength == Strength::Verb {
                break;
            }
        } else if seen_aux {
            // "were among the injured", "had gunshot wounds"
            if let Some((n, &m)) = t.nouns.longest(at) {
                offer(
                    Strength::Verb,
                    m,
                    Span::new(tok.span.start, tok.span.start + n),
                );
                break;
            }
        }
        after_aux = is_in(WordSet::Auxiliary, tok.text)
            || (after_aux && is_in(WordSet::AuxContinuation, tok.text));
        seen_aux |= after_aux;
    }

    // Before the figure: "the death toll rose to 63", "killing at least 12",
    // "among the dead were 22", "arriving at a rate of about 5,000". The walk back
    // stops within seven words, so only the clause's last few dozen bytes are split
    // into tokens, and the whole clause only when the walk runs off their start.
    let whole = Span::new(clause.start, before);
    let (walk, all_read) = walk_before(text, whole, t, buffer);
    if let Walk::Found(m, span) = walk {
        offer(Strength::Before, m, span);
    }

    // A toll anywhere earlier in the clause: "put the death toll higher, at 58". Only
    // a clause that holds a toll's key word is read for one; a clause cut inside a word
    // may hold a toll whose key word the document's words do not show whole.
    let may_hold_toll = tolls.is_none_or(|hits| {
        hits.within(whole).next().is_some()
            || cuts_word(text, whole.start)
            || cuts_word(text, whole.end)
    });
    if may_hold_toll {
        let window = if all_read {
            &buffer[..]
        } else {
            tokens_into(buffer, text, whole)
        };
        if let Some((m, span)) = window.iter().rev().filter(|t| t.is_word()).find_map(|tok| {
            let (n, &m) = t.tolls.longest(&text[tok.span.start..before])?;
            Some((m, Span::new(tok.span.start, tok.span.start + n)))
        }) {
            offer(Strength::Before, m, span);
        }
    }

    reading.by_default = matches!(best, Some((Strength::Default, _, _)));
    reading.measure = best.map(|(_, m, span)| (m, span));
    reading
}

/// How many bytes before a figure [`walk_back`] is first given: seven words of news
/// and the spaces and marks between them take about fifty.
const TAIL_BYTES: usize = 80;

/// Where the tokens read before a figure begin: just past a space some
/// [`TAIL_BYTES`] before the end of `whole`, or its start when none is that far in.
/// Tokens never hold a space, so the tokens from there on are those the whole
/// stretch has there.
fn tail_start(text: &str, whole: Span) -> usize {
    let from = whole.end.saturating_sub(TAIL_BYTES);
    if from <= whole.start {
        return whole.start;
    }
    text.as_bytes()[from..whole.end]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(whole.start, |i| from + i + 1)
}

/// [`walk_back`] from the figure that begins at `whole.end` over the tokens of `whole`
/// (the clause before the figure), first over those of its last [`TAIL_BYTES`] only.
/// `buffer` is left with the tokens read, which are all of `whole`'s when the second
/// value is true.
fn walk_before<'t>(
    text: &'t str,
    whole: Span,
    t: &Tables,
    buffer: &mut Vec<Token<'t>>,
) -> (Walk, bool) {
    let tail = Span::new(tail_start(text, whole), whole.end);
    let walk = walk_back(text, tokens_into(buffer, text, tail), whole.end, t);
    if walk != Walk::RanOut || tail == whole {
        return (walk, tail == whole);
    }
    (
        walk_back(text, tokens_into(buffer, text, whole), whole.end, t),
        true,
    )
}

/// How the walk back from a figure ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Walk {
    /// A verb or measure noun within reach: the measure and its words.
    Found(Measure, Span),
    /// A mark that ends the clause, or the reach, came first.
    Stopped,
    /// The tokens ran out before either: the walk may go on in the text before them.
    RanOut,
}

/// Walks back over `window`, the tokens before the figure that begins at `before`, to
/// the nearest verb or measure noun within reach ("killing at least 12", "among the
/// dead were 22").
fn walk_back(text: &str, window: &[Token<'_>], before: usize, t: &Tables) -> Walk {
    // Words from this one to the figure, counted as the loop walks back.
    let mut reach = 0;
    for tok in window.iter().rev() {
        if matches!(tok.text, "," | ";" | ":" | "—" | "(" | ")") && reach > 0 {
            return Walk::Stopped;
        }
        if !tok.is_word() {
            continue;
        }
        reach += 1;
        if reach > VERB_REACH.max(NOUN_REACH) {
            return Walk::Stopped;
        }
        let at = &text[tok.span.start..before];
        let span_of = |n: usize| Span::new(tok.span.start, tok.span.start + n);
        if reach <= VERB_REACH
            && let Some((n, &m)) = t.verbs.longest(at)
        {
            return Walk::Found(m, span_of(n));
        }
        if reach <= NOUN_REACH
            && let Some((n, &m)) = t.nouns.longest(at)
        {
            return Walk::Found(m, span_of(n));
        }
    }
    Walk::RanOut
}

/// Words that fill a noun phrase without naming anything: "dozens more", "others".
fn is_filler(np: &str) -> bool {
    np.split_whitespace().all(|w| is_in(WordSet::Filler, w))
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

    #[test]
    fn tolls_far_back_in_a_long_clause() {
        // The toll is more than a walk's worth of bytes before the figure.
        let s = "Officials put the death toll from the collapse of the old market building \
                 in the north of the city, which had been hit twice before, higher at 58";
        assert_eq!(measure(s, "58"), Some("killed"));
        // A verb beyond the first tokens read is still found within reach.
        let s = "The shelling killed, according to the preliminary figures released by \
                 the regional emergency services this morning, 14";
        assert_eq!(measure(s, "14"), None);
        let s = "wounded — —  —  —  —  —  —  —  —  —  —  —  —  —  —  —  — 14";
        assert_eq!(measure(s, "14"), Some("injured"));
    }

    proptest::proptest! {
        /// Reading with the document's toll words and from the last bytes before the
        /// figure gives what reading every word of the clause gives.
        #[test]
        fn toll_hits_and_tails_change_nothing(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "the", "death", "toll", "Toll", "tolls", "toll5", "rose", "to", "killed",
                    "among", "dead", "were", ",", "—", "(", "evacuation", "orders", "for",
                    "people", "at", "least", "12", "5,000", "injured", "\u{201c}", "said",
                    "casualty", "very-long-hyphenated-word", "x", "internationally",
                    "unprecedentedly", "re-killed",
                ]),
                0..40,
            ),
            joiner in proptest::sample::select(vec![" ", "  ", "\n", " \u{a0}"]),
        ) {
            let text = words.join(joiner);
            let list = WordList::of(&text, Span::new(0, text.len()));
            let hits = toll_hits(&list);
            for (at, _) in text.match_indices(|c: char| c.is_ascii_digit()) {
                let clause = Span::new(0, text.len());
                let whole = Span::new(0, at);
                let walk = walk_before(&text, whole, &TABLES, &mut Vec::new()).0;
                let every = walk_back(&text, &crate::words::token_vec(&text, whole), at, &TABLES);
                proptest::prop_assert_eq!(walk, every);
                let plain = read(&text, clause, at, at + 1);
                let with = read_with(&text, clause, at, at + 1, Some(hits), &mut Vec::new());
                proptest::prop_assert_eq!(plain, with);
            }
        }
    }
}
