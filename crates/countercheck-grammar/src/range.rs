//! Ranges: "10,000 to 12,000", "10,000-12,000", "1000 – 5000", "5k-20k", "two or three",
//! "between 300 and 400", "from 300 to 400", "10 to 12 million", "30-40%".

use nom::branch::alt;
use nom::character::complete::satisfy;
use nom::{IResult, Parser};

use crate::figure::Unit;
use crate::parse::{Quantity, measured};
use crate::token::{fail, is_dash, kw, ws0, ws1};

/// The ends of a range and what they count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Ends {
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) unit: Unit,
    /// Both ends are bare four-digit years ("2020-2024").
    pub(crate) years: bool,
}

/// Which words open the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Opener {
    /// "between X and Y".
    Between,
    /// "from X to Y".
    From,
    /// "X to Y", "X-Y", "X or Y".
    Bare,
}

// the words between the ends, given how the range opened
fn connector(opener: Opener, input: &str) -> IResult<&str, ()> {
    let word = |w: &'static str| (ws1, kw(w), ws1).map(|_| ());
    match opener {
        Opener::Between => word("and").parse(input),
        Opener::From => word("to").parse(input),
        Opener::Bare => alt((
            word("to"),
            word("or"),
            (ws0, satisfy(is_dash), ws0).map(|_| ()),
        ))
        .parse(input),
    }
}

/// Puts two ends on one footing: a scale or percent sign written once applies to both
/// ("10 to 12 million", "30-40%"). `None` when they do not make a rising range.
pub(crate) fn ends(x: Quantity, y: Quantity) -> Option<Ends> {
    let (Some((mut xv, xa, xu)), Some((yv, ya, yu))) = (x.single(), y.single()) else {
        return None;
    };
    if let (Some(xa), Some(ya)) = (xa, ya)
        && xa.scale == 1.0
        && ya.scale > 1.0
        && xa.value < ya.mantissa
    {
        xv *= ya.scale;
    }
    let unit = if xu == Unit::Percent || yu == Unit::Percent {
        Unit::Percent
    } else {
        Unit::Count
    };
    if !(xv < yv && xv >= 0.0 && yv.is_finite()) {
        return None;
    }
    let years = xa
        .zip(ya)
        .is_some_and(|(a, b)| a.is_year_shaped() && b.is_year_shaped());
    Some(Ends {
        low: xv,
        high: yv,
        unit,
        years,
    })
}

// CONNECTOR NUMBER, after the first end of a range
pub(crate) fn tail(opener: Opener, x: Quantity, input: &str) -> IResult<&str, Ends> {
    let (rest, ()) = connector(opener, input)?;
    let (rest, y) = measured(rest)?;
    match ends(x, y) {
        Some(e) => Ok((rest, e)),
        None => fail(input),
    }
}

// ("between" | "from") SPACE, opening a range
pub(crate) fn opener(input: &str) -> IResult<&str, Opener> {
    alt((
        (kw("between"), ws1).map(|_| Opener::Between),
        (kw("from"), ws1).map(|_| Opener::From),
    ))
    .parse(input)
}
