//! Moves: a move about a demand names one, and its party plays the part the kind needs.

use super::*;

impl Scenario {
    pub(super) fn check_moves(&self, names: &Names<'_>, out: &mut Problems) {
        for (i, p) in self.parties.iter().enumerate() {
            for (j, m) in p.moves.iter().enumerate() {
                let Some(name) = m.option_name(&p.name) else {
                    continue;
                };
                let role = match m.kind {
                    MoveKind::ChallengeInCourt | MoveKind::Circumvent => Some(Role::Target),
                    MoveKind::ExtendDeadline => Some(Role::Maker),
                    MoveKind::StrikeDown => Some(Role::Neither),
                    MoveKind::Exit | MoveKind::Other => None,
                };
                let demand_at = move_path(i, j, Seg::Field("demand"));
                match (&m.demand, role) {
                    (None, Some(_)) => {
                        let error = ScenarioProblem::MoveWithoutDemand {
                            name,
                            party: p.name.clone(),
                        };
                        out.push(Placed::at(error, move_path(i, j, NAME)));
                    }
                    (Some(d), _) => match names.demands.get(d.as_str()) {
                        None => {
                            let error = ScenarioProblem::UnknownDemand {
                                context: format!("move `{name}`"),
                                name: d.clone(),
                            };
                            out.push(Placed::at(error, demand_at));
                        }
                        Some(demand) => {
                            if let Some(role) = role {
                                let fits = match role {
                                    Role::Target => demand.of == p.name,
                                    Role::Maker => demand.by == p.name,
                                    Role::Neither => demand.of != p.name && demand.by != p.name,
                                };
                                if !fits {
                                    let error = ScenarioProblem::MoveRole {
                                        name,
                                        party: p.name.clone(),
                                        demand: d.clone(),
                                        role: role.verb(),
                                    };
                                    out.push(Placed::at(error, demand_at));
                                }
                            }
                        }
                    },
                    (None, None) => {}
                }
            }
        }
    }
}

/// The part a party must play in the demand a move is about.
#[derive(Debug, Clone, Copy)]
enum Role {
    /// It receives the demand.
    Target,
    /// It makes the demand.
    Maker,
    /// Neither (an independent body).
    Neither,
}

impl Role {
    /// The words of [`ScenarioProblem::MoveRole`]: "which `P` does not {verb}".
    fn verb(self) -> &'static str {
        match self {
            Role::Target => "receive",
            Role::Maker => "make",
            Role::Neither => "stand apart from",
        }
    }
}
