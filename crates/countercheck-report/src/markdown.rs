//! The report as Markdown: a summary, the disagreements most severe first, each
//! quantity with who said what, when and through whom, and the unattributed figures.

use std::fmt::Write as _;
use std::io;

use countercheck_graph::{Claim, push_digits};

use crate::cells::{ClaimCells, conflict_cells};
use crate::model::{Conflict, QuantityPart, Report, longest_row, push_number, quantity_parts};
use crate::sink::{Kept, Sink, parts_at_once};

/// Makes text safe inside a Markdown table cell: no pipes or line breaks, and no
/// characters Markdown would read as markup or HTML.
pub(crate) fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escaped(s, |piece| out.push_str(piece));
    out
}

/// What [`cell`] writes for each byte it escapes; empty for the bytes it keeps.
static ESCAPES: [&str; 256] = {
    let mut table = [""; 256];
    table[b'|' as usize] = "\\|";
    table[b'\n' as usize] = " ";
    table[b'\r' as usize] = " ";
    table[b'<' as usize] = "&lt;";
    table[b'>' as usize] = "&gt;";
    table[b'*' as usize] = "\\*";
    table[b'_' as usize] = "\\_";
    table[b'`' as usize] = "\\`";
    table[b'[' as usize] = "\\[";
    table[b']' as usize] = "\\]";
    table
};

/// Hands `put` the pieces of `s` escaped as a cell: runs of kept text and escapes. Most
/// cells need no escape and come out as one piece.
fn escaped(s: &str, mut put: impl FnMut(&str)) {
    let bytes = s.as_bytes();
    // Most cells, sentences above all, hold nothing to escape: four vector searches
    // say so faster than the table does a byte at a time.
    if bytes.len() >= 32 && !holds_special(bytes) {
        put(s);
        return;
    }
    let mut written = 0;
    while let Some(k) = bytes[written..]
        .iter()
        .position(|&b| !ESCAPES[usize::from(b)].is_empty())
    {
        let i = written + k;
        // Every escaped byte is ASCII, so `i` is on a character boundary.
        put(&s[written..i]);
        put(ESCAPES[usize::from(bytes[i])]);
        written = i + 1;
    }
    put(&s[written..]);
}

/// Appends `s` as a cell. The table rows, millions on a large corpus, are written
/// piece by piece rather than through a format string.
/// True when `bytes` holds a byte that [`ESCAPES`] replaces.
fn holds_special(bytes: &[u8]) -> bool {
    memchr::memchr3(b'|', b'\n', b'\r', bytes).is_some()
        || memchr::memchr3(b'<', b'>', b'*', bytes).is_some()
        || memchr::memchr3(b'_', b'`', b'[', bytes).is_some()
        || memchr::memchr(b']', bytes).is_some()
}

fn push_cell(out: &mut Sink<'_>, s: &str) {
    escaped(s, |piece| out.push_str(piece));
}

/// How many table rows have their cells looked up before any is written (here and in
/// the conflicts' CSV).
pub(crate) const GATHER: usize = 64;

/// Appends the parts of `s` between `split`s as cells, joined by `join`: a quantity's
/// key as "casualties — north korean troops" ([`title`]), a relay chain as "A → B".
fn push_joined(out: &mut Sink<'_>, s: &str, split: char, join: &str) {
    each_joined(s, split, join, |piece| out.push_str(piece));
}

/// The pieces of [`push_joined`], each handed to `put`.
fn each_joined(s: &str, split: char, join: &str, mut put: impl FnMut(&str)) {
    for (k, part) in s.split(split).filter(|p| !p.is_empty()).enumerate() {
        if k > 0 {
            put(join);
        }
        escaped(part, &mut put);
    }
}

/// Appends a claim's interval for people to `out`: "70–∞", "4,500–5,500".
pub(crate) fn push_interval(out: &mut String, c: &Claim) {
    push_number(out, c.low);
    if c.high != Some(c.low) {
        out.push('–');
        match c.high {
            Some(high) => push_number(out, high),
            None => out.push('∞'),
        }
    }
}

/// A quantity's key for headings: "casualties — north korean troops".
pub(crate) fn title(key: &str) -> String {
    key.split('|')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" — ")
}

/// Appends "1 party", "3 parties" to `out`.
fn push_counted(out: &mut String, n: usize, one: &str, many: &str) {
    push_digits(out, n);
    out.push(' ');
    out.push_str(if n == 1 { one } else { many });
}

/// Renders the report as Markdown.
pub fn to_markdown(r: &Report) -> String {
    Sink::render_string(256 * (r.claims.len() + 4), |out| render(out, r))
}

/// Writes the Markdown of [`to_markdown`] to `out` as it is rendered.
pub fn write_markdown(r: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    Sink::render_into(out, |sink| render(sink, r))
}

fn render(out: &mut Sink<'_>, r: &Report) {
    out.push_str("# countercheck report\n\n");
    let _ = writeln!(
        out,
        "{} documents, {} claims, {} quantities, {} disagreements. Reconciliation: {}.\n",
        r.documents,
        r.claims.len(),
        r.quantities.len(),
        r.conflicts.len(),
        r.policy.name()
    );
    let inputs = &r.inputs;
    if !inputs.skipped.is_empty() || !inputs.warnings.is_empty() {
        let _ = writeln!(
            out,
            "Inputs: {} found = {} processed + {} skipped.\n",
            inputs.found,
            inputs.processed,
            inputs.skipped.len()
        );
        for p in &inputs.skipped {
            let _ = writeln!(out, "- skipped {}: {}", cell(&p.input), cell(&p.reason));
        }
        for p in &inputs.warnings {
            let _ = writeln!(out, "- read {}: {}", cell(&p.input), cell(&p.reason));
        }
        out.push('\n');
    }
    // Parts of the tables are rendered on all cores, as many at once as rows this long
    // allow (see `Sink::in_order`).
    let longest = longest_row(r);
    if !r.conflicts.is_empty() {
        out.push_str("## Disagreements, most severe first\n\n");
        out.push_str("| severity | quantity | higher | lower | why |\n|---|---|---|---|---|\n");
        let blocks: Vec<&[Conflict]> = r.conflicts.chunks(GATHER).collect();
        let at_once = parts_at_once(GATHER.saturating_mul(2 * longest));
        out.in_order(&blocks, at_once, |out, block| conflict_rows(out, r, block));
        out.push('\n');
    }
    out.push_str("## Quantities\n");
    // A part holds a heading too, which may be as long as its rows.
    let at_once = parts_at_once((GATHER + 1).saturating_mul(longest));
    out.in_order(&quantity_parts(r), at_once, |out, part| {
        quantity_part(out, r, part)
    });
    if !r.unattributed.is_empty() {
        out.push_str("\n## Unattributed figures\n\nNo source in the text: the outlet itself is the source.\n\n");
        out.push_str(
            "| outlet | figure | measure | document | sentence |\n|---|---|---|---|---|\n",
        );
        for &i in &r.unattributed {
            let c = &r.claims[i];
            // "| outlet | figure | measure | document | sentence |"
            out.push_str("| ");
            push_cell(out, &c.outlet);
            out.push_str(" | ");
            push_cell(out, &c.text);
            out.push_str(" | ");
            out.push_str(&c.measure);
            out.push_str(" | ");
            push_cell(out, &c.doc);
            out.push_str(" | ");
            push_cell(out, &r.sentence(i));
            out.push_str(" |\n");
        }
    }
}

/// The rows of the disagreements `block`.
fn conflict_rows(out: &mut Sink<'_>, r: &Report, block: &[Conflict]) {
    let rows = conflict_cells(r, block);
    // Rows come most severe first, and a corpus's disagreements gather in a few large
    // quantities: the severity's and the quantity's cells mostly repeat the row
    // before's, and copying one costs less than formatting, splitting and escaping it.
    let mut severity = Kept::new();
    let mut quantity_cell = Kept::new();
    for (c, quantity, a, b) in &rows {
        // "| 1.02 | quantity | “a” (source, when) | “b” (source, when) | why |"
        out.push_str(severity.get(c.severity.to_bits(), |cell| {
            let _ = write!(cell, "| {:.2} | ", c.severity);
        }));
        out.push_str(quantity_cell.get(*quantity, |cell| {
            each_joined(quantity, '|', " — ", |piece| cell.push_str(piece));
        }));
        for claim in [a, b] {
            out.push_str(" | “");
            push_cell(out, claim.text);
            out.push_str("” (");
            push_cell(out, claim.source);
            out.push_str(", ");
            claim.push_when(out, push_cell);
            out.push(')');
        }
        out.push_str(" | ");
        out.push_str(c.explanation.describe());
        out.push_str(" |\n");
    }
}

/// A part of the quantities' section: a quantity's heading when it is the first, and a
/// block of its rows.
fn quantity_part(out: &mut Sink<'_>, r: &Report, part: &QuantityPart<'_>) {
    let q = part.quantity;
    if part.first {
        out.push_str("\n### ");
        push_joined(out, &q.key, '|', " — ");
        out.push_str("\n\n");
        push_cell(out, &q.verdict);
        out.push_str("\n\n");
        // "Reconciled (range): low 4,500, best 5,000, high 5,500 — 2 independent
        // origins, 1 party.", written piece by piece: there is one for every quantity.
        out.push_str("Reconciled (");
        out.push_str(r.policy.name());
        out.push_str("): low ");
        out.with_buffer(|buf| {
            push_number(buf, q.reconciled.low);
            buf.push_str(", best ");
            push_number(buf, q.reconciled.best);
            buf.push_str(", high ");
            // An open interval has no high end: push_number spells infinity as ∞.
            push_number(buf, q.reconciled.high.unwrap_or(f64::INFINITY));
            buf.push_str(" — ");
            push_counted(
                buf,
                q.origins.len(),
                "independent origin",
                "independent origins",
            );
            buf.push_str(", ");
            push_counted(buf, q.parties.len(), "party", "parties");
            buf.push_str(".\n\n");
        });
        out.push_str("| source | figure | interval | when | through | document | sentence |\n|---|---|---|---|---|---|---|\n");
    }
    // As for the disagreements: a quantity's claims come from many documents, and their
    // sentences from anywhere in the file of sentences.
    let claims: Vec<_> = part
        .claims
        .iter()
        .map(|&i| {
            let c = &r.claims[i];
            (
                c,
                ClaimCells::of(c),
                c.relay.as_str(),
                c.doc.as_str(),
                r.sentence(i),
            )
        })
        .collect();
    for (c, cells, relay, doc, sentence) in &claims {
        // "| source | figure | interval | when | through | document | sentence |"
        out.push_str("| ");
        push_cell(out, cells.source);
        out.push_str(" | ");
        push_cell(out, cells.text);
        out.push_str(" | ");
        out.with_buffer(|buf| push_interval(buf, c));
        out.push_str(" | ");
        cells.push_when(out, push_cell);
        out.push_str(" | ");
        push_joined(out, relay, ';', " → ");
        out.push_str(" | ");
        push_cell(out, doc);
        out.push_str(" | ");
        push_cell(out, sentence);
        out.push_str(" |\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vector_search_knows_every_escape() {
        for b in 0..=255u8 {
            let mut bytes = vec![b'a'; 40];
            bytes[37] = b;
            assert_eq!(
                holds_special(&bytes),
                !ESCAPES[usize::from(b)].is_empty(),
                "{b:#04x}"
            );
        }
    }

    /// Claims of two quantities: `n` of people killed that all disagree, and three
    /// injured.
    fn many(n: u32) -> Report {
        use countercheck_graph::{ClaimGraph, Registry};
        let claim = |measure: &str, i: u32| {
            let value = f64::from(i) * 10.0 + 1.0;
            Claim {
                id: format!("{measure}{i}:0-5").into(),
                doc: format!("doc{i}.txt").into(),
                text: format!("{measure} {i}").into(),
                value,
                low: value,
                high: Some(value),
                qualifier: "exact".into(),
                measure: measure.to_owned().into(),
                quantity: format!("{measure}|people").into(),
                source: format!("source {i}").into(),
                source_kind: "unknown".into(),
                sentence: format!("Sentence {i}.").into(),
                attribution: "speech".into(),
                ..Claim::default()
            }
        };
        let claims: Vec<Claim> = (0..n)
            .map(|i| claim("killed", i))
            .chain((0..3).map(|i| claim("injured", i)))
            .collect();
        let graph = ClaimGraph::build(&[], &claims, Registry::builtin());
        crate::build(n as usize, claims, &graph, crate::Policy::Range)
    }

    #[test]
    fn rows_rendered_on_all_cores_come_out_in_order() {
        // More disagreements than a window of parts holds, so that several windows,
        // each of many blocks, are rendered and written one after the other.
        let r = many(4200);
        assert!(
            r.conflicts.len() > GATHER * crate::sink::PARTS_AT_ONCE,
            "{}",
            r.conflicts.len()
        );
        let md = to_markdown(&r);
        let (disagreements, quantities) = md.split_once("## Quantities\n").unwrap();
        let severities: Vec<f64> = disagreements
            .lines()
            .filter_map(|l| l.strip_prefix("| ")?.split(" | ").next()?.parse().ok())
            .collect();
        assert_eq!(severities.len(), r.conflicts.len());
        let expected: Vec<String> = r
            .conflicts
            .iter()
            .map(|c| format!("{:.2}", c.severity))
            .collect();
        let written: Vec<String> = severities.iter().map(|s| format!("{s:.2}")).collect();
        assert!(written == expected, "disagreements out of order");
        // Each quantity's heading, then its claims' rows in the quantity's order.
        let sections: Vec<&str> = quantities.split("\n### ").skip(1).collect();
        assert_eq!(sections.len(), r.quantities.len());
        for (section, q) in sections.iter().zip(&r.quantities) {
            assert!(section.starts_with(&title(&q.key)), "{section:.80}");
            let figures: Vec<&str> = section
                .lines()
                .filter(|l| l.starts_with("| source ") && !l.starts_with("| source | figure"))
                .filter_map(|l| l.split(" | ").nth(1))
                .collect();
            let expected: Vec<&str> = q.claims.iter().map(|&i| &*r.claims[i].text).collect();
            assert!(figures == expected, "rows of {} out of order", q.key);
        }
    }

    #[test]
    fn cells_stay_inert() {
        assert_eq!(cell("a|b\n<script>*x*"), "a\\|b &lt;script&gt;\\*x\\*");
        assert_eq!(
            title("injured|people|kyiv|2025-04-24"),
            "injured — people — kyiv — 2025-04-24"
        );
    }
}
