//! The claims of one document as rows of the claims.csv contract: the grammar's drafts
//! with their sources resolved against the gazetteer, their places named, their times
//! read and their quantities keyed.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

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
fn name(
    registry: &'static Registry,
    shared: &mut Cells<'_>,
    origin: Origin,
    basis: Basis,
    written: &str,
) -> (SourceRef, Option<String>) {
    let mut note = match basis {
        Basis::Pronoun => Some(format!("source “{written}” read as the last person named")),
        Basis::Description => Some(format!(
            "source “{written}” read as the last source of that description"
        )),
        Basis::Named | Basis::Unlisted => None,
    };
    let source = match origin {
        Origin::Known(i) => {
            let s = registry.get(i);
            SourceRef {
                name: shared.get_static(&s.name),
                kind: shared.get_static(&s.kind),
                id: shared.get_static(&s.id),
            }
        }
        Origin::Joint { text, first } => {
            note = Some("several sources named together".to_owned());
            SourceRef {
                name: shared.get(&text),
                kind: shared.get_static(&registry.get(first).kind),
                id: shared.get_static(&registry.get(first).id),
            }
        }
        Origin::Unknown(text) => SourceRef {
            name: shared.get(&text),
            kind: shared.get_static("unknown"),
            id: ArcStr::default(),
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
    rows_with(doc, tolerance, Ids::Spelled)
}

/// How rows hold their ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ids {
    /// Spelled out, `DOC:START-END`.
    Spelled,
    /// Empty where they would be `DOC:START-END`, as a spooled
    /// [`ClaimStore`](crate::ClaimStore) holds them ([`ClaimRow::full_id`] spells them
    /// out again): the store would drop them anyway, and half a million of them
    /// were made on the worker threads only to be freed by the thread that gathers
    /// the claims, each free contending for the worker's heap.
    Empty,
}

/// [`rows`], holding their ids as `ids` says.
pub fn rows_with(doc: &DocumentText<'_>, tolerance: f64, ids: Ids) -> Vec<ClaimRow> {
    let mut out = Vec::new();
    rows_of(doc, tolerance, &mut |row| out.push(row), true, ids);
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
    each_row(
        &doc,
        countercheck_grammar::DEFAULT_TOLERANCE,
        Ids::Spelled,
        &mut |_| {},
    );
}

/// Hands the claims of `doc` to `sink` one by one, in the order of [`rows`], so that a
/// caller can encode them as they come instead of holding them all: a single document
/// may hold a million claims. Their texts are not looked up in the thread's table of
/// shared cells, as [`rows`]' are: a row encoded and dropped gains nothing from it, and
/// the lookups (a hash and a comparison for each of seven cells) cost more than a copy.
/// Their ids are held as `ids` says: a caller that writes claims.csv records
/// ([`write_claim_record`](crate::write_claim_record) spells an empty id out as it
/// writes it) saves an allocation a claim with [`Ids::Empty`].
pub fn each_row(doc: &DocumentText<'_>, tolerance: f64, ids: Ids, sink: &mut dyn FnMut(ClaimRow)) {
    rows_of(doc, tolerance, sink, false, ids);
}

/// [`each_row`], sharing the rows' texts or not.
fn rows_of(
    doc: &DocumentText<'_>,
    tolerance: f64,
    sink: &mut dyn FnMut(ClaimRow),
    share: bool,
    ids: Ids,
) {
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
    rows_up_to(doc, tolerance, sink, figures, end, share, ids);
}

/// [`each_row`] reading the body up to `end`, the end of a paragraph at or after the
/// last of `figures` (all the figures of the body).
fn rows_up_to(
    doc: &DocumentText<'_>,
    tolerance: f64,
    sink: &mut dyn FnMut(ClaimRow),
    figures: Vec<Figure>,
    end: usize,
    share: bool,
    ids: Ids,
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
    let mut times = Times::with_words(&body_words);
    drop(body_words);
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
        return rows_up_to(doc, tolerance, sink, figures, text.len(), share, ids);
    }
    let outlet = doc.outlet.unwrap_or_default().to_owned();
    // A date the claims' own times ("by March", "on Thursday") are read against.
    let published_date: Option<jiff::civil::Date> =
        doc.published.and_then(|p| p.trim().get(..10)?.parse().ok());
    let published = doc.published.unwrap_or_default().to_owned();
    let id_of = |d: &Draft| ClaimRow::canonical_id(doc.id, d.figure.span.start, d.figure.span.end);
    // The cells of the documents a thread reads are shared within it (see
    // `with_thread_names`); a corpus shares them further.
    with_thread_names(|names| {
        let shared = &mut Cells { names, share };
        let (doc_id, outlet_cell, published_cell) = (
            shared.get(doc.id),
            shared.get(&outlet),
            shared.get(&published),
        );
        // Claims of one sentence show the same sentence: the last one made is reused.
        let mut last_sentence: Option<(Span, ArcStr)> = None;
        for d in drafts {
            // The row's notes, joined by "; " as they come.
            let mut notes = String::new();
            let written = |s: Span| &text[s.range()];
            let (source, note) = match d.source {
                Some(agent) => {
                    let (origin, basis) = resolved
                        .get(&agent)
                        .cloned()
                        .unwrap_or_else(|| resolver.resolve(agent));
                    name(registry, shared, origin, basis, written(agent))
                }
                None => (
                    SourceRef {
                        name: if outlet.is_empty() {
                            shared.get_static("unattributed")
                        } else {
                            ArcStr::clone(&outlet_cell)
                        },
                        kind: shared.get_static("media"),
                        id: ArcStr::default(),
                    },
                    Some("no attribution in the text: the outlet is the source".into()),
                ),
            };
            if let Some(n) = note {
                push_note(&mut notes, &n);
            }
            let relays: Box<[SourceRef]> = d
                .relays
                .iter()
                .map(|&r| {
                    let (origin, basis) = resolver.resolve_relay(r);
                    name(registry, shared, origin, basis, written(r)).0
                })
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
                _ => d
                    .subject
                    .map(|s| one_line(&text[s.range()]).to_lowercase())
                    .unwrap_or_default(),
            };
            // One quantity: the same measure of the same group — of a nationality wherever it
            // fights, or of anyone else in one place. Shares are kept apart from counts.
            let measure = d.measure.as_str();
            let rate = d.figure.rate.map_or("", |r| r.period.as_str());
            // Room for all the key will hold: the rate ("|per week"), a day
            // ("|2025-04-24") and "|percent" after it, so it is made once.
            let mut quantity = String::with_capacity(
                measure.len() + subject.len() + place.len() + rate.len() + 36,
            );
            quantity.push_str(measure);
            quantity.push('|');
            quantity.push_str(&subject);
            if group.nationality.is_none() {
                quantity.push('|');
                quantity.push_str(&place.to_lowercase());
            }
            let as_of_iso = times
                .as_of(d.sentence, d.figure.span, published_date)
                .map_or_else(String::new, |a| a.when.iso());
            let (mut quantity, _) = quantity_key(quantity, &as_of_iso, &published, rate);
            // Shares are kept apart from counts.
            if d.figure.unit == Unit::Percent {
                quantity.push_str("|percent");
            }
            let interval = d.figure.interval(tolerance);
            // A sentence of thousands of words (a scraped page with no full stops) is shown
            // around its figure only: the cell says where it was cut, and a note says so.
            let shown = d.sentence.within_reach(text, d.figure.span, REACH);
            let sentence = match &last_sentence {
                Some((span, cell)) if *span == shown && shown == d.sentence => ArcStr::clone(cell),
                _ => {
                    let sentence = one_line(&text[shown.range()]);
                    // A whole sentence becomes its cell with one copy; a cut one is
                    // marked at the cut.
                    let cell: ArcStr = if shown == d.sentence {
                        ArcStr::from(&*sentence)
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
                        ArcStr::from(format!("{before}{sentence}{after}"))
                    };
                    // Only whole sentences are reused: a cut one is cut around its figure.
                    if shown == d.sentence {
                        last_sentence = Some((shown, ArcStr::clone(&cell)));
                    }
                    cell
                }
            };
            if shown != d.sentence {
                push_note(
                    &mut notes,
                    &format!(
                        "sentence of {} bytes shown within {REACH} bytes of the figure",
                        d.sentence.len()
                    ),
                );
            }
            let row = ClaimRow {
                id: match ids {
                    Ids::Spelled => id_of(d),
                    Ids::Empty => ArcStr::default(),
                },
                doc: ArcStr::clone(&doc_id),
                start: d.figure.span.start,
                end: d.figure.span.end,
                text: shared.get(&text[d.figure.span.range()]),
                value: d.figure.value,
                low: interval.low,
                high: interval.high.is_finite().then_some(interval.high),
                qualifier: shared.get_static(d.figure.qualifier.as_str()),
                unit: shared.get_static(d.figure.unit.as_str()),
                measure: shared.get_static(d.measure.as_str()),
                quantity: shared.get(&quantity),
                subject: shared.get(&subject),
                place: shared.get(place),
                as_of: shared.get(&as_of_iso),
                rate: shared.get_static(rate),
                source: ArcStr::clone(&source.name),
                source_kind: ArcStr::clone(&source.kind),
                relay: match &relays[..] {
                    [] => ArcStr::default(),
                    [one] => ArcStr::clone(&one.name),
                    many => shared.get(
                        &many
                            .iter()
                            .map(|r| r.name.as_str())
                            .collect::<Vec<_>>()
                            .join(";"),
                    ),
                },
                outlet: ArcStr::clone(&outlet_cell),
                published: ArcStr::clone(&published_cell),
                derived_from: ArcStr::default(),
                sentence,
                source_id: ArcStr::clone(&source.id),
                attribution: shared.get_static(d.how.as_str()),
                notes: shared.get(&notes),
                relays,
            };
            // A share of a count nearby also stands as the count it implies: "roughly
            // 5,000 ... with a third likely killed" is about 1,667 killed.
            let derived = match (d.figure.unit, d.share_of) {
                (Unit::Percent, Some(b)) => {
                    let base = &drafts[b];
                    let bi = base.figure.interval(tolerance);
                    let share = d.figure.value / 100.0;
                    let mut count = row.clone();
                    count.id = format!("{}:count", row.full_id()).into();
                    count.value = (base.figure.value * share).round();
                    count.low = (bi.low * share).floor();
                    count.high = bi.high.is_finite().then(|| (bi.high * share).ceil());
                    count.qualifier = shared.get(if base.figure.qualifier == Qualifier::Exact {
                        "approx"
                    } else {
                        base.figure.qualifier.as_str()
                    });
                    count.unit = ArcStr::default();
                    count.quantity = shared.get(&row.quantity.replacen("|percent", "", 1));
                    count.derived_from = id_of(base);
                    count.notes =
                        format!("{} of {}", row.text, &text[base.figure.span.range()]).into();
                    Some(count)
                }
                _ => None,
            };
            sink(row);
            if let Some(count) = derived {
                sink(count);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use countercheck_grammar::DEFAULT_TOLERANCE;
    use proptest::prelude::*;

    use super::*;

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
        each_row(&doc, DEFAULT_TOLERANCE, Ids::Spelled, &mut |r| lazy.push(r));
        let figures = figures_of(text, Span::new(0, text.len()));
        let mut whole = Vec::new();
        rows_up_to(
            &doc,
            DEFAULT_TOLERANCE,
            &mut |r| whole.push(r),
            figures,
            text.len(),
            true,
            Ids::Spelled,
        );
        // Rows of their own and rows sharing their cells hold the same texts.
        assert_eq!(rows(&doc, DEFAULT_TOLERANCE), lazy);
        (lazy, whole)
    }

    #[test]
    fn rows_with_empty_ids_spell_the_same_ids() {
        let doc = DocumentText {
            id: "doc",
            outlet: Some("Wire"),
            published: Some("2025-03-01"),
            text: "Roughly 5,000 soldiers were sent, with a third likely killed, officials \
                   said. At least 12 people were injured.\n",
            body: 0,
        };
        let spelled = rows(&doc, DEFAULT_TOLERANCE);
        let empty = rows_with(&doc, DEFAULT_TOLERANCE, Ids::Empty);
        assert!(
            spelled.iter().any(|r| r.id.ends_with(":count")),
            "{spelled:?}"
        );
        assert_eq!(spelled.len(), empty.len());
        for (s, e) in spelled.iter().zip(&empty) {
            assert_eq!(e.full_id(), &*s.id);
            // Only the derived counts' ids, which are not of the form, are spelled.
            assert_eq!(e.id.is_empty(), !s.id.ends_with(":count"));
            let mut same = e.clone();
            same.id = ArcStr::clone(&s.id);
            assert_eq!(&same, s);
        }
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
