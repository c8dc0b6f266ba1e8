//! The figure grammar of countercheck: number phrases in news text, read with their
//! qualifiers into values and intervals, and number-like text that is not a figure
//! (years, dates, ages, measurements, model names...) told apart from them.
//!
//! A [`Figure`] keeps the byte [`Span`] of its phrase, its value, its [`Qualifier`] and
//! [`Unit`], the ends of a range or vague quantity, and any rate that goes with it.
//! [`Figure::interval`] turns it into the [`Interval`] of numbers it allows. The word
//! lists the grammar uses live in `data/lexicon/` and are compiled in.
//!
//! # Example
//!
//! ```
//! use countercheck_grammar::{figures, Qualifier};
//!
//! let text = "At least 70 people were injured, including 42 who were hospitalized, \
//!             after dozens of drones struck on Dec. 19.";
//! let found: Vec<_> = figures(text).collect();
//! assert_eq!(found.len(), 3);
//! assert_eq!(found[0].text(text), "At least 70");
//! assert_eq!(found[0].qualifier, Qualifier::AtLeast);
//! assert_eq!(found[2].text(text), "dozens");
//! assert_eq!(found[2].interval(0.1).high, 99.0);
//! ```

mod ascii;
mod attribution;
mod blocks;
mod claim;
mod csv_rows;
mod error;
mod figure;
mod function_words;
mod hash;
mod key_words;
mod lexicon;
mod measure;
mod number;
mod parse;
mod phrase;
mod qualifier;
mod range;
mod rate;
mod reject;
mod scan;
mod segment;
mod share;
mod span;
mod spelled;
mod starts;
mod subject;
mod time;
mod token;
mod vague;
mod word_list;
mod words;

/// Eight bytes in a `u64` at a time: the high bit of each byte, and the bytes whose
/// value lies in a range of ASCII, for byte loops elsewhere in the workspace.
pub use ascii::{HIGH as HIGH_BITS, eq_folded, in_range as bytes_in_range};
pub use claim::{Article, Draft, How, claims, claims_in, claims_with, figures_of};
pub use csv_rows::csv_rows;
pub use error::{Error, ErrorKind};
pub use figure::{
    DEFAULT_TOLERANCE, Figure, Interval, Period, Qualifier, Rate, Unit, UnknownQualifier,
};
pub use function_words::{WordSet, is_in as is_function_word};
pub use hash::{Blocks, FNV_OFFSET, fnv_step, fnv1a};
pub use measure::Measure;
pub use reject::NonFigure;
pub use scan::{Candidate, Rejected, Scanner, scan};
pub use segment::{Quote, Segments, Sentence, paragraph_end, segment};
pub use span::Span;
pub use token::is_word_char;
pub use word_list::{Word, WordList, Words, alphanumeric_at};

/// How far from a figure, in bytes either way, the words of its sentence are read for
/// its time and its group, and shown as its sentence: the whole sentence but for the
/// rare one longer than that, which is cut at whitespace (see [`Span::within_reach`]).
pub const REACH: usize = 300;
pub use subject::{Group, group_of};
pub use time::{AsOf, Times, When, as_of};

/// The figures of `text`, in text order; rejected number-like text is skipped.
pub fn figures(text: &str) -> impl Iterator<Item = Figure> + '_ {
    scan(text).filter_map(Result::ok)
}

/// The figures of bytes that may not be valid UTF-8, with spans into those bytes.
///
/// Each valid stretch is scanned on its own, so a figure never spans an invalid byte
/// and every span indexes the original bytes.
pub fn figures_in_bytes(bytes: &[u8]) -> impl Iterator<Item = Figure> + '_ {
    // Nearly all input is valid UTF-8, which one pass confirms far faster than walking
    // it chunk by chunk; only invalid input takes the slow path. `simdutf8` checks 32
    // bytes a step where the processor has AVX2, several times fewer instructions than
    // `std::str::from_utf8`, which was a tenth of `figures` on real reporting.
    let (valid, broken) = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => (Some(text), &[][..]),
        Err(_) => (None, bytes),
    };
    valid.into_iter().flat_map(figures).chain(
        broken
            .utf8_chunks()
            .scan(0usize, |offset, chunk| {
                let at = *offset;
                *offset += chunk.valid().len() + chunk.invalid().len();
                Some((at, chunk.valid()))
            })
            .flat_map(|(at, valid)| figures(valid).map(move |f| f.shifted(at))),
    )
}

/// Reads `text` as exactly one figure, with nothing before or after it.
///
/// ```
/// use countercheck_grammar::{parse_figure, ErrorKind, NonFigure};
///
/// assert_eq!(parse_figure("more than 80").unwrap().value, 80.0);
/// assert_eq!(parse_figure("in 2009").unwrap_err().kind, ErrorKind::NotAFigure(NonFigure::Year));
/// ```
pub fn parse_figure(text: &str) -> Result<Figure, Error> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let whole = Span::new(lead, lead + trimmed.len());
    match scan(text).next() {
        None => Err(Error {
            kind: ErrorKind::NoFigure,
            span: whole,
        }),
        Some(Err(r)) => Err(Error {
            kind: ErrorKind::NotAFigure(r.class),
            span: r.span,
        }),
        Some(Ok(f)) if f.span.start > whole.start => Err(Error {
            kind: ErrorKind::Leading,
            span: Span::new(whole.start, f.span.start),
        }),
        Some(Ok(f)) if f.span.end < whole.end => Err(Error {
            kind: ErrorKind::Trailing,
            span: Span::new(f.span.end, whole.end),
        }),
        Some(Ok(f)) => Ok(f),
    }
}
