//! Budgets: exceeding one is a typed error with the figures, never a hang or an OOM.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use standoff::{
    Analysis, AnalysisError, AnalysisOptions, GraphModel, LimitError, Limits, Reachability,
};

fn model() -> GraphModel {
    let mut b = GraphModel::builder("grid");
    for d in 0..3 {
        b = b.decision_maker(format!("D{d}"), (0..4).map(move |k| format!("o{d}{k}")));
    }
    for d in 0..3 {
        b = b.priorities(
            format!("D{d}"),
            [
                format!("o{d}0 | o{}1", (d + 1) % 3),
                format!("!o{}2", (d + 2) % 3),
                format!("o{d}3"),
            ],
        );
    }
    b.build().unwrap()
}

#[test]
fn work_budget() {
    let m = model();
    let opts = AnalysisOptions {
        limits: Limits {
            max_work: 10_000,
            ..Limits::default()
        },
        ..AnalysisOptions::default()
    };
    match Analysis::run(&m, &opts) {
        Err(AnalysisError::Limit(LimitError::Work { spent, limit })) => {
            assert_eq!(limit, 10_000);
            assert!(spent > 10_000);
        }
        other => panic!("{other:?}"),
    }
    // The default budget is ample for this model, under both readings.
    for reachability in [Reachability::LegalSequences, Reachability::DistinctMovers] {
        assert!(Analysis::run(
            &m,
            &AnalysisOptions {
                reachability,
                ..AnalysisOptions::default()
            }
        )
        .is_ok());
    }
}

#[test]
fn memory_budget_is_checked_before_allocating() {
    let m = model();
    let opts = AnalysisOptions {
        limits: Limits {
            max_memory: 1000,
            ..Limits::default()
        },
        ..AnalysisOptions::default()
    };
    match Analysis::run(&m, &opts) {
        Err(AnalysisError::Limit(LimitError::Memory { needed, limit })) => {
            assert_eq!(limit, 1000);
            assert!(needed > 4096 * 12);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn cancellation() {
    let m = model();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let cancel = Arc::new(move || {
        seen.fetch_add(1, Ordering::Relaxed);
        true
    });
    let opts = AnalysisOptions {
        limits: Limits {
            cancel: Some(cancel),
            ..Limits::default()
        },
        threads: 1,
        ..AnalysisOptions::default()
    };
    assert_eq!(
        Analysis::run(&m, &opts).unwrap_err(),
        AnalysisError::Limit(LimitError::Cancelled)
    );
    assert!(calls.load(Ordering::Relaxed) >= 1);
    assert_eq!(LimitError::Cancelled.to_string(), "cancelled");
}

#[test]
fn limit_messages_carry_the_figures() {
    assert_eq!(
        LimitError::Work {
            spent: 12,
            limit: 10
        }
        .to_string(),
        "analysis needs more than 10 units of work (spent 12)"
    );
    assert_eq!(
        LimitError::States {
            count: 70,
            limit: 64
        }
        .to_string(),
        "model has at least 70 feasible states, more than the limit of 64"
    );
}
