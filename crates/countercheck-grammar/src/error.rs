//! The error of [`parse_figure`](crate::parse_figure), the crate's one fallible entry point.

use crate::reject::NonFigure;
use crate::span::Span;

/// Why a string is not exactly one figure.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at {span}")]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Where, in bytes of the input.
    pub span: Span,
}

/// The kinds of [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// No number at all: `"many people"`.
    #[error("no figure found")]
    NoFigure,
    /// Number-like text that is not a figure: `"in 2009"` is a year.
    #[error("not a figure: {}", .0.as_str())]
    NotAFigure(NonFigure),
    /// A figure followed by more text: `"70 people"`.
    #[error("text after the figure")]
    Trailing,
    /// Text before the figure: `"killed 70"`.
    #[error("text before the figure")]
    Leading,
}
