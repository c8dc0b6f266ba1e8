//! Fuzz target for whole-document extraction: the steps the CLI takes to turn one
//! document into claim rows (grammar claims, source resolution, places, groups, times,
//! quantity keys), run on any bytes. The CLI crate is a binary only, so its pipeline in
//! `claim_row.rs` is followed here through the public APIs of the library crates.
//!
//! Input layout: when the first byte is NUL (which text never starts with), the next two
//! bytes give a body offset (little endian, taken modulo the text length and moved back
//! to a char boundary) and the fourth picks a publication date; the text follows.
//! Otherwise the whole input is the text, with the body at 0 and no date, so plain
//! articles work as seeds.

#![no_main]

use std::collections::HashMap;

use countercheck_grammar::{
    DEFAULT_TOLERANCE, Measure, REACH, Span, Unit, as_of, claims, group_of,
};
use countercheck_graph::{Origin, Places, Registry, Resolver, is_setting, place_of};
use countercheck_report::quantity_key;
use libfuzzer_sys::fuzz_target;

/// Publication dates a document may carry, including a leap day and none at all.
const PUBLISHED: [Option<&str>; 4] = [None, Some("2025-04-28"), Some("2024-02-29"), Some("2025")];

/// The document text as the CLI reads a file: each invalid UTF-8 byte becomes one space,
/// so offsets into the text are offsets into the input.
fn as_text(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n(' ', chunk.invalid().len()));
    }
    text
}

/// Panics unless `span` is a non-inverted range inside `text` on char boundaries.
fn assert_in(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a character"
    );
}

/// The name a resolved agent is reported under, as the CLI's rows name it.
fn name(registry: &Registry, origin: Origin) -> String {
    match origin {
        Origin::Known(i) => registry.get(i).name.clone(),
        Origin::Joint { text, first } => format!("{text} ({})", registry.get(first).kind),
        Origin::Unknown(text) => text,
    }
}

fuzz_target!(|data: &[u8]| {
    let (body, published, bytes) = match data {
        [0, b0, b1, date, rest @ ..] => (
            usize::from(u16::from_le_bytes([*b0, *b1])),
            PUBLISHED[usize::from(*date) % PUBLISHED.len()],
            rest,
        ),
        _ => (0, None, data),
    };
    let text = as_text(bytes);
    let text = text.as_str();
    assert_eq!(text.len(), bytes.len());
    let mut body = body % (text.len() + 1);
    while !text.is_char_boundary(body) {
        body -= 1;
    }

    let registry = Registry::builtin();
    let places = Places::builtin();
    let article = claims(text, body);
    let drafts = &article.drafts;
    for &s in &article.speakers {
        assert_in(text, s, "speaker");
    }
    for (i, d) in drafts.iter().enumerate() {
        assert_in(text, d.figure.span, "figure");
        assert!(
            d.figure.span.start >= body,
            "figure {:?} before the body at {body}",
            d.figure.span
        );
        // The claim's text is the document's bytes at its span, as the contract promises;
        // only a byte that was not UTF-8 may differ, read as a space.
        let written = &text[d.figure.span.range()];
        let raw = &bytes[d.figure.span.range()];
        assert_eq!(written.len(), raw.len());
        if let Ok(raw) = std::str::from_utf8(raw) {
            assert_eq!(written, raw);
        }
        for (span, what) in [
            (Some(d.sentence), "sentence"),
            (Some(d.paragraph), "paragraph"),
            (d.subject, "subject"),
            (d.source, "source"),
            (d.quote, "quote"),
            (d.measure_words, "measure words"),
        ] {
            if let Some(span) = span {
                assert_in(text, span, what);
            }
        }
        for &r in &d.relays {
            assert_in(text, r, "relay");
        }
        assert!(
            d.sentence.start <= d.figure.span.start && d.figure.span.end <= d.sentence.end,
            "figure {:?} outside its sentence {:?}",
            d.figure.span,
            d.sentence
        );
        if let Some(b) = d.share_of {
            assert!(
                b < drafts.len() && b != i,
                "share {i} of {b} among {}",
                drafts.len()
            );
        }
    }

    // Sources, as the CLI resolves them: speakers in text order first.
    let mut resolver = Resolver::new(registry, text, body);
    let mut agents: Vec<Span> = article
        .speakers
        .iter()
        .copied()
        .chain(drafts.iter().filter_map(|d| d.source))
        .collect();
    agents.sort();
    agents.dedup();
    let resolved: HashMap<Span, Origin> = agents
        .into_iter()
        .map(|a| (a, resolver.resolve(a).0))
        .collect();

    // Places, without those inside an agent's name.
    let mut mentions = places.mentions(text, Span::new(body, text.len()));
    for m in &mentions {
        assert_in(text, m.span, "place");
    }
    let mut agent_spans: Vec<Span> = article
        .speakers
        .iter()
        .copied()
        .chain(
            drafts
                .iter()
                .flat_map(|d| d.source.into_iter().chain(d.relays.iter().copied())),
        )
        .collect();
    agent_spans.sort();
    agent_spans.dedup();
    let in_agent = |m: &Span| {
        let i = agent_spans.partition_point(|a| a.start <= m.start);
        agent_spans[..i]
            .iter()
            .rev()
            .take(4)
            .any(|a| m.end <= a.end)
    };
    mentions.retain(|m| is_setting(text, m) && !in_agent(&m.span));

    let published_date: Option<jiff::civil::Date> =
        published.and_then(|p| p.trim().get(..10)?.parse().ok());
    for d in drafts {
        let _source = d.source.map(|agent| {
            let origin = resolved
                .get(&agent)
                .cloned()
                .unwrap_or_else(|| resolver.resolve(agent).0);
            name(registry, origin)
        });
        for &r in &d.relays {
            let _ = name(registry, resolver.resolve_relay(r).0);
        }
        let place = place_of(&mentions, d.figure.span.start, d.sentence, d.paragraph)
            .map(|m| places.get(m.entry).name.clone())
            .unwrap_or_default();
        let military = matches!(
            d.measure,
            Measure::Casualties | Measure::Deployed | Measure::Captured
        );
        let group = group_of(text, d.sentence, d.figure.span, d.subject, military);
        let subject = match group.key() {
            k if !k.is_empty() => k,
            _ => d
                .subject
                .map_or_else(String::new, |s| text[s.range()].to_lowercase()),
        };
        let when = as_of(text, d.sentence, d.figure.span, published_date);
        if let Some(a) = &when {
            assert_in(text, a.span, "as of");
        }
        let as_of_iso = when.map_or_else(String::new, |a| a.when.iso());
        let rate = d.figure.rate.map_or("", |r| r.period.as_str());
        let mut base = format!("{}|{}", d.measure.as_str(), subject);
        if group.nationality.is_none() {
            base.push('|');
            base.push_str(&place.to_lowercase());
        }
        let _ = quantity_key(&base, &as_of_iso, published.unwrap_or(""), rate);

        // The part of a long sentence the CLI shows: inside the sentence, around the
        // whole figure, on char boundaries.
        let shown = d.sentence.within_reach(text, d.figure.span, REACH);
        assert_in(text, shown, "shown sentence");
        assert!(
            d.sentence.start <= shown.start
                && shown.start <= d.figure.span.start
                && d.figure.span.end <= shown.end
                && shown.end <= d.sentence.end,
            "{shown:?} of sentence {:?} around figure {:?}",
            d.sentence,
            d.figure.span
        );
        let interval = d.figure.interval(DEFAULT_TOLERANCE);
        assert!(interval.low <= interval.high, "{interval:?}");
        // A share also stands as the count it implies, from its base's interval.
        if let (Unit::Percent, Some(b)) = (d.figure.unit, d.share_of) {
            let bi = drafts[b].figure.interval(DEFAULT_TOLERANCE);
            let share = d.figure.value / 100.0;
            let low = (bi.low * share).floor();
            if bi.high.is_finite() {
                let high = (bi.high * share).ceil();
                assert!(low <= high, "derived count {low}..{high}");
            }
        }
    }
});
