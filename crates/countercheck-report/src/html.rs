//! The report as one self-contained HTML file: the same content as the Markdown report,
//! with an inline style sheet and one small inline script that sorts tables, and nothing
//! fetched from anywhere.
//!
//! Every piece of input text goes through [`escape`] and lands only in element content:
//! attributes carry numbers and ids the renderer makes itself, and the script is a
//! constant. A Content-Security-Policy allows that one script (by hash) and nothing
//! else, so a slip in escaping still could not run code or load anything.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::io;

use countercheck_graph::{ArcStr, Claim};

use crate::cells::{ClaimCells, conflict_cells};
use crate::markdown::{GATHER, push_interval, title};
use crate::model::{Conflict, QuantityPart, Report, longest_row, number, quantity_parts};
use crate::sink::{Kept, Sink, parts_at_once};

/// Sorts every `table.sortable` by the clicked header: by the cells' `data-sort` numbers
/// when they have one, else by their text.
const SCRIPT: &str = r#""use strict";
for (const table of document.querySelectorAll("table.sortable")) {
  const heads = Array.from(table.tHead.rows[0].cells);
  heads.forEach((th, col) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      for (const h of heads) h.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = (row) => {
        const cell = row.cells[col];
        return cell.dataset.sort === undefined ? cell.textContent.trim() : Number(cell.dataset.sort);
      };
      const order = (x, y) => typeof x === "number" && typeof y === "number"
        ? (x < y ? -1 : x > y ? 1 : 0)
        : String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: "base" });
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      rows.sort((a, b) => (ascending ? 1 : -1) * order(key(a), key(b)));
      body.append(...rows);
    });
  });
}
"#;

/// The SHA-256 of [`SCRIPT`], base64, for the Content-Security-Policy. Change it with the
/// script (`printf %s "$SCRIPT" | openssl dgst -sha256 -binary | base64`): the browser
/// refuses a script whose hash is not listed, and `just e2e` checks the two agree.
const SCRIPT_SHA256: &str = "a0J03sFZId5WXORCAeq4Z++o4o2OlrKJrcYYYGBCtvI=";

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --line: #d1d9e0;
  --head: #f3f5f7; --mark: #ffe28a; --link: #0b5cad; --bad: #b42318; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #30363d; --head: #161b22;
    --mark: #6b5300; --link: #6cb6ff; --bad: #ff7b72; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1.5rem; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
a { color: var(--link); }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0; }
.summary div { border: 1px solid var(--line); border-radius: 6px; padding: .35rem .8rem; min-width: 7.5rem; }
.summary dt { font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.summary dd { margin: 0; font-size: 1.3rem; font-weight: 600; }
nav ol { columns: 2 22rem; margin: 0; padding-left: 1.5rem; }
.quantity { border: 1px solid var(--line); border-radius: 8px; padding: .9rem 1rem; margin: 1rem 0; }
.verdict { margin: .2rem 0 .6rem; }
.reconciled { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0 0 .4rem; }
.reconciled dt { display: inline; color: var(--muted); }
.reconciled dd { display: inline; margin: 0 0 0 .3rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.origins { margin: 0 0 .5rem; font-size: .9rem; }
.badge { display: inline-block; margin-left: .4rem; padding: 0 .45rem; border-radius: 1rem; font-size: .75rem;
  font-weight: 600; vertical-align: middle; color: var(--bg); background: var(--bad); }
.muted { color: var(--muted); font-size: .8rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .86rem; margin: .4rem 0 .6rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--head); white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.sentence { min-width: 22rem; }
td.when { white-space: nowrap; }
q { font-weight: 600; }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th button::after { content: " \2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \25B2"; }
th[aria-sort="descending"] button::after { content: " \25BC"; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media print {
  :root { --fg: #000; --muted: #444; --bg: #fff; --line: #999; --head: #eee; }
  html { font-size: 9pt; }
  body { max-width: none; padding: 0; font-size: 1rem; }
  td.sentence { min-width: 0; }
  td.when { white-space: normal; }
  nav, footer { display: none; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
  .quantity { border: 0; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  th button::after { content: none; }
  mark { background: none; font-weight: 700; text-decoration: underline; }
  .badge { color: #000; background: none; border: 1px solid #000; }
}
"#;

/// Escapes text for HTML, in element content and in quoted attribute values alike.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// `url` when it is safe to put in a link: an absolute http or https address with no
/// whitespace or control character in it. Anything else, `javascript:` and `data:`
/// among them, is shown as text or not at all: a URL is input like any other.
fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let scheme_ok = ["https://", "http://"].iter().any(|s| {
        u.get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
    });
    let clean = !u.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && clean && u.len() > "https://".len()).then_some(u)
}

/// Appends a document's id, linked to its web address when it gave a safe one,
/// escaped as it goes.
fn push_document_cell(out: &mut Sink<'_>, r: &Report, doc: &str) {
    match r.urls.get(doc).and_then(|u| safe_url(u)) {
        Some(url) => {
            out.push_str("<a href=\"");
            push_escaped(out, url);
            out.push_str("\" rel=\"noopener noreferrer\">");
            push_escaped(out, doc);
            out.push_str("</a>");
        }
        None => push_escaped(out, doc),
    }
}

/// Appends a number for a `data-sort` attribute, as JavaScript's `Number` reads it.
fn push_sort_key(out: &mut impl fmt::Write, x: f64) {
    let _ = if x.is_nan() {
        out.write_str("0")
    } else if x.is_infinite() {
        out.write_str(if x > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        write!(out, "{x}")
    };
}

/// Appends the claim's sentence, escaped as it goes, with its figure in a `<mark>`. The
/// sentence has its whitespace collapsed, so the figure is looked for collapsed too;
/// when it still is not there, the sentence is shown without a highlight.
fn push_highlighted(out: &mut impl fmt::Write, c: &Claim, sentence: &str) {
    let figure = crate::rows::one_line(&c.text);
    match sentence.find(&*figure).filter(|_| !figure.is_empty()) {
        Some(at) => {
            let end = at + figure.len();
            push_escaped(out, &sentence[..at]);
            let _ = out.write_str("<mark>");
            push_escaped(out, &figure);
            let _ = out.write_str("</mark>");
            push_escaped(out, &sentence[end..]);
        }
        None => push_escaped(out, sentence),
    }
}

/// "1 disagreement", "2 disagreements".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A severity for people: "1.02", "∞".
fn severity(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.2}")
    } else {
        "∞".to_owned()
    }
}

/// Opens a sortable table with `heads` as its header row.
fn table_start(out: &mut Sink<'_>, heads: &[&str]) {
    out.push_str("<div class=\"scroll\"><table class=\"sortable\"><thead><tr>");
    for h in heads {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>\n");
}

fn table_end(out: &mut Sink<'_>) {
    out.push_str("</tbody></table></div>\n");
}

/// Appends a claim's cell of a disagreement's row: the figure, who said it and when; it
/// sorts by the value. Escaped as it goes rather than into strings of its own.
fn push_claim_cell(out: &mut Sink<'_>, cells: &ClaimCells<'_>) {
    out.push_str("<td data-sort=\"");
    push_sort_key(out, cells.value);
    out.push_str("\"><q>");
    push_escaped(out, cells.text);
    out.push_str("</q><br><span>");
    push_escaped(out, cells.source);
    out.push_str("</span> <span class=\"muted\">");
    cells.push_when(out, push_escaped_into);
    out.push_str("</span></td>");
}

/// [`push_escaped`] for the output, as [`ClaimCells::push_when`] takes it.
fn push_escaped_into(out: &mut Sink<'_>, s: &str) {
    push_escaped(out, s);
}

/// Appends [`escape`]`(s)` to `out`, with no string of its own: the characters it
/// replaces are ASCII, so the text between them is copied as it stands.
fn push_escaped(out: &mut impl fmt::Write, s: &str) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        let _ = out.write_str(&s[from..i]);
        let _ = out.write_str(entity);
        from = i + 1;
    }
    let _ = out.write_str(&s[from..]);
}

fn head(out: &mut Sink<'_>, r: &Report) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         script-src 'sha256-{SCRIPT_SHA256}'; base-uri 'none'; form-action 'none'\">"
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(
        out,
        "<title>countercheck report: {} in {}</title>",
        count(r.conflicts.len(), "disagreement", "disagreements"),
        count(r.documents, "document", "documents")
    );
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
}

fn summary(out: &mut Sink<'_>, r: &Report) {
    out.push_str("<header>\n<h1>countercheck report</h1>\n<dl class=\"summary\">\n");
    let items = [
        ("documents", r.documents.to_string()),
        (
            "inputs",
            format!(
                "{} found = {} processed + {} skipped",
                r.inputs.found,
                r.inputs.processed,
                r.inputs.skipped.len()
            ),
        ),
        ("claims", r.claims.len().to_string()),
        ("quantities", r.quantities.len().to_string()),
        ("disagreements", r.conflicts.len().to_string()),
        ("reconciliation", r.policy.name().to_owned()),
    ];
    for (name, value) in items {
        let _ = writeln!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            escape(name),
            escape(&value)
        );
    }
    out.push_str("</dl>\n</header>\n<main>\n");
}

fn disagreements(out: &mut Sink<'_>, r: &Report, anchors: &HashMap<&str, usize>, longest: usize) {
    out.push_str("<section id=\"disagreements\">\n<h2>Disagreements, most severe first</h2>\n");
    if r.conflicts.is_empty() {
        out.push_str("<p>No two claims of one quantity disagree.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p class=\"muted\">Severity: the higher figure's low bound over the lower figure's high bound.</p>\n",
    );
    table_start(out, &["severity", "quantity", "higher", "lower", "why"]);
    let blocks: Vec<&[Conflict]> = r.conflicts.chunks(GATHER).collect();
    let at_once = parts_at_once(GATHER.saturating_mul(2 * longest));
    out.in_order(&blocks, at_once, |out, block| {
        conflict_rows(out, r, anchors, block)
    });
    table_end(out);
    out.push_str("</section>\n");
}

/// The rows of the disagreements `block`.
fn conflict_rows(
    out: &mut Sink<'_>,
    r: &Report,
    anchors: &HashMap<&str, usize>,
    block: &[Conflict],
) {
    let rows = conflict_cells(r, block);
    // Rows come most severe first, and most of a corpus's disagreements gather in a
    // few quantities, so the row's start with its severity and the quantity's cell
    // mostly repeat the row before's.
    let mut severity_cell = Kept::new();
    let mut quantity_cell = Kept::new();
    for (c, quantity, a, b) in &rows {
        out.push_str(severity_cell.get(c.severity.to_bits(), |cell| {
            cell.push_str("<tr><td class=\"num\" data-sort=\"");
            push_sort_key(cell, c.severity);
            cell.push_str("\">");
            push_escaped(cell, &severity(c.severity));
            cell.push_str("</td>");
        }));
        out.push_str(quantity_cell.get(*quantity, |cell| {
            let name = escape(&title(quantity));
            let _ = match anchors.get(quantity) {
                Some(n) => write!(cell, "<td><a href=\"#q{n}\">{name}</a></td>"),
                None => write!(cell, "<td>{name}</td>"),
            };
        }));
        push_claim_cell(out, a);
        push_claim_cell(out, b);
        out.push_str("<td>");
        push_escaped(out, c.explanation.describe());
        out.push_str("</td></tr>\n");
    }
}

fn quantities(out: &mut Sink<'_>, r: &Report, longest: usize) {
    out.push_str("<section id=\"quantities\">\n<h2>Quantities</h2>\n");
    if r.quantities.is_empty() {
        out.push_str("<p>No claims were found.</p>\n</section>\n");
        return;
    }
    // A long list stays folded; a short one is open.
    let open = if r.quantities.len() <= 20 {
        " open"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<nav aria-label=\"quantities\"><details{open}><summary>All {}</summary><ol>",
        count(r.quantities.len(), "quantity", "quantities")
    );
    for (n, q) in r.quantities.iter().enumerate() {
        let _ = write!(out, "<li><a href=\"#q{n}\">{}</a>", escape(&title(&q.key)));
        if q.disagreements > 0 {
            let _ = write!(
                out,
                " <span class=\"muted\">({})</span>",
                count(q.disagreements, "disagreement", "disagreements")
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol></details></nav>\n");
    // A part holds a heading too, which may be as long as its rows.
    let at_once = parts_at_once((GATHER + 1).saturating_mul(longest));
    out.in_order(&quantity_parts(r), at_once, |out, part| {
        quantity_part(out, r, part)
    });
    out.push_str("</section>\n");
}

/// A part of the quantities' section: a quantity's heading when it is the first, a block
/// of its rows, and the end of its article when it is the last.
fn quantity_part(out: &mut Sink<'_>, r: &Report, part: &QuantityPart<'_>) {
    let (n, q) = (part.n, part.quantity);
    if part.first {
        let _ = write!(
            out,
            "<article class=\"quantity\" id=\"q{n}\">\n<h3>{}",
            escape(&title(&q.key))
        );
        if q.disagreements > 0 {
            let _ = write!(
                out,
                "<span class=\"badge\">{}</span>",
                count(q.disagreements, "disagreement", "disagreements")
            );
        }
        let _ = writeln!(
            out,
            "</h3>\n<p class=\"verdict\">{}</p>",
            escape(&q.verdict)
        );
        let high = q.reconciled.high.map_or("∞".to_owned(), number);
        let _ = writeln!(
            out,
            "<dl class=\"reconciled\"><div><dt>policy</dt><dd>{}</dd></div><div><dt>low</dt><dd>{}</dd></div>\
             <div><dt>best</dt><dd>{}</dd></div><div><dt>high</dt><dd>{}</dd></div></dl>",
            escape(r.policy.name()),
            escape(&number(q.reconciled.low)),
            escape(&number(q.reconciled.best)),
            escape(&high)
        );
        let list = |names: &[ArcStr]| {
            if names.is_empty() {
                "none".to_owned()
            } else {
                names
                    .iter()
                    .map(|s| escape(s))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        };
        let _ = writeln!(
            out,
            "<p class=\"origins\">{}: {}.<br>{}: {}.</p>",
            count(q.origins.len(), "independent origin", "independent origins"),
            list(&q.origins),
            count(q.parties.len(), "party", "parties"),
            list(&q.parties)
        );
        table_start(
            out,
            &[
                "source", "figure", "interval", "when", "through", "document", "sentence",
            ],
        );
    }
    // As for the disagreements: a quantity's claims come from many documents, and their
    // sentences from anywhere in the file of sentences, so a part's are looked up
    // before any row is written. Each row is escaped straight into the output.
    let claims: Vec<_> = part
        .claims
        .iter()
        .map(|&i| {
            let c = &r.claims[i];
            (c, ClaimCells::of(c), r.sentence(i))
        })
        .collect();
    for (c, cells, sentence) in &claims {
        out.push_str("<tr><td>");
        push_escaped(out, cells.source);
        out.push_str("<br><span class=\"muted\">");
        push_escaped(out, &c.source_kind);
        out.push_str("</span></td><td data-sort=\"");
        push_sort_key(out, c.value);
        out.push_str("\"><q>");
        push_escaped(out, cells.text);
        out.push_str("</q></td><td class=\"num\" data-sort=\"");
        push_sort_key(out, c.low);
        out.push_str("\">");
        // Digits, separators, a dash and ∞: nothing to escape.
        out.with_buffer(|buf| push_interval(buf, c));
        out.push_str("</td><td class=\"when\">");
        cells.push_when(out, push_escaped_into);
        out.push_str("</td><td>");
        for (k, relay) in c.relay.split(';').enumerate() {
            if k > 0 {
                out.push_str(" → ");
            }
            push_escaped(out, relay);
        }
        out.push_str("</td><td>");
        push_document_cell(out, r, &c.doc);
        out.push_str("<br><span class=\"muted\">");
        push_escaped(out, &c.outlet);
        out.push_str("</span></td><td class=\"sentence\">");
        push_highlighted(out, c, sentence);
        out.push_str("</td></tr>\n");
    }
    if part.last {
        table_end(out);
        out.push_str("</article>\n");
    }
}

fn unattributed(out: &mut Sink<'_>, r: &Report) {
    if r.unattributed.is_empty() {
        return;
    }
    out.push_str("<section id=\"unattributed\">\n<h2>Unattributed figures</h2>\n");
    out.push_str("<p>No source in the text: the outlet itself is the source.</p>\n");
    table_start(
        out,
        &["outlet", "figure", "measure", "document", "sentence"],
    );
    for &i in &r.unattributed {
        let c = &r.claims[i];
        out.push_str("<tr><td>");
        push_escaped(out, &c.outlet);
        out.push_str("</td><td data-sort=\"");
        push_sort_key(out, c.value);
        out.push_str("\"><q>");
        push_escaped(out, &c.text);
        out.push_str("</q></td><td>");
        push_escaped(out, &c.measure);
        out.push_str("</td><td>");
        push_document_cell(out, r, &c.doc);
        out.push_str("</td><td class=\"sentence\">");
        push_highlighted(out, c, &r.sentence(i));
        out.push_str("</td></tr>\n");
    }
    table_end(out);
    out.push_str("</section>\n");
}

/// The inputs that were skipped or read with a problem, so the page itself says what
/// it does not cover.
fn problems(out: &mut Sink<'_>, r: &Report) {
    if r.inputs.skipped.is_empty() && r.inputs.warnings.is_empty() {
        return;
    }
    out.push_str("<section id=\"inputs\">\n<h2>Inputs skipped or read with a problem</h2>\n");
    table_start(out, &["input", "outcome", "reason"]);
    let skipped = r.inputs.skipped.iter().map(|p| (p, "skipped"));
    let warned = r.inputs.warnings.iter().map(|p| (p, "read"));
    for (p, outcome) in skipped.chain(warned) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&p.input),
            outcome,
            escape(&p.reason)
        );
    }
    table_end(out);
    out.push_str("</section>\n");
}

/// Renders the report as one self-contained HTML5 page.
pub fn to_html(report: &Report) -> String {
    let capacity = STYLE.len() + SCRIPT.len() + 1024 * (report.claims.len() + 4);
    Sink::render_string(capacity, |out| render(out, report))
}

/// Writes the page of [`to_html`] to `out` as it is rendered.
pub fn write_html(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    Sink::render_into(out, |sink| render(sink, report))
}

fn render(out: &mut Sink<'_>, report: &Report) {
    let anchors: HashMap<&str, usize> = report
        .quantities
        .iter()
        .enumerate()
        .map(|(n, q)| (q.key.as_str(), n))
        .collect();
    head(out, report);
    summary(out, report);
    // Parts of the tables are rendered on all cores, as many at once as rows this long
    // allow (see `Sink::in_order`).
    let longest = longest_row(report);
    disagreements(out, report, &anchors, longest);
    quantities(out, report, longest);
    unattributed(out, report);
    problems(out, report);
    out.push_str(
        "</main>\n<footer>Made by countercheck. Click a column header to sort its table.</footer>\n",
    );
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
}

#[cfg(test)]
mod tests {

    use countercheck_graph::{ClaimGraph, Registry};

    use super::*;
    use crate::{Policy, build};

    const SCRIPT_TAG: &str = "<script>alert(1)</script>";
    const HANDLER: &str = "\" onmouseover=\"x";
    const URL: &str = "javascript:alert(1)";
    const FORMULA: &str = "=HYPERLINK(\"x\")";

    fn claim(id: &str, text: &str, low: f64, high: f64, source: &str, sentence: &str) -> Claim {
        Claim {
            id: id.into(),
            doc: format!("{SCRIPT_TAG}{URL}.txt").into(),
            text: text.into(),
            value: (low + high) / 2.0,
            low,
            high: Some(high),
            qualifier: "approx".into(),
            measure: "killed".into(),
            quantity: format!("killed|{SCRIPT_TAG}|{HANDLER}").into(),
            source: source.to_owned().into(),
            source_kind: "unknown".to_owned().into(),
            outlet: FORMULA.to_owned().into(),
            sentence: sentence.to_owned().into(),
            attribution: "speech".into(),
            ..Claim::default()
        }
    }

    fn hostile() -> Report {
        let text = format!("5,000 {SCRIPT_TAG}");
        let sentence = format!("He said {text} died {HANDLER} {URL} {FORMULA}.");
        let mut unattributed = claim("b", "40", 40.0, 40.0, "", "Some 40 died.");
        unattributed.attribution = "outlet".into();
        let claims = vec![
            claim(
                "a",
                &text,
                4500.0,
                5500.0,
                &format!("{SCRIPT_TAG}{HANDLER}{FORMULA}"),
                &sentence,
            ),
            unattributed,
        ];
        let graph = ClaimGraph::build(&[], &claims, Registry::builtin());
        build(1, claims, &graph, Policy::Range)
    }

    /// Many hostile claims in disagreement: output far larger than a sink's chunk.
    fn large() -> Report {
        let claims: Vec<_> = (0..600)
            .map(|i| {
                let low = f64::from(i) * 10.0 + 1.0;
                let c = claim(
                    &format!("d{i}:0-5"),
                    "5,000",
                    low,
                    low,
                    &format!("{SCRIPT_TAG} source {}", i % 7),
                    &format!("A sentence | with [markup] {i} {HANDLER}."),
                );
                Claim {
                    relay: "AP;Reuters".to_owned().into(),
                    ..c
                }
            })
            .collect();
        let graph = ClaimGraph::build(&[], &claims, Registry::builtin());
        build(600, claims, &graph, Policy::Range)
    }

    #[test]
    fn streamed_reports_equal_the_whole_ones() {
        let r = large();
        let mut md = Vec::new();
        crate::write_markdown(&r, &mut md).expect("a Vec takes every write");
        let whole = crate::to_markdown(&r);
        assert!(whole.len() > 4 * 64 * 1024, "{} bytes", whole.len());
        assert!(whole.contains("AP → Reuters") && whole.contains("\\| with \\[markup\\]"));
        assert_eq!(String::from_utf8(md).expect("utf-8"), whole);
        let mut html = Vec::new();
        write_html(&r, &mut html).expect("a Vec takes every write");
        assert_eq!(String::from_utf8(html).expect("utf-8"), to_html(&r));
        let mut json = Vec::new();
        crate::write_json(&r, &mut json).expect("a Vec takes every write");
        assert_eq!(String::from_utf8(json).expect("utf-8"), crate::to_json(&r));
    }

    #[test]
    fn each_disagreement_names_its_own_quantity_and_severity() {
        // Two quantities whose disagreements interleave when sorted by severity, so
        // that the cells kept from the row before must be made again and again.
        let claims: Vec<_> = (0..40)
            .map(|i| {
                let low = f64::from(1 + i % 5) * f64::from(1 + i / 10) * 100.0;
                Claim {
                    quantity: if i % 2 == 0 { "killed|a" } else { "injured|b" }.into(),
                    ..claim(&format!("d{i}:0-5"), "x", low, low, "S", "A sentence.")
                }
            })
            .collect();
        let graph = ClaimGraph::build(&[], &claims, Registry::builtin());
        let r = build(40, claims, &graph, Policy::Range);
        let expected: Vec<(String, String)> = r
            .conflicts
            .iter()
            .map(|c| (severity(c.severity), title(c.quantity(&r.claims))))
            .collect();
        let quantities: std::collections::HashSet<_> = expected.iter().map(|e| &e.1).collect();
        assert_eq!(quantities.len(), 2);
        assert!(
            expected.windows(2).filter(|w| w[0].1 != w[1].1).count() > 4,
            "the quantities do not interleave"
        );
        let md = crate::to_markdown(&r);
        let md_rows: Vec<(String, String)> = md
            .split("| severity | quantity | higher | lower | why |\n|---|---|---|---|---|\n")
            .nth(1)
            .expect("a table of disagreements")
            .lines()
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                let cells: Vec<&str> = l.split(" | ").collect();
                (
                    cells[0].trim_start_matches("| ").to_owned(),
                    cells[1].to_owned(),
                )
            })
            .collect();
        assert_eq!(md_rows, expected);
        let html = to_html(&r);
        let section = &html[html.find("<section id=\"disagreements\">").unwrap()..];
        let html_rows: Vec<(String, String)> = section
            .split("<tr><td class=\"num\"")
            .skip(1)
            .map(|row| {
                let severity = row
                    .split("\">")
                    .nth(1)
                    .and_then(|r| r.split("</td>").next());
                let quantity = row.split("\">").nth(2).and_then(|r| r.split("</a>").next());
                (
                    severity.unwrap_or("").to_owned(),
                    quantity.unwrap_or("").to_owned(),
                )
            })
            .collect();
        assert_eq!(html_rows, expected);
    }

    #[test]
    fn a_quantity_rendered_in_parts_is_one_article_in_order() {
        // 600 claims of one quantity: ten blocks of rows, rendered on all cores.
        let r = large();
        assert_eq!(r.quantities.len(), 1);
        let html = to_html(&r);
        assert_eq!(html.matches("<article class=\"quantity\"").count(), 1);
        assert_eq!(html.matches("</article>").count(), 1);
        let article = &html[html.find("<article").unwrap()..html.find("</article>").unwrap()];
        // Each row's sentence names its claim's number, in the quantity's order.
        let numbers: Vec<&str> = article
            .split("[markup] ")
            .skip(1)
            .filter_map(|rest| rest.split(' ').next())
            .collect();
        let expected: Vec<String> = r.quantities[0]
            .claims
            .iter()
            .map(|&i| {
                r.claims[i]
                    .sentence
                    .split(' ')
                    .nth(5)
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(numbers.len(), 600);
        assert!(numbers == expected, "rows out of order");
    }

    #[test]
    fn input_is_inert() {
        let report = hostile();
        assert_eq!(report.conflicts.len(), 1);
        let html = to_html(&report);
        assert!(!html.contains("<script>alert"), "raw script tag");
        assert!(
            !html.contains("onmouseover=\""),
            "raw event handler attribute"
        );
        assert!(!html.contains("HYPERLINK(\""), "raw quotes of the formula");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot; onmouseover=&quot;x"));
        assert!(html.contains("=HYPERLINK(&quot;x&quot;)"));
        // The URL is text only: every link is an in-page anchor the renderer made.
        assert!(html.contains(URL));
        for (at, _) in html.match_indices("href=\"") {
            assert!(
                html[at + 6..].starts_with("#q"),
                "link to {}",
                &html[at..at + 30]
            );
        }
        assert!(!html.contains("src="));
        assert_eq!(
            html.matches("<script").count(),
            1,
            "exactly one script element"
        );
        assert_eq!(html.matches("</script>").count(), 1);
    }

    #[test]
    fn only_web_addresses_become_links() {
        let mut report = hostile();
        let doc = report.claims[0].doc.clone();
        for bad in [
            URL,
            " JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/x",
            "https://a.example/\" onmouseover=\"x",
            "https://",
        ] {
            report.urls.insert(doc.to_string(), bad.to_owned());
            let html = to_html(&report);
            assert!(!html.contains("rel=\"noopener"), "{bad:?} became a link");
        }
        report.urls.insert(
            doc.to_string(),
            "https://news.example/a?b=1&c=<x>".to_owned(),
        );
        let html = to_html(&report);
        assert!(html.contains(
            "<a href=\"https://news.example/a?b=1&amp;c=&lt;x&gt;\" rel=\"noopener noreferrer\">"
        ));
        // The link text is the document id, escaped like any other cell.
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;javascript:alert(1).txt</a>"));
    }

    #[test]
    fn skipped_inputs_are_listed() {
        let mut report = hostile();
        report.inputs.found = 2;
        report.inputs.skipped.push(crate::Problem {
            input: format!("{SCRIPT_TAG}.pdf"),
            reason: "binary file (PDF), not text: convert it to text first".to_owned(),
        });
        let html = to_html(&report);
        assert!(html.contains("2 found = 1 processed + 1 skipped"));
        assert!(
            html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;.pdf</td><td>skipped</td>")
        );
    }

    #[test]
    fn figure_is_marked() {
        let html = to_html(&hostile());
        assert!(
            html.contains("He said <mark>5,000 &lt;script&gt;alert(1)&lt;/script&gt;</mark> died")
        );
        assert!(html.contains("Some <mark>40</mark> died."));
    }

    #[test]
    fn highlight_collapses_whitespace_and_falls_back() {
        let mut c = claim(
            "a",
            "about\n  4,000",
            3600.0,
            4400.0,
            "x",
            "It lost about 4,000 <men>.",
        );
        assert_eq!(
            highlighted(&c, &c.sentence),
            "It lost <mark>about 4,000</mark> &lt;men&gt;."
        );
        c.text = "four thousand".into();
        assert_eq!(
            highlighted(&c, &c.sentence),
            "It lost about 4,000 &lt;men&gt;."
        );
        c.text = ArcStr::default();
        assert_eq!(
            highlighted(&c, &c.sentence),
            "It lost about 4,000 &lt;men&gt;."
        );
    }

    #[test]
    fn page_is_complete_and_self_contained() {
        let html = to_html(&hostile());
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<meta name=\"viewport\""));
        assert!(html.contains("<title>countercheck report: 1 disagreement in 1 document</title>"));
        assert!(html.contains("Disagreements, most severe first"));
        assert!(html.contains("Unattributed figures"));
        assert!(
            !html.contains("http://") && !html.contains("https://") && !html.contains("@import")
        );
        assert_eq!(html.matches("<table class=\"sortable\">").count(), 3);
        assert!(
            html.contains("<td class=\"num\" data-sort=\"112.5\">112.50</td>"),
            "severity sorts by number"
        );
    }

    /// [`push_highlighted`] into a string of its own.
    fn highlighted(c: &Claim, sentence: &str) -> String {
        let mut out = String::new();
        push_highlighted(&mut out, c, sentence);
        out
    }

    /// [`push_sort_key`] into a string of its own.
    fn sort_key(x: f64) -> String {
        let mut out = String::new();
        push_sort_key(&mut out, x);
        out
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(sort_key(f64::INFINITY), "Infinity");
        assert_eq!(sort_key(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(sort_key(f64::NAN), "0");
        assert_eq!(sort_key(4500.0), "4500");
        assert_eq!(sort_key(0.25), "0.25");
    }

    proptest::proptest! {
        /// Escaping copies the text between the characters it replaces a stretch at a
        /// time; it gives what replacing each character on its own gives.
        #[test]
        fn escaping_by_stretches_as_by_characters(s in "([a-z ]|[&<>\"'é“”—]){0,30}") {
            let plain: String = s
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_owned(),
                    '<' => "&lt;".to_owned(),
                    '>' => "&gt;".to_owned(),
                    '"' => "&quot;".to_owned(),
                    '\'' => "&#39;".to_owned(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape(&s), plain);
        }
    }
}
