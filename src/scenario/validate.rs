//! Scenario validation: every cross-reference, every name, every term.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::scenario::error::{ScenarioError, ScenarioProblem};
use crate::scenario::outcome_code::OutcomeCode;
use crate::scenario::preference::RankEntry;
use crate::scenario::term::{Subject, Term, TermProblem};
use crate::scenario::types::{Demand, MoveKind, Party, Scenario};

/// The scenario's names, looked up in constant time so that validation is linear in the
/// scenario's size (the first item of each name, as [`Scenario::party`] and the others find).
struct Names<'a> {
    parties: HashSet<&'a str>,
    policies: HashSet<&'a str>,
    demands: HashMap<&'a str, &'a Demand>,
    sanctions: HashSet<&'a str>,
    outcomes: HashSet<&'a str>,
    /// Parties that make or receive a demand or impose a sanction.
    involved: HashSet<&'a str>,
}

impl<'a> Names<'a> {
    fn of(scenario: &'a Scenario) -> Self {
        let mut demands = HashMap::new();
        for d in &scenario.demands {
            demands.entry(d.name.as_str()).or_insert(d);
        }
        let mut involved: HashSet<&str> = HashSet::new();
        for d in &scenario.demands {
            involved.insert(&d.by);
            involved.insert(&d.of);
        }
        for s in &scenario.sanctions {
            let imposer = s.by.as_deref().or_else(|| {
                let demand: &Demand = demands.get(s.backs.as_deref()?)?;
                Some(demand.by.as_str())
            });
            involved.extend(imposer);
        }
        Names {
            parties: scenario.parties.iter().map(|p| p.name.as_str()).collect(),
            policies: scenario.policies.iter().map(|p| p.name.as_str()).collect(),
            demands,
            sanctions: scenario.sanctions.iter().map(|s| s.name.as_str()).collect(),
            outcomes: scenario.outcomes.iter().map(|o| o.name.as_str()).collect(),
            involved,
        }
    }
}

impl Scenario {
    /// Every problem validation finds, in file order (empty for a valid scenario). Checks
    /// names (non-empty, unique across parties, policies, demands, sanctions and moves),
    /// references (holders, makers, targets, backed demands, moves' demands), that every party
    /// has an option, and that every priority and outcome term parses and names something the
    /// scenario has. Terms naming compiled options or raw conditions are checked by
    /// [`crate::compile::compile`].
    pub fn problems(&self) -> Vec<ScenarioProblem> {
        let mut out = Vec::new();
        if self.parties.is_empty() {
            out.push(ScenarioProblem::NoParties);
        }
        let names = Names::of(self);
        self.check_names(&mut out);
        self.check_references(&names, &mut out);
        self.check_moves(&names, &mut out);
        self.check_parties(&names, &mut out);
        self.check_outcomes(&names, &mut out);
        out
    }

    /// Validates the scenario; problems carry file lines when it was loaded from text.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ScenarioError::invalid(self.source.as_deref(), problems))
        }
    }

    fn check_names(&self, out: &mut Vec<ScenarioProblem>) {
        let mut seen: BTreeMap<String, &'static str> = BTreeMap::new();
        let mut add = |name: &str, what: &'static str, out: &mut Vec<ScenarioProblem>| {
            if name.is_empty() {
                out.push(ScenarioProblem::EmptyName(what));
                return;
            }
            if name.contains('`') {
                out.push(ScenarioProblem::BadName(name.to_string()));
            }
            match seen.get(name) {
                Some(&first) => out.push(ScenarioProblem::DuplicateName {
                    name: name.to_string(),
                    first,
                    second: what,
                }),
                None => {
                    seen.insert(name.to_string(), what);
                }
            }
        };
        for p in &self.parties {
            add(&p.name, "party", out);
        }
        for p in &self.policies {
            add(&p.name, "policy", out);
        }
        for d in &self.demands {
            add(&d.name, "demand", out);
        }
        for s in &self.sanctions {
            add(&s.name, "sanction", out);
        }
        for p in &self.parties {
            for m in &p.moves {
                match m.option_name(&p.name) {
                    Some(name) => add(&name, "move", out),
                    None => out.push(ScenarioProblem::MoveWithoutName(p.name.clone())),
                }
            }
        }
    }

    fn check_references(&self, names: &Names<'_>, out: &mut Vec<ScenarioProblem>) {
        let party = |context: String, name: &str, out: &mut Vec<ScenarioProblem>| {
            if !names.parties.contains(name) {
                out.push(ScenarioProblem::UnknownParty {
                    context,
                    name: name.to_string(),
                });
            }
        };
        for p in &self.policies {
            match p.holder.as_deref() {
                None | Some("") => out.push(ScenarioProblem::PolicyWithoutHolder(p.name.clone())),
                Some(h) => party(format!("policy `{}`", p.name), h, out),
            }
            if p.refuses.is_some() == p.insists_on.is_some() {
                out.push(ScenarioProblem::PolicyStance(p.name.clone()));
            }
        }
        for d in &self.demands {
            party(format!("demand `{}`", d.name), &d.by, out);
            party(format!("demand `{}`", d.name), &d.of, out);
            if d.by == d.of {
                out.push(ScenarioProblem::SelfDemand {
                    demand: d.name.clone(),
                    party: d.by.clone(),
                });
            }
            if d.requires.is_none() && d.prohibits.is_none() {
                out.push(ScenarioProblem::DemandWithoutSubject(d.name.clone()));
            }
        }
        for s in &self.sanctions {
            match s.backs.as_deref() {
                None | Some("") => out.push(ScenarioProblem::SanctionWithoutDemand(s.name.clone())),
                Some(d) if !names.demands.contains_key(d) => {
                    out.push(ScenarioProblem::UnknownDemand {
                        context: format!("sanction `{}`", s.name),
                        name: d.to_string(),
                    })
                }
                Some(_) => {}
            }
            if let Some(by) = &s.by {
                party(format!("sanction `{}`", s.name), by, out);
            }
        }
    }

    fn check_moves(&self, names: &Names<'_>, out: &mut Vec<ScenarioProblem>) {
        for p in &self.parties {
            for m in &p.moves {
                let Some(name) = m.option_name(&p.name) else {
                    continue;
                };
                let role = match m.kind {
                    MoveKind::ChallengeInCourt | MoveKind::Circumvent => Some(("receive", true)),
                    MoveKind::ExtendDeadline => Some(("make", false)),
                    MoveKind::Exit | MoveKind::Other => None,
                };
                match (&m.demand, role) {
                    (None, Some(_)) => out.push(ScenarioProblem::MoveWithoutDemand {
                        name,
                        party: p.name.clone(),
                    }),
                    (Some(d), _) => match names.demands.get(d.as_str()) {
                        None => out.push(ScenarioProblem::UnknownDemand {
                            context: format!("move `{name}`"),
                            name: d.clone(),
                        }),
                        Some(demand) => {
                            if let Some((role, target)) = role {
                                let who = if target { &demand.of } else { &demand.by };
                                if *who != p.name {
                                    out.push(ScenarioProblem::MoveRole {
                                        name,
                                        party: p.name.clone(),
                                        demand: d.clone(),
                                        role,
                                    });
                                }
                            }
                        }
                    },
                    (None, None) => {}
                }
            }
        }
    }

    fn check_parties(&self, names: &Names<'_>, out: &mut Vec<ScenarioProblem>) {
        for p in &self.parties {
            let has_options = !p.moves.is_empty() || names.involved.contains(p.name.as_str());
            if !has_options {
                out.push(ScenarioProblem::PartyWithoutOptions(p.name.clone()));
            }
            let ranked = !p.outcome_ranking.is_empty() || !p.alternatives.is_empty();
            match (&p.preference, p.priorities.is_empty() && !ranked) {
                (None, true) => out.push(ScenarioProblem::MissingPriorities(p.name.clone())),
                (Some(_), false) if ranked => {
                    out.push(ScenarioProblem::RankingWithPreference(p.name.clone()))
                }
                (Some(_), false) => out.push(ScenarioProblem::PreferenceConflict(p.name.clone())),
                (Some(o), true) if o.priorities.is_some() == o.ranking.is_some() => {
                    out.push(ScenarioProblem::PreferenceKind(p.name.clone()))
                }
                _ => {}
            }
            if !p.alternatives.is_empty()
                && (!p.outcome_ranking.is_empty() || !p.priorities.is_empty())
            {
                out.push(ScenarioProblem::AlternativesConflict(p.name.clone()));
            }
            for text in &p.priorities {
                let context = format!("priority `{text}` of `{}`", p.name);
                self.check_term(names, text, context, true, out);
            }
            self.check_ranking(names, &p.name, &p.outcome_ranking, out);
            self.check_alternatives(names, p, out);
        }
    }

    fn check_alternatives(&self, names: &Names<'_>, p: &Party, out: &mut Vec<ScenarioProblem>) {
        let mut seen: HashSet<&str> = HashSet::new();
        for a in &p.alternatives {
            if a.name.is_empty() || seen.contains(a.name.as_str()) {
                out.push(ScenarioProblem::AlternativeName {
                    party: p.name.clone(),
                    name: a.name.clone(),
                });
            }
            seen.insert(&a.name);
            if a.outcome_ranking.is_empty() && a.priorities.is_empty() {
                out.push(ScenarioProblem::EmptyAlternative {
                    party: p.name.clone(),
                    name: a.name.clone(),
                });
            }
            for text in &a.priorities {
                let context = format!(
                    "priority `{text}` of alternative `{}` of `{}`",
                    a.name, p.name
                );
                self.check_term(names, text, context, true, out);
            }
            self.check_ranking(names, &p.name, &a.outcome_ranking, out);
        }
    }

    /// Every name of `ranking` is an outcome code or a scenario outcome, ranked once; no group
    /// is empty.
    fn check_ranking(
        &self,
        names: &Names<'_>,
        party: &str,
        ranking: &[RankEntry],
        out: &mut Vec<ScenarioProblem>,
    ) {
        let mut seen: HashSet<&str> = HashSet::new();
        for entry in ranking {
            if entry.names().is_empty() {
                out.push(ScenarioProblem::EmptyRankEntry {
                    party: party.to_string(),
                });
            }
            for name in entry.names() {
                let known = OutcomeCode::ALL.iter().any(|c| c.as_str() == name)
                    || names.outcomes.contains(name.as_str());
                if !known {
                    out.push(ScenarioProblem::UnknownOutcome {
                        party: party.to_string(),
                        outcome: name.clone(),
                    });
                } else if seen.contains(name.as_str()) {
                    out.push(ScenarioProblem::DuplicateRankedOutcome {
                        party: party.to_string(),
                        outcome: name.clone(),
                    });
                }
                seen.insert(name);
            }
        }
    }

    fn check_outcomes(&self, names: &Names<'_>, out: &mut Vec<ScenarioProblem>) {
        let mut seen: HashSet<&str> = HashSet::new();
        for rule in &self.outcomes {
            if rule.name.is_empty() {
                out.push(ScenarioProblem::EmptyName("outcome"));
            } else if seen.contains(rule.name.as_str()) {
                out.push(ScenarioProblem::DuplicateOutcome(rule.name.clone()));
            }
            seen.insert(&rule.name);
            if rule.when.is_empty() {
                out.push(ScenarioProblem::EmptyOutcomeRule(rule.name.clone()));
            }
            for text in &rule.when {
                let context = format!("term `{text}` of outcome `{}`", rule.name);
                self.check_term(names, text, context, false, out);
            }
        }
    }

    /// Parses `text` and checks the name it is about; `own_party` allows `in_market` without
    /// a name (the party itself).
    fn check_term(
        &self,
        names: &Names<'_>,
        text: &str,
        context: String,
        own_party: bool,
        out: &mut Vec<ScenarioProblem>,
    ) {
        let term = match Term::parse(text) {
            Ok(t) => t,
            Err(TermProblem::UnknownGoal(word)) => {
                out.push(ScenarioProblem::UnknownGoal {
                    context,
                    term: text.to_string(),
                    word,
                });
                return;
            }
            Err(TermProblem::MissingArgument(goal)) => {
                out.push(ScenarioProblem::MissingArgument {
                    context,
                    term: text.to_string(),
                    goal,
                });
                return;
            }
        };
        if term.argument.is_empty() {
            if !own_party {
                out.push(ScenarioProblem::MissingArgument {
                    context,
                    term: text.to_string(),
                    goal: term.goal,
                });
            }
            return;
        }
        let name = term.argument.as_str();
        let known = match term.goal.subject() {
            Subject::Policy => names.policies.contains(name),
            Subject::Demand => names.demands.contains_key(name),
            Subject::Party => names.parties.contains(name),
            Subject::Sanction => names.sanctions.contains(name),
            Subject::CompiledOption | Subject::RawCondition => true,
        };
        if !known {
            out.push(ScenarioProblem::UnknownTerm {
                context,
                term: text.to_string(),
                subject: term.goal.subject(),
                name: name.to_string(),
            });
        }
    }
}
