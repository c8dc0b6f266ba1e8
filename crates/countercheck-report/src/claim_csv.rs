//! One claim as one record of claims.csv, written straight into a buffer.
//!
//! `extract` writes a record for every claim it finds, and going through serde and the
//! csv crate's serializer cost as much as reading the claim's measure. The record here
//! is the same bytes that `csv::Writer::serialize` gives for the claim with its cells
//! defused (RFC 4180 quoting only where a cell needs it, `\n` after the record, floats
//! in `ryu`'s shortest form); a property test holds the two together.

use countercheck_grammar::{HIGH_BITS, Span};
use countercheck_graph::{COLUMNS, Claim, DIGITS, digit_bytes};

use crate::rows::Fixed;
use crate::tables::{defused, starts_like_a_formula};

/// True for the bytes that make a cell need quotes.
fn special(b: u8) -> bool {
    matches!(b, b',' | b'"' | b'\n' | b'\r')
}

/// One in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// True when one of the eight bytes of `x` makes a cell need quotes: a byte equal to
/// `c` is a nought in `x ^ c`, and a nought byte is one that borrows when one is taken
/// from every byte but was not already high.
fn holds_special(x: u64) -> bool {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH_BITS;
    let equal = |c: u8| zero(x ^ (ONES * u64::from(c)));
    equal(b',') | equal(b'"') | equal(b'\n') | equal(b'\r') != 0
}

/// True when no byte of `cell` makes it need quotes. Most cells are a word or a few,
/// read eight bytes a step (the last step ending at the cell's end); long ones, the
/// sentence above all, with `memchr`.
fn is_plain(cell: &[u8]) -> bool {
    let eight = |at: usize| u64::from_le_bytes(cell[at..at + 8].try_into().unwrap_or_default());
    match cell.len() {
        0..8 => !cell.iter().any(|&b| special(b)),
        8..64 => {
            let last = cell.len() - 8;
            (0..last).step_by(8).all(|at| !holds_special(eight(at))) && !holds_special(eight(last))
        }
        _ => {
            memchr::memchr3(b',', b'"', b'\n', cell).is_none()
                && memchr::memchr(b'\r', cell).is_none()
        }
    }
}

/// Appends `cell` to `out` as a CSV field: in quotes, with quotes doubled, when it holds
/// a comma, a quote or a line break; as it is otherwise.
pub(crate) fn field(out: &mut Vec<u8>, cell: &[u8]) {
    let plain = is_plain(cell);
    if plain {
        out.extend_from_slice(cell);
        return;
    }
    out.push(b'"');
    let mut from = 0;
    for quote in memchr::memchr_iter(b'"', cell) {
        out.extend_from_slice(&cell[from..=quote]);
        out.push(b'"');
        from = quote + 1;
    }
    out.extend_from_slice(&cell[from..]);
    out.push(b'"');
}

/// A text cell, defused when a spreadsheet would run it as a formula.
pub(crate) fn text(out: &mut Vec<u8>, cell: &str) {
    field(out, defused(cell).as_bytes());
}

/// A number as `ryu` writes it. Counts are whole numbers, which it writes as their
/// digits and ".0" below 10^16; those are written here without its general routine.
pub(crate) fn float(out: &mut Vec<u8>, v: f64) {
    // Whole when it survives a round trip through an integer, which needs no call to
    // the maths library as `fract` does on this target.
    if v.abs() < 1e15 && (v as i64) as f64 == v && !(v == 0.0 && v.is_sign_negative()) {
        if v < 0.0 {
            out.push(b'-');
        }
        // Whole and below 10^15: exact as an integer.
        count(out, v.abs() as usize);
        out.extend_from_slice(b".0");
    } else {
        out.extend_from_slice(ryu::Buffer::new().format(v).as_bytes());
    }
}

fn count(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(digit_bytes(&mut [0; DIGITS], n));
}

/// How a column of claims.csv is written.
enum Cell<'a> {
    /// Text, defused when a spreadsheet would run it as a formula.
    Text(&'a str),
    /// A word of a fixed vocabulary (qualifier, unit, measure, date, period, how the
    /// source was found), which never starts like a formula and is written as it is.
    Word(&'a str),
    /// A byte offset.
    Count(usize),
    /// A number.
    Number(f64),
    /// An upper bound: empty when there is none.
    Bound(Option<f64>),
}

/// The cells of one claims.csv record, borrowed from wherever they are held: a
/// [`Claim`], or the strings a document's rows are read into (see `rows`), which are
/// written without becoming a `Claim` first.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record<'a> {
    /// Empty for `DOC:START-END` of `doc`, `start` and `end`, spelled as it is written.
    pub(crate) id: &'a str,
    pub(crate) doc: &'a str,
    pub(crate) text: &'a str,
    /// The figure's place, numbers and vocabulary words.
    pub(crate) fixed: Fixed<'a>,
    pub(crate) subject: &'a str,
    pub(crate) place: &'a str,
    pub(crate) as_of: &'a str,
    pub(crate) source: &'a str,
    pub(crate) source_kind: &'a str,
    pub(crate) relay: &'a str,
    pub(crate) outlet: &'a str,
    pub(crate) published: &'a str,
    pub(crate) quantity: &'a str,
    pub(crate) derived_from: &'a str,
    pub(crate) sentence: &'a str,
    pub(crate) source_id: &'a str,
    pub(crate) notes: &'a str,
}

impl<'a> Record<'a> {
    /// The cells of `c`.
    fn of(c: &'a Claim) -> Record<'a> {
        Record {
            id: &c.id,
            doc: &c.doc,
            text: &c.text,
            fixed: Fixed {
                span: Span::new(c.start, c.end),
                value: c.value,
                low: c.low,
                high: c.high,
                qualifier: &c.qualifier,
                unit: &c.unit,
                measure: &c.measure,
                rate: &c.rate,
                attribution: &c.attribution,
            },
            subject: &c.subject,
            place: &c.place,
            as_of: &c.as_of,
            source: &c.source,
            source_kind: &c.source_kind,
            relay: &c.relay,
            outlet: &c.outlet,
            published: &c.published,
            quantity: &c.quantity,
            derived_from: &c.derived_from,
            sentence: &c.sentence,
            source_id: &c.source_id,
            notes: &c.notes,
        }
    }
}

/// Appends the claims.csv record of `c` (no header), its text cells defused, to `out`.
/// An id held empty is written as [`Claim::full_id`] spells it.
pub fn write_claim_record(c: &Claim, out: &mut Vec<u8>) {
    write_record(&Record::of(c), out);
}

/// Appends the record of `r` (no header), its text cells defused, to `out`, spelling an
/// id held empty as `DOC:START-END`.
pub(crate) fn write_record(r: &Record<'_>, out: &mut Vec<u8>) {
    if !r.id.is_empty() {
        text(out, r.id);
        return write_cells_after_id(r, out);
    }
    // `DOC:START-END` needs quotes or defusing only for what its document's name holds;
    // a name that needs neither is written with the digits straight into the record.
    let plain = !starts_like_a_formula(r.doc) && !r.doc.bytes().any(special);
    if !plain {
        text(
            out,
            &Claim::canonical_id(r.doc, r.fixed.span.start, r.fixed.span.end),
        );
        return write_cells_after_id(r, out);
    }
    out.extend_from_slice(r.doc.as_bytes());
    out.push(b':');
    count(out, r.fixed.span.start);
    out.push(b'-');
    count(out, r.fixed.span.end);
    write_cells_after_id(r, out);
}

/// [`write_claim_record`] with `id` and `sentence` in place of the claim's own: a
/// report's claims hold canonical ids empty and their sentences on disk, and are
/// written with them spelled out rather than copied whole for each row.
pub(crate) fn write_claim_record_as(c: &Claim, id: &str, sentence: &str, out: &mut Vec<u8>) {
    write_record(
        &Record {
            id,
            sentence,
            ..Record::of(c)
        },
        out,
    );
}

/// The record of `r` after its id: a comma and the other cells of `COLUMNS`, then the
/// line's end.
fn write_cells_after_id(r: &Record<'_>, out: &mut Vec<u8>) {
    use Cell::{Bound, Count, Number, Text, Word};
    // One cell for each of `COLUMNS` after the id, in its order; the length is checked
    // by the type.
    let f = &r.fixed;
    let cells: [Cell<'_>; COLUMNS.len() - 1] = [
        Text(r.doc),
        Count(f.span.start),
        Count(f.span.end),
        Text(r.text),
        Number(f.value),
        Number(f.low),
        Bound(f.high),
        Word(f.qualifier),
        Word(f.unit),
        Word(f.measure),
        Text(r.subject),
        Text(r.place),
        Word(r.as_of),
        Word(f.rate),
        Text(r.source),
        Text(r.source_kind),
        Text(r.relay),
        Text(r.outlet),
        Text(r.published),
        Text(r.quantity),
        Text(r.derived_from),
        Text(r.sentence),
        Text(r.source_id),
        Word(f.attribution),
        Text(r.notes),
    ];
    // Room for the record as it usually is (no quotes to double), reserved once rather
    // than checked and grown cell by cell: about 64 bytes of numbers and commas.
    let texts: usize = cells
        .iter()
        .map(|cell| match cell {
            Text(s) | Word(s) => s.len(),
            _ => 0,
        })
        .sum();
    out.reserve(texts + 96);
    for cell in cells {
        out.push(b',');
        match cell {
            Text(s) => text(out, s),
            Word(s) => field(out, s.as_bytes()),
            Count(n) => count(out, n),
            Number(v) | Bound(Some(v)) => float(out, v),
            Bound(None) => {}
        }
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The claim as claims.csv shows it, cell by cell: the cells of free text defused,
    /// the words of fixed vocabularies, numbers and offsets as they are. The reference
    /// the record writer is held to, written out separately from its column list.
    fn defuse_claim(c: Claim) -> Claim {
        let mut safe = c;
        for cell in [
            &mut safe.id,
            &mut safe.text,
            &mut safe.derived_from,
            &mut safe.doc,
            &mut safe.subject,
            &mut safe.place,
            &mut safe.source,
            &mut safe.source_kind,
            &mut safe.relay,
            &mut safe.outlet,
            &mut safe.published,
            &mut safe.quantity,
            &mut safe.sentence,
            &mut safe.source_id,
            &mut safe.notes,
        ] {
            if let std::borrow::Cow::Owned(d) = defused(cell) {
                *cell = d.into();
            }
        }
        safe
    }

    /// Cells with every byte that matters to CSV or to defusing, and some that do not.
    fn cell() -> impl Strategy<Value = String> {
        "([a-z ]|,|\"|\n|\r|=|\\+|-|@|\t|'|’|é){0,6}"
    }

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            (0u64..10_000_000_000).prop_map(|n| n as f64),
            (0u64..1000).prop_map(|n| n as f64 / 8.0),
            Just(1e16),
            Just(1e15),
            Just(999_999_999_999_999.0),
            Just(-0.0),
            Just(-3.0),
            Just(1.5e-7),
        ]
    }

    fn claim() -> impl Strategy<Value = Claim> {
        (
            proptest::collection::vec(cell(), 23),
            (any::<usize>(), any::<usize>()),
            (number(), number(), proptest::option::of(number())),
        )
            .prop_map(|(cells, (start, end), (value, low, high))| {
                let mut cells = cells.into_iter().map(Into::into);
                let mut next = || cells.next().unwrap_or_default();
                Claim {
                    id: next(),
                    doc: next(),
                    start,
                    end,
                    text: next(),
                    value,
                    low,
                    high,
                    qualifier: next(),
                    unit: next(),
                    measure: next(),
                    subject: next(),
                    place: next(),
                    as_of: next(),
                    rate: next(),
                    source: next(),
                    source_kind: next(),
                    relay: next(),
                    outlet: next(),
                    published: next(),
                    quantity: next(),
                    derived_from: next(),
                    sentence: next(),
                    source_id: next(),
                    attribution: next(),
                    notes: next(),
                    relays: Box::default(),
                }
            })
    }

    #[test]
    fn header_is_the_serializer_header() {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(Claim::default()).unwrap();
        let bytes = w.into_inner().unwrap();
        let header = bytes.split(|&b| b == b'\n').next().unwrap();
        assert_eq!(header, countercheck_graph::COLUMNS.join(",").as_bytes());
    }

    /// A special byte at any place of a cell of any length up to past the eight-byte
    /// steps and into `memchr`'s is seen; bytes that only look alike are not.
    #[test]
    fn is_plain_sees_a_special_byte_anywhere() {
        for len in 0..80 {
            let plain = vec![b'a'; len];
            assert!(is_plain(&plain), "{len}");
            for at in 0..len {
                for b in [b',', b'"', b'\n', b'\r'] {
                    let mut cell = plain.clone();
                    cell[at] = b;
                    assert!(!is_plain(&cell), "{len} {at} {b}");
                }
                // Neighbours of the special bytes, and bytes past ASCII.
                for b in [
                    b'+', b'-', b'!', b'#', 0x0b, 0x0c, 0x0e, 0x09, 0xac, 0xa2, 0x8a,
                ] {
                    let mut cell = plain.clone();
                    cell[at] = b;
                    assert!(is_plain(&cell), "{len} {at} {b}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn is_plain_is_no_special_byte(cell in proptest::collection::vec(
            prop_oneof![8 => b'a'..=b'z', 1 => any::<u8>()], 0..100)
        ) {
            prop_assert_eq!(is_plain(&cell), !cell.iter().any(|&b| special(b)));
        }

        #[test]
        fn same_bytes_as_the_csv_serializer(c in claim()) {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new());
            // An id held empty is written spelled out.
            let mut spelled = c.clone();
            spelled.id = c.full_id().into_owned().into();
            w.serialize(defuse_claim(spelled)).unwrap();
            let want = w.into_inner().unwrap();
            let mut got = Vec::new();
            write_claim_record(&c, &mut got);
            prop_assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
        }
    }
}
