//! The claims of one document as rows of the claims.csv contract: the grammar's drafts
//! with their sources resolved against the gazetteer, their places named, their times
//! read and their quantities keyed.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::claim_csv::{Record, write_record};
use crate::names::{Names, with_thread_names};
use crate::quantity::quantity_key;
use countercheck_grammar::{
    Blocks, Draft, Figure, HIGH_BITS, Measure, Qualifier, REACH, Span, Times, Unit, bytes_in_range,
    claims_with, figures_of, group_of, paragraph_end,
};
use countercheck_graph::{
    ArcStr, Basis, Claim as ClaimRow, Origin, Places, Registry, Resolver, SourceRef, WordList,
    is_setting, place_of,
};

/// A document as its rows need it: its id, metadata and text.
#[derive(Clone, Copy, Debug)]
pub struct DocumentText<'a> {
    /// Its id: the path as given, or the JSONL id.
    pub id: &'a str,
    /// Who published it.
    pub outlet: Option<&'a str>,
    /// When, as written ("2025-04-28").
    pub published: Option<&'a str>,
    /// The whole text, front matter included, so offsets are into the file as read.
    pub text: &'a str,
    /// Where the body starts, after any front matter.
    pub body: usize,
}

/// The source an agent was resolved to, with a note when the rules guessed.
fn name<'a>(
    registry: &'static Registry,
    origin: &'a Origin,
    basis: Basis,
    written: &str,
) -> (SourceCells<'a>, Option<String>) {
    let mut note = match basis {
        Basis::Pronoun => Some(format!("source “{written}” read as the last person named")),
        Basis::Description => Some(format!(
            "source “{written}” read as the last source of that description"
        )),
        Basis::Named | Basis::Unlisted => None,
    };
    let source = match origin {
        Origin::Known(i) => {
            let s = registry.get(*i);
            SourceCells {
                name: Cell::Static(&s.name),
                kind: &s.kind,
                id: &s.id,
            }
        }
        Origin::Joint { text, first } => {
            note = Some("several sources named together".to_owned());
            SourceCells {
                name: Cell::Text(text),
                kind: &registry.get(*first).kind,
                id: &registry.get(*first).id,
            }
        }
        Origin::Unknown(text) => SourceCells {
            name: Cell::Text(text),
            kind: "unknown",
            id: "",
        },
    };
    (source, note)
}

/// Spaces for line breaks, so one sentence stays on one CSV line. Built in one buffer:
/// it runs for every row's sentence.
pub(crate) fn one_line(s: &str) -> Cow<'_, str> {
    if is_one_line(s) {
        // Most sentences are: they are used as they are.
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// True when `s` is already as [`one_line`] would write it: no whitespace at either
/// end, and none inside but single ASCII spaces. Read eight bytes a step while they are
/// printable ASCII and spaces; a step holding a control or a byte outside ASCII is read
/// a byte at a time, and of the bytes that begin a multi-byte character only those that
/// may begin Unicode whitespace (`C2`, `E1`, `E2`, `E3`) are looked at further.
fn is_one_line(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if bytes_in_range(x, 0, 0x1f) | x & HIGH_BITS == 0 {
            let spaces = bytes_in_range(x, b' ', b' ');
            // Two spaces side by side in the eight, or one first after one last.
            if spaces & spaces << 8 != 0 || prev_space && spaces & 0x80 != 0 {
                return false;
            }
            prev_space = spaces >> 63 != 0;
        } else {
            for at in i..i + 8 {
                if !one_line_byte(s, at, &mut prev_space) {
                    return false;
                }
            }
        }
        i += 8;
    }
    (i..bytes.len()).all(|at| one_line_byte(s, at, &mut prev_space))
}

/// Whether the byte at `at` of `s` may stand in a line as [`one_line`] writes it, given
/// whether a space came just before (which it updates).
fn one_line_byte(s: &str, at: usize, prev_space: &mut bool) -> bool {
    let b = s.as_bytes()[at];
    let fits = match b {
        b' ' => !*prev_space,
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => false,
        0xc2 | 0xe1 | 0xe2 | 0xe3 => !s[at..].chars().next().is_some_and(char::is_whitespace),
        _ => true,
    };
    *prev_space = b == b' ';
    fits
}

/// Adds `note` to the notes of a row, after a "; " when there are some already.
fn push_note(notes: &mut String, note: &str) {
    if !notes.is_empty() {
        notes.push_str("; ");
    }
    notes.push_str(note);
}

/// The claims of `doc`, in text order, derived counts right after their shares. Rows
/// that are kept share their cells: the measures, kinds, outlets, dates and most
/// quantities of a corpus's claims repeat, and each is held once (see `names`).
pub fn rows(doc: &DocumentText<'_>, tolerance: f64) -> Vec<ClaimRow> {
    let mut out = Vec::new();
    claim_rows(doc, tolerance, &mut |row| out.push(row), true);
    out
}

/// A row's cells: shared copies from the thread's table, or each a copy of its own.
struct Cells<'n> {
    names: &'n mut Names,
    /// Whether texts are shared; the labels of fixed vocabularies always are.
    share: bool,
}

impl Cells<'_> {
    fn get(&mut self, s: &str) -> ArcStr {
        // Most rows have an empty cell or two (relays, notes, a date), and the empty
        // text needs neither an allocation nor a lookup.
        if s.is_empty() {
            ArcStr::default()
        } else if self.share {
            self.names.get(s)
        } else {
            ArcStr::from(s)
        }
    }

    fn get_static(&mut self, s: &'static str) -> ArcStr {
        self.names.get_static(s)
    }
}

/// Loads what reading claims needs (the lexicons, the gazetteers and their indexes,
/// which are otherwise loaded by the first document that needs each) by reading a
/// sentence that needs them all. A caller that reads its input on another thread calls
/// it meanwhile, so that the loading (some milliseconds) overlaps the reading.
pub fn prepare() {
    let text = "KYIV (Reuters) - Russian drones killed at least 12 people overnight in \
                Kharkiv, Ukraine’s State Emergency Service said on Tuesday. “About 40 were \
                injured,” the mayor said, according to Interfax.\n";
    let doc = DocumentText {
        id: "prepare",
        outlet: None,
        published: Some("2025-01-01"),
        text,
        body: 0,
    };
    each_row(&doc, countercheck_grammar::DEFAULT_TOLERANCE, &mut |_| {});
}

/// Hands the claims of `doc` to `sink` one by one, in the order of [`rows`], so that a
/// caller can encode them as they come instead of holding them all: a single document
/// may hold a million claims. Their texts are not looked up in the thread's table of
/// shared cells, as [`rows`]' are: a row encoded and dropped gains nothing from it, and
/// the lookups (a hash and a comparison for each of seven cells) cost more than a copy.
/// A caller that only writes claims.csv records needs no rows at all: see
/// [`write_records`].
pub fn each_row(doc: &DocumentText<'_>, tolerance: f64, sink: &mut dyn FnMut(ClaimRow)) {
    claim_rows(doc, tolerance, sink, false);
}

/// Appends the claims.csv records of `doc`'s claims (no header) to `out`, in the order
/// of [`rows`], and says how many there are: the same bytes as
/// [`write_claim_record`](crate::write_claim_record) of each row, written straight from
/// the strings a row is read into. No row is made: its two dozen cells were each a
/// string of their own or a shared one, made and dropped for every claim.
pub fn write_records(doc: &DocumentText<'_>, tolerance: f64, out: &mut Vec<u8>) -> usize {
    let mut records = Records { out, count: 0 };
    rows_of(doc, tolerance, &mut records);
    records.count
}

/// [`each_row`], sharing the rows' texts or not.
fn claim_rows(doc: &DocumentText<'_>, tolerance: f64, sink: &mut dyn FnMut(ClaimRow), share: bool) {
    // The cells of the documents a thread reads are shared within it (see
    // `with_thread_names`); a corpus shares them further.
    with_thread_names(|names| {
        let mut claims = Claims {
            shared: Cells { names, share },
            sink,
            doc_cells: None,
            last_sentence: None,
        };
        rows_of(doc, tolerance, &mut claims);
    });
}

/// The rows of `doc`, handed to `out`.
pub(crate) fn rows_of(doc: &DocumentText<'_>, tolerance: f64, out: &mut dyn RowOut) {
    let text = doc.text;
    let body = doc.body.min(text.len());
    let figures = figures_of(text, Span::new(body, text.len()));
    // A claim is read from its own paragraph and those before it: its sentence, the
    // quotation it is in and whoever spoke before. The paragraphs after the last
    // figure's are not read at all (a quarter of the text of the seed articles), save
    // in the one case below.
    let end = figures
        .last()
        .map_or(body, |f| paragraph_end(text, f.span.end));
    rows_up_to(doc, tolerance, out, figures, end);
}

/// [`each_row`] reading the body up to `end`, the end of a paragraph at or after the
/// last of `figures` (all the figures of the body).
fn rows_up_to(
    doc: &DocumentText<'_>,
    tolerance: f64,
    out: &mut dyn RowOut,
    figures: Vec<Figure>,
    end: usize,
) {
    let registry = Registry::builtin();
    let places = Places::builtin();
    let text = doc.text;
    // The claim rules and both gazetteers look the body's words up; they are split and
    // hashed once.
    let body_words = WordList::of(text, Span::new(doc.body.min(end), end));
    let article = claims_with(&body_words, &figures);
    // The drafts hold their figures: a document of a million figures does not keep
    // them twice while its rows are made.
    drop(figures);
    let drafts: &[Draft] = &article.drafts;
    if drafts.is_empty() {
        // Every row comes from a draft; an article with none needs no names or places.
        return;
    }
    // Sources and places are looked up in one walk over the body's words.
    let (mut resolver, mut place_mentions) = Resolver::with_places(registry, places, &body_words);
    // Everyone who speaks, in text order, so that "it" and "the agency" find the last
    // speaker even when that speaker's sentence held no claim.
    // Resolution reads only what comes before an agent, so a speaker after the last
    // agent of a claim changes nothing and is not resolved. (Its one trace was a place
    // in the resolver's windows of the last 200 speakers, which a document with that
    // many would now see reach a little further back.)
    let last_agent = drafts
        .iter()
        .flat_map(|d| d.source.iter().chain(&d.relays))
        .map(|a| a.start)
        .max()
        .unwrap_or(0);
    let mut agents: Vec<Span> = article
        .speakers
        .iter()
        .copied()
        .filter(|a| a.start <= last_agent)
        .chain(drafts.iter().filter_map(|d| d.source))
        .collect();
    agents.sort();
    agents.dedup();
    let resolved: HashMap<Span, (Origin, Basis), BuildHasherDefault<Blocks>> = agents
        .into_iter()
        .map(|a| (a, resolver.resolve(a)))
        .collect();
    // Drafts come in text order, so the figures of one sentence read its time words once.
    let mut times = Times::with_words(body_words);
    // Where the events are: not datelines, owners of institutions or places inside a
    // speaker's name ("according to U.S. ... assessments").
    let mut agents_spans: Vec<Span> = article
        .speakers
        .iter()
        .copied()
        .chain(
            drafts
                .iter()
                .flat_map(|d| d.source.into_iter().chain(d.relays.iter().copied())),
        )
        .collect();
    agents_spans.sort();
    agents_spans.dedup();
    // Agents rarely nest; looking at the few that start before a mention is enough.
    let in_agent = |m: &Span| {
        let i = agents_spans.partition_point(|a| a.start <= m.start);
        agents_spans[..i]
            .iter()
            .rev()
            .take(4)
            .any(|a| m.end <= a.end)
    };
    place_mentions.retain(|m| is_setting(text, m) && !in_agent(&m.span));
    // With no place named up to `end`, a claim's place is the first the whole document
    // names (see `place_of`), and which that is depends on the speakers after `end`
    // too: the document is read again, whole, when it names a place there at all.
    if place_mentions.is_empty()
        && end < text.len()
        && !places
            .mentions_in(&WordList::of(text, Span::new(end, text.len())))
            .is_empty()
    {
        // Found again: read whole, rarely, rather than kept for it.
        let figures = figures_of(text, Span::new(doc.body.min(text.len()), text.len()));
        return rows_up_to(doc, tolerance, out, figures, text.len());
    }
    out.expect(drafts.len());
    let outlet = doc.outlet.unwrap_or_default();
    // A date the claims' own times ("by March", "on Thursday") are read against.
    let published_date: Option<jiff::civil::Date> =
        doc.published.and_then(|p| p.trim().get(..10)?.parse().ok());
    let published = doc.published.unwrap_or_default();
    // Claims of one sentence show the same sentence: the last one made is reused.
    let mut last_sentence: Option<(Span, Cow<'_, str>)> = None;
    // The row's notes, joined by "; " as they come, and the room its quantity key was
    // made in: both are made again for every draft, in the same buffers. Sized for
    // the usual note or two and key, they seldom grow, where from empty each grew
    // three or four times a document.
    let mut notes = String::with_capacity(160);
    let mut key_room = String::with_capacity(96);
    for d in drafts {
        notes.clear();
        let written = |s: Span| &text[s.range()];
        let origin;
        let (source, note) = match d.source {
            Some(agent) => {
                let basis;
                (origin, basis) = resolved
                    .get(&agent)
                    .cloned()
                    .unwrap_or_else(|| resolver.resolve(agent));
                name(registry, &origin, basis, written(agent))
            }
            None => (
                SourceCells {
                    name: if outlet.is_empty() {
                        Cell::Static("unattributed")
                    } else {
                        Cell::Text(outlet)
                    },
                    kind: "media",
                    id: "",
                },
                Some("no attribution in the text: the outlet is the source".into()),
            ),
        };
        if let Some(n) = note {
            push_note(&mut notes, &n);
        }
        let relay_origins: Vec<(Origin, Basis)> = d
            .relays
            .iter()
            .map(|&r| resolver.resolve_relay(r))
            .collect();
        let relays: Vec<SourceCells<'_>> = relay_origins
            .iter()
            .zip(&d.relays)
            .map(|((origin, basis), &r)| name(registry, origin, *basis, written(r)).0)
            .collect();
        if d.measure_words.is_none() {
            push_note(&mut notes, "no measure word: counted as other");
        }
        let place = place_of(
            &place_mentions,
            d.figure.span.start,
            d.sentence,
            d.paragraph,
        )
        .map_or("", |m| places.get(m.entry).name.as_str());
        // The subject as a group ("north korean troops") when the words name one, else
        // the counted phrase as written.
        let military = matches!(
            d.measure,
            Measure::Casualties | Measure::Deployed | Measure::Captured
        );
        let group = group_of(text, d.sentence, d.figure.span, d.subject, military);
        let subject = match group.key() {
            k if !k.is_empty() => k,
            _ => Cow::Owned(
                d.subject
                    .map(|s| one_line(&text[s.range()]).to_lowercase())
                    .unwrap_or_default(),
            ),
        };
        // One quantity: the same measure of the same group — of a nationality wherever it
        // fights, or of anyone else in one place. Shares are kept apart from counts.
        let measure = d.measure.as_str();
        let rate = d.figure.rate.map_or("", |r| r.period.as_str());
        // Room for all the key will hold: the rate ("|per week"), a day
        // ("|2025-04-24") and "|percent" after it, so it is made once.
        let mut quantity = std::mem::take(&mut key_room);
        quantity.clear();
        quantity.reserve(measure.len() + subject.len() + place.len() + rate.len() + 36);
        quantity.push_str(measure);
        quantity.push('|');
        quantity.push_str(&subject);
        if group.nationality.is_none() {
            quantity.push('|');
            // Gazetteer names are nearly all ASCII: those are copied and lowered in place.
            if place.is_ascii() {
                let at = quantity.len();
                quantity.push_str(place);
                quantity[at..].make_ascii_lowercase();
            } else {
                quantity.push_str(&place.to_lowercase());
            }
        }
        let as_of_iso = times
            .as_of(d.sentence, d.figure.span, published_date)
            .map_or_else(String::new, |a| a.when.iso());
        let (mut quantity, _) = quantity_key(quantity, &as_of_iso, published, rate);
        // Shares are kept apart from counts.
        if d.figure.unit == Unit::Percent {
            quantity.push_str("|percent");
        }
        let interval = d.figure.interval(tolerance);
        // A sentence of thousands of words (a scraped page with no full stops) is shown
        // around its figure only: the cell says where it was cut, and a note says so.
        let shown = d.sentence.within_reach(text, d.figure.span, REACH);
        let whole = shown == d.sentence;
        let reused = whole
            && last_sentence
                .as_ref()
                .is_some_and(|(span, _)| *span == shown);
        if !reused {
            let sentence = one_line(&text[shown.range()]);
            // A cut sentence is marked at the cut.
            let cell = if whole {
                sentence
            } else {
                let before = if shown.start > d.sentence.start {
                    "… "
                } else {
                    ""
                };
                let after = if shown.end < d.sentence.end {
                    " …"
                } else {
                    ""
                };
                Cow::Owned(format!("{before}{sentence}{after}"))
            };
            last_sentence = Some((shown, cell));
        }
        if !whole {
            push_note(
                &mut notes,
                &format!(
                    "sentence of {} bytes shown within {REACH} bytes of the figure",
                    d.sentence.len()
                ),
            );
        }
        let sentence = last_sentence.as_ref().map_or("", |(_, cell)| &**cell);
        let joined;
        let relay = match &relays[..] {
            [] => "",
            [one] => one.name.as_str(),
            many => {
                joined = many
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(";");
                &joined
            }
        };
        let row = Row {
            id: "",
            doc: doc.id,
            text: written(d.figure.span),
            fixed: Fixed {
                span: d.figure.span,
                value: d.figure.value,
                low: interval.low,
                high: interval.high.is_finite().then_some(interval.high),
                qualifier: d.figure.qualifier.as_str(),
                unit: d.figure.unit.as_str(),
                measure,
                rate,
                attribution: d.how.as_str(),
            },
            quantity: &quantity,
            subject: &subject,
            place,
            as_of: &as_of_iso,
            source,
            relay,
            relays: &relays,
            outlet,
            published,
            derived_from: "",
            sentence,
            whole_sentence: whole.then_some(shown),
            notes: &notes,
        };
        out.row(&row);
        // A share of a count nearby also stands as the count it implies: "roughly
        // 5,000 ... with a third likely killed" is about 1,667 killed.
        if let (Unit::Percent, Some(b)) = (d.figure.unit, d.share_of) {
            let base = &drafts[b];
            let bi = base.figure.interval(tolerance);
            let share = d.figure.value / 100.0;
            let id = format!(
                "{}:count",
                ClaimRow::canonical_id(doc.id, row.fixed.span.start, row.fixed.span.end)
            );
            let base_id =
                ClaimRow::canonical_id(doc.id, base.figure.span.start, base.figure.span.end);
            let quantity = quantity.replacen("|percent", "", 1);
            let notes = format!("{} of {}", row.text, written(base.figure.span));
            out.row(&Row {
                id: &id,
                fixed: Fixed {
                    value: (base.figure.value * share).round(),
                    low: (bi.low * share).floor(),
                    high: bi.high.is_finite().then(|| (bi.high * share).ceil()),
                    qualifier: if base.figure.qualifier == Qualifier::Exact {
                        "approx"
                    } else {
                        base.figure.qualifier.as_str()
                    },
                    unit: "",
                    ..row.fixed
                },
                quantity: &quantity,
                derived_from: &base_id,
                notes: &notes,
                ..row
            });
        }
        key_room = quantity;
    }
}

/// A cell's text: a word of a table that lasts the whole run (a vocabulary, the source
/// gazetteer), which a report shares by where it is, or a text read for this row.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Cell<'a> {
    Static(&'static str),
    Text(&'a str),
}

impl<'a> Cell<'a> {
    pub(crate) fn as_str(self) -> &'a str {
        match self {
            Cell::Static(s) => s,
            Cell::Text(s) => s,
        }
    }
}

/// A source as a row names it: borrowed, until a row is made of it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SourceCells<'a> {
    pub(crate) name: Cell<'a>,
    pub(crate) kind: &'static str,
    pub(crate) id: &'static str,
}

/// One row as read: its cells borrowed from the document, the gazetteers and the
/// strings made for it. It becomes a [`ClaimRow`] for those who keep rows, or a
/// claims.csv record written straight away.
#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    /// Empty for `DOC:START-END`; a derived count's own id otherwise.
    pub(crate) id: &'a str,
    pub(crate) doc: &'a str,
    pub(crate) text: &'a str,
    pub(crate) fixed: Fixed<'static>,
    pub(crate) quantity: &'a str,
    pub(crate) subject: &'a str,
    pub(crate) place: &'a str,
    pub(crate) as_of: &'a str,
    pub(crate) source: SourceCells<'a>,
    /// The relays' names joined by `;`.
    pub(crate) relay: &'a str,
    pub(crate) relays: &'a [SourceCells<'a>],
    pub(crate) outlet: &'a str,
    pub(crate) published: &'a str,
    pub(crate) derived_from: &'a str,
    pub(crate) sentence: &'a str,
    /// The sentence's span when it is shown whole, so rows of one sentence share it.
    pub(crate) whole_sentence: Option<Span>,
    pub(crate) notes: &'a str,
}

/// The cells of a row that are its figure's place and numbers or words of the fixed
/// vocabularies: held the same way whether the row is read, packed or written. A row
/// read or packed holds the vocabularies' own words; a claims.csv record borrows them
/// from the claim it is written from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fixed<'a> {
    pub(crate) span: Span,
    pub(crate) value: f64,
    pub(crate) low: f64,
    pub(crate) high: Option<f64>,
    pub(crate) qualifier: &'a str,
    pub(crate) unit: &'a str,
    pub(crate) measure: &'a str,
    pub(crate) rate: &'a str,
    pub(crate) attribution: &'a str,
}

/// Where the rows of a document go.
pub(crate) trait RowOut {
    fn row(&mut self, row: &Row<'_>);

    /// Told how many rows are coming, derived counts aside, before the first.
    fn expect(&mut self, _rows: usize) {}
}

/// Rows made into [`ClaimRow`]s for a sink, their cells from a thread's table.
struct Claims<'s, 'n> {
    shared: Cells<'n>,
    sink: &'s mut dyn FnMut(ClaimRow),
    /// The document's id, outlet and date, made with its first row.
    doc_cells: Option<[ArcStr; 3]>,
    /// The last whole sentence made a cell, reused by the next row of that sentence.
    last_sentence: Option<(Span, ArcStr)>,
}

impl Claims<'_, '_> {
    fn source(&mut self, s: &SourceCells<'_>) -> SourceRef {
        let shared = &mut self.shared;
        SourceRef {
            name: match s.name {
                Cell::Static(n) => shared.get_static(n),
                Cell::Text(n) => shared.get(n),
            },
            kind: shared.get_static(s.kind),
            id: if s.id.is_empty() {
                ArcStr::default()
            } else {
                shared.get_static(s.id)
            },
        }
    }
}

impl RowOut for Claims<'_, '_> {
    fn row(&mut self, row: &Row<'_>) {
        let [doc_id, outlet, published] = match &self.doc_cells {
            Some(cells) => cells.clone(),
            None => {
                let cells = [
                    self.shared.get(row.doc),
                    self.shared.get(row.outlet),
                    self.shared.get(row.published),
                ];
                self.doc_cells = Some(cells.clone());
                cells
            }
        };
        let source = self.source(&row.source);
        let relays: Box<[SourceRef]> = row.relays.iter().map(|r| self.source(r)).collect();
        let sentence = match (&self.last_sentence, row.whole_sentence) {
            (Some((span, cell)), Some(whole)) if *span == whole => ArcStr::clone(cell),
            _ => {
                let cell = ArcStr::from(row.sentence);
                if let Some(whole) = row.whole_sentence {
                    self.last_sentence = Some((whole, ArcStr::clone(&cell)));
                }
                cell
            }
        };
        let shared = &mut self.shared;
        let claim = ClaimRow {
            id: if !row.id.is_empty() {
                ArcStr::from(row.id)
            } else {
                ClaimRow::canonical_id(row.doc, row.fixed.span.start, row.fixed.span.end)
            },
            doc: doc_id,
            start: row.fixed.span.start,
            end: row.fixed.span.end,
            text: shared.get(row.text),
            value: row.fixed.value,
            low: row.fixed.low,
            high: row.fixed.high,
            qualifier: shared.get_static(row.fixed.qualifier),
            unit: shared.get_static(row.fixed.unit),
            measure: shared.get_static(row.fixed.measure),
            quantity: shared.get(row.quantity),
            subject: shared.get(row.subject),
            place: shared.get(row.place),
            as_of: shared.get(row.as_of),
            rate: shared.get_static(row.fixed.rate),
            source: ArcStr::clone(&source.name),
            source_kind: ArcStr::clone(&source.kind),
            relay: match &relays[..] {
                [] => ArcStr::default(),
                [one] => ArcStr::clone(&one.name),
                _ => shared.get(row.relay),
            },
            outlet,
            published,
            derived_from: ArcStr::from(row.derived_from),
            sentence,
            source_id: ArcStr::clone(&source.id),
            attribution: shared.get_static(row.fixed.attribution),
            notes: shared.get(row.notes),
            relays,
        };
        (self.sink)(claim);
    }
}

/// Rows written as claims.csv records.
struct Records<'o> {
    out: &'o mut Vec<u8>,
    count: usize,
}

impl RowOut for Records<'_> {
    fn row(&mut self, row: &Row<'_>) {
        self.count += 1;
        write_record(
            &Record {
                id: row.id,
                doc: row.doc,
                text: row.text,
                fixed: row.fixed,
                subject: row.subject,
                place: row.place,
                as_of: row.as_of,
                source: row.source.name.as_str(),
                source_kind: row.source.kind,
                relay: row.relay,
                outlet: row.outlet,
                published: row.published,
                quantity: row.quantity,
                derived_from: row.derived_from,
                sentence: row.sentence,
                source_id: row.source.id,
                notes: row.notes,
            },
            self.out,
        );
    }
}

/// Texts whose rows hold each an awkward part: a derived count, a sentence cut around
/// its figure, several relays, sources named jointly and by a pronoun, no source, and
/// two claims to a sentence.
#[cfg(test)]
pub(crate) fn awkward_texts() -> Vec<String> {
    let long = format!(
        "At least 12 people were killed {} in the strike, officials said.\n",
        "and the rescuers kept searching the ruins ".repeat(40)
    );
    [
        "Roughly 5,000 soldiers were sent, with a third likely killed, officials said.\n",
        &long,
        "Lawmaker Lee Seong-kweun told Yonhap, citing the NIS, that 300 troops were killed.\n",
        "Zelenskyy and Budanov said 300 missiles were launched.\n",
        "Oleh Kiper spoke in Odesa. He said 9 people were injured and 4 were missing.\n",
        "At least 12 people were killed in Kharkiv.\n",
    ]
    .map(str::to_owned)
    .into()
}

#[cfg(test)]
mod tests {
    use countercheck_grammar::DEFAULT_TOLERANCE;
    use proptest::prelude::*;

    use super::*;
    use crate::write_claim_record;

    /// The records `write_records` writes of `doc` are those of its `rows`.
    fn assert_records_are_the_rows(doc: &DocumentText<'_>, rows: &[ClaimRow]) {
        let mut records = Vec::new();
        for row in rows {
            write_claim_record(row, &mut records);
        }
        let mut straight = Vec::new();
        assert_eq!(
            write_records(doc, DEFAULT_TOLERANCE, &mut straight),
            rows.len()
        );
        assert_eq!(
            String::from_utf8_lossy(&straight),
            String::from_utf8_lossy(&records),
            "{}",
            doc.text
        );
    }

    /// The rows of `text` as `each_row` gives them, and as the whole body read gives them.
    fn rows_both_ways(text: &str) -> (Vec<ClaimRow>, Vec<ClaimRow>) {
        let doc = DocumentText {
            id: "doc",
            outlet: Some("Wire"),
            published: Some("2025-03-01"),
            text,
            body: 0,
        };
        let mut lazy = Vec::new();
        each_row(&doc, DEFAULT_TOLERANCE, &mut |r| lazy.push(r));
        let figures = figures_of(text, Span::new(0, text.len()));
        let mut whole = Vec::new();
        with_thread_names(|names| {
            let mut claims = Claims {
                shared: Cells { names, share: true },
                sink: &mut |r| whole.push(r),
                doc_cells: None,
                last_sentence: None,
            };
            rows_up_to(&doc, DEFAULT_TOLERANCE, &mut claims, figures, text.len());
        });
        // Rows of their own and rows sharing their cells hold the same texts.
        assert_eq!(rows(&doc, DEFAULT_TOLERANCE), lazy);
        assert_records_are_the_rows(&doc, &lazy);
        (lazy, whole)
    }

    /// `write_records` writes what `write_claim_record` writes of each row, whatever
    /// the row holds: a derived count, a cut sentence, several relays, a source named
    /// jointly or by a pronoun, no source with or without an outlet, and a document
    /// whose name needs quotes or defusing.
    #[test]
    fn records_written_straight_are_the_rows_records() {
        let texts = awkward_texts();
        for (id, outlet) in [
            ("doc", Some("Wire")),
            ("a,b \"c\".txt", None),
            ("=cmd.txt", Some("=Wire")),
        ] {
            for text in &texts {
                let doc = DocumentText {
                    id,
                    outlet,
                    published: Some("2025-03-01"),
                    text,
                    body: 0,
                };
                let rows = rows(&doc, DEFAULT_TOLERANCE);
                assert!(!rows.is_empty(), "{text}");
                assert_records_are_the_rows(&doc, &rows);
            }
        }
        // The texts hold what they are meant to.
        let doc = |text| DocumentText {
            id: "doc",
            outlet: None,
            published: None,
            text,
            body: 0,
        };
        let all: Vec<ClaimRow> = texts
            .iter()
            .flat_map(|t| rows(&doc(t), DEFAULT_TOLERANCE))
            .collect();
        assert!(all.iter().any(|r| !r.derived_from.is_empty()));
        assert!(all.iter().any(|r| r.notes.contains("shown within")));
        assert!(all.iter().any(|r| r.relays.len() > 1), "{all:#?}");
        assert!(all.iter().any(|r| r.notes.contains("named together")));
        assert!(all.iter().any(|r| r.notes.contains("last person named")));
        assert!(all.iter().any(|r| &*r.source == "unattributed"));
        assert!(
            all.windows(2)
                .any(|w| w[0].sentence == w[1].sentence && w[0].doc == w[1].doc)
        );
    }

    /// Paragraphs after the last figure's are not read, and no row changes for it: not
    /// the speakers, not the place that only a later paragraph names.
    #[test]
    fn paragraphs_after_the_last_figure_change_no_row() {
        for text in [
            // A place named only after the claims: the claims take it.
            "At least 12 people were killed, officials said.\n\nThe strikes hit Kharkiv overnight.\n",
            // ... unless it is part of a speaker's name there.
            "At least 12 people were killed.\n\nThe Kharkiv governor said rescuers were still searching.\n",
            // A place before the claims, and one after.
            "Drones struck Odesa.\n\n“Nine people were injured,” said Oleh Kiper.\n\nIn Kyiv, he said, sirens sounded.\n",
            // A quotation whose speaker follows in the same paragraph.
            "“About 40 were hospitalized,” he said, adding that Dnipro was calm.\nMore later.\n",
            // No figure at all; then a figure in the last line, with no line break after it.
            "Nothing was counted here.\n",
            "Officials spoke in Kyiv.\n\nThe ministry said 300 drones were launched",
        ] {
            let (lazy, whole) = rows_both_ways(text);
            assert_eq!(lazy, whole, "{text}");
        }
        let (rows, _) = rows_both_ways(
            "At least 12 people were killed, officials said.\n\nThe strikes hit Kharkiv overnight.\n",
        );
        assert_eq!(&*rows[0].place, "Kharkiv");
    }

    proptest! {
        /// Documents of paragraphs drawn from reporting, in any order: reading up to the
        /// last figure's paragraph gives the rows that reading the whole body gives.
        #[test]
        fn rows_read_up_to_the_last_figure_are_the_whole_rows(
            picks in proptest::collection::vec(0usize..10, 1..8)
        ) {
            const PARAGRAPHS: [&str; 10] = [
                "At least 12 people were killed in Kharkiv, the regional governor said.",
                "“Nine people were injured,” said Oleh Kiper, the head of the Odesa region.",
                "The ministry said it would respond.",
                "Ukraine’s State Emergency Service said 40 people were rescued.",
                "He said the strikes had continued overnight in Dnipro.",
                "Rescuers in Zaporizhzhia worked through the night.",
                "According to the UN, about 3.7 million people have been displaced.",
                "The Kremlin spokesman, Dmitry Peskov, told reporters nothing.",
                "“It was terrible,” the mayor said. “Twenty houses burned.”",
                "Officials did not say more.",
            ];
            let text: String = picks.iter().map(|&i| format!("{}\n\n", PARAGRAPHS[i])).collect();
            let (lazy, whole) = rows_both_ways(&text);
            prop_assert_eq!(lazy, whole);
        }
    }

    /// Two spaces, or a line break, at every place in and across the eight-byte steps.
    #[test]
    fn one_line_finds_doubled_spaces_anywhere() {
        for k in 1..20 {
            let a = "a".repeat(k);
            for (gap, fits) in [(" ", true), ("  ", false), ("\n", false), ("\u{a0}", false)] {
                let s = format!("{a}{gap}{}", "b".repeat(20 - k));
                assert_eq!(is_one_line(&s), fits, "{s:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn one_line_joins_words_with_single_spaces(
            s in "([a-z]|  ?|\t|\n|\r|\u{0B}|\u{0C}|\u{85}|\u{a0}|\u{1680}|\u{2009}|\u{2028}|\u{202f}|\u{3000}|’|“|—|é|\u{1c}){0,24}"
        ) {
            let plain = s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(one_line(&s), plain);
        }

        /// Long runs of printable ASCII, read eight bytes a step, with spaces and
        /// other characters falling anywhere in or across the steps.
        #[test]
        fn one_line_read_eight_bytes_a_step(
            s in "([a-z.,]{1,9} {0,2}){0,12}(\t|\r\n|\u{a0}|\u{2009}|é|’|\u{1c}|  )?([a-z.,]{1,9} {0,2}){0,12}"
        ) {
            let plain = s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(is_one_line(&s), plain == s);
        }
    }
}
