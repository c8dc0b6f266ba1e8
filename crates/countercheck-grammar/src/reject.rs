//! Non-figures: number-like text that is not a count or share of anything — years,
//! dates, times, ages, ordinals, measurements, money, durations, identifiers and model
//! names, the pronoun "one", and compound adjectives ("a two-state solution").
//!
//! Most rules are words next to the number, listed in `data/lexicon/non_figures.csv`;
//! the rules here are the shapes no word list can express ("10:30", "Su-34", "14th").

use serde::{Deserialize, Serialize};

use crate::lexicon::LEXICON;
use crate::number::{Amount, Shape};
use crate::parse::{Body, Parsed};
use crate::phrase::Table;
use crate::span::Span;
use crate::token::{is_dash, is_space};

/// Why number-like text is not a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NonFigure {
    /// A year: "in 2009", "since 1977", "the 2025 Jubilee", "2020-2024".
    Year,
    /// A date or day of the month: "Dec. 19", "19 December", "2025-04-28", "the 1990s".
    Date,
    /// A clock time: "10:30", "3 p.m.", "0300 GMT".
    Time,
    /// An age: "a 45-year-old", "aged 45", "45 years old".
    Age,
    /// An ordinal: "14th", "21st", "a third attack".
    Ordinal,
    /// A measurement with a unit: "127mm", "a 5,000-ton destroyer", "30 km".
    Measurement,
    /// Money: "$5 million", "£3bn", "400 dollars".
    Money,
    /// A duration: "three days", "24 hours", "three years of war", "a few hours".
    Duration,
    /// An identifier or model name: "Su-34", "F-16", "G7", "Resolution 2334", "Article 5".
    Identifier,
    /// The pronoun "one": "one of the largest", "which one".
    Pronoun,
    /// A number inside a compound adjective: "a two-state solution", "a five-star hotel".
    Compound,
    /// Digits too long to be a count: the value overflows.
    TooLarge,
}

impl NonFigure {
    /// The class name used in data files and outputs: `year`, `date`, `time`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            NonFigure::Year => "year",
            NonFigure::Date => "date",
            NonFigure::Time => "time",
            NonFigure::Age => "age",
            NonFigure::Ordinal => "ordinal",
            NonFigure::Measurement => "measurement",
            NonFigure::Money => "money",
            NonFigure::Duration => "duration",
            NonFigure::Identifier => "identifier",
            NonFigure::Pronoun => "pronoun",
            NonFigure::Compound => "compound",
            NonFigure::TooLarge => "too_large",
        }
    }
}

/// Which way a figure was written, as far as the word rules care.
struct Written {
    amount: Option<Amount>,
    /// No qualifier words: "2024" is a year, "more than 2024" is not.
    plain: bool,
    /// A range of two years: "2020-2024".
    years: bool,
}

impl Written {
    fn year(&self) -> bool {
        self.years || self.plain && self.amount.is_some_and(|a| a.is_year_shaped())
    }

    fn day_or_year(&self) -> bool {
        self.year() || self.plain && self.amount.is_some_and(|a| a.is_day_shaped())
    }

    fn digits(&self) -> bool {
        matches!(self.amount.map(|a| a.shape), Some(Shape::Digits { .. }))
    }

    /// Whether a word rule of `class` applies to a number written this way.
    fn takes(&self, class: NonFigure) -> bool {
        match class {
            NonFigure::Year => self.year(),
            NonFigure::Date => self.day_or_year(),
            NonFigure::Pronoun => self.plain && self.amount.is_some_and(|a| a.shape == Shape::One),
            NonFigure::Identifier => self.plain && self.amount.is_some(),
            NonFigure::Time => self.digits() || self.plain,
            _ => true,
        }
    }
}

/// End of the run of letters, digits and joining marks that starts at `from`, so a
/// rejected token ("Su-34", "2025-04-28", "10:30") is skipped whole.
fn token_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, '-' | '/' | ':' | '.' | ',' | '\'') || is_dash(c);
        if c.is_alphanumeric() || c == '°' {
            end = i + c.len_utf8();
        } else if joins && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric()) {
            continue;
        } else {
            break;
        }
    }
    from + end
}

fn longest_before(
    table: &Table<NonFigure>,
    before: &str,
    w: &Written,
) -> Option<(usize, NonFigure)> {
    let trimmed = before.trim_end_matches(is_space);
    table
        .longest_before(trimmed, |class| w.takes(*class))
        .map(|(s, class)| (s, *class))
}

fn longest_after(table: &Table<NonFigure>, after: &str, w: &Written) -> Option<(usize, NonFigure)> {
    table
        .longest_where(after, |class| w.takes(*class))
        .map(|(n, class)| (n, *class))
}

/// The text after a figure with the one space or hyphen that may join a word to it.
fn joined(after: &str) -> Option<&str> {
    let spaced = after.trim_start_matches(is_space);
    if spaced.len() != after.len() {
        return Some(spaced);
    }
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if is_dash(c) => Some(chars.as_str()),
        _ => None,
    }
}

/// The class and span of a non-figure, when the phrase `p` read at `start` of `text` is one.
pub(crate) fn classify(text: &str, start: usize, p: &Parsed) -> Option<(NonFigure, Span)> {
    let end = start + p.len;
    let num_end = start + p.number.1;
    let amount = p.amount();
    let w = Written {
        amount,
        plain: p.before.is_none() && p.after.is_none(),
        years: matches!(p.body, Body::Range(e, _) if e.years),
    };
    let whole = |class, to: usize| Some((class, Span::new(start, to.max(end))));

    if amount.is_some_and(|a| !a.value.is_finite()) {
        return whole(NonFigure::TooLarge, end);
    }

    // Words before: "aged 45", "$5 million", "Resolution 2334", "since 1977", "Dec. 19".
    let before = &text[..start];
    if let Some((s, class)) = longest_before(&LEXICON.non_figure_before, before, &w) {
        return Some((class, Span::new(s, token_end(text, start).max(end))));
    }
    let trimmed = before.trim_end_matches(is_space);
    let bare = w.plain
        && matches!(
            amount.map(|a| a.shape),
            Some(Shape::Digits { bare: true, .. })
        );

    // A number word in a name: "the Group of Seven", "the Gang of Four".
    let capital = text[start..].starts_with(char::is_uppercase);
    if capital
        && w.plain
        && matches!(amount.map(|a| a.shape), Some(Shape::Words | Shape::One))
        && let Some(head) = trimmed.strip_suffix(" of")
        && capitalised_name_before(head)
    {
        return whole(NonFigure::Identifier, end);
    }

    // An age set off by commas after a name: "The driver, 52, was charged".
    if bare && amount.is_some_and(|a| a.value <= 120.0) && text[end..].starts_with([',', ')']) {
        let mut back = trimmed.chars().rev();
        if back.next() == Some(',') && back.next().is_some_and(char::is_alphabetic) {
            return whole(NonFigure::Age, end);
        }
    }

    // A name followed by a number, inside a sentence: "Leopard 2 tanks", "Boeing 737".
    if bare && trimmed.len() != before.len() && capitalised_name_before(trimmed) {
        return whole(NonFigure::Identifier, end);
    }

    // Shapes before: "Su-34", "F-16", "COVID-19", "v1.2" — a letter joined to the digits.
    let mut back = before.chars().rev();
    match (back.next(), back.next()) {
        (Some(c), _) if c.is_alphanumeric() => {
            return whole(NonFigure::Identifier, token_end(text, start));
        }
        (Some(c), Some(l)) if (is_dash(c) || c == '.') && l.is_alphabetic() => {
            return whole(NonFigure::Identifier, token_end(text, start));
        }
        _ => {}
    }

    // Shapes glued after the digits: "10:30", "04/28/2025", "1.2.3", "2024-25", "14th", "4G".
    if p.after.is_none() && w.digits() {
        let after = &text[num_end..];
        let mut chars = after.chars();
        let (c, next) = (chars.next(), chars.next());
        let digit_follows = next.is_some_and(|n| n.is_ascii_digit());
        match c {
            Some(':') if digit_follows => return whole(NonFigure::Time, token_end(text, num_end)),
            Some('/') if digit_follows => return whole(NonFigure::Date, token_end(text, num_end)),
            Some('.') if digit_follows => {
                return whole(NonFigure::Identifier, token_end(text, num_end));
            }
            Some(d) if is_dash(d) && digit_follows && w.year() => {
                return whole(NonFigure::Date, token_end(text, num_end));
            }
            Some(l) if l.is_alphabetic() || l == '°' => {
                let class = glued_class(after, &w);
                return whole(class, token_end(text, num_end));
            }
            _ => {}
        }
    }

    // Words after: "30 km", "5,000-ton", "three days", "45-year-old", "19 December".
    if let Some(next) = joined(&text[end..]) {
        let at = text.len() - next.len();
        if let Some((n, class)) = longest_after(&LEXICON.non_figure_after, next, &w) {
            return whole(class, at + n);
        }
        if let Some((n, ())) = LEXICON.skip_words.longest(next)
            && let Some(skipped) = joined(&next[n..])
        {
            let at = text.len() - skipped.len();
            if let Some((m, NonFigure::Duration)) =
                longest_after(&LEXICON.non_figure_after, skipped, &w)
            {
                return whole(NonFigure::Duration, at + m);
            }
        }
    }

    // "which one?", "a better one.": the pronoun at the end of a sentence.
    if w.takes(NonFigure::Pronoun) && text[end..].starts_with(['.', '?', '!']) {
        return whole(NonFigure::Pronoun, end);
    }

    // A year unless a lower-case word follows: "in 1977.", "the 2025 Jubilee",
    // "2020-2024", and with a qualifier too: "around 2015, analysts say".
    if w.years || amount.is_some_and(|a| a.is_year_shaped()) {
        let next = text[end..].trim_start_matches(is_space);
        let spaced = next.len() != text.len() - end;
        if w.years || !(spaced && next.starts_with(|c: char| c.is_lowercase())) {
            return whole(NonFigure::Year, end);
        }
    }

    // A compound adjective: "a two-state solution", "300-member parliament".
    let mut after = text[end..].chars();
    if let (Some(d), Some(l)) = (after.next(), after.next())
        && is_dash(d)
        && l.is_alphabetic()
        && p.after.is_none()
    {
        return whole(NonFigure::Compound, token_end(text, end));
    }
    None
}

/// True when `before` ends with a capitalised word that is not the first of its
/// sentence and not a month: the name of a model, a place in a list, a unit.
fn capitalised_name_before(before: &str) -> bool {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i);
    let Some(start) = start else { return false };
    let name = &before[start..];
    let mut chars = name.chars();
    if !(chars.next().is_some_and(char::is_uppercase) && chars.next().is_some()) {
        return false;
    }
    let ahead = before[..start].trim_end_matches(is_space);
    let inside_sentence = ahead.len() != start
        && ahead
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == ',');
    let is_month = LEXICON
        .non_figure_before
        .longest_where(name, |class| *class == NonFigure::Date)
        .is_some_and(|(n, _)| n == name.len());
    inside_sentence && !is_month
}

/// The class of letters glued to digits: a unit ("127mm"), a time ("6am"), an ordinal
/// suffix ("14th"), a decade ("1990s"), or else an identifier ("4G", "3D").
fn glued_class(after: &str, w: &Written) -> NonFigure {
    if let Some((_, class)) = longest_after(&LEXICON.non_figure_attached, after, w) {
        return class;
    }
    let run = &after[..after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len())];
    let is = |s: &str| run.eq_ignore_ascii_case(s);
    match () {
        _ if is("st") || is("nd") || is("rd") || is("th") => NonFigure::Ordinal,
        _ if is("s") && (w.year() || w.amount.is_some_and(|a| a.value < 100.0)) => NonFigure::Date,
        _ => NonFigure::Identifier,
    }
}
