//! The validated graph model: decision makers, options, feasible states, payoffs.

use crate::model::error::ModelError;
use crate::model::file::GraphModelFile;
use crate::model::state::State;

/// Which way an irreversible option may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Only N -> Y: once taken, kept.
    Forward,
    /// Only Y -> N: once dropped, gone.
    Backward,
}

impl Direction {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Forward => "forward",
            Direction::Backward => "backward",
        }
    }
}

/// A decision maker: a name and a contiguous run of options in option order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionMaker {
    pub(crate) name: String,
    pub(crate) first_option: usize,
    pub(crate) option_count: usize,
}

impl DecisionMaker {
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Positions (in option order) of its options.
    pub fn options(&self) -> std::ops::Range<usize> {
        self.first_option..self.first_option + self.option_count
    }

    /// The bit mask of its options in a [`State`].
    pub fn mask(&self) -> u64 {
        if self.option_count == 0 {
            0
        } else {
            (u64::MAX >> (64 - self.option_count)) << self.first_option
        }
    }
}

/// An option: its name, owner and reversibility.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionInfo {
    pub(crate) name: String,
    pub(crate) owner: usize,
    pub(crate) direction: Option<Direction>,
}

impl OptionInfo {
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Index of the decision maker that controls it.
    pub fn owner(&self) -> usize {
        self.owner
    }

    /// `Some` where the option is irreversible.
    pub fn direction(&self) -> Option<Direction> {
        self.direction
    }
}

/// A validated Graph Model for Conflict Resolution.
///
/// Build one with [`crate::GraphModelBuilder`] or load one from a file with
/// [`GraphModel::from_json_str`], [`GraphModel::from_toml_str`] or [`GraphModel::from_path`].
/// States are identified by [`State`] (canonical numbers); internally every feasible state also
/// has a dense index (its position in canonical order), which the analysis arrays use.
#[derive(Debug, Clone)]
pub struct GraphModel {
    pub(crate) file: GraphModelFile,
    pub(crate) dms: Vec<DecisionMaker>,
    pub(crate) options: Vec<OptionInfo>,
    pub(crate) feasible: Vec<u64>,
    pub(crate) dense: Option<Vec<u32>>,
    /// `payoffs[dm][index]`: rank of the state for the decision maker; higher is preferred,
    /// equal ranks are ties; ranks are 0..levels.
    pub(crate) payoffs: Vec<Vec<u32>>,
    pub(crate) status_quo: Option<State>,
    /// Per decision maker: the conditions of the states it does not perceive (empty when it
    /// perceives every state).
    pub(crate) misperceived: Vec<Vec<crate::model::condition::Condition>>,
}

impl PartialEq for GraphModel {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file
    }
}

impl GraphModel {
    /// The conflict's name.
    pub fn name(&self) -> &str {
        &self.file.name
    }

    /// The model as written in the file format.
    pub fn file(&self) -> &GraphModelFile {
        &self.file
    }

    /// The decision makers in file order.
    pub fn decision_makers(&self) -> &[DecisionMaker] {
        &self.dms
    }

    /// Index of the decision maker called `name`.
    pub fn decision_maker_index(&self, name: &str) -> Option<usize> {
        self.dms.iter().position(|d| d.name == name)
    }

    /// The options in option order.
    pub fn options(&self) -> &[OptionInfo] {
        &self.options
    }

    /// Position of the option called `name`.
    pub fn option_index(&self, name: &str) -> Option<usize> {
        self.options.iter().position(|o| o.name == name)
    }

    /// Number of options.
    pub fn option_count(&self) -> usize {
        self.options.len()
    }

    /// The feasible states in canonical order.
    pub fn feasible_states(&self) -> impl ExactSizeIterator<Item = State> + '_ {
        self.feasible.iter().map(|&x| State(x))
    }

    /// Number of feasible states.
    pub fn state_count(&self) -> usize {
        self.feasible.len()
    }

    /// The feasible state at dense index `index`.
    pub fn state_at(&self, index: usize) -> Option<State> {
        self.feasible.get(index).map(|&x| State(x))
    }

    /// The dense index of `state` when it is feasible.
    pub fn index_of(&self, state: State) -> Option<usize> {
        match &self.dense {
            Some(dense) => {
                let i = *dense.get(usize::try_from(state.0).ok()?)?;
                (i != u32::MAX).then_some(i as usize)
            }
            // Every state feasible: the index is the state.
            None if self.feasible.len() as u128 == 1u128 << self.options.len() => {
                usize::try_from(state.0)
                    .ok()
                    .filter(|&i| i < self.feasible.len())
            }
            None => self.feasible.binary_search(&state.0).ok(),
        }
    }

    /// True where `state` is feasible.
    pub fn is_feasible(&self, state: State) -> bool {
        self.index_of(state).is_some()
    }

    /// The `Y`/`N` label of `state`.
    pub fn label(&self, state: State) -> String {
        state.label(self.options.len())
    }

    /// Parses a `Y`/`N` label into a state (feasible or not).
    pub fn parse_state(&self, label: &str) -> Result<State, ModelError> {
        State::from_label(label, self.options.len()).map_err(|reason| ModelError::MalformedState {
            context: "a state".into(),
            state: label.to_string(),
            reason,
        })
    }

    /// True where decision maker `dm` perceives `state` (always, unless the model's
    /// `misperceived` conditions say otherwise).
    pub fn perceives(&self, dm: usize, state: State) -> bool {
        self.misperceived
            .get(dm)
            .is_none_or(|conds| !conds.iter().any(|c| c.eval(state.0)))
    }

    /// True where some decision maker misperceives some state.
    pub fn has_misperceptions(&self) -> bool {
        self.misperceived.iter().any(|c| !c.is_empty())
    }

    /// The status quo, when the model gives one.
    pub fn status_quo(&self) -> Option<State> {
        self.status_quo
    }

    /// Rank of `state` for decision maker `dm` (higher is preferred, equal ranks are ties);
    /// `None` for an unknown decision maker or an infeasible state.
    pub fn payoff(&self, dm: usize, state: State) -> Option<u32> {
        let i = self.index_of(state)?;
        self.payoffs.get(dm)?.get(i).copied()
    }

    /// True where decision maker `dm` strictly prefers `a` to `b` (both feasible).
    pub fn prefers(&self, dm: usize, a: State, b: State) -> bool {
        matches!((self.payoff(dm, a), self.payoff(dm, b)), (Some(x), Some(y)) if x > y)
    }

    /// The payoff array of `dm` over dense indices.
    pub(crate) fn payoffs_of(&self, dm: usize) -> &[u32] {
        &self.payoffs[dm]
    }

    /// True where decision maker `dm` may move from `from` to `to` in one move: both feasible,
    /// differing in a non-empty subset of `dm`'s options only, each change in an allowed
    /// direction.
    pub fn can_move(&self, dm: usize, from: State, to: State) -> bool {
        let Some(d) = self.dms.get(dm) else {
            return false;
        };
        let diff = from.0 ^ to.0;
        if diff == 0 || diff & !d.mask() != 0 || !self.is_feasible(from) || !self.is_feasible(to) {
            return false;
        }
        d.options().all(|k| {
            if diff >> k & 1 == 0 {
                return true;
            }
            match self.options[k].direction {
                None => true,
                Some(Direction::Forward) => to.is_taken(k),
                Some(Direction::Backward) => !to.is_taken(k),
            }
        })
    }

    /// Every state decision maker `dm` can move to from `from`, in canonical order.
    pub fn moves(&self, dm: usize, from: State) -> Vec<State> {
        let Some(d) = self.dms.get(dm) else {
            return Vec::new();
        };
        let mask = d.mask();
        let base = from.0 & !mask;
        let mut out = Vec::new();
        for local in 0..1u64 << d.option_count {
            let to = State(base | local << d.first_option);
            if self.can_move(dm, from, to) {
                out.push(to);
            }
        }
        out
    }

    /// The unilateral improvements of `dm` from `from`: its moves to states it strictly
    /// prefers, in canonical order.
    pub fn improvements(&self, dm: usize, from: State) -> Vec<State> {
        let Some(p) = self.payoff(dm, from) else {
            return Vec::new();
        };
        self.moves(dm, from)
            .into_iter()
            .filter(|&t| self.payoff(dm, t).is_some_and(|q| q > p))
            .collect()
    }

    /// Writes the model in the graph-model file format as pretty JSON.
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(&self.file)
    }

    /// Writes the model in the graph-model file format as TOML.
    pub fn to_toml_string(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(&self.file)
    }
}

impl GraphModel {
    /// Replaces the preference of decision maker `dm` by the state ranking `ranks` (one rank
    /// per feasible state in canonical order, higher preferred): the payoffs become the dense
    /// ranks and the file's preference becomes the equivalent `ranking` tiers, most preferred
    /// first. Out-of-range `dm` or a wrong length leaves the model unchanged.
    pub(crate) fn set_ranking(&mut self, dm: usize, ranks: &[u32]) {
        if dm >= self.dms.len() || ranks.len() != self.feasible.len() {
            return;
        }
        let dense = dense_ranks(ranks);
        let levels = dense.iter().copied().max().map_or(0, |m| m as usize + 1);
        let mut tiers: Vec<Vec<String>> = vec![Vec::new(); levels];
        for (i, &r) in dense.iter().enumerate() {
            tiers[levels - 1 - r as usize].push(self.label(State(self.feasible[i])));
        }
        self.payoffs[dm] = dense;
        let name = self.dms[dm].name.clone();
        let pref = crate::model::file::PreferenceFile {
            ranking: Some(tiers),
            priorities: None,
        };
        match self.file.preferences.0.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = pref,
            None => self.file.preferences.0.push((name, pref)),
        }
    }
}

/// Dense ranks (0 = lowest) of `values`, equal values sharing a rank.
pub(crate) fn dense_ranks<T: Ord + Copy>(values: &[T]) -> Vec<u32> {
    let mut distinct = values.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    values
        .iter()
        .map(|v| distinct.partition_point(|d| d < v) as u32)
        .collect()
}
