//! Where in the scenario file a problem found while building the compiled model is: the
//! path of the value it is about, so that its line and column come from the parser's span
//! (the problems of this stage have no value of their own in the scenario until placed here).

use crate::compile::options::{CompiledOption, OptionRole};
use crate::model::error::ModelError;
use crate::model::locate::Placed;
use crate::model::span::{FieldPath, Seg};
use crate::scenario::{Scenario, ScenarioProblem};

/// Party `i`'s field `field`, then `rest`.
fn in_party(i: usize, field: &'static str, rest: &[Seg]) -> FieldPath {
    let mut at = vec![Seg::Field("parties"), Seg::Index(i), Seg::Field(field)];
    at.extend_from_slice(rest);
    at
}

/// The field holding party `name`'s preference: `outcome_ranking`, `alternatives`,
/// `preference` or `priorities`, the first it gives.
pub(super) fn preference_of(scenario: &Scenario, name: &str) -> Option<FieldPath> {
    let i = scenario.parties.iter().position(|p| p.name == name)?;
    let p = scenario.parties.get(i)?;
    let field = if !p.outcome_ranking.is_empty() {
        "outcome_ranking"
    } else if !p.alternatives.is_empty() {
        "alternatives"
    } else if p.preference.is_some() {
        "preference"
    } else {
        "priorities"
    };
    Some(in_party(i, field, &[]))
}

/// A problem of the parties' outcome preferences (an outcome left unranked, too many
/// completions), at the preference of the party it names.
pub(super) fn preference_problem(
    scenario: &Scenario,
    problem: ScenarioProblem,
) -> Placed<ScenarioProblem> {
    let at = match &problem {
        ScenarioProblem::UnrankedOutcome { party, .. }
        | ScenarioProblem::TooManyCompletions { party, .. } => preference_of(scenario, party),
        _ => None,
    };
    Placed { error: problem, at }
}

/// The value that puts option `o` in the status quo: its sanction's `in_force`, or its
/// move's `taken`.
fn status_quo_value(scenario: &Scenario, o: &CompiledOption) -> Option<FieldPath> {
    if let OptionRole::Enforce { sanction, .. } = &o.role {
        let k = scenario
            .sanctions
            .iter()
            .position(|s| s.name == *sanction)?;
        return Some(vec![
            Seg::Field("sanctions"),
            Seg::Index(k),
            Seg::Field("in_force"),
        ]);
    }
    let party = scenario.parties.get(o.party_index)?;
    let j = party
        .moves
        .iter()
        .position(|m| m.option_name(&party.name).as_deref() == Some(o.name.as_str()))?;
    Some(in_party(
        o.party_index,
        "moves",
        &[Seg::Index(j), Seg::Field("taken")],
    ))
}

/// The path, in the scenario, of a value of the compiled graph model: an explicit
/// preference's entry (`preferences.<party>...`) is that party's `preference` (decision
/// maker `i` is party `i`); the status quo is the first value putting an option in it.
fn scenario_path(
    scenario: &Scenario,
    options: &[CompiledOption],
    model_path: &[Seg],
) -> Option<FieldPath> {
    match model_path {
        [Seg::Field("preferences"), Seg::Entry(i) | Seg::Key(i), rest @ ..] => {
            let p = scenario.parties.get(*i)?;
            let field = if p.preference.is_some() {
                "preference"
            } else {
                "priorities"
            };
            // A term list has no `priorities` level of its own.
            let rest = match (field, rest) {
                ("priorities", [Seg::Field("priorities"), tail @ ..]) => tail,
                _ => rest,
            };
            Some(in_party(*i, field, rest))
        }
        [Seg::Field("status_quo")] => options
            .iter()
            .filter(|o| o.in_status_quo)
            .find_map(|o| status_quo_value(scenario, o)),
        _ => None,
    }
}

/// A problem of the compiled graph model as a scenario problem, at the scenario's value it
/// is about. `status_quo` and `taken` describe the status quo (its label, and the options
/// and sanctions in it).
pub(super) fn model_problem(
    scenario: &Scenario,
    options: &[CompiledOption],
    placed: Placed<ModelError>,
    status_quo: &str,
    taken: &[String],
) -> Placed<ScenarioProblem> {
    let at = placed
        .at
        .as_deref()
        .and_then(|p| scenario_path(scenario, options, p));
    let error = match placed.error {
        ModelError::EmptyFeasibleSet => ScenarioProblem::NoFeasibleState {
            conditions: scenario.infeasible.clone(),
        },
        ModelError::Limit(l) => ScenarioProblem::TooLarge(l),
        ModelError::InfeasibleState { context, .. } if context == "status_quo" => {
            ScenarioProblem::InfeasibleStatusQuo {
                label: status_quo.to_string(),
                taken: taken.to_vec(),
            }
        }
        other => ScenarioProblem::Model(other),
    };
    let at = match &error {
        // At the first user-written rule, when there is one.
        ScenarioProblem::NoFeasibleState { conditions } if !conditions.is_empty() => {
            Some(vec![Seg::Field("infeasible"), Seg::Index(0)])
        }
        _ => at,
    };
    Placed { error, at }
}
