//! Compilation: a [`Scenario`] becomes a [`GraphModel`] plus the meaning of every option and
//! the name of every state.
//!
//! The rules are general: they depend only on the roles the scenario gives each party (who
//! makes which demand, who is its target, who imposes which sanction, which moves a party
//! declares), never on particular names. Every rule the compiler applies is recorded in
//! [`Compiled::rules`] with its reason, and [`Compiled::model_toml`] prints the compiled
//! graph-model file with that mapping as comments.
//!
//! # Decision makers and options
//!
//! Every party is a decision maker, in file order. Its options, in this order:
//!
//! | domain element | option of | option name | taken means |
//! |---|---|---|---|
//! | sanction `s` backing demand `d` | the imposer (`by`, default the maker of `d`) | `enforce s` | the sanction is in force |
//! | demand `d` | its maker | `withdraw d` | the demand is withdrawn |
//! | demand `d` | its target | `comply with d` | the target does what `d` asks, in full |
//! | demand `d` with `partial` | its target | `partial d` | the target accepts the partial arrangement |
//! | move of kind `exit` | its party | its name (default `<party> exits`) | the party has left the market |
//! | move of kind `challenge_in_court` about `d` | its party (target of `d`) | its name | `d` is challenged in court |
//! | move of kind `extend_deadline` about `d` | its party (maker of `d`) | its name | `d`'s deadline is extended |
//! | move of kind `strike_down` about `d` | its party (neither maker nor target of `d`) | its name (default `<party> strikes down <d>`) | `d` is struck down: it counts as withdrawn |
//! | move of kind `circumvent` about `d` | its party (target of `d`) | its name | the party keeps serving the market despite the bans, shutdown orders and licence revocations backing `d` |
//! | move of kind `other` | its party | its name | as described |
//!
//! For each party: the sanctions and withdrawals of the demands it makes (each demand's
//! sanctions, then its withdrawal), the sanctions it imposes for others' demands, compliance
//! options of the demands it receives, then its moves.
//!
//! # Feasibility and irreversibility
//!
//! | rule | infeasible where | reason |
//! |---|---|---|
//! | sanction `s` backs `d` | `enforce s` & `withdraw d` | a sanction only while its demand stands |
//! | demand `d` | `comply with d` & `withdraw d` (and `partial d` & `withdraw d`) | compliance only while the demand stands |
//! | `d` has a partial arrangement | `comply with d` & `partial d` | full and partial compliance exclude each other |
//! | target of `d` has exit `x` | `comply with d` & `x` (and `partial d` & `x`) | a party cannot both comply and exit |
//! | court challenge `c` of `d` | `c` & `comply with d`; `c` & `withdraw d`; `c` & exit of the challenger | a challenge needs a standing, uncomplied demand and a party still in the market |
//! | deadline extension `e` of `d` | `e` & `withdraw d`; `e` & `enforce s` for each `s` backing `d` | an extension needs a standing demand and suspends its sanctions |
//! | circumvention `v` of `d`'s sanctions | `v` & exit of its party | a party that has left the market does not circumvent (circumventing a sanction not enforced is allowed and changes nothing: no rule ties it to another party's options, so it never blocks their moves) |
//! | strike-down `k` of `d` | `k` & `comply with d` (and `partial d`); `k` & `withdraw d` | a demand struck down asks nothing; it is not also withdrawn (its sanctions may stay nominally enforced, since the court cannot move the imposer's option, but are void: such a state is `withdrawn`, and no term counts them as biting) |
//! | `infeasible` of the scenario | as written | declared by the user |
//!
//! Every exit option is irreversible (`forward`): once out of the market, a party stays out.
//! So is every strike-down: a demand struck down stays struck down (an appeal that reinstates
//! it is a new standoff).
//! None of the derived rules excludes the state where nothing is done, so only the user's own
//! conditions can leave no feasible state ([`ScenarioProblem::NoFeasibleState`]).
//!
//! # Preferences
//!
//! A party's `priorities` become option prioritization: each [`Term`] becomes one condition,
//! in the same order (the first is the most important; condition j of k weighs 2^(k-1-j)).
//!
//! | term | condition |
//! |---|---|
//! | `keep_policy p` | `!comply with d` for every demand `d` conflicting with `p` (also `!partial d` where `p` is `absolute`) |
//! | `demand_met d` | `comply with d` |
//! | `demand_partly_met d` | `comply with d \| partial d` |
//! | `withdrawn d` | `withdraw d` (`\| k` for every strike-down `k` of `d`) |
//! | `not_withdraw d` | `!withdraw d` |
//! | `free_of d` | `withdraw d \| x` for every exit `x` of `d`'s target (`\| k` for every strike-down `k` of `d`) |
//! | `upheld d` | `comply with d \| partial d \| x \| b` for every exit `x` of `d`'s target and every sanction `s` backing `d`, where `b` is `enforce s`, or `enforce s & !v` for a ban, shutdown order or licence revocation the target circumvents with `v`, and `& !k` for every strike-down `k` of `d` |
//! | `in_market q` | `!x` for every exit `x` of `q`, `& !b` for every ban, shutdown order or licence revocation `s` aimed at `q` (`b` as for `upheld`: a circumvented sanction does not exclude) |
//! | `exited q` | `x` for an exit `x` of `q` (`\|` over several) |
//! | `avoid s` | `!enforce s` (`\| k` for every strike-down `k` of the demand `s` backs), or for a ban, shutdown order or licence revocation also `\| x \| v` for every exit `x` of its target and every circumvention `v` of it |
//! | `impose s` | `enforce s` |
//! | `option o` | `o` |
//! | `condition c` | `c` as written |
//! | `not t` | `!(t)` |
//!
//! `upheld d` is the goal of a maker that backs its demand with a sanction it means to use: it
//! wants the target either to meet the demand (in full, or by the partial arrangement it offers)
//! or not to operate in defiance of it, having left the market or being sanctioned. Ranked above
//! `in_market <target>`, the maker prefers enforcing the sanction on a defiant target to letting
//! it operate, and lifting it once the target complies or partly complies.
//!
//! A term whose condition would be the same in every state (a policy no demand conflicts
//! with, a party with no exit that faces no exclusion) is an error
//! ([`ScenarioProblem::VacuousTerm`]): it usually means a misspelt subject. A party's explicit
//! `preference` is passed to the graph model as written.
//!
//! # Status quo
//!
//! The options taken in the status quo are the sanctions `in_force` and the moves `taken`;
//! everything else is not taken.
//!
//! # Outcome names
//!
//! Every state gets an [`Outcome`]: the first user rule (`outcomes`) all of whose terms hold,
//! else the first built-in kind that applies: market exit (some exit taken), sanction imposed
//! (some sanction enforced), compliance, negotiated compromise (a partial arrangement), demand
//! withdrawn (every demand withdrawn), stalemate. The name lists what is done in the state.
//!
//! Each built-in kind has an [`OutcomeCode`] (`exit`, `ban`, `comply`, `compromise`,
//! `withdrawn`, `stalemate`), the vocabulary of a scenario's `recorded_outcome`: a real case's
//! outcome is predicted where some predicted state has the recorded code
//! ([`Compiled::outcome_code`]; user rules rename states but keep their code).

mod compiled;
mod expr;
mod options;
mod outcome;
mod placement;
pub mod preference;
mod rules;
mod terms;

pub use crate::scenario::OutcomeCode;
pub use compiled::{Compiled, Rule, RuleKind};
pub use options::{CompiledOption, OptionRole};
pub use outcome::{Outcome, OutcomeKind};
pub use preference::{Completion, PartyChoice, PreferenceSpace};

use preference::PartyInput;

use crate::conflict::ConflictGraph;
use crate::limits::Limits;
use crate::model::condition::Condition;
use crate::model::graph_model::{Direction, GraphModel};
use crate::model::locate::Placed;
use crate::model::span::{FieldPath, Seg};
#[cfg(doc)]
use crate::scenario::Term;
use crate::scenario::{Party, Scenario, ScenarioError, ScenarioProblem};

/// Compiles `scenario` with the default [`Limits`].
pub fn compile(scenario: &Scenario) -> Result<Compiled, ScenarioError> {
    compile_with_limits(scenario, &Limits::default())
}

/// Compiles `scenario`; a model over the budgets of `limits` is
/// [`ScenarioProblem::TooLarge`]. Every problem found is reported, with file lines when the
/// scenario was loaded from text.
pub fn compile_with_limits(
    scenario: &Scenario,
    limits: &Limits,
) -> Result<Compiled, ScenarioError> {
    let conflict = ConflictGraph::new(scenario)?;
    let options = options::generate(scenario);
    let vocab = terms::Vocabulary::new(scenario, &conflict, &options);
    let mut problems = Vec::new();
    let mut rules = rules::feasibility(scenario, &options);
    rules.extend(declared_rules(scenario, &vocab, &mut problems));
    let outcome_rules = outcome_conditions(scenario, &vocab, &mut problems);
    let alternative_conditions = alternative_conditions(scenario, &vocab, &mut problems);
    if !problems.is_empty() {
        return Err(ScenarioError::invalid_placed(
            scenario.source_text(),
            problems,
        ));
    }

    let mut builder = GraphModel::builder(scenario.name.clone()).limits(limits.clone());
    for (d, p) in scenario.parties.iter().enumerate() {
        builder = builder.decision_maker(
            p.name.clone(),
            options
                .iter()
                .filter(|o| o.party_index == d)
                .map(|o| o.name.clone()),
        );
    }
    for r in &rules {
        match (r.kind, &r.party) {
            (RuleKind::Infeasible, _) => builder = builder.infeasible(r.condition.clone()),
            (RuleKind::Irreversible, _) => {
                builder = builder.irreversible(r.condition.clone(), Direction::Forward)
            }
            (RuleKind::Priority, _) => {}
        }
    }
    for p in &scenario.parties {
        match &p.preference {
            Some(o) => {
                if let Some(priorities) = &o.priorities {
                    builder = builder.priorities(p.name.clone(), priorities.clone());
                } else if let Some(ranking) = &o.ranking {
                    builder = builder.ranking(p.name.clone(), ranking.clone());
                }
            }
            None => {
                let conditions = rules
                    .iter()
                    .filter(|r| r.kind == RuleKind::Priority && r.party.as_ref() == Some(&p.name))
                    .map(|r| r.condition.clone());
                builder = builder.priorities(p.name.clone(), conditions);
            }
        }
    }
    let taken: Vec<String> = options
        .iter()
        .filter(|o| o.in_status_quo)
        .map(|o| match &o.role {
            OptionRole::Enforce { sanction, .. } => sanction.clone(),
            _ => o.name.clone(),
        })
        .collect();
    let status_quo: String = options
        .iter()
        .map(|o| if o.in_status_quo { 'Y' } else { 'N' })
        .collect();
    builder = builder.status_quo(status_quo.clone());
    let model = builder.build_placed().map_err(|errors| {
        let problems = errors
            .into_iter()
            .map(|e| placement::model_problem(scenario, &options, e, &status_quo, &taken))
            .collect();
        ScenarioError::invalid_placed(scenario.source_text(), problems)
    })?;
    let mut compiled = Compiled::new(
        scenario.name.clone(),
        model,
        options,
        rules,
        outcome_rules,
        scenario.demands.iter().map(|d| d.name.clone()).collect(),
    );
    let inputs = scenario
        .parties
        .iter()
        .zip(alternative_conditions)
        .map(|(p, conditions)| preference_input(p, conditions))
        .collect();
    let space = PreferenceSpace::build(&compiled.model, inputs, &|s| {
        let outcome = compiled.outcome(s);
        let custom = (outcome.kind == OutcomeKind::Custom).then_some(outcome.name);
        (custom, compiled.outcome_code(s).as_str())
    })
    .map_err(|problems| preference_error(scenario, problems))?;
    check_completions(&space, limits).map_err(|p| preference_error(scenario, vec![p]))?;
    let first = space.completion(&compiled.model, 0);
    for (d, p) in scenario.parties.iter().enumerate() {
        if !p.outcome_ranking.is_empty() || !p.alternatives.is_empty() {
            compiled.model.set_ranking(d, &first.ranks[d]);
        }
    }
    compiled.preferences = space;
    Ok(compiled)
}

/// The rules the scenario declares: its `infeasible` conditions, then each party's priorities
/// (its explicit `preference` as written, or its terms translated).
fn declared_rules(
    scenario: &Scenario,
    vocab: &terms::Vocabulary<'_>,
    problems: &mut Problems,
) -> Vec<Rule> {
    let mut rules = Vec::new();
    for (i, text) in scenario.infeasible.iter().enumerate() {
        if let Err(p) = vocab.check_condition(text, "infeasible") {
            problems.push(Placed::at(p, path("infeasible", &[Seg::Index(i)])));
        }
        rules.push(Rule {
            kind: RuleKind::Infeasible,
            party: None,
            condition: text.clone(),
            reason: "declared in the scenario".into(),
        });
    }
    for (i, p) in scenario.parties.iter().enumerate() {
        if let Some(o) = &p.preference {
            for (j, text) in o.priorities.iter().flatten().enumerate() {
                let context = format!("preference of `{}`", p.name);
                if let Err(e) = vocab.check_condition(text, &context) {
                    let at = [Seg::Field("preference"), Seg::Field("priorities")];
                    problems.push(Placed::at(e, party_path(i, &at, j)));
                }
                rules.push(Rule {
                    kind: RuleKind::Priority,
                    party: Some(p.name.clone()),
                    condition: text.clone(),
                    reason: "explicit preference".into(),
                });
            }
            continue;
        }
        let (terms, at) = model_priorities(p);
        for (j, text) in terms.iter().enumerate() {
            let context = format!("priority `{text}` of `{}`", p.name);
            match vocab.condition(text, &context, Some(&p.name)) {
                Ok(condition) => rules.push(Rule {
                    kind: RuleKind::Priority,
                    party: Some(p.name.clone()),
                    condition,
                    reason: text.clone(),
                }),
                Err(e) => problems.push(Placed::at(e, party_path(i, at, j))),
            }
        }
    }
    rules
}

/// Each user outcome rule (`outcomes`) with the parsed conditions of its terms.
fn outcome_conditions(
    scenario: &Scenario,
    vocab: &terms::Vocabulary<'_>,
    problems: &mut Problems,
) -> Vec<(String, Vec<Condition>)> {
    let mut outcome_rules = Vec::new();
    for (i, rule) in scenario.outcomes.iter().enumerate() {
        let mut conditions = Vec::new();
        for (j, text) in rule.when.iter().enumerate() {
            let context = format!("term `{text}` of outcome `{}`", rule.name);
            match vocab
                .condition(text, &context, None)
                .and_then(|c| vocab.parse(&c, &context))
            {
                Ok(c) => conditions.push(c),
                Err(e) => {
                    let at = [Seg::Index(i), Seg::Field("when"), Seg::Index(j)];
                    problems.push(Placed::at(e, path("outcomes", &at)));
                }
            }
        }
        outcome_rules.push((rule.name.clone(), conditions));
    }
    outcome_rules
}

/// The priority terms that go into the compiled model for `party`: its own, or those of its
/// first alternative; and where they are in the party.
fn model_priorities(party: &Party) -> (&[String], &'static [Seg]) {
    const FIRST_ALTERNATIVE: &[Seg] = &[
        Seg::Field("alternatives"),
        Seg::Index(0),
        Seg::Field("priorities"),
    ];
    match party.alternatives.first() {
        Some(a) => (&a.priorities, FIRST_ALTERNATIVE),
        None => (&party.priorities, &[Seg::Field("priorities")]),
    }
}

/// Problems found so far, each with the path of the value of the file it is about.
type Problems = Vec<Placed<ScenarioProblem>>;

/// `field` (a top-level field of the scenario) and the steps after it.
fn path(field: &'static str, rest: &[Seg]) -> FieldPath {
    let mut path = vec![Seg::Field(field)];
    path.extend_from_slice(rest);
    path
}

/// Element `j` of the list at `list` in party `i`.
fn party_path(i: usize, list: &[Seg], j: usize) -> FieldPath {
    let mut at = path("parties", &[Seg::Index(i)]);
    at.extend_from_slice(list);
    at.push(Seg::Index(j));
    at
}

/// Per party, per alternative (the party itself when it gives none): the parsed conditions of
/// its priority terms; empty for a party that ranks no outcomes.
fn alternative_conditions(
    scenario: &Scenario,
    vocab: &terms::Vocabulary<'_>,
    problems: &mut Problems,
) -> Vec<Vec<Vec<Condition>>> {
    let mut out = Vec::new();
    for (i, p) in scenario.parties.iter().enumerate() {
        // Each list of terms, its alternative's name and where it is in the party.
        let lists: Vec<(&str, &[String], FieldPath)> = if !p.alternatives.is_empty() {
            p.alternatives
                .iter()
                .enumerate()
                .map(|(k, a)| {
                    let at = vec![
                        Seg::Field("alternatives"),
                        Seg::Index(k),
                        Seg::Field("priorities"),
                    ];
                    (a.name.as_str(), a.priorities.as_slice(), at)
                })
                .collect()
        } else if !p.outcome_ranking.is_empty() {
            vec![("", p.priorities.as_slice(), vec![Seg::Field("priorities")])]
        } else {
            Vec::new()
        };
        let mut per_party = Vec::new();
        for (alt, terms, at) in lists {
            let mut conditions = Vec::new();
            for (j, text) in terms.iter().enumerate() {
                let context = if alt.is_empty() {
                    format!("priority `{text}` of `{}`", p.name)
                } else {
                    format!("priority `{text}` of alternative `{alt}` of `{}`", p.name)
                };
                match vocab
                    .condition(text, &context, Some(&p.name))
                    .and_then(|c| vocab.parse(&c, &context))
                {
                    Ok(c) => conditions.push(c),
                    Err(e) => {
                        if !problems.iter().any(|p| p.error == e) {
                            problems.push(Placed::at(e, party_path(i, &at, j)))
                        }
                    }
                }
            }
            per_party.push(conditions);
        }
        out.push(per_party);
    }
    out
}

fn preference_input(party: &Party, conditions: Vec<Vec<Condition>>) -> PartyInput<'_> {
    let alternatives = if !party.alternatives.is_empty() {
        party
            .alternatives
            .iter()
            .zip(conditions)
            .map(|(a, c)| (Some(a.name.as_str()), a.outcome_ranking.as_slice(), c))
            .collect()
    } else if !party.outcome_ranking.is_empty() {
        conditions
            .into_iter()
            .map(|c| (None, party.outcome_ranking.as_slice(), c))
            .collect()
    } else {
        Vec::new()
    };
    PartyInput {
        name: &party.name,
        alternatives,
    }
}

/// Problems of the parties' outcome preferences, each at the preference of its party.
fn preference_error(scenario: &Scenario, problems: Vec<ScenarioProblem>) -> ScenarioError {
    let placed = problems
        .into_iter()
        .map(|p| placement::preference_problem(scenario, p))
        .collect();
    ScenarioError::invalid_placed(scenario.source_text(), placed)
}

/// The completions stay within [`Limits::max_completions`].
fn check_completions(space: &PreferenceSpace, limits: &Limits) -> Result<(), ScenarioProblem> {
    let count = space.completion_count();
    if count <= limits.max_completions {
        return Ok(());
    }
    let (party, own) = space
        .party_completions()
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .unwrap_or_default();
    Err(ScenarioProblem::TooManyCompletions {
        party,
        own,
        count,
        limit: limits.max_completions,
    })
}
