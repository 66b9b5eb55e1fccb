//! Forecast benchmarks (criterion): many preference completions of one scenario.
//!
//! ```text
//! cargo bench --bench forecast
//! ```
//!
//! The scenario (`benches/data/two-companies.toml`) has three parties and ten options (130
//! feasible states); every party's outcome ranking is partly open, giving 13,824
//! completions, of which the resolver forecasts a fixed-seed sample of 4,096 (the default
//! `Limits::forecast_completions`). Measured: `Resolver::resolve` on the compiled scenario,
//! the machine's threads, with
//!
//! - `forecast/4096/farsighted`: the default anticipation (farsighted play with settlements,
//!   horizon 6);
//! - `forecast/4096/myopic`: the reading before forecasts (a full stability analysis per
//!   completion);
//! - `forecast/4096/farsighted-1-thread`: the default on one thread.
//!
//! Under `cargo test` (no `--bench`) each runs once on a budget of 64 completions, as a smoke
//! test.

use std::time::Duration;

use criterion::{black_box, Criterion, SamplingMode};
use standoff::compile::compile;
use standoff::resolve::Anticipation;
use standoff::{Limits, Resolver, Scenario};

const SCENARIO: &str = include_str!("data/two-companies.toml");

fn resolver(anticipation: Anticipation, completions: u64, threads: usize) -> Resolver {
    Resolver {
        anticipation,
        threads,
        limits: Limits {
            forecast_completions: completions,
            ..Limits::default()
        },
        ..Resolver::default()
    }
}

fn main() {
    let smoke =
        !std::env::args().any(|a| a == "--bench") || std::env::args().any(|a| a == "--test");
    let completions = if smoke { 64 } else { 4096 };
    let scenario = Scenario::from_toml_str(SCENARIO).expect("the bench scenario is valid");
    let compiled = compile(&scenario).expect("the bench scenario compiles");
    assert_eq!(compiled.model().feasible_states().count(), 130);
    assert_eq!(compiled.preferences().completion_count(), 13_824);
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("forecast");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(if smoke { 1 } else { 30 }));
    let runs = [
        ("farsighted", Anticipation::default(), 0),
        ("myopic", Anticipation::Myopic, 0),
        ("farsighted-1-thread", Anticipation::default(), 1),
    ];
    for (name, anticipation, threads) in runs {
        let r = resolver(anticipation, completions, threads);
        group.bench_function(format!("{completions}/{name}"), |b| {
            b.iter(|| {
                let resolution = r.resolve(black_box(&compiled)).expect("resolves");
                assert_eq!(resolution.forecast_basis.resolved, completions);
                resolution
            })
        });
    }
    group.finish();
    c.final_summary();
}
