//! Limited-move stability L(h) and non-myopic stability, for two decision makers.
//!
//! # Definition implemented
//!
//! After Kilgour, Hipel and Fraser, "Solution concepts in non-cooperative games", *Large Scale
//! Systems* 6 (1984) 49-71; Kilgour, "Anticipation and stability in two-person
//! non-cooperative games", in *Dynamic Models of International Conflict* (Ward and
//! Luterbacher, eds., 1985); Fang, Hipel and Kilgour, "Conflict models in graph form: solution
//! concepts and their interrelationships", *European Journal of Operational Research* 41
//! (1989) 86-100, and their book *Interactive Decision Making: The Graph Model for Conflict
//! Resolution* (Wiley, 1993). Non-myopic stability generalises the farsighted reasoning of
//! Brams and Wittman, "Nonmyopic equilibria in 2x2 games", *Conflict Management and Peace
//! Science* 6 (1981) 39-62, to the graph model.
//!
//! With decision makers i and j (the other one written j), `G_h(i, s)` is the state that i
//! anticipates when it is i's turn at s and at most h moves remain, the two moving alternately:
//!
//! - `G_0(i, s) = s`.
//! - For h >= 1, each move of i from s to t leads to the anticipated outcome `G_{h-1}(j, t)`.
//!   If some outcome is strictly preferred by i to s, i takes the move whose outcome it
//!   prefers most and `G_h(i, s)` is that outcome; otherwise i stays, the play ends, and
//!   `G_h(i, s) = s`.
//! - s is **L(h)-stable** for i when i stays at s with h moves to go; L(1) is Nash stability.
//!   An L(h) equilibrium is L(h)-stable for both.
//! - s is **non-myopically stable** for i when it is L(h)-stable for i for every sufficiently
//!   large h (the limit of L(h) as h grows). The anticipated outcomes `G_h` of both decision
//!   makers at level h determine level h + 1, so the sequence is eventually periodic; each
//!   verdict is `stable` (stable at every horizon of the cycle), `unstable` (at none) or
//!   `oscillating` (the limit does not exist).
//!
//! Ties: with strict preferences (the setting of the sources) the choice is unique. With ties
//! the anticipated state may not be unique (Rêgo and Vieira, "On some properties of limited
//! move stability, generalized metarationality, and policy equilibrium in bilateral
//! conflicts", *Discrete Applied Mathematics*, 2024). This implementation fixes the rule: a
//! decision maker moves only for a strictly preferred outcome, and among moves whose outcomes
//! it likes equally it takes the target with the lowest canonical number.

mod error;
mod explain;
mod game;
mod horizon;
mod non_myopic;
mod options;

pub use self::error::LimitedMoveError;
pub use self::explain::{explain_limited_move, AnticipatedReply, LimitedMoveExplanation};
pub use self::horizon::{
    limited_move, LimitedMove, LimitedMoveReport, LimitedMoveVerdict, VerdictReport,
    LIMITED_MOVE_FORMAT,
};
pub use self::non_myopic::{non_myopic, NonMyopic, NonMyopicStatus, NonMyopicVerdict};
pub use self::options::{LimitedMoveOptions, DEFAULT_MAX_HORIZON};
