//! Generated scenarios load, compile, resolve, and round-trip; reversing the parties changes
//! only ordering.
#![cfg(feature = "proptest")]

use std::collections::BTreeSet;

use proptest::prelude::*;
use standoff::{Resolution, Resolver, Scenario};

/// The predicted outcomes as sets of taken option names (independent of option order).
fn predicted(res: &Resolution) -> BTreeSet<BTreeSet<String>> {
    res.predicted
        .iter()
        .map(|p| {
            p.state
                .label
                .chars()
                .zip(&res.options)
                .filter(|(c, _)| *c == 'Y')
                .map(|(_, o)| o.name.clone())
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_scenarios_resolve_and_round_trip(s in any::<Scenario>()) {
        let json = s.to_json_string().unwrap();
        let toml = s.to_toml_string().unwrap();
        let from_json = Scenario::from_json_str(&json).unwrap();
        let from_toml = Scenario::from_toml_str(&toml).unwrap();
        prop_assert_eq!(from_json.to_json_string().unwrap(), json.clone());
        prop_assert_eq!(from_toml.to_json_string().unwrap(), json);
        let (_, res) = myopic().resolve_scenario(&s).unwrap();
        prop_assert!(!res.predicted.is_empty() || res.equilibria.iter().all(|e| !e.reachable));
        let (_, again) = myopic().resolve_scenario(&from_toml).unwrap();
        prop_assert_eq!(res.to_json_string().unwrap(), again.to_json_string().unwrap());
    }

    #[test]
    fn reversing_the_parties_changes_only_ordering(s in any::<Scenario>()) {
        let mut reversed = s.clone();
        reversed.parties.reverse();
        let (_, a) = myopic().resolve_scenario(&s).unwrap();
        let (_, b) = myopic().resolve_scenario(&reversed).unwrap();
        prop_assert_eq!(a.states, b.states);
        prop_assert_eq!(a.reachable, b.reachable);
        prop_assert_eq!(predicted(&a), predicted(&b));
        let names = |r: &Resolution| r.options.iter().map(|o| o.name.clone()).collect::<BTreeSet<_>>();
        prop_assert_eq!(names(&a), names(&b));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The default resolver (farsighted play with settlements, every completion) treats the
    /// parties alike: listing them in reverse order gives the same forecast, code by code.
    #[test]
    fn the_forecast_does_not_depend_on_party_order(s in any::<Scenario>()) {
        let mut reversed = s.clone();
        reversed.parties.reverse();
        let resolver = Resolver::default();
        let (_, a) = resolver.resolve_scenario(&s).unwrap();
        let (_, b) = resolver.resolve_scenario(&reversed).unwrap();
        let forecast = |r: &Resolution| {
            let mut f: Vec<(String, f64)> = r
                .forecast
                .iter()
                .map(|o| (o.code.to_string(), o.probability))
                .collect();
            f.sort_by(|x, y| x.0.cmp(&y.0));
            f
        };
        let (fa, fb) = (forecast(&a), forecast(&b));
        prop_assert_eq!(fa.len(), fb.len(), "{:?} against {:?}", fa, fb);
        for (x, y) in fa.iter().zip(&fb) {
            prop_assert_eq!(&x.0, &y.0);
            prop_assert!((x.1 - y.1).abs() < 1e-9, "{:?} against {:?}", fa, fb);
        }
    }
}

/// These properties are about loading and ordering, not forecasting: the myopic reading keeps
/// them fast on the largest generated scenarios (the forecast has its own properties in
/// `tests/forecast.rs`).
fn myopic() -> Resolver {
    Resolver {
        anticipation: standoff::resolve::Anticipation::Myopic,
        ..Resolver::default()
    }
}

/// The default strategy draws scenarios with and without a court (a party that may strike a
/// demand down), and they compile.
#[test]
fn generated_scenarios_sometimes_have_a_court() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let strategy = standoff::strategy::scenario(standoff::strategy::ScenarioParams::default());
    let (mut with, mut without) = (0, 0);
    for _ in 0..64 {
        let s = strategy.new_tree(&mut runner).unwrap().current();
        let court = s.parties.iter().any(|p| {
            p.moves
                .iter()
                .any(|m| m.kind == standoff::scenario::MoveKind::StrikeDown)
        });
        if court {
            with += 1;
        } else {
            without += 1;
        }
        standoff::compile(&s).unwrap();
    }
    assert!(with > 0 && without > 0, "with {with}, without {without}");
}
