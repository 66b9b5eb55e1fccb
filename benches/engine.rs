//! Engine benchmarks (criterion), on the synthetic models of `examples/generate.rs` built
//! in-process by the same code.
//!
//! ```text
//! cargo bench --bench engine                    # everything (about 8 minutes on 2 cores)
//! cargo bench --bench engine -- scaling/gmr     # one series
//! cargo bench --bench engine -- --list          # the benchmark names
//! ```
//!
//! Groups:
//!
//! - `scaling/<concept>-<reading>/<K>dm/<N>`: `Analysis::run` of one concept on K decision
//!   makers (2, 3, 4) and N options (10 to 20; 22 and 24 at 4 decision makers for GMR under
//!   `legal_sequences` only), priorities, 20% irreversible options, all states feasible, on
//!   one thread. Nash and SIM do not depend on the reading and run once (`nash`, `sim`); SIM
//!   stops at 20 options. Throughput is in feasible states.
//! - `sim-vs-gmr/<concept>/20`: SIM and legal GMR on the 4-decision-maker, 20-option scaling
//!   model with the machine's threads, side by side (SIM's target is at most 3x GMR).
//! - `models/...`: the reference models of docs/performance.md with the machine's threads:
//!   A (Nash, GMR, SMR, SEQ under both readings; GMR alone under both; SIM), B (Nash, GMR,
//!   SMR, SEQ, legal), and C (all five concepts, both readings, plus the whole pipeline from
//!   JSON text to analysis JSON).
//! - `phases/...`: loading model A from JSON text (parse, feasibility, payoff ranks) and
//!   writing its analysis JSON, as labels and as the compact bitmap encoding.
//!
//! Models are built lazily, only for the benchmarks that the filter selects. Long
//! benchmarks use 10 samples in flat sampling mode; in a scaling series the measurement time
//! of each size is fitted to the previous size's time, so the whole suite stays within
//! minutes. (Criterion may still warn that it cannot complete 10 samples in the set time;
//! it then simply takes longer.)

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{black_box, BenchmarkGroup, Criterion, SamplingMode, Throughput};
use standoff::{
    Analysis, AnalysisOptions, Concept, Encoding, GraphModel, OutputOptions, Reachability, Sets,
};

#[path = "../examples/generate/synth.rs"]
mod synth;

use synth::Params;

const LEGAL: Reachability = Reachability::LegalSequences;
const DISTINCT: Reachability = Reachability::DistinctMovers;

/// One analysed concept set and reading.
#[derive(Clone, Copy)]
struct Job {
    name: &'static str,
    concepts: &'static [Concept],
    reach: Reachability,
}

const NASH: &[Concept] = &[Concept::Nash];
const GMR: &[Concept] = &[Concept::Gmr];
const SMR: &[Concept] = &[Concept::Smr];
const SEQ: &[Concept] = &[Concept::Seq];
const SIM: &[Concept] = &[Concept::Sim];
const CLASSIC: &[Concept] = &[Concept::Nash, Concept::Gmr, Concept::Smr, Concept::Seq];
const ALL: &[Concept] = &Concept::ALL;

/// The scaling series: (job, largest option count at 4 decision makers).
const SERIES: &[(Job, usize)] = &[
    (job("nash", NASH, LEGAL), 20),
    (job("gmr-legal", GMR, LEGAL), 24),
    (job("gmr-distinct", GMR, DISTINCT), 20),
    (job("smr-legal", SMR, LEGAL), 20),
    (job("smr-distinct", SMR, DISTINCT), 20),
    (job("seq-legal", SEQ, LEGAL), 20),
    (job("seq-distinct", SEQ, DISTINCT), 20),
    (job("sim", SIM, LEGAL), 20),
];

/// Option counts of the scaling series (those above a series' limit are skipped).
const SIZES: &[usize] = &[10, 12, 14, 16, 18, 20, 22, 24];

/// Option counts above this run only at 4 decision makers.
const SMALL_MAX: usize = 20;

const fn job(name: &'static str, concepts: &'static [Concept], reach: Reachability) -> Job {
    Job {
        name,
        concepts,
        reach,
    }
}

fn options(job: Job, threads: usize) -> AnalysisOptions {
    AnalysisOptions {
        reachability: job.reach,
        concepts: job.concepts.to_vec(),
        threads,
        ..AnalysisOptions::default()
    }
}

fn analyse(model: &GraphModel, opts: &AnalysisOptions) -> Analysis {
    match Analysis::run(model, opts) {
        Ok(a) => a,
        Err(e) => panic!("analysis failed: {e}"),
    }
}

fn build(p: &Params) -> GraphModel {
    match synth::build(p) {
        Ok(m) => m,
        Err(e) => panic!("cannot build {p:?}: {e}"),
    }
}

/// The scaling-series model: `dms` decision makers, `options` options, priorities, 20%
/// irreversible, all states feasible.
fn series_params(dms: usize, options: usize) -> Params {
    Params {
        dms,
        options,
        seed: 7,
        irreversible: 0.2,
        ..Params::default()
    }
}

/// Models built on first use.
#[derive(Default)]
struct Models(RefCell<HashMap<String, std::rc::Rc<GraphModel>>>);

impl Models {
    fn get(&self, key: &str, params: impl FnOnce() -> Params) -> std::rc::Rc<GraphModel> {
        if let Some(m) = self.0.borrow().get(key) {
            return m.clone();
        }
        let m = std::rc::Rc::new(build(&params()));
        self.0.borrow_mut().insert(key.to_string(), m.clone());
        m
    }

    fn forget(&self, key: &str) {
        self.0.borrow_mut().remove(key);
    }
}

/// A flat-sampled group of 10 samples with a short warm-up.
fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    g
}

/// Measurement time for 10 samples of something that took `once`.
fn fit(once: Duration) -> Duration {
    (once * 11).max(Duration::from_secs(1))
}

fn scaling(c: &mut Criterion, smoke: bool) {
    let models = Models::default();
    let sizes = if smoke { &SIZES[..1] } else { SIZES };
    for &(job, max_options) in SERIES {
        let mut g = group(c, &format!("scaling/{}", job.name));
        let opts = options(job, 1);
        for dms in [2usize, 3, 4] {
            for &n in sizes {
                if n > max_options || (n > SMALL_MAX && dms != 4) {
                    continue;
                }
                let key = format!("{dms}dm/{n}");
                g.throughput(Throughput::Elements(1 << n));
                let mut per_iter = None;
                g.bench_function(key.as_str(), |b| {
                    let model = models.get(&key, || series_params(dms, n));
                    b.iter_custom(|iters| {
                        let start = Instant::now();
                        for _ in 0..iters {
                            black_box(analyse(&model, &opts));
                        }
                        let elapsed = start.elapsed();
                        per_iter = Some(elapsed / iters.max(1) as u32);
                        elapsed
                    })
                });
                if let Some(t) = per_iter {
                    // Fit the next size (2 more options, 4x the states) to 10 samples.
                    g.measurement_time(fit(t * 4));
                }
                if n > SMALL_MAX {
                    models.forget(&key);
                }
            }
            g.measurement_time(Duration::from_secs(1));
        }
        g.finish();
    }
}

fn reference_models(c: &mut Criterion, smoke: bool) {
    let models = Models::default();
    sim_vs_gmr(c, &models, smoke);
    if !smoke {
        large_models(c, &models);
    }
    let mut g = c.benchmark_group("models/C");
    g.throughput(Throughput::Elements(4096));
    for j in [
        job("all-legal", ALL, LEGAL),
        job("all-distinct", ALL, DISTINCT),
    ] {
        let opts = options(j, 0);
        g.bench_function(j.name, |b| {
            let model = models.get("C", Params::model_c);
            b.iter(|| analyse(&model, &opts))
        });
    }
    // The whole pipeline of `analyze C.json`, minus process start and file I/O.
    let text = synth::render(&Params::model_c(), false).expect("renders");
    let opts = options(job("all-legal", ALL, LEGAL), 0);
    g.bench_function("pipeline-legal", |b| {
        b.iter(|| {
            let model = GraphModel::from_json_str(&text).expect("loads");
            let analysis = analyse(&model, &opts);
            let mut out = Vec::with_capacity(1 << 20);
            analysis.write_json(&model, &mut out).expect("writes");
            out
        })
    });
    g.finish();
}

/// SIM against legal GMR at 20 options, 4 decision makers, the machine's threads.
fn sim_vs_gmr(c: &mut Criterion, models: &Models, smoke: bool) {
    let n = if smoke { 10 } else { 20 };
    let key = format!("scaling-4-{n}");
    let mut g = group(c, "sim-vs-gmr");
    g.throughput(Throughput::Elements(1 << n));
    g.measurement_time(Duration::from_secs(if smoke { 1 } else { 6 }));
    for j in [job("gmr", GMR, LEGAL), job("sim", SIM, LEGAL)] {
        let opts = options(j, 0);
        g.bench_function(format!("{}/{n}", j.name), |b| {
            let model = models.get(&key, || series_params(4, n));
            b.iter(|| analyse(&model, &opts))
        });
    }
    g.finish();
    models.forget(&key);
}

/// Models A and B (up to seconds per run).
fn large_models(c: &mut Criterion, models: &Models) {
    let a = || models.get("A", Params::model_a);
    let mut g = group(c, "models/A");
    g.throughput(Throughput::Elements(1 << 20));
    for (j, secs) in [
        (job("classic-legal", CLASSIC, LEGAL), 10),
        (job("classic-distinct", CLASSIC, DISTINCT), 20),
        (job("gmr-legal", GMR, LEGAL), 3),
        (job("gmr-distinct", GMR, DISTINCT), 5),
        (job("sim", SIM, LEGAL), 10),
    ] {
        let opts = options(j, 0);
        g.measurement_time(Duration::from_secs(secs));
        g.bench_function(j.name, |b| {
            let model = a();
            b.iter(|| analyse(&model, &opts))
        });
    }
    g.finish();
    models.forget("A");

    let mut g = group(c, "models/B");
    g.throughput(Throughput::Elements(Params::model_b().feasible_count()));
    g.measurement_time(Duration::from_secs(25));
    let opts = options(job("classic-legal", CLASSIC, LEGAL), 0);
    g.bench_function("classic-legal", |b| {
        let model = models.get("B", Params::model_b);
        b.iter(|| analyse(&model, &opts))
    });
    g.finish();
    models.forget("B");
}

fn phases(c: &mut Criterion, smoke: bool) {
    let mut g = group(c, "phases/A");
    g.measurement_time(Duration::from_secs(5));
    let params = if smoke {
        Params {
            options: 12,
            ..Params::model_a()
        }
    } else {
        Params::model_a()
    };
    g.throughput(Throughput::Elements(params.feasible_count()));
    let text = synth::render(&params, false).expect("renders");
    g.bench_function("load-json", |b| {
        b.iter(|| GraphModel::from_json_str(&text).expect("loads"))
    });
    let model = build(&params);
    let analysis = analyse(&model, &options(job("classic", CLASSIC, LEGAL), 0));
    g.bench_function("write-json", |b| {
        b.iter(|| {
            analysis
                .write_json(&model, std::io::sink())
                .expect("writes")
        })
    });
    let bitmap = OutputOptions {
        encoding: Encoding::Bitmap,
        sets: Sets::All,
    };
    g.bench_function("write-json-bitmap", |b| {
        b.iter(|| {
            analysis
                .write_json_with(&model, std::io::sink(), &bitmap)
                .expect("writes")
        })
    });
    g.finish();
}

/// `cargo bench` passes `--bench`; without it (`cargo test`, which builds this target
/// because Cargo.toml sets `test = true`) criterion runs every benchmark once, and this
/// suite shrinks to a smoke test: 10 options, model C, and a 12-option stand-in for A.
fn main() {
    let smoke =
        !std::env::args().any(|a| a == "--bench") || std::env::args().any(|a| a == "--test");
    let mut c = Criterion::default()
        .nresamples(10_000)
        .configure_from_args();
    phases(&mut c, smoke);
    reference_models(&mut c, smoke);
    scaling(&mut c, smoke);
    c.final_summary();
}
