//! Outcome names: every state of a compiled scenario gets a readable name.

use std::fmt;

use serde::Serialize;

use crate::compile::compiled::Compiled;
use crate::compile::options::OptionRole;
use crate::model::state::State;

/// The kind of an outcome, in the order the built-in rules are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// A user-defined outcome rule matched.
    Custom,
    /// Some party has exited the market.
    MarketExit,
    /// Some sanction is enforced.
    SanctionImposed,
    /// Some demand is complied with in full.
    Compliance,
    /// Some demand is met by its partial arrangement.
    Compromise,
    /// Every demand is withdrawn.
    DemandWithdrawn,
    /// None of the above: demands stand unmet, no sanction enforced.
    Stalemate,
}

impl OutcomeKind {
    /// The words used in outcome names.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Custom => "custom",
            OutcomeKind::MarketExit => "market exit",
            OutcomeKind::SanctionImposed => "sanction imposed",
            OutcomeKind::Compliance => "compliance",
            OutcomeKind::Compromise => "negotiated compromise",
            OutcomeKind::DemandWithdrawn => "demand withdrawn",
            OutcomeKind::Stalemate => "stalemate",
        }
    }
}

impl fmt::Display for OutcomeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name of a state.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Outcome {
    /// Its kind.
    pub kind: OutcomeKind,
    /// Its readable name: a user rule's name, or the kind followed by what is done in the
    /// state (`demand withdrawn: Pakistan withdraws BES access, BlackBerry stays`).
    pub name: String,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Compiled {
    /// The outcome `state` stands for (see the rules in [`crate::compile`](mod@crate::compile)).
    pub fn outcome(&self, state: State) -> Outcome {
        for (name, conditions) in &self.outcome_rules {
            if conditions.iter().all(|c| c.eval(state.0)) {
                return Outcome {
                    kind: OutcomeKind::Custom,
                    name: name.clone(),
                };
            }
        }
        let taken = |k: usize| state.is_taken(k);
        let has = |pick: &dyn Fn(&OptionRole) -> bool| {
            self.options
                .iter()
                .enumerate()
                .any(|(k, o)| taken(k) && pick(&o.role))
        };
        let withdrawn = |d: &str| {
            self.options.iter().enumerate().any(|(k, o)| {
                taken(k) && matches!(&o.role, OptionRole::Withdraw { demand } if demand == d)
            })
        };
        let kind = if has(&|r| *r == OptionRole::Exit) {
            OutcomeKind::MarketExit
        } else if has(&|r| matches!(r, OptionRole::Enforce { .. })) {
            OutcomeKind::SanctionImposed
        } else if has(&|r| matches!(r, OptionRole::Comply { .. })) {
            OutcomeKind::Compliance
        } else if has(&|r| matches!(r, OptionRole::Partial { .. })) {
            OutcomeKind::Compromise
        } else if !self.demands.is_empty() && self.demands.iter().all(|d| withdrawn(d)) {
            OutcomeKind::DemandWithdrawn
        } else {
            OutcomeKind::Stalemate
        };
        let mut facts: Vec<String> = self
            .options
            .iter()
            .enumerate()
            .filter(|&(k, _)| taken(k))
            .map(|(_, o)| o.taken.clone())
            .collect();
        for d in &self.demands {
            let settled = self.options.iter().enumerate().any(|(k, o)| {
                taken(k)
                    && match &o.role {
                        OptionRole::Withdraw { demand }
                        | OptionRole::Comply { demand }
                        | OptionRole::Partial { demand } => demand == d,
                        OptionRole::Exit => self.targets.get(d) == Some(&o.party),
                        _ => false,
                    }
            });
            if !settled {
                facts.push(format!("{d} stands unmet"));
            }
        }
        if matches!(
            kind,
            OutcomeKind::SanctionImposed | OutcomeKind::DemandWithdrawn | OutcomeKind::Stalemate
        ) {
            let mut stays: Vec<&str> = Vec::new();
            for o in self.options.iter().filter(|o| o.role == OptionRole::Exit) {
                if !stays.contains(&o.party.as_str()) {
                    stays.push(&o.party);
                }
            }
            facts.extend(stays.into_iter().map(|p| format!("{p} stays")));
        }
        let name = if facts.is_empty() {
            kind.as_str().to_string()
        } else {
            format!("{}: {}", kind.as_str(), facts.join(", "))
        };
        Outcome { kind, name }
    }
}
