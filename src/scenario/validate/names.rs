//! Names: non-empty, without backquotes, unique across parties, policies, demands,
//! sanctions and moves.

use super::*;

impl Scenario {
    pub(super) fn check_names(&self, out: &mut Problems) {
        let mut seen: BTreeMap<String, &'static str> = BTreeMap::new();
        let mut add = |name: &str, what: &'static str, at: FieldPath, out: &mut Problems| {
            if name.is_empty() {
                out.push(Placed::at(ScenarioProblem::EmptyName(what), at));
                return;
            }
            if name.contains('`') {
                out.push(Placed::at(
                    ScenarioProblem::BadName(name.to_string()),
                    at.clone(),
                ));
            }
            match seen.get(name) {
                Some(&first) => {
                    let error = ScenarioProblem::DuplicateName {
                        name: name.to_string(),
                        first,
                        second: what,
                    };
                    out.push(Placed::at(error, at));
                }
                None => {
                    seen.insert(name.to_string(), what);
                }
            }
        };
        // The named lists, in file order of kinds: field, kind, names.
        let lists: [(&'static str, &'static str, Vec<&str>); 4] = [
            (
                "parties",
                "party",
                self.parties.iter().map(|x| x.name.as_str()).collect(),
            ),
            (
                "policies",
                "policy",
                self.policies.iter().map(|x| x.name.as_str()).collect(),
            ),
            (
                "demands",
                "demand",
                self.demands.iter().map(|x| x.name.as_str()).collect(),
            ),
            (
                "sanctions",
                "sanction",
                self.sanctions.iter().map(|x| x.name.as_str()).collect(),
            ),
        ];
        for (field, what, names) in &lists {
            for (i, name) in names.iter().enumerate() {
                add(name, what, path(field, &[Seg::Index(i), NAME]), out);
            }
        }
        for (i, p) in self.parties.iter().enumerate() {
            for (j, m) in p.moves.iter().enumerate() {
                let at = move_path(i, j, NAME);
                match m.option_name(&p.name) {
                    Some(name) => add(&name, "move", at, out),
                    None => out.push(Placed::at(
                        ScenarioProblem::MoveWithoutName(p.name.clone()),
                        at,
                    )),
                }
            }
        }
    }
}
