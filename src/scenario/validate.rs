//! Scenario validation: every cross-reference, every name, every term.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::locate::Placed;
use crate::model::span::{FieldPath, Seg};
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
        self.placed_problems()
            .into_iter()
            .map(|p| p.error)
            .collect()
    }

    /// [`Scenario::problems`], each with the path of the value of the file it is about.
    pub(crate) fn placed_problems(&self) -> Vec<Placed<ScenarioProblem>> {
        let mut out = Vec::new();
        if self.parties.is_empty() {
            out.push(Placed::at(ScenarioProblem::NoParties, path("parties", &[])));
        }
        let names = Names::of(self);
        self.check_names(&mut out);
        self.check_references(&names, &mut out);
        self.check_moves(&names, &mut out);
        self.check_parties(&names, &mut out);
        self.check_outcomes(&names, &mut out);
        out
    }

    /// Validates the scenario; problems carry file lines and columns when it was loaded from
    /// text.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let problems = self.placed_problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ScenarioError::invalid_placed(
                self.source.as_deref(),
                problems,
            ))
        }
    }

    fn check_names(&self, out: &mut Problems) {
        let mut seen: BTreeMap<String, &'static str> = BTreeMap::new();
        let mut add = |name: &str, what: &'static str, at: FieldPath, out: &mut Problems| {
            if name.is_empty() {
                out.push(Placed::at(ScenarioProblem::EmptyName(what), at));
                return;
            }
            if name.contains('`') {
                out.push(Placed::at(
                    ScenarioProblem::BadName(name.to_string()),
                    at.clone(),
                ));
            }
            match seen.get(name) {
                Some(&first) => {
                    let error = ScenarioProblem::DuplicateName {
                        name: name.to_string(),
                        first,
                        second: what,
                    };
                    out.push(Placed::at(error, at));
                }
                None => {
                    seen.insert(name.to_string(), what);
                }
            }
        };
        // The named lists, in file order of kinds: field, kind, names.
        let lists: [(&'static str, &'static str, Vec<&str>); 4] = [
            (
                "parties",
                "party",
                self.parties.iter().map(|x| x.name.as_str()).collect(),
            ),
            (
                "policies",
                "policy",
                self.policies.iter().map(|x| x.name.as_str()).collect(),
            ),
            (
                "demands",
                "demand",
                self.demands.iter().map(|x| x.name.as_str()).collect(),
            ),
            (
                "sanctions",
                "sanction",
                self.sanctions.iter().map(|x| x.name.as_str()).collect(),
            ),
        ];
        for (field, what, names) in &lists {
            for (i, name) in names.iter().enumerate() {
                add(name, what, path(field, &[Seg::Index(i), NAME]), out);
            }
        }
        for (i, p) in self.parties.iter().enumerate() {
            for (j, m) in p.moves.iter().enumerate() {
                let at = move_path(i, j, NAME);
                match m.option_name(&p.name) {
                    Some(name) => add(&name, "move", at, out),
                    None => out.push(Placed::at(
                        ScenarioProblem::MoveWithoutName(p.name.clone()),
                        at,
                    )),
                }
            }
        }
    }

    fn check_references(&self, names: &Names<'_>, out: &mut Problems) {
        let party = |context: String, name: &str, at: FieldPath, out: &mut Problems| {
            if !names.parties.contains(name) {
                let error = ScenarioProblem::UnknownParty {
                    context,
                    name: name.to_string(),
                };
                out.push(Placed::at(error, at));
            }
        };
        for (i, p) in self.policies.iter().enumerate() {
            let at = |field| path("policies", &[Seg::Index(i), Seg::Field(field)]);
            match p.holder.as_deref() {
                None | Some("") => out.push(Placed::at(
                    ScenarioProblem::PolicyWithoutHolder(p.name.clone()),
                    at("name"),
                )),
                Some(h) => party(format!("policy `{}`", p.name), h, at("holder"), out),
            }
            if p.refuses.is_some() == p.insists_on.is_some() {
                out.push(Placed::at(
                    ScenarioProblem::PolicyStance(p.name.clone()),
                    at("name"),
                ));
            }
        }
        for (i, d) in self.demands.iter().enumerate() {
            let at = |field| path("demands", &[Seg::Index(i), Seg::Field(field)]);
            party(format!("demand `{}`", d.name), &d.by, at("by"), out);
            party(format!("demand `{}`", d.name), &d.of, at("of"), out);
            if d.by == d.of {
                let error = ScenarioProblem::SelfDemand {
                    demand: d.name.clone(),
                    party: d.by.clone(),
                };
                out.push(Placed::at(error, at("name")));
            }
            if d.requires.is_none() && d.prohibits.is_none() {
                out.push(Placed::at(
                    ScenarioProblem::DemandWithoutSubject(d.name.clone()),
                    at("name"),
                ));
            }
        }
        for (i, s) in self.sanctions.iter().enumerate() {
            let at = |field| path("sanctions", &[Seg::Index(i), Seg::Field(field)]);
            match s.backs.as_deref() {
                None | Some("") => out.push(Placed::at(
                    ScenarioProblem::SanctionWithoutDemand(s.name.clone()),
                    at("name"),
                )),
                Some(d) if !names.demands.contains_key(d) => {
                    let error = ScenarioProblem::UnknownDemand {
                        context: format!("sanction `{}`", s.name),
                        name: d.to_string(),
                    };
                    out.push(Placed::at(error, at("backs")));
                }
                Some(_) => {}
            }
            if let Some(by) = &s.by {
                party(format!("sanction `{}`", s.name), by, at("by"), out);
            }
        }
    }

    fn check_moves(&self, names: &Names<'_>, out: &mut Problems) {
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

    fn check_parties(&self, names: &Names<'_>, out: &mut Problems) {
        for (i, p) in self.parties.iter().enumerate() {
            let at = |rest: &[Seg]| {
                let mut at = path("parties", &[Seg::Index(i)]);
                at.extend_from_slice(rest);
                at
            };
            let name_at = at(&[NAME]);
            let push = |error, out: &mut Problems| out.push(Placed::at(error, name_at.clone()));
            let has_options = !p.moves.is_empty() || names.involved.contains(p.name.as_str());
            if !has_options {
                push(ScenarioProblem::PartyWithoutOptions(p.name.clone()), out);
            }
            let ranked = !p.outcome_ranking.is_empty() || !p.alternatives.is_empty();
            match (&p.preference, p.priorities.is_empty() && !ranked) {
                (None, true) => push(ScenarioProblem::MissingPriorities(p.name.clone()), out),
                (Some(_), false) if ranked => {
                    push(ScenarioProblem::RankingWithPreference(p.name.clone()), out)
                }
                (Some(_), false) => push(ScenarioProblem::PreferenceConflict(p.name.clone()), out),
                (Some(o), true) if o.priorities.is_some() == o.ranking.is_some() => {
                    push(ScenarioProblem::PreferenceKind(p.name.clone()), out)
                }
                _ => {}
            }
            if !p.alternatives.is_empty()
                && (!p.outcome_ranking.is_empty() || !p.priorities.is_empty())
            {
                push(ScenarioProblem::AlternativesConflict(p.name.clone()), out);
            }
            for (j, text) in p.priorities.iter().enumerate() {
                let context = format!("priority `{text}` of `{}`", p.name);
                let term_at = at(&[Seg::Field("priorities"), Seg::Index(j)]);
                self.check_term(names, text, context, true, term_at, out);
            }
            let ranking_at = at(&[Seg::Field("outcome_ranking")]);
            self.check_ranking(names, &p.name, &p.outcome_ranking, &ranking_at, out);
            self.check_alternatives(names, p, &at(&[Seg::Field("alternatives")]), out);
        }
    }

    /// Checks the alternatives of `p`, at path `at`.
    fn check_alternatives(&self, names: &Names<'_>, p: &Party, at: &[Seg], out: &mut Problems) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (k, a) in p.alternatives.iter().enumerate() {
            let alt = |rest: &[Seg]| {
                let mut path = at.to_vec();
                path.push(Seg::Index(k));
                path.extend_from_slice(rest);
                path
            };
            if a.name.is_empty() || seen.contains(a.name.as_str()) {
                let error = ScenarioProblem::AlternativeName {
                    party: p.name.clone(),
                    name: a.name.clone(),
                };
                out.push(Placed::at(error, alt(&[NAME])));
            }
            seen.insert(&a.name);
            if a.outcome_ranking.is_empty() && a.priorities.is_empty() {
                let error = ScenarioProblem::EmptyAlternative {
                    party: p.name.clone(),
                    name: a.name.clone(),
                };
                out.push(Placed::at(error, alt(&[NAME])));
            }
            for (j, text) in a.priorities.iter().enumerate() {
                let context = format!(
                    "priority `{text}` of alternative `{}` of `{}`",
                    a.name, p.name
                );
                let term_at = alt(&[Seg::Field("priorities"), Seg::Index(j)]);
                self.check_term(names, text, context, true, term_at, out);
            }
            let ranking_at = alt(&[Seg::Field("outcome_ranking")]);
            self.check_ranking(names, &p.name, &a.outcome_ranking, &ranking_at, out);
        }
    }

    /// Every name of `ranking` (at path `at`) is an outcome code or a scenario outcome, ranked
    /// once; no group is empty.
    fn check_ranking(
        &self,
        names: &Names<'_>,
        party: &str,
        ranking: &[RankEntry],
        at: &[Seg],
        out: &mut Problems,
    ) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (k, entry) in ranking.iter().enumerate() {
            let mut entry_at = at.to_vec();
            entry_at.push(Seg::Index(k));
            if entry.names().is_empty() {
                let error = ScenarioProblem::EmptyRankEntry {
                    party: party.to_string(),
                };
                out.push(Placed::at(error, entry_at.clone()));
            }
            for (m, name) in entry.names().iter().enumerate() {
                let name_at = || {
                    let mut path = entry_at.clone();
                    match entry {
                        RankEntry::One(_) => {}
                        RankEntry::Tie(_) => path.push(Seg::Index(m)),
                        RankEntry::Unknown { .. } => {
                            path.extend([Seg::Field("unknown"), Seg::Index(m)])
                        }
                    }
                    path
                };
                let known = OutcomeCode::ALL.iter().any(|c| c.as_str() == name)
                    || names.outcomes.contains(name.as_str());
                if !known {
                    let error = ScenarioProblem::UnknownOutcome {
                        party: party.to_string(),
                        outcome: name.clone(),
                    };
                    out.push(Placed::at(error, name_at()));
                } else if seen.contains(name.as_str()) {
                    let error = ScenarioProblem::DuplicateRankedOutcome {
                        party: party.to_string(),
                        outcome: name.clone(),
                    };
                    out.push(Placed::at(error, name_at()));
                }
                seen.insert(name);
            }
        }
    }

    fn check_outcomes(&self, names: &Names<'_>, out: &mut Problems) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, rule) in self.outcomes.iter().enumerate() {
            let at = |rest: &[Seg]| {
                let mut at = path("outcomes", &[Seg::Index(i)]);
                at.extend_from_slice(rest);
                at
            };
            if rule.name.is_empty() {
                out.push(Placed::at(
                    ScenarioProblem::EmptyName("outcome"),
                    at(&[NAME]),
                ));
            } else if seen.contains(rule.name.as_str()) {
                let error = ScenarioProblem::DuplicateOutcome(rule.name.clone());
                out.push(Placed::at(error, at(&[NAME])));
            }
            seen.insert(&rule.name);
            if rule.when.is_empty() {
                let error = ScenarioProblem::EmptyOutcomeRule(rule.name.clone());
                out.push(Placed::at(error, at(&[Seg::Field("when")])));
            }
            for (j, text) in rule.when.iter().enumerate() {
                let context = format!("term `{text}` of outcome `{}`", rule.name);
                let term_at = at(&[Seg::Field("when"), Seg::Index(j)]);
                self.check_term(names, text, context, false, term_at, out);
            }
        }
    }

    /// Parses `text` (at path `at`) and checks the name it is about; `own_party` allows
    /// `in_market` without a name (the party itself).
    fn check_term(
        &self,
        names: &Names<'_>,
        text: &str,
        context: String,
        own_party: bool,
        at: FieldPath,
        out: &mut Problems,
    ) {
        let term = match Term::parse(text) {
            Ok(t) => t,
            Err(TermProblem::UnknownGoal(word)) => {
                let error = ScenarioProblem::UnknownGoal {
                    context,
                    term: text.to_string(),
                    word,
                };
                out.push(Placed::at(error, at));
                return;
            }
            Err(TermProblem::MissingArgument(goal)) => {
                let error = ScenarioProblem::MissingArgument {
                    context,
                    term: text.to_string(),
                    goal,
                };
                out.push(Placed::at(error, at));
                return;
            }
        };
        if term.argument.is_empty() {
            if !own_party {
                let error = ScenarioProblem::MissingArgument {
                    context,
                    term: text.to_string(),
                    goal: term.goal,
                };
                out.push(Placed::at(error, at));
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
            let error = ScenarioProblem::UnknownTerm {
                context,
                term: text.to_string(),
                subject: term.goal.subject(),
                name: name.to_string(),
            };
            out.push(Placed::at(error, at));
        }
    }
}

/// Problems found so far, each with the path of the value it is about.
type Problems = Vec<Placed<ScenarioProblem>>;

/// The `name` field.
const NAME: Seg = Seg::Field("name");

/// `field` (a top-level field) and the steps after it.
fn path(field: &'static str, rest: &[Seg]) -> FieldPath {
    let mut path = vec![Seg::Field(field)];
    path.extend_from_slice(rest);
    path
}

/// `parties[i].moves[j]` and `last` after it.
fn move_path(i: usize, j: usize, last: Seg) -> FieldPath {
    path(
        "parties",
        &[Seg::Index(i), Seg::Field("moves"), Seg::Index(j), last],
    )
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
