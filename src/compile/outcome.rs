//! Outcome names: every state of a compiled scenario gets a readable name.

use std::fmt;

use serde::Serialize;

use crate::compile::compiled::Compiled;
use crate::compile::options::OptionRole;
use crate::model::state::State;
use crate::scenario::OutcomeCode;

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

/// The codes' link to the built-in kinds (the table on [`OutcomeCode`]).
impl OutcomeCode {
    /// The built-in kind the code stands for.
    pub fn kind(self) -> OutcomeKind {
        match self {
            OutcomeCode::Exit => OutcomeKind::MarketExit,
            OutcomeCode::Ban => OutcomeKind::SanctionImposed,
            OutcomeCode::Comply => OutcomeKind::Compliance,
            OutcomeCode::Compromise => OutcomeKind::Compromise,
            OutcomeCode::Withdrawn => OutcomeKind::DemandWithdrawn,
            OutcomeCode::Stalemate => OutcomeKind::Stalemate,
        }
    }

    /// True where a state of built-in kind `kind` is this outcome (see the table above);
    /// always false for [`OutcomeKind::Custom`], whose built-in kind must be asked for with
    /// [`Compiled::builtin_kind`].
    pub fn matches(self, kind: OutcomeKind) -> bool {
        self.kind() == kind
    }

    /// The code of a built-in kind; `None` for [`OutcomeKind::Custom`].
    pub fn of_kind(kind: OutcomeKind) -> Option<OutcomeCode> {
        OutcomeCode::ALL.into_iter().find(|c| c.matches(kind))
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
        let kind = self.builtin_kind(state);
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
                        | OptionRole::StrikeDown { demand }
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

    /// The built-in kind of `state`, ignoring the scenario's own outcome rules: the first of
    /// market exit, sanction imposed, compliance, negotiated compromise, demand withdrawn and
    /// stalemate that applies. Equal to `outcome(state).kind` unless a user rule names the
    /// state; never [`OutcomeKind::Custom`].
    pub fn builtin_kind(&self, state: State) -> OutcomeKind {
        self.outcome_code(state).kind()
    }

    /// The [`OutcomeCode`] of `state`: the code of its built-in kind (user outcome rules only
    /// rename states, they do not change their code).
    pub fn outcome_code(&self, state: State) -> OutcomeCode {
        let taken = |k: usize| state.is_taken(k);
        let has = |pick: &dyn Fn(&OptionRole) -> bool| {
            self.options
                .iter()
                .enumerate()
                .any(|(k, o)| taken(k) && pick(&o.role))
        };
        let struck = |d: &str| {
            self.options.iter().enumerate().any(|(k, o)| {
                taken(k) && matches!(&o.role, OptionRole::StrikeDown { demand } if demand == d)
            })
        };
        let withdrawn = |d: &str| {
            self.options
                .iter()
                .enumerate()
                .any(|(k, o)| taken(k) && o.role.lifts() == Some(d))
        };
        if has(&|r| *r == OptionRole::Exit) {
            OutcomeCode::Exit
        } else if has(&|r| matches!(r, OptionRole::Enforce { demand, .. } if !struck(demand))) {
            OutcomeCode::Ban
        } else if has(&|r| matches!(r, OptionRole::Comply { .. })) {
            OutcomeCode::Comply
        } else if has(&|r| matches!(r, OptionRole::Partial { .. })) {
            OutcomeCode::Compromise
        } else if !self.demands.is_empty() && self.demands.iter().all(|d| withdrawn(d)) {
            OutcomeCode::Withdrawn
        } else {
            OutcomeCode::Stalemate
        }
    }
}
