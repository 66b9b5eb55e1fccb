//! References: holders, makers, targets, backed demands and imposers name what exists.

use super::*;

impl Scenario {
    pub(super) fn check_references(&self, names: &Names<'_>, out: &mut Problems) {
        let party = |context: String, name: &str, at: FieldPath, out: &mut Problems| {
            if !names.parties.contains(name) {
                let error = ScenarioProblem::UnknownParty {
                    context,
                    name: name.to_string(),
                };
                out.push(Placed::at(error, at));
            }
        };
        for (i, p) in self.policies.iter().enumerate() {
            let at = |field| path("policies", &[Seg::Index(i), Seg::Field(field)]);
            match p.holder.as_deref() {
                None | Some("") => out.push(Placed::at(
                    ScenarioProblem::PolicyWithoutHolder(p.name.clone()),
                    at("name"),
                )),
                Some(h) => party(format!("policy `{}`", p.name), h, at("holder"), out),
            }
            if p.refuses.is_some() == p.insists_on.is_some() {
                out.push(Placed::at(
                    ScenarioProblem::PolicyStance(p.name.clone()),
                    at("name"),
                ));
            }
        }
        for (i, d) in self.demands.iter().enumerate() {
            let at = |field| path("demands", &[Seg::Index(i), Seg::Field(field)]);
            party(format!("demand `{}`", d.name), &d.by, at("by"), out);
            party(format!("demand `{}`", d.name), &d.of, at("of"), out);
            if d.by == d.of {
                let error = ScenarioProblem::SelfDemand {
                    demand: d.name.clone(),
                    party: d.by.clone(),
                };
                out.push(Placed::at(error, at("name")));
            }
            if d.requires.is_none() && d.prohibits.is_none() {
                out.push(Placed::at(
                    ScenarioProblem::DemandWithoutSubject(d.name.clone()),
                    at("name"),
                ));
            }
        }
        for (i, s) in self.sanctions.iter().enumerate() {
            let at = |field| path("sanctions", &[Seg::Index(i), Seg::Field(field)]);
            match s.backs.as_deref() {
                None | Some("") => out.push(Placed::at(
                    ScenarioProblem::SanctionWithoutDemand(s.name.clone()),
                    at("name"),
                )),
                Some(d) if !names.demands.contains_key(d) => {
                    let error = ScenarioProblem::UnknownDemand {
                        context: format!("sanction `{}`", s.name),
                        name: d.to_string(),
                    };
                    out.push(Placed::at(error, at("backs")));
                }
                Some(_) => {}
            }
            if let Some(by) = &s.by {
                party(format!("sanction `{}`", s.name), by, at("by"), out);
            }
        }
    }
}
