//! Building a graph model from Rust.

use crate::limits::Limits;
use crate::model::error::{ModelError, ModelErrors};
use crate::model::file::{DecisionMakerFile, GraphModelFile, PreferenceFile, GRAPH_MODEL_FORMAT};
use crate::model::graph_model::{Direction, GraphModel};
use crate::model::locate::Placed;

/// Builds a [`GraphModel`] step by step; [`GraphModelBuilder::build`] validates it exactly as a
/// file is validated and reports every problem.
///
/// ```
/// use standoff::{GraphModel, Direction};
/// let model = GraphModel::builder("Backdoor standoff")
///     .decision_maker("Authority", ["Enforce ban", "Withdraw"])
///     .decision_maker("Company", ["Grant access", "Exit"])
///     .infeasible("`Enforce ban` & Withdraw")
///     .infeasible("`Grant access` & Exit")
///     .irreversible("Exit", Direction::Forward)
///     .priorities("Authority", ["!Exit", "`Grant access`", "!Withdraw"])
///     .priorities("Company", ["!`Grant access`", "!Exit | Withdraw", "!`Enforce ban`"])
///     .status_quo("NNNN")
///     .build()?;
/// assert_eq!(model.state_count(), 9);
/// # Ok::<(), standoff::ModelErrors>(())
/// ```
#[derive(Debug, Clone)]
pub struct GraphModelBuilder {
    file: GraphModelFile,
    limits: Limits,
}

impl GraphModel {
    /// Starts building a model called `name`.
    pub fn builder(name: impl Into<String>) -> GraphModelBuilder {
        GraphModelBuilder {
            file: GraphModelFile {
                format: GRAPH_MODEL_FORMAT.to_string(),
                name: name.into(),
                status_quo: None,
                infeasible: Vec::new(),
                mutually_exclusive: Vec::new(),
                decision_makers: Vec::new(),
                irreversible: Default::default(),
                preferences: Default::default(),
                misperceived: Default::default(),
            },
            limits: Limits::default(),
        }
    }
}

impl GraphModelBuilder {
    /// Adds a decision maker with its options (appended to option order).
    pub fn decision_maker<I, S>(mut self, name: impl Into<String>, options: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.file.decision_makers.push(DecisionMakerFile {
            name: name.into(),
            options: options.into_iter().map(Into::into).collect(),
        });
        self
    }

    /// Makes every state satisfying `condition` infeasible.
    pub fn infeasible(mut self, condition: impl Into<String>) -> Self {
        self.file.infeasible.push(condition.into());
        self
    }

    /// Makes every state with two or more of `options` taken infeasible.
    pub fn mutually_exclusive<I, S>(mut self, options: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.file
            .mutually_exclusive
            .push(options.into_iter().map(Into::into).collect());
        self
    }

    /// Makes `option` irreversible in `direction`.
    pub fn irreversible(mut self, option: impl Into<String>, direction: Direction) -> Self {
        self.file
            .irreversible
            .0
            .push((option.into(), direction.as_str().to_string()));
        self
    }

    /// Gives `decision_maker` option-prioritization preferences (most important first).
    pub fn priorities<I, S>(mut self, decision_maker: impl Into<String>, conditions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.file.preferences.0.push((
            decision_maker.into(),
            PreferenceFile {
                ranking: None,
                priorities: Some(conditions.into_iter().map(Into::into).collect()),
            },
        ));
        self
    }

    /// Gives `decision_maker` a ranking: tiers of state labels, most preferred first.
    pub fn ranking<T, I, S>(mut self, decision_maker: impl Into<String>, tiers: T) -> Self
    where
        T: IntoIterator<Item = I>,
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.file.preferences.0.push((
            decision_maker.into(),
            PreferenceFile {
                ranking: Some(
                    tiers
                        .into_iter()
                        .map(|t| t.into_iter().map(Into::into).collect())
                        .collect(),
                ),
                priorities: None,
            },
        ));
        self
    }

    /// Declares that `decision_maker` does not perceive the states satisfying `condition`
    /// (first-level hypergame; see [`crate::post::misperception`]).
    pub fn misperceives(
        mut self,
        decision_maker: impl Into<String>,
        condition: impl Into<String>,
    ) -> Self {
        let name = decision_maker.into();
        match self
            .file
            .misperceived
            .0
            .iter_mut()
            .find(|(n, _)| *n == name)
        {
            Some((_, list)) => list.push(condition.into()),
            None => self
                .file
                .misperceived
                .0
                .push((name, vec![condition.into()])),
        }
        self
    }

    /// Sets the status quo (a state label).
    pub fn status_quo(mut self, label: impl Into<String>) -> Self {
        self.file.status_quo = Some(label.into());
        self
    }

    /// Sets the budgets used by [`GraphModelBuilder::build`].
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The file the builder has assembled so far.
    pub fn file(&self) -> &GraphModelFile {
        &self.file
    }

    /// Validates and builds the model.
    pub fn build(self) -> Result<GraphModel, ModelErrors> {
        GraphModel::from_file_with_limits(self.file, &self.limits)
    }

    /// [`GraphModelBuilder::build`], each problem with the path of the value of the model
    /// file it is about (where there is one).
    pub(crate) fn build_placed(self) -> Result<GraphModel, Vec<Placed<ModelError>>> {
        GraphModel::from_file_placed(self.file, &self.limits)
    }
}
