//! The options each party gets from its roles (see the table in [`crate::compile`](mod@crate::compile)).

use serde::Serialize;

use crate::scenario::{MoveKind, Scenario};

/// What a compiled option stands for in the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "role")]
pub enum OptionRole {
    /// Enforcing a sanction.
    Enforce {
        /// The sanction.
        sanction: String,
        /// The demand it backs.
        demand: String,
        /// The party it is aimed at.
        target: String,
        /// True for a ban, shutdown order or licence revocation.
        excludes: bool,
    },
    /// Withdrawing a demand.
    Withdraw {
        /// The demand.
        demand: String,
    },
    /// Complying with a demand in full.
    Comply {
        /// The demand.
        demand: String,
    },
    /// Accepting a demand's partial arrangement.
    Partial {
        /// The demand.
        demand: String,
    },
    /// Leaving the market.
    Exit,
    /// Challenging a demand in court.
    Challenge {
        /// The demand.
        demand: String,
    },
    /// Extending a demand's deadline.
    Extend {
        /// The demand.
        demand: String,
    },
    /// Circumventing the market-excluding sanctions backing a demand.
    Circumvent {
        /// The demand.
        demand: String,
    },
    /// Striking a demand down (an independent body): the demand counts as withdrawn.
    StrikeDown {
        /// The demand.
        demand: String,
    },
    /// A declared move of kind `other`.
    Other,
}

impl OptionRole {
    /// True for the moves that hurt another party as a threat does: enforcing a sanction and
    /// leaving the market.
    pub fn is_coercive(&self) -> bool {
        matches!(self, OptionRole::Enforce { .. } | OptionRole::Exit)
    }

    /// The demand this option takes off the table, for withdrawing it or striking it down.
    pub fn lifts(&self) -> Option<&str> {
        match self {
            OptionRole::Withdraw { demand } | OptionRole::StrikeDown { demand } => Some(demand),
            _ => None,
        }
    }
}

/// One option of the compiled model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompiledOption {
    /// Its name in the graph model.
    pub name: String,
    /// The party (decision maker) controlling it.
    pub party: String,
    /// The party's index.
    pub party_index: usize,
    /// What it stands for.
    pub role: OptionRole,
    /// What taking it means, as a sentence fragment (`Pakistan withdraws BES access`).
    pub taken: String,
    /// What dropping it means (`Pakistan reasserts BES access`).
    pub dropped: String,
    /// True where it is taken in the status quo.
    pub in_status_quo: bool,
}

/// Names of the options whose role satisfies `pick`.
pub(crate) fn named<'a>(
    options: &'a [CompiledOption],
    pick: impl Fn(&CompiledOption) -> bool + 'a,
) -> impl Iterator<Item = &'a str> + 'a {
    options
        .iter()
        .filter(move |o| pick(o))
        .map(|o| o.name.as_str())
}

/// The option of `role`, when the scenario gives one.
pub(crate) fn find<'a>(options: &'a [CompiledOption], role: &OptionRole) -> Option<&'a str> {
    options
        .iter()
        .find(|o| o.role == *role)
        .map(|o| o.name.as_str())
}

/// The exit options of `party`.
pub(crate) fn exits<'a>(
    options: &'a [CompiledOption],
    party: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    named(options, move |o| {
        o.role == OptionRole::Exit && o.party == party
    })
}

/// Every option of every party, in option order.
pub(crate) fn generate(scenario: &Scenario) -> Vec<CompiledOption> {
    let mut out = Vec::new();
    for (index, party) in scenario.parties.iter().enumerate() {
        let p = party.name.as_str();
        let mut push =
            |name: String, role: OptionRole, taken: String, dropped: String, sq: bool| {
                out.push(CompiledOption {
                    name,
                    party: p.to_string(),
                    party_index: index,
                    role,
                    taken,
                    dropped,
                    in_status_quo: sq,
                })
            };
        let enforce = |s: &crate::scenario::Sanction| {
            (
                format!("enforce {}", s.name),
                OptionRole::Enforce {
                    sanction: s.name.clone(),
                    demand: s.backs.clone().unwrap_or_default(),
                    target: scenario.sanction_target(s).unwrap_or_default().to_string(),
                    excludes: s.kind.excludes_from_market(),
                },
                format!("{p} enforces {}", s.name),
                format!("{p} lifts {}", s.name),
                s.in_force,
            )
        };
        for d in scenario.demands.iter().filter(|d| d.by == p) {
            for s in scenario
                .sanctions_backing(&d.name)
                .filter(|s| scenario.imposer(s) == Some(p))
            {
                let (n, r, t, o, sq) = enforce(s);
                push(n, r, t, o, sq);
            }
            push(
                format!("withdraw {}", d.name),
                OptionRole::Withdraw {
                    demand: d.name.clone(),
                },
                format!("{p} withdraws {}", d.name),
                format!("{p} reasserts {}", d.name),
                false,
            );
        }
        for s in scenario.sanctions.iter().filter(|s| {
            scenario.imposer(s) == Some(p)
                && s.backs
                    .as_deref()
                    .and_then(|d| scenario.demand(d))
                    .is_some_and(|d| d.by != p)
        }) {
            let (n, r, t, o, sq) = enforce(s);
            push(n, r, t, o, sq);
        }
        for d in scenario.demands.iter().filter(|d| d.of == p) {
            push(
                format!("comply with {}", d.name),
                OptionRole::Comply {
                    demand: d.name.clone(),
                },
                format!("{p} complies with {}", d.name),
                format!("{p} stops complying with {}", d.name),
                false,
            );
            if d.partial.is_some() {
                push(
                    format!("partial {}", d.name),
                    OptionRole::Partial {
                        demand: d.name.clone(),
                    },
                    format!("{p} partly complies with {}", d.name),
                    format!("{p} drops its partial compliance with {}", d.name),
                    false,
                );
            }
        }
        for m in &party.moves {
            let name = m.option_name(p).unwrap_or_default();
            let demand = m.demand.clone().unwrap_or_default();
            let (role, taken, dropped) = match m.kind {
                MoveKind::Exit => (
                    OptionRole::Exit,
                    format!("{p} exits the market"),
                    format!("{p} returns to the market"),
                ),
                MoveKind::ChallengeInCourt => (
                    OptionRole::Challenge {
                        demand: demand.clone(),
                    },
                    format!("{p} challenges {demand} in court"),
                    format!("{p} drops its court challenge to {demand}"),
                ),
                MoveKind::ExtendDeadline => (
                    OptionRole::Extend {
                        demand: demand.clone(),
                    },
                    format!("{p} extends the deadline of {demand}"),
                    format!("{p} lets the deadline of {demand} run"),
                ),
                MoveKind::Circumvent => (
                    OptionRole::Circumvent {
                        demand: demand.clone(),
                    },
                    format!("{p} circumvents the sanctions backing {demand}"),
                    format!("{p} stops circumventing the sanctions backing {demand}"),
                ),
                MoveKind::StrikeDown => (
                    OptionRole::StrikeDown {
                        demand: demand.clone(),
                    },
                    format!("{p} strikes down {demand}"),
                    format!("{p} reinstates {demand}"),
                ),
                MoveKind::Other => (
                    OptionRole::Other,
                    format!("{p} takes `{name}`"),
                    format!("{p} drops `{name}`"),
                ),
            };
            push(name, role, taken, dropped, m.taken);
        }
    }
    out
}
