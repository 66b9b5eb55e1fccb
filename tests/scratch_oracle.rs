mod oracle;
use oracle::random::{document, feasible_masks, params, Layout};
use oracle::Reading;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

#[test]
fn scratch() {
    let mut runner = TestRunner::deterministic();
    let strat = params();
    let (mut empty, mut differ, mut total, mut max_t) = (0, 0, 0, 0u128);
    let mut an = 0u128;
    let mut by_dms = [0usize; 5];
    let mut feas_sizes = 0usize;
    let start = std::time::Instant::now();
    for case in 0..3000 {
        let p = strat.new_tree(&mut runner).unwrap().current();
        let doc = document(&p, &Layout::identity(&p));
        if case < 3 {
            println!("{}", serde_json::to_string_pretty(&doc).unwrap());
        }
        if feasible_masks(&p).is_empty() {
            empty += 1;
            assert!(oracle::analyze(&doc, Reading::LegalSequences).is_err());
            continue;
        }
        total += 1;
        by_dms[p.n_dms()] += 1;
        feas_sizes += feasible_masks(&p).len();
        let t = std::time::Instant::now();
        let a = oracle::analyze(&doc, Reading::LegalSequences).unwrap();
        let b = oracle::analyze(&doc, Reading::DistinctMovers).unwrap();
        max_t = max_t.max(t.elapsed().as_millis());
        an += t.elapsed().as_micros();
        if a["stability"] != b["stability"] {
            differ += 1;
        }
    }
    println!("analysis ms {} elapsed {:?} total {total} empty {empty} differ {differ} by_dms {by_dms:?} avg feasible {} max ms {max_t}", an/1000, start.elapsed(), feas_sizes as f64 / total as f64);
}
