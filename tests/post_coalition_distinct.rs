//! Coalition analysis under both readings of the sanctioning sequences: a hand-worked model
//! where coalition SMR differs between them, and the engine against the naive oracle
//! (`tests/oracle/coalition.rs`) on random models with three and four coalitions.

mod oracle;

use std::sync::atomic::{AtomicUsize, Ordering};

use oracle::coalition::Coalitions;
use oracle::random::{document, feasible_masks, params, Layout, Params};
use oracle::Reading;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use standoff::post::coalition::{
    coalitional_stability, explain_coalition, partitions, CoalitionAnalysis, CoalitionOptions,
    Partition,
};
use standoff::{Analysis, AnalysisOptions, Concept, GraphModel, Limits, Reachability};

const CONCEPTS: [Concept; 4] = [Concept::Nash, Concept::Gmr, Concept::Smr, Concept::Seq];
const READINGS: [Reachability; 2] = [Reachability::LegalSequences, Reachability::DistinctMovers];

fn oracle_reading(r: Reachability) -> Reading {
    match r {
        Reachability::LegalSequences => Reading::LegalSequences,
        Reachability::DistinctMovers => Reading::DistinctMovers,
    }
}

fn options(reachability: Reachability) -> CoalitionOptions {
    CoalitionOptions {
        reachability,
        ..CoalitionOptions::default()
    }
}

/// The worked example of `docs/graph-model-format.md` (section 5), also in
/// `tests/data/coalition_escape.model.json`: A, B and C own one option each (`a`, `b`, `c`;
/// states are written `abc`), every state is feasible, and A and B form a coalition H against
/// C.
fn worked_example() -> GraphModel {
    let path = "tests/data/coalition_escape.model.json";
    let text = std::fs::read_to_string(path).expect("test data");
    let docs = std::fs::read_to_string("docs/graph-model-format.md").expect("docs");
    assert!(
        docs.contains(&format!("```json\n{text}```")),
        "the documented example is {path}"
    );
    GraphModel::from_json_str(&text).expect("valid model")
}

#[test]
fn worked_example_smr_differs_between_the_readings() {
    let model = worked_example();
    let st = |l: &str| model.parse_state(l).expect("label");
    let p = Partition::parse(&model, "A,B|C").expect("partition");
    let (nnn, yyn, yyy, nny) = (st("NNN"), st("YYN"), st("YYY"), st("NNY"));
    // By hand, for H = {A, B} at x = NNN:
    // - H's coalition moves from NNN are YNN, NYN and YYN. A ranks YNN and NYN last (below
    //   NNN), so the only coalition improvement is YYN (A: 1st > 3rd, B: 1st > 4th).
    //   Nash: unstable.
    // - C's only move from YYN is to YYY (C prefers c taken, so it is also C's improvement).
    //   A ranks YYY 4th, below NNN (3rd): YYY <=_H NNN, a sanction. GMR and SEQ: stable.
    // - SMR: H's coalition moves from YYY are NYY, YNY (A ranks both last: not better than
    //   NNN for A) and NNY, which both prefer to NNN (A: 2nd > 3rd, B: 3rd > 4th).
    //   * legal_sequences: any move to a state better than the start is an escape; NNY is
    //     one, so the only sanction fails and NNN is SMR-unstable for H.
    //   * distinct_movers (GMCR+): the escape must also be a coalition improvement from
    //     YYY; B ranks YYY 2nd, above NNY (3rd), so NNY is no escape, nothing else is, and
    //     NNN is SMR-stable for H.
    assert_eq!(
        standoff::post::coalition::coalition_improvements(&model, &[0, 1], nnn),
        vec![yyn]
    );
    let legal = CoalitionAnalysis::run(&model, &p, &options(Reachability::LegalSequences))
        .expect("analysis");
    let distinct = CoalitionAnalysis::run(&model, &p, &options(Reachability::DistinctMovers))
        .expect("analysis");
    for (a, smr) in [(&legal, false), (&distinct, true)] {
        assert!(!a.is_stable(Concept::Nash, 0, nnn).expect("nash"));
        assert!(a.is_stable(Concept::Gmr, 0, nnn).expect("gmr"));
        assert!(a.is_stable(Concept::Seq, 0, nnn).expect("seq"));
        assert_eq!(
            a.is_stable(Concept::Smr, 0, nnn).expect("smr"),
            smr,
            "{}",
            a.reachability()
        );
    }
    // The explanations follow the reading: the same sanction YYN -> YYY, whose counter move
    // NNY is an escape only under legal_sequences.
    let limits = Limits::default();
    let e = explain_coalition(
        &model,
        &p,
        Concept::Smr,
        Reachability::LegalSequences,
        0,
        nnn,
        &limits,
    )
    .expect("explained");
    assert!(!e.stable);
    assert_eq!(e.improvements.len(), 1);
    assert!(e.improvements[0].sanction.is_none());
    let e = explain_coalition(
        &model,
        &p,
        Concept::Smr,
        Reachability::DistinctMovers,
        0,
        nnn,
        &limits,
    )
    .expect("explained");
    assert!(e.stable);
    assert_eq!(e.reachability, Reachability::DistinctMovers);
    let sanction = e.improvements[0].sanction.as_ref().expect("sanctioned");
    assert_eq!(sanction.end, yyy);
    assert_eq!(sanction.moves.len(), 1);
    assert_eq!(sanction.moves[0].coalition, 1);
    assert!(sanction.counter_moves.contains(&nny));
    // With every decision maker alone the readings agree here (for one decision maker the
    // escape rules coincide), and both match the individual analysis.
    let singletons = Partition::singletons(&model);
    for reading in READINGS {
        let ca = CoalitionAnalysis::run(&model, &singletons, &options(reading)).expect("ca");
        let an = Analysis::run(
            &model,
            &AnalysisOptions {
                reachability: reading,
                ..AnalysisOptions::default()
            },
        )
        .expect("analysis");
        for c in CONCEPTS {
            assert_eq!(
                ca.equilibria(c).expect("eq"),
                an.equilibria(&model, c).expect("eq"),
                "{reading} {c}"
            );
        }
    }
}

/// What the random comparison saw.
#[derive(Default)]
struct Tally {
    /// Models with three or four decision makers and feasible states.
    models: AtomicUsize,
    /// Partitions (with three or four coalitions) checked under both readings.
    partitions: AtomicUsize,
    /// Of those, the partitions where some stable set differs between the readings.
    differ: AtomicUsize,
    /// Per concept (CONCEPTS order), partitions where its stable sets differ.
    differ_by_concept: [AtomicUsize; 4],
}

/// Every reported sanction is a sequence of the other coalitions' moves allowed by the
/// reading, ending where the coalition is not better off and (SMR) without escape.
fn check_sanctions(
    naive: &Coalitions,
    concept: Concept,
    reading: Reading,
    h: usize,
    s: u64,
    e: &standoff::post::coalition::CoalitionExplanation,
) -> Result<(), TestCaseError> {
    for check in &e.improvements {
        let Some(sanction) = &check.sanction else {
            continue;
        };
        let mut at = check.improvement.0;
        let mut used = vec![h];
        let mut last = h;
        for mv in &sanction.moves {
            prop_assert!(mv.coalition != h && mv.coalition != last);
            if reading == Reading::DistinctMovers {
                prop_assert!(!used.contains(&mv.coalition), "a coalition moved twice");
            }
            prop_assert_eq!(mv.from.0, at);
            prop_assert!(naive.moves(mv.coalition, at).contains(&mv.to.0));
            prop_assert_eq!(mv.improvement, naive.better(mv.coalition, mv.to.0, at));
            if concept == Concept::Seq {
                prop_assert!(mv.improvement);
            }
            at = mv.to.0;
            last = mv.coalition;
            used.push(mv.coalition);
        }
        prop_assert_eq!(at, sanction.end.0);
        prop_assert!(!naive.better(h, at, s));
        if concept == Concept::Smr {
            let counter: Vec<u64> = sanction.counter_moves.iter().map(|x| x.0).collect();
            prop_assert_eq!(&counter, &naive.moves(h, at));
            for w in counter {
                let escape = naive.better(h, w, s)
                    && (reading == Reading::LegalSequences || naive.better(h, w, at));
                prop_assert!(!escape);
            }
        }
    }
    Ok(())
}

fn compare(p: &Params, tally: &Tally) -> Result<(), TestCaseError> {
    if feasible_masks(p).is_empty() {
        return Ok(());
    }
    let doc = document(p, &Layout::identity(p));
    let text = serde_json::to_string_pretty(&doc).expect("serializable");
    let model = GraphModel::from_json_str(&text).expect("engine loads a generated model");
    let om = oracle::model(&doc).expect("oracle loads a generated model");
    let m = model.decision_makers().len();
    tally.models.fetch_add(1, Ordering::Relaxed);
    let limits = Limits::default();
    for coalitions in partitions(m).expect("few decision makers") {
        if !(3..=4).contains(&coalitions.len()) {
            continue;
        }
        let partition = Partition::new(&model, coalitions).expect("valid partition");
        let naive = Coalitions {
            model: &om,
            parts: partition.coalitions().to_vec(),
        };
        let mut results = Vec::new();
        for reachability in READINGS {
            let reading = oracle_reading(reachability);
            let ca = CoalitionAnalysis::run(&model, &partition, &options(reachability))
                .expect("analysis");
            for c in CONCEPTS {
                for h in 0..naive.parts.len() {
                    for s in model.feasible_states() {
                        let expected = naive.stable(c.as_str(), h, s.0, reading);
                        prop_assert_eq!(
                            ca.is_stable(c, h, s).expect("analysed"),
                            expected,
                            "{} {} coalition {} state {}\n{}",
                            reachability,
                            c,
                            h,
                            model.label(s),
                            text
                        );
                        let e =
                            explain_coalition(&model, &partition, c, reachability, h, s, &limits)
                                .expect("explained");
                        prop_assert_eq!(e.stable, expected);
                        check_sanctions(&naive, c, reading, h, s.0, &e)?;
                    }
                }
            }
            results.push(ca);
        }
        tally.partitions.fetch_add(1, Ordering::Relaxed);
        let mut any = false;
        for (k, c) in CONCEPTS.into_iter().enumerate() {
            let differs = (0..naive.parts.len()).any(|h| {
                results[0].stable_states(c, h).expect("analysed")
                    != results[1].stable_states(c, h).expect("analysed")
            });
            if differs {
                tally.differ_by_concept[k].fetch_add(1, Ordering::Relaxed);
                any = true;
            }
        }
        if any {
            tally.differ.fetch_add(1, Ordering::Relaxed);
        }
    }
    // Coalitional stability (coalitions against individual sanctions) under both readings.
    for reachability in READINGS {
        let reading = oracle_reading(reachability);
        for c in CONCEPTS {
            let cs = coalitional_stability(&model, c, &options(reachability)).expect("cs");
            for i in 0..m {
                for s in model.feasible_states() {
                    let mut subsets: Vec<Vec<usize>> = (1u32..1 << m)
                        .filter(|h| h >> i & 1 == 1)
                        .map(|h| (0..m).filter(|&d| h >> d & 1 == 1).collect())
                        .collect();
                    subsets.sort_by_key(|h| (h.len(), h.clone()));
                    let first_block = subsets.into_iter().find(|h| {
                        let mut parts = vec![h.clone()];
                        parts.extend((0..m).filter(|d| !h.contains(d)).map(|d| vec![d]));
                        let naive = Coalitions { model: &om, parts };
                        !naive.stable(c.as_str(), 0, s.0, reading)
                    });
                    let reported = cs
                        .blocked(i)
                        .iter()
                        .find(|b| b.state == s)
                        .map(|b| b.coalition.clone());
                    prop_assert_eq!(
                        &reported,
                        &first_block,
                        "{} {} dm {} state {}",
                        reachability,
                        c,
                        i,
                        model.label(s)
                    );
                }
            }
        }
    }
    Ok(())
}

/// Random models with three or four decision makers: every partition into three or four
/// coalitions, both readings, every coalition concept, against the oracle. `PROPTEST_CASES`
/// sets the number of models (default 160).
#[test]
fn engine_matches_oracle_with_three_and_four_coalitions() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(160);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = Tally::default();
    let strategy = params().prop_filter("three or four decision makers", |p| p.n_dms() >= 3);
    if let Err(e) = runner.run(&strategy, |p| compare(&p, &tally)) {
        panic!("{e}");
    }
    let partitions = tally.partitions.load(Ordering::Relaxed);
    let differ = tally.differ.load(Ordering::Relaxed);
    let by: Vec<String> = CONCEPTS
        .iter()
        .zip(&tally.differ_by_concept)
        .map(|(c, n)| format!("{c} {}", n.load(Ordering::Relaxed)))
        .collect();
    eprintln!(
        "{} models, {partitions} partition checks (each under both readings), readings differ in {differ} ({})",
        tally.models.load(Ordering::Relaxed),
        by.join(", ")
    );
    assert!(partitions > 0);
    assert!(differ > 0, "no partition told the readings apart");
}

#[test]
fn distinct_movers_budgets_are_typed_errors() {
    use standoff::post::coalition::CoalitionError;
    use standoff::LimitError;
    let model = GraphModel::from_path("tests/corpus/elmira.model.json").expect("elmira");
    let p = Partition::singletons(&model);
    for concept in [Concept::Gmr, Concept::Smr, Concept::Seq] {
        for (limits, memory) in [
            (
                Limits {
                    max_work: 10,
                    ..Limits::default()
                },
                false,
            ),
            (
                Limits {
                    max_memory: 16,
                    ..Limits::default()
                },
                true,
            ),
        ] {
            let options = CoalitionOptions {
                concepts: vec![concept],
                reachability: Reachability::DistinctMovers,
                limits: limits.clone(),
            };
            let got = CoalitionAnalysis::run(&model, &p, &options);
            match (got, memory) {
                (Err(CoalitionError::Limit(LimitError::Memory { .. })), true)
                | (Err(CoalitionError::Limit(LimitError::Work { .. })), false) => {}
                (other, _) => panic!("{concept} {limits:?}: {other:?}"),
            }
        }
    }
    // The SMR search of a coalition of two or more has its own table, also checked.
    let p = Partition::parse(&model, "MoE,Uniroyal|Local Government").expect("partition");
    let options = CoalitionOptions {
        concepts: vec![Concept::Smr],
        reachability: Reachability::DistinctMovers,
        limits: Limits {
            max_memory: 16,
            ..Limits::default()
        },
    };
    assert!(matches!(
        CoalitionAnalysis::run(&model, &p, &options),
        Err(CoalitionError::Limit(LimitError::Memory { .. }))
    ));
}
