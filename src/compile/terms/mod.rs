//! Terms become conditions over the compiled options (see the table in [`crate::compile`](mod@crate::compile)).
//!
//! One small function per term, grouped by family: [`policy`] (`keep_policy`), [`demand`]
//! (`demand_met`, `demand_partly_met`, `withdrawn`, `not_withdraw`, `free_of`, `upheld`),
//! [`market`] (`in_market`, `exited`), [`sanction`] (`avoid`, `impose`) and [`direct`]
//! (`option`, `condition`). [`translation`] is the table from goal to function: a new term is
//! a [`Goal`] with its keyword, one line there, and one function in its family.

mod demand;
mod direct;
mod market;
mod policy;
mod sanction;

use crate::compile::expr::Expr;
use crate::compile::options::{find, CompiledOption, OptionRole};
use crate::conflict::ConflictGraph;
use crate::model::condition::Condition;
use crate::scenario::term::{Goal, Subject, TermProblem};
use crate::scenario::{Scenario, ScenarioProblem, Term};

/// What terms are translated against.
pub(crate) struct Vocabulary<'a> {
    scenario: &'a Scenario,
    conflicts: Vec<(String, String)>,
    options: &'a [CompiledOption],
}

/// One term being translated: what it is about and where it stands, for its messages.
struct Ask<'t> {
    /// The term as written.
    text: &'t str,
    /// Where it stands (`priority ... of ...`).
    context: &'t str,
    /// The name it is about (empty for `in_market` about the party itself).
    argument: &'t str,
    /// The party whose priority it is.
    party: Option<&'t str>,
}

impl Ask<'_> {
    /// The term names no `subject` of the scenario.
    fn unknown(&self, subject: Subject) -> ScenarioProblem {
        ScenarioProblem::UnknownTerm {
            context: self.context.to_string(),
            term: self.text.to_string(),
            subject,
            name: self.argument.to_string(),
        }
    }

    /// The term's condition would be the same in every state.
    fn vacuous(&self, reason: String) -> ScenarioProblem {
        ScenarioProblem::VacuousTerm {
            context: self.context.to_string(),
            term: self.text.to_string(),
            reason,
        }
    }
}

/// How one goal becomes a condition.
type Translate = fn(&Vocabulary<'_>, &Ask<'_>) -> Result<Expr, ScenarioProblem>;

/// The table of the vocabulary: each goal's translation.
fn translation(goal: Goal) -> Translate {
    match goal {
        Goal::KeepPolicy => policy::keep_policy,
        Goal::DemandMet => demand::demand_met,
        Goal::DemandPartlyMet => demand::demand_partly_met,
        Goal::Withdrawn => demand::withdrawn,
        Goal::NotWithdraw => demand::not_withdraw,
        Goal::FreeOf => demand::free_of,
        Goal::Upheld => demand::upheld,
        Goal::InMarket => market::in_market,
        Goal::Exited => market::exited,
        Goal::Avoid => sanction::avoid,
        Goal::Impose => sanction::impose,
        Goal::TakesOption => direct::option,
        Goal::Condition => direct::condition,
    }
}

impl<'a> Vocabulary<'a> {
    pub(crate) fn new(
        scenario: &'a Scenario,
        conflict: &ConflictGraph,
        options: &'a [CompiledOption],
    ) -> Self {
        Vocabulary {
            scenario,
            conflicts: conflict
                .conflicts()
                .into_iter()
                .map(|c| (c.policy, c.demand))
                .collect(),
            options,
        }
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.options.iter().position(|o| o.name == name)
    }

    /// The option of the role `make` gives for the term's argument, when there is one.
    fn option_of(&self, ask: &Ask<'_>, make: fn(String) -> OptionRole) -> Option<&'a str> {
        find(self.options, &make(ask.argument.to_string()))
    }

    /// The option of the role `make` gives for the term's argument, which must exist: the
    /// argument names a `subject` otherwise unknown.
    fn required(
        &self,
        ask: &Ask<'_>,
        make: fn(String) -> OptionRole,
        subject: Subject,
    ) -> Result<Expr, ScenarioProblem> {
        self.option_of(ask, make)
            .map(Expr::atom)
            .ok_or_else(|| ask.unknown(subject))
    }

    /// Parses a raw condition over the compiled option names.
    pub(crate) fn parse(&self, text: &str, context: &str) -> Result<Condition, ScenarioProblem> {
        Condition::parse(text, &|n| self.lookup(n)).map_err(|problem| ScenarioProblem::Condition {
            context: context.to_string(),
            condition: text.to_string(),
            problem: problem.to_string(),
        })
    }

    /// Checks a raw condition over the compiled option names.
    pub(crate) fn check_condition(&self, text: &str, context: &str) -> Result<(), ScenarioProblem> {
        self.parse(text, context).map(|_| ())
    }

    /// The condition text of the term `text`; `party` is the party whose priority it is
    /// (`in_market` without a name means that party).
    pub(crate) fn condition(
        &self,
        text: &str,
        context: &str,
        party: Option<&str>,
    ) -> Result<String, ScenarioProblem> {
        let term = Term::parse(text).map_err(|e| match e {
            TermProblem::UnknownGoal(word) => ScenarioProblem::UnknownGoal {
                context: context.to_string(),
                term: text.to_string(),
                word,
            },
            TermProblem::MissingArgument(goal) => ScenarioProblem::MissingArgument {
                context: context.to_string(),
                term: text.to_string(),
                goal,
            },
        })?;
        let ask = Ask {
            text,
            context,
            argument: &term.argument,
            party,
        };
        let expr = translation(term.goal)(self, &ask)?;
        let expr = if term.negated { expr.negate() } else { expr };
        Ok(expr.text())
    }
}
