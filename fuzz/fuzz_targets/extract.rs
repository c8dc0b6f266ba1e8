//! Fuzz target for whole-document extraction: the steps the CLI takes to turn one
//! document into claim rows (grammar claims, source resolution, places, groups, times,
//! quantity keys), run on any bytes. The CLI crate is a binary only, so its pipeline in
//! `claim_row.rs` is followed here through the public APIs of the library crates. The
//! input layout and the checks of the claims are in `checks.rs`.

#![no_main]

use std::collections::HashMap;

use countercheck_grammar::{DEFAULT_TOLERANCE, Measure, Span, Unit, as_of, group_of};
use countercheck_graph::{Origin, Places, Registry, Resolver, is_setting, place_of};
use countercheck_report::quantity_key;
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;
use checks::assert_in;

/// The name a resolved agent is reported under, as the CLI's rows name it.
fn name(registry: &Registry, origin: Origin) -> String {
    match origin {
        Origin::Known(i) => registry.get(i).name.clone(),
        Origin::Joint { text, first } => format!("{text} ({})", registry.get(first).kind),
        Origin::Unknown(text) => text,
    }
}

fuzz_target!(|data: &[u8]| {
    let doc = checks::document(data);
    let (text, body, published) = (doc.text.as_str(), doc.body, doc.published);
    let article = checks::check_claims(&doc);
    let drafts = &article.drafts;
    let registry = Registry::builtin();
    let places = Places::builtin();

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
