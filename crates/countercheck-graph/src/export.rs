//! The claim graph written out: DOT for Graphviz, GraphML for networkx, Gephi and yEd,
//! and JSON with every attribute. Every string from the input is escaped for its format.

use std::fmt::Write as _;

use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::model::{ClaimGraph, Node, Relation};

/// Escapes a string for a double-quoted DOT id or label.
fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a string for XML text and attribute values; characters XML 1.0 forbids
/// become spaces.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn shape(node: &Node) -> &'static str {
    match node {
        Node::Document(_) => "note",
        Node::Claim(_) => "box",
        Node::Source(_) => "ellipse",
        Node::Quantity { .. } => "hexagon",
    }
}

/// The graph in Graphviz's DOT language.
pub fn to_dot(g: &ClaimGraph) -> String {
    let graph = g.graph();
    let mut out = String::from(
        "digraph claims {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for n in graph.node_indices() {
        let node = &graph[n];
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", shape={}];",
            dot_escape(&node.id()),
            dot_escape(&node.label()),
            shape(node)
        );
    }
    for e in graph.edge_references() {
        let label = match e.weight() {
            Relation::RelayedBy { position } => format!("relayed_by {position}"),
            r => r.name().to_owned(),
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\"];",
            dot_escape(&graph[e.source()].id()),
            dot_escape(&graph[e.target()].id()),
            label
        );
    }
    out.push_str("}\n");
    out
}

/// The attributes of a node, as (key, value) with a GraphML type.
enum Value {
    Text(String),
    Number(f64),
    Integer(i64),
}

fn attributes(node: &Node) -> Vec<(&'static str, Value)> {
    let text = |s: &str| Value::Text(s.to_owned());
    let mut out = vec![
        ("type", text(node.kind())),
        ("label", Value::Text(node.label())),
    ];
    match node {
        Node::Document(d) => {
            out.push(("outlet", text(&d.outlet)));
            out.push(("published", text(&d.published)));
            out.push(("copy_of", text(d.copy_of.as_deref().unwrap_or(""))));
        }
        Node::Claim(c) => {
            out.push(("doc", text(&c.doc)));
            out.push(("start", Value::Integer(c.start as i64)));
            out.push(("end", Value::Integer(c.end as i64)));
            out.push(("text", text(&c.text)));
            out.push(("value", Value::Number(c.value)));
            out.push(("low", Value::Number(c.low)));
            if let Some(h) = c.high {
                out.push(("high", Value::Number(h)));
            }
            out.push(("qualifier", text(&c.qualifier)));
            out.push(("measure", text(&c.measure)));
            out.push(("subject", text(&c.subject)));
            out.push(("place", text(&c.place)));
            out.push(("as_of", text(&c.as_of)));
            out.push(("sentence", text(&c.sentence)));
        }
        Node::Source(s) => {
            out.push(("name", text(&s.name)));
            out.push(("source_kind", text(&s.kind)));
            out.push(("country", text(&s.country)));
            out.push(("side", text(&s.side)));
        }
        Node::Quantity { key } => out.push(("key", text(key))),
    }
    out
}

/// The graph as GraphML, with a typed key for every attribute.
pub fn to_graphml(g: &ClaimGraph) -> String {
    let graph = g.graph();
    // Keys first: GraphML wants them declared, each with one type.
    let mut keys: Vec<(&'static str, &'static str)> = Vec::new();
    for n in graph.node_indices() {
        for (k, v) in attributes(&graph[n]) {
            let ty = match v {
                Value::Text(_) => "string",
                Value::Number(_) => "double",
                Value::Integer(_) => "long",
            };
            if !keys.iter().any(|(name, _)| *name == k) {
                keys.push((k, ty));
            }
        }
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
    );
    for (k, ty) in &keys {
        let _ = writeln!(
            out,
            "  <key id=\"n_{k}\" for=\"node\" attr.name=\"{k}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str(
        "  <key id=\"e_relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n",
    );
    out.push_str(
        "  <key id=\"e_position\" for=\"edge\" attr.name=\"position\" attr.type=\"long\"/>\n",
    );
    out.push_str("  <graph id=\"claims\" edgedefault=\"directed\">\n");
    for n in graph.node_indices() {
        let node = &graph[n];
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(&node.id()));
        for (k, v) in attributes(node) {
            let value = match v {
                Value::Text(s) => xml_escape(&s),
                Value::Number(x) => format!("{x}"),
                Value::Integer(i) => i.to_string(),
            };
            let _ = writeln!(out, "      <data key=\"n_{k}\">{value}</data>");
        }
        out.push_str("    </node>\n");
    }
    for e in graph.edge_references() {
        let _ = writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\">\n      <data key=\"e_relation\">{}</data>",
            xml_escape(&graph[e.source()].id()),
            xml_escape(&graph[e.target()].id()),
            e.weight().name()
        );
        if let Relation::RelayedBy { position } = e.weight() {
            let _ = writeln!(out, "      <data key=\"e_position\">{position}</data>");
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// A node: its graph id, type and label, and its attributes under `data` (a claim's
/// own `id` stays there, apart from the node's).
#[derive(Serialize)]
struct JsonNode<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    data: &'a Node,
}

#[derive(Serialize)]
struct JsonEdge {
    source: String,
    target: String,
    #[serde(flatten)]
    relation: Relation,
}

#[derive(Serialize)]
struct JsonQuantity {
    key: String,
    origins: Vec<String>,
    parties: Vec<String>,
}

#[derive(Serialize)]
struct JsonGraph<'a> {
    nodes: Vec<JsonNode<'a>>,
    edges: Vec<JsonEdge>,
    quantities: Vec<JsonQuantity>,
}

/// The graph as JSON: nodes with all their attributes, edges, and for each quantity its
/// independent origins and parties.
pub fn to_json(g: &ClaimGraph) -> String {
    let graph = g.graph();
    let doc = JsonGraph {
        nodes: graph
            .node_indices()
            .map(|n| JsonNode {
                id: graph[n].id(),
                kind: graph[n].kind(),
                label: graph[n].label(),
                data: &graph[n],
            })
            .collect(),
        edges: graph
            .edge_references()
            .map(|e| JsonEdge {
                source: graph[e.source()].id(),
                target: graph[e.target()].id(),
                relation: *e.weight(),
            })
            .collect(),
        quantities: g
            .quantities()
            .map(|q| JsonQuantity {
                key: q.to_owned(),
                origins: g.origins(q),
                parties: g.parties(q),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(dot_escape("say \"hi\"\\"), "say \\\"hi\\\"\\\\");
        assert_eq!(
            xml_escape("<script>&\"'\u{1}"),
            "&lt;script&gt;&amp;&quot;&apos; "
        );
    }
}
