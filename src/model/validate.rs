//! Validation: a [`GraphModelFile`] becomes a [`GraphModel`], or every problem is reported.

use std::collections::{BTreeMap, BTreeSet};

use crate::limits::{LimitError, Limits};
use crate::model::condition::{Condition, ConditionProblem};
use crate::model::error::{ModelError, ModelErrors};
use crate::model::feasible::{feasible_states, lane_vars};
use crate::model::file::{GraphModelFile, PreferenceFile, GRAPH_MODEL_FORMAT};
use crate::model::graph_model::{DecisionMaker, Direction, GraphModel, OptionInfo};
use crate::model::state::State;

/// Longest decision-maker, option or model name accepted, in bytes.
pub const MAX_NAME_LEN: usize = 1024;

fn check_name(kind: &'static str, name: &str, errors: &mut Vec<ModelError>) {
    if name.is_empty() {
        errors.push(ModelError::EmptyName(kind));
    } else if name.len() > MAX_NAME_LEN {
        errors.push(ModelError::NameTooLong {
            kind,
            start: name.chars().take(32).collect(),
            len: name.len(),
            limit: MAX_NAME_LEN,
        });
    }
}

/// Largest option count for which a dense state -> index table is kept.
const DENSE_INDEX_MAX_OPTIONS: usize = 26;

impl GraphModel {
    /// Validates a graph-model file with the default [`Limits`].
    pub fn from_file(file: GraphModelFile) -> Result<GraphModel, ModelErrors> {
        Self::from_file_with_limits(file, &Limits::default())
    }

    /// Validates a graph-model file, collecting every problem found.
    pub fn from_file_with_limits(
        file: GraphModelFile,
        limits: &Limits,
    ) -> Result<GraphModel, ModelErrors> {
        let mut errors = Vec::new();
        if file.format != GRAPH_MODEL_FORMAT {
            errors.push(ModelError::UnknownFormat(file.format.clone()));
        }
        if file.name.len() > MAX_NAME_LEN {
            check_name("model", &file.name, &mut errors);
        }
        if file.decision_makers.is_empty() {
            errors.push(ModelError::NoDecisionMakers);
        }
        // Decision makers and options.
        let mut dms = Vec::new();
        let mut options: Vec<OptionInfo> = Vec::new();
        let mut option_of: BTreeMap<&str, usize> = BTreeMap::new();
        let mut dm_names: BTreeSet<&str> = BTreeSet::new();
        for (d, dm) in file.decision_makers.iter().enumerate() {
            check_name("decision maker", &dm.name, &mut errors);
            if !dm_names.insert(&dm.name) {
                errors.push(ModelError::DuplicateDecisionMaker(dm.name.clone()));
            }
            let first = options.len();
            for name in &dm.options {
                check_name("option", name, &mut errors);
                if let Some(&k) = option_of.get(name.as_str()) {
                    let owner = &file.decision_makers[options[k].owner].name;
                    if options[k].owner == d {
                        errors.push(ModelError::DuplicateOption {
                            option: name.clone(),
                            decision_maker: dm.name.clone(),
                        });
                    } else {
                        errors.push(ModelError::OptionOwnedTwice {
                            option: name.clone(),
                            first: owner.clone(),
                            second: dm.name.clone(),
                        });
                    }
                    continue;
                }
                option_of.insert(name, options.len());
                options.push(OptionInfo {
                    name: name.clone(),
                    owner: d,
                    direction: None,
                });
            }
            dms.push(DecisionMaker {
                name: dm.name.clone(),
                first_option: first,
                option_count: options.len() - first,
            });
        }
        let n = options.len();
        if n > limits.max_options || n > 63 {
            errors.push(
                LimitError::Options {
                    count: n,
                    limit: limits.max_options.min(63),
                }
                .into(),
            );
            return Err(ModelErrors(errors));
        }
        let lookup = |name: &str| option_of.get(name).copied();
        let parse = |text: &str, context: &str, errors: &mut Vec<ModelError>| {
            Condition::parse(text, &lookup)
                .map_err(|problem: ConditionProblem| {
                    errors.push(ModelError::Condition {
                        context: context.to_string(),
                        condition: text.to_string(),
                        problem,
                    })
                })
                .ok()
        };
        // Feasibility rules.
        let mut rules = Vec::new();
        for text in &file.infeasible {
            if let Some(c) = parse(text, "infeasible", &mut errors) {
                rules.push(c);
            }
        }
        let mut groups = Vec::new();
        for group in &file.mutually_exclusive {
            let mut mask = 0u64;
            for name in group {
                match lookup(name) {
                    Some(k) => mask |= 1 << k,
                    None => errors.push(ModelError::UnknownOption {
                        context: "mutually_exclusive".into(),
                        option: name.clone(),
                    }),
                }
            }
            groups.push(mask);
        }
        let mut seen_irreversible = BTreeSet::new();
        for (name, dir) in &file.irreversible.0 {
            let direction = match dir.as_str() {
                "forward" => Some(Direction::Forward),
                "backward" => Some(Direction::Backward),
                _ => {
                    errors.push(ModelError::UnknownDirection {
                        option: name.clone(),
                        direction: dir.clone(),
                    });
                    None
                }
            };
            if !seen_irreversible.insert(name.as_str()) {
                errors.push(ModelError::DuplicateIrreversible(name.clone()));
                continue;
            }
            match lookup(name) {
                Some(k) => options[k].direction = direction,
                None => errors.push(ModelError::UnknownOption {
                    context: "irreversible".into(),
                    option: name.clone(),
                }),
            }
        }
        // Each name's first decision maker, looked up in constant time.
        let mut dm_index: BTreeMap<&str, usize> = BTreeMap::new();
        for (d, dm) in dms.iter().enumerate() {
            dm_index.entry(dm.name.as_str()).or_insert(d);
        }
        // Preferences: parse conditions now so that all problems are reported together.
        let mut pref_of: Vec<Option<&PreferenceFile>> = vec![None; dms.len()];
        for (name, pref) in &file.preferences.0 {
            match dm_index.get(name.as_str()).copied() {
                None => errors.push(ModelError::PreferencesForUnknown(name.clone())),
                Some(d) if pref_of[d].is_some() => {
                    errors.push(ModelError::DuplicatePreferences(name.clone()))
                }
                Some(d) => pref_of[d] = Some(pref),
            }
        }
        let mut priorities: Vec<Option<Vec<Condition>>> = vec![None; dms.len()];
        for (d, pref) in pref_of.iter().enumerate() {
            let name = &dms[d].name;
            let Some(pref) = pref else {
                errors.push(ModelError::MissingPreferences(name.clone()));
                continue;
            };
            match (&pref.ranking, &pref.priorities) {
                (Some(_), None) => {}
                (None, Some(list)) => {
                    if list.len() > 63 {
                        errors.push(ModelError::TooManyPriorities {
                            decision_maker: name.clone(),
                            count: list.len(),
                        });
                        continue;
                    }
                    let context = format!("priorities of `{name}`");
                    let conds: Vec<Option<Condition>> = list
                        .iter()
                        .map(|t| parse(t, &context, &mut errors))
                        .collect();
                    priorities[d] = conds.into_iter().collect();
                }
                _ => errors.push(ModelError::PreferenceKind(name.clone())),
            }
        }
        let mut misperceived: Vec<Vec<Condition>> = vec![Vec::new(); dms.len()];
        let mut seen_misperceived = BTreeSet::new();
        for (name, conds) in &file.misperceived.0 {
            let Some(d) = dm_index.get(name.as_str()).copied() else {
                errors.push(ModelError::MisperceptionForUnknown(name.clone()));
                continue;
            };
            if !seen_misperceived.insert(name.as_str()) {
                errors.push(ModelError::DuplicateMisperception(name.clone()));
                continue;
            }
            let context = format!("misperceived of `{name}`");
            for text in conds {
                if let Some(c) = parse(text, &context, &mut errors) {
                    misperceived[d].push(c);
                }
            }
        }
        let parse_state = |label: &str, context: &str| {
            State::from_label(label, n).map_err(|reason| ModelError::MalformedState {
                context: context.to_string(),
                state: label.to_string(),
                reason,
            })
        };
        let status_quo = match &file.status_quo {
            None => None,
            Some(label) => match parse_state(label, "status_quo") {
                Ok(s) => Some(s),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(ModelErrors(errors));
        }
        // Feasible states.
        let feasible = feasible_states(n, &rules, &groups, limits)?;
        let dense = (n <= DENSE_INDEX_MAX_OPTIONS).then(|| {
            let mut dense = vec![u32::MAX; 1usize << n];
            for (i, &x) in feasible.iter().enumerate() {
                dense[x as usize] = i as u32;
            }
            dense
        });
        let mut model = GraphModel {
            file: GraphModelFile::default_shell(),
            dms,
            options,
            feasible,
            dense,
            payoffs: Vec::new(),
            status_quo,
            misperceived,
        };
        for d in 0..model.dms.len() {
            if !model.misperceived[d].is_empty()
                && !model.feasible.iter().any(|&x| model.perceives(d, State(x)))
            {
                errors.push(ModelError::PerceivesNothing(model.dms[d].name.clone()));
            }
        }
        if let Some(s) = status_quo {
            if !model.is_feasible(s) {
                errors.push(ModelError::InfeasibleState {
                    context: "status_quo".into(),
                    state: model.label(s),
                });
            }
        }
        // Payoffs.
        for (d, pref) in pref_of.iter().enumerate() {
            let name = model.dms[d].name.clone();
            let payoff = match (&priorities[d], pref.and_then(|p| p.ranking.as_ref())) {
                (Some(conds), _) => Some(priority_ranks(&model, conds)),
                (None, Some(tiers)) => ranking_ranks(&model, &name, tiers, &mut errors),
                (None, None) => None,
            };
            model.payoffs.push(payoff.unwrap_or_default());
        }
        if !errors.is_empty() {
            return Err(ModelErrors(errors));
        }
        model.file = file;
        Ok(model)
    }
}

impl GraphModelFile {
    fn default_shell() -> Self {
        GraphModelFile {
            format: String::new(),
            name: String::new(),
            status_quo: None,
            infeasible: Vec::new(),
            mutually_exclusive: Vec::new(),
            decision_makers: Vec::new(),
            irreversible: Default::default(),
            preferences: Default::default(),
            misperceived: Default::default(),
        }
    }
}

/// Dense ranks from scores: equal scores share a rank, higher score, higher rank.
fn ranks_from_scores(scores: &[u64]) -> Vec<u32> {
    let top = scores.iter().copied().max().unwrap_or(0);
    if top < (scores.len() as u64).saturating_mul(4).max(1 << 16) {
        // Small scores: mark the ones present, then count.
        let mut rank = vec![0u32; top as usize + 1];
        for &s in scores {
            rank[s as usize] = 1;
        }
        let mut next = 0;
        for r in rank.iter_mut() {
            let present = *r;
            *r = next;
            next += present;
        }
        return scores.iter().map(|&s| rank[s as usize]).collect();
    }
    crate::model::graph_model::dense_ranks(scores)
}

fn priority_ranks(model: &GraphModel, conds: &[Condition]) -> Vec<u32> {
    let k = conds.len();
    let mut scores = vec![0u64; model.feasible.len()];
    let n = model.options.len();
    let mut start = 0;
    while start < model.feasible.len() {
        let block = model.feasible[start] >> 6;
        let end = start + model.feasible[start..].partition_point(|&x| x >> 6 == block);
        let vars = lane_vars(block, n);
        for (j, c) in conds.iter().enumerate() {
            let lanes = c.eval_lanes(&vars);
            let weight = 1u64 << (k - 1 - j);
            for (x, score) in model.feasible[start..end]
                .iter()
                .zip(&mut scores[start..end])
            {
                if lanes >> (x & 63) & 1 == 1 {
                    *score += weight;
                }
            }
        }
        start = end;
    }
    ranks_from_scores(&scores)
}

fn ranking_ranks(
    model: &GraphModel,
    name: &str,
    tiers: &[Vec<String>],
    errors: &mut Vec<ModelError>,
) -> Option<Vec<u32>> {
    let before = errors.len();
    let mut rank = vec![u32::MAX; model.feasible.len()];
    let levels = tiers.len() as u32;
    let context = format!("ranking of `{name}`");
    for (t, tier) in tiers.iter().enumerate() {
        if tier.is_empty() {
            errors.push(ModelError::EmptyTier {
                decision_maker: name.to_string(),
            });
        }
        for label in tier {
            let state = match State::from_label(label, model.options.len()) {
                Ok(s) => s,
                Err(reason) => {
                    errors.push(ModelError::MalformedState {
                        context: context.clone(),
                        state: label.clone(),
                        reason,
                    });
                    continue;
                }
            };
            match model.index_of(state) {
                None => errors.push(ModelError::InfeasibleState {
                    context: context.clone(),
                    state: label.clone(),
                }),
                Some(i) if rank[i] != u32::MAX => errors.push(ModelError::RankingRepeatsState {
                    decision_maker: name.to_string(),
                    state: label.clone(),
                }),
                Some(i) => rank[i] = levels - 1 - t as u32,
            }
        }
    }
    if let Some(i) = rank.iter().position(|&r| r == u32::MAX) {
        errors.push(ModelError::RankingMissesState {
            decision_maker: name.to_string(),
            state: model.label(State(model.feasible[i])),
        });
    }
    (errors.len() == before).then_some(rank)
}
