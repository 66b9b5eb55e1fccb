//! Terms: outcome rules and priority terms parse and name what the scenario has.

use super::*;

impl Scenario {
    pub(super) fn check_outcomes(&self, names: &Names<'_>, out: &mut Problems) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, rule) in self.outcomes.iter().enumerate() {
            let at = |rest: &[Seg]| {
                let mut at = path("outcomes", &[Seg::Index(i)]);
                at.extend_from_slice(rest);
                at
            };
            if rule.name.is_empty() {
                out.push(Placed::at(
                    ScenarioProblem::EmptyName("outcome"),
                    at(&[NAME]),
                ));
            } else if seen.contains(rule.name.as_str()) {
                let error = ScenarioProblem::DuplicateOutcome(rule.name.clone());
                out.push(Placed::at(error, at(&[NAME])));
            }
            seen.insert(&rule.name);
            if rule.when.is_empty() {
                let error = ScenarioProblem::EmptyOutcomeRule(rule.name.clone());
                out.push(Placed::at(error, at(&[Seg::Field("when")])));
            }
            for (j, text) in rule.when.iter().enumerate() {
                let context = format!("term `{text}` of outcome `{}`", rule.name);
                let term_at = at(&[Seg::Field("when"), Seg::Index(j)]);
                self.check_term(names, text, context, false, term_at, out);
            }
        }
    }

    /// Parses `text` (at path `at`) and checks the name it is about; `own_party` allows
    /// `in_market` without a name (the party itself).
    pub(super) fn check_term(
        &self,
        names: &Names<'_>,
        text: &str,
        context: String,
        own_party: bool,
        at: FieldPath,
        out: &mut Problems,
    ) {
        let term = match Term::parse(text) {
            Ok(t) => t,
            Err(TermProblem::UnknownGoal(word)) => {
                let error = ScenarioProblem::UnknownGoal {
                    context,
                    term: text.to_string(),
                    word,
                };
                out.push(Placed::at(error, at));
                return;
            }
            Err(TermProblem::MissingArgument(goal)) => {
                let error = ScenarioProblem::MissingArgument {
                    context,
                    term: text.to_string(),
                    goal,
                };
                out.push(Placed::at(error, at));
                return;
            }
        };
        if term.argument.is_empty() {
            if !own_party {
                let error = ScenarioProblem::MissingArgument {
                    context,
                    term: text.to_string(),
                    goal: term.goal,
                };
                out.push(Placed::at(error, at));
            }
            return;
        }
        let name = term.argument.as_str();
        let known = match term.goal.subject() {
            Subject::Policy => names.policies.contains(name),
            Subject::Demand => names.demands.contains_key(name),
            Subject::Party => names.parties.contains(name),
            Subject::Sanction => names.sanctions.contains(name),
            Subject::CompiledOption | Subject::RawCondition => true,
        };
        if !known {
            let error = ScenarioProblem::UnknownTerm {
                context,
                term: text.to_string(),
                subject: term.goal.subject(),
                name: name.to_string(),
            };
            out.push(Placed::at(error, at));
        }
    }
}
