//! Graphviz DOT export of the conflict graph.

use std::fmt::Write;

use crate::conflict::{ConflictGraph, EdgeKind, NodeKind};

impl ConflictGraph {
    /// The graph in Graphviz DOT: parties as boxes, policies as notes, demands as ellipses,
    /// sanctions as octagons; conflicts drawn bold red. Nodes and edges in insertion order.
    pub fn to_dot(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "digraph \"{}\" {{", escape(&self.name));
        let _ = writeln!(out, "  rankdir=LR;");
        for i in self.graph.node_indices() {
            let Some(node) = self.graph.node_weight(i) else {
                continue;
            };
            let shape = match node.kind {
                NodeKind::Party => "box",
                NodeKind::Policy => "note",
                NodeKind::Demand => "ellipse",
                NodeKind::Sanction => "octagon",
            };
            let _ = writeln!(
                out,
                "  n{} [label=\"{}\\n({})\", shape={shape}];",
                i.index(),
                escape(&node.name),
                node.kind.as_str()
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
                "  n{} -> n{} [label=\"{}\"{style}];",
                e.source().index(),
                e.target().index(),
                e.weight.as_str()
            );
        }
        out.push_str("}\n");
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
