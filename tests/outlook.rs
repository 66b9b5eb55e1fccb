//! The outlook: the forecast blended with a reference class. Blends worked by hand, the
//! class shipped with the crate checked against the validation case files, bad input, and
//! properties over generated blends and scenarios.

use proptest::prelude::*;
use standoff::compile::OutcomeCode;
use standoff::resolve::{blend_shares, outlook_of, Blend, OutlookError, ReferenceClass};
use standoff::strategy::{blend, scenario, ScenarioParams};
use standoff::{Resolver, Scenario};

fn class(counts: &[(OutcomeCode, u64)]) -> ReferenceClass {
    ReferenceClass::from_counts("hand", counts).expect("a valid class")
}

fn pairs(o: &standoff::resolve::Outlook) -> Vec<(OutcomeCode, f64)> {
    o.outcomes.iter().map(|x| (x.code, x.probability)).collect()
}

fn close(got: &[(OutcomeCode, f64)], want: &[(OutcomeCode, f64)]) -> bool {
    got.len() == want.len()
        && got
            .iter()
            .zip(want)
            .all(|(a, b)| a.0 == b.0 && (a.1 - b.1).abs() < 1e-12)
}

#[test]
fn a_blend_worked_by_hand() {
    // Forecast: comply 75%, ban 25%. Class of 4 cases: exit 1, comply 2, withdrawn 1, so
    // shares exit 1/4, comply 1/2, withdrawn 1/4. Weight 0.2:
    //   comply    0.8 * 0.75 + 0.2 * 0.5  = 0.70
    //   ban       0.8 * 0.25 + 0.2 * 0    = 0.20
    //   exit      0.8 * 0    + 0.2 * 0.25 = 0.05
    //   withdrawn 0.8 * 0    + 0.2 * 0.25 = 0.05 (tied with exit: code order puts exit first)
    //   compromise and stalemate 0: left out.
    let forecast = [(OutcomeCode::Comply, 0.75), (OutcomeCode::Ban, 0.25)];
    let c = class(&[
        (OutcomeCode::Exit, 1),
        (OutcomeCode::Comply, 2),
        (OutcomeCode::Withdrawn, 1),
    ]);
    let o = blend_shares(&forecast, &Blend::new(c.clone(), 0.2).expect("weight"));
    assert!(close(
        &pairs(&o),
        &[
            (OutcomeCode::Comply, 0.70),
            (OutcomeCode::Ban, 0.20),
            (OutcomeCode::Exit, 0.05),
            (OutcomeCode::Withdrawn, 0.05),
        ]
    ));
    assert_eq!((o.cases, o.weight, o.class.as_str()), (4, 0.2, "hand"));
    assert_eq!(o.outcomes[1].forecast, 0.25);
    assert_eq!(o.outcomes[2].reference, 0.25);
    // Weight 0: the forecast itself; weight 1: the class's shares.
    let o = blend_shares(&forecast, &Blend::new(c.clone(), 0.0).expect("weight"));
    assert!(close(
        &pairs(&o),
        &[(OutcomeCode::Comply, 0.75), (OutcomeCode::Ban, 0.25)]
    ));
    let o = blend_shares(&forecast, &Blend::new(c.clone(), 1.0).expect("weight"));
    assert!(close(
        &pairs(&o),
        &[
            (OutcomeCode::Comply, 0.5),
            (OutcomeCode::Exit, 0.25),
            (OutcomeCode::Withdrawn, 0.25),
        ]
    ));
    // Nothing to blend: an empty forecast gives an empty outlook.
    let o = blend_shares(&[], &Blend::new(c, 0.5).expect("weight"));
    assert!(o.outcomes.is_empty());
}

#[test]
fn bad_classes_and_weights_are_typed_errors() {
    assert_eq!(
        ReferenceClass::from_counts("mine", &[(OutcomeCode::Ban, 0)]),
        Err(OutlookError::EmptyClass {
            class: "mine".into()
        })
    );
    assert_eq!(
        ReferenceClass::from_counts("mine", &[(OutcomeCode::Ban, 2), (OutcomeCode::Ban, 1)]),
        Err(OutlookError::DuplicateCode {
            class: "mine".into(),
            code: OutcomeCode::Ban
        })
    );
    assert_eq!(
        ReferenceClass::from_counts(
            "mine",
            &[(OutcomeCode::Ban, u64::MAX), (OutcomeCode::Exit, 1)]
        ),
        Err(OutlookError::TooLarge {
            class: "mine".into()
        })
    );
    let c = class(&[(OutcomeCode::Ban, 1)]);
    // A weight of -0 is a weight of 0.
    assert_eq!(
        Blend::new(c.clone(), -0.0)
            .expect("zero")
            .weight()
            .to_string(),
        "0"
    );
    for w in [-0.1, 1.0 + 1e-9, f64::NAN, f64::INFINITY] {
        let e = Blend::new(c.clone(), w).expect_err("out of range");
        assert!(matches!(e, OutlookError::Weight { .. }), "{w}: {e:?}");
        assert_eq!(
            e.to_string(),
            format!("outlook weight {w}: must be a number from 0 to 1")
        );
    }
    assert_eq!(
        OutlookError::DuplicateCode {
            class: "mine".into(),
            code: OutcomeCode::Ban
        }
        .to_string(),
        "reference class `mine`: outcome `ban` is counted twice"
    );
}

/// The blind validation folders whose cases make the shipped class (not the second
/// encodings, which would count cases twice; not `seeds/`, encoded knowing the outcome).
fn blind_folders() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("validation");
    let mut folders = vec![root.join("scenarios")];
    let mut batches: Vec<_> = std::fs::read_dir(&root)
        .expect("validation/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("batch"))
        })
        .map(|p| p.join("scenarios"))
        .collect();
    batches.sort();
    folders.extend(batches);
    folders
}

#[test]
fn the_shipped_class_counts_the_blind_cases_recorded_outcomes() {
    let mut counts = [0u64; 6];
    for folder in blind_folders() {
        for entry in std::fs::read_dir(&folder).expect("a scenario folder") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            let s = Scenario::from_path(&path).expect("a valid case");
            let code = s.recorded_outcome.expect("a joined case").code;
            let i = OutcomeCode::ALL
                .iter()
                .position(|&c| c == code)
                .expect("a code");
            counts[i] += 1;
        }
    }
    let shipped = ReferenceClass::blind_validation();
    assert_eq!(
        shipped.counts(),
        counts,
        "update BLIND_VALIDATION in src/resolve/outlook.rs"
    );
    assert!(shipped.cases() >= 160);
}

#[test]
fn the_resolver_gives_the_outlook_only_where_asked() {
    let seed = Scenario::from_toml_str(include_str!("../seeds/blackberry-pakistan-2015.toml"))
        .expect("seed");
    let (_, plain) = Resolver::default()
        .resolve_scenario(&seed)
        .expect("resolves");
    assert!(plain.outlook.is_none());
    let json = serde_json::to_value(&plain).expect("json");
    assert!(json.get("outlook").is_none());
    // The seed's forecast: withdrawn 100%. Shipped class, weight 0.1: withdrawn
    // 0.9 + 0.1 * share(withdrawn); every other code 0.1 * its share.
    let shipped = ReferenceClass::blind_validation();
    let resolver = Resolver {
        outlook: Some(Blend::new(shipped.clone(), 0.1).expect("weight")),
        ..Resolver::default()
    };
    let (_, r) = resolver.resolve_scenario(&seed).expect("resolves");
    let o = r.outlook.as_ref().expect("asked for");
    assert_eq!(o.outcomes[0].code, OutcomeCode::Withdrawn);
    let want = 0.9 + 0.1 * shipped.share(OutcomeCode::Withdrawn);
    assert!((o.outcomes[0].probability - want).abs() < 1e-12);
    assert_eq!(o.outcomes.len(), 6);
    // The forecast itself is unchanged.
    assert_eq!(r.forecast, plain.forecast);
    let text = standoff::report::forecast_text(&r);
    assert!(text.contains("Outlook (the forecast blended with the reference class of"));
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(json["outlook"]["outcomes"][0]["code"], "withdrawn");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The outlook is a distribution; each code keeps at least `1 - w` of its forecast and
    /// `w` of its class share; weight 0 reproduces the forecast.
    #[test]
    fn outlooks_are_distributions(b in blend(), split in 0.0..=1.0f64) {
        let forecast = [(OutcomeCode::Comply, split), (OutcomeCode::Stalemate, 1.0 - split)];
        let o = blend_shares(&forecast, &b);
        let total: f64 = o.outcomes.iter().map(|x| x.probability).sum();
        prop_assert!((total - 1.0).abs() < 1e-9, "sum {total}");
        prop_assert!(o.outcomes.windows(2).all(|w| w[0].probability >= w[1].probability));
        for x in &o.outcomes {
            prop_assert!(x.probability + 1e-12 >= (1.0 - b.weight()) * x.forecast);
            prop_assert!(x.probability + 1e-12 >= b.weight() * x.reference);
        }
        if b.weight() == 0.0 {
            let kept = forecast.iter().filter(|f| f.1 > 0.0).count();
            prop_assert_eq!(o.outcomes.len(), kept);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// On generated scenarios: the outlook blends the resolution's own forecast, and asking
    /// for it changes nothing else.
    #[test]
    fn the_outlook_blends_the_resolutions_forecast(s in scenario(ScenarioParams::default()), b in blend()) {
        let compiled = standoff::compile(&s).expect("compiles");
        prop_assume!(compiled.model().state_count() <= 256);
        let plain = Resolver { threads: 1, ..Resolver::default() }.resolve(&compiled).expect("resolves");
        let asked = Resolver { threads: 1, outlook: Some(b.clone()), ..Resolver::default() }
            .resolve(&compiled)
            .expect("resolves");
        prop_assert_eq!(&asked.forecast, &plain.forecast);
        prop_assert_eq!(asked.outlook, Some(outlook_of(&plain.forecast, &b)));
    }
}
