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
//!   coalitions of the partition in place of decision makers: the sanctioning sequences are legal
//!   sequences of coalition moves by the *other* coalitions (no coalition twice in a row; for
//!   SEQ every move is a coalition improvement of its mover), and "not preferred" is <=_H.
//!   For SMR, every coalition move of H from the sanction's end must lead to a state t with
//!   t <=_H s. With every coalition a single decision maker this is exactly the spec's
//!   analysis under `legal_sequences`; the `distinct_movers` reading is not offered for
//!   coalitions.
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
