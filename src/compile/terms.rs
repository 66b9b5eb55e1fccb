//! Terms become conditions over the compiled options (see the table in [`crate::compile`](mod@crate::compile)).

use crate::compile::expr::Expr;
use crate::compile::options::{CompiledOption, OptionRole};
use crate::compile::rules::{exits, find, named};
use crate::conflict::ConflictGraph;
use crate::model::condition::Condition;
use crate::scenario::term::{Goal, Subject, TermProblem};
use crate::scenario::{Firmness, Scenario, ScenarioProblem, Term};

/// What terms are translated against.
pub(crate) struct Vocabulary<'a> {
    scenario: &'a Scenario,
    conflicts: Vec<(String, String)>,
    options: &'a [CompiledOption],
}

impl<'a> Vocabulary<'a> {
    pub(crate) fn new(
        scenario: &'a Scenario,
        conflict: &ConflictGraph,
        options: &'a [CompiledOption],
    ) -> Self {
        Vocabulary {
            scenario,
            conflicts: conflict
                .conflicts()
                .into_iter()
                .map(|c| (c.policy, c.demand))
                .collect(),
            options,
        }
    }

    /// The circumvention options of `party` against the sanctions backing `demand`.
    fn circumventions(&self, party: &str, demand: &str) -> Vec<Expr> {
        named(self.options, |o| {
            o.party == party
                && matches!(&o.role, OptionRole::Circumvent { demand: d } if d == demand)
        })
        .map(Expr::atom)
        .collect()
    }

    /// `enforce s` bites: it is taken and, for a sanction excluding `target` from the market,
    /// not circumvented by `target`.
    fn bites(&self, enforce: &str, demand: &str, target: &str, excludes: bool) -> Expr {
        let circumvent = if excludes {
            self.circumventions(target, demand)
        } else {
            Vec::new()
        };
        let mut parts = vec![Expr::atom(enforce)];
        parts.extend(circumvent.into_iter().map(Expr::negate));
        Expr::all(parts).unwrap_or_else(|| Expr::atom(enforce))
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.options.iter().position(|o| o.name == name)
    }

    /// Parses a raw condition over the compiled option names.
    pub(crate) fn parse(&self, text: &str, context: &str) -> Result<Condition, ScenarioProblem> {
        Condition::parse(text, &|n| self.lookup(n)).map_err(|problem| ScenarioProblem::Condition {
            context: context.to_string(),
            condition: text.to_string(),
            problem: problem.to_string(),
        })
    }

    /// Checks a raw condition over the compiled option names.
    pub(crate) fn check_condition(&self, text: &str, context: &str) -> Result<(), ScenarioProblem> {
        self.parse(text, context).map(|_| ())
    }

    /// The condition text of the term `text`; `party` is the party whose priority it is
    /// (`in_market` without a name means that party).
    pub(crate) fn condition(
        &self,
        text: &str,
        context: &str,
        party: Option<&str>,
    ) -> Result<String, ScenarioProblem> {
        let term = Term::parse(text).map_err(|e| match e {
            TermProblem::UnknownGoal(word) => ScenarioProblem::UnknownGoal {
                context: context.to_string(),
                term: text.to_string(),
                word,
            },
            TermProblem::MissingArgument(goal) => ScenarioProblem::MissingArgument {
                context: context.to_string(),
                term: text.to_string(),
                goal,
            },
        })?;
        let vacuous = |reason: String| ScenarioProblem::VacuousTerm {
            context: context.to_string(),
            term: text.to_string(),
            reason,
        };
        let unknown = |subject: Subject| ScenarioProblem::UnknownTerm {
            context: context.to_string(),
            term: text.to_string(),
            subject,
            name: term.argument.clone(),
        };
        let arg = term.argument.as_str();
        let role = |make: fn(String) -> OptionRole| find(self.options, &make(arg.to_string()));
        let atom = |name: Option<&str>, subject: Subject| {
            name.map(Expr::atom).ok_or_else(|| unknown(subject))
        };
        let expr = match term.goal {
            Goal::KeepPolicy => {
                let policy = self
                    .scenario
                    .policy(arg)
                    .ok_or_else(|| unknown(Subject::Policy))?;
                let mut parts = Vec::new();
                for (_, d) in self.conflicts.iter().filter(|(p, _)| p == arg) {
                    let d = d.clone();
                    if let Some(c) = find(self.options, &OptionRole::Comply { demand: d.clone() }) {
                        parts.push(Expr::atom(c).negate());
                    }
                    if policy.firmness == Firmness::Absolute {
                        if let Some(p) = find(self.options, &OptionRole::Partial { demand: d }) {
                            parts.push(Expr::atom(p).negate());
                        }
                    }
                }
                Expr::all(parts)
                    .ok_or_else(|| vacuous(format!("no demand conflicts with policy `{arg}`")))?
            }
            Goal::DemandMet => atom(
                role(|demand| OptionRole::Comply { demand }),
                Subject::Demand,
            )?,
            Goal::DemandPartlyMet => {
                let full = atom(
                    role(|demand| OptionRole::Comply { demand }),
                    Subject::Demand,
                )?;
                match role(|demand| OptionRole::Partial { demand }) {
                    Some(p) => Expr::Or(vec![full, Expr::atom(p)]),
                    None => full,
                }
            }
            Goal::Withdrawn => atom(
                role(|demand| OptionRole::Withdraw { demand }),
                Subject::Demand,
            )?,
            Goal::NotWithdraw => atom(
                role(|demand| OptionRole::Withdraw { demand }),
                Subject::Demand,
            )?
            .negate(),
            Goal::FreeOf => {
                let withdraw = atom(
                    role(|demand| OptionRole::Withdraw { demand }),
                    Subject::Demand,
                )?;
                let target = self
                    .scenario
                    .demand(arg)
                    .map(|d| d.of.as_str())
                    .unwrap_or_default();
                let mut parts = vec![withdraw];
                parts.extend(exits(self.options, target).map(Expr::atom));
                Expr::any(parts).ok_or_else(|| unknown(Subject::Demand))?
            }
            Goal::Upheld => {
                let comply = atom(
                    role(|demand| OptionRole::Comply { demand }),
                    Subject::Demand,
                )?;
                let target = self
                    .scenario
                    .demand(arg)
                    .map(|d| d.of.as_str())
                    .unwrap_or_default();
                let mut parts = vec![comply];
                parts.extend(role(|demand| OptionRole::Partial { demand }).map(Expr::atom));
                parts.extend(exits(self.options, target).map(Expr::atom));
                for o in self.options {
                    if let OptionRole::Enforce {
                        demand, excludes, ..
                    } = &o.role
                    {
                        if demand == arg {
                            parts.push(self.bites(&o.name, demand, target, *excludes));
                        }
                    }
                }
                Expr::any(parts).ok_or_else(|| unknown(Subject::Demand))?
            }
            Goal::InMarket => {
                let who = if arg.is_empty() {
                    party.unwrap_or_default()
                } else {
                    arg
                };
                if self.scenario.party(who).is_none() {
                    return Err(unknown(Subject::Party));
                }
                let mut parts: Vec<Expr> = exits(self.options, who)
                    .map(|x| Expr::atom(x).negate())
                    .collect();
                for o in self.options {
                    if let OptionRole::Enforce {
                        demand,
                        target,
                        excludes: true,
                        ..
                    } = &o.role
                    {
                        if target == who {
                            parts.push(self.bites(&o.name, demand, who, true).negate());
                        }
                    }
                }
                Expr::all(parts).ok_or_else(|| {
                    vacuous(format!(
                        "`{who}` has no exit move and faces no ban, shutdown order or licence revocation"
                    ))
                })?
            }
            Goal::Exited => {
                if self.scenario.party(arg).is_none() {
                    return Err(unknown(Subject::Party));
                }
                Expr::any(exits(self.options, arg).map(Expr::atom).collect())
                    .ok_or_else(|| vacuous(format!("`{arg}` has no exit move")))?
            }
            Goal::Avoid | Goal::Impose => {
                let sanction = self
                    .scenario
                    .sanction(arg)
                    .ok_or_else(|| unknown(Subject::Sanction))?;
                let enforce = atom(
                    named(self.options, |o| {
                        matches!(&o.role, OptionRole::Enforce { sanction, .. } if sanction == arg)
                    })
                    .next(),
                    Subject::Sanction,
                )?;
                if term.goal == Goal::Impose {
                    enforce
                } else {
                    let mut parts = vec![enforce.negate()];
                    if sanction.kind.excludes_from_market() {
                        let target = self.scenario.sanction_target(sanction).unwrap_or_default();
                        parts.extend(exits(self.options, target).map(Expr::atom));
                        let demand = sanction.backs.as_deref().unwrap_or_default();
                        parts.extend(self.circumventions(target, demand));
                    }
                    Expr::any(parts).ok_or_else(|| unknown(Subject::Sanction))?
                }
            }
            Goal::TakesOption => Expr::atom(
                self.options
                    .iter()
                    .find(|o| o.name == arg)
                    .map(|o| o.name.as_str())
                    .ok_or_else(|| unknown(Subject::CompiledOption))?,
            ),
            Goal::Condition => {
                self.check_condition(arg, context)?;
                Expr::Raw(arg.to_string())
            }
        };
        let expr = if term.negated { expr.negate() } else { expr };
        Ok(expr.text())
    }
}
