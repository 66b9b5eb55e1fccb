//! Coalition analysis: corpus facts, agreement with the individual analysis for singleton
//! partitions, and agreement with a naive implementation written here from the definitions
//! on random small models.

use std::collections::{BTreeSet, VecDeque};

use proptest::prelude::*;
use standoff::post::coalition::{
    analyze_partitions, coalition_improvements, coalition_moves, coalitional_stability,
    explain_coalition, partitions, CoalitionAnalysis, CoalitionError, CoalitionOptions, Partition,
};
use standoff::{
    Analysis, AnalysisOptions, Concept, Direction, GraphModel, Limits, Reachability, State,
};

const CONCEPTS: [Concept; 4] = [Concept::Nash, Concept::Gmr, Concept::Smr, Concept::Seq];
const CORPUS: [&str; 7] = [
    "prisoners",
    "prisoners_prio",
    "cuban",
    "cuban_prio",
    "syriairaq",
    "syriairaq_prio",
    "elmira",
];

fn load(name: &str) -> GraphModel {
    GraphModel::from_path(format!("tests/corpus/{name}.model.json"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn st(model: &GraphModel, label: &str) -> State {
    model.parse_state(label).expect("valid label")
}

/// A direct implementation of the definitions (module documentation of
/// `standoff::post::coalition`), by breadth-first search over legal sequences.
struct Naive<'a> {
    model: &'a GraphModel,
    coalitions: Vec<Vec<usize>>,
}

impl Naive<'_> {
    fn mask(&self, c: usize) -> u64 {
        self.coalitions[c]
            .iter()
            .map(|&d| self.model.decision_makers()[d].mask())
            .fold(0, |a, b| a | b)
    }

    fn moves(&self, c: usize, s: State) -> Vec<State> {
        let mask = self.mask(c);
        self.model
            .feasible_states()
            .filter(|&t| {
                let diff = s.0 ^ t.0;
                diff != 0
                    && diff & !mask == 0
                    && (0..self.model.option_count()).all(|k| {
                        diff >> k & 1 == 0
                            || match self.model.options()[k].direction() {
                                None => true,
                                Some(Direction::Forward) => t.is_taken(k),
                                Some(Direction::Backward) => !t.is_taken(k),
                            }
                    })
            })
            .collect()
    }

    fn better(&self, c: usize, t: State, s: State) -> bool {
        self.coalitions[c]
            .iter()
            .all(|&k| self.model.payoff(k, t) > self.model.payoff(k, s))
    }

    /// States at the end of non-empty legal sequences of the other coalitions' moves.
    fn reach(&self, h: usize, s1: State, improving: bool) -> BTreeSet<State> {
        let mut out = BTreeSet::new();
        let mut seen = BTreeSet::from([(s1, h)]);
        let mut queue = VecDeque::from([(s1, h)]);
        while let Some((y, last)) = queue.pop_front() {
            for c in 0..self.coalitions.len() {
                if c == h || c == last {
                    continue;
                }
                for t in self.moves(c, y) {
                    if improving && !self.better(c, t, y) {
                        continue;
                    }
                    out.insert(t);
                    if seen.insert((t, c)) {
                        queue.push_back((t, c));
                    }
                }
            }
        }
        out
    }

    fn stable(&self, concept: Concept, h: usize, s: State) -> bool {
        let uis: Vec<State> = self
            .moves(h, s)
            .into_iter()
            .filter(|&t| self.better(h, t, s))
            .collect();
        uis.iter().all(|&s1| match concept {
            Concept::Nash => false,
            Concept::Gmr => self
                .reach(h, s1, false)
                .iter()
                .any(|&s2| !self.better(h, s2, s)),
            Concept::Seq => self
                .reach(h, s1, true)
                .iter()
                .any(|&s2| !self.better(h, s2, s)),
            Concept::Smr => self.reach(h, s1, false).iter().any(|&s2| {
                !self.better(h, s2, s) && self.moves(h, s2).iter().all(|&s3| !self.better(h, s3, s))
            }),
            Concept::Sim => unreachable!("not a coalition concept"),
        })
    }
}

#[test]
fn elmira_moe_and_uniroyal_jointly_improve_from_nynny_to_ynyny() {
    // Option order: Modify | Delay Accept Abandon | Insist.
    let model = load("elmira");
    let nynny = st(&model, "NYNNY");
    let ynyny = st(&model, "YNYNY");
    // MoE modifies (N -> Y, allowed: Modify is forward only) and Uniroyal stops delaying
    // (Y -> N, allowed: Delay is backward only) and accepts, in one joint move.
    assert!(coalition_moves(&model, &[0, 1], nynny).contains(&ynyny));
    // Neither can reach YNYNY alone.
    assert!(!model.moves(0, nynny).contains(&ynyny));
    assert!(!model.moves(1, nynny).contains(&ynyny));
    // Both strictly prefer it: MoE ranks YNYNY 4th and NYNNY 5th, Uniroyal 3rd and 4th.
    assert!(model.payoff(0, ynyny) > model.payoff(0, nynny));
    assert!(model.payoff(1, ynyny) > model.payoff(1, nynny));
    assert!(coalition_improvements(&model, &[0, 1], nynny).contains(&ynyny));
    // The improvement is a reason NYNNY is not an equilibrium for the coalition.
    let p = Partition::parse(&model, "MoE,Uniroyal|Local Government").expect("partition");
    let e = explain_coalition(
        &model,
        &p,
        Concept::Nash,
        Reachability::LegalSequences,
        0,
        nynny,
        &Limits::default(),
    )
    .expect("explained");
    assert!(!e.stable);
    assert!(e
        .improvements
        .iter()
        .any(|c| c.improvement == ynyny && c.sanction.is_none()));
    // NYNNY is an individual equilibrium of every concept (published state 5) ...
    let analysis = Analysis::run(&model, &AnalysisOptions::default()).expect("analysis");
    for c in CONCEPTS {
        assert!(
            analysis.equilibria(&model, c).expect("eq").contains(&nynny),
            "{c}"
        );
    }
    // ... but not coalitionally stable for MoE or Uniroyal: Local Government's only answer
    // from YNYNY, dropping Insist (YNYNN), is still better for both than NYNNY.
    for c in CONCEPTS {
        let cs = coalitional_stability(&model, c, &CoalitionOptions::default()).expect("cs");
        for dm in [0, 1] {
            let b = cs.blocked(dm).iter().find(|b| b.state == nynny);
            assert_eq!(
                b.map(|b| b.coalition.clone()),
                Some(vec![0, 1]),
                "{c} dm {dm}"
            );
        }
        assert!(cs.stable_states(2).contains(&nynny), "{c}");
    }
}

/// Under both readings (`legal_sequences` and the GMCR+ `distinct_movers`), coalitions of
/// one decision maker each give the individual analysis of the same reading.
#[test]
fn singleton_partitions_reproduce_the_individual_analysis() {
    let readings = [Reachability::LegalSequences, Reachability::DistinctMovers];
    for (name, reachability) in CORPUS.into_iter().flat_map(|n| readings.map(|r| (n, r))) {
        let model = load(name);
        let options = AnalysisOptions {
            reachability,
            ..AnalysisOptions::default()
        };
        let analysis = Analysis::run(&model, &options).expect("analysis");
        let p = Partition::singletons(&model);
        let coalition_options = CoalitionOptions {
            reachability,
            ..CoalitionOptions::default()
        };
        let ca = CoalitionAnalysis::run(&model, &p, &coalition_options).expect("ca");
        let name = format!("{name} {reachability}");
        for c in CONCEPTS {
            for dm in 0..model.decision_makers().len() {
                let expected: Vec<State> = analysis
                    .stable_indices(c, dm)
                    .expect("stable")
                    .into_iter()
                    .filter_map(|i| model.state_at(i))
                    .collect();
                assert_eq!(
                    ca.stable_states(c, dm).expect("analysed"),
                    expected,
                    "{name} {c} {dm}"
                );
            }
            assert_eq!(
                ca.equilibria(c).expect("analysed"),
                analysis.equilibria(&model, c).expect("eq"),
                "{name} {c}"
            );
        }
    }
}

#[test]
fn corpus_agrees_with_the_naive_implementation_for_every_partition() {
    for name in CORPUS {
        let model = load(name);
        let all = analyze_partitions(&model, &CoalitionOptions::default()).expect("all");
        assert_eq!(all.analyses.len(), if name == "elmira" { 5 } else { 2 });
        for ca in &all.analyses {
            let naive = Naive {
                model: &model,
                coalitions: ca.partition().coalitions().to_vec(),
            };
            for c in CONCEPTS {
                for h in 0..naive.coalitions.len() {
                    let expected: Vec<State> = model
                        .feasible_states()
                        .filter(|&s| naive.stable(c, h, s))
                        .collect();
                    assert_eq!(
                        ca.stable_states(c, h).expect("analysed"),
                        expected,
                        "{name} {} {c} {h}",
                        ca.partition().to_text(&model)
                    );
                }
            }
        }
    }
}

#[test]
fn partitions_are_bell_many_and_distinct() {
    for (n, bell) in [(0, 0), (1, 1), (2, 2), (3, 5), (4, 15), (5, 52), (6, 203)] {
        let ps = partitions(n).expect("small");
        assert_eq!(ps.len(), bell, "{n}");
        let distinct: BTreeSet<Vec<Vec<usize>>> = ps.iter().cloned().collect();
        assert_eq!(distinct.len(), bell);
        for p in &ps {
            let mut all: Vec<usize> = p.iter().flatten().copied().collect();
            all.sort_unstable();
            assert_eq!(all, (0..n).collect::<Vec<_>>());
        }
    }
    assert!(matches!(
        partitions(11),
        Err(CoalitionError::TooManyDecisionMakers { count: 11, .. })
    ));
}

#[test]
fn bad_partitions_are_typed_errors_naming_the_decision_maker() {
    let model = load("elmira");
    let cases = [
        (
            "MoE|Uniroyal",
            "the partition misses decision maker `Local Government`",
        ),
        (
            "MoE,Uniroyal|Uniroyal,Local Government",
            "the partition repeats decision maker `Uniroyal`",
        ),
        (
            "MoE,MoE|Uniroyal|Local Government",
            "the partition repeats decision maker `MoE`",
        ),
        (
            "MoE|Uniroyal|Mayor",
            "unknown decision maker `Mayor` in the partition",
        ),
        (
            "MoE||Uniroyal,Local Government",
            "coalition 2 of the partition `MoE||Uniroyal,Local Government` is empty",
        ),
    ];
    for (text, message) in cases {
        let e = Partition::parse(&model, text).expect_err(text);
        assert_eq!(e.to_string(), message);
    }
    assert_eq!(
        Partition::new(&model, vec![vec![0, 1], vec![2, 3]]).expect_err("index 3"),
        CoalitionError::UnknownDecisionMaker("3".into())
    );
    // SIM is not a coalition concept.
    let p = Partition::singletons(&model);
    let options = CoalitionOptions {
        concepts: vec![Concept::Nash, Concept::Sim],
        ..CoalitionOptions::default()
    };
    let e = CoalitionAnalysis::run(&model, &p, &options).expect_err("sim");
    assert_eq!(
        e.to_string(),
        "concept `sim` is not defined for coalitions (expected `nash`, `gmr`, `smr` or `seq`)"
    );
    // A partition of another model does not fit.
    let prisoners = load("prisoners");
    let e = CoalitionAnalysis::run(&prisoners, &p, &CoalitionOptions::default()).expect_err("fit");
    assert_eq!(e, CoalitionError::UnknownDecisionMaker("2".into()));
}

#[test]
fn budgets_are_honoured() {
    let model = load("elmira");
    let p = Partition::singletons(&model);
    let options = CoalitionOptions {
        limits: Limits {
            max_work: 10,
            ..Limits::default()
        },
        ..CoalitionOptions::default()
    };
    assert!(matches!(
        CoalitionAnalysis::run(&model, &p, &options),
        Err(CoalitionError::Limit(_))
    ));
}

#[test]
fn reports_use_names_and_labels_in_canonical_order() {
    let model = load("elmira");
    let p = Partition::parse(&model, "Local Government, MoE | Uniroyal").expect("partition");
    assert_eq!(p.coalitions(), &[vec![0, 2], vec![1]]);
    let ca = CoalitionAnalysis::run(&model, &p, &CoalitionOptions::default()).expect("ca");
    let report = serde_json::to_value(ca.report(&model)).expect("json");
    assert_eq!(report["format"], "standoff.coalitions/1");
    assert_eq!(report["partition"][0][1], "Local Government");
    let gmr = report["stability"]["gmr"]["MoE,Local Government"]
        .as_array()
        .expect("list");
    let numbers: Vec<u64> = gmr
        .iter()
        .map(|l| st(&model, l.as_str().expect("label")).0)
        .collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    assert_eq!(numbers, sorted);
}

// ---- random small models ------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Params {
    /// Options per decision maker (1 or 2).
    options: Vec<u8>,
    /// Per option: 0 reversible, 1 forward, 2 backward.
    directions: Vec<u8>,
    /// States (as masks, reduced mod 2^n) made infeasible.
    forbidden: Vec<u8>,
    /// Per decision maker, per state, a tier key.
    keys: Vec<Vec<u8>>,
    /// Tiers per decision maker.
    tiers: Vec<u8>,
    /// Restricted-growth-like partition labels.
    blocks: Vec<u8>,
}

fn params() -> impl Strategy<Value = Params> {
    (2usize..=4).prop_flat_map(|m| {
        (
            prop::collection::vec(1u8..=2, m),
            prop::collection::vec(
                prop_oneof![4 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
                8,
            ),
            prop::collection::vec(any::<u8>(), 0..4),
            prop::collection::vec(prop::collection::vec(any::<u8>(), 64), m),
            prop::collection::vec(2u8..=6, m),
            prop::collection::vec(0u8..4, m),
        )
            .prop_map(
                |(options, directions, forbidden, keys, tiers, blocks)| Params {
                    options,
                    directions,
                    forbidden,
                    keys,
                    tiers,
                    blocks,
                },
            )
    })
}

fn build(p: &Params) -> Option<GraphModel> {
    // At most 6 options (64 states) so that the naive searches stay quick.
    let mut p = p.clone();
    while p.options.iter().map(|&k| k as usize).sum::<usize>() > 6 {
        if let Some(k) = p.options.iter_mut().rev().find(|k| **k > 1) {
            *k -= 1;
        }
    }
    let p = &p;
    let n: usize = p.options.iter().map(|&k| k as usize).sum();
    let names: Vec<String> = (0..n).map(|k| format!("o{k}")).collect();
    let cond = |mask: u64| -> String {
        (0..n)
            .map(|k| {
                if mask >> k & 1 == 1 {
                    names[k].clone()
                } else {
                    format!("!{}", names[k])
                }
            })
            .collect::<Vec<_>>()
            .join(" & ")
    };
    let base = |ranked: Option<&Vec<Vec<Vec<String>>>>| {
        let mut b = GraphModel::builder("random");
        let mut k = 0;
        for (d, &count) in p.options.iter().enumerate() {
            b = b.decision_maker(format!("D{d}"), names[k..k + count as usize].to_vec());
            k += count as usize;
        }
        for (k, &dir) in p.directions.iter().take(n).enumerate() {
            match dir {
                1 => b = b.irreversible(names[k].clone(), Direction::Forward),
                2 => b = b.irreversible(names[k].clone(), Direction::Backward),
                _ => {}
            }
        }
        for &f in &p.forbidden {
            b = b.infeasible(cond(f as u64 % (1 << n)));
        }
        for d in 0..p.options.len() {
            b = match ranked {
                None => b.priorities(format!("D{d}"), Vec::<String>::new()),
                Some(r) => b.ranking(format!("D{d}"), r[d].clone()),
            };
        }
        b
    };
    let shell = base(None).build().ok()?;
    let states: Vec<State> = shell.feasible_states().collect();
    let rankings: Vec<Vec<Vec<String>>> = (0..p.options.len())
        .map(|d| {
            let tiers = p.tiers[d] as usize;
            let mut out = vec![Vec::new(); tiers];
            for (i, s) in states.iter().enumerate() {
                out[p.keys[d][i] as usize % tiers].push(shell.label(*s));
            }
            out.into_iter().filter(|t| !t.is_empty()).collect()
        })
        .collect();
    base(Some(&rankings)).build().ok()
}

fn partition_of(p: &Params) -> Vec<Vec<usize>> {
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut label_of: Vec<(u8, usize)> = Vec::new();
    for (d, &b) in p.blocks.iter().enumerate() {
        match label_of.iter().find(|(l, _)| *l == b) {
            Some(&(_, i)) => blocks[i].push(d),
            None => {
                label_of.push((b, blocks.len()));
                blocks.push(vec![d]);
            }
        }
    }
    blocks
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn coalition_stability_matches_the_naive_definitions(p in params()) {
        let Some(model) = build(&p) else { return Ok(()); };
        let coalitions = partition_of(&p);
        let partition = Partition::new(&model, coalitions).expect("valid partition");
        let naive = Naive { model: &model, coalitions: partition.coalitions().to_vec() };
        let ca = CoalitionAnalysis::run(&model, &partition, &CoalitionOptions::default())
            .expect("analysis");
        for c in CONCEPTS {
            let mut all = Vec::new();
            for s in model.feasible_states() {
                let mut everyone = true;
                for h in 0..naive.coalitions.len() {
                    let expected = naive.stable(c, h, s);
                    everyone &= expected;
                    prop_assert_eq!(ca.is_stable(c, h, s).expect("analysed"), expected,
                        "{} coalition {} state {}", c, h, model.label(s));
                    let e = explain_coalition(&model, &partition, c, Reachability::LegalSequences, h, s, &Limits::default())
                        .expect("explained");
                    prop_assert_eq!(e.stable, expected);
                    // Every reported sanction is a legal sequence of the others' moves ending
                    // where the coalition is not better off.
                    for check in &e.improvements {
                        if let Some(sanction) = &check.sanction {
                            let mut at = check.improvement;
                            let mut last = h;
                            for mv in &sanction.moves {
                                prop_assert!(mv.coalition != h && mv.coalition != last);
                                prop_assert_eq!(mv.from, at);
                                prop_assert!(naive.moves(mv.coalition, at).contains(&mv.to));
                                if c == Concept::Seq {
                                    prop_assert!(mv.improvement);
                                }
                                at = mv.to;
                                last = mv.coalition;
                            }
                            prop_assert_eq!(at, sanction.end);
                            prop_assert!(!naive.better(h, at, s));
                        }
                    }
                }
                if everyone {
                    all.push(s);
                }
            }
            prop_assert_eq!(ca.equilibria(c).expect("analysed"), all.as_slice());
        }
    }

    #[test]
    fn coalitional_stability_matches_the_naive_definitions(p in params()) {
        let Some(model) = build(&p) else { return Ok(()); };
        let m = model.decision_makers().len();
        for c in CONCEPTS {
            let cs = coalitional_stability(&model, c, &CoalitionOptions::default()).expect("cs");
            for i in 0..m {
                for s in model.feasible_states() {
                    // Stable iff every coalition H containing i, singleton included, is stable
                    // at s when the others act alone.
                    let mut first_block = None;
                    let mut subsets: Vec<Vec<usize>> = (1u32..1 << m)
                        .filter(|h| h >> i & 1 == 1)
                        .map(|h| (0..m).filter(|&d| h >> d & 1 == 1).collect())
                        .collect();
                    subsets.sort_by_key(|h: &Vec<usize>| (h.len(), h.clone()));
                    for h in subsets {
                        let mut coalitions = vec![h.clone()];
                        coalitions.extend((0..m).filter(|d| !h.contains(d)).map(|d| vec![d]));
                        let naive = Naive { model: &model, coalitions };
                        if !naive.stable(c, 0, s) {
                            first_block = Some(h);
                            break;
                        }
                    }
                    let reported = cs.blocked(i).iter().find(|b| b.state == s).map(|b| b.coalition.clone());
                    prop_assert_eq!(&reported, &first_block, "{} dm {} state {}", c, i, model.label(s));
                    prop_assert_eq!(cs.stable_states(i).contains(&s), first_block.is_none());
                }
            }
        }
    }
}
