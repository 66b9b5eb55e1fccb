//! Sensitivity and inverse analysis, verified by re-running the stability engine on every
//! edited model: each claimed change must make the desired state an equilibrium, no change
//! with fewer edits may (checked by brute force over every edit sequence), and the single
//! edits reported as destroying an equilibrium must be exactly those that do.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use standoff::post::sensitivity::{
    apply_edits, desired_state, destroy_equilibrium, make_equilibrium, single_edits,
    PreferenceEdit, SensitivityError, SensitivityOptions,
};
use standoff::{
    Analysis, AnalysisOptions, Concept, GraphModel, GraphModelFile, Limits, Reachability, State,
};

fn load(name: &str) -> GraphModel {
    GraphModel::from_path(format!("tests/corpus/{name}.model.json"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn options(reachability: Reachability) -> SensitivityOptions {
    SensitivityOptions {
        reachability,
        max_solutions: 100_000,
        ..SensitivityOptions::default()
    }
}

/// The equilibria of each concept.
type Equilibria = BTreeMap<Concept, Vec<State>>;

/// Equilibria of every concept of a (rebuilt) model.
fn equilibria(model: &GraphModel, reachability: Reachability) -> Equilibria {
    let a = Analysis::run(
        model,
        &AnalysisOptions {
            reachability,
            ..AnalysisOptions::default()
        },
    )
    .expect("analysis");
    Concept::ALL
        .into_iter()
        .map(|c| (c, a.equilibria(model, c).expect("analysed")))
        .collect()
}

fn preferences_key(file: &GraphModelFile) -> String {
    serde_json::to_string(&file.preferences).expect("json")
}

/// Every distinct edited model reachable with exactly k edits and not fewer, for k = 0..=depth,
/// by applying every single edit to every model of the previous level (the edits of
/// `single_edits` on the edited model, replayed from the original with `apply_edits`).
struct Brute {
    /// levels[k]: (preferences key, equilibria per concept) of models at distance k.
    levels: Vec<Vec<(String, Equilibria)>>,
}

fn brute(model: &GraphModel, depth: usize, reachability: Reachability) -> Brute {
    let mut seen = BTreeSet::from([preferences_key(model.file())]);
    let mut frontier: Vec<Vec<PreferenceEdit>> = vec![Vec::new()];
    let mut levels = vec![vec![(
        preferences_key(model.file()),
        equilibria(model, reachability),
    )]];
    for _ in 0..depth {
        let mut next = Vec::new();
        let mut level = Vec::new();
        for edits in &frontier {
            let (file, _) = apply_edits(model, edits).expect("applies");
            let edited = GraphModel::from_file(file).expect("valid");
            for e in single_edits(&edited).expect("edits") {
                let mut longer = edits.clone();
                longer.push(e);
                let (file, _) = apply_edits(model, &longer).expect("applies");
                let key = preferences_key(&file);
                if !seen.insert(key.clone()) {
                    continue;
                }
                let rebuilt = GraphModel::from_file(file).expect("edited model is valid");
                level.push((key, equilibria(&rebuilt, reachability)));
                next.push(longer);
            }
        }
        levels.push(level);
        frontier = next;
    }
    Brute { levels }
}

impl Brute {
    /// The fewest edits making `state` a `concept` equilibrium, if at most the depth.
    fn min(&self, state: State, concept: Concept) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| l.iter().any(|(_, eq)| eq[&concept].contains(&state)))
    }

    fn solutions(&self, k: usize, state: State, concept: Concept) -> BTreeSet<String> {
        self.levels[k]
            .iter()
            .filter(|(_, eq)| eq[&concept].contains(&state))
            .map(|(key, _)| key.clone())
            .collect()
    }
}

/// Checks `make_equilibrium` for every state and concept against the brute force.
fn check_inverse(name: &str, depth: usize, max_edits: usize, reachability: Reachability) {
    let model = load(name);
    let b = brute(&model, depth, reachability);
    let opts = SensitivityOptions {
        max_edits,
        ..options(reachability)
    };
    for state in model.feasible_states() {
        for concept in Concept::ALL {
            let r = match make_equilibrium(&model, state, concept, &opts) {
                Ok(r) => r,
                Err(SensitivityError::NoSolutionWithin { .. }) => {
                    assert!(
                        b.min(state, concept).is_none_or(|k| k > max_edits),
                        "{name} {} {concept}",
                        model.label(state)
                    );
                    continue;
                }
                Err(e) => panic!("{name} {} {concept}: {e}", model.label(state)),
            };
            let what = format!("{name} {} {concept} {reachability}", model.label(state));
            // Every solution: exactly min_edits edits, and the engine, re-run on the rebuilt
            // model, confirms the equilibrium.
            let mut keys = BTreeSet::new();
            for sol in &r.solutions {
                assert_eq!(sol.edits.len(), r.min_edits, "{what}");
                let edits: Vec<PreferenceEdit> = sol.edits.iter().map(|s| s.edit.clone()).collect();
                let (file, _) = apply_edits(&model, &edits).expect("applies");
                assert_eq!(file, sol.file, "{what}");
                let rebuilt = GraphModel::from_file(file).expect("valid");
                assert!(
                    equilibria(&rebuilt, reachability)[&concept].contains(&state),
                    "{what}"
                );
                assert!(sol.explanations.iter().all(|e| e.stable), "{what}");
                keys.insert(preferences_key(&sol.file));
            }
            assert_eq!(
                keys.len(),
                r.solutions.len(),
                "{what}: solutions are distinct"
            );
            // No change with fewer edits works; with at most `depth` edits the brute force
            // finds the same minimum and, unless truncated, the same changes.
            match b.min(state, concept) {
                Some(k) => {
                    assert_eq!(r.min_edits, k, "{what}");
                    if !r.truncated {
                        assert_eq!(keys, b.solutions(k, state, concept), "{what}");
                    }
                }
                None => assert!(r.min_edits > depth, "{what}"),
            }
            if let Some(per) = &r.per_decision_maker {
                assert_eq!(per.iter().sum::<usize>(), r.min_edits, "{what}");
            }
        }
    }
}

#[test]
fn inverse_analysis_prisoners() {
    check_inverse("prisoners", 3, 3, Reachability::LegalSequences);
    check_inverse("prisoners_prio", 3, 3, Reachability::LegalSequences);
}

#[test]
fn inverse_analysis_cuban_ranking() {
    check_inverse("cuban", 2, 3, Reachability::LegalSequences);
}

#[test]
fn inverse_analysis_cuban_priorities() {
    check_inverse("cuban_prio", 2, 3, Reachability::LegalSequences);
}

#[test]
fn inverse_analysis_syria_iraq() {
    check_inverse("syriairaq", 2, 3, Reachability::LegalSequences);
    check_inverse("syriairaq_prio", 2, 3, Reachability::LegalSequences);
}

#[test]
fn inverse_analysis_elmira_both_readings() {
    // Three decision makers and a four-way tie: split edits apply. At most two edits keep the
    // joint SEQ and SIM searches (every edit of every decision maker) quick.
    check_inverse("elmira", 1, 2, Reachability::LegalSequences);
    check_inverse("elmira", 1, 2, Reachability::DistinctMovers);
}

#[test]
fn prisoners_cooperation_needs_one_edit_per_prisoner() {
    // One ranks NY > YY > NN > YN: defecting from YY (to NY) is an improvement. Moving YY up
    // one tier or NY down one tier gives the same ranking (NY and YY tied), which removes it;
    // likewise for Two. So YY becomes a Nash equilibrium with two edits, in one way.
    let model = load("prisoners");
    let yy = desired_state(&model, "YY").expect("feasible");
    let r = make_equilibrium(
        &model,
        yy,
        Concept::Nash,
        &options(Reachability::LegalSequences),
    )
    .expect("solved");
    assert_eq!(r.min_edits, 2);
    assert_eq!(r.per_decision_maker, Some(vec![1, 1]));
    let described: Vec<Vec<&str>> = r
        .solutions
        .iter()
        .map(|s| s.edits.iter().map(|e| e.description.as_str()).collect())
        .collect();
    assert_eq!(
        described,
        [[
            "Prisoner One: move `NY` down one tier",
            "prisoner 2: move `YN` down one tier"
        ]]
    );
    let one = &r.solutions[0].file.preferences.0[0].1;
    assert_eq!(
        one.ranking,
        Some(vec![
            vec!["NY".to_string(), "YY".to_string()],
            vec!["NN".to_string()],
            vec!["YN".to_string()]
        ])
    );
    // Under GMR it already is one: defection is sanctioned by the other's defection.
    let r = make_equilibrium(
        &model,
        yy,
        Concept::Gmr,
        &options(Reachability::LegalSequences),
    )
    .expect("solved");
    assert_eq!(r.min_edits, 0);
    assert_eq!(r.solutions.len(), 1);
    assert!(r.solutions[0].edits.is_empty());
}

/// Checks `destroy_equilibrium` for every equilibrium and concept against every single edit.
fn check_destroy(name: &str, reachability: Reachability) {
    let model = load(name);
    let before = equilibria(&model, reachability);
    let edits = single_edits(&model).expect("edits");
    let after: Vec<Equilibria> = edits
        .iter()
        .map(|e| {
            let (file, _) = apply_edits(&model, std::slice::from_ref(e)).expect("applies");
            equilibria(&GraphModel::from_file(file).expect("valid"), reachability)
        })
        .collect();
    let opts = options(reachability);
    for (&concept, eqs) in &before {
        for &state in eqs {
            let d = destroy_equilibrium(&model, state, concept, &opts).expect("equilibrium");
            let reported: Vec<PreferenceEdit> =
                d.destroying.iter().map(|x| x.edit.edit.clone()).collect();
            let expected: Vec<PreferenceEdit> = edits
                .iter()
                .zip(&after)
                .filter(|(_, eq)| !eq[&concept].contains(&state))
                .map(|(e, _)| e.clone())
                .collect();
            assert_eq!(
                reported,
                expected,
                "{name} {} {concept} {reachability}",
                model.label(state)
            );
            for x in &d.destroying {
                assert!(!x.unstable_for.is_empty());
                assert_eq!(x.explanations.len(), x.unstable_for.len());
                assert!(x
                    .explanations
                    .iter()
                    .all(|e| !e.stable && e.unblocked().is_some()));
            }
        }
    }
}

#[test]
fn destroying_edits_match_every_single_edit() {
    for name in [
        "prisoners",
        "prisoners_prio",
        "cuban",
        "cuban_prio",
        "syriairaq",
        "syriairaq_prio",
    ] {
        check_destroy(name, Reachability::LegalSequences);
    }
    check_destroy("elmira", Reachability::LegalSequences);
    check_destroy("elmira", Reachability::DistinctMovers);
}

#[test]
fn bad_input_is_a_typed_error() {
    let model = load("cuban");
    let opts = options(Reachability::LegalSequences);
    assert_eq!(
        desired_state(&model, "NNYY")
            .expect_err("infeasible")
            .to_string(),
        "state `NNYY` is not feasible"
    );
    assert_eq!(
        desired_state(&model, "NNY").expect_err("short").to_string(),
        "malformed state `NNY`: expected 4 letters, found 3"
    );
    let e = make_equilibrium(&model, State(0b1100), Concept::Gmr, &opts).expect_err("infeasible");
    assert_eq!(e, SensitivityError::InfeasibleState("NNYY".into()));
    // NNNN needs three edits of the US's ranking to become a Nash equilibrium.
    let nnnn = desired_state(&model, "NNNN").expect("feasible");
    let tight = SensitivityOptions {
        max_edits: 2,
        ..opts.clone()
    };
    let e = make_equilibrium(&model, nnnn, Concept::Nash, &tight).expect_err("budget");
    assert_eq!(
        e.to_string(),
        "no preference change of at most 2 edits makes `NNNN` a nash equilibrium"
    );
    let r = make_equilibrium(&model, nnnn, Concept::Nash, &opts).expect("three edits");
    assert_eq!(
        (r.min_edits, r.per_decision_maker.clone()),
        (3, Some(vec![3, 0]))
    );
    // Not an equilibrium: nothing to destroy.
    let e = destroy_equilibrium(&model, nnnn, Concept::Nash, &opts).expect_err("not eq");
    assert_eq!(e.to_string(), "state `NNNN` is not a nash equilibrium");
    // An edit that does not apply.
    let top = desired_state(&model, "NNYN").expect("feasible"); // the US's favourite
    let e = apply_edits(
        &model,
        &[PreferenceEdit::MoveUp {
            decision_maker: 0,
            state: top,
        }],
    )
    .expect_err("top tier");
    assert!(matches!(e, SensitivityError::InapplicableEdit(_)));
    let e = apply_edits(
        &model,
        &[PreferenceEdit::SwapPriorities {
            decision_maker: 0,
            position: 0,
        }],
    )
    .expect_err("a ranking has no priorities");
    assert!(matches!(e, SensitivityError::InapplicableEdit(_)));
    // Work budget.
    let starved = SensitivityOptions {
        limits: Limits {
            max_work: 20,
            ..Limits::default()
        },
        ..opts
    };
    let e = make_equilibrium(&model, nnnn, Concept::Seq, &starved).expect_err("work");
    assert!(
        matches!(
            e,
            SensitivityError::Limit(_) | SensitivityError::Analysis(_)
        ),
        "{e}"
    );
}

// ---- random small models ------------------------------------------------------------------

fn random_model(keys: &[Vec<u8>], tiers: &[u8], forward: bool) -> GraphModel {
    let states = ["NN", "YN", "NY", "YY"];
    let rank = |d: usize| -> Vec<Vec<&str>> {
        let t = tiers[d] as usize;
        let mut out = vec![Vec::new(); t];
        for (i, s) in states.iter().enumerate() {
            out[keys[d][i] as usize % t].push(*s);
        }
        out.into_iter().filter(|x| !x.is_empty()).collect()
    };
    let mut b = GraphModel::builder("random")
        .decision_maker("A", ["a"])
        .decision_maker("B", ["b"])
        .ranking("A", rank(0))
        .ranking("B", rank(1));
    if forward {
        b = b.irreversible("a", standoff::Direction::Forward);
    }
    b.build().expect("valid")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn inverse_minimum_matches_brute_force_on_random_models(
        keys in prop::collection::vec(prop::collection::vec(any::<u8>(), 4), 2),
        tiers in prop::collection::vec(1u8..=4, 2),
        forward in any::<bool>(),
        target in 0u64..4,
    ) {
        let model = random_model(&keys, &tiers, forward);
        let b = brute(&model, 2, Reachability::LegalSequences);
        let opts = options(Reachability::LegalSequences);
        for concept in Concept::ALL {
            match make_equilibrium(&model, State(target), concept, &opts) {
                Ok(r) => {
                    match b.min(State(target), concept) {
                        Some(k) => {
                            prop_assert_eq!(r.min_edits, k);
                            let keys: BTreeSet<String> = r.solutions.iter().map(|s| preferences_key(&s.file)).collect();
                            prop_assert_eq!(keys, b.solutions(k, State(target), concept));
                        }
                        None => prop_assert!(r.min_edits > 2),
                    }
                }
                Err(SensitivityError::NoSolutionWithin { .. }) => {
                    prop_assert_eq!(b.min(State(target), concept), None);
                }
                Err(e) => prop_assert!(false, "{}", e),
            }
        }
    }
}
