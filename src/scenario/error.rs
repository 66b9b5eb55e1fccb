//! Errors of loading, validating and compiling scenarios.

use crate::limits::LimitError;
use crate::model::error::{at_path, display_problems, Listed, Located, ModelError};
use crate::model::locate::{locate_all, Locator, Placed};
use crate::model::span::SourceText;
use crate::scenario::problem_item::Item;
use crate::scenario::term::{Goal, Subject};

/// One problem with a scenario. Validation collects every problem it can find.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioProblem {
    /// The scenario lists no parties.
    #[error("the scenario has no parties")]
    NoParties,
    /// A name is empty.
    #[error("empty {0} name")]
    EmptyName(&'static str),
    /// A name contains a backtick, which the condition language cannot quote.
    #[error("name `{0}` contains a backtick")]
    BadName(String),
    /// Two items share a name.
    #[error("duplicate name `{name}`: used by a {first} and by a {second}")]
    DuplicateName {
        /// The name.
        name: String,
        /// What the first item with that name is.
        first: &'static str,
        /// What the second one is.
        second: &'static str,
    },
    /// An item names a party the scenario does not have.
    #[error("{context} names unknown party `{name}`")]
    UnknownParty {
        /// The item (`demand `x``, `policy `y``...).
        context: String,
        /// The unknown name.
        name: String,
    },
    /// An item names a demand the scenario does not have.
    #[error("{context} names unknown demand `{name}`")]
    UnknownDemand {
        /// The item.
        context: String,
        /// The unknown name.
        name: String,
    },
    /// A policy with no `holder`.
    #[error("policy `{0}` is held by nobody (give `holder`)")]
    PolicyWithoutHolder(String),
    /// A policy with both or neither of `refuses` and `insists_on`.
    #[error("policy `{0}` must give exactly one of `refuses` and `insists_on`")]
    PolicyStance(String),
    /// A demand with neither `requires` nor `prohibits`.
    #[error("demand `{0}` gives neither `requires` nor `prohibits`")]
    DemandWithoutSubject(String),
    /// A demand made by a party of itself.
    #[error("demand `{demand}` is made by `{party}` of itself")]
    SelfDemand {
        /// The demand.
        demand: String,
        /// The party.
        party: String,
    },
    /// A sanction with no `backs`.
    #[error("sanction `{0}` is not attached to a demand (give `backs`)")]
    SanctionWithoutDemand(String),
    /// An `other` move without a name.
    #[error("a move of kind `other` of party `{0}` needs a `name`")]
    MoveWithoutName(String),
    /// A `challenge_in_court` or `extend_deadline` move without `demand`.
    #[error("move `{name}` of party `{party}` needs a `demand`")]
    MoveWithoutDemand {
        /// The move's option name.
        name: String,
        /// Its party.
        party: String,
    },
    /// A move about a demand the party plays the wrong role in.
    #[error("move `{name}` of party `{party}` is about demand `{demand}`, which `{party}` does not {role}")]
    MoveRole {
        /// The move's option name.
        name: String,
        /// Its party.
        party: String,
        /// The demand.
        demand: String,
        /// What the party would have to do (`make`, `receive`, or for a `strike_down`,
        /// `stand apart from` - neither make nor receive).
        role: &'static str,
    },
    /// A party that would have no option.
    #[error("party `{0}` has no options: it makes no demand, receives none, imposes no sanction and has no moves")]
    PartyWithoutOptions(String),
    /// A party with neither `priorities` nor `preference`.
    #[error("party `{0}` states no priorities")]
    MissingPriorities(String),
    /// A party with both `priorities` and `preference`.
    #[error("party `{0}` gives both `priorities` and `preference`")]
    PreferenceConflict(String),
    /// A preference override with both or neither of `priorities` and `ranking`.
    #[error("preference of party `{0}` must give exactly one of `priorities` and `ranking`")]
    PreferenceKind(String),
    /// An outcome ranking names something that is neither an outcome code nor one of the
    /// scenario's `outcomes`.
    #[error("outcome ranking of `{party}` names unknown outcome `{outcome}` (expected an outcome code: exit, ban, comply, compromise, withdrawn, stalemate, or the name of one of the scenario's `outcomes`)")]
    UnknownOutcome {
        /// The party.
        party: String,
        /// The unknown name.
        outcome: String,
    },
    /// An outcome ranking names the same outcome twice.
    #[error("outcome ranking of `{party}` ranks `{outcome}` twice")]
    DuplicateRankedOutcome {
        /// The party.
        party: String,
        /// The outcome.
        outcome: String,
    },
    /// A tie or unknown group with no outcomes in it.
    #[error(
        "outcome ranking of `{party}` has an empty tie or unknown group: it allows no completion"
    )]
    EmptyRankEntry {
        /// The party.
        party: String,
    },
    /// A party gives an outcome ranking (or alternatives) and also an explicit `preference`.
    #[error(
        "party `{0}` gives both an outcome ranking (or alternatives) and an explicit `preference`"
    )]
    RankingWithPreference(String),
    /// A party gives `alternatives` and also `outcome_ranking` or `priorities` of its own.
    #[error("party `{0}` gives `alternatives` and also `outcome_ranking` or `priorities` outside them: put each preference inside an alternative")]
    AlternativesConflict(String),
    /// An alternative without a name, or two alternatives of a party with the same name.
    #[error("alternatives of `{party}`: name `{name}` is empty or used twice")]
    AlternativeName {
        /// The party.
        party: String,
        /// The name.
        name: String,
    },
    /// An alternative with neither `outcome_ranking` nor `priorities`.
    #[error("alternative `{name}` of `{party}` gives neither `outcome_ranking` nor `priorities`")]
    EmptyAlternative {
        /// The party.
        party: String,
        /// The alternative.
        name: String,
    },
    /// A state's outcome is not in a party's outcome ranking.
    #[error("outcome ranking of `{party}` does not rank `{outcome}`, the outcome of state {state} ({name})")]
    UnrankedOutcome {
        /// The party.
        party: String,
        /// The outcome (code or scenario outcome name) left out.
        outcome: String,
        /// The label of a state with that outcome.
        state: String,
        /// That state's outcome name.
        name: String,
    },
    /// The preferences allow more completions than [`crate::Limits::max_completions`].
    #[error("the parties' preferences allow {count} completions, more than the limit of {limit} (party `{party}` contributes {own})")]
    TooManyCompletions {
        /// The party with the most completions.
        party: String,
        /// Its own number of completions.
        own: u64,
        /// The number of completions in all (saturating).
        count: u64,
        /// The limit.
        limit: u64,
    },
    /// An outcome rule with no terms.
    #[error("outcome `{0}` has no `when` terms")]
    EmptyOutcomeRule(String),
    /// Two outcome rules share a name.
    #[error("duplicate outcome `{0}`")]
    DuplicateOutcome(String),
    /// A term whose first word is not a goal keyword.
    #[error(
        "{context} starts with unknown goal `{word}` (expected one of {})",
        Goal::keywords()
    )]
    UnknownGoal {
        /// Where (`priority `x` of `P``, `outcome `o` term `x``).
        context: String,
        /// The term as written.
        term: String,
        /// The unknown word.
        word: String,
    },
    /// A term without the name its goal needs.
    #[error("{context} needs a {} name after `{}`", .goal.subject().as_str(), .goal.keyword())]
    MissingArgument {
        /// Where.
        context: String,
        /// The term as written.
        term: String,
        /// The goal.
        goal: Goal,
    },
    /// A term naming something the scenario does not have.
    #[error("{context} names unknown {} `{name}`", .subject.as_str())]
    UnknownTerm {
        /// Where.
        context: String,
        /// The term as written.
        term: String,
        /// What kind of thing it names.
        subject: Subject,
        /// The unknown name.
        name: String,
    },
    /// A term whose condition is the same in every state, so it cannot tell states apart.
    #[error("{context} is the same in every state: {reason}")]
    VacuousTerm {
        /// Where.
        context: String,
        /// The term as written.
        term: String,
        /// Why.
        reason: String,
    },
    /// A raw condition that does not parse or names an unknown option.
    #[error("condition `{condition}` in {context} {problem}")]
    Condition {
        /// Where.
        context: String,
        /// The condition.
        condition: String,
        /// What is wrong.
        problem: String,
    },
    /// The feasibility rules leave no state.
    #[error("contradictory feasibility: the rules leave no feasible state")]
    NoFeasibleState {
        /// The user-written `infeasible` conditions (the derived rules never exclude the state
        /// where nothing is done).
        conditions: Vec<String>,
    },
    /// The status quo (sanctions in force, moves taken) is infeasible.
    #[error("the status quo `{label}` (sanctions in force and moves taken: {}) is not feasible", .taken.join(", "))]
    InfeasibleStatusQuo {
        /// Its label.
        label: String,
        /// The sanctions in force and the moves taken in it.
        taken: Vec<String>,
    },
    /// The compiled model exceeds a budget of [`crate::Limits`].
    #[error("scenario is too large: {0}")]
    TooLarge(LimitError),
    /// Any other problem the engine found in the compiled model (for instance in an explicit
    /// `preference`).
    #[error("compiled model: {0}")]
    Model(ModelError),
    /// Stands last in a scenario error's list of problems when there were more than
    /// [`MAX_LISTED_PROBLEMS`](crate::model::error::MAX_LISTED_PROBLEMS): how many more were
    /// found and not listed.
    #[error("and {0} more problems, not listed")]
    MoreProblems(usize),
}

/// A scenario problem with the line of the file it was found on, where it could be located.
pub type LocatedProblem = Located<ScenarioProblem>;

/// Why a scenario could not be loaded or compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// The file is not well-formed TOML or JSON, or does not have the scenario's shape
    /// (unknown field, wrong type, missing field).
    #[error("line {line}, column {column}: {}", at_path(.path, .message))]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The field the parser was reading, as a path from the top of the file
        /// (`parties[1].priorities[3]`); empty at the top level.
        path: String,
        /// What the parser said.
        message: String,
    },
    /// The scenario parsed but is invalid; every problem found, in order.
    #[error("{}", display_problems(.0, "invalid scenario"))]
    Invalid(Vec<LocatedProblem>),
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

impl ScenarioError {
    /// The problems of an invalid scenario, empty for the other errors.
    pub fn problems(&self) -> &[LocatedProblem] {
        match self {
            ScenarioError::Invalid(p) => p,
            _ => &[],
        }
    }

    /// Places `problems` in `source`, when known (by the span of the value each is about,
    /// else by its text), and wraps them, at most [`MAX_LISTED_PROBLEMS`] of them, the first
    /// in file order, then [`ScenarioProblem::MoreProblems`] with the count of the rest.
    ///
    /// [`MAX_LISTED_PROBLEMS`]: crate::model::error::MAX_LISTED_PROBLEMS
    pub(crate) fn invalid_placed(
        source: Option<&SourceText>,
        problems: Vec<Placed<ScenarioProblem>>,
    ) -> ScenarioError {
        let locator = source.map(|s| Locator::new(&s.text, s.format));
        Self::invalid_in(locator.as_ref(), problems)
    }

    /// [`ScenarioError::invalid_placed`] with the spans already recorded.
    fn invalid_in(
        locator: Option<&Locator<'_>>,
        problems: Vec<Placed<ScenarioProblem>>,
    ) -> ScenarioError {
        ScenarioError::Invalid(locate_all(
            locator,
            problems,
            |p| p.item().map(Item::lookup),
            ScenarioProblem::MoreProblems,
        ))
    }
}

impl Listed for ScenarioProblem {
    fn left_out(&self) -> Option<usize> {
        match self {
            ScenarioProblem::MoreProblems(m) => Some(*m),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::error::MAX_LISTED_PROBLEMS;
    use crate::model::span::Format;
    use crate::scenario::Scenario;

    /// 100,000 parties with nothing to do: every problem is placed by the path of its value
    /// (no search per problem), and the first 100 are listed.
    #[test]
    fn many_idle_parties_are_located_in_one_pass() {
        let count = 100_000;
        let mut text = String::from("{\n  \"name\": \"idle\",\n  \"parties\": [\n");
        for k in 0..count {
            let comma = if k + 1 < count { "," } else { "" };
            text.push_str(&format!("    {{ \"name\": \"P{k}\" }}{comma}\n"));
        }
        text.push_str("  ]\n}\n");
        let scenario: Scenario = serde_json::from_str(&text).expect("well-formed");
        let problems = scenario.placed_problems();
        // Each party has no options and no priorities.
        assert_eq!(problems.len(), 2 * count);
        let locator = Locator::new(&text, Format::Json);
        let err = ScenarioError::invalid_in(Some(&locator), problems);
        // Work: the parse, then 3 path steps per problem (`parties[k].name`): linear in the
        // text, no search per problem.
        assert_eq!(locator.work(), text.len() + 3 * 2 * count);
        let listed = err.problems();
        assert_eq!(listed.len(), MAX_LISTED_PROBLEMS + 1);
        assert_eq!(
            listed[0],
            Located {
                line: Some(4),
                column: Some(15),
                error: ScenarioProblem::PartyWithoutOptions("P0".into())
            }
        );
        // File order: both problems of a party, party after party.
        assert_eq!(
            listed[1],
            Located {
                line: Some(4),
                column: Some(15),
                error: ScenarioProblem::MissingPriorities("P0".into())
            }
        );
        assert_eq!(listed[MAX_LISTED_PROBLEMS - 1].line, Some(4 + 49));
        assert_eq!(
            listed[MAX_LISTED_PROBLEMS].error,
            ScenarioProblem::MoreProblems(2 * count - MAX_LISTED_PROBLEMS)
        );
        assert!(err
            .to_string()
            .starts_with("line 4: party `P0` has no options"));
        assert!(err
            .to_string()
            .ends_with(&format!("(and {} more problems)", 2 * count - 1)));
    }
}
