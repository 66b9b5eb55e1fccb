//! Queries on the conflict graph: conflicts, threats, policies under pressure, chains of
//! dependent demands, groups of mutual pressure.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction::{Incoming, Outgoing};
use serde::Serialize;

use crate::conflict::{ConflictGraph, EdgeKind, NodeKind};

/// A demand that a policy of its target forbids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Conflict {
    /// The demand.
    pub demand: String,
    /// The party making it.
    pub maker: String,
    /// The party it is made of, holder of the policy.
    pub target: String,
    /// The policy it runs into.
    pub policy: String,
}

/// How a party threatens another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ThreatMeans {
    /// A sanction backing a demand.
    Sanction {
        /// The sanction.
        sanction: String,
        /// The demand it backs.
        demand: String,
    },
    /// Leaving the market, where the other party wants it in the market (its priorities
    /// include `in_market <party>` or `not exited <party>`).
    Exit {
        /// The exit move's option name.
        option: String,
    },
}

/// One party threatening another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Threat {
    /// Who threatens.
    pub by: String,
    /// Whom.
    pub against: String,
    /// With what.
    pub means: ThreatMeans,
    /// True for a sanction in force in the status quo.
    pub in_force: bool,
}

/// A policy some demand runs into.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PolicyPressure {
    /// The policy.
    pub policy: String,
    /// Its holder.
    pub holder: String,
    /// The demands conflicting with it, in file order.
    pub demands: Vec<String>,
    /// The sanctions backing those demands, in file order.
    pub sanctions: Vec<String>,
}

impl ConflictGraph {
    fn neighbour(
        &self,
        node: NodeIndex,
        kind: EdgeKind,
        dir: petgraph::Direction,
    ) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(node, dir)
            .filter(|e| *e.weight() == kind)
            .map(|e| {
                if dir == Outgoing {
                    e.target()
                } else {
                    e.source()
                }
            })
            .collect();
        out.sort();
        out
    }

    fn name_of(&self, node: NodeIndex) -> String {
        self.graph
            .node_weight(node)
            .map(|n| n.name.clone())
            .unwrap_or_default()
    }

    fn of_kind(&self, kind: NodeKind) -> Vec<NodeIndex> {
        self.graph
            .node_indices()
            .filter(|&i| self.graph.node_weight(i).is_some_and(|n| n.kind == kind))
            .collect()
    }

    fn maker(&self, demand: NodeIndex) -> Option<NodeIndex> {
        self.neighbour(demand, EdgeKind::Makes, Incoming)
            .first()
            .copied()
    }

    fn target(&self, demand: NodeIndex) -> Option<NodeIndex> {
        self.neighbour(demand, EdgeKind::Targets, Outgoing)
            .first()
            .copied()
    }

    /// Every demand that a policy of its target forbids, in file order of demands, then
    /// policies.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut out = Vec::new();
        for d in self.of_kind(NodeKind::Demand) {
            for p in self.neighbour(d, EdgeKind::ConflictsWith, Outgoing) {
                out.push(Conflict {
                    demand: self.name_of(d),
                    maker: self.maker(d).map(|m| self.name_of(m)).unwrap_or_default(),
                    target: self.target(d).map(|t| self.name_of(t)).unwrap_or_default(),
                    policy: self.name_of(p),
                });
            }
        }
        out
    }

    /// Who threatens whom: every sanction (its imposer threatens the target of the demand it
    /// backs), then every exit move that a party wanting the mover in the market must fear.
    pub fn threats(&self) -> Vec<Threat> {
        let mut out = Vec::new();
        for s in self.of_kind(NodeKind::Sanction) {
            let by = self.neighbour(s, EdgeKind::Imposes, Incoming);
            let demand = self.neighbour(s, EdgeKind::BackedBy, Incoming);
            let (Some(&by), Some(&demand)) = (by.first(), demand.first()) else {
                continue;
            };
            let Some(target) = self.target(demand) else {
                continue;
            };
            let sanction = self.name_of(s);
            out.push(Threat {
                by: self.name_of(by),
                against: self.name_of(target),
                in_force: self.in_force.contains(&sanction),
                means: ThreatMeans::Sanction {
                    sanction,
                    demand: self.name_of(demand),
                },
            });
        }
        for (by, option, against) in &self.exits {
            out.push(Threat {
                by: by.clone(),
                against: against.clone(),
                means: ThreatMeans::Exit {
                    option: option.clone(),
                },
                in_force: false,
            });
        }
        out
    }

    /// Policies that some demand runs into, in file order, with the demands and the sanctions
    /// backing them.
    pub fn policies_under_pressure(&self) -> Vec<PolicyPressure> {
        let mut out = Vec::new();
        for p in self.of_kind(NodeKind::Policy) {
            let demands = self.neighbour(p, EdgeKind::ConflictsWith, Incoming);
            if demands.is_empty() {
                continue;
            }
            let sanctions = demands
                .iter()
                .flat_map(|&d| self.neighbour(d, EdgeKind::BackedBy, Outgoing))
                .map(|s| self.name_of(s))
                .collect();
            out.push(PolicyPressure {
                policy: self.name_of(p),
                holder: self
                    .neighbour(p, EdgeKind::Holds, Incoming)
                    .first()
                    .map(|&h| self.name_of(h))
                    .unwrap_or_default(),
                demands: demands.iter().map(|&d| self.name_of(d)).collect(),
                sanctions,
            });
        }
        out
    }

    /// Chains of dependent demands: sequences d1, d2, ... where the target of each demand
    /// makes the next (pressure passed down the line, e.g. a ministry directs a regulator,
    /// which demands of a company). Every maximal chain of two or more demands without
    /// repeats, in file order of their first demands.
    pub fn demand_chains(&self) -> Vec<Vec<String>> {
        let demands = self.of_kind(NodeKind::Demand);
        let next = |d: NodeIndex| -> Vec<NodeIndex> {
            let Some(t) = self.target(d) else {
                return Vec::new();
            };
            self.neighbour(t, EdgeKind::Makes, Outgoing)
        };
        let has_predecessor = |d: NodeIndex| demands.iter().any(|&e| next(e).contains(&d));
        let mut chains = Vec::new();
        for &start in &demands {
            if has_predecessor(start) && !demands.iter().all(|&d| has_predecessor(d)) {
                continue;
            }
            let mut stack = vec![vec![start]];
            while let Some(path) = stack.pop() {
                let Some(&last) = path.last() else {
                    continue;
                };
                let ext: Vec<NodeIndex> = next(last)
                    .into_iter()
                    .filter(|n| !path.contains(n))
                    .collect();
                if ext.is_empty() {
                    if path.len() >= 2 {
                        chains.push(path.iter().map(|&d| self.name_of(d)).collect());
                    }
                    continue;
                }
                for n in ext.into_iter().rev() {
                    let mut longer = path.clone();
                    longer.push(n);
                    stack.push(longer);
                }
                if chains.len() >= MAX_CHAINS {
                    break;
                }
            }
        }
        chains
    }

    /// Groups of parties that put pressure on each other, directly or around a cycle
    /// (strongly connected components of two or more parties in the graph where a party
    /// points at every party it makes a demand of, imposes a sanction on, or threatens with
    /// its exit). Members in file order; groups ordered by their first member.
    pub fn pressure_groups(&self) -> Vec<Vec<String>> {
        let parties = self.of_kind(NodeKind::Party);
        let mut g: DiGraph<usize, ()> = DiGraph::new();
        let ids: Vec<NodeIndex> = (0..parties.len()).map(|k| g.add_node(k)).collect();
        let position = |name: &str| parties.iter().position(|&p| self.name_of(p) == name);
        for t in self.threats() {
            if let (Some(a), Some(b)) = (position(&t.by), position(&t.against)) {
                g.add_edge(ids[a], ids[b], ());
            }
        }
        for d in self.of_kind(NodeKind::Demand) {
            let (Some(m), Some(t)) = (self.maker(d), self.target(d)) else {
                continue;
            };
            let (Some(a), Some(b)) = (
                parties.iter().position(|&p| p == m),
                parties.iter().position(|&p| p == t),
            ) else {
                continue;
            };
            g.add_edge(ids[a], ids[b], ());
        }
        let mut groups: Vec<Vec<usize>> = petgraph::algo::tarjan_scc(&g)
            .into_iter()
            .filter(|c| c.len() >= 2)
            .map(|c| {
                let mut members: Vec<usize> = c
                    .iter()
                    .filter_map(|&n| g.node_weight(n).copied())
                    .collect();
                members.sort_unstable();
                members
            })
            .collect();
        groups.sort();
        groups
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .filter_map(|k| parties.get(k).map(|&p| self.name_of(p)))
                    .collect()
            })
            .collect()
    }
}

/// Most demand chains reported.
const MAX_CHAINS: usize = 1000;
