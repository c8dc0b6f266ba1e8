//! The report as Markdown: a summary, the disagreements most severe first, each
//! quantity with who said what, when and through whom, and the unattributed figures.

use std::fmt::Write as _;

use countercheck_graph::Claim;

use crate::model::{Report, number};

/// Makes text safe inside a Markdown table cell: no pipes or line breaks, and no
/// characters Markdown would read as markup or HTML.
pub(crate) fn cell(s: &str) -> String {
    // Most cells need no escape; a byte scan finds out without building the text anew.
    if !s.bytes().any(|b| {
        matches!(
            b,
            b'|' | b'\n' | b'\r' | b'<' | b'>' | b'*' | b'_' | b'`' | b'[' | b']'
        )
    }) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A claim's interval for people: "70–∞", "4,500–5,500".
pub(crate) fn interval(c: &Claim) -> String {
    let high = c.high.map_or("∞".to_owned(), number);
    if c.high == Some(c.low) {
        number(c.low)
    } else {
        format!("{}–{high}", number(c.low))
    }
}

/// The time of a claim for a table: its own, else "published DATE".
pub(crate) fn when(c: &Claim) -> String {
    if !c.as_of.is_empty() {
        c.as_of.clone()
    } else if !c.published.is_empty() {
        format!("published {}", c.published)
    } else {
        String::new()
    }
}

/// A quantity's key for headings: "casualties — north korean troops".
pub(crate) fn title(key: &str) -> String {
    key.split('|')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" — ")
}

/// "1 party", "3 parties".
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Renders the report as Markdown.
pub fn to_markdown(r: &Report) -> String {
    let mut out = String::from("# countercheck report\n\n");
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
    if !r.conflicts.is_empty() {
        out.push_str("## Disagreements, most severe first\n\n");
        out.push_str("| severity | quantity | higher | lower | why |\n|---|---|---|---|---|\n");
        for c in &r.conflicts {
            let (a, b) = (&r.claims[c.a], &r.claims[c.b]);
            let _ = writeln!(
                out,
                "| {:.2} | {} | “{}” ({}, {}) | “{}” ({}, {}) | {} |",
                c.severity,
                cell(&title(&c.quantity)),
                cell(&a.text),
                cell(&a.source),
                cell(&when(a)),
                cell(&b.text),
                cell(&b.source),
                cell(&when(b)),
                c.explanation.describe()
            );
        }
        out.push('\n');
    }
    out.push_str("## Quantities\n");
    for q in &r.quantities {
        let _ = writeln!(out, "\n### {}\n", cell(&title(&q.key)));
        let _ = writeln!(out, "{}\n", cell(&q.verdict));
        let high = q.reconciled.high.map_or("∞".to_owned(), number);
        let _ = writeln!(
            out,
            "Reconciled ({}): low {}, best {}, high {} — {}, {}.\n",
            r.policy.name(),
            number(q.reconciled.low),
            number(q.reconciled.best),
            high,
            counted(q.origins.len(), "independent origin", "independent origins"),
            counted(q.parties.len(), "party", "parties")
        );
        out.push_str("| source | figure | interval | when | through | document | sentence |\n|---|---|---|---|---|---|---|\n");
        for &i in &q.claims {
            let c = &r.claims[i];
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(&c.source),
                cell(&c.text),
                interval(c),
                cell(&when(c)),
                cell(&c.relay.replace(';', " → ")),
                cell(&c.doc),
                cell(&c.sentence)
            );
        }
    }
    if !r.unattributed.is_empty() {
        out.push_str("\n## Unattributed figures\n\nNo source in the text: the outlet itself is the source.\n\n");
        out.push_str(
            "| outlet | figure | measure | document | sentence |\n|---|---|---|---|---|\n",
        );
        for &i in &r.unattributed {
            let c = &r.claims[i];
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&c.outlet),
                cell(&c.text),
                c.measure,
                cell(&c.doc),
                cell(&c.sentence)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_inert() {
        assert_eq!(cell("a|b\n<script>*x*"), "a\\|b &lt;script&gt;\\*x\\*");
        assert_eq!(
            title("injured|people|kyiv|2025-04-24"),
            "injured — people — kyiv — 2025-04-24"
        );
    }
}
