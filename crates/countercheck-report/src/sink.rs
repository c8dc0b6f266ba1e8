//! Where a rendered report goes: a `String`, or a writer fed in chunks as the report is
//! rendered, so a report on a large corpus never exists whole in memory.

use std::fmt;
use std::io;

use rayon::prelude::*;

/// How many bytes are gathered before they are handed to the writer.
const CHUNK: usize = 64 * 1024;

/// Text being rendered: kept whole for [`Sink::render_string`], else passed on in chunks.
pub(crate) struct Sink<'w> {
    buf: String,
    out: Option<&'w mut dyn io::Write>,
    /// The first write error; later writes are dropped and `finish` reports it.
    error: Option<io::Error>,
}

impl Sink<'static> {
    /// What `render` renders, kept whole: about `capacity` bytes are reserved.
    pub(crate) fn render_string(capacity: usize, render: impl FnOnce(&mut Sink<'_>)) -> String {
        let mut sink = Sink {
            buf: String::with_capacity(capacity),
            out: None,
            error: None,
        };
        render(&mut sink);
        sink.buf
    }
}

impl<'w> Sink<'w> {
    /// A sink that writes to `out` as it goes.
    pub(crate) fn writer(out: &'w mut dyn io::Write) -> Sink<'w> {
        Sink {
            buf: String::with_capacity(CHUNK + 1024),
            out: Some(out),
            error: None,
        }
    }

    /// Writes what `render` renders to `out` as it goes, and reports the first write
    /// error.
    pub(crate) fn render_into(
        out: &'w mut dyn io::Write,
        render: impl FnOnce(&mut Sink<'w>),
    ) -> io::Result<()> {
        let mut sink = Sink::writer(out);
        render(&mut sink);
        sink.finish()
    }

    /// Appends `s`.
    pub(crate) fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= CHUNK {
            self.drain();
        }
    }

    /// Lets `write` append to the text gathered so far, for a writer that spells its
    /// text into a `String`.
    pub(crate) fn with_buffer(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.buf);
        if self.buf.len() >= CHUNK {
            self.drain();
        }
    }

    /// Appends `c`.
    pub(crate) fn push(&mut self, c: char) {
        self.buf.push(c);
    }

    /// Hands what is gathered to the writer, if there is one.
    fn drain(&mut self) {
        let Some(out) = self.out.as_mut() else {
            return;
        };
        if self.error.is_none()
            && let Err(e) = out.write_all(self.buf.as_bytes())
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }

    /// Writes the rest, and reports the first write error.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.drain();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// How many parts of a section (a block of table rows, a quantity's heading) are
/// rendered at once, each on whichever core is free, before they are written in order:
/// a report of 100 MB of news is half a gigabyte of Markdown, which one core took as
/// long to spell as the rest of the report's work after reading.
pub(crate) const PARTS_AT_ONCE: usize = 64;

/// The most bytes the parts of one window may come to. A part is held whole until its
/// window is written, where rendered into the output it would have been handed on in
/// chunks; so fewer parts are rendered at once when their rows may be long (see
/// [`parts_at_once`]), and none apart when a single part may come to more.
const WINDOW_BYTES: usize = 16 << 20;

/// How many parts of up to `part_bytes` each [`Sink::in_order`] may render at once: up
/// to [`PARTS_AT_ONCE`], as many as [`WINDOW_BYTES`] holds; none when one part may
/// not fit (rows that name their document by an id of megabytes), for them to be
/// rendered straight into the output.
pub(crate) fn parts_at_once(part_bytes: usize) -> usize {
    (WINDOW_BYTES / part_bytes.max(1)).min(PARTS_AT_ONCE)
}

/// The room a part is rendered into: a block of table rows of a few hundred bytes each.
const PART_ROOM: usize = crate::markdown::GATHER * 512;

impl Sink<'_> {
    /// Appends what `render` makes of each of `parts`, in order, rendering `at_once`
    /// of them at a time on all cores (see [`parts_at_once`]), or one after the other
    /// into this sink when `at_once` is 0 or there is one thread: the text is the same.
    pub(crate) fn in_order<P: Sync>(
        &mut self,
        parts: &[P],
        at_once: usize,
        render: impl Fn(&mut Sink<'_>, &P) + Sync,
    ) {
        // With one thread, a part rendered apart would only be copied once more.
        if at_once == 0 || rayon::current_num_threads() == 1 {
            for part in parts {
                render(self, part);
            }
            return;
        }
        for window in parts.chunks(at_once) {
            let texts: Vec<String> = window
                .par_iter()
                .map(|part| Sink::render_string(PART_ROOM, |sink| render(sink, part)))
                .collect();
            for text in &texts {
                self.push_str(text);
            }
        }
    }
}

/// A cell kept for the last key it was made for, and made again only when the key
/// changes: a report's rows come in runs that repeat a severity or a quantity, and
/// formatting the same cell for every row of a run cost more than copying it.
pub(crate) struct Kept<K> {
    key: Option<K>,
    cell: String,
}

impl<K: PartialEq> Kept<K> {
    /// Nothing kept yet.
    pub(crate) fn new() -> Kept<K> {
        Kept {
            key: None,
            cell: String::new(),
        }
    }

    /// The cell for `key`: the one kept when `key` is the last key asked for, else
    /// what `make` writes into an emptied cell, kept from then on.
    pub(crate) fn get(&mut self, key: K, make: impl FnOnce(&mut String)) -> &str {
        if self.key.as_ref() != Some(&key) {
            self.cell.clear();
            make(&mut self.cell);
            self.key = Some(key);
        }
        &self.cell
    }
}

impl fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    #[test]
    fn writer_gets_everything_in_order() {
        let mut bytes = Vec::new();
        let mut sink = Sink::writer(&mut bytes);
        for i in 0..50_000 {
            let _ = write!(sink, "{i},");
        }
        sink.push('!');
        sink.finish().expect("a Vec takes every write");
        let expected: String = (0..50_000).map(|i| format!("{i},")).collect::<String>() + "!";
        assert_eq!(String::from_utf8(bytes).expect("utf-8"), expected);
    }

    #[test]
    fn parts_rendered_on_all_cores_come_out_as_one_thread_writes_them() {
        // Windows of every width, and none: parts rendered straight into the output.
        let parts: Vec<usize> = (0..1000).collect();
        let render = |sink: &mut Sink<'_>, &p: &usize| {
            for k in 0..(p % 7) {
                let _ = write!(sink, "{p}.{k} ");
            }
            sink.push('\n');
        };
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            pool.install(|| {
                [PARTS_AT_ONCE, 7, 1, 0].map(|at_once| {
                    let mut bytes = Vec::new();
                    let mut sink = Sink::writer(&mut bytes);
                    sink.in_order(&parts, at_once, render);
                    sink.finish().expect("a Vec takes every write");
                    String::from_utf8(bytes).expect("utf-8")
                })
            })
        };
        let [one, ..] = on(1);
        assert_eq!(one.lines().count(), parts.len());
        for text in on(4) {
            assert_eq!(text, one);
        }
    }

    #[test]
    fn a_failed_write_is_reported() {
        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut full = Full;
        let mut sink = Sink::writer(&mut full);
        sink.push_str("x");
        assert_eq!(sink.finish().unwrap_err().to_string(), "disk full");
    }
}
