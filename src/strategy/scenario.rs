//! Strategies for [`Scenario`]s: authorities making demands of companies, backed by
//! sanctions, against the companies' policies.

use proptest::prelude::*;

use crate::scenario::{
    Demand, Firmness, Move, MoveKind, Party, PartyKind, Policy, Sanction, SanctionKind, Scenario,
};

/// Size bounds for [`scenario`].
#[derive(Debug, Clone)]
pub struct ScenarioParams {
    /// Fewest and most demanding parties (authorities), at least 1.
    pub authorities: (usize, usize),
    /// Fewest and most targeted parties (companies), at least 1.
    pub companies: (usize, usize),
    /// Most demands each authority makes (at least 1).
    pub max_demands_per_authority: usize,
    /// Most courts (parties that may strike a demand down), 0 or 1.
    pub max_courts: usize,
}

impl Default for ScenarioParams {
    fn default() -> Self {
        ScenarioParams {
            authorities: (1, 2),
            companies: (1, 2),
            max_demands_per_authority: 2,
            max_courts: 1,
        }
    }
}

/// One demand as drawn: its target, whether it runs into the target's policy, its sanction
/// (kind index, or none), whether the sanction is in force, and whether a partial
/// arrangement exists.
type DemandSeed = (usize, bool, Option<usize>, bool, bool);

const SANCTIONS: [SanctionKind; 5] = [
    SanctionKind::Ban,
    SanctionKind::ShutdownOrder,
    SanctionKind::Fine,
    SanctionKind::LicenceRevocation,
    SanctionKind::Other,
];

/// A valid scenario within `params`: it loads, compiles and resolves without error, and
/// survives JSON and TOML round trips unchanged. Every party has options and every priority
/// term is meaningful (never the same in every state).
pub fn scenario(params: ScenarioParams) -> impl Strategy<Value = Scenario> {
    let a = params.authorities.0.max(1)..=params.authorities.1.max(params.authorities.0).max(1);
    let c = params.companies.0.max(1)..=params.companies.1.max(params.companies.0).max(1);
    let per = params.max_demands_per_authority.max(1);
    let courts = params.max_courts.min(1);
    (a, c)
        .prop_flat_map(move |(na, nc)| {
            let demand = (
                0..nc,
                any::<bool>(),
                proptest::option::of(0..SANCTIONS.len()),
                any::<bool>(),
                any::<bool>(),
            );
            (
                Just((na, nc)),
                proptest::collection::vec(proptest::collection::vec(demand, 1..=per), na),
                proptest::collection::vec(any::<bool>(), nc),
                proptest::collection::vec(any::<u64>(), na + nc),
                proptest::collection::vec((any::<usize>(), any::<bool>()), 0..=courts),
            )
        })
        .prop_map(|((na, nc), demands, exits, shuffles, courts)| {
            let mut s = build(na, nc, &demands, &exits, &shuffles);
            if let Some(&(d, strikes)) = courts.first() {
                add_court(&mut s, d, strikes);
            }
            s
        })
}

/// Adds a court that may strike down demand `d` (modulo the number of demands); it wants
/// the demand gone where `strikes`, kept otherwise.
fn add_court(s: &mut Scenario, d: usize, strikes: bool) {
    let Some(demand) = s
        .demands
        .get(d % s.demands.len().max(1))
        .map(|x| x.name.clone())
    else {
        return;
    };
    let term = if strikes { "withdrawn" } else { "not_withdraw" };
    s.parties.push(Party {
        name: "Court".into(),
        kind: PartyKind::Court,
        description: String::new(),
        moves: vec![Move {
            kind: MoveKind::StrikeDown,
            name: None,
            demand: Some(demand.clone()),
            taken: false,
            description: String::new(),
        }],
        priorities: vec![format!("{term} {demand}")],
        preference: None,
        outcome_ranking: Vec::new(),
        alternatives: Vec::new(),
    });
}

fn build(
    na: usize,
    nc: usize,
    demands: &[Vec<DemandSeed>],
    exits: &[bool],
    shuffles: &[u64],
) -> Scenario {
    let mut s = Scenario::new("generated standoff");
    let company = |k: usize| format!("Company {k}");
    let authority = |k: usize| format!("Authority {k}");
    for k in 0..nc {
        s.policies.push(Policy {
            name: format!("policy {k}"),
            holder: Some(company(k)),
            refuses: Some(format!("practice {k}")),
            insists_on: None,
            firmness: if k % 2 == 0 {
                Firmness::Absolute
            } else {
                Firmness::Firm
            },
            description: String::new(),
        });
    }
    // Demands and sanctions; remember what each party's priorities may name.
    let mut authority_terms: Vec<Vec<String>> = vec![Vec::new(); na];
    let mut company_terms: Vec<Vec<String>> = vec![Vec::new(); nc];
    let mut targeted = vec![false; nc];
    let mut excluded = vec![false; nc];
    let mut conflicting = vec![false; nc];
    for (a, list) in demands.iter().enumerate() {
        for (j, &(target, conflicts, sanction, in_force, partial)) in list.iter().enumerate() {
            let name = format!("demand {a}.{j}");
            targeted[target] = true;
            conflicting[target] |= conflicts;
            s.demands.push(Demand {
                name: name.clone(),
                by: authority(a),
                of: company(target),
                requires: Some(if conflicts {
                    format!("practice {target}")
                } else {
                    format!("report {a}.{j}")
                }),
                prohibits: None,
                scope: String::new(),
                deadline: None,
                partial: partial.then(|| format!("partial {a}.{j}")),
                description: String::new(),
            });
            authority_terms[a].push(format!("demand_met {name}"));
            authority_terms[a].push(format!("not_withdraw {name}"));
            company_terms[target].push(format!("free_of {name}"));
            if let Some(kind) = sanction {
                let kind = SANCTIONS[kind];
                let sname = format!("sanction {a}.{j}");
                excluded[target] |= kind.excludes_from_market();
                s.sanctions.push(Sanction {
                    name: sname.clone(),
                    kind,
                    backs: Some(name.clone()),
                    by: None,
                    in_force,
                    description: String::new(),
                });
                authority_terms[a].push(format!("impose {sname}"));
                company_terms[target].push(format!("avoid {sname}"));
            }
        }
    }
    for k in 0..nc {
        if conflicting[k] {
            company_terms[k].insert(0, format!("keep_policy policy {k}"));
        }
        let exit = exits[k] || !targeted[k];
        if exit || excluded[k] {
            company_terms[k].push("in_market".into());
            for terms in authority_terms.iter_mut() {
                terms.push(format!("in_market {}", company(k)));
            }
        }
        let _ = exit;
    }
    for (a, terms) in authority_terms.into_iter().enumerate() {
        s.parties.push(Party {
            name: authority(a),
            kind: if a % 2 == 0 {
                PartyKind::StateAuthority
            } else {
                PartyKind::Regulator
            },
            description: String::new(),
            moves: Vec::new(),
            priorities: pick(terms, shuffles[a]),
            preference: None,
            outcome_ranking: Vec::new(),
            alternatives: Vec::new(),
        });
    }
    for (k, terms) in company_terms.into_iter().enumerate() {
        let exit = exits[k] || !targeted[k];
        let mut terms = terms;
        if terms.is_empty() {
            terms.push("in_market".into());
        }
        s.parties.push(Party {
            name: company(k),
            kind: PartyKind::Company,
            description: String::new(),
            moves: if exit {
                vec![Move {
                    kind: MoveKind::Exit,
                    name: None,
                    demand: None,
                    taken: false,
                    description: String::new(),
                }]
            } else {
                Vec::new()
            },
            priorities: pick(terms, shuffles[na + k]),
            preference: None,
            outcome_ranking: Vec::new(),
            alternatives: Vec::new(),
        });
    }
    s
}

/// A non-empty selection of `terms` in an order drawn from `seed`, duplicates removed.
fn pick(mut terms: Vec<String>, mut seed: u64) -> Vec<String> {
    terms.dedup();
    let mut seen = std::collections::BTreeSet::new();
    terms.retain(|t| seen.insert(t.clone()));
    // Fisher-Yates with the seed's bits.
    for i in (1..terms.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (seed >> 33) as usize % (i + 1);
        terms.swap(i, j);
    }
    let keep = 1 + (seed >> 7) as usize % terms.len().max(1);
    terms.truncate(keep.max(1));
    terms
}

impl Arbitrary for Scenario {
    type Parameters = ScenarioParams;
    type Strategy = BoxedStrategy<Scenario>;

    fn arbitrary_with(params: Self::Parameters) -> Self::Strategy {
        scenario(params).boxed()
    }
}
