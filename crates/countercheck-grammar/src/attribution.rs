//! Who a figure is attributed to, as the words of its sentence say: "according to X",
//! "X said (that) ...", "..., X said.", "said X", "X told Reuters", "citing X",
//! "X reported", and the speaker of a quotation. The result names text spans (agents);
//! which source an agent is — a name in the gazetteer, a pronoun, "the ministry" — is
//! decided later, with the whole document in view.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::function_words::{WordSet, is_in};
use crate::key_words::{Hits, KeySet, KeyWords, phrase_starts_into};
use crate::phrase::{Phrase, Table};
use crate::span::Span;
use crate::word_list::WordList;
use crate::words::{Token, tokens_of_words};

/// What an attribution phrase does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Role {
    /// "said", "told", "estimated": the agent made the claim.
    Speech,
    /// "according to X".
    According,
    /// "citing X": X made the claim, the one citing passes it on.
    Citing,
    /// "X reported": X passes the claim on, or made it when nobody else did.
    Relay,
    /// "speaking to X": X passes the claim on.
    Audience,
}

/// Each phrase with its role and whether its agent may follow it (", said Peskov").
static TABLE: LazyLock<Table<(Role, bool)>> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Row {
        phrase: String,
        role: Role,
        invertible: String,
    }
    Table::new(
        crate::lexicon::read::<Row>(
            "attribution.csv",
            include_str!("../../../data/lexicon/attribution.csv"),
        )
        .into_iter()
        .map(|r| (Phrase::new(&r.phrase), (r.role, r.invertible == "yes")))
        .collect(),
    )
});

/// The key words of the attribution phrases (see [`Table::key_words`]).
pub(crate) static TRIGGERS: LazyLock<KeyWords> = LazyLock::new(|| KeyWords::of(&TABLE));

/// Where a document writes the key word of some attribution phrase. A sentence with no
/// such word holds no phrase and is not tokenized; in the others, phrases are looked up
/// only at the few words just before a hit, not at every word. The document's words
/// are kept too: a sentence's tokens are made from them.
pub(crate) struct Triggers<'w, 't> {
    hits: &'w Hits,
    words: &'w WordList<'t>,
}

impl<'w, 't> Triggers<'w, 't> {
    /// The hits among `words`.
    pub(crate) fn of(words: &'w WordList<'t>) -> Triggers<'w, 't> {
        Triggers {
            hits: words.key_hits(KeySet::Triggers),
            words,
        }
    }

    /// How many trigger words the text holds: at most one cue begins at each.
    pub(crate) fn count(&self) -> usize {
        self.hits.len()
    }
}

/// An attribution phrase found in a sentence, with the span of its agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub(crate) role: Role,
    /// The attribution words ("said", "according to").
    pub(crate) words: Span,
    /// Who: "South Korea’s National Intelligence Service", "he", "the emergency service".
    pub(crate) agent: Span,
    /// For "X told Reuters": Reuters, who passes the claim on.
    pub(crate) audience: Option<Span>,
    /// True when the phrase closes its sentence after the claim (", X said.", ", according
    /// to Yonhap."), so it covers everything before it.
    pub(crate) trailing: bool,
}

/// An apposition stands beside a name, and a name is short.
const NAME_WORDS: usize = 8;

fn is_boundary(t: &Token<'_>) -> bool {
    matches!(
        t.text,
        "," | ";" | ":" | "—" | "–" | "(" | ")" | "." | "!" | "?"
    ) || is_quote_mark(t.text)
}

fn is_quote_mark(s: &str) -> bool {
    // Matched on bytes: " and the UTF-8 of “ ” ‘ ’ (E2 80 9C, 9D, 98, 99) and « » (C2
    // AB, BB). It runs for nearly every token near a verb.
    matches!(
        s.as_bytes(),
        [b'"'] | [0xE2, 0x80, 0x98 | 0x99 | 0x9C | 0x9D] | [0xC2, 0xAB | 0xBB]
    )
}

/// True for text that can name who spoke: a capitalised word that is not just the
/// sentence's first word, a pronoun, or a definite description ("the ministry").
fn agentive(toks: &[Token<'_>]) -> bool {
    // Walked again where needed rather than collected: it runs for every candidate
    // agent, and the candidates are a few words.
    let words = || toks.iter().filter(|t| t.is_word());
    let Some(first) = words().next() else {
        return false;
    };
    let count = words().count();
    if count == 1 && is_in(WordSet::SpeakerPronoun, first.text) {
        return true;
    }
    if first.is("the") && count >= 2 {
        return true;
    }
    // ", regional officials said", "A source in the emergency services told Interfax"
    if count <= NAME_WORDS
        && words().any(|w| {
            SOURCE_NOUNS
                .longest(w.text)
                .is_some_and(|(n, _)| n == w.text.len())
        })
    {
        return true;
    }
    words().any(|t| t.text.starts_with(char::is_uppercase) && !is_in(WordSet::NotAName, t.text))
}

/// Nouns that name a speaker in lower case (`data/lexicon/source_nouns.csv`).
static SOURCE_NOUNS: LazyLock<Table<()>> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Row {
        noun: String,
    }
    Table::new(
        crate::lexicon::read::<Row>(
            "source_nouns.csv",
            include_str!("../../../data/lexicon/source_nouns.csv"),
        )
        .into_iter()
        .map(|r| (Phrase::new(&r.noun), ()))
        .collect(),
    )
});

/// True when `at` lies inside one of `spans`, which are in text order and do not
/// overlap (the figures of a document): a binary search, so long documents stay linear.
fn inside(spans: &[Span], at: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= at);
    spans.get(i).is_some_and(|s| s.contains(at))
}

/// The segments of `toks` between commas and dashes, last first: the agent is looked
/// for from the verb backwards, and most often found in the first segment read.
fn segments_back<'a, 't>(toks: &'a [Token<'t>]) -> impl Iterator<Item = &'a [Token<'t>]> {
    toks.rsplit(|t| matches!(t.text, "," | "—" | "–" | "-"))
        .filter(|s| !s.is_empty())
}

/// The agent written before a verb, in `toks` (the sentence up to the verb): the
/// comma- or dash-separated stretch nearest the verb that can name someone, skipping
/// appositions ("Rubio, a Catholic, said"; "Budanov — the head of ... — both said").
fn agent_before(toks: &[Token<'_>]) -> Option<Span> {
    let start = toks
        .iter()
        .rposition(|t| is_quote_mark(t.text) || matches!(t.text, ";" | ":"))
        .map_or(0, |i| i + 1);
    let mut segs = segments_back(&toks[start..]).peekable();
    while let Some(seg) = segs.next() {
        // The segment before this one in the text.
        let prev = segs.peek().copied();
        if !agentive(seg) {
            continue;
        }
        // An apposition follows a name: "Rubio, a Catholic, said", "Magen David Adom,
        // Israel's emergency medical service, said" — lower-case, or a possessive
        // followed by lower-case words.
        let lower_start = seg
            .first()
            .is_some_and(|t| t.text.starts_with(char::is_lowercase));
        let possessive_description = seg
            .first()
            .is_some_and(|t| t.text.ends_with("'s") || t.text.ends_with("’s"))
            && seg[1..]
                .iter()
                .all(|t| !t.is_word() || t.text.starts_with(char::is_lowercase));
        let after_name = prev.is_some_and(|prev| {
            prev.last().is_some_and(|t| {
                (t.is_word() && t.text.starts_with(char::is_uppercase)) || t.text == ")"
            }) && prev.iter().filter(|t| t.is_word()).count() <= NAME_WORDS
                && !prev
                    .first()
                    .is_some_and(|t| is_in(WordSet::AdverbialOpener, t.text))
        });
        if seg
            .first()
            .is_some_and(|t| is_in(WordSet::Relative, t.text))
        {
            continue;
        }
        let pronoun = seg.len() == 1 && is_in(WordSet::SpeakerPronoun, seg[0].text);
        if (lower_start || possessive_description) && after_name && !pronoun {
            continue;
        }
        // The agent ends before an auxiliary or adverb: "The ministry had earlier".
        let end = seg
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, t)| {
                t.text.starts_with(char::is_lowercase) && is_in(WordSet::AgentEnd, t.text)
            })
            .map_or(seg.len(), |(k, _)| k);
        return Some(Span::new(seg[0].span.start, seg[end - 1].span.end));
    }
    None
}

/// The agent written after the words, up to the next boundary: "according to X",
/// "citing X", "said X". A comma followed by a capitalised word continues a list of
/// names ("U.S., Ukrainian and South Korean assessments").
fn agent_after(toks: &[Token<'_>], stop: usize, skip: &[Span]) -> Option<Span> {
    let mut end = None;
    let mut i = 0;
    while i < toks.len() && toks[i].span.start < stop && !inside(skip, toks[i].span.start) {
        let t = &toks[i];
        if t.text == "," {
            if toks
                .get(i + 1)
                .is_some_and(|n| n.is_word() && n.text.starts_with(char::is_uppercase))
                && end.is_some()
            {
                i += 1;
                continue;
            }
            break;
        }
        if is_boundary(t)
            || t.is("that")
            || (end.is_some()
                && (t.is("on") || t.is("in") || t.is("at"))
                && toks.get(i + 1).is_some_and(|n| {
                    n.text.starts_with(char::is_uppercase) || n.is("a") || n.is("the")
                }))
        {
            break;
        }
        end = Some(i);
        i += 1;
    }
    end.map(|e| Span::new(toks[0].span.start, toks[e].span.end))
}

/// The audience of "told": "told Reuters", "told the BBC" — a capitalised name.
fn audience(toks: &[Token<'_>]) -> Option<Span> {
    let mut i = 0;
    if toks.first().is_some_and(|t| t.is("the")) {
        i = 1;
    }
    let start = i;
    while toks
        .get(i)
        .is_some_and(|t| t.is_word() && t.text.starts_with(char::is_uppercase))
    {
        i += 1;
    }
    (i > start).then(|| Span::new(toks[0].span.start, toks[i - 1].span.end))
}

/// How many tokens either side of an attribution phrase are read for its agent and
/// clause.
const CUE_REACH: usize = 80;

/// Buffers that [`cues`] reads a sentence with: its tokens, and the tokens where a
/// phrase may begin. Lent by the caller, so that the sentences of a document share them.
#[derive(Debug)]
pub(crate) struct Scratch<'t> {
    tokens: Vec<Token<'t>>,
    starts: Vec<usize>,
}

impl<'t> Scratch<'t> {
    /// Buffers with room for a long sentence of news (a hundred and twenty-eight
    /// tokens) and its phrase starts: grown from empty, they were copied a few times
    /// a document.
    pub(crate) fn new() -> Scratch<'t> {
        Scratch {
            tokens: Vec::with_capacity(128),
            starts: Vec::with_capacity(16),
        }
    }

    /// The token buffer, for other readings of the same text once the cues are read.
    pub(crate) fn tokens(&mut self) -> &mut Vec<Token<'t>> {
        &mut self.tokens
    }
}

/// The attribution phrases of the sentence `sentence`, skipping words inside `skip`
/// (figures: "an estimated 800" is no attribution), added to `out`. `triggers` are
/// those of the document.
pub(crate) fn cues<'t>(
    sentence: Span,
    skip: &[Span],
    triggers: &Triggers<'_, 't>,
    scratch: &mut Scratch<'t>,
    out: &mut Vec<Cue>,
) {
    let text = triggers.words.text();
    if text.get(sentence.range()).is_none() || triggers.hits.within(sentence).next().is_none() {
        return;
    }
    let toks = tokens_of_words(&mut scratch.tokens, triggers.words, sentence);
    phrase_starts_into(
        toks,
        triggers.hits.within(sentence),
        TRIGGERS.lead(),
        &mut scratch.starts,
    );
    let starts = &scratch.starts;
    // Words are visited in text order, so the figures to skip are walked alongside them
    // rather than searched for at every word.
    let mut skip_at = skip.partition_point(|s| s.end <= sentence.start);
    // The first token not yet inside a phrase found.
    let mut resume = 0;
    for &i in starts {
        if i < resume {
            continue;
        }
        let t = toks[i];
        while skip.get(skip_at).is_some_and(|s| s.end <= t.span.start) {
            skip_at += 1;
        }
        if !t.is_word() || skip.get(skip_at).is_some_and(|s| s.contains(t.span.start)) {
            continue;
        }
        let at = &text[t.span.start..sentence.end];
        let Some((n, &(role, invertible))) = TABLE.longest(at) else {
            continue;
        };
        let words = Span::new(t.span.start, t.span.start + n);
        let next = toks[i..]
            .iter()
            .position(|x| x.span.start >= words.end)
            .map_or(toks.len(), |k| i + k);
        // The agent and the clause around the verb are within a few dozen words of it;
        // looking no further keeps an endless sentence of "said"s linear.
        let before = &toks[i.saturating_sub(CUE_REACH)..i];
        let rest = &toks[next..toks.len().min(next + CUE_REACH)];
        // Trailing: ", X said." — the verb comes after a comma and the sentence ends
        // with nothing but its adjuncts.
        // Only the words up to the next punctuation matter: ", the network said on
        // Tuesday, accusing the RSF of “hunting” people" still closes the claim before it.
        let clause_end = rest.iter().position(|x| !x.is_word()).unwrap_or(rest.len());
        let mut after_verb = &rest[..clause_end];
        if t.is("told") || t.is("tells") {
            // "..., the minister told reporters in Port Sudan."
            let audience_end = after_verb
                .iter()
                .position(|x| is_in(WordSet::AdjunctStart, x.text) || x.is("that"))
                .unwrap_or(after_verb.len());
            after_verb = &after_verb[audience_end..];
        }
        let content_follows = after_verb
            .iter()
            .any(|x| x.is("that") || inside(skip, x.span.start))
            || rest
                .get(clause_end)
                .is_some_and(|x| matches!(x.text, "“" | "\"" | ":"));
        // The walk back over the words before the verb comes last: the other two
        // tests are cheaper and most often fail first.
        let trailing = !content_follows
            && after_verb
                .first()
                .is_none_or(|x| is_in(WordSet::AdjunctStart, x.text))
            && before
                .iter()
                .rev()
                .any(|x| x.text == "," || is_quote_mark(x.text));
        let cue = match role {
            Role::According | Role::Citing | Role::Audience => {
                agent_after(rest, sentence.end, skip).map(|agent| {
                    // ", according to Yonhap." closes the sentence; "Kyodo News, citing
                    // local officials, said ..." does not.
                    let after_agent = rest.iter().find(|x| x.span.start >= agent.end);
                    Cue {
                        role,
                        words,
                        agent,
                        audience: None,
                        trailing: before.last().is_some_and(|x| x.text == ",")
                            && after_agent
                                .is_none_or(|x| matches!(x.text, "." | "!" | "?" | "”" | "\"")),
                    }
                })
            }
            Role::Speech | Role::Relay => {
                let inverted = invertible
                    && before
                        .last()
                        .is_some_and(|x| x.text == "," || is_quote_mark(x.text))
                    && rest.first().is_some_and(|x| {
                        x.is_word() && (x.text.starts_with(char::is_uppercase) || x.is("the"))
                    });
                let agent = if inverted {
                    agent_after(rest, sentence.end, skip)
                } else {
                    agent_before(before)
                };
                agent.map(|agent| Cue {
                    role,
                    words,
                    agent,
                    audience: if t.is("told") || t.is("tells") {
                        audience(rest)
                    } else {
                        None
                    },
                    trailing: trailing || inverted,
                })
            }
        };
        out.extend(cue);
        resume = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key_words::phrase_starts;
    use crate::words::token_vec;

    fn agents(s: &str) -> Vec<(Role, &str, bool)> {
        let skip: Vec<Span> = crate::figures(s).map(|f| f.span).collect();
        let words = WordList::of(s, Span::new(0, s.len()));
        let triggers = Triggers::of(&words);
        let mut found = Vec::new();
        cues(
            Span::new(0, s.len()),
            &skip,
            &triggers,
            &mut Scratch::new(),
            &mut found,
        );
        found
            .into_iter()
            .map(|c| (c.role, &s[c.agent.range()], c.trailing))
            .collect()
    }

    #[test]
    fn speaker_before_the_claim() {
        assert_eq!(
            agents(
                "British intelligence assessed that by March roughly 5,000 troops had been killed."
            ),
            [(Role::Speech, "British intelligence", false)]
        );
        assert_eq!(
            agents(
                "In a statement carried by KCNA, North Korean leader Kim Jong Un said fighters were heroes."
            ),
            [(Role::Speech, "North Korean leader Kim Jong Un", false)]
        );
    }

    #[test]
    fn appositions_are_skipped() {
        assert_eq!(
            agents(
                "Ukrainian President Volodymyr Zelenskyy and Kyrylo Budanov — the head of Ukraine’s military intelligence — both said in February that troops had suffered about 4,000 casualties."
            ),
            [(
                Role::Speech,
                "Ukrainian President Volodymyr Zelenskyy and Kyrylo Budanov",
                false
            )]
        );
        assert_eq!(
            agents("Secretary of State Marco Rubio, a Catholic, said in a statement that"),
            [(Role::Speech, "Secretary of State Marco Rubio", false)]
        );
    }

    #[test]
    fn trailing_speakers() {
        assert_eq!(
            agents(
                "At least 70 people were injured, including 42 who were hospitalized, Ukraine’s State Emergency Service said in a post."
            ),
            [(Role::Speech, "Ukraine’s State Emergency Service", true)]
        );
        assert_eq!(
            agents("Six children were among the injured, the emergency service said."),
            [(Role::Speech, "the emergency service", true)]
        );
        assert_eq!(
            agents("Twelve were killed, said Dmitry Peskov."),
            [(Role::Speech, "Dmitry Peskov", true)]
        );
    }

    #[test]
    fn according_to_and_relays() {
        assert_eq!(
            agents(
                "The NIS said in March that forces had suffered around 5,000 casualties, according to the Yonhap news agency."
            ),
            [
                (Role::Speech, "The NIS", false),
                (Role::According, "the Yonhap news agency", true)
            ]
        );
        assert_eq!(
            agents(
                "which according to various U.S., Ukrainian and South Korean assistance involved at least 10,000 troops"
            ),
            [(
                Role::According,
                "various U.S., Ukrainian and South Korean assistance involved",
                false
            )]
        );
        assert_eq!(
            agents("Lee said, citing the NIS."),
            [
                (Role::Speech, "Lee", false),
                (Role::Citing, "the NIS", true)
            ]
        );
    }

    /// Text made of attribution phrases, with their spaces widened or made line breaks
    /// and their case changed, among other words and punctuation.
    fn phrase_soup() -> impl proptest::strategy::Strategy<Value = String> {
        crate::phrase::phrase_soup(
            TABLE.iter().map(|(p, _)| p.as_str().to_owned()).collect(),
            vec![
                "the", "death", "toll", "essay", "unsaid", "U.S.", "Reuters", ",", ".", "“", "”",
            ],
            // Separators include none at all and marks that join words ("said-so", "’s").
            vec![" ", "  ", "\n", "\u{a0}", " \t", "", "-", "’", ","],
            12,
        )
    }

    proptest::proptest! {
        /// Phrases are looked up only at the words `phrase_starts` gives: every other
        /// word must begin no phrase of the table, whatever the spacing and case.
        #[test]
        fn phrases_begin_only_where_looked_for(s in phrase_soup()) {
            let toks = token_vec(&s, Span::new(0, s.len()));
            let words = WordList::of(&s, Span::new(0, s.len()));
            let triggers = Triggers::of(&words);
            let starts = phrase_starts(
                &toks,
                triggers.hits.within(Span::new(0, s.len())),
                TRIGGERS.lead(),
            );
            for (i, t) in toks.iter().enumerate() {
                if !starts.contains(&i) {
                    proptest::prop_assert!(
                        TABLE.longest(&s[t.span.start..]).is_none(),
                        "a phrase begins at {:?} of {:?}",
                        t.text,
                        s
                    );
                }
            }
        }
    }
}
