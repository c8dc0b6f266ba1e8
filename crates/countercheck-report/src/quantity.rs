//! Quantities: the claims that measure the same thing.
//!
//! The key a claim arrives with names its measure, its group ("north korean troops")
//! and, when no nationality names the group, its place. Here it gets its time: a count
//! kept over a campaign ("by March", "since the war began", a month, the losses of a
//! national force) is one quantity over time, while an incident count ("overnight",
//! "on Thursday") is a quantity of that day's incident.

use serde::Serialize;

/// What kind of count a quantity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// A total kept over time that grows: later figures may rightly be higher.
    Cumulative,
    /// The toll of one incident, dated by its day.
    Incident,
}

/// True when `as_of` is a day: `2025-04-24`.
fn is_day(as_of: &str) -> bool {
    as_of.len() == 10 && as_of.as_bytes()[4] == b'-' && as_of.as_bytes()[7] == b'-'
}

/// True when `as_of` is a month or a count since the start (`2025-03`, `../2025-04-28`):
/// the claim itself says it is a running total.
fn is_running(as_of: &str) -> bool {
    as_of.starts_with("..") || (!as_of.is_empty() && !is_day(as_of))
}

/// The full key of a claim's quantity, and whether it is cumulative.
///
/// `base` is the key the claim arrived with (`measure|group` when a nationality names
/// the group, `measure|group|place` otherwise); `as_of` the claim's own time (ISO 8601),
/// `published` the document's date, `rate` the period of a rate ("week"), if any.
///
/// A claim is part of a running total when its own time says so ("by March", "since
/// the war began"), or when it counts a nation's forces and gives no day; a claim with
/// a day of its own, or with no time about people in one place, is an incident of that
/// day. A rate ("1,200 a week") is never the same quantity as a total.
///
/// The key is `base` with the rate and the day added: a `String` given as `base` becomes
/// the key, with no copy, and one with room for them does not grow.
pub fn quantity_key(
    base: impl Into<String>,
    as_of: &str,
    published: &str,
    rate: &str,
) -> (String, Span) {
    let mut key = base.into();
    // Two parts, the second a nationality's forces: read without collecting them.
    let mut parts = key.split('|').skip(1);
    let national_forces = parts
        .next()
        .is_some_and(|g| g.ends_with(" troops") || g.ends_with(" fighters"))
        && parts.next().is_none();
    if !rate.is_empty() {
        key.push_str("|per ");
        key.push_str(rate);
    }
    if is_running(as_of) || (as_of.is_empty() && national_forces) {
        return (key, Span::Cumulative);
    }
    let day = if as_of.is_empty() {
        published.get(..10).unwrap_or(published)
    } else {
        as_of
    };
    if !day.is_empty() {
        key.push('|');
        key.push_str(day);
    }
    (key, Span::Incident)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incidents_are_dated_and_totals_are_not() {
        let key = |b, a, p, r| quantity_key(b, a, p, r);
        assert_eq!(
            key("injured|people|kyiv", "2025-04-24", "2025-04-24", ""),
            ("injured|people|kyiv|2025-04-24".to_owned(), Span::Incident)
        );
        assert_eq!(
            key("injured|people|kyiv", "", "2025-04-24", ""),
            ("injured|people|kyiv|2025-04-24".to_owned(), Span::Incident)
        );
        assert_eq!(
            key(
                "casualties|north korean troops",
                "2025-03",
                "2025-04-28",
                ""
            ),
            (
                "casualties|north korean troops".to_owned(),
                Span::Cumulative
            )
        );
        assert_eq!(
            key("casualties|north korean troops", "", "2025-04-28", ""),
            (
                "casualties|north korean troops".to_owned(),
                Span::Cumulative
            )
        );
        assert_eq!(
            key("killed|palestinian people", "", "2024-11-03", ""),
            (
                "killed|palestinian people|2024-11-03".to_owned(),
                Span::Incident
            )
        );
        assert_eq!(
            key("killed|people|gaza", "../2025-04-28", "2025-04-28", ""),
            ("killed|people|gaza".to_owned(), Span::Cumulative)
        );
        assert_eq!(
            key("displaced|sudanese refugees", "", "2024-01-02", "week"),
            (
                "displaced|sudanese refugees|per week|2024-01-02".to_owned(),
                Span::Incident
            )
        );
    }
}
