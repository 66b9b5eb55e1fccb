//! Proptest strategies for this crate's types (feature `proptest`).
//!
//! Every generated value is valid by construction: it loads, validates, analyses (or, for a
//! [`crate::Scenario`], compiles and resolves) without error, and survives a JSON and a TOML
//! round trip unchanged. [`graph_model`] and [`scenario`] take size bounds;
//! `any::<GraphModel>()` and `any::<Scenario>()` use the defaults.
//!
//! Enable the feature in a downstream crate's dev-dependencies
//! (`standoff = { version = "0.1", features = ["proptest"] }`) and write, in `tests/`:
//!
//! ```text
//! use proptest::prelude::*;
//! use standoff::strategy::{graph_model, GraphModelParams};
//! use standoff::{Analysis, AnalysisOptions, Concept, GraphModel};
//!
//! proptest! {
//!     #[test]
//!     fn nash_equilibria_are_gmr_equilibria(model in graph_model(GraphModelParams::default())) {
//!         let a = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
//!         let gmr = a.equilibria(&model, Concept::Gmr).unwrap();
//!         for s in a.equilibria(&model, Concept::Nash).unwrap() {
//!             prop_assert!(gmr.contains(&s));
//!         }
//!     }
//!
//!     #[test]
//!     fn any_model_round_trips(model in any::<GraphModel>()) {
//!         let back = GraphModel::from_json_str(&model.to_json_string().unwrap()).unwrap();
//!         prop_assert_eq!(back, model);
//!     }
//! }
//! ```
//!
//! The same property, run here with proptest's runner:
//!
//! ```
//! use proptest::prelude::*;
//! use proptest::test_runner::{Config, TestRunner};
//! use standoff::strategy::{graph_model, GraphModelParams};
//! use standoff::{Analysis, AnalysisOptions, Concept, GraphModel};
//!
//! let mut runner = TestRunner::new(Config::with_cases(32));
//! runner
//!     .run(&graph_model(GraphModelParams::default()), |model| {
//!         let a = Analysis::run(&model, &AnalysisOptions::default()).unwrap();
//!         let gmr = a.equilibria(&model, Concept::Gmr).unwrap();
//!         for s in a.equilibria(&model, Concept::Nash).unwrap() {
//!             prop_assert!(gmr.contains(&s));
//!         }
//!         let back = GraphModel::from_toml_str(&model.to_toml_string().unwrap()).unwrap();
//!         prop_assert_eq!(back, model);
//!         Ok(())
//!     })
//!     .unwrap();
//! // `any::<GraphModel>()` works too:
//! runner.run(&any::<GraphModel>(), |m| { prop_assert!(m.state_count() >= 1); Ok(()) }).unwrap();
//! ```

use proptest::prelude::*;

mod outlook;
mod scenario;

pub use outlook::{blend, reference_class};
pub use scenario::{scenario, ScenarioParams};

use crate::model::condition::quote_name;
use crate::model::graph_model::{Direction, GraphModel};

/// Size bounds for [`graph_model`].
#[derive(Debug, Clone)]
pub struct GraphModelParams {
    /// Fewest and most decision makers (at least 1).
    pub decision_makers: (usize, usize),
    /// Most options of one decision maker.
    pub max_options_per_dm: usize,
    /// Most options in all (at most 16 keeps analyses fast).
    pub max_options: usize,
    /// Most `infeasible` conditions.
    pub max_infeasible: usize,
    /// Whether rankings may be generated (otherwise priorities only).
    pub rankings: bool,
    /// Whether option names with spaces (written in backticks) may be generated.
    pub spaced_names: bool,
}

impl Default for GraphModelParams {
    fn default() -> Self {
        GraphModelParams {
            decision_makers: (1, 4),
            max_options_per_dm: 3,
            max_options: 8,
            max_infeasible: 3,
            rankings: true,
            spaced_names: true,
        }
    }
}

/// A literal over option `k`: the option or its negation.
fn literal(k: usize, negated: bool, names: &[String]) -> String {
    let name = quote_name(&names[k]);
    if negated {
        format!("!{name}")
    } else {
        name
    }
}

/// A random condition over `names`: one to three literals joined by `&`, `|`, `->`, `<->`.
fn condition(names: Vec<String>) -> impl Strategy<Value = String> {
    let n = names.len();
    (
        proptest::collection::vec((0..n, any::<bool>()), 1..=3),
        proptest::collection::vec(0..4usize, 2),
    )
        .prop_map(move |(lits, ops)| {
            let mut out = literal(lits[0].0, lits[0].1, &names);
            for (i, &(k, neg)) in lits.iter().enumerate().skip(1) {
                let op = ["&", "|", "->", "<->"][ops[i - 1]];
                out = format!("({out}) {op} {}", literal(k, neg, &names));
            }
            out
        })
}

/// An `infeasible` condition that the all-`N` state never satisfies (a conjunction with at
/// least one taken option), so the feasible set is never empty.
fn infeasibility(names: Vec<String>) -> impl Strategy<Value = String> {
    let n = names.len();
    (
        0..n,
        proptest::collection::vec((0..n, any::<bool>()), 0..=2),
    )
        .prop_map(move |(k, rest)| {
            let mut out = quote_name(&names[k]);
            for (j, neg) in rest {
                out = format!("{out} & {}", literal(j, neg, &names));
            }
            out
        })
}

/// A valid graph model within `params`. Shrinks towards fewer decision makers and options.
pub fn graph_model(params: GraphModelParams) -> impl Strategy<Value = GraphModel> {
    let (lo, hi) = (
        params.decision_makers.0.max(1),
        params.decision_makers.1.max(1),
    );
    let per = params.max_options_per_dm.max(1);
    let max_total = params.max_options.clamp(1, 20);
    let p = params.clone();
    proptest::collection::vec(0..=per, lo..=hi.max(lo))
        .prop_map(move |mut counts| {
            // Respect the total and give the model at least one option.
            let mut total = 0;
            for c in counts.iter_mut() {
                *c = (*c).min(max_total - total);
                total += *c;
            }
            if total == 0 {
                counts[0] = 1;
            }
            counts
        })
        .prop_flat_map(move |counts| {
            let p = p.clone();
            let mut names = Vec::new();
            let mut dms = Vec::new();
            let spaced = p.spaced_names;
            for (d, &c) in counts.iter().enumerate() {
                let opts: Vec<String> = (0..c)
                    .map(|k| {
                        if spaced && k == 1 {
                            format!("option {d} {k}")
                        } else {
                            format!("o{d}_{k}")
                        }
                    })
                    .collect();
                names.extend(opts.clone());
                dms.push((format!("DM {d}"), opts));
            }
            let n = names.len();
            let dm_count = dms.len();
            (
                Just(dms),
                Just(names.clone()),
                proptest::collection::vec(infeasibility(names.clone()), 0..=p.max_infeasible),
                proptest::collection::vec(proptest::option::of(any::<bool>()), n),
                proptest::collection::vec(
                    (
                        any::<bool>(),
                        proptest::collection::vec(condition(names.clone()), 1..=4),
                        any::<u64>(),
                        1..=6u32,
                    ),
                    dm_count,
                ),
                any::<Option<u64>>(),
                Just(p.rankings),
            )
        })
        .prop_map(
            |(dms, names, infeasible, irreversible, prefs, status_quo, rankings)| {
                build(
                    &dms,
                    &names,
                    &infeasible,
                    &irreversible,
                    &prefs,
                    status_quo,
                    rankings,
                )
            },
        )
}

type PrefSeed = (bool, Vec<String>, u64, u32);

fn build(
    dms: &[(String, Vec<String>)],
    names: &[String],
    infeasible: &[String],
    irreversible: &[Option<bool>],
    prefs: &[PrefSeed],
    status_quo: Option<u64>,
    rankings: bool,
) -> GraphModel {
    let mut b = GraphModel::builder("generated");
    for (name, opts) in dms {
        b = b.decision_maker(name.clone(), opts.clone());
    }
    for c in infeasible {
        b = b.infeasible(c.clone());
    }
    for (k, dir) in irreversible.iter().enumerate() {
        if let Some(forward) = dir {
            let d = if *forward {
                Direction::Forward
            } else {
                Direction::Backward
            };
            b = b.irreversible(names[k].clone(), d);
        }
    }
    // First pass with priorities only, to learn the feasible states.
    let mut first = b.clone();
    for ((name, _), (_, conds, _, _)) in dms.iter().zip(prefs) {
        first = first.priorities(name.clone(), conds.clone());
    }
    let Ok(shape) = first.build() else {
        return fallback();
    };
    let labels: Vec<String> = shape.feasible_states().map(|s| shape.label(s)).collect();
    for ((name, _), (use_ranking, conds, seed, tiers)) in dms.iter().zip(prefs) {
        if rankings && *use_ranking {
            let mut by_tier: Vec<Vec<String>> = vec![Vec::new(); *tiers as usize];
            for (i, l) in labels.iter().enumerate() {
                let h = mix(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                by_tier[(h % *tiers as u64) as usize].push(l.clone());
            }
            by_tier.retain(|t| !t.is_empty());
            b = b.ranking(name.clone(), by_tier);
        } else {
            b = b.priorities(name.clone(), conds.clone());
        }
    }
    if let Some(seed) = status_quo {
        b = b.status_quo(labels[(seed % labels.len() as u64) as usize].clone());
    }
    b.build().unwrap_or_else(|_| fallback())
}

/// splitmix64's finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The smallest valid model; never reached for generated inputs, which are valid by
/// construction, but keeps the strategy total without panicking.
fn fallback() -> GraphModel {
    match GraphModel::builder("generated")
        .decision_maker("DM 0", ["o0_0"])
        .priorities("DM 0", ["o0_0"])
        .build()
    {
        Ok(m) => m,
        Err(e) => unreachable!("the fallback model is valid: {e}"),
    }
}

impl Arbitrary for GraphModel {
    type Parameters = GraphModelParams;
    type Strategy = BoxedStrategy<GraphModel>;

    fn arbitrary_with(params: Self::Parameters) -> Self::Strategy {
        graph_model(params).boxed()
    }
}
