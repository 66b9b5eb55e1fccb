//! Strategies for the outlook's inputs: reference classes and blends.

use proptest::prelude::*;

use crate::resolve::{Blend, ReferenceClass};
use crate::scenario::OutcomeCode;

/// Reference classes of up to 60 cases per outcome code, at least one case in all.
pub fn reference_class() -> impl Strategy<Value = ReferenceClass> {
    (prop::array::uniform6(0u64..=60), 0usize..6).prop_filter_map(
        "a class counts a case",
        |(mut counts, nonzero)| {
            counts[nonzero] = counts[nonzero].max(1);
            let pairs: Vec<(OutcomeCode, u64)> = OutcomeCode::ALL.into_iter().zip(counts).collect();
            ReferenceClass::from_counts("generated", &pairs).ok()
        },
    )
}

/// Blends of a [`reference_class`] with a weight from 0 to 1 (both ends included).
pub fn blend() -> impl Strategy<Value = Blend> {
    (
        reference_class(),
        prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64],
    )
        .prop_filter_map("a weight from 0 to 1", |(class, weight)| {
            Blend::new(class, weight).ok()
        })
}
