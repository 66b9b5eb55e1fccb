//! Coalition analysis: decision makers grouped into coalitions that move and sanction
//! together.
//!
//! Definitions implemented (after Kilgour, Hipel, Fang and Peng, "Coalition analysis in group
//! decision support", *Group Decision and Negotiation* 10 (2001) 159-175, and Inohara and
//! Hipel, "Coalition analysis in the graph model for conflict resolution", *Systems
//! Engineering* 11 (2008) 343-359), with the notation of the spec (section 2):
//!
//! - A **partition** of the decision makers N into coalitions H_1, ..., H_m.
//! - A **coalition move** of H from s: a move to a feasible state that differs from s in a
//!   non-empty subset of the options of H's members (the union of their options), every changed
//!   option changing in an allowed direction. Members' options may change in one step.
//! - A **coalition improvement** of H from s: a coalition move to t with t >_k s for *every*
//!   member k of H. For a coalition, t >_H s means exactly that; t <=_H s means "not t >_H s",
//!   i.e. at least one member does not strictly prefer t.
//! - **Stability with coalitions as players**: the spec's Nash, GMR, SMR and SEQ with the
//!   coalitions of the partition in place of decision makers, and "not preferred" is <=_H.
//!   The sanctioning sequences are coalition moves by the *other* coalitions (for SEQ every
//!   move is a coalition improvement of its mover), read in one of two ways
//!   ([`CoalitionOptions::reachability`]):
//!   - `legal_sequences` (default): any number of moves, no coalition twice in a row; the
//!     sanction ends where the sequence ends. For SMR, H escapes from the sanction's end s2
//!     by *any* coalition move to a state s3 with s3 >_H s: s2 sanctions only if every
//!     coalition move of H from s2 leads to s3 <=_H s.
//!   - `distinct_movers` (GMCR+): each other coalition moves at most once, in any order, and
//!     every state along the chain counts as the sanction's end. For SMR, an escape must
//!     also be a coalition *improvement from s2*: s2 sanctions unless some coalition move of
//!     H from s2 reaches s3 with s3 >_H s and s3 >_H s2.
//!
//!   With every coalition a single decision maker both readings are exactly the spec's
//!   analysis under the same reading (for one decision maker, s2 <=_i s <_i s3 already gives
//!   s3 >_i s2, so the escape rules agree). For a coalition of two or more they can differ
//!   even with two coalitions: see the worked example in `docs/graph-model-format.md`.
//! - **Coalitional stability** of a state s for a decision maker i under a concept: s is stable
//!   for i, and for every coalition H of two or more decision makers containing i, every
//!   coalition improvement of H from s is sanctioned, the sanctions coming from the decision
//!   makers outside H acting individually (the partition made of H and singletons). Put
//!   differently: for every H containing i, singleton included, H is stable at s in the
//!   partition {H} + singletons.
//!
//! SIM is not defined for coalitions here and is rejected with a typed error.

mod analysis;
mod coalitional;
mod distinct;
mod error;
mod explain;
mod moves;
mod partition;
mod stability;

pub use self::analysis::{
    analyze_partitions, CoalitionAnalysis, CoalitionOptions, CoalitionReport, PartitionsAnalysis,
    COALITION_FORMAT,
};
pub use self::coalitional::{
    coalitional_stability, Blocked, CoalitionalStability, MAX_COALITION_DECISION_MAKERS,
};
pub use self::error::CoalitionError;
pub use self::explain::{
    explain_coalition, CoalitionExplanation, CoalitionImprovementCheck, CoalitionMove,
    CoalitionSanction,
};
pub use self::moves::{coalition_improvements, coalition_moves};
pub use self::partition::{coalition_label, partitions, Partition, MAX_PARTITION_DECISION_MAKERS};
pub(crate) use self::stability::stable_sets;
