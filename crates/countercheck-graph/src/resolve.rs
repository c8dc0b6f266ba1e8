//! Turning the agents of claims ("South Korea’s National Intelligence Service", "he",
//! "the emergency service", "Lee Seong-kweun") into sources, with the document in view.

use countercheck_grammar::{Span, WordList, WordSet, is_function_word};
use memchr::memmem::Finder;

use crate::gazetteer::{Mention, find_in_all};
use crate::places::Places;
use crate::registry::Registry;

/// Who an agent turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A source of the gazetteer, by index.
    Known(usize),
    /// Several sources named together ("Zelenskyy and Budanov"): the text as written,
    /// and the first of them.
    Joint {
        /// The agent as written.
        text: String,
        /// The first source named.
        first: usize,
    },
    /// A source not in the gazetteer, by the words that name it.
    Unknown(String),
}

/// How an agent was resolved, for the notes of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The agent names a source.
    Named,
    /// A pronoun, resolved to the last person named before it.
    Pronoun,
    /// A definite description ("the ministry"), resolved to the last source named
    /// before it whose name contains its words.
    Description,
    /// Nothing in the gazetteer: kept as written.
    Unlisted,
}

/// Resolves agents within one document.
pub struct Resolver<'a> {
    registry: &'a Registry,
    text: &'a str,
    mentions: Vec<Mention>,
    /// Agents resolved so far that name people outside the gazetteer ("Lee Seong-kweun").
    unlisted_people: Vec<(Span, String)>,
    /// Every agent resolved so far, in text order, with who it was.
    resolved: Vec<(Span, Origin)>,
}

/// Where the first " and " or " & " of `text` begins. Asked of every agent with a
/// name: a substring search sets up a searcher a call, which cost more than the search
/// in names of a few words.
fn list_separator(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b' ', bytes).find(|&at| {
        let rest = &bytes[at + 1..];
        rest.starts_with(b"and ") || rest.starts_with(b"& ")
    })
}

fn is_possessive_at(text: &str, at: usize) -> bool {
    text[at..].starts_with("'s") || text[at..].starts_with("’s")
}

/// The agent without a leading article and surrounding punctuation.
fn trimmed(text: &str) -> &str {
    let t = text.trim_matches(|c: char| !c.is_alphanumeric());
    for article in ["the ", "The "] {
        if let Some(rest) = t.strip_prefix(article) {
            return rest;
        }
    }
    t
}

/// How many mentions or speakers back a pronoun or description may look.
const LOOKBACK: usize = 200;

/// True for a definite description: "the ministry", "The agency".
fn starts_with_the(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    t.len() > 4 && t[..3].eq_ignore_ascii_case(b"the") && t[3] == b' '
}

/// True for a name of two or more capitalised words: "Lee Seong-kweun".
fn looks_like_a_person(name: &str) -> bool {
    // Counted as they come: a vector of the words was an allocation an agent.
    let mut words = 0;
    for w in name.split_whitespace() {
        words += 1;
        if words > 4 || !w.starts_with(char::is_uppercase) {
            return false;
        }
    }
    words >= 2
}

impl<'a> Resolver<'a> {
    /// A resolver for the document `text`, whose body starts at `body`.
    pub fn new(registry: &'a Registry, text: &'a str, body: usize) -> Self {
        Self::with_words(registry, &WordList::of(text, Span::new(body, text.len())))
    }

    /// A resolver for the document whose body's words are `words`.
    pub fn with_words(registry: &'a Registry, words: &WordList<'a>) -> Self {
        Self::with_mentions(registry, words.text(), registry.mentions_in(words))
    }

    /// As [`with_words`](Self::with_words), with the places of `places` named in the same
    /// words ([`Places::mentions_in`]): the two gazetteers walk the words once between
    /// them.
    pub fn with_places(
        registry: &'a Registry,
        places: &Places,
        words: &WordList<'a>,
    ) -> (Self, Vec<Mention>) {
        let [sources, named_places] = find_in_all([registry.names(), places.names()], words);
        (
            Self::with_mentions(registry, words.text(), sources),
            named_places,
        )
    }

    fn with_mentions(registry: &'a Registry, text: &'a str, mentions: Vec<Mention>) -> Self {
        Resolver {
            registry,
            text,
            mentions,
            unlisted_people: Vec::new(),
            resolved: Vec::new(),
        }
    }

    /// The sources named in the document, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// Who the agent at `agent` is.
    pub fn resolve(&mut self, agent: Span) -> (Origin, Basis) {
        let (origin, basis) = self.resolve_once(agent);
        if basis != Basis::Pronoun {
            self.resolved.push((agent, origin.clone()));
        }
        (origin, basis)
    }

    /// Who the agent of a relay is ("according to Yonhap"), without counting it as a
    /// speaker that later pronouns and descriptions may point to.
    pub fn resolve_relay(&mut self, agent: Span) -> (Origin, Basis) {
        self.resolve_once(agent)
    }

    fn is_person(&self, origin: &Origin) -> bool {
        match origin {
            Origin::Known(i) => self.registry.get(*i).kind == "person",
            Origin::Joint { first, .. } => self.registry.get(*first).kind == "person",
            Origin::Unknown(name) => looks_like_a_person(name),
        }
    }

    /// The last body (not a person) that spoke or was named before `at`: "it", "they".
    fn last_body(&self, at: usize) -> Option<Origin> {
        let spoke = self
            .resolved
            .iter()
            .rev()
            .take(LOOKBACK)
            .find(|(s, o)| s.end <= at && !self.is_person(o))
            .map(|(s, o)| (s.start, o.clone()));
        let named = self
            .before(at)
            .find(|m| self.registry.get(m.entry).kind != "person")
            .map(|m| (m.span.start, Origin::Known(m.entry)));
        // The one who spoke wins over a name that was only mentioned since.
        spoke.or(named).map(|(_, o)| o)
    }

    /// The mentions that end before `at`, nearest first, no further back than
    /// `LOOKBACK` of them: an antecedent is never that far, and the bound keeps
    /// resolution linear in long documents.
    fn before(&self, at: usize) -> impl Iterator<Item = &Mention> {
        let end = self.mentions.partition_point(|m| m.span.end <= at);
        self.mentions[..end].iter().rev().take(LOOKBACK)
    }

    /// The mentions written inside `span`.
    fn within(&self, span: Span) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.span.start < span.start);
        let to = self.mentions.partition_point(|m| m.span.start < span.end);
        &self.mentions[from..to.max(from)]
    }

    fn resolve_once(&mut self, agent: Span) -> (Origin, Basis) {
        let text = &self.text[agent.range()];
        let mut inside = self
            .within(agent)
            .iter()
            .filter(|m| m.span.end <= agent.end);
        // "South Korea’s National Intelligence Service": the possessor is not the speaker.
        let named = inside
            .clone()
            .find(|m| !is_possessive_at(self.text, m.span.end))
            .or_else(|| inside.next_back());
        if let Some(first) = named {
            // "Zelenskyy and Budanov", "U.S., Ukrainian and South Korean assessments":
            // a list of which the first name is one part.
            let list = list_separator(text);
            let in_list = list.is_some_and(|at| {
                let at = agent.start + at;
                !(first.span.start <= at && at < first.span.end)
            });
            if in_list {
                return (
                    Origin::Joint {
                        text: trimmed(text).to_owned(),
                        first: first.entry,
                    },
                    Basis::Named,
                );
            }
            return (Origin::Known(first.entry), Basis::Named);
        }
        let words = trimmed(text);
        if is_function_word(WordSet::ReferringPronoun, words) {
            let impersonal = is_function_word(WordSet::ImpersonalPronoun, words);
            let found = if impersonal {
                self.last_body(agent.start)
            } else {
                self.last_person(agent.start)
            };
            if let Some(origin) = found {
                return (origin, Basis::Pronoun);
            }
        } else if starts_with_the(text)
            && let Some(i) = self.described(words, agent.start)
        {
            return (Origin::Known(i), Basis::Description);
        }
        if looks_like_a_person(words) {
            self.unlisted_people.push((agent, words.to_owned()));
        }
        (Origin::Unknown(words.to_owned()), Basis::Unlisted)
    }

    /// The last person named before `at`: a person of the gazetteer, or an unlisted
    /// name that spoke earlier.
    fn last_person(&self, at: usize) -> Option<Origin> {
        let listed = self
            .before(at)
            .find(|m| self.registry.get(m.entry).kind == "person");
        let unlisted = self
            .unlisted_people
            .iter()
            .rev()
            .take(LOOKBACK)
            .find(|(s, _)| s.end <= at);
        match (listed, unlisted) {
            (Some(l), Some((s, name))) if s.start > l.span.start => {
                Some(Origin::Unknown(name.clone()))
            }
            (Some(l), _) => Some(Origin::Known(l.entry)),
            (None, Some((_, name))) => Some(Origin::Unknown(name.clone())),
            (None, None) => None,
        }
    }

    /// The last source named before `at` whose name or an alias contains `words`
    /// ("emergency service"), or failing that the last word of it ("service").
    fn described(&self, words: &str, at: usize) -> Option<usize> {
        let lower = words.to_lowercase();
        let head = lower.rsplit(' ').next().unwrap_or(&lower).to_owned();
        let fits = |i: usize, needle: &Finder<'_>| {
            self.registry
                .lowered_names(i)
                .iter()
                .any(|n| contains_words(n, needle))
        };
        // The same few sources are named again and again; each is tried once per needle.
        let first_fit = |entries: &mut dyn Iterator<Item = usize>, needle: &str| {
            // Only a source holding every word of the needle can hold the needle; one
            // word held is the needle held, and a phrase is searched for in the names
            // of those few sources.
            let holders = self.registry.holding_words_of(needle);
            let one_word = !needle.is_empty() && needle.chars().all(char::is_alphanumeric);
            let mut finder: Option<Finder<'_>> = None;
            let mut tried: Vec<usize> = Vec::new();
            for i in entries {
                if !holders.contains(i) || tried.contains(&i) {
                    continue;
                }
                if one_word || fits(i, finder.get_or_insert_with(|| Finder::new(needle))) {
                    return Some(i);
                }
                tried.push(i);
            }
            None
        };
        // "the group", "the organisation": the last body that spoke.
        if is_function_word(WordSet::GenericHead, &head)
            && lower == head
            && let Some(Origin::Known(i)) = self.last_body(at)
        {
            return Some(i);
        }
        // A source that spoke before, then one only named.
        for needle in [lower.as_str(), head.as_str()] {
            let spoke = first_fit(
                &mut self
                    .resolved
                    .iter()
                    .rev()
                    .take(LOOKBACK)
                    .filter_map(|(s, o)| match o {
                        Origin::Known(i) if s.end <= at => Some(*i),
                        _ => None,
                    }),
                needle,
            );
            if spoke.is_some() {
                return spoke;
            }
        }
        // "the group", "the organisation": the last body that spoke.
        if is_function_word(WordSet::GenericHead, &head)
            && let Some(Origin::Known(i)) = self.last_body(at)
        {
            return Some(i);
        }
        for needle in [lower.as_str(), head.as_str()] {
            let found = first_fit(&mut self.before(at).map(|m| m.entry), needle);
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

/// True when `needle` occurs in `haystack` as whole words.
fn contains_words(haystack: &str, needle: &Finder<'_>) -> bool {
    let len = needle.needle().len();
    needle.find_iter(haystack.as_bytes()).any(|i| {
        // The needle is a whole string, so a match starts and ends on char boundaries.
        let before = haystack.get(..i).and_then(|s| s.chars().next_back());
        let after = haystack.get(i + len..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The separator is where the first of the two substring searches finds one.
        #[test]
        fn list_separator_is_the_first_found(text in "[a&nd ,.’]{0,24}") {
            let searched = [" and ", " & "].iter().filter_map(|sep| text.find(sep)).min();
            proptest::prop_assert_eq!(list_separator(&text), searched);
        }
    }

    /// One walk over the words finds what each gazetteer finds on its own, on every
    /// sample article (sources and places overlap there: "Ukraine", "Kyiv", "Gaza").
    #[test]
    fn one_walk_for_sources_and_places() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        assert!(files.len() > 10, "{dir}: too few sample articles");
        let (registry, places) = (Registry::builtin(), Places::builtin());
        let mut found = (0, 0);
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let words = WordList::of(&text, Span::new(0, text.len()));
            let (resolver, named) = Resolver::with_places(registry, places, &words);
            assert_eq!(
                resolver.mentions(),
                registry.mentions_in(&words),
                "{path:?}"
            );
            assert_eq!(named, places.mentions_in(&words), "{path:?}");
            found = (found.0 + named.len(), found.1 + resolver.mentions().len());
        }
        assert!(found.0 > 50 && found.1 > 50, "{found:?}");
    }

    fn resolve_all(text: &str, agents: &[&str]) -> Vec<(String, Basis)> {
        let r = Registry::builtin();
        let mut resolver = Resolver::new(r, text, 0);
        let mut from = 0;
        agents
            .iter()
            .map(|a| {
                let at = from + text[from..].find(a).unwrap();
                from = at + a.len();
                let (origin, basis) = resolver.resolve(Span::new(at, at + a.len()));
                let name = match origin {
                    Origin::Known(i) => r.get(i).id.clone(),
                    Origin::Joint { text, .. } => format!("joint: {text}"),
                    Origin::Unknown(t) => format!("unknown: {t}"),
                };
                (name, basis)
            })
            .collect()
    }

    #[test]
    fn names_possessives_and_descriptions() {
        let text = "Ukraine’s State Emergency Service said 70 were hurt. Six were children, the emergency service said.";
        assert_eq!(
            resolve_all(
                text,
                &["Ukraine’s State Emergency Service", "the emergency service"]
            ),
            [
                ("ua_ses".to_owned(), Basis::Named),
                ("ua_ses".to_owned(), Basis::Description)
            ]
        );
    }

    #[test]
    fn pronouns_take_the_last_person() {
        let text = "President Volodymyr Zelenskyy spoke in Pretoria. “It is terror,” he said.";
        assert_eq!(
            resolve_all(text, &["he"]),
            [("person_zelenskyy".to_owned(), Basis::Pronoun)]
        );
        let text = "Lee Seong-kweun relayed the figures. He said 600 were killed.";
        assert_eq!(
            resolve_all(text, &["Lee Seong-kweun", "He"]),
            [
                ("unknown: Lee Seong-kweun".to_owned(), Basis::Unlisted),
                ("unknown: Lee Seong-kweun".to_owned(), Basis::Pronoun)
            ]
        );
    }

    #[test]
    fn joint_sources() {
        let text = "Ukrainian President Volodymyr Zelenskyy and Kyrylo Budanov both said so.";
        let got = resolve_all(
            text,
            &["Ukrainian President Volodymyr Zelenskyy and Kyrylo Budanov"],
        );
        assert!(got[0].0.starts_with("joint: "), "{got:?}");
    }
}
