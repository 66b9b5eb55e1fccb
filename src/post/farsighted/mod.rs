//! Farsighted play: parties that look ahead before they move, and settlements that several
//! parties make together.
//!
//! # Definition
//!
//! The anticipation follows the limited-move stability of Kilgour (Kilgour, Hipel and Fang,
//! "The graph model for conflicts", *Automatica* 23(1), 1987; Fang, Hipel and Kilgour,
//! *Interactive Decision Making*, Wiley 1993, ch. 5) and Brams' theory of moves (Brams,
//! *Theory of Moves*, Cambridge 1994): a party moves when the state the standoff then settles
//! at, after the others' best replies, is better for it than staying. Given a horizon `h` (the
//! number of moves looked ahead), the value of a standoff at state `s`, where party `last`
//! moved last (or nobody, at the start or after a settlement), is a probability distribution
//! over final states:
//!
//! - with `h = 0`, or where nobody wants to move: `s` itself;
//! - otherwise each *candidate* (every party but `last`) takes, among its moves `s -> t`,
//!   those whose value at `(t, itself, h - 1)` it rates highest; it *wants to move* where that
//!   rating is strictly higher than staying at `s`;
//! - with settlements enabled, a *joint move* `s -> t` of two or more parties (each changes some
//!   of its own options, all at once) is made where every mover strictly prefers `t` to `s`
//!   and also rates the value at `(t, nobody, h - 1)` strictly higher than `s`;
//! - where several moves are wanted and some of them end where every party wanting to move
//!   rates highest (weakly), only those are made: the others wait, as in the theory of moves'
//!   two-sidedness convention (Brams 1994, ch. 1), where a player does not move when the other
//!   player's move already gives it its best final state;
//! - the moves left are equally likely to come first (a party's tied best moves share its
//!   weight): call the result `D`. A candidate that does not want to move from `s` but rates
//!   its best move higher than `D` *pre-empts* (it sees what the others will do and moves
//!   first): where some candidates pre-empt, the value is their moves' mixture instead.
//!
//! A party rates a distribution by the expected rank of its final states in its own
//! preference (ranks as in [`crate::GraphModel::payoff`]). Where the play does not branch this
//! is a plain ordinal comparison; where it branches it is the documented split rule above.
//!
//! A state is *farsighted-stable* (at horizon `h`) where nobody wants to move, alone or in a
//! settlement. With two decision makers, one binary option each, no settlements and `h = 4`,
//! farsighted stability is the nonmyopic equilibrium of the theory of moves (the four moves
//! of a 2x2 game return play to the start); `tests/farsighted.rs` reproduces Brams and Ismail's
//! count of nonmyopic cooperative outcomes among the 2x2 conflict games.
//!
//! The *evolution* from a state applies the value repeatedly: from the start, the standoff
//! moves to the value's final states; where a final state is not farsighted-stable itself, play
//! continues from there. This is a Markov chain over the states play reaches, solved exactly
//! (absorption probabilities, by strongly connected components; see `chain.rs`): a stable state
//! ends play, and where play can only cycle among some states forever (a closed class of the
//! chain), those states are reported as *unsettled*, each with its long-run share of the
//! probability that enters the cycle (the class's stationary distribution).
//!
//! # Complexity
//!
//! Values are memoised per `(state, last mover, moves left)`: at most `states x (parties + 1)
//! x (h + 1)` nodes, each weighing every move of every candidate (and every settlement) once.
//! Nodes live in flat arenas (no allocation per node); a node keeps every party's rating
//! (ratings are expected ranks, so a mixture's rating is the mixture of its parts'), and the
//! evolution pushes probabilities down the nodes below a start instead of building each
//! node's distribution. The evolution then takes time linear in the states and moves it reaches,
//! plus a cubic solve per cycle of states (cycles are small).
//! Joint moves are tabulated once per model and state ([`MoveGraph`]), for the states play
//! visits, in time linear in the feasible states per state visited (the worst case, quadratic,
//! bounded by [`crate::Limits::max_work`] up front).

mod chain;
mod evolve;
mod graph;
mod play;

pub use evolve::{Evolution, FarStep, Reason};
pub use graph::MoveGraph;
pub use play::Play;

/// How parties look ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FarsightedOptions {
    /// Moves looked ahead (`h`); 4 is the theory of moves' cycle for two parties.
    pub horizon: usize,
    /// True where parties may settle: joint moves every mover strictly prefers.
    pub joint_moves: bool,
}

impl FarsightedOptions {
    /// The default for `parties` parties: a horizon of two moves per party (every party can
    /// answer and be answered), settlements allowed.
    pub fn for_parties(parties: usize) -> FarsightedOptions {
        FarsightedOptions {
            horizon: (2 * parties).max(2),
            joint_moves: true,
        }
    }
}
