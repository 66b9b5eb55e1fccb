//! Sensitivity and inverse analysis of preferences.
//!
//! - **Inverse analysis** ([`make_equilibrium`]): the smallest changes to the decision makers'
//!   preferences that make a desired state an equilibrium under a concept.
//! - **Sensitivity** ([`destroy_equilibrium`]): the single changes that would stop a predicted
//!   equilibrium from being one.
//!
//! # Edits
//!
//! A change is a sequence of [`PreferenceEdit`]s, each on one decision maker's preferences:
//!
//! - `ranking` preferences (tiers, most preferred first):
//!   - [`PreferenceEdit::MoveUp`]: a state leaves its tier and joins the tier above (a tier
//!     left empty disappears); not available in the top tier.
//!   - [`PreferenceEdit::MoveDown`]: the same toward the tier below; not in the bottom tier.
//!   - [`PreferenceEdit::SplitTie`]: a state that shares its tier leaves it for a new tier of
//!     its own directly above or below its former tier mates (an equality becomes a strict
//!     preference).
//! - `priorities` preferences (conditions, most important first):
//!   - [`PreferenceEdit::SwapPriorities`]: two adjacent conditions change places.
//!   - [`PreferenceEdit::DropPriority`]: a condition is removed.
//!
//! Positions and tiers always refer to the preferences as they are when the edit applies
//! (after the edits before it).
//!
//! # Search
//!
//! Breadth first by number of edits, so the first solutions found use the fewest edits;
//! every distinct edited preference profile is examined once. Two facts make it exact without
//! enumerating rankings:
//!
//! - Under Nash, GMR and SMR, whether a state d is stable for decision maker i depends on i's
//!   preferences only, and only through the set U_i of states i strictly prefers to d; the
//!   verdict can only improve as U_i shrinks. So the decision makers are searched one at a
//!   time (the fewest total edits is the sum of each one's fewest), and a ranking edit can only
//!   help if it moves d or a state of U_i: edits of states at or below d's tier either leave
//!   U_i and the tiers above d unchanged or add to U_i. SEQ and SIM depend on the others'
//!   preferences too (their improvements), and are searched over all decision makers jointly
//!   with every edit.
//! - Each candidate is checked at d alone with the direct search of
//!   [`crate::stability::explain::explain`], on the model with the edited payoffs.
//!
//! Every reported solution is then rebuilt as a graph-model file
//! ([`crate::GraphModel::from_file`]) and verified with [`crate::Analysis::run`]; a
//! disagreement is reported as [`SensitivityError::Verification`], never silently.

mod apply;
mod context;
mod destroy;
mod edits;
mod error;
mod inverse;
mod options;
mod search;
mod verify;

pub use self::apply::{apply_edits, desired_state, single_edits};
pub use self::destroy::{destroy_equilibrium, DestroyingEdit, Destruction};
pub use self::edits::{EditStep, PreferenceEdit};
pub use self::error::SensitivityError;
pub use self::inverse::{make_equilibrium, EditSolution, InverseResult};
pub use self::options::{SensitivityOptions, DEFAULT_MAX_EDITS, DEFAULT_MAX_SOLUTIONS};
