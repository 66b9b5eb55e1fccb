//! The conflict graph's queries gathered for output: a readable summary ([`std::fmt::Display`]
//! of [`ConflictGraph`]) and serializable data.

use std::fmt;

use serde::Serialize;

use crate::conflict::{Conflict, ConflictGraph, NodeKind, PolicyPressure, Threat, ThreatMeans};
use crate::scenario::{MoveKind, Party, PartyKind};

/// A party as the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyLine {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: PartyKind,
    /// Its declared moves.
    pub moves: Vec<MoveLine>,
}

/// A declared move as the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveLine {
    /// The compiled option's name.
    pub name: String,
    /// Its kind.
    pub kind: MoveKind,
}

impl PartyLine {
    pub(crate) fn new(p: &Party) -> PartyLine {
        PartyLine {
            name: p.name.clone(),
            kind: p.kind,
            moves: p
                .moves
                .iter()
                .map(|m| MoveLine {
                    name: m.option_name(&p.name).unwrap_or_default(),
                    kind: m.kind,
                })
                .collect(),
        }
    }
}

/// Every query of a [`ConflictGraph`], as data (serializable to JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictSummary {
    /// The scenario's name.
    pub name: String,
    /// The parties.
    pub parties: Vec<PartyLine>,
    /// [`ConflictGraph::conflicts`].
    pub conflicts: Vec<Conflict>,
    /// [`ConflictGraph::threats`].
    pub threats: Vec<Threat>,
    /// [`ConflictGraph::policies_under_pressure`].
    pub policies_under_pressure: Vec<PolicyPressure>,
    /// [`ConflictGraph::pressure_groups`].
    pub pressure_groups: Vec<Vec<String>>,
    /// [`ConflictGraph::demand_chains`].
    pub demand_chains: Vec<Vec<String>>,
}

impl ConflictGraph {
    /// Every query's answer, gathered.
    pub fn summary(&self) -> ConflictSummary {
        ConflictSummary {
            name: self.name.clone(),
            parties: self.parties.clone(),
            conflicts: self.conflicts(),
            threats: self.threats(),
            policies_under_pressure: self.policies_under_pressure(),
            pressure_groups: self.pressure_groups(),
            demand_chains: self.demand_chains(),
        }
    }

    fn count(&self, kind: NodeKind) -> usize {
        self.graph.node_weights().filter(|n| n.kind == kind).count()
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for ConflictGraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.summary();
        writeln!(
            f,
            "Conflict `{}`: {}, {}, {}, {}",
            s.name,
            plural(self.count(NodeKind::Party), "party", "parties"),
            plural(self.count(NodeKind::Policy), "policy", "policies"),
            plural(self.count(NodeKind::Demand), "demand", "demands"),
            plural(self.count(NodeKind::Sanction), "sanction", "sanctions"),
        )?;
        writeln!(f, "parties:")?;
        for p in &s.parties {
            write!(f, "  {} ({})", p.name, p.kind.as_str())?;
            if !p.moves.is_empty() {
                let moves: Vec<String> = p
                    .moves
                    .iter()
                    .map(|m| format!("`{}` ({})", m.name, m.kind.as_str()))
                    .collect();
                write!(f, "; moves: {}", moves.join(", "))?;
            }
            writeln!(f)?;
        }
        writeln!(f, "conflicts:")?;
        if s.conflicts.is_empty() {
            writeln!(f, "  none")?;
        }
        for c in &s.conflicts {
            writeln!(
                f,
                "  demand `{}` of {} on {} runs into policy `{}` of {}",
                c.demand, c.maker, c.target, c.policy, c.target
            )?;
        }
        writeln!(f, "threats (who threatens whom):")?;
        if s.threats.is_empty() {
            writeln!(f, "  none")?;
        }
        for t in &s.threats {
            match &t.means {
                ThreatMeans::Sanction { sanction, demand } => writeln!(
                    f,
                    "  {} threatens {} with sanction `{sanction}` backing demand `{demand}`{}",
                    t.by,
                    t.against,
                    if t.in_force { " (in force)" } else { "" }
                )?,
                ThreatMeans::Exit { option } => writeln!(
                    f,
                    "  {} threatens {} with exit `{option}` ({} wants {} in the market)",
                    t.by, t.against, t.against, t.by
                )?,
            }
        }
        writeln!(f, "policies under pressure:")?;
        if s.policies_under_pressure.is_empty() {
            writeln!(f, "  none")?;
        }
        for p in &s.policies_under_pressure {
            let demands: Vec<String> = p.demands.iter().map(|d| format!("`{d}`")).collect();
            write!(
                f,
                "  `{}` of {}: demand {}",
                p.policy,
                p.holder,
                demands.join(", ")
            )?;
            if !p.sanctions.is_empty() {
                let sanctions: Vec<String> = p.sanctions.iter().map(|d| format!("`{d}`")).collect();
                write!(f, ", backed by {}", sanctions.join(", "))?;
            }
            writeln!(f)?;
        }
        let groups: Vec<String> = s.pressure_groups.iter().map(|g| g.join(" <-> ")).collect();
        writeln!(
            f,
            "mutual pressure: {}",
            if groups.is_empty() {
                "none".to_string()
            } else {
                groups.join("; ")
            }
        )?;
        let chains: Vec<String> = s.demand_chains.iter().map(|c| c.join(" -> ")).collect();
        writeln!(
            f,
            "demand chains: {}",
            if chains.is_empty() {
                "none".to_string()
            } else {
                chains.join("; ")
            }
        )
    }
}
