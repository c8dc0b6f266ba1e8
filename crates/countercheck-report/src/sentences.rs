//! Sentences kept on disk. A report holds every claim of a corpus, and the sentence a
//! claim was read from is the largest part of it; on a corpus of a gigabyte the
//! sentences alone would take most of the memory a report may use. So a report built
//! from a [`ClaimStore`](crate::ClaimStore) writes them to an unnamed temporary file as
//! the claims come in and reads each back when it is shown: only the claims are held
//! while the corpus is read and the report is built. A file small enough is read back
//! whole when the first sentence is shown (see [`READ_WHOLE_UP_TO`]).

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::sync::{Arc, OnceLock};

use countercheck_graph::Claim;

/// Where one claim's sentence is: `offset << LEN_BITS | length` in the file, or
/// [`HELD`] when the claim holds it itself.
pub(crate) type Place = u64;

/// The claim holds its own sentence.
pub(crate) const HELD: Place = u64::MAX;

/// Bits of a [`Place`] that give the length. A sentence as shown is cut to a few
/// hundred bytes around its figure, so a longer one (a claim made by hand) is simply
/// held in memory.
pub(crate) const LEN_BITS: u32 = 16;

/// The longest sentence that is spooled.
pub(crate) const MAX_SPOOLED: usize = (1 << LEN_BITS) - 1;

/// A file of sentences up to this size is read back whole, in one read, the first time
/// a sentence is asked for, rather than a sentence at a time: a report of 100 MB of news
/// reads half a million sentences, and each read is a system call. Larger files, those
/// of corpora of a few hundred megabytes and up, are read a sentence at a time, so that
/// memory stays within what a report may use.
const READ_WHOLE_UP_TO: u64 = 256 << 20;

/// The offset and the length of the sentence at `place`, which [`place`] made.
pub(crate) fn parts(place: Place) -> (u64, usize) {
    (place >> LEN_BITS, (place & MAX_SPOOLED as u64) as usize)
}

/// The place of a sentence of `len` bytes written at `offset`, when it has one.
pub(crate) fn place(offset: u64, len: usize) -> Option<Place> {
    let fits = len <= MAX_SPOOLED && offset < (1 << (64 - LEN_BITS)) - 1;
    fits.then_some(offset << LEN_BITS | len as u64)
}

/// The sentences of a report's claims, by claim index.
///
/// Empty (the default) when every claim holds its own sentence, as claims made by
/// [`rows`](crate::rows()) do. Two values are equal when they read the same places of the
/// same file.
#[derive(Clone, Default)]
pub struct Sentences {
    pub(crate) file: Option<Arc<File>>,
    pub(crate) places: Vec<Place>,
    /// The whole file, once read, when it is small enough ([`READ_WHOLE_UP_TO`]) and
    /// reads as UTF-8.
    pub(crate) whole: OnceLock<Option<Box<str>>>,
}

impl Sentences {
    /// The sentence of claim `i` of the report, which is `claim`: read back from the
    /// file when it was spooled, else the claim's own.
    ///
    /// A sentence that cannot be read back (the temporary file was truncated under the
    /// run) is replaced by a note saying so; nothing else of the report is lost.
    pub fn of<'c>(&'c self, i: usize, claim: &'c Claim) -> Cow<'c, str> {
        let Some((file, at)) = self.spooled_at(i) else {
            return Cow::Borrowed(&claim.sentence);
        };
        let whole = self.whole.get_or_init(|| read_whole(file));
        let (offset, len) = parts(at);
        let from_whole = whole
            .as_deref()
            .zip(usize::try_from(offset).ok())
            .and_then(|(w, o)| w.get(o..o + len));
        if let Some(s) = from_whole {
            return Cow::Borrowed(s);
        }
        match read(file, at) {
            Ok(s) => Cow::Owned(s),
            Err(e) => Cow::Owned(format!(
                "[the sentence could not be read back from the temporary file: {e}]"
            )),
        }
    }

    /// The file and place of claim `i`'s sentence, when it was spooled.
    fn spooled_at(&self, i: usize) -> Option<(&File, Place)> {
        let file = self.file.as_deref()?;
        let &at = self.places.get(i).filter(|&&p| p != HELD)?;
        Some((file, at))
    }

    /// Claim `i`, which is `claim`, with every cell spelled out: its id when held empty
    /// and its sentence read back from disk. Borrowed when it holds both itself.
    pub fn whole<'c>(&'c self, i: usize, claim: &'c Claim) -> Cow<'c, Claim> {
        let spooled = self.spooled_at(i).is_some();
        if !claim.id.is_empty() && !spooled {
            return Cow::Borrowed(claim);
        }
        // A copy whose cells are shared with the claim's, not copied.
        let mut whole = Claim::clone(claim);
        if spooled {
            whole.sentence = self.of(i, claim).as_ref().into();
        }
        if whole.id.is_empty() {
            whole.id = claim.full_id().as_ref().into();
        }
        Cow::Owned(whole)
    }

    /// How many sentences are on disk rather than in their claims.
    pub fn spooled(&self) -> usize {
        if self.file.is_none() {
            return 0;
        }
        self.places.iter().filter(|&&p| p != HELD).count()
    }
}

impl PartialEq for Sentences {
    fn eq(&self, other: &Sentences) -> bool {
        let same_file = match (&self.file, &other.file) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_file && self.places == other.places
    }
}

impl fmt::Debug for Sentences {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sentences")
            .field("on_disk", &self.file.is_some())
            .field("spooled", &self.spooled())
            .finish()
    }
}

/// The whole of `file`, when it is at most [`READ_WHOLE_UP_TO`] bytes and UTF-8, as it
/// is unless it was changed under the run; `None` otherwise, and sentences are read one
/// by one.
#[cfg(unix)]
fn read_whole(file: &File) -> Option<Box<str>> {
    use std::os::unix::fs::FileExt;
    let len = file.metadata().ok()?.len();
    if len > READ_WHOLE_UP_TO {
        return None;
    }
    let mut buf = vec![0; usize::try_from(len).ok()?];
    file.read_exact_at(&mut buf, 0).ok()?;
    String::from_utf8(buf).ok().map(String::into_boxed_str)
}

/// Without positioned reads no sentence is spooled.
#[cfg(not(unix))]
fn read_whole(_: &File) -> Option<Box<str>> {
    None
}

/// Reads the sentence at `place` from `file`.
#[cfg(unix)]
fn read(file: &File, place: Place) -> std::io::Result<String> {
    use std::os::unix::fs::FileExt;
    let (offset, len) = parts(place);
    let mut buf = vec![0; len];
    file.read_exact_at(&mut buf, offset)?;
    String::from_utf8(buf).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Without positioned reads no sentence is spooled (see [`crate::ClaimStore::spooled`]),
/// so this is never asked.
#[cfg(not(unix))]
fn read(_: &File, _: Place) -> std::io::Result<String> {
    Err(std::io::Error::other(
        "sentences are not spooled on this platform",
    ))
}
