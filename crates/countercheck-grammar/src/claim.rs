//! Claims: figures with what they measure, what they count and who said them, read
//! from a whole article. This module composes the others: segmentation, the figure
//! scanner, measures and attribution. Sources are still text spans here (agents);
//! naming them from the gazetteer, and resolving "he" or "the ministry", happens with
//! the source registry.

use serde::Serialize;

use crate::attribution::{Cue, Role, Scratch, Triggers, cues};
use crate::figure::{Figure, Unit};
use crate::function_words::{WordSet, is_in, starts_with};
use crate::measure::{Measure, read_with, toll_hits};
use crate::scan::scan;
use crate::segment::{Quote, Segments, segment};
use crate::span::Span;
use crate::word_list::WordList;

/// How a claim's source was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// The figure is inside a quotation; the source is its speaker.
    Quote,
    /// "according to X" in the figure's own clause.
    According,
    /// "X said ...", "..., X said", "said X".
    Speech,
    /// "X reported", with nobody else named.
    Relay,
    /// No attribution: the outlet itself is the source.
    Outlet,
}

impl How {
    /// The name used in outputs.
    pub const fn as_str(self) -> &'static str {
        match self {
            How::Quote => "quote",
            How::According => "according",
            How::Speech => "speech",
            How::Relay => "relay",
            How::Outlet => "outlet",
        }
    }
}

/// A claim as the words of its article give it: every part is a span of the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Draft {
    /// The figure.
    pub figure: Figure,
    /// What it measures.
    pub measure: Measure,
    /// The words that gave the measure; `None` for `Other`.
    pub measure_words: Option<Span>,
    /// The counted noun phrase, when written after the figure.
    pub subject: Option<Span>,
    /// The sentence the figure is in.
    pub sentence: Span,
    /// The paragraph the figure is in.
    pub paragraph: Span,
    /// The quotation the figure is in, if any.
    pub quote: Option<Span>,
    /// Who made the claim, as written ("South Korea’s National Intelligence Service",
    /// "he", "the emergency service"); `None` when unattributed.
    pub source: Option<Span>,
    /// Who passed it on, nearest the source first ("according to Yonhap", "told Reuters").
    pub relays: Vec<Span>,
    /// How the source was found.
    pub how: How,
    /// For a share ("a third"), the index in the returned list of the claim it is a share of.
    pub share_of: Option<usize>,
}

/// Words that hold a figure's place in a clause; used to cut clauses between figures.
fn clause(sentence: Span, prev_end: Option<usize>, next_start: Option<usize>) -> Span {
    Span::new(
        prev_end.map_or(sentence.start, |e| e.max(sentence.start)),
        next_start.map_or(sentence.end, |s| s.min(sentence.end)),
    )
}

/// The speaker of each quotation, by index into `segments.quotes`.
fn quote_speakers(text: &str, seg: &Segments, cues: &[Cue]) -> Vec<Option<Span>> {
    // The cues whose words begin in `from..to`: the cues of a document are in text order.
    let cues_in = |from: usize, to: usize| {
        let first = cues.partition_point(|c| c.words.start < from);
        let end = cues.partition_point(|c| c.words.start < to);
        &cues[first..end.max(first)]
    };
    let mut speakers: Vec<Option<Span>> = Vec::with_capacity(seg.quotes.len());
    for (qi, q) in seg.quotes.iter().enumerate() {
        let para = seg.paragraphs[q.paragraph];
        let next_open = seg
            .quotes
            .get(qi + 1)
            .filter(|n| n.paragraph == q.paragraph)
            .map(|n| n.span.start);
        // After the quotation: “...,” Trump said. / “...,” said Peskov.
        let after_end = seg
            .sentence_at(q.span.end)
            .map(|i| seg.sentences[i].span.end)
            .unwrap_or(para.end)
            .max(q.span.end)
            .min(next_open.unwrap_or(para.end));
        // The cues are those read with their whole sentence, so "said Peskov" right
        // after the closing mark is seen as the inverted "..., ” said X" it is.
        let mut speaker = cues_in(q.span.end, after_end)
            .iter()
            .find(|c| {
                matches!(c.role, Role::Speech | Role::Relay)
                    && near(text, q.span.end, c.words.start)
            })
            .map(|c| c.agent);
        // Before it: Rubio, a Catholic, said in a statement, “...”
        if speaker.is_none() {
            let start = seg
                .sentence_at(q.span.start)
                .map_or(para.start, |i| seg.sentences[i].span.start);
            let prev_close = speakers_prev_end(&seg.quotes[..qi], q.paragraph);
            let start = start.max(prev_close.unwrap_or(0));
            speaker = cues_in(start, q.span.start)
                .iter()
                .rev()
                .find(|c| matches!(c.role, Role::Speech | Role::Relay))
                .map(|c| c.agent);
        }
        // A quotation that goes on after "he said" keeps its speaker; so does one that
        // runs into the next paragraph.
        if speaker.is_none() {
            speaker = continued_speaker(seg, &speakers, qi);
        }
        speakers.push(speaker);
    }
    speakers
}

fn speakers_prev_end(quotes: &[Quote], paragraph: usize) -> Option<usize> {
    quotes
        .iter()
        .rev()
        .find(|p| p.paragraph == paragraph)
        .map(|p| p.span.end)
}

fn continued_speaker(seg: &Segments, speakers: &[Option<Span>], qi: usize) -> Option<Span> {
    let q = &seg.quotes[qi];
    let prev = qi.checked_sub(1)?;
    let p = &seg.quotes[prev];
    let same_paragraph = p.paragraph == q.paragraph;
    let next_paragraph =
        p.paragraph + 1 == q.paragraph && seg.paragraphs[q.paragraph].start == q.span.start;
    (same_paragraph || next_paragraph)
        .then(|| speakers[prev])
        .flatten()
}

/// True when the attribution words start within a few words of a closing quotation mark.
fn near(text: &str, quote_end: usize, at: usize) -> bool {
    text.get(quote_end..at)
        .is_some_and(|between| between.split_whitespace().count() <= 12)
}

/// The source and relays of a figure outside quotations, from the cues of its sentence.
/// A cue that closes its sentence (", X said.") covers the figures before it only.
fn attribute(figure: &Figure, cues: &[Cue]) -> (Option<Span>, Vec<Span>, How) {
    let covers = |c: &&Cue| !c.trailing || c.words.start >= figure.span.end;
    // "which according to X involved 10,000 troops": the figure's own clause.
    if let Some(c) = cues
        .iter()
        .find(|c| c.role == Role::According && !c.trailing)
    {
        return (Some(c.agent), Vec::new(), How::According);
    }
    let speech = cues
        .iter()
        .rev()
        .filter(|c| c.role == Role::Speech && !c.trailing)
        .find(|c| c.words.end <= figure.span.start)
        .or_else(|| {
            cues.iter()
                .filter(|c| c.role == Role::Speech && c.trailing)
                .find(covers)
        });
    let relays_of = |speaker: &Cue| -> Vec<Span> {
        let mut relays: Vec<Span> = speaker.audience.into_iter().collect();
        relays.extend(
            cues.iter()
                .filter(|c| c.role == Role::Audience)
                .map(|c| c.agent),
        );
        relays.extend(
            cues.iter()
                .filter(covers)
                .filter(|c| {
                    !std::ptr::eq(*c, speaker) && matches!(c.role, Role::According | Role::Relay)
                })
                .map(|c| c.agent),
        );
        relays
    };
    let cited = cues.iter().filter(covers).find(|c| c.role == Role::Citing);
    if let Some(s) = speech {
        // "Lee said, citing the NIS": the NIS is the origin and Lee passes it on.
        if let Some(cited) = cited {
            let mut relays = vec![s.agent];
            relays.extend(relays_of(s));
            return (Some(cited.agent), relays, How::Speech);
        }
        return (Some(s.agent), relays_of(s), How::Speech);
    }
    if let Some(r) = cues.iter().filter(covers).find(|c| c.role == Role::Relay) {
        if let Some(cited) = cited {
            return (Some(cited.agent), vec![r.agent], How::Relay);
        }
        return (Some(r.agent), relays_of(r), How::Relay);
    }
    if let Some(c) = cues
        .iter()
        .filter(covers)
        .find(|c| matches!(c.role, Role::According | Role::Citing))
    {
        return (Some(c.agent), Vec::new(), How::According);
    }
    (None, Vec::new(), How::Outlet)
}

/// Words between two figures that make the second a part or a companion of the first:
/// "at least eight people, including three paramedics", "22 children and nine volunteers".
fn joins_previous(gap: &str) -> bool {
    let gap = gap.trim().trim_end_matches(',').trim().to_ascii_lowercase();
    let last = gap
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        gap.as_str(),
        "" | "and" | "or" | ", and" | "as well as" | "plus"
    ) || is_in(WordSet::PartMarker, last)
}

/// True when `gap`, the words between a share and the next figure, makes that figure
/// the share's base: "about 90% of Gaza's 2.3 million", "half of the 1,600".
fn base_follows(gap: &str) -> bool {
    let mut words = gap.split_whitespace();
    if words.next() != Some("of") {
        return false;
    }
    match (words.next(), words.next()) {
        (None, _) => true,
        (Some(w), None) => {
            is_in(WordSet::BaseDeterminer, w) || w.ends_with("'s") || w.ends_with("’s")
        }
        _ => false,
    }
}

/// How many earlier claims of its paragraph a figure looks back through for the count it
/// is a share of, or for a subject left out: a handful in real prose; the bound keeps a
/// paragraph of a million figures linear.
const LOOKBACK_CLAIMS: usize = 64;

/// The claims before this one in `out` that are in `paragraph`, nearest first, with
/// their indices.
fn recent(out: &[Draft], paragraph: Span) -> impl Iterator<Item = (usize, &Draft)> {
    out.iter()
        .enumerate()
        .rev()
        .take_while(move |(_, d)| d.paragraph == paragraph)
        .take(LOOKBACK_CLAIMS)
}

/// The claims of an article, and everyone its sentences name as speaking.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Article {
    /// The claims, in text order.
    pub drafts: Vec<Draft>,
    /// The agents of every "X said" and every quotation's speaker, in text order, claims
    /// or not: "The Israeli military said it had struck a command centre. It said at least
    /// 19 were militants" needs the first sentence to know who "it" is.
    pub speakers: Vec<Span>,
}

/// The claims of an article whose body starts at byte `body` of `text`, in text order,
/// with the speakers of all its sentences.
pub fn claims(text: &str, body: usize) -> Article {
    let body = body.min(text.len());
    claims_in(&WordList::of(text, Span::new(body, text.len())))
}

/// As [`claims`], for the article whose body is the stretch `words` were split from:
/// a caller that also looks the body's words up in a gazetteer splits them once.
pub fn claims_in(words: &WordList<'_>) -> Article {
    claims_with(words, &figures_of(words.text(), words.range()))
}

/// The figures written in `text[range]`, in text order, with offsets into `text`.
pub fn figures_of(text: &str, range: Span) -> Vec<Figure> {
    scan(&text[range.range()])
        .filter_map(Result::ok)
        .map(|f| f.shifted(range.start))
        .collect()
}

/// As [`claims_in`], with the figures already found by [`figures_of`] over a stretch
/// that begins where `words` does; those that end past the words' stretch are left
/// out. Everything is read within that stretch, which must end at a paragraph's end
/// (see [`paragraph_end`](crate::paragraph_end)) for its sentences and quotations to
/// be whole: the speakers are those of its sentences.
pub fn claims_with(words: &WordList<'_>, figures: &[Figure]) -> Article {
    let text = words.text();
    let Span { start: body, end } = words.range();
    let seg = segment(&text[..end], body);
    let figures = &figures[..figures.partition_point(|f| f.span.end <= end)];
    let spans: Vec<Span> = figures.iter().map(|f| f.span).collect();
    let triggers = Triggers::of(words);
    let tolls = toll_hits(words);
    // One set of buffers for every sentence read for attribution.
    let mut scratch = Scratch::new();
    let sentence_of: Vec<Option<usize>> = figures
        .iter()
        .map(|f| seg.sentence_at(f.span.start))
        .collect();
    // The clause of each figure: its sentence, cut at the figures around it.
    let clause_of = |i: usize| -> Option<Span> {
        let sentence = seg.sentences[sentence_of[i]?].span;
        let prev_end = i
            .checked_sub(1)
            .map(|p| figures[p].span.end)
            .filter(|&e| e > sentence.start);
        let next_start = figures
            .get(i + 1)
            .map(|n| n.span.start)
            .filter(|&s| s < sentence.end);
        // A figure may run past its sentence's end ("12. 5" read by a loose grammar): its
        // clause always holds it whole.
        let c = clause(sentence, prev_end, next_start);
        let f = figures[i].span;
        Some(Span::new(c.start.min(f.start), c.end.max(f.end)))
    };
    // A share written before its base: "about 90% of Gaza's 2.3 million people have been
    // displaced" — the share takes the predicate, the base is the whole population.
    let base_after: Vec<bool> = (0..figures.len())
        .map(|i| {
            figures[i].unit == Unit::Percent
                && figures.get(i + 1).is_some_and(|n| {
                    sentence_of[i + 1] == sentence_of[i]
                        && base_follows(&text[figures[i].span.end..n.span.start])
                })
        })
        .collect();

    // At most a draft a figure: sized so, the drafts (272 bytes each) are not
    // copied as the list grows.
    let mut out: Vec<Draft> = Vec::with_capacity(figures.len());
    let mut figure_of: Vec<usize> = Vec::with_capacity(figures.len());
    let mut pending_bases: Vec<(usize, usize)> = Vec::new();
    // The cues of every sentence in one list; sentence `i`'s are
    // `all_cues[cues_from[i]..cues_from[i + 1]]`.
    // A cue begins at a trigger word: sized so, the list is not copied as it grows.
    let mut all_cues: Vec<Cue> = Vec::with_capacity(triggers.count());
    let mut cues_from: Vec<usize> = Vec::with_capacity(seg.sentences.len() + 1);
    for s in &seg.sentences {
        cues_from.push(all_cues.len());
        cues(s.span, &spans, &triggers, &mut scratch, &mut all_cues);
    }
    cues_from.push(all_cues.len());
    let sentence_cues = |i: usize| &all_cues[cues_from[i]..cues_from[i + 1]];
    let quote_speakers_of = quote_speakers(text, &seg, &all_cues);
    let mut speakers: Vec<Span> = all_cues
        .iter()
        .filter(|c| c.role == Role::Speech)
        .map(|c| c.agent)
        .chain(quote_speakers_of.iter().flatten().copied())
        .collect();
    speakers.sort();
    speakers.dedup();
    for (i, f) in figures.iter().enumerate() {
        let (Some(si), Some(cl)) = (sentence_of[i], clause_of(i)) else {
            continue;
        };
        let mut sentence = seg.sentences[si];
        sentence.span = Span::new(
            sentence.span.start.min(f.span.start),
            sentence.span.end.max(f.span.end),
        );
        let paragraph = seg.paragraphs[sentence.paragraph];
        let mut reading = read_with(
            text,
            cl,
            f.span.start,
            f.span.end,
            Some(tolls),
            scratch.tokens(),
        );
        let is_base = i > 0 && base_after[i - 1];
        if base_after[i] {
            // The share is read with its base's words.
            if let Some(bcl) = clause_of(i + 1) {
                let base = read_with(
                    text,
                    Span::new(cl.start, bcl.end),
                    figures[i + 1].span.start,
                    figures[i + 1].span.end,
                    Some(tolls),
                    scratch.tokens(),
                );
                reading.measure = base.measure.or(reading.measure);
                reading.subject = base.subject.or(reading.subject);
                reading.counts_people_or_materiel |= base.counts_people_or_materiel;
            }
        }

        // A share needs the count it is a share of, earlier in the sentence; "about 40%
        // of those arriving" may take it from an earlier sentence of the paragraph.
        let of_those = starts_with(WordSet::LeadsBack, text[f.span.end..cl.end].trim_start());
        let share_of = (f.unit == Unit::Percent && !base_after[i])
            .then(|| {
                recent(&out, paragraph)
                    .find(|(_, d)| {
                        let near =
                            d.sentence == sentence.span || (of_those && d.paragraph == paragraph);
                        near && d.figure.unit == Unit::Count && d.share_of.is_none()
                    })
                    .map(|(b, _)| b)
            })
            .flatten();
        // A figure joined to the one before ("including three paramedics", "22 children
        // and nine volunteers"), or one whose noun was left out ("and that fewer than 10
        // had struck"), counts the same thing when its own words do not say otherwise.
        let previous = out
            .last()
            .filter(|d| d.sentence == sentence.span && d.figure.unit == Unit::Count);
        let elided = text[f.span.end..cl.end]
            .split_whitespace()
            .next()
            .is_some_and(|w| is_in(WordSet::Ellipsis, w));
        let joined = previous.filter(|d| {
            joins_previous(
                &text[d
                    .subject
                    .map_or(d.figure.span.end, |s| s.end)
                    .max(d.figure.span.end)..f.span.start],
            ) || (elided && reading.measure.is_none())
        });
        let inherited = joined
            .filter(|_| reading.measure.is_none() || reading.by_default)
            .map(|d| (d.measure, d.subject));
        let measure = if is_base {
            // The base of a share is the whole it is taken of.
            reading
                .noun_measure
                .or(reading.counts_people_or_materiel.then_some(Measure::Other))
        } else {
            match (inherited, reading.measure, share_of) {
                (Some((m, _)), _, _) => Some(m),
                (None, Some((m, _)), _) => Some(m),
                (None, None, Some(b)) => Some(out[b].measure),
                (None, None, None)
                    if reading.counts_people_or_materiel && f.unit == Unit::Count =>
                {
                    Some(Measure::Other)
                }
                (None, None, None) => None,
            }
        };
        let Some(measure) = measure else {
            continue;
        };
        if f.unit == Unit::Percent
            && share_of.is_none()
            && !base_after[i]
            && !reading.counts_people_or_materiel
            && reading.measure.is_none()
        {
            continue;
        }
        let subject = reading
            .subject
            .or_else(|| inherited.and_then(|(_, s)| s))
            .or_else(|| share_of.and_then(|b| out[b].subject))
            .or_else(|| {
                recent(&out, paragraph)
                    .find(|(_, d)| d.sentence == sentence.span)
                    .and_then(|(_, d)| d.subject)
            });

        let quote = seg.quote_at(f.span.start);
        let (mut source, mut relays, mut how) = match quote {
            Some(q) => {
                // Quotations are in text order: find this one's index by where it starts.
                let qi = seg.quotes.partition_point(|x| x.span.start < q.span.start);
                (quote_speakers_of[qi], Vec::new(), How::Quote)
            }
            None => attribute(f, sentence_cues(si)),
        };
        // A share of a count, or a part joined to it, with no attribution of its own
        // comes from whoever gave the count.
        if source.is_none()
            && let Some(d) = share_of.map(|b| &out[b]).or(joined)
        {
            (source, relays, how) = (d.source, d.relays.clone(), d.how);
        }
        let how = if source.is_none() { How::Outlet } else { how };
        if base_after[i] {
            pending_bases.push((out.len(), i + 1));
        }
        figure_of.push(i);
        out.push(Draft {
            figure: *f,
            measure,
            measure_words: reading.measure.map(|(_, s)| s),
            subject,
            sentence: sentence.span,
            paragraph,
            quote: quote.map(|q| q.span),
            source,
            relays,
            how,
            share_of,
        });
    }
    for (share, base_figure) in pending_bases {
        // Figures are kept in text order, so their indices are sorted.
        out[share].share_of = figure_of.binary_search(&base_figure).ok();
    }
    Article {
        drafts: out,
        speakers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> Vec<(String, &'static str, String, Vec<String>)> {
        claims(text, 0)
            .drafts
            .into_iter()
            .map(|d| {
                (
                    d.figure.text(text).to_owned(),
                    d.measure.as_str(),
                    d.source
                        .map_or(String::new(), |s| text[s.range()].to_owned()),
                    d.relays
                        .iter()
                        .map(|r| text[r.range()].to_owned())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn quotes_keep_their_speaker() {
        let text = "“I am not happy,” Trump said on Thursday. “5000 soldiers a week are dying.”\n";
        assert_eq!(
            summary(text),
            [("5000".into(), "killed", "Trump".into(), vec![])]
        );
    }

    /// "said X" right after the closing mark is the inverted form, read with its whole
    /// sentence; a speaker named before the opening mark holds too.
    #[test]
    fn speakers_on_either_side_of_a_quotation() {
        let text = "“Fifty people were killed in the strike,” said Peskov.\n\nThe mayor said on Friday: “Twelve were injured.”\n";
        assert_eq!(
            summary(text),
            [
                ("Fifty".into(), "killed", "Peskov".into(), vec![]),
                ("Twelve".into(), "injured", "The mayor".into(), vec![])
            ]
        );
    }

    #[test]
    fn relay_after_the_speaker() {
        let text = "South Korea’s National Intelligence Service said in March that North Korean forces had suffered around 5,000 casualties, according to the Yonhap news agency.\n";
        assert_eq!(
            summary(text),
            [(
                "around 5,000".into(),
                "casualties",
                "South Korea’s National Intelligence Service".into(),
                vec!["the Yonhap news agency".into()]
            )]
        );
    }

    #[test]
    fn shares_take_their_base() {
        let text = "British intelligence assessed that by March roughly 5,000 North Korean troops deployed to fight Ukraine had been killed or wounded, with a third likely killed.\n";
        let got = claims(text, 0).drafts;
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].measure, Measure::Casualties);
        assert_eq!(got[1].measure, Measure::Killed);
        assert_eq!(got[1].share_of, Some(0));
    }

    #[test]
    fn counts_that_are_not_claims() {
        let text = "More than 300 aftershocks were recorded, and 13 exchanges have taken place.\n";
        assert!(claims(text, 0).drafts.is_empty());
    }
}
