//! A claim's own time: "by March", "in February", "on Dec. 19", "on Thursday",
//! "overnight", "since the start of the war", resolved against the article's date.

use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Deserialize;

use crate::key_words::{Hits, KeySet, KeyWords, cuts_word, phrase_starts_into};
use crate::phrase::{Phrase, Table};
use crate::span::Span;
use crate::word_list::WordList;
use crate::words::{Token, tokens_into, tokens_of_words};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Month,
    Weekday,
    Relative,
    SinceStart,
}

/// The key words of the time phrases: a sentence with none of them, as most are, is
/// passed over without reading its words.
pub(crate) static KEYS: LazyLock<KeyWords> = LazyLock::new(|| KeyWords::of(&WORDS));

static WORDS: LazyLock<Table<(Kind, i8)>> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Row {
        word: String,
        kind: Kind,
        value: i8,
    }
    Table::new(
        crate::lexicon::read::<Row>(
            "time_words.csv",
            include_str!("../../../data/lexicon/time_words.csv"),
        )
        .into_iter()
        .map(|r| (Phrase::new(&r.word), (r.kind, r.value)))
        .collect(),
    )
});

/// When a claim holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// A day: "on Dec. 19", "on Thursday", "overnight".
    Day(Date),
    /// A month: "by March", "in February 2025".
    Month {
        /// The year.
        year: i16,
        /// The month, 1 to 12.
        month: i8,
    },
    /// A count kept since the conflict began, up to the given day.
    SinceStart(Option<Date>),
}

impl When {
    /// ISO 8601: `2025-04-24`, `2025-03`, or an interval open at its start for a count
    /// since the war began: `../2025-04-28`.
    pub fn iso(&self) -> String {
        match self {
            When::Day(d) => d.to_string(),
            When::Month { year, month } => format!("{year:04}-{month:02}"),
            When::SinceStart(Some(d)) => format!("../{d}"),
            When::SinceStart(None) => "..".to_owned(),
        }
    }
}

/// A time phrase of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsOf {
    /// The words: "by March".
    pub span: Span,
    /// What they mean.
    pub when: When,
}

/// A day of the month or a year written after a month name: "Dec. 19", "March 2025".
fn day_and_year(toks: &[Token<'_>]) -> (Option<i8>, Option<i16>, usize) {
    let mut day = None;
    let mut year = None;
    let mut used = 0;
    for t in toks.iter().take(3) {
        if t.text == "," {
            used += 1;
            continue;
        }
        match t.text.parse::<i32>() {
            Ok(n) if (1..=31).contains(&n) && day.is_none() && year.is_none() => {
                day = Some(n as i8)
            }
            Ok(n) if (1900..=2100).contains(&n) && year.is_none() => year = Some(n as i16),
            _ => break,
        }
        used += 1;
    }
    (day, year, used)
}

/// The time phrase of the sentence `sentence` nearest to the figure at `figure`, read
/// against the article's date `published` where it needs one.
///
/// To ask for many figures of one article, keep a [`Times`]: it reads each sentence once.
pub fn as_of(text: &str, sentence: Span, figure: Span, published: Option<Date>) -> Option<AsOf> {
    Times::new(text).as_of(sentence, figure, published)
}

/// The most words of a document that [`Times`] keeps for the document's rows (a
/// megabyte and a half of them): see [`Times::with_words`].
const KEEP_WORDS: usize = 1 << 16;

/// The time phrases of the last stretch of an article asked about, kept so that the
/// figures of one sentence, which are asked about one after the other, read its words
/// once.
#[derive(Debug)]
pub struct Times<'t> {
    /// The article.
    text: &'t str,
    /// The stretch read, and the article date it was read against.
    read: Option<(Span, Option<Date>)>,
    /// Each phrase found there, with the start of the word it begins at.
    found: Vec<(usize, AsOf)>,
    /// What is kept of the document's words; a window outside their stretch is read
    /// word by word.
    kept: Option<Kept<'t>>,
    /// The buffers the last window was read in, kept for the next.
    buffers: Buffers<'t>,
}

/// What a window is read in: its tokens, and the tokens at which a time phrase may
/// begin. Kept from one window to the next, they are allocated once a document.
#[derive(Debug, Default)]
struct Buffers<'t> {
    tokens: Vec<Token<'t>>,
    starts: Vec<usize>,
}

/// What [`Times`] keeps of a document's words.
#[derive(Debug)]
enum Kept<'t> {
    /// The words: their time words say where phrases may begin, and a window's tokens
    /// are made from them.
    Words(WordList<'t>),
    /// Only where the time words of a document too long to keep its words are
    /// written, and the stretch of the text searched for them.
    Hits(Hits, Span),
}

impl<'t> Times<'t> {
    /// Time phrases of `text`, none read yet.
    pub fn new(text: &'t str) -> Times<'t> {
        Times {
            text,
            read: None,
            found: Vec::new(),
            kept: None,
            buffers: Buffers::default(),
        }
    }

    /// Time phrases of the document `words` were split from: its sentences within the
    /// words' stretch are passed over when they hold no time word, with no further pass
    /// over the text, and the tokens of the others are made from the words.
    ///
    /// The words of a document of more than 65,536 words are dropped here, and only
    /// its time words kept: a scraped page of a hundred megabytes would otherwise hold
    /// its word list, hundreds of megabytes, while its rows are written.
    pub fn with_words(words: WordList<'t>) -> Times<'t> {
        let text = words.text();
        if words.words().len() <= KEEP_WORDS {
            return Times {
                kept: Some(Kept::Words(words)),
                ..Times::new(text)
            };
        }
        let range = words.range();
        Times {
            kept: Some(Kept::Hits(words.into_key_hits(KeySet::Times), range)),
            ..Times::new(text)
        }
    }

    /// The time phrase of the sentence `sentence` nearest to the figure at `figure`; the
    /// same answer as [`as_of`] on this article.
    pub fn as_of(&mut self, sentence: Span, figure: Span, published: Option<Date>) -> Option<AsOf> {
        let text = self.text;
        let window = sentence.within_reach(text, figure, crate::REACH);
        if self.read != Some((window, published)) {
            self.found.clear();
            let inside = |range: Span| range.start <= window.start && window.end <= range.end;
            let (hits, words) = match &self.kept {
                Some(Kept::Words(w)) if inside(w.range()) => {
                    (Some(w.key_hits(KeySet::Times)), Some(w))
                }
                Some(Kept::Hits(hits, range)) if inside(*range) => (Some(hits), None),
                _ => (None, None),
            };
            let read = Reading { text, hits, words };
            read.phrases(window, published, &mut self.buffers, &mut self.found);
            self.read = Some((window, published));
        }
        let mut best: Option<(usize, AsOf)> = None;
        // A phrase whose first word is inside the figure is part of the figure's words.
        for &(_, a) in self.found.iter().filter(|(w, _)| !figure.contains(*w)) {
            let span = a.span;
            let distance = if span.end <= figure.start {
                figure.start - span.end
            } else {
                span.start.saturating_sub(figure.end)
            };
            if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                best = Some((distance, a));
            }
        }
        best.map(|(_, a)| a)
    }
}

/// What a window of a document is read for time phrases with: the document's text,
/// and what is known of its words.
struct Reading<'a, 't> {
    text: &'t str,
    /// The document's time words, when the window lies in the stretch they were
    /// found in.
    hits: Option<&'a Hits>,
    /// The document's words, when the window lies in their stretch: its tokens are
    /// made from them.
    words: Option<&'a WordList<'t>>,
}

impl<'t> Reading<'_, 't> {
    /// Appends the time phrases of `window` to `out`, in text order, each with the start
    /// of the word it begins at, reading the window in `buffers`. With the
    /// document's time words, only the words just before one are looked up, and a
    /// window without one is not read at all.
    fn phrases(
        &self,
        window: Span,
        published: Option<Date>,
        buffers: &mut Buffers<'t>,
        out: &mut Vec<(usize, AsOf)>,
    ) {
        let text = self.text;
        if text.get(window.range()).is_none() {
            return;
        }
        // Hits are whole words: a window cut inside a word is read word by word.
        let hits = self
            .hits
            .filter(|_| !cuts_word(text, window.start) && !cuts_word(text, window.end));
        if hits.is_some_and(|h| h.within(window).next().is_none()) {
            return;
        }
        let Buffers { tokens, starts } = buffers;
        let toks = match self.words {
            Some(w) => tokens_of_words(tokens, w, window),
            None => tokens_into(tokens, text, window),
        };
        match hits {
            Some(h) => phrase_starts_into(toks, h.within(window), KEYS.lead(), starts),
            None => {
                starts.clear();
                starts.extend(0..toks.len());
            }
        }
        phrases_in_tokens(text, window, toks, starts, published, out);
    }
}

/// The time phrases of `window`, whose tokens are `toks`, added to `out` (see
/// [`Reading::phrases`]): phrases are looked up at the tokens `starts`, those just
/// before a time word, or every one.
fn phrases_in_tokens(
    text: &str,
    window: Span,
    toks: &[Token<'_>],
    starts: &[usize],
    published: Option<Date>,
    out: &mut Vec<(usize, AsOf)>,
) {
    for &i in starts {
        let t = &toks[i];
        if !t.is_word() {
            continue;
        }
        let at = &text[t.span.start..window.end];
        let Some((n, &(kind, value))) = WORDS.longest(at) else {
            continue;
        };
        let mut span = Span::new(t.span.start, t.span.start + n);
        let when = match kind {
            Kind::Month => {
                // Tokens are in text order: the ones after the phrase are a tail.
                let after = &toks[i + 1..];
                let rest = &after[after.partition_point(|x| x.span.start < span.end)..];
                let (mut day, year, used) = day_and_year(rest);
                if used > 0 {
                    span.end = rest[used - 1].span.end;
                }
                // "19 December"
                if day.is_none()
                    && let Some(d) = i
                        .checked_sub(1)
                        .and_then(|k| toks[k].text.parse::<i8>().ok())
                    && (1..=31).contains(&d)
                {
                    day = Some(d);
                    span.start = toks[i - 1].span.start;
                }
                let year = year.or_else(|| {
                    // A month without a year is the last such month up to the article's date.
                    let p = published?;
                    Some(if value <= p.month() {
                        p.year()
                    } else {
                        p.year() - 1
                    })
                });
                match (year, day) {
                    (Some(y), Some(d)) => Date::new(y, value, d).ok().map(When::Day),
                    (Some(y), None) => Some(When::Month {
                        year: y,
                        month: value,
                    }),
                    (None, _) => None,
                }
            }
            Kind::Weekday => published.and_then(|p| {
                let back = (p.weekday().to_monday_one_offset() - value).rem_euclid(7);
                p.checked_sub(i64::from(back).days()).ok().map(When::Day)
            }),
            Kind::Relative => {
                published.and_then(|p| p.checked_sub(i64::from(value).days()).ok().map(When::Day))
            }
            Kind::SinceStart => Some(When::SinceStart(published)),
        };
        let Some(when) = when else { continue };
        out.push((t.span.start, AsOf { span, when }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_answers_as_as_of_does_figure_by_figure() {
        let text = "On Thursday 12 people died and 30 were hurt in March 2025, officials said. \
                    Since the start of the war 4,000 have died. By 19 December, 5 more.";
        let published: Date = "2025-04-24".parse().unwrap();
        let sentences = [
            Span::new(0, text.find(" Since").unwrap()),
            Span::new(text.find("Since").unwrap(), text.find(" By").unwrap()),
            Span::new(text.find("By").unwrap(), text.len()),
        ];
        // Kept across figures and reading near the document's time words, against a
        // fresh reading of every word for each figure.
        let words = WordList::of(text, Span::new(0, text.len()));
        let mut times = Times::with_words(words);
        let mut seen = 0;
        for (fig, sentence) in [
            ("12", 0),
            ("30", 0),
            ("2025", 0),
            ("4,000", 1),
            ("19", 2),
            ("5", 2),
        ] {
            let at =
                text[sentences[sentence].start..].find(fig).unwrap() + sentences[sentence].start;
            let figure = Span::new(at, at + fig.len());
            for date in [Some(published), None] {
                let kept = times.as_of(sentences[sentence], figure, date);
                assert_eq!(
                    kept,
                    as_of(text, sentences[sentence], figure, date),
                    "{fig}"
                );
                seen += usize::from(kept.is_some());
            }
        }
        // Most of them have a time; the figure inside "19 December" is not its own time.
        assert!(seen >= 6, "{seen}");
    }

    /// A document too long for its words to be kept is read from its time words alone,
    /// with the same answers.
    #[test]
    fn long_documents_keep_only_their_time_words() {
        let text = format!(
            "{}On Thursday 12 people died. By 19 December, 5 more.",
            "and then ".repeat(KEEP_WORDS / 2 + 1)
        );
        let published: Date = "2025-04-24".parse().unwrap();
        let words = WordList::of(&text, Span::new(0, text.len()));
        assert!(words.words().len() > KEEP_WORDS);
        let mut times = Times::with_words(words);
        assert!(matches!(times.kept, Some(Kept::Hits(..))));
        for fig in ["12", "5"] {
            let at = text.find(&format!(" {fig} ")).unwrap() + 1;
            let sentence = Span::new(text[..at].rfind("On").unwrap_or(0), text.len());
            let figure = Span::new(at, at + fig.len());
            let kept = times.as_of(sentence, figure, Some(published));
            assert_eq!(
                kept,
                as_of(&text, sentence, figure, Some(published)),
                "{fig}"
            );
            assert!(kept.is_some(), "{fig}");
        }
    }

    fn iso(s: &str, fig: &str, published: &str) -> Option<String> {
        let at = s.find(fig).unwrap();
        let p: Date = published.parse().unwrap();
        as_of(
            s,
            Span::new(0, s.len()),
            Span::new(at, at + fig.len()),
            Some(p),
        )
        .map(|a| a.when.iso())
    }

    #[test]
    fn months_take_the_year_of_the_article() {
        assert_eq!(
            iso(
                "British intelligence assessed that by March roughly 5,000 were killed",
                "roughly 5,000",
                "2025-04-28"
            )
            .as_deref(),
            Some("2025-03")
        );
        assert_eq!(
            iso("by November 300 had fled", "300", "2025-04-28").as_deref(),
            Some("2024-11")
        );
        assert_eq!(
            iso("on Dec. 19, 12 were killed", "12", "2025-01-02").as_deref(),
            Some("2024-12-19")
        );
        assert_eq!(
            iso("in March 2022, 40 were killed", "40", "2025-01-02").as_deref(),
            Some("2022-03")
        );
    }

    #[test]
    fn days_and_spans_of_war() {
        // 2025-04-24 was a Thursday.
        assert_eq!(
            iso("70 were injured overnight", "70", "2025-04-24").as_deref(),
            Some("2025-04-24")
        );
        assert_eq!(
            iso("officials said on Thursday that 9 died", "9", "2025-04-26").as_deref(),
            Some("2025-04-24")
        );
        assert_eq!(
            iso("500 killed since the start of the war", "500", "2025-04-24").as_deref(),
            Some("../2025-04-24")
        );
        assert_eq!(iso("he may go; 12 died", "12", "2025-04-24"), None);
    }

    /// Text made of time phrases, their spaces widened and their case changed, among
    /// numbers, other words and punctuation, glued or apart.
    fn time_soup() -> impl proptest::strategy::Strategy<Value = String> {
        crate::phrase::phrase_soup(
            WORDS.iter().map(|(p, _)| p.as_str().to_owned()).collect(),
            vec![
                "19",
                "2025",
                "12",
                "killed",
                "fortnight",
                "Mayday",
                "mid",
                ",",
                ".",
                "“",
            ],
            vec![" ", "  ", "\n", "", "-", "’", ", "],
            14,
        )
    }

    proptest::proptest! {
        /// Reading only near the document's time words finds what reading every word
        /// finds, for every figure and stretch of the text.
        #[test]
        fn hits_find_what_every_word_finds(
            s in time_soup(),
            cuts in proptest::collection::vec((0usize..200, 0usize..200), 1..6),
        ) {
            let published: Date = "2025-04-24".parse().unwrap();
            let words = WordList::of(&s, Span::new(0, s.len()));
            let hits = KEYS.hits(&words);
            // Every word read, against the time words and tokens made from the words.
            let plain = Reading { text: &s, hits: None, words: None };
            let kept = Reading { text: &s, hits: Some(&hits), words: Some(&words) };
            for (a, b) in cuts {
                let (a, b) = (a.min(s.len()), b.min(s.len()));
                let window = Span::new(a.min(b), a.max(b));
                let (mut every, mut near) = (Vec::new(), Vec::new());
                plain.phrases(window, Some(published), &mut Buffers::default(), &mut every);
                kept.phrases(window, Some(published), &mut Buffers::default(), &mut near);
                proptest::prop_assert_eq!(near, every);
            }
            // The whole text too, as a sentence would be.
            let (mut every, mut near) = (Vec::new(), Vec::new());
            let all = Span::new(0, s.len());
            plain.phrases(all, Some(published), &mut Buffers::default(), &mut every);
            kept.phrases(all, Some(published), &mut Buffers::default(), &mut near);
            proptest::prop_assert_eq!(near, every);
        }
    }
}
