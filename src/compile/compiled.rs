//! The result of compilation: the graph model and the meaning of its options.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::compile::options::{CompiledOption, OptionRole};
use crate::model::condition::Condition;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;

/// What a [`Rule`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// States satisfying the condition are infeasible.
    Infeasible,
    /// The option named in `condition` is irreversible (forward).
    Irreversible,
    /// One priority condition of `party`, in order.
    Priority,
}

/// One rule the compiler applied, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// What it does.
    pub kind: RuleKind,
    /// The party it belongs to (priorities, irreversible exits).
    pub party: Option<String>,
    /// The condition (for [`RuleKind::Irreversible`], the option's name).
    pub condition: String,
    /// Why: the derivation rule, or the term the priority comes from.
    pub reason: String,
}

/// A compiled scenario: the graph model, what each option stands for, the rules applied, and
/// outcome names for every state (see [`Compiled::outcome`]).
#[derive(Debug, Clone)]
pub struct Compiled {
    pub(crate) name: String,
    pub(crate) model: GraphModel,
    pub(crate) options: Vec<CompiledOption>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) outcome_rules: Vec<(String, Vec<Condition>)>,
    pub(crate) demands: Vec<String>,
    /// Demand -> its target.
    pub(crate) targets: BTreeMap<String, String>,
    /// What each party may prefer (outcome rankings, alternatives, unknown comparisons).
    pub(crate) preferences: crate::compile::preference::PreferenceSpace,
}

impl Compiled {
    pub(crate) fn new(
        name: String,
        model: GraphModel,
        options: Vec<CompiledOption>,
        rules: Vec<Rule>,
        outcome_rules: Vec<(String, Vec<Condition>)>,
        demands: Vec<String>,
    ) -> Compiled {
        let targets = options
            .iter()
            .filter_map(|o| match &o.role {
                OptionRole::Comply { demand } => Some((demand.clone(), o.party.clone())),
                _ => None,
            })
            .collect();
        Compiled {
            name,
            model,
            options,
            rules,
            outcome_rules,
            demands,
            targets,
            preferences: Default::default(),
        }
    }

    /// What each party may prefer: the completions of the parties' outcome rankings and
    /// alternatives (one completion, the model's own preference, where nothing is uncertain).
    pub fn preferences(&self) -> &crate::compile::preference::PreferenceSpace {
        &self.preferences
    }

    /// The scenario's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The graph model.
    pub fn model(&self) -> &GraphModel {
        &self.model
    }

    /// The options in option order, with their meaning.
    pub fn options(&self) -> &[CompiledOption] {
        &self.options
    }

    /// Every rule applied: derived and declared infeasibility, irreversibility, priorities.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// What changes between `from` and `to`, one sentence fragment per option that differs,
    /// in option order (`Pakistan lifts BES shutdown order`, `Pakistan withdraws BES
    /// access`).
    pub fn changes(&self, from: State, to: State) -> Vec<String> {
        self.options
            .iter()
            .enumerate()
            .filter(|&(k, _)| from.is_taken(k) != to.is_taken(k))
            .map(|(k, o)| {
                if to.is_taken(k) {
                    o.taken.clone()
                } else {
                    o.dropped.clone()
                }
            })
            .collect()
    }

    /// The mapping from the scenario to the model as `#` comment lines: options with their
    /// meaning, each rule with its reason, the status quo.
    pub fn mapping_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Graph model compiled from scenario `{}`.", self.name);
        let _ = writeln!(out, "# Options (one state letter each, in this order):");
        for (k, o) in self.options.iter().enumerate() {
            let _ = writeln!(out, "#   {:>2}. {} -- {}", k + 1, o.name, o.taken);
        }
        let mut last: Option<(RuleKind, Option<&str>)> = None;
        for r in &self.rules {
            let head = (r.kind, r.party.as_deref());
            if last != Some(head) {
                let _ = match r.kind {
                    RuleKind::Infeasible => writeln!(out, "# Infeasible:"),
                    RuleKind::Irreversible => writeln!(out, "# Irreversible (forward):"),
                    RuleKind::Priority => writeln!(
                        out,
                        "# Priorities of {}, most important first:",
                        r.party.as_deref().unwrap_or_default()
                    ),
                };
                last = Some(head);
            }
            let _ = writeln!(out, "#   {}    <- {}", r.condition, r.reason);
        }
        if let Some(sq) = self.model.status_quo() {
            let _ = writeln!(
                out,
                "# Status quo {}: {}",
                self.model.label(sq),
                self.outcome(sq)
            );
        }
        out
    }

    /// The compiled graph-model file as TOML, preceded by [`Compiled::mapping_text`]; a valid
    /// graph-model file any GMCR tool reading the format can analyse.
    pub fn model_toml(&self) -> Result<String, toml::ser::Error> {
        Ok(format!(
            "{}\n{}",
            self.mapping_text(),
            self.model.to_toml_string()?
        ))
    }
}
