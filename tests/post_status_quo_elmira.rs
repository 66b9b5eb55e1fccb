//! Elmira status quo evolution (Hipel, Fang and Kilgour): from the status quo `NYNNN`
//! (Uniroyal delays), unilateral improvements reach `NYNNY` (the local government insists);
//! with the ministry and Uniroyal as a coalition, their joint improvement to `YNYNY` (the
//! ministry modifies its control order, Uniroyal accepts it) follows: the historical
//! resolution. Option order: Modify | Delay Accept Abandon | Insist.

use standoff::post::coalition::Partition;
use standoff::post::status_quo::{diagnose, Diagnosis, StatusQuoAnalysis, Steps};
use standoff::{Analysis, AnalysisOptions, Concept, GraphModel, Limits};

fn elmira() -> GraphModel {
    GraphModel::from_path("tests/corpus/elmira.model.json").expect("corpus model")
}

fn labels(
    model: &GraphModel,
    path: &[standoff::post::EvolutionStep],
) -> Vec<(Vec<String>, String, String, bool)> {
    path.iter()
        .map(|s| {
            let movers = s
                .movers
                .iter()
                .map(|&d| model.decision_makers()[d].name().to_string())
                .collect();
            (
                movers,
                model.label(s.from),
                model.label(s.to),
                s.improvement,
            )
        })
        .collect()
}

#[test]
fn unilateral_improvements_reach_the_local_government_insisting() {
    let m = elmira();
    let sq = m.parse_state("NYNNN").unwrap();
    let a = StatusQuoAnalysis::run(&m, sq, Steps::Improvements, &Limits::default()).unwrap();
    // From NYNNN only the local government can improve (Uniroyal's delay is its best state,
    // and the ministry prefers NYNNN to modifying); insisting is its improvement.
    let reached: Vec<String> = a.reachable(&m).into_iter().map(|s| m.label(s)).collect();
    assert_eq!(reached, ["NYNNN", "NYNNY"]);
    let path = a.path(&m, m.parse_state("NYNNY").unwrap()).unwrap();
    assert_eq!(
        labels(&m, &path),
        [(
            vec!["Local Government".to_string()],
            "NYNNN".into(),
            "NYNNY".into(),
            true
        )]
    );
    // NYNNY is an equilibrium under every concept: the evolution stops there without a coalition.
    let analysis = Analysis::run(&m, &AnalysisOptions::default()).unwrap();
    let eq: Vec<String> = a
        .equilibria(&m, &analysis, Concept::Nash)
        .unwrap()
        .into_iter()
        .map(|s| m.label(s))
        .collect();
    assert_eq!(eq, ["NYNNY"]);
}

#[test]
fn the_ministry_and_uniroyal_together_reach_the_historical_resolution() {
    let m = elmira();
    let sq = m.parse_state("NYNNN").unwrap();
    let partition = Partition::parse(&m, "MoE,Uniroyal|Local Government").unwrap();
    let a = StatusQuoAnalysis::run_with_coalitions(
        &m,
        sq,
        Steps::Improvements,
        &partition,
        &Limits::default(),
    )
    .unwrap();
    let path = a
        .path(&m, m.parse_state("YNYNY").unwrap())
        .expect("reachable with the coalition");
    assert_eq!(
        labels(&m, &path),
        [
            (
                vec!["Local Government".to_string()],
                "NYNNN".into(),
                "NYNNY".into(),
                true
            ),
            (
                vec!["MoE".to_string(), "Uniroyal".to_string()],
                "NYNNY".into(),
                "YNYNY".into(),
                true
            ),
        ]
    );
    // Without the coalition YNYNY is not reachable by unilateral improvements.
    let alone = StatusQuoAnalysis::run(&m, sq, Steps::Improvements, &Limits::default()).unwrap();
    assert!(!alone.is_reachable(&m, m.parse_state("YNYNY").unwrap()));
}

#[test]
fn the_reverse_question_names_the_missing_steps() {
    let m = elmira();
    let sq = m.parse_state("NYNNN").unwrap();
    let yes = diagnose(&m, sq, m.parse_state("NYNNY").unwrap(), &Limits::default()).unwrap();
    assert!(matches!(yes, Diagnosis::Reached { ref path } if path.len() == 1));
    // YNYNY by unilateral moves needs exactly one move that is not an improvement for its
    // mover: the ministry modifying its order (alone, it prefers not to: NYNNN and NYNNY rank
    // above YYNNN and YYNNY for it); every other step can be an improvement (the local
    // government insisting, Uniroyal dropping its delay for acceptance once the order is
    // modified).
    match diagnose(&m, sq, m.parse_state("YNYNY").unwrap(), &Limits::default()).unwrap() {
        Diagnosis::Missing { path, missing } => {
            assert_eq!(
                path.last().map(|s| m.label(s.to)),
                Some("YNYNY".to_string())
            );
            assert_eq!(path.len(), 3);
            assert_eq!(missing.len(), 1);
            assert_eq!(missing[0].mover, 0);
            assert!(!missing[0].from.is_taken(0) && missing[0].to.is_taken(0));
            for s in &missing {
                assert!(m.can_move(s.mover, s.from, s.to));
                assert!(m.payoff(s.mover, s.to) <= m.payoff(s.mover, s.from));
            }
            // Chained: the path starts at the status quo and is connected.
            assert_eq!(path[0].from, sq);
            for w in path.windows(2) {
                assert_eq!(w[0].to, w[1].from);
            }
        }
        other => panic!("{other:?}"),
    }
    // Abandoning is irreversible (forward) and delaying can only stop: from an abandoned
    // state, delaying again is impossible by any moves.
    let abandoned = m.parse_state("NNNYN").unwrap();
    assert_eq!(
        diagnose(&m, abandoned, sq, &Limits::default()).unwrap(),
        Diagnosis::Unreachable
    );
}
