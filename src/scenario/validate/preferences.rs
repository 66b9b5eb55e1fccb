//! Parties' preferences: every party has options and one kind of preference; outcome
//! rankings and alternatives name known outcomes once.

use super::*;

impl Scenario {
    pub(super) fn check_parties(&self, names: &Names<'_>, out: &mut Problems) {
        for (i, p) in self.parties.iter().enumerate() {
            let at = |rest: &[Seg]| {
                let mut at = path("parties", &[Seg::Index(i)]);
                at.extend_from_slice(rest);
                at
            };
            let name_at = at(&[NAME]);
            let push = |error, out: &mut Problems| out.push(Placed::at(error, name_at.clone()));
            let has_options = !p.moves.is_empty() || names.involved.contains(p.name.as_str());
            if !has_options {
                push(ScenarioProblem::PartyWithoutOptions(p.name.clone()), out);
            }
            let ranked = !p.outcome_ranking.is_empty() || !p.alternatives.is_empty();
            match (&p.preference, p.priorities.is_empty() && !ranked) {
                (None, true) => push(ScenarioProblem::MissingPriorities(p.name.clone()), out),
                (Some(_), false) if ranked => {
                    push(ScenarioProblem::RankingWithPreference(p.name.clone()), out)
                }
                (Some(_), false) => push(ScenarioProblem::PreferenceConflict(p.name.clone()), out),
                (Some(o), true) if o.priorities.is_some() == o.ranking.is_some() => {
                    push(ScenarioProblem::PreferenceKind(p.name.clone()), out)
                }
                _ => {}
            }
            if !p.alternatives.is_empty()
                && (!p.outcome_ranking.is_empty() || !p.priorities.is_empty())
            {
                push(ScenarioProblem::AlternativesConflict(p.name.clone()), out);
            }
            for (j, text) in p.priorities.iter().enumerate() {
                let context = format!("priority `{text}` of `{}`", p.name);
                let term_at = at(&[Seg::Field("priorities"), Seg::Index(j)]);
                self.check_term(names, text, context, true, term_at, out);
            }
            let ranking_at = at(&[Seg::Field("outcome_ranking")]);
            self.check_ranking(names, &p.name, &p.outcome_ranking, &ranking_at, out);
            self.check_alternatives(names, p, &at(&[Seg::Field("alternatives")]), out);
        }
    }

    /// Checks the alternatives of `p`, at path `at`.
    pub(super) fn check_alternatives(
        &self,
        names: &Names<'_>,
        p: &Party,
        at: &[Seg],
        out: &mut Problems,
    ) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (k, a) in p.alternatives.iter().enumerate() {
            let alt = |rest: &[Seg]| {
                let mut path = at.to_vec();
                path.push(Seg::Index(k));
                path.extend_from_slice(rest);
                path
            };
            if a.name.is_empty() || seen.contains(a.name.as_str()) {
                let error = ScenarioProblem::AlternativeName {
                    party: p.name.clone(),
                    name: a.name.clone(),
                };
                out.push(Placed::at(error, alt(&[NAME])));
            }
            seen.insert(&a.name);
            if a.outcome_ranking.is_empty() && a.priorities.is_empty() {
                let error = ScenarioProblem::EmptyAlternative {
                    party: p.name.clone(),
                    name: a.name.clone(),
                };
                out.push(Placed::at(error, alt(&[NAME])));
            }
            for (j, text) in a.priorities.iter().enumerate() {
                let context = format!(
                    "priority `{text}` of alternative `{}` of `{}`",
                    a.name, p.name
                );
                let term_at = alt(&[Seg::Field("priorities"), Seg::Index(j)]);
                self.check_term(names, text, context, true, term_at, out);
            }
            let ranking_at = alt(&[Seg::Field("outcome_ranking")]);
            self.check_ranking(names, &p.name, &a.outcome_ranking, &ranking_at, out);
        }
    }

    /// Every name of `ranking` (at path `at`) is an outcome code or a scenario outcome, ranked
    /// once; no group is empty.
    pub(super) fn check_ranking(
        &self,
        names: &Names<'_>,
        party: &str,
        ranking: &[RankEntry],
        at: &[Seg],
        out: &mut Problems,
    ) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (k, entry) in ranking.iter().enumerate() {
            let mut entry_at = at.to_vec();
            entry_at.push(Seg::Index(k));
            if entry.names().is_empty() {
                let error = ScenarioProblem::EmptyRankEntry {
                    party: party.to_string(),
                };
                out.push(Placed::at(error, entry_at.clone()));
            }
            for (m, name) in entry.names().iter().enumerate() {
                let name_at = || {
                    let mut path = entry_at.clone();
                    match entry {
                        RankEntry::One(_) => {}
                        RankEntry::Tie(_) => path.push(Seg::Index(m)),
                        RankEntry::Unknown { .. } => {
                            path.extend([Seg::Field("unknown"), Seg::Index(m)])
                        }
                    }
                    path
                };
                let known = OutcomeCode::ALL.iter().any(|c| c.as_str() == name)
                    || names.outcomes.contains(name.as_str());
                if !known {
                    let error = ScenarioProblem::UnknownOutcome {
                        party: party.to_string(),
                        outcome: name.clone(),
                    };
                    out.push(Placed::at(error, name_at()));
                } else if seen.contains(name.as_str()) {
                    let error = ScenarioProblem::DuplicateRankedOutcome {
                        party: party.to_string(),
                        outcome: name.clone(),
                    };
                    out.push(Placed::at(error, name_at()));
                }
                seen.insert(name);
            }
        }
    }
}
