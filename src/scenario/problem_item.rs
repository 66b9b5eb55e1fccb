//! Where in the file a scenario problem is, when it carries no field path (problems the
//! compiler finds after loading): the user-written text it is about, and which occurrence.

use crate::model::locate::Lookup;
use crate::scenario::error::ScenarioProblem;

/// Where a problem found after loading (by the compiler) is in the file, when it has no
/// path: a text and which occurrence of it (0-based); a `definition` is looked up as the value
/// of a `name` field first.
pub(crate) struct Item<'a> {
    text: &'a str,
    nth: usize,
    definition: bool,
}

impl<'a> Item<'a> {
    fn definition(text: &'a str, nth: usize) -> Self {
        Item {
            text,
            nth,
            definition: true,
        }
    }

    fn nth(text: &'a str, nth: usize) -> Self {
        Item {
            text,
            nth,
            definition: false,
        }
    }

    fn reference(text: &'a str) -> Self {
        Item {
            text,
            nth: 0,
            definition: false,
        }
    }

    pub(crate) fn lookup(self) -> Lookup<'a> {
        Lookup {
            text: self.text,
            nth: self.nth,
            definition: self.definition,
        }
    }
}

impl ScenarioProblem {
    /// The user-written text this problem is about, to find its line in a file.
    pub(crate) fn item(&self) -> Option<Item<'_>> {
        Some(match self {
            ScenarioProblem::NoParties
            | ScenarioProblem::EmptyName(_)
            | ScenarioProblem::TooLarge(_)
            | ScenarioProblem::MoreProblems(_) => return None,
            ScenarioProblem::BadName(s)
            | ScenarioProblem::PolicyWithoutHolder(s)
            | ScenarioProblem::PolicyStance(s)
            | ScenarioProblem::DemandWithoutSubject(s)
            | ScenarioProblem::SanctionWithoutDemand(s)
            | ScenarioProblem::MoveWithoutName(s)
            | ScenarioProblem::PartyWithoutOptions(s)
            | ScenarioProblem::MissingPriorities(s)
            | ScenarioProblem::PreferenceConflict(s)
            | ScenarioProblem::PreferenceKind(s)
            | ScenarioProblem::EmptyOutcomeRule(s)
            | ScenarioProblem::RankingWithPreference(s)
            | ScenarioProblem::AlternativesConflict(s)
            | ScenarioProblem::EmptyRankEntry { party: s }
            | ScenarioProblem::UnrankedOutcome { party: s, .. }
            | ScenarioProblem::TooManyCompletions { party: s, .. } => Item::definition(s, 0),
            ScenarioProblem::UnknownOutcome { outcome, .. } => Item::reference(outcome),
            ScenarioProblem::DuplicateRankedOutcome { outcome, .. } => Item::nth(outcome, 1),
            ScenarioProblem::AlternativeName { name, party } => {
                if name.is_empty() {
                    Item::definition(party, 0)
                } else {
                    Item::definition(name, 1)
                }
            }
            ScenarioProblem::EmptyAlternative { name, .. } => Item::definition(name, 0),
            ScenarioProblem::DuplicateName { name, .. } => Item::definition(name, 1),
            ScenarioProblem::DuplicateOutcome(name) => Item::definition(name, 1),
            ScenarioProblem::SelfDemand { demand, .. } => Item::definition(demand, 0),
            ScenarioProblem::MoveWithoutDemand { name, .. }
            | ScenarioProblem::MoveRole { name, .. } => Item::definition(name, 0),
            ScenarioProblem::UnknownParty { name, .. }
            | ScenarioProblem::UnknownDemand { name, .. } => Item::reference(name),
            ScenarioProblem::UnknownGoal { term, .. }
            | ScenarioProblem::MissingArgument { term, .. }
            | ScenarioProblem::UnknownTerm { term, .. }
            | ScenarioProblem::VacuousTerm { term, .. } => Item::reference(term),
            ScenarioProblem::Condition { condition, .. } => Item::reference(condition),
            ScenarioProblem::NoFeasibleState { conditions } => Item::reference(conditions.first()?),
            ScenarioProblem::InfeasibleStatusQuo { taken, .. } => {
                Item::definition(taken.first()?, 0)
            }
            ScenarioProblem::Model(e) => Item::reference(e.item()?),
        })
    }
}
