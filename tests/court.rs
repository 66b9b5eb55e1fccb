//! Courts: a `strike_down` move of a party independent of a demand lifts the demand and its
//! sanctions for good, and the state counts as `withdrawn`. Hand-worked standoffs; the
//! expected values are derived in the comments, not read off the code.

use standoff::compile::{compile, OutcomeCode};
use standoff::scenario::ScenarioProblem;
use standoff::{Resolver, Scenario};

mod common;

/// A state side, a firm under a ban in force it refuses to comply with, and a court that may
/// strike the demand down; `court` is the court's preference (TOML lines).
fn with_court(court: &str) -> Scenario {
    let tail = common::access_tail(true);
    Scenario::from_toml_str(&format!(
        r#"
name = "court"
[[parties]]
name = "State"
kind = "state_authority"
outcome_ranking = ["comply", "ban", "stalemate", "withdrawn"]
[[parties]]
name = "Firm"
kind = "company"
outcome_ranking = ["withdrawn", "stalemate", "ban", "comply"]
[[parties]]
name = "Court"
kind = "court"
moves = [{{ kind = "strike_down", demand = "access" }}]
{court}
{tail}"#
    ))
    .expect("a valid scenario")
}

const UNLAWFUL: &str = r#"outcome_ranking = ["withdrawn", ["comply", "ban", "stalemate"]]"#;
const LAWFUL: &str = r#"outcome_ranking = [["comply", "ban", "stalemate"], "withdrawn"]"#;
const OPEN: &str = r#"alternatives = [
  { name = "sanction unlawful", outcome_ranking = ["withdrawn", ["comply", "ban", "stalemate"]] },
  { name = "sanction lawful", outcome_ranking = [["comply", "ban", "stalemate"], "withdrawn"] },
]"#;

fn codes(s: &Scenario) -> Vec<(OutcomeCode, f64)> {
    let (_, r) = Resolver::default().resolve_scenario(s).expect("resolves");
    r.forecast.iter().map(|o| (o.code, o.probability)).collect()
}

/// Options, in the compiler's order: `enforce block`, `withdraw access` (State), `comply with
/// access` (Firm), the strike-down (Court). The rules exclude block & withdrawal, compliance
/// & withdrawal, compliance & strike-down, withdrawal & strike-down. Left: nothing; block;
/// withdrawal; compliance; block & compliance; strike-down; block & strike-down: 7 states.
/// The last is `withdrawn`: the court cannot move the state side's option, but a sanction of
/// a demand struck down is void.
#[test]
fn a_strike_down_lifts_the_demand_and_counts_as_withdrawn() {
    let s = with_court(UNLAWFUL);
    let c = compile(&s).expect("compiles");
    assert_eq!(c.model().feasible_states().count(), 7);
    let names: Vec<&str> = c.options().iter().map(|o| o.name.as_str()).collect();
    let strike = names
        .iter()
        .position(|n| *n == "Court strikes down access")
        .expect("the default name");
    let struck: Vec<OutcomeCode> = c
        .model()
        .feasible_states()
        .filter(|st| st.is_taken(strike))
        .map(|st| c.outcome_code(st))
        .collect();
    assert_eq!(struck, vec![OutcomeCode::Withdrawn; 2]);
    // Irreversible: the court never reinstates the demand.
    let toml = c.model_toml().expect("prints");
    assert!(
        toml.contains("a demand struck down stays struck down"),
        "{toml}"
    );
}

/// Status quo: the block is in force (ban). A court that finds the sanction unlawful ranks
/// the struck state above every other and strikes at once: the firm (its best outcome) and
/// the court gain, and the state cannot pre-empt - lifting the block leads to stalemate, worse
/// for it than the ban, and it has nothing else. So the standoff ends `withdrawn`, certain.
#[test]
fn a_court_that_finds_the_sanction_unlawful_strikes_it_down() {
    assert_eq!(
        codes(&with_court(UNLAWFUL)),
        vec![(OutcomeCode::Withdrawn, 1.0)]
    );
}

/// A court that finds it lawful ranks the struck state last and never moves. The firm
/// prefers the ban to compliance and the state the ban to lifting it: the ban stays.
#[test]
fn a_court_that_finds_the_sanction_lawful_leaves_the_ban() {
    assert_eq!(codes(&with_court(LAWFUL)), vec![(OutcomeCode::Ban, 1.0)]);
}

/// Both readings, equally likely: half the completions end in each of the two ends above.
#[test]
fn an_open_ruling_splits_the_forecast() {
    let mut got = codes(&with_court(OPEN));
    got.sort_by_key(|a| a.0);
    let mut want = vec![(OutcomeCode::Ban, 0.5), (OutcomeCode::Withdrawn, 0.5)];
    want.sort_by_key(|a| a.0);
    assert_eq!(got, want);
}

/// The terms `withdrawn`, `not_withdraw` and `free_of` count a strike-down as a withdrawal:
/// the demand is off the table either way.
#[test]
fn withdrawal_terms_include_the_strike_down() {
    let text = with_court_priorities();
    let s = Scenario::from_toml_str(&text).expect("valid");
    let c = compile(&s).expect("compiles");
    let toml = c.model_toml().expect("prints");
    for line in [
        "`withdraw access` | `Court strikes down access`    <- free_of access",
        "`withdraw access` | `Court strikes down access`    <- withdrawn access",
        "!(`withdraw access` | `Court strikes down access`)    <- not_withdraw access",
    ] {
        assert!(toml.contains(line), "{line}\n{toml}");
    }
}

fn with_court_priorities() -> String {
    r#"
name = "court terms"
[[parties]]
name = "State"
kind = "state_authority"
priorities = ["demand_met access", "not_withdraw access"]
[[parties]]
name = "Firm"
kind = "company"
priorities = ["free_of access"]
[[parties]]
name = "Court"
kind = "court"
moves = [{ kind = "strike_down", demand = "access" }]
priorities = ["withdrawn access"]
[[demands]]
name = "access"
by = "State"
of = "Firm"
requires = "access"
"#
    .to_string()
}

/// A strike-down by the demand's maker or target is an error naming the move, the party and
/// the demand, at the line of the move's `demand`.
#[test]
fn only_an_independent_party_strikes_down() {
    let text = r#"name = "bad"
[[parties]]
name = "State"
kind = "state_authority"
outcome_ranking = ["comply", "stalemate", "withdrawn"]
[[parties]]
name = "Firm"
kind = "company"
outcome_ranking = ["withdrawn", "stalemate", "comply"]
moves = [{ kind = "strike_down", demand = "access" }]
[[demands]]
name = "access"
by = "State"
of = "Firm"
requires = "access"
"#;
    let err = Scenario::from_toml_str(text).expect_err("the firm receives the demand");
    let problems: Vec<(Option<usize>, ScenarioProblem)> = match err {
        standoff::scenario::ScenarioError::Invalid(list) => {
            list.into_iter().map(|p| (p.line, p.error)).collect()
        }
        other => panic!("not a validation error: {other}"),
    };
    assert_eq!(
        problems,
        vec![(
            Some(10),
            ScenarioProblem::MoveRole {
                name: "Firm strikes down access".into(),
                party: "Firm".into(),
                demand: "access".into(),
                role: "stand apart from",
            }
        )]
    );
}
