//! Status quo analysis on small models checked by hand.

use standoff::post::{EvolutionStep, StatusQuoAnalysis, Steps};
use standoff::{Analysis, AnalysisError, AnalysisOptions, Concept, GraphModel, Limits, State};

/// Two decision makers with one option each; labels are `ab`.
/// A: YN > YY > NN > NY.  B: YY > NY > YN > NN.
/// From NN, A improves to YN and B to NY; from YN, B improves to YY; from NY, A improves to
/// YY; from YY nobody improves (A's only move is to NY, B's to YN, both worse for them).
fn model() -> GraphModel {
    GraphModel::builder("two step")
        .decision_maker("A", ["a"])
        .decision_maker("B", ["b"])
        .ranking("A", [["YN"], ["YY"], ["NN"], ["NY"]])
        .ranking("B", [["YY"], ["NY"], ["YN"], ["NN"]])
        .status_quo("NN")
        .build()
        .expect("valid")
}

fn s(m: &GraphModel, label: &str) -> State {
    m.parse_state(label).expect("label")
}

#[test]
fn improvements_reach_every_state_and_the_path_breaks_ties_by_decision_maker_order() {
    let m = model();
    let nn = s(&m, "NN");
    let sq = StatusQuoAnalysis::run(&m, nn, Steps::Improvements, &Limits::default()).expect("runs");
    let reached: Vec<String> = sq.reachable(&m).into_iter().map(|x| m.label(x)).collect();
    assert_eq!(reached, ["NN", "YN", "NY", "YY"]);
    assert_eq!(sq.distance(&m, s(&m, "YY")), Some(2));
    // YY is reached both through YN (B moves) and through NY (A moves); YN is expanded first
    // because A (index 0) generates it first from NN.
    assert_eq!(
        sq.path(&m, s(&m, "YY")).expect("reachable"),
        [
            EvolutionStep {
                mover: 0,
                movers: vec![0],
                from: nn,
                to: s(&m, "YN"),
                improvement: true
            },
            EvolutionStep {
                mover: 1,
                movers: vec![1],
                from: s(&m, "YN"),
                to: s(&m, "YY"),
                improvement: true
            },
        ]
    );
    assert_eq!(sq.path(&m, nn).expect("the status quo"), []);
    let analysis = Analysis::run(&m, &AnalysisOptions::default()).expect("runs");
    let nash: Vec<String> = sq
        .equilibria(&m, &analysis, Concept::Nash)
        .expect("analysed")
        .into_iter()
        .map(|x| m.label(x))
        .collect();
    assert_eq!(nash, ["YY"]);
}

#[test]
fn from_an_equilibrium_nothing_else_is_reached_by_improvements() {
    let m = model();
    let yy = s(&m, "YY");
    let sq = StatusQuoAnalysis::run(&m, yy, Steps::Improvements, &Limits::default()).expect("runs");
    assert_eq!(sq.reachable(&m), [yy]);
    assert_eq!(sq.path(&m, s(&m, "NN")), None);
    assert!(!sq.is_reachable(&m, s(&m, "NN")));
}

#[test]
fn moves_reach_states_improvements_do_not_and_flag_non_improvements() {
    let m = model();
    let yy = s(&m, "YY");
    let sq = StatusQuoAnalysis::run(&m, yy, Steps::Moves, &Limits::default()).expect("runs");
    assert_eq!(sq.steps(), Steps::Moves);
    assert_eq!(sq.reachable(&m).len(), 4);
    // From YY: A moves to NY (worse for A), B to YN; then NN from NY by B (NY -> NN, worse
    // for B) since NY is expanded first.
    assert_eq!(
        sq.path(&m, s(&m, "NN")).expect("reachable"),
        [
            EvolutionStep {
                mover: 0,
                movers: vec![0],
                from: yy,
                to: s(&m, "NY"),
                improvement: false
            },
            EvolutionStep {
                mover: 1,
                movers: vec![1],
                from: s(&m, "NY"),
                to: s(&m, "NN"),
                improvement: false
            },
        ]
    );
}

#[test]
fn irreversible_options_cut_paths() {
    // A's option can only be taken, never dropped; A prefers it; B has no say.
    let m = GraphModel::builder("one way")
        .decision_maker("A", ["a"])
        .decision_maker("B", ["b"])
        .irreversible("a", standoff::Direction::Forward)
        .priorities("A", ["a"])
        .priorities("B", ["b"])
        .build()
        .expect("valid");
    let ya = s(&m, "YN");
    let sq = StatusQuoAnalysis::run(&m, ya, Steps::Moves, &Limits::default()).expect("runs");
    let reached: Vec<String> = sq.reachable(&m).into_iter().map(|x| m.label(x)).collect();
    assert_eq!(reached, ["YN", "YY"]);
}

#[test]
fn an_infeasible_status_quo_is_an_error() {
    let m = GraphModel::builder("no both")
        .decision_maker("A", ["a"])
        .decision_maker("B", ["b"])
        .infeasible("a & b")
        .priorities("A", ["a"])
        .priorities("B", ["b"])
        .build()
        .expect("valid");
    assert_eq!(
        StatusQuoAnalysis::run(&m, s(&m, "YY"), Steps::Moves, &Limits::default()),
        Err(AnalysisError::InfeasibleState("YY".into()))
    );
}
