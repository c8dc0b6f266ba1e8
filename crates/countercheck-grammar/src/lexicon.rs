//! The lexicons under `data/lexicon/`, compiled into the binary and read once.
//!
//! Behaviour changes by editing those tables, not this file. A malformed table is a bug
//! in the build, caught by the tests in this module, so reading one panics with the
//! table's name and the offending row.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::figure::{Period, Qualifier};
use crate::hash::Blocks;
use crate::phrase::{Phrase, Table};
use crate::reject::NonFigure;
use crate::starts::{StartWords, pack};

/// The role of a number word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum WordClass {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Dozen,
    Suffix,
}

/// A word of a spelled-out number, a scale word or a digit suffix.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct NumberWord {
    pub(crate) word: String,
    pub(crate) value: f64,
    pub(crate) class: WordClass,
    #[serde(deserialize_with = "yes_no")]
    pub(crate) spaced: bool,
}

/// A vague quantity and its interval.
#[derive(Clone, Debug)]
pub(crate) struct Vague {
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) scalable: bool,
    pub(crate) needs_context: bool,
}

/// A qualifier as the tables write it: one of the contract's or "inclusive".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QualWord {
    Is(Qualifier),
    /// "or equal": closes an open bound.
    Inclusive,
}

/// Where a non-figure phrase stands relative to the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Side {
    Before,
    After,
    Attached,
    Skip,
}

/// All tables, ready to match.
pub(crate) struct Lexicon {
    pub(crate) number_words: Vec<NumberWord>,
    /// Where the first number word that is no suffix of each spelling sits in
    /// `number_words`, by that spelling in lower case packed by [`pack`]: a hash probe
    /// a word, where a binary search compared folded strings at every step.
    number_word_at: HashMap<(u64, u64), usize, BuildHasherDefault<Blocks>>,
    /// The suffixes of `number_words`, in their order.
    suffixes: Vec<NumberWord>,
    pub(crate) vague: Table<Vague>,
    pub(crate) fractions: Table<f64>,
    pub(crate) quantity_context: Table<()>,
    pub(crate) percent: Table<()>,
    pub(crate) rates: Table<Period>,
    pub(crate) rate_blockers: Table<()>,
    pub(crate) change_words: Table<()>,
    pub(crate) before: Table<QualWord>,
    pub(crate) after: Table<QualWord>,
    pub(crate) non_figure_before: Table<NonFigure>,
    pub(crate) non_figure_after: Table<NonFigure>,
    pub(crate) non_figure_attached: Table<NonFigure>,
    pub(crate) skip_words: Table<()>,
    /// Number words at which a figure may begin (digits need no table).
    pub(crate) starts: StartWords,
}

/// True when [`pack`] keeps `word` whole and apart from every other spelling: up to
/// sixteen bytes of ASCII, none of them nought (which pads shorter words).
fn packable(word: &str) -> bool {
    word.len() <= 16 && word.bytes().all(|b| b.is_ascii() && b != 0)
}

/// Compares two words ignoring ASCII case.
fn cmp_folded(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// The lexicon, read on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

fn yes_no<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let s = String::deserialize(d)?;
    match s.as_str() {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(serde::de::Error::custom(format!(
            "expected yes or no, found {other:?}"
        ))),
    }
}

/// Reads a table of `data/lexicon/`, panicking with its name and row when malformed.
pub(crate) fn read<T: serde::de::DeserializeOwned>(name: &str, data: &str) -> Vec<T> {
    crate::csv_rows(
        csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(data.as_bytes()),
    )
    .enumerate()
    .map(|(i, row)| match row {
        Ok(row) => row,
        Err(e) => panic!("data/lexicon/{name}: row {}: {e}", i + 1),
    })
    .collect()
}

fn qualifier_word(name: &str) -> QualWord {
    if name == "inclusive" {
        return QualWord::Inclusive;
    }
    match name.parse::<Qualifier>() {
        Ok(q) => QualWord::Is(q),
        Err(e) => panic!("data/lexicon/qualifiers.csv: {e}"),
    }
}

impl Lexicon {
    fn load() -> Lexicon {
        let number_words: Vec<NumberWord> = read(
            "number_words.csv",
            include_str!("../../../data/lexicon/number_words.csv"),
        );

        #[derive(Deserialize)]
        struct VagueRow {
            phrase: String,
            low: f64,
            high: f64,
            #[serde(deserialize_with = "yes_no")]
            scalable: bool,
            #[serde(deserialize_with = "yes_no")]
            needs_context: bool,
        }
        let vague = read::<VagueRow>("vague.csv", include_str!("../../../data/lexicon/vague.csv"))
            .into_iter()
            .map(|r| {
                let v = Vague {
                    low: r.low,
                    high: r.high,
                    scalable: r.scalable,
                    needs_context: r.needs_context,
                };
                (Phrase::new(&r.phrase), v)
            })
            .collect::<Vec<_>>();

        #[derive(Deserialize)]
        struct FractionRow {
            word: String,
            denominator: f64,
        }
        let fractions = read::<FractionRow>(
            "fractions.csv",
            include_str!("../../../data/lexicon/fractions.csv"),
        )
        .into_iter()
        .map(|r| (Phrase::new(&r.word), r.denominator))
        .collect::<Vec<_>>();

        #[derive(Deserialize)]
        struct WordRow {
            word: String,
        }
        let quantity_context = read::<WordRow>(
            "quantity_context.csv",
            include_str!("../../../data/lexicon/quantity_context.csv"),
        )
        .into_iter()
        .map(|r| (Phrase::new(&r.word), ()))
        .collect();

        #[derive(Deserialize)]
        struct PhraseRow {
            phrase: String,
        }
        let percent = read::<PhraseRow>(
            "percent.csv",
            include_str!("../../../data/lexicon/percent.csv"),
        )
        .into_iter()
        .map(|r| (Phrase::new(&r.phrase), ()))
        .collect();

        #[derive(Deserialize)]
        struct RateRow {
            phrase: String,
            period: String,
        }
        let rates = read::<RateRow>("rates.csv", include_str!("../../../data/lexicon/rates.csv"))
            .into_iter()
            .map(|r| {
                let period = r
                    .period
                    .parse::<Period>()
                    .unwrap_or_else(|e| panic!("data/lexicon/rates.csv: {e}"));
                (Phrase::new(&r.phrase), period)
            })
            .collect();

        let rate_blockers = read::<WordRow>(
            "rate_blockers.csv",
            include_str!("../../../data/lexicon/rate_blockers.csv"),
        )
        .into_iter()
        .map(|r| (Phrase::new(&r.word), ()))
        .collect();

        let change_words = read::<WordRow>(
            "change_words.csv",
            include_str!("../../../data/lexicon/change_words.csv"),
        )
        .into_iter()
        .map(|r| (Phrase::new(&r.word), ()))
        .collect();

        #[derive(Deserialize)]
        struct QualifierRow {
            phrase: String,
            qualifier: String,
            position: String,
        }
        let mut before = Vec::new();
        let mut after = Vec::new();
        for r in read::<QualifierRow>(
            "qualifiers.csv",
            include_str!("../../../data/lexicon/qualifiers.csv"),
        ) {
            let entry = (Phrase::new(&r.phrase), qualifier_word(&r.qualifier));
            match r.position.as_str() {
                "before" => before.push(entry),
                "after" => after.push(entry),
                other => panic!("data/lexicon/qualifiers.csv: position {other:?}"),
            }
        }

        #[derive(Deserialize)]
        struct NonFigureRow {
            phrase: String,
            class: NonFigure,
            side: Side,
        }
        let mut non_figure_before = Vec::new();
        let mut non_figure_after = Vec::new();
        let mut non_figure_attached = Vec::new();
        let mut skip_words = Vec::new();
        for r in read::<NonFigureRow>(
            "non_figures.csv",
            include_str!("../../../data/lexicon/non_figures.csv"),
        ) {
            let phrase = Phrase::new(&r.phrase);
            match r.side {
                Side::Before => non_figure_before.push((phrase, r.class)),
                Side::After => non_figure_after.push((phrase, r.class)),
                Side::Attached => non_figure_attached.push((phrase, r.class)),
                Side::Skip => skip_words.push((phrase, ())),
            }
        }

        let starts = StartWords::new(
            number_words
                .iter()
                .filter(|w| w.class != WordClass::Suffix)
                .map(|w| w.word.as_str())
                .chain(vague.iter().filter_map(|(p, _)| {
                    // "a few" begins where "few" is written: the article is optional.
                    p.as_str().split(' ').find(|w| *w != "a" && *w != "an")
                }))
                .chain(fractions.iter().map(|(p, _)| p.as_str())),
        );

        let mut number_words = number_words;
        number_words.sort_by(|a, b| cmp_folded(&a.word, &b.word).then_with(|| a.word.cmp(&b.word)));
        let mut number_word_at = HashMap::default();
        for (i, w) in number_words.iter().enumerate() {
            if w.class != WordClass::Suffix && packable(&w.word) {
                number_word_at.entry(pack(w.word.as_bytes())).or_insert(i);
            }
        }
        let suffixes = number_words
            .iter()
            .filter(|w| w.class == WordClass::Suffix)
            .cloned()
            .collect();
        Lexicon {
            number_words,
            number_word_at,
            suffixes,
            vague: Table::new(vague),
            fractions: Table::new(fractions),
            quantity_context: Table::new(quantity_context),
            percent: Table::new(percent),
            rates: Table::new(rates),
            rate_blockers: Table::new(rate_blockers),
            change_words: Table::new(change_words),
            before: Table::new(before),
            after: Table::new(after),
            non_figure_before: Table::new(non_figure_before),
            non_figure_after: Table::new(non_figure_after),
            non_figure_attached: Table::new(non_figure_attached),
            skip_words: Table::new(skip_words),
            starts,
        }
    }

    /// The number word spelled `word` (ignoring case), other than digit suffixes.
    pub(crate) fn number_word(&self, word: &str) -> Option<&NumberWord> {
        if packable(word) {
            let at = self.number_word_at.get(&pack(word.as_bytes()))?;
            return self.number_words.get(*at);
        }
        self.number_word_searched(word)
    }

    /// [`number_word`](Self::number_word) found by a binary search: for words that
    /// [`pack`] cannot hold.
    fn number_word_searched(&self, word: &str) -> Option<&NumberWord> {
        // Sorted by folded spelling, so the words spelled `word` in any case sit together.
        let at = self
            .number_words
            .partition_point(|w| cmp_folded(&w.word, word) == Ordering::Less);
        self.number_words[at..]
            .iter()
            .take_while(|w| w.word.eq_ignore_ascii_case(word))
            .find(|w| w.class != WordClass::Suffix)
    }

    /// True when `rest`, the text after a word, goes on with a word of
    /// `quantity_context.csv`, which shows that word was used as a quantity.
    pub(crate) fn quantity_follows(&self, rest: &str) -> bool {
        let next = rest.trim_start_matches(crate::token::is_space);
        next.len() != rest.len() && self.quantity_context.matches(next)
    }

    /// The digit suffix spelled exactly `word` ("k", "M", "bn").
    pub(crate) fn suffix(&self, word: &str) -> Option<&NumberWord> {
        self.suffixes.iter().find(|w| w.word == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let lex = &*LEXICON;
        assert!(lex.number_words.len() > 30);
        assert!(lex.vague.iter().all(|(_, v)| v.low <= v.high));
        assert!(lex.before.iter().count() > 40 && lex.after.iter().count() > 10);
        assert!(lex.non_figure_before.iter().count() > 100);
        assert!(lex.skip_words.iter().count() > 5);
        assert_eq!(lex.number_word("Twenty").map(|w| w.value), Some(20.0));
        assert_eq!(lex.suffix("bn").map(|w| w.value), Some(1e9));
        assert!(lex.suffix("BN").is_none());
    }

    /// The probe of packed spellings finds what the binary search finds: every number
    /// word in three cases, suffixes ("k" is no number word), words that are not
    /// number words, and a spelling with a nought byte, which does not pack.
    #[test]
    fn packed_lookup_as_searched() {
        let lex = &*LEXICON;
        let found = |w: &str| lex.number_word(w).map(|n| (n.word.clone(), n.value));
        let searched = |w: &str| {
            lex.number_word_searched(w)
                .map(|n| (n.word.clone(), n.value))
        };
        let mut asked = 0;
        for w in &lex.number_words {
            let title = w.word[..1].to_uppercase() + &w.word[1..];
            for spelling in [w.word.clone(), w.word.to_uppercase(), title] {
                assert_eq!(found(&spelling), searched(&spelling), "{spelling}");
                asked += usize::from(found(&spelling).is_some());
            }
        }
        assert!(asked > 90);
        for other in [
            "",
            "people",
            "tw",
            "seventeens",
            "thousand\0",
            "ten\0",
            "zwölf",
        ] {
            assert_eq!(found(other), searched(other), "{other:?}");
        }
        assert!(found("ten\0").is_none() && found("k").is_none());
    }
}
