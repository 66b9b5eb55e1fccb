//! The conflict graph: who holds which policy, who demands what of whom, which sanction backs
//! which demand, and which demand runs into which policy.
//!
//! Nodes are parties, policies, demands and sanctions; edges are `holds` (party -> policy),
//! `makes` (party -> demand), `targets` (demand -> party), `backed_by` (demand -> sanction),
//! `imposes` (party -> sanction) and `conflicts_with` (demand -> policy, where the target's
//! policy refuses what the demand requires, or insists on what it prohibits; subjects are
//! compared ignoring case and spacing). The graph is built on `petgraph`, which stays an
//! implementation detail: queries answer in names.

pub(crate) mod dot;
mod queries;
mod summary;

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use crate::scenario::{Scenario, ScenarioError, Term};

pub use queries::{Conflict, PolicyPressure, Threat, ThreatMeans};
pub use summary::{ConflictSummary, MoveLine, PartyLine};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A party.
    Party,
    /// A policy.
    Policy,
    /// A demand.
    Demand,
    /// A sanction.
    Sanction,
}

impl NodeKind {
    /// The word used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Party => "party",
            NodeKind::Policy => "policy",
            NodeKind::Demand => "demand",
            NodeKind::Sanction => "sanction",
        }
    }
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// Party -> policy it holds.
    Holds,
    /// Party -> demand it makes.
    Makes,
    /// Demand -> party it is made of.
    Targets,
    /// Demand -> sanction backing it.
    BackedBy,
    /// Party -> sanction it imposes.
    Imposes,
    /// Demand -> policy of the target that forbids it.
    ConflictsWith,
}

impl EdgeKind {
    /// The word used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Holds => "holds",
            EdgeKind::Makes => "makes",
            EdgeKind::Targets => "targets",
            EdgeKind::BackedBy => "backed by",
            EdgeKind::Imposes => "imposes",
            EdgeKind::ConflictsWith => "conflicts with",
        }
    }
}

/// A node: its kind and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Node {
    /// What it stands for.
    pub kind: NodeKind,
    /// Its name in the scenario.
    pub name: String,
}

/// An edge, by the names of its ends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Edge {
    /// The source node.
    pub from: Node,
    /// The target node.
    pub to: Node,
    /// What it stands for.
    pub kind: EdgeKind,
}

/// The conflict graph of a [`Scenario`]. See the [module documentation](self).
#[derive(Debug, Clone)]
pub struct ConflictGraph {
    name: String,
    graph: DiGraph<Node, EdgeKind>,
    index: BTreeMap<(NodeKind, String), NodeIndex>,
    /// Exit threats: (party with an exit move, its move's name, party wanting it in the
    /// market).
    exits: Vec<(String, String, String)>,
    /// Sanctions in force in the status quo.
    in_force: Vec<String>,
    /// Per party: kind and moves (name, kind) for the summary.
    parties: Vec<summary::PartyLine>,
}

impl ConflictGraph {
    /// Builds the conflict graph of a valid scenario (validates it first).
    pub fn new(scenario: &Scenario) -> Result<ConflictGraph, ScenarioError> {
        scenario.validate()?;
        let mut g = ConflictGraph {
            name: scenario.name.clone(),
            graph: DiGraph::new(),
            index: BTreeMap::new(),
            exits: Vec::new(),
            in_force: Vec::new(),
            parties: Vec::new(),
        };
        for p in &scenario.parties {
            g.add(NodeKind::Party, &p.name);
            g.parties.push(summary::PartyLine::new(p));
        }
        for p in &scenario.policies {
            let policy = g.add(NodeKind::Policy, &p.name);
            if let Some(holder) = g.find(NodeKind::Party, p.holder.as_deref().unwrap_or("")) {
                g.graph.add_edge(holder, policy, EdgeKind::Holds);
            }
        }
        for d in &scenario.demands {
            let demand = g.add(NodeKind::Demand, &d.name);
            if let Some(by) = g.find(NodeKind::Party, &d.by) {
                g.graph.add_edge(by, demand, EdgeKind::Makes);
            }
            if let Some(of) = g.find(NodeKind::Party, &d.of) {
                g.graph.add_edge(demand, of, EdgeKind::Targets);
            }
        }
        for s in &scenario.sanctions {
            let sanction = g.add(NodeKind::Sanction, &s.name);
            if let Some(d) = g.find(NodeKind::Demand, s.backs.as_deref().unwrap_or("")) {
                g.graph.add_edge(d, sanction, EdgeKind::BackedBy);
            }
            if let Some(by) = scenario
                .imposer(s)
                .and_then(|name| g.find(NodeKind::Party, name))
            {
                g.graph.add_edge(by, sanction, EdgeKind::Imposes);
            }
            if s.in_force {
                g.in_force.push(s.name.clone());
            }
        }
        for d in &scenario.demands {
            for p in scenario
                .policies
                .iter()
                .filter(|p| p.holder.as_deref() == Some(d.of.as_str()))
            {
                let clash = |a: &Option<String>, b: &Option<String>| match (a, b) {
                    (Some(a), Some(b)) => same_subject(a, b),
                    _ => false,
                };
                if clash(&p.refuses, &d.requires) || clash(&p.insists_on, &d.prohibits) {
                    if let (Some(dn), Some(pn)) = (
                        g.find(NodeKind::Demand, &d.name),
                        g.find(NodeKind::Policy, &p.name),
                    ) {
                        g.graph.add_edge(dn, pn, EdgeKind::ConflictsWith);
                    }
                }
            }
        }
        for p in &scenario.parties {
            for m in p
                .moves
                .iter()
                .filter(|m| m.kind == crate::scenario::MoveKind::Exit)
            {
                let name = m.option_name(&p.name).unwrap_or_default();
                for q in scenario.parties.iter().filter(|q| q.name != p.name) {
                    let wants_it_in = q.priorities.iter().any(|t| {
                        Term::parse(t).is_ok_and(|t| {
                            t.argument == p.name
                                && match t.goal {
                                    crate::scenario::Goal::InMarket => !t.negated,
                                    crate::scenario::Goal::Exited => t.negated,
                                    _ => false,
                                }
                        })
                    });
                    if wants_it_in {
                        g.exits.push((p.name.clone(), name.clone(), q.name.clone()));
                    }
                }
            }
        }
        Ok(g)
    }

    fn add(&mut self, kind: NodeKind, name: &str) -> NodeIndex {
        let i = self.graph.add_node(Node {
            kind,
            name: name.to_string(),
        });
        self.index.insert((kind, name.to_string()), i);
        i
    }

    fn find(&self, kind: NodeKind, name: &str) -> Option<NodeIndex> {
        self.index.get(&(kind, name.to_string())).copied()
    }

    /// The scenario's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every node, in insertion order (parties, policies, demands, sanctions, each in file
    /// order).
    pub fn nodes(&self) -> Vec<Node> {
        self.graph.node_weights().cloned().collect()
    }

    /// Every edge, in insertion order.
    pub fn edges(&self) -> Vec<Edge> {
        self.graph
            .raw_edges()
            .iter()
            .filter_map(|e| {
                Some(Edge {
                    from: self.graph.node_weight(e.source())?.clone(),
                    to: self.graph.node_weight(e.target())?.clone(),
                    kind: e.weight,
                })
            })
            .collect()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// True where two subjects are the same, ignoring case and spacing.
pub(crate) fn same_subject(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(a) == norm(b)
}
