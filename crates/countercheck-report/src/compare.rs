//! Comparing two claims of one quantity: whether they disagree, how badly, and the
//! likely reason.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use countercheck_grammar::{Interval, Qualifier};
use countercheck_graph::{Blocks, Claim};
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
pub(crate) fn open_interval(c: &Claim) -> Interval {
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

/// What [`explain`] reads of a claim, each text as a number: equal numbers for equal
/// texts, 0 for an empty one. A report explains millions of pairs of claims drawn from
/// anywhere among its claims; comparing numbers held side by side spares reading four
/// cells of each claim for each pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Facet {
    /// Its origin: the source, after relays and copies.
    pub(crate) origin: u32,
    /// The conflict side of its party (0 for third parties).
    pub(crate) side: u32,
    /// When it holds ([`when`]).
    pub(crate) when: u32,
    /// Where.
    pub(crate) place: u32,
}

/// Numbers for texts, handed out on first sight; the empty text is 0.
#[derive(Default)]
struct Numbers<'t> {
    of: HashMap<&'t str, u32, BuildHasherDefault<Blocks>>,
    /// The text numbered last and its number: the claims of one document mostly
    /// repeat it, and a shared cell is then known by its address.
    last: Option<(&'t str, u32)>,
}

impl<'t> Numbers<'t> {
    fn of(&mut self, text: &'t str) -> u32 {
        if text.is_empty() {
            return 0;
        }
        if let Some((last, n)) = self.last
            && std::ptr::eq(last, text)
        {
            return n;
        }
        let next = self.of.len() as u32 + 1;
        let n = *self.of.entry(text).or_insert(next);
        self.last = Some((text, n));
        n
    }
}

/// Numbers [`Facet`]s: one numbering of each kind of text for all the claims of a
/// report, so that the facets of any two of them compare.
#[derive(Default)]
pub(crate) struct Facets<'t> {
    origins: Numbers<'t>,
    sides: Numbers<'t>,
    times: Numbers<'t>,
    places: Numbers<'t>,
}

impl<'t> Facets<'t> {
    /// The facet of `claim`, whose origin and side are `origin` and `side`.
    pub(crate) fn of(&mut self, claim: &'t Claim, origin: &'t str, side: &'t str) -> Facet {
        Facet {
            origin: self.origins.of(origin),
            side: self.sides.of(side),
            when: self.times.of(when(claim)),
            place: self.places.of(&claim.place),
        }
    }
}

/// The likely reason two claims differ, from their [`Facet`]s: the same origin gave
/// both, they hold at different times, one's place lies within the other's, or their
/// parties' sides.
pub(crate) fn explain(a: &Claim, b: &Claim, fa: Facet, fb: Facet) -> Explanation {
    if fa.origin == fb.origin {
        return Explanation::Revision;
    }
    if fa.when != 0 && fb.when != 0 && fa.when != fb.when {
        return Explanation::DifferentDates;
    }
    if fa.place != fb.place {
        let places = countercheck_graph::Places::builtin();
        if places.within(&a.place, &b.place) || places.within(&b.place, &a.place) {
            return Explanation::NarrowerPlace;
        }
    }
    match (fa.side == 0, fb.side == 0) {
        (false, true) | (true, false) => Explanation::PartyAgainstThirdParty,
        (false, false) if fa.side != fb.side => Explanation::OpposingParties,
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
        // Claims a and b with origins, sides and times given as texts.
        let explained = |a: &Claim, b: &Claim, origins: [&str; 2], sides: [&str; 2]| {
            let mut facets = Facets::default();
            let fa = facets.of(a, origins[0], sides[0]);
            let fb = facets.of(b, origins[1], sides[1]);
            explain(a, b, fa, fb)
        };
        let mut a = claim(1.0, Some(1.0), "exact");
        let mut b = claim(2.0, Some(2.0), "exact");
        assert_eq!(
            explained(&a, &b, ["x", "x"], ["", ""]),
            Explanation::Revision
        );
        a.as_of = "2025-02".to_owned().into();
        b.as_of = "2025-03".to_owned().into();
        assert_eq!(
            explained(&a, &b, ["x", "y"], ["", ""]),
            Explanation::DifferentDates
        );
        b.as_of = a.as_of.clone();
        assert_eq!(
            explained(&a, &b, ["x", "y"], ["ukraine", ""]),
            Explanation::PartyAgainstThirdParty
        );
        assert_eq!(
            explained(&a, &b, ["x", "y"], ["ukraine", "russia"]),
            Explanation::OpposingParties
        );
        assert_eq!(
            explained(&a, &b, ["x", "y"], ["", ""]),
            Explanation::Unexplained
        );
        // Equal texts in cells of their own are one number.
        b.as_of = "2025-02".to_owned().into();
        assert_eq!(
            explained(&a, &b, ["x", "y"], ["russia", "russia"]),
            Explanation::Unexplained
        );
        a.place = "Kursk Oblast".into();
        b.place = "Russia".into();
        assert_eq!(
            explained(&a, &b, ["x", "y"], ["", ""]),
            Explanation::NarrowerPlace
        );
    }
}
