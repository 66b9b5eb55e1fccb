//! Terms: what a party wants, in domain words. Priorities and outcome rules are lists of terms.
//!
//! A term is a goal keyword followed by the name it is about, optionally preceded by `not `:
//!
//! | term | holds where |
//! |---|---|
//! | `keep_policy <policy>` | no demand conflicting with the policy is complied with (nor partly, for an `absolute` policy) |
//! | `demand_met <demand>` | the target complies with the demand in full |
//! | `demand_partly_met <demand>` | the target complies in full or by the partial arrangement |
//! | `withdrawn <demand>` | the maker has withdrawn the demand |
//! | `not_withdraw <demand>` | the demand has not been withdrawn (same as `not withdrawn`) |
//! | `free_of <demand>` | the demand no longer binds its target: withdrawn, or the target has exited |
//! | `upheld <demand>` | the target does not defy the demand unsanctioned: it complies (in full or by the partial arrangement), or has exited, or a sanction backing the demand is enforced and bites (not circumvented) |
//! | `in_market [<party>]` | the party operates in the market: it has not exited and no ban, shutdown order or licence revocation aimed at it is enforced, unless it circumvents it (no name: the party itself) |
//! | `exited <party>` | the party has exited the market |
//! | `avoid <sanction>` | the sanction does not bite: not enforced, or (for a ban, shutdown order or licence revocation) its target has already exited or circumvents it |
//! | `impose <sanction>` | the sanction is enforced |
//! | `option <option>` | the compiled option of that name is taken |
//! | `condition <condition>` | a raw condition over compiled option names holds |
//!
//! The compiler turns each term into a condition of the graph model; see [`crate::compile`](mod@crate::compile).

use std::fmt;

/// A goal keyword of the term vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Goal {
    /// `keep_policy <policy>`.
    KeepPolicy,
    /// `demand_met <demand>`.
    DemandMet,
    /// `demand_partly_met <demand>`.
    DemandPartlyMet,
    /// `withdrawn <demand>`.
    Withdrawn,
    /// `not_withdraw <demand>`.
    NotWithdraw,
    /// `free_of <demand>`.
    FreeOf,
    /// `upheld <demand>`.
    Upheld,
    /// `in_market [<party>]`.
    InMarket,
    /// `exited <party>`.
    Exited,
    /// `avoid <sanction>`.
    Avoid,
    /// `impose <sanction>`.
    Impose,
    /// `option <option>`.
    TakesOption,
    /// `condition <condition>`.
    Condition,
}

/// What a goal's argument names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// A policy.
    Policy,
    /// A demand.
    Demand,
    /// A party.
    Party,
    /// A sanction.
    Sanction,
    /// A compiled option.
    CompiledOption,
    /// A raw condition.
    RawCondition,
}

impl Subject {
    /// The word used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Policy => "policy",
            Subject::Demand => "demand",
            Subject::Party => "party",
            Subject::Sanction => "sanction",
            Subject::CompiledOption => "option",
            Subject::RawCondition => "condition",
        }
    }
}

impl Goal {
    /// Every goal, in documentation order.
    pub const ALL: [Goal; 13] = [
        Goal::KeepPolicy,
        Goal::DemandMet,
        Goal::DemandPartlyMet,
        Goal::Withdrawn,
        Goal::NotWithdraw,
        Goal::FreeOf,
        Goal::Upheld,
        Goal::InMarket,
        Goal::Exited,
        Goal::Avoid,
        Goal::Impose,
        Goal::TakesOption,
        Goal::Condition,
    ];

    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            Goal::KeepPolicy => "keep_policy",
            Goal::DemandMet => "demand_met",
            Goal::DemandPartlyMet => "demand_partly_met",
            Goal::Withdrawn => "withdrawn",
            Goal::NotWithdraw => "not_withdraw",
            Goal::FreeOf => "free_of",
            Goal::Upheld => "upheld",
            Goal::InMarket => "in_market",
            Goal::Exited => "exited",
            Goal::Avoid => "avoid",
            Goal::Impose => "impose",
            Goal::TakesOption => "option",
            Goal::Condition => "condition",
        }
    }

    /// What its argument names.
    pub fn subject(self) -> Subject {
        match self {
            Goal::KeepPolicy => Subject::Policy,
            Goal::DemandMet
            | Goal::DemandPartlyMet
            | Goal::Withdrawn
            | Goal::NotWithdraw
            | Goal::FreeOf
            | Goal::Upheld => Subject::Demand,
            Goal::InMarket | Goal::Exited => Subject::Party,
            Goal::Avoid | Goal::Impose => Subject::Sanction,
            Goal::TakesOption => Subject::CompiledOption,
            Goal::Condition => Subject::RawCondition,
        }
    }

    /// The keywords, for messages.
    pub fn keywords() -> String {
        Goal::ALL
            .iter()
            .map(|g| format!("`{}`", g.keyword()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A parsed term.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term {
    /// True where the term is preceded by `not `.
    pub negated: bool,
    /// The goal.
    pub goal: Goal,
    /// The name it is about (empty for `in_market` about the party itself).
    pub argument: String,
}

/// Why a term does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermProblem {
    /// The first word is not a goal keyword.
    UnknownGoal(String),
    /// The goal needs a name after it.
    MissingArgument(Goal),
}

impl fmt::Display for TermProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TermProblem::UnknownGoal(word) => write!(
                f,
                "starts with unknown goal `{word}` (expected one of {})",
                Goal::keywords()
            ),
            TermProblem::MissingArgument(goal) => write!(
                f,
                "needs a {} name after `{}`",
                goal.subject().as_str(),
                goal.keyword()
            ),
        }
    }
}

impl Term {
    /// Parses `text`: `[not ]<goal> <name>`.
    pub fn parse(text: &str) -> Result<Term, TermProblem> {
        let mut rest = text.trim();
        let mut negated = false;
        if let Some(after) = rest.strip_prefix("not ") {
            negated = true;
            rest = after.trim_start();
        }
        let (word, argument) = match rest.split_once(char::is_whitespace) {
            Some((w, a)) => (w, a.trim()),
            None => (rest, ""),
        };
        let goal = Goal::ALL
            .into_iter()
            .find(|g| g.keyword() == word)
            .ok_or_else(|| TermProblem::UnknownGoal(word.to_string()))?;
        if argument.is_empty() && goal != Goal::InMarket {
            return Err(TermProblem::MissingArgument(goal));
        }
        Ok(Term {
            negated,
            goal,
            argument: argument.to_string(),
        })
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("not ")?;
        }
        f.write_str(self.goal.keyword())?;
        if !self.argument.is_empty() {
            write!(f, " {}", self.argument)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_parse_with_names_containing_spaces() {
        let t = Term::parse("not keep_policy  no backdoors ").expect("parses");
        assert!(t.negated);
        assert_eq!(t.goal, Goal::KeepPolicy);
        assert_eq!(t.argument, "no backdoors");
        assert_eq!(t.to_string(), "not keep_policy no backdoors");
        assert_eq!(
            Term::parse("in_market").expect("parses").goal,
            Goal::InMarket
        );
        assert_eq!(
            Term::parse("love peace"),
            Err(TermProblem::UnknownGoal("love".into()))
        );
        assert_eq!(
            Term::parse("avoid"),
            Err(TermProblem::MissingArgument(Goal::Avoid))
        );
    }
}
