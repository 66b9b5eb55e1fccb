//! Problems found while building the compiled model (an explicit preference the engine
//! rejects, a status quo the rules exclude) are placed at the scenario's own value, by the
//! parser's span: line and column of the value, not of the party's name.

use standoff::model::error::ModelError;
use standoff::scenario::ScenarioProblem;
use standoff::{compile, Scenario};

/// `(line, column, problem)` of every problem of compiling `text`.
fn placed(text: &str) -> Vec<(Option<usize>, Option<usize>, ScenarioProblem)> {
    let s = Scenario::from_toml_str(text).unwrap_or_else(|e| panic!("{e}"));
    let err = compile(&s).expect_err("invalid");
    err.problems()
        .iter()
        .map(|p| (p.line, p.column, p.error.clone()))
        .collect()
}

const EXPLICIT: &str = r#"name = "explicit"
[[parties]]
name = "State"
priorities = ["demand_met access"]
[[parties]]
name = "Firm"
preference = { ranking = [
  ["NN"],
  ["YN"],
  ["NY", "YY"],
] }
[[demands]]
name = "access"
by = "State"
of = "Firm"
requires = "access"
"#;

/// Options: `withdraw access` (State), `comply with access` (Firm); complying with a
/// withdrawn demand is excluded, so `YY` is not a state. The Firm's explicit ranking lists
/// it: the engine's error, at that label (line 10, column 10), not at `name = "Firm"`.
#[test]
fn an_explicit_preference_error_is_at_its_value() {
    let got = placed(EXPLICIT);
    assert_eq!(got.len(), 1, "{got:?}");
    let (line, column, problem) = &got[0];
    assert_eq!((*line, *column), (Some(10), Some(10)));
    assert!(
        matches!(
            problem,
            ScenarioProblem::Model(ModelError::InfeasibleState { state, .. }) if state == "YY"
        ),
        "{problem:?}"
    );
}

const BLOCKED: &str = r#"name = "blocked"
infeasible = ["`enforce block` & !`comply with access`"]
[[parties]]
name = "State"
priorities = ["demand_met access"]
[[parties]]
name = "Firm"
priorities = ["keep_policy no access"]
[[policies]]
name = "no access"
holder = "Firm"
refuses = "access"
[[demands]]
name = "access"
by = "State"
of = "Firm"
requires = "access"
[[sanctions]]
name = "block"
kind = "ban"
backs = "access"
in_force = true
"#;

/// The user's rule excludes the block without compliance, which is the status quo (the block
/// in force, nothing else): the problem is at the value putting the block in the status quo,
/// `in_force = true` (line 22, column 12).
#[test]
fn an_infeasible_status_quo_is_at_the_value_that_puts_it_there() {
    let got = placed(BLOCKED);
    assert_eq!(got.len(), 1, "{got:?}");
    let (line, column, problem) = &got[0];
    assert_eq!((*line, *column), (Some(22), Some(12)));
    assert!(
        matches!(problem, ScenarioProblem::InfeasibleStatusQuo { taken, .. } if taken == &["block".to_string()]),
        "{problem:?}"
    );
}
