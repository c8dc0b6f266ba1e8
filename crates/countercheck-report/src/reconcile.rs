//! Reconciliation: one low / best / high for a quantity from its claims, by an explicit
//! rule, as casualty recorders (UCDP, ACLED, Iraq Body Count) do by hand.

use std::collections::BTreeSet;

use countercheck_graph::Claim;
use serde::Serialize;

use crate::compare::{interval, when};

/// The rule that turns a quantity's claims into one low / best / high.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// The lowest credible figure: best is the lowest claim, low the lowest bound.
    Conservative,
    /// The full spread: low and high are the extreme bounds, best the median claim.
    #[default]
    Range,
    /// The most recent claims: best and bounds from the latest dated figures.
    Latest,
    /// Trust by kind of source: monitors and UN agencies, then emergency services and
    /// health ministries, then governments, militaries, media, people, unknown.
    ByKind,
}

impl Policy {
    /// Every policy, for help text.
    pub const ALL: [Policy; 4] = [
        Policy::Conservative,
        Policy::Range,
        Policy::Latest,
        Policy::ByKind,
    ];

    /// The name on the command line: conservative, range, latest, by-kind.
    pub fn name(self) -> &'static str {
        match self {
            Policy::Conservative => "conservative",
            Policy::Range => "range",
            Policy::Latest => "latest",
            Policy::ByKind => "by-kind",
        }
    }

    /// The policy named `name`.
    pub fn from_name(name: &str) -> Option<Policy> {
        Policy::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// A quantity's reconciled figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Reconciled {
    /// Lower bound.
    pub low: f64,
    /// Best estimate.
    pub best: f64,
    /// Upper bound; `None` when unbounded.
    pub high: Option<f64>,
    /// How many independent origins stand behind the claims used.
    pub origins: usize,
}

/// Rank of a source kind for [`Policy::ByKind`]: lower is more trusted.
fn kind_rank(kind: &str) -> usize {
    match kind {
        "monitor" | "UN/NGO" | "research" => 0,
        "emergency service" | "health ministry" => 1,
        "government" | "intelligence" => 2,
        "military" | "party spokesperson" => 3,
        "media" => 4,
        "person" => 5,
        _ => 6,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Reconciles the claims `members` (indices into `claims`) by `policy`; `origin` gives
/// each claim's independent origin.
pub(crate) fn reconcile<'o>(
    claims: &[Claim],
    members: &[usize],
    policy: Policy,
    origin: &dyn Fn(usize) -> &'o str,
) -> Reconciled {
    let chosen: Vec<usize> = match policy {
        Policy::Conservative | Policy::Range => members.to_vec(),
        Policy::Latest => {
            let latest = members
                .iter()
                .map(|&i| when(&claims[i]))
                .max()
                .unwrap_or("");
            members
                .iter()
                .copied()
                .filter(|&i| when(&claims[i]) == latest)
                .collect()
        }
        Policy::ByKind => {
            let best = members
                .iter()
                .map(|&i| kind_rank(&claims[i].source_kind))
                .min()
                .unwrap_or(6);
            members
                .iter()
                .copied()
                .filter(|&i| kind_rank(&claims[i].source_kind) == best)
                .collect()
        }
    };
    let lows = chosen.iter().map(|&i| interval(&claims[i]).0);
    let highs: Vec<f64> = chosen.iter().map(|&i| interval(&claims[i]).1).collect();
    let values: Vec<f64> = chosen.iter().map(|&i| claims[i].value).collect();
    let low = lows.fold(f64::INFINITY, f64::min);
    let high = highs.iter().copied().fold(0.0, f64::max);
    let best = match policy {
        Policy::Conservative => values.iter().copied().fold(f64::INFINITY, f64::min),
        Policy::Range | Policy::ByKind => median(values),
        Policy::Latest => values.iter().copied().fold(0.0, f64::max),
    };
    let origins: BTreeSet<&str> = chosen.iter().map(|&i| origin(i)).collect();
    Reconciled {
        low: if low.is_finite() { low } else { 0.0 },
        best: if best.is_finite() { best } else { 0.0 },
        high: high.is_finite().then_some(high),
        origins: origins.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(value: f64, low: f64, high: Option<f64>, as_of: &str, kind: &str) -> Claim {
        Claim {
            value,
            low,
            high,
            as_of: as_of.to_owned().into(),
            source_kind: kind.to_owned().into(),
            ..Claim::default()
        }
    }

    #[test]
    fn policies() {
        let claims = [
            claim(70.0, 70.0, None, "2025-04-24", "emergency service"),
            claim(80.0, 80.0, None, "2025-04-25", "person"),
            claim(61.5, 24.0, Some(99.0), "2025-04-24", "government"),
        ];
        let all = [0, 1, 2];
        let names = ["0", "1", "2"];
        let origin = |i: usize| names[i];
        let r = reconcile(&claims, &all, Policy::Range, &origin);
        assert_eq!((r.low, r.best, r.high, r.origins), (24.0, 70.0, None, 3));
        let c = reconcile(&claims, &all, Policy::Conservative, &origin);
        assert_eq!(c.best, 61.5);
        let l = reconcile(&claims, &all, Policy::Latest, &origin);
        assert_eq!((l.best, l.origins), (80.0, 1));
        let k = reconcile(&claims, &all, Policy::ByKind, &origin);
        assert_eq!((k.best, k.origins), (70.0, 1));
    }
}
