//! Scenario validation: every cross-reference, every name, every term. One file per
//! family of checks; each collects every problem it finds, with the path of its value.

mod moves;
mod names;
mod preferences;
mod references;
mod terms;

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
