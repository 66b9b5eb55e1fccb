//! Errors of building and loading graph models.

use std::fmt;

use crate::limits::LimitError;
use crate::model::condition::ConditionProblem;
pub use crate::model::locate::MAX_LISTED_PROBLEMS;
use crate::model::locate::{locate_all, Locator, Lookup, Placed};
use crate::model::span::Format;

/// One problem found while validating a graph model. Validation collects every problem it
/// can find; see [`ModelErrors`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// `format` is not `standoff.graph-model/1`.
    #[error("unknown format `{0}`, expected `standoff.graph-model/1`")]
    UnknownFormat(String),
    /// The model has no decision makers.
    #[error("the model has no decision makers")]
    NoDecisionMakers,
    /// A name is empty.
    #[error("empty {0} name")]
    EmptyName(&'static str),
    /// A name longer than [`crate::model::validate::MAX_NAME_LEN`] bytes.
    #[error("{kind} name starting `{start}` is {len} bytes long, more than the limit of {limit}")]
    NameTooLong {
        /// What is named (`decision maker`, `option`, `model`).
        kind: &'static str,
        /// The name's first characters.
        start: String,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Two decision makers share a name.
    #[error("duplicate decision maker `{0}`")]
    DuplicateDecisionMaker(String),
    /// One decision maker lists the same option twice.
    #[error("duplicate option `{option}` of `{decision_maker}`")]
    DuplicateOption {
        /// The option.
        option: String,
        /// Its decision maker.
        decision_maker: String,
    },
    /// Two decision makers list the same option.
    #[error("option `{option}` is owned twice, by `{first}` and by `{second}`")]
    OptionOwnedTwice {
        /// The option.
        option: String,
        /// Its first owner.
        first: String,
        /// The second owner.
        second: String,
    },
    /// A condition does not parse or names an unknown option.
    #[error("condition `{condition}` in {context} {problem}")]
    Condition {
        /// Where the condition is used (`infeasible`, `priorities of X`, ...).
        context: String,
        /// The condition text.
        condition: String,
        /// What is wrong.
        problem: ConditionProblem,
    },
    /// A list (`mutually_exclusive`, `irreversible`) names an unknown option.
    #[error("{context} names unknown option `{option}`")]
    UnknownOption {
        /// The list.
        context: String,
        /// The unknown name.
        option: String,
    },
    /// An irreversibility direction other than `forward` and `backward`.
    #[error("unknown irreversibility direction `{direction}` for option `{option}` (expected `forward` or `backward`)")]
    UnknownDirection {
        /// The option.
        option: String,
        /// The direction given.
        direction: String,
    },
    /// An option is listed twice in `irreversible`.
    #[error("option `{0}` is listed twice in irreversible")]
    DuplicateIrreversible(String),
    /// A state string of the wrong length or with letters other than `Y` and `N`.
    #[error("malformed state `{state}` in {context}: {reason}")]
    MalformedState {
        /// Where the state appears.
        context: String,
        /// The text.
        state: String,
        /// What is wrong.
        reason: String,
    },
    /// A state that is not feasible where a feasible one is required.
    #[error("{context} names infeasible state `{state}`")]
    InfeasibleState {
        /// Where the state appears.
        context: String,
        /// The state.
        state: String,
    },
    /// A ranking misses a feasible state.
    #[error("ranking of `{decision_maker}` misses feasible state `{state}`")]
    RankingMissesState {
        /// The decision maker.
        decision_maker: String,
        /// The first missing state (canonical order).
        state: String,
    },
    /// A ranking lists a state twice.
    #[error("ranking of `{decision_maker}` repeats state `{state}`")]
    RankingRepeatsState {
        /// The decision maker.
        decision_maker: String,
        /// The repeated state.
        state: String,
    },
    /// A ranking has an empty tier.
    #[error("ranking of `{decision_maker}` has an empty tier")]
    EmptyTier {
        /// The decision maker.
        decision_maker: String,
    },
    /// No preferences for a decision maker.
    #[error("no preferences for decision maker `{0}`")]
    MissingPreferences(String),
    /// Preferences given for a name that is not a decision maker.
    #[error("preferences given for unknown decision maker `{0}`")]
    PreferencesForUnknown(String),
    /// Preferences given twice for one decision maker.
    #[error("preferences given twice for decision maker `{0}`")]
    DuplicatePreferences(String),
    /// Both or neither of `ranking` and `priorities`.
    #[error("preferences of `{0}` must give exactly one of `ranking` and `priorities`")]
    PreferenceKind(String),
    /// More priorities than the engine can weigh exactly.
    #[error("priorities of `{decision_maker}` list {count} conditions, more than the limit of 63")]
    TooManyPriorities {
        /// The decision maker.
        decision_maker: String,
        /// Conditions given.
        count: usize,
    },
    /// `misperceived` names a decision maker the model does not have.
    #[error("misperceived names unknown decision maker `{0}`")]
    MisperceptionForUnknown(String),
    /// `misperceived` lists a decision maker twice.
    #[error("misperceived lists decision maker `{0}` twice")]
    DuplicateMisperception(String),
    /// A decision maker's misperceptions hide every feasible state from it.
    #[error("decision maker `{0}` perceives no feasible state")]
    PerceivesNothing(String),
    /// No state is feasible.
    #[error("no state is feasible: the infeasibility rules exclude every state")]
    EmptyFeasibleSet,
    /// A budget of [`crate::Limits`] was exceeded.
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// Stands last in a load error's list of problems when there were more than
    /// [`MAX_LISTED_PROBLEMS`]: how many more were found and not listed.
    #[error("and {0} more problems, not listed")]
    MoreProblems(usize),
}

impl ModelError {
    /// The user-written text this problem is about. (Loading a file places a problem by the
    /// span of the value it is about, recorded by the parser.)
    pub fn item(&self) -> Option<&str> {
        Some(match self {
            ModelError::UnknownFormat(s)
            | ModelError::DuplicateDecisionMaker(s)
            | ModelError::DuplicateIrreversible(s)
            | ModelError::MissingPreferences(s)
            | ModelError::PreferencesForUnknown(s)
            | ModelError::DuplicatePreferences(s)
            | ModelError::PreferenceKind(s)
            | ModelError::MisperceptionForUnknown(s)
            | ModelError::DuplicateMisperception(s)
            | ModelError::PerceivesNothing(s) => s,
            ModelError::DuplicateOption { option, .. }
            | ModelError::OptionOwnedTwice { option, .. }
            | ModelError::UnknownOption { option, .. }
            | ModelError::UnknownDirection { option, .. } => option,
            ModelError::Condition { condition, .. } => condition,
            ModelError::MalformedState { state, .. }
            | ModelError::InfeasibleState { state, .. }
            | ModelError::RankingRepeatsState { state, .. } => state,
            ModelError::RankingMissesState { decision_maker, .. }
            | ModelError::EmptyTier { decision_maker }
            | ModelError::TooManyPriorities { decision_maker, .. } => decision_maker,
            ModelError::NameTooLong { start, .. } => start,
            ModelError::NoDecisionMakers
            | ModelError::EmptyName(_)
            | ModelError::EmptyFeasibleSet
            | ModelError::Limit(_)
            | ModelError::MoreProblems(_) => return None,
        })
    }
}

/// Every problem validation found, in the order found (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelErrors(pub Vec<ModelError>);

impl fmt::Display for ModelErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.split_first() {
            None => write!(f, "invalid model"),
            Some((first, rest)) => {
                write!(f, "{first}")?;
                if !rest.is_empty() {
                    write!(
                        f,
                        " (and {} more problem{})",
                        rest.len(),
                        if rest.len() == 1 { "" } else { "s" }
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ModelErrors {}

impl From<ModelError> for ModelErrors {
    fn from(e: ModelError) -> Self {
        ModelErrors(vec![e])
    }
}

/// A problem with the line and column of the file it was found on, where it could be
/// located: the start of the value it is about, as the parser recorded it. Used by
/// graph-model files (`Located<ModelError>`, the default) and scenario files
/// (`Located<ScenarioProblem>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<E = ModelError> {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// The problem.
    pub error: E,
}

impl<E: fmt::Display> fmt::Display for Located<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.error),
            None => write!(f, "{}", self.error),
        }
    }
}

/// Why a graph-model file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file is not well-formed JSON or TOML, or does not have the file format's shape
    /// (unknown field, wrong type, missing field).
    #[error("line {line}, column {column}: {}", at_path(.path, .message))]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The field the parser was reading, as a path from the top of the file
        /// (`decision_makers[2].options[0]`); empty at the top level.
        path: String,
        /// What the parser said.
        message: String,
    },
    /// The file parsed but the model is invalid.
    #[error("{}", display_problems(.0, "invalid model"))]
    Invalid(Vec<Located>),
    /// The file could not be read.
    #[error("cannot read `{path}`: {message}")]
    Io {
        /// The path.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// The file name has no `.json` or `.toml` extension.
    #[error("cannot tell the format of `{0}`: expected a `.json` or `.toml` file")]
    UnknownExtension(String),
}

/// `path: message`, or the message alone for an empty path.
pub(crate) fn at_path(path: &str, message: &str) -> String {
    if path.is_empty() {
        message.to_string()
    } else {
        format!("{path}: {message}")
    }
}

/// A problem that may stand for problems left out of a list (see [`MAX_LISTED_PROBLEMS`]).
pub(crate) trait Listed {
    /// How many problems this entry stands for that were left out, if it is such an entry.
    fn left_out(&self) -> Option<usize>;
}

impl Listed for ModelError {
    fn left_out(&self) -> Option<usize> {
        match self {
            ModelError::MoreProblems(m) => Some(*m),
            _ => None,
        }
    }
}

/// The first problem, and how many more there are (listed or not).
pub(crate) fn display_problems<E: fmt::Display + Listed>(
    problems: &[Located<E>],
    empty: &str,
) -> String {
    match problems.split_first() {
        None => empty.into(),
        Some((first, [])) => first.to_string(),
        Some((first, rest)) => {
            let more: usize = rest.iter().map(|p| p.error.left_out().unwrap_or(1)).sum();
            format!(
                "{first} (and {more} more problem{})",
                if more == 1 { "" } else { "s" }
            )
        }
    }
}

impl LoadError {
    /// The validation problems, empty for syntax and I/O errors.
    pub fn problems(&self) -> &[Located] {
        match self {
            LoadError::Invalid(p) => p,
            _ => &[],
        }
    }
}

/// Places every problem in `source`, written as `format`, by the spans its parser records,
/// and lists at most [`MAX_LISTED_PROBLEMS`] of them, the first in file order, then
/// [`ModelError::MoreProblems`] with the count of the rest.
pub(crate) fn invalid(source: &str, format: Format, errors: Vec<Placed<ModelError>>) -> LoadError {
    invalid_in(&Locator::new(source, format), errors)
}

/// [`invalid`] with the spans already recorded.
fn invalid_in(locator: &Locator<'_>, errors: Vec<Placed<ModelError>>) -> LoadError {
    LoadError::Invalid(locate_all(
        Some(locator),
        errors,
        |e| {
            Some(Lookup {
                text: e.item()?,
                nth: 0,
                definition: false,
            })
        },
        ModelError::MoreProblems,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;
    use crate::model::file::GraphModelFile;
    use crate::model::graph_model::GraphModel;

    /// 20,000 decision makers of one name: every problem is placed by the path of its value
    /// (no search per problem), and the first 100 are listed.
    #[test]
    fn many_same_name_decision_makers_are_located_in_one_pass() {
        let count = 20_000;
        let mut text = String::from(
            "{\n  \"format\": \"standoff.graph-model/1\",\n  \"name\": \"many\",\n  \"decision_makers\": [\n",
        );
        for k in 0..count {
            let comma = if k + 1 < count { "," } else { "" };
            text.push_str(&format!(
                "    {{ \"name\": \"A\", \"options\": [\"o{k}\"] }}{comma}\n"
            ));
        }
        text.push_str("  ],\n  \"preferences\": { \"A\": { \"priorities\": [\"o0\"] } }\n}\n");
        let file: GraphModelFile = serde_json::from_str(&text).expect("well-formed");
        let errors = GraphModel::from_file_placed(file, &Limits::default()).expect_err("invalid");
        // One duplicate per decision maker after the first, and the option budget.
        assert_eq!(errors.len(), count);
        let locator = Locator::new(&text, Format::Json);
        let err = invalid_in(&locator, errors);
        // Work: the parse, then 3 path steps per duplicate (`decision_makers[k].name`), none
        // for the budget (no path, no text to look up): linear in the text.
        assert_eq!(locator.work(), text.len() + 3 * (count - 1));
        let problems = err.problems();
        assert_eq!(problems.len(), MAX_LISTED_PROBLEMS + 1);
        assert_eq!(
            problems[0],
            Located {
                line: Some(6),
                column: Some(15),
                error: ModelError::DuplicateDecisionMaker("A".into())
            }
        );
        assert_eq!(
            problems[MAX_LISTED_PROBLEMS].error,
            ModelError::MoreProblems(count - MAX_LISTED_PROBLEMS)
        );
        assert_eq!(
            err.to_string(),
            format!(
                "line 6: duplicate decision maker `A` (and {} more problems)",
                count - 1
            )
        );
    }
}
