//! Random small graph-model documents for property tests.
//!
//! `Params` is an abstract model: options are numbered 0.. in the order of
//! the abstract decision makers, and states are bit masks over those numbers.
//! A `Layout` renders it as a file: which order the decision makers (and each
//! one's options) appear in and which names they get. Rendering the same
//! `Params` under two layouts gives the same conflict with other names and
//! another letter order, which is what the relabelling property compares.

use super::structure;
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

pub const MAX_OPTIONS: usize = 7;
pub const MAX_DMS: usize = 4;

#[derive(Clone, Copy, Debug)]
pub enum BinOp {
    And,
    Or,
    Implies,
    Iff,
}

impl BinOp {
    fn symbol(self) -> &'static str {
        match self {
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Implies => "->",
            BinOp::Iff => "<->",
        }
    }

    /// Binding strength; `!` and atoms are 5.
    fn precedence(self) -> u8 {
        match self {
            BinOp::And => 4,
            BinOp::Or => 3,
            BinOp::Implies => 2,
            BinOp::Iff => 1,
        }
    }
}

/// A condition over abstract options (`Var(v)` is option `v % n`).
#[derive(Clone, Debug)]
pub enum Cond {
    Var(u8),
    Not(Box<Cond>),
    Bin(BinOp, Box<Cond>, Box<Cond>),
    /// Redundant parentheses, kept to exercise the parser.
    Paren(Box<Cond>),
}

#[derive(Clone, Debug)]
pub enum Pref {
    /// Feasible state `m` goes to tier group `keys[m] % tiers`; groups are
    /// listed by ascending key, empty groups dropped.
    Ranking {
        tiers: u8,
        keys: Vec<u8>,
    },
    Priorities(Vec<Cond>),
}

#[derive(Clone)]
pub struct Params {
    /// Number of options of each abstract decision maker.
    pub counts: Vec<usize>,
    pub option_styles: Vec<u8>,
    pub dm_styles: Vec<u8>,
    pub infeasible: Vec<Cond>,
    pub mutually_exclusive: Vec<Vec<u8>>,
    /// Per option: 0..=3 reversible, 4 forward, 5 backward.
    pub irreversible: Vec<u8>,
    pub prefs: Vec<Pref>,
    pub status_quo: Option<u16>,
}

impl Params {
    pub fn n_options(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn n_dms(&self) -> usize {
        self.counts.len()
    }

    /// Abstract options of abstract decision maker `j`.
    pub fn options_of(&self, j: usize) -> std::ops::Range<usize> {
        let start: usize = self.counts[..j].iter().sum();
        start..start + self.counts[j]
    }
}

/// Shown as the document it renders to, which is what a failure report needs.
impl std::fmt::Debug for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", document(self, &Layout::identity(self)))
    }
}

/// How `Params` is written out: decision maker order, option order and names.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Abstract decision makers in file order.
    pub dm_order: Vec<usize>,
    /// `option_order[p]` is the abstract option written at letter position p.
    pub option_order: Vec<usize>,
    pub renamed: bool,
}

impl Layout {
    pub fn identity(p: &Params) -> Layout {
        Layout {
            dm_order: (0..p.n_dms()).collect(),
            option_order: (0..p.n_options()).collect(),
            renamed: false,
        }
    }

    /// Decision makers sorted by `dm_keys`, each one's options by
    /// `option_keys` (ties keep the abstract order), names changed.
    pub fn permuted(p: &Params, dm_keys: &[u32], option_keys: &[u32]) -> Layout {
        let mut dm_order: Vec<usize> = (0..p.n_dms()).collect();
        dm_order.sort_by_key(|&j| dm_keys[j]);
        let mut option_order = Vec::new();
        for &j in &dm_order {
            let mut own: Vec<usize> = p.options_of(j).collect();
            own.sort_by_key(|&k| option_keys[k]);
            option_order.extend(own);
        }
        Layout {
            dm_order,
            option_order,
            renamed: true,
        }
    }

    pub fn option_name(&self, p: &Params, k: usize) -> String {
        let style = p.option_styles[k] % 5;
        let base = match style {
            0 => format!("o{k}"),
            1 => format!("Opt {k}"),
            2 => format!("{k}th step"),
            3 => format!("Take_{k}"),
            _ => format!("x-{k}"),
        };
        if self.renamed {
            if matches!(style, 0 | 2 | 4) {
                format!("{base} again")
            } else {
                format!("Re{base}")
            }
        } else {
            base
        }
    }

    pub fn dm_name(&self, p: &Params, j: usize) -> String {
        let base = match p.dm_styles[j] % 3 {
            0 => format!("DM{j}"),
            1 => format!("Decision maker {j}"),
            _ => format!("d_{j}"),
        };
        if self.renamed {
            format!("Renamed {base}")
        } else {
            base
        }
    }

    /// The Y/N string of abstract state `mask`.
    pub fn state_string(&self, mask: u64) -> String {
        self.option_order
            .iter()
            .map(|&k| if mask >> k & 1 == 1 { 'Y' } else { 'N' })
            .collect()
    }

    /// The abstract state of a Y/N string written in this layout.
    pub fn state_mask(&self, text: &str) -> u64 {
        assert_eq!(text.len(), self.option_order.len(), "state {text:?}");
        text.chars()
            .zip(&self.option_order)
            .filter(|(c, _)| *c == 'Y')
            .map(|(_, &k)| 1u64 << k)
            .sum()
    }
}

fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn quoted(name: String) -> String {
    if is_plain_identifier(&name) {
        name
    } else {
        format!("`{name}`")
    }
}

/// Renders `c` with only the parentheses precedence and associativity need
/// (plus the explicit `Paren` ones). Returns the text and its precedence.
fn render_cond(c: &Cond, p: &Params, layout: &Layout) -> (String, u8) {
    match c {
        Cond::Var(v) => {
            let k = usize::from(*v) % p.n_options();
            (quoted(layout.option_name(p, k)), 5)
        }
        Cond::Paren(a) => (format!("({})", render_cond(a, p, layout).0), 5),
        Cond::Not(a) => {
            let (text, prec) = render_cond(a, p, layout);
            if prec >= 5 {
                (format!("!{text}"), 5)
            } else {
                (format!("!({text})"), 5)
            }
        }
        Cond::Bin(op, a, b) => {
            let prec = op.precedence();
            let (left, lp) = render_cond(a, p, layout);
            let (right, rp) = render_cond(b, p, layout);
            let right_assoc = matches!(op, BinOp::Implies);
            let left = if lp < prec || (lp == prec && right_assoc) {
                format!("({left})")
            } else {
                left
            };
            let right = if rp < prec || (rp == prec && !right_assoc) {
                format!("({right})")
            } else {
                right
            };
            (format!("{left} {} {right}", op.symbol()), prec)
        }
    }
}

fn conditions(list: &[Cond], p: &Params, layout: &Layout) -> Value {
    Value::Array(
        list.iter()
            .map(|c| Value::String(render_cond(c, p, layout).0))
            .collect(),
    )
}

/// Everything but preferences and status quo.
fn structure_fields(p: &Params, layout: &Layout) -> Map<String, Value> {
    let mut doc = Map::new();
    doc.insert("format".into(), json!("standoff.graph-model/1"));
    doc.insert("name".into(), json!("random model"));
    let dms: Vec<Value> = layout
        .dm_order
        .iter()
        .map(|&j| {
            let options: Vec<String> = layout
                .option_order
                .iter()
                .filter(|&&k| p.options_of(j).contains(&k))
                .map(|&k| layout.option_name(p, k))
                .collect();
            json!({ "name": layout.dm_name(p, j), "options": options })
        })
        .collect();
    doc.insert("decision_makers".into(), Value::Array(dms));
    if !p.infeasible.is_empty() {
        doc.insert("infeasible".into(), conditions(&p.infeasible, p, layout));
    }
    let n = p.n_options();
    let groups: Vec<Value> = p
        .mutually_exclusive
        .iter()
        .filter_map(|g| {
            let mut ks: Vec<usize> = g.iter().map(|&v| usize::from(v) % n).collect();
            ks.sort_unstable();
            ks.dedup();
            (ks.len() >= 2).then(|| {
                Value::Array(
                    ks.iter()
                        .map(|&k| Value::String(layout.option_name(p, k)))
                        .collect(),
                )
            })
        })
        .collect();
    if !groups.is_empty() {
        doc.insert("mutually_exclusive".into(), Value::Array(groups));
    }
    let mut irreversible = Map::new();
    for k in 0..n {
        match p.irreversible[k] {
            4 => irreversible.insert(layout.option_name(p, k), json!("forward")),
            5 => irreversible.insert(layout.option_name(p, k), json!("backward")),
            _ => None,
        };
    }
    if !irreversible.is_empty() {
        doc.insert("irreversible".into(), Value::Object(irreversible));
    }
    doc
}

/// Feasible abstract states, ascending (empty if none), computed by the oracle.
pub fn feasible_masks(p: &Params) -> Vec<u64> {
    let identity = Layout::identity(p);
    // In the identity layout canonical numbers are the abstract masks.
    structure(&Value::Object(structure_fields(p, &identity)))
        .map(|st| st.feasible)
        .unwrap_or_default()
}

/// The graph-model document of `p` written in `layout`.
pub fn document(p: &Params, layout: &Layout) -> Value {
    let mut doc = structure_fields(p, layout);
    let feasible = feasible_masks(p);
    let mut prefs = Map::new();
    for j in 0..p.n_dms() {
        let pref = match &p.prefs[j] {
            Pref::Ranking { tiers, keys } => {
                let mut groups: Vec<(u8, Vec<String>)> = Vec::new();
                for &m in &feasible {
                    let key = keys[m as usize] % tiers;
                    let state = layout.state_string(m);
                    match groups.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, states)) => states.push(state),
                        None => groups.push((key, vec![state])),
                    }
                }
                groups.sort_by_key(|(k, _)| *k);
                let tiers: Vec<Vec<String>> = groups.into_iter().map(|(_, s)| s).collect();
                json!({ "ranking": tiers })
            }
            Pref::Priorities(list) => json!({ "priorities": conditions(list, p, layout) }),
        };
        prefs.insert(layout.dm_name(p, j), pref);
    }
    doc.insert("preferences".into(), Value::Object(prefs));
    if let (Some(pick), false) = (p.status_quo, feasible.is_empty()) {
        let m = feasible[usize::from(pick) % feasible.len()];
        doc.insert("status_quo".into(), json!(layout.state_string(m)));
    }
    Value::Object(doc)
}

/// An analysis output in abstract terms: states as abstract masks, decision
/// makers as abstract indices.
pub fn abstract_view(out: &Value, p: &Params, layout: &Layout) -> Value {
    let masks = |list: &Value| -> Value {
        let set: BTreeSet<u64> = list
            .as_array()
            .expect("a state list")
            .iter()
            .map(|s| layout.state_mask(s.as_str().expect("a state")))
            .collect();
        json!(set.into_iter().collect::<Vec<_>>())
    };
    let mut stability = Map::new();
    let mut equilibria = Map::new();
    for concept in super::CONCEPTS {
        let mut per_dm = Map::new();
        for (name, list) in out["stability"][concept].as_object().expect("per-dm map") {
            let j = (0..p.n_dms())
                .find(|&j| layout.dm_name(p, j) == *name)
                .unwrap_or_else(|| panic!("unknown decision maker {name:?}"));
            per_dm.insert(j.to_string(), masks(list));
        }
        stability.insert(concept.to_string(), Value::Object(per_dm));
        equilibria.insert(concept.to_string(), masks(&out["equilibria"][concept]));
    }
    json!({
        "model": out["model"],
        "reachability": out["reachability"],
        "states": masks(&out["states"]),
        "stability": stability,
        "equilibria": equilibria,
    })
}

fn bin_op() -> impl Strategy<Value = BinOp> {
    prop_oneof![
        Just(BinOp::And),
        Just(BinOp::Or),
        Just(BinOp::Implies),
        Just(BinOp::Iff),
    ]
}

pub fn cond() -> impl Strategy<Value = Cond> {
    let leaf = any::<u8>().prop_map(Cond::Var);
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            2 => inner.clone().prop_map(|c| Cond::Not(Box::new(c))),
            4 => (bin_op(), inner.clone(), inner.clone())
                .prop_map(|(op, a, b)| Cond::Bin(op, Box::new(a), Box::new(b))),
            1 => inner.prop_map(|c| Cond::Paren(Box::new(c))),
        ]
    })
}

fn pref() -> impl Strategy<Value = Pref> {
    prop_oneof![
        (1u8..=12, vec(any::<u8>(), 1 << MAX_OPTIONS))
            .prop_map(|(tiers, keys)| Pref::Ranking { tiers, keys }),
        vec(cond(), 1..=5).prop_map(Pref::Priorities),
    ]
}

/// Random abstract models: 1-4 decision makers, 0-3 options each, 1-7
/// options in total.
pub fn params() -> impl Strategy<Value = Params> {
    (
        vec(0usize..=3, 1..=MAX_DMS),
        vec(any::<u8>(), MAX_OPTIONS),
        vec(any::<u8>(), MAX_DMS),
        vec(cond(), 0..=2),
        prop_oneof![
            3 => Just(Vec::new()),
            1 => vec(vec(any::<u8>(), 2..=3), 1..=2),
        ],
        vec(0u8..6, MAX_OPTIONS),
        vec(pref(), MAX_DMS),
        proptest::option::of(any::<u16>()),
    )
        .prop_map(
            |(
                mut counts,
                option_styles,
                dm_styles,
                infeasible,
                mutually_exclusive,
                irreversible,
                prefs,
                status_quo,
            )| {
                let mut room = MAX_OPTIONS;
                for c in counts.iter_mut() {
                    *c = (*c).min(room);
                    room -= *c;
                }
                if counts.iter().sum::<usize>() == 0 {
                    counts[0] = 1;
                }
                Params {
                    counts,
                    option_styles,
                    dm_styles,
                    infeasible,
                    mutually_exclusive,
                    irreversible,
                    prefs,
                    status_quo,
                }
            },
        )
}
