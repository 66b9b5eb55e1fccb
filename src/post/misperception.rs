//! Misperceptions: a first-level hypergame.
//!
//! A graph-model file may say, per decision maker, which feasible states it does not
//! perceive (`"misperceived": { "DM": ["condition", ...] }`: the states satisfying any of the
//! conditions). Each decision maker then plays its own perceived game: the conflict restricted
//! to the states it perceives. In it, moves into or out of states it does not perceive do not
//! exist, for it and for its opponents alike (it cannot anticipate a sanction that passes
//! through a state it cannot imagine), and its preferences are its preferences among the
//! states it perceives.
//!
//! **How a verdict is reached.** Decision maker i's stability at a state it perceives is the
//! stability of that state for i in i's perceived game, under the requested concept and
//! reading. At a state i does not perceive, i has no verdict and the state counts as *not
//! stable* for i: i would not settle where it cannot see itself. An equilibrium of the
//! hypergame is a state stable for every decision maker in its own perceived game, so it is
//! perceived by all. Decision makers without misperceptions are analysed in the full game.
//! [`crate::Analysis::run`] itself ignores misperceptions: it analyses the conflict as the
//! modeller sees it.
//!
//! This is the first-level hypergame of Bennett (1977, "Toward a theory of hypergames",
//! Omega 5) as used in the graph model by Wang, Hipel and Fraser (1988, "Modeling
//! misperceptions in games", Behavioral Science 33) and Hipel, Fang and Kilgour's GMCR II:
//! each decision maker's game is analysed on its own, and the hypergame's equilibria are the
//! states stable for everybody in their own games.
//!
//! ```
//! use standoff::post::misperception::analyze;
//! use standoff::{AnalysisOptions, Concept, GraphModel};
//! // Prisoner's Dilemma where One cannot imagine mutual defection (it does not perceive NN).
//! let model = GraphModel::builder("Prisoners")
//!     .decision_maker("One", ["C1"])
//!     .decision_maker("Two", ["C2"])
//!     .ranking("One", [["NY"], ["YY"], ["NN"], ["YN"]])
//!     .ranking("Two", [["YN"], ["YY"], ["NN"], ["NY"]])
//!     .misperceives("One", "!C1 & !C2")
//!     .build()?;
//! let label = |v: Vec<standoff::State>| v.into_iter().map(|s| model.label(s)).collect::<Vec<_>>();
//! let h = analyze(&model, &AnalysisOptions::default())?;
//! // In One's game, cooperating alone (YN) has no way out, so it stays the sucker there; and
//! // mutual defection, which One does not see, is no longer an outcome.
//! assert_eq!(label(h.analysis.equilibria(&model, Concept::Nash)?), ["YN"]);
//! // Without the threat of mutual defection, nothing deters One from defecting at YY.
//! assert!(!h.analysis.is_stable(&model, Concept::Gmr, 0, model.parse_state("YY")?)?);
//! assert_eq!(label(h.unperceived_states(&model, 0)), ["NN"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::internal::bitset::BitSet;
use crate::model::file::GraphModelFile;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;
use crate::stability::analysis::{Analysis, AnalysisOptions};
use crate::stability::error::AnalysisError;

/// The hypergame analysis: per decision maker, its verdicts in its own perceived game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hypergame {
    /// The verdicts, with states a decision maker does not perceive counted unstable for it;
    /// render and query it like any [`Analysis`].
    pub analysis: Analysis,
    /// Per decision maker: the dense indices of the feasible states it does not perceive.
    unperceived: Vec<BitSet>,
}

impl Hypergame {
    /// The feasible states decision maker `dm` does not perceive, in canonical order.
    pub fn unperceived_states(&self, model: &GraphModel, dm: usize) -> Vec<State> {
        self.unperceived
            .get(dm)
            .map(|set| set.iter().filter_map(|i| model.state_at(i)).collect())
            .unwrap_or_default()
    }
}

/// The perceived game of decision maker `dm`: `model` restricted to the states `dm`
/// perceives, its misperceptions removed. `None` where `dm` perceives every state.
pub fn perceived_game(model: &GraphModel, dm: usize) -> Result<Option<GraphModel>, AnalysisError> {
    let name = model
        .decision_makers()
        .get(dm)
        .ok_or_else(|| AnalysisError::UnknownDecisionMaker(dm.to_string()))?
        .name()
        .to_string();
    let file = model.file();
    let Some((_, conds)) = file.misperceived.0.iter().find(|(n, _)| *n == name) else {
        return Ok(None);
    };
    if conds.is_empty() {
        return Ok(None);
    }
    let hidden = |label: &str| {
        model
            .parse_state(label)
            .map(|s| !model.perceives(dm, s))
            .unwrap_or(false)
    };
    let mut perceived: GraphModelFile = file.clone();
    perceived.misperceived = Default::default();
    perceived
        .infeasible
        .extend(conds.iter().map(|c| format!("({c})")));
    if perceived.status_quo.as_deref().is_some_and(hidden) {
        perceived.status_quo = None;
    }
    for (_, pref) in perceived.preferences.0.iter_mut() {
        if let Some(tiers) = pref.ranking.as_mut() {
            for tier in tiers.iter_mut() {
                tier.retain(|l| !hidden(l));
            }
            tiers.retain(|t| !t.is_empty());
        }
    }
    GraphModel::from_file(perceived)
        .map(Some)
        .map_err(|e| AnalysisError::InfeasibleState(format!("perceived game of `{name}`: {e}")))
}

/// Analyses the first-level hypergame of `model` (see the module documentation).
///
/// Cost: one [`Analysis::run`] of the full model, plus one of each decision maker's
/// perceived game where it misperceives something.
pub fn analyze(model: &GraphModel, options: &AnalysisOptions) -> Result<Hypergame, AnalysisError> {
    let mut analysis = Analysis::run(model, options)?;
    let n = model.state_count();
    let mut unperceived = Vec::new();
    for dm in 0..model.decision_makers().len() {
        let hidden = BitSet::from_fn(n, |i| {
            model.state_at(i).is_some_and(|s| !model.perceives(dm, s))
        });
        if let Some(game) = perceived_game(model, dm)? {
            let own = Analysis::run(&game, options)?;
            for (c, &concept) in analysis.concepts.clone().iter().enumerate() {
                let stable = BitSet::from_fn(n, |i| {
                    model
                        .state_at(i)
                        .and_then(|s| game.index_of(s))
                        .is_some_and(|j| own.is_stable_index(concept, dm, j).unwrap_or(false))
                });
                analysis.stable[c][dm] = stable;
            }
        }
        unperceived.push(hidden);
    }
    Ok(Hypergame {
        analysis,
        unperceived,
    })
}
