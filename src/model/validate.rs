//! Validation: a [`GraphModelFile`] becomes a [`GraphModel`], or every problem is reported.

use std::collections::{BTreeMap, BTreeSet};

use crate::limits::{LimitError, Limits};
use crate::model::condition::{Condition, ConditionProblem};
use crate::model::error::{ModelError, ModelErrors};
use crate::model::feasible::feasible_states;
use crate::model::file::{GraphModelFile, PreferenceFile, GRAPH_MODEL_FORMAT};
use crate::model::graph_model::{DecisionMaker, Direction, GraphModel, OptionInfo};
use crate::model::locate::Placed;
use crate::model::preference_ranks::{priority_ranks, ranking_ranks};
use crate::model::span::{FieldPath, Seg};
use crate::model::state::State;

/// Longest decision-maker, option or model name accepted, in bytes.
pub const MAX_NAME_LEN: usize = 1024;

/// Problems found so far, each with the path of the value it is about.
type Problems = Vec<Placed<ModelError>>;

fn check_name(kind: &'static str, name: &str, at: FieldPath, errors: &mut Problems) {
    if name.is_empty() {
        errors.push(Placed::at(ModelError::EmptyName(kind), at));
    } else if name.len() > MAX_NAME_LEN {
        let error = ModelError::NameTooLong {
            kind,
            start: name.chars().take(32).collect(),
            len: name.len(),
            limit: MAX_NAME_LEN,
        };
        errors.push(Placed::at(error, at));
    }
}

/// `decision_makers[d]` and the steps after it.
fn dm_path(d: usize, rest: &[Seg]) -> FieldPath {
    let mut path = vec![Seg::Field("decision_makers"), Seg::Index(d)];
    path.extend_from_slice(rest);
    path
}

/// `field` (a top-level field) and the steps after it.
fn top(field: &'static str, rest: &[Seg]) -> FieldPath {
    let mut path = vec![Seg::Field(field)];
    path.extend_from_slice(rest);
    path
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
        Self::from_file_placed(file, limits)
            .map_err(|errors| ModelErrors(errors.into_iter().map(|p| p.error).collect()))
    }

    /// [`GraphModel::from_file_with_limits`], each problem with the path of the value of the
    /// file it is about (where there is one), to find it in the file's text.
    pub(crate) fn from_file_placed(
        file: GraphModelFile,
        limits: &Limits,
    ) -> Result<GraphModel, Problems> {
        let mut errors = Vec::new();
        if file.format != GRAPH_MODEL_FORMAT {
            let error = ModelError::UnknownFormat(file.format.clone());
            errors.push(Placed::at(error, top("format", &[])));
        }
        if file.name.len() > MAX_NAME_LEN {
            check_name("model", &file.name, top("name", &[]), &mut errors);
        }
        if file.decision_makers.is_empty() {
            let error = ModelError::NoDecisionMakers;
            errors.push(Placed::at(error, top("decision_makers", &[])));
        }
        // Decision makers and options.
        let mut dms = Vec::new();
        let mut options: Vec<OptionInfo> = Vec::new();
        let mut option_of: BTreeMap<&str, usize> = BTreeMap::new();
        let mut dm_names: BTreeSet<&str> = BTreeSet::new();
        for (d, dm) in file.decision_makers.iter().enumerate() {
            let name_at = dm_path(d, &[Seg::Field("name")]);
            check_name("decision maker", &dm.name, name_at.clone(), &mut errors);
            if !dm_names.insert(&dm.name) {
                let error = ModelError::DuplicateDecisionMaker(dm.name.clone());
                errors.push(Placed::at(error, name_at));
            }
            let first = options.len();
            for (i, name) in dm.options.iter().enumerate() {
                let at = dm_path(d, &[Seg::Field("options"), Seg::Index(i)]);
                check_name("option", name, at.clone(), &mut errors);
                if let Some(&k) = option_of.get(name.as_str()) {
                    let owner = &file.decision_makers[options[k].owner].name;
                    let error = if options[k].owner == d {
                        ModelError::DuplicateOption {
                            option: name.clone(),
                            decision_maker: dm.name.clone(),
                        }
                    } else {
                        ModelError::OptionOwnedTwice {
                            option: name.clone(),
                            first: owner.clone(),
                            second: dm.name.clone(),
                        }
                    };
                    errors.push(Placed::at(error, at));
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
            let error = LimitError::Options {
                count: n,
                limit: limits.max_options.min(63),
            };
            errors.push(Placed::nowhere(error.into()));
            return Err(errors);
        }
        let lookup = |name: &str| option_of.get(name).copied();
        let parse = |text: &str, context: &str, at: FieldPath, errors: &mut Problems| {
            Condition::parse(text, &lookup)
                .map_err(|problem: ConditionProblem| {
                    let error = ModelError::Condition {
                        context: context.to_string(),
                        condition: text.to_string(),
                        problem,
                    };
                    errors.push(Placed::at(error, at))
                })
                .ok()
        };
        // Feasibility rules.
        let mut rules = Vec::new();
        for (i, text) in file.infeasible.iter().enumerate() {
            let at = top("infeasible", &[Seg::Index(i)]);
            if let Some(c) = parse(text, "infeasible", at, &mut errors) {
                rules.push(c);
            }
        }
        let mut groups = Vec::new();
        for (g, group) in file.mutually_exclusive.iter().enumerate() {
            let mut mask = 0u64;
            for (i, name) in group.iter().enumerate() {
                match lookup(name) {
                    Some(k) => mask |= 1 << k,
                    None => {
                        let error = ModelError::UnknownOption {
                            context: "mutually_exclusive".into(),
                            option: name.clone(),
                        };
                        let at = top("mutually_exclusive", &[Seg::Index(g), Seg::Index(i)]);
                        errors.push(Placed::at(error, at));
                    }
                }
            }
            groups.push(mask);
        }
        let mut seen_irreversible = BTreeSet::new();
        for (e, (name, dir)) in file.irreversible.0.iter().enumerate() {
            let key = top("irreversible", &[Seg::Key(e)]);
            let direction = match dir.as_str() {
                "forward" => Some(Direction::Forward),
                "backward" => Some(Direction::Backward),
                _ => {
                    let error = ModelError::UnknownDirection {
                        option: name.clone(),
                        direction: dir.clone(),
                    };
                    errors.push(Placed::at(error, top("irreversible", &[Seg::Entry(e)])));
                    None
                }
            };
            if !seen_irreversible.insert(name.as_str()) {
                let error = ModelError::DuplicateIrreversible(name.clone());
                errors.push(Placed::at(error, key));
                continue;
            }
            match lookup(name) {
                Some(k) => options[k].direction = direction,
                None => {
                    let error = ModelError::UnknownOption {
                        context: "irreversible".into(),
                        option: name.clone(),
                    };
                    errors.push(Placed::at(error, key));
                }
            }
        }
        // Each name's first decision maker, looked up in constant time.
        let mut dm_index: BTreeMap<&str, usize> = BTreeMap::new();
        for (d, dm) in dms.iter().enumerate() {
            dm_index.entry(dm.name.as_str()).or_insert(d);
        }
        // Preferences: parse conditions now so that all problems are reported together. Each
        // decision maker's preferences, with the position of their entry.
        let mut pref_of: Vec<Option<(usize, &PreferenceFile)>> = vec![None; dms.len()];
        for (e, (name, pref)) in file.preferences.0.iter().enumerate() {
            let key = top("preferences", &[Seg::Key(e)]);
            match dm_index.get(name.as_str()).copied() {
                None => {
                    let error = ModelError::PreferencesForUnknown(name.clone());
                    errors.push(Placed::at(error, key));
                }
                Some(d) if pref_of[d].is_some() => {
                    let error = ModelError::DuplicatePreferences(name.clone());
                    errors.push(Placed::at(error, key));
                }
                Some(d) => pref_of[d] = Some((e, pref)),
            }
        }
        let mut priorities: Vec<Option<Vec<Condition>>> = vec![None; dms.len()];
        for (d, pref) in pref_of.iter().enumerate() {
            let name = &dms[d].name;
            let Some((e, pref)) = pref else {
                let error = ModelError::MissingPreferences(name.clone());
                errors.push(Placed::at(error, dm_path(d, &[Seg::Field("name")])));
                continue;
            };
            let entry = |rest: &[Seg]| {
                let mut path = top("preferences", &[Seg::Entry(*e)]);
                path.extend_from_slice(rest);
                path
            };
            match (&pref.ranking, &pref.priorities) {
                (Some(_), None) => {}
                (None, Some(list)) => {
                    if list.len() > 63 {
                        let error = ModelError::TooManyPriorities {
                            decision_maker: name.clone(),
                            count: list.len(),
                        };
                        errors.push(Placed::at(error, entry(&[Seg::Field("priorities")])));
                        continue;
                    }
                    let context = format!("priorities of `{name}`");
                    let conds: Vec<Option<Condition>> = list
                        .iter()
                        .enumerate()
                        .map(|(j, t)| {
                            let at = entry(&[Seg::Field("priorities"), Seg::Index(j)]);
                            parse(t, &context, at, &mut errors)
                        })
                        .collect();
                    priorities[d] = conds.into_iter().collect();
                }
                _ => {
                    let error = ModelError::PreferenceKind(name.clone());
                    errors.push(Placed::at(error, top("preferences", &[Seg::Key(*e)])));
                }
            }
        }
        let mut misperceived: Vec<Vec<Condition>> = vec![Vec::new(); dms.len()];
        // Each decision maker's misperceptions entry.
        let mut misperceived_entry: Vec<Option<usize>> = vec![None; dms.len()];
        for (e, (name, conds)) in file.misperceived.0.iter().enumerate() {
            let key = top("misperceived", &[Seg::Key(e)]);
            let Some(d) = dm_index.get(name.as_str()).copied() else {
                let error = ModelError::MisperceptionForUnknown(name.clone());
                errors.push(Placed::at(error, key));
                continue;
            };
            if misperceived_entry[d].is_some() {
                let error = ModelError::DuplicateMisperception(name.clone());
                errors.push(Placed::at(error, key));
                continue;
            }
            misperceived_entry[d] = Some(e);
            let context = format!("misperceived of `{name}`");
            for (j, text) in conds.iter().enumerate() {
                let at = top("misperceived", &[Seg::Entry(e), Seg::Index(j)]);
                if let Some(c) = parse(text, &context, at, &mut errors) {
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
                    errors.push(Placed::at(e, top("status_quo", &[])));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        // Feasible states.
        let feasible =
            feasible_states(n, &rules, &groups, limits).map_err(|e| vec![Placed::nowhere(e)])?;
        // With every state feasible the index is the state itself: no table.
        let all_feasible = feasible.len() as u128 == 1u128 << n;
        let dense = (n <= DENSE_INDEX_MAX_OPTIONS && !all_feasible).then(|| {
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
                let error = ModelError::PerceivesNothing(model.dms[d].name.clone());
                errors.push(Placed::at(error, dm_path(d, &[Seg::Field("name")])));
            }
        }
        if let Some(s) = status_quo {
            if !model.is_feasible(s) {
                let error = ModelError::InfeasibleState {
                    context: "status_quo".into(),
                    state: model.label(s),
                };
                errors.push(Placed::at(error, top("status_quo", &[])));
            }
        }
        // Payoffs.
        for (d, pref) in pref_of.iter().enumerate() {
            let name = model.dms[d].name.clone();
            let ranking = pref.and_then(|(e, p)| Some((e, p.ranking.as_ref()?)));
            let payoff = match (&priorities[d], ranking) {
                (Some(conds), _) => Some(priority_ranks(&model, conds)),
                (None, Some((e, tiers))) => {
                    let at = top("preferences", &[Seg::Entry(e), Seg::Field("ranking")]);
                    ranking_ranks(&model, &name, tiers, &at, &mut errors)
                }
                (None, None) => None,
            };
            model.payoffs.push(payoff.unwrap_or_default());
        }
        if !errors.is_empty() {
            return Err(errors);
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
