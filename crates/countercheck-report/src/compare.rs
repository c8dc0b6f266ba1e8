//! Comparing two claims of one quantity: whether they disagree, how badly, and the
//! likely reason.

use countercheck_grammar::{Interval, Qualifier};
use countercheck_graph::Claim;
use serde::Serialize;

/// Why two figures of one quantity differ, when a reason is visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Explanation {
    /// The same origin gave both: a revision ("raised its toll to 14").
    Revision,
    /// Counted at different times; a total kept over time grows.
    DifferentDates,
    /// One source is a party to the conflict, the other is not.
    PartyAgainstThirdParty,
    /// Two parties to the conflict, on opposite sides.
    OpposingParties,
    /// One figure is for a place inside the other's (Kursk Oblast within Russia).
    NarrowerPlace,
    /// No reason visible in the text: the sources disagree.
    Unexplained,
}

impl Explanation {
    /// A sentence for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Explanation::Revision => "a revision by the same origin",
            Explanation::DifferentDates => "counted at different times (a running total grows)",
            Explanation::PartyAgainstThirdParty => "a party to the conflict against a third party",
            Explanation::OpposingParties => "opposing parties to the conflict",
            Explanation::NarrowerPlace => "one figure covers a narrower place",
            Explanation::Unexplained => "the sources disagree",
        }
    }

    /// The name used in CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Explanation::Revision => "revision",
            Explanation::DifferentDates => "different_dates",
            Explanation::PartyAgainstThirdParty => "party_against_third_party",
            Explanation::OpposingParties => "opposing_parties",
            Explanation::NarrowerPlace => "narrower_place",
            Explanation::Unexplained => "unexplained",
        }
    }
}

/// The interval of a claim: `low`, and `high` (infinite when unbounded).
pub(crate) fn interval(c: &Claim) -> (f64, f64) {
    (c.low, c.high.unwrap_or(f64::INFINITY))
}

/// The claim's interval with its open ends, as the grammar defines them: "more than 80"
/// excludes 80, "fewer than 10" excludes 10.
fn open_interval(c: &Claim) -> Interval {
    let (low, high) = interval(c);
    Interval {
        low,
        high,
        low_open: c.qualifier == Qualifier::MoreThan.as_str(),
        high_open: c.qualifier == Qualifier::LessThan.as_str(),
    }
}

/// True when the two claims' intervals share a number.
pub fn overlap(a: &Claim, b: &Claim) -> bool {
    open_interval(a).overlaps(&open_interval(b))
}

/// How far apart two disagreeing claims are: the higher figure's low bound over the
/// lower figure's high bound (2.0: the higher is at least twice the lower). Infinite when
/// the lower's high bound is zero.
pub fn severity(a: &Claim, b: &Claim) -> f64 {
    let (al, ah) = interval(a);
    let (bl, bh) = interval(b);
    let (higher_low, lower_high) = if al >= bh { (al, bh) } else { (bl, ah) };
    if lower_high <= 0.0 {
        f64::INFINITY
    } else {
        higher_low / lower_high
    }
}

/// When a claim holds: its own time, or else its document's date.
pub(crate) fn when(c: &Claim) -> &str {
    if c.as_of.is_empty() {
        &c.published
    } else {
        &c.as_of
    }
}

/// The likely reason two claims differ. `origin_a` and `origin_b` are their origins (the
/// source, after relays and copies), `side_a`/`side_b` the conflict side of their party
/// (empty for third parties).
pub(crate) fn explain(
    a: &Claim,
    b: &Claim,
    origin_a: &str,
    origin_b: &str,
    side_a: &str,
    side_b: &str,
) -> Explanation {
    if origin_a == origin_b {
        return Explanation::Revision;
    }
    let (ta, tb) = (when(a), when(b));
    if !ta.is_empty() && !tb.is_empty() && ta != tb {
        return Explanation::DifferentDates;
    }
    let places = countercheck_graph::Places::builtin();
    if a.place != b.place
        && (places.within(&a.place, &b.place) || places.within(&b.place, &a.place))
    {
        return Explanation::NarrowerPlace;
    }
    match (side_a.is_empty(), side_b.is_empty()) {
        (false, true) | (true, false) => Explanation::PartyAgainstThirdParty,
        (false, false) if side_a != side_b => Explanation::OpposingParties,
        _ => Explanation::Unexplained,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(low: f64, high: Option<f64>, qualifier: &'static str) -> Claim {
        Claim {
            low,
            high,
            qualifier: qualifier.into(),
            ..Claim::default()
        }
    }

    #[test]
    fn overlaps_and_severity() {
        let roughly_5000 = claim(4500.0, Some(5500.0), "approx");
        let about_4000 = claim(3600.0, Some(4400.0), "approx");
        let at_least_70 = claim(70.0, None, "at_least");
        let more_than_80 = claim(80.0, None, "more_than");
        let exactly_80 = claim(80.0, Some(80.0), "exact");
        assert!(!overlap(&roughly_5000, &about_4000));
        assert!((severity(&roughly_5000, &about_4000) - 4500.0 / 4400.0).abs() < 1e-9);
        assert!(overlap(&at_least_70, &more_than_80));
        assert!(
            !overlap(&more_than_80, &exactly_80),
            "more than 80 excludes 80"
        );
    }

    #[test]
    fn explanations() {
        let mut a = claim(1.0, Some(1.0), "exact");
        let mut b = claim(2.0, Some(2.0), "exact");
        assert_eq!(explain(&a, &b, "x", "x", "", ""), Explanation::Revision);
        a.as_of = "2025-02".to_owned().into();
        b.as_of = "2025-03".to_owned().into();
        assert_eq!(
            explain(&a, &b, "x", "y", "", ""),
            Explanation::DifferentDates
        );
        b.as_of = a.as_of.clone();
        assert_eq!(
            explain(&a, &b, "x", "y", "ukraine", ""),
            Explanation::PartyAgainstThirdParty
        );
        assert_eq!(
            explain(&a, &b, "x", "y", "ukraine", "russia"),
            Explanation::OpposingParties
        );
        assert_eq!(explain(&a, &b, "x", "y", "", ""), Explanation::Unexplained);
    }
}
