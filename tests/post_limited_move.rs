//! Limited-move stability L(h) and non-myopic stability: hand-checked results on the
//! Prisoner's Dilemma and the Cuban missile crisis, agreement with a direct recursion over the
//! game tree on random models, and bad input.

use proptest::prelude::*;
use standoff::post::limited_move::{
    explain_limited_move, limited_move, non_myopic, LimitedMoveError, LimitedMoveOptions,
    NonMyopicStatus,
};
use standoff::{Analysis, AnalysisOptions, Concept, Direction, GraphModel, Limits, State};

fn load(name: &str) -> GraphModel {
    GraphModel::from_path(format!("tests/corpus/{name}.model.json"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn labels(model: &GraphModel, states: &[State]) -> Vec<String> {
    states.iter().map(|&s| model.label(s)).collect()
}

fn st(model: &GraphModel, label: &str) -> State {
    model.parse_state(label).expect("valid label")
}

/// `G_h(a, s)` and a's first move, by direct recursion over the game tree (the definition in
/// the module documentation; ties go to the lowest canonical target, staying wins ties with
/// the start).
fn naive(model: &GraphModel, a: usize, s: State, h: usize) -> (State, Option<State>) {
    if h == 0 {
        return (s, None);
    }
    let mut best = (model.payoff(a, s), None, s);
    for t in model.moves(a, s) {
        let (o, _) = naive(model, 1 - a, t, h - 1);
        if model.payoff(a, o) > best.0 {
            best = (model.payoff(a, o), Some(t), o);
        }
    }
    (best.2, best.1)
}

#[test]
fn prisoners_dilemma_by_hand() {
    // Option order: Prisoner One's "Cooperate with 2" | prisoner 2's "Cooperate with One".
    // Each moves by switching its own letter. Rankings (best first):
    //   One: NY > YY > NN > YN      Two: YN > YY > NN > NY
    let model = load("prisoners");
    let options = LimitedMoveOptions::default();
    let stable = |h: usize, dm: usize| {
        let l = limited_move(&model, h, &options).expect("two decision makers");
        labels(&model, &l.stable_states(dm))
    };
    // h = 1 is Nash: One leaves YN (for NN) and YY (for NY); Two leaves NY and YY.
    assert_eq!(stable(1, 0), ["NN", "NY"]);
    assert_eq!(stable(1, 1), ["NN", "YN"]);
    // h = 2: at YY, One's defection to NY is answered by Two's defection to NN, which One
    // likes less than YY: One stays; symmetrically for Two. At YN One moves to NN, where Two
    // stays (NY is worse for Two): NN beats YN for One, so One still leaves YN. At NY One
    // could go to YY, but Two then defects to YN, One's worst: One stays.
    assert_eq!(stable(2, 0), ["NN", "NY", "YY"]);
    assert_eq!(stable(2, 1), ["NN", "YN", "YY"]);
    // h = 3: at YY One's move to NY meets Two's two-move view: Two moves to NN expecting One
    // to stay there (YN is worse for One), so One again ends at NN < YY and stays. At NN,
    // One's cooperation (YN) is not answered (Two's move to YY would be met by One's
    // defection to NY, bad for Two), ending at YN: One stays. Same sets as h = 2.
    assert_eq!(stable(3, 0), ["NN", "NY", "YY"]);
    assert_eq!(stable(3, 1), ["NN", "YN", "YY"]);
    let l2 = limited_move(&model, 2, &options).expect("l2");
    assert_eq!(labels(&model, &l2.equilibria()), ["NN", "YY"]);
    // From YN, One moves to NN and anticipates it (Two stays).
    let v = l2.verdict(0, st(&model, "YN")).expect("feasible");
    assert!(!v.stable);
    assert_eq!(v.first_move, Some(st(&model, "NN")));
    assert_eq!(v.anticipated, st(&model, "NN"));
    // The verdicts settle: NN and YY are non-myopic equilibria.
    let nm = non_myopic(&model, &options).expect("nm");
    assert_eq!(labels(&model, &nm.equilibria()), ["NN", "YY"]);
    assert_eq!(nm.period, 1);
}

#[test]
fn cuban_missile_crisis_by_hand() {
    // Option order: US: Air Strike, Blockade | USSR: Withdraw, Escalate; Air Strike is
    // irreversible, Withdraw & Escalate infeasible. Rankings (best first):
    //   US:   NNYN NYYN YNYN YYYN NYNN YNNN YYNN NNNN YYNY YNNY NYNY NNNY
    //   USSR: NNNN NNYN NYYN NYNN YNYN YNNN YYYN YYNN YYNY YNNY NYNY NNNY
    let model = load("cuban");
    let options = LimitedMoveOptions::default();
    let (us, ussr) = (0, 1);
    let nnnn = st(&model, "NNNN");
    // h = 1 is Nash stability for each decision maker.
    let analysis = Analysis::run(&model, &AnalysisOptions::default()).expect("analysis");
    let l1 = limited_move(&model, 1, &options).expect("l1");
    for dm in [us, ussr] {
        let nash: Vec<State> = analysis
            .stable_indices(Concept::Nash, dm)
            .expect("nash")
            .into_iter()
            .filter_map(|i| model.state_at(i))
            .collect();
        assert_eq!(l1.stable_states(dm), nash);
    }
    // h = 1 at the status quo NNNN: the US improves by each of its moves (NYNN, YNNN, YYNN are
    // all above NNNN) and takes the best one, the blockade NYNN.
    let v = l1.verdict(us, nnnn).expect("feasible");
    assert_eq!(v.first_move, Some(st(&model, "NYNN")));
    // h = 2: the US weighs the USSR's best reply to each move: NYNN -> NYYN (withdraw; the
    // USSR ranks NYYN above NYNN, escalation NYNY below), YNNN -> YNYN, YYNN -> YYYN. Of
    // NYYN, YNYN, YYYN the US likes NYYN best (2nd overall), so it blockades expecting
    // withdrawal.
    let l2 = limited_move(&model, 2, &options).expect("l2");
    let v = l2.verdict(us, nnnn).expect("feasible");
    assert!(!v.stable);
    assert_eq!(v.first_move, Some(st(&model, "NYNN")));
    assert_eq!(v.anticipated, st(&model, "NYYN"));
    // NYYN (blockade, withdrawal) is an L(2) equilibrium. US: lifting the blockade (NNYN)
    // invites the USSR back to NNNN, worse for the US than NYYN; adding the air strike (YYYN)
    // or switching to it (YNYN) leaves the USSR staying, both worse for the US. USSR:
    // un-withdrawing (NYNN) is met by the US staying (NYNN is worse than NYYN for the USSR);
    // escalating (NYNY) is met by the air strike YYNY, also worse.
    assert!(l2.equilibria().contains(&st(&model, "NYYN")));
    // h = 3: after the blockade, the USSR (two moves to go) withdraws expecting the US to lift
    // the blockade (NNYN, which the USSR ranks 2nd, above NYNN), so the US anticipates its
    // favourite state NNYN.
    let l3 = limited_move(&model, 3, &options).expect("l3");
    let v = l3.verdict(us, nnnn).expect("feasible");
    assert_eq!(v.first_move, Some(st(&model, "NYNN")));
    assert_eq!(v.anticipated, st(&model, "NNYN"));
    let e = explain_limited_move(&model, 3, us, nnnn, &options).expect("explained");
    let play: Vec<(usize, String)> = e
        .play
        .iter()
        .map(|m| (m.mover, model.label(m.to)))
        .collect();
    assert_eq!(
        play,
        [
            (0, "NYNN".to_string()),
            (1, "NYYN".to_string()),
            (0, "NNYN".to_string())
        ]
    );
    // NNNN is the USSR's favourite state: it stays there at every horizon.
    for h in 1..=6 {
        let l = limited_move(&model, h, &options).expect("l");
        assert!(l.verdict(ussr, nnnn).expect("feasible").stable, "h = {h}");
    }
}

#[test]
fn every_two_party_corpus_model_agrees_with_the_recursion() {
    for name in [
        "prisoners",
        "prisoners_prio",
        "cuban",
        "cuban_prio",
        "syriairaq",
        "syriairaq_prio",
    ] {
        let model = load(name);
        for h in 1..=5 {
            let l = limited_move(&model, h, &LimitedMoveOptions::default()).expect("l");
            for dm in 0..2 {
                for (v, s) in l.verdicts(dm).iter().zip(model.feasible_states()) {
                    let (o, first) = naive(&model, dm, s, h);
                    assert_eq!(v.state, s);
                    assert_eq!(
                        (v.anticipated, v.first_move),
                        (o, first),
                        "{name} h={h} dm={dm} {}",
                        model.label(s)
                    );
                    assert_eq!(v.stable, first.is_none());
                }
            }
        }
        check_non_myopic(&model);
    }
}

/// The non-myopic verdicts are the L(h) verdicts over one cycle, and the cycle repeats.
fn check_non_myopic(model: &GraphModel) {
    let options = LimitedMoveOptions::default();
    let nm = non_myopic(model, &options).expect("nm");
    assert!(nm.period >= 1 && nm.onset >= 1);
    for h in nm.onset..nm.onset + 2 * nm.period {
        let l = limited_move(model, h, &options).expect("l");
        let in_cycle = nm.onset + (h - nm.onset) % nm.period;
        for dm in 0..2 {
            for (v, w) in l.verdicts(dm).iter().zip(&nm.verdicts[dm]) {
                assert_eq!(v.stable, w.stable_at.contains(&in_cycle), "h={h} dm={dm}");
                let expected = match w.stable_at.len() {
                    0 => NonMyopicStatus::Unstable,
                    k if k == nm.period => NonMyopicStatus::Stable,
                    _ => NonMyopicStatus::Oscillating,
                };
                assert_eq!(w.status, expected);
                if let Some(limit) = w.limit {
                    assert_eq!(v.anticipated, limit);
                }
            }
        }
    }
}

#[test]
fn explanations_agree_with_the_bulk_result() {
    let model = load("cuban");
    let options = LimitedMoveOptions::default();
    for h in 1..=4 {
        let l = limited_move(&model, h, &options).expect("l");
        for dm in 0..2 {
            for v in l.verdicts(dm) {
                let e = explain_limited_move(&model, h, dm, v.state, &options).expect("e");
                assert_eq!(e.stable, v.stable);
                assert_eq!(e.anticipated, v.anticipated);
                assert_eq!(e.play.first().map(|m| m.to), v.first_move);
                assert!(e.play.len() <= h);
                // Moves alternate, starting with the focal decision maker, and chain.
                let mut at = v.state;
                for (k, m) in e.play.iter().enumerate() {
                    assert_eq!(m.mover, (dm + k) % 2);
                    assert_eq!(m.from, at);
                    assert!(model.can_move(m.mover, m.from, m.to));
                    at = m.to;
                }
                assert_eq!(at, v.anticipated);
                // One alternative per move; it is preferred exactly when the state is unstable.
                assert_eq!(e.alternatives.len(), model.moves(dm, v.state).len());
                assert_eq!(e.alternatives.iter().any(|a| a.preferred), !v.stable);
            }
        }
    }
}

#[test]
fn bad_input_is_a_typed_error() {
    let elmira = load("elmira");
    let e = limited_move(&elmira, 2, &LimitedMoveOptions::default()).expect_err("three");
    assert_eq!(
        e.to_string(),
        "limited-move stability needs exactly two decision makers; the model has 3: `MoE`, `Uniroyal`, `Local Government`"
    );
    assert!(matches!(
        non_myopic(&elmira, &LimitedMoveOptions::default()),
        Err(LimitedMoveError::NotTwoDecisionMakers { count: 3, .. })
    ));
    let model = load("cuban");
    let e = limited_move(&model, 0, &LimitedMoveOptions::default()).expect_err("zero");
    assert_eq!(e, LimitedMoveError::ZeroHorizon);
    assert_eq!(
        e.to_string(),
        "horizon `0` is not allowed: a horizon counts moves and is at least 1"
    );
    let options = LimitedMoveOptions {
        max_horizon: 8,
        ..LimitedMoveOptions::default()
    };
    let e = limited_move(&model, 9, &options).expect_err("above");
    assert_eq!(e.to_string(), "horizon `9` is above the budget of 8 moves");
    let nnyy = State(0b1100);
    let e = explain_limited_move(&model, 2, 0, nnyy, &options).expect_err("infeasible");
    assert_eq!(e.to_string(), "state `NNYY` is not feasible");
    let e = explain_limited_move(&model, 2, 2, State(0), &options).expect_err("dm");
    assert_eq!(e.to_string(), "unknown decision maker `2`");
    let tight = LimitedMoveOptions {
        limits: Limits {
            max_work: 5,
            ..Limits::default()
        },
        ..LimitedMoveOptions::default()
    };
    assert!(matches!(
        limited_move(&model, 3, &tight),
        Err(LimitedMoveError::Limit(_))
    ));
}

#[test]
fn reports_use_names_and_labels() {
    let model = load("prisoners");
    let l = limited_move(&model, 2, &LimitedMoveOptions::default()).expect("l");
    let r = serde_json::to_value(l.report(&model)).expect("json");
    assert_eq!(r["format"], "standoff.limited-move/1");
    assert_eq!(r["horizon"], 2);
    assert_eq!(r["equilibria"], serde_json::json!(["NN", "YY"]));
    assert_eq!(
        r["stable"]["Prisoner One"],
        serde_json::json!(["NN", "NY", "YY"])
    );
    assert_eq!(r["verdicts"]["prisoner 2"][0]["state"], "NN");
}

// ---- random two-party models --------------------------------------------------------------

fn random_model(
    options: (u8, u8),
    directions: &[u8],
    keys: &[Vec<u8>],
    tiers: &[u8],
) -> GraphModel {
    let n = (options.0 + options.1) as usize;
    let names: Vec<String> = (0..n).map(|k| format!("o{k}")).collect();
    let mut b = GraphModel::builder("random")
        .decision_maker("A", names[..options.0 as usize].to_vec())
        .decision_maker("B", names[options.0 as usize..].to_vec());
    for (k, &d) in directions.iter().take(n).enumerate() {
        match d {
            1 => b = b.irreversible(names[k].clone(), Direction::Forward),
            2 => b = b.irreversible(names[k].clone(), Direction::Backward),
            _ => {}
        }
    }
    let rank = |d: usize| -> Vec<Vec<String>> {
        let t = tiers[d] as usize;
        let mut out = vec![Vec::new(); t];
        for s in 0..1u64 << n {
            out[keys[d][s as usize] as usize % t].push(State(s).label(n));
        }
        out.into_iter().filter(|x| !x.is_empty()).collect()
    };
    b.ranking("A", rank(0))
        .ranking("B", rank(1))
        .build()
        .expect("valid")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn limited_move_matches_the_recursion(
        options in (1u8..=2, 1u8..=2),
        directions in prop::collection::vec(prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)], 4),
        keys in prop::collection::vec(prop::collection::vec(any::<u8>(), 16), 2),
        tiers in prop::collection::vec(2u8..=16, 2),
        h in 1usize..=4,
    ) {
        let model = random_model(options, &directions, &keys, &tiers);
        let l = limited_move(&model, h, &LimitedMoveOptions::default()).expect("l");
        for dm in 0..2 {
            for (v, s) in l.verdicts(dm).iter().zip(model.feasible_states()) {
                let (o, first) = naive(&model, dm, s, h);
                prop_assert_eq!((v.anticipated, v.first_move), (o, first));
            }
        }
        check_non_myopic(&model);
    }
}
