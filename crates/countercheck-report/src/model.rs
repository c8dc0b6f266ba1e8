//! The report's model: quantities with their claims, origins, parties, reconciled
//! figures and verdict; the disagreements, most severe first; and the unattributed
//! figures. Every output format renders this one value.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasherDefault;

use countercheck_graph::{
    ArcStr, Blocks, Claim, ClaimGraph, DIGITS, DocumentInfo, ProvenanceFinder, Registry,
    digit_bytes, push_digits,
};
use serde::Serialize;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};

use countercheck_grammar::Interval;

use crate::compare::{Explanation, Facet, Facets, explain, open_interval, severity, when};
use crate::names::Names;
use crate::reconcile::{Policy, Reconciled, reconcile};
use crate::sentences::Sentences;

/// Two claims of one quantity whose intervals do not overlap.
///
/// A large corpus has millions of them, so a conflict holds the indices of its claims
/// and no text of its own: its id and quantity come from the claims when asked for
/// ([`Conflict::id`], [`Conflict::quantity`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Index of the first claim in [`Report::claims`] (the higher figure); see
    /// [`Conflict::higher`].
    pub a: u32,
    /// Index of the second claim (the lower figure); see [`Conflict::lower`].
    pub b: u32,
    /// The higher figure's low bound over the lower figure's high bound.
    pub severity: f64,
    /// The likely reason.
    pub explanation: Explanation,
}

impl Conflict {
    /// Index of the claim with the higher figure in [`Report::claims`].
    pub fn higher(&self) -> usize {
        self.a as usize
    }

    /// Index of the claim with the lower figure.
    pub fn lower(&self) -> usize {
        self.b as usize
    }

    /// Stable id: `CLAIM_A~CLAIM_B`, from the claims of the report it belongs to.
    pub fn id(&self, claims: &[Claim]) -> String {
        let mut id = String::new();
        self.push_id(claims, &mut id);
        id
    }

    /// Appends [`Conflict::id`] to `out`, and gives where its `~` is: the claims' ids
    /// are the two sides of it.
    pub(crate) fn push_id(&self, claims: &[Claim], out: &mut String) -> usize {
        claims[self.higher()].push_full_id(out);
        let tilde = out.len();
        out.push('~');
        claims[self.lower()].push_full_id(out);
        tilde
    }

    /// The key of the quantity both claims measure.
    pub fn quantity<'c>(&self, claims: &'c [Claim]) -> &'c ArcStr {
        &claims[self.higher()].quantity
    }

    /// Compares the ids of two conflicts as strings, without building them; claim ids
    /// held empty are spelled out in `bufs`.
    fn cmp_id(
        &self,
        other: &Conflict,
        claims: &[Claim],
        bufs: &mut [String; 4],
    ) -> std::cmp::Ordering {
        let [w, x, y, z] = bufs;
        let (a, b) = (
            claims[self.higher()].id_bytes(w),
            claims[self.lower()].id_bytes(x),
        );
        let (c, d) = (
            claims[other.higher()].id_bytes(y),
            claims[other.lower()].id_bytes(z),
        );
        let n = a.len().min(c.len());
        // Most ids differ within their first claim's id: a slice comparison decides.
        a[..n].cmp(&c[..n]).then_with(|| {
            let left = a[n..].iter().chain(b"~").chain(b);
            left.cmp(c[n..].iter().chain(b"~").chain(d))
        })
    }
}

/// Each claim's place in the order of its id followed by `tail`. `runs` are the claims
/// of each document, in order, when [`documents_in_order`] found them. `None` when two
/// ids are equal, or, for a `tail`, when one id and its tail begin another's.
fn places(
    claims: &[Claim],
    runs: Option<&[std::ops::Range<usize>]>,
    tail: &[u8],
) -> Option<Vec<u32>> {
    let n = u32::try_from(claims.len()).ok()?;
    let mut place = vec![0u32; claims.len()];
    // Whether `next`, just after `last` in the order, leaves the places standing for
    // the ids.
    let apart =
        |last: &[u8], next: &[u8]| last != next && (tail.is_empty() || !next.starts_with(last));
    match runs {
        // Each document's few ids spelled out once and sorted where they stand; every
        // id of a document is below those of the next.
        Some(runs) => {
            let (mut ids, mut ends, mut order) = (Vec::new(), Vec::new(), Vec::new());
            let mut x = String::new();
            for run in runs {
                ids.clear();
                ends.clear();
                for c in &claims[run.clone()] {
                    ids.extend_from_slice(c.id_bytes(&mut x));
                    ids.extend_from_slice(tail);
                    ends.push(ids.len());
                }
                let id = |k: usize| &ids[k.checked_sub(1).map_or(0, |j| ends[j])..ends[k]];
                order.clear();
                order.extend(0..run.len());
                order.sort_unstable_by(|&p, &q| id(p).cmp(id(q)));
                if !order.windows(2).all(|w| apart(id(w[0]), id(w[1]))) {
                    return None;
                }
                for (at, &k) in order.iter().enumerate() {
                    place[run.start + k] = (run.start + at) as u32;
                }
            }
        }
        None => {
            let mut order: Vec<u32> = (0..n).collect();
            let mut bufs = Default::default();
            order.sort_unstable_by(|&i, &j| {
                claims[i as usize].cmp_id_then(&claims[j as usize], tail, &mut bufs)
            });
            let (mut last, mut next) = (Vec::new(), Vec::new());
            let mut x = String::new();
            for (at, &i) in order.iter().enumerate() {
                next.clear();
                next.extend_from_slice(claims[i as usize].id_bytes(&mut x));
                next.extend_from_slice(tail);
                if at > 0 && !apart(&last, &next) {
                    return None;
                }
                place[i as usize] = at as u32;
                std::mem::swap(&mut last, &mut next);
            }
        }
    }
    Some(place)
}

/// Sorts conflicts most severe first, then by their ids, then by their claims' indices.
///
/// A large corpus has millions of conflicts, many of equal severity. So each claim
/// gets a place of its own in the order of the ids, and while the conflicts are sorted
/// each holds the places of its claims instead of their indices: a comparison then
/// reads nothing but the two conflicts. Two orders are needed. `A~B` against `C~D`,
/// for A and C not equal, is `A~` against `C~`, the order of the ids each followed by
/// `~`; the plain order would not do, as "d:1-5" is below "d:1-5:count" yet "d:1-5~"
/// is above "d:1-5:count~". `A~B` against `A~D` is B against D, the plain order,
/// prefixes included. Places stand for ids only when the ids all differ and none
/// followed by `~` begins another so followed; two claims read twice from one file,
/// or ids that hold a `~`, leave the conflicts to be sorted by their ids spelled out.
fn sort_conflicts(conflicts: &mut [Conflict], claims: &[Claim]) {
    // Places have one bit to spare for `invert`.
    let keyed = conflicts.len() > 1 && claims.len() < 1 << 31;
    let runs = keyed.then(|| documents_in_order(claims)).flatten();
    let head = keyed
        .then(|| places(claims, runs.as_deref(), b"~"))
        .flatten();
    let Some(mut head) = head else {
        return sort_by_spelled_ids(conflicts, claims);
    };
    // One order of places at a time is held, turned into its inverse once the
    // conflicts hold its places: on a large corpus each takes tens of megabytes.
    for c in conflicts.iter_mut() {
        c.a = head[c.higher()];
    }
    invert(&mut head);
    // The ids all differ, or `head` would be `None`: the plain order places them too.
    let Some(mut place) = places(claims, runs.as_deref(), b"") else {
        for c in conflicts.iter_mut() {
            c.a = head[c.a as usize];
        }
        return sort_by_spelled_ids(conflicts, claims);
    };
    for c in conflicts.iter_mut() {
        c.b = place[c.lower()];
    }
    invert(&mut place);
    conflicts.sort_unstable_by(|a, b| {
        b.severity
            .total_cmp(&a.severity)
            .then_with(|| (a.a, a.b).cmp(&(b.a, b.b)))
    });
    for c in conflicts.iter_mut() {
        (c.a, c.b) = (head[c.a as usize], place[c.b as usize]);
    }
}

/// [`sort_conflicts`] with each comparison of ids made on the ids themselves.
fn sort_by_spelled_ids(conflicts: &mut [Conflict], claims: &[Claim]) {
    let mut bufs: [String; 4] = Default::default();
    conflicts.sort_unstable_by(|a, b| {
        b.severity
            .total_cmp(&a.severity)
            .then_with(|| a.cmp_id(b, claims, &mut bufs))
            .then_with(|| (a.a, a.b).cmp(&(b.a, b.b)))
    });
}

/// Turns `order`, which holds each number below its length once (all below 2^31), into
/// its inverse in place: afterwards the old `order[i]` holds `i`. No second array of
/// the size of the claims is needed.
fn invert(order: &mut [u32]) {
    const SEEN: u32 = 1 << 31;
    for start in 0..order.len() {
        if order[start] & SEEN != 0 {
            continue;
        }
        // Round the cycle through `start`, pointing each member at the one before it.
        let mut before = start;
        let mut at = order[start] as usize;
        while at != start {
            let next = order[at] as usize;
            order[at] = before as u32 | SEEN;
            before = at;
            at = next;
        }
        order[start] = before as u32 | SEEN;
    }
    for n in order.iter_mut() {
        *n &= !SEEN;
    }
}

/// The runs of `claims` that belong to one document each, when every claim of a run
/// comes before every claim of the next in the order of ids: the documents' names
/// differ within the shorter of each two, the first run's lower there, and every id
/// begins with its document's name. That is how a corpus read in order of its files
/// comes. `None` otherwise, when only a sort of the whole will do.
fn documents_in_order(claims: &[Claim]) -> Option<Vec<std::ops::Range<usize>>> {
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if !c.id.is_empty() && !c.id.starts_with(&*c.doc) {
            return None;
        }
        match runs.last_mut() {
            Some(run) if claims[run.start].doc == c.doc => run.end = i + 1,
            last => {
                if let Some(run) = last {
                    let (a, b) = (claims[run.start].doc.as_bytes(), c.doc.as_bytes());
                    // `a` must be below `b` at a byte both have.
                    a.iter()
                        .zip(b)
                        .find(|(x, y)| x != y)
                        .filter(|(x, y)| x < y)?;
                }
                runs.push(i..i + 1);
            }
        }
    }
    Some(runs)
}

/// A conflict as JSON shows it, with its id.
#[derive(Serialize)]
struct ConflictJson<'r> {
    id: &'r str,
    quantity: &'r str,
    a: usize,
    b: usize,
    severity: f64,
    explanation: Explanation,
}

/// The conflicts of a report as a JSON array.
struct ConflictsJson<'r>(&'r Report);

impl Serialize for ConflictsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut seq = s.serialize_seq(Some(r.conflicts.len()))?;
        // Each id reads two claims from anywhere among millions, and their documents'
        // names. A block's are first touched in a loop that does nothing else, so that
        // their waits on memory overlap (as in the Markdown report); then each id is
        // spelled, from memory now at hand, into one string kept throughout. (Spelling
        // a block's ids into strings of their own held 64 at once, and an id can be
        // megabytes long.)
        let mut id = String::new();
        for block in r.conflicts.chunks(crate::markdown::GATHER) {
            let touched: usize = block
                .iter()
                .flat_map(|c| [&r.claims[c.higher()], &r.claims[c.lower()]])
                .map(|c| c.id.len() + c.doc.len())
                .sum();
            std::hint::black_box(touched);
            for c in block {
                id.clear();
                c.push_id(&r.claims, &mut id);
                seq.serialize_element(&ConflictJson {
                    id: &id,
                    quantity: c.quantity(&r.claims),
                    a: c.higher(),
                    b: c.lower(),
                    severity: c.severity,
                    explanation: c.explanation,
                })?;
            }
        }
        seq.end()
    }
}

/// A part of a report's section on quantities, rendered on its own (see
/// `Sink::in_order`): a block of a quantity's rows, after the quantity's heading when it
/// is the first, and before the end of its table when it is the last.
pub(crate) struct QuantityPart<'r> {
    /// The quantity's place in [`Report::quantities`].
    pub(crate) n: usize,
    pub(crate) quantity: &'r Quantity,
    pub(crate) first: bool,
    pub(crate) last: bool,
    /// Claims, by index into the report's.
    pub(crate) claims: &'r [usize],
}

/// At most about how many bytes a table row showing one claim of `r` comes to: the
/// longest claim's cells, its sentence (held, or a window of a few hundred bytes around
/// its figure) and markup. One pass over the claims, which mostly share their cells.
pub(crate) fn longest_row(r: &Report) -> usize {
    r.claims.iter().map(row_size).max().unwrap_or(0)
}

fn row_size(c: &Claim) -> usize {
    let cells = [
        &c.text,
        &c.text,
        &c.source,
        &c.source_kind,
        &c.relay,
        &c.doc,
        &c.outlet,
        &c.as_of,
        &c.published,
        &c.quantity,
        &c.sentence,
    ];
    cells
        .iter()
        .fold(2 * countercheck_grammar::REACH + 512, |n, cell| {
            n.saturating_add(cell.len())
        })
}

/// The quantities of `r` in parts of a block of rows each; a quantity without claims
/// is one part, for its heading and its table's head.
pub(crate) fn quantity_parts(r: &Report) -> Vec<QuantityPart<'_>> {
    let gather = crate::markdown::GATHER;
    let mut parts = Vec::with_capacity(r.quantities.len() + r.claims.len() / gather);
    for (n, quantity) in r.quantities.iter().enumerate() {
        let blocks = quantity.claims.len().div_ceil(gather).max(1);
        for k in 0..blocks {
            let from = (k * gather).min(quantity.claims.len());
            let to = ((k + 1) * gather).min(quantity.claims.len());
            parts.push(QuantityPart {
                n,
                quantity,
                first: k == 0,
                last: k + 1 == blocks,
                claims: &quantity.claims[from..to],
            });
        }
    }
    parts
}

/// One quantity and what the claims say of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// Its key.
    pub key: ArcStr,
    /// What is measured.
    pub measure: ArcStr,
    /// Who or what is counted.
    pub subject: ArcStr,
    /// Where, when the key names a place.
    pub place: ArcStr,
    /// Indices of its claims in [`Report::claims`], in text order.
    pub claims: Vec<usize>,
    /// Its independent origins (relays and copies of one origin count once).
    pub origins: Vec<ArcStr>,
    /// Its distinct parties (origins under one top-level body count once).
    pub parties: Vec<ArcStr>,
    /// Low, best and high by the report's policy.
    pub reconciled: Reconciled,
    /// How many pairs of its claims disagree.
    pub disagreements: usize,
    /// The verdict in one sentence.
    pub verdict: String,
}

/// An input that was skipped, or read with a problem, and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Problem {
    /// The input as named on the command line or in a folder.
    pub input: String,
    /// What was wrong and what to do about it.
    pub reason: String,
}

/// The accounting of a run's inputs: every document found was either processed or
/// skipped, with its reason.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Inputs {
    /// Documents found: `processed` plus the skipped ones.
    pub found: usize,
    /// Documents read and analysed.
    pub processed: usize,
    /// Inputs that could not be read, with the reason.
    pub skipped: Vec<Problem>,
    /// Inputs read despite a problem (invalid UTF-8, an empty file, a symbolic link not
    /// followed), with the problem.
    pub warnings: Vec<Problem>,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// How many documents were read.
    pub documents: usize,
    /// What was read and skipped; filled in by the caller that read the inputs.
    pub inputs: Inputs,
    /// The web address of each document that gave one in its metadata, by document id.
    /// As written in the input: renderers decide whether it is safe to link.
    pub urls: BTreeMap<String, String>,
    /// Every claim. Its sentence is [`Report::sentence`]: a claim whose sentence was
    /// spooled to disk by a [`ClaimStore`](crate::ClaimStore) holds an empty one.
    pub claims: Vec<Claim>,
    /// Where the claims' sentences are, when not in the claims themselves.
    pub sentences: Sentences,
    /// Every quantity, those with disagreements first, then by key.
    pub quantities: Vec<Quantity>,
    /// Every disagreement, most severe first.
    pub conflicts: Vec<Conflict>,
    /// Indices of claims with no source but the outlet.
    pub unattributed: Vec<usize>,
    /// The reconciliation policy used.
    pub policy: Policy,
}

impl Report {
    /// The sentence claim `i` was read from, from the claim or from disk.
    pub fn sentence(&self, i: usize) -> Cow<'_, str> {
        self.sentences.of(i, &self.claims[i])
    }

    /// Claim `i` with every cell spelled out: its id when held empty, and its sentence
    /// read back from disk. Borrowed when it holds both itself.
    pub fn whole_claim(&self, i: usize) -> Cow<'_, Claim> {
        self.sentences.whole(i, &self.claims[i])
    }
}

/// The claims of a report as a JSON array, each with its sentence.
struct ClaimsJson<'r>(&'r Report);

impl Serialize for ClaimsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        s.collect_seq((0..r.claims.len()).map(|i| r.whole_claim(i)))
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Report", 8)?;
        m.serialize_field("documents", &self.documents)?;
        m.serialize_field("inputs", &self.inputs)?;
        m.serialize_field("urls", &self.urls)?;
        m.serialize_field("claims", &ClaimsJson(self))?;
        m.serialize_field("quantities", &self.quantities)?;
        m.serialize_field("conflicts", &ConflictsJson(self))?;
        m.serialize_field("unattributed", &self.unattributed)?;
        m.serialize_field("policy", &self.policy)?;
        m.end()
    }
}

/// A figure for prose: "5,000", "1.2 million", "33.3".
pub fn number(x: f64) -> String {
    let mut out = String::new();
    push_number(&mut out, x);
    out
}

/// Appends [`number`]`(x)` to `out`. A report prints one or two figures for each of
/// its claims: whole numbers, nearly all, are spelled here without the general float
/// formatting or a string of their own.
pub(crate) fn push_number(out: &mut String, x: f64) {
    use std::fmt::Write as _;
    if !x.is_finite() {
        out.push('∞');
        return;
    }
    let millions = x / 1e6;
    if x >= 1e6 && ((millions * 10.0).round() - millions * 10.0).abs() < 1e-9 {
        let start = out.len();
        let _ = write!(out, "{millions:.1}");
        if out[start..].ends_with(".0") {
            out.truncate(out.len() - 2);
        }
        out.push_str(" million");
        return;
    }
    if x.fract() != 0.0 {
        let _ = write!(out, "{x:.1}");
        return;
    }
    // A whole number below 2^53 (and within a `usize`) is its integer exactly, spelled
    // out digit by digit.
    let exact = x.abs() < 9_007_199_254_740_992.0 && x.abs() <= usize::MAX as f64;
    if exact && !(x == 0.0 && x.is_sign_negative()) {
        let mut buf = [0; DIGITS];
        let sign: &[u8] = if x < 0.0 { b"-" } else { b"" };
        push_grouped(out, sign, digit_bytes(&mut buf, x.abs() as usize));
    } else {
        let start = out.len();
        let _ = write!(out, "{x:.0}");
        let spelled = out.split_off(start);
        push_grouped(out, b"", spelled.as_bytes());
    }
}

/// Appends `sign` and `digits` (ASCII) with a comma before each group of three
/// characters from the right, the sign counted among them as `{:.0}` and a grouping by
/// characters would count it.
fn push_grouped(out: &mut String, sign: &[u8], digits: &[u8]) {
    let len = sign.len() + digits.len();
    for (i, &c) in sign.iter().chain(digits).enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(c));
    }
}

/// Up to this many claims, a quantity's claims are compared pair by pair; beyond it,
/// each is compared with the figure most of them agree on, so that a large corpus costs
/// time and memory in proportion to its claims, not to their square.
const PAIRWISE_LIMIT: usize = 64;

/// How many differing figures a verdict names before it counts the rest.
const NAMED_OUTLIERS: usize = 3;

/// Which members of a quantity of at most [`PAIRWISE_LIMIT`] claims overlap which:
/// bit `y` of entry `x` is set when the interval of member `x` shares a number with
/// that of member `y`. Made once a quantity for the choice of its pivot and its
/// disagreements, each of which asks about every pair.
type Overlaps = [u64; PAIRWISE_LIMIT];

/// The overlaps of the members whose intervals are `spans` (at most
/// [`PAIRWISE_LIMIT`]).
fn overlaps_of(spans: &[Interval]) -> Overlaps {
    let mut masks = [0; PAIRWISE_LIMIT];
    for (mask, a) in masks.iter_mut().zip(spans) {
        for (y, b) in spans.iter().enumerate() {
            *mask |= u64::from(a.overlaps(b)) << y;
        }
    }
    masks
}

/// The claim that leads a quantity's verdict, as its place among `members`: the one
/// that agrees with the most independent origins (then the most claims, then the
/// first). For a large quantity, the claim whose interval holds the number most
/// intervals hold. `facets` are the members' own.
fn pivot_of(
    claims: &[Claim],
    members: &[usize],
    overlaps: Option<&Overlaps>,
    facets: &[Facet],
) -> usize {
    if let Some(overlaps) = overlaps {
        // The members of each origin, as a mask like those of `overlaps`.
        let mut origins: Vec<(u32, u64)> = Vec::new();
        for (y, facet) in facets.iter().enumerate() {
            match origins.iter_mut().find(|(o, _)| *o == facet.origin) {
                Some((_, mask)) => *mask |= 1 << y,
                None => origins.push((facet.origin, 1 << y)),
            }
        }
        return members
            .iter()
            .zip(overlaps)
            .enumerate()
            .max_by_key(|&(_, (&i, &group))| {
                let agreeing = origins.iter().filter(|(_, m)| m & group != 0).count();
                (agreeing, group.count_ones(), std::cmp::Reverse(i))
            })
            .map_or(0, |(x, _)| x);
    }
    // Sweep the interval ends: the deepest point is where most claims agree.
    let mut ends: Vec<(f64, i32)> = Vec::with_capacity(members.len() * 2);
    for &i in members {
        let (lo, hi) = crate::compare::interval(&claims[i]);
        ends.push((lo, 1));
        ends.push((hi, -1));
    }
    ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let (mut depth, mut best, mut point) = (0, 0, 0.0);
    for (x, d) in ends {
        depth += d;
        if depth > best {
            (best, point) = (depth, x);
        }
    }
    (0..members.len())
        .filter(|&x| {
            let (lo, hi) = crate::compare::interval(&claims[members[x]]);
            lo <= point && point <= hi
        })
        .min_by(|&a, &b| {
            (claims[members[a]].value - point)
                .abs()
                .total_cmp(&(claims[members[b]].value - point).abs())
        })
        .unwrap_or(0)
}

/// The verdict of a quantity whose claims are `members` (indices into `claims`, with
/// their intervals `spans`), led by the member at `pivot_at`. `explain_at` explains
/// two members by their places among `members`.
fn verdict<'o>(
    claims: &[Claim],
    spans: &[Interval],
    members: &[usize],
    pivot_at: usize,
    origin: &dyn Fn(usize) -> &'o str,
    explain_at: &dyn Fn(usize, usize) -> Explanation,
) -> String {
    // Written piece by piece into one string: a report has a verdict for each of tens
    // of thousands of quantities, and a format string for each piece cost a few
    // hundred instructions and a string of its own.
    let mut out = String::new();
    if members.len() == 1 {
        let c = &claims[members[0]];
        for piece in ["One claim: “", &c.text, "” from ", &c.source, "."] {
            out.push_str(piece);
        }
        return out;
    }
    let pivot = members[pivot_at];
    let in_group: Vec<bool> = spans.iter().map(|s| spans[pivot_at].overlaps(s)).collect();
    let group: Vec<usize> = members
        .iter()
        .zip(&in_group)
        .filter(|&(_, &agrees)| agrees)
        .map(|(&j, _)| j)
        .collect();
    let origins: BTreeSet<&str> = group.iter().map(|&j| origin(j)).collect();
    let n = origins.len();
    let named: Vec<&str> = origins.iter().take(6).copied().collect();
    // The origins named: "A; B and 3 more" when there are more than six.
    let push_names = |out: &mut String| {
        push_joined(out, named.iter().copied(), "; ");
        if n > named.len() {
            out.push_str(" and ");
            push_digits(out, n - named.len());
            out.push_str(" more");
        }
    };
    let plural = if n == 1 {
        "origin"
    } else {
        "independent origins"
    };
    if group.len() == members.len() {
        // "Compatible: “a”, “b”, and 4 more from one origin (A)."
        out.push_str("Compatible: ");
        for (k, &j) in group.iter().take(6).enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            out.push('“');
            out.push_str(&claims[j].text);
            out.push('”');
        }
        if group.len() > 6 {
            out.push_str(", and ");
            push_digits(&mut out, group.len() - 6);
            out.push_str(" more");
        }
        if n == 1 && group.len() > 1 {
            out.push_str(" from one origin (");
        } else {
            out.push_str(" from ");
            push_digits(&mut out, n);
            out.push(' ');
            out.push_str(plural);
            out.push_str(" (");
        }
        push_names(&mut out);
        out.push_str(").");
    } else {
        if n > 6 {
            push_names(&mut out);
        } else {
            push_joined(&mut out, origins.iter().copied(), " and ");
        }
        out.push_str(if n == 1 { " gives " } else { " agree on " });
        // A plain figure is quoted by its number, a vague or ranged one as written.
        match &*claims[pivot].qualifier {
            "exact" | "approx" | "nearly" => {
                out.push_str("about ");
                push_number(&mut out, claims[pivot].value);
            }
            _ => {
                out.push('“');
                out.push_str(&claims[pivot].text);
                out.push('”');
            }
        }
        out.push_str(" (");
        push_digits(&mut out, n);
        out.push(' ');
        out.push_str(plural);
        out.push_str(").");
    }
    // The members outside the group, by their places among `members`.
    let mut outliers: Vec<usize> = (0..members.len()).filter(|&y| !in_group[y]).collect();
    // The most severe first, when there are more than can be named.
    if outliers.len() > NAMED_OUTLIERS {
        outliers.sort_by(|&a, &b| {
            let (a, b) = (&claims[members[a]], &claims[members[b]]);
            severity(b, &claims[pivot]).total_cmp(&severity(a, &claims[pivot]))
        });
    }
    for &y in outliers.iter().take(NAMED_OUTLIERS) {
        let (c, p) = (&claims[members[y]], &claims[pivot]);
        let side = if c.value < p.value { "lower" } else { "higher" };
        let (tc, tp) = (when(c), when(p));
        let time = match tc.cmp(tp) {
            std::cmp::Ordering::Less if !tc.is_empty() => " and earlier",
            std::cmp::Ordering::Greater if !tp.is_empty() => " and later",
            _ => "",
        };
        // " A’s “x” is lower and earlier, 2025-03-01 against 2025-03-04: why."
        for piece in [" ", &c.source, "’s “", &c.text, "” is ", side, time] {
            out.push_str(piece);
        }
        if !time.is_empty() {
            for piece in [", ", tc, " against ", tp] {
                out.push_str(piece);
            }
        }
        out.push_str(": ");
        out.push_str(explain_at(y, pivot_at).describe());
        out.push('.');
    }
    if outliers.len() > NAMED_OUTLIERS {
        out.push(' ');
        push_digits(&mut out, outliers.len() - NAMED_OUTLIERS);
        out.push_str(" other figures differ.");
    }
    out
}

/// Appends `parts` to `out` with `between` between each two.
fn push_joined<'p>(out: &mut String, parts: impl Iterator<Item = &'p str>, between: &str) {
    for (k, part) in parts.enumerate() {
        if k > 0 {
            out.push_str(between);
        }
        out.push_str(part);
    }
}

/// A map by quantity key. Half a million claims are filed by key twice on their way
/// into a report, and a key is found by its hash far more cheaply than by the dozen
/// and more string comparisons of an ordered map; nothing is read from these maps in
/// key order.
type ByKey<K, V> = HashMap<K, V, BuildHasherDefault<Blocks>>;

/// What a report needs of the claim graph, taken out of it so that the graph can be
/// dropped before the report is built: on a large corpus the two would not fit in
/// memory together as easily.
#[derive(Debug, PartialEq)]
pub struct GraphFacts {
    /// Each claim's independent origin and side (empty for third parties), in the
    /// order of the claims: an index into `pairs`, 4 bytes a claim where two shared
    /// names would take 16.
    provenance: Vec<u32>,
    /// The distinct (origin, side) pairs.
    pairs: Vec<(ArcStr, ArcStr)>,
    /// Each quantity's independent origins and parties.
    quantities: ByKey<ArcStr, (Vec<ArcStr>, Vec<ArcStr>)>,
    /// The web address of each document that gave one.
    urls: BTreeMap<String, String>,
}

impl GraphFacts {
    /// The origin and side of claim `i`, when these are facts of its claims.
    fn provenance_of(&self, i: usize) -> Option<&(ArcStr, ArcStr)> {
        let &p = self.provenance.get(i)?;
        self.pairs.get(p as usize)
    }

    /// The facts about `claims` in `graph`, which was built from exactly these claims,
    /// in this order.
    pub fn of(claims: &[Claim], graph: &ClaimGraph) -> GraphFacts {
        // Origins, sides and parties are a handful of names, each held once.
        let mut names = Names::default();
        let mut pairs = Pairs::default();
        // The graph holds the claims in this order: asked by position, it needs no index
        // of their ids.
        let provenance = claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let origin = graph.origin_at(i);
                let origin = origin.as_deref().unwrap_or(&c.source);
                pairs.index(&mut names, origin, &graph.side_at(i))
            })
            .collect();
        let mut shared = |name: String| names.get(&name);
        let keys: BTreeSet<&ArcStr> = claims.iter().map(|c| &c.quantity).collect();
        let quantities = keys
            .into_iter()
            .map(|key| {
                let origins = graph.origins(key).into_iter().map(&mut shared).collect();
                let parties = graph.parties(key).into_iter().map(&mut shared).collect();
                (ArcStr::clone(key), (origins, parties))
            })
            .collect();
        GraphFacts {
            provenance,
            pairs: pairs.list,
            quantities,
            urls: urls_of(graph.documents()),
        }
    }

    /// The same facts as [`GraphFacts::of`] for the graph of `documents` and `claims`,
    /// found without building it: a [`ProvenanceFinder`] asks about each claim in turn.
    /// This is how a report over a large corpus finds them, since a graph with a node
    /// and three edges per claim would take more memory than the claims themselves.
    pub fn of_documents(
        claims: &[Claim],
        documents: &[DocumentInfo],
        registry: &Registry,
    ) -> GraphFacts {
        let mut names = Names::default();
        let mut finder = ProvenanceFinder::new(documents, registry);
        let mut pairs = Pairs::default();
        let mut provenance = Vec::with_capacity(claims.len());
        let mut by_key: ByKey<ArcStr, (BTreeSet<ArcStr>, BTreeSet<ArcStr>)> = ByKey::default();
        // The claim before, its pair and its party. A document's claims mostly come
        // from one source in a row: a claim whose source, document and attribution are
        // the claim before's own cells has its provenance, and when its quantity is
        // that claim's too, nothing new to file.
        let mut last: Option<(&Claim, u32, ArcStr)> = None;
        for c in claims {
            let same = last.as_ref().filter(|(l, _, _)| same_provenance(l, c));
            let filed = same.is_some_and(|(l, _, _)| ArcStr::ptr_eq(&l.quantity, &c.quantity));
            let (at, party) = match same {
                Some((_, at, party)) => (*at, ArcStr::clone(party)),
                None => {
                    let p = finder.of(c, registry);
                    let party = names.get(p.party);
                    (pairs.index(&mut names, p.origin, p.side), party)
                }
            };
            if !filed {
                let origin = &pairs.list[at as usize].0;
                let (of_key, parties) = by_key.entry(ArcStr::clone(&c.quantity)).or_default();
                of_key.insert(ArcStr::clone(origin));
                parties.insert(ArcStr::clone(&party));
            }
            provenance.push(at);
            last = Some((c, at, party));
        }
        let quantities = by_key
            .into_iter()
            .map(|(key, (o, p))| (key, (o.into_iter().collect(), p.into_iter().collect())))
            .collect();
        GraphFacts {
            provenance,
            pairs: pairs.list,
            quantities,
            // The graph lists documents in this order, with those only claims name
            // (which have no address) after them.
            urls: urls_of(documents.iter()),
        }
    }
}

/// True when `b`'s provenance is `a`'s because it reads the same cells: source,
/// document and attribution (see [`ProvenanceFinder::of`]).
fn same_provenance(a: &Claim, b: &Claim) -> bool {
    ArcStr::ptr_eq(&a.source, &b.source)
        && ArcStr::ptr_eq(&a.source_kind, &b.source_kind)
        && ArcStr::ptr_eq(&a.source_id, &b.source_id)
        && ArcStr::ptr_eq(&a.doc, &b.doc)
        && ArcStr::ptr_eq(&a.attribution, &b.attribution)
}

/// The web address of each document that gave one, by document id.
fn urls_of<'d>(documents: impl Iterator<Item = &'d DocumentInfo>) -> BTreeMap<String, String> {
    documents
        .filter(|d| !d.url.is_empty())
        .map(|d| (d.id.to_string(), d.url.to_string()))
        .collect()
}

/// The distinct (origin, side) pairs of a corpus's claims, each with its index.
#[derive(Default)]
struct Pairs {
    list: Vec<(ArcStr, ArcStr)>,
    /// Looked up for every claim of a corpus: hashed with `Blocks`, not SipHash.
    index: ByKey<(ArcStr, ArcStr), u32>,
}

impl Pairs {
    /// The index of the pair, added on first sight.
    fn index(&mut self, names: &mut Names, origin: &str, side: &str) -> u32 {
        let pair = (names.get(origin), names.get(side));
        let next = self.list.len() as u32;
        *self.index.entry(pair).or_insert_with_key(|pair| {
            self.list.push(pair.clone());
            next
        })
    }
}

/// Builds the report of `claims` (with the graph built from them) under `policy`.
pub fn build(documents: usize, claims: Vec<Claim>, graph: &ClaimGraph, policy: Policy) -> Report {
    let facts = GraphFacts::of(&claims, graph);
    build_from(documents, claims, facts, policy)
}

/// Builds the report of `claims` under `policy` from the facts of their graph, which
/// need not be kept (see [`GraphFacts`]).
pub fn build_from(
    documents: usize,
    claims: Vec<Claim>,
    mut facts: GraphFacts,
    policy: Policy,
) -> Report {
    let mut facts_of = std::mem::take(&mut facts.quantities);
    let urls = std::mem::take(&mut facts.urls);
    // Each claim's origin and side, looked up once: comparisons ask for them often.
    // Facts of other claims than these would be a caller's mistake; a claim they do
    // not cover is its own origin and of no side.
    let origin = |i: usize| {
        facts
            .provenance_of(i)
            .map_or(&*claims[i].source, |(o, _)| &**o)
    };
    let side = |i: usize| facts.provenance_of(i).map_or("", |(_, s)| &**s);
    // What comparisons read of each member of a quantity, held side by side: its
    // interval, and its origin, side, time and place as numbers. Made a quantity at a
    // time: for every claim at once they would take 40 bytes a claim, 230 MB for a
    // gigabyte of news.
    let mut numbers = Facets::default();
    let (mut spans, mut facets): (Vec<Interval>, Vec<Facet>) = Default::default();

    let mut by_key: ByKey<&ArcStr, Vec<usize>> = ByKey::default();
    for (i, c) in claims.iter().enumerate() {
        by_key.entry(&c.quantity).or_default().push(i);
    }
    // Quantities and conflicts are sorted below, each into one order whatever the
    // order they are made in.
    let mut conflicts = Vec::new();
    let mut quantities = Vec::with_capacity(by_key.len());
    // Each quantity takes its list of claims from the map: no second copy of it.
    for (key, owned) in by_key {
        let members = &owned[..];
        spans.clear();
        spans.extend(members.iter().map(|&i| open_interval(&claims[i])));
        facets.clear();
        facets.extend(
            members
                .iter()
                .map(|&i| numbers.of(&claims[i], origin(i), side(i))),
        );
        let explain_at = |x: usize, y: usize| {
            explain(
                &claims[members[x]],
                &claims[members[y]],
                facets[x],
                facets[y],
            )
        };
        let overlaps = (members.len() <= PAIRWISE_LIMIT).then(|| overlaps_of(&spans));
        let pivot_at = pivot_of(&claims, members, overlaps.as_ref(), &facets);
        let mut disagreements = 0;
        // Two members, by their places among `members`.
        let mut disagree = |x: usize, y: usize| {
            let (i, j) = (members[x], members[y]);
            disagreements += 1;
            let ((hi, h), (lo, l)) = if claims[i].value >= claims[j].value {
                ((i, x), (j, y))
            } else {
                ((j, y), (i, x))
            };
            // Indices fit in 32 bits: four billion claims would need a terabyte.
            conflicts.push(Conflict {
                a: hi as u32,
                b: lo as u32,
                severity: severity(&claims[hi], &claims[lo]),
                explanation: explain_at(h, l),
            });
        };
        // Figures with no measure word ("other") may count different things: they are
        // listed together but not compared.
        let comparable = !key.starts_with("other|");
        match overlaps {
            Some(overlaps) if comparable => {
                for (x, mask) in overlaps.iter().enumerate().take(members.len()) {
                    for y in x + 1..members.len() {
                        if mask >> y & 1 == 0 {
                            disagree(x, y);
                        }
                    }
                }
            }
            None if comparable => {
                for x in 0..members.len() {
                    if !spans[x].overlaps(&spans[pivot_at]) {
                        disagree(x, pivot_at);
                    }
                }
            }
            _ => {}
        }
        let first = &claims[members[0]];
        let (origins_of, parties) = facts_of.remove(key).unwrap_or_default();
        // The key starts with the measure: the claims' own cell when it is that.
        let measure = key.split('|').next().unwrap_or("");
        quantities.push(Quantity {
            key: ArcStr::clone(key),
            measure: if *first.measure == *measure {
                ArcStr::clone(&first.measure)
            } else {
                ArcStr::from(measure)
            },
            subject: ArcStr::clone(&first.subject),
            place: if key.split('|').count() > 2 {
                ArcStr::clone(&first.place)
            } else {
                ArcStr::default()
            },
            reconciled: reconcile(&claims, members, policy, &origin),
            verdict: verdict(&claims, &spans, members, pivot_at, &origin, &explain_at),
            claims: owned,
            origins: origins_of,
            parties,
            disagreements,
        });
    }
    sort_conflicts(&mut conflicts, &claims);
    // Keys are unique, so an unstable sort gives the one order, without the stable
    // sort's buffer of half the vector.
    quantities.sort_unstable_by(|a, b| {
        b.disagreements
            .cmp(&a.disagreements)
            .then_with(|| a.key.cmp(&b.key))
    });
    let unattributed = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.attribution == "outlet")
        .map(|(i, _)| i)
        .collect();
    Report {
        documents,
        inputs: Inputs {
            found: documents,
            processed: documents,
            ..Inputs::default()
        },
        urls,
        claims,
        sentences: Sentences::default(),
        quantities,
        conflicts,
        unattributed,
        policy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use countercheck_graph::SourceRef;

    /// `conflicts` in the report's order as their definition gives it: most severe
    /// first, then by their ids spelled out, then by their claims' indices.
    fn sorted_by_definition(mut conflicts: Vec<Conflict>, claims: &[Claim]) -> Vec<Conflict> {
        conflicts.sort_by(|a, b| {
            b.severity
                .total_cmp(&a.severity)
                .then_with(|| a.id(claims).cmp(&b.id(claims)))
                .then_with(|| (a.a, a.b).cmp(&(b.a, b.b)))
        });
        conflicts
    }

    /// Every conflict of two different claims among the first `n`, with a few
    /// severities.
    fn conflicts_among(n: usize) -> Vec<Conflict> {
        let n = n as u32;
        (0..n)
            .flat_map(|a| (0..n).map(move |b| (a, b)))
            .filter(|(a, b)| a != b)
            .map(|(a, b)| Conflict {
                a,
                b,
                severity: f64::from((a * 7 + b * 3) % 3),
                explanation: Explanation::Unexplained,
            })
            .collect()
    }

    proptest::proptest! {
        /// Inverted in place, an order gives back where each number stood.
        #[test]
        fn an_order_inverted_in_place_is_its_inverse(
            order in proptest::strategy::Strategy::prop_flat_map(0usize..200, |n| {
                proptest::strategy::Strategy::prop_shuffle(proptest::strategy::Just(
                    (0..n as u32).collect::<Vec<u32>>(),
                ))
            })
        ) {
            let mut inverse = order.clone();
            invert(&mut inverse);
            for (i, &p) in order.iter().enumerate() {
                proptest::prop_assert_eq!(inverse[p as usize] as usize, i);
            }
        }
    }

    proptest::proptest! {
        /// Places are the order of the ids as strings, whether the claims come a
        /// document at a time (sorted a run at a time) or in any order; there are none
        /// only where they cannot stand for the ids. Conflicts sort as their ids do
        /// either way.
        #[test]
        fn id_places_are_the_order_of_the_ids(
            docs in proptest::collection::vec(
                (0usize..6, proptest::collection::vec((0usize..120, 0usize..4), 1..5)),
                1..8,
            ),
            shuffle in proptest::prelude::any::<bool>(),
        ) {
            const NAMES: [&str; 6] = ["a", "a.txt", "a:1", "b", "b/c", "ab"];
            // Each document's claims together, documents in the order of `NAMES`.
            let mut by_name: std::collections::BTreeMap<usize, Vec<(usize, usize)>> =
                std::collections::BTreeMap::new();
            for (name, spans) in &docs {
                by_name.entry(*name).or_default().extend(spans);
            }
            let mut claims: Vec<Claim> = Vec::new();
            for (name, spans) in &by_name {
                let doc: ArcStr = NAMES[*name].into();
                for &(start, kind) in spans {
                    let mut c = Claim {
                        doc: doc.clone(),
                        start,
                        end: start + 3,
                        ..Claim::default()
                    };
                    c.id = match kind {
                        0 => ArcStr::default(),
                        1 => format!("{}:count", c.full_id()).into(),
                        2 => format!("x{start}").into(),
                        // An id that holds the `~` of a conflict's id.
                        _ => format!("{}~{}", c.full_id(), start % 2).into(),
                    };
                    claims.push(c);
                }
            }
            if shuffle {
                claims.reverse();
            }
            let ids: Vec<String> = claims.iter().map(|c| c.full_id().into_owned()).collect();
            let twice = (1..ids.len()).any(|i| ids[..i].contains(&ids[i]));
            let begins = ids.iter().any(|x| {
                ids.iter().any(|y| y != x && format!("{y}~").starts_with(&format!("{x}~")))
            });
            let runs = documents_in_order(&claims);
            // A place for each id, in the order of the ids each followed by `tail`.
            let placed = |places: Option<Vec<u32>>, tail: &str| {
                let Some(places) = places else {
                    return Ok(false);
                };
                for i in 0..ids.len() {
                    for j in 0..ids.len() {
                        proptest::prop_assert_eq!(
                            places[i].cmp(&places[j]),
                            format!("{}{tail}", ids[i]).cmp(&format!("{}{tail}", ids[j]))
                        );
                    }
                }
                Ok(true)
            };
            let plain = placed(places(&claims, runs.as_deref(), b""), "")?;
            proptest::prop_assert_eq!(plain, !twice);
            let head = placed(places(&claims, runs.as_deref(), b"~"), "~")?;
            proptest::prop_assert_eq!(head, !twice && !begins);
            let all = conflicts_among(claims.len().min(7));
            let mut sorted = all.clone();
            sort_conflicts(&mut sorted, &claims);
            proptest::prop_assert_eq!(sorted, sorted_by_definition(all, &claims));
        }
    }

    #[test]
    fn conflict_ids_compare_as_their_strings() {
        let ids = [
            "d:1-5",
            "d:1-50",
            "d:1-5~",
            "d:1-4",
            "e:0-1",
            "d:1-5:count",
            "",
            "d:1-4",
            "d:1-5",
        ];
        let claims: Vec<Claim> = ids
            .iter()
            .map(|id| Claim {
                id: (*id).into(),
                ..Claim::default()
            })
            .collect();
        let all = conflicts_among(ids.len());
        for x in &all {
            for y in &all {
                assert_eq!(
                    x.cmp_id(y, &claims, &mut Default::default()),
                    x.id(&claims).cmp(&y.id(&claims)),
                    "{} against {}",
                    x.id(&claims),
                    y.id(&claims)
                );
            }
        }
        // With the ids read twice, and without them and the `~`: spelled out, and by
        // the claims' places.
        for n in [ids.len(), 2, 5, 7] {
            let claims = &claims[..n];
            let runs = documents_in_order(claims);
            let head = places(claims, runs.as_deref(), b"~");
            assert_eq!(head.is_some(), n < 3, "{n} claims");
            let all = conflicts_among(n);
            let mut sorted = all.clone();
            sort_conflicts(&mut sorted, claims);
            assert_eq!(sorted, sorted_by_definition(all, claims), "{n} claims");
        }
    }

    #[test]
    fn facts_found_without_the_graph_are_the_graphs() {
        let doc = |id: &str, outlet: &str, copy_of: Option<&str>| DocumentInfo {
            id: id.into(),
            outlet: outlet.into(),
            url: format!("https://example.org/{id}").into(),
            copy_of: copy_of.map(ArcStr::from),
            ..DocumentInfo::default()
        };
        // An original and its republished copy, an outlet not in the gazetteer, and a
        // claim of a document nobody listed.
        let documents = [
            doc("a", "Reuters", None),
            doc("b", "AFP", Some("a")),
            doc("c", "Kyiv Daily", None),
        ];
        let claim = |id: &str, doc: &str, quantity: &str, source: (&str, &str), how: &str| Claim {
            id: id.into(),
            doc: doc.into(),
            quantity: quantity.into(),
            source: source.0.into(),
            source_id: source.1.into(),
            source_kind: "government".into(),
            attribution: how.into(),
            relays: Box::new([SourceRef {
                name: "Reuters".into(),
                kind: "media".into(),
                id: "reuters".into(),
            }]),
            ..Claim::default()
        };
        let claims = vec![
            // A ministry under its government (a party with a side), and a joint source
            // under the ministry's id.
            claim(
                "1",
                "a",
                "killed|people",
                ("Office of the President of Ukraine", "ua_opu"),
                "speech",
            ),
            claim(
                "2",
                "b",
                "killed|people",
                ("Zelenskyy and Budanov", "ua_opu"),
                "quote",
            ),
            // The outlet's own figures: in the copy, the original outlet's.
            claim("3", "b", "killed|people", ("AFP", "afp"), "outlet"),
            claim("4", "a", "injured|people", ("Reuters", "reuters"), "outlet"),
            claim("5", "c", "injured|people", ("Kyiv Daily", ""), "outlet"),
            claim("6", "z", "injured|people", ("Someone", ""), "outlet"),
            claim(
                "7",
                "a",
                "missing|people",
                ("Ministry of Defence of the Russian Federation", "ru_mod"),
                "according",
            ),
        ];
        let registry = countercheck_graph::Registry::builtin();
        let graph = ClaimGraph::build(&documents, &claims, registry);
        let facts = GraphFacts::of_documents(&claims, &documents, registry);
        assert_eq!(facts, GraphFacts::of(&claims, &graph));
        assert_eq!(&*facts.provenance_of(2).unwrap().0, "Reuters", "{facts:?}");
        assert!(
            facts.pairs.iter().any(|(_, s)| &**s == "ukraine"),
            "{facts:?}"
        );
        // Ids listed twice: the last document with an id stands for it, and the last
        // copy named for it counts.
        let twice = [
            doc("a", "Reuters", None),
            doc("b", "AFP", Some("a")),
            doc("c", "Kyiv Daily", None),
            doc("a", "Kharkiv Post", None),
            doc("c", "", Some("b")),
            doc("b", "AFP", Some("missing")),
        ];
        let graph = ClaimGraph::build(&twice, &claims, registry);
        let facts = GraphFacts::of_documents(&claims, &twice, registry);
        assert_eq!(facts, GraphFacts::of(&claims, &graph));
        assert_eq!(
            &*facts.provenance_of(2).unwrap().0,
            "Kharkiv Post",
            "{facts:?}"
        );
    }

    #[test]
    fn facts_taken_before_the_graph_goes_give_the_same_report() {
        let claim = |id: &str, low: f64, source: &str| Claim {
            id: id.into(),
            text: low.to_string().into(),
            value: low,
            low,
            high: Some(low),
            qualifier: "exact".into(),
            measure: "killed".into(),
            quantity: "killed|people".into(),
            source: source.into(),
            attribution: "speech".into(),
            ..Claim::default()
        };
        let claims = vec![claim("a", 10.0, "X"), claim("b", 20.0, "Y")];
        let graph = ClaimGraph::build(&[], &claims, countercheck_graph::Registry::builtin());
        let whole = build(1, claims.clone(), &graph, Policy::Range);
        let facts = GraphFacts::of(&claims, &graph);
        drop(graph);
        assert_eq!(build_from(1, claims.clone(), facts, Policy::Range), whole);
        assert_eq!(whole.conflicts.len(), 1);
        // Facts of no claims: each claim stands as its own origin, and nothing panics.
        let none = GraphFacts::of(
            &[],
            &ClaimGraph::build(&[], &[], countercheck_graph::Registry::builtin()),
        );
        let report = build_from(1, claims, none, Policy::Range);
        assert_eq!(report.conflicts.len(), 1);
    }

    /// [`number`] spelled through the general float formatting, as it was before
    /// whole numbers were spelled digit by digit.
    fn number_by_format(x: f64) -> String {
        if !x.is_finite() {
            return "∞".to_owned();
        }
        let millions = x / 1e6;
        if x >= 1e6 && ((millions * 10.0).round() - millions * 10.0).abs() < 1e-9 {
            let text = format!("{millions:.1}");
            return format!("{} million", text.trim_end_matches(".0"));
        }
        if x.fract() != 0.0 {
            return format!("{x:.1}");
        }
        let digits = format!("{x:.0}");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn numbers_are_spelled_as_the_float_formatting_spells_them(
            whole in -1e7f64..1e18,
            any in proptest::num::f64::ANY,
            digits in 0u32..19,
        ) {
            let whole = (whole / 10f64.powi(digits as i32)).trunc();
            for x in [whole, any, whole + 0.5, whole * 1e6, whole / 10.0] {
                proptest::prop_assert_eq!(number(x), number_by_format(x), "{}", x);
            }
        }
    }

    #[test]
    fn numbers_for_prose() {
        assert_eq!(number(5000.0), "5,000");
        assert_eq!(number(1_200_000.0), "1.2 million");
        assert_eq!(number(33.3), "33.3");
        assert_eq!(number(70.0), "70");
        // Whole numbers print as `{:.0}` does, on either side of 2^53 and at -0.
        for x in [
            0.0_f64,
            -0.0,
            -5000.0,
            -123_456.0,
            999_999.0,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            1e17,
        ] {
            assert_eq!(number(x), number_by_format(x), "{x}");
        }
    }
}
