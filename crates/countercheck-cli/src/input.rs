//! PATH arguments turned into documents: text files, directories, JSONL and standard input.
//!
//! Every offset reported downstream is a byte offset into a document's `text`, and the
//! contract promises that `text` is the file as read. So nothing here may move a byte: the
//! front matter stays in `text` (only `body` says where it ends), a byte-order mark stays,
//! and invalid UTF-8 becomes one space per byte rather than U+FFFD, which takes three.
//!
//! Nothing here fails the run: an input that cannot be read becomes a [`Skipped`] naming it
//! and saying what to do, and the rest are still read.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// How far into a file to look for a NUL byte when telling text from binary.
const SNIFF_LEN: usize = 8 * 1024;

/// The UTF-8 byte-order mark, as some Windows editors write it at the start of a file.
const BOM: &str = "\u{FEFF}";

/// Extensions taken from a directory walk; a file named on the command line is read whatever
/// its extension, since the user asked for it.
const EXTENSIONS: [&str; 3] = ["txt", "md", "jsonl"];

/// One document to read claims from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// The path as given (joined with the path inside a directory), or the JSONL `id`, or
    /// "-" / "-:N" for standard input.
    pub(crate) id: String,
    /// The outlet that published it, from front matter or JSONL.
    pub(crate) outlet: Option<String>,
    /// The publication date as written, e.g. "2025-04-28".
    pub(crate) published: Option<String>,
    /// The headline.
    pub(crate) title: Option<String>,
    /// Where it was published.
    pub(crate) url: Option<String>,
    /// The whole file as read (front matter included), so offsets into it are offsets into
    /// the file; for JSONL, the `text` field.
    pub(crate) text: String,
    /// Offset where the body starts (after the front matter block; 0 when there is none).
    pub(crate) body: usize,
}

/// An input that could not be read, with the reason and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// The path, `PATH:LINE` for a JSONL line, or `-` for standard input.
    pub(crate) input: String,
    /// Why it was skipped and what to do about it.
    pub(crate) reason: String,
}

/// A non-fatal note about an input that was still read (e.g. invalid UTF-8 replaced).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Warning {
    /// The input the note is about.
    pub(crate) input: String,
    /// What happened.
    pub(crate) message: String,
}

/// Everything read from the PATH arguments.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// Documents, in argument order and, within a directory, in sorted path order.
    pub(crate) documents: Vec<Document>,
    /// Inputs that could not be read.
    pub(crate) skipped: Vec<Skipped>,
    /// Notes about inputs that were read.
    pub(crate) warnings: Vec<Warning>,
}

/// One result of reading the inputs, handed out as soon as it is known.
#[derive(Debug)]
pub(crate) enum Item {
    /// A document to read claims from.
    Document(Document),
    /// An input that could not be read.
    Skipped(Skipped),
    /// A note about an input that was read.
    Warning(Warning),
}

/// Reads every PATH (a file, a directory, or "-" for standard input) into documents.
#[cfg(test)]
pub(crate) fn load(paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    visit(paths, &mut |item| match item {
        Item::Document(d) => loaded.documents.push(d),
        Item::Skipped(s) => loaded.skipped.push(s),
        Item::Warning(w) => loaded.warnings.push(w),
    });
    loaded
}

/// Reads every PATH like the tests' `load`, but hands each result to `sink` as it is
/// read, so that a caller can process a large corpus without holding all of it in memory.
pub(crate) fn visit(paths: &[PathBuf], sink: &mut dyn FnMut(Item)) {
    let mut stdin_read = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_read {
                sink(skipped(
                    "-",
                    "standard input given twice: it can be read only once, so give \"-\" once",
                ));
            } else {
                stdin_read = true;
                read_stdin(sink);
            }
        } else {
            read_argument(path, sink);
        }
    }
}

fn read_argument(path: &Path, sink: &mut dyn FnMut(Item)) {
    let id = path.display().to_string();
    // `metadata` follows symbolic links: a link named on the command line is meant to be read.
    match fs::metadata(path) {
        Err(err) => sink(skipped(id, unreadable(&err))),
        Ok(meta) if meta.is_dir() => walk(path, &id, sink),
        Ok(_) => read_file(path, id, sink),
    }
}

/// A directory entry still to be looked at during a walk: its name and type only. A
/// folder is listed whole before it is read, so that it is read in sorted order, and a
/// folder of a gigabyte of articles holds 160,000 of them; each one's path and id are
/// made when it is visited. (Holding them all from the start, about 300 bytes an
/// entry, took `extract`'s peak from 36 to 91 MB on such a folder.)
struct Entry {
    /// The last part of the path, which the directory is sorted by, in an allocation
    /// of its exact size.
    name: Box<OsStr>,
    /// Not followed through symbolic links, so that a link to a directory is seen as a link.
    file_type: fs::FileType,
}

/// The entries of one directory still to be visited, in sorted order, and what their
/// paths and ids are made from.
struct Listing {
    dir: PathBuf,
    /// The directory as given, joined with the path inside the walk.
    id: String,
    entries: std::vec::IntoIter<Entry>,
}

impl Listing {
    fn of(dir: PathBuf, id: String, sink: &mut dyn FnMut(Item)) -> Listing {
        let entries = list(&dir, &id, sink).into_iter();
        Listing { dir, id, entries }
    }
}

/// Reads the documents under `dir` in sorted path order.
///
/// The walk keeps its own stack of directories rather than recursing, so no directory tree
/// can exhaust the call stack.
fn walk(dir: &Path, id: &str, sink: &mut dyn FnMut(Item)) {
    let mut stack = vec![Listing::of(dir.to_path_buf(), id.to_owned(), sink)];
    while let Some(listing) = stack.last_mut() {
        let Some(entry) = listing.entries.next() else {
            stack.pop();
            continue;
        };
        let path = listing.dir.join(&*entry.name);
        let id = join(&listing.id, &entry.name.to_string_lossy());
        if entry.file_type.is_dir() {
            stack.push(Listing::of(path, id, sink));
            continue;
        }
        let wanted = has_document_extension(&path);
        if entry.file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    // A link can point at one of its own ancestors; following none is the
                    // simple way never to loop.
                    sink(warning(
                        id,
                        "symbolic link to a directory, not followed: give its target as a PATH to read it",
                    ));
                    continue;
                }
                Ok(meta) if meta.is_file() => {}
                Ok(_) => {
                    if wanted {
                        sink(skipped(id, NOT_REGULAR));
                    }
                    continue;
                }
                Err(err) => {
                    if wanted {
                        let reason = match err.kind() {
                            io::ErrorKind::NotFound => {
                                "broken symbolic link: fix or remove the link".to_owned()
                            }
                            _ => unreadable(&err),
                        };
                        sink(skipped(id, reason));
                    }
                    continue;
                }
            }
        } else if !entry.file_type.is_file() {
            // Reading a named pipe found by a walk could block the run forever.
            if wanted {
                sink(skipped(id, NOT_REGULAR));
            }
            continue;
        }
        if wanted {
            read_file(&path, id, sink);
        }
    }
}

const NOT_REGULAR: &str =
    "not a regular file (a pipe, socket or device): give it as a PATH to read it anyway";

/// The visible entries of `dir`, sorted by name; what cannot be listed is reported.
fn list(dir: &Path, id: &str, sink: &mut dyn FnMut(Item)) -> Vec<Entry> {
    let reader = match fs::read_dir(dir) {
        Ok(reader) => reader,
        Err(err) => {
            sink(skipped(
                id,
                format!("cannot list directory: {}", unreadable(&err)),
            ));
            return Vec::new();
        }
    };
    let mut entries = Vec::new();
    for entry in reader {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                sink(skipped(
                    id,
                    format!("cannot list directory: {}", unreadable(&err)),
                ));
                continue;
            }
        };
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        match entry.file_type() {
            Ok(file_type) => entries.push(Entry {
                name: name.into_boxed_os_str(),
                file_type,
            }),
            Err(err) => sink(skipped(join(id, &name.to_string_lossy()), unreadable(&err))),
        }
    }
    // Sorting each directory by name yields the whole tree in sorted path order, so the
    // output does not depend on the order the file system happens to list entries in.
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    entries
}

/// `prefix/name`, without doubling a separator the user already typed ("corpus/").
fn join(prefix: &str, name: &str) -> String {
    if prefix.ends_with(std::path::is_separator) {
        format!("{prefix}{name}")
    } else {
        format!("{prefix}/{name}")
    }
}

fn has_extension(path: &Path, wanted: &str) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case(wanted))
}

fn has_document_extension(path: &Path) -> bool {
    EXTENSIONS.iter().any(|ext| has_extension(path, ext))
}

fn read_file(path: &Path, id: String, sink: &mut dyn FnMut(Item)) {
    if has_extension(path, "jsonl") {
        return read_jsonl_file(path, &id, sink);
    }
    let bytes = match read_whole(path) {
        Ok(bytes) => bytes,
        Err(err) => return sink(skipped(id, unreadable(&err))),
    };
    if let Some(reason) = binary(&bytes) {
        return sink(skipped(id, reason));
    }
    let empty = bytes.is_empty();
    let text = into_text(&id, bytes, sink);
    if empty {
        sink(warning(&*id, "empty file"));
    }
    sink(Item::Document(text_document(id, text)));
}

/// The bytes of the file at `path`, as `fs::read` gives them, with one system call
/// fewer: a regular file is read up to the size it had when opened, and the read that
/// would only have said "no more" is not made. (A corpus of 16,000 articles spent a
/// tenth of its time on one core in the reading thread, mostly in the kernel.) A file
/// that grows while it is read is read as it was when opened; anything else, a pipe or
/// a device named as a PATH, is read to its end.
fn read_whole(path: &Path) -> io::Result<Vec<u8>> {
    let file = fs::File::open(path)?;
    let meta = file.metadata()?;
    // A file that says it is empty may still not be (those of /proc): it is read to
    // its end, like anything that is not a regular file.
    let size = if meta.is_file() { meta.len() } else { 0 };
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    if size == 0 {
        (&file).read_to_end(&mut bytes)?;
    } else {
        // `Take` answers the read after the last byte itself, without the kernel.
        file.take(size).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

fn read_stdin(sink: &mut dyn FnMut(Item)) {
    let mut bytes = Vec::new();
    match io::stdin().lock().read_to_end(&mut bytes) {
        Ok(_) => read_stdin_bytes(bytes, sink),
        Err(err) => sink(skipped(
            "-",
            format!("cannot read standard input ({err}): pipe the text in or name a file instead"),
        )),
    }
}

/// Standard input has no extension to go by, so it is JSONL exactly when it reads as JSONL.
fn read_stdin_bytes(bytes: Vec<u8>, sink: &mut dyn FnMut(Item)) {
    const ID: &str = "-";
    if let Some(reason) = binary(&bytes) {
        return sink(skipped(ID, reason));
    }
    let text = into_text(ID, bytes, sink);
    let mut documents = Vec::new();
    for (n, line) in jsonl_lines(&text) {
        match parse_jsonl_line(line, || format!("{ID}:{n}")) {
            Ok(document) => documents.push(document),
            Err(_) => {
                documents.clear();
                break;
            }
        }
    }
    if documents.is_empty() {
        if text.is_empty() {
            sink(warning(ID, "empty input"));
        }
        sink(Item::Document(text_document(ID.to_owned(), text)));
    } else {
        for document in documents {
            sink(Item::Document(document));
        }
    }
}

fn text_document(id: String, text: String) -> Document {
    let front = front_matter(&text);
    Document {
        id,
        outlet: front.outlet,
        published: front.published,
        title: front.title,
        url: front.url,
        text,
        body: front.body,
    }
}

/// How much of a JSONL file is read from the system at a time.
const JSONL_CHUNK: usize = 256 << 10;

/// Reads a JSONL file a line at a time, handing each line's document on as soon as it
/// is read: a file of any size takes the memory of its longest line, not of the whole
/// file, so `extract` streams an archive kept as one JSONL file as it streams a folder.
///
/// Each line is what reading the whole file and splitting it would give: the file is
/// sniffed for binary content by its first bytes, a byte-order mark goes from the first
/// line, and invalid UTF-8 becomes spaces (a line is checked with its line feed, which
/// ends any sequence cut short, so the same bytes are replaced). The warning about
/// invalid UTF-8 comes after the file's documents, as their count is known only then.
/// A read that fails partway keeps the lines before it and skips the rest, naming the
/// line it stopped at.
fn read_jsonl_file(path: &Path, id: &str, sink: &mut dyn FnMut(Item)) {
    match fs::File::open(path) {
        Ok(file) => read_jsonl(file, id, sink),
        Err(err) => sink(skipped(id, unreadable(&err))),
    }
}

/// [`read_jsonl_file`] of what `source` gives.
fn read_jsonl(source: impl Read, id: &str, sink: &mut dyn FnMut(Item)) {
    let mut reader = io::BufReader::with_capacity(JSONL_CHUNK, source);
    let mut head = Vec::with_capacity(SNIFF_LEN);
    if let Err(err) = (&mut reader).take(SNIFF_LEN as u64).read_to_end(&mut head) {
        return sink(skipped(id, unreadable(&err)));
    }
    if let Some(reason) = binary(&head) {
        return sink(skipped(id, reason));
    }
    let mut reader = head.as_slice().chain(reader);
    let mut line = Vec::new();
    // Lines read, blank ones included, so that a number is the line an editor shows.
    let mut n = 0usize;
    // Where the line being read starts in the file.
    let mut offset = 0usize;
    // The first invalid byte's offset in the file, and how many were replaced.
    let mut invalid: Option<(usize, usize)> = None;
    let mut any = false;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) => {
                sink(skipped(format!("{id}:{}", n + 1), unreadable(&err)));
                break;
            }
        }
        n += 1;
        let start = offset;
        offset += line.len();
        if std::str::from_utf8(&line).is_err() {
            let (first, count) = blank_invalid_utf8(&mut line);
            let seen = invalid.get_or_insert((start + first, 0));
            seen.1 += count;
        }
        // Every invalid sequence is now spaces, so the empty fallback is never taken; it
        // is there so that no input can make this panic.
        let text = std::str::from_utf8(&line).unwrap_or_default();
        let text = text.strip_suffix('\n').unwrap_or(text);
        let Some(text) = jsonl_content(text, n == 1) else {
            continue;
        };
        any = true;
        let input = format!("{id}:{n}");
        match parse_jsonl_line(text, || input.clone()) {
            Ok(document) => sink(Item::Document(document)),
            Err(reason) => sink(skipped(input, reason)),
        }
    }
    if let Some((first, count)) = invalid {
        sink(invalid_utf8_warning(id, first, count));
    }
    if !any {
        sink(warning(id, "empty file"));
    }
}

/// The non-blank lines of a JSONL text, numbered from 1 counting blank lines too, so that
/// a reported number is the line an editor shows.
fn jsonl_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .filter_map(|(i, line)| Some((i + 1, jsonl_content(line, i == 0)?)))
}

/// What a JSONL line without its line feed holds: no carriage return, and on the first
/// line no byte-order mark (offsets in JSONL are into the `text` field, so it can go
/// without moving any); `None` when it is blank.
fn jsonl_content(line: &str, first: bool) -> Option<&str> {
    let line = if first {
        line.strip_prefix(BOM).unwrap_or(line)
    } else {
        line
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    (!line.trim_ascii().is_empty()).then_some(line)
}

/// One JSONL line as a document; the error says what is wrong with the line and what to do.
fn parse_jsonl_line(line: &str, default_id: impl FnOnce() -> String) -> Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|err| {
        format!(
            "not valid JSON ({}): fix or remove the line",
            json_error(&err)
        )
    })?;
    let Value::Object(mut fields) = value else {
        return Err("not a JSON object: each line must be {\"id\": ..., \"text\": ...}".to_owned());
    };
    let text = match fields.remove("text") {
        Some(Value::String(text)) => text,
        None | Some(Value::Null) => {
            return Err("no \"text\" field: each line needs the document's text".to_owned());
        }
        Some(_) => {
            return Err("\"text\" is not a string: give the text as a JSON string".to_owned());
        }
    };
    let id = match fields.remove("id") {
        Some(Value::String(id)) if !id.is_empty() => id,
        // Numeric ids are common in exported data sets and are unambiguous as text.
        Some(Value::Number(id)) => id.to_string(),
        None | Some(Value::Null) | Some(Value::String(_)) => default_id(),
        Some(_) => {
            return Err("\"id\" is neither a string nor a number: give it as a string".to_owned());
        }
    };
    Ok(Document {
        id,
        outlet: string_field(&mut fields, "outlet")?,
        published: string_field(&mut fields, "published")?,
        title: string_field(&mut fields, "title")?,
        url: string_field(&mut fields, "url")?,
        text,
        body: 0,
    })
}

fn string_field(fields: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match fields.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok((!s.is_empty()).then_some(s)),
        Some(_) => Err(format!(
            "\"{key}\" is not a string: give it as a string or leave it out"
        )),
    }
}

/// serde_json's message without its "at line 1", which is always 1 for a single line and
/// would contradict the line number the input is reported with.
fn json_error(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    match message.strip_suffix(&position) {
        Some(message) => format!("{message} at column {}", err.column()),
        None => message,
    }
}

/// The metadata of a front matter block and where the body after it starts.
#[derive(Debug, Default, PartialEq, Eq)]
struct FrontMatter {
    outlet: Option<String>,
    published: Option<String>,
    title: Option<String>,
    url: Option<String>,
    body: usize,
}

/// Reads an optional front matter block: a first line `---`, `key: value` lines, then `---`.
///
/// Only a block that looks like metadata counts, so that a Markdown file opening with a
/// horizontal rule keeps its text as body; a block that is never closed does not count either.
fn front_matter(text: &str) -> FrontMatter {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = text[start..]
        .split_inclusive('\n')
        .scan(start, |end, line| {
            *end += line.len();
            let line = line.strip_suffix('\n').unwrap_or(line);
            Some((line.strip_suffix('\r').unwrap_or(line), *end))
        });
    if !lines.next().is_some_and(|(line, _)| is_fence(line)) {
        return FrontMatter::default();
    }
    let mut front = FrontMatter::default();
    for (line, end) in lines {
        if is_fence(line) {
            front.body = end;
            return front;
        }
        if !metadata_line(line, &mut front) {
            return FrontMatter::default();
        }
    }
    FrontMatter::default()
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches([' ', '\t']) == "---"
}

/// Takes in one line of a front matter block; false when the line cannot belong to one.
fn metadata_line(line: &str, front: &mut FrontMatter) -> bool {
    // Blank lines, comments, and the indented or "- " lines of YAML lists and long values
    // under keys we do not read are all fine in a block written for another tool.
    if line.trim().is_empty()
        || line.starts_with(['#', ' ', '\t'])
        || line == "-"
        || line.starts_with("- ")
    {
        return true;
    }
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let key = key.trim_end();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return false;
    }
    let slot = match key.to_ascii_lowercase().as_str() {
        "outlet" => &mut front.outlet,
        "published" => &mut front.published,
        "title" => &mut front.title,
        "url" => &mut front.url,
        _ => return true,
    };
    *slot = scalar(value);
    true
}

/// A front matter value: trimmed, and unquoted when it is wrapped in '' or "".
///
/// A trailing `# comment` is kept as part of an unquoted value, unlike YAML: a headline such
/// as "Strike on Hospital #5" is more likely than a comment.
fn scalar(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let value = match raw.chars().next() {
        Some(quote @ ('"' | '\'')) => quoted(&raw[1..], quote).unwrap_or_else(|| raw.to_owned()),
        _ => raw.to_owned(),
    };
    (!value.is_empty()).then_some(value)
}

/// The inside of a quoted value up to its closing quote, with YAML's escapes undone (`''` in
/// single quotes, backslashes in double quotes); `None` when the quote is never closed.
fn quoted(rest: &str, quote: char) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            if quote == '\'' && chars.peek() == Some(&'\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            return Some(out);
        }
        if c == '\\' && quote == '"' {
            match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                escaped @ ('"' | '\\' | '/') => out.push(escaped),
                other => {
                    out.push('\\');
                    out.push(other);
                }
            }
            continue;
        }
        out.push(c);
    }
    None
}

/// Why `bytes` is not text, if it is not: a known binary format or a NUL byte near the start.
fn binary(bytes: &[u8]) -> Option<String> {
    const MAGIC: [(&[u8], &str); 6] = [
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "ZIP"),
        (b"PK\x05\x06", "ZIP"),
        (b"PK\x07\x08", "ZIP"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\x1f\x8b", "GZIP"),
    ];
    // UTF-16 is text, only not in the encoding offsets are counted in.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some(
            "UTF-16 text, not UTF-8: convert it to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)"
                .to_owned(),
        );
    }
    let kind = MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
        .or_else(|| {
            // Every file is sniffed: the vector search, not the standard library's
            // word-at-a-time one.
            memchr::memchr(0, &bytes[..bytes.len().min(SNIFF_LEN)]).map(|_| "NUL bytes")
        })?;
    Some(format!(
        "binary file ({kind}), not text: convert it to text first"
    ))
}

/// `bytes` as a string of the same length, with a warning when invalid UTF-8 had to go.
fn into_text(input: &str, bytes: Vec<u8>, sink: &mut dyn FnMut(Item)) -> String {
    let mut bytes = match String::from_utf8(bytes) {
        Ok(text) => return text,
        Err(err) => err.into_bytes(),
    };
    let (first, count) = blank_invalid_utf8(&mut bytes);
    sink(invalid_utf8_warning(input, first, count));
    // Every invalid sequence is now spaces, so the fallback is never taken; it is there so
    // that no input can make this panic.
    String::from_utf8(bytes)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// The note that `count` bytes of `input`, the first at offset `first`, were invalid
/// UTF-8 and became spaces.
fn invalid_utf8_warning(input: &str, first: usize, count: usize) -> Item {
    warning(
        input,
        format!(
            "invalid UTF-8 at byte {first}: {count} byte{} replaced with spaces; \
             save the file as UTF-8 to keep those characters",
            if count == 1 { "" } else { "s" }
        ),
    )
}

/// Overwrites each byte of every invalid UTF-8 sequence with a space, which keeps every
/// offset pointing at the same byte of the file; returns where the first one was and how
/// many bytes were replaced.
fn blank_invalid_utf8(bytes: &mut [u8]) -> (usize, usize) {
    let mut first = None;
    let mut count = 0;
    let mut pos = 0;
    while let Err(err) = std::str::from_utf8(&bytes[pos..]) {
        let bad = pos + err.valid_up_to();
        // No error length means a sequence cut short by the end of the file.
        let len = err.error_len().unwrap_or(bytes.len() - bad);
        bytes[bad..bad + len].fill(b' ');
        first.get_or_insert(bad);
        count += len;
        pos = bad + len;
    }
    (first.unwrap_or(0), count)
}

/// What to tell the user about an input the system would not let us read.
fn unreadable(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory: check the path".to_owned(),
        io::ErrorKind::PermissionDenied => {
            "permission denied: check the file's permissions".to_owned()
        }
        _ => format!("cannot read it ({err}): check that it is a readable file"),
    }
}

fn skipped(input: impl Into<String>, reason: impl Into<String>) -> Item {
    Item::Skipped(Skipped {
        input: input.into(),
        reason: reason.into(),
    })
}

fn warning(input: impl Into<String>, message: impl Into<String>) -> Item {
    Item::Warning(Warning {
        input: input.into(),
        message: message.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use tempfile::TempDir;

    /// Writes `files` (relative path, contents) under a new temporary directory.
    fn tree(files: &[(&str, &[u8])]) -> TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, contents) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }
        dir
    }

    fn load_one(dir: &TempDir, name: &str) -> Loaded {
        load(&[dir.path().join(name)])
    }

    fn single(loaded: Loaded) -> Document {
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
        assert_eq!(loaded.documents.len(), 1, "{:?}", loaded.documents);
        loaded.documents.into_iter().next().unwrap()
    }

    fn ids(loaded: &Loaded, prefix: &str) -> Vec<String> {
        loaded
            .documents
            .iter()
            .map(|d| d.id.strip_prefix(prefix).unwrap_or(&d.id).to_owned())
            .collect()
    }

    #[test]
    fn front_matter_gives_metadata_and_body() {
        let file = "---\noutlet: Reuters\npublished: 2025-04-28\ntitle: Strike: 12 dead\nurl: https://example.org/a#b\nauthor: someone\n---\nAt least 12 people died.\n";
        let dir = tree(&[("a.md", file.as_bytes())]);
        let doc = single(load_one(&dir, "a.md"));
        assert_eq!(doc.text, file);
        assert_eq!(doc.outlet.as_deref(), Some("Reuters"));
        assert_eq!(doc.published.as_deref(), Some("2025-04-28"));
        assert_eq!(doc.title.as_deref(), Some("Strike: 12 dead"));
        assert_eq!(doc.url.as_deref(), Some("https://example.org/a#b"));
        assert_eq!(&doc.text[doc.body..], "At least 12 people died.\n");
    }

    #[test]
    fn no_front_matter_means_body_at_zero() {
        let dir = tree(&[("a.txt", b"Dozens were hurt.\n---\ntitle: no\n---\n")]);
        let doc = single(load_one(&dir, "a.txt"));
        assert_eq!((doc.body, doc.title), (0, None));
    }

    #[test]
    fn front_matter_with_crlf_bom_and_quotes() {
        let file = "\u{FEFF}---\r\ntitle: \"Say \\\"hi\\\"\"\r\noutlet: 'Al''s Post'\r\nurl: \"\"\r\n---\r\nBody\r\n";
        let dir = tree(&[("a.md", file.as_bytes())]);
        let doc = single(load_one(&dir, "a.md"));
        // The BOM stays, so offsets are into the file as read.
        assert_eq!(doc.text, file);
        assert_eq!(doc.title.as_deref(), Some("Say \"hi\""));
        assert_eq!(doc.outlet.as_deref(), Some("Al's Post"));
        assert_eq!(doc.url, None);
        assert_eq!(&doc.text[doc.body..], "Body\r\n");
    }

    #[test]
    fn front_matter_edge_cases() {
        let body = |text: &str| front_matter(text).body;
        // Closed at the end of the file without a newline.
        assert_eq!(body("---\ntitle: x\n---"), 16);
        // Never closed, or not metadata (a horizontal rule opening the text).
        assert_eq!(body("---\ntitle: x\nmore text\n"), 0);
        assert_eq!(body("---\nSome prose, then a rule.\n---\nText"), 0);
        // YAML lists and comments under other keys do not end the block.
        let text = "---\ntags:\n  - a\n- b\n# note\n\ntitle: t\n---\n";
        assert_eq!(body(text), text.len());
        assert_eq!(front_matter(text).title.as_deref(), Some("t"));
        // An unclosed quote keeps the value as written.
        assert_eq!(scalar(" \"open"), Some("\"open".to_owned()));
        assert_eq!(scalar("  "), None);
    }

    #[test]
    fn directory_walk_is_sorted_filtered_and_skips_hidden() {
        let dir = tree(&[
            ("b.txt", b"b"),
            ("a/z.md", b"z"),
            ("a/c.jsonl", b"{\"text\": \"c\"}\n"),
            ("a.txt", b"a"),
            ("notes.pdf", b"%PDF-1.7"),
            ("image.png", b"x"),
            ("UPPER.TXT", b"u"),
            (".hidden.txt", b"h"),
            (".git/x.txt", b"g"),
            ("d/.e/f.txt", b"f"),
        ]);
        let prefix = dir.path().display().to_string();
        let loaded = load(std::slice::from_ref(&dir.path().to_path_buf()));
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
        assert_eq!(
            ids(&loaded, &prefix),
            ["/UPPER.TXT", "/a/c.jsonl:1", "/a/z.md", "/a.txt", "/b.txt"]
        );

        // A trailing separator as typed is not doubled.
        let loaded = load(&[PathBuf::from(format!("{prefix}/a/"))]);
        assert_eq!(ids(&loaded, &prefix), ["/a/c.jsonl:1", "/a/z.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_directories_are_not_followed() {
        let dir = tree(&[("sub/a.txt", b"a")]);
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        std::os::unix::fs::symlink("missing.txt", dir.path().join("sub/broken.txt")).unwrap();
        let loaded = load_one(&dir, "sub");
        assert_eq!(loaded.documents.len(), 1);
        assert!(loaded.warnings[0].input.ends_with("sub/loop"));
        assert!(loaded.skipped[0].input.ends_with("sub/broken.txt"));
        assert!(loaded.skipped[0].reason.starts_with("broken symbolic link"));
    }

    #[test]
    fn jsonl_reads_good_lines_and_reports_bad_ones() {
        let file = concat!(
            "{\"id\": \"one\", \"text\": \"12 dead\", \"outlet\": \"AP\", \"published\": \"2025-04-28\"}\n",
            "{\"id\": \"two\", \"text\": \"oops\"\n",
            "\r\n",
            "{\"text\": \"no id\", \"title\": null}\r\n",
            "[1, 2]\n",
            "{\"id\": 7, \"text\": \"numeric id\"}\n",
            "{\"id\": \"x\"}\n",
        );
        let dir = tree(&[("d.jsonl", file.as_bytes())]);
        let path = dir.path().join("d.jsonl").display().to_string();
        let loaded = load_one(&dir, "d.jsonl");

        let got: Vec<_> = loaded
            .documents
            .iter()
            .map(|d| (d.id.as_str(), d.text.as_str(), d.body))
            .collect();
        let no_id = format!("{path}:4");
        assert_eq!(
            got,
            [
                ("one", "12 dead", 0),
                (&no_id, "no id", 0),
                ("7", "numeric id", 0)
            ]
        );
        assert_eq!(loaded.documents[0].outlet.as_deref(), Some("AP"));
        assert_eq!(loaded.documents[0].published.as_deref(), Some("2025-04-28"));

        let skipped: Vec<_> = loaded
            .skipped
            .iter()
            .map(|s| (s.input.strip_prefix(&path).unwrap(), s.reason.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (
                    ":2",
                    "not valid JSON (EOF while parsing an object at column 28): fix or remove the line"
                ),
                (
                    ":5",
                    "not a JSON object: each line must be {\"id\": ..., \"text\": ...}"
                ),
                (
                    ":7",
                    "no \"text\" field: each line needs the document's text"
                ),
            ]
        );
    }

    #[test]
    fn stdin_is_jsonl_only_when_every_line_is() {
        let read = |bytes: &[u8]| {
            let mut items = Vec::new();
            read_stdin_bytes(bytes.to_vec(), &mut |item| items.push(item));
            items
        };
        let docs = |items: Vec<Item>| -> Vec<(String, String)> {
            items
                .into_iter()
                .filter_map(|item| match item {
                    Item::Document(d) => Some((d.id, d.text)),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            docs(read(
                b"{\"text\": \"a\"}\n\n{\"id\": \"b\", \"text\": \"b\"}\n"
            )),
            [
                ("-:1".to_owned(), "a".to_owned()),
                ("b".to_owned(), "b".to_owned())
            ]
        );
        let mixed = "{\"text\": \"a\"}\nplain text\n";
        assert_eq!(
            docs(read(mixed.as_bytes())),
            [("-".to_owned(), mixed.to_owned())]
        );
        let empty = read(b"");
        assert!(matches!(&empty[0], Item::Warning(w) if w.message == "empty input"));
        assert_eq!(docs(empty), [("-".to_owned(), String::new())]);
    }

    #[test]
    fn invalid_utf8_becomes_spaces_at_the_same_offsets() {
        // A Latin-1 "é", a truncated 3-byte sequence, and a sequence cut off by the end.
        let file: &[u8] = b"caf\xE9 12 dead \xE2\x82 ok \xF0\x9F\x98";
        let dir = tree(&[("l.txt", file)]);
        let mut loaded = load_one(&dir, "l.txt");
        let warnings = std::mem::take(&mut loaded.warnings);
        let doc = single(loaded);
        assert_eq!(doc.text.len(), file.len());
        assert_eq!(doc.text, "caf  12 dead    ok    ");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].input.ends_with("l.txt"));
        assert!(
            warnings[0]
                .message
                .starts_with("invalid UTF-8 at byte 3: 6 bytes replaced with spaces"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn binary_files_are_skipped() {
        let mut nul_late = vec![b'a'; 100];
        nul_late.push(0);
        let dir = tree(&[
            ("report.pdf", b"%PDF-1.7\n..."),
            ("a.txt", b"text\0more"),
            ("u.txt", b"\xFF\xFEa\0"),
            ("late.txt", &nul_late),
        ]);
        let reason = |name| {
            let loaded = load_one(&dir, name);
            assert!(loaded.documents.is_empty());
            loaded.skipped[0].reason.clone()
        };
        assert_eq!(
            reason("report.pdf"),
            "binary file (PDF), not text: convert it to text first"
        );
        assert_eq!(
            reason("a.txt"),
            "binary file (NUL bytes), not text: convert it to text first"
        );
        assert_eq!(reason("late.txt"), reason("a.txt"));
        assert!(reason("u.txt").starts_with("UTF-16 text"));
    }

    #[test]
    fn missing_files_are_skipped_and_the_rest_read() {
        let dir = tree(&[("a.txt", b"a")]);
        let loaded = load(&[dir.path().join("missing.txt"), dir.path().join("a.txt")]);
        assert_eq!(loaded.documents.len(), 1);
        assert_eq!(loaded.skipped.len(), 1);
        assert!(loaded.skipped[0].input.ends_with("missing.txt"));
        assert_eq!(
            loaded.skipped[0].reason,
            "no such file or directory: check the path"
        );
    }

    #[test]
    fn empty_files_are_documents_with_a_warning() {
        let dir = tree(&[("e.txt", b""), ("e.jsonl", b"\n\n")]);
        let loaded = load_one(&dir, "e.txt");
        assert_eq!(loaded.warnings[0].message, "empty file");
        assert_eq!(single(loaded).text, "");
        let loaded = load_one(&dir, "e.jsonl");
        assert!(loaded.documents.is_empty());
        assert_eq!(loaded.warnings[0].message, "empty file");
    }

    #[test]
    fn files_are_read_whole_at_any_size() {
        // Around the sizes where reading needs one call, two, or more.
        for len in [0, 1, 1023, 8191, 8192, 8193, 70_001] {
            let bytes: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let dir = tree(&[("f.txt", &bytes)]);
            assert_eq!(
                read_whole(&dir.path().join("f.txt")).unwrap(),
                bytes,
                "{len}"
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn files_that_say_they_are_empty_are_read_to_their_end() {
        // The kernel's files give no size; reading them up to it would read nothing.
        let status = read_whole(Path::new("/proc/self/status")).unwrap();
        assert!(
            status.starts_with(b"Name:"),
            "{}",
            String::from_utf8_lossy(&status)
        );
    }

    #[test]
    fn files_and_folders_that_vanish_mid_walk_are_skipped() {
        let dir = tree(&[
            ("a.txt", b"first"),
            ("b/c.txt", b"in a folder that goes"),
            ("d.txt", b"a file that goes"),
            ("e.txt", b"last"),
        ]);
        let root = dir.path().to_path_buf();
        let mut read = Vec::new();
        let mut skipped = Vec::new();
        visit(std::slice::from_ref(&root), &mut |item| match item {
            Item::Document(d) => {
                if d.text == "first" {
                    // Another program cleans up while the walk is under way.
                    fs::remove_dir_all(root.join("b")).unwrap();
                    fs::remove_file(root.join("d.txt")).unwrap();
                }
                read.push(d.text);
            }
            Item::Skipped(s) => skipped.push(s),
            Item::Warning(w) => panic!("unexpected warning {w:?}"),
        });
        assert_eq!(read, ["first", "last"]);
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].input.ends_with('b'));
        assert!(
            skipped[0]
                .reason
                .starts_with("cannot list directory: no such file")
        );
        assert!(skipped[1].input.ends_with("d.txt"));
        assert_eq!(
            skipped[1].reason,
            "no such file or directory: check the path"
        );
    }

    #[test]
    fn permission_denied_says_what_to_check() {
        // Tests run as root here, which reads any file, so the reason is checked on the
        // error itself.
        let err = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(
            unreadable(&err),
            "permission denied: check the file's permissions"
        );
        let other = io::Error::other("disk on fire");
        assert!(unreadable(&other).contains("disk on fire"));
    }

    #[test]
    fn a_listed_entry_holds_only_its_name_and_type() {
        // A folder's entries are all held while it is read: a path and an id each, made
        // up front, were 300 bytes an entry on a folder of 160,000 articles.
        assert!(std::mem::size_of::<Entry>() <= 24);
        let dir = tree(&[("b.txt", b"two"), ("a.txt", b"one"), ("c/d.txt", b"three")]);
        let id = dir.path().display().to_string();
        let mut items = Vec::new();
        let listed = list(dir.path(), &id, &mut |item| items.push(item));
        assert!(items.is_empty());
        let names: Vec<_> = listed.iter().map(|e| e.name.to_string_lossy()).collect();
        assert_eq!(names, ["a.txt", "b.txt", "c"]);
        assert!(listed[2].file_type.is_dir());
    }

    #[test]
    fn explicit_files_are_read_whatever_their_extension() {
        let dir = tree(&[("notes", b"no extension")]);
        assert_eq!(single(load_one(&dir, "notes")).text, "no extension");
    }

    /// A JSONL file as it was read before it was streamed: whole, made text, then split.
    fn jsonl_read_whole(bytes: &[u8], id: &str) -> Vec<Item> {
        let mut items = Vec::new();
        let sink = &mut |item| items.push(item);
        if let Some(reason) = binary(bytes) {
            sink(skipped(id, reason));
            return items;
        }
        let text = into_text(id, bytes.to_vec(), sink);
        // Split here as plainly as it can be, not through the reader's own helpers.
        let text = text.strip_prefix(BOM).unwrap_or(&text);
        let lines = text
            .split('\n')
            .enumerate()
            .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)));
        let mut any = false;
        for (n, line) in lines.filter(|(_, line)| !line.trim_ascii().is_empty()) {
            any = true;
            let input = format!("{id}:{n}");
            match parse_jsonl_line(line, || input.clone()) {
                Ok(document) => sink(Item::Document(document)),
                Err(reason) => sink(skipped(input, reason)),
            }
        }
        if !any {
            sink(warning(id, "empty file"));
        }
        items
    }

    /// Items spelled out, the warnings after the rest: streaming tells of invalid UTF-8
    /// once the file is read, where reading it whole told of it first.
    fn spelled(items: Vec<Item>) -> Vec<String> {
        let (warnings, rest): (Vec<Item>, Vec<Item>) = items
            .into_iter()
            .partition(|item| matches!(item, Item::Warning(_)));
        rest.iter()
            .chain(&warnings)
            .map(|i| format!("{i:?}"))
            .collect()
    }

    fn jsonl_streamed(bytes: &[u8], id: &str) -> Vec<Item> {
        let mut items = Vec::new();
        read_jsonl(bytes, id, &mut |item| items.push(item));
        items
    }

    use proptest::strategy::{Just, Strategy};

    proptest::proptest! {
        #[test]
        fn streamed_jsonl_reads_as_the_whole_file_did(
            bom in proptest::bool::ANY,
            lines in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        Just(r#"{"id": "a", "text": "12 dead", "outlet": "AP"}"#.as_bytes().to_vec()),
                        Just(r#"{"text": "caf\u00e9 \"3\" hurt"}"#.as_bytes().to_vec()),
                        Just(b"{\"text\": \"caf\xE9 12\"}".to_vec()),
                        Just(b"{\"text\": \"cut \xE2\x82".to_vec()),
                        Just(b"\xF0\x9F\x98".to_vec()),
                        Just(br#"{"id": 7, "text": "seven"}"#.to_vec()),
                        Just(br#"{"id": "x"}"#.to_vec()),
                        Just(b"[1, 2]".to_vec()),
                        Just(b"not json".to_vec()),
                        Just(b"   ".to_vec()),
                        Just(Vec::new()),
                        Just(br#"{"text": "a\u0000b"}"#.to_vec()),
                        Just(b"nul \0 here".to_vec()),
                        (0usize..12_000).prop_map(|n| format!(r#"{{"text": "{}"}}"#, "x".repeat(n)).into_bytes()),
                    ],
                    proptest::prop_oneof![
                        Just(&b"\n"[..]),
                        Just(&b"\r\n"[..]),
                    ],
                ),
                0..12,
            ),
            last_newline in proptest::bool::ANY,
        ) {
            let mut file = if bom { BOM.as_bytes().to_vec() } else { Vec::new() };
            let count = lines.len();
            for (k, (line, end)) in lines.into_iter().enumerate() {
                file.extend_from_slice(&line);
                if k + 1 < count || last_newline {
                    file.extend_from_slice(end);
                }
            }
            proptest::prop_assert_eq!(
                spelled(jsonl_streamed(&file, "f.jsonl")),
                spelled(jsonl_read_whole(&file, "f.jsonl"))
            );
        }
    }

    /// A source that counts the bytes it has given and fails after `fail_at` of them.
    struct Counted<'a> {
        bytes: &'a [u8],
        given: std::rc::Rc<std::cell::Cell<usize>>,
        fail_at: usize,
    }

    impl Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let at = self.given.get();
            if at >= self.fail_at {
                return Err(io::Error::other("disk gone"));
            }
            let n = buf.len().min(self.bytes.len() - at).min(self.fail_at - at);
            buf[..n].copy_from_slice(&self.bytes[at..at + n]);
            self.given.set(at + n);
            Ok(n)
        }
    }

    #[test]
    fn jsonl_documents_are_handed_on_before_the_file_is_read() {
        let line = format!("{{\"text\": \"{} 12 dead\"}}\n", "x".repeat(1000));
        let file = line.repeat(4_000);
        let given = std::rc::Rc::new(std::cell::Cell::new(0));
        let source = Counted {
            bytes: file.as_bytes(),
            given: given.clone(),
            fail_at: usize::MAX,
        };
        let mut read_at_each = Vec::new();
        read_jsonl(source, "big.jsonl", &mut |item| {
            assert!(matches!(item, Item::Document(_)));
            read_at_each.push(given.get());
        });
        assert_eq!(read_at_each.len(), 4_000);
        // The first document went on after one chunk, not after the 4 MB of the file.
        assert!(
            read_at_each[0] <= JSONL_CHUNK + SNIFF_LEN,
            "{}",
            read_at_each[0]
        );
        assert_eq!(read_at_each[3_999], file.len());
    }

    #[test]
    fn a_jsonl_read_that_fails_keeps_the_lines_before_it() {
        let file = "{\"text\": \"1 dead\"}\n".repeat(20_000);
        let fail_at = file.len() / 2 + 3;
        let source = Counted {
            bytes: file.as_bytes(),
            given: Default::default(),
            fail_at,
        };
        let mut items = Vec::new();
        read_jsonl(source, "d.jsonl", &mut |item| items.push(item));
        let documents = items
            .iter()
            .filter(|i| matches!(i, Item::Document(_)))
            .count();
        let line_len = file.len() / 20_000;
        // Every line the reader had whole before the failure; the last chunk read may
        // end inside a line, which is not a document.
        assert!(
            documents > 0 && documents <= fail_at / line_len,
            "{documents}"
        );
        let Some(Item::Skipped(s)) = items.last() else {
            panic!("{:?}", items.last());
        };
        assert_eq!(s.input, format!("d.jsonl:{}", documents + 1));
        assert!(s.reason.contains("disk gone"), "{}", s.reason);
    }
}
