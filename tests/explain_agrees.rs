//! Explanations (a direct search from the definitions) agree with the fast engine's verdicts,
//! and every sanction they show is a valid one.
#![cfg(feature = "proptest")]

use proptest::prelude::*;
use standoff::strategy::GraphModelParams;
use standoff::{explain, Analysis, AnalysisOptions, Concept, GraphModel, Limits, Reachability};

fn check(model: &GraphModel, reachability: Reachability) -> Result<(), TestCaseError> {
    let opts = AnalysisOptions {
        reachability,
        ..AnalysisOptions::default()
    };
    let analysis = Analysis::run(model, &opts).unwrap();
    let dms = model.decision_makers().len();
    for concept in Concept::ALL {
        for dm in 0..dms {
            for state in model.feasible_states() {
                let e =
                    explain(model, concept, reachability, dm, state, &Limits::default()).unwrap();
                let verdict = analysis.is_stable(model, concept, dm, state).unwrap();
                prop_assert_eq!(
                    e.stable,
                    verdict,
                    "{} {} dm {} at {}",
                    concept,
                    reachability,
                    dm,
                    model.label(state)
                );
                let p = model.payoff(dm, state).unwrap();
                prop_assert_eq!(
                    e.improvements
                        .iter()
                        .map(|c| c.improvement)
                        .collect::<Vec<_>>(),
                    model.improvements(dm, state)
                );
                for c in &e.improvements {
                    let Some(s) = &c.sanction else { continue };
                    prop_assert!(model.payoff(dm, s.end).unwrap() <= p);
                    if concept == Concept::Sim {
                        let mut movers: Vec<usize> = s.moves.iter().map(|m| m.mover).collect();
                        movers.dedup();
                        prop_assert_eq!(movers.len(), s.moves.len());
                        for m in &s.moves {
                            prop_assert!(m.mover != dm && m.from == state);
                            prop_assert!(model.improvements(m.mover, state).contains(&m.to));
                        }
                        continue;
                    }
                    // A chain of opponents' moves from the improvement to the end.
                    prop_assert!(!s.moves.is_empty());
                    let mut at = c.improvement;
                    let mut used = Vec::new();
                    for m in &s.moves {
                        prop_assert_eq!(m.from, at);
                        prop_assert!(m.mover != dm);
                        prop_assert!(model.can_move(m.mover, m.from, m.to));
                        if concept == Concept::Seq {
                            prop_assert!(m.improvement);
                            prop_assert!(
                                model.payoff(m.mover, m.to) > model.payoff(m.mover, m.from)
                            );
                        }
                        match reachability {
                            Reachability::LegalSequences => {
                                prop_assert!(used.last() != Some(&m.mover))
                            }
                            Reachability::DistinctMovers => prop_assert!(!used.contains(&m.mover)),
                        }
                        used.push(m.mover);
                        at = m.to;
                    }
                    prop_assert_eq!(at, s.end);
                    if concept == Concept::Smr {
                        prop_assert_eq!(&s.counter_moves, &model.moves(dm, s.end));
                        for &t in &s.counter_moves {
                            prop_assert!(model.payoff(dm, t).unwrap() <= p);
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn explanations_agree_with_the_engine(model in standoff::strategy::graph_model(GraphModelParams {
        decision_makers: (2, 4), max_options_per_dm: 2, max_options: 6, ..GraphModelParams::default()
    })) {
        check(&model, Reachability::LegalSequences)?;
        check(&model, Reachability::DistinctMovers)?;
    }
}

#[test]
fn elmira_local_government_sanction_is_shown() {
    let text = std::fs::read_to_string("tests/corpus/elmira.model.json").unwrap();
    let model = GraphModel::from_json_str(&text).unwrap();
    let s = model.parse_state("NYNNN").unwrap();
    // GMR-stable for the local government: insisting (to NYNNY) is answered by the ministry
    // modifying (to YYNNY), which the local government likes less than the status quo.
    let e = explain(
        &model,
        Concept::Gmr,
        Reachability::LegalSequences,
        2,
        s,
        &Limits::default(),
    )
    .unwrap();
    assert!(e.stable);
    let sanction = e.improvements[0].sanction.as_ref().unwrap();
    assert_eq!(model.label(e.improvements[0].improvement), "NYNNY");
    assert_eq!(model.label(sanction.end), "YYNNY");
    assert_eq!(sanction.moves.len(), 1);
    assert_eq!(sanction.moves[0].mover, 0);
    // SEQ: the ministry's modification is not an improvement for it there, so nothing blocks.
    let e = explain(
        &model,
        Concept::Seq,
        Reachability::LegalSequences,
        2,
        s,
        &Limits::default(),
    )
    .unwrap();
    assert!(!e.stable);
    assert_eq!(
        e.unblocked().map(|c| model.label(c.improvement)),
        Some("NYNNY".to_string())
    );
}
