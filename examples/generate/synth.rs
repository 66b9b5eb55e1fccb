//! Deterministic synthetic graph models, shared by `examples/generate.rs` and
//! `benches/engine.rs` (included there with `#[path]`), so that the files the example writes
//! and the models the benchmarks build are the same.
//!
//! Everything random comes from a self-contained splitmix64 generator seeded from
//! [`Params::seed`], with one independent stream per part of the model (preferences,
//! irreversibility, infeasibility, status quo): changing one parameter does not reshuffle the
//! others, and the same parameters always give byte-identical output.

// Each includer uses a different subset of these helpers.
#![allow(dead_code)]

use standoff::{Direction, GraphModel, GraphModelBuilder, Limits};

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`, on the independent stream `stream`.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next_u64();
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`), by rejection so that it is unbiased.
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let v = self.next_u64();
            if v < zone {
                return (v % n) as usize;
            }
        }
    }

    /// True with probability 1/2.
    pub fn coin(&mut self) -> bool {
        self.next_u64() >> 63 == 1
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Random streams, one per part of the model.
const STREAM_PREFS: u64 = 1;
const STREAM_IRREVERSIBLE: u64 = 2;
const STREAM_INFEASIBLE: u64 = 3;
const STREAM_STATUS_QUO: u64 = 4;

/// How preferences are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefs {
    /// Per decision maker 4 to 8 random priority conditions over its own and the others'
    /// options, with `!`, `&`, `|`.
    Priorities,
    /// Per decision maker a random strict ranking of every feasible state (one state per
    /// tier). Only sensible for small models; refused above [`MAX_RANKED_STATES`] states.
    Ranking,
}

/// Most feasible states for `Prefs::Ranking` (the file would pass the loader's 64 MiB limit
/// soon after).
pub const MAX_RANKED_STATES: u64 = 1 << 18;

/// The parameters of a synthetic model.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Model name; `None` gives a name listing the parameters.
    pub name: Option<String>,
    /// Number of decision makers.
    pub dms: usize,
    /// Number of options, split as evenly as possible (the first `options % dms` decision
    /// makers get one more).
    pub options: usize,
    /// Seed of every random choice.
    pub seed: u64,
    /// Preference kind.
    pub prefs: Prefs,
    /// Fraction of the options made irreversible (rounded to the nearest count), alternately
    /// `forward` and `backward` in random order.
    pub irreversible: f64,
    /// Disjoint random pairs of options that may not both be taken. A pair within one
    /// decision maker is written as a `mutually_exclusive` group, a pair across two as an
    /// `infeasible` condition `a & b`. Each pair removes a quarter of the states, so exactly
    /// `2^options * (3/4)^pairs` states are feasible.
    pub exclusive_pairs: usize,
    /// Write a random feasible status quo.
    pub status_quo: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            name: None,
            dms: 4,
            options: 20,
            seed: 1,
            prefs: Prefs::Priorities,
            irreversible: 0.0,
            exclusive_pairs: 0,
            status_quo: false,
        }
    }
}

impl Params {
    /// Model A: 4 decision makers x 5 options, all 2^20 = 1,048,576 states feasible,
    /// priorities, 20% of the options (4) irreversible.
    pub fn model_a() -> Params {
        Params {
            irreversible: 0.2,
            ..Params::default()
        }
    }

    /// Model B: 4 decision makers x 6 options, 6 exclusive pairs leaving
    /// 2^24 * (3/4)^6 = 2,985,984 of 16,777,216 states feasible (`--infeasible-target 0.82`),
    /// priorities, 20% of the options (5) irreversible.
    pub fn model_b() -> Params {
        Params {
            options: 24,
            seed: 2,
            irreversible: 0.2,
            exclusive_pairs: 6,
            ..Params::default()
        }
    }

    /// Model C: 4 decision makers x 3 options, all 4,096 states feasible, a random strict
    /// ranking per decision maker, no irreversible options.
    pub fn model_c() -> Params {
        Params {
            options: 12,
            seed: 3,
            prefs: Prefs::Ranking,
            ..Params::default()
        }
    }

    /// A preset by letter (`A`, `B`, `C`; case-insensitive).
    pub fn preset(name: &str) -> Option<Params> {
        match name {
            "A" | "a" => Some(Params::model_a()),
            "B" | "b" => Some(Params::model_b()),
            "C" | "c" => Some(Params::model_c()),
            _ => None,
        }
    }

    /// Sets [`Params::exclusive_pairs`] so that the infeasible fraction of the 2^options
    /// states is as close as possible to `ratio` (in `[0, 1)`): `round(ln(1 - ratio) /
    /// ln(3/4))` pairs.
    pub fn set_infeasible_target(&mut self, ratio: f64) -> Result<(), String> {
        if !(0.0..1.0).contains(&ratio) {
            return Err(format!("infeasible target {ratio} is not in [0, 1)"));
        }
        let pairs = ((1.0 - ratio).ln() / 0.75f64.ln()).round() as usize;
        if pairs > self.options / 2 {
            return Err(format!(
                "infeasible target {ratio} needs {pairs} disjoint exclusive pairs, but {} options allow {}",
                self.options,
                self.options / 2
            ));
        }
        self.exclusive_pairs = pairs;
        Ok(())
    }

    /// Number of feasible states: `2^options * (3/4)^pairs`.
    pub fn feasible_count(&self) -> u64 {
        let p = self.exclusive_pairs as u32;
        (1u64 << (self.options - 2 * self.exclusive_pairs)) * 3u64.pow(p)
    }

    /// The model name written to the file.
    pub fn model_name(&self) -> String {
        self.name.clone().unwrap_or_else(|| {
            format!(
                "synthetic: {} DMs, {} options, seed {}, {}, irreversible {}, {} exclusive pairs",
                self.dms,
                self.options,
                self.seed,
                match self.prefs {
                    Prefs::Priorities => "priorities",
                    Prefs::Ranking => "ranking",
                },
                self.irreversible,
                self.exclusive_pairs
            )
        })
    }

    fn check(&self) -> Result<(), String> {
        if self.dms == 0 {
            return Err("need at least one decision maker".into());
        }
        if self.options < self.dms {
            return Err(format!(
                "{} options cannot give each of {} decision makers an option",
                self.options, self.dms
            ));
        }
        if self.options > 40 {
            return Err(format!("{} options: at most 40 supported", self.options));
        }
        if !(0.0..=1.0).contains(&self.irreversible) {
            return Err(format!(
                "irreversible fraction {} is not in [0, 1]",
                self.irreversible
            ));
        }
        if 2 * self.exclusive_pairs > self.options {
            return Err(format!(
                "{} exclusive pairs need {} options",
                self.exclusive_pairs,
                2 * self.exclusive_pairs
            ));
        }
        if self.prefs == Prefs::Ranking && self.feasible_count() > MAX_RANKED_STATES {
            return Err(format!(
                "a ranking of {} states is too large (at most {MAX_RANKED_STATES}); use priorities",
                self.feasible_count()
            ));
        }
        Ok(())
    }
}

/// The option layout: `owner[k]` for option k, and each decision maker's option range.
struct Layout {
    ranges: Vec<std::ops::Range<usize>>,
    owner: Vec<usize>,
    names: Vec<String>,
}

impl Layout {
    fn new(p: &Params) -> Layout {
        let (base, extra) = (p.options / p.dms, p.options % p.dms);
        let mut ranges = Vec::new();
        let mut owner = Vec::new();
        let mut names = Vec::new();
        for d in 0..p.dms {
            let start = owner.len();
            let count = base + usize::from(d < extra);
            for j in 0..count {
                owner.push(d);
                names.push(format!("o{}_{}", d + 1, j + 1));
            }
            ranges.push(start..start + count);
        }
        Layout {
            ranges,
            owner,
            names,
        }
    }
}

/// A state's `Y`/`N` label.
fn label(state: u64, options: usize) -> String {
    (0..options)
        .map(|k| if state >> k & 1 == 1 { 'Y' } else { 'N' })
        .collect()
}

/// A builder holding the graph-model file for `p` (not yet validated).
pub fn generate(p: &Params) -> Result<GraphModelBuilder, String> {
    p.check()?;
    let layout = Layout::new(p);
    let n = p.options;
    let mut b = GraphModel::builder(p.model_name());
    for d in 0..p.dms {
        b = b.decision_maker(
            format!("DM{}", d + 1),
            layout.names[layout.ranges[d].clone()].iter().cloned(),
        );
    }

    // Infeasibility: disjoint random pairs.
    let mut rng = Rng::new(p.seed, STREAM_INFEASIBLE);
    let mut perm: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut perm);
    let mut pairs: Vec<(usize, usize)> = perm[..2 * p.exclusive_pairs]
        .chunks(2)
        .map(|c| (c[0].min(c[1]), c[0].max(c[1])))
        .collect();
    pairs.sort_unstable();
    for &(a, c) in &pairs {
        let (na, nc) = (&layout.names[a], &layout.names[c]);
        b = if layout.owner[a] == layout.owner[c] {
            b.mutually_exclusive([na, nc])
        } else {
            b.infeasible(format!("{na} & {nc}"))
        };
    }
    let pair_masks: Vec<u64> = pairs.iter().map(|&(a, c)| 1 << a | 1 << c).collect();
    let is_feasible = |x: u64| pair_masks.iter().all(|&m| x & m != m);

    // Irreversibility: a random subset, alternately forward and backward.
    let mut rng = Rng::new(p.seed, STREAM_IRREVERSIBLE);
    let count = ((p.irreversible * n as f64).round() as usize).min(n);
    let mut perm: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut perm);
    let mut chosen: Vec<(usize, Direction)> = perm[..count]
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let dir = if i % 2 == 0 {
                Direction::Forward
            } else {
                Direction::Backward
            };
            (k, dir)
        })
        .collect();
    chosen.sort_unstable_by_key(|&(k, _)| k);
    for (k, dir) in chosen {
        b = b.irreversible(&layout.names[k], dir);
    }

    // Preferences.
    let mut rng = Rng::new(p.seed, STREAM_PREFS);
    let feasible: Vec<u64> = if p.prefs == Prefs::Ranking {
        (0..1u64 << n).filter(|&x| is_feasible(x)).collect()
    } else {
        Vec::new()
    };
    for d in 0..p.dms {
        let name = format!("DM{}", d + 1);
        b = match p.prefs {
            Prefs::Priorities => b.priorities(name, priorities(&mut rng, &layout, d)),
            Prefs::Ranking => {
                let mut order = feasible.clone();
                rng.shuffle(&mut order);
                b.ranking(name, order.iter().map(|&x| [label(x, n)]))
            }
        };
    }

    // Status quo: random bits, then the later option of each violated pair dropped.
    if p.status_quo {
        let mut rng = Rng::new(p.seed, STREAM_STATUS_QUO);
        let mut x = rng.next_u64() & ((1u64 << n) - 1);
        for &(_, c) in &pairs {
            if !is_feasible(x) {
                x &= !(1 << c);
            }
        }
        debug_assert!(is_feasible(x));
        b = b.status_quo(label(x, n));
    }
    Ok(b.limits(Limits::default()))
}

/// 4 to 8 priority conditions for decision maker `d`: each of 1 to 3 literals over distinct
/// options (the first always one of its own, the others its own or another's with equal
/// odds), negated with odds 1/2, joined by `&` or `|` (a third literal in parentheses).
fn priorities(rng: &mut Rng, layout: &Layout, d: usize) -> Vec<String> {
    let own = layout.ranges[d].clone();
    let n = layout.owner.len();
    let count = 4 + rng.below(5);
    (0..count)
        .map(|_| {
            let literals = 1 + rng.below(3);
            let mut used: Vec<usize> = Vec::new();
            let mut text = Vec::new();
            for l in 0..literals {
                let others = n - own.len();
                let pick_own = l == 0 || others == 0 || rng.coin();
                let k = if pick_own {
                    own.start + rng.below(own.len())
                } else {
                    let i = rng.below(others);
                    if i < own.start {
                        i
                    } else {
                        i + own.len()
                    }
                };
                if used.contains(&k) {
                    continue;
                }
                used.push(k);
                let not = if rng.coin() { "!" } else { "" };
                text.push(format!("{not}{}", layout.names[k]));
            }
            let op = |rng: &mut Rng| if rng.coin() { " & " } else { " | " };
            match text.len() {
                1 => text[0].clone(),
                2 => format!("{}{}{}", text[0], op(rng), text[1]),
                _ => {
                    let (o1, o2) = (op(rng), op(rng));
                    format!("{}{o1}({}{o2}{})", text[0], text[1], text[2])
                }
            }
        })
        .collect()
}

/// The validated model for `p` (default limits: up to 2^24 feasible states).
pub fn build(p: &Params) -> Result<GraphModel, String> {
    generate(p)?.build().map_err(|e| e.to_string())
}

/// The file for `p` as pretty JSON (`toml == false`) or TOML.
pub fn render(p: &Params, toml: bool) -> Result<String, String> {
    let b = generate(p)?;
    let file = b.file();
    if toml {
        toml::to_string(file).map_err(|e| e.to_string())
    } else {
        serde_json::to_string_pretty(file)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| e.to_string())
    }
}
