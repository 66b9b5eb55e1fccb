//! Graphviz DOT export of the conflict graph, and the DOT quoting every renderer uses
//! ([`quoted`], re-exported as `report::dot::quoted`).

use std::fmt::Write;

use crate::conflict::{ConflictGraph, EdgeKind, NodeKind, ThreatMeans};

/// A DOT double-quoted string: quotes and backslashes escaped, newlines as `\n`, other
/// control characters dropped; non-ASCII kept as UTF-8 (DOT files are UTF-8).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Fill colour of each kind of node.
fn fill(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Party => "#dbe9f6",
        NodeKind::Policy => "#e5f5e0",
        NodeKind::Demand => "#fdf2d0",
        NodeKind::Sanction => "#f3e0ec",
    }
}

/// Colour of threat edges.
const THREAT: &str = "#d95f02";

impl ConflictGraph {
    /// The graph in Graphviz DOT: parties as boxes, policies as notes, demands as ellipses,
    /// sanctions as octagons, each kind in its own fill colour; conflicts drawn bold red; then
    /// every threat ([`ConflictGraph::threats`]) as a dashed edge, from the sanction to the
    /// party it threatens (`threatens`, `threatens (in force)`) or from a party to the party
    /// fearing its exit (`threatens: exit ...`). Nodes and edges in insertion order, threats
    /// in the order of [`ConflictGraph::threats`]; names quoted with
    /// [`quoted`].
    pub fn to_dot(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "digraph {} {{", quoted(&self.name));
        let _ = writeln!(out, "  rankdir=LR;");
        let _ = writeln!(out, "  node [fontname=\"Helvetica\", style=filled];");
        let _ = writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];");
        let mut last_kind = None;
        for i in self.graph.node_indices() {
            let Some(node) = self.graph.node_weight(i) else {
                continue;
            };
            if last_kind != Some(node.kind) {
                let _ = writeln!(out, "  node [fillcolor={}];", quoted(fill(node.kind)));
                last_kind = Some(node.kind);
            }
            let shape = match node.kind {
                NodeKind::Party => "box",
                NodeKind::Policy => "note",
                NodeKind::Demand => "ellipse",
                NodeKind::Sanction => "octagon",
            };
            let _ = writeln!(
                out,
                "  n{} [label={}, shape={shape}];",
                i.index(),
                quoted(&format!("{}\n({})", node.name, node.kind.as_str()))
            );
        }
        for e in self.graph.raw_edges() {
            let style = if e.weight == EdgeKind::ConflictsWith {
                ", color=red, fontcolor=red, style=bold"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  n{} -> n{} [label={}{style}];",
                e.source().index(),
                e.target().index(),
                quoted(e.weight.as_str())
            );
        }
        for t in self.threats() {
            let against = self.find(NodeKind::Party, &t.against);
            let (from, label) = match &t.means {
                ThreatMeans::Sanction { sanction, .. } => (
                    self.find(NodeKind::Sanction, sanction),
                    if t.in_force {
                        "threatens (in force)".to_string()
                    } else {
                        "threatens".to_string()
                    },
                ),
                ThreatMeans::Exit { option } => (
                    self.find(NodeKind::Party, &t.by),
                    format!("threatens: {option}"),
                ),
            };
            if let (Some(from), Some(to)) = (from, against) {
                let _ = writeln!(
                    out,
                    "  n{} -> n{} [label={}, style=dashed, color={}, fontcolor={}];",
                    from.index(),
                    to.index(),
                    quoted(&label),
                    quoted(THREAT),
                    quoted(THREAT)
                );
            }
        }
        out.push_str("}\n");
        out
    }
}
