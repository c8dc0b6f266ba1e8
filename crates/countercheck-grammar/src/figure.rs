//! The values the grammar produces: figures, their qualifiers, units, rates and intervals.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::span::Span;

/// The relative tolerance DESIGN.md gives approximate figures when no other is set.
pub const DEFAULT_TOLERANCE: f64 = 0.10;

/// How a figure bounds the true number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "42", "equal to 42".
    Exact,
    /// "about 42", "roughly 5,000", "some 300", "300 or so".
    Approx,
    /// "nearly 70", "almost 70", "just under 70".
    Nearly,
    /// "at least 70", "70 or more".
    AtLeast,
    /// "more than 80", "over 80", "300-plus", "500+".
    MoreThan,
    /// "up to 700", "as many as 700", "700 or fewer".
    AtMost,
    /// "fewer than 1,000", "under 170".
    LessThan,
    /// "between 300 and 400", "10,000-12,000".
    Range,
    /// "dozens", "several hundred", "tens of thousands".
    Vague,
}

impl Qualifier {
    /// Every qualifier, in contract order.
    pub const ALL: [Qualifier; 9] = [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::Nearly,
        Qualifier::AtLeast,
        Qualifier::MoreThan,
        Qualifier::AtMost,
        Qualifier::LessThan,
        Qualifier::Range,
        Qualifier::Vague,
    ];

    /// The contract name: `exact`, `approx`, `nearly`, `at_least`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Nearly => "nearly",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }

    /// True for qualifiers that bound the number from below only.
    pub const fn is_lower_bound(self) -> bool {
        matches!(self, Qualifier::AtLeast | Qualifier::MoreThan)
    }

    /// True for qualifiers that bound the number from above only.
    pub const fn is_upper_bound(self) -> bool {
        matches!(self, Qualifier::AtMost | Qualifier::LessThan)
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name was not one of the nine contract qualifiers.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown qualifier {0:?} (expected one of exact, approx, nearly, at_least, more_than, at_most, less_than, range, vague)"
)]
pub struct UnknownQualifier(pub String);

impl FromStr for Qualifier {
    type Err = UnknownQualifier;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Qualifier::ALL
            .into_iter()
            .find(|q| q.as_str() == s)
            .ok_or_else(|| UnknownQualifier(s.to_owned()))
    }
}

/// What a figure counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A count of people or things; written as an empty unit in outputs.
    Count,
    /// A share in percent: "40%", "a third" (33.3).
    Percent,
}

impl Unit {
    /// The contract name: empty for counts, `percent` for shares.
    pub const fn as_str(self) -> &'static str {
        match self {
            Unit::Count => "",
            Unit::Percent => "percent",
        }
    }
}

/// The period of a rate ("5,000 a week").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// "an hour", "hourly".
    Hour,
    /// "a day", "per day", "daily".
    Day,
    /// "a night", "nightly".
    Night,
    /// "a week", "weekly".
    Week,
    /// "a month", "monthly".
    Month,
    /// "a year", "annually".
    Year,
}

impl Period {
    /// The name used in outputs: `hour`, `day`, `night`, `week`, `month`, `year`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Night => "night",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "hour" => Period::Hour,
            "day" => Period::Day,
            "night" => Period::Night,
            "week" => Period::Week,
            "month" => Period::Month,
            "year" => Period::Year,
            other => return Err(format!("unknown rate period {other:?}")),
        })
    }
}

/// A rate phrase that goes with a figure: "a week" in "5,000 soldiers a week".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rate {
    /// The period the figure is counted over.
    pub period: Period,
    /// Where the rate phrase is written; it may lie a few words after the figure.
    pub span: Span,
}

/// The set of numbers a figure allows, given a tolerance for approximate figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end; `f64::INFINITY` when unbounded.
    pub high: f64,
    /// True when `low` itself is excluded ("more than 80").
    pub low_open: bool,
    /// True when `high` itself is excluded ("fewer than 1,000").
    pub high_open: bool,
}

impl Interval {
    /// The closed interval `[low, high]`.
    pub const fn closed(low: f64, high: f64) -> Self {
        Interval {
            low,
            high,
            low_open: false,
            high_open: false,
        }
    }

    /// True when the upper end is unbounded.
    pub fn is_unbounded(&self) -> bool {
        self.high.is_infinite()
    }

    /// True when the two intervals share at least one number.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let (lo, lo_open) = if self.low > other.low || (self.low == other.low && self.low_open) {
            (self.low, self.low_open)
        } else {
            (other.low, other.low_open)
        };
        let (hi, hi_open) = if self.high < other.high || (self.high == other.high && self.high_open)
        {
            (self.high, self.high_open)
        } else {
            (other.high, other.high_open)
        };
        lo < hi || (lo == hi && !lo_open && !hi_open)
    }
}

/// Rounds away the binary noise of `v * (1 + t)` (4500 * 1.1 is 4950.000000000001),
/// keeping twelve significant digits, far more than any reported figure has.
fn tidy(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let scale = 10f64.powi(11 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// A number phrase read from text: "at least 10,000", "dozens", "a third", "5k-20k".
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// The whole phrase, qualifier words included: "at least 10,000".
    pub span: Span,
    /// The number itself, without qualifier words: "10,000".
    pub number: Span,
    /// The stated number; for ranges and vague quantities the midpoint of their ends.
    pub value: f64,
    /// How the phrase bounds the true number.
    pub qualifier: Qualifier,
    /// Count or percent.
    pub unit: Unit,
    /// The ends of a range or vague quantity; `None` for the other qualifiers.
    pub bounds: Option<(f64, f64)>,
    /// A rate phrase that goes with the figure, if any.
    pub rate: Option<Rate>,
}

impl Figure {
    /// The interval this figure allows, with relative tolerance `t` for approximate
    /// figures, per DESIGN.md: exact `[v,v]`, approx `[v(1-t), v(1+t)]`, nearly
    /// `[v(1-t), v]`, at_least `[v, inf)`, more_than `(v, inf)`, at_most `[0, v]`,
    /// less_than `[0, v)`, range and vague `[low, high]`.
    pub fn interval(&self, t: f64) -> Interval {
        let v = self.value;
        let i = match self.qualifier {
            Qualifier::Exact => Interval::closed(v, v),
            Qualifier::Approx => Interval::closed(v * (1.0 - t), v * (1.0 + t)),
            Qualifier::Nearly => Interval::closed(v * (1.0 - t), v),
            Qualifier::AtLeast => Interval::closed(v, f64::INFINITY),
            Qualifier::MoreThan => Interval {
                low_open: true,
                ..Interval::closed(v, f64::INFINITY)
            },
            Qualifier::AtMost => Interval::closed(0.0, v),
            Qualifier::LessThan => Interval {
                high_open: true,
                ..Interval::closed(0.0, v)
            },
            Qualifier::Range | Qualifier::Vague => {
                let (low, high) = self.bounds.unwrap_or((v, v));
                Interval::closed(low, high)
            }
        };
        Interval {
            low: tidy(i.low),
            high: tidy(i.high),
            ..i
        }
    }

    /// The phrase as written in `text`, the text the figure was read from.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.range()).unwrap_or("")
    }
}

impl Figure {
    /// The same figure with every span moved `by` bytes later, for figures read from a
    /// slice of a larger text.
    pub fn shifted(mut self, by: usize) -> Self {
        self.span = self.span.shift(by);
        self.number = self.number.shift(by);
        if let Some(rate) = &mut self.rate {
            rate.span = rate.span.shift(by);
        }
        self
    }
}
