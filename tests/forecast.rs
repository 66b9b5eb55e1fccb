//! The forecast: hand-worked standoffs (a sanction trap settled, compliance in anticipation of
//! a credible ban, an open comparison splitting 50/50), its properties, and bad input.

use proptest::prelude::*;
use standoff::compile::OutcomeCode;
use standoff::post::farsighted::{FarsightedOptions, MoveGraph, Play};
use standoff::resolve::Anticipation;
use standoff::scenario::ScenarioProblem;
use standoff::strategy::{scenario, ScenarioParams};
use standoff::{Resolver, Scenario};

mod common;

/// A maker, a target that may leave, one demand backed by a ban.
fn standoff(maker: &str, target: &str, ban_in_force: bool, exit: bool) -> Scenario {
    let moves = if exit {
        r#"moves = [{ kind = "exit", name = "leave" }]"#
    } else {
        ""
    };
    let tail = common::access_tail(ban_in_force);
    Scenario::from_toml_str(&format!(
        r#"
name = "hand-worked"
[[parties]]
name = "State"
kind = "state_authority"
outcome_ranking = {maker}
[[parties]]
name = "Firm"
kind = "company"
{moves}
outcome_ranking = {target}
{tail}"#
    ))
    .expect("a valid scenario")
}

fn codes(resolver: &Resolver, s: &Scenario) -> Vec<(OutcomeCode, f64)> {
    let (_, r) = resolver.resolve_scenario(s).expect("resolves");
    r.forecast.iter().map(|o| (o.code, o.probability)).collect()
}

fn myopic() -> Resolver {
    Resolver {
        anticipation: Anticipation::Myopic,
        ..Resolver::default()
    }
}

/// The sanction trap. Options: State `enforce block` (E), `withdraw access` (W); Firm `comply
/// with access` (C). The ban is in force: status quo ENN = YNN, a `ban` state.
/// State: comply > ban > stalemate > withdrawn; Firm: withdrawn > stalemate > comply > ban.
/// Myopically YNN is stuck: the Firm complying alone gives YNY, still a `ban` state (no better
/// for it), and the State lifting the ban alone gives NNN, a stalemate it ranks below the ban.
/// Farsightedly (and by settlement) both prefer NNY, compliance without the ban, to YNN: the
/// State lifts as the Firm complies (a joint move every mover prefers), and from NNY nobody
/// moves: the Firm dropping compliance (NNN) is answered by the State's ban, which the Firm
/// answers by complying again, back at compliance (no gain); the State re-imposing the ban (YNY)
/// only makes the Firm... stay complying under a ban, worse for the State than NNY.
#[test]
fn a_sanction_trap_is_settled() {
    let s = standoff(
        r#"["comply", "ban", "stalemate", "withdrawn"]"#,
        r#"["withdrawn", "stalemate", "comply", "ban"]"#,
        true,
        false,
    );
    assert_eq!(
        codes(&Resolver::default(), &s),
        [(OutcomeCode::Comply, 1.0)]
    );
    assert_eq!(codes(&myopic(), &s), [(OutcomeCode::Ban, 1.0)]);
    // Without settlements, farsighted play finds the same end: the Firm complies under the
    // ban because it anticipates the State lifting it.
    let no_joint = Resolver {
        anticipation: Anticipation::Farsighted {
            horizon: None,
            joint_moves: false,
        },
        ..Resolver::default()
    };
    assert_eq!(codes(&no_joint, &s), [(OutcomeCode::Comply, 1.0)]);
    // Looking one move ahead is myopia again: the ban stays.
    let one = Resolver {
        anticipation: Anticipation::Farsighted {
            horizon: Some(1),
            joint_moves: false,
        },
        ..Resolver::default()
    };
    assert_eq!(codes(&one, &s), [(OutcomeCode::Ban, 1.0)]);
}

/// Compliance in anticipation of a credible ban. Same rankings, the ban only threatened:
/// status quo NNN (stalemate). The State's ban is credible (it ranks ban above stalemate) and
/// the Firm would rather comply than be banned: the State moves to YNN, anticipating the Firm's
/// compliance and its own lifting of the ban, and the standoff ends at NNY, compliance. The
/// myopic reading stops at the ban: YNN is stable there (see the trap above).
#[test]
fn a_credible_ban_brings_compliance() {
    let s = standoff(
        r#"["comply", "ban", "stalemate", "withdrawn"]"#,
        r#"["withdrawn", "stalemate", "comply", "ban"]"#,
        false,
        false,
    );
    let (_, r) = Resolver::default().resolve_scenario(&s).expect("resolves");
    assert_eq!(r.forecast.len(), 1);
    assert_eq!(r.forecast[0].code, OutcomeCode::Comply);
    assert_eq!(r.forecast[0].probability, 1.0);
    assert!(r.forecast[0].robust);
    assert_eq!(r.forecast[0].states[0].state.label, "NNY");
    // The path starts with the State's threat carried out, or a settlement, and ends at NNY.
    let path = &r.forecast[0].path;
    assert_eq!(path.first().map(|s| s.party.as_str()), Some("State"));
    assert_eq!(path.last().map(|s| s.to.label.as_str()), Some("NNY"));
    assert_eq!(codes(&myopic(), &s), [(OutcomeCode::Ban, 1.0)]);
}

/// An open comparison. The Firm may leave; its ranking leaves `comply` against `exit` open:
/// withdrawn > stalemate > {comply, exit} > ban. State: comply > ban > stalemate > exit >
/// withdrawn; the ban is only threatened (status quo NNNN: enforce, withdraw, comply, leave).
/// - comply above exit: as above, the State's ban brings compliance (NNYN).
/// - exit above comply: a ban would make the Firm leave (exit above ban), which the State
///   ranks below the stalemate, so it does not ban; the Firm does not move either (it ranks
///   the stalemate above everything but withdrawal): the stalemate NNNN stays.
///
/// Two completions, equally likely: compliance 50%, stalemate 50%.
#[test]
fn an_open_comparison_splits_the_forecast() {
    let s = standoff(
        r#"["comply", "ban", "stalemate", "exit", "withdrawn"]"#,
        r#"["withdrawn", "stalemate", { unknown = ["comply", "exit"] }, "ban"]"#,
        false,
        true,
    );
    let (compiled, r) = Resolver::default().resolve_scenario(&s).expect("resolves");
    assert_eq!(compiled.preferences().completion_count(), 2);
    assert_eq!(r.forecast_basis.completions, 2);
    let got: Vec<(OutcomeCode, f64, &str)> = r
        .forecast
        .iter()
        .map(|o| (o.code, o.probability, o.states[0].state.label.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (OutcomeCode::Comply, 0.5, "NNYN"),
            (OutcomeCode::Stalemate, 0.5, "NNNN")
        ]
    );
    assert!(r.forecast.iter().all(|o| !o.robust));
    assert!(standoff::report::forecast_line(&r)
        .starts_with("Most likely: compliance (50%); then stalemate (50%)"));
    // The open comparison decides it: each order leads to one end with certainty.
    assert_eq!(r.contested.len(), 1);
    let c = &r.contested[0];
    assert_eq!(c.party, "Firm");
    assert_eq!(
        c.question,
        standoff::resolve::Question::Order {
            a: "comply".into(),
            b: "exit".into()
        }
    );
    assert_eq!(c.spread, 1.0);
    type Branch<'a> = (&'a str, f64, Vec<(OutcomeCode, f64)>);
    let branches: Vec<Branch> = c
        .branches
        .iter()
        .map(|b| (b.answer.as_str(), b.share, b.forecast.clone()))
        .collect();
    assert_eq!(
        branches,
        [
            ("comply above exit", 0.5, vec![(OutcomeCode::Comply, 1.0)]),
            (
                "exit above comply",
                0.5,
                vec![(OutcomeCode::Stalemate, 1.0)]
            ),
        ]
    );
    let text = standoff::report::forecast_text(&r);
    assert!(text.contains(
        "Firm, comply or exit (spread 100%): comply above exit (50%) -> compliance 100%; \
         exit above comply (50%) -> stalemate 100%"
    ));
}

/// The tie rule. The sanction trap of `a_sanction_trap_is_settled` (ban in force), with the
/// Firm's `comply` against `ban` open: withdrawn > stalemate > {comply, ban}.
/// - comply above ban: the trap is settled, compliance (as worked there);
/// - ban above comply: the Firm never complies (the ban is better for it), and the State
///   keeps the ban (ban above stalemate and withdrawn): the ban stays.
///
/// Compliance and the ban are equally likely (50% each). Their joint standing: the State ranks
/// compliance first (normalised rank 1) and the ban second of four; the Firm ranks them alike
/// on average over the two completions. So compliance, the end the parties together rank
/// higher, is listed first, although code order puts `ban` before `comply`.
#[test]
fn equally_likely_outcomes_are_listed_by_joint_standing() {
    let s = standoff(
        r#"["comply", "ban", "stalemate", "withdrawn"]"#,
        r#"["withdrawn", "stalemate", { unknown = ["comply", "ban"] }]"#,
        true,
        false,
    );
    assert!(OutcomeCode::Ban < OutcomeCode::Comply);
    assert_eq!(
        codes(&Resolver::default(), &s),
        [(OutcomeCode::Comply, 0.5), (OutcomeCode::Ban, 0.5)]
    );
    // Swapping the State's view of the two makes the ban the joint favourite.
    let s = standoff(
        r#"["ban", "comply", "stalemate", "withdrawn"]"#,
        r#"["withdrawn", "stalemate", { unknown = ["comply", "ban"] }]"#,
        true,
        false,
    );
    let got = codes(&Resolver::default(), &s);
    assert_eq!(got.first().map(|c| c.0), Some(OutcomeCode::Ban));
}

#[test]
fn the_seed_forecasts_the_withdrawal_and_keeps_the_exit_threat() {
    let s = Scenario::from_path("seeds/blackberry-pakistan-2015.toml").expect("seed");
    let (_, r) = Resolver::default().resolve_scenario(&s).expect("resolves");
    assert_eq!(r.forecast[0].code, OutcomeCode::Withdrawn);
    assert_eq!(r.forecast[0].states[0].state.label, "NYNN");
    assert_eq!(r.forecast[0].probability, 1.0);
    assert!(r
        .credible_threats()
        .any(|t| t.party == "BlackBerry" && t.option == "exit Pakistan"));
    let json = r.to_json_string().expect("json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("parses");
    assert_eq!(v["forecast"][0]["code"], "withdrawn");
    assert!(v["forecast"][0]["probability"].as_f64().is_some());
}

fn params() -> ScenarioParams {
    ScenarioParams::default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Probabilities sum to 1 and come most likely first; every forecast state of a certain
    /// scenario is farsighted-stable; the forecast does not depend on the thread count; the
    /// myopic reading forecasts exactly the predicted outcomes.
    #[test]
    fn forecasts_are_distributions_over_stable_states(s in scenario(params())) {
        let resolver = Resolver { threads: 1, ..Resolver::default() };
        let compiled = standoff::compile(&s).expect("compiles");
        prop_assume!(compiled.model().state_count() <= 512);
        let r = resolver.resolve(&compiled).expect("resolves");
        let total: f64 = r.forecast.iter().map(|o| o.probability).sum();
        prop_assert!((total - 1.0).abs() < 1e-9, "sum {total}");
        prop_assert!(r.forecast.windows(2).all(|w| w[0].probability >= w[1].probability - 1e-9));
        let model = compiled.model();
        let graph = MoveGraph::new(model, true, &standoff::Limits::default()).expect("small");
        let completion = compiled.preferences().completion(model, 0);
        let options = FarsightedOptions::for_parties(model.decision_makers().len());
        let mut play = Play::new(&graph, &completion.ranks, options);
        if r.forecast_basis.unsettled == 0.0 {
            for o in &r.forecast {
                for st in &o.states {
                    let state = model.parse_state(&st.state.label).expect("label");
                    prop_assert!(play.is_stable(model.index_of(state).expect("feasible")));
                }
            }
        }
        let two = Resolver { threads: 2, ..Resolver::default() };
        let (_, r2) = two.resolve_scenario(&s).expect("resolves");
        prop_assert_eq!(r.to_json_string().expect("json"), r2.to_json_string().expect("json"));
        let (_, old) = myopic().resolve_scenario(&s).expect("resolves");
        let mut forecast: Vec<String> = old.forecast.iter().flat_map(|o| o.states.iter().map(|s| s.state.label.clone())).collect();
        let mut predicted: Vec<String> = old.predicted.iter().map(|p| p.state.label.clone()).collect();
        forecast.sort();
        predicted.sort();
        prop_assert_eq!(forecast, predicted);
    }
}

/// With no uncertainty and one reachable end, that end has probability 1.
#[test]
fn a_single_end_is_certain() {
    let s = standoff(
        r#"["comply", "ban", "stalemate", "withdrawn"]"#,
        r#"["withdrawn", "comply", "stalemate", "ban"]"#,
        false,
        false,
    );
    // The Firm prefers complying to the standing demand: it complies at once.
    assert_eq!(
        codes(&Resolver::default(), &s),
        [(OutcomeCode::Comply, 1.0)]
    );
}

fn problems(text: &str) -> Vec<(Option<usize>, ScenarioProblem)> {
    let err = standoff::compile(&Scenario::from_toml_str(text).unwrap_or_else(|e| panic!("{e}")))
        .expect_err("invalid");
    err.problems()
        .iter()
        .map(|p| (p.line, p.error.clone()))
        .collect()
}

const BASE: &str = r#"name = "bad"
[[parties]]
name = "State"
outcome_ranking = RANKING
PREFERENCE
[[parties]]
name = "Firm"
outcome_ranking = ["withdrawn", "stalemate", "comply", "ban"]
[[demands]]
name = "access"
by = "State"
of = "Firm"
requires = "access"
[[sanctions]]
name = "block"
kind = "ban"
backs = "access"
"#;

fn bad(ranking: &str, preference: &str) -> String {
    BASE.replace("RANKING", ranking)
        .replace("PREFERENCE", preference)
}

#[test]
fn bad_outcome_rankings_are_typed_errors_with_lines() {
    let scenario_problems = |text: &str| -> Vec<(Option<usize>, ScenarioProblem)> {
        match Scenario::from_toml_str(text) {
            Err(e) => e
                .problems()
                .iter()
                .map(|p| (p.line, p.error.clone()))
                .collect(),
            Ok(s) => problems(&toml::to_string(&s).unwrap_or_default()),
        }
    };
    assert_eq!(
        scenario_problems(&bad(
            r#"["comply", "victory", "ban", "stalemate", "withdrawn"]"#,
            ""
        )),
        [(
            Some(4),
            ScenarioProblem::UnknownOutcome {
                party: "State".into(),
                outcome: "victory".into()
            }
        )]
    );
    assert_eq!(
        scenario_problems(&bad(
            r#"["comply", "ban", "comply", "stalemate", "withdrawn"]"#,
            ""
        )),
        [(
            Some(4),
            ScenarioProblem::DuplicateRankedOutcome {
                party: "State".into(),
                outcome: "comply".into()
            }
        )]
    );
    assert_eq!(
        scenario_problems(&bad(
            r#"["comply", "ban", "stalemate", "withdrawn"]"#,
            r#"preference = { priorities = ["`withdraw access`"] }"#
        )),
        [(
            Some(3),
            ScenarioProblem::RankingWithPreference("State".into())
        )]
    );
    assert_eq!(
        scenario_problems(&bad(
            r#"["comply", { unknown = [] }, "ban", "stalemate", "withdrawn"]"#,
            ""
        )),
        // The empty group itself (line 4), not the party's name.
        [(
            Some(4),
            ScenarioProblem::EmptyRankEntry {
                party: "State".into()
            }
        )]
    );
    // A state's outcome left unranked: `withdrawn` occurs (the State can withdraw). At the
    // party's `outcome_ranking` (line 4), by its span.
    assert_eq!(
        problems(&bad(r#"["comply", "ban", "stalemate"]"#, "")),
        [(
            Some(4),
            ScenarioProblem::UnrankedOutcome {
                party: "State".into(),
                outcome: "withdrawn".into(),
                state: "NYN".into(),
                name: String::new(),
            }
        )]
    );
}

#[test]
fn too_many_completions_is_an_error_naming_the_party() {
    let text = bad(
        r#"[{ unknown = ["comply", "ban", "stalemate", "withdrawn"] }]"#,
        "",
    );
    let s = Scenario::from_toml_str(&text).expect("valid");
    let limits = standoff::Limits {
        max_completions: 10,
        ..standoff::Limits::default()
    };
    let err = standoff::compile::compile_with_limits(&s, &limits).expect_err("24 > 10");
    assert_eq!(
        err.problems()[0].error,
        ScenarioProblem::TooManyCompletions {
            party: "State".into(),
            own: 24,
            count: 24,
            limit: 10
        }
    );
    // At the ranking that contributes the completions (line 4), column 19 (its value).
    assert_eq!(err.problems()[0].line, Some(4));
    assert_eq!(err.problems()[0].column, Some(19));
}

/// The memo tables of farsighted play are counted against `Limits::max_memory` before they
/// are allocated: four bytes per (state, last mover, moves left) and worker thread.
#[test]
fn the_forecast_memo_is_bounded_by_the_memory_budget() {
    use standoff::resolve::ResolveError;
    use standoff::{AnalysisError, LimitError, Limits};
    let s = Scenario::from_path("seeds/blackberry-pakistan-2015.toml").expect("seed");
    let compiled = standoff::compile(&s).expect("compiles");
    let states = compiled.model().state_count() as u64;
    let resolver = Resolver {
        anticipation: Anticipation::Farsighted {
            horizon: Some(1_000_000),
            joint_moves: true,
        },
        threads: 1,
        limits: Limits {
            max_memory: 1 << 20,
            ..Limits::default()
        },
        ..Resolver::default()
    };
    match resolver.resolve_scenario(&s) {
        Err(ResolveError::Analysis(AnalysisError::Limit(LimitError::Memory { needed, limit }))) => {
            assert_eq!(needed, states * 3 * 1_000_001 * 4);
            assert_eq!(limit, 1 << 20);
        }
        other => panic!("expected a memory limit error, got {other:?}"),
    }
    // Within the budget (the default horizon) it resolves.
    let fine = Resolver {
        threads: 1,
        limits: Limits {
            max_memory: 1 << 20,
            ..Limits::default()
        },
        ..Resolver::default()
    };
    assert!(fine.resolve_scenario(&s).is_ok());
}
