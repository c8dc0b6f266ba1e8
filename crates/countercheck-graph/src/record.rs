//! A claim as every output shows it: one row of claims.csv, with its provenance.

use std::borrow::Cow;
use std::cmp::Ordering;

use arcstr::ArcStr;

use serde::Serialize;

/// The column names, in order, for a header when there are no rows.
pub const COLUMNS: [&str; 26] = [
    "id",
    "doc",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "measure",
    "subject",
    "place",
    "as_of",
    "rate",
    "source",
    "source_kind",
    "relay",
    "outlet",
    "published",
    "quantity",
    "derived_from",
    "sentence",
    "source_id",
    "attribution",
    "notes",
];

/// One claim, with every column of the claims.csv contract and a few more.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Claim {
    /// Stable id: `DOC:START-END`, with `:count` for the count a share implies.
    ///
    /// Empty stands for `DOC:START-END` of the claim's own `doc`, `start` and `end`: a
    /// report over a large corpus keeps ids that way, since most are exactly that and
    /// would take more memory than the rest of the claim's cells. Read it with
    /// [`Claim::full_id`] or [`Claim::id_bytes`], which give it either way.
    pub id: ArcStr,
    /// The document it was read from.
    pub doc: ArcStr,
    /// Byte offset of the figure in its document.
    pub start: usize,
    /// Byte offset just past the figure.
    pub end: usize,
    /// The figure as written.
    pub text: ArcStr,
    /// The stated number (the midpoint for ranges and vague quantities).
    pub value: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// `None` when unbounded: an empty cell, JSON null.
    pub high: Option<f64>,
    /// exact, approx, nearly, at_least, more_than, at_most, less_than, range or vague.
    pub qualifier: ArcStr,
    /// Empty for counts, `percent` for shares.
    pub unit: ArcStr,
    /// killed, injured, casualties, hospitalized, missing, captured, deployed, missiles, drones, displaced or other.
    pub measure: ArcStr,
    /// What it counts: "north korean troops", "people".
    pub subject: ArcStr,
    /// Where, from the place gazetteer.
    pub place: ArcStr,
    /// The claim's own time, ISO 8601.
    pub as_of: ArcStr,
    /// The period of a rate ("week" for "5,000 a week").
    pub rate: ArcStr,
    /// Who made it.
    pub source: ArcStr,
    /// The kind of source, `unknown` when not in the gazetteer.
    pub source_kind: ArcStr,
    /// The relay chain, nearest the source first, `;`-separated.
    pub relay: ArcStr,
    /// Who published the document.
    pub outlet: ArcStr,
    /// When the document was published.
    pub published: ArcStr,
    /// The key of the quantity it measures.
    pub quantity: ArcStr,
    /// For a count implied by a share, the claim it is a share of.
    pub derived_from: ArcStr,
    /// The sentence it was read from.
    pub sentence: ArcStr,
    /// The gazetteer id of the source, when it is listed.
    pub source_id: ArcStr,
    /// How the source was found: quote, according, speech, relay or outlet.
    pub attribution: ArcStr,
    /// What the rules guessed, for a reader to check.
    pub notes: ArcStr,
    /// The relays one by one, nearest the source first (the `relay` column joins their names).
    #[serde(skip)]
    pub relays: Box<[SourceRef]>,
}

impl Claim {
    /// The id of a figure at `start..end` of document `doc`: `DOC:START-END`.
    pub fn canonical_id(doc: &str, start: usize, end: usize) -> ArcStr {
        let (mut a, mut b) = ([0; DIGITS], [0; DIGITS]);
        let parts = [
            doc.as_bytes(),
            b":",
            digit_bytes(&mut a, start),
            b"-",
            digit_bytes(&mut b, end),
        ];
        // One allocation, of the exact size: extraction makes an id per claim.
        ArcStr::init_with(parts.iter().map(|p| p.len()).sum(), |out| {
            let mut at = 0;
            for p in parts {
                out[at..at + p.len()].copy_from_slice(p);
                at += p.len();
            }
        })
        // A str and ASCII are UTF-8; were they not, the empty id still reads as this one.
        .unwrap_or_default()
    }

    /// The claim's id, spelled out when it is held empty (see [`Claim::id`]).
    pub fn full_id(&self) -> Cow<'_, str> {
        if self.id.is_empty() {
            {
                let mut out = String::with_capacity(self.doc.len() + 16);
                write_canonical(&mut out, &self.doc, self.start, self.end);
                Cow::Owned(out)
            }
        } else {
            Cow::Borrowed(&self.id)
        }
    }

    /// Appends [`Claim::full_id`] to `out`: for writing many ids without a string each.
    pub fn push_full_id(&self, out: &mut String) {
        if self.id.is_empty() {
            write_canonical(out, &self.doc, self.start, self.end);
        } else {
            out.push_str(&self.id);
        }
    }

    /// The bytes of [`Claim::full_id`], written into `buf` only when the id is held
    /// empty: for comparing many ids without an allocation each.
    pub fn id_bytes<'a>(&'a self, buf: &'a mut String) -> &'a [u8] {
        if self.id.is_empty() {
            buf.clear();
            write_canonical(buf, &self.doc, self.start, self.end);
            buf.as_bytes()
        } else {
            self.id.as_bytes()
        }
    }

    /// Compares the ids of two claims as strings ([`Claim::full_id`]), spelling them
    /// out in `bufs` only when needed: two ids held empty with one document compare by
    /// their `START-END` digits alone, which is how a report's million ids are sorted.
    pub fn cmp_id(&self, other: &Claim, bufs: &mut [String; 2]) -> Ordering {
        self.cmp_id_then(other, b"", bufs)
    }

    /// As [`Claim::cmp_id`], with `tail` written after each id: how the ids compare
    /// as the first part of a longer one (`A~B`, with `tail` `~`).
    pub fn cmp_id_then(&self, other: &Claim, tail: &[u8], bufs: &mut [String; 2]) -> Ordering {
        if self.id.is_empty() && other.id.is_empty() {
            if self.doc == other.doc {
                let (mut a, mut b) = ([0; SPAN], [0; SPAN]);
                return cmp_then(
                    span_bytes(&mut a, self.start, self.end),
                    span_bytes(&mut b, other.start, other.end),
                    tail,
                );
            }
            // Two documents: the first byte where their names differ decides, unless
            // one name begins the other ("a" and "a.txt"), when the ':' after the
            // shorter one is compared with the longer one's next byte.
            let (a, b) = (self.doc.as_bytes(), other.doc.as_bytes());
            if let Some((x, y)) = a.iter().zip(b).find(|(x, y)| x != y) {
                return x.cmp(y);
            }
        }
        let [x, y] = bufs;
        cmp_then(self.id_bytes(x), other.id_bytes(y), tail)
    }

    /// True when the id is exactly `DOC:START-END`, so that it may be held empty.
    pub fn has_canonical_id(&self) -> bool {
        let Some(rest) = self.id.strip_prefix(&*self.doc) else {
            return false;
        };
        let mut buf = [0; DIGITS];
        rest.strip_prefix(':')
            .and_then(|r| r.strip_prefix(digits(&mut buf, self.start)))
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(|r| r == digits(&mut buf, self.end))
    }
}

/// Room for the decimal digits of any `usize`.
pub const DIGITS: usize = 20;

/// The decimal digits of `n`, written at the end of `buf`: ids and CSV records spell
/// out millions of offsets, and the formatting machinery costs several times this.
pub fn digit_bytes(buf: &mut [u8; DIGITS], mut n: usize) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// Room for `START-END`.
const SPAN: usize = 2 * DIGITS + 1;

/// `a` followed by `tail` against `b` followed by `tail`.
fn cmp_then(a: &[u8], b: &[u8], tail: &[u8]) -> Ordering {
    let n = a.len().min(b.len());
    // Most pairs differ before the shorter ends: a slice comparison decides.
    a[..n].cmp(&b[..n]).then_with(|| {
        if a.len() == b.len() {
            return Ordering::Equal;
        }
        a[n..].iter().chain(tail).cmp(b[n..].iter().chain(tail))
    })
}

/// `START-END` in decimal digits, written at the start of `buf`.
fn span_bytes(buf: &mut [u8; SPAN], start: usize, end: usize) -> &[u8] {
    let mut digits = [0; DIGITS];
    let mut at = 0;
    for (k, n) in [start, end].into_iter().enumerate() {
        if k == 1 {
            buf[at] = b'-';
            at += 1;
        }
        let d = digit_bytes(&mut digits, n);
        buf[at..at + d.len()].copy_from_slice(d);
        at += d.len();
    }
    &buf[..at]
}

/// [`digit_bytes`] as text.
fn digits(buf: &mut [u8; DIGITS], n: usize) -> &str {
    // Only ASCII digits were written.
    std::str::from_utf8(digit_bytes(buf, n)).unwrap_or("")
}

/// Appends the decimal digits of `n` to `out`, as `{n}` would, without the formatting
/// machinery: ids, counts and verdicts spell numbers out by the million.
pub fn push_digits(out: &mut String, n: usize) {
    out.push_str(digits(&mut [0; DIGITS], n));
}

/// Appends `DOC:START-END`. Ids are spelled out by the million when conflicts are
/// sorted, so the digits are pushed as they are, with no formatting machinery.
fn write_canonical(out: &mut String, doc: &str, start: usize, end: usize) {
    out.push_str(doc);
    out.push(':');
    push_digits(out, start);
    out.push('-');
    push_digits(out, end);
}

/// A source as a claim names it: its name, kind and gazetteer id (empty when unlisted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SourceRef {
    /// The name: the gazetteer's, or as written.
    pub name: ArcStr,
    /// Its kind: government, military, ..., media, person, or unknown.
    pub kind: ArcStr,
    /// Its gazetteer id, or empty.
    pub id: ArcStr,
}

impl From<&crate::registry::Source> for SourceRef {
    fn from(s: &crate::registry::Source) -> SourceRef {
        SourceRef {
            name: s.name.as_str().into(),
            kind: s.kind.as_str().into(),
            id: s.id.as_str().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_pushed_as_formatting_writes_them() {
        for n in [0, 7, 10, 99, 1000, 123_456_789, usize::MAX] {
            let mut out = String::from("x");
            push_digits(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn ids_held_empty_read_as_the_canonical_id() {
        let mut c = Claim {
            id: "reports/a b.txt:1203-1210".into(),
            doc: "reports/a b.txt".into(),
            start: 1203,
            end: 1210,
            ..Claim::default()
        };
        assert!(c.has_canonical_id());
        assert_eq!(Claim::canonical_id(&c.doc, c.start, c.end), c.id);
        let whole = c.id.clone();
        c.id = ArcStr::default();
        assert_eq!(c.full_id(), whole);
        assert_eq!(c.id_bytes(&mut String::new()), whole.as_bytes());
        for other in [
            "reports/a b.txt:1203-1210:count",
            "reports/a b.txt:1203-121",
            "x",
            "reports/a b.txt:0-0",
        ] {
            c.id = other.into();
            assert!(!c.has_canonical_id(), "{other}");
            assert_eq!(c.full_id(), other);
        }
        let zero = Claim {
            id: ":0-0".into(),
            ..Claim::default()
        };
        assert!(zero.has_canonical_id());
    }

    #[test]
    fn ids_compare_as_their_strings() {
        let claim = |id: &str, doc: &str, start: usize, end: usize| Claim {
            id: id.into(),
            doc: doc.into(),
            start,
            end,
            ..Claim::default()
        };
        // Held empty or spelled out; digits that compare otherwise as numbers; one
        // document's name a prefix of another's, where ':' sorts after '2'.
        let claims = [
            claim("", "a.txt", 9, 12),
            claim("", "a.txt", 10, 12),
            claim("", "a.txt", 10, 9),
            claim("", "a.txt", 1, 100),
            claim("", "a.txt2", 1, 2),
            claim("a.txt:9-12:count", "a.txt", 9, 12),
            claim("a.txt:9-12", "a.txt", 9, 12),
            claim("", "", 0, 0),
            claim("b", "a.txt", 3, 4),
            // Documents that differ before either name ends.
            claim("", "b.txt", 1, 2),
            claim("", "a.tx", 5, 6),
            claim("", "a.tx_", 5, 6),
            claim("", "Київ.txt", 3, 4),
            claim("", "Київ", 3, 4),
        ];
        let mut bufs = Default::default();
        for a in &claims {
            for b in &claims {
                assert_eq!(
                    a.cmp_id(b, &mut bufs),
                    a.full_id().cmp(&b.full_id()),
                    "{} against {}",
                    a.full_id(),
                    b.full_id()
                );
            }
        }
    }
}
